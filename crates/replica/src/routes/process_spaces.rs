//! Participatory-process pages that are not CRUD lists (the lists — phases, groups, types, attachments,
//! folders, process admins, private participants — are resource definitions in `fixtures/resources/`):
//!
//! - duplicate a process (`…/:slug/copies/new`, POST `…/:slug/copies`), copying its phases, categories and
//!   components on request;
//! - import a process (`/admin/participatory_processes/imports/new`): the form; the replica cannot read the
//!   exported file, so a submission without a readable document fails like Decidim's;
//! - the landing page (`…/:slug/landing_page/edit`): active and inactive content blocks, "Add content block",
//!   the HTML block's settings form, delete;
//! - the space moderations list (`…/:slug/moderations`, `?hidden=true`): a fresh process has no report;
//! - the private participants CSV page (`…/participatory_space_private_users/csv_import/new`): count, delete all,
//!   upload form.
//!
//! Data: content blocks are generic records of kind [`BLOCK_KIND`] (value `manifest`, flag `published`,
//! settings `html_content_<locale>`); private participants are `space_private_user` records.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Form, Router};
use minijinja::{context, Value};

use super::processes::process_menu;

use crate::text::valid_slug;

use crate::error::ReplicaError;
use crate::i18n::Translated;
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::page::form_locales;
use crate::session::Ctx;
use crate::state::records::{Record, SpaceRef};
use crate::state::{Flash, Process, ReplicaState, User};
use crate::text::form_map;

const BASE: &str = "/admin/participatory_processes";
const SPACE: &str = "participatory_processes";
/// Record kind of landing-page content blocks.
pub(crate) const BLOCK_KIND: &str = "content_block";
const PRIVATE_USER_KIND: &str = "space_private_user";

/// Content blocks of the `participatory_process_homepage` scope, in registration order: (manifest, i18n key of
/// the public name, has a settings form in the replica, created by default with a new process).
const BLOCKS: &[(&str, &str, bool, bool)] = &[
    ("html", "decidim.content_blocks.html.name", true, false),
    (
        "hero",
        "decidim.participatory_processes.content_blocks.hero.name",
        false,
        true,
    ),
    (
        "announcement",
        "decidim.content_blocks.announcement.name",
        false,
        false,
    ),
    (
        "main_data",
        "decidim.content_blocks.main_data.name",
        false,
        true,
    ),
    (
        "extra_data",
        "decidim.participatory_processes.content_blocks.extra_data.name",
        false,
        false,
    ),
    (
        "metadata",
        "decidim.content_blocks.metadata.name",
        false,
        true,
    ),
    (
        "last_activity",
        "decidim.content_blocks.last_activity.name",
        false,
        false,
    ),
    (
        "stats",
        "decidim.content_blocks.participatory_space_stats.name",
        false,
        false,
    ),
    (
        "metrics",
        "decidim.content_blocks.participatory_space_metrics.name",
        false,
        false,
    ),
    (
        "related_processes",
        "decidim.participatory_processes.content_blocks.related_processes.name",
        false,
        false,
    ),
    (
        "related_documents",
        "decidim.application.documents.related_documents",
        false,
        false,
    ),
    (
        "related_images",
        "decidim.application.photos.related_photos",
        false,
        false,
    ),
    (
        "highlighted_meetings",
        "decidim.meetings.content_blocks.upcoming_meetings.name",
        false,
        false,
    ),
    (
        "highlighted_posts",
        "decidim.blogs.content_blocks.highlighted_posts.name",
        false,
        false,
    ),
    (
        "highlighted_proposals",
        "decidim.proposals.content_blocks.highlighted_proposals.name",
        false,
        false,
    ),
    (
        "highlighted_results",
        "decidim.accountability.content_blocks.highlighted_results.results",
        false,
        false,
    ),
    (
        "related_assemblies",
        "decidim.assemblies.content_blocks.related_assemblies.name",
        false,
        false,
    ),
];

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route(&format!("{BASE}/{{slug}}/copies/new"), get(copy_new))
        .route(&format!("{BASE}/{{slug}}/copies"), post(copy_create))
        .route(&format!("{BASE}/imports/new"), get(import_new))
        .route(&format!("{BASE}/imports"), post(import_create))
        .route(
            &format!("{BASE}/{{slug}}/landing_page/edit"),
            get(landing_edit),
        )
        .route(&format!("{BASE}/{{slug}}/landing_page"), put(landing_sort))
        .route(
            &format!("{BASE}/{{slug}}/landing_page/content_blocks"),
            post(block_create),
        )
        .route(
            &format!("{BASE}/{{slug}}/landing_page/content_blocks/{{id}}/edit"),
            get(block_edit),
        )
        .route(
            &format!("{BASE}/{{slug}}/landing_page/content_blocks/{{id}}"),
            put(block_update).patch(block_update).delete(block_destroy),
        )
        .route(&format!("{BASE}/{{slug}}/moderations"), get(moderations))
        .route(
            &format!("{BASE}/{{slug}}/participatory_space_private_users/csv_import/new"),
            get(csv_new),
        )
        .route(
            &format!("{BASE}/{{slug}}/participatory_space_private_users/csv_import"),
            post(csv_create),
        )
        .route(
            &format!("{BASE}/{{slug}}/participatory_space_private_users/csv_import/destroy_all"),
            axum::routing::delete(csv_destroy_all),
        )
}

