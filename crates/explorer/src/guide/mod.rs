//! Guided mode: a trainee follows a lesson on the real admin, step by step.
//!
//! Before each step the gate says what it does (« Étape 4/12 — Remplir « Titre » avec … ») and why,
//! outlines its target in the page with a bubble that hides neither the target, its label and help
//! text nor the next field, keeps that view (`guide/<lesson>/NN-action.png` and `.json`, and the
//! live page `guide/live.html`), then waits: Enter acts, `s` skips (a step later steps need is
//! offered instead), `b` repeats the previous explanation, `q` quits cleanly. A step that fails is
//! explained in the trainee's language, with the choice to retry, go on or quit.

pub mod keys;
pub mod live;
pub mod menu;
pub mod progress;

pub use keys::{Key, Keys};

use crate::driver::{Bubble, Page, Purpose};
use crate::runner::{FailureDecision, GateDecision, GateVerdict, StepContext, StepGate};
use crate::scenario::words::{self, heading, is_needed_by_later_steps, quote};
use crate::scenario::{Action, Scenario};
use keys::{parse_after_failure, parse_key, parse_yes, AfterFailure};
use live::{LivePage, LiveStep};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// The guide's own words in both languages.
pub fn text(lang: &str, key: &str) -> &'static str {
    let fr = lang == "fr";
    match key {
        "keys" if fr => {
            "  [Entrée] faire · [s] passer · [b] réexpliquer l'étape précédente · [q] quitter"
        }
        "keys" => "  [Enter] do it · [s] skip · [b] explain the previous step again · [q] quit",
        "step" if fr => "Étape",
        "step" => "Step",
        "previous" if fr => "Étape précédente",
        "previous" => "Previous step",
        "none" if fr => "(c'est la première étape)",
        "none" => "(this is the first step)",
        "skipped" if fr => "  → étape passée",
        "skipped" => "  → step skipped",
        "done_for_you" if fr => "  → étape faite",
        "done_for_you" => "  → step done",
        "quit" if fr => "  → leçon arrêtée à votre demande",
        "quit" => "  → lesson stopped at your request",
        "needed_keys" if fr => "  [Entrée] ou [o] la faire · [n] la passer quand même",
        "needed_keys" => "  [Enter] or [y] do it · [n] skip it anyway",
        "failure_keys" if fr => {
            "  [Entrée] ou [r] réessayer (l'outil refait l'étape) · [c] continuer sans elle · [q] quitter"
        }
        "failure_keys" => {
            "  [Enter] or [r] retry (the tool does the step again) · [c] go on without it · [q] quit"
        }
        "view" if fr => "  🖼  Vue mise en évidence :",
        "view" => "  🖼  Highlighted view:",
        _ => "",
    }
}

/// "📖 Notice: <section> <link>" for the lesson's main feature, or that the notice is silent.
fn notice_line(step: &StepContext<'_>, lang: &str) -> Option<String> {
    let feature = step.scenario.features.first()?;
    let r = step.notice.get(feature)?;
    let fr = lang == "fr";
    Some(match r.status.as_str() {
        "covered" => format!(
            "  📖 {} {} — {}",
            if fr { "Notice :" } else { "Notice:" },
            r.section,
            r.link
        ),
        "partial" => format!(
            "  📖 {} {} — {}",
            if fr {
                "La notice n'en parle qu'en passant :"
            } else {
                "The notice only mentions it:"
            },
            r.section,
            r.link
        ),
        _ => format!(
            "  📖 {} ({feature})",
            if fr {
                "La notice ne dit rien de cette fonctionnalité"
            } else {
                "The notice says nothing about this feature"
            }
        ),
    })
}

/// Why a failed step failed, in the trainee's words: what the tool looked for and did not see.
pub fn explain_failure(action: &Action, timeout: Duration, lang: &str) -> String {
    let fr = lang == "fr";
    let secs = timeout.as_secs().max(1);
    match action {
        Action::ExpectText { text, .. } if fr => format!(
            "La page n'affiche pas {} (attendu {secs} s).",
            quote(lang, text.get(lang))
        ),
        Action::ExpectText { text, .. } => format!(
            "The page does not show {} (waited {secs} s).",
            quote(lang, text.get(lang))
        ),
        Action::ExpectUrl { url } if fr => {
            format!("La page ouverte n'est pas celle attendue ({url}).")
        }
        Action::ExpectUrl { url } => format!("The page open is not the one expected ({url})."),
        _ => match action.target() {
            Some(t) if fr => format!(
                "L'outil n'a pas pu agir sur {} : introuvable, caché ou inactif sur cette page (attendu {secs} s).",
                words::target_words(t, lang)
            ),
            Some(t) => format!(
                "The tool could not act on {}: not found, hidden or disabled on this page (waited {secs} s).",
                words::target_words(t, lang)
            ),
            None if fr => "L'étape n'a pas abouti.".into(),
            None => "The step did not work.".into(),
        },
    }
}

