//! Templates (area C2b): decidim-templates 0.29 admin, `/admin/templates/…`: questionnaire templates, block user
//! message templates and proposal answer templates (`QuestionnaireTemplatesController`,
//! `BlockUserTemplatesController`, `ProposalAnswerTemplatesController`): list, new, edit, duplicate (copy), delete,
//! with the Templates sidebar (`:admin_template_types_menu`).
//!
//! Every template is a generic record of kind `template` (value `target` = `questionnaire` | `user_block` |
//! `proposal_answer`, `name_<l>`, `description_<l>`, `created_at` in Unix seconds, and for proposal answers
//! `component_id` + `proposal_state_id`). The questionnaire of a questionnaire template (its questions editor,
//! decidim-forms) is not reproduced: its page is a stub.
//!
//! The proposal answer form has Decidim's two steps: first only the "Component constraint" select (which submits
//! the form with `select_component=true` on change), then name, description and the internal state of a
//! proposals component.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Value};
use time::OffsetDateTime;

use crate::error::ReplicaError;
use crate::i18n::Translated;
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::resources::menus;
use crate::session::Ctx;
use crate::state::records::{Record, SpaceRef};
use crate::state::{Flash, ReplicaState};

const KIND: &str = "template";
const BASE: &str = "/admin/templates";
/// Record kind of proposal states (`proposal_states.toml`).
const STATE_KIND: &str = "proposal_state";
/// The default states of a new proposals component (as `proposals_admin.rs` creates them on first use):
/// token, text colour, background colour.
const DEFAULT_STATES: &[(&str, &str, &str)] = &[
    ("evaluating", "#BC4C00", "#FFF1E5"),
    ("accepted", "#15602C", "#E3FCE9"),
    ("rejected", "#D1242F", "#FFEBE9"),
];

/// The three template types of the Templates section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Questionnaire,
    UserBlock,
    ProposalAnswer,
}

const TARGETS: [Target; 3] = [
    Target::Questionnaire,
    Target::UserBlock,
    Target::ProposalAnswer,
];

impl Target {
    /// Collection path segment under `/admin/templates`.
    fn seg(self) -> &'static str {
        match self {
            Target::Questionnaire => "questionnaire_templates",
            Target::UserBlock => "block_user_templates",
            Target::ProposalAnswer => "proposal_answer_templates",
        }
    }

    /// `Template#target`.
    fn value(self) -> &'static str {
        match self {
            Target::Questionnaire => "questionnaire",
            Target::UserBlock => "user_block",
            Target::ProposalAnswer => "proposal_answer",
        }
    }

    /// Key of its item in the Templates sidebar (`_menus.toml` `[templates]`).
    fn menu_key(self) -> &'static str {
        match self {
            Target::Questionnaire => "questionnaires",
            Target::UserBlock => "user_reports",
            Target::ProposalAnswer => "proposal_answers",
        }
    }

    /// i18n scope of its views.
    fn scope(self) -> &'static str {
        match self {
            Target::Questionnaire => "decidim.templates.admin.questionnaire_templates",
            Target::UserBlock => "decidim.templates.admin.block_user_templates",
            Target::ProposalAnswer => "decidim.templates.admin.proposal_answer_templates",
        }
    }

    /// Form param key: `TemplateForm` → `template`, `ProposalAnswerTemplateForm` → `proposal_answer_template`.
    fn param_key(self) -> &'static str {
        match self {
            Target::ProposalAnswer => "proposal_answer_template",
            _ => "template",
        }
    }

    /// Classes of the new / edit forms (given explicitly in each view).
    fn form_class(self, is_new: bool) -> &'static str {
        match (self, is_new) {
            (Target::Questionnaire, true) => "form-defaults form new_questionnaire_template",
            (Target::Questionnaire, false) => "form form-defaults edit_questionnaire_template",
            (Target::UserBlock, true) => "form-defaults form new_user_block_template",
            (Target::UserBlock, false) => "form-defaults form edit_user_block_template",
            (Target::ProposalAnswer, true) => "form-defaults form new_proposal_answer_template",
            (Target::ProposalAnswer, false) => "form-defaults form edit_proposal_answer_template",
        }
    }

    /// Class of the list's table.
    fn table_class(self) -> &'static str {
        match self {
            Target::Questionnaire => "table-list questionnaire-templates",
            Target::UserBlock => "table-list user_block-templates",
            Target::ProposalAnswer => "table-list",
        }
    }

    /// The submit label ("Save"; the questionnaire views borrow the block user one, as Decidim's do).
    fn save_key(self) -> &'static str {
        match self {
            Target::ProposalAnswer => "decidim.templates.admin.proposal_answer_templates.form.save",
            _ => "decidim.templates.admin.block_user_templates.form.save",
        }
    }

    fn base(self) -> String {
        format!("{BASE}/{}", self.seg())
    }
}

