//! `inventory` on the replica (read-only, proven by its request log), then `gap` against the two
//! fixture notices: the exact sets of covered and partial features, and undocumented fields.

use crate::util::{bin, json, require_browser, run, stderr};
use std::collections::BTreeSet;
use std::path::Path;

fn inventory(out: &Path, extra: &[&str]) {
    let o = run(bin().arg("inventory").args(extra).arg("--out").arg(out));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The crawl only read: the replica logged every request it got.
    let requests = json(&out.join("replica-requests.json"));
    let writes: BTreeSet<(String, String)> = requests
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] != "GET")
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_string(),
                r["path"]
                    .as_str()
                    .unwrap()
                    .split('?')
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let login: BTreeSet<(String, String)> = [
        ("POST", "/users/sign_in"),
        ("PUT", "/admin/admin_terms/accept"),
    ]
    .into_iter()
    .map(|(m, p)| (m.to_string(), p.to_string()))
    .collect();
    assert_eq!(
        writes, login,
        "the crawl sent a request that is not GET (other than logging in)"
    );
    let gets = requests
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "GET")
        .count();
    assert!(gets > 100, "only {gets} pages read");
}

fn gap(
    notice: &str,
    inventory: &Path,
    out: &Path,
    fail_on: Option<&str>,
) -> (Option<i32>, serde_json::Value) {
    let mut cmd = bin();
    cmd.args(["gap", "--notice", notice, "--inventory"])
        .arg(inventory.join("inventory.json"))
        .arg("--out")
        .arg(out);
    if let Some(f) = fail_on {
        cmd.args(["--fail-on", f]);
    }
    let o = run(&mut cmd);
    (o.status.code(), json(&out.join("gap-report.json")))
}

fn ids(report: &serde_json::Value, status: &str) -> BTreeSet<String> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == status)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn missing_fields(report: &serde_json::Value, id: &str) -> Vec<String> {
    let row = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap();
    row["missing_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_english_antora_notice_has_exactly_the_expected_gaps() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inv");
    inventory(&inv, &[]);
    let (code, report) = gap(
        "fixtures/notices/antora-en",
        &inv,
        &dir.path().join("gap"),
        Some("missing"),
    );
    assert_eq!(
        code,
        Some(1),
        "--fail-on missing fails: the notice leaves features out"
    );
    assert_eq!(report["lang"], "en");
    assert_eq!(
        ids(&report, "covered"),
        set(&[
            "assembly.create",
            "assembly.members",
            "component.proposals.add",
            "component.surveys.add",
            "impersonation.start",
            "participant.officialize",
            "process.create",
            "process.phases",
            "proposal.answer",
            "scope.manage",
        ])
    );
    assert_eq!(
        ids(&report, "partial"),
        set(&[
            "component.meetings.add",
            "component.pages.add",
            "process.group"
        ])
    );
    // The notice's field table names Title, URL slug and Short description; the form has more.
    let process = missing_fields(&report, "process.create");
    for documented in ["Title", "URL slug", "Short description"] {
        assert!(
            !process.contains(&documented.to_string()),
            "{documented} is documented: {process:?}"
        );
    }
    for undocumented in [
        "Subtitle",
        "Hashtag",
        "Announcement",
        "Start date",
        "End date",
        "Promoted",
    ] {
        assert!(
            process.contains(&undocumented.to_string()),
            "{undocumented} missing from {process:?}"
        );
    }
    assert_eq!(
        missing_fields(&report, "scope.manage"),
        ["Name", "Code", "Scope type"]
    );
    // The self-contained report embeds the admin screenshots and loads nothing from the network.
    let html = std::fs::read_to_string(dir.path().join("gap/gap-report.html")).unwrap();
    assert!(html.contains("<img src=\"data:image/png;base64,"));
    assert!(!html.contains("src=\"http"));
    let remarks = std::fs::read_to_string(dir.path().join("gap/remarks.md")).unwrap();
    assert!(
        remarks.contains("The manual does not describe this admin feature"),
        "{remarks}"
    );
}

#[test]
fn the_french_help_centre_notice_has_exactly_the_expected_gaps() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inv");
    // Crawl the OSP demo's admin in French, so that field labels compare with the notice's.
    inventory(
        &inv,
        &["--replica-locale", "fr", "--browser-lang", "fr-FR,fr"],
    );
    let (code, report) = gap(
        "fixtures/notices/help-centre-fr",
        &inv,
        &dir.path().join("gap"),
        None,
    );
    assert_eq!(code, Some(0));
    assert_eq!(report["lang"], "fr");
    assert_eq!(
        ids(&report, "covered"),
        set(&[
            "admin.invite",
            "component.add",
            "component.meetings.add",
            "newsletter.send",
            "process.create",
            "process.phases",
            "scope.manage",
            "static_page.manage",
        ])
    );
    assert_eq!(
        ids(&report, "partial"),
        set(&[
            "component.accountability.add",
            "component.budgets.add",
            "component.pages.add",
            "component.proposals.add",
            "component.surveys.add",
            "conference.invites",
            "meeting.close",
            "meeting.registrations",
            "moderation.global",
            "moderation.space",
            "osp.budgets_booth",
            "participant.show_email",
        ])
    );
    assert_eq!(
        missing_fields(&report, "process.create"),
        [
            "Rang d'affichage",
            "Hashtag",
            "Annonce",
            "Date de début",
            "Date de fin",
            "Processus privé",
            "Mis en avant",
            // The OSP demo's process form has the emitter module's section (the default flavour is osp).
            "Récupérez un logo d’organisateur déjà existant sur cette plateforme",
            "Nom du nouveau logo",
            "Sélectionnez un fichier"
        ]
    );
    let remarks = std::fs::read_to_string(dir.path().join("gap/remarks.md")).unwrap();
    assert!(
        remarks.contains("La notice ne décrit pas cette fonctionnalité"),
        "{remarks}"
    );
}