fn find(ctx: &Ctx, slug: &str) -> Result<Process, Response> {
    ctx.state
        .store()
        .process_by_slug(slug)
        .cloned()
        .ok_or_else(|| ReplicaError::NotFound.into_response())
}

/// The admin and the process, or the response to send instead.
fn guard(ctx: &Ctx, slug: &str) -> Result<(User, Process), Response> {
    let user = ctx.require_admin(true)?;
    Ok((user, find(ctx, slug)?))
}

fn space_of(p: &Process) -> SpaceRef {
    SpaceRef {
        kind: SPACE.into(),
        id: p.id,
    }
}

/// Breadcrumb: Processes › the process › `items`.
fn crumbs(
    ctx: &Ctx,
    p: &Process,
    items: Vec<(String, Option<String>)>,
) -> Vec<(String, Option<String>)> {
    let mut v = vec![
        (
            ctx.t("decidim.admin.menu.participatory_processes"),
            Some(BASE.to_string()),
        ),
        (ctx.tr(&p.title), Some(format!("{BASE}/{}/edit", p.slug))),
    ];
    v.extend(items);
    v
}

/// A page of the process, with its sidebar (`active` item).
fn process_page(
    ctx: &Ctx,
    p: &Process,
    template: &str,
    active: &str,
    items: Vec<(String, Option<String>)>,
    data: Value,
    now: Vec<Flash>,
) -> Response {
    admin_page(
        ctx,
        template,
        "processes",
        crumbs(ctx, p, items),
        minijinja::value::merge_maps([
            data,
            context! {
                process_menu => process_menu(ctx, p, active),
                process => context! { slug => p.slug.clone(), title => ctx.tr(&p.title) },
            },
        ]),
        now,
    )
}

/// `<model>[<key>]` values of a submission.
fn model_values(pairs: Vec<(String, String)>, model: &str) -> BTreeMap<String, String> {
    let prefix = format!("{model}[");
    form_map(pairs)
        .into_iter()
        .filter_map(|(k, v)| {
            k.strip_prefix(&prefix)
                .and_then(|k| k.strip_suffix(']'))
                .map(|k| (k.to_string(), v))
        })
        .collect()
}

