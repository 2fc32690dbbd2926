//! Ctrl-C during a run: sessions closed, chromedriver and Chromium reaped, partial reports.

use crate::util::{bin, events, json, processes_mentioning, require_browser, wait_for_step};
use std::time::{Duration, Instant};

#[test]
fn ctrl_c_reaps_the_browser_and_writes_partial_reports() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    // A private TMPDIR: chromedriver's scratch space (and so every Chromium profile) lives under
    // it, which lets us find any process this run started by its command line.
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let file = dir.path().join("slow.toml");
    std::fs::write(
        &file,
        r#"id = "slow"
title = { en = "Waits for ever", fr = "Attend toujours" }
writes = false

[[steps]]
action = "goto"
url = "/"
narration = { en = "Open the site.", fr = "Ouvrir le site." }

[[steps]]
action = "expect_text"
text = "This text never appears"
timeout = "60s"
narration = { en = "Wait for a text that never comes.", fr = "Attendre un texte qui ne vient jamais." }
"#,
    )
    .unwrap();
    // Its turn never comes: it must still be in the reports, as not run.
    let next = dir.path().join("next.toml");
    std::fs::write(
        &next,
        r#"id = "next"
title = { en = "Comes next", fr = "Vient ensuite" }
writes = false

[[steps]]
action = "goto"
url = "/"
narration = { en = "Open the site.", fr = "Ouvrir le site." }
"#,
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let mut child = bin()
        .arg("run")
        .arg(&file)
        .arg(&next)
        .arg("--out")
        .arg(&out_dir)
        .env("TMPDIR", &tmp)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();

    // Wait until the second step is running, then press Ctrl-C.
    wait_for_step(&out_dir, "step_started", 2);
    let tmp_str = tmp.display().to_string();
    assert!(
        !processes_mentioning(&tmp_str).is_empty(),
        "the browser should be running now"
    );
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();

    let interrupted_at = Instant::now();
    let status = child.wait().unwrap();
    let took = interrupted_at.elapsed();
    assert_eq!(status.code(), Some(130));
    assert!(took < Duration::from_secs(15), "took {took:?} to stop");

    let left = processes_mentioning(&tmp_str);
    assert!(left.is_empty(), "processes left behind: {left:#?}");
    let leftovers: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(
        leftovers.is_empty(),
        "temp files left behind: {leftovers:?}"
    );

    let summary = json(&out_dir.join("summary.json"));
    assert_eq!(summary["finished"], true);
    assert_eq!(summary["interrupted"], "signal");
    assert_eq!(summary["scenarios"][0]["status"], "interrupted");
    assert_eq!(summary["scenarios"][1]["id"], "next");
    assert_eq!(summary["scenarios"][1]["status"], "not_run");
    assert_eq!(summary["stats"]["not_run"], 1);
    assert_eq!(events(&out_dir).last().unwrap()["type"], "run_finished");
    let junit = std::fs::read_to_string(out_dir.join("junit.xml")).unwrap();
    assert!(
        junit.contains(r#"<testcase name="next""#)
            && junit.contains("not run: the run was cut short"),
        "{junit}"
    );
}

/// Kill every process whose command line mentions `needle` (the test's private TMPDIR).
fn kill_mentioning(needle: &str, only: &str) -> usize {
    let mut killed = 0;
    for line in processes_mentioning(needle) {
        if !line.contains(only) {
            continue;
        }
        let pid: i32 = line.split(':').next().unwrap().parse().unwrap();
        if nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        )
        .is_ok()
        {
            killed += 1;
        }
    }
    killed
}

