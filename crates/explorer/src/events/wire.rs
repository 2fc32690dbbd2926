//! The on-disk format of `events.jsonl`, apart from the in-memory [`RunEvent`] so that the runner
//! can change its types without changing the file other tools read.
//!
//! # Format
//!
//! UTF-8 JSON Lines: one event per line, written and flushed as it happens (a killed run leaves
//! every event up to the kill, each line whole). Every line is an object with
//!
//! - `version`: the format version ([`FORMAT_VERSION`], the same number as `summary.json`'s
//!   `version`), first on the line;
//! - `at`: wall-clock time, RFC 3339 in UTC; `elapsed_ms`: milliseconds since the run started;
//! - `type`: what happened, one of `run_started`, `scenario_started`, `step_started`,
//!   `step_finished`, `attempt_failed` (a failed attempt that `--retries` will try again: the
//!   step lines after it belong to the next attempt), `scenario_finished`, `scenario_skipped`,
//!   `scenario_not_run`, `run_finished`
//!   (in the order a run produces them: the first line is `run_started`, the last `run_finished`
//!   unless the process was killed);
//! - the fields of that type, as in [`WireKind`]. Paths (`screenshot`, `html`, `result`…) are
//!   relative to the run folder; absent values are `null`.
//!
//! ```json
//! {"version":1,"at":"2025-06-12T08:15:03.412Z","elapsed_ms":3412,"type":"step_finished","scenario_id":"create-process","step":{"number":3,"action":"click",…},"outcome":{"status":"failed","message":"timed out…"},"duration_ms":10021,…}
//! ```
//!
//! Adding a field or an event type keeps the version (readers ignore what they do not know);
//! renaming or removing a field, or changing what one means, bumps it.

