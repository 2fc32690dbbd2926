//! The terminal reporter, in the style of cargo-nextest: a line per scenario with its status
//! and time, failure details as they happen, then totals. Writes to any `Write` (stderr in
//! the CLI, a buffer in tests).

use super::{ReportError, Reporter};
use crate::event::{EventKind, RunEvent, ScenarioStatus, StepOutcome};
use owo_colors::{OwoColorize, Style};
use std::io::Write;
use std::path::PathBuf;

/// Human progress output.
pub struct TerminalReporter<W: Write + Send> {
    out: W,
    color: bool,
    verbose: bool,
    locale: String,
    titles: std::collections::BTreeMap<String, String>,
    out_dir: PathBuf,
    failed: Vec<(String, String)>,
    /// Shown on a terminal during long runs; lines are printed above it.
    progress: Option<indicatif::ProgressBar>,
}

impl<W: Write + Send> TerminalReporter<W> {
    /// Write to `out`; `color` adds ANSI colours; `verbose` prints every step.
    pub fn new(out: W, color: bool, verbose: bool, locale: &str) -> Self {
        TerminalReporter {
            out,
            color,
            verbose,
            locale: locale.to_string(),
            titles: Default::default(),
            out_dir: PathBuf::new(),
            failed: Vec::new(),
            progress: None,
        }
    }

    /// Show a progress bar (steps done / steps in the run) under the output.
    pub fn with_progress(mut self) -> Self {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{prefix:>12.cyan.bold} [{bar:30}] {pos}/{len} steps {wide_msg}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar.set_prefix("Running");
        self.progress = Some(bar);
        self
    }

    fn paint(&self, text: &str, style: Style) -> String {
        if self.color {
            text.style(style).to_string()
        } else {
            text.to_string()
        }
    }

    fn status(&self, word: &str, style: Style) -> String {
        self.paint(&format!("{word:>12}"), style)
    }

