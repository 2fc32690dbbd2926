//! Reading scenario files: TOML → [`RawScenario`] → validated [`Scenario`].
//!
//! Every problem becomes a [`ScenarioError`] naming file, line and column; validation goes on
//! after the first problem so that one `check` shows all of them.

use super::actions::{self, StepField};
use super::error::{ReadError, ScenarioError, SourceFile};
use super::localized::Localized;
use super::model::{Action, Included, Scenario, Step, Target, TargetBy, Value};
use super::raw::{RawScenario, RawStep, RawTarget, RawValue};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;
use toml::Spanned;

/// What loading a set of paths gave: the good scenarios and every error.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Scenarios that passed validation, in path order.
    pub scenarios: Vec<Scenario>,
    /// Problems in files.
    pub errors: Vec<ScenarioError>,
    /// Files that could not be read.
    pub unreadable: Vec<ReadError>,
    /// How many files were read.
    pub files: usize,
}

impl Loaded {
    /// True when nothing went wrong.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.unreadable.is_empty()
    }
}

/// The scenario files under `paths`: files as given, folders searched for `*.toml`
/// (files whose name starts with `_` are data, not scenarios). A folder reached twice (a
/// symlink loop, two paths naming the same tree) is read once, and so is a file.
pub fn scenario_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut seen = Seen::default();
    for p in paths {
        if p.is_dir() {
            collect_toml(p, &mut seen, &mut out)?;
        } else if seen.first_time_file(p) {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The folders and files already listed, by their real path.
#[derive(Default)]
struct Seen {
    dirs: std::collections::HashSet<PathBuf>,
    files: std::collections::HashSet<PathBuf>,
}

impl Seen {
    fn first_time_dir(&mut self, dir: &Path) -> bool {
        // A folder whose real path cannot be had is listed (and its error reported then).
        std::fs::canonicalize(dir).map_or(true, |real| self.dirs.insert(real))
    }

    fn first_time_file(&mut self, file: &Path) -> bool {
        std::fs::canonicalize(file).map_or(true, |real| self.files.insert(real))
    }
}

fn collect_toml(dir: &Path, seen: &mut Seen, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !seen.first_time_dir(dir) {
        return Ok(());
    }
    // In name order, so that which of two names of one file is kept does not depend on the disk.
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            collect_toml(&path, seen, out)?;
        } else if name.ends_with(".toml") && !name.starts_with('_') && seen.first_time_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Load and validate every scenario under `paths`; ids must be unique across them, and
/// `include` steps are replaced by the steps of the scenario they name.
pub fn load_paths(paths: &[PathBuf]) -> std::io::Result<Loaded> {
    load_with_library(paths, None)
}

/// Like [`load_paths`], but `include` steps may also name scenarios of `library` (a folder)
/// that `paths` does not select: `run some-file.toml` can include `create-process`.
pub fn load_with_library(paths: &[PathBuf], library: Option<&Path>) -> std::io::Result<Loaded> {
    let mut loaded = load_files(paths)?;
    let mut known: BTreeMap<String, Scenario> = loaded
        .scenarios
        .iter()
        .map(|s| (s.id.clone(), s.clone()))
        .collect();
    let needs_library = loaded.scenarios.iter().flat_map(|s| &s.steps).any(
        |st| matches!(&st.action, Action::Include { scenario } if !known.contains_key(scenario)),
    );
    if let (true, Some(lib)) = (needs_library, library) {
        if lib.is_dir() {
            for s in load_files(&[lib.to_path_buf()])?.scenarios {
                known.entry(s.id.clone()).or_insert(s);
            }
        }
    }
    let mut expanded = Vec::new();
    for s in std::mem::take(&mut loaded.scenarios) {
        let mut expansion = Expansion {
            stack: vec![s.id.clone()],
            steps: 0,
        };
        match expand_includes(&s, &known, &mut expansion) {
            Ok(steps) => expanded.push(Scenario { steps, ..s }),
            Err(e) => loaded.errors.push(*e),
        }
    }
    loaded.scenarios = expanded;
    Ok(loaded)
}

/// How deep includes may nest.
pub const MAX_INCLUDE_DEPTH: usize = 8;
/// How many steps a scenario may have once its includes are expanded: a lesson is tens of
/// steps, and a few files including each other twice would otherwise make millions.
pub const MAX_EXPANDED_STEPS: usize = 2_000;

/// Where an expansion is: the scenarios being included (to detect cycles and depth) and how
/// many steps it has made.
struct Expansion {
    stack: Vec<String>,
    steps: usize,
}

/// Why an expansion stopped.
enum Stop {
    /// A problem at a step of some file (a cycle, an unknown scenario).
    Error(Box<ScenarioError>),
    /// A limit crossed at step `at`, said at the top scenario's own step that led there.
    Limit {
        message: String,
        help: &'static str,
        at: Box<Step>,
    },
}

/// `scenario`'s steps with every `include` replaced, recursively, within the limits above.
fn expand_includes(
    scenario: &Scenario,
    known: &BTreeMap<String, Scenario>,
    expansion: &mut Expansion,
) -> Result<Vec<Step>, Box<ScenarioError>> {
    expand(scenario, known, expansion).map_err(|stop| match stop {
        Stop::Error(e) => e,
        // The top scenario's own steps are too many (an include would have said it).
        Stop::Limit { message, help, at } => limit_error(&at, message, help),
    })
}

fn expand(
    scenario: &Scenario,
    known: &BTreeMap<String, Scenario>,
    expansion: &mut Expansion,
) -> Result<Vec<Step>, Stop> {
    let mut out = Vec::new();
    for step in &scenario.steps {
        let Action::Include { scenario: id } = &step.action else {
            expansion.steps += 1;
            if expansion.steps > MAX_EXPANDED_STEPS {
                return Err(Stop::Limit {
                    message: format!(
                        "`{}` has more than {MAX_EXPANDED_STEPS} steps once its includes are expanded",
                        expansion.stack[0]
                    ),
                    help: "a lesson is tens of steps: include a scenario once, or split the lesson",
                    at: Box::new(step.clone()),
                });
            }
            out.push(step.clone());
            continue;
        };
        let stack = &expansion.stack;
        if stack.contains(id) {
            let message = format!("include cycle: {} → {id}", stack.join(" → "));
            return Err(Stop::Error(include_error(step, message, None)));
        }
        if stack.len() > MAX_INCLUDE_DEPTH {
            return Err(Stop::Limit {
                message: format!(
                    "includes nest more than {MAX_INCLUDE_DEPTH} deep: {} → {id}",
                    stack.join(" → ")
                ),
                help: "include the scenarios you need directly rather than through a chain",
                at: Box::new(step.clone()),
            });
        }
        let Some(inner) = known.get(id) else {
            let near = actions::nearest(id, known.keys().map(String::as_str));
            return Err(Stop::Error(include_error(
                step,
                format!("include of unknown scenario `{id}`"),
                near.map(|n| format!("did you mean `{n}`?")),
            )));
        };
        expansion.stack.push(id.clone());
        let origin = Included {
            scenario: id.clone(),
            title: inner.title.clone(),
            narration: step.narration.clone(),
        };
        let expanded = expand(inner, known, expansion);
        expansion.stack.pop();
        let steps = match expanded {
            // Said where the author of the top scenario can act: at its include.
            Err(Stop::Limit { message, help, .. }) if expansion.stack.len() == 1 => {
                return Err(Stop::Error(limit_error(step, message, help)));
            }
            other => other?,
        };
        out.extend(steps.into_iter().map(|s| Step {
            included: Some(origin.clone()),
            ..s
        }));
    }
    Ok(out)
}

fn limit_error(at: &Step, message: String, help: &str) -> Box<ScenarioError> {
    let label = match at.action {
        Action::Include { .. } => "this include",
        _ => "one step too many",
    };
    step_error(at, message, label, Some(help.into()))
}

fn include_error(step: &Step, message: String, help: Option<String>) -> Box<ScenarioError> {
    step_error(step, message, "this include", help)
}

/// An error at a step (its file is read again: errors are rare, positions are kept).
fn step_error(
    step: &Step,
    message: String,
    label: &str,
    help: Option<String>,
) -> Box<ScenarioError> {
    let text = std::fs::read_to_string(&step.pos.file).unwrap_or_default();
    let source = SourceFile::new(&step.pos.file, text);
    let at = source.offset(step.pos.line, step.pos.column);
    Box::new(source.error(at..at + 1, message, label, help))
}

fn load_files(paths: &[PathBuf]) -> std::io::Result<Loaded> {
    let mut loaded = Loaded::default();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for file in scenario_files(paths)? {
        loaded.files += 1;
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(source) => {
                loaded.unreadable.push(ReadError { path: file, source });
                continue;
            }
        };
        let source = SourceFile::new(&file, text);
        match parse(&source) {
            Ok((scenario, id_span)) => {
                if let Some(first) = seen.get(&scenario.id) {
                    loaded.errors.push(source.error(
                        id_span,
                        format!("duplicate scenario id `{}`", scenario.id),
                        "already used",
                        Some(format!("{} has the same id", first.display())),
                    ));
                } else {
                    seen.insert(scenario.id.clone(), file.clone());
                    loaded.scenarios.push(scenario);
                }
            }
            Err(errors) => loaded.errors.extend(errors),
        }
    }
    Ok(loaded)
}

/// Parse one scenario file's text.
pub fn parse_str(path: &Path, text: &str) -> Result<Scenario, Vec<ScenarioError>> {
    parse(&SourceFile::new(path, text.to_string())).map(|(s, _)| s)
}

fn parse(source: &SourceFile) -> Result<(Scenario, Range<usize>), Vec<ScenarioError>> {
    let raw: RawScenario =
        toml::from_str(&source.text).map_err(|e| vec![toml_error(source, &e)])?;
    let mut v = Validator {
        source,
        errors: Vec::new(),
    };
    match v.scenario(raw) {
        Some(ok) if v.errors.is_empty() => Ok(ok),
        _ => Err(v.errors),
    }
}

/// Turn a TOML/serde error into a diagnostic, with a suggestion for unknown keys.
fn toml_error(source: &SourceFile, e: &toml::de::Error) -> ScenarioError {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim().to_string();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (wrong, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let help = match actions::nearest(wrong, valid.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("valid fields here: {}", valid.join(", ")),
        };
        return source.error(
            span,
            format!("unknown field `{wrong}`"),
            "not a field of this table",
            Some(help),
        );
    }
    if message.contains("expected a text or a table of texts per locale")
        || message.contains("expected a text or a list of texts")
        || message.contains("list of wordings cannot be empty")
    {
        return source.error(
            span,
            "expected a text or a table of texts per locale",
            "not a text",
            Some(
                "write \"…\" or { en = \"…\", fr = \"…\" }; a matched text may list wordings: { en = [\"…\", \"…\"] }"
                    .into(),
            ),
        );
    }
    if message.contains("untagged enum RawValue") {
        return source.error(
            span,
            "expected a text, { en = \"…\", fr = \"…\" } or { env = \"NAME\" }",
            "not a value",
            None,
        );
    }
    source.error(span, message, "here", None)
}

struct Validator<'a> {
    source: &'a SourceFile,
    errors: Vec<ScenarioError>,
}