fn translated_of(values: &BTreeMap<String, String>, field: &str) -> Translated {
    LOCALES
        .iter()
        .filter_map(|l| {
            let v = values
                .get(&format!("{field}_{l}"))
                .cloned()
                .unwrap_or_default();
            (!v.trim().is_empty()).then(|| (l.to_string(), v))
        })
        .collect()
}

/// Title (default locale) and slug checks shared by the copy and import forms.
fn validate_title_slug(ctx: &Ctx, values: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut errors = BTreeMap::new();
    let default = ctx.state.default_locale().to_string();
    let blank = ctx.t("errors.messages.blank");
    let title_key = format!("title_{default}");
    if values.get(&title_key).is_none_or(|v| v.trim().is_empty()) {
        errors.insert(title_key, blank.clone());
    }
    let slug = values.get("slug").cloned().unwrap_or_default();
    if slug.trim().is_empty() {
        errors.insert("slug".into(), blank);
    } else if !valid_slug(&slug) {
        errors.insert("slug".into(), ctx.t("errors.messages.invalid"));
    } else if ctx.state.store().process_by_slug(&slug).is_some() {
        errors.insert("slug".into(), ctx.t("errors.messages.taken"));
    }
    errors
}

// ─── duplicate ──────────────────────────────────────────────────────────────────────────────────────────

fn render_copy(
    ctx: &Ctx,
    p: &Process,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    let title = ctx.t("decidim.admin.participatory_process_copies.new.title");
    admin_page(
        ctx,
        "admin/processes/copy.html",
        "processes",
        vec![
            (
                ctx.t("decidim.admin.menu.participatory_processes"),
                Some(BASE.to_string()),
            ),
            (title.clone(), None),
        ],
        context! {
            title => title,
            action => format!("{BASE}/{}/copies", p.slug),
            // Built `from_model(process)`: Rails names the form after the copied process's id.
            form_id => format!("edit_participatory_process_{}", p.id),
            form => context! { values => values, errors => errors },
            form_locales => form_locales(ctx),
        },
        now,
    )
}

async fn copy_new(ctx: Ctx, Path(slug): Path<String>) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    // Decidim prefills the form `from_model(process)`: the title and the slug, which is taken, so the admin
    // must change it.
    let mut values = BTreeMap::new();
    for (l, v) in &p.title {
        values.insert(format!("title_{l}"), v.clone());
    }
    values.insert("slug".into(), p.slug.clone());
    render_copy(&ctx, &p, values, BTreeMap::new(), vec![])
}

async fn copy_create(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (user, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let values = model_values(pairs, "participatory_process");
    let errors = validate_title_slug(&ctx, &values);
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.participatory_processes_copies.create.error"),
        )];
        return render_copy(&ctx, &p, values, errors, now);
    }
    let on = |k: &str| values.get(k).is_some_and(|v| v == "1");
    // OSP's "Copy landing page blocks" (decidim-app copy_participatory_process_extends.rb:18,27-44): the
    // source's blocks (created now if its landing page was never opened), active ones staying active.
    let copy_blocks =
        ctx.state.flavour() == crate::flavour::Flavour::Osp && on("copy_landing_page_blocks");
    if copy_blocks {
        blocks_of(&ctx, &p);
    }
    {
        let mut store = ctx.state.store();
        let id = store.next_id();
        let copy = Process {
            id,
            slug: values.get("slug").cloned().unwrap_or_default(),
            title: translated_of(&values, "title"),
            published: false,
            promoted: false,
            created_at: Some(time::OffsetDateTime::now_utc()),
            ..p.clone()
        };
        let title = copy.title.clone();
        store.processes.push(copy);
        let (from, to) = (
            space_of(&p),
            SpaceRef {
                kind: SPACE.into(),
                id,
            },
        );
        let mut kinds = Vec::new();
        if on("copy_steps") {
            kinds.push(crate::state::STEP_KIND);
        }
        if on("copy_categories") {
            kinds.push("category");
        }
        if copy_blocks {
            kinds.push(BLOCK_KIND);
            kinds.push("content_block_defaults");
        }
        copy_records(&mut store, &kinds, &from, &to);
        if on("copy_components") {
            let comps = store.components_of(p.id);
            for c in comps {
                let cid = store.next_id();
                store.components.push(crate::state::Component {
                    id: cid,
                    process_id: id,
                    published: false,
                    // Step settings refer to the original phases: Decidim drops them unless phases are copied.
                    step_settings: BTreeMap::new(),
                    ..c
                });
            }
        }
        store.log_admin(&user.name, "process.duplicate", title, Translated::new());
    }
    ctx.flash(
        "success",
        ctx.t("decidim.admin.participatory_processes_copies.create.success"),
    );
    ctx.redirect(BASE)
}

