//! [`Localized`]: a text given once, or per locale (`{ en = "…", fr = "…" }`).
//!
//! Scenarios target a demo that may answer in English or French, so every text that is
//! matched against the page, and every narration shown to a trainee, can carry variants.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The locales the project ships narration for.
pub const LOCALES: [&str; 2] = ["en", "fr"];

/// A text with optional per-locale variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Localized {
    /// The same text whatever the locale (a CSS class, a slug, a proper name…).
    Same(String),
    /// One text per locale code.
    PerLocale(BTreeMap<String, String>),
}

impl Localized {
    /// The text for `locale`, falling back to English, then to any variant.
    pub fn get(&self, locale: &str) -> &str {
        match self {
            Localized::Same(s) => s,
            Localized::PerLocale(map) => map
                .get(locale)
                .or_else(|| map.get("en"))
                .or_else(|| map.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    /// Every distinct variant, in a stable order: what the page may show.
    pub fn variants(&self) -> Vec<&str> {
        match self {
            Localized::Same(s) => vec![s.as_str()],
            Localized::PerLocale(map) => {
                let mut out: Vec<&str> = Vec::new();
                for v in map.values() {
                    if !out.contains(&v.as_str()) {
                        out.push(v);
                    }
                }
                out
            }
        }
    }

    /// Locales among [`LOCALES`] that have no variant of their own.
    pub fn missing_locales(&self) -> Vec<&'static str> {
        match self {
            Localized::Same(_) => Vec::new(),
            Localized::PerLocale(map) => LOCALES
                .iter()
                .copied()
                .filter(|l| map.get(*l).is_none_or(|v| v.trim().is_empty()))
                .collect(),
        }
    }

    /// Apply `f` to every variant (used to expand `{{uid}}` placeholders).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Localized {
        match self {
            Localized::Same(s) => Localized::Same(f(s)),
            Localized::PerLocale(map) => {
                Localized::PerLocale(map.iter().map(|(k, v)| (k.clone(), f(v))).collect())
            }
        }
    }

    /// A short human form: `"New process" / "Nouvelle concertation"`.
    pub fn describe(&self) -> String {
        self.variants()
            .iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

impl From<&str> for Localized {
    fn from(s: &str) -> Self {
        Localized::Same(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_locale_falls_back_to_english() {
        let l: Localized =
            toml::from_str::<BTreeMap<String, Localized>>("t = { en = \"Hi\", fr = \"Salut\" }")
                .unwrap()
                .remove("t")
                .unwrap();
        assert_eq!(l.get("fr"), "Salut");
        assert_eq!(l.get("de"), "Hi");
        assert_eq!(l.variants(), vec!["Hi", "Salut"]);
        assert!(l.missing_locales().is_empty());
    }

    #[test]
    fn missing_locales_are_reported() {
        let mut map = BTreeMap::new();
        map.insert("en".to_string(), "Hi".to_string());
        let l = Localized::PerLocale(map);
        assert_eq!(l.missing_locales(), vec!["fr"]);
        assert!(Localized::Same("x".into()).missing_locales().is_empty());
    }

    #[test]
    fn identical_variants_are_listed_once() {
        let l = Localized::PerLocale(
            [("en", "Budgets"), ("fr", "Budgets")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        assert_eq!(l.variants(), vec!["Budgets"]);
    }
}
