//! The runner: executes scenarios in browser sessions and emits one [`RunEvent`] stream.
//!
//! It knows nothing of output formats: every observable thing becomes an event given to an
//! [`EventSink`]. It drives the browser through two traits ([`browser`]), so tests run it on a
//! fake page. The parts, from the top:
//!
//! - [`dispatch`]: which scenario runs when on which worker (`--jobs`), and when the run stops;
//! - [`schedule`]: which scenario a free worker may start (those that write the same data wait);
//! - `scenario`: one scenario on a fresh session, its steps until one ends it, its retries;
//! - `step`: one step: gate, attempt, its event with its evidence;
//! - `executor`: a scenario action mapped onto the page's auto-waiting actions;
//! - [`run_folder`]: where pictures and failure evidence are written;
//! - [`gate`]: asked before each step (the guided mode plugs in there); [`cancel`]: Ctrl-C.
//!
//! [`RunEvent`]: crate::events::RunEvent

pub mod browser;
pub mod cancel;
pub mod dispatch;
mod executor;
pub mod gate;
mod info;
pub mod run_folder;
mod scenario;
pub mod schedule;
pub mod sink;
mod step;
#[cfg(test)]
mod tests;

pub use crate::plan::{RunPlan, TargetKind, WebDriverSource};
pub use browser::{BrowserPage, Sessions};
pub use cancel::Cancel;
pub use dispatch::{dispatch, Worker};
pub use gate::{FailureDecision, GateDecision, GateVerdict, NoGate, StepContext, StepGate};
pub use info::scenario_info;
pub use sink::EventSink;

use crate::driver::{Browser, BrowserOptions, Page};
use crate::events::RunStats;

/// Run every scenario of `plan` on `plan.jobs` workers, each with a browser of its own, feeding
/// `sink`; returns the totals.
pub async fn run(plan: &RunPlan, sink: &mut dyn EventSink, cancel: &Cancel) -> RunStats {
    let workers = (0..plan.jobs.max(1))
        .map(|_| Worker {
            sessions: browser(plan),
            gate: NoGate,
        })
        .collect();
    dispatch(plan, workers, sink, cancel).await
}

/// Like [`run`] on one worker, asking `gate` before every step (guided mode).
pub async fn run_with_gate<G: StepGate<Page>>(
    plan: &RunPlan,
    sink: &mut dyn EventSink,
    cancel: &Cancel,
    gate: &mut G,
) -> RunStats {
    let worker = Worker {
        sessions: browser(plan),
        gate,
    };
    dispatch(plan, vec![worker], sink, cancel).await
}

/// A worker's browser.
fn browser(plan: &RunPlan) -> Browser {
    let options = BrowserOptions {
        hidden_values: plan.secrets(),
        ..plan.browser.clone()
    };
    Browser::new(plan.webdriver.clone(), options, plan.base_url.clone())
}

/// An error and its causes on one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let text = c.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        cur = c.source();
    }
    s
}