/// Copies the records of `kinds` from one space to another, keeping parent links inside each kind.
fn copy_records(store: &mut crate::state::Store, kinds: &[&str], from: &SpaceRef, to: &SpaceRef) {
    for kind in kinds {
        let originals: Vec<Record> = store
            .records
            .of_kind(kind)
            .filter(|r| r.space.as_ref() == Some(from))
            .cloned()
            .collect();
        let mut ids: BTreeMap<u64, u64> = BTreeMap::new();
        for r in &originals {
            ids.insert(r.id, store.next_id());
        }
        for r in originals {
            let mut values = r.values.clone();
            // Self-references held in values (a subcategory's `parent_id`).
            for (_, v) in values.iter_mut().filter(|(k, _)| k.ends_with("_id")) {
                if let Some(new) = v.parse::<u64>().ok().and_then(|old| ids.get(&old)) {
                    *v = new.to_string();
                }
            }
            store.records.insert(Record {
                id: ids[&r.id],
                kind: r.kind.clone(),
                space: Some(to.clone()),
                parent_id: r.parent_id.map(|p| ids.get(&p).copied().unwrap_or(p)),
                values,
                flags: r.flags.clone(),
            });
        }
    }
}

// ─── import ─────────────────────────────────────────────────────────────────────────────────────────────

fn render_import(
    ctx: &Ctx,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    let title = ctx.t("decidim.admin.participatory_process_imports.new.title");
    admin_page(
        ctx,
        "admin/processes/import.html",
        "processes",
        vec![
            (
                ctx.t("decidim.admin.menu.participatory_processes"),
                Some(BASE.to_string()),
            ),
            (title.clone(), None),
        ],
        context! {
            title => title,
            action => format!("{BASE}/imports"),
            form => context! { values => values, errors => errors },
            form_locales => form_locales(ctx),
        },
        now,
    )
}

async fn import_new(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let values = [
        "import_steps",
        "import_categories",
        "import_attachments",
        "import_components",
    ]
    .into_iter()
    .map(|k| (k.to_string(), "1".to_string()))
    .collect();
    render_import(&ctx, values, BTreeMap::new(), vec![])
}

/// The replica cannot read a JSON export: the document is always reported missing or unreadable.
async fn import_create(ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let values = model_values(pairs, "participatory_process");
    let mut errors = validate_title_slug(&ctx, &values);
    errors.insert("document".into(), ctx.t("errors.messages.blank"));
    let now = vec![Flash::alert(
        ctx.t("decidim.admin.participatory_process_imports.create.error"),
    )];
    render_import(&ctx, values, errors, now)
}

// ─── landing page ───────────────────────────────────────────────────────────────────────────────────────

fn block_def(manifest: &str) -> Option<&'static (&'static str, &'static str, bool, bool)> {
    BLOCKS.iter().find(|b| b.0 == manifest)
}

