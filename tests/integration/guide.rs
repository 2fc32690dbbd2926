//! `guide`: a lesson driven by scripted keyboard input, and the handbook it leaves.

use crate::util::{bin, events, files, json, require_browser, scenarios_dir, stderr};
use std::io::Write;
use std::process::Stdio;

fn guide(args: &[&str], input: &str, out: &std::path::Path) -> std::process::Output {
    let mut child = bin()
        .arg("guide")
        .args(args)
        .arg("--out")
        .arg(out)
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

#[test]
fn a_scripted_trainee_acts_skips_asks_again_and_gets_a_complete_handbook() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    // Step 1 act, step 2 skip, then "b" (explain step 2 again) and act on every remaining step.
    let out = guide(
        &["login-bad-credentials", "--lang", "fr"],
        "\ns\nb\n\n\n\n\n\n",
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("Étape 3/7"), "{err}");
    assert!(
        err.contains("Étape précédente 2: Accepter le bandeau des cookies"),
        "{err}"
    );
    assert!(err.contains("→ étape passée"), "{err}");

    let evs = events(dir.path());
    let outcomes: Vec<_> = evs
        .iter()
        .filter(|e| e["type"] == "step_finished")
        .map(|e| e["outcome"]["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        outcomes,
        ["passed", "skipped", "passed", "passed", "passed", "passed", "passed"]
    );

    // Each highlighted view is kept: the steps with a target (fill, fill, click).
    let shots = files(&dir.path().join("guide").join("login-bad-credentials"));
    let names: Vec<_> = shots
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["03-fill.png", "04-fill.png", "05-click.png"]);

    // The handbook holds every step's narration and an image for every step that ran.
    let scenario = decidim_explorer::scenario::load_paths(&[
        scenarios_dir().join("login-bad-credentials.toml")
    ])
    .unwrap()
    .scenarios
    .remove(0);
    let html = std::fs::read_to_string(dir.path().join("handbook.html")).unwrap();
    let md = std::fs::read_to_string(dir.path().join("handbook.md")).unwrap();
    for step in &scenario.steps {
        let narration = step.narration.get("fr");
        let escaped = narration.replace('\'', "&#x27;");
        assert!(
            html.contains(narration) || html.contains(&escaped),
            "html lacks {narration}"
        );
        assert!(md.contains(narration), "md lacks {narration}");
    }
    // One picture per step that ran; a view identical to the previous step's is said, not repeated.
    let pictures = html.matches("<img src=\"data:image/png;base64,").count();
    let unchanged = html.matches("(l&#x27;écran n&#x27;a pas changé)").count();
    assert!(pictures >= 4, "{pictures} pictures");
    assert_eq!(
        pictures + unchanged,
        6,
        "one picture (or 'unchanged') per step that ran"
    );
    assert!(
        md.contains("guide/login-bad-credentials/05-click.png"),
        "{md}"
    );
}

#[test]
fn the_picker_chooses_a_lesson_and_q_quits_cleanly() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let out = guide(
        &["--lang", "en"],
        "login-bad-credentials\n\nq\n",
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("Lessons:"), "{err}");
    assert!(err.contains("lesson stopped at your request"), "{err}");
    let summary = json(&dir.path().join("summary.json"));
    assert_eq!(summary["interrupted"], "quit");
    assert_eq!(summary["scenarios"][0]["steps_passed"], 1);
    assert!(dir.path().join("handbook.html").is_file());
}
