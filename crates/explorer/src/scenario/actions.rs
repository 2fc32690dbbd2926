//! The table of step actions: which fields each one takes.
//!
//! One table drives three things, so they cannot drift apart: validation in [`super::load`],
//! "did you mean" suggestions, and the JSON Schema printed by `decidim-explorer schema`.

/// A field a step may carry, besides `action`, `narration` and `timeout` which every step has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    /// `target`: what to act on (a locator table).
    Target,
    /// `value`: text to type, or `{ env = "NAME" }`.
    Value,
    /// `url`: a path relative to the base URL, or a pattern for `expect_url`.
    Url,
    /// `text`: text expected on the page (en/fr variants allowed).
    Text,
    /// `option`: the visible text of a `<select>` option.
    Option,
    /// `name`: a name for an explicit screenshot.
    Name,
    /// `confirm`: accept Decidim's confirm dialog after the click.
    Confirm,
    /// `checked`: the wanted state of a checkbox.
    Checked,
    /// `scenario`: the id of a scenario whose steps are inserted here.
    Scenario,
}

impl StepField {
    /// Every field, in the order they are documented.
    pub const ALL: [StepField; 9] = [
        StepField::Target,
        StepField::Value,
        StepField::Url,
        StepField::Text,
        StepField::Option,
        StepField::Name,
        StepField::Confirm,
        StepField::Checked,
        StepField::Scenario,
    ];

    /// The TOML key.
    pub fn key(self) -> &'static str {
        match self {
            StepField::Target => "target",
            StepField::Value => "value",
            StepField::Url => "url",
            StepField::Text => "text",
            StepField::Option => "option",
            StepField::Name => "name",
            StepField::Confirm => "confirm",
            StepField::Checked => "checked",
            StepField::Scenario => "scenario",
        }
    }
}

/// One action and the fields it takes.
#[derive(Debug, Clone, Copy)]
pub struct ActionSpec {
    /// The value of `action = "…"`.
    pub name: &'static str,
    /// Fields that must be present.
    pub required: &'static [StepField],
    /// Fields that may be present.
    pub optional: &'static [StepField],
    /// One line for `schema` and the README.
    pub summary: &'static str,
}

impl ActionSpec {
    /// Whether `field` is allowed on this action.
    pub fn allows(&self, field: StepField) -> bool {
        self.required.contains(&field) || self.optional.contains(&field)
    }
}

use StepField as F;

/// Every action a step can take.
pub const ACTIONS: &[ActionSpec] = &[
    ActionSpec {
        name: "goto",
        required: &[F::Url],
        optional: &[],
        summary: "Open a URL (relative to the base URL, `{{uid}}` expanded).",
    },
    ActionSpec {
        name: "click",
        required: &[F::Target],
        optional: &[F::Confirm],
        summary: "Click an element once it is visible, enabled and still; `confirm = true` also accepts Decidim's confirm dialog.",
    },
    ActionSpec {
        name: "fill",
        required: &[F::Target, F::Value],
        optional: &[],
        summary: "Replace the text of an input, textarea or rich-text editor.",
    },
    ActionSpec {
        name: "select",
        required: &[F::Target, F::Option],
        optional: &[],
        summary: "Choose an option of a <select> by its visible text.",
    },
    ActionSpec {
        name: "check",
        required: &[F::Target],
        optional: &[F::Checked],
        summary: "Tick a checkbox (or untick it with `checked = false`).",
    },
    ActionSpec {
        name: "expect_text",
        required: &[F::Text],
        optional: &[F::Target],
        summary: "Wait until a text is visible on the page (or inside `target`).",
    },
    ActionSpec {
        name: "expect_url",
        required: &[F::Url],
        optional: &[],
        summary: "Wait until the current URL matches a pattern (`*` matches anything).",
    },
    ActionSpec {
        name: "expect_element",
        required: &[F::Target],
        optional: &[],
        summary: "Wait until an element is visible.",
    },
    ActionSpec {
        name: "screenshot",
        required: &[],
        optional: &[F::Name],
        summary: "Keep a named screenshot of the whole window.",
    },
    ActionSpec {
        name: "login",
        required: &[],
        optional: &[],
        summary: "Log in with the run's credentials, accepting cookies and the admin terms if asked, and land on /admin.",
    },
    ActionSpec {
        name: "accept_cookies",
        required: &[],
        optional: &[],
        summary: "Accept the data-consent (cookie) dialog if it is shown.",
    },
    ActionSpec {
        name: "accept_admin_terms",
        required: &[],
        optional: &[],
        summary: "Accept the admin terms of service if the gate is shown.",
    },
    ActionSpec {
        name: "include",
        required: &[F::Scenario],
        optional: &[],
        summary: "Insert the steps of another scenario (e.g. create a process before adding a component to it).",
    },
    ActionSpec {
        name: "confirm",
        required: &[],
        optional: &[],
        summary: "Press OK in Decidim's confirm dialog.",
    },
];

/// The spec for `name`, if it is an action.
pub fn find(name: &str) -> Option<&'static ActionSpec> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// The closest known name to `wrong`, if one is close enough to be a likely typo.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_action() {
        let names = ACTIONS.iter().map(|a| a.name);
        assert_eq!(nearest("clik", names.clone()), Some("click"));
        assert_eq!(nearest("expect_txt", names.clone()), Some("expect_text"));
        assert_eq!(nearest("zzzzzz", names), None);
    }

    #[test]
    fn every_action_has_a_unique_name() {
        for (i, a) in ACTIONS.iter().enumerate() {
            assert!(
                ACTIONS[i + 1..].iter().all(|b| b.name != a.name),
                "{}",
                a.name
            );
            assert!(a.required.iter().all(|f| !a.optional.contains(f)));
        }
    }
}
