//! Guided mode: before each step, outline its target in the page with the narration in a
//! bubble, keep that view as a screenshot, print the narration, and wait for the trainee:
//! Enter acts, `s` skips, `b` repeats the previous explanation, `q` quits cleanly.
//! With a pace, it waits that long instead (unattended demos).

use crate::driver::{Page, Purpose};
use crate::runner::{GateDecision, GateVerdict, StepContext, StepGate};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader, Lines, Stdin};

/// What the trainee typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Enter: do the step.
    Act,
    /// `s`: skip it.
    Skip,
    /// `b`: explain the previous step again.
    Back,
    /// `q` (or end of input): stop the lesson.
    Quit,
}

/// Parse one line of input.
pub fn parse_key(line: &str) -> Option<Key> {
    match line.trim().to_lowercase().as_str() {
        "" => Some(Key::Act),
        "s" | "skip" | "p" | "passer" => Some(Key::Skip),
        "b" | "back" | "r" | "retour" => Some(Key::Back),
        "q" | "quit" | "quitter" => Some(Key::Quit),
        _ => None,
    }
}

/// Where keys come from: lines on stdin, or a fixed pace.
pub enum Keys {
    /// Read lines (a terminal, or a script piping its answers).
    Lines(Lines<BufReader<Stdin>>),
    /// Act after this long on every step.
    Pace(Duration),
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Keys::Lines(_) => f.write_str("Keys::Lines"),
            Keys::Pace(d) => write!(f, "Keys::Pace({d:?})"),
        }
    }
}

impl Keys {
    /// Keys from standard input.
    pub fn stdin() -> Keys {
        Keys::Lines(BufReader::new(tokio::io::stdin()).lines())
    }

    /// The next line of input, `None` at end of input (or in pace mode).
    pub async fn line(&mut self) -> Option<String> {
        match self {
            Keys::Lines(lines) => lines.next_line().await.ok().flatten(),
            Keys::Pace(_) => None,
        }
    }

    async fn key(&mut self, lang: &str) -> Key {
        match self {
            Keys::Pace(d) => {
                tokio::time::sleep(*d).await;
                Key::Act
            }
            Keys::Lines(lines) => loop {
                match lines.next_line().await {
                    Ok(Some(line)) => match parse_key(&line) {
                        Some(k) => return k,
                        None => eprintln!("{}", text(lang, "keys")),
                    },
                    _ => return Key::Quit,
                }
            },
        }
    }
}

/// The guide's words in both languages.
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
        "quit" if fr => "  → leçon arrêtée à votre demande",
        "quit" => "  → lesson stopped at your request",
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

/// The gate of the guided mode.
#[derive(Debug)]
pub struct GuideGate {
    keys: Keys,
    lang: String,
    previous: Option<(usize, String)>,
    out: std::io::Stderr,
    quit: bool,
}

impl GuideGate {
    /// A gate reading `keys`, explaining in `lang`.
    pub fn new(keys: Keys, lang: &str) -> Self {
        GuideGate {
            keys,
            lang: lang.to_string(),
            previous: None,
            out: std::io::stderr(),
            quit: false,
        }
    }

    /// Whether the trainee chose to quit (a normal end, not a failure).
    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    fn say(&mut self, line: &str) {
        let _ = writeln!(self.out, "{line}");
    }

    /// Outline the target and keep the highlighted view; `None` if there is nothing to show.
    async fn highlight(
        &mut self,
        page: &Page,
        step: &StepContext<'_>,
        narration: &str,
    ) -> Option<PathBuf> {
        let target = step.action.target()?;
        // A short look: if the target is not there yet, the action's own wait will tell why.
        let wait = step.timeout.min(Duration::from_secs(5));
        let purpose = Purpose::of(step.action);
        if let Err(e) = page.highlight(target, purpose, narration, wait).await {
            tracing::debug!(error = %e, "nothing to highlight");
            return None;
        }
        let png = page.screenshot().await.ok()?;
        let rel = PathBuf::from("guide").join(&step.scenario.id).join(format!(
            "{:02}-{}.png",
            step.number,
            step.action.name()
        ));
        let full = step.out_dir.join(&rel);
        std::fs::create_dir_all(full.parent()?).ok()?;
        std::fs::write(&full, png).ok()?;
        Some(rel)
    }
}

impl StepGate for GuideGate {
    async fn before_step(&mut self, page: &Page, step: StepContext<'_>) -> GateVerdict {
        let narration = step.scenario.steps[step.number - 1]
            .narration
            .get(&self.lang)
            .to_string();
        let total = step.scenario.steps.len();
        let header = format!(
            "\n{} {}/{} — {}",
            text(&self.lang, "step"),
            step.number,
            total,
            step.action.name()
        );
        self.say(&header);
        self.say(&format!("  {narration}"));
        if let Some(line) = notice_line(&step, &self.lang) {
            self.say(&line);
        }
        let highlight = self.highlight(page, &step, &narration).await;
        if matches!(self.keys, Keys::Lines(_)) {
            self.say(text(&self.lang, "keys"));
        }
        let decision = loop {
            match self.keys.key(&self.lang).await {
                Key::Act => break GateDecision::Act,
                Key::Skip => {
                    self.say(text(&self.lang, "skipped"));
                    break GateDecision::Skip;
                }
                Key::Quit => {
                    self.say(text(&self.lang, "quit"));
                    self.quit = true;
                    break GateDecision::Quit;
                }
                Key::Back => {
                    let line = match &self.previous {
                        Some((n, text_)) => {
                            format!("  {} {n}: {text_}", text(&self.lang, "previous"))
                        }
                        None => format!("  {}", text(&self.lang, "none")),
                    };
                    self.say(&line);
                }
            }
        };
        page.unhighlight().await;
        self.previous = Some((step.number, narration));
        GateVerdict {
            decision,
            highlight,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_both_languages() {
        assert_eq!(parse_key(""), Some(Key::Act));
        assert_eq!(parse_key(" S "), Some(Key::Skip));
        assert_eq!(parse_key("b"), Some(Key::Back));
        assert_eq!(parse_key("quitter"), Some(Key::Quit));
        assert_eq!(parse_key("x"), None);
    }
}
