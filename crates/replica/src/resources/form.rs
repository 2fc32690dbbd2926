//! Form state of a resource: values from a record, a submission or the defaults; Decidim-style validation
//! (with Rails' error texts from `errors.messages.*`); and the per-field view the generic form template renders.

use std::collections::BTreeMap;

use minijinja::{context, Value};

use super::def::{Definition, FieldDef, FieldType, Uniqueness};
use super::patterns::pattern;
use super::registry::by_kind;
use crate::i18n::LOCALES;
use crate::session::Ctx;
use crate::state::records::{Record, SpaceRef};
use crate::state::Store;
use crate::text::blank_html;

/// Where a record lives: its space, its parent and (when editing) its own id.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scope {
    pub space: Option<SpaceRef>,
    pub parent: Option<u64>,
    pub self_id: Option<u64>,
}

/// Raw values keyed like the form (`name_en`, `code`) and error texts keyed the same way.
#[derive(Clone, Debug, Default)]
pub(crate) struct FormState {
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, String>,
}

/// Keys of a field in the form: one per locale for translated fields.
fn keys(f: &FieldDef) -> Vec<String> {
    if f.ty.is_translated() {
        LOCALES.iter().map(|l| format!("{}_{l}", f.name)).collect()
    } else {
        vec![f.name.clone()]
    }
}

impl FormState {
    /// A new form with the definition's defaults.
    pub(crate) fn defaults(def: &Definition) -> FormState {
        let mut values = BTreeMap::new();
        for f in &def.fields {
            if let Some(d) = &f.default {
                for k in keys(f) {
                    values.insert(k, d.clone());
                }
            } else if f.ty == FieldType::Checkbox {
                values.insert(f.name.clone(), "0".into());
            }
        }
        FormState {
            values,
            errors: BTreeMap::new(),
        }
    }

    pub(crate) fn from_record(r: &Record) -> FormState {
        FormState {
            values: r.values.clone(),
            errors: BTreeMap::new(),
        }
    }

    /// Values posted as `<param_key>[<key>]` for the definition's fields (others are ignored); for repeated
    /// names the last wins (Rails' hidden `0` + checkbox `1`).
    pub(crate) fn from_submission(def: &Definition, pairs: &[(String, String)]) -> FormState {
        let allowed: Vec<String> = def.fields.iter().flat_map(keys).collect();
        let nested: Vec<String> = def
            .fields
            .iter()
            .filter(|f| f.ty == FieldType::Nested)
            .map(|f| format!("{}][", f.name))
            .collect();
        let prefix = format!("{}[", def.param_key);
        let mut values = BTreeMap::new();
        for (k, v) in pairs {
            if let Some(key) = k.strip_prefix(&prefix).and_then(|k| k.strip_suffix(']')) {
                if allowed.iter().any(|a| a == key) || nested.iter().any(|n| key.starts_with(n)) {
                    values.insert(key.to_string(), v.clone());
                }
            }
        }
        FormState {
            values,
            errors: BTreeMap::new(),
        }
    }

