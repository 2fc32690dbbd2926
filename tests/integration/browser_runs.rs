//! `run` against the built-in replica in real headless Chromium.

use crate::util::{bin, events, files, json, require_browser, run, scenarios_dir, stderr};
use std::path::Path;

/// The whole library on the trainees' case: the OSP demo's flavour, everything in French.
#[test]
fn the_library_passes_on_the_osp_flavour_in_french() {
    library_passes("osp", "fr");
}

/// The whole library on Decidim 0.29.5 as released, everything in English.
#[test]
fn the_library_passes_on_core_decidim_in_english() {
    library_passes("core", "en");
}

/// Runs every shipped scenario on the replica of `flavour` in `lang` (the browser follows), and
/// checks the run folder and the handbook are complete.
fn library_passes(flavour: &str, lang: &str) {
    require_browser();
    let out_dir = tempfile::tempdir().unwrap();
    let out = run(bin()
        .args(["run", "--replica-flavour", flavour, "--lang", lang, "--out"])
        .arg(out_dir.path()));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(if lang == "fr" { "Bilan" } else { "Summary" }),
        "{err}"
    );

    let summary = json(&out_dir.path().join("summary.json"));
    let loaded = explorer::scenario::load_paths(&[scenarios_dir()]).unwrap();
    let total_steps: usize = loaded.scenarios.iter().map(|s| s.steps.len()).sum();
    assert_eq!(summary["finished"], true);
    assert_eq!(summary["stats"]["passed"], loaded.scenarios.len());
    assert_eq!(summary["stats"]["failed"], 0);
    assert_eq!(summary["stats"]["steps"], total_steps);

    // A PNG per step, named after the scenario and the step, and the lesson's result.
    for s in &loaded.scenarios {
        let all = files(&out_dir.path().join("screenshots").join(&s.id));
        let (result, shots): (Vec<_>, Vec<_>) = all
            .into_iter()
            .partition(|p| p.file_name().is_some_and(|n| n == "result.png"));
        assert_eq!(result.len(), 1, "{}: no result.png", s.id);
        assert_eq!(shots.len(), s.steps.len(), "{}: {shots:?}", s.id);
        let first = std::fs::read(&shots[0]).unwrap();
        assert_eq!(&first[..8], b"\x89PNG\r\n\x1a\n");
        assert!(shots[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("01-"));
    }

    // events.jsonl: one JSON object per line, run_started first and run_finished last.
    let evs = events(out_dir.path());
    assert_eq!(evs.first().unwrap()["type"], "run_started");
    assert_eq!(evs.last().unwrap()["type"], "run_finished");
    let step_finished = evs.iter().filter(|e| e["type"] == "step_finished").count();
    assert_eq!(step_finished, total_steps);

    // junit.xml: a test case per scenario, no failures.
    let junit = std::fs::read_to_string(out_dir.path().join("junit.xml")).unwrap();
    assert_eq!(
        junit.matches("<testcase ").count(),
        loaded.scenarios.len(),
        "{junit}"
    );
    assert!(!junit.contains("<failure"), "{junit}");

    handbook_is_a_tutorial(out_dir.path(), &loaded.scenarios, lang);

    // The admin password never reaches any file of the run.
    for f in files(out_dir.path()) {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(replica::ADMIN_PASSWORD),
            "password in {}",
            f.display()
        );
    }
}