use super::{
    CancelReason, EventKind, Failure, IncludedInfo, NoticeRef, RunEvent, RunStats, ScenarioInfo,
    ScenarioStatus, StepInfo, StepOutcome, FORMAT_VERSION,
};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One line of `events.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireEvent {
    /// The format version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// Wall-clock time, RFC 3339.
    pub at: String,
    /// Milliseconds since the run started.
    pub elapsed_ms: u64,
    /// What happened (`type` and its fields).
    #[serde(flatten)]
    pub kind: WireKind,
}

/// The kinds of event, tagged by `type`.
// Made one at a time and written at once (not queued like `EventKind`): no need to box the step.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WireKind {
    /// The run begins.
    RunStarted {
        /// Identifier of the run (also the run folder's name).
        run_id: String,
        /// Base URL of the target.
        target: String,
        /// True when the target is the built-in replica.
        replica: bool,
        /// Number of scenarios selected.
        scenario_count: usize,
        /// Number of steps in them.
        step_count: usize,
        /// The run folder.
        out_dir: PathBuf,
        /// Locale used for narration in reports.
        locale: String,
        /// The Decidim version the target says it runs, if it says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decidim_version: Option<String>,
    },
    /// A scenario starts.
    ScenarioStarted {
        /// The scenario.
        scenario: WireScenario,
    },
    /// A step starts.
    StepStarted {
        /// Scenario id.
        scenario_id: String,
        /// The step.
        step: WireStep,
    },
    /// A step ended.
    StepFinished {
        /// Scenario id.
        scenario_id: String,
        /// The step.
        step: WireStep,
        /// How it ended (`status`, and `message` when it failed).
        outcome: WireOutcome,
        /// How long it took.
        duration_ms: u64,
        /// Page URL after the step.
        url: Option<String>,
        /// Page title after the step.
        page_title: Option<String>,
        /// Screenshot of the step (or at failure).
        screenshot: Option<PathBuf>,
        /// Saved page HTML (failures only).
        html: Option<PathBuf>,
        /// Screenshot of the highlighted target (guided mode).
        highlight: Option<PathBuf>,
        /// The target in `screenshot`: x, y, width, height in CSS pixels.
        target_box: Option<[i64; 4]>,
        /// The page `screenshot` shows when it was taken before the action.
        picture_url: Option<String>,
    },
    /// An attempt failed and the scenario will be tried again (`--retries`).
    AttemptFailed {
        /// Scenario id.
        scenario_id: String,
        /// The attempt that failed, 1-based.
        attempt: u32,
        /// How long it took.
        duration_ms: u64,
        /// Steps that passed in it.
        steps_passed: usize,
        /// Its failure.
        failure: WireFailure,
    },
    /// A scenario ended.
    ScenarioFinished {
        /// Scenario id.
        scenario_id: String,
        /// `passed`, `flaky` (passed on a retry), `failed` or `interrupted`.
        status: WireStatus,
        /// Attempts made (absent before `--retries` existed: read as 1).
        #[serde(default = "one")]
        attempts: u32,
        /// How long it took, browser session included.
        duration_ms: u64,
        /// Steps that passed.
        steps_passed: usize,
        /// Steps in the scenario.
        steps_total: usize,
        /// The failure, if any.
        failure: Option<WireFailure>,
        /// The view after the last step (passed scenarios).
        result: Option<PathBuf>,
        /// The browser its last attempt ran on ("chrome 143.0.7499.169").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        browser: Option<String>,
    },
    /// A scenario was not run.
    ScenarioSkipped {
        /// The scenario.
        scenario: WireScenario,
        /// Why.
        reason: String,
    },
    /// A scenario never started: the run stopped before its turn.
    ScenarioNotRun {
        /// The scenario.
        scenario: WireScenario,
        /// Why the run stopped: `quit`, `fail_fast`, `browser_lost` or `signal`.
        reason: WireCancelReason,
    },
    /// The run ended, normally or not.
    RunFinished {
        /// Totals.
        stats: WireStats,
        /// `quit`, `fail_fast`, `browser_lost` or `signal` when the run was cut short.
        interrupted: Option<WireCancelReason>,
    },
}

/// A scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireScenario {
    /// Id.
    pub id: String,
    /// English title.
    pub title_en: String,
    /// French title.
    pub title_fr: String,
    /// English description (may be empty).
    pub description_en: String,
    /// French description (may be empty).
    pub description_fr: String,
    /// The scenario file.
    pub file: PathBuf,
    /// Catalogue features.
    pub features: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Whether it changes data.
    pub writes: bool,
    /// Number of steps.
    pub steps: usize,
    /// Where the notice documents each feature.
    pub notice: Vec<WireNotice>,
}

/// Where the notice documents a feature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireNotice {
    /// Catalogue feature id.
    pub feature: String,
    /// `covered`, `partial` or `missing`.
    pub status: String,
    /// Heading path of the section (empty when missing).
    pub section: String,
    /// Link to the section (empty when missing).
    pub link: String,
}

/// A step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireStep {
    /// 1-based position in the scenario.
    pub number: usize,
    /// Action name.
    pub action: String,
    /// Locator or argument (never a secret).
    pub detail: String,
    /// Narration in English.
    pub narration_en: String,
    /// Narration in French.
    pub narration_fr: String,
    /// The step in words, in English.
    pub heading_en: String,
    /// The step in words, in French.
    pub heading_fr: String,
    /// Whether later steps depend on it.
    pub needed: bool,
    /// The included lesson it comes from.
    pub included: Option<WireIncluded>,
    /// `file:line:column` of the step.
    pub source: String,
}

/// The included lesson a step comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireIncluded {
    /// Its scenario id.
    pub scenario: String,
    /// Its English title.
    pub title_en: String,
    /// Its French title.
    pub title_fr: String,
    /// Why it is included, in English.
    pub narration_en: String,
    /// In French.
    pub narration_fr: String,
}

/// How a step ended, tagged by `status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum WireOutcome {
    /// It did what it should.
    Passed,
    /// It failed.
    Failed {
        /// The error.
        message: String,
    },
    /// Not attempted, or cut short (run interrupted).
    Interrupted,
    /// Skipped by the trainee (guided mode).
    Skipped,
}

/// How a scenario ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireStatus {
    /// Every step passed.
    Passed,
    /// Every step passed on a retry, after an attempt failed.
    Flaky,
    /// A step failed.
    Failed,
    /// Cut short.
    Interrupted,
}

/// A failed (or interrupted) step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireFailure {
    /// 1-based step number.
    pub step: usize,
    /// Action name.
    pub action: String,
    /// The step in words, in French.
    pub heading_fr: String,
    /// The message.
    pub message: String,
    /// URL seen.
    pub url: Option<String>,
    /// Title seen.
    pub page_title: Option<String>,
    /// Failure screenshot.
    pub screenshot: Option<PathBuf>,
    /// Saved HTML.
    pub html: Option<PathBuf>,
}

/// Why a run stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireCancelReason {
    /// The trainee quit the guided lesson.
    Quit,
    /// `--fail-fast` after a failure.
    FailFast,
    /// The browser was lost.
    BrowserLost,
    /// Ctrl-C / SIGTERM.
    Signal,
}

/// Totals at the end of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireStats {
    /// Scenarios selected.
    pub total: usize,
    /// Passed at the first attempt.
    pub passed: usize,
    /// Passed on a retry (absent before `--retries` existed: read as 0).
    #[serde(default)]
    pub flaky: usize,
    /// Failed.
    pub failed: usize,
    /// Skipped.
    pub skipped: usize,
    /// Interrupted mid-way.
    pub interrupted: usize,
    /// Never started because the run stopped before their turn (absent before this field
    /// existed: read as 0).
    #[serde(default)]
    pub not_run: usize,
    /// Steps executed.
    pub steps: usize,
    /// Run duration.
    pub duration_ms: u64,
}

