//! One step: ask the gate, act (with the step's picture before its action when it has a target),
//! and report how it ended with its evidence, retrying when the trainee asks to.

use super::browser::BrowserPage;
use super::dispatch::RunContext;
use super::gate::{FailureDecision, GateDecision, StepContext, StepGate};
use super::scenario::Attempt;
use super::sink::Emitter;
use super::{error_chain, executor, info, run_folder};
use crate::driver::{DriverError, PageState, Purpose};
use crate::events::{EventKind, Failure, ScenarioStatus, StepInfo, StepOutcome};
use crate::scenario::{Action, Scenario};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How a step ended, for the scenario.
pub(super) enum StepEnd {
    /// Done; on to the next step.
    Passed,
    /// Not performed (the trainee skipped it or went past its failure); on to the next step.
    Skipped,
    /// The scenario ends here (boxed: a failure is much larger than the other outcomes).
    Ended(ScenarioStatus, Box<Failure>),
}

/// The step being run, and what every event about it repeats.
struct Current<'a> {
    scenario: &'a Scenario,
    number: usize,
    action: Action,
    info: StepInfo,
    timeout: Duration,
    highlight: Option<PathBuf>,
    /// The attempt at the scenario, 1-based (`--retries`).
    attempt: u32,
}

/// Run step `number` (1-based) of `scenario` in attempt `attempt`.
pub(super) async fn run_step<P: BrowserPage, G: StepGate<P>>(
    run: &RunContext<'_>,
    scenario: &Scenario,
    number: usize,
    attempt: &Attempt,
    page: &P,
    em: &mut Emitter<'_, '_>,
    gate: &mut G,
) -> StepEnd {
    let step = &scenario.steps[number - 1];
    let action = executor::expand(step, &attempt.uid);
    let mut current = Current {
        info: info::step_info(scenario, number, &action),
        scenario,
        number,
        action,
        timeout: step.timeout.unwrap_or(run.plan.step_timeout),
        highlight: None,
        attempt: attempt.number,
    };
    em.emit(EventKind::StepStarted {
        scenario_id: scenario.id.clone(),
        step: Box::new(current.info.clone()),
    });
    let verdict = tokio::select! {
        v = gate.before_step(page, current.context(run)) => Some(v),
        _ = run.cancel.cancelled() => None,
    };
    current.highlight = verdict.as_ref().and_then(|v| v.highlight.clone());
    match verdict.as_ref().map(|v| v.decision) {
        Some(GateDecision::Skip) => {
            emit_skipped(em, page, &current).await;
            return StepEnd::Skipped;
        }
        Some(GateDecision::Quit) => em.quit = true,
        _ => {}
    }
    let acting = verdict.is_some() && !em.quit;
    // Attempts: one in `run`; in guided mode the trainee may retry a failed step.
    loop {
        let started = Instant::now();
        let outcome = if acting {
            tokio::select! {
                r = act(page, run, &current) => Some(r),
                _ = run.cancel.cancelled() => None,
            }
        } else {
            None
        };
        let took = started.elapsed();
        let state = page.state().await;
        match outcome {
            Some(Ok(before)) => {
                passed(run, page, em, &current, took, state, before).await;
                return StepEnd::Passed;
            }
            Some(Err(e)) => {
                if let Some(end) = failed(run, page, em, gate, &current, took, state, e).await {
                    return end;
                }
            }
            None => {
                em.emit(current.finished(StepOutcome::Interrupted, took, &state, Evidence::None));
                let failure = current.failure("interrupted".into(), state, (None, None));
                return StepEnd::Ended(ScenarioStatus::Interrupted, Box::new(failure));
            }
        }
    }
}

/// The step's picture before its action: the target brought into view, its box, the screenshot.
struct Before {
    png: Vec<u8>,
    target_box: [i64; 4],
    url: Option<String>,
}

