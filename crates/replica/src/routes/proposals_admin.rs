//! The parts of a proposals component's admin that are not CRUD-shaped, plus two generic component tools.
//!
//! Proposals and proposal states are engine records (`fixtures/resources/proposals.toml`,
//! `proposal_states.toml`); this module adds what the engine cannot do (Decidim 0.29 decidim-proposals admin
//! engine and decidim-admin):
//! - the default states of a new proposals component (Evaluating, Accepted, Rejected), a new state's token
//!   and the publication date of a new official proposal (the create routes pass through the engine, then
//!   complete the record);
//! - the proposal page with its answer form (`proposals/:id`, `proposals/:id/proposal_answers/:id`);
//! - the bulk actions "Merge into a new one" and "Publish answers";
//! - import from another proposals component (`proposals/proposals_import/new`);
//! - the participatory texts pages (index, "Add document" form);
//! - for any component: exports (`components/:id/exports.<format>?id=<name>`, flash only: the real export is
//!   e-mailed) and permissions (`components/:id/permissions/edit`: authorization handlers per action).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use minijinja::{context, Value};

use super::processes::process_menu;

use crate::error::ReplicaError;
use crate::page::admin_page;
use crate::page::form_locales;
use crate::resources::dispatch;
use crate::session::Ctx;
use crate::state::records::{Record, SpaceRef};
use crate::state::{Component, Flash, Process, ReplicaState};
use crate::text::{blank_html, short_time};

const BASE: &str = "/admin/participatory_processes";
const PROPOSAL: &str = "proposal";
const STATE: &str = "proposal_state";
/// Generic records holding a component's permissions (one per component; values `<action>` = handlers, comma-separated).
const PERMISSIONS: &str = "component_permissions";
/// Authorization handlers of the replica's organization (`available_authorizations`), all multi-step workflows.
pub(crate) const AUTHORIZATIONS: &[&str] = &["id_documents", "postal_letter"];
/// The default states of a new proposals component: token, colour (text, background).
const DEFAULT_STATES: &[(&str, &str, &str)] = &[
    ("evaluating", "#BC4C00", "#FFF1E5"),
    ("accepted", "#15602C", "#E3FCE9"),
    ("rejected", "#D1242F", "#FFEBE9"),
];

pub(crate) fn routes() -> Router<ReplicaState> {
    let c = format!("{BASE}/{{slug}}/components/{{id}}");
    let mut r = Router::new()
        .route(
            &format!("{c}/manage/proposals"),
            get(pass_through).post(pass_through).fallback(dispatch),
        )
        .route(
            &format!("{c}/manage/proposals/{{proposal_id}}"),
            get(show).fallback(dispatch),
        )
        .route(
            &format!("{c}/manage/proposals/{{proposal_id}}/proposal_answers/{{answer_id}}"),
            put(answer).patch(answer).post(answer),
        )
        .route(
            &format!("{c}/manage/proposals/proposals_merge"),
            post(merge),
        )
        .route(
            &format!("{c}/manage/proposals/publish_answers"),
            post(publish_answers),
        )
        .route(
            &format!("{c}/manage/proposals/proposals_import/new"),
            get(import_new),
        )
        .route(
            &format!("{c}/manage/proposals/proposals_import"),
            post(import_create),
        )
        .route(
            &format!("{c}/manage/proposal_states"),
            get(pass_through).post(pass_through).fallback(dispatch),
        )
        .route(
            &format!("{c}/manage/participatory_texts"),
            get(|ctx: Ctx, p: Path<(String, u64)>| participatory_texts(ctx, p, false)),
        )
        .route(
            &format!("{c}/manage/participatory_texts/new_import"),
            get(|ctx: Ctx, p: Path<(String, u64)>| participatory_texts(ctx, p, true)),
        )
        .route(&format!("{c}/permissions/edit"), get(permissions_edit))
        .route(
            &format!("{c}/permissions"),
            put(permissions_update).patch(permissions_update),
        )
        .route(&format!("{c}/exports"), post(export));
    for format in ["CSV", "JSON", "Excel"] {
        r = r.route(&format!("{c}/exports.{format}"), post(export));
    }
    r
}

/// Form pairs of a urlencoded body (repeated names kept, in order).
fn pairs(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn first(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn all_of(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, v)| k == key && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect()
}

/// The admin, process and component of a component route (any manifest).
fn load(ctx: &Ctx, slug: &str, id: u64) -> Result<(Process, Component), Response> {
    ctx.require_admin(true)?;
    let store = ctx.state.store();
    let p = store
        .process_by_slug(slug)
        .cloned()
        .ok_or_else(|| ReplicaError::NotFound.into_response())?;
    let c = store
        .components_of(p.id)
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ReplicaError::NotFound.into_response())?;
    Ok((p, c))
}

