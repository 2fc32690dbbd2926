//! The dispatcher: which scenario runs when, and when the run stops (Ctrl-C, the trainee quitting,
//! `--fail-fast`, a browser lost twice in a row). Running one scenario is [`super::scenario`]'s job.

use super::browser::Sessions;
use super::gate::StepGate;
use super::scenario::run_scenario;
use super::sink::{Emitter, EventSink};
use super::{info, Cancel, RunPlan, TargetKind};
use crate::events::{CancelReason, EventKind, RunStats, ScenarioStatus};
use crate::secret::Redactor;
use tracing::Instrument;

/// What every part of a run reads.
pub(super) struct RunContext<'a> {
    pub(super) plan: &'a RunPlan,
    pub(super) cancel: &'a Cancel,
    pub(super) redactor: Redactor,
}

/// A browser lost this many scenarios in a row ends the run (one loss gets a new browser).
const BROWSER_LOSSES_TOLERATED: usize = 2;

/// Run every scenario of `plan` in order on sessions from `sessions`; returns the totals.
pub async fn dispatch<S, G>(
    plan: &RunPlan,
    sessions: &mut S,
    sink: &mut dyn EventSink,
    cancel: &Cancel,
    gate: &mut G,
) -> RunStats
where
    S: Sessions,
    G: StepGate<S::Page>,
{
    let run = RunContext {
        plan,
        cancel,
        redactor: Redactor::new(&plan.secrets()),
    };
    let mut em = Emitter::new(sink, plan.scenarios.len());
    em.emit(EventKind::RunStarted {
        run_id: plan.run_id.clone(),
        target: plan.base_url.to_string(),
        replica: plan.target == TargetKind::Replica,
        scenario_count: plan.scenarios.len(),
        step_count: plan.scenarios.iter().map(|s| s.steps.len()).sum(),
        out_dir: plan.out_dir.clone(),
        locale: plan.locale.clone(),
    });
    let stop = run_all(&run, sessions, &mut em, gate).await;
    let interrupted = stop.map(|stop| stop.reason);
    if let Some(stop) = stop {
        for scenario in &plan.scenarios[stop.next..] {
            em.stats.not_run += 1;
            em.emit(EventKind::ScenarioNotRun {
                scenario: info::scenario_info(scenario, plan),
                reason: stop.reason,
            });
        }
    }
    sessions.shutdown().await;
    em.emit(EventKind::RunFinished {
        stats: em.stats,
        interrupted,
    });
    em.stats
}

/// Where and why a run stopped early.
#[derive(Debug, Clone, Copy)]
struct EarlyStop {
    reason: CancelReason,
    /// Index of the first scenario that never started.
    next: usize,
}

/// The scenarios one after the other; where and why the run stopped early, if it did.
async fn run_all<S, G>(
    run: &RunContext<'_>,
    sessions: &mut S,
    em: &mut Emitter<'_>,
    gate: &mut G,
) -> Option<EarlyStop>
where
    S: Sessions,
    G: StepGate<S::Page>,
{
    let mut browser_losses = 0;
    for (index, scenario) in run.plan.scenarios.iter().enumerate() {
        let stop = |reason, next| Some(EarlyStop { reason, next });
        if run.cancel.is_cancelled() {
            return stop(CancelReason::Signal, index);
        }
        if let Some(reason) = run.plan.skip_reason(scenario) {
            em.stats.skipped += 1;
            em.emit(EventKind::ScenarioSkipped {
                scenario: info::scenario_info(scenario, run.plan),
                reason,
            });
            continue;
        }
        let status = run_scenario(run, index, scenario, sessions, em, gate)
            .instrument(tracing::info_span!("scenario", id = %scenario.id))
            .await;
        match status {
            ScenarioStatus::Passed => {
                em.stats.passed += 1;
                browser_losses = 0;
            }
            ScenarioStatus::Failed => {
                em.stats.failed += 1;
                if run.plan.fail_fast {
                    return stop(CancelReason::FailFast, index + 1);
                }
            }
            ScenarioStatus::Interrupted => {
                em.stats.interrupted += 1;
                if em.quit {
                    return stop(CancelReason::Quit, index + 1);
                }
                if run.cancel.is_cancelled() {
                    return stop(CancelReason::Signal, index + 1);
                }
                // Not a person: the browser was lost. Try again with a new one, then give up.
                browser_losses += 1;
                if browser_losses >= BROWSER_LOSSES_TOLERATED {
                    return stop(CancelReason::BrowserLost, index + 1);
                }
            }
        }
    }
    None
}
