//! `junit.xml`: one test case per scenario, rewritten after every scenario (via quick-junit,
//! which does the XML escaping and the counts).

use super::{write_atomically, ReportError, Reporter};
use crate::events::{EventKind, RunEvent, ScenarioStatus, StepOutcome};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
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
    interrupted: bool,
}

impl JunitReporter {
    /// Write to `path`.
    pub fn new(path: &Path) -> Self {
        JunitReporter {
            path: path.to_path_buf(),
            suite_name: "decidim-explorer".into(),
            cases: Vec::new(),
            running: BTreeMap::new(),
            interrupted: false,
        }
    }

    fn write(&self) -> Result<(), ReportError> {
        let mut suite = TestSuite::new(self.suite_name.clone());
        suite.add_test_cases(self.cases.iter().cloned());
        let mut report = Report::new("decidim-explorer");
        report.add_test_suite(suite);
        let xml = report.to_string().map_err(|e| ReportError {
            file: self.path.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
        write_atomically(&self.path, xml.as_bytes())
    }
}

impl Reporter for JunitReporter {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        match &event.kind {
            EventKind::RunStarted { target, .. } => {
                self.suite_name = format!("decidim-explorer {target}");
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
                    log.push_str(&format!(
                        "{:>2}. {} {} [{status}, {duration_ms} ms] {}\n",
                        step.number,
                        step.action,
                        step.detail,
                        url.as_deref().unwrap_or("")
                    ));
                }
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
                let mut tc_status = match status {
                    ScenarioStatus::Passed => TestCaseStatus::success(),
                    ScenarioStatus::Failed => TestCaseStatus::non_success(NonSuccessKind::Failure),
                    ScenarioStatus::Interrupted => {
                        TestCaseStatus::non_success(NonSuccessKind::Error)
                    }
                };
                if let Some(f) = failure {
                    tc_status.set_message(format!("step {} ({}): {}", f.step, f.action, f.message));
                    tc_status.set_type(match status {
                        ScenarioStatus::Interrupted => "interrupted",
                        _ => "step failed",
                    });
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
                    tc_status.set_description(description);
                }
                let mut case = TestCase::new(scenario_id.clone(), tc_status);
                case.set_classname(file);
                case.set_time(Duration::from_millis(*duration_ms));
                case.set_system_out(log);
                self.cases.push(case);
                self.write()
            }
            EventKind::ScenarioSkipped { scenario, reason } => {
                let mut st = TestCaseStatus::skipped();
                st.set_message(reason.clone());
                let mut case = TestCase::new(scenario.id.clone(), st);
                case.set_classname(scenario.file.display().to_string());
                self.cases.push(case);
                self.write()
            }
            EventKind::RunFinished { interrupted, .. } => {
                self.interrupted = interrupted.is_some();
                self.write()
            }
            EventKind::StepStarted { .. } => Ok(()),
        }
    }
}
