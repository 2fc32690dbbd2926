//! The runner: executes scenarios in real browser sessions and emits one [`RunEvent`] stream.
//!
//! It knows nothing of output formats: every observable thing becomes an event given to
//! [`Reporters`]. One fresh browser session per scenario keeps scenarios independent; the
//! chromedriver process is shared by the run and restarted if it dies.

pub mod cancel;
mod executor;
pub mod gate;

pub use crate::plan::{RunPlan, TargetKind, WebDriverSource};
pub use cancel::Cancel;
pub use gate::{FailureDecision, GateDecision, GateVerdict, NoGate, StepContext, StepGate};

use crate::driver::{BrowserSession, ChromeDriver, DriverError, Page};
use crate::events::{
    CancelReason, EventKind, Failure, RunEvent, RunStats, ScenarioInfo, ScenarioStatus, StepInfo,
    StepOutcome,
};
use crate::reporters::Reporters;
use crate::scenario::Scenario;
use crate::secret::Redactor;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tracing::Instrument;

/// Emits events with timestamps and running totals.
struct Emitter<'a> {
    reporters: &'a mut Reporters,
    started: Instant,
    stats: RunStats,
    /// Set when the gate asked to quit.
    quit: bool,
}

impl Emitter<'_> {
    fn emit(&mut self, kind: EventKind) {
        let at = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        self.stats.duration_ms = self.started.elapsed().as_millis() as u64;
        let event = RunEvent {
            at,
            elapsed_ms: self.stats.duration_ms,
            kind,
        };
        self.reporters.report(&event);
    }
}

/// Information about a scenario for events.
pub fn scenario_info(s: &Scenario, plan: &RunPlan) -> ScenarioInfo {
    ScenarioInfo {
        id: s.id.clone(),
        title_en: s.title.get("en").to_string(),
        title_fr: s.title.get("fr").to_string(),
        description_en: s
            .description
            .as_ref()
            .map(|d| d.get("en").to_string())
            .unwrap_or_default(),
        description_fr: s
            .description
            .as_ref()
            .map(|d| d.get("fr").to_string())
            .unwrap_or_default(),
        file: s.file.clone(),
        features: s.features.clone(),
        tags: s.tags.clone(),
        writes: s.writes,
        steps: s.steps.len(),
        notice: s
            .features
            .iter()
            .filter_map(|f| plan.notice.get(f).cloned())
            .collect(),
    }
}

/// Where the browser comes from during a run.
enum Browser {
    Local {
        binary: PathBuf,
        driver: Option<Box<ChromeDriver>>,
    },
    Remote(String),
}

impl Browser {
    /// A WebDriver URL and a scratch folder for profiles, (re)starting chromedriver if needed.
    async fn endpoint(&mut self) -> Result<(String, Option<PathBuf>), DriverError> {
        match self {
            Browser::Remote(url) => Ok((url.clone(), None)),
            Browser::Local { binary, driver } => {
                if let Some(d) = driver {
                    if !d.is_alive() {
                        tracing::warn!("chromedriver died; starting a new one");
                        d.shutdown().await;
                        *driver = None;
                    }
                }
                if driver.is_none() {
                    *driver = Some(Box::new(ChromeDriver::start(binary).await?));
                }
                let d = driver.as_ref().expect("just started");
                Ok((d.url(), Some(d.scratch().to_path_buf())))
            }
        }
    }

    async fn shutdown(&mut self) {
        if let Browser::Local {
            driver: Some(d), ..
        } = self
        {
            d.shutdown().await;
        }
    }
}

/// Run every scenario of `plan`, feeding `reporters`; returns the totals.
pub async fn run(plan: &RunPlan, reporters: &mut Reporters, cancel: &Cancel) -> RunStats {
    run_with_gate(plan, reporters, cancel, &mut NoGate).await
}

