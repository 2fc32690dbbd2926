//! Stability: the same scenarios run round after round, each step's outcomes tallied, and the
//! steps that pass in some rounds and fail in others named as flaky.
//!
//! [`StabilityRecorder`] is an ordinary reporter fed with each round's events; it writes into a
//! [`Stability`] shared with the command, which renders the verdict (terminal lines, Markdown,
//! JSON) once the rounds are over or cut short.

use super::{ReportError, Reporter};
use crate::events::{EventKind, RunEvent, ScenarioStatus, StepOutcome};
use crate::markdown::{code, escape};
use serde::Serialize;
use std::sync::{Arc, Mutex};

/// How many failure messages are kept per step (the first ones; later ones only count).
const MESSAGES_KEPT: usize = 3;

/// What a step did over the rounds that reached it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Passed every time it ran.
    Stable,
    /// Passed in some rounds and failed in others.
    Flaky,
    /// Failed every time it ran.
    Failing,
}

/// A failure message and the round it came in.
#[derive(Debug, Clone, Serialize)]
pub struct FailureSeen {
    /// 1-based round.
    pub round: usize,
    /// The step's error.
    pub message: String,
}

/// One step's tally.
#[derive(Debug, Clone, Serialize)]
pub struct StepTally {
    /// Its scenario.
    pub scenario: String,
    /// 1-based position in the scenario.
    pub number: usize,
    /// The step in words, in English.
    pub heading_en: String,
    /// The step in words, in French.
    pub heading_fr: String,
    /// `file:line:column` of the step.
    pub source: String,
    /// Stable, flaky or failing, so far (kept current as rounds come in).
    pub verdict: Verdict,
    /// Rounds in which it passed.
    pub passed: usize,
    /// Rounds in which it failed, by round number (1-based).
    pub failed_in: Vec<usize>,
    /// The first failure messages, with their round.
    pub messages: Vec<FailureSeen>,
    /// Slowest time it took, in milliseconds.
    pub max_ms: u64,
    /// Sum of its times, for the mean.
    total_ms: u64,
}

impl StepTally {
    /// Rounds in which the step ran to an outcome.
    pub fn ran(&self) -> usize {
        self.passed + self.failed_in.len()
    }

    /// Its verdict.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The verdict its counts give (stored in `verdict` each time they change).
    fn judge(&self) -> Verdict {
        match (self.passed, self.failed_in.len()) {
            (_, 0) => Verdict::Stable,
            (0, _) => Verdict::Failing,
            _ => Verdict::Flaky,
        }
    }

    /// Mean time it took, in milliseconds.
    pub fn mean_ms(&self) -> u64 {
        self.total_ms / self.ran().max(1) as u64
    }
}

/// What one round did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Round {
    /// 1-based.
    pub number: usize,
    /// Scenarios that passed.
    pub passed: usize,
    /// Scenarios that failed.
    pub failed: usize,
    /// Scenarios skipped, interrupted or never started.
    pub other: usize,
    /// How long the round took, in milliseconds.
    pub duration_ms: u64,
    /// Whether the round ran to its end.
    pub finished: bool,
}

/// Every round's tally.
#[derive(Debug, Default, Serialize)]
pub struct Stability {
    /// The rounds, in order.
    pub rounds: Vec<Round>,
    /// Per step, in the order the steps first ran.
    pub steps: Vec<StepTally>,
    /// Rounds asked for.
    pub rounds_planned: usize,
}

impl Stability {
    /// A tally expecting `rounds` rounds.
    pub fn new(rounds: usize) -> Self {
        Stability {
            rounds_planned: rounds,
            ..Default::default()
        }
    }

    /// Steps with `verdict`, in order.
    pub fn with_verdict(&self, verdict: Verdict) -> impl Iterator<Item = &StepTally> {
        self.steps.iter().filter(move |s| s.verdict() == verdict)
    }

    /// True when every round ran to its end and every step that ran passed each time.
    pub fn is_stable(&self) -> bool {
        self.rounds.len() == self.rounds_planned
            && self.rounds.iter().all(|r| r.finished)
            && self.steps.iter().all(|s| s.verdict() == Verdict::Stable)
    }

    fn step_mut(&mut self, scenario: &str, number: usize) -> Option<&mut StepTally> {
        self.steps
            .iter_mut()
            .find(|s| s.scenario == scenario && s.number == number)
    }

