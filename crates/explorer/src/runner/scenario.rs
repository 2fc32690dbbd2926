//! One scenario: a fresh session, its steps in order until one ends it, the picture of the
//! result, the session given back; after a failure, again while `--retries` allow (an
//! `AttemptFailed` between attempts); one `ScenarioFinished` whatever happened.

use super::browser::{BrowserPage, Sessions};
use super::dispatch::RunContext;
use super::gate::StepGate;
use super::sink::Emitter;
use super::step::{run_step, StepEnd};
use super::{error_chain, info, run_folder};
use crate::events::{EventKind, Failure, ScenarioStatus};
use crate::scenario::Scenario;
use std::time::Instant;

/// How an attempt at a scenario ended.
struct ScenarioEnd {
    status: ScenarioStatus,
    steps_passed: usize,
    failure: Option<Failure>,
}

/// One attempt at a scenario: which, and the `{{uid}}` its steps use.
pub(super) struct Attempt {
    /// 1-based.
    pub(super) number: u32,
    /// Unique to this scenario and attempt in this run: the names it creates cannot clash with
    /// another scenario's, nor with what a failed attempt left behind.
    pub(super) uid: String,
}

impl Attempt {
    fn new(run: &RunContext<'_>, index: usize, number: u32) -> Self {
        let mut uid = format!("{}{}", run.plan.run_token, index + 1);
        if number > 1 {
            uid.push_str(&format!("t{number}"));
        }
        Attempt { number, uid }
    }
}

/// Run `scenario` (the `index`-th of the plan) on a fresh session, again on a new one after a
/// failure while `--retries` allow; how it ended (`Flaky` when a retry passed).
pub(super) async fn run_scenario<S, G>(
    run: &RunContext<'_>,
    index: usize,
    scenario: &Scenario,
    sessions: &mut S,
    em: &mut Emitter<'_, '_>,
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
    let mut number = 1;
    loop {
        let attempt = Attempt::new(run, index, number);
        let attempt_started = Instant::now();
        let (end, result, browser) = run_attempt(run, scenario, &attempt, sessions, em, gate).await;
        let again = end.status == ScenarioStatus::Failed
            && number <= run.plan.retries
            && !run.cancel.is_cancelled()
            && !em.quit;
        if let (true, Some(failure)) = (again, &end.failure) {
            em.emit(EventKind::AttemptFailed {
                scenario_id: scenario.id.clone(),
                attempt: number,
                duration_ms: attempt_started.elapsed().as_millis() as u64,
                steps_passed: end.steps_passed,
                failure: failure.clone(),
            });
            number += 1;
            continue;
        }
        let status = match end.status {
            ScenarioStatus::Passed if number > 1 => ScenarioStatus::Flaky,
            status => status,
        };
        em.emit(EventKind::ScenarioFinished {
            scenario_id: scenario.id.clone(),
            status,
            attempts: number,
            duration_ms: started.elapsed().as_millis() as u64,
            steps_passed: end.steps_passed,
            steps_total: scenario.steps.len(),
            failure: end.failure,
            result,
            browser,
        });
        return status;
    }
}

/// One attempt: a fresh session, the steps, the picture of the result, the session given back;
/// how it ended, the picture, and the browser it ran on.
async fn run_attempt<S, G>(
    run: &RunContext<'_>,
    scenario: &Scenario,
    attempt: &Attempt,
    sessions: &mut S,
    em: &mut Emitter<'_, '_>,
    gate: &mut G,
) -> (ScenarioEnd, Option<std::path::PathBuf>, Option<String>)
where
    S: Sessions,
    G: StepGate<S::Page>,
{
    let opened = tokio::select! {
        opened = sessions.open() => Some(opened),
        _ = run.cancel.cancelled() => None,
    };
    match opened {
        None => (
            ScenarioEnd::not_begun(ScenarioStatus::Interrupted, None),
            None,
            None,
        ),
        Some(Err(e)) => {
            let status = if e.is_browser_lost() {
                ScenarioStatus::Interrupted
            } else {
                ScenarioStatus::Failed
            };
            let failure = open_failure(run.redactor.redact(&error_chain(&e)));
            (ScenarioEnd::not_begun(status, Some(failure)), None, None)
        }
        Some(Ok(page)) => {
            let end = run_steps(run, scenario, attempt, &page, em, gate).await;
            let result = match end.status {
                ScenarioStatus::Passed => result_picture(run, scenario, &page).await,
                _ => None,
            };
            let browser = page.browser();
            sessions.close(page).await;
            (end, result, browser)
        }
    }
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

/// The steps in order, until one ends the attempt.
async fn run_steps<P: BrowserPage, G: StepGate<P>>(
    run: &RunContext<'_>,
    scenario: &Scenario,
    attempt: &Attempt,
    page: &P,
    em: &mut Emitter<'_, '_>,
    gate: &mut G,
) -> ScenarioEnd {
    let mut steps_passed = 0;
    for number in 1..=scenario.steps.len() {
        match run_step(run, scenario, number, attempt, page, em, gate).await {
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
