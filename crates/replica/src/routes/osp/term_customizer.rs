//! Term customizer (OpenSourcePolitics/decidim-module-term_customizer, branch backport/fix_database_not_available
//! @ f3b55ca): translation sets and their translations, mounted at `/admin/term_customizer`
//! (`lib/decidim/term_customizer/admin_engine.rb:11-44`), in the plain admin layout with the main-menu item
//! "Term customizer" active (`active: :inclusive` on `/admin/term_customizer/sets`, :51-62).
//!
//! Controllers reproduced: `translation_sets_controller.rb` (index, new, create → the set's translations,
//! edit, update → sets, destroy, duplicate), `translations_controller.rb` (index, new, create, edit, update,
//! destroy, export, import page), `add_translations_controller.rb` (index, create, search) and
//! `caches_controller.rb` (index → sets, clear). Sets are records of kind `osp_tc_translation_set`
//! (`name_<l>`, `constraints` as JSON); translations records of kind `osp_tc_translation` under their set
//! (`key`, `value_<l>`).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

use super::forms::{insert_record, model_fields, pairs};
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::page::form_locales;
use crate::session::Ctx;
use crate::state::records::Record;
use crate::state::{Flash, ReplicaState};

const SET_KIND: &str = "osp_tc_translation_set";
const TR_KIND: &str = "osp_tc_translation";
const BASE: &str = "/admin/term_customizer";
const SETS: &str = "/admin/term_customizer/sets";
/// The main-menu item (partials/admin_menu.html).
const SECTION: &str = "term_customizer";

pub(super) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route(BASE, get(index))
        .route(SETS, get(index).post(create))
        .route("/admin/term_customizer/sets/new", get(new))
        .route("/admin/term_customizer/sets/{id}/edit", get(edit))
        .route(
            "/admin/term_customizer/sets/{id}",
            axum::routing::patch(update).put(update).delete(destroy),
        )
        .route(
            "/admin/term_customizer/sets/{id}/duplicate",
            post(duplicate),
        )
        .route("/admin/term_customizer/caches", get(caches))
        .route("/admin/term_customizer/caches/clear", delete(clear_cache))
        .route(
            "/admin/term_customizer/sets/{id}/translations",
            get(translations).post(create_translation),
        )
        .route(
            "/admin/term_customizer/sets/{id}/translations/new",
            get(new_translation),
        )
        .route(
            "/admin/term_customizer/sets/{id}/translations/{tid}/edit",
            get(edit_translation),
        )
        .route(
            "/admin/term_customizer/sets/{id}/translations/{tid}",
            axum::routing::patch(update_translation)
                .put(update_translation)
                .delete(destroy_translation),
        )
        // `export_translation_set_translations_path(set, format:)`: the format is the path's extension.
        .route(
            "/admin/term_customizer/sets/{id}/translations/export",
            post(export),
        )
        .route(
            "/admin/term_customizer/sets/{id}/translations/export.CSV",
            post(export),
        )
        .route(
            "/admin/term_customizer/sets/{id}/translations/export.JSON",
            post(export),
        )
        .route(
            "/admin/term_customizer/sets/{id}/translations/export.Excel",
            post(export),
        )
        .route(
            "/admin/term_customizer/sets/{id}/translations/import",
            get(new_import).post(import),
        )
        .route(
            "/admin/term_customizer/sets/{id}/translations/translations_destroy",
            delete(bulk_destroy),
        )
        .route(
            "/admin/term_customizer/sets/{id}/add_translations",
            get(add_translations).post(create_added),
        )
        .route(
            "/admin/term_customizer/sets/{id}/add_translations/search",
            get(search),
        )
}

/// One constraint of a set: a participatory space type, optionally one space and one of its components.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Constraint {
    manifest: String,
    subject_id: String,
    component_id: String,
}

/// The breadcrumb: the main-menu item, a link except on the sets index itself (`is_active_link?(url, :exclusive)`).
fn crumbs(ctx: &Ctx, on_index: bool) -> Vec<(String, Option<String>)> {
    let label = ctx.t("osp.menu.term_customizer");
    vec![(label, (!on_index).then(|| SETS.to_string()))]
}

fn page(ctx: &Ctx, template: &str, on_index: bool, extra: Value, now: Vec<Flash>) -> Response {
    admin_page(ctx, template, SECTION, crumbs(ctx, on_index), extra, now)
}