/// What minijinja's HTML escaping turned the text into, turned back.
fn unescape(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The whole library's handbook: small enough to share, offline, a page per lesson whose own steps
/// are headed by the action in words (typed values included), pictured with the target marked and
/// zoomed, and closed by the result.
fn handbook_is_a_tutorial(dir: &Path, lessons: &[explorer::scenario::Scenario], lang: &str) {
    use explorer::scenario::{words, Action};
    let book = dir.join("handbook");
    let all = files(&book);
    let size: u64 = all.iter().map(|f| f.metadata().unwrap().len()).sum();
    assert!(size < 30 * 1024 * 1024, "the handbook weighs {size} bytes");
    for f in all
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html" || e == "md"))
    {
        // Nothing loaded or linked from a server (typed values may be URLs: they are text).
        let text = unescape(&std::fs::read_to_string(f).unwrap());
        for online in [
            "src=\"http",
            "href=\"http",
            "](http",
            "127.0.0.1",
            "localhost",
        ] {
            assert!(!text.contains(online), "{online} in {}", f.display());
        }
    }
    let index = unescape(&std::fs::read_to_string(book.join("index.html")).unwrap());
    let mut marked = 0;
    // The target box of each step pictured before its action, from the events.
    let boxes: std::collections::BTreeMap<(String, usize), Vec<i64>> = events(dir)
        .iter()
        .filter(|e| e["type"] == "step_finished" && e["target_box"].is_array())
        .map(|e| {
            (
                (
                    e["scenario_id"].as_str().unwrap().to_string(),
                    e["step"]["number"].as_u64().unwrap() as usize,
                ),
                e["target_box"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_i64().unwrap())
                    .collect(),
            )
        })
        .collect();
    for s in lessons {
        assert!(
            index.contains(&format!("{}.html", s.id)),
            "index lacks {}",
            s.id
        );
        let page = unescape(&std::fs::read_to_string(book.join(format!("{}.html", s.id))).unwrap());
        let own: Vec<_> = s.steps.iter().filter(|st| st.included.is_none()).collect();
        for step in &own {
            let heading = words::heading(&step.action, lang);
            let known = heading.split("{{uid}}").next().unwrap();
            assert!(page.contains(known), "{}: no heading {known:?}", s.id);
        }
        assert!(
            !page.contains("{{uid}}"),
            "{}: a value left unexpanded",
            s.id
        );
        // Every own step that acts on a target is pictured before it acts, the target's box known
        // (the picture marks it), and zoomed unless the target fills much of the view.
        for (i, step) in s
            .steps
            .iter()
            .enumerate()
            .filter(|(_, st)| st.included.is_none())
        {
            let acting = matches!(
                step.action,
                Action::Click { .. }
                    | Action::Fill { .. }
                    | Action::Select { .. }
                    | Action::Check { .. }
            );
            if !acting {
                continue;
            }
            let n = i + 1;
            let b = boxes
                .get(&(s.id.clone(), n))
                .unwrap_or_else(|| panic!("{} step {n}: no target box", s.id));
            let article = &page[page.find(&format!("id=\"step-{n}\"")).unwrap()..];
            let article = &article[..article.find("</article>").unwrap()];
            assert!(
                article.contains("class=\"page\""),
                "{} step {n}: no picture",
                s.id
            );
            if b[2] * b[3] < 1280 * 800 / 5 {
                assert!(
                    article.contains("class=\"zoom\""),
                    "{} step {n}: not zoomed ({b:?})",
                    s.id
                );
                marked += 1;
            }
        }
        assert!(page.contains("class=\"result\""), "{}: no result", s.id);
    }
    assert!(marked > 400, "{marked} zoomed targets in the library");
}

fn write_scenario(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn a_failing_step_names_scenario_step_locator_and_timeout_and_keeps_evidence() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let file = write_scenario(
        dir.path(),
        "missing-button.toml",
        r#"id = "missing-button"
title = { en = "Missing button", fr = "Bouton absent" }
writes = false

[[steps]]
action = "login"
narration = { en = "Log in.", fr = "Se connecter." }

[[steps]]
action = "click"
target = { text = { en = "Launch rocket", fr = "Lancer la fusée" } }
timeout = "1500ms"
narration = { en = "Press a button that does not exist.", fr = "Appuyer sur un bouton qui n'existe pas." }
"#,
    );
    let out_dir = dir.path().join("out");
    let out = run(bin().arg("run").arg(&file).arg("--out").arg(&out_dir));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("FAIL"), "{err}");

    let summary = json(&out_dir.join("summary.json"));
    let failure = &summary["scenarios"][0]["failure"];
    let message = failure["message"].as_str().unwrap();
    assert_eq!(failure["step"], 2);
    assert_eq!(failure["action"], "click");
    assert!(
        message.contains("\"Launch rocket\" / \"Lancer la fusée\""),
        "{message}"
    );
    assert!(message.contains("1s 500ms"), "{message}");
    assert!(message.contains("missing-button.toml:9:1"), "{message}");
    assert!(
        failure["url"].as_str().unwrap().contains("/admin"),
        "{failure}"
    );
    assert!(failure["page_title"].is_string());
    for key in ["screenshot", "html"] {
        let rel = failure[key].as_str().unwrap();
        assert!(out_dir.join(rel).is_file(), "{key} {rel}");
    }
    let junit = std::fs::read_to_string(out_dir.join("junit.xml")).unwrap();
    assert!(junit.contains("<failure"), "{junit}");
    assert!(junit.contains("Launch rocket"), "{junit}");
}

