//! A server that misbehaves: each fault of the replica switched on for one run, and what the
//! run must say and leave — a clear error naming what was seen, valid partial reports in every
//! format, and no chromedriver or Chromium left behind.

use crate::util::{
    bin, events, json, processes_mentioning, require_browser, stderr, wait_for_step,
};
use replica::{Fault, Replica, ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

/// One run against a replica this test starts (as a "real" instance, so its faults can be set).
struct Faulty {
    rt: tokio::runtime::Runtime,
    replica: Option<Replica>,
    dir: tempfile::TempDir,
}

impl Faulty {
    fn new() -> Self {
        require_browser();
        let rt = tokio::runtime::Runtime::new().unwrap();
        let replica = rt
            .block_on(Replica::start(ReplicaOptions::default()))
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tmp")).unwrap();
        Faulty {
            rt,
            replica: Some(replica),
            dir,
        }
    }

    fn replica(&self) -> &Replica {
        self.replica.as_ref().unwrap()
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// chromedriver's scratch space (and so every Chromium profile) lives under it.
    fn tmp(&self) -> PathBuf {
        self.dir.path().join("tmp")
    }

    /// The scenario file `steps` make.
    fn scenario(&self, steps: &str) -> PathBuf {
        let file = self.dir.path().join("faulty.toml");
        let text = format!(
            "id = \"faulty\"\ntitle = {{ en = \"A faulty server\", fr = \"Un serveur en panne\" }}\nwrites = false\n{steps}"
        );
        std::fs::write(&file, text).unwrap();
        file
    }

    fn start(&self, scenario: &Path) -> Child {
        bin()
            .arg("run")
            .arg(scenario)
            .args(["--base-url", self.replica().base_url(), "--out"])
            .arg(self.out())
            .env("DECIDIM_EMAIL", ADMIN_EMAIL)
            .env("DECIDIM_PASSWORD", ADMIN_PASSWORD)
            .env("TMPDIR", self.tmp())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Run `steps` to the end.
    fn run(&self, steps: &str) -> Output {
        let file = self.scenario(steps);
        self.start(&file).wait_with_output().unwrap()
    }

    /// What every faulty run must leave: reports that parse, the scenario's status in each, and
    /// nothing running.
    fn assert_reports_and_no_leftovers(&self, status: &str) {
        let summary = json(&self.out().join("summary.json"));
        assert_eq!(summary["finished"], true);
        assert_eq!(summary["scenarios"][0]["status"], status, "{summary:#}");
        let events = events(&self.out());
        assert_eq!(events.last().unwrap()["type"], "run_finished");
        let junit = std::fs::read_to_string(self.out().join("junit.xml")).unwrap();
        assert!(junit.starts_with("<?xml"), "{junit}");
        assert!(junit.contains("<testcase name=\"faulty\""), "{junit}");
        if status == "failed" {
            assert!(junit.contains("<failure"), "{junit}");
        }
        let left = processes_mentioning(&self.tmp().display().to_string());
        assert!(left.is_empty(), "processes left behind: {left:#?}");
    }

    /// The failure message of the scenario, from summary.json.
    fn failure_message(&self) -> String {
        let summary = json(&self.out().join("summary.json"));
        summary["scenarios"][0]["failure"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Faulty {
    fn drop(&mut self) {
        if let Some(replica) = self.replica.take() {
            self.rt.block_on(replica.shutdown());
        }
    }
}

const HOME: &str = r#"
[[steps]]
action = "goto"
url = "/"
narration = { en = "Open the site.", fr = "Ouvrir le site." }
"#;

fn goto(url: &str, timeout: &str) -> String {
    format!(
        "[[steps]]\naction = \"goto\"\nurl = \"{url}\"\ntimeout = \"{timeout}\"\nnarration = {{ en = \"Open it.\", fr = \"L'ouvrir.\" }}\n"
    )
}

fn expect_text(text: &str, timeout: &str) -> String {
    format!(
        "[[steps]]\naction = \"expect_text\"\ntext = \"{text}\"\ntimeout = \"{timeout}\"\nnarration = {{ en = \"See it.\", fr = \"Le voir.\" }}\n"
    )
}

const LOGIN: &str = r#"
[[steps]]
action = "login"
narration = { en = "Sign in.", fr = "Se connecter." }
"#;

#[test]
fn a_page_that_never_answers_fails_its_step_within_the_steps_timeout() {
    let f = Faulty::new();
    f.replica().faults().set("/processes", Fault::NoAnswer);
    let started = Instant::now();
    let out = f.run(&format!("{HOME}{}", goto("/processes", "3s")));
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // chromedriver's own page-load timeout is 300 s: the step's 3 s must win, evidence included.
    assert!(took < Duration::from_secs(30), "took {took:?}");
    let message = f.failure_message();
    let url = format!("{}/processes", f.replica().base_url());
    assert!(
        message.starts_with(&format!("no answer from {url} after 3s")),
        "{message}"
    );
    assert!(!message.contains("the browser is gone"), "{message}");
    f.assert_reports_and_no_leftovers("failed");
}

#[test]
fn ctrl_c_while_a_page_never_loads_ends_the_run_within_5_seconds() {
    let f = Faulty::new();
    f.replica().faults().set("/processes", Fault::NoAnswer);
    let file = f.scenario(&format!("{HOME}{}", goto("/processes", "60s")));
    let mut child = f.start(&file);
    wait_for_step(&f.out(), "step_started", 2);
    std::thread::sleep(Duration::from_secs(1)); // the navigation is under way
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let interrupted_at = Instant::now();
    let status = child.wait().unwrap();
    let took = interrupted_at.elapsed();
    assert_eq!(status.code(), Some(130));
    assert!(took < Duration::from_secs(5), "took {took:?} to stop");
    f.assert_reports_and_no_leftovers("interrupted");
}

#[test]
fn a_server_error_is_named_in_the_failure() {
    let f = Faulty::new();
    f.replica()
        .faults()
        .set("/users/sign_in", Fault::Status(500));
    let out = f.run(LOGIN);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = f.failure_message();
    assert!(
        message.starts_with("HTTP 500 at /users/sign_in: "),
        "{message}"
    );
    f.assert_reports_and_no_leftovers("failed");
}

#[test]
fn a_connection_dropped_mid_page_fails_on_what_is_missing() {
    let f = Faulty::new();
    let steps = format!(
        "{}{}",
        goto("/processes", "5s"),
        expect_text("Active processes", "2s")
    );
    // Without the fault, the text is there.
    let control = f.run(&steps);
    assert_eq!(control.status.code(), Some(0), "{}", stderr(&control));
    // With it, the page's content never arrives.
    f.replica()
        .faults()
        .set("/processes", Fault::DropMidResponse);
    let out = f.run(&steps);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = f.failure_message();
    assert!(message.contains("Active processes"), "{message}");
    f.assert_reports_and_no_leftovers("failed");
}

#[test]
fn slow_answers_late_elements_a_replaced_dom_and_an_alert_do_not_fail_a_lesson() {
    let f = Faulty::new();
    let faults = f.replica().faults();
    faults.set("/", Fault::Slow(Duration::from_millis(700)));
    faults.set(
        "/users/sign_in",
        Fault::Script(
            // The sign-in form is rebuilt under the runner for two seconds (as a page that
            // re-renders a part of itself), and a text comes late.
            "let n = 0; const t = setInterval(() => { const f = document.querySelector('#session_new_user'); if (f) f.replaceWith(f.cloneNode(true)); if (++n > 10) clearInterval(t); }, 200);
             setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<p>Arrived late</p>'), 1500);"
                .into(),
        ),
    );
    faults.set(
        "/admin/participatory_processes",
        Fault::Script("alert('Surprise')".into()),
    );
    let steps = format!(
        "{}{}{LOGIN}{}{}",
        goto("/users/sign_in", "10s"),
        expect_text("Arrived late", "5s"),
        goto("/admin/participatory_processes", "10s"),
        expect_text("Processes", "5s"),
    );
    let out = f.run(&steps);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    f.assert_reports_and_no_leftovers("passed");
}

#[test]
fn a_session_that_expires_mid_scenario_is_said_as_such() {
    let f = Faulty::new();
    let file = f.scenario(&format!(
        "{LOGIN}{}{}",
        goto("/admin/participatory_processes", "10s"),
        "[[steps]]\naction = \"expect_url\"\nurl = \"/admin/participatory_processes\"\ntimeout = \"2s\"\nnarration = { en = \"Still there.\", fr = \"Toujours là.\" }\n",
    ));
    // The next page is slow to start answering (the fault acts before the session is read): the
    // session expires while the browser waits, so the page is a stranger's.
    f.replica().faults().set(
        "/admin/participatory_processes",
        Fault::Slow(Duration::from_millis(1500)),
    );
    let child = f.start(&file);
    wait_for_step(&f.out(), "step_started", 2);
    f.replica().state().expire_sessions();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = f.failure_message();
    assert!(message.contains("asked to sign in again"), "{message}");
    f.assert_reports_and_no_leftovers("failed");
}
