//! Helpers: run the binary, read a run folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built binary.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_decidim-explorer"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("DECIDIM_BASE_URL")
        .env_remove("WEBDRIVER_URL")
        .env("NO_COLOR", "1")
        // Tests run side by side already: one browser each unless a test asks for more.
        .env("DECIDIM_EXPLORER_JOBS", "1");
    c
}

/// Run to completion and capture output.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the binary runs")
}

/// Text of stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The shipped scenarios folder.
pub fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Fail loudly (not skip) when the browser is missing: CI installs it, and a skipped browser
/// test would hide a broken set-up.
pub fn require_browser() {
    for p in ["chromedriver", "chromium"] {
        let found = std::env::var_os("PATH")
            .map(|path| std::env::split_paths(&path).any(|d| d.join(p).is_file()))
            .unwrap_or(false);
        assert!(
            found,
            "{p} is not on PATH: run scripts/install-browser first"
        );
    }
}

/// Parse a JSON file.
pub fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every event of `events.jsonl`.
pub fn events(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("events.jsonl"))
        .expect("events.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// All files under `dir`, recursively.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Processes whose command line mentions `needle` (read from /proc).
pub fn processes_mentioning(needle: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let name = e.file_name();
        if !name.to_string_lossy().chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Ok(cmd) = std::fs::read(e.path().join("cmdline")) {
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
            if cmd.contains(needle) {
                // Zombies have an empty cmdline and are excluded by construction.
                out.push(format!(
                    "{}: {}",
                    name.to_string_lossy(),
                    cmd.chars().take(160).collect::<String>()
                ));
            }
        }
    }
    out
}

/// Wait (60 s at most) until the run writing `out_dir` has emitted `kind` (`step_started`,
/// `step_finished`) for step `number`.
pub fn wait_for_step(out_dir: &Path, kind: &str, number: u64) {
    let started = std::time::Instant::now();
    while !(out_dir.join("events.jsonl").is_file()
        && events(out_dir)
            .iter()
            .any(|e| e["type"] == kind && e["step"]["number"] == number))
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the run never reached {kind} of step {number}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