pub(crate) fn routes() -> Router<ReplicaState> {
    let mut r = Router::new().route(BASE, get(|ctx: Ctx| index(ctx, Target::Questionnaire)));
    for t in TARGETS {
        let base = t.base();
        r = r
            .route(
                &base,
                get(move |ctx: Ctx| index(ctx, t))
                    .post(move |ctx: Ctx, body: Bytes| create(ctx, t, body)),
            )
            .route(&format!("{base}/new"), get(move |ctx: Ctx| new(ctx, t)))
            .route(
                &format!("{base}/{{id}}/edit"),
                get(move |ctx: Ctx, Path(id): Path<u64>| edit(ctx, t, id)),
            )
            .route(
                &format!("{base}/{{id}}"),
                axum::routing::put(move |ctx: Ctx, Path(id): Path<u64>, body: Bytes| {
                    update(ctx, t, id, body)
                })
                .patch(move |ctx: Ctx, Path(id): Path<u64>, body: Bytes| update(ctx, t, id, body))
                .delete(move |ctx: Ctx, Path(id): Path<u64>| destroy(ctx, t, id)),
            )
            .route(
                &format!("{base}/{{id}}/copy"),
                post(move |ctx: Ctx, Path(id): Path<u64>| copy(ctx, t, id)),
            );
    }
    r.route(
        &format!("{BASE}/questionnaire_templates/{{id}}/questionnaire/edit"),
        get(questionnaire_edit),
    )
}

