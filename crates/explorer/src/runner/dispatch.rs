//! The dispatcher: which scenario runs when and on which worker (`--jobs`), and when the run
//! stops (Ctrl-C, the trainee quitting, `--fail-fast`, a browser lost twice in a row). Running
//! one scenario is [`super::scenario`]'s job; choosing the next is [`super::schedule`]'s.

use super::browser::Sessions;
use super::gate::StepGate;
use super::scenario::run_scenario;
use super::schedule::{Next, Schedule};
use super::sink::{Emitter, EventSink, Hub};
use super::{info, Cancel, RunPlan, TargetKind};
use crate::events::{CancelReason, EventKind, RunStats, ScenarioStatus};
use crate::secret::Redactor;
use std::sync::Mutex;
use std::time::Duration;
use tracing::Instrument;

/// What every part of a run reads.
pub(super) struct RunContext<'a> {
    pub(super) plan: &'a RunPlan,
    pub(super) cancel: &'a Cancel,
    pub(super) redactor: Redactor,
}

/// One worker: where its sessions come from, and the gate its steps ask.
pub struct Worker<S, G> {
    /// Its sessions (one browser, reused from scenario to scenario).
    pub sessions: S,
    /// Asked before each step ([`super::NoGate`] in `run`).
    pub gate: G,
}

/// A browser lost this many scenarios in a row ends the run (one loss gets a new browser).
const BROWSER_LOSSES_TOLERATED: usize = 2;

/// How long a worker with nothing it may start waits before it looks again (it is woken as soon
/// as a scenario ends; this only bounds the wait).
const RECHECK: Duration = Duration::from_millis(500);

/// What the workers share besides the hub.
struct Shared<'a> {
    run: RunContext<'a>,
    schedule: Mutex<Schedule>,
    /// Woken when a scenario ends or the run stops.
    changed: tokio::sync::Notify,
    /// Why the run stops early, once it does.
    stop: Mutex<Option<CancelReason>>,
}

impl Shared<'_> {
    fn stop_reason(&self) -> Option<CancelReason> {
        let stop = *self.stop.lock().unwrap_or_else(|e| e.into_inner());
        stop.or(self
            .run
            .cancel
            .is_cancelled()
            .then_some(CancelReason::Signal))
    }

    fn stop(&self, reason: CancelReason) {
        let mut stop = self.stop.lock().unwrap_or_else(|e| e.into_inner());
        // The most severe reason wins (a Ctrl-C after a failure under --fail-fast is a Ctrl-C).
        *stop = Some(stop.map_or(reason, |s| s.max(reason)));
        drop(stop);
        self.changed.notify_waiters();
    }

    fn next(&self) -> Next {
        self.schedule
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .next(&self.run.plan.scenarios)
    }

    fn finished(&self, index: usize) {
        self.schedule
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .finished(index);
        self.changed.notify_waiters();
    }
}

/// Run every scenario of `plan` on `workers`, each taking the next scenario it may start as soon
/// as it is free; returns the totals. One worker runs the plan in order, its events live.
pub async fn dispatch<S, G>(
    plan: &RunPlan,
    workers: Vec<Worker<S, G>>,
    sink: &mut dyn EventSink,
    cancel: &Cancel,
) -> RunStats
where
    S: Sessions,
    G: StepGate<S::Page>,
{
    let hub = Hub::new(sink, plan.scenarios.len());
    let shared = Shared {
        run: RunContext {
            plan,
            cancel,
            redactor: Redactor::new(&plan.secrets()),
        },
        schedule: Mutex::new(Schedule::new(plan.scenarios.len())),
        changed: tokio::sync::Notify::new(),
        stop: Mutex::new(None),
    };
    hub.emit(EventKind::RunStarted {
        run_id: plan.run_id.clone(),
        target: plan.base_url.to_string(),
        replica: plan.target == TargetKind::Replica,
        scenario_count: plan.scenarios.len(),
        step_count: plan.scenarios.iter().map(|s| s.steps.len()).sum(),
        out_dir: plan.out_dir.clone(),
        locale: plan.locale.clone(),
        decidim_version: plan.decidim_version.clone(),
    });
    let hold = workers.len() > 1;
    let mut workers = workers;
    let working = workers.iter_mut().enumerate().map(|(n, worker)| {
        work(&shared, &hub, worker, hold).instrument(tracing::info_span!("worker", n = n + 1))
    });
    futures_util::future::join_all(working).await;
    let interrupted = shared.stop_reason();
    let left = shared
        .schedule
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .drain();
    if let Some(reason) = interrupted {
        for index in left {
            hub.count(|s| s.not_run += 1);
            hub.emit(EventKind::ScenarioNotRun {
                scenario: info::scenario_info(&plan.scenarios[index], plan),
                reason,
            });
        }
    }
    futures_util::future::join_all(workers.iter_mut().map(|w| w.sessions.shutdown())).await;
    let stats = hub.stats();
    hub.emit(EventKind::RunFinished { stats, interrupted });
    stats
}

/// One worker: take the next scenario it may start, run it, until none is left or the run stops.
async fn work<S, G>(shared: &Shared<'_>, hub: &Hub<'_>, worker: &mut Worker<S, G>, hold: bool)
where
    S: Sessions,
    G: StepGate<S::Page>,
{
    let run = &shared.run;
    let mut em = Emitter::new(hub, hold);
    let mut browser_losses = 0;
    loop {
        if shared.stop_reason().is_some() {
            return;
        }
        let index = match shared.next() {
            Next::Done => return,
            Next::Run(index) => index,
            Next::Wait => {
                tokio::select! {
                    _ = shared.changed.notified() => {}
                    _ = tokio::time::sleep(RECHECK) => {}
                    _ = run.cancel.cancelled() => {}
                }
                continue;
            }
        };
        let scenario = &run.plan.scenarios[index];
        if let Some(reason) = run.plan.skip_reason(scenario) {
            em.count(|s| s.skipped += 1);
            em.emit(EventKind::ScenarioSkipped {
                scenario: info::scenario_info(scenario, run.plan),
                reason,
            });
            em.flush();
            shared.finished(index);
            continue;
        }
        let status = run_scenario(
            run,
            index,
            scenario,
            &mut worker.sessions,
            &mut em,
            &mut worker.gate,
        )
        .instrument(tracing::info_span!("scenario", id = %scenario.id))
        .await;
        em.count(|s| match status {
            ScenarioStatus::Passed => s.passed += 1,
            ScenarioStatus::Flaky => s.flaky += 1,
            ScenarioStatus::Failed => s.failed += 1,
            ScenarioStatus::Interrupted => s.interrupted += 1,
        });
        em.flush();
        shared.finished(index);
        match status {
            ScenarioStatus::Passed | ScenarioStatus::Flaky => browser_losses = 0,
            ScenarioStatus::Failed => {
                if run.plan.fail_fast {
                    shared.stop(CancelReason::FailFast);
                }
            }
            ScenarioStatus::Interrupted => {
                if em.quit {
                    shared.stop(CancelReason::Quit);
                } else if run.cancel.is_cancelled() {
                    shared.stop(CancelReason::Signal);
                } else {
                    // Not a person: the browser was lost. Try again with a new one, then give up.
                    browser_losses += 1;
                    if browser_losses >= BROWSER_LOSSES_TOLERATED {
                        shared.stop(CancelReason::BrowserLost);
                    }
                }
            }
        }
    }
}