fn set_of(ctx: &Ctx, id: u64) -> Option<Record> {
    ctx.state.store().records.get(SET_KIND, id).cloned()
}

fn translations_of(ctx: &Ctx, set_id: u64) -> Vec<Record> {
    ctx.state.store().records.list(TR_KIND, None, Some(set_id))
}

fn not_found() -> Response {
    axum::http::StatusCode::NOT_FOUND.into_response()
}

// ---------------------------------------------------------------- translation sets

async fn index(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let sets: Vec<Value> = ctx
        .state
        .store()
        .records
        .of_kind(SET_KIND)
        .map(|r| {
            context! {
                id => r.id,
                name => ctx.tr(&r.translated("name")),
            }
        })
        .collect();
    page(
        &ctx,
        "admin/term_customizer/sets_index.html",
        true,
        context! { sets => sets },
        vec![],
    )
}

async fn caches(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    ctx.redirect(SETS)
}

async fn clear_cache(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.caches.clear.success"),
    );
    ctx.redirect(SETS)
}

/// The selects of a constraint card: space types that have spaces (the replica's processes), their spaces and
/// components.
fn subject_options(ctx: &Ctx) -> Value {
    let store = ctx.state.store();
    let processes: Vec<Value> = store
        .processes
        .iter()
        .map(|p| {
            let components: Vec<Value> = store
                .components_of(p.id)
                .iter()
                .map(|c| context! { id => c.id, name => ctx.tr(&c.name) })
                .collect();
            context! { id => p.id, title => ctx.tr(&p.title), components => components }
        })
        .collect();
    let manifests = if processes.is_empty() {
        vec![]
    } else {
        vec![context! {
            name => "participatory_processes",
            label => ctx.t("activerecord.models.decidim/participatory_process.other"),
            models => processes,
        }]
    };
    Value::from(manifests)
}

fn render_set_form(
    ctx: &Ctx,
    set_id: Option<u64>,
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    constraints: &[Constraint],
    now: Vec<Flash>,
) -> Response {
    let cards: Vec<Value> = constraints
        .iter()
        .enumerate()
        .map(|(i, c)| {
            context! {
                index => if set_id.is_some() { (i + 1).to_string() } else { "constraint-id".to_string() },
                manifest => c.manifest.clone(),
                subject_id => c.subject_id.clone(),
                component_id => c.component_id.clone(),
            }
        })
        .collect();
    page(
        ctx,
        "admin/term_customizer/set_form.html",
        false,
        context! {
            set_id => set_id,
            form => context! { values => values.clone(), errors => errors.clone() },
            form_locales => form_locales(ctx),
            constraints => cards,
            manifests => subject_options(ctx),
        },
        now,
    )
}

async fn new(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    render_set_form(
        &ctx,
        None,
        &BTreeMap::new(),
        &BTreeMap::new(),
        &[Constraint::default()],
        vec![],
    )
}

async fn edit(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    let constraints = stored_constraints(&set);
    render_set_form(
        &ctx,
        Some(id),
        &set.values,
        &BTreeMap::new(),
        &constraints,
        vec![],
    )
}

fn stored_constraints(set: &Record) -> Vec<Constraint> {
    serde_json::from_str(set.get("constraints")).unwrap_or_default()
}

/// `constraints[<i>][subject_manifest]`, `…[subject_model][<manifest>][subject_id]`,
/// `…[subject_model][<manifest>][component_model][<space id>][component_id]`, `…[deleted]`.
fn submitted_constraints(pairs: &[(String, String)]) -> Vec<Constraint> {
    let mut by_index: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    for (k, v) in pairs {
        let Some(rest) = k.strip_prefix("constraints[") else {
            continue;
        };
        let Some((index, field)) = rest.split_once("][") else {
            continue;
        };
        let field = field.trim_end_matches(']').replace("][", ".");
        match by_index.iter_mut().find(|(i, _)| i == index) {
            Some((_, f)) => {
                f.insert(field, v.clone());
            }
            None => by_index.push((index.to_string(), BTreeMap::from([(field, v.clone())]))),
        }
    }
    let mut out: Vec<Constraint> = by_index
        .into_iter()
        .filter(|(_, f)| f.get("deleted").is_none_or(|d| d != "true"))
        .map(|(_, f)| {
            let manifest = f.get("subject_manifest").cloned().unwrap_or_default();
            let subject_id = f
                .get(&format!("subject_model.{manifest}.subject_id"))
                .cloned()
                .unwrap_or_default();
            let component_id = f
                .get(&format!(
                    "subject_model.{manifest}.component_model.{subject_id}.component_id"
                ))
                .cloned()
                .unwrap_or_default();
            Constraint {
                manifest,
                subject_id,
                component_id,
            }
        })
        .collect();
    // CreateTranslationSet: "Make sure that the organization constraint at least exists always".
    if out.is_empty() {
        out.push(Constraint::default());
    }
    out
}