fn pairs(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// `<param_key>[<field>]` values of a submitted form.
fn model_values(t: Target, body: &Bytes) -> BTreeMap<String, String> {
    let prefix = format!("{}[", t.param_key());
    pairs(body)
        .into_iter()
        .filter_map(|(k, v)| {
            k.strip_prefix(&prefix)
                .and_then(|r| r.strip_suffix(']'))
                .map(|f| (f.to_string(), v))
        })
        .collect()
}

/// A page of the Templates section: its sidebar with `t`'s item active, and that item as breadcrumb.
fn templates_page(
    ctx: &Ctx,
    template: &str,
    t: Target,
    title: String,
    extra: Value,
    now: Vec<Flash>,
) -> Response {
    let menus = menus::context(ctx, Some(("templates", t.menu_key())), None);
    let crumb = menus::item_label(ctx, "templates", t.menu_key())
        .map(|(label, path)| (label, Some(path)))
        .unwrap_or((title.clone(), None));
    admin_page(
        ctx,
        template,
        "templates",
        vec![crumb],
        context! { title => title, ..minijinja::value::merge_maps([extra, menus]) },
        now,
    )
}

fn templates_of(ctx: &Ctx, t: Target) -> Vec<Record> {
    let store = ctx.state.store();
    let mut v: Vec<Record> = store
        .records
        .of_kind(KIND)
        .filter(|r| r.get("target") == t.value())
        .cloned()
        .collect();
    v.sort_by_key(|r| r.id);
    v
}

fn find(ctx: &Ctx, t: Target, id: u64) -> Option<Record> {
    ctx.state
        .store()
        .records
        .get(KIND, id)
        .filter(|r| r.get("target") == t.value())
        .cloned()
}

fn user_name(ctx: &Ctx) -> String {
    ctx.user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default()
}

fn log(ctx: &Ctx, action: &str, r: &Record) {
    let name = user_name(ctx);
    ctx.state.store().log_admin(
        &name,
        &format!("template.{action}"),
        r.translated("name"),
        Translated::default(),
    );
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const DAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Rails' `l(time, format: :long)`: en `%B %d, %Y %H:%M`, fr (rails-i18n) `%A %d %B %Y %Hh%M`.
fn long_time(locale: &str, t: OffsetDateTime) -> String {
    let m = t.month() as usize - 1;
    if locale == "fr" {
        let d = t.weekday().number_days_from_monday() as usize;
        format!(
            "{} {:02} {} {} {:02}h{:02}",
            DAYS_FR[d],
            t.day(),
            MONTHS_FR[m],
            t.year(),
            t.hour(),
            t.minute()
        )
    } else {
        format!(
            "{} {:02}, {} {:02}:{:02}",
            MONTHS_EN[m],
            t.day(),
            t.year(),
            t.hour(),
            t.minute()
        )
    }
}

fn created_at(ctx: &Ctx, r: &Record) -> String {
    let secs: i64 = r.get("created_at").parse().unwrap_or(0);
    OffsetDateTime::from_unix_timestamp(secs)
        .map(|t| long_time(&ctx.locale, t))
        .unwrap_or_default()
}

// ─── proposals components and their states ──────────────────────────────────────────────────────────────

/// Proposals components of the organization as Decidim's `availability_options`: (label, component id), label
/// "<space type>: <space title> > <component name>".
fn availability_options(ctx: &Ctx) -> Vec<(String, u64)> {
    let store = ctx.state.store();
    let space_type = ctx.t("activerecord.models.decidim/participatory_process.one");
    store
        .components
        .iter()
        .filter(|c| c.manifest == "proposals")
        .filter_map(|c| {
            let p = store.processes.iter().find(|p| p.id == c.process_id)?;
            Some((
                format!("{space_type}: {} > {}", ctx.tr(&p.title), ctx.tr(&c.name)),
                c.id,
            ))
        })
        .collect()
}

/// The states of proposals component `component_id` (id, title), creating the default ones when the component
/// has none yet (Decidim creates them with the component; the replica on first use).
fn states_of(ctx: &Ctx, component_id: u64) -> Vec<(u64, String)> {
    let mut store = ctx.state.store();
    let Some(process_id) = store
        .components
        .iter()
        .find(|c| c.id == component_id && c.manifest == "proposals")
        .map(|c| c.process_id)
    else {
        return vec![];
    };
    if !store
        .records
        .of_kind(STATE_KIND)
        .any(|r| r.parent_id == Some(component_id))
    {
        let default = ctx.state.default_locale().to_string();
        for (token, text, bg) in DEFAULT_STATES {
            let id = store.next_id();
            let mut values = BTreeMap::new();
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
                kind: STATE_KIND.into(),
                space: Some(SpaceRef {
                    kind: "participatory_processes".into(),
                    id: process_id,
                }),
                parent_id: Some(component_id),
                values,
                flags: Default::default(),
            });
        }
    }
    store
        .records
        .of_kind(STATE_KIND)
        .filter(|r| r.parent_id == Some(component_id))
        .map(|r| {
            let title = r.translated("title");
            let title = if title.is_empty() {
                r.get("token").to_string()
            } else {
                ctx.tr(&title)
            };
            (r.id, title)
        })
        .collect()
}

// ─── list ───────────────────────────────────────────────────────────────────────────────────────────────

