//! [`RunModel`]: what the HTML run report shows, built from the `events.jsonl` format (the
//! [`WireEvent`]s), so a live run and a run read back from its files (or several shards' files
//! joined) make the same report.

use crate::events::wire::{
    WireCancelReason, WireEvent, WireFailure, WireKind, WireOutcome, WireScenario, WireStats,
    WireStatus,
};
use serde::Serialize;
use std::path::PathBuf;

/// A run as the report tells it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunModel {
    /// Run id.
    pub run_id: String,
    /// Base URL of the target.
    pub target: String,
    /// Whether it was the built-in replica.
    pub replica: bool,
    /// Wall-clock start, RFC 3339.
    pub started_at: String,
    /// Narration language.
    pub locale: String,
    /// Scenarios in the order they finished (or were skipped).
    pub scenarios: Vec<ScenarioModel>,
    /// Totals, once the run finished.
    pub stats: Option<WireStats>,
    /// Why the run was cut short, if it was.
    pub interrupted: Option<String>,
}

/// One scenario.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioModel {
    /// Its id, title, file, features…
    pub info: WireScenario,
    /// `passed`, `flaky`, `failed`, `interrupted`, `skipped`, `not_run`, or `running` (a run
    /// that ended before the scenario did).
    pub status: String,
    /// Why it was skipped or not run.
    pub reason: Option<String>,
    /// Time, every attempt included.
    pub duration_ms: u64,
    /// The attempts, in order (the last decides the status).
    pub attempts: Vec<AttemptModel>,
}

/// One attempt at a scenario.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AttemptModel {
    /// 1-based.
    pub number: u32,
    /// Its steps as they ended.
    pub steps: Vec<StepModel>,
    /// How it failed, if it did.
    pub failure: Option<WireFailure>,
    /// The picture of the result (an attempt that passed).
    pub result: Option<PathBuf>,
}

/// One step as it ended.
#[derive(Debug, Clone, Serialize)]
pub struct StepModel {
    /// 1-based.
    pub number: usize,
    /// Action name.
    pub action: String,
    /// Locator or argument.
    pub detail: String,
    /// The step in words, English and French.
    pub heading_en: String,
    /// In French.
    pub heading_fr: String,
    /// `file:line:column`.
    pub source: String,
    /// `passed`, `failed`, `interrupted`, `skipped`.
    pub outcome: String,
    /// The failure message.
    pub message: Option<String>,
    /// Time taken.
    pub duration_ms: u64,
    /// Page after the step.
    pub url: Option<String>,
    /// Its picture, relative to the run folder.
    pub screenshot: Option<PathBuf>,
}

impl RunModel {
    /// Take one event.
    pub fn apply(&mut self, event: &WireEvent) {
        match &event.kind {
            WireKind::RunStarted {
                run_id,
                target,
                replica,
                locale,
                ..
            } => {
                self.run_id = run_id.clone();
                self.target = target.clone();
                self.replica = *replica;
                self.locale = locale.clone();
                self.started_at = event.at.clone();
            }
            WireKind::ScenarioStarted { scenario } => self.scenarios.push(ScenarioModel {
                info: scenario.clone(),
                status: "running".into(),
                reason: None,
                duration_ms: 0,
                attempts: vec![AttemptModel {
                    number: 1,
                    ..AttemptModel::default()
                }],
            }),
            WireKind::StepStarted { .. } => {}
            WireKind::StepFinished {
                scenario_id,
                step,
                outcome,
                duration_ms,
                url,
                screenshot,
                ..
            } => {
                let Some(attempt) = self.attempt(scenario_id) else {
                    return;
                };
                let (outcome, message) = match outcome {
                    WireOutcome::Passed => ("passed", None),
                    WireOutcome::Failed { message } => ("failed", Some(message.clone())),
                    WireOutcome::Interrupted => ("interrupted", None),
                    WireOutcome::Skipped => ("skipped", None),
                };
                attempt.steps.push(StepModel {
                    number: step.number,
                    action: step.action.clone(),
                    detail: step.detail.clone(),
                    heading_en: step.heading_en.clone(),
                    heading_fr: step.heading_fr.clone(),
                    source: step.source.clone(),
                    outcome: outcome.into(),
                    message,
                    duration_ms: *duration_ms,
                    url: url.clone(),
                    screenshot: screenshot.clone(),
                });
            }
            WireKind::AttemptFailed {
                scenario_id,
                attempt,
                failure,
                ..
            } => {
                if let Some(s) = self.running(scenario_id) {
                    if let Some(last) = s.attempts.last_mut() {
                        last.failure = Some(failure.clone());
                    }
                    s.attempts.push(AttemptModel {
                        number: attempt + 1,
                        ..AttemptModel::default()
                    });
                }
            }
            WireKind::ScenarioFinished {
                scenario_id,
                status,
                duration_ms,
                failure,
                result,
                ..
            } => {
                if let Some(s) = self.running(scenario_id) {
                    s.status = status_word(status).into();
                    s.duration_ms = *duration_ms;
                    if let Some(last) = s.attempts.last_mut() {
                        last.failure = failure.clone();
                        last.result = result.clone();
                    }
                }
            }
            WireKind::ScenarioSkipped { scenario, reason } => {
                self.unrun(scenario, "skipped", reason.clone())
            }
            WireKind::ScenarioNotRun { scenario, reason } => {
                self.unrun(scenario, "not_run", cancel_word(reason).into())
            }
            WireKind::RunFinished { stats, interrupted } => {
                self.stats = Some(*stats);
                self.interrupted = interrupted.as_ref().map(|r| cancel_word(r).into());
            }
        }
    }

