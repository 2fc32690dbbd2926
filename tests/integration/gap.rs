//! `inventory` on the replica (read-only, proven by its request log), then `gap` against the two
//! fixture notices: the exact sets of covered and partial features, and undocumented fields.

use crate::util::{bin, json, require_browser, run, stderr};
use std::collections::{BTreeMap, BTreeSet};
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
    let login: BTreeSet<(String, String)> = [("POST", "/users/sign_in")]
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

/// The replica's spaces hold a component of each type: the crawl visits each type's manage page
/// and settings form, maps them to that type's feature, and keeps error pages out.
fn every_component_type_is_seen_and_no_error_page_is_a_page(inv: &Path) {
    let inventory = json(&inv.join("inventory.json"));
    let pages = inventory["pages"].as_array().unwrap();
    let manage: BTreeMap<String, Vec<String>> = pages
        .iter()
        .filter(|p| {
            p["pattern"]
                .as_str()
                .unwrap()
                .ends_with("/components/:id/manage")
        })
        .map(|p| {
            let features = p["features"].as_array().unwrap();
            (
                p["component_type"].as_str().unwrap_or("?").to_string(),
                features
                    .iter()
                    .map(|f| f.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let expected = [
        ("proposals", "component.proposals.add"),
        ("meetings", "component.meetings.add"),
        ("budgets", "component.budgets.add"),
        ("surveys", "component.surveys.add"),
        ("debates", "component.debates.add"),
        ("accountability", "component.accountability.add"),
        ("blogs", "component.blog.add"),
        ("pages", "component.pages.add"),
        ("sortitions", "component.sortitions.add"),
    ];
    for (kind, feature) in expected {
        assert_eq!(
            manage.get(kind).map(Vec::as_slice),
            Some([feature.to_string()].as_slice()),
            "{kind}: {manage:?}"
        );
        assert!(
            pages.iter().any(|p| p["component_type"] == kind
                && p["pattern"]
                    .as_str()
                    .unwrap()
                    .ends_with("/components/:id/edit")),
            "{kind}'s settings form not visited"
        );
    }
    let errors: Vec<&serde_json::Value> = inventory["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["reason"].as_str().unwrap().starts_with("HTTP 4"))
        .collect();
    assert!(
        !errors.is_empty(),
        "the replica links to pages it lacks: they are skipped"
    );
    for e in &errors {
        let url = e["url"].as_str().unwrap();
        assert!(
            !pages.iter().any(|p| p["url"] == url),
            "error page {url} recorded as a page"
        );
    }
}

#[test]
fn the_english_antora_notice_has_exactly_the_expected_gaps() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inv");
    inventory(&inv, &[]);
    every_component_type_is_seen_and_no_error_page_is_a_page(&inv);
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
        // "its pages" names pages in passing, whichever they are; meetings are named nowhere.
        set(&["component.pages.add", "process.group", "static_page.manage"])
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
    // A remark per gap, ready to paste: where it would go (the page documenting its siblings), the
    // admin page, the fields to describe, the screenshot copied next to the remarks.
    assert!(
        remarks.contains("## Invite organization admins — Missing"),
        "{remarks}"
    );
    assert!(
        remarks.contains("- Where in the manual: in [Participants]("),
        "{remarks}"
    );
    assert!(
        remarks.contains("- Fields to describe: Name, Email, Role"),
        "{remarks}"
    );
    assert!(remarks.contains("![Invite organization admins](img/admin.invite.png)"));
    assert!(dir.path().join("gap/img/admin.invite.png").is_file());
    // As committed, the notice's two pictures are not on disk: listed, not compared.
    let shots = report["screenshots"].as_array().unwrap();
    assert_eq!(shots.len(), 2, "{shots:?}");
    assert!(shots.iter().all(|c| c["verdict"] == "not_compared"));

    manual_screenshots_are_compared_with_todays_pages(&inv, dir.path());
}

/// The notice with its two pictures: part of today's new-process form (up to date), and a page of
/// an older design for the assembly members (outdated), shown side by side with today's page.
fn manual_screenshots_are_compared_with_todays_pages(inv: &Path, dir: &Path) {
    let notice = dir.join("notice");
    copy_dir(Path::new("fixtures/notices/antora-en"), &notice);
    let images = notice.join("docs/en/modules/admin/assets/images");
    let inventory = json(&inv.join("inventory.json"));
    let new_process = inventory["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["pattern"] == "/admin/participatory_processes/new")
        .expect("the inventory saw the new-process form");
    let today = image::open(inv.join(new_process["screenshot"].as_str().unwrap())).unwrap();
    let (w, h) = (today.width(), today.height());
    let part = today.crop_imm(w / 6, h / 10, w * 2 / 3, h * 2 / 3);
    std::fs::create_dir_all(images.join("processes")).unwrap();
    part.save(images.join("processes/new_process_form.png"))
        .unwrap();
    // An older design: a tall dark header, a light column on the right, blue cards.
    let old = image::RgbImage::from_fn(1280, 800, |x, y| {
        if y < 160 {
            image::Rgb([40, 40, 40])
        } else if x > 1000 {
            image::Rgb([200, 200, 200])
        } else if (y / 120) % 2 == 0 && x % 330 < 300 {
            image::Rgb([150, 190, 230])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    std::fs::create_dir_all(images.join("assemblies")).unwrap();
    old.save(images.join("assemblies/members.png")).unwrap();

    let out = dir.join("gap-shots");
    let (_, report) = gap(notice.to_str().unwrap(), inv, &out, None);
    let verdict = |image: &str| {
        report["screenshots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["image"] == image)
            .unwrap_or_else(|| panic!("{image} not checked: {}", report["screenshots"]))
            .clone()
    };
    let process = verdict("processes/new_process_form.png");
    assert_eq!(process["verdict"], "up_to_date", "{process}");
    assert_eq!(process["feature"], "process.create");
    let members = verdict("assemblies/members.png");
    assert_eq!(members["verdict"], "outdated", "{members}");
    assert_eq!(members["feature"], "assembly.members");
    assert!(
        members["page"].as_str().unwrap().contains("members"),
        "{members}"
    );
    let html = std::fs::read_to_string(out.join("gap-report.html")).unwrap();
    let pair = &html[html
        .find("class=\"pair\"")
        .expect("old and new side by side")..];
    assert_eq!(
        pair[..pair.find("</div>").unwrap()]
            .matches("src=\"data:image/webp;base64,")
            .count(),
        2
    );
    let md = std::fs::read_to_string(out.join("gap-report.md")).unwrap();
    assert!(md.contains("## Manual screenshots to redo"), "{md}");
    assert!(md.contains("`assemblies/members.png`"), "{md}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
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
            "meeting.close",
            "meeting.registrations",
            "moderation.global",
            "moderation.space",
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

#[test]
fn inventory_diff_from_core_to_osp_names_what_osp_adds_and_the_sections_to_revise() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let (core, osp) = (dir.path().join("core"), dir.path().join("osp"));
    inventory(&core, &["--replica-flavour", "core"]);
    inventory(&osp, &["--replica-flavour", "osp"]);
    let out = dir.path().join("diff");
    let o = run(bin()
        .args(["inventory", "diff"])
        .arg(&core)
        .arg(&osp)
        .args(["--notice", "fixtures/notices/antora-en", "--out"])
        .arg(&out));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = json(&out.join("inventory-diff.json"));
    let changes = d["changes"].as_array().unwrap();
    let of = |kind: &str| -> Vec<&serde_json::Value> {
        changes.iter().filter(|c| c["kind"] == kind).collect()
    };
    // OSP's modules bring admin pages of their own; core loses none.
    let added: Vec<&str> = of("page_added")
        .iter()
        .map(|c| c["page"].as_str().unwrap())
        .collect();
    for module in ["/admin/term_customizer", "/admin/decidim_awesome"] {
        assert!(
            added.iter().any(|p| p.starts_with(module)),
            "{module} not added: {added:?}"
        );
    }
    assert!(of("page_removed").is_empty(), "{:?}", of("page_removed"));
    // Its extra component types, and nothing of the export menus that share their markup.
    let types: Vec<&str> = of("component_type_added")
        .iter()
        .map(|c| c["item"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"Awesome Map"), "{types:?}");
    assert!(!types.iter().any(|t| t.contains("Export")), "{types:?}");
    // decidim-app's "Destroy" for "Delete" on the assembly members page, and the notice section
    // that documents that page.
    let members = changes
        .iter()
        .find(|c| {
            c["kind"] == "action_added"
                && c["item"] == "Destroy"
                && c["page"] == "/admin/assemblies/:slug/members"
        })
        .expect("Destroy on the members page");
    assert_eq!(
        members["revise"][0]["breadcrumb"],
        "Spaces › Assemblies › Members"
    );
    assert!(members["revise"][0]["link"]
        .as_str()
        .unwrap()
        .starts_with("file:///"));
    let md = std::fs::read_to_string(out.join("inventory-diff.md")).unwrap();
    assert!(md.starts_with("# What changed in the admin"), "{md}");
    assert!(md.contains("**page added**"), "{md}");
}

/// Statuses by feature, and the page (inside `pages/`) of each feature's evidence.
fn verdicts(report: &serde_json::Value) -> BTreeMap<String, (String, Option<String>)> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let page = r["evidence"]["link"].as_str().map(|l| {
                let after = l.split("/pages/").nth(1).unwrap_or(l);
                after.split('#').next().unwrap().to_string()
            });
            (
                r["id"].as_str().unwrap().to_string(),
                (r["status"].as_str().unwrap().to_string(), page),
            )
        })
        .collect()
}

fn gap_without_inventory(out: &Path, extra: &[&str]) -> (String, serde_json::Value) {
    let o = run(bin()
        .args(["gap", "--notice", "fixtures/notices/antora-en", "--out"])
        .arg(out)
        .args(extra));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (stderr(&o), json(&out.join("gap-report.json")))
}

#[test]
fn the_evaluation_on_the_teams_key_has_no_false_verdict_and_the_right_sections() {
    let dir = tempfile::tempdir().unwrap();
    let key = "fixtures/notices/antora-en.key.toml";
    let (err, _) = gap_without_inventory(dir.path(), &["--evaluate", key]);
    assert!(err.contains("false missing: 0 []"), "{err}");
    assert!(err.contains("false covered: 0 []"), "{err}");
    assert!(
        err.contains("right section: 100% of covered features"),
        "{err}"
    );
    let ev = json(&dir.path().join("evaluation.json"));
    let confusion = ev["confusion"].as_array().unwrap();
    let total: u64 = confusion
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, ev["features"].as_u64().unwrap());
    assert_eq!(ev["features"], 112);
    for (i, row) in confusion.iter().enumerate() {
        for (j, n) in row.as_array().unwrap().iter().enumerate() {
            assert!(i == j || n == 0, "off the diagonal: {confusion:?}");
        }
    }
}

#[test]
fn removing_a_page_of_the_notice_lowers_exactly_the_features_it_documented() {
    let dir = tempfile::tempdir().unwrap();
    let (_, base) = gap_without_inventory(&dir.path().join("base"), &[]);
    let before = verdicts(&base);
    let rank = |s: &str| {
        ["missing", "partial", "covered"]
            .iter()
            .position(|x| *x == s)
            .unwrap()
    };
    let pages: BTreeSet<String> = before.values().filter_map(|(_, p)| p.clone()).collect();
    assert!(pages.len() >= 6, "{pages:?}");
    for page in &pages {
        let out = dir.path().join(page.replace('/', "_"));
        let (_, mutated) = gap_without_inventory(&out, &["--drop-page", page]);
        let after = verdicts(&mutated);
        let documented: BTreeSet<&String> = before
            .iter()
            .filter(|(_, (s, p))| s != "missing" && p.as_ref() == Some(page))
            .map(|(id, _)| id)
            .collect();
        let changed: BTreeSet<&String> = before
            .iter()
            .filter(|(id, (s, _))| &after[*id].0 != s)
            .map(|(id, _)| id)
            .collect();
        assert_eq!(changed, documented, "dropping {page}");
        for id in changed {
            assert!(
                rank(&after[id].0) < rank(&before[id].0),
                "{id} did not go down when dropping {page}"
            );
        }
    }
    // The assemblies page documents both assembly features and holds the only mention of meetings.
    let (_, mutated) = gap_without_inventory(
        &dir.path().join("asm"),
        &["--drop-page", "spaces/assemblies.adoc"],
    );
    let after = verdicts(&mutated);
    for id in [
        "assembly.create",
        "assembly.members",
        "component.meetings.add",
    ] {
        assert_eq!(after[id].0, "missing", "{id}");
    }
}

#[test]
fn the_crawl_stops_before_accepting_the_admin_terms_unless_asked() {
    crate::util::require_browser();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let replica = rt
        .block_on(replica::Replica::start(replica::ReplicaOptions::default()))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The seeded admin has not accepted the terms: the crawl says so and changes nothing.
    let o = run(bin()
        .args(["inventory", "--max-pages", "3", "--base-url"])
        .arg(replica.base_url())
        .arg("--out")
        .arg(dir.path().join("refused"))
        .env("DECIDIM_EMAIL", replica::ADMIN_EMAIL)
        .env("DECIDIM_PASSWORD", replica::ADMIN_PASSWORD));
    let err = stderr(&o);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("has not accepted the admin terms"), "{err}");
    assert!(err.contains("--accept-admin-terms"), "{err}");
    let sent: Vec<_> = replica
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| format!("{} {}", r.method, r.path.split('?').next().unwrap_or("")))
        .collect();
    assert_eq!(sent, ["POST /users/sign_in"], "only the sign-in");

    // Asked to: it accepts them and crawls.
    let o = run(bin()
        .args([
            "inventory",
            "--max-pages",
            "3",
            "--accept-admin-terms",
            "--base-url",
        ])
        .arg(replica.base_url())
        .arg("--out")
        .arg(dir.path().join("accepted"))
        .env("DECIDIM_EMAIL", replica::ADMIN_EMAIL)
        .env("DECIDIM_PASSWORD", replica::ADMIN_PASSWORD));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let inventory = json(&dir.path().join("accepted/inventory.json"));
    assert_eq!(inventory["pages"].as_array().unwrap().len(), 3);
    rt.block_on(replica.shutdown());
}