/// [`load`] for proposals components only.
fn load_proposals(ctx: &Ctx, slug: &str, id: u64) -> Result<(Process, Component), Response> {
    let (p, c) = load(ctx, slug, id)?;
    if c.manifest != "proposals" {
        return Err(ReplicaError::NotFound.into_response());
    }
    Ok((p, c))
}

fn space(p: &Process) -> SpaceRef {
    SpaceRef {
        kind: "participatory_processes".into(),
        id: p.id,
    }
}

fn component_url(p: &Process, c: &Component) -> String {
    format!("{BASE}/{}/components/{}", p.slug, c.id)
}

fn proposals_url(p: &Process, c: &Component) -> String {
    format!("{}/manage/proposals", component_url(p, c))
}

/// Gives a proposals component its default states if it has none (Decidim creates them with the component).
fn ensure_states(ctx: &Ctx, p: &Process, c: &Component) {
    let mut store = ctx.state.store();
    if store
        .records
        .of_kind(STATE)
        .any(|r| r.parent_id == Some(c.id))
    {
        return;
    }
    let default = ctx.state.default_locale().to_string();
    for (token, text, bg) in DEFAULT_STATES {
        let id = store.next_id();
        let mut values = BTreeMap::new();
        // Decidim writes the title in the organization's default locale only.
        values.insert(
            format!("title_{default}"),
            ctx.state
                .i18n()
                .t(&default, &format!("decidim.proposals.answers.{token}")),
        );
        values.insert("token".into(), token.to_string());
        values.insert("text_color".into(), text.to_string());
        values.insert("bg_color".into(), bg.to_string());
        store.records.insert(Record {
            id,
            kind: STATE.into(),
            space: Some(space(p)),
            parent_id: Some(c.id),
            values,
            flags: Default::default(),
        });
    }
}

/// Completes records the engine just created: a state's token (from its title, unique in the component) and a
/// proposal's publication date.
fn complete_records(state: &ReplicaState, c: &Component) {
    let mut store = state.store();
    let default = state.default_locale().to_string();
    let tokens: Vec<String> = store
        .records
        .of_kind(STATE)
        .filter(|r| r.parent_id == Some(c.id))
        .map(|r| r.get("token").to_string())
        .collect();
    let missing: Vec<u64> = store
        .records
        .of_kind(STATE)
        .filter(|r| r.parent_id == Some(c.id) && r.get("token").is_empty())
        .map(|r| r.id)
        .collect();
    for id in missing {
        let Some(r) = store.records.get_mut(STATE, id) else {
            continue;
        };
        let base = parameterize(r.get(&format!("title_{default}")));
        let mut token = base.clone();
        let mut step = 0;
        while tokens.contains(&token) {
            token = format!("{base}_{step}");
            step += 1;
        }
        r.values.insert("token".into(), token);
    }
    let now = short_time(time::OffsetDateTime::now_utc());
    let unpublished: Vec<u64> = store
        .records
        .of_kind(PROPOSAL)
        .filter(|r| r.parent_id == Some(c.id) && r.get("published_at").is_empty())
        .map(|r| r.id)
        .collect();
    for id in unpublished {
        if let Some(r) = store.records.get_mut(PROPOSAL, id) {
            r.values.insert("published_at".into(), now.clone());
        }
    }
}

/// Rails' `parameterize(separator: "_")` for the common cases: lower-case ASCII words joined by `_`.
fn parameterize(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|ch| match ch {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' | 'Û' => 'u',
            'ç' | 'Ç' => 'c',
            other => other,
        })
        .collect();
    folded
        .to_ascii_lowercase()
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// The engine pages of proposals and states, with the default states in place and new records completed.
async fn pass_through(
    ctx: Ctx,
    Path((slug, id)): Path<(String, u64)>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let Ok((p, c)) = load_proposals(&ctx, &slug, id) else {
        return dispatch(ctx, method, uri, body).await;
    };
    ensure_states(&ctx, &p, &c);
    let state = ctx.state.clone();
    let response = dispatch(ctx, method, uri, body).await;
    complete_records(&state, &c);
    response
}

fn crumbs(ctx: &Ctx, p: &Process, c: &Component, here: String) -> Vec<(String, Option<String>)> {
    vec![
        (
            ctx.t("decidim.admin.menu.participatory_processes"),
            Some(BASE.to_string()),
        ),
        (ctx.tr(&p.title), Some(format!("{BASE}/{}/edit", p.slug))),
        (
            ctx.t("decidim.admin.menu.participatory_processes_submenu.components"),
            Some(format!("{BASE}/{}/components", p.slug)),
        ),
        (
            ctx.tr(&c.name),
            Some(format!("{}/manage/", component_url(p, c))),
        ),
        (here, None),
    ]
}

