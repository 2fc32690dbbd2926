//! `stability`: rounds of the same scenario against a replica whose fault fires once; the step
//! it breaks must come out flaky, with the failing round's evidence kept and the others gone.

use crate::util::{bin, json, processes_mentioning, require_browser, stderr};
use replica::{Fault, Replica, ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};

const SCENARIO: &str = r#"
id = "wobbly"
title = { en = "A page that fails once", fr = "Une page qui échoue une fois" }
writes = false

[[steps]]
action = "goto"
url = "/processes"
timeout = "5s"
narration = { en = "Open the processes.", fr = "Ouvrir les concertations." }

[[steps]]
action = "expect_text"
text = "Active processes"
timeout = "5s"
narration = { en = "See the list.", fr = "Voir la liste." }
"#;

#[test]
fn a_fault_that_fires_once_makes_its_step_flaky_and_keeps_only_the_failing_round() {
    require_browser();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let replica = rt
        .block_on(Replica::start(ReplicaOptions::default()))
        .unwrap();
    replica
        .faults()
        .set_times("/processes", Fault::Status(500), 1);
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let file = dir.path().join("wobbly.toml");
    std::fs::write(&file, SCENARIO).unwrap();
    let out_dir = dir.path().join("out");

    let out = bin()
        .arg("stability")
        .arg(&file)
        .args(["--rounds", "3", "--base-url", replica.base_url(), "--out"])
        .arg(&out_dir)
        .env("DECIDIM_EMAIL", ADMIN_EMAIL)
        .env("DECIDIM_PASSWORD", ADMIN_PASSWORD)
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    rt.block_on(replica.shutdown());
    let err = stderr(&out);

    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("FLAKY"), "{err}");
    let report = json(&out_dir.join("stability.json"));
    assert_eq!(report["rounds_planned"], 3, "{report:#}");
    assert_eq!(report["rounds"].as_array().unwrap().len(), 3, "{report:#}");
    // A goto resolves on an error page (as Playwright's does); what follows fails on it, with
    // the status named.
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(steps[0]["verdict"], "stable", "{report:#}");
    assert_eq!(steps[0]["passed"], 3, "{report:#}");
    assert_eq!(steps[1]["verdict"], "flaky", "{report:#}");
    assert_eq!(steps[1]["failed_in"], serde_json::json!([1]), "{report:#}");
    assert_eq!(steps[1]["passed"], 2, "{report:#}");
    let message = steps[1]["messages"][0]["message"].as_str().unwrap();
    assert!(message.starts_with("HTTP 500 at /processes"), "{message}");

    assert!(out_dir.join("round-001/summary.json").is_file());
    assert!(out_dir.join("round-001/junit.xml").is_file());
    assert!(!out_dir.join("round-002").exists());
    assert!(!out_dir.join("round-003").exists());
    let md = std::fs::read_to_string(out_dir.join("stability.md")).unwrap();
    assert!(md.contains("`wobbly` step 2"), "{md}");
    assert!(md.contains("in round 1"), "{md}");

    let left = processes_mentioning(&tmp.display().to_string());
    assert!(left.is_empty(), "processes left behind: {left:#?}");
}