/// The set's name from `translation_set[name_<l>]`, with the `translatable_presence` error on the default locale.
fn submitted_set(
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let fields = model_fields(pairs, "translation_set");
    let values: BTreeMap<String, String> = LOCALES
        .iter()
        .map(|l| {
            let k = format!("name_{l}");
            let v = fields.get(&k).cloned().unwrap_or_default();
            (k, v)
        })
        .collect();
    let mut errors = BTreeMap::new();
    let key = format!("name_{}", ctx.state.default_locale());
    if values.get(&key).is_none_or(|v| v.trim().is_empty()) {
        errors.insert(key, ctx.t("errors.messages.blank"));
    }
    (values, errors)
}

async fn create(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let pairs = pairs(&body);
    let (mut values, errors) = submitted_set(&ctx, &pairs);
    let constraints = submitted_constraints(&pairs);
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.term_customizer.admin.translation_sets.create.error"),
        )];
        return render_set_form(&ctx, None, &values, &errors, &constraints, now);
    }
    values.insert(
        "constraints".into(),
        serde_json::to_string(&constraints).unwrap_or_default(),
    );
    let id = insert_record(&ctx, SET_KIND, None, values);
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.translation_sets.create.success"),
    );
    ctx.redirect(&format!("{SETS}/{id}/translations"))
}

async fn update(ctx: Ctx, Path(id): Path<u64>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if set_of(&ctx, id).is_none() {
        return not_found();
    }
    let pairs = pairs(&body);
    let (mut values, errors) = submitted_set(&ctx, &pairs);
    let constraints = submitted_constraints(&pairs);
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.term_customizer.admin.translation_sets.update.error"),
        )];
        return render_set_form(&ctx, Some(id), &values, &errors, &constraints, now);
    }
    values.insert(
        "constraints".into(),
        serde_json::to_string(&constraints).unwrap_or_default(),
    );
    if let Some(r) = ctx.state.store().records.get_mut(SET_KIND, id) {
        r.values = values;
    }
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.translation_sets.update.success"),
    );
    ctx.redirect(SETS)
}

async fn destroy(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    {
        let mut store = ctx.state.store();
        if store.records.remove(SET_KIND, id).is_none() {
            return not_found();
        }
        let children: Vec<u64> = store
            .records
            .list(TR_KIND, None, Some(id))
            .iter()
            .map(|r| r.id)
            .collect();
        for c in children {
            store.records.remove(TR_KIND, c);
        }
    }
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.translation_sets.destroy.success"),
    );
    ctx.redirect(SETS)
}

async fn duplicate(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    // "Copy of %{name}" in each organization locale, from the set's name in that locale.
    let mut values = set.values.clone();
    for l in LOCALES {
        let name = set.get(&format!("name_{l}")).to_string();
        values.insert(
            format!("name_{l}"),
            ctx.state.i18n().t_with(
                l,
                "decidim.term_customizer.admin.translation_sets.duplicate.copied_set_name",
                &[("name", &name)],
            ),
        );
    }
    let new_id = insert_record(&ctx, SET_KIND, None, values);
    for t in translations_of(&ctx, id) {
        insert_record(&ctx, TR_KIND, Some(new_id), t.values);
    }
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.translation_sets.duplicate.success"),
    );
    ctx.redirect(SETS)
}

// ---------------------------------------------------------------- translations

/// The term Decidim shows for `key` in `locale` (the replica's own strings), or "".
fn original_term(ctx: &Ctx, locale: &str, key: &str) -> String {
    let v = ctx.state.i18n().t(locale, key);
    if v == key {
        String::new()
    } else {
        v
    }
}

fn set_context(ctx: &Ctx, set: &Record) -> Value {
    context! { id => set.id, name => ctx.tr(&set.translated("name")) }
}