/// The process's content blocks; the default ones are created the first time (Decidim 0.29 creates them
/// with the process): core's three, active, or OSP's twelve active and five inactive.
fn blocks_of(ctx: &Ctx, p: &Process) -> Vec<Record> {
    let space = space_of(p);
    let mut store = ctx.state.store();
    let list = |store: &crate::state::Store| store.records.list(BLOCK_KIND, Some(&space), None);
    if list(&store).is_empty()
        && !store
            .records
            .of_kind("content_block_defaults")
            .any(|r| r.space.as_ref() == Some(&space))
    {
        // Both flavours get core's default blocks. decidim-app's config/initializers/
        // participatory_processes_registry_manager_override.rb redefines RegistryManager.register! to mark
        // almost every block default, but the engine's initializer "decidim_participatory_processes.content_blocks"
        // has already called it (engine initializers run before the app's config/initializers), so the
        // override never takes effect (read from Rails' initializer order, not observed on the demo).
        let defaults: Vec<(&str, bool)> =
            BLOCKS.iter().filter(|b| b.3).map(|b| (b.0, true)).collect();
        for (manifest, published) in defaults {
            let id = store.next_id();
            store.records.insert(Record {
                id,
                kind: BLOCK_KIND.into(),
                space: Some(space.clone()),
                parent_id: None,
                values: BTreeMap::from([("manifest".to_string(), manifest.to_string())]),
                flags: BTreeMap::from([("published".to_string(), published)]),
            });
        }
        // Remember that the defaults were created, so deleting them all does not bring them back.
        let id = store.next_id();
        store.records.insert(Record {
            id,
            kind: "content_block_defaults".into(),
            space: Some(space.clone()),
            parent_id: None,
            values: BTreeMap::new(),
            flags: BTreeMap::new(),
        });
    }
    list(&store)
}

fn block_view(ctx: &Ctx, p: &Process, r: &Record) -> Value {
    let manifest = r.get("manifest").to_string();
    let def = block_def(&manifest);
    let base = format!("{BASE}/{}/landing_page/content_blocks/{}", p.slug, r.id);
    context! {
        id => r.id,
        name => def.map(|d| ctx.t(d.1)).unwrap_or(manifest.clone()),
        has_settings => def.is_some_and(|d| d.2),
        edit_url => ctx.url(&format!("{base}/edit")),
        url => ctx.url(&base),
    }
}

async fn landing_edit(ctx: Ctx, Path(slug): Path<String>) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let blocks = blocks_of(&ctx, &p);
    let (active, inactive): (Vec<&Record>, Vec<&Record>) =
        blocks.iter().partition(|r| r.flag("published"));
    let manifests: Vec<Value> = BLOCKS
        .iter()
        .map(|(m, key, _, _)| {
            context! {
                name => ctx.t(key),
                url => ctx.url(&format!("{BASE}/{}/landing_page/content_blocks?manifest_name={m}", p.slug)),
            }
        })
        .collect();
    let title = ctx.t("decidim.admin.content_blocks.edit.title");
    process_page(
        &ctx,
        &p,
        "admin/processes/landing_page.html",
        "landing_page",
        vec![(
            ctx.t("decidim.admin.menu.participatory_processes_submenu.landing_page"),
            None,
        )],
        context! {
            title => title,
            page_title => ctx.t("decidim.admin.titles.edit_landing_page"),
            sort_url => ctx.url(&format!("{BASE}/{}/landing_page", p.slug)),
            manifests => manifests,
            active => active.iter().map(|r| block_view(&ctx, &p, r)).collect::<Vec<_>>(),
            inactive => inactive.iter().map(|r| block_view(&ctx, &p, r)).collect::<Vec<_>>(),
        },
        vec![],
    )
}