async fn index(ctx: Ctx, t: Target) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let base = t.base();
    let options = if t == Target::ProposalAnswer {
        availability_options(&ctx)
    } else {
        vec![]
    };
    let rows: Vec<Value> = templates_of(&ctx, t)
        .iter()
        .map(|r| {
            let name = ctx.tr(&r.translated("name"));
            let edit_url = ctx.url(&format!("{base}/{}/edit", r.id));
            let mut cells: Vec<Value> = vec![context! { text => name, url => edit_url.clone() }];
            match t {
                Target::Questionnaire => {
                    cells.push(context! {
                        text => ctx.tr(&r.translated("questionnaire_title")),
                        url => ctx.url(&format!("{base}/{}/questionnaire/edit", r.id)),
                    });
                    cells.push(context! { text => r.get("questions").parse::<u32>().unwrap_or(0).to_string() });
                }
                Target::ProposalAnswer => {
                    let component: Option<u64> = r.get("component_id").parse().ok();
                    let state: Option<u64> = r.get("proposal_state_id").parse().ok();
                    let state_title = component
                        .and_then(|c| {
                            states_of(&ctx, c)
                                .into_iter()
                                .find(|(id, _)| Some(*id) == state)
                        })
                        .map(|(_, title)| title)
                        .unwrap_or_else(|| {
                            ctx.t("decidim.templates.admin.proposal_answer_templates.index.missing_state")
                        });
                    let availability = component
                        .and_then(|c| options.iter().find(|(_, id)| *id == c))
                        .map(|(label, _)| label.clone())
                        .unwrap_or_else(|| ctx.t("decidim.admin.templates.missing_resource"));
                    cells.push(context! { text => state_title });
                    cells.push(context! { text => availability });
                }
                Target::UserBlock => {}
            }
            cells.push(context! { text => created_at(&ctx, r) });
            context! {
                id => r.id,
                cells => cells,
                edit_url => edit_url,
                copy_url => ctx.url(&format!("{base}/{}/copy", r.id)),
                url => ctx.url(&format!("{base}/{}", r.id)),
            }
        })
        .collect();
    let scope = t.scope();
    let mut columns = vec![ctx.t("decidim.models.template.name")];
    match t {
        Target::Questionnaire => {
            columns.push(ctx.t("decidim.models.questionnaire_template.fields.title"));
            columns.push(ctx.t("decidim.models.questionnaire_template.fields.questions"));
        }
        Target::ProposalAnswer => {
            columns.push(ctx.t(&format!("{scope}.index.proposal_state_id")));
            columns.push(ctx.t(&format!("{scope}.index.component_constraint")));
        }
        Target::UserBlock => {}
    }
    columns.push(ctx.t("decidim.models.template.fields.created_at"));
    templates_page(
        &ctx,
        "admin/templates_admin/index.html",
        t,
        ctx.t(&format!("{scope}.index.title")),
        context! {
            rows => rows,
            columns => columns,
            table_class => t.table_class(),
            row_attr => match t {
                Target::ProposalAnswer => "data-proposal_answer-id",
                _ => "data-questionnaire_template-id",
            },
            new_url => ctx.url(&format!("{base}/new")),
            confirm => ctx.t(&format!("{scope}.index.confirm_delete")),
        },
        vec![],
    )
}

// ─── form ───────────────────────────────────────────────────────────────────────────────────────────────

#[derive(Default)]
struct FormState {
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

fn render_form(
    ctx: &Ctx,
    t: Target,
    record: Option<&Record>,
    form: &FormState,
    now: Vec<Flash>,
) -> Response {
    let is_new = record.is_none();
    let scope = t.scope();
    let title = ctx.t(&format!(
        "{scope}.{}.title",
        if is_new { "new" } else { "edit" }
    ));
    let action = match record {
        Some(r) => format!("{}/{}", t.base(), r.id),
        None => t.base(),
    };
    let component: Option<u64> = form
        .values
        .get("component_constraint")
        .and_then(|c| c.parse().ok());
    let components: Vec<Value> = if t == Target::ProposalAnswer && component.is_none() {
        availability_options(ctx)
            .into_iter()
            .map(|(label, id)| context! { value => id.to_string(), label => label })
            .collect()
    } else {
        vec![]
    };
    let states: Vec<Value> = component
        .map(|c| {
            states_of(ctx, c)
                .into_iter()
                .map(|(id, label)| context! { value => id.to_string(), label => label })
                .collect()
        })
        .unwrap_or_default();
    // `skip_name_validation` is `select_component`: no required mark right after choosing the component.
    let name_required = form
        .values
        .get("select_component")
        .is_none_or(|v| v != "true");
    templates_page(
        ctx,
        "admin/templates_admin/form.html",
        t,
        title,
        context! {
            is_new => is_new,
            target => t.value(),
            model => t.param_key(),
            // Rails' default ids: `new_<param_key>_` (no id), `edit_<param_key>_<id>`.
            form_id => match record {
                Some(r) => format!("edit_{}_{}", t.param_key(), r.id),
                None => format!("new_{}_", t.param_key()),
            },
            form_class => t.form_class(is_new),
            action => action,
            save_label => ctx.t(t.save_key()),
            form => context! { values => form.values.clone(), errors => form.errors.clone() },
            form_locales => crate::page::form_locales(ctx),
            name_required => name_required,
            component => component.map(|c| c.to_string()),
            components => components,
            states => states,
            questionnaire_url => record.map(|r| ctx.url(&format!("{}/{}/questionnaire/edit", t.base(), r.id))),
        },
        now,
    )
}

async fn new(ctx: Ctx, t: Target) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    render_form(&ctx, t, None, &FormState::default(), vec![])
}