/// Like [`run`], asking `gate` before every step (guided mode).
pub async fn run_with_gate<G: StepGate>(
    plan: &RunPlan,
    reporters: &mut Reporters,
    cancel: &Cancel,
    gate: &mut G,
) -> RunStats {
    let mut em = Emitter {
        reporters,
        started: Instant::now(),
        stats: RunStats {
            total: plan.scenarios.len(),
            ..RunStats::default()
        },
        quit: false,
    };
    em.emit(EventKind::RunStarted {
        run_id: plan.run_id.clone(),
        target: plan.base_url.to_string(),
        replica: plan.target == TargetKind::Replica,
        scenario_count: plan.scenarios.len(),
        step_count: plan.scenarios.iter().map(|s| s.steps.len()).sum(),
        out_dir: plan.out_dir.clone(),
        locale: plan.locale.clone(),
    });
    let mut browser = match &plan.webdriver {
        WebDriverSource::Local { chromedriver } => Browser::Local {
            binary: chromedriver.clone(),
            driver: None,
        },
        WebDriverSource::Remote(url) => Browser::Remote(url.clone()),
    };
    let redactor = Redactor::new(plan.credentials.as_ref().map(|c| &c.password));
    let mut interrupted = None;
    let mut browser_failures = 0;

    for (index, scenario) in plan.scenarios.iter().enumerate() {
        if cancel.is_cancelled() {
            interrupted = Some(CancelReason::Signal);
            break;
        }
        if let Some(reason) = plan.skip_reason(scenario) {
            em.stats.skipped += 1;
            em.emit(EventKind::ScenarioSkipped {
                scenario: scenario_info(scenario, plan),
                reason,
            });
            continue;
        }
        let status = run_scenario(
            plan,
            index,
            scenario,
            &mut browser,
            &mut em,
            cancel,
            &redactor,
            gate,
        )
        .instrument(tracing::info_span!("scenario", id = %scenario.id))
        .await;
        match status {
            ScenarioStatus::Passed => {
                em.stats.passed += 1;
                browser_failures = 0;
            }
            ScenarioStatus::Failed => em.stats.failed += 1,
            ScenarioStatus::Interrupted => {
                em.stats.interrupted += 1;
                if quit_requested(&em) {
                    interrupted = Some(CancelReason::Quit);
                    break;
                }
                if cancel.is_cancelled() {
                    interrupted = Some(CancelReason::Signal);
                    break;
                }
                // The browser was lost: try once more with a new one, then give up.
                browser_failures += 1;
                if browser_failures >= 2 {
                    interrupted = Some(CancelReason::BrowserLost);
                    break;
                }
            }
        }
        if plan.fail_fast && status == ScenarioStatus::Failed {
            interrupted = Some(CancelReason::FailFast);
            break;
        }
    }
    browser.shutdown().await;
    let stats = em.stats;
    em.emit(EventKind::RunFinished {
        stats: em.stats,
        interrupted,
    });
    RunStats {
        duration_ms: em.stats.duration_ms,
        ..stats
    }
}

/// What the reports say of a step; its headings from `action`, the step with its values expanded
/// (« Remplir « Titre » avec « Concertation Explorer k2x1 » », not `{{uid}}`).
fn step_info(scenario: &Scenario, number: usize, action: &crate::scenario::Action) -> StepInfo {
    let step = &scenario.steps[number - 1];
    StepInfo {
        number,
        action: step.action.name().to_string(),
        detail: step.action.describe(),
        narration_en: step.narration.get("en").to_string(),
        narration_fr: step.narration.get("fr").to_string(),
        heading_en: crate::scenario::words::heading(action, "en"),
        heading_fr: crate::scenario::words::heading(action, "fr"),
        needed: crate::scenario::words::is_needed_by_later_steps(&step.action),
        included: step.included.as_ref().map(|i| crate::events::IncludedInfo {
            scenario: i.scenario.clone(),
            title_en: i.title.get("en").to_string(),
            title_fr: i.title.get("fr").to_string(),
            narration_en: i.narration.get("en").to_string(),
            narration_fr: i.narration.get("fr").to_string(),
        }),
        source: step.pos.to_string(),
    }
}