impl Validator<'_> {
    fn err(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) {
        self.errors
            .push(self.source.error(span, message, label, help));
    }

    fn scenario(&mut self, raw: RawScenario) -> Option<(Scenario, Range<usize>)> {
        let id_span = raw.id.span();
        let id = raw.id.into_inner();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            self.err(
                id_span.clone(),
                format!("invalid scenario id `{id}`"),
                "use lowercase letters, digits and dashes",
                None,
            );
        }
        self.require_locales(&raw.title, "title");
        if let Some(d) = &raw.description {
            self.require_locales(d, "description");
        }
        for f in raw.features.iter().chain(raw.tags.iter()) {
            if f.get_ref().trim().is_empty() {
                self.err(f.span(), "empty name", "empty", None);
            }
        }
        let steps_span = raw.steps.span();
        let raw_steps = raw.steps.into_inner();
        if raw_steps.is_empty() {
            self.err(
                steps_span,
                "a scenario needs at least one step",
                "no steps",
                None,
            );
        }
        let steps: Vec<Option<Step>> = raw_steps.into_iter().map(|s| self.step(s)).collect();
        let steps: Option<Vec<Step>> = steps.into_iter().collect();
        let scenario = Scenario {
            id,
            title: raw.title.into_inner(),
            description: raw.description.map(Spanned::into_inner),
            features: raw.features.into_iter().map(Spanned::into_inner).collect(),
            tags: raw.tags.into_iter().map(Spanned::into_inner).collect(),
            writes: raw.writes.into_inner(),
            runs_alone: raw.runs_alone.is_some_and(Spanned::into_inner),
            steps: steps?,
            file: self.source.path.clone(),
        };
        Some((scenario, id_span))
    }

    /// A `fill` value: per-locale values need every locale, and one text each (it is typed).
    fn value(&mut self, raw: Spanned<RawValue>) -> Option<Value> {
        let span = raw.span();
        Some(match raw.into_inner() {
            RawValue::Text(t) => Value::Text(Localized::Same(t)),
            RawValue::Env { env } => Value::Env(env),
            RawValue::PerLocale(l) => {
                let spanned = Spanned::new(span, l);
                self.require_locales(&spanned, "value");
                Value::Text(spanned.into_inner())
            }
        })
    }

    fn require_locales(&mut self, text: &Spanned<Localized>, what: &str) {
        if text.get_ref().has_alternatives() {
            self.err(
                text.span(),
                format!("{what} lists several wordings for one locale"),
                "one text per locale",
                Some("only texts matched against the page (text, label, title, option) may list wordings".into()),
            );
        }
        let missing = text.get_ref().missing_locales();
        if !missing.is_empty() {
            self.err(
                text.span(),
                format!("{what} has no {} variant", missing.join(", ")),
                "add the missing locale",
                Some(
                    "lessons are read in French and English: give { en = \"…\", fr = \"…\" }"
                        .into(),
                ),
            );
        }
    }

    fn step(&mut self, raw: Spanned<RawStep>) -> Option<Step> {
        let step_span = raw.span();
        let mut raw = raw.into_inner();
        let action_span = raw.action.span();
        let spec = self.action_spec(&raw.action)?;
        let before = self.errors.len();
        self.check_fields(spec, &raw, action_span);
        match &raw.narration {
            Some(n) => self.require_locales(n, "narration"),
            None => self.err(
                step_span.clone(),
                "step has no narration",
                "add narration = { en = \"…\", fr = \"…\" }",
                Some(
                    "every step says what it does and why, for trainees and for failure reports"
                        .into(),
                ),
            ),
        }
        let timeout = raw.timeout.as_ref().and_then(|t| self.timeout(t));
        let target = match raw.target.take() {
            Some(t) => Some(self.target(t)?),
            None => None,
        };
        if self.errors.len() > before {
            return None;
        }
        let narration = raw.narration.take()?.into_inner();
        let action = self.action(spec, raw, target)?;
        Some(Step {
            action,
            narration,
            timeout,
            pos: self.source.pos(step_span.start),
            included: None,
        })
    }

    /// The spec of the action a step names, or an error suggesting the nearest known one.
    fn action_spec(&mut self, action: &Spanned<String>) -> Option<&'static actions::ActionSpec> {
        let name = action.get_ref().as_str();
        if let Some(spec) = actions::find(name) {
            return Some(spec);
        }
        let known = || actions::ACTIONS.iter().map(|a| a.name);
        let help = match actions::nearest(name, known()) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("known actions: {}", known().collect::<Vec<_>>().join(", ")),
        };
        self.err(
            action.span(),
            format!("unknown action `{name}`"),
            "unknown action",
            Some(help),
        );
        None
    }

    /// Every field present is one the action uses, and every field it needs is present.
    fn check_fields(
        &mut self,
        spec: &actions::ActionSpec,
        raw: &RawStep,
        action_span: Range<usize>,
    ) {
        let present: Vec<(StepField, Range<usize>)> = [
            (StepField::Target, raw.target.as_ref().map(|v| v.span())),
            (StepField::Value, raw.value.as_ref().map(|v| v.span())),
            (StepField::Url, raw.url.as_ref().map(|v| v.span())),
            (StepField::Text, raw.text.as_ref().map(|v| v.span())),
            (StepField::Option, raw.option.as_ref().map(|v| v.span())),
            (StepField::Name, raw.name.as_ref().map(|v| v.span())),
            (StepField::Confirm, raw.confirm.as_ref().map(|v| v.span())),
            (StepField::Checked, raw.checked.as_ref().map(|v| v.span())),
            (StepField::Scenario, raw.scenario.as_ref().map(|v| v.span())),
        ]
        .into_iter()
        .filter_map(|(f, s)| s.map(|s| (f, s)))
        .collect();
        for (field, span) in &present {
            if !spec.allows(*field) {
                let fields: Vec<&str> = spec
                    .required
                    .iter()
                    .chain(spec.optional)
                    .map(|f| f.key())
                    .collect();
                let help = if fields.is_empty() {
                    format!(
                        "`{}` takes no fields besides narration and timeout",
                        spec.name
                    )
                } else {
                    format!("`{}` takes: {}", spec.name, fields.join(", "))
                };
                self.err(
                    span.clone(),
                    format!("`{}` is not used by action `{}`", field.key(), spec.name),
                    "not used here",
                    Some(help),
                );
            }
        }
        for field in spec.required {
            if !present.iter().any(|(f, _)| f == field) {
                self.err(
                    action_span.clone(),
                    format!("action `{}` needs `{}`", spec.name, field.key()),
                    "missing a field",
                    None,
                );
            }
        }
    }

    /// A step's `timeout`, a positive duration no longer than [`super::timeout::MAX_TIMEOUT`].
    fn timeout(&mut self, raw: &Spanned<String>) -> Option<Duration> {
        match super::timeout::parse_timeout(raw.get_ref()) {
            Ok(d) => Some(d),
            Err(why) => {
                self.err(
                    raw.span(),
                    format!("invalid timeout `{}`", raw.get_ref()),
                    "not a timeout",
                    Some(why),
                );
                None
            }
        }
    }

    /// The action of a step whose fields `check_fields` found complete.
    fn action(
        &mut self,
        spec: &actions::ActionSpec,
        raw: RawStep,
        target: Option<Target>,
    ) -> Option<Action> {
        let text_of = |v: Option<Spanned<Localized>>| v.map(Spanned::into_inner);
        Some(match spec.name {
            "goto" => Action::Goto {
                url: raw.url?.into_inner(),
            },
            "click" => Action::Click {
                target: target?,
                confirm: raw.confirm.map(Spanned::into_inner).unwrap_or(false),
            },
            "fill" => Action::Fill {
                target: target?,
                value: self.value(raw.value?)?,
            },
            "select" => Action::Select {
                target: target?,
                option: text_of(raw.option)?,
            },
            "check" => Action::Check {
                target: target?,
                checked: raw.checked.map(Spanned::into_inner).unwrap_or(true),
            },
            "expect_text" => Action::ExpectText {
                text: text_of(raw.text)?,
                target,
            },
            "expect_url" => Action::ExpectUrl {
                url: raw.url?.into_inner(),
            },
            "expect_element" => Action::ExpectElement { target: target? },
            "screenshot" => Action::Screenshot {
                name: raw.name.map(Spanned::into_inner),
            },
            "login" => Action::Login,
            "accept_cookies" => Action::AcceptCookies,
            "accept_admin_terms" => Action::AcceptAdminTerms,
            "confirm" => Action::Confirm,
            "include" => Action::Include {
                scenario: raw.scenario?.into_inner(),
            },
            // The table and this match are kept together by a unit test; a gap is not a panic.
            _ => return None,
        })
    }

    /// A CSS selector the browser will accept: an invalid one fails here, not after a whole
    /// timeout of polling on the page.
    fn css_selector(&mut self, css: &Spanned<String>) {
        let text = css.get_ref();
        if text.trim().is_empty() {
            self.err(css.span(), "empty CSS selector", "empty", None);
        } else if let Err(why) = super::css::check_selector(text) {
            self.err(
                css.span(),
                format!("invalid CSS selector `{text}`: {why}"),
                "not CSS",
                None,
            );
        }
    }

    fn target(&mut self, raw: Spanned<RawTarget>) -> Option<Target> {
        let span = raw.span();
        let raw = raw.into_inner();
        let mut kinds: Vec<(TargetBy, Range<usize>)> = Vec::new();
        if let Some(css) = raw.css {
            self.css_selector(&css);
            let s = css.span();
            kinds.push((TargetBy::Css(css.into_inner()), s));
        }
        if let Some(within) = &raw.within {
            self.css_selector(within);
        }
        for (field, wrap) in [
            (raw.text, TargetBy::Text as fn(Localized) -> TargetBy),
            (raw.label, TargetBy::Label),
            (raw.title, TargetBy::Title),
            (raw.placeholder, TargetBy::Placeholder),
        ] {
            if let Some(v) = field {
                let s = v.span();
                kinds.push((wrap(v.into_inner()), s));
            }
        }
        match kinds.len() {
            0 => {
                self.err(
                    span,
                    "target needs one of css, text, label, title or placeholder",
                    "no locator",
                    Some("e.g. target = { label = { en = \"Title\", fr = \"Titre\" } }".into()),
                );
                None
            }
            1 => {
                if let Some(n) = &raw.name {
                    self.require_locales(n, "target name");
                }
                Some(Target {
                    by: kinds.pop()?.0,
                    within: raw.within.map(Spanned::into_inner),
                    name: raw.name.map(Spanned::into_inner),
                })
            }
            _ => {
                self.err(
                    kinds[1].1.clone(),
                    "target has more than one locator",
                    "second locator",
                    Some(
                        "keep one of css, text, label, title, placeholder; use `within` to narrow the search"
                            .into(),
                    ),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_in_the_table_is_built_from_its_required_fields() {
        for spec in actions::ACTIONS {
            let fields: String = spec
                .required
                .iter()
                .map(|f| match f {
                    StepField::Target => "target = { css = \"#x\" }\n",
                    StepField::Value => "value = \"v\"\n",
                    StepField::Url => "url = \"/admin\"\n",
                    StepField::Text => "text = \"t\"\n",
                    StepField::Option => "option = \"o\"\n",
                    StepField::Name => "name = \"n\"\n",
                    StepField::Confirm => "confirm = true\n",
                    StepField::Checked => "checked = true\n",
                    StepField::Scenario => "scenario = \"other\"\n",
                })
                .collect();
            let text = format!(
                "id = \"a\"\ntitle = {{ en = \"A\", fr = \"A\" }}\nfeatures = []\nwrites = false\n\
                 [[steps]]\naction = \"{}\"\n{fields}narration = {{ en = \"n\", fr = \"n\" }}\n",
                spec.name
            );
            let parsed = parse_str(Path::new("a.toml"), &text);
            let scenario = parsed.unwrap_or_else(|e| panic!("{}: {e:?}", spec.name));
            assert_eq!(scenario.steps[0].action.name(), spec.name);
        }
    }

    const GOOD: &str = r#"
id = "demo"
title = { en = "Demo", fr = "Démo" }
features = ["process.create"]
tags = ["smoke"]
writes = false

[[steps]]
action = "goto"
url = "/admin"
narration = { en = "Open the admin.", fr = "Ouvrir l'administration." }

[[steps]]
action = "click"
target = { text = { en = "New process", fr = "Nouvelle concertation" }, within = ".layout-content" }
narration = { en = "Start a process.", fr = "Commencer une concertation." }
timeout = "3s"
"#;

    fn errors(text: &str) -> Vec<ScenarioError> {
        parse_str(Path::new("s.toml"), text).expect_err("should fail")
    }

    #[test]
    fn a_good_scenario_loads() {
        let s = parse_str(Path::new("s.toml"), GOOD).unwrap();
        assert_eq!(s.id, "demo");
        assert_eq!(s.steps.len(), 2);
        assert_eq!(s.steps[1].timeout, Some(Duration::from_secs(3)));
        assert_eq!(s.steps[1].pos.line, 13);
        match &s.steps[1].action {
            Action::Click { target, confirm } => {
                assert!(!confirm);
                assert_eq!(target.within.as_deref(), Some(".layout-content"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_action_points_at_it_and_suggests() {
        let e = &errors(&GOOD.replace("action = \"click\"", "action = \"clik\""))[0];
        assert_eq!((e.pos.line, e.pos.column), (14, 10));
        assert!(e.message.contains("unknown action `clik`"));
        assert_eq!(e.help.as_deref(), Some("did you mean `click`?"));
    }

    #[test]
    fn unknown_field_points_at_it_and_suggests() {
        let e = &errors(&GOOD.replace("timeout = \"3s\"", "timout = \"3s\""))[0];
        assert_eq!((e.pos.line, e.pos.column), (17, 1));
        assert_eq!(e.help.as_deref(), Some("did you mean `timeout`?"));
    }

    #[test]
    fn field_not_used_by_action_is_reported() {
        let text = GOOD.replace("url = \"/admin\"", "url = \"/admin\"\nconfirm = true");
        let e = &errors(&text)[0];
        assert!(
            e.message.contains("`confirm` is not used by action `goto`"),
            "{}",
            e.message
        );
        assert_eq!(e.pos.line, 11);
    }

    #[test]
    fn missing_required_field_and_narration_are_all_reported() {
        let text = GOOD.replace("url = \"/admin\"\n", "").replace(
            "narration = { en = \"Start a process.\", fr = \"Commencer une concertation.\" }\n",
            "",
        );
        let errs = errors(&text);
        let messages: Vec<_> = errs.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.contains(&"action `goto` needs `url`"),
            "{messages:?}"
        );
        assert!(messages.contains(&"step has no narration"), "{messages:?}");
    }

    #[test]
    fn missing_french_narration_is_an_error() {
        let e = &errors(&GOOD.replace(", fr = \"Ouvrir l'administration.\"", ""))[0];
        assert!(e.message.contains("narration has no fr variant"));
    }

    #[test]
    fn bad_timeout_and_double_locator() {
        let text = GOOD
            .replace("\"3s\"", "\"soon\"")
            .replace("within = \".layout-content\"", "css = \"a\"");
        let messages: Vec<_> = errors(&text).into_iter().map(|e| e.message).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("invalid timeout `soon`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("more than one locator")),
            "{messages:?}"
        );
    }

    #[test]
    fn invalid_css_is_an_error_at_the_selector_and_a_long_timeout_too() {
        let text = GOOD
            .replace(
                "within = \".layout-content\"",
                "within = \".layout-content >\"",
            )
            .replace("\"3s\"", "\"1000years\"");
        let errors = errors(&text);
        let css = errors
            .iter()
            .find(|e| {
                e.message
                    .contains("invalid CSS selector `.layout-content >`")
            })
            .expect("the within selector is rejected");
        let line = text
            .lines()
            .position(|l| l.contains(".layout-content >"))
            .unwrap()
            + 1;
        assert_eq!(css.pos.line, line);
        let timeout = errors
            .iter()
            .find(|e| e.message.contains("invalid timeout `1000years`"))
            .expect("the timeout is rejected");
        assert!(timeout
            .help
            .as_deref()
            .unwrap_or("")
            .contains("longest timeout"));
    }

    #[test]
    fn toml_syntax_error_has_position() {
        let e = &errors("id = \"x\"\ntitle = { en = \"a\" \n")[0];
        assert_eq!(e.pos.line, 2);
    }

    #[test]
    fn writes_must_be_declared() {
        let e = &errors(&GOOD.replace("writes = false\n", ""))[0];
        assert!(
            e.message.contains("missing field `writes`"),
            "{}",
            e.message
        );
    }
}

#[cfg(test)]
mod include_tests {
    use super::*;

    fn scenario_file(dir: &Path, id: &str, steps: &str) {
        let text =
            format!("id = \"{id}\"\ntitle = {{ en = \"T\", fr = \"T\" }}\nwrites = false\n{steps}");
        std::fs::write(dir.join(format!("{id}.toml")), text).unwrap();
    }

    const GOTO: &str =
        "[[steps]]\naction = \"goto\"\nurl = \"/\"\nnarration = { en = \"a\", fr = \"b\" }\n";

    fn include(id: &str) -> String {
        format!("[[steps]]\naction = \"include\"\nscenario = \"{id}\"\nnarration = {{ en = \"a\", fr = \"b\" }}\n")
    }

    #[test]
    fn includes_are_expanded_recursively() {
        let dir = tempfile::tempdir().unwrap();
        scenario_file(dir.path(), "base", GOTO);
        scenario_file(dir.path(), "middle", &format!("{}{GOTO}", include("base")));
        scenario_file(dir.path(), "top", &format!("{}{GOTO}", include("middle")));
        let loaded = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert!(loaded.is_clean(), "{:?}", loaded.errors);
        let top = loaded.scenarios.iter().find(|s| s.id == "top").unwrap();
        assert_eq!(top.steps.len(), 3);
        assert!(top.steps[0].pos.file.ends_with("base.toml"));
    }

    #[test]
    fn include_of_a_library_scenario_outside_the_selection() {
        let lib = tempfile::tempdir().unwrap();
        scenario_file(lib.path(), "base", GOTO);
        let own = tempfile::tempdir().unwrap();
        scenario_file(own.path(), "mine", &include("base"));
        let alone = load_paths(&[own.path().join("mine.toml")]).unwrap();
        assert!(alone.errors[0].message.contains("unknown scenario `base`"));
        let with_lib =
            load_with_library(&[own.path().join("mine.toml")], Some(lib.path())).unwrap();
        assert!(with_lib.is_clean());
        assert_eq!(
            with_lib.scenarios.len(),
            1,
            "library scenarios are not selected"
        );
        assert_eq!(with_lib.scenarios[0].steps.len(), 1);
    }

    #[test]
    fn include_cycles_and_typos_are_errors_at_the_step() {
        let dir = tempfile::tempdir().unwrap();
        scenario_file(dir.path(), "a", &include("b"));
        scenario_file(dir.path(), "b", &include("a"));
        scenario_file(dir.path(), "c", &include("bb"));
        let loaded = load_paths(&[dir.path().to_path_buf()]).unwrap();
        let messages: Vec<_> = loaded
            .errors
            .iter()
            .map(|e| (e.message.clone(), e.pos.line, e.help.clone()))
            .collect();
        assert!(
            messages
                .iter()
                .any(|(m, l, _)| m.contains("include cycle: a → b → a") && *l == 4),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|(m, _, h)| m.contains("unknown scenario `bb`")
                    && h.as_deref() == Some("did you mean `b`?")),
            "{messages:?}"
        );
    }

    #[test]
    fn includes_that_double_at_each_level_stop_at_the_step_limit() {
        // s0 has one step, s<k> includes s<k-1> twice: s30 would be 2^30 steps.
        let dir = tempfile::tempdir().unwrap();
        scenario_file(dir.path(), "s0", GOTO);
        for k in 1..=30 {
            let inner = include(&format!("s{}", k - 1));
            scenario_file(dir.path(), &format!("s{k}"), &format!("{inner}{inner}"));
        }
        let loaded = load_paths(&[dir.path().to_path_buf()]).unwrap();
        // s0…s8 are within both limits (s8 has 256 steps); deeper ones nest too deep or grow too big.
        let ids: Vec<_> = loaded.scenarios.iter().map(|s| s.id.as_str()).collect();
        assert!(ids.contains(&"s8") && !ids.contains(&"s30"), "{ids:?}");
        assert_eq!(
            loaded.errors.len(),
            22,
            "one error per scenario over a limit"
        );
        let s30 = loaded
            .errors
            .iter()
            .find(|e| e.pos.file.ends_with("s30.toml"))
            .expect("s30 is an error at its own file");
        assert!(
            s30.message.contains("nest more than 8 deep")
                || s30.message.contains("more than 2000 steps"),
            "{}",
            s30.message
        );
        assert_eq!(s30.pos.line, 4, "at its first include");
    }

    #[test]
    fn a_wide_expansion_names_the_top_scenario_and_its_include() {
        let dir = tempfile::tempdir().unwrap();
        scenario_file(dir.path(), "many", &GOTO.repeat(1500));
        scenario_file(
            dir.path(),
            "top",
            &format!("{GOTO}{}", include("many").repeat(2)),
        );
        let loaded = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
        let e = &loaded.errors[0];
        assert!(
            e.message.contains("`top` has more than 2000 steps"),
            "{}",
            e.message
        );
        assert!(e.pos.file.ends_with("top.toml"));
        assert_eq!(
            e.pos.line, 12,
            "at the second include, which crosses the limit"
        );
    }

    #[test]
    fn a_file_with_too_many_steps_of_its_own_is_an_error_at_the_first_extra_step() {
        let dir = tempfile::tempdir().unwrap();
        scenario_file(dir.path(), "long", &GOTO.repeat(MAX_EXPANDED_STEPS + 1));
        let loaded = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(loaded.errors.len(), 1);
        assert_eq!(loaded.errors[0].pos.line, 4 + 4 * MAX_EXPANDED_STEPS);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_and_a_linked_file_are_read_once() {
        let dir = tempfile::tempdir().unwrap();
        scenario_file(dir.path(), "base", GOTO);
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("base.toml"), dir.path().join("alias.toml"))
            .unwrap();
        let loaded = load_paths(&[dir.path().to_path_buf(), dir.path().join("base.toml")]).unwrap();
        assert!(loaded.is_clean(), "{:?}", loaded.errors);
        assert_eq!((loaded.files, loaded.scenarios.len()), (1, 1));
    }
}