async fn translations(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    let rows: Vec<Value> = translations_of(&ctx, id)
        .iter()
        .map(|t| {
            let key = t.get("key").to_string();
            context! {
                id => t.id,
                key => key.clone(),
                original => original_term(&ctx, &ctx.locale, &key),
                term => t.get(&format!("value_{}", ctx.locale)).to_string(),
            }
        })
        .collect();
    page(
        &ctx,
        "admin/term_customizer/translations_index.html",
        false,
        context! { set => set_context(&ctx, &set), translations => rows },
        vec![],
    )
}

fn render_translation_form(
    ctx: &Ctx,
    set: &Record,
    translation_id: Option<u64>,
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    page(
        ctx,
        "admin/term_customizer/translation_form.html",
        false,
        context! {
            set => set_context(ctx, set),
            translation_id => translation_id,
            form => context! { values => values.clone(), errors => errors.clone() },
            form_locales => form_locales(ctx),
        },
        now,
    )
}

async fn new_translation(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    render_translation_form(&ctx, &set, None, &BTreeMap::new(), &BTreeMap::new(), vec![])
}

async fn edit_translation(ctx: Ctx, Path((id, tid)): Path<(u64, u64)>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    let Some(t) = ctx.state.store().records.get(TR_KIND, tid).cloned() else {
        return not_found();
    };
    render_translation_form(&ctx, &set, Some(tid), &t.values, &BTreeMap::new(), vec![])
}

/// `TranslationForm`: key present, matching `\A([a-z0-9_/?-]+\.)*[a-z0-9_/?-]+\z`, unique in the set; value
/// present in the default locale.
fn submitted_translation(
    ctx: &Ctx,
    set_id: u64,
    translation_id: Option<u64>,
    pairs: &[(String, String)],
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let fields = model_fields(pairs, "translation");
    let mut values = BTreeMap::new();
    let key = fields.get("key").cloned().unwrap_or_default();
    values.insert("key".to_string(), key.clone());
    for l in LOCALES {
        let k = format!("value_{l}");
        values.insert(k.clone(), fields.get(&k).cloned().unwrap_or_default());
    }
    let mut errors = BTreeMap::new();
    let valid_part = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_/?-".contains(c))
    };
    if key.trim().is_empty() {
        errors.insert("key".to_string(), ctx.t("errors.messages.blank"));
    } else if !key.split('.').all(valid_part) {
        errors.insert("key".to_string(), ctx.t("errors.messages.invalid"));
    } else if translations_of(ctx, set_id)
        .iter()
        .any(|t| t.get("key") == key && Some(t.id) != translation_id)
    {
        errors.insert("key".to_string(), ctx.t("errors.messages.taken"));
    }
    let vkey = format!("value_{}", ctx.state.default_locale());
    if values.get(&vkey).is_none_or(|v| v.trim().is_empty()) {
        errors.insert(vkey, ctx.t("errors.messages.blank"));
    }
    (values, errors)
}

async fn create_translation(ctx: Ctx, Path(id): Path<u64>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    let (values, errors) = submitted_translation(&ctx, id, None, &pairs(&body));
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.term_customizer.admin.translations.create.error"),
        )];
        return render_translation_form(&ctx, &set, None, &values, &errors, now);
    }
    insert_record(&ctx, TR_KIND, Some(id), values);
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.translations.create.success"),
    );
    ctx.redirect(&format!("{SETS}/{id}/translations"))
}

async fn update_translation(ctx: Ctx, Path((id, tid)): Path<(u64, u64)>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    if ctx.state.store().records.get(TR_KIND, tid).is_none() {
        return not_found();
    }
    let (values, errors) = submitted_translation(&ctx, id, Some(tid), &pairs(&body));
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.term_customizer.admin.translations.update.error"),
        )];
        return render_translation_form(&ctx, &set, Some(tid), &values, &errors, now);
    }
    if let Some(r) = ctx.state.store().records.get_mut(TR_KIND, tid) {
        r.values = values;
    }
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.translations.update.success"),
    );
    ctx.redirect(&format!("{SETS}/{id}/translations"))
}

async fn destroy_translation(ctx: Ctx, Path((id, tid)): Path<(u64, u64)>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if ctx.state.store().records.remove(TR_KIND, tid).is_none() {
        return not_found();
    }
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.translations.destroy.success"),
    );
    ctx.redirect(&format!("{SETS}/{id}/translations"))
}