async fn edit(ctx: Ctx, t: Target, id: u64) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, t, id) else {
        return ReplicaError::NotFound.into_response();
    };
    let mut form = FormState {
        values: r.values.clone(),
        ..Default::default()
    };
    if t == Target::ProposalAnswer {
        let c = r.get("component_id").to_string();
        form.values.insert("component_constraint".into(), c);
    }
    render_form(&ctx, t, Some(&r), &form, vec![])
}

/// Validates a submitted form (`TemplateForm`, `ProposalAnswerTemplateForm`); returns the values to store.
fn validate(ctx: &Ctx, t: Target, form: &mut FormState) {
    let default = ctx.state.default_locale();
    let name_key = format!("name_{default}");
    if form
        .values
        .get(&name_key)
        .is_none_or(|v| v.trim().is_empty())
    {
        form.errors.insert(name_key, ctx.t("errors.messages.blank"));
    }
    if t == Target::ProposalAnswer {
        let component: Option<u64> = form
            .values
            .get("component_constraint")
            .and_then(|c| c.parse().ok());
        let state: Option<u64> = form
            .values
            .get("proposal_state_id")
            .and_then(|c| c.parse().ok());
        let valid =
            component.is_some_and(|c| states_of(ctx, c).iter().any(|(id, _)| Some(*id) == state));
        if !valid {
            form.errors
                .insert("proposal_state_id".into(), ctx.t("errors.messages.blank"));
        }
    }
}

fn stored_values(t: Target, form: &FormState) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for l in LOCALES {
        for f in ["name", "description"] {
            let k = format!("{f}_{l}");
            let v = form.values.get(&k).cloned().unwrap_or_default();
            let v = if crate::text::blank_html(&v) && t == Target::ProposalAnswer {
                String::new()
            } else {
                v
            };
            values.insert(k, v);
        }
    }
    if t == Target::ProposalAnswer {
        for (from, to) in [
            ("component_constraint", "component_id"),
            ("proposal_state_id", "proposal_state_id"),
        ] {
            values.insert(
                to.to_string(),
                form.values.get(from).cloned().unwrap_or_default(),
            );
        }
    }
    values
}

async fn create(ctx: Ctx, t: Target, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let mut form = FormState {
        values: model_values(t, &body),
        ..Default::default()
    };
    if t == Target::ProposalAnswer
        && form
            .values
            .get("select_component")
            .is_some_and(|v| v == "true")
    {
        // Step one: the component was chosen; show the rest of the form (no flash, no record yet).
        if form
            .values
            .get("component_constraint")
            .is_none_or(|v| v.trim().is_empty())
        {
            form.values.remove("component_constraint");
        }
        return render_form(&ctx, t, None, &form, vec![]);
    }
    validate(&ctx, t, &mut form);
    if !form.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t("decidim.admin.templates.create.error"))];
        return render_form(&ctx, t, None, &form, now);
    }
    let mut values = stored_values(t, &form);
    values.insert("target".into(), t.value().into());
    values.insert(
        "created_at".into(),
        OffsetDateTime::now_utc().unix_timestamp().to_string(),
    );
    if t == Target::Questionnaire {
        values.insert("questions".into(), "0".into());
    }
    let r = {
        let mut store = ctx.state.store();
        let id = store.next_id();
        let r = Record {
            id,
            kind: KIND.into(),
            space: None,
            parent_id: None,
            values,
            flags: Default::default(),
        };
        store.records.insert(r.clone());
        r
    };
    log(&ctx, "create", &r);
    ctx.flash("success", ctx.t("decidim.admin.templates.create.success"));
    match t {
        Target::Questionnaire => ctx.redirect(&format!("{}/{}/edit", t.base(), r.id)),
        _ => ctx.redirect(&t.base()),
    }
}