/// What became of each step, for the end of lesson summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    Acted,
    Skipped,
}

/// The gate of the guided mode.
#[derive(Debug)]
pub struct GuideGate {
    keys: Keys,
    lang: String,
    /// No display: say where each highlighted view goes.
    headless: bool,
    previous: Option<(usize, String)>,
    out: std::io::Stderr,
    quit: bool,
    live: Option<LivePage>,
    /// Each step decided on: its number, what became of it, its heading (values expanded).
    record: Vec<(usize, Done, String)>,
}

impl GuideGate {
    /// A gate reading `keys`, explaining in `lang`; `headless`: the trainee sees no browser window.
    pub fn new(keys: Keys, lang: &str, headless: bool) -> Self {
        GuideGate {
            keys,
            lang: lang.to_string(),
            headless,
            previous: None,
            out: std::io::stderr(),
            quit: false,
            live: None,
            record: Vec::new(),
        }
    }

    /// Whether the trainee chose to quit (a normal end, not a failure).
    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    /// The live page, once the first step has been shown.
    pub fn live_page(&self) -> Option<&std::path::Path> {
        self.live.as_ref().map(|l| l.path())
    }

    fn say(&mut self, line: &str) {
        let _ = writeln!(self.out, "{line}");
    }

    /// Outline the target, explain the step beside it and keep that view (PNG, and JSON saying
    /// what was drawn); `None` if there is nothing to show.
    async fn highlight(
        &mut self,
        page: &Page,
        step: &StepContext<'_>,
        bubble: &Bubble,
    ) -> Option<PathBuf> {
        let target = step.action.target()?;
        // A short look: if the target is not there yet, the action's own wait will tell why.
        let wait = step.timeout.min(Duration::from_secs(5));
        let purpose = Purpose::of(step.action);
        let drawn = match page.highlight(target, purpose, bubble, wait).await {
            Ok(d) => d,
            Err(e) => {
                tracing::debug!(error = %e, "nothing to highlight");
                return None;
            }
        };
        let png = page.screenshot().await.ok()?;
        let stem = format!("{:02}-{}", step.number, step.action.name());
        let dir = PathBuf::from("guide").join(&step.scenario.id);
        let full = step.out_dir.join(&dir);
        std::fs::create_dir_all(&full).ok()?;
        std::fs::write(full.join(format!("{stem}.png")), png).ok()?;
        let view = serde_json::json!({ "bubble": bubble, "drawn": drawn });
        let _ = std::fs::write(
            full.join(format!("{stem}.json")),
            serde_json::to_vec_pretty(&view).unwrap_or_default(),
        );
        Some(dir.join(format!("{stem}.png")))
    }

    /// Said once, when the first step of an included lesson comes.
    fn announce_included(&mut self, step: &StepContext<'_>) {
        let Some(inc) = &step.scenario.steps[step.number - 1].included else {
            return;
        };
        let first = step.number == 1
            || step.scenario.steps[step.number - 2]
                .included
                .as_ref()
                .map(|i| &i.scenario)
                != Some(&inc.scenario);
        if first {
            let line = if self.lang == "fr" {
                format!(
                    "\n↳ Leçon préalable {} : {}",
                    quote(&self.lang, inc.title.get(&self.lang)),
                    inc.narration.get(&self.lang)
                )
            } else {
                format!(
                    "\n↳ Prerequisite lesson {}: {}",
                    quote(&self.lang, inc.title.get(&self.lang)),
                    inc.narration.get(&self.lang)
                )
            };
            self.say(&line);
        }
    }

