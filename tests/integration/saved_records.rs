//! What a lesson types is what the platform saves: `create-process` run against a replica this test
//! starts itself (as a "real" instance, so the records stay readable here), then the process it created
//! is read back from the replica's store.

use crate::util::{bin, require_browser, run, stderr};
use replica::{Flavour, Replica, ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};

#[test]
fn create_process_saves_what_the_lesson_typed_in_every_language() {
    require_browser();
    let rt = tokio::runtime::Runtime::new().unwrap();
    // The OSP demo's flavour: an organization whose default language is French, an admin reading French.
    let replica = rt
        .block_on(Replica::start(ReplicaOptions::for_flavour(Flavour::Osp)))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = run(bin()
        .args([
            "run",
            "create-process",
            "--allow-writes",
            "--browser-lang",
            "fr-FR,fr",
        ])
        .args(["--base-url", replica.base_url(), "--out"])
        .arg(dir.path())
        .env("DECIDIM_EMAIL", ADMIN_EMAIL)
        .env("DECIDIM_PASSWORD", ADMIN_PASSWORD));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let process = replica
        .state()
        .store()
        .processes
        .iter()
        .find(|p| p.slug.starts_with("explorer-"))
        .cloned()
        .expect("the lesson created a process");
    let tr = |t: &std::collections::BTreeMap<String, String>, l: &str| {
        t.get(l).cloned().unwrap_or_default()
    };
    for l in ["fr", "en"] {
        assert!(
            tr(&process.title, l).starts_with("Explorer process "),
            "title_{l}: {:?}",
            process.title
        );
        assert_eq!(
            tr(&process.subtitle, l),
            "Created by decidim-explorer",
            "subtitle_{l}"
        );
        // The rich-text fields hold what TipTap wrote into Decidim's hidden inputs.
        assert_eq!(
            tr(&process.short_description, l),
            "<p>A process created during an admin lesson.</p>",
            "short_description_{l}"
        );
        assert_eq!(
            tr(&process.description, l),
            "<p>This process shows how a participatory process is created in Decidim's admin.</p>",
            "description_{l}"
        );
    }
    rt.block_on(replica.shutdown());
}
