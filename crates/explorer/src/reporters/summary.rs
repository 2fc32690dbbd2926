//! `summary.json`: the run's state, rewritten after every scenario and at the end.

use super::{write_atomically, ReportError, Reporter};
use crate::events::{
    CancelReason, EventKind, Failure, RunEvent, RunStats, ScenarioInfo, ScenarioStatus,
    FORMAT_VERSION,
};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Keeps a summary of the run and rewrites it on every scenario end.
#[derive(Debug)]
pub struct SummaryReporter {
    path: PathBuf,
    summary: Summary,
}

#[derive(Debug, Serialize, Default)]
struct Summary {
    version: u32,
    run_id: String,
    target: String,
    replica: bool,
    started_at: String,
    finished: bool,
    interrupted: Option<CancelReason>,
    stats: RunStats,
    scenarios: Vec<ScenarioSummary>,
}

#[derive(Debug, Serialize)]
struct ScenarioSummary {
    #[serde(flatten)]
    info: ScenarioInfo,
    status: String,
    duration_ms: u64,
    steps_passed: usize,
    screenshots: Vec<PathBuf>,
    failure: Option<Failure>,
    skip_reason: Option<String>,
    /// The view after the last step (passed scenarios), relative to the run folder.
    result: Option<PathBuf>,
    /// Attempts made (`--retries`); `screenshots` and `failure` are the last one's.
    attempts: u32,
    /// The attempts that failed before the last, in order.
    failed_attempts: Vec<FailedAttempt>,
}

/// An attempt that failed and was tried again.
#[derive(Debug, Serialize)]
struct FailedAttempt {
    attempt: u32,
    duration_ms: u64,
    steps_passed: usize,
    failure: Failure,
}

impl SummaryReporter {
    /// Write to `path`.
    pub fn new(path: &Path) -> Self {
        SummaryReporter {
            path: path.to_path_buf(),
            summary: Summary {
                version: FORMAT_VERSION,
                ..Summary::default()
            },
        }
    }

    fn write(&self) -> Result<(), ReportError> {
        let json = serde_json::to_vec_pretty(&self.summary).expect("summary always serialises");
        write_atomically(&self.path, &json)
    }

    /// A scenario that had no turn: skipped, or never started.
    fn push_unrun(&mut self, scenario: &ScenarioInfo, status: &str, reason: String) {
        self.summary.scenarios.push(ScenarioSummary {
            info: scenario.clone(),
            status: status.into(),
            duration_ms: 0,
            steps_passed: 0,
            screenshots: Vec::new(),
            failure: None,
            skip_reason: Some(reason),
            result: None,
            attempts: 0,
            failed_attempts: Vec::new(),
        });
    }

    fn current(&mut self, id: &str) -> Option<&mut ScenarioSummary> {
        self.summary
            .scenarios
            .iter_mut()
            .rev()
            .find(|s| s.info.id == id)
    }
}

impl Reporter for SummaryReporter {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        match &event.kind {
            EventKind::RunStarted {
                run_id,
                target,
                replica,
                ..
            } => {
                self.summary.run_id = run_id.clone();
                self.summary.target = target.clone();
                self.summary.replica = *replica;
                self.summary.started_at = event.at.clone();
                self.write()
            }
            EventKind::ScenarioStarted { scenario } => {
                self.summary.scenarios.push(ScenarioSummary {
                    info: scenario.clone(),
                    status: "running".into(),
                    duration_ms: 0,
                    steps_passed: 0,
                    screenshots: Vec::new(),
                    failure: None,
                    skip_reason: None,
                    result: None,
                    attempts: 1,
                    failed_attempts: Vec::new(),
                });
                Ok(())
            }
            EventKind::AttemptFailed {
                scenario_id,
                attempt,
                duration_ms,
                steps_passed,
                failure,
            } => {
                if let Some(s) = self.current(scenario_id) {
                    // The pictures that follow are the next attempt's.
                    s.screenshots.clear();
                    s.failed_attempts.push(FailedAttempt {
                        attempt: *attempt,
                        duration_ms: *duration_ms,
                        steps_passed: *steps_passed,
                        failure: failure.clone(),
                    });
                }
                self.write()
            }
            EventKind::StepFinished {
                scenario_id,
                screenshot,
                ..
            } => {
                if let (Some(s), Some(shot)) = (self.current(scenario_id), screenshot) {
                    s.screenshots.push(shot.clone());
                }
                Ok(())
            }
            EventKind::ScenarioFinished {
                scenario_id,
                status,
                attempts,
                duration_ms,
                steps_passed,
                failure,
                result,
                ..
            } => {
                if let Some(s) = self.current(scenario_id) {
                    s.status = match status {
                        ScenarioStatus::Passed => "passed",
                        ScenarioStatus::Flaky => "flaky",
                        ScenarioStatus::Failed => "failed",
                        ScenarioStatus::Interrupted => "interrupted",
                    }
                    .into();
                    s.duration_ms = *duration_ms;
                    s.attempts = *attempts;
                    s.steps_passed = *steps_passed;
                    s.failure = failure.clone();
                    s.result = result.clone();
                }
                self.write()
            }
            EventKind::ScenarioSkipped { scenario, reason } => {
                self.push_unrun(scenario, "skipped", reason.clone());
                self.write()
            }
            EventKind::ScenarioNotRun { scenario, reason } => {
                self.push_unrun(scenario, "not_run", reason.said("en").to_string());
                self.write()
            }
            EventKind::RunFinished { stats, interrupted } => {
                self.summary.stats = *stats;
                self.summary.interrupted = *interrupted;
                self.summary.finished = true;
                self.write()
            }
            EventKind::StepStarted { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events::{self, feed, redacted};

    fn summary(events: &[RunEvent]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.json");
        feed(&mut SummaryReporter::new(&path), events);
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn passing() {
        redacted().bind(|| {
            insta::assert_snapshot!("summary_passing", summary(&test_events::passing_run("en")))
        });
    }

    #[test]
    fn failing() {
        redacted().bind(|| {
            insta::assert_snapshot!("summary_failing", summary(&test_events::failing_run("en")))
        });
    }

    #[test]
    fn interrupted() {
        redacted().bind(|| {
            insta::assert_snapshot!(
                "summary_interrupted",
                summary(&test_events::interrupted_run("en"))
            )
        });
    }

    /// Until the run ends, the file says so (a killed run leaves `"finished": false`).
    #[test]
    fn a_run_in_progress_is_not_finished() {
        let events = test_events::failing_run("en");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.json");
        feed(
            &mut SummaryReporter::new(&path),
            &events[..events.len() - 1],
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(json["finished"], false);
        assert_eq!(json["scenarios"][0]["status"], "failed");
        assert_eq!(json["scenarios"][1]["status"], "passed");
    }

    #[test]
    fn flaky() {
        redacted().bind(|| {
            insta::assert_snapshot!("summary_flaky", summary(&test_events::flaky_run("en")))
        });
    }
}