    pub(crate) fn get(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    /// Whether `f` must be present with these values (`required`, or `required_if` a checked checkbox).
    pub(crate) fn is_required(&self, f: &FieldDef) -> bool {
        f.required
            || f.required_if
                .as_ref()
                .is_some_and(|k| matches!(self.get(k), "1" | "true"))
    }

    /// Runs every field's validations; errors land on the field key (default-locale key for translated fields).
    pub(crate) fn validate(&mut self, ctx: &Ctx, def: &Definition, store: &Store, scope: &Scope) {
        let default = ctx.state.default_locale().to_string();
        for f in &def.fields {
            let key = if f.ty.is_translated() {
                format!("{}_{default}", f.name)
            } else {
                f.name.clone()
            };
            let value = self.get(&key).trim().to_string();
            let blank = match f.ty {
                FieldType::TranslatedEditor => blank_html(&value),
                FieldType::Checkbox | FieldType::Nested => false,
                _ => value.is_empty(),
            };
            let error = if blank {
                self.is_required(f).then(|| ctx.t("errors.messages.blank"))
            } else {
                self.check_value(ctx, def, f, &value, store, scope)
            };
            if let Some(e) = error {
                self.errors.insert(key, e);
            }
        }
    }

    fn check_value(
        &self,
        ctx: &Ctx,
        def: &Definition,
        f: &FieldDef,
        value: &str,
        store: &Store,
        scope: &Scope,
    ) -> Option<String> {
        let pat = f
            .pattern
            .as_deref()
            .or((f.ty == FieldType::Email).then_some("email"))
            .or((f.ty == FieldType::Url).then_some("url"));
        if let Some(check) = pat.and_then(pattern) {
            if !check(value) {
                return Some(ctx.t("errors.messages.invalid"));
            }
        }
        if f.ty == FieldType::Number {
            let Ok(n) = value.parse::<i64>() else {
                return Some(ctx.t("errors.messages.not_a_number"));
            };
            if let Some(min) = f.min.filter(|m| n < *m) {
                return Some(ctx.t_with(
                    "errors.messages.greater_than_or_equal_to",
                    &[("count", &min.to_string())],
                ));
            }
            if let Some(max) = f.max.filter(|m| n > *m) {
                return Some(ctx.t_with(
                    "errors.messages.less_than_or_equal_to",
                    &[("count", &max.to_string())],
                ));
            }
        }
        if matches!(f.ty, FieldType::Select | FieldType::Radio) {
            let ok = options(ctx, f, store, scope)
                .iter()
                .any(|(v, _)| v == value);
            if !ok {
                return Some(ctx.t("errors.messages.inclusion"));
            }
        }
        if let Some(u) = f.unique {
            let key = if f.ty.is_translated() {
                format!("{}_{}", f.name, ctx.state.default_locale())
            } else {
                f.name.clone()
            };
            let taken = store.records.of_kind(&def.kind).any(|r| {
                Some(r.id) != scope.self_id
                    && r.get(&key).trim() == value
                    && match u {
                        Uniqueness::Kind => true,
                        Uniqueness::Space => r.space == scope.space,
                        Uniqueness::Siblings => {
                            r.space == scope.space && r.parent_id == scope.parent
                        }
                    }
            });
            if taken {
                return Some(ctx.t("errors.messages.taken"));
            }
        }
        None
    }

    /// Values a record keeps (the submitted ones over the old ones, so a partial submission keeps the rest).
    pub(crate) fn merged_over(&self, old: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut v = old.clone();
        v.extend(self.values.clone());
        v
    }
}

/// `(value, label)` options of a select, without the blank one.
pub(crate) fn options(
    ctx: &Ctx,
    f: &FieldDef,
    store: &Store,
    scope: &Scope,
) -> Vec<(String, String)> {
    if let Some(from) = &f.options_from {
        if from.kind == "component" {
            return store
                .components
                .iter()
                .filter(|c| {
                    !from.same_space || scope.space.as_ref().is_some_and(|s| s.id == c.process_id)
                })
                .filter(|c| from.manifest.as_ref().is_none_or(|m| *m == c.manifest))
                .map(|c| (c.id.to_string(), ctx.tr(&c.name)))
                .collect();
        }
        let label_field = by_kind(&from.kind)
            .map(|d| d.label_field.clone())
            .unwrap_or_else(|| "name".into());
        return store
            .records
            .of_kind(&from.kind)
            .filter(|r| !from.same_space || r.space == scope.space)
            .filter(|r| {
                from.roots_of
                    .as_ref()
                    .is_none_or(|field| r.get(field).trim().is_empty())
            })
            .filter(|r| !(from.exclude_self && Some(r.id) == scope.self_id))
            .map(|r| (r.id.to_string(), record_label(ctx, r, &label_field)))
            .collect();
    }
    f.options
        .iter()
        .map(|o| (o.value.clone(), ctx.t(&o.label)))
        .collect()
}

/// A record's name in the reader's locale (translated field) or as is.
pub(crate) fn record_label(ctx: &Ctx, r: &Record, field: &str) -> String {
    let t = r.translated(field);
    if t.is_empty() {
        r.get(field).to_string()
    } else {
        ctx.tr(&t)
    }
}

/// What a list cell shows for `field` of `r`.
pub(crate) fn display(ctx: &Ctx, f: &FieldDef, r: &Record, store: &Store, scope: &Scope) -> String {
    match f.ty {
        FieldType::Translated | FieldType::TranslatedArea => ctx.tr(&r.translated(&f.name)),
        // Rich text shows as plain text in lists.
        FieldType::TranslatedEditor => {
            let html = ctx.tr(&r.translated(&f.name));
            let mut out = String::new();
            let mut in_tag = false;
            for ch in html.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        out.push(' ');
                    }
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        FieldType::Checkbox => ctx.t(if r.get(&f.name) == "1" {
            "decidim.admin.resources.yes"
        } else {
            "decidim.admin.resources.no"
        }),
        FieldType::Select | FieldType::Radio => {
            let v = r.get(&f.name);
            options(ctx, f, store, scope)
                .into_iter()
                .find(|(k, _)| k == v)
                .map(|(_, l)| l)
                .unwrap_or_else(|| "-".into())
        }
        FieldType::Datetime => long_datetime(ctx, r.get(&f.name)),
        _ => r.get(&f.name).to_string(),
    }
}

/// Rails' `l(time, format: :long)` of an ISO `yyyy-mm-ddThh:mm` value: "January 05, 2030 18:00" /
/// "05 janvier 2030 18:00" (`replica.month_names` in components_b2 locale files); other values as they are.
pub(crate) fn long_datetime(ctx: &Ctx, iso: &str) -> String {
    let parts: Option<(&str, &str, &str, &str)> = (|| {
        let (date, time) = iso.split_once('T')?;
        let mut d = date.split('-');
        Some((d.next()?, d.next()?, d.next()?, time.get(..5)?))
    })();
    let Some((y, m, d, hm)) = parts else {
        return iso.to_string();
    };
    let Ok(month) = m.parse::<usize>() else {
        return iso.to_string();
    };
    let name = ctx.t(&format!("replica.month_names.m{month}"));
    if ctx.locale == "fr" {
        format!("{d} {name} {y} {hm}")
    } else {
        format!("{name} {d}, {y} {hm}")
    }
}

/// Sub-records of a `nested` field, in order of first appearance: `{ id, <attr>: value… }`.
fn nested_items(form: &FormState, f: &FieldDef) -> Vec<BTreeMap<String, String>> {
    if f.ty != FieldType::Nested {
        return Vec::new();
    }
    let prefix = format!("{}][", f.name);
    let mut items: Vec<BTreeMap<String, String>> = Vec::new();
    for (k, v) in &form.values {
        let Some((id, attr)) = k.strip_prefix(&prefix).and_then(|r| r.split_once("][")) else {
            continue;
        };
        let pos = match items
            .iter()
            .position(|i| i.get("id").map(String::as_str) == Some(id))
        {
            Some(p) => p,
            None => {
                items.push(BTreeMap::from([("id".to_string(), id.to_string())]));
                items.len() - 1
            }
        };
        items[pos].insert(attr.to_string(), v.clone());
    }
    items
}

/// Per-field view for the generic form template.
pub(crate) fn fields_view(
    ctx: &Ctx,
    def: &Definition,
    form: &FormState,
    store: &Store,
    scope: &Scope,
) -> Vec<Value> {
    def.fields
        .iter()
        .filter(|f| !f.edit_only || scope.self_id.is_some())
        .map(|f| {
            let opts: Vec<Value> = options(ctx, f, store, scope)
                .into_iter()
                .map(|(value, label)| context! { value => value, label => label })
                .collect();
            context! {
                name => f.name.clone(),
                type => format!("{:?}", f.ty).to_ascii_lowercase(),
                translated => f.ty.is_translated(),
                editor => f.ty == FieldType::TranslatedEditor,
                area => f.ty == FieldType::TranslatedArea,
                aria => f.aria.unwrap_or(true),
                toolbar => f.toolbar.clone().unwrap_or_else(|| "full".into()),
                lines => f.lines.unwrap_or(25),
                separate_label => f.separate_label,
                label_for => f.label_for.clone(),
                plain_select => f.plain_select,
                hashtaggable => f.hashtaggable,
                item_class => f.item_class.clone(),
                explicit_rows => f.rows.unwrap_or(0),
                label => ctx.t(&f.label),
                help => f.help.as_ref().map(|h| ctx.t(h)),
                required => f.mark.unwrap_or(form.is_required(f) || f.required_mark),
                autofocus => f.autofocus,
                value => form.get(&f.name).to_string(),
                error => form.errors.get(&f.name).cloned(),
                options => opts,
                include_blank => f.include_blank,
                prompt => f.prompt.as_ref().map(|p| ctx.t(p)),
                rows => f.rows.unwrap_or(4),
                items => nested_items(form, f),
            }
        })
        .collect()
}
