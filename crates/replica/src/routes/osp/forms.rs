//! Helpers the OSP modules' forms share: reading a submitted Rails model, singleton settings records,
//! numeric checks.

use std::collections::BTreeMap;

use axum::body::Bytes;

use crate::session::Ctx;
use crate::state::records::Record;

/// The pairs of an urlencoded body, in order.
pub(super) fn pairs(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// The fields of `model[...]` in a submitted form: `model[a]` → `a`, `model[a][b]` → `a.b`; for repeated names
/// the last value wins (Rails' hidden `0` before a checked checkbox's `1`). `model[a][]` lists are left out.
pub(super) fn model_fields(pairs: &[(String, String)], model: &str) -> BTreeMap<String, String> {
    let prefix = format!("{model}[");
    let mut out = BTreeMap::new();
    for (k, v) in pairs {
        let Some(rest) = k.strip_prefix(&prefix) else {
            continue;
        };
        if rest.ends_with("[]") {
            continue;
        }
        let path = rest.trim_end_matches(']').replace("][", ".");
        out.insert(path, v.clone());
    }
    out
}

/// The non-blank values of a multiple select `model[name][]` (Rails submits a hidden blank first).
pub(super) fn model_list(
    pairs: &[(String, String)],
    model: &str,
    name: &str,
) -> Option<Vec<String>> {
    let key = format!("{model}[{name}][]");
    let mut found = false;
    let mut out = Vec::new();
    for (k, v) in pairs {
        if *k == key {
            found = true;
            if !v.is_empty() {
                out.push(v.clone());
            }
        }
    }
    found.then_some(out)
}

/// The record of `kind` the organization has one of, created with `defaults` on first use.
pub(super) fn singleton(ctx: &Ctx, kind: &str, defaults: &[(&str, &str)]) -> Record {
    let mut store = ctx.state.store();
    if let Some(r) = store.records.of_kind(kind).next() {
        return r.clone();
    }
    let id = store.next_id();
    let r = Record {
        id,
        kind: kind.into(),
        space: None,
        parent_id: None,
        values: defaults
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        flags: Default::default(),
    };
    store.records.insert(r.clone());
    r
}

/// Replaces the values of the singleton record of `kind`.
pub(super) fn save_singleton(
    ctx: &Ctx,
    kind: &str,
    defaults: &[(&str, &str)],
    values: BTreeMap<String, String>,
) {
    let id = singleton(ctx, kind, defaults).id;
    if let Some(r) = ctx.state.store().records.get_mut(kind, id) {
        r.values = values;
    }
}

/// A new record of `kind` (under `parent_id`); returns its id.
pub(super) fn insert_record(
    ctx: &Ctx,
    kind: &str,
    parent_id: Option<u64>,
    values: BTreeMap<String, String>,
) -> u64 {
    let mut store = ctx.state.store();
    let id = store.next_id();
    store.records.insert(Record {
        id,
        kind: kind.into(),
        space: None,
        parent_id,
        values,
        flags: Default::default(),
    });
    id
}

/// A Rails boolean from a submitted checkbox value ("1", "true").
pub(super) fn checked(v: Option<&String>) -> bool {
    v.is_some_and(|v| v == "1" || v == "true")
}

/// Errors of an integer field validated by `numericality` (and `presence`): Rails' messages, joined as
/// foundation_rails_helper's `error_for` does.
pub(super) fn number_error(
    ctx: &Ctx,
    value: &str,
    min: Option<i64>,
    max: Option<i64>,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return Some(format!(
            "{}, {}",
            ctx.t("errors.messages.blank"),
            ctx.t("errors.messages.not_a_number")
        ));
    }
    let Ok(n) = value.parse::<i64>() else {
        return Some(ctx.t("errors.messages.not_a_number"));
    };
    if let Some(min) = min.filter(|m| n < *m) {
        return Some(ctx.t_with(
            "errors.messages.greater_than_or_equal_to",
            &[("count", &min.to_string())],
        ));
    }
    if let Some(max) = max.filter(|m| n > *m) {
        return Some(ctx.t_with(
            "errors.messages.less_than_or_equal_to",
            &[("count", &max.to_string())],
        ));
    }
    None
}