    /// The trainee asked to skip a step later steps need: say so, and offer to do it.
    async fn confirm_skip(&mut self, step: &StepContext<'_>) -> Option<bool> {
        let total = step.scenario.steps.len();
        let needed = step.number < total && is_needed_by_later_steps(step.action);
        if !needed {
            return Some(true);
        }
        let next = heading(&step.scenario.steps[step.number].action, &self.lang);
        let line = if self.lang == "fr" {
            format!(
                "  ⚠ La suite de la leçon a besoin de cette étape (ensuite : {next}) : sans elle, les étapes suivantes risquent d'échouer. Voulez-vous la faire ?"
            )
        } else {
            format!(
                "  ⚠ The rest of the lesson needs this step (next: {next}): without it the next steps are likely to fail. Do it?"
            )
        };
        self.say(&line);
        self.say(text(&self.lang, "needed_keys"));
        let hint = text(&self.lang, "needed_keys");
        let yes = self.keys.answer(parse_yes, Some(true), hint).await?;
        Some(!yes)
    }

    /// Print what the lesson did and taught, and where its handbook is.
    pub fn summary(&mut self, scenario: &Scenario, handbook: &std::path::Path) {
        let fr = self.lang == "fr";
        let lang = self.lang.clone();
        let acted = self
            .record
            .iter()
            .filter(|(_, d, _)| *d == Done::Acted)
            .count();
        let skipped = self
            .record
            .iter()
            .filter(|(_, d, _)| *d == Done::Skipped)
            .count();
        let total = scenario.steps.len();
        self.say("");
        self.say(&if fr {
            format!(
                "━━ Fin de la leçon {} ━━",
                quote(&lang, scenario.title.get(&lang))
            )
        } else {
            format!(
                "━━ End of the lesson {} ━━",
                quote(&lang, scenario.title.get(&lang))
            )
        });
        self.say(&if fr {
            format!("  {acted} étape(s) faite(s), {skipped} passée(s), sur {total}.")
        } else {
            format!("  {acted} step(s) done, {skipped} skipped, out of {total}.")
        });
        self.say(if fr {
            "  Ce que vous avez fait :"
        } else {
            "  What you did:"
        });
        let mut said_include: Vec<String> = Vec::new();
        for (n, done, said) in self.record.clone() {
            let step = &scenario.steps[n - 1];
            let line = match &step.included {
                Some(inc) if said_include.contains(&inc.scenario) => continue,
                Some(inc) => {
                    said_include.push(inc.scenario.clone());
                    if fr {
                        format!("leçon préalable {}", quote(&lang, inc.title.get(&lang)))
                    } else {
                        format!("prerequisite lesson {}", quote(&lang, inc.title.get(&lang)))
                    }
                }
                None => said,
            };
            let mark = if done == Done::Acted { "✓" } else { "↷" };
            self.say(&format!("    {mark} {line}"));
        }
        if let Some(d) = &scenario.description {
            self.say(if fr {
                "  Ce qu'il faut en retenir :"
            } else {
                "  What to remember:"
            });
            self.say(&format!("    {}", d.get(&lang)));
        }
        self.say(&format!(
            "  {} {}",
            if fr {
                "📘 Manuel de la leçon :"
            } else {
                "📘 The lesson's handbook:"
            },
            handbook.display()
        ));
        if let Some(live) = self.live.as_mut() {
            live.finish();
        }
    }
}