/// Drag-and-drop ordering (JSON `ids_order`): blocks listed become active, in that order.
async fn landing_sort(ctx: Ctx, Path(slug): Path<String>, body: axum::body::Bytes) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let ids: Vec<u64> = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("ids_order").cloned())
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
        .collect();
    let space = space_of(&p);
    let mut store = ctx.state.store();
    let all: Vec<u64> = store
        .records
        .list(BLOCK_KIND, Some(&space), None)
        .iter()
        .map(|r| r.id)
        .collect();
    for id in all {
        if let Some(r) = store.records.get_mut(BLOCK_KIND, id) {
            let pos = ids.iter().position(|i| *i == id);
            r.flags.insert("published".into(), pos.is_some());
            r.values.insert(
                "weight".into(),
                pos.map(|p| p.to_string()).unwrap_or_default(),
            );
        }
    }
    axum::http::StatusCode::OK.into_response()
}

#[derive(serde::Deserialize)]
struct CreateQuery {
    manifest_name: Option<String>,
}

async fn block_create(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<CreateQuery>,
) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let back = format!("{BASE}/{}/landing_page/edit", p.slug);
    let Some(def) = q.manifest_name.as_deref().and_then(block_def) else {
        ctx.flash("alert", ctx.t("decidim.admin.content_blocks.create.error"));
        return ctx.redirect(&back);
    };
    blocks_of(&ctx, &p);
    {
        let mut store = ctx.state.store();
        let id = store.next_id();
        store.records.insert(Record {
            id,
            kind: BLOCK_KIND.into(),
            space: Some(space_of(&p)),
            parent_id: None,
            values: BTreeMap::from([("manifest".to_string(), def.0.to_string())]),
            flags: BTreeMap::from([("published".to_string(), false)]),
        });
    }
    ctx.flash(
        "success",
        ctx.t("decidim.admin.content_blocks.create.success"),
    );
    ctx.redirect(&back)
}

fn find_block(ctx: &Ctx, p: &Process, id: u64) -> Option<Record> {
    let space = space_of(p);
    ctx.state
        .store()
        .records
        .get(BLOCK_KIND, id)
        .filter(|r| r.space.as_ref() == Some(&space))
        .cloned()
}

async fn block_edit(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(r) = find_block(&ctx, &p, id) else {
        return ReplicaError::NotFound.into_response();
    };
    let Some(def) = block_def(r.get("manifest")).filter(|d| d.2) else {
        return ReplicaError::NotFound.into_response();
    };
    let name = ctx.t(def.1);
    let values: BTreeMap<String, String> = r
        .values
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("settings_")
                .map(|k| (k.to_string(), v.clone()))
        })
        .collect();
    process_page(
        &ctx,
        &p,
        "admin/processes/content_block_form.html",
        "landing_page",
        vec![
            (
                ctx.t("decidim.admin.menu.participatory_processes_submenu.landing_page"),
                Some(format!("{BASE}/{}/landing_page/edit", p.slug)),
            ),
            (name.clone(), None),
        ],
        context! {
            title => name,
            action => format!("{BASE}/{}/landing_page/content_blocks/{}", p.slug, r.id),
            // `from_model(content_block)`: Rails names the form after the block's id.
            block_id => r.id,
            form => context! { values => values, errors => BTreeMap::<String, String>::new() },
            form_locales => form_locales(&ctx),
        },
        vec![],
    )
}

