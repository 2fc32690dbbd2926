//! The terminal reporter, in the style of cargo-nextest: a line per scenario with its status
//! and time, failure details as they happen, then totals. Writes to any `Write` (stderr in
//! the CLI, a buffer in tests).

use super::{ReportError, Reporter};
use crate::events::{
    CancelReason, EventKind, Failure, RunEvent, RunStats, ScenarioStatus, StepInfo, StepOutcome,
};
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
    /// Scenarios that failed, were flaky or were cut short, with their status word, for the closing list.
    failed: Vec<(&'static str, String, String)>,
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
                "{prefix:>12.cyan.bold} [{bar:30}] {pos}/{len} {msg}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar.set_message(word(&self.locale, "steps"));
        bar.set_prefix(word(&self.locale, "Running"));
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

/// The reporter's own words, in English or French: a French run prints no English word of ours.
fn word(lang: &str, key: &str) -> &'static str {
    let fr = lang == "fr";
    match key {
        "Starting" if fr => "Démarrage",
        "Starting" => "Starting",
        "Output" if fr => "Dossier",
        "Output" => "Output",
        "Running" if fr => "En cours",
        "Running" => "Running",
        "steps" if fr => "étapes",
        "steps" => "steps",
        "replica" if fr => " (réplique intégrée)",
        "replica" => " (built-in replica)",
        "step ok" if fr => "étape ok",
        "step ok" => "step ok",
        "step FAIL" if fr => "étape ÉCHEC",
        "step FAIL" => "step FAIL",
        "step INT" if fr => "étape INT",
        "step INT" => "step INT",
        "step skip" if fr => "étape passée",
        "step skip" => "step skip",
        "PASS" if fr => "RÉUSSI",
        "PASS" => "PASS",
        "FAIL" if fr => "ÉCHEC",
        "FAIL" => "FAIL",
        "FLAKY" if fr => "INSTABLE",
        "FLAKY" => "FLAKY",
        "TRY" if fr => "ESSAI",
        "TRY" => "TRY",
        "INTERRUPTED" if fr => "INTERROMPU",
        "INTERRUPTED" => "INTERRUPTED",
        "SKIP" if fr => "IGNORÉ",
        "SKIP" => "SKIP",
        "Summary" if fr => "Bilan",
        "Summary" => "Summary",
        "Interrupted" if fr => "Interrompu",
        "Interrupted" => "Interrupted",
        "step" if fr => "étape",
        "step" => "step",
        "at" if fr => "sur",
        "at" => "at",
        "screenshot" if fr => "capture",
        "screenshot" => "screenshot",
        "page HTML" if fr => "page HTML",
        "page HTML" => "page HTML",
        _ => "",
    }
}

/// Why the run stopped early, in words.
fn reason(lang: &str, reason: CancelReason) -> &'static str {
    match (lang == "fr", reason) {
        (true, CancelReason::Quit) => "leçon quittée",
        (true, CancelReason::FailFast) => "--fail-fast après un échec",
        (true, CancelReason::BrowserLost) => "navigateur perdu",
        (true, CancelReason::Signal) => "Ctrl-C ou SIGTERM",
        (false, CancelReason::Quit) => "the lesson was quit",
        (false, CancelReason::FailFast) => "--fail-fast after a failure",
        (false, CancelReason::BrowserLost) => "the browser was lost",
        (false, CancelReason::Signal) => "Ctrl-C or SIGTERM",
    }
}

/// "3 scenarios against", "1 scénario sur".
fn scenarios(lang: &str, n: usize) -> String {
    match (lang == "fr", n == 1) {
        (true, true) => "1 scénario sur".into(),
        (true, false) => format!("{n} scénarios sur"),
        (false, true) => "1 scenario against".into(),
        (false, false) => format!("{n} scenarios against"),
    }
}

fn green() -> Style {
    Style::new().green().bold()
}
fn red() -> Style {
    Style::new().red().bold()
}
fn yellow() -> Style {
    Style::new().yellow().bold()
}
fn dim() -> Style {
    Style::new().dimmed()
}

