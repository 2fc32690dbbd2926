//! [`RunEvent`]: the one stream the runner emits and every reporter consumes.
//!
//! The runner knows nothing of output formats; the terminal, JSON Lines, JUnit, summary,
//! HTML and handbook reporters know nothing of browsers. This file is the contract between
//! them. These are in-memory types, free to change with the runner: `events.jsonl` is written
//! through the [`wire`] types, which define the file's format. (The scenario, failure and totals
//! types still serialise for `summary.json`.)

pub mod replay;
pub mod wire;

use serde::Serialize;
use std::path::PathBuf;

/// Version of the `events.jsonl` / `summary.json` format.
pub const FORMAT_VERSION: u32 = 1;

/// One thing that happened during a run.
#[derive(Debug, Clone)]
pub struct RunEvent {
    /// Wall-clock time, RFC 3339.
    pub at: String,
    /// Milliseconds since the run started.
    pub elapsed_ms: u64,
    /// What happened.
    pub kind: EventKind,
}

/// The kinds of event, in the order a run produces them.
#[derive(Debug, Clone)]
pub enum EventKind {
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
        /// The Decidim version the target says it runs (its API documentation page), if it says.
        decidim_version: Option<String>,
    },
    /// A scenario starts (a fresh browser session is open).
    ScenarioStarted {
        /// The scenario.
        scenario: ScenarioInfo,
    },
    /// A step starts.
    StepStarted {
        /// Scenario id.
        scenario_id: String,
        /// The step (boxed: events of every kind travel by value through one channel).
        step: Box<StepInfo>,
    },
    /// A step ended.
    StepFinished {
        /// Scenario id.
        scenario_id: String,
        /// The step (boxed: events of every kind travel by value through one channel).
        step: Box<StepInfo>,
        /// How it ended.
        outcome: StepOutcome,
        /// How long it took.
        duration_ms: u64,
        /// Page URL after the step.
        url: Option<String>,
        /// Page title after the step.
        page_title: Option<String>,
        /// Screenshot taken after the step (or at failure), relative to the run folder.
        screenshot: Option<PathBuf>,
        /// Saved page HTML (failures only), relative to the run folder.
        html: Option<PathBuf>,
        /// Screenshot of the highlighted target before the action (guided mode).
        highlight: Option<PathBuf>,
        /// Where the step's target is in `screenshot` (x, y, width, height in CSS pixels) when the
        /// picture was taken before the action, with the target in view.
        target_box: Option<[i64; 4]>,
        /// The page the picture shows when it was taken before the action (`url` is the page after it).
        picture_url: Option<String>,
    },
    /// An attempt at a scenario failed and it will be tried again (`--retries`): the steps
    /// that follow belong to the next attempt, on a fresh session.
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
        failure: Failure,
    },
    /// A scenario ended (its last attempt, when it was retried).
    ScenarioFinished {
        /// Scenario id.
        scenario_id: String,
        /// Outcome.
        status: ScenarioStatus,
        /// Attempts made, 1 unless it was retried.
        attempts: u32,
        /// How long it took, browser session and every attempt included.
        duration_ms: u64,
        /// Steps that passed.
        steps_passed: usize,
        /// Steps in the scenario.
        steps_total: usize,
        /// The failure, if any.
        failure: Option<Failure>,
        /// The view after the last step, relative to the run folder (passed scenarios).
        result: Option<PathBuf>,
        /// The browser its last attempt ran on, as the WebDriver session named it
        /// ("chrome 143.0.7499.169"); none when no session opened.
        browser: Option<String>,
    },
    /// A scenario was not run.
    ScenarioSkipped {
        /// The scenario.
        scenario: ScenarioInfo,
        /// Why.
        reason: String,
    },
    /// A scenario never started because the run stopped before its turn.
    ScenarioNotRun {
        /// The scenario.
        scenario: ScenarioInfo,
        /// Why the run stopped.
        reason: CancelReason,
    },
    /// The run ended, normally or not.
    RunFinished {
        /// Totals.
        stats: RunStats,
        /// Set when the run was cut short.
        interrupted: Option<CancelReason>,
    },
}

/// What reporters need to know of a scenario.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioInfo {
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
    /// The file.
    pub file: PathBuf,
    /// Catalogue features.
    pub features: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Whether it changes data.
    pub writes: bool,
    /// Number of steps.
    pub steps: usize,
    /// Where the notice (`--notice`) documents each of its features, in feature order.
    pub notice: Vec<NoticeRef>,
}

/// Where the admin manual documents a feature, or that it is silent on it.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeRef {
    /// Catalogue feature id.
    pub feature: String,
    /// `covered`, `partial` or `missing`.
    pub status: String,
    /// Heading path of the section (empty when missing).
    pub section: String,
    /// Link to the section (empty when missing).
    pub link: String,
}

/// What reporters need to know of a step.
#[derive(Debug, Clone)]
pub struct StepInfo {
    /// 1-based position in the scenario.
    pub number: usize,
    /// Action name.
    pub action: String,
    /// Locator or argument, human readable (secrets never appear here).
    pub detail: String,
    /// Narration in English.
    pub narration_en: String,
    /// Narration in French.
    pub narration_fr: String,
    /// The step said in words, in English ("Fill in “Title” with “My process”").
    pub heading_en: String,
    /// The step said in words, in French (« Remplir « Titre » avec « Ma concertation » »).
    pub heading_fr: String,
    /// Whether later steps depend on it (everything but checks and screenshots).
    pub needed: bool,
    /// The lesson it comes from when the scenario includes one (`include = "create-process"`).
    pub included: Option<IncludedInfo>,
    /// `file:line:column` of the step.
    pub source: String,
}

