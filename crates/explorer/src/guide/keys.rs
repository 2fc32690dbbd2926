//! What the trainee types: one line per answer, from a terminal or a script, or a fixed pace.

use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader, Lines, Stdin};

/// An answer to « what now? » before a step.
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

/// Parse the answer before a step.
pub fn parse_key(line: &str) -> Option<Key> {
    match line.trim().to_lowercase().as_str() {
        "" => Some(Key::Act),
        "s" | "skip" | "p" | "passer" => Some(Key::Skip),
        "b" | "back" | "retour" => Some(Key::Back),
        "q" | "quit" | "quitter" => Some(Key::Quit),
        _ => None,
    }
}

/// An answer to a yes/no question whose default (Enter) is yes.
pub fn parse_yes(line: &str) -> Option<bool> {
    match line.trim().to_lowercase().as_str() {
        "" | "o" | "oui" | "y" | "yes" => Some(true),
        "n" | "non" | "no" => Some(false),
        _ => None,
    }
}

/// What to do about a step that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// `r` (or Enter): let the tool try the step again.
    Retry,
    /// `c`: go on without it (the trainee did it by hand, or does not need it).
    Continue,
    /// `q`: stop the lesson.
    Quit,
}

/// Parse the answer after a failed step.
pub fn parse_after_failure(line: &str) -> Option<AfterFailure> {
    match line.trim().to_lowercase().as_str() {
        "" | "r" | "retry" | "réessayer" | "reessayer" => Some(AfterFailure::Retry),
        "c" | "continue" | "continuer" => Some(AfterFailure::Continue),
        "q" | "quit" | "quitter" => Some(AfterFailure::Quit),
        _ => None,
    }
}

/// Where answers come from: lines on stdin, or a fixed pace.
pub enum Keys {
    /// Read lines (a terminal, or a script piping its answers).
    Lines(Lines<BufReader<Stdin>>),
    /// Act after this long on every step; never retry a failure.
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
    /// Answers from standard input.
    pub fn stdin() -> Keys {
        Keys::Lines(BufReader::new(tokio::io::stdin()).lines())
    }

    /// Whether a person (or a script) answers, rather than a pace.
    pub fn interactive(&self) -> bool {
        matches!(self, Keys::Lines(_))
    }

    /// The next line of input, `None` at end of input (or in pace mode).
    pub async fn line(&mut self) -> Option<String> {
        match self {
            Keys::Lines(lines) => lines.next_line().await.ok().flatten(),
            Keys::Pace(_) => None,
        }
    }

    /// Wait for the pace, or read lines until `parse` accepts one (`hint` is printed after a line
    /// it does not understand). `None` at end of input, or at once in pace mode with no `paced`.
    pub async fn answer<T>(
        &mut self,
        parse: impl Fn(&str) -> Option<T>,
        paced: Option<T>,
        hint: &str,
    ) -> Option<T> {
        match self {
            Keys::Pace(d) => {
                if paced.is_some() {
                    tokio::time::sleep(*d).await;
                }
                paced
            }
            Keys::Lines(lines) => loop {
                match lines.next_line().await {
                    Ok(Some(line)) => match parse(&line) {
                        Some(k) => return Some(k),
                        None => eprintln!("{hint}"),
                    },
                    _ => return None,
                }
            },
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

    #[test]
    fn yes_is_the_default_and_french_words_count() {
        assert_eq!(parse_yes(""), Some(true));
        assert_eq!(parse_yes("Oui"), Some(true));
        assert_eq!(parse_yes("n"), Some(false));
        assert_eq!(parse_yes("peut-être"), None);
    }

    #[test]
    fn after_a_failure_enter_retries() {
        assert_eq!(parse_after_failure(""), Some(AfterFailure::Retry));
        assert_eq!(parse_after_failure("C"), Some(AfterFailure::Continue));
        assert_eq!(parse_after_failure("q"), Some(AfterFailure::Quit));
        assert_eq!(parse_after_failure("s"), None);
    }
}