impl<W: Write + Send> Reporter for TerminalReporter<W> {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
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
                let l = self.locale.clone();
                let what = if *replica { word(&l, "replica") } else { "" };
                let line = format!(
                    "{} {} {target}{what}",
                    self.status(word(&l, "Starting"), green()),
                    scenarios(&l, *scenario_count)
                );
                self.write(line)?;
                let line = format!(
                    "{} {}",
                    self.status(word(&l, "Output"), dim()),
                    out_dir.display()
                );
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
            } => self.step_finished(scenario_id, step, outcome, *duration_ms),
            EventKind::AttemptFailed {
                scenario_id,
                attempt,
                duration_ms,
                steps_passed,
                failure,
            } => {
                // The next attempt's steps count again.
                if let Some(bar) = &self.progress {
                    bar.set_position(bar.position().saturating_sub(*steps_passed as u64 + 1));
                }
                self.attempt_failed(scenario_id, *attempt, *duration_ms, failure)
            }
            EventKind::ScenarioFinished {
                scenario_id,
                status,
                attempts,
                duration_ms,
                failure,
                ..
            } => self.scenario_finished(
                scenario_id,
                (*status, *attempts),
                *duration_ms,
                failure.as_ref(),
            ),
            EventKind::ScenarioSkipped { scenario, reason } => {
                let line = format!(
                    "{} {} {} {}",
                    self.status(word(&self.locale, "SKIP"), yellow()),
                    secs(0),
                    self.paint(&scenario.id, Style::new().bold()),
                    self.paint(reason, dim())
                );
                self.write(line)
            }
            // Counted in the totals line; a list of every scenario after a Ctrl-C would bury it.
            EventKind::ScenarioNotRun { .. } => Ok(()),
            EventKind::RunFinished { stats, interrupted } => self.run_finished(stats, *interrupted),
        }
    }
}

impl<W: Write + Send> TerminalReporter<W> {
    /// A step's line: only failures, unless verbose.
    fn step_finished(
        &mut self,
        scenario_id: &str,
        step: &StepInfo,
        outcome: &StepOutcome,
        duration_ms: u64,
    ) -> Result<(), ReportError> {
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
        if !self.verbose && !matches!(outcome, StepOutcome::Failed { .. }) {
            return Ok(());
        }
        let (key, style) = match outcome {
            StepOutcome::Passed => ("step ok", dim()),
            StepOutcome::Failed { .. } => ("step FAIL", red()),
            StepOutcome::Interrupted => ("step INT", yellow()),
            StepOutcome::Skipped => ("step skip", dim()),
        };
        // In English the action and locator (what a scenario author reads); in French the
        // step said in words.
        let what = if self.locale == "fr" {
            step.heading_fr.clone()
        } else if step.detail.is_empty() {
            step.action.clone()
        } else {
            format!("{} {}", step.action, self.paint(&step.detail, dim()))
        };
        let line = format!(
            "{} {} {scenario_id} #{} {what}",
            self.status(word(&self.locale, key), style),
            secs(duration_ms),
            step.number,
        );
        self.write(line)
    }

    /// A failed attempt that will be retried, nextest's way: `TRY 1 FAIL`, then the failure.
    fn attempt_failed(
        &mut self,
        scenario_id: &str,
        attempt: u32,
        duration_ms: u64,
        failure: &Failure,
    ) -> Result<(), ReportError> {
        let l = self.locale.clone();
        let status = format!("{} {attempt} {}", word(&l, "TRY"), word(&l, "FAIL"));
        let line = format!(
            "{} {} {}",
            self.status(&status, red()),
            secs(duration_ms),
            self.paint(scenario_id, Style::new().bold()),
        );
        self.write(line)?;
        for line in self.failure_detail(failure).lines() {
            let line = format!("             {line}");
            self.write(line)?;
        }
        Ok(())
    }

