//! The CI runner end to end: `--jobs` (workers side by side on reused sessions), `--retries`
//! (a fault that fires once makes its scenario flaky in every report), `--fail-on-flaky`,
//! `--last-failed`, and `--partition` (shards that cover the suite once).

use crate::util::{bin, events, json, processes_mentioning, require_browser, stderr};
use replica::{Fault, Replica, ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};
use std::path::{Path, PathBuf};

/// What the replica's home page shows in every language.
const HOME: &str = "Open Source Politics Demo";

/// A read-only scenario: open `url`, see `text`.
fn reader(id: &str, url: &str, text: &str) -> String {
    format!(
        r#"
id = "{id}"
title = {{ en = "Read {id}", fr = "Lire {id}" }}
writes = false

[[steps]]
action = "goto"
url = "{url}"
timeout = "5s"
narration = {{ en = "Open the page.", fr = "Ouvrir la page." }}

[[steps]]
action = "expect_text"
text = "{text}"
timeout = "5s"
narration = {{ en = "See it.", fr = "La voir." }}
"#
    )
}

/// A folder of scenario files, a scratch TMPDIR, and the record `--last-failed` reads.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new(scenarios: &[(&str, String)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("scenarios")).unwrap();
        std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
        for (id, text) in scenarios {
            std::fs::write(dir.path().join(format!("scenarios/{id}.toml")), text).unwrap();
        }
        Workspace { dir }
    }

    fn scenarios(&self) -> PathBuf {
        self.dir.path().join("scenarios")
    }

    fn tmp(&self) -> PathBuf {
        self.dir.path().join("tmp")
    }

    /// `run` against `replica` with `args`, reports in `out/<name>`.
    fn run(&self, replica: &Replica, name: &str, args: &[&str]) -> (std::process::Output, PathBuf) {
        let out_dir = self.dir.path().join("out").join(name);
        let out = bin()
            .arg("run")
            .args(args)
            .arg("--scenario-dir")
            .arg(self.scenarios())
            .args(["--base-url", replica.base_url(), "--out"])
            .arg(&out_dir)
            .env("DECIDIM_EMAIL", ADMIN_EMAIL)
            .env("DECIDIM_PASSWORD", ADMIN_PASSWORD)
            .env(
                "DECIDIM_EXPLORER_LAST_FAILED",
                self.dir.path().join("last-failed.json"),
            )
            .env("TMPDIR", self.tmp())
            .output()
            .unwrap();
        (out, out_dir)
    }
}