/// Paths of a step's files inside the run folder (relative, for reports).
fn step_file(scenario: &Scenario, number: usize, kind: &str, ext: &str) -> PathBuf {
    let step = &scenario.steps[number - 1];
    let name = match &step.action {
        crate::scenario::Action::Screenshot { name: Some(n) } => sanitize(n),
        a => a.name().to_string(),
    };
    Path::new(kind)
        .join(&scenario.id)
        .join(format!("{number:02}-{name}.{ext}"))
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

async fn write_file(out_dir: &Path, rel: &Path, bytes: Vec<u8>) -> Option<PathBuf> {
    let full = out_dir.join(rel);
    if let Some(parent) = full.parent() {
        tokio::fs::create_dir_all(parent).await.ok()?;
    }
    match tokio::fs::write(&full, bytes).await {
        Ok(()) => Some(rel.to_path_buf()),
        Err(e) => {
            tracing::warn!(file = %full.display(), error = %e, "could not save");
            None
        }
    }
}

/// Whether the last scenario ended because the trainee quit.
fn quit_requested(em: &Emitter<'_>) -> bool {
    em.quit
}

#[allow(clippy::too_many_arguments)]
async fn run_scenario<G: StepGate>(
    plan: &RunPlan,
    index: usize,
    scenario: &Scenario,
    browser: &mut Browser,
    em: &mut Emitter<'_>,
    cancel: &Cancel,
    redactor: &Redactor,
    gate: &mut G,
) -> ScenarioStatus {
    let started = Instant::now();
    em.emit(EventKind::ScenarioStarted {
        scenario: scenario_info(scenario, plan),
    });
    let finish = |em: &mut Emitter<'_>, status, passed, failure, result| {
        em.emit(EventKind::ScenarioFinished {
            scenario_id: scenario.id.clone(),
            status,
            duration_ms: started.elapsed().as_millis() as u64,
            steps_passed: passed,
            steps_total: scenario.steps.len(),
            failure,
            result,
        });
        status
    };

    // A fresh session per scenario: no cookies or state leak from one lesson to the next.
    let session = tokio::select! {
        s = async {
            let (url, scratch) = browser.endpoint().await?;
            BrowserSession::open(&url, &plan.browser, scratch.as_deref()).await
        } => s,
        _ = cancel.cancelled() => {
            return finish(em, ScenarioStatus::Interrupted, 0, None, None);
        }
    };
    let session = match session {
        Ok(s) => s,
        Err(e) => {
            let failure = Failure {
                step: 0,
                action: "open browser".into(),
                heading_fr: "Ouvrir le navigateur".into(),
                message: redactor.redact(&error_chain(&e)),
                url: None,
                page_title: None,
                screenshot: None,
                html: None,
            };
            let status = if e.is_browser_lost() {
                ScenarioStatus::Interrupted
            } else {
                ScenarioStatus::Failed
            };
            return finish(em, status, 0, Some(failure), None);
        }
    };
    let page = Page::new(session.client.clone(), plan.base_url.clone());
    let uid = format!("{}{}", plan.run_token, index + 1);
    let mut passed = 0;
    let mut failure = None;
    let mut status = ScenarioStatus::Passed;

    for number in 1..=scenario.steps.len() {
        let step = &scenario.steps[number - 1];
        let action = executor::expand(step, &uid);
        let info = step_info(scenario, number, &action);
        em.emit(EventKind::StepStarted {
            scenario_id: scenario.id.clone(),
            step: Box::new(info.clone()),
        });
        let timeout = step.timeout.unwrap_or(plan.step_timeout);
        let context = || StepContext {
            scenario,
            number,
            action: &action,
            out_dir: &plan.out_dir,
            timeout,
            notice: &plan.notice,
        };
        let verdict = tokio::select! {
            v = gate.before_step(&page, context()) => Some(v),
            _ = cancel.cancelled() => None,
        };
        let highlight = verdict.as_ref().and_then(|v| v.highlight.clone());
        match verdict.as_ref().map(|v| v.decision) {
            Some(GateDecision::Skip) => {
                emit_skipped(em, &page, scenario, info, highlight).await;
                continue;
            }
            Some(GateDecision::Quit) => em.quit = true,
            _ => {}
        }
        // Attempts of the step: one in `run`; in guided mode the trainee may retry a failed step.
        let ended = loop {
            let step_started = Instant::now();
            let outcome = if em.quit || verdict.is_none() {
                None
            } else {
                tokio::select! {
                    r = attempt(&page, &action, plan, timeout, highlight.is_none()) => Some(r),
                    _ = cancel.cancelled() => None,
                }
            };
            let duration_ms = step_started.elapsed().as_millis() as u64;
            let state = page.state().await;
            match outcome {
                Some(Ok(before)) => {
                    em.stats.steps += 1;
                    passed += 1;
                    // The step's picture: taken before the action with its target in view, else after it.
                    let (png, target_box, picture_url) = match before {
                        Some(b) => (Some(b.png), Some(b.target_box), b.url),
                        None => (page.screenshot().await.ok(), None, None),
                    };
                    let shot = match png {
                        Some(png) => {
                            write_file(
                                &plan.out_dir,
                                &step_file(scenario, number, "screenshots", "png"),
                                png,
                            )
                            .await
                        }
                        None => None,
                    };
                    em.emit(EventKind::StepFinished {
                        scenario_id: scenario.id.clone(),
                        step: Box::new(info.clone()),
                        outcome: StepOutcome::Passed,
                        duration_ms,
                        url: state.url,
                        page_title: state.title,
                        screenshot: shot,
                        html: None,
                        highlight: highlight.clone(),
                        target_box,
                        picture_url,
                    });
                    break None;
                }
                Some(Err(e)) => {
                    // Chromedriver words a dead browser in many ways ("tab crashed", "disconnected"…):
                    // when the error itself does not say, ask the session whether it still answers.
                    let lost = e.is_browser_lost() || !page.is_alive().await;
                    let message = redactor.redact(&format!(
                        "{} (step at {}{})",
                        error_chain(&e.with_waited(timeout)),
                        step.pos,
                        if lost { "; the browser is gone" } else { "" }
                    ));
                    if !lost {
                        match gate.after_failure(&page, context(), &message).await {
                            FailureDecision::Retry => continue,
                            FailureDecision::Continue => {
                                emit_skipped(em, &page, scenario, info.clone(), highlight.clone())
                                    .await;
                                break None;
                            }
                            FailureDecision::Stop => {}
                        }
                    }
                    em.stats.steps += 1;
                    let (shot, html) = if lost {
                        (None, None)
                    } else {
                        failure_evidence(&page, plan, scenario, number, redactor).await
                    };
                    em.emit(EventKind::StepFinished {
                        scenario_id: scenario.id.clone(),
                        step: Box::new(info.clone()),
                        outcome: StepOutcome::Failed {
                            message: message.clone(),
                        },
                        duration_ms,
                        url: state.url.clone(),
                        page_title: state.title.clone(),
                        screenshot: shot.clone(),
                        html: html.clone(),
                        highlight: highlight.clone(),
                        target_box: None,
                        picture_url: None,
                    });
                    let status = if lost {
                        ScenarioStatus::Interrupted
                    } else {
                        ScenarioStatus::Failed
                    };
                    break Some((
                        status,
                        step_failure(step, &info, message, state, shot, html),
                    ));
                }
                None => {
                    em.emit(EventKind::StepFinished {
                        scenario_id: scenario.id.clone(),
                        step: Box::new(info.clone()),
                        outcome: StepOutcome::Interrupted,
                        duration_ms,
                        url: state.url.clone(),
                        page_title: state.title.clone(),
                        screenshot: None,
                        html: None,
                        highlight: highlight.clone(),
                        target_box: None,
                        picture_url: None,
                    });
                    let f = step_failure(step, &info, "interrupted".into(), state, None, None);
                    break Some((ScenarioStatus::Interrupted, f));
                }
            }
        };
        if let Some((s, f)) = ended {
            status = s;
            failure = Some(f);
            break;
        }
    }
    // The result of the lesson: what the page shows after its last step.
    let result = if status == ScenarioStatus::Passed {
        match page.screenshot().await {
            Ok(png) => {
                write_file(
                    &plan.out_dir,
                    &PathBuf::from("screenshots")
                        .join(&scenario.id)
                        .join("result.png"),
                    png,
                )
                .await
            }
            Err(_) => None,
        }
    } else {
        None
    };
    session.close().await;
    finish(em, status, passed, failure, result)
}