impl StepGate<Page> for GuideGate {
    async fn before_step(&mut self, page: &Page, step: StepContext<'_>) -> GateVerdict {
        let lang = self.lang.clone();
        let narration = step.scenario.steps[step.number - 1]
            .narration
            .get(&lang)
            .to_string();
        let total = step.scenario.steps.len();
        let counter = format!("{} {}/{}", text(&lang, "step"), step.number, total);
        let what = heading(step.action, &lang);
        self.announce_included(&step);
        self.say(&format!("\n{counter} — {what}"));
        self.say(&format!("  {narration}"));
        if let Some(line) = notice_line(&step, &lang) {
            self.say(&line);
        }
        let bubble = Bubble {
            counter: counter.clone(),
            lesson: step.scenario.title.get(&lang).to_string(),
            heading: what.clone(),
            narration: narration.clone(),
        };
        let highlight = self.highlight(page, &step, &bubble).await;
        if let (true, Some(rel)) = (self.headless, &highlight) {
            let line = format!(
                "{} {}",
                text(&lang, "view"),
                step.out_dir.join(rel).display()
            );
            self.say(&line);
        }
        let live = self.live.get_or_insert_with(|| {
            LivePage::new(step.out_dir, &lang, step.scenario.title.get(&lang))
        });
        live.show(
            LiveStep {
                counter,
                heading: what.clone(),
                narration: narration.clone(),
                image: None,
            },
            highlight.as_deref(),
        );
        if self.keys.interactive() {
            self.say(text(&lang, "keys"));
        }
        let decision = loop {
            let key = self
                .keys
                .answer(parse_key, Some(Key::Act), text(&lang, "keys"))
                .await
                .unwrap_or(Key::Quit);
            match key {
                Key::Act => break GateDecision::Act,
                Key::Skip => match self.confirm_skip(&step).await {
                    Some(true) => {
                        self.say(text(&lang, "skipped"));
                        break GateDecision::Skip;
                    }
                    Some(false) => break GateDecision::Act,
                    None => {
                        self.say(text(&lang, "quit"));
                        self.quit = true;
                        break GateDecision::Quit;
                    }
                },
                Key::Quit => {
                    self.say(text(&lang, "quit"));
                    self.quit = true;
                    break GateDecision::Quit;
                }
                Key::Back => {
                    let line = match &self.previous {
                        Some((n, t)) if lang == "fr" => {
                            format!("  {} {n} : {t}", text(&lang, "previous"))
                        }
                        Some((n, t)) => format!("  {} {n}: {t}", text(&lang, "previous")),
                        None => format!("  {}", text(&lang, "none")),
                    };
                    self.say(&line);
                }
            }
        };
        page.unhighlight().await;
        match decision {
            GateDecision::Act => self.record.push((step.number, Done::Acted, what)),
            GateDecision::Skip => self.record.push((step.number, Done::Skipped, what)),
            GateDecision::Quit => {}
        }
        self.previous = Some((step.number, narration));
        GateVerdict {
            decision,
            highlight,
        }
    }

    async fn after_failure(
        &mut self,
        _page: &Page,
        step: StepContext<'_>,
        message: &str,
    ) -> FailureDecision {
        let lang = self.lang.clone();
        let fr = lang == "fr";
        // The step was counted as acted; what becomes of it is decided here.
        let what = heading(step.action, &lang);
        self.record.retain(|(n, _, _)| *n != step.number);
        self.say(&format!(
            "  ✗ {} {}",
            if fr {
                "Cette étape n'a pas abouti."
            } else {
                "This step did not work."
            },
            explain_failure(step.action, step.timeout, &lang)
        ));
        self.say(&format!(
            "    {} {message}",
            if fr {
                "Détail technique :"
            } else {
                "Technical detail:"
            }
        ));
        if fr {
            self.say(
                "    Vous pouvez corriger la page dans la fenêtre du navigateur, puis réessayer.",
            );
        } else {
            self.say("    You may put the page right in the browser window, then retry.");
        }
        self.say(text(&lang, "failure_keys"));
        let answer = self
            .keys
            .answer(parse_after_failure, None, text(&lang, "failure_keys"))
            .await;
        match answer {
            Some(AfterFailure::Retry) => {
                self.record.push((step.number, Done::Acted, what));
                FailureDecision::Retry
            }
            Some(AfterFailure::Continue) => {
                self.record.push((step.number, Done::Skipped, what));
                self.say(text(&lang, "skipped"));
                FailureDecision::Continue
            }
            Some(AfterFailure::Quit) => {
                self.say(text(&lang, "quit"));
                self.quit = true;
                FailureDecision::Stop
            }
            None => FailureDecision::Stop,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Localized, Target, TargetBy};

    #[test]
    fn a_failure_is_explained_in_the_trainees_words() {
        let click = Action::Click {
            target: Target {
                by: TargetBy::Text(Localized::Same("Nouvelle concertation".into())),
                within: None,
                name: None,
            },
            confirm: false,
        };
        let fr = explain_failure(&click, Duration::from_secs(10), "fr");
        assert!(
            fr.starts_with("L'outil n'a pas pu agir sur «\u{a0}Nouvelle concertation\u{a0}»"),
            "{fr}"
        );
        assert!(fr.contains("10 s"), "{fr}");
        let url = Action::ExpectUrl {
            url: "/admin".into(),
        };
        assert!(explain_failure(&url, Duration::from_secs(5), "en").contains("/admin"));
    }
}
