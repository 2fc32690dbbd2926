//! The run folder's layout: where a step's screenshot, a failure's evidence and a lesson's result
//! go, relative to the run folder (reports keep relative paths), and how they are written.

use crate::scenario::{Action, Scenario};
use std::path::{Path, PathBuf};

/// The picture of step `number` (1-based), taken as it passed.
pub fn step_screenshot(scenario: &Scenario, number: usize) -> PathBuf {
    step_file(scenario, number, "screenshots", "png")
}

/// The screenshot of the page when step `number` failed in `attempt` (1-based).
pub fn failure_screenshot(scenario: &Scenario, number: usize, attempt: u32) -> PathBuf {
    attempt_file(scenario, number, attempt, "png")
}

/// The page's HTML when step `number` failed in `attempt` (1-based).
pub fn failure_html(scenario: &Scenario, number: usize, attempt: u32) -> PathBuf {
    attempt_file(scenario, number, attempt, "html")
}

/// A failure's evidence: `failures/<scenario>/…` for the first attempt, `…/try-<n>/…` for a
/// retry, so that a retry keeps what the attempts before it saw.
fn attempt_file(scenario: &Scenario, number: usize, attempt: u32, ext: &str) -> PathBuf {
    let file = step_file(scenario, number, "failures", ext);
    match (attempt, file.file_name(), file.parent()) {
        (2.., Some(name), Some(folder)) => folder.join(format!("try-{attempt}")).join(name),
        _ => file,
    }
}

/// What the page shows after a lesson's last step.
pub fn result_screenshot(scenario: &Scenario) -> PathBuf {
    Path::new("screenshots")
        .join(&scenario.id)
        .join("result.png")
}

/// `<kind>/<scenario>/<NN>-<action or screenshot name>.<ext>`.
fn step_file(scenario: &Scenario, number: usize, kind: &str, ext: &str) -> PathBuf {
    let step = &scenario.steps[number - 1];
    let name = match &step.action {
        Action::Screenshot { name: Some(n) } => sanitize(n),
        a => a.name().to_string(),
    };
    Path::new(kind)
        .join(&scenario.id)
        .join(format!("{number:02}-{name}.{ext}"))
}

/// A name safe in a file name: anything but letters, digits, `-` and `_` becomes `-`.
fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Write `bytes` at `rel` inside `out_dir`; the relative path if it was written. A file that
/// cannot be saved is logged and left out of the reports, it does not fail the step.
pub async fn save(out_dir: &Path, rel: PathBuf, bytes: Vec<u8>) -> Option<PathBuf> {
    let full = out_dir.join(&rel);
    if let Some(parent) = full.parent() {
        tokio::fs::create_dir_all(parent).await.ok()?;
    }
    match tokio::fs::write(&full, bytes).await {
        Ok(()) => Some(rel),
        Err(e) => {
            tracing::warn!(file = %full.display(), error = %e, "could not save");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_leave_their_folder() {
        assert_eq!(sanitize("../../etc/passwd"), "------etc-passwd");
        assert_eq!(sanitize("résultat final"), "r-sultat-final");
    }
}