/// The included lesson a step comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludedInfo {
    /// Its scenario id.
    pub scenario: String,
    /// Its title in English.
    pub title_en: String,
    /// Its title in French.
    pub title_fr: String,
    /// Why the lesson includes it, in English and French.
    pub narration_en: String,
    /// In French.
    pub narration_fr: String,
}

impl StepInfo {
    /// The heading in `lang` (English unless `fr`).
    pub fn heading(&self, lang: &str) -> &str {
        if lang == "fr" {
            &self.heading_fr
        } else {
            &self.heading_en
        }
    }

    /// The narration in `lang` (English unless `fr`).
    pub fn narration(&self, lang: &str) -> &str {
        if lang == "fr" {
            &self.narration_fr
        } else {
            &self.narration_en
        }
    }
}

/// How a step ended.
#[derive(Debug, Clone)]
pub enum StepOutcome {
    /// It did what it should.
    Passed,
    /// It failed; the scenario stops here.
    Failed {
        /// The error, with locator and timeout.
        message: String,
    },
    /// It was not attempted (run interrupted).
    Interrupted,
    /// The trainee chose to skip it (guided mode).
    Skipped,
}

/// How a scenario ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioStatus {
    /// Every step passed.
    Passed,
    /// Every step passed on a retry after an attempt failed (`--retries`).
    Flaky,
    /// A step failed (in every attempt).
    Failed,
    /// Cut short by Ctrl-C or a browser crash.
    Interrupted,
}

/// A failed step, as kept in summaries.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// 1-based step number.
    pub step: usize,
    /// Action name.
    pub action: String,
    /// The step said in words, in French (English readers get the action name).
    pub heading_fr: String,
    /// The message.
    pub message: String,
    /// URL seen.
    pub url: Option<String>,
    /// Title seen.
    pub page_title: Option<String>,
    /// Failure screenshot, relative to the run folder.
    pub screenshot: Option<PathBuf>,
    /// Saved HTML, relative to the run folder.
    pub html: Option<PathBuf>,
}

impl Failure {
    /// What the failed step did: its action name in English, the step in words in French.
    pub fn heading(&self, lang: &str) -> &str {
        if lang == "fr" && !self.heading_fr.is_empty() {
            &self.heading_fr
        } else {
            &self.action
        }
    }
}

/// Why a run stopped early; ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelReason {
    /// The trainee quit the guided lesson.
    Quit,
    /// `--fail-fast` after a failure.
    FailFast,
    /// The browser or chromedriver died and could not be restarted.
    BrowserLost,
    /// Ctrl-C / SIGTERM.
    Signal,
}

/// Running totals, carried by events so reporters never recount.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct RunStats {
    /// Scenarios selected.
    pub total: usize,
    /// Passed at the first attempt.
    pub passed: usize,
    /// Passed on a retry after failing (`--retries`).
    pub flaky: usize,
    /// Failed.
    pub failed: usize,
    /// Skipped (e.g. writes on a shared instance).
    pub skipped: usize,
    /// Not finished because the run was interrupted.
    pub interrupted: usize,
    /// Never started because the run stopped before their turn.
    pub not_run: usize,
    /// Steps executed.
    pub steps: usize,
    /// Run duration so far.
    pub duration_ms: u64,
}

impl CancelReason {
    /// Why the run stopped, in words, in `lang` (English unless `fr`).
    pub fn said(self, lang: &str) -> &'static str {
        match (self, lang == "fr") {
            (CancelReason::Quit, false) => "the trainee quit the lesson",
            (CancelReason::Quit, true) => "le stagiaire a quitté la leçon",
            (CancelReason::FailFast, false) => "--fail-fast stopped the run after a failure",
            (CancelReason::FailFast, true) => "--fail-fast a arrêté l’exécution après un échec",
            (CancelReason::BrowserLost, false) => "the browser was lost and could not be restarted",
            (CancelReason::BrowserLost, true) => {
                "le navigateur a été perdu et n’a pas pu être relancé"
            }
            (CancelReason::Signal, false) => "the run was cut short (Ctrl-C or SIGTERM)",
            (CancelReason::Signal, true) => "l’exécution a été interrompue (Ctrl-C ou SIGTERM)",
        }
    }
}

impl RunStats {
    /// True when nothing failed, nothing was cut short, and something was tested: a run
    /// whose scenarios were all skipped is not green.
    /// (Flaky scenarios passed: `--fail-on-flaky` is the caller's to apply.)
    pub fn is_success(&self) -> bool {
        self.failed == 0 && self.interrupted == 0 && self.passed + self.flaky > 0
    }

    /// True when no scenario ran to an outcome: all skipped.
    pub fn tested_nothing(&self) -> bool {
        self.passed == 0 && self.flaky == 0 && self.failed == 0 && self.interrupted == 0
    }
}