    fn record(&mut self, round: usize, event: &RunEvent) {
        match &event.kind {
            EventKind::RunStarted { .. } => self.rounds.push(Round {
                number: round,
                ..Default::default()
            }),
            EventKind::StepFinished {
                scenario_id,
                step,
                outcome,
                duration_ms,
                ..
            } => {
                let message = match outcome {
                    StepOutcome::Passed => None,
                    StepOutcome::Failed { message } => Some(message.clone()),
                    // Not attempted: says nothing of the step's stability.
                    StepOutcome::Interrupted | StepOutcome::Skipped => return,
                };
                if self.step_mut(scenario_id, step.number).is_none() {
                    self.steps.push(StepTally {
                        scenario: scenario_id.clone(),
                        number: step.number,
                        heading_en: step.heading_en.clone(),
                        heading_fr: step.heading_fr.clone(),
                        source: step.source.clone(),
                        verdict: Verdict::Stable,
                        passed: 0,
                        failed_in: Vec::new(),
                        messages: Vec::new(),
                        max_ms: 0,
                        total_ms: 0,
                    });
                }
                let tally = self
                    .step_mut(scenario_id, step.number)
                    .expect("pushed above");
                tally.max_ms = tally.max_ms.max(*duration_ms);
                tally.total_ms += duration_ms;
                match message {
                    None => tally.passed += 1,
                    Some(m) => {
                        tally.failed_in.push(round);
                        if tally.messages.len() < MESSAGES_KEPT {
                            tally.messages.push(FailureSeen { round, message: m });
                        }
                    }
                }
                tally.verdict = tally.judge();
            }
            EventKind::ScenarioFinished { status, .. } => {
                if let Some(r) = self.rounds.last_mut() {
                    match status {
                        ScenarioStatus::Passed => r.passed += 1,
                        // Stability runs without retries; a flaky pass still failed once.
                        ScenarioStatus::Flaky | ScenarioStatus::Failed => r.failed += 1,
                        ScenarioStatus::Interrupted => r.other += 1,
                    }
                }
            }
            EventKind::ScenarioSkipped { .. } | EventKind::ScenarioNotRun { .. } => {
                if let Some(r) = self.rounds.last_mut() {
                    r.other += 1;
                }
            }
            EventKind::RunFinished { stats, interrupted } => {
                if let Some(r) = self.rounds.last_mut() {
                    r.duration_ms = stats.duration_ms;
                    r.finished = interrupted.is_none();
                }
            }
            // Its failed step was tallied as it happened.
            EventKind::ScenarioStarted { .. }
            | EventKind::StepStarted { .. }
            | EventKind::AttemptFailed { .. } => {}
        }
    }

    /// The report in Markdown, in `lang` (English unless `fr`).
    pub fn markdown(&self, lang: &str) -> String {
        let fr = lang == "fr";
        let mut out = String::new();
        let done = self.rounds.iter().filter(|r| r.finished).count();
        out.push_str(if fr {
            "# Stabilité\n\n"
        } else {
            "# Stability\n\n"
        });
        let (flaky, failing) = (
            self.with_verdict(Verdict::Flaky).count(),
            self.with_verdict(Verdict::Failing).count(),
        );
        out.push_str(&if fr {
            format!(
                "{done} tours complets sur {} prévus ; {} étapes observées, dont instables : {flaky}, toujours en échec : {failing}.\n\n",
                self.rounds_planned,
                self.steps.len()
            )
        } else {
            format!(
                "{done} of {} rounds ran to their end; {} steps observed: {flaky} flaky, {failing} always failing.\n\n",
                self.rounds_planned,
                self.steps.len()
            )
        });
        for (verdict, title) in [
            (
                Verdict::Flaky,
                if fr {
                    "Étapes instables"
                } else {
                    "Flaky steps"
                },
            ),
            (
                Verdict::Failing,
                if fr {
                    "Étapes toujours en échec"
                } else {
                    "Steps that always failed"
                },
            ),
        ] {
            let steps: Vec<&StepTally> = self.with_verdict(verdict).collect();
            if steps.is_empty() {
                continue;
            }
            out.push_str(&format!("## {title}\n\n"));
            for s in steps {
                let heading = if fr { &s.heading_fr } else { &s.heading_en };
                let rounds: Vec<String> = s.failed_in.iter().map(usize::to_string).collect();
                let plural = if rounds.len() > 1 { "s" } else { "" };
                out.push_str(&format!(
                    "- {} {} {}{} {} — {} ({})\n",
                    code(&s.scenario),
                    if fr { "étape" } else { "step" },
                    s.number,
                    if fr { " :" } else { ":" },
                    escape(heading),
                    if fr {
                        format!(
                            "échec {} fois sur {}, au{plural} tour{plural} {}",
                            s.failed_in.len(),
                            s.ran(),
                            rounds.join(", ")
                        )
                    } else {
                        format!(
                            "failed {} of {} times, in round{plural} {}",
                            s.failed_in.len(),
                            s.ran(),
                            rounds.join(", ")
                        )
                    },
                    code(&s.source),
                ));
                for FailureSeen { round, message } in &s.messages {
                    out.push_str(&format!(
                        "  - {} {round}{} {}\n",
                        if fr { "tour" } else { "round" },
                        if fr { " :" } else { ":" },
                        escape(message.lines().next().unwrap_or_default())
                    ));
                }
            }
            out.push('\n');
        }
        out.push_str(if fr {
            "## Tours\n\n| Tour | Réussis | Échoués | Autres | Durée |\n|---:|---:|---:|---:|---:|\n"
        } else {
            "## Rounds\n\n| Round | Passed | Failed | Other | Time |\n|---:|---:|---:|---:|---:|\n"
        });
        for r in &self.rounds {
            out.push_str(&format!(
                "| {}{} | {} | {} | {} | {} s |\n",
                r.number,
                if r.finished { "" } else { " *" },
                r.passed,
                r.failed,
                r.other,
                seconds(r.duration_ms, fr)
            ));
        }
        if self.rounds.iter().any(|r| !r.finished) {
            out.push_str(if fr {
                "\n\\* tour interrompu.\n"
            } else {
                "\n\\* round cut short.\n"
            });
        }
        out
    }
}