    fn unrun(&mut self, scenario: &WireScenario, status: &str, reason: String) {
        self.scenarios.push(ScenarioModel {
            info: scenario.clone(),
            status: status.into(),
            reason: Some(reason),
            duration_ms: 0,
            attempts: Vec::new(),
        });
    }

    fn running(&mut self, id: &str) -> Option<&mut ScenarioModel> {
        self.scenarios
            .iter_mut()
            .rev()
            .find(|s| s.info.id == id && s.status == "running")
    }

    fn attempt(&mut self, id: &str) -> Option<&mut AttemptModel> {
        self.running(id).and_then(|s| s.attempts.last_mut())
    }

    /// How many scenarios ended each way, in the order the report's filters show them.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        [
            "failed",
            "flaky",
            "interrupted",
            "passed",
            "skipped",
            "not_run",
        ]
        .into_iter()
        .map(|status| {
            let n = self.scenarios.iter().filter(|s| s.status == status).count();
            (status, n)
        })
        .collect()
    }
}

fn status_word(status: &WireStatus) -> &'static str {
    match status {
        WireStatus::Passed => "passed",
        WireStatus::Flaky => "flaky",
        WireStatus::Failed => "failed",
        WireStatus::Interrupted => "interrupted",
    }
}

fn cancel_word(reason: &WireCancelReason) -> &'static str {
    match reason {
        WireCancelReason::Quit => "quit",
        WireCancelReason::FailFast => "fail_fast",
        WireCancelReason::BrowserLost => "browser_lost",
        WireCancelReason::Signal => "signal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events;

    fn model(events: &[crate::events::RunEvent]) -> RunModel {
        let mut m = RunModel::default();
        for e in events {
            m.apply(&WireEvent::from(e));
        }
        m
    }

    #[test]
    fn a_flaky_run_keeps_each_attempt_with_its_failure_and_the_last_decides() {
        let m = model(&test_events::flaky_run("en"));
        let process = &m.scenarios[0];
        assert_eq!(process.status, "flaky");
        assert_eq!(process.attempts.len(), 2);
        assert_eq!(process.attempts[0].failure.as_ref().unwrap().step, 3);
        assert_eq!(process.attempts[0].steps.len(), 3);
        assert!(process.attempts[1].failure.is_none());
        assert_eq!(process.attempts[1].steps.len(), 7);
        let metrics = &m.scenarios[1];
        assert_eq!(metrics.status, "failed");
        assert_eq!(metrics.attempts.len(), 3);
        assert!(metrics.attempts.iter().all(|a| a.failure.is_some()));
        assert_eq!(
            m.counts(),
            [
                ("failed", 1),
                ("flaky", 1),
                ("interrupted", 0),
                ("passed", 0),
                ("skipped", 0),
                ("not_run", 0)
            ]
        );
    }

    #[test]
    fn skipped_and_never_run_scenarios_are_there_with_their_reason() {
        let m = model(&test_events::interrupted_run("en"));
        let statuses: Vec<&str> = m.scenarios.iter().map(|s| s.status.as_str()).collect();
        assert_eq!(statuses, ["skipped", "interrupted", "not_run"]);
        assert_eq!(m.interrupted.as_deref(), Some("signal"));
        assert!(m.scenarios[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("--allow-writes"));
    }
}