async fn update(ctx: Ctx, t: Target, id: u64, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, t, id) else {
        return ReplicaError::NotFound.into_response();
    };
    let mut form = FormState {
        values: model_values(t, &body),
        ..Default::default()
    };
    validate(&ctx, t, &mut form);
    if !form.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t("decidim.admin.templates.update.error"))];
        return render_form(&ctx, t, Some(&r), &form, now);
    }
    let values = stored_values(t, &form);
    let updated = {
        let mut store = ctx.state.store();
        let Some(rec) = store.records.get_mut(KIND, id) else {
            return ReplicaError::NotFound.into_response();
        };
        for (k, v) in values {
            // Decidim's UpdateTemplate changes name and description only (the answer's state too).
            if k == "component_id" {
                continue;
            }
            rec.values.insert(k, v);
        }
        rec.clone()
    };
    log(&ctx, "update", &updated);
    ctx.flash("success", ctx.t("decidim.admin.templates.update.success"));
    match t {
        Target::Questionnaire => ctx.redirect(&format!("{}/{}/edit", t.base(), id)),
        _ => ctx.redirect(&t.base()),
    }
}

async fn copy(ctx: Ctx, t: Target, id: u64) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, t, id) else {
        return ReplicaError::NotFound.into_response();
    };
    // CopyTemplate: same name, description, target and field values; a new creation date.
    {
        let mut store = ctx.state.store();
        let new_id = store.next_id();
        let mut values = r.values.clone();
        values.insert(
            "created_at".into(),
            OffsetDateTime::now_utc().unix_timestamp().to_string(),
        );
        store.records.insert(Record {
            id: new_id,
            values,
            ..r.clone()
        });
    }
    log(&ctx, "duplicate", &r);
    ctx.flash("success", ctx.t("decidim.admin.templates.copy.success"));
    ctx.redirect(&t.base())
}

async fn destroy(ctx: Ctx, t: Target, id: u64) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, t, id) else {
        return ReplicaError::NotFound.into_response();
    };
    ctx.state.store().records.remove(KIND, id);
    log(&ctx, "delete", &r);
    ctx.flash("success", ctx.t("decidim.admin.templates.destroy.success"));
    ctx.redirect(&t.base())
}

