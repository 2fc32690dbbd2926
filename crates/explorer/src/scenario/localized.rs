//! [`Localized`]: a text given once, or per locale (`{ en = "…", fr = "…" }`), each locale with one
//! wording or several (`{ en = ["Delete", "Destroy"], fr = "Supprimer" }`).
//!
//! Scenarios target a demo that may answer in English or French, and whose wording differs from
//! core Decidim's (OSP's locale overrides, term_customizer), so every text matched against the page
//! can carry variants. Narrations and titles are read by people: one text per locale.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The locales the project ships narration for.
pub const LOCALES: [&str; 2] = ["en", "fr"];

/// A text with optional per-locale variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Localized {
    /// The same text whatever the locale (a CSS class, a slug, a proper name…).
    Same(String),
    /// Per locale code, one wording or several (the first is the one shown to people).
    PerLocale(BTreeMap<String, Vec<String>>),
}

impl Localized {
    /// The text for `locale` (its first wording), falling back to English, then to any variant.
    pub fn get(&self, locale: &str) -> &str {
        match self {
            Localized::Same(s) => s,
            Localized::PerLocale(map) => map
                .get(locale)
                .or_else(|| map.get("en"))
                .or_else(|| map.values().next())
                .and_then(|v| v.first())
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
                for v in map.values().flatten() {
                    if !out.contains(&v.as_str()) {
                        out.push(v);
                    }
                }
                out
            }
        }
    }

    /// Whether some locale gives several wordings (allowed only where a text is matched).
    pub fn has_alternatives(&self) -> bool {
        matches!(self, Localized::PerLocale(map) if map.values().any(|v| v.len() > 1))
    }

    /// Locales among [`LOCALES`] that have no variant of their own.
    pub fn missing_locales(&self) -> Vec<&'static str> {
        match self {
            Localized::Same(_) => Vec::new(),
            Localized::PerLocale(map) => LOCALES
                .iter()
                .copied()
                .filter(|l| {
                    map.get(*l)
                        .is_none_or(|v| v.iter().all(|s| s.trim().is_empty()))
                })
                .collect(),
        }
    }

    /// Apply `f` to every variant (used to expand `{{uid}}` placeholders).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Localized {
        match self {
            Localized::Same(s) => Localized::Same(f(s)),
            Localized::PerLocale(map) => Localized::PerLocale(
                map.iter()
                    .map(|(k, v)| (k.clone(), v.iter().map(|s| f(s)).collect()))
                    .collect(),
            ),
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

/// One wording or a list of them, as written in TOML.
struct Wordings(Vec<String>);

impl<'de> Deserialize<'de> for Wordings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Wordings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or a list of texts")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Wordings, E> {
                Ok(Wordings(vec![s.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Wordings, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                if out.is_empty() {
                    return Err(de::Error::custom("a list of wordings cannot be empty"));
                }
                Ok(Wordings(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or a table of texts per locale")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Localized, E> {
                Ok(Localized::Same(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, Wordings>()? {
                    out.insert(k, v.0);
                }
                Ok(Localized::PerLocale(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Localized {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Localized::Same(text) => s.serialize_str(text),
            Localized::PerLocale(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    match v.as_slice() {
                        [one] => m.serialize_entry(k, one)?,
                        many => m.serialize_entry(k, many)?,
                    }
                }
                m.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Localized {
        toml::from_str::<BTreeMap<String, Localized>>(src)
            .unwrap()
            .remove("t")
            .unwrap()
    }

    #[test]
    fn per_locale_falls_back_to_english() {
        let l = parse("t = { en = \"Hi\", fr = \"Salut\" }");
        assert_eq!(l.get("fr"), "Salut");
        assert_eq!(l.get("de"), "Hi");
        assert_eq!(l.variants(), vec!["Hi", "Salut"]);
        assert!(l.missing_locales().is_empty());
        assert!(!l.has_alternatives());
    }

    #[test]
    fn a_locale_may_list_several_wordings() {
        let l = parse("t = { en = [\"Delete\", \"Destroy\"], fr = \"Supprimer\" }");
        assert_eq!(l.get("en"), "Delete");
        assert_eq!(l.variants(), vec!["Delete", "Destroy", "Supprimer"]);
        assert!(l.has_alternatives());
        assert_eq!(
            serde_json::to_string(&l).unwrap(),
            r#"{"en":["Delete","Destroy"],"fr":"Supprimer"}"#
        );
    }

    #[test]
    fn an_empty_list_or_a_number_is_refused() {
        assert!(toml::from_str::<BTreeMap<String, Localized>>("t = { en = [] }").is_err());
        assert!(toml::from_str::<BTreeMap<String, Localized>>("t = 3").is_err());
    }

    #[test]
    fn missing_locales_are_reported() {
        let mut map = BTreeMap::new();
        map.insert("en".to_string(), vec!["Hi".to_string()]);
        let l = Localized::PerLocale(map);
        assert_eq!(l.missing_locales(), vec!["fr"]);
        assert!(Localized::Same("x".into()).missing_locales().is_empty());
    }

    #[test]
    fn identical_variants_are_listed_once() {
        let l = parse("t = { en = \"Budgets\", fr = \"Budgets\" }");
        assert_eq!(l.variants(), vec!["Budgets"]);
    }
}
