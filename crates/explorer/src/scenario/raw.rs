//! Scenario TOML as written, with the span of every value kept for error messages.
//!
//! Nothing here is checked beyond TOML types and unknown keys; [`super::load`] turns a
//! [`RawScenario`] into a [`super::Scenario`] and reports every problem with its position.

use super::localized::Localized;
use serde::Deserialize;
use toml::Spanned;

/// A scenario file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub id: Spanned<String>,
    pub title: Spanned<Localized>,
    #[serde(default)]
    pub description: Option<Spanned<Localized>>,
    #[serde(default)]
    pub features: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    pub writes: Spanned<bool>,
    #[serde(default)]
    pub runs_alone: Option<Spanned<bool>>,
    pub steps: Spanned<Vec<Spanned<RawStep>>>,
}

/// One `[[steps]]` table. Every field is optional here; which are needed depends on `action`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub action: Spanned<String>,
    #[serde(default)]
    pub narration: Option<Spanned<Localized>>,
    #[serde(default)]
    pub timeout: Option<Spanned<String>>,
    #[serde(default)]
    pub target: Option<Spanned<RawTarget>>,
    #[serde(default)]
    pub value: Option<Spanned<RawValue>>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub text: Option<Spanned<Localized>>,
    #[serde(default)]
    pub option: Option<Spanned<Localized>>,
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    #[serde(default)]
    pub confirm: Option<Spanned<bool>>,
    #[serde(default)]
    pub checked: Option<Spanned<bool>>,
    #[serde(default)]
    pub scenario: Option<Spanned<String>>,
}

/// `target = { css = "…" }` and its siblings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    #[serde(default)]
    pub css: Option<Spanned<String>>,
    #[serde(default)]
    pub text: Option<Spanned<Localized>>,
    #[serde(default)]
    pub label: Option<Spanned<Localized>>,
    #[serde(default)]
    pub title: Option<Spanned<Localized>>,
    #[serde(default)]
    pub placeholder: Option<Spanned<Localized>>,
    #[serde(default)]
    pub name: Option<Spanned<Localized>>,
    #[serde(default)]
    pub within: Option<Spanned<String>>,
}

/// `value = "text"`, `value = { en = "…", fr = "…" }` or `value = { env = "NAME" }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawValue {
    Text(String),
    Env { env: String },
    PerLocale(Localized),
}