async fn block_update(
    ctx: Ctx,
    Path((slug, id)): Path<(String, u64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if find_block(&ctx, &p, id).is_none() {
        return ReplicaError::NotFound.into_response();
    }
    let settings = model_values(pairs, "content_block[settings]");
    {
        let mut store = ctx.state.store();
        if let Some(r) = store.records.get_mut(BLOCK_KIND, id) {
            for (k, v) in settings {
                r.values.insert(format!("settings_{k}"), v);
            }
        }
    }
    // Decidim redirects without a flash after saving a content block.
    ctx.redirect(&format!("{BASE}/{}/landing_page/edit", p.slug))
}

async fn block_destroy(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if find_block(&ctx, &p, id).is_none() {
        return ReplicaError::NotFound.into_response();
    }
    ctx.state.store().records.remove(BLOCK_KIND, id);
    ctx.flash(
        "success",
        ctx.t("decidim.admin.content_blocks.destroy.success"),
    );
    ctx.redirect(&format!("{BASE}/{}/landing_page/edit", p.slug))
}

// ─── moderations ────────────────────────────────────────────────────────────────────────────────────────

#[derive(serde::Deserialize)]
struct HiddenQuery {
    hidden: Option<String>,
}

async fn moderations(ctx: Ctx, Path(slug): Path<String>, Query(q): Query<HiddenQuery>) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let title = ctx.t("decidim.admin.moderations.index.title");
    let base = format!("{BASE}/{}/moderations", p.slug);
    process_page(
        &ctx,
        &p,
        "admin/processes/moderations.html",
        "moderations",
        vec![(
            ctx.t("decidim.admin.menu.participatory_processes_submenu.moderations"),
            None,
        )],
        context! {
            title => title,
            hidden => q.hidden.is_some(),
            not_hidden_url => ctx.url(&base),
            hidden_url => ctx.url(&format!("{base}?hidden=true")),
            // The replica has no reportable content: every process's list is empty.
            moderations => Vec::<Value>::new(),
        },
        vec![],
    )
}

// ─── private participants: CSV import ───────────────────────────────────────────────────────────────────

fn private_count(ctx: &Ctx, p: &Process) -> usize {
    let space = space_of(p);
    ctx.state
        .store()
        .records
        .list(PRIVATE_USER_KIND, Some(&space), None)
        .len()
}

fn render_csv(ctx: &Ctx, p: &Process, now: Vec<Flash>) -> Response {
    let title = ctx.t("decidim.admin.participatory_space_private_users_csv_imports.new.title");
    let base = format!("{BASE}/{}/participatory_space_private_users", p.slug);
    process_page(
        ctx,
        p,
        "admin/processes/private_users_csv.html",
        "private_users",
        vec![
            (
                ctx.t("decidim.admin.menu.participatory_processes_submenu.private_users"),
                Some(base.clone()),
            ),
            (title.clone(), None),
        ],
        context! {
            title => title,
            count => private_count(ctx, p),
            destroy_all_url => ctx.url(&format!("{base}/csv_import/destroy_all")),
            action => format!("{base}/csv_import"),
        },
        now,
    )
}

async fn csv_new(ctx: Ctx, Path(slug): Path<String>) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    render_csv(&ctx, &p, vec![])
}

/// The replica reads no uploaded file: the import always reports an unreadable CSV, as Decidim does
/// for a missing or malformed file.
async fn csv_create(ctx: Ctx, Path(slug): Path<String>) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let now = vec![Flash::alert(ctx.t(
        "decidim.admin.participatory_space_private_users_csv_imports.create.invalid",
    ))];
    render_csv(&ctx, &p, now)
}