    /// The scenario's verdict, and under a failure the step, the page and the evidence.
    fn scenario_finished(
        &mut self,
        scenario_id: &str,
        (status, attempts): (ScenarioStatus, u32),
        duration_ms: u64,
        failure: Option<&Failure>,
    ) -> Result<(), ReportError> {
        let (key, style) = match status {
            ScenarioStatus::Passed => ("PASS", green()),
            ScenarioStatus::Flaky => ("FLAKY", yellow()),
            ScenarioStatus::Failed => ("FAIL", red()),
            ScenarioStatus::Interrupted => ("INTERRUPTED", yellow()),
        };
        // After retries, how many attempts it took.
        let tries = match (attempts, self.locale == "fr") {
            (1, _) => String::new(),
            (n, true) => format!(" ({n} essais)"),
            (n, false) => format!(" ({n} tries)"),
        };
        let title = self.titles.get(scenario_id).cloned().unwrap_or_default();
        let line = format!(
            "{} {} {}{tries} {}",
            self.status(word(&self.locale, key), style),
            secs(duration_ms),
            self.paint(scenario_id, Style::new().bold()),
            self.paint(&title, dim())
        );
        self.write(line)?;
        if status == ScenarioStatus::Flaky {
            self.failed
                .push((key, scenario_id.to_string(), title.clone()));
        }
        if let Some(f) = failure {
            for line in self.failure_detail(f).lines() {
                let line = format!("             {line}");
                self.write(line)?;
            }
            self.failed.push((key, scenario_id.to_string(), title));
        }
        Ok(())
    }

    fn failure_detail(&self, f: &Failure) -> String {
        let l = self.locale.as_str();
        let mut detail = format!(
            "{} {} ({}){} {}",
            word(l, "step"),
            f.step,
            f.heading(l),
            if l == "fr" { " :" } else { ":" },
            f.message
        );
        if let Some(u) = &f.url {
            detail.push_str(&format!("\n    {} {u}", word(l, "at")));
        }
        if let Some(t) = &f.page_title {
            detail.push_str(&format!(" ({t:?})"));
        }
        // The evidence, its paths aligned.
        for (label, file) in [("screenshot", &f.screenshot), ("page HTML", &f.html)] {
            if let Some(file) = file {
                detail.push_str(&format!(
                    "\n    {:<10} {}",
                    word(l, label),
                    self.out_dir.join(file).display()
                ));
            }
        }
        detail
    }

    /// The totals, the scenarios that did not pass, and why the run was cut short.
    fn run_finished(
        &mut self,
        stats: &RunStats,
        interrupted: Option<CancelReason>,
    ) -> Result<(), ReportError> {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        self.write("------------".to_string())?;
        let l = self.locale.clone();
        let style = if stats.is_success() { green() } else { red() };
        let line = format!(
            "{} {} {}",
            self.status(word(&l, "Summary"), style),
            secs(stats.duration_ms),
            self.totals(stats)
        );
        self.write(line)?;
        for (key, id, title) in std::mem::take(&mut self.failed) {
            let style = if key == "FAIL" { red() } else { yellow() };
            // Flaky ones are listed too: they passed, but CI should hear of them.
            let line = format!(
                "{} {id} {}",
                self.status(word(&l, key), style),
                self.paint(&title, dim())
            );
            self.write(line)?;
        }
        if let Some(why) = interrupted {
            let why = reason(&l, why);
            let status = self.status(word(&l, "Interrupted"), yellow());
            let line = if l == "fr" {
                format!(
                    "{status} exécution interrompue ({why}) ; les rapports partiels sont dans {}",
                    self.out_dir.display()
                )
            } else {
                format!(
                    "{status} run cut short ({why}); partial reports are in {}",
                    self.out_dir.display()
                )
            };
            self.write(line)?;
        }
        let _ = self.out.flush();
        Ok(())
    }