/// Renders a page of the component's admin with the process sidebar.
fn page(
    ctx: &Ctx,
    p: &Process,
    c: &Component,
    template: &str,
    title: String,
    data: Value,
    now: Vec<Flash>,
) -> Response {
    admin_page(
        ctx,
        template,
        "processes",
        crumbs(ctx, p, c, title.clone()),
        context! {
            title => title,
            component => context! { id => c.id, name => ctx.tr(&c.name), url => component_url(p, c) },
            process => context! { slug => p.slug.clone(), title => ctx.tr(&p.title) },
            process_menu => process_menu(ctx, p, "components"),
            ..data
        },
        now,
    )
}

/// The current step settings of a component (the active step's, else the first step's).
fn step_setting(ctx: &Ctx, p: &Process, c: &Component, name: &str, default: &str) -> bool {
    let steps = ctx.state.store().steps_of(p.id);
    let step = steps.iter().find(|s| s.active).or(steps.first());
    step.and_then(|s| c.step_settings.get(&s.id))
        .and_then(|m| m.get(name))
        .map(String::as_str)
        .unwrap_or(default)
        == "1"
}

fn find_proposal(ctx: &Ctx, c: &Component, pid: &str) -> Option<Record> {
    let pid: u64 = pid.parse().ok()?;
    ctx.state
        .store()
        .records
        .get(PROPOSAL, pid)
        .filter(|r| r.parent_id == Some(c.id))
        .cloned()
}

/// States of a component, `not_answered` first, as (token, title, id).
fn states(ctx: &Ctx, c: &Component) -> Vec<(String, String, String)> {
    let mut v = vec![(
        "not_answered".to_string(),
        ctx.t("decidim.proposals.answers.not_answered"),
        String::new(),
    )];
    let store = ctx.state.store();
    for r in store
        .records
        .of_kind(STATE)
        .filter(|r| r.parent_id == Some(c.id))
    {
        let title = r.translated("title");
        let title = if title.is_empty() {
            r.get("token").to_string()
        } else {
            ctx.tr(&title)
        };
        v.push((r.get("token").to_string(), title, r.id.to_string()));
    }
    v
}

#[derive(Default)]
struct AnswerForm {
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

fn render_show(
    ctx: &Ctx,
    p: &Process,
    c: &Component,
    r: &Record,
    form: &AnswerForm,
    now: Vec<Flash>,
) -> Response {
    let title = ctx.tr(&r.translated("title"));
    let states: Vec<Value> = states(ctx, c)
        .into_iter()
        .map(|(token, label, _)| context! { token => token, label => label })
        .collect();
    let url = format!("{}/{}", proposals_url(p, c), r.id);
    page(
        ctx,
        p,
        c,
        "admin/proposals/show.html",
        title.clone(),
        context! {
            proposal => context! {
                id => r.id,
                title => title,
                body => ctx.tr(&r.translated("body")),
                published_at => r.get("published_at").to_string(),
                url => url.clone(),
            },
            answer_url => format!("{url}/proposal_answers/{}", r.id),
            states => states,
            with_costs => step_setting(ctx, p, c, "answers_with_costs", "0"),
            form => context! { values => form.values.clone(), errors => form.errors.clone() },
            form_locales => form_locales(ctx),
        },
        now,
    )
}

async fn show(
    ctx: Ctx,
    Path((slug, id, pid)): Path<(String, String, String)>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    // `proposals/new` and other non-numeric segments belong to the engine.
    let (Ok(id), Ok(_)) = (id.parse::<u64>(), pid.parse::<u64>()) else {
        return dispatch(ctx, method, uri, body).await;
    };
    let (p, c) = match load_proposals(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    ensure_states(&ctx, &p, &c);
    let Some(r) = find_proposal(&ctx, &c, &pid) else {
        return ReplicaError::NotFound.into_response();
    };
    // The form starts from the stored answer.
    let mut form = AnswerForm::default();
    let token = states(&ctx, &c)
        .into_iter()
        .find(|(_, _, sid)| sid == r.get("state"))
        .map(|(t, _, _)| t)
        .unwrap_or_default();
    if r.flag("answered") {
        form.values.insert("internal_state".into(), token);
    }
    for (k, v) in &r.values {
        if k.starts_with("answer_") || k.starts_with("cost") || k.starts_with("execution_period_") {
            form.values.insert(k.clone(), v.clone());
        }
    }
    render_show(&ctx, &p, &c, &r, &form, vec![])
}

async fn answer(
    ctx: Ctx,
    Path((slug, id, pid, _)): Path<(String, u64, String, String)>,
    body: Bytes,
) -> Response {
    let (p, c) = match load_proposals(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    ensure_states(&ctx, &p, &c);
    let Some(r) = find_proposal(&ctx, &c, &pid) else {
        return ReplicaError::NotFound.into_response();
    };
    let pairs = pairs(&body);
    let mut form = AnswerForm::default();
    for (k, v) in &pairs {
        if let Some(key) = k
            .strip_prefix("proposal_answer[")
            .and_then(|k| k.strip_suffix(']'))
        {
            form.values.insert(key.to_string(), v.clone());
        }
    }
    let get = |f: &AnswerForm, k: &str| f.values.get(k).cloned().unwrap_or_default();
    let default = ctx.state.default_locale().to_string();
    let token = get(&form, "internal_state");
    let all_states = states(&ctx, &c);
    let state = all_states.iter().find(|(t, _, _)| *t == token).cloned();
    if token.trim().is_empty() {
        form.errors
            .insert("internal_state".into(), ctx.t("errors.messages.blank"));
    } else if state.is_none() {
        form.errors
            .insert("internal_state".into(), ctx.t("errors.messages.inclusion"));
    }
    let answer_key = format!("answer_{default}");
    if token == "rejected" && blank_html(&get(&form, &answer_key)) {
        form.errors
            .insert(answer_key, ctx.t("errors.messages.blank"));
    }
    if token == "accepted" && step_setting(&ctx, &p, &c, "answers_with_costs", "0") {
        let cost = get(&form, "cost");
        if cost.trim().is_empty() {
            form.errors
                .insert("cost".into(), ctx.t("errors.messages.blank"));
        } else if cost.trim().parse::<f64>().is_err() {
            form.errors
                .insert("cost".into(), ctx.t("errors.messages.not_a_number"));
        }
        for field in ["cost_report", "execution_period"] {
            let key = format!("{field}_{default}");
            if blank_html(&get(&form, &key)) {
                form.errors.insert(key, ctx.t("errors.messages.blank"));
            }
        }
    }
    if !form.errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.proposals.admin.proposals.answer.invalid"),
        )];
        return render_show(&ctx, &p, &c, &r, &form, now);
    }
    let publish = step_setting(&ctx, &p, &c, "publish_answers_immediately", "1");
    {
        let mut store = ctx.state.store();
        if let Some(stored) = store.records.get_mut(PROPOSAL, r.id) {
            let (_, _, sid) = state.unwrap_or_default();
            stored.values.insert("state".into(), sid);
            for (k, v) in &form.values {
                if k != "internal_state" {
                    stored.values.insert(k.clone(), v.clone());
                }
            }
            stored
                .flags
                .insert("answered".into(), token != "not_answered");
            stored.flags.insert("answer_published".into(), publish);
        }
    }
    ctx.flash(
        "success",
        ctx.t("decidim.proposals.admin.proposals.answer.success"),
    );
    ctx.redirect(&proposals_url(&p, &c))
}

