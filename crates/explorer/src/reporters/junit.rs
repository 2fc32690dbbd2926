//! `junit.xml`: one test case per scenario, rewritten after every scenario (via quick-junit,
//! which does the XML escaping and the counts).

use super::{write_atomically, ReportError, Reporter};
use crate::events::{EventKind, Failure, RunEvent, ScenarioInfo, ScenarioStatus, StepOutcome};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestRerun, TestSuite};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Collects scenarios as JUnit test cases.
#[derive(Debug)]
pub struct JunitReporter {
    path: PathBuf,
    suite_name: String,
    cases: Vec<TestCase>,
    /// Per running scenario: its file and the step log that goes to `system-out`.
    running: BTreeMap<String, (String, String)>,
    /// The failed attempts of each running scenario, in order (`--retries`).
    attempts: BTreeMap<String, Vec<FailedAttempt>>,
    /// Scenarios selected (from `run_started`).
    selected: usize,
    /// Set at the end of a run cut short: why, and how many scenarios never started.
    cut_short: Option<String>,
}

impl JunitReporter {
    /// Write to `path`.
    pub fn new(path: &Path) -> Self {
        JunitReporter {
            path: path.to_path_buf(),
            suite_name: "decidim-explorer".into(),
            cases: Vec::new(),
            running: BTreeMap::new(),
            attempts: BTreeMap::new(),
            selected: 0,
            cut_short: None,
        }
    }

    fn push_skipped(&mut self, scenario: &ScenarioInfo, message: String) {
        let mut status = TestCaseStatus::skipped();
        status.set_message(message);
        let mut case = TestCase::new(scenario.id.clone(), status);
        case.set_classname(scenario.file.display().to_string());
        self.cases.push(case);
    }