/// What an absent `attempts` means: a scenario run once.
fn one() -> u32 {
    1
}

impl WireEvent {
    /// One line of `events.jsonl`, without its newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("wire events always serialise")
    }

    /// Read one line of `events.jsonl` back.
    pub fn from_line(line: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(line)
    }
}

impl From<&RunEvent> for WireEvent {
    fn from(e: &RunEvent) -> Self {
        WireEvent {
            version: FORMAT_VERSION,
            at: e.at.clone(),
            elapsed_ms: e.elapsed_ms,
            kind: WireKind::from(&e.kind),
        }
    }
}

impl From<&EventKind> for WireKind {
    fn from(k: &EventKind) -> Self {
        match k {
            EventKind::RunStarted {
                run_id,
                target,
                replica,
                scenario_count,
                step_count,
                out_dir,
                locale,
                decidim_version,
            } => WireKind::RunStarted {
                run_id: run_id.clone(),
                target: target.clone(),
                replica: *replica,
                scenario_count: *scenario_count,
                step_count: *step_count,
                out_dir: out_dir.clone(),
                locale: locale.clone(),
                decidim_version: decidim_version.clone(),
            },
            EventKind::ScenarioStarted { scenario } => WireKind::ScenarioStarted {
                scenario: scenario.into(),
            },
            EventKind::StepStarted { scenario_id, step } => WireKind::StepStarted {
                scenario_id: scenario_id.clone(),
                step: step.as_ref().into(),
            },
            EventKind::StepFinished {
                scenario_id,
                step,
                outcome,
                duration_ms,
                url,
                page_title,
                screenshot,
                html,
                highlight,
                target_box,
                picture_url,
            } => WireKind::StepFinished {
                scenario_id: scenario_id.clone(),
                step: step.as_ref().into(),
                outcome: outcome.into(),
                duration_ms: *duration_ms,
                url: url.clone(),
                page_title: page_title.clone(),
                screenshot: screenshot.clone(),
                html: html.clone(),
                highlight: highlight.clone(),
                target_box: *target_box,
                picture_url: picture_url.clone(),
            },
            EventKind::AttemptFailed {
                scenario_id,
                attempt,
                duration_ms,
                steps_passed,
                failure,
            } => WireKind::AttemptFailed {
                scenario_id: scenario_id.clone(),
                attempt: *attempt,
                duration_ms: *duration_ms,
                steps_passed: *steps_passed,
                failure: failure.into(),
            },
            EventKind::ScenarioFinished {
                scenario_id,
                status,
                attempts,
                duration_ms,
                steps_passed,
                steps_total,
                failure,
                result,
                browser,
            } => WireKind::ScenarioFinished {
                scenario_id: scenario_id.clone(),
                status: (*status).into(),
                attempts: *attempts,
                duration_ms: *duration_ms,
                steps_passed: *steps_passed,
                steps_total: *steps_total,
                failure: failure.as_ref().map(Into::into),
                result: result.clone(),
                browser: browser.clone(),
            },
            EventKind::ScenarioSkipped { scenario, reason } => WireKind::ScenarioSkipped {
                scenario: scenario.into(),
                reason: reason.clone(),
            },
            EventKind::ScenarioNotRun { scenario, reason } => WireKind::ScenarioNotRun {
                scenario: scenario.into(),
                reason: (*reason).into(),
            },
            EventKind::RunFinished { stats, interrupted } => WireKind::RunFinished {
                stats: stats.into(),
                interrupted: interrupted.map(Into::into),
            },
        }
    }
}

impl From<&ScenarioInfo> for WireScenario {
    fn from(s: &ScenarioInfo) -> Self {
        WireScenario {
            id: s.id.clone(),
            title_en: s.title_en.clone(),
            title_fr: s.title_fr.clone(),
            description_en: s.description_en.clone(),
            description_fr: s.description_fr.clone(),
            file: s.file.clone(),
            features: s.features.clone(),
            tags: s.tags.clone(),
            writes: s.writes,
            steps: s.steps,
            notice: s.notice.iter().map(Into::into).collect(),
        }
    }
}

impl From<&NoticeRef> for WireNotice {
    fn from(n: &NoticeRef) -> Self {
        WireNotice {
            feature: n.feature.clone(),
            status: n.status.clone(),
            section: n.section.clone(),
            link: n.link.clone(),
        }
    }
}

