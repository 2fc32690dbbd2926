//! `check` and `schema`: no browser needed.

use crate::util::{bin, run, scenarios_dir, stderr};

#[test]
fn shipped_scenarios_are_valid() {
    let out = run(bin().arg("check").arg(scenarios_dir()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("ok: "), "{}", stderr(&out));
}

#[test]
fn broken_file_points_at_line_and_column_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.toml");
    std::fs::write(
        &file,
        r#"id = "broken"
title = { en = "Broken", fr = "Cassé" }
writes = false

[[steps]]
action = "goto"
url = "/admin"
narration = { en = "Open.", fr = "Ouvrir." }

[[steps]]
action = "clik"
target = { css = "a" }
narration = { en = "Click.", fr = "Cliquer." }

[[steps]]
action = "fill"
target = { label = "Title" }
valeu = "x"
narration = { en = "Type.", fr = "Saisir." }
"#,
    )
    .unwrap();
    let out = run(bin().arg("check").arg(&file));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    // Only the TOML-level error is reported when the file does not deserialise: the unknown key.
    assert!(err.contains("broken.toml:18:1"), "{err}");
    assert!(err.contains("did you mean `value`?"), "{err}");
    assert!(err.contains("valeu"), "caret snippet shows the line: {err}");

    // Fix the key: now the unknown action is reported, with its position and a suggestion.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("valeu", "value");
    std::fs::write(&file, text).unwrap();
    let err = stderr(&run(bin().arg("check").arg(&file)));
    assert!(
        err.contains("broken.toml:11:10: unknown action `clik`"),
        "{err}"
    );
    assert!(err.contains("did you mean `click`?"), "{err}");
}

#[test]
fn schema_is_json_with_every_action() {
    let out = run(bin().arg("schema"));
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let variants = schema["properties"]["steps"]["items"]["oneOf"]
        .as_array()
        .unwrap();
    let names: Vec<_> = variants
        .iter()
        .map(|v| v["properties"]["action"]["const"].as_str().unwrap())
        .collect();
    for a in [
        "goto",
        "click",
        "fill",
        "select",
        "check",
        "expect_text",
        "expect_url",
        "expect_element",
        "screenshot",
        "login",
        "accept_cookies",
        "accept_admin_terms",
        "confirm",
    ] {
        assert!(names.contains(&a), "{a} missing from {names:?}");
    }
}

#[test]
fn unknown_scenario_id_is_a_usage_error() {
    let out = run(bin().args(["run", "creat-process"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `create-process`?"),
        "{}",
        stderr(&out)
    );
}