/// "Merge into a new one": a copy of the first proposal in the target component; in the same component the
/// merged proposals are deleted (Decidim's MergeProposals).
async fn merge(ctx: Ctx, Path((slug, id)): Path<(String, u64)>, body: Bytes) -> Response {
    let (p, c) = match load_proposals(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let pairs = pairs(&body);
    let ids = all_of(&pairs, "proposal_ids[]");
    let selected: Vec<Record> = ids
        .iter()
        .filter_map(|i| find_proposal(&ctx, &c, i))
        .collect();
    let target_id = first(&pairs, "target_component_id[]");
    let target = ctx
        .state
        .store()
        .components_of(p.id)
        .into_iter()
        .find(|t| t.id.to_string() == target_id && t.manifest == "proposals");
    let (Some(target), true) = (target, selected.len() >= 2) else {
        ctx.flash(
            "alert",
            ctx.t("decidim.proposals.admin.proposals_merges.create.invalid"),
        );
        return ctx.redirect(&format!("{}/manage/", component_url(&p, &c)));
    };
    {
        let mut store = ctx.state.store();
        let new_id = store.next_id();
        let mut values = selected[0].values.clone();
        values.remove("state");
        values.insert(
            "published_at".into(),
            short_time(time::OffsetDateTime::now_utc()),
        );
        store.records.insert(Record {
            id: new_id,
            kind: PROPOSAL.into(),
            space: Some(space(&p)),
            parent_id: Some(target.id),
            values,
            flags: Default::default(),
        });
        if target.id == c.id {
            for r in &selected {
                store.records.remove(PROPOSAL, r.id);
            }
        }
    }
    ctx.flash(
        "success",
        ctx.t("decidim.proposals.admin.proposals_merges.create.success"),
    );
    ctx.redirect(&format!("{}/manage/", component_url(&p, &target)))
}

/// "Publish answers" (an AJAX form in Decidim, which then shows the same message in the page).
async fn publish_answers(ctx: Ctx, Path((slug, id)): Path<(String, u64)>, body: Bytes) -> Response {
    let (p, c) = match load_proposals(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let ids = all_of(&pairs(&body), "proposal_ids[]");
    let selected: Vec<Record> = ids
        .iter()
        .filter_map(|i| find_proposal(&ctx, &c, i))
        .collect();
    if selected.is_empty() {
        ctx.flash(
            "alert",
            ctx.t("decidim.proposals.admin.proposals.publish_answers.select_a_proposal"),
        );
    } else {
        let mut store = ctx.state.store();
        for r in &selected {
            if let Some(stored) = store.records.get_mut(PROPOSAL, r.id) {
                stored.flags.insert("answer_published".into(), true);
            }
        }
        drop(store);
        ctx.flash(
            "success",
            ctx.t("decidim.proposals.publish_answers.success"),
        );
    }
    ctx.redirect(&proposals_url(&p, &c))
}

/// Other proposals components of the process, as (id, name).
fn origin_components(ctx: &Ctx, p: &Process, c: &Component) -> Vec<(u64, String)> {
    ctx.state
        .store()
        .components_of(p.id)
        .into_iter()
        .filter(|o| o.manifest == "proposals" && o.id != c.id)
        .map(|o| (o.id, ctx.tr(&o.name)))
        .collect()
}

const IMPORT_STATES: &[&str] = &["accepted", "not_answered", "evaluating", "rejected"];

fn render_import(
    ctx: &Ctx,
    p: &Process,
    c: &Component,
    values: &BTreeMap<String, String>,
    states: &[String],
    errors: &BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    let origins: Vec<Value> = origin_components(ctx, p, c)
        .into_iter()
        .map(|(id, name)| context! { value => id.to_string(), label => name })
        .collect();
    let state_options: Vec<Value> = IMPORT_STATES
        .iter()
        .map(|s| {
            context! {
                value => *s,
                label => ctx.t(&format!("decidim.proposals.answers.{s}")),
                checked => states.iter().any(|x| x == s),
            }
        })
        .collect();
    page(
        ctx,
        p,
        c,
        "admin/proposals/import.html",
        ctx.t("decidim.proposals.admin.proposals_imports.new.title"),
        context! {
            action => format!("{}/proposals_import", proposals_url(p, c)),
            origins => origins,
            state_options => state_options,
            values => values.clone(),
            errors => errors.clone(),
        },
        now,
    )
}

async fn import_new(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    let (p, c) = match load_proposals(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    render_import(
        &ctx,
        &p,
        &c,
        &BTreeMap::new(),
        &[],
        &BTreeMap::new(),
        vec![],
    )
}

async fn import_create(ctx: Ctx, Path((slug, id)): Path<(String, u64)>, body: Bytes) -> Response {
    let (p, c) = match load_proposals(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let pairs = pairs(&body);
    let mut values = BTreeMap::new();
    for key in [
        "origin_component_id",
        "keep_authors",
        "keep_answers",
        "import_proposals",
    ] {
        values.insert(
            key.to_string(),
            first(&pairs, &format!("proposals_import[{key}]")),
        );
    }
    let states: Vec<String> = all_of(&pairs, "proposals_import[states][]")
        .into_iter()
        .filter(|s| IMPORT_STATES.contains(&s.as_str()))
        .collect();
    let origin = origin_components(&ctx, &p, &c)
        .into_iter()
        .find(|(oid, _)| oid.to_string() == values["origin_component_id"]);
    let mut errors = BTreeMap::new();
    if origin.is_none() {
        errors.insert(
            "origin_component_id".to_string(),
            ctx.t("errors.messages.blank"),
        );
    }
    if states.is_empty() {
        errors.insert("states".to_string(), ctx.t("errors.messages.blank"));
    }
    if values["import_proposals"] != "1" {
        errors.insert(
            "import_proposals".to_string(),
            ctx.t("errors.messages.accepted"),
        );
    }
    let Some((origin_id, _)) = origin.filter(|_| errors.is_empty()) else {
        let now = vec![Flash::alert(
            ctx.t("decidim.proposals.admin.proposals_imports.create.invalid"),
        )];
        return render_import(&ctx, &p, &c, &values, &states, &errors, now);
    };
    let keep_answers = values["keep_answers"] == "1";
    let count = import_copies(&ctx, &p, &c, origin_id, &states, keep_answers);
    ctx.flash(
        "success",
        ctx.t_with(
            "decidim.proposals.admin.proposals_imports.create.success",
            &[("number", &count.to_string())],
        ),
    );
    ctx.redirect(&format!("{}/manage/", component_url(&p, &c)))
}

/// Copies the origin component's proposals in the chosen `states` into `c`; returns how many.
fn import_copies(
    ctx: &Ctx,
    p: &Process,
    c: &Component,
    origin_id: u64,
    states: &[String],
    keep_answers: bool,
) -> usize {
    // Tokens of the origin's states, by state id.
    let origin_component = ctx
        .state
        .store()
        .components_of(p.id)
        .into_iter()
        .find(|o| o.id == origin_id);
    let token_of: BTreeMap<String, String> = match &origin_component {
        Some(o) => self::states(ctx, o)
            .into_iter()
            .map(|(t, _, sid)| (sid, t))
            .collect(),
        None => BTreeMap::new(),
    };
    let own_states: BTreeMap<String, String> = self::states(ctx, c)
        .into_iter()
        .map(|(t, _, sid)| (t, sid))
        .collect();
    let mut store = ctx.state.store();
    let copies: Vec<Record> = store
        .records
        .of_kind(PROPOSAL)
        .filter(|r| r.parent_id == Some(origin_id))
        .filter(|r| {
            let token = token_of
                .get(r.get("state"))
                .cloned()
                .unwrap_or_else(|| "not_answered".into());
            states.contains(&token)
        })
        .cloned()
        .collect();
    for r in &copies {
        let mut v = r.values.clone();
        let token = token_of.get(r.get("state")).cloned().unwrap_or_default();
        if keep_answers {
            v.insert(
                "state".into(),
                own_states.get(&token).cloned().unwrap_or_default(),
            );
        } else {
            v.retain(|k, _| !(k == "state" || k.starts_with("answer_") || k.starts_with("cost")));
        }
        let id = store.next_id();
        store.records.insert(Record {
            id,
            kind: PROPOSAL.into(),
            space: Some(space(p)),
            parent_id: Some(c.id),
            values: v,
            flags: Default::default(),
        });
    }
    copies.len()
}

/// The participatory texts index (no document imported yet) or its "Add document" form.
async fn participatory_texts(
    ctx: Ctx,
    Path((slug, id)): Path<(String, u64)>,
    new_import: bool,
) -> Response {
    let (p, c) = match load_proposals(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let title = if new_import {
        ctx.t("decidim.proposals.admin.participatory_texts.new_import.title")
    } else {
        ctx.t("decidim.proposals.admin.participatory_texts.index.title")
    };
    let base = format!("{}/manage/participatory_texts", component_url(&p, &c));
    page(
        &ctx,
        &p,
        &c,
        "admin/proposals/participatory_texts.html",
        title,
        context! {
            new_import => new_import,
            new_import_url => format!("{base}/new_import"),
            import_url => format!("{base}/import"),
            form => context! { values => BTreeMap::<String, String>::new(), errors => BTreeMap::<String, String>::new() },
            form_locales => form_locales(&ctx),
        },
        vec![],
    )
}

#[derive(serde::Deserialize)]
struct ExportQuery {
    id: Option<String>,
}

/// An export request: Decidim queues a job that e-mails the file, and says so.
async fn export(
    ctx: Ctx,
    Path((slug, id)): Path<(String, u64)>,
    Query(q): Query<ExportQuery>,
) -> Response {
    let (p, c) = match load(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let _ = q.id;
    ctx.flash("success", ctx.t("decidim.admin.exports.notice"));
    ctx.redirect_back(&format!("{}/manage/", component_url(&p, &c)))
}

/// Actions of a component manifest that permissions can be set on (Decidim `component.actions`).
pub(crate) fn component_actions(manifest: &str) -> &'static [&'static str] {
    match manifest {
        "proposals" => &[
            "endorse",
            "vote",
            "create",
            "withdraw",
            "amend",
            "comment",
            "vote_comment",
        ],
        "meetings" => &["join", "comment", "vote_comment", "create"],
        "budgets" => &["vote", "comment", "vote_comment"],
        "surveys" => &["answer"],
        "debates" => &["create", "endorse", "comment", "vote_comment"],
        "accountability" => &["comment", "vote_comment"],
        "blogs" => &["endorse", "comment", "vote_comment"],
        "sortitions" => &["comment", "vote_comment"],
        _ => &[],
    }
}

fn permissions_record(ctx: &Ctx, c: &Component) -> BTreeMap<String, String> {
    ctx.state
        .store()
        .records
        .of_kind(PERMISSIONS)
        .find(|r| r.parent_id == Some(c.id))
        .map(|r| r.values.clone())
        .unwrap_or_default()
}

async fn permissions_edit(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    let (p, c) = match load(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let stored = permissions_record(&ctx, &c);
    let actions: Vec<Value> = component_actions(&c.manifest)
        .iter()
        .map(|a| {
            let chosen: Vec<&str> = stored
                .get(*a)
                .map(|s| s.split(',').collect())
                .unwrap_or_default();
            let handlers: Vec<Value> = AUTHORIZATIONS
                .iter()
                .map(|h| {
                    context! {
                        name => *h,
                        label => format!(
                            "{} ({})",
                            ctx.t(&format!("decidim.authorization_handlers.{h}.name")),
                            ctx.t("decidim.authorization_handlers.multistep")
                        ),
                        checked => chosen.contains(h),
                    }
                })
                .collect();
            context! {
                name => *a,
                label => ctx.t(&format!("decidim.components.{}.actions.{a}", c.manifest)),
                handlers => handlers,
            }
        })
        .collect();
    page(
        &ctx,
        &p,
        &c,
        "admin/components/permissions.html",
        ctx.t("decidim.admin.resource_permissions.edit.title"),
        context! {
            action => format!("{}/permissions", component_url(&p, &c)),
            actions => actions,
        },
        vec![],
    )
}

async fn permissions_update(
    ctx: Ctx,
    Path((slug, id)): Path<(String, u64)>,
    body: Bytes,
) -> Response {
    let (p, c) = match load(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let pairs = pairs(&body);
    let mut values = BTreeMap::new();
    for a in component_actions(&c.manifest) {
        let key = format!("component_permissions[permissions][{a}][authorization_handlers][]");
        let chosen: Vec<String> = all_of(&pairs, &key)
            .into_iter()
            .filter(|h| AUTHORIZATIONS.contains(&h.as_str()))
            .collect();
        if !chosen.is_empty() {
            values.insert(a.to_string(), chosen.join(","));
        }
    }
    {
        let mut store = ctx.state.store();
        let existing = store
            .records
            .of_kind(PERMISSIONS)
            .find(|r| r.parent_id == Some(c.id))
            .map(|r| r.id);
        match existing.and_then(|eid| store.records.get_mut(PERMISSIONS, eid)) {
            Some(r) => r.values = values,
            None => {
                let rid = store.next_id();
                store.records.insert(Record {
                    id: rid,
                    kind: PERMISSIONS.into(),
                    space: Some(space(&p)),
                    parent_id: Some(c.id),
                    values,
                    flags: Default::default(),
                });
            }
        }
    }
    ctx.flash(
        "success",
        ctx.t("decidim.admin.component_permissions.update.success"),
    );
    ctx.redirect(&format!("{BASE}/{}/components", p.slug))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::LOCALES;

    #[test]
    fn parameterize_like_rails() {
        assert_eq!(parameterize("Under study"), "under_study");
        assert_eq!(parameterize("  Étude — en cours! "), "etude_en_cours");
    }

    #[test]
    fn every_locale_names_the_actions_and_handlers() {
        let i18n = crate::i18n::I18n::load();
        for l in LOCALES {
            for a in component_actions("proposals") {
                let key = format!("decidim.components.proposals.actions.{a}");
                assert_ne!(i18n.t(l, &key), key);
            }
            for h in AUTHORIZATIONS {
                let key = format!("decidim.authorization_handlers.{h}.name");
                assert_ne!(i18n.t(l, &key), key);
            }
        }
    }

    use axum::http::StatusCode;

    use crate::test_browser::Browser;

    async fn admin() -> (Browser, String) {
        let mut b = Browser::new();
        b.sign_in_accepted().await;
        let cid = b
            .state
            .store()
            .components
            .iter()
            .find(|c| c.manifest == "proposals")
            .unwrap()
            .id;
        (b, format!("{BASE}/budget-2025/components/{cid}"))
    }

    #[tokio::test]
    async fn a_component_root_definition_is_its_manage_page() {
        assert!(crate::resources::serves_component_root("proposals"));
        assert!(!crate::resources::serves_component_root("no_such_manifest"));
        let (mut b, c) = admin().await;
        let root = b.get(&format!("{c}/manage/")).await;
        assert_eq!(root.status, StatusCode::OK, "{}", root.body);
        assert!(root.body.contains("id=\"js-bulk-actions-button\""));
        assert!(root.body.contains(">New proposal</a>"));
        // The same list at its collection path, and another component type keeps its own page.
        let list = b.get(&format!("{c}/manage/proposals")).await;
        assert!(list.body.contains("id=\"js-bulk-actions-button\""));
        let new = b.get(&format!("{c}/manage/proposals/new")).await;
        assert!(
            new.body.contains("id=\"proposal_title_en\""),
            "{}",
            new.body
        );
        assert!(!new.body.contains("proposal[state]"));
    }

    #[tokio::test]
    async fn official_proposal_answer_and_states() {
        let (mut b, c) = admin().await;
        let list = format!("{c}/manage/proposals");
        let bad = b.post(&list, &[("proposal[title_en]", "")]).await;
        assert!(bad
            .body
            .contains("There has been a problem creating this proposal."));
        let ok = b
            .post(
                &list,
                &[
                    ("proposal[title_en]", "Trees"),
                    ("proposal[body_en]", "<p>Plant</p>"),
                ],
            )
            .await;
        assert_eq!(ok.location.as_deref(), Some(list.as_str()));
        let page = b.follow(ok).await;
        assert!(page.body.contains("Proposal successfully created."));
        assert!(page.body.contains("Not answered"));
        let pid = {
            let store = b.state.store();
            let r = store
                .records
                .of_kind(PROPOSAL)
                .find(|r| r.get("title_en") == "Trees")
                .unwrap();
            assert!(!r.get("published_at").is_empty());
            assert_eq!(store.records.of_kind(STATE).count(), 3);
            r.id
        };
        let show = b.get(&format!("{list}/{pid}")).await;
        assert!(show
            .body
            .contains("id=\"proposal_answer_internal_state_accepted\""));
        let answer = format!("{list}/{pid}/proposal_answers/{pid}");
        let rejected = b
            .post(
                &answer,
                &[
                    ("_method", "patch"),
                    ("proposal_answer[internal_state]", "rejected"),
                ],
            )
            .await;
        assert!(rejected
            .body
            .contains("There has been a problem answering this proposal."));
        let ok = b
            .post(
                &answer,
                &[
                    ("_method", "patch"),
                    ("proposal_answer[internal_state]", "accepted"),
                ],
            )
            .await;
        let page = b.follow(ok).await;
        assert!(page.body.contains("Proposal successfully answered."));
        assert!(page
            .body
            .contains("<strong class=\"label\">Accepted</strong>"));
        // A new state gets a token from its title.
        let states = format!("{c}/manage/proposal_states");
        let ok = b
            .post(
                &states,
                &[
                    ("proposal_state[title_en]", "Under study"),
                    ("proposal_state[text_color]", "#0851A6"),
                    ("proposal_state[bg_color]", "#EBF9FF"),
                ],
            )
            .await;
        let page = b.follow(ok).await;
        assert!(page.body.contains("Status created successfully"));
        assert!(page.body.contains("under_study"));
    }

    #[tokio::test]
    async fn merge_import_permissions_export() {
        let (mut b, c) = admin().await;
        let list = format!("{c}/manage/proposals");
        for t in ["A", "B"] {
            b.post(
                &list,
                &[("proposal[title_en]", t), ("proposal[body_en]", "<p>x</p>")],
            )
            .await;
        }
        let ids: Vec<String> = b
            .state
            .store()
            .records
            .of_kind(PROPOSAL)
            .map(|r| r.id.to_string())
            .collect();
        let cid = c.rsplit('/').next().unwrap().to_string();
        let merged = b
            .post(
                &format!("{list}/proposals_merge"),
                &[
                    ("proposal_ids[]", &ids[0]),
                    ("proposal_ids[]", &ids[1]),
                    ("target_component_id[]", &cid),
                ],
            )
            .await;
        let page = b.follow(merged).await;
        assert!(page
            .body
            .contains("Successfully merged the proposals into a new one."));
        assert_eq!(b.state.store().records.of_kind(PROPOSAL).count(), 1);
        // Import into a second proposals component.
        let created = b
            .post(
                &format!("{BASE}/budget-2025/components?type=proposals"),
                &[("component[name_en]", "Second")],
            )
            .await;
        assert!(created.status.is_redirection());
        let second = b.state.store().components.last().unwrap().id;
        let import =
            format!("{BASE}/budget-2025/components/{second}/manage/proposals/proposals_import");
        let form = b.get(&format!("{import}/new")).await;
        assert!(form
            .body
            .contains("id=\"proposals_import_states_not_answered\""));
        let bad = b
            .post(&import, &[("proposals_import[origin_component_id]", &cid)])
            .await;
        assert!(bad
            .body
            .contains("There was a problem importing the proposals."));
        let ok = b
            .post(
                &import,
                &[
                    ("proposals_import[origin_component_id]", &cid),
                    ("proposals_import[states][]", "not_answered"),
                    ("proposals_import[import_proposals]", "1"),
                ],
            )
            .await;
        let page = b.follow(ok).await;
        assert!(
            page.body.contains("1 proposals successfully imported."),
            "{}",
            page.body
        );
        // Permissions and exports work for any component.
        let edit = b.get(&format!("{c}/permissions/edit")).await;
        assert!(edit
            .body
            .contains("fieldset class=\"card vote-permission\""));
        assert!(edit.body.contains("Identity documents (Multi-Step)"));
        let saved = b
            .post(
                &format!("{c}/permissions"),
                &[
                    ("_method", "put"),
                    (
                        "component_permissions[permissions][vote][authorization_handlers][]",
                        "id_documents",
                    ),
                ],
            )
            .await;
        let page = b.follow(saved).await;
        assert!(page.body.contains("Permissions updated successfully."));
        let edit = b.get(&format!("{c}/permissions/edit")).await;
        assert!(edit.body.contains("value=\"id_documents\" name=\"component_permissions[permissions][vote][authorization_handlers][]\" id=\"component_permissions_permissions_vote_authorization_handlers_id_documents\" checked"));
        let export = b.post(&format!("{c}/exports.CSV?id=proposals"), &[]).await;
        let page = b.follow(export).await;
        assert!(page.body.contains("Your export is currently in progress."));
    }
}
