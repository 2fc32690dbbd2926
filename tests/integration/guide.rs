//! `guide`: lessons driven by scripted keyboard input, what the trainee reads and sees, and the
//! handbook and progress they leave.

use crate::util::{bin, events, files, json, require_browser, scenarios_dir, stderr};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

/// Run `guide` with `input` as the trainee's answers, headless, its progress file in `out`.
fn guide(args: &[&str], input: &str, out: &Path) -> std::process::Output {
    let mut child = bin()
        .arg("guide")
        .args(args)
        .arg("--out")
        .arg(out)
        .arg("--progress")
        .arg(out.join("progress.json"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// What the guide drew for a step (`guide/<lesson>/NN-action.json`).
fn drawn(dir: &Path, lesson: &str, name: &str) -> serde_json::Value {
    json(&dir.join("guide").join(lesson).join(name))["drawn"].clone()
}

fn outcomes(dir: &Path) -> Vec<String> {
    events(dir)
        .iter()
        .filter(|e| e["type"] == "step_finished")
        .map(|e| e["outcome"]["status"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn in_french_by_default_the_guide_explains_each_step_and_shows_the_admin_in_french() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let out = guide(&["create-process", "--video"], &"\n".repeat(12), dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");

    // Before the first step: title, goal, step count; no display, so where to look.
    assert!(err.contains("━━ Créer une concertation ━━"), "{err}");
    assert!(err.contains("But : Une concertation"), "{err}");
    assert!(err.contains("12 étapes · ≈ "), "{err}");
    let live = dir.path().join("guide").join("live.html");
    assert!(err.contains(&format!("ouvrez {}", live.display())), "{err}");
    // Each step in words, with the value it types and the path of its highlighted view.
    assert!(
        err.contains("Étape 4/12 — Remplir «\u{a0}Titre\u{a0}» avec «\u{a0}Concertation Explorer "),
        "{err}"
    );
    let view = dir.path().join("guide/create-process/04-fill.png");
    assert!(
        err.contains(&format!("Vue mise en évidence : {}", view.display())),
        "{err}"
    );
    assert!(view.is_file());
    // One language end to end: none of the tool's English words.
    let said: Vec<&str> = err
        .split_whitespace()
        .filter(|w| !w.contains('/'))
        .collect();
    for english in [
        "click",
        "fill",
        "expect_text",
        "Summary",
        "Starting",
        "PASS",
        "Step",
    ] {
        assert!(!said.contains(&english), "English {english:?} in:\n{err}");
    }

    // What the trainee saw, read from the page: a French admin, the words the narration quotes.
    let menu = drawn(dir.path(), "create-process", "02-click.json");
    assert_eq!(menu["lang"], "fr");
    assert_eq!(menu["target_text"], "Concertations");
    let button = drawn(dir.path(), "create-process", "03-click.json");
    assert_eq!(button["target_text"], "Nouvelle concertation");
    let title = drawn(dir.path(), "create-process", "04-fill.json");
    assert!(
        title["label_text"].as_str().unwrap().starts_with("Titre"),
        "{title}"
    );
    let slug = drawn(dir.path(), "create-process", "06-fill.json");
    assert!(
        slug["help_text"]
            .as_str()
            .unwrap()
            .contains("lettres, chiffres et tirets"),
        "{slug}"
    );
    // The bubble hides neither the target, nor its label and help text, nor the next field.
    for shot in files(&dir.path().join("guide").join("create-process")) {
        if shot.extension().is_some_and(|e| e == "json") {
            let d = json(&shot)["drawn"].clone();
            assert_eq!(
                d["hidden"],
                serde_json::json!([]),
                "{}: {d}",
                shot.display()
            );
            assert!(["right", "left", "below", "above"].contains(&d["placement"].as_str().unwrap()));
        }
    }
    // The fill's label is among what the bubble kept clear, and so is the next field.
    let kinds: Vec<_> = title["avoided"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(
        kinds.contains(&"label".into()) && kinds.contains(&"next".into()),
        "{kinds:?}"
    );

    // At the end: what was done and learnt, the handbook, the lesson marked done.
    assert!(err.contains("Fin de la leçon"), "{err}");
    assert!(
        err.contains("12 étape(s) faite(s), 0 passée(s), sur 12."),
        "{err}"
    );
    assert!(err.contains("Ce qu'il faut en retenir :"), "{err}");
    let handbook = dir.path().join("handbook").join("create-process.html");
    assert!(err.contains(&handbook.display().to_string()), "{err}");
    assert!(handbook.is_file());
    let progress = json(&dir.path().join("progress.json"));
    assert_eq!(progress["lessons"]["create-process"]["done"], true);
    // The lesson as a short animation, linked from its page.
    let video = std::fs::read(dir.path().join("handbook/video/create-process.webp")).unwrap();
    assert_eq!(&video[..4], b"RIFF");
    assert_eq!(&video[8..12], b"WEBP");
    let frames = video.windows(4).filter(|w| w == b"ANMF").count();
    assert!(frames >= 10, "{frames} frames");
    let page = std::fs::read_to_string(&handbook).unwrap();
    assert!(page.contains("video&#x2f;create-process.webp"), "{page}");
    let live_html = std::fs::read_to_string(&live).unwrap();
    assert!(live_html.contains("Leçon terminée."), "{live_html}");
    assert!(!live_html.contains("http-equiv=\"refresh\""));
}

#[test]
fn a_trainee_who_skips_a_needed_step_is_offered_to_do_it_and_finishes_the_lesson() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    // Steps 1–3 done, `s` on the title, then Enter to the offer: the step is done after all.
    let input = format!("\n\n\ns\n\n{}", "\n".repeat(8));
    let out = guide(&["create-process"], &input, dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("La suite de la leçon a besoin de cette étape"),
        "{err}"
    );
    assert!(err.contains("[n] la passer quand même"), "{err}");
    assert!(!err.contains("étape passée"), "{err}");
    assert_eq!(outcomes(dir.path()), vec!["passed"; 12]);
    assert!(
        err.contains("12 étape(s) faite(s), 0 passée(s), sur 12."),
        "{err}"
    );
}

#[test]
fn a_scripted_trainee_acts_skips_anyway_asks_again_and_gets_a_complete_handbook() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    // Step 1 done, step 2 skipped anyway (`s` then `n`), `b` on step 3, then everything done.
    let out = guide(
        &["login-bad-credentials"],
        "\ns\nn\nb\n\n\n\n\n\n",
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("Étape 3/7"), "{err}");
    assert!(
        err.contains("Étape précédente 2 : Accepter le bandeau des cookies"),
        "{err}"
    );
    assert!(err.contains("→ étape passée"), "{err}");
    assert_eq!(
        outcomes(dir.path()),
        ["passed", "skipped", "passed", "passed", "passed", "passed", "passed"]
    );

    // Each highlighted view is kept: the steps with a target (fill, fill, click).
    let names: Vec<_> = files(&dir.path().join("guide").join("login-bad-credentials"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".png"))
        .collect();
    assert_eq!(names, ["03-fill.png", "04-fill.png", "05-click.png"]);

    // The lesson's handbook page holds every step's narration, in the index too.
    let scenario =
        explorer::scenario::load_paths(&[scenarios_dir().join("login-bad-credentials.toml")])
            .unwrap()
            .scenarios
            .remove(0);
    let book = dir.path().join("handbook");
    let html = std::fs::read_to_string(book.join("login-bad-credentials.html")).unwrap();
    let md = std::fs::read_to_string(book.join("login-bad-credentials.md")).unwrap();
    for step in &scenario.steps {
        let narration = step.narration.get("fr");
        let escaped = narration.replace('\'', "&#x27;");
        assert!(
            html.contains(narration) || html.contains(&escaped),
            "html lacks {narration}"
        );
        assert!(md.contains(narration), "md lacks {narration}");
    }
    let pictures = html.matches("<img class=\"page\" src=\"img").count();
    assert!(pictures >= 4, "{pictures} pictures:\n{html}");
    let index = std::fs::read_to_string(book.join("index.html")).unwrap();
    assert!(index.contains("login-bad-credentials.html"), "{index}");
}

#[test]
fn a_failed_step_is_explained_in_french_with_retry_go_on_or_quit() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let lessons = dir.path().join("lessons");
    std::fs::create_dir(&lessons).unwrap();
    std::fs::write(
        lessons.join("missing-button.toml"),
        r#"id = "missing-button"
title = { en = "A button that is not there", fr = "Un bouton absent" }
writes = false

[[steps]]
action = "login"
narration = { en = "Log in.", fr = "Se connecter." }

[[steps]]
action = "click"
target = { text = { en = "No such button", fr = "Bouton inexistant" } }
narration = { en = "Click a button the admin does not have.", fr = "Cliquer sur un bouton que l'administration n'a pas." }

[[steps]]
action = "expect_url"
url = "/admin/*"
narration = { en = "Still in the admin.", fr = "Toujours dans l'administration." }
"#,
    )
    .unwrap();
    // Enter, Enter (fails), `r` (fails again), `c` (go on), Enter.
    let out = guide(
        &[
            "missing-button",
            "--scenario-dir",
            lessons.to_str().unwrap(),
            "--timeout",
            "1s",
        ],
        "\n\nr\nc\n\n",
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let explained =
        "Cette étape n'a pas abouti. L'outil n'a pas pu agir sur «\u{a0}Bouton inexistant\u{a0}»";
    assert_eq!(err.matches(explained).count(), 2, "{err}");
    assert!(err.contains("[r] réessayer"), "{err}");
    assert!(err.contains("[c] continuer sans elle"), "{err}");
    assert!(
        !err.contains("ÉCHEC"),
        "no failure block for a step the trainee went past:\n{err}"
    );
    assert_eq!(outcomes(dir.path()), ["passed", "skipped", "passed"]);
}

#[test]
fn the_menu_follows_the_learning_path_marks_done_lessons_and_q_quits_cleanly() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("progress.json"),
        r#"{"version":1,"lessons":{"login":{"done":true,"seconds":75,"last":null}}}"#,
    )
    .unwrap();
    let out = guide(&["--lang", "en"], "1\n\nq\n", dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("Lessons, in the order to learn them:"),
        "{err}"
    );
    let first_steps = err.find("First steps").unwrap();
    let processes = err.find("Participatory processes").unwrap();
    assert!(first_steps < processes, "{err}");
    let login = err.lines().find(|l| l.contains("  1. ")).unwrap();
    assert!(
        login.contains("✓ Log in") && login.contains("· 2 min"),
        "{login}"
    );
    // On the replica nothing is shared: no lesson is flagged as changing data.
    assert!(!err.contains("changes data"), "{err}");
    assert!(err.contains("lesson stopped at your request"), "{err}");
    let summary = json(&dir.path().join("summary.json"));
    assert_eq!(summary["interrupted"], "quit");
    assert_eq!(summary["scenarios"][0]["steps_passed"], 1);
    assert!(dir.path().join("handbook").join("index.html").is_file());
}