/// One attempt at the step. Without a gate's highlight, a step that has a target is pictured
/// before it acts, its target in view (the handbook marks it there); the whole attempt keeps
/// within the step's timeout.
async fn act<P: BrowserPage>(
    page: &P,
    run: &RunContext<'_>,
    current: &Current<'_>,
) -> Result<Option<Before>, DriverError> {
    let started = Instant::now();
    let action = &current.action;
    let picture = current.highlight.is_none();
    let before = match action.target().filter(|_| picture) {
        Some(target) => {
            let target_box = page
                .target_box(target, Purpose::of(action), current.timeout)
                .await?;
            let url = page.state().await.url;
            page.screenshot().await.ok().map(|png| Before {
                png,
                target_box,
                url,
            })
        }
        None => None,
    };
    let left = current
        .timeout
        .saturating_sub(started.elapsed())
        .max(Duration::from_millis(500));
    executor::execute(page, action, run.plan, left).await?;
    Ok(before)
}

/// Report a step that passed, with its picture (taken before the action, else after it).
async fn passed<P: BrowserPage>(
    run: &RunContext<'_>,
    page: &P,
    em: &mut Emitter<'_, '_>,
    current: &Current<'_>,
    took: Duration,
    state: PageState,
    before: Option<Before>,
) {
    em.count(|s| s.steps += 1);
    let (png, target_box, picture_url) = match before {
        Some(b) => (Some(b.png), Some(b.target_box), b.url),
        None => (page.screenshot().await.ok(), None, None),
    };
    let screenshot = match png {
        Some(png) => {
            let rel = run_folder::step_screenshot(current.scenario, current.number);
            run_folder::save(&run.plan.out_dir, rel, png).await
        }
        None => None,
    };
    let evidence = Evidence::Picture {
        screenshot,
        target_box,
        picture_url,
    };
    em.emit(current.finished(StepOutcome::Passed, took, &state, evidence));
}

/// Report a step that failed with `error`; `None` when the gate asked to retry it.
#[allow(clippy::too_many_arguments)]
async fn failed<P: BrowserPage, G: StepGate<P>>(
    run: &RunContext<'_>,
    page: &P,
    em: &mut Emitter<'_, '_>,
    gate: &mut G,
    current: &Current<'_>,
    took: Duration,
    state: PageState,
    error: DriverError,
) -> Option<StepEnd> {
    // Chromedriver words a dead browser in many ways ("tab crashed", "disconnected"…): when the
    // error itself does not say, ask the session whether it still answers.
    let lost = error.is_browser_lost() || !page.is_alive().await;
    let step = &current.scenario.steps[current.number - 1];
    // A server error explains most failures that follow it ("no login field"): say it first.
    let http_error = state
        .http_error()
        .map(|e| format!("{e}: "))
        .unwrap_or_default();
    // A page that sends the browser to sign in after the scenario has logged in means the
    // session ended under it: that, not the missing element, is the news. (A scenario that
    // opened the sign-in page itself is not told so.)
    let logged_in_before = current.scenario.steps[..current.number - 1]
        .iter()
        .any(|s| matches!(s.action, crate::scenario::Action::Login));
    let signed_out = logged_in_before
        && !matches!(current.action, crate::scenario::Action::Login)
        && state
            .url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok())
            .is_some_and(|u| u.path().starts_with("/users/sign_in"));
    let message = run.redactor.redact(&format!(
        "{http_error}{} (step at {}{}{})",
        error_chain(&error.with_waited(current.timeout)),
        step.pos,
        if signed_out {
            "; the site asked to sign in again: the session has ended"
        } else {
            ""
        },
        if lost { "; the browser is gone" } else { "" }
    ));
    if !lost {
        match gate
            .after_failure(page, current.context(run), &message)
            .await
        {
            FailureDecision::Retry => return None,
            FailureDecision::Continue => {
                emit_skipped(em, page, current).await;
                return Some(StepEnd::Skipped);
            }
            FailureDecision::Stop => {}
        }
    }
    em.count(|s| s.steps += 1);
    let (screenshot, html) = if lost {
        (None, None)
    } else {
        failure_evidence(run, page, current).await
    };
    let evidence = Evidence::Failure {
        screenshot: screenshot.clone(),
        html: html.clone(),
    };
    let outcome = StepOutcome::Failed {
        message: message.clone(),
    };
    em.emit(current.finished(outcome, took, &state, evidence));
    let status = if lost {
        ScenarioStatus::Interrupted
    } else {
        ScenarioStatus::Failed
    };
    let failure = current.failure(message, state, (screenshot, html));
    Some(StepEnd::Ended(status, Box::new(failure)))
}

