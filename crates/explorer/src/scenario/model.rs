//! The validated scenario model: what the runner executes.
//!
//! Raw TOML is read in [`super::raw`] and checked in [`super::load`]; everything here is
//! already known to be well formed, and keeps its source position for run-time errors.

use super::localized::Localized;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;

/// Where something was written: file, line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourcePos {
    /// The scenario file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl std::fmt::Display for SourcePos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// A scenario: a short lesson and a smoke test at once.
#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    /// Stable identifier, `[a-z0-9-]+`.
    pub id: String,
    /// Title per locale.
    pub title: Localized,
    /// Optional longer description per locale.
    pub description: Option<Localized>,
    /// Catalogue feature ids this scenario exercises.
    pub features: Vec<String>,
    /// Free tags (`smoke`, `processes`…), used to select scenarios.
    pub tags: Vec<String>,
    /// Whether running it changes data on the target.
    pub writes: bool,
    /// Whether no other scenario may run at the same time (`--jobs`): it changes what every
    /// session sees (the admin's own language, the organization's settings).
    pub runs_alone: bool,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The file it was read from.
    pub file: PathBuf,
}

/// One step of a scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// What to do.
    pub action: Action,
    /// What the step does and why, per locale.
    pub narration: Localized,
    /// Overrides the run's default step timeout.
    pub timeout: Option<Duration>,
    /// Where the step starts in its file.
    pub pos: SourcePos,
    /// The lesson this step comes from when the scenario includes it (`include = "create-process"`).
    pub included: Option<Included>,
}

/// The `include` a step comes from: the lesson the scenario includes, and why it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Included {
    /// Id of the included scenario (the outermost one, as the including lesson names it).
    pub scenario: String,
    /// Its title.
    pub title: Localized,
    /// The narration of the `include` step.
    pub narration: Localized,
}

/// How to find an element on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The way of finding it.
    pub by: TargetBy,
    /// Only look inside the first visible element matching this CSS selector.
    pub within: Option<String>,
    /// What a person calls the element, for a CSS target that has no words of its own
    /// ("the language menu"): used when the step is said in words.
    pub name: Option<Localized>,
}

/// The kinds of locator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "value")]
pub enum TargetBy {
    /// A CSS selector.
    Css(String),
    /// The visible text of a link, button or other clickable element.
    Text(Localized),
    /// The text of a form label (or aria-label) naming a field.
    Label(Localized),
    /// The `title` attribute, as on Decidim's icon-only action links.
    Title(Localized),
    /// The placeholder of a field that has no label (Decidim's admin search boxes).
    Placeholder(Localized),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.by {
            TargetBy::Css(css) => write!(f, "css {css:?}")?,
            TargetBy::Text(t) => write!(f, "text {}", t.describe())?,
            TargetBy::Label(t) => write!(f, "label {}", t.describe())?,
            TargetBy::Title(t) => write!(f, "title {}", t.describe())?,
            TargetBy::Placeholder(t) => write!(f, "placeholder {}", t.describe())?,
        }
        if let Some(w) = &self.within {
            write!(f, " within {w:?}")?;
        }
        Ok(())
    }
}

/// A value to type: literal text (one, or one per locale), or read from the environment at run time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// Literal text, the same in every language or one per locale (a French lesson gives a French
    /// process a French title); `{{uid}}` is replaced by a token unique to the scenario run.
    Text(Localized),
    /// The value of an environment variable (never printed: it may be a secret).
    Env(String),
}

impl Value {
    /// The text typed in a run whose language is `locale`; `None` for an environment value.
    pub fn literal(&self, locale: &str) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t.get(locale)),
            Value::Env(_) => None,
        }
    }
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    /// Open a URL relative to the base URL.
    Goto {
        /// The path (or absolute URL).
        url: String,
    },
    /// Click an element.
    Click {
        /// What to click.
        target: Target,
        /// Accept Decidim's confirm dialog afterwards.
        confirm: bool,
    },
    /// Replace the text of a field.
    Fill {
        /// The field.
        target: Target,
        /// What to type.
        value: Value,
    },
    /// Choose an option of a select.
    Select {
        /// The select.
        target: Target,
        /// The option's visible text.
        option: Localized,
    },
    /// Set a checkbox.
    Check {
        /// The checkbox.
        target: Target,
        /// Wanted state.
        checked: bool,
    },
    /// Wait for a visible text.
    ExpectText {
        /// The text.
        text: Localized,
        /// Where to look (whole page if absent).
        target: Option<Target>,
    },
    /// Wait for the URL to match.
    ExpectUrl {
        /// A pattern where `*` matches anything.
        url: String,
    },
    /// Wait for an element to be visible.
    ExpectElement {
        /// The element.
        target: Target,
    },
    /// Keep a named screenshot.
    Screenshot {
        /// Its name.
        name: Option<String>,
    },
    /// Log in with the run's credentials.
    Login,
    /// Accept the cookie dialog if shown.
    AcceptCookies,
    /// Accept the admin terms if the gate is shown.
    AcceptAdminTerms,
    /// Press OK in the confirm dialog.
    Confirm,
    /// Insert another scenario's steps; replaced by those steps when a library is loaded.
    Include {
        /// The scenario id.
        scenario: String,
    },
}