async fn csv_destroy_all(ctx: Ctx, Path(slug): Path<String>) -> Response {
    let (_, p) = match guard(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let space = space_of(&p);
    {
        let mut store = ctx.state.store();
        let ids: Vec<u64> = store
            .records
            .list(PRIVATE_USER_KIND, Some(&space), None)
            .iter()
            .map(|r| r.id)
            .collect();
        for id in ids {
            store.records.remove(PRIVATE_USER_KIND, id);
        }
    }
    // Decidim redirects without a flash.
    ctx.redirect(&format!(
        "{BASE}/{}/participatory_space_private_users/csv_import/new",
        p.slug
    ))
}

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;

    use crate::test_browser::Browser;

    const P: &str = "/admin/participatory_processes/budget-2025";

    async fn admin() -> Browser {
        let mut b = Browser::new();
        b.sign_in_accepted().await;
        b
    }

    #[tokio::test]
    async fn every_process_area_page_renders() {
        let mut b = admin().await;
        let pages = [
            (format!("{P}/steps"), "Phases"),
            (format!("{P}/steps/new"), "New participatory process phase"),
            (format!("{P}/landing_page/edit"), "Page contents"),
            (format!("{P}/attachments"), "Attachments"),
            (format!("{P}/attachments/new"), "New attachment"),
            (format!("{P}/attachment_collections"), "Attachment folders"),
            (format!("{P}/attachment_collections/new"), "New folder"),
            (format!("{P}/user_roles"), "Participatory process admins"),
            (
                format!("{P}/user_roles/new"),
                "New participatory process admin",
            ),
            (
                format!("{P}/participatory_space_private_users"),
                "Participatory space private participant",
            ),
            (
                format!("{P}/participatory_space_private_users/csv_import/new"),
                "Import private participants via CSV",
            ),
            (format!("{P}/moderations"), "Reported content"),
            (format!("{P}/moderations?hidden=true"), "Hidden at"),
            (format!("{P}/copies/new"), "Duplicate participatory process"),
            (
                "/admin/participatory_processes/imports/new".into(),
                "Import participatory process",
            ),
            (
                "/admin/participatory_process_groups".into(),
                "Process groups",
            ),
            (
                "/admin/participatory_process_groups/new".into(),
                "New process group",
            ),
            (
                "/admin/participatory_process_types".into(),
                "Participatory process types",
            ),
            (
                "/admin/participatory_process_types/new".into(),
                "New process type",
            ),
        ];
        for (path, text) in pages {
            let p = b.get(&path).await;
            assert_eq!(p.status, StatusCode::OK, "{path}");
            assert!(p.body.contains(text), "{path}: {text}");
        }
    }

    #[tokio::test]
    async fn activating_a_phase_deactivates_the_others_and_copies_keep_phases() {
        let mut b = admin().await;
        let p = b
            .post(
                &format!("{P}/steps"),
                &[("participatory_process_step[title_en]", "Vote")],
            )
            .await;
        assert!(p.status.is_redirection());
        let vote = {
            let store = b.state.store();
            let id = store.process_by_slug("budget-2025").unwrap().id;
            let steps = store.steps_of(id);
            assert_eq!(steps.len(), 2);
            assert!(steps[0].active && !steps[1].active);
            steps[1].id
        };
        let p = b.post(&format!("{P}/steps/{vote}/activate"), &[]).await;
        let p = b.follow(p).await;
        assert!(p
            .body
            .contains("Participatory process phase successfully activated."));
        {
            let store = b.state.store();
            let id = store.process_by_slug("budget-2025").unwrap().id;
            let active: Vec<bool> = store.steps_of(id).iter().map(|s| s.active).collect();
            assert_eq!(active, vec![false, true]);
        }
        let p = b
            .post(
                &format!("{P}/copies"),
                &[
                    ("participatory_process[title_en]", "Budget copy"),
                    ("participatory_process[slug]", "budget-copy"),
                    ("participatory_process[copy_steps]", "1"),
                    ("participatory_process[copy_categories]", "1"),
                ],
            )
            .await;
        let p = b.follow(p).await;
        assert!(p
            .body
            .contains("Participatory process successfully duplicated."));
        assert!(p.body.contains("Budget copy"));
        let store = b.state.store();
        let copy = store.process_by_slug("budget-copy").unwrap();
        assert!(!copy.published);
        assert_eq!(store.steps_of(copy.id).len(), 2);
        let cats = store
            .records
            .of_kind("category")
            .filter(|r| r.space.as_ref().is_some_and(|s| s.id == copy.id))
            .count();
        assert_eq!(cats, 2);
    }

    #[tokio::test]
    async fn a_copy_needs_a_free_slug() {
        let mut b = admin().await;
        let p = b
            .post(
                &format!("{P}/copies"),
                &[
                    ("participatory_process[title_en]", "Again"),
                    ("participatory_process[slug]", "budget-2025"),
                ],
            )
            .await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(p
            .body
            .contains("There was a problem duplicating this participatory process."));
    }
}
