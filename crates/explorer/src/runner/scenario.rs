//! One scenario: a fresh session, its steps in order until one ends it, the picture of the
//! result, the session closed, one `ScenarioFinished` whatever happened.

use super::browser::{BrowserPage, Sessions};
use super::dispatch::RunContext;
use super::gate::StepGate;
use super::sink::Emitter;
use super::step::{run_step, StepEnd};
use super::{error_chain, info, run_folder};
use crate::events::{EventKind, Failure, ScenarioStatus};
use crate::scenario::Scenario;
use std::time::Instant;

/// How a scenario ended.
struct ScenarioEnd {
    status: ScenarioStatus,
    steps_passed: usize,
    failure: Option<Failure>,
}

/// Run `scenario` (the `index`-th of the plan) on a session of its own; how it ended.
pub(super) async fn run_scenario<S, G>(
    run: &RunContext<'_>,
    index: usize,
    scenario: &Scenario,
    sessions: &mut S,
    em: &mut Emitter<'_>,
    gate: &mut G,
) -> ScenarioStatus
where
    S: Sessions,
    G: StepGate<S::Page>,
{
    let started = Instant::now();
    em.emit(EventKind::ScenarioStarted {
        scenario: info::scenario_info(scenario, run.plan),
    });
    // A fresh session per scenario: no cookies or state leak from one lesson to the next.
    let opened = tokio::select! {
        opened = sessions.open() => Some(opened),
        _ = run.cancel.cancelled() => None,
    };
    let (end, result) = match opened {
        None => (
            ScenarioEnd::not_begun(ScenarioStatus::Interrupted, None),
            None,
        ),
        Some(Err(e)) => {
            let status = if e.is_browser_lost() {
                ScenarioStatus::Interrupted
            } else {
                ScenarioStatus::Failed
            };
            let failure = open_failure(run.redactor.redact(&error_chain(&e)));
            (ScenarioEnd::not_begun(status, Some(failure)), None)
        }
        Some(Ok(page)) => {
            let end = run_steps(run, index, scenario, &page, em, gate).await;
            let result = match end.status {
                ScenarioStatus::Passed => result_picture(run, scenario, &page).await,
                _ => None,
            };
            sessions.close(page).await;
            (end, result)
        }
    };
    em.emit(EventKind::ScenarioFinished {
        scenario_id: scenario.id.clone(),
        status: end.status,
        duration_ms: started.elapsed().as_millis() as u64,
        steps_passed: end.steps_passed,
        steps_total: scenario.steps.len(),
        failure: end.failure,
        result,
    });
    end.status
}

impl ScenarioEnd {
    /// Ended before its first step.
    fn not_begun(status: ScenarioStatus, failure: Option<Failure>) -> Self {
        ScenarioEnd {
            status,
            steps_passed: 0,
            failure,
        }
    }
}

/// The steps in order, until one ends the scenario.
async fn run_steps<P: BrowserPage, G: StepGate<P>>(
    run: &RunContext<'_>,
    index: usize,
    scenario: &Scenario,
    page: &P,
    em: &mut Emitter<'_>,
    gate: &mut G,
) -> ScenarioEnd {
    // Unique to this scenario in this run: the names it creates cannot clash with another's.
    let uid = format!("{}{}", run.plan.run_token, index + 1);
    let mut steps_passed = 0;
    for number in 1..=scenario.steps.len() {
        match run_step(run, scenario, number, &uid, page, em, gate).await {
            StepEnd::Passed => steps_passed += 1,
            StepEnd::Skipped => {}
            StepEnd::Ended(status, failure) => {
                return ScenarioEnd {
                    status,
                    steps_passed,
                    failure: Some(*failure),
                }
            }
        }
    }
    ScenarioEnd {
        status: ScenarioStatus::Passed,
        steps_passed,
        failure: None,
    }
}

/// The result of the lesson: what the page shows after its last step.
async fn result_picture<P: BrowserPage>(
    run: &RunContext<'_>,
    scenario: &Scenario,
    page: &P,
) -> Option<std::path::PathBuf> {
    let png = page.screenshot().await.ok()?;
    run_folder::save(
        &run.plan.out_dir,
        run_folder::result_screenshot(scenario),
        png,
    )
    .await
}

/// The failure of a scenario whose session could not be opened.
fn open_failure(message: String) -> Failure {
    Failure {
        step: 0,
        action: "open browser".into(),
        heading_fr: "Ouvrir le navigateur".into(),
        message,
        url: None,
        page_title: None,
        screenshot: None,
        html: None,
    }
}
