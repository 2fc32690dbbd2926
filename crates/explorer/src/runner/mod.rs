//! The runner: executes scenarios in browser sessions and emits one [`RunEvent`] stream.
//!
//! It knows nothing of output formats: every observable thing becomes an event given to an
//! [`EventSink`]. It drives the browser through two traits ([`browser`]), so tests run it on a
//! fake page. The parts, from the top:
//!
//! - [`dispatch`]: which scenario runs when, and when the run stops;
//! - `scenario`: one scenario on a fresh session, its steps until one ends it;
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
pub mod sink;
mod step;
#[cfg(test)]
mod tests;

pub use crate::plan::{RunPlan, TargetKind, WebDriverSource};
pub use browser::{BrowserPage, Sessions};
pub use cancel::Cancel;
pub use dispatch::dispatch;
pub use gate::{FailureDecision, GateDecision, GateVerdict, NoGate, StepContext, StepGate};
pub use info::scenario_info;
pub use sink::EventSink;

use crate::driver::{Browser, BrowserOptions, Page};
use crate::events::RunStats;

/// Run every scenario of `plan` in real browser sessions, feeding `sink`; returns the totals.
pub async fn run(plan: &RunPlan, sink: &mut dyn EventSink, cancel: &Cancel) -> RunStats {
    run_with_gate(plan, sink, cancel, &mut NoGate).await
}

/// Like [`run`], asking `gate` before every step (guided mode).
pub async fn run_with_gate<G: StepGate<Page>>(
    plan: &RunPlan,
    sink: &mut dyn EventSink,
    cancel: &Cancel,
    gate: &mut G,
) -> RunStats {
    let options = BrowserOptions {
        hidden_values: plan.secrets(),
        ..plan.browser.clone()
    };
    let mut browser = Browser::new(plan.webdriver.clone(), options, plan.base_url.clone());
    dispatch(plan, &mut browser, sink, cancel, gate).await
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