/// `translations_destroys#destroy`: the bulk action's `translation_ids[]`.
async fn bulk_destroy(ctx: Ctx, Path(id): Path<u64>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let ids: Vec<u64> = pairs(&body)
        .into_iter()
        .filter(|(k, _)| k == "translation_ids[]")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    if ids.is_empty() {
        ctx.flash(
            "alert",
            ctx.t("decidim.term_customizer.admin.translations_destroys.destroy.error"),
        );
    } else {
        let mut store = ctx.state.store();
        for tid in ids {
            store.records.remove(TR_KIND, tid);
        }
        drop(store);
        ctx.flash(
            "success",
            ctx.t("decidim.term_customizer.admin.translations_destroys.destroy.success"),
        );
    }
    ctx.redirect(&format!("{SETS}/{id}/translations"))
}

async fn export(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    ctx.flash("success", ctx.t("decidim.admin.exports.notice"));
    ctx.redirect(&format!("{SETS}/{id}/translations"))
}

fn render_import(ctx: &Ctx, set: &Record, error: Option<String>, now: Vec<Flash>) -> Response {
    let mime = ["csv", "json", "xlsx"]
        .iter()
        .map(|m| {
            ctx.t(&format!(
                "decidim.term_customizer.admin.translations.new_import.accepted_mime_types.{m}"
            ))
        })
        .collect::<Vec<_>>()
        .join(", ");
    page(
        ctx,
        "admin/term_customizer/import.html",
        false,
        context! { set => set_context(ctx, set), mime_types => mime, error => error },
        now,
    )
}

async fn new_import(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    render_import(&ctx, &set, None, vec![])
}

/// The replica takes no file uploads: an import is always the module's "file is blank" case.
async fn import(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    let now = vec![Flash::alert(
        ctx.t("decidim.term_customizer.admin.translations.import.error"),
    )];
    render_import(&ctx, &set, Some(ctx.t("errors.messages.blank")), now)
}

fn render_add(ctx: &Ctx, set: &Record, now: Vec<Flash>) -> Response {
    page(
        ctx,
        "admin/term_customizer/add_translations.html",
        false,
        context! { set => set_context(ctx, set) },
        now,
    )
}

async fn add_translations(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    render_add(&ctx, &set, vec![])
}

/// `ImportTranslationKeys`: one translation per submitted `keys[]` not yet in the set, valued with the current
/// term in each locale.
async fn create_added(ctx: Ctx, Path(id): Path<u64>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(set) = set_of(&ctx, id) else {
        return not_found();
    };
    let existing: Vec<String> = translations_of(&ctx, id)
        .iter()
        .map(|t| t.get("key").to_string())
        .collect();
    let mut keys: Vec<String> = pairs(&body)
        .into_iter()
        .filter(|(k, v)| k == "keys[]" && !v.trim().is_empty())
        .map(|(_, v)| v)
        .filter(|k| !existing.contains(k))
        .collect();
    keys.dedup();
    if keys.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.term_customizer.admin.translations.create.error"),
        )];
        return render_add(&ctx, &set, now);
    }
    for key in keys {
        let mut values = BTreeMap::from([("key".to_string(), key.clone())]);
        for l in LOCALES {
            values.insert(format!("value_{l}"), original_term(&ctx, l, &key));
        }
        insert_record(&ctx, TR_KIND, Some(id), values);
    }
    ctx.flash(
        "success",
        ctx.t("decidim.term_customizer.admin.translations.create.success"),
    );
    ctx.redirect(&format!("{SETS}/{id}/translations"))
}

#[derive(Deserialize)]
struct SearchQuery {
    term: Option<String>,
}

/// `add_translations#search`: `[{value: key, label: "term (key)"}]` for the terms containing `term`, minus the
/// keys already in the set.
async fn search(ctx: Ctx, Path(id): Path<u64>, Query(q): Query<SearchQuery>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(term) = q.term.map(|t| t.to_lowercase()) else {
        return Json(Vec::<serde_json::Value>::new()).into_response();
    };
    let existing: Vec<String> = translations_of(&ctx, id)
        .iter()
        .map(|t| t.get("key").to_string())
        .collect();
    let i18n = ctx.state.i18n();
    let found: Vec<serde_json::Value> = i18n
        .keys(&ctx.locale)
        .into_iter()
        .filter(|k| !existing.contains(k))
        .filter_map(|k| {
            let v = i18n.t(&ctx.locale, &k);
            v.to_lowercase().contains(&term).then(|| {
                serde_json::json!({
                    "value": k,
                    "label": crate::error::html_escape(&format!("{v} ({k})")),
                })
            })
        })
        .take(50)
        .collect();
    Json(found).into_response()
}