impl Action {
    /// The `action = "…"` name.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Goto { .. } => "goto",
            Action::Click { .. } => "click",
            Action::Fill { .. } => "fill",
            Action::Select { .. } => "select",
            Action::Check { .. } => "check",
            Action::ExpectText { .. } => "expect_text",
            Action::ExpectUrl { .. } => "expect_url",
            Action::ExpectElement { .. } => "expect_element",
            Action::Screenshot { .. } => "screenshot",
            Action::Login => "login",
            Action::AcceptCookies => "accept_cookies",
            Action::AcceptAdminTerms => "accept_admin_terms",
            Action::Confirm => "confirm",
            Action::Include { .. } => "include",
        }
    }

    /// The element the action is about, if any.
    pub fn target(&self) -> Option<&Target> {
        match self {
            Action::Click { target, .. }
            | Action::Fill { target, .. }
            | Action::Select { target, .. }
            | Action::Check { target, .. }
            | Action::ExpectElement { target } => Some(target),
            Action::ExpectText { target, .. } => target.as_ref(),
            _ => None,
        }
    }

    /// A one-line description for reports: the locator or the argument.
    pub fn describe(&self) -> String {
        match self {
            Action::Goto { url } | Action::ExpectUrl { url } => url.clone(),
            Action::Fill { target, value } => match value {
                Value::Text(t) => format!("{target} ← {}", t.describe()),
                Value::Env(name) => format!("{target} ← ${name}"),
            },
            Action::Select { target, option } => format!("{target} ← {}", option.describe()),
            Action::ExpectText { text, target } => match target {
                Some(t) => format!("{} in {t}", text.describe()),
                None => text.describe(),
            },
            Action::Screenshot { name } => name.clone().unwrap_or_default(),
            Action::Include { scenario } => scenario.clone(),
            other => other.target().map(|t| t.to_string()).unwrap_or_default(),
        }
    }
}

impl Target {
    /// The same target with `f` applied to every text in it.
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Target {
        Target {
            by: match &self.by {
                TargetBy::Css(c) => TargetBy::Css(f(c)),
                TargetBy::Text(t) => TargetBy::Text(t.map(f)),
                TargetBy::Label(t) => TargetBy::Label(t.map(f)),
                TargetBy::Title(t) => TargetBy::Title(t.map(f)),
                TargetBy::Placeholder(t) => TargetBy::Placeholder(t.map(f)),
            },
            within: self.within.as_deref().map(f),
            name: self.name.as_ref().map(|n| n.map(f)),
        }
    }
}

impl Action {
    /// The same action with `f` applied to every text in it (used to expand `{{uid}}`).
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Action {
        let t = |t: &Target| t.map_text(f);
        match self {
            Action::Goto { url } => Action::Goto { url: f(url) },
            Action::Click { target, confirm } => Action::Click {
                target: t(target),
                confirm: *confirm,
            },
            Action::Fill { target, value } => Action::Fill {
                target: t(target),
                value: match value {
                    Value::Text(v) => Value::Text(v.map(f)),
                    Value::Env(name) => Value::Env(name.clone()),
                },
            },
            Action::Select { target, option } => Action::Select {
                target: t(target),
                option: option.map(f),
            },
            Action::Check { target, checked } => Action::Check {
                target: t(target),
                checked: *checked,
            },
            Action::ExpectText { text, target } => Action::ExpectText {
                text: text.map(f),
                target: target.as_ref().map(t),
            },
            Action::ExpectUrl { url } => Action::ExpectUrl { url: f(url) },
            Action::ExpectElement { target } => Action::ExpectElement { target: t(target) },
            Action::Screenshot { name } => Action::Screenshot {
                name: name.as_deref().map(f),
            },
            other => other.clone(),
        }
    }
}