/// A step the trainee skipped (or chose to go past after it failed).
async fn emit_skipped<P: BrowserPage>(em: &mut Emitter<'_, '_>, page: &P, current: &Current<'_>) {
    let state = page.state().await;
    em.emit(current.finished(StepOutcome::Skipped, Duration::ZERO, &state, Evidence::None));
}

/// The failure screenshot and the page's HTML, redacted, saved in the run folder.
async fn failure_evidence<P: BrowserPage>(
    run: &RunContext<'_>,
    page: &P,
    current: &Current<'_>,
) -> (Option<PathBuf>, Option<PathBuf>) {
    let (scenario, number, out_dir) = (current.scenario, current.number, &run.plan.out_dir);
    let screenshot = match page.screenshot().await {
        Ok(png) => {
            let rel = run_folder::failure_screenshot(scenario, number, current.attempt);
            run_folder::save(out_dir, rel, png).await
        }
        Err(_) => None,
    };
    let html = match page.html().await {
        Ok(html) => {
            let rel = run_folder::failure_html(scenario, number, current.attempt);
            let bytes = run.redactor.redact_html(&html).into_bytes();
            run_folder::save(out_dir, rel, bytes).await
        }
        Err(_) => None,
    };
    (screenshot, html)
}

/// What a finished step brings besides its outcome.
enum Evidence {
    None,
    /// The step's picture; its target's box and the URL when taken before the action.
    Picture {
        screenshot: Option<PathBuf>,
        target_box: Option<[i64; 4]>,
        picture_url: Option<String>,
    },
    /// What the page showed when the step failed.
    Failure {
        screenshot: Option<PathBuf>,
        html: Option<PathBuf>,
    },
}

impl Current<'_> {
    fn context<'c>(&'c self, run: &'c RunContext<'_>) -> StepContext<'c> {
        StepContext {
            scenario: self.scenario,
            number: self.number,
            action: &self.action,
            out_dir: &run.plan.out_dir,
            timeout: self.timeout,
            notice: &run.plan.notice,
        }
    }

    /// The `StepFinished` event.
    fn finished(
        &self,
        outcome: StepOutcome,
        took: Duration,
        state: &PageState,
        evidence: Evidence,
    ) -> EventKind {
        let (screenshot, html, target_box, picture_url) = match evidence {
            Evidence::None => (None, None, None, None),
            Evidence::Picture {
                screenshot,
                target_box,
                picture_url,
            } => (screenshot, None, target_box, picture_url),
            Evidence::Failure { screenshot, html } => (screenshot, html, None, None),
        };
        EventKind::StepFinished {
            scenario_id: self.scenario.id.clone(),
            step: Box::new(self.info.clone()),
            outcome,
            duration_ms: took.as_millis() as u64,
            url: state.url.clone(),
            page_title: state.title.clone(),
            screenshot,
            html,
            highlight: self.highlight.clone(),
            target_box,
            picture_url,
        }
    }

    /// The failure kept in the scenario's summary.
    fn failure(
        &self,
        message: String,
        state: PageState,
        (screenshot, html): (Option<PathBuf>, Option<PathBuf>),
    ) -> Failure {
        Failure {
            step: self.number,
            action: self.scenario.steps[self.number - 1].action.name().into(),
            heading_fr: self.info.heading_fr.clone(),
            message,
            url: state.url,
            page_title: state.title,
            screenshot,
            html,
        }
    }
}