impl From<&StepInfo> for WireStep {
    fn from(s: &StepInfo) -> Self {
        WireStep {
            number: s.number,
            action: s.action.clone(),
            detail: s.detail.clone(),
            narration_en: s.narration_en.clone(),
            narration_fr: s.narration_fr.clone(),
            heading_en: s.heading_en.clone(),
            heading_fr: s.heading_fr.clone(),
            needed: s.needed,
            included: s.included.as_ref().map(Into::into),
            source: s.source.clone(),
        }
    }
}

impl From<&IncludedInfo> for WireIncluded {
    fn from(i: &IncludedInfo) -> Self {
        WireIncluded {
            scenario: i.scenario.clone(),
            title_en: i.title_en.clone(),
            title_fr: i.title_fr.clone(),
            narration_en: i.narration_en.clone(),
            narration_fr: i.narration_fr.clone(),
        }
    }
}

impl From<&StepOutcome> for WireOutcome {
    fn from(o: &StepOutcome) -> Self {
        match o {
            StepOutcome::Passed => WireOutcome::Passed,
            StepOutcome::Failed { message } => WireOutcome::Failed {
                message: message.clone(),
            },
            StepOutcome::Interrupted => WireOutcome::Interrupted,
            StepOutcome::Skipped => WireOutcome::Skipped,
        }
    }
}

impl From<ScenarioStatus> for WireStatus {
    fn from(s: ScenarioStatus) -> Self {
        match s {
            ScenarioStatus::Passed => WireStatus::Passed,
            ScenarioStatus::Flaky => WireStatus::Flaky,
            ScenarioStatus::Failed => WireStatus::Failed,
            ScenarioStatus::Interrupted => WireStatus::Interrupted,
        }
    }
}

impl From<&Failure> for WireFailure {
    fn from(f: &Failure) -> Self {
        WireFailure {
            step: f.step,
            action: f.action.clone(),
            heading_fr: f.heading_fr.clone(),
            message: f.message.clone(),
            url: f.url.clone(),
            page_title: f.page_title.clone(),
            screenshot: f.screenshot.clone(),
            html: f.html.clone(),
        }
    }
}

impl From<CancelReason> for WireCancelReason {
    fn from(r: CancelReason) -> Self {
        match r {
            CancelReason::Quit => WireCancelReason::Quit,
            CancelReason::FailFast => WireCancelReason::FailFast,
            CancelReason::BrowserLost => WireCancelReason::BrowserLost,
            CancelReason::Signal => WireCancelReason::Signal,
        }
    }
}

impl From<&RunStats> for WireStats {
    fn from(s: &RunStats) -> Self {
        WireStats {
            total: s.total,
            passed: s.passed,
            flaky: s.flaky,
            failed: s.failed,
            skipped: s.skipped,
            interrupted: s.interrupted,
            not_run: s.not_run,
            steps: s.steps,
            duration_ms: s.duration_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events;

    /// Every event of every fixture run survives a trip through a line of text.
    #[test]
    fn every_event_reads_back_as_written() {
        for (name, events) in test_events::runs() {
            for event in &events {
                let wire = WireEvent::from(event);
                let line = wire.to_line();
                assert!(!line.contains('\n'), "{name}: one line per event");
                assert!(line.starts_with(r#"{"version":1,"#), "{name}: {line}");
                let back = WireEvent::from_line(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
                assert_eq!(back, wire, "{name}");
            }
        }
    }

    /// What readers of the file rely on: `type`, a nested step number, the outcome's `status`.
    #[test]
    fn lines_keep_the_fields_readers_use() {
        let events = test_events::failing_run("en");
        let lines: Vec<serde_json::Value> = events
            .iter()
            .map(|e| serde_json::from_str(&WireEvent::from(e).to_line()).unwrap())
            .collect();
        assert_eq!(lines[0]["type"], "run_started");
        assert_eq!(lines.last().unwrap()["type"], "run_finished");
        let failed = lines
            .iter()
            .find(|l| l["type"] == "step_finished" && l["outcome"]["status"] == "failed")
            .expect("a failed step");
        assert_eq!(failed["step"]["number"], 3);
        assert!(failed["outcome"]["message"]
            .as_str()
            .unwrap()
            .contains("timed out"));
        assert!(lines.iter().all(|l| l["version"] == FORMAT_VERSION));
    }

    /// A reader of a newer file still reads the lines it knows.
    #[test]
    fn unknown_fields_are_ignored() {
        let line = r#"{"version":1,"at":"2025-06-12T08:15:00Z","elapsed_ms":0,"type":"run_finished","stats":{"total":1,"passed":1,"failed":0,"skipped":0,"interrupted":0,"steps":3,"duration_ms":9000,"not_run":0},"interrupted":null,"new_field":true}"#;
        let e = WireEvent::from_line(line).unwrap();
        assert!(matches!(e.kind, WireKind::RunFinished { stats, .. } if stats.steps == 3));
    }
}