/// "12.3", or "12,3" in French.
fn seconds(ms: u64, fr: bool) -> String {
    let s = format!("{:.1}", ms as f64 / 1000.0);
    if fr {
        s.replace('.', ",")
    } else {
        s
    }
}

/// Feeds one round's events into a shared [`Stability`].
pub struct StabilityRecorder {
    tally: Arc<Mutex<Stability>>,
    round: usize,
}

impl StabilityRecorder {
    /// Record round `round` (1-based) into `tally`.
    pub fn new(tally: Arc<Mutex<Stability>>, round: usize) -> Self {
        StabilityRecorder { tally, round }
    }
}

impl Reporter for StabilityRecorder {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        // A poisoned lock only means another recorder panicked; the tally is still readable.
        let mut tally = self.tally.lock().unwrap_or_else(|p| p.into_inner());
        tally.record(self.round, event);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events::{
        failing_run, feed, interrupted_run, passing_run, redacted,
    };

    fn rounds(runs: &[Vec<RunEvent>]) -> Stability {
        let shared = Arc::new(Mutex::new(Stability::new(runs.len())));
        for (i, events) in runs.iter().enumerate() {
            feed(&mut StabilityRecorder::new(shared.clone(), i + 1), events);
        }
        Arc::try_unwrap(shared).unwrap().into_inner().unwrap()
    }

    #[test]
    fn a_step_failing_in_one_round_of_three_is_flaky_and_the_others_stable() {
        let s = rounds(&[passing_run("en"), failing_run("en"), passing_run("en")]);
        let flaky: Vec<_> = s.with_verdict(Verdict::Flaky).collect();
        assert_eq!(flaky.len(), 1, "{:#?}", s.steps);
        assert_eq!(flaky[0].scenario, "create-process");
        assert_eq!(flaky[0].number, 3);
        assert_eq!(flaky[0].failed_in, vec![2]);
        assert_eq!((flaky[0].passed, flaky[0].ran()), (2, 3));
        assert_eq!(s.with_verdict(Verdict::Failing).count(), 0);
        assert!(!s.is_stable());
        // The steps after the failure did not run in round 2: they ran twice and passed.
        let after = s
            .steps
            .iter()
            .find(|t| t.scenario == "create-process" && t.number == 4)
            .unwrap();
        assert_eq!((after.ran(), after.verdict()), (2, Verdict::Stable));
    }

    #[test]
    fn a_step_failing_every_round_is_failing_not_flaky() {
        let s = rounds(&[failing_run("en"), failing_run("en")]);
        let failing: Vec<_> = s.with_verdict(Verdict::Failing).collect();
        assert_eq!(failing.len(), 1);
        assert_eq!(failing[0].failed_in, vec![1, 2]);
        assert_eq!(s.with_verdict(Verdict::Flaky).count(), 0);
    }

    #[test]
    fn only_rounds_that_all_pass_are_stable() {
        assert!(rounds(&[passing_run("en"), passing_run("en")]).is_stable());
        // Fewer rounds than planned (Ctrl-C between rounds) is not a stable verdict.
        let mut short = rounds(&[passing_run("en")]);
        short.rounds_planned = 2;
        assert!(!short.is_stable());
        // An interrupted round: its unattempted step counts for nothing, but the round is not whole.
        let cut = rounds(&[passing_run("en"), interrupted_run("en")]);
        assert!(!cut.rounds[1].finished);
        assert!(!cut.is_stable());
        assert_eq!(cut.with_verdict(Verdict::Flaky).count(), 0);
    }

    #[test]
    fn the_report_names_the_flaky_step_its_rounds_and_its_message() {
        let s = rounds(&[passing_run("en"), failing_run("en"), passing_run("en")]);
        redacted().bind(|| {
            insta::assert_snapshot!("stability_en", s.markdown("en"));
            insta::assert_snapshot!("stability_fr", s.markdown("fr"));
        });
    }
}