/// A Rocket.Chat incoming webhook on loopback: its URL (with a token in the path, as a real
/// one has) and the JSON bodies posted to it.
async fn fake_rocketchat() -> (
    String,
    std::sync::Arc<std::sync::Mutex<Vec<serde_json::Value>>>,
) {
    use axum::routing::post;
    let posted = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let store = posted.clone();
    let app = axum::Router::new().route(
        "/hooks/{id}/{token}",
        post(move |body: String| {
            let store = store.clone();
            async move {
                store
                    .lock()
                    .unwrap()
                    .push(serde_json::from_str(&body).expect("the message is JSON"));
                axum::Json(serde_json::json!({ "success": true }))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hooks/ab12/T0KEN-cd34"), posted)
}

fn start_replica(rt: &tokio::runtime::Runtime) -> Replica {
    rt.block_on(Replica::start(ReplicaOptions::default()))
        .unwrap()
}

/// When each scenario started and finished (elapsed ms), from events.jsonl.
fn spans(out_dir: &Path) -> Vec<(String, u64, u64)> {
    let events = events(out_dir);
    let at = |kind: &str, id: &str| {
        events
            .iter()
            .find(|e| e["type"] == kind && (e["scenario_id"] == id || e["scenario"]["id"] == id))
            .and_then(|e| e["elapsed_ms"].as_u64())
            .unwrap_or_else(|| panic!("no {kind} for {id}"))
    };
    let ids: Vec<String> = events
        .iter()
        .filter(|e| e["type"] == "scenario_started")
        .map(|e| e["scenario"]["id"].as_str().unwrap().to_string())
        .collect();
    ids.into_iter()
        .map(|id| {
            let (s, f) = (at("scenario_started", &id), at("scenario_finished", &id));
            (id, s, f)
        })
        .collect()
}

#[test]
fn a_fault_that_fires_once_is_flaky_under_retries_in_every_report_and_fails_with_fail_on_flaky() {
    require_browser();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let replica = start_replica(&rt);
    let ws = Workspace::new(&[
        ("wobbly", reader("wobbly", "/processes", "Active processes")),
        ("steady", reader("steady", "/", HOME)),
    ]);

    replica
        .faults()
        .set_times("/processes", Fault::Status(500), 1);
    let (out, dir) = ws.run(&replica, "retries", &["--jobs", "2", "--retries", "1"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("TRY 1 FAIL"), "{err}");
    assert!(err.contains("FLAKY"), "{err}");
    assert!(err.contains("1 passed, 1 flaky"), "{err}");

    let summary = json(&dir.join("summary.json"));
    assert_eq!(summary["stats"]["flaky"], 1, "{summary:#}");
    let wobbly = summary["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "wobbly")
        .unwrap();
    assert_eq!(wobbly["status"], "flaky", "{wobbly:#}");
    assert_eq!(wobbly["attempts"], 2, "{wobbly:#}");
    let first = &wobbly["failed_attempts"][0]["failure"];
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .starts_with("HTTP 500 at /processes"),
        "{first:#}"
    );
    // The first attempt's evidence is on disk.
    assert!(dir.join(first["screenshot"].as_str().unwrap()).is_file());

    let junit = std::fs::read_to_string(dir.join("junit.xml")).unwrap();
    assert!(junit.contains("<flakyFailure"), "{junit}");
    assert!(!junit.contains("<failure"), "{junit}");
    let lines = events(&dir);
    assert!(
        lines
            .iter()
            .any(|e| e["type"] == "attempt_failed" && e["scenario_id"] == "wobbly"),
        "{lines:#?}"
    );
    assert!(lines
        .iter()
        .any(|e| e["type"] == "scenario_finished" && e["status"] == "flaky"));
    let handbook = dir.join("handbook/index.html");
    assert!(handbook.is_file(), "no handbook");
    let report = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(
        report.contains(r#"data-status="flaky""#),
        "report.html: no flaky scenario"
    );
    assert!(report.contains("Attempt 1") && report.contains("Attempt 2"));
    assert!(
        report.contains("HTTP 500 at &#x2f;processes"),
        "report.html: no first failure"
    );

    // The same run, flaky not allowed: it fails, and says why.
    replica
        .faults()
        .set_times("/processes", Fault::Status(500), 1);
    let (out, _) = ws.run(
        &replica,
        "strict",
        &["--jobs", "1", "--retries", "1", "--fail-on-flaky", "wobbly"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("flaky (passed only on a retry) and --fail-on-flaky"),
        "{err}"
    );

    // Without retries it fails; --last-failed then reruns only it, and it passes.
    replica
        .faults()
        .set_times("/processes", Fault::Status(500), 1);
    let (out, _) = ws.run(&replica, "plain", &["--jobs", "1"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let (out, dir) = ws.run(&replica, "again", &["--last-failed"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let summary = json(&dir.join("summary.json"));
    let ids: Vec<&str> = summary["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["wobbly"], "{err}");
    // That run passed: nothing is left to rerun.
    let (out, _) = ws.run(&replica, "nothing", &["--last-failed"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("records no failed scenario"), "{err}");

    rt.block_on(replica.shutdown());
    let left = processes_mentioning(&ws.tmp().display().to_string());
    assert!(left.is_empty(), "processes left behind: {left:#?}");
}

#[test]
fn two_workers_run_scenarios_side_by_side_on_two_browsers_and_leave_nothing_behind() {
    require_browser();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let replica = start_replica(&rt);
    let pages = [
        ("home", "/", HOME),
        ("processes", "/processes", "Active processes"),
        ("home-again", "/", HOME),
        ("processes-again", "/processes", "Active processes"),
    ];
    let ws = Workspace::new(
        &pages
            .iter()
            .map(|(id, url, text)| (*id, reader(id, url, text)))
            .collect::<Vec<_>>(),
    );
    let (out, dir) = ws.run(&replica, "jobs2", &["--jobs", "2"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("4 passed"), "{err}");

    // Some two scenarios overlapped in time.
    let spans = spans(&dir);
    assert_eq!(spans.len(), 4, "{spans:?}");
    let overlapped = spans
        .iter()
        .any(|(a, a0, a1)| spans.iter().any(|(b, b0, b1)| a != b && a0 < b1 && b0 < a1));
    assert!(
        overlapped,
        "no two scenarios ran at the same time: {spans:?}"
    );
    // Each scenario's events are whole in the stream: started, its steps, finished, in a row.
    let lines = events(&dir);
    for (id, _, _) in &spans {
        let at = lines
            .iter()
            .position(|e| e["type"] == "scenario_started" && e["scenario"]["id"] == *id)
            .unwrap();
        let kinds: Vec<&str> = lines[at..at + 6]
            .iter()
            .map(|e| e["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "scenario_started",
                "step_started",
                "step_finished",
                "step_started",
                "step_finished",
                "scenario_finished"
            ]
        );
    }
    rt.block_on(replica.shutdown());
    let left = processes_mentioning(&ws.tmp().display().to_string());
    assert!(left.is_empty(), "processes left behind: {left:#?}");
}

#[test]
fn shards_cover_the_suite_once_and_an_empty_shard_is_an_error_unless_allowed() {
    require_browser();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let replica = start_replica(&rt);
    let ws = Workspace::new(&[
        ("a-home", reader("a-home", "/", HOME)),
        ("b-home", reader("b-home", "/", HOME)),
        ("c-home", reader("c-home", "/", HOME)),
    ]);
    let mut seen = Vec::new();
    for shard in ["1/2", "2/2"] {
        let (out, dir) = ws.run(
            &replica,
            &shard.replace('/', "-of-"),
            &["--jobs", "1", "--partition", shard],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let summary = json(&dir.join("summary.json"));
        for s in summary["scenarios"].as_array().unwrap() {
            seen.push(format!("{shard} {}", s["id"].as_str().unwrap()));
        }
    }
    // Round-robin over the ids in order.
    assert_eq!(seen, ["1/2 a-home", "1/2 c-home", "2/2 b-home"]);

    let (out, _) = ws.run(&replica, "empty", &["--partition", "4/4"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("shard count:4/4 gets none of the 3 scenarios selected"),
        "{err}"
    );
    let (out, _) = ws.run(
        &replica,
        "empty-ok",
        &["--partition", "4/4", "--allow-empty"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (out, _) = ws.run(&replica, "bad", &["--partition", "0/4"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("the shard must be between 1 and 4, not 0"),
        "{err}"
    );
    rt.block_on(replica.shutdown());
}

#[test]
fn a_failing_run_has_an_html_report_a_bug_report_and_a_chat_message_with_what_came_nearest() {
    require_browser();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let replica = start_replica(&rt);
    let (webhook, posted) = rt.block_on(fake_rocketchat());
    let renamed = r#"
id = "renamed-button"
title = { en = "A button that was renamed", fr = "Un bouton renommé" }
writes = false

[[steps]]
action = "login"
narration = { en = "Log in.", fr = "Se connecter." }

[[steps]]
action = "goto"
url = "/admin/participatory_processes"
narration = { en = "Open the processes.", fr = "Ouvrir les concertations." }

[[steps]]
action = "click"
target = { text = { en = "Add a new process", fr = "Ajouter une concertation" } }
timeout = "3s"
narration = { en = "Start a new one.", fr = "En commencer une." }
"#;
    let ws = Workspace::new(&[("renamed-button", renamed.to_string())]);
    let (out, dir) = ws.run(
        &replica,
        "failing",
        &["--jobs", "1", "--notify-rocketchat", &webhook],
    );
    rt.block_on(replica.shutdown());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");

    // The chat got one message: the counts, the failed scenario and its bug report; the
    // webhook's token shows nowhere.
    let messages = posted.lock().unwrap().clone();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let m = &messages[0];
    assert!(
        m["text"]
            .as_str()
            .unwrap()
            .starts_with("❌ decidim-explorer on http://127.0.0.1:"),
        "{m}"
    );
    assert!(
        m["text"].as_str().unwrap().contains("0 passed, 1 failed"),
        "{m}"
    );
    assert_eq!(
        m["attachments"][0]["title"],
        "renamed-button — A button that was renamed"
    );
    assert!(
        m["attachments"][0]["text"]
            .as_str()
            .unwrap()
            .contains("bug-reports/renamed-button.md"),
        "{m}"
    );
    assert!(err.contains("Notified Rocket.Chat"), "{err}");
    assert!(!err.contains("T0KEN"), "{err}");
    let report = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(report.contains(r#"data-status="failed""#));
    assert!(report.contains("Failed at step 3"), "no failure block");
    // The button is called "New process" on this admin: that is what the report offers.
    assert!(
        report.contains(r#"<span class="kind">link</span> “New process”"#),
        "the renamed button is not offered"
    );
    assert!(
        report.contains("data:image&#x2f;png;base64,"),
        "no failure screenshot inline"
    );
    assert!(
        report.contains("<iframe sandbox srcdoc="),
        "no page HTML inline"
    );
    assert!(report.contains("decidim-explorer run "), "no rerun command");
    // Every step has its picture inline, none fetched from the run folder.
    assert_eq!(report.matches("data:image&#x2f;webp;base64,").count(), 3);
    assert!(
        !report.contains("src=\"screenshots"),
        "a picture is linked, not inline"
    );

    // The bug report, ready for a GitHub issue: the steps in words, what failed, the versions
    // (Decidim's from the replica's /api/docs, the browser's from the session), the nearest
    // candidate, a screenshot that exists, the scenario file.
    let bug = std::fs::read_to_string(dir.join("bug-reports/renamed-button.md")).unwrap();
    for needle in [
        "# `renamed-button` fails at step 3: A button that was renamed",
        "1. Log in (as an administrator)",
        "3. **Click “Add a new process”** ← fails here",
        "- **Decidim**: 0.29.5",
        "- **Browser**: chrome ",
        "“New process” (link)",
        "renamed-button.toml",
    ] {
        assert!(bug.contains(needle), "no {needle:?} in:\n{bug}");
    }
    let shot = bug
        .split("](../")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_else(|| panic!("no screenshot in:\n{bug}"));
    assert!(dir.join(shot).is_file(), "{shot} is not in the run folder");
}