/// The questionnaire of a questionnaire template: its questions editor (decidim-forms) is not reproduced.
async fn questionnaire_edit(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let t = Target::Questionnaire;
    let Some(r) = find(&ctx, t, id) else {
        return ReplicaError::NotFound.into_response();
    };
    let title = ctx.t_with(
        "decidim.templates.admin.questionnaire_templates.form.title",
        &[("questionnaire_for", &ctx.tr(&r.translated("name")))],
    );
    templates_page(
        &ctx,
        "admin/placeholder.html",
        t,
        title,
        context! {},
        vec![],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_browser::Browser;
    use axum::http::StatusCode;

    fn count(b: &Browser, target: &str) -> usize {
        b.state
            .store()
            .records
            .of_kind(KIND)
            .filter(|r| r.get("target") == target)
            .count()
    }

    #[tokio::test]
    async fn block_user_template_create_invalid_copy_delete() {
        let mut b = Browser::new();
        b.sign_in_accepted().await;
        let base = "/admin/templates/block_user_templates";
        let empty = b.get(base).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(empty.body.contains("There are no templates yet."));
        assert!(empty.body.contains(">Block user messages</a>"));
        let bad = b.post(base, &[("template[name_en]", "")]).await;
        assert!(bad
            .body
            .contains("There was a problem creating this template."));
        assert!(bad.body.contains("cannot be blank"));
        let ok = b
            .post(
                base,
                &[
                    ("template[name_en]", "Spam"),
                    ("template[description_en]", "Bye"),
                ],
            )
            .await;
        assert_eq!(ok.location.as_deref(), Some(base));
        let list = b.follow(ok).await;
        assert!(list.body.contains("Template created successfully."));
        assert!(list.body.contains("table-list user_block-templates"));
        let id = b.state.store().records.of_kind(KIND).next().unwrap().id;
        let copied = b.post(&format!("{base}/{id}/copy"), &[]).await;
        assert!(b
            .follow(copied)
            .await
            .body
            .contains("Template copied successfully."));
        assert_eq!(count(&b, "user_block"), 2);
        let deleted = b
            .post(&format!("{base}/{id}"), &[("_method", "delete")])
            .await;
        assert!(b
            .follow(deleted)
            .await
            .body
            .contains("Template deleted successfully."));
        assert_eq!(count(&b, "user_block"), 1);
    }

    #[tokio::test]
    async fn questionnaire_template_create_lands_on_edit() {
        let mut b = Browser::new();
        b.sign_in_accepted().await;
        let base = "/admin/templates/questionnaire_templates";
        let ok = b.post(base, &[("template[name_en]", "Survey")]).await;
        let loc = ok.location.clone().unwrap();
        assert!(loc.ends_with("/edit"), "{loc}");
        let edit = b.follow(ok).await;
        assert!(edit.body.contains("Edit questionnaire template"));
        assert!(edit.body.contains("There are no questions yet."));
        let root = b.get("/admin/templates").await;
        assert!(root.body.contains("table-list questionnaire-templates"));
    }

    #[tokio::test]
    async fn proposal_answer_template_two_steps() {
        let mut b = Browser::new();
        b.sign_in_accepted().await;
        let base = "/admin/templates/proposal_answer_templates";
        let new = b.get(&format!("{base}/new")).await;
        assert!(new.body.contains("Component constraint"));
        assert!(new.body.contains("Participatory process: "));
        let cid = b
            .state
            .store()
            .components
            .iter()
            .find(|c| c.manifest == "proposals")
            .unwrap()
            .id
            .to_string();
        let step2 = b
            .post(
                base,
                &[
                    ("proposal_answer_template[component_constraint]", &cid),
                    ("proposal_answer_template[select_component]", "true"),
                ],
            )
            .await;
        assert_eq!(step2.status, StatusCode::OK);
        assert!(step2.body.contains(">Accepted</label>"), "{}", step2.body);
        let no_state = b
            .post(
                base,
                &[
                    ("proposal_answer_template[component_constraint]", &cid),
                    ("proposal_answer_template[name_en]", "Yes"),
                ],
            )
            .await;
        assert!(no_state
            .body
            .contains("There was a problem creating this template."));
        let state = b
            .state
            .store()
            .records
            .of_kind(STATE_KIND)
            .find(|r| {
                r.get("token") == "accepted"
                    && r.parent_id.map(|p| p.to_string()) == Some(cid.clone())
            })
            .unwrap()
            .id
            .to_string();
        let ok = b
            .post(
                base,
                &[
                    ("proposal_answer_template[component_constraint]", &cid),
                    ("proposal_answer_template[name_en]", "Yes"),
                    ("proposal_answer_template[proposal_state_id]", &state),
                ],
            )
            .await;
        let list = b.follow(ok).await;
        assert!(list.body.contains("Template created successfully."));
        assert!(list.body.contains("<td>Accepted</td>"), "{}", list.body);
    }

    #[test]
    fn long_time_formats_like_rails() {
        let t = OffsetDateTime::from_unix_timestamp(1_721_039_400).unwrap(); // 2024-07-15 10:30 UTC
        assert_eq!(long_time("en", t), "July 15, 2024 10:30");
        assert_eq!(long_time("fr", t), "lundi 15 juillet 2024 10h30");
    }
}