#[test]
fn a_browser_crash_fails_that_scenario_and_the_run_goes_on_with_a_new_browser() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let scenario = |id: &str, wait: &str| {
        format!(
            r#"id = "{id}"
title = {{ en = "{id}", fr = "{id}" }}
writes = false

[[steps]]
action = "goto"
url = "/users/sign_in"
narration = {{ en = "Open the login page.", fr = "Ouvrir la page de connexion." }}

[[steps]]
action = "expect_text"
text = "{wait}"
timeout = "60s"
narration = {{ en = "Wait.", fr = "Attendre." }}
"#
        )
    };
    std::fs::write(
        dir.path().join("a-crashes.toml"),
        scenario("a-crashes", "This text never appears"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b-survives.toml"),
        scenario("b-survives", "Log in"),
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let mut child = bin()
        .arg("run")
        .arg(dir.path().join("a-crashes.toml"))
        .arg(dir.path().join("b-survives.toml"))
        .arg("--out")
        .arg(&out_dir)
        .env("TMPDIR", &tmp)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_step(&out_dir, "step_started", 2);
    // Chromium dies (not chromedriver): the first scenario loses its browser.
    let tmp_str = tmp.display().to_string();
    assert!(
        kill_mentioning(&tmp_str, "/chromium") > 0,
        "no chromium found to kill"
    );
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));

    let summary = json(&out_dir.join("summary.json"));
    assert_eq!(summary["finished"], true);
    let first = &summary["scenarios"][0];
    assert_eq!(first["status"], "interrupted", "{first}");
    assert!(
        first["failure"]["message"]
            .as_str()
            .unwrap()
            .contains("browser is gone"),
        "{first}"
    );
    assert_eq!(summary["scenarios"][1]["status"], "passed", "{summary}");
    assert!(
        processes_mentioning(&tmp_str).is_empty(),
        "processes left behind"
    );
}

#[test]
fn a_run_killed_outright_is_cleaned_up_by_the_next_one() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let lesson = |id: &str, extra: &str| {
        format!(
            "id = \"{id}\"\ntitle = {{ en = \"{id}\", fr = \"{id}\" }}\nwrites = false\n\n\
             [[steps]]\naction = \"goto\"\nurl = \"/\"\nnarration = {{ en = \"Open the site.\", fr = \"Ouvrir le site.\" }}\n{extra}"
        )
    };
    let slow = dir.path().join("slow.toml");
    std::fs::write(
        &slow,
        lesson(
            "slow",
            "\n[[steps]]\naction = \"expect_text\"\ntext = \"This text never appears\"\ntimeout = \"60s\"\nnarration = { en = \"Wait.\", fr = \"Attendre.\" }\n",
        ),
    )
    .unwrap();
    let quick = dir.path().join("quick.toml");
    std::fs::write(&quick, lesson("quick", "")).unwrap();
    let out_dir = dir.path().join("out");
    let mut child = bin()
        .arg("run")
        .arg(&slow)
        .arg("--out")
        .arg(&out_dir)
        .env("TMPDIR", &tmp)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for_step(&out_dir, "step_started", 2);
    // SIGKILL: no cleanup runs; chromedriver and Chromium are orphaned.
    child.kill().unwrap();
    child.wait().unwrap();
    let tmp_str = tmp.display().to_string();
    let orphans = processes_mentioning(&tmp_str);
    assert!(
        !orphans.is_empty(),
        "the killed run left its browser running"
    );

    let out = bin()
        .arg("run")
        .arg(&quick)
        .arg("--out")
        .arg(dir.path().join("out2"))
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let left = processes_mentioning(&tmp_str);
    assert!(left.is_empty(), "processes left behind: {left:#?}");
    let scratch: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(
        scratch.is_empty(),
        "scratch folders left behind: {scratch:?}"
    );
}

#[test]
fn ctrl_c_during_an_inventory_keeps_the_pages_crawled_so_far() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let out_dir = dir.path().join("inv");
    let child = bin()
        .arg("inventory")
        .arg("--out")
        .arg(&out_dir)
        .env("TMPDIR", &tmp)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once a few pages are in: their screenshots are written as the crawl goes.
    let started = Instant::now();
    while !out_dir.join("pages/004.png").is_file() {
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "the crawl never reached its fourth page"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let interrupted_at = Instant::now();
    let output = child.wait_with_output().unwrap();
    let took = interrupted_at.elapsed();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{err}");
    assert!(took < Duration::from_secs(15), "took {took:?} to stop");
    assert!(
        err.contains("interrupted") && err.contains("inventory.json"),
        "the message should say where the partial inventory is: {err}"
    );

    let inventory = json(&out_dir.join("inventory.json"));
    assert_eq!(inventory["incomplete"], "interrupted", "{inventory}");
    let pages = inventory["pages"].as_array().unwrap();
    assert!(pages.len() >= 4, "{} pages kept", pages.len());
    for page in pages {
        if let Some(shot) = page["screenshot"].as_str() {
            assert!(out_dir.join(shot).is_file(), "{shot} is named but missing");
        }
    }
    let tmp_str = tmp.display().to_string();
    let left = processes_mentioning(&tmp_str);
    assert!(left.is_empty(), "processes left behind: {left:#?}");
}