#[test]
fn writing_scenarios_are_skipped_on_a_real_instance_without_allow_writes() {
    // No browser session is opened for skipped scenarios, so this needs no chromedriver work.
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let out = run(bin()
        .args([
            "run",
            "create-process",
            "--base-url",
            "http://127.0.0.1:9/",
            "--out",
        ])
        .arg(dir.path())
        .env("DECIDIM_EMAIL", "someone@example.org")
        .env("DECIDIM_PASSWORD", "not-used"));
    let err = stderr(&out);
    // Skipped is not passed: a run that tested nothing is not green.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("SKIP"), "{err}");
    assert!(err.contains("--allow-writes"), "{err}");
    assert!(
        err.contains("error: nothing was tested: 1 scenario skipped"),
        "{err}"
    );
    let summary = json(&dir.path().join("summary.json"));
    assert_eq!(summary["stats"]["skipped"], 1);

    // Asked for: an empty run may pass.
    let allowed = run(bin()
        .args(["run", "create-process", "--allow-empty", "--base-url"])
        .arg("http://127.0.0.1:9/")
        .arg("--out")
        .arg(dir.path().join("allowed"))
        .env("DECIDIM_EMAIL", "someone@example.org")
        .env("DECIDIM_PASSWORD", "not-used"));
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));

    // Without credentials and without a terminal (CI), lessons that log in are an error up
    // front, naming what to set, rather than a run that skips them.
    let no_credentials = run(bin()
        .args(["run", "create-process", "--allow-writes", "--base-url"])
        .arg("http://127.0.0.1:9/")
        .arg("--out")
        .arg(dir.path().join("no-credentials"))
        .env_remove("DECIDIM_EMAIL")
        .env_remove("DECIDIM_PASSWORD")
        .stdin(std::process::Stdio::null()));
    let err = stderr(&no_credentials);
    assert_eq!(no_credentials.status.code(), Some(2), "{err}");
    assert!(
        err.contains("set DECIDIM_EMAIL and DECIDIM_PASSWORD"),
        "{err}"
    );
}

#[test]
fn a_report_that_cannot_be_written_fails_the_run_and_the_others_are_kept() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    // A folder where junit.xml should go: the JUnit reporter cannot write, whatever the user.
    std::fs::create_dir_all(dir.path().join("junit.xml")).unwrap();
    let out = run(bin()
        .args(["run", "login-bad-credentials", "--out"])
        .arg(dir.path()));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: the run finished, but could not write ")
            && last.contains("junit.xml"),
        "{err}"
    );
    assert!(last.contains("Is a directory"), "{err}");
    let summary = json(&dir.path().join("summary.json"));
    assert_eq!(summary["stats"]["passed"], 1, "{summary}");
    assert!(dir.path().join("events.jsonl").is_file());
}

#[test]
fn an_existing_webdriver_endpoint_can_be_used() {
    require_browser();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut driver = std::process::Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}");
    // chromedriver needs a moment to listen; the run's session opening is what we test, so retry it.
    let mut out = None;
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            out = Some(run(bin()
                .args(["run", "login-bad-credentials", "--webdriver", &url, "--out"])
                .arg(dir.path())));
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = driver.kill();
    let _ = driver.wait();
    let out = out.expect("chromedriver listened");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&dir.path().join("summary.json"))["stats"]["passed"], 1);
}