    fn write(&self) -> Result<(), ReportError> {
        let mut suite = TestSuite::new(self.suite_name.clone());
        suite.add_test_cases(self.cases.iter().cloned());
        if let Some(why) = &self.cut_short {
            suite.set_system_err(why.clone());
        }
        let mut report = Report::new("decidim-explorer");
        report.add_test_suite(suite);
        let xml = report.to_string().map_err(|e| ReportError {
            file: self.path.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
        write_atomically(&self.path, xml.as_bytes())
    }
}

/// A scenario's verdict for CI: failure or error, with the step, the message and the evidence.
fn case_status(status: ScenarioStatus, failure: Option<&Failure>) -> TestCaseStatus {
    let mut tc_status = match status {
        ScenarioStatus::Passed | ScenarioStatus::Flaky => TestCaseStatus::success(),
        ScenarioStatus::Failed => TestCaseStatus::non_success(NonSuccessKind::Failure),
        ScenarioStatus::Interrupted => TestCaseStatus::non_success(NonSuccessKind::Error),
    };
    if let Some(f) = failure {
        tc_status.set_message(failure_message(f));
        tc_status.set_type(match status {
            ScenarioStatus::Interrupted => "interrupted",
            _ => "step failed",
        });
        tc_status.set_description(failure_description(f));
    }
    tc_status
}

/// A failure in one line.
fn failure_message(f: &Failure) -> String {
    format!("step {} ({}): {}", f.step, f.action, f.message)
}

/// A failure and its evidence.
fn failure_description(f: &Failure) -> String {
    {
        let mut description = f.message.clone();
        for (label, value) in [
            ("url", f.url.clone()),
            ("title", f.page_title.clone()),
            (
                "screenshot",
                f.screenshot.as_ref().map(|p| p.display().to_string()),
            ),
            ("html", f.html.as_ref().map(|p| p.display().to_string())),
        ] {
            if let Some(v) = value {
                description.push_str(&format!("\n{label}: {v}"));
            }
        }
        description
    }
}

/// A failed attempt as JUnit's rerun elements say it: `<flakyFailure>` under a case that passed
/// in the end, `<rerunFailure>` under one that failed (quick-junit picks the element).
fn rerun(attempt: &FailedAttempt) -> TestRerun {
    let mut rerun = TestRerun::new(NonSuccessKind::Failure);
    rerun
        .set_message(failure_message(&attempt.failure))
        .set_type("step failed")
        .set_description(failure_description(&attempt.failure))
        .set_time(Duration::from_millis(attempt.duration_ms))
        .set_system_out(attempt.log.clone());
    rerun
}

/// An attempt that failed before the last one.
#[derive(Debug)]
struct FailedAttempt {
    failure: Failure,
    duration_ms: u64,
    log: String,
}

impl Reporter for JunitReporter {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        match &event.kind {
            EventKind::RunStarted {
                target,
                scenario_count,
                ..
            } => {
                self.suite_name = format!("decidim-explorer {target}");
                self.selected = *scenario_count;
                Ok(())
            }
            EventKind::ScenarioStarted { scenario } => {
                self.running.insert(
                    scenario.id.clone(),
                    (scenario.file.display().to_string(), String::new()),
                );
                Ok(())
            }
            EventKind::StepFinished {
                scenario_id,
                step,
                outcome,
                duration_ms,
                url,
                ..
            } => {
                if let Some((_, log)) = self.running.get_mut(scenario_id) {
                    let status = match outcome {
                        StepOutcome::Passed => "ok",
                        StepOutcome::Failed { .. } => "FAILED",
                        StepOutcome::Interrupted => "interrupted",
                        StepOutcome::Skipped => "skipped by the trainee",
                    };
                    let what = if step.detail.is_empty() {
                        step.action.clone()
                    } else {
                        format!("{} {}", step.action, step.detail)
                    };
                    log.push_str(&format!(
                        "{:>2}. {what} [{status}, {duration_ms} ms] {}\n",
                        step.number,
                        url.as_deref().unwrap_or("")
                    ));
                }
                Ok(())
            }
            EventKind::AttemptFailed {
                scenario_id,
                duration_ms,
                failure,
                ..
            } => {
                // The steps so far were this attempt's: they go with its rerun element.
                let log = self
                    .running
                    .get_mut(scenario_id)
                    .map(|(_, log)| std::mem::take(log))
                    .unwrap_or_default();
                self.attempts
                    .entry(scenario_id.clone())
                    .or_default()
                    .push(FailedAttempt {
                        failure: failure.clone(),
                        duration_ms: *duration_ms,
                        log,
                    });
                Ok(())
            }
            EventKind::ScenarioFinished {
                scenario_id,
                status,
                duration_ms,
                failure,
                ..
            } => {
                let (file, log) = self.running.remove(scenario_id).unwrap_or_default();
                let mut tc_status = case_status(*status, failure.as_ref());
                let attempts = self.attempts.remove(scenario_id).unwrap_or_default();
                tc_status.add_reruns(attempts.iter().map(rerun));
                let mut case = TestCase::new(scenario_id.clone(), tc_status);
                case.set_classname(file);
                case.set_time(Duration::from_millis(*duration_ms));
                case.set_system_out(log);
                self.cases.push(case);
                self.write()
            }
            EventKind::ScenarioSkipped { scenario, reason } => {
                self.push_skipped(scenario, reason.clone());
                self.write()
            }
            EventKind::ScenarioNotRun { scenario, reason } => {
                // Skipped in JUnit's terms (it has no "not run"), said so in the message, so
                // that CI counts every selected scenario.
                self.push_skipped(scenario, format!("not run: {}", reason.said("en")));
                Ok(())
            }
            EventKind::RunFinished { interrupted, stats } => {
                self.cut_short = interrupted.map(|why| {
                    format!(
                        "{}: {} of {} selected scenarios did not start",
                        why.said("en"),
                        stats.not_run,
                        self.selected
                    )
                });
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

    fn junit(events: &[RunEvent]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junit.xml");
        feed(&mut JunitReporter::new(&path), events);
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn passing() {
        redacted().bind(|| {
            insta::assert_snapshot!("junit_passing", junit(&test_events::passing_run("en")))
        });
    }

    #[test]
    fn failing_carries_the_message_and_the_evidence() {
        redacted().bind(|| {
            insta::assert_snapshot!("junit_failing", junit(&test_events::failing_run("en")))
        });
    }

    #[test]
    fn interrupted() {
        redacted().bind(|| {
            insta::assert_snapshot!(
                "junit_interrupted",
                junit(&test_events::interrupted_run("en"))
            )
        });
    }

    #[test]
    fn flaky() {
        redacted()
            .bind(|| insta::assert_snapshot!("junit_flaky", junit(&test_events::flaky_run("en"))));
    }
}