    /// "3 scenarios run, 12 steps: 2 passed, 1 failed, 1 not run".
    fn totals(&self, stats: &RunStats) -> String {
        let fr = self.locale == "fr";
        let count = |n: usize, en: &str, fr_word: &str| {
            if fr {
                format!("{n} {fr_word}")
            } else {
                format!("{n} {en}")
            }
        };
        let mut parts = vec![count(stats.passed, "passed", "réussi(s)")];
        if stats.flaky > 0 {
            parts.push(self.paint(&count(stats.flaky, "flaky", "instable(s)"), yellow()));
        }
        if stats.failed > 0 {
            parts.push(self.paint(&count(stats.failed, "failed", "en échec"), red()));
        }
        if stats.skipped > 0 {
            parts.push(count(stats.skipped, "skipped", "ignoré(s)"));
        }
        if stats.interrupted > 0 {
            parts.push(count(stats.interrupted, "interrupted", "interrompu(s)"));
        }
        let run = stats.passed + stats.flaky + stats.failed + stats.interrupted;
        // Scenarios the run never came to (cut short before them).
        if stats.not_run > 0 {
            parts.push(count(stats.not_run, "not run", "non exécuté(s)"));
        }
        let steps = match (fr, stats.steps == 1) {
            (true, true) => "1 étape".to_string(),
            (true, false) => format!("{} étapes", stats.steps),
            (false, true) => "1 step".to_string(),
            (false, false) => format!("{} steps", stats.steps),
        };
        let totals = match (fr, run == 1) {
            (true, true) => format!("1 scénario exécuté, {steps} :"),
            (true, false) => format!("{run} scénarios exécutés, {steps} :"),
            (false, true) => format!("1 scenario run, {steps}:"),
            (false, false) => format!("{run} scenarios run, {steps}:"),
        };
        format!("{totals} {}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events::{
        failing_run, feed, flaky_run, interrupted_run, passing_run, redacted,
    };

    /// What a person sees on stderr (without colours or progress bar: written into a buffer).
    fn screen(events: &[RunEvent], verbose: bool, locale: &str) -> String {
        let mut buf = Vec::new();
        feed(
            &mut TerminalReporter::new(&mut buf, false, verbose, locale),
            events,
        );
        let text = String::from_utf8(buf).expect("UTF-8");
        assert!(!text.contains('\x1b'), "no colour asked, none given");
        text
    }

    #[test]
    fn passing_run_prints_a_line_per_scenario_and_totals() {
        redacted().bind(|| {
            insta::assert_snapshot!("terminal_passing", screen(&passing_run("en"), false, "en"))
        });
    }

    #[test]
    fn verbose_passing_run_prints_every_step() {
        redacted().bind(|| {
            insta::assert_snapshot!(
                "terminal_passing_verbose",
                screen(&passing_run("en"), true, "en")
            )
        });
    }

    #[test]
    fn failing_run_shows_the_step_the_page_and_the_evidence() {
        redacted().bind(|| {
            insta::assert_snapshot!("terminal_failing", screen(&failing_run("en"), false, "en"))
        });
    }

    #[test]
    fn failing_run_in_french_prints_no_english_word_of_ours() {
        redacted().bind(|| {
            insta::assert_snapshot!(
                "terminal_failing_fr",
                screen(&failing_run("fr"), false, "fr")
            )
        });
    }

    #[test]
    fn interrupted_run_says_what_was_skipped_cut_short_and_never_run() {
        redacted().bind(|| {
            insta::assert_snapshot!(
                "terminal_interrupted",
                screen(&interrupted_run("en"), true, "en")
            )
        });
    }

    #[test]
    fn interrupted_run_in_french() {
        redacted().bind(|| {
            insta::assert_snapshot!(
                "terminal_interrupted_fr",
                screen(&interrupted_run("fr"), false, "fr")
            )
        });
    }

    #[test]
    fn a_flaky_run_shows_each_failed_try_then_flaky_and_lists_it_at_the_end() {
        redacted().bind(|| {
            insta::assert_snapshot!("terminal_flaky", screen(&flaky_run("en"), false, "en"))
        });
    }

    #[test]
    fn a_flaky_run_in_french() {
        redacted().bind(|| {
            insta::assert_snapshot!("terminal_flaky_fr", screen(&flaky_run("fr"), false, "fr"))
        });
    }

    #[test]
    fn colours_are_only_added_when_asked() {
        let mut buf = Vec::new();
        feed(
            &mut TerminalReporter::new(&mut buf, true, false, "en"),
            &failing_run("en"),
        );
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains("\x1b["), "{text}");
    }
}