/// The step's picture before its action: the target brought into view, its box, the screenshot.
struct Before {
    png: Vec<u8>,
    target_box: [i64; 4],
    url: Option<String>,
}

/// One attempt at a step. With `picture`, a step that has a target is pictured before it acts, its
/// target in view (the handbook marks it there); the whole attempt keeps within the step's timeout.
async fn attempt(
    page: &Page,
    action: &crate::scenario::Action,
    plan: &RunPlan,
    timeout: std::time::Duration,
    picture: bool,
) -> Result<Option<Before>, DriverError> {
    let started = Instant::now();
    let before = match action.target().filter(|_| picture) {
        Some(target) => {
            let target_box = page
                .target_box(target, crate::driver::Purpose::of(action), timeout)
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
    let left = timeout
        .saturating_sub(started.elapsed())
        .max(std::time::Duration::from_millis(500));
    executor::execute(page, action, plan, left).await?;
    Ok(before)
}

/// A step the trainee skipped (or chose to go past after it failed).
async fn emit_skipped(
    em: &mut Emitter<'_>,
    page: &Page,
    scenario: &Scenario,
    info: StepInfo,
    highlight: Option<PathBuf>,
) {
    let state = page.state().await;
    em.emit(EventKind::StepFinished {
        scenario_id: scenario.id.clone(),
        step: Box::new(info),
        outcome: StepOutcome::Skipped,
        duration_ms: 0,
        url: state.url,
        page_title: state.title,
        screenshot: None,
        html: None,
        highlight,
        target_box: None,
        picture_url: None,
    });
}

/// The failure screenshot and the page's (redacted) HTML.
async fn failure_evidence(
    page: &Page,
    plan: &RunPlan,
    scenario: &Scenario,
    number: usize,
    redactor: &Redactor,
) -> (Option<PathBuf>, Option<PathBuf>) {
    let shot = match page.screenshot().await {
        Ok(png) => {
            write_file(
                &plan.out_dir,
                &step_file(scenario, number, "failures", "png"),
                png,
            )
            .await
        }
        Err(_) => None,
    };
    let html = match page.html().await {
        Ok(h) => {
            write_file(
                &plan.out_dir,
                &step_file(scenario, number, "failures", "html"),
                redactor.redact(&h).into_bytes(),
            )
            .await
        }
        Err(_) => None,
    };
    (shot, html)
}

/// The failure kept in summaries.
fn step_failure(
    step: &crate::scenario::Step,
    info: &StepInfo,
    message: String,
    state: crate::driver::PageState,
    screenshot: Option<PathBuf>,
    html: Option<PathBuf>,
) -> Failure {
    Failure {
        step: info.number,
        action: step.action.name().into(),
        heading_fr: info.heading_fr.clone(),
        message,
        url: state.url,
        page_title: state.title,
        screenshot,
        html,
    }
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