    fn write(&mut self, line: String) -> Result<(), ReportError> {
        let out = &mut self.out;
        let mut result = Ok(());
        let mut print = || result = writeln!(out, "{line}");
        match &self.progress {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
        result.map_err(|source| ReportError {
            file: PathBuf::from("<terminal>"),
            source,
        })
    }
}

fn secs(ms: u64) -> String {
    format!("[{:>8.3}s]", ms as f64 / 1000.0)
}

impl<W: Write + Send> Reporter for TerminalReporter<W> {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        let green = Style::new().green().bold();
        let red = Style::new().red().bold();
        let yellow = Style::new().yellow().bold();
        let dim = Style::new().dimmed();
        match &event.kind {
            EventKind::RunStarted {
                target,
                replica,
                scenario_count,
                step_count,
                out_dir,
                ..
            } => {
                self.out_dir = out_dir.clone();
                if let Some(bar) = &self.progress {
                    bar.set_length(*step_count as u64);
                }
                let what = if *replica { " (built-in replica)" } else { "" };
                let line = format!(
                    "{} {scenario_count} scenario{} against {target}{what}",
                    self.status("Starting", green),
                    if *scenario_count == 1 { "" } else { "s" }
                );
                self.write(line)?;
                let line = format!("{} {}", self.status("Output", dim), out_dir.display());
                self.write(line)
            }
            EventKind::ScenarioStarted { scenario } => {
                let title = if self.locale == "fr" {
                    &scenario.title_fr
                } else {
                    &scenario.title_en
                };
                self.titles.insert(scenario.id.clone(), title.clone());
                Ok(())
            }
            EventKind::StepStarted { .. } => Ok(()),
            EventKind::StepFinished {
                scenario_id,
                step,
                outcome,
                duration_ms,
                ..
            } => {
                if let Some(bar) = &self.progress {
                    bar.inc(1);
                }
                if !self.verbose && !matches!(outcome, StepOutcome::Failed { .. }) {
                    return Ok(());
                }
                let (word, style) = match outcome {
                    StepOutcome::Passed => ("step ok", dim),
                    StepOutcome::Failed { .. } => ("step FAIL", red),
                    StepOutcome::Interrupted => ("step INT", yellow),
                    StepOutcome::Skipped => ("step skip", dim),
                };
                let line = format!(
                    "{} {} {scenario_id} #{} {} {}",
                    self.status(word, style),
                    secs(*duration_ms),
                    step.number,
                    step.action,
                    self.paint(&step.detail, dim)
                );
                self.write(line)
            }
            EventKind::ScenarioFinished {
                scenario_id,
                status,
                duration_ms,
                failure,
                ..
            } => {
                let (word, style) = match status {
                    ScenarioStatus::Passed => ("PASS", green),
                    ScenarioStatus::Failed => ("FAIL", red),
                    ScenarioStatus::Interrupted => ("INTERRUPTED", yellow),
                };
                let title = self.titles.get(scenario_id).cloned().unwrap_or_default();
                let line = format!(
                    "{} {} {} {}",
                    self.status(word, style),
                    secs(*duration_ms),
                    self.paint(scenario_id, Style::new().bold()),
                    self.paint(&title, dim)
                );
                self.write(line)?;
                if let Some(f) = failure {
                    let mut detail = format!("step {} ({}): {}", f.step, f.action, f.message);
                    if let Some(u) = &f.url {
                        detail.push_str(&format!("\n    at {u}"));
                    }
                    if let Some(t) = &f.page_title {
                        detail.push_str(&format!(" ({t:?})"));
                    }
                    if let Some(s) = &f.screenshot {
                        detail.push_str(&format!(
                            "\n    screenshot {}",
                            self.out_dir.join(s).display()
                        ));
                    }
                    if let Some(h) = &f.html {
                        detail.push_str(&format!(
                            "\n    page HTML  {}",
                            self.out_dir.join(h).display()
                        ));
                    }
                    for l in detail.lines() {
                        let line = format!("             {l}");
                        self.write(line)?;
                    }
                    self.failed.push((scenario_id.clone(), title));
                }
                Ok(())
            }
            EventKind::ScenarioSkipped { scenario, reason } => {
                let line = format!(
                    "{} {} {} {}",
                    self.status("SKIP", yellow),
                    secs(0),
                    self.paint(&scenario.id, Style::new().bold()),
                    self.paint(reason, dim)
                );
                self.write(line)
            }
            EventKind::RunFinished { stats, interrupted } => {
                if let Some(bar) = self.progress.take() {
                    bar.finish_and_clear();
                }
                self.write("------------".to_string())?;
                let mut parts = vec![format!("{} passed", stats.passed)];
                if stats.failed > 0 {
                    parts.push(self.paint(&format!("{} failed", stats.failed), red));
                }
                if stats.skipped > 0 {
                    parts.push(format!("{} skipped", stats.skipped));
                }
                if stats.interrupted > 0 {
                    parts.push(format!("{} interrupted", stats.interrupted));
                }
                let run = stats.passed + stats.failed + stats.interrupted;
                let (word, style) = if stats.is_success() {
                    ("Summary", green)
                } else {
                    ("Summary", red)
                };
                let line = format!(
                    "{} {} {run} scenario{} run, {} steps: {}",
                    self.status(word, style),
                    secs(stats.duration_ms),
                    if run == 1 { "" } else { "s" },
                    stats.steps,
                    parts.join(", ")
                );
                self.write(line)?;
                for (id, title) in std::mem::take(&mut self.failed) {
                    let line = format!(
                        "{} {id} {}",
                        self.status("FAIL", red),
                        self.paint(&title, dim)
                    );
                    self.write(line)?;
                }
                if let Some(reason) = interrupted {
                    let line = format!(
                        "{} run cut short ({reason:?}); partial reports are in {}",
                        self.status("Interrupted", yellow),
                        self.out_dir.display()
                    );
                    self.write(line)?;
                }
                let _ = self.out.flush();
                Ok(())
            }
        }
    }
}
