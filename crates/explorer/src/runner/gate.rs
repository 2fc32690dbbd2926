//! [`StepGate`]: asked before every step; lets the guided mode explain, highlight and wait.
//!
//! `run` uses [`NoGate`] (act at once); `guide` plugs in a gate that draws the highlight,
//! prints the narration and waits for the trainee's key.

use super::browser::BrowserPage;
use crate::scenario::{Action, Scenario};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What to do with the step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateDecision {
    /// Perform it.
    Act,
    /// Do not perform it; go on with the next one.
    Skip,
    /// Stop the run cleanly.
    Quit,
}

/// The gate's answer.
#[derive(Debug, Clone)]
pub struct GateVerdict {
    /// What to do.
    pub decision: GateDecision,
    /// Screenshot of the highlighted view, relative to the run folder.
    pub highlight: Option<PathBuf>,
}

/// What the gate knows of the step about to run.
#[derive(Debug)]
pub struct StepContext<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// 1-based step number.
    pub number: usize,
    /// The action, with `{{uid}}` already expanded.
    pub action: &'a Action,
    /// The run folder.
    pub out_dir: &'a Path,
    /// The step's timeout (for locating the target to highlight).
    pub timeout: Duration,
    /// Where the notice documents each feature (empty without `--notice`).
    pub notice: &'a std::collections::BTreeMap<String, crate::events::NoticeRef>,
}

/// What to do after a step failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureDecision {
    /// The scenario fails here (what `run` does).
    Stop,
    /// Try the step again (the trainee may have put the page right in the window).
    Retry,
    /// Count the step as skipped and go on with the next one.
    Continue,
}

/// Asked before each step, and after a step that failed, with the page `P` the step acts on.
pub trait StepGate<P: BrowserPage>: Send {
    /// Decide what to do with the step (may draw on the page, print, wait for input).
    fn before_step(
        &mut self,
        page: &P,
        step: StepContext<'_>,
    ) -> impl Future<Output = GateVerdict> + Send;

    /// Decide what to do after the step failed with `message` (the browser still answers).
    fn after_failure(
        &mut self,
        _page: &P,
        _step: StepContext<'_>,
        _message: &str,
    ) -> impl Future<Output = FailureDecision> + Send {
        async { FailureDecision::Stop }
    }
}

/// A gate lent to the runner (the guide keeps its own after the run).
impl<P: BrowserPage, G: StepGate<P>> StepGate<P> for &mut G {
    fn before_step(
        &mut self,
        page: &P,
        step: StepContext<'_>,
    ) -> impl Future<Output = GateVerdict> + Send {
        (**self).before_step(page, step)
    }

    fn after_failure(
        &mut self,
        page: &P,
        step: StepContext<'_>,
        message: &str,
    ) -> impl Future<Output = FailureDecision> + Send {
        (**self).after_failure(page, step, message)
    }
}

/// Acts on every step at once.
#[derive(Debug, Default)]
pub struct NoGate;

impl<P: BrowserPage> StepGate<P> for NoGate {
    async fn before_step(&mut self, _page: &P, _step: StepContext<'_>) -> GateVerdict {
        GateVerdict {
            decision: GateDecision::Act,
            highlight: None,
        }
    }
}
