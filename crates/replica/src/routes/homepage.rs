//! Settings › Homepage (area C2b): the organization homepage's content blocks (decidim-admin 0.29
//! `OrganizationHomepageController`, `OrganizationHomepageContentBlocksController`, shared landing-page views):
//! active and inactive blocks, "Add content block" (POST `…/content_blocks?manifest_name=`), a block's settings
//! form, delete with confirm, drag-and-drop order (PUT `/admin/organization/homepage` with JSON `ids_order`).
//!
//! Blocks are generic records of kind `homepage_content_block` (value `manifest`, `weight`, `settings_<name>`,
//! flag `published`); a fresh organization has Decidim's default blocks, active. Images of blocks (the hero's
//! background image) are not stored.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Form, Router};
use minijinja::{context, Value};

use crate::error::ReplicaError;
use crate::page::admin_page;
use crate::resources::menus;
use crate::session::Ctx;
use crate::state::records::Record;
use crate::state::{Flash, ReplicaState};

const KIND: &str = "homepage_content_block";
/// Marks that the default blocks were created (so deleting them all does not bring them back).
const DEFAULTS_KIND: &str = "homepage_content_block_defaults";
const BASE: &str = "/admin/organization/homepage";

/// One setting of a block's form.
#[derive(Clone, Copy)]
enum Setting {
    /// Translated text field: name, label key.
    Text(&'static str, &'static str),
    /// Translated textarea: name, label key.
    TextArea(&'static str, &'static str),
    /// Select with a blank prompt: name, label key, options (value, label key or "" = the value itself).
    Select(
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    ),
    /// An image upload (not stored): name, label key.
    Image(&'static str, &'static str),
}

const MAX_6_9_12: &[(&str, &str)] = &[("6", ""), ("9", ""), ("12", "")];

/// Blocks of the `homepage` scope, in registration order (decidim-core, then processes, assemblies, meetings,
/// conferences, initiatives): manifest, i18n key of the public name, created active with the organization,
/// settings form.
const BLOCKS: &[(&str, &str, bool, &[Setting])] = &[
    (
        "hero",
        "decidim.content_blocks.hero.name",
        true,
        &[
            Setting::Text(
                "welcome_text",
                "decidim.content_blocks.hero_settings_form.welcome_text",
            ),
            Setting::Image(
                "background_image",
                "decidim.content_blocks.hero_settings_form.background_image",
            ),
        ],
    ),
    (
        "global_menu",
        "decidim.content_blocks.global_menu.name",
        true,
        &[],
    ),
    ("sub_hero", "decidim.content_blocks.sub_hero.name", true, &[]),
    (
        "highlighted_content_banner",
        "decidim.content_blocks.highlighted_content_banner.name",
        true,
        &[],
    ),
    (
        "how_to_participate",
        "decidim.content_blocks.how_to_participate.name",
        true,
        &[],
    ),
    (
        "last_activity",
        "decidim.content_blocks.last_activity.name",
        true,
        &[],
    ),
    ("stats", "decidim.content_blocks.stats.name", true, &[]),
    ("metrics", "decidim.content_blocks.metrics.name", false, &[]),
    (
        "footer_sub_hero",
        "decidim.content_blocks.footer_sub_hero.name",
        true,
        &[],
    ),
    (
        "html",
        "decidim.content_blocks.html.name",
        false,
        &[Setting::TextArea(
            "html_content",
            "decidim.content_blocks.html.html_content",
        )],
    ),
    (
        "highlighted_processes",
        "decidim.participatory_processes.content_blocks.highlighted_processes.name",
        false,
        &[Setting::Select(
            "max_results",
            "decidim.participatory_processes.admin.content_blocks.highlighted_processes.max_results",
            MAX_6_9_12,
        )],
    ),
    (
        "highlighted_assemblies",
        "decidim.assemblies.content_blocks.highlighted_assemblies.name",
        false,
        &[Setting::Select(
            "max_results",
            "decidim.assemblies.admin.content_blocks.highlighted_assemblies.max_results",
            MAX_6_9_12,
        )],
    ),
    (
        "upcoming_meetings",
        "decidim.meetings.content_blocks.upcoming_meetings.name",
        true,
        &[],
    ),
    (
        "highlighted_conferences",
        "decidim.conferences.content_blocks.highlighted_conferences.name",
        false,
        &[Setting::Select(
            "max_results",
            "decidim.conferences.admin.content_blocks.highlighted_conferences.max_results",
            MAX_6_9_12,
        )],
    ),
    (
        "highlighted_initiatives",
        "decidim.initiatives.content_blocks.highlighted_initiatives.name",
        false,
        &[
            Setting::Select(
                "max_results",
                "decidim.initiatives.admin.content_blocks.highlighted_initiatives.max_results",
                &[("4", ""), ("8", ""), ("12", "")],
            ),
            Setting::Select(
                "order",
                "decidim.initiatives.admin.content_blocks.highlighted_initiatives.order.label",
                &[
                    (
                        "default",
                        "decidim.initiatives.admin.content_blocks.highlighted_initiatives.order.default",
                    ),
                    (
                        "most_recent",
                        "decidim.initiatives.admin.content_blocks.highlighted_initiatives.order.most_recent",
                    ),
                ],
            ),
        ],
    ),
];

type BlockDef = (&'static str, &'static str, bool, &'static [Setting]);

/// Blocks whose `max_results` select OSP replaces by a free 0–100 text field (decidim-app
/// app/cells/decidim/{participatory_processes,assemblies,conferences}/content_blocks/highlighted_*_settings_form/show.erb).
const OSP_FREE_MAX_RESULTS: &[&str] = &[
    "highlighted_processes",
    "highlighted_assemblies",
    "highlighted_conferences",
];

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route(&format!("{BASE}/edit"), get(edit))
        .route(BASE, put(sort).patch(sort))
        .route(
            &format!("{BASE}/content_blocks"),
            axum::routing::post(create),
        )
        .route(
            &format!("{BASE}/content_blocks/{{id}}/edit"),
            get(block_edit),
        )
        .route(
            &format!("{BASE}/content_blocks/{{id}}"),
            put(block_update).patch(block_update).delete(block_destroy),
        )
}

fn block_def(manifest: &str) -> Option<&'static BlockDef> {
    BLOCKS.iter().find(|b| b.0 == manifest)
}

fn settings_page(
    ctx: &Ctx,
    template: &str,
    mut crumbs: Vec<(String, Option<String>)>,
    extra: Value,
    now: Vec<Flash>,
) -> Response {
    let menus = menus::context(ctx, Some(("settings", "edit_organization_homepage")), None);
    let (label, path) = menus::item_label(ctx, "settings", "edit_organization_homepage")
        .unwrap_or_else(|| (ctx.t("decidim.admin.menu.homepage"), format!("{BASE}/edit")));
    crumbs.insert(0, (label, Some(path)));
    admin_page(
        ctx,
        template,
        "settings",
        crumbs,
        minijinja::value::merge_maps([extra, menus]),
        now,
    )
}

/// The homepage's blocks, ordered by weight (unweighted last, in creation order); the default ones are
/// created the first time.
fn blocks(ctx: &Ctx) -> Vec<Record> {
    let mut store = ctx.state.store();
    if store.records.of_kind(DEFAULTS_KIND).next().is_none() {
        let mut weight = 1;
        for (manifest, _, default, _) in BLOCKS {
            if *default {
                let id = store.next_id();
                store.records.insert(Record {
                    id,
                    kind: KIND.into(),
                    space: None,
                    parent_id: None,
                    values: BTreeMap::from([
                        ("manifest".to_string(), manifest.to_string()),
                        ("weight".to_string(), weight.to_string()),
                    ]),
                    flags: BTreeMap::from([("published".to_string(), true)]),
                });
                weight += 1;
            }
        }
        let id = store.next_id();
        store.records.insert(Record {
            id,
            kind: DEFAULTS_KIND.into(),
            space: None,
            parent_id: None,
            values: BTreeMap::new(),
            flags: BTreeMap::new(),
        });
    }
    let mut v: Vec<Record> = store.records.of_kind(KIND).cloned().collect();
    v.sort_by_key(|r| (r.get("weight").parse::<i64>().unwrap_or(i64::MAX), r.id));
    v
}

fn block_view(ctx: &Ctx, r: &Record) -> Value {
    let manifest = r.get("manifest").to_string();
    let def = block_def(&manifest);
    let base = format!("{BASE}/content_blocks/{}", r.id);
    context! {
        id => r.id,
        name => def.map(|d| ctx.t(d.1)).unwrap_or(manifest.clone()),
        has_settings => def.is_some_and(|d| !d.3.is_empty()),
        edit_url => ctx.url(&format!("{base}/edit")),
        url => ctx.url(&base),
    }
}

async fn edit(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let all = blocks(&ctx);
    let (active, inactive): (Vec<&Record>, Vec<&Record>) =
        all.iter().partition(|r| r.flag("published"));
    let manifests: Vec<Value> = BLOCKS
        .iter()
        .map(|(m, key, _, _)| {
            context! {
                name => ctx.t(key),
                url => ctx.url(&format!("{BASE}/content_blocks?manifest_name={m}")),
            }
        })
        .collect();
    settings_page(
        &ctx,
        "admin/processes/landing_page.html",
        vec![],
        context! {
            title => ctx.t("decidim.admin.content_blocks.edit.title"),
            page_title => ctx.t("decidim.admin.titles.edit_landing_page"),
            sort_url => ctx.url(BASE),
            manifests => manifests,
            active => active.iter().map(|r| block_view(&ctx, r)).collect::<Vec<_>>(),
            inactive => inactive.iter().map(|r| block_view(&ctx, r)).collect::<Vec<_>>(),
        },
        vec![],
    )
}

/// Drag-and-drop ordering (JSON `ids_order`): the blocks listed become active, in that order.
async fn sort(ctx: Ctx, body: axum::body::Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
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
    blocks(&ctx);
    let mut store = ctx.state.store();
    let all: Vec<u64> = store.records.of_kind(KIND).map(|r| r.id).collect();
    for id in all {
        if let Some(r) = store.records.get_mut(KIND, id) {
            let pos = ids.iter().position(|i| *i == id);
            r.flags.insert("published".into(), pos.is_some());
            r.values.insert(
                "weight".into(),
                pos.map(|p| (p + 1).to_string()).unwrap_or_default(),
            );
        }
    }
    axum::http::StatusCode::OK.into_response()
}

#[derive(serde::Deserialize)]
struct CreateQuery {
    manifest_name: Option<String>,
}

async fn create(ctx: Ctx, Query(q): Query<CreateQuery>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let back = format!("{BASE}/edit");
    let Some(def) = q.manifest_name.as_deref().and_then(block_def) else {
        ctx.flash("alert", ctx.t("decidim.admin.content_blocks.create.error"));
        return ctx.redirect(&back);
    };
    blocks(&ctx);
    {
        let mut store = ctx.state.store();
        let id = store.next_id();
        store.records.insert(Record {
            id,
            kind: KIND.into(),
            space: None,
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

fn find(ctx: &Ctx, id: u64) -> Option<Record> {
    ctx.state.store().records.get(KIND, id).cloned()
}

async fn block_edit(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, id) else {
        return ReplicaError::NotFound.into_response();
    };
    let Some(def) = block_def(r.get("manifest")).filter(|d| !d.3.is_empty()) else {
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
    let free_max = ctx.state.flavour() == crate::flavour::Flavour::Osp
        && OSP_FREE_MAX_RESULTS.contains(&def.0);
    let fields: Vec<Value> = def
        .3
        .iter()
        .map(|s| match *s {
            // The settings attribute's default (`max_results`, integer, default 6) fills the text field.
            Setting::Select(n, l, _) if free_max && n == "max_results" => context! {
                kind => "osp_max_results",
                name => n,
                label => ctx.t(l),
                value => values.get(n).cloned().unwrap_or_else(|| "6".into()),
            },
            Setting::Text(n, l) => context! { kind => "text", name => n, label => ctx.t(l) },
            Setting::TextArea(n, l) => context! { kind => "textarea", name => n, label => ctx.t(l) },
            Setting::Image(n, l) => context! { kind => "image", name => n, label => ctx.t(l) },
            Setting::Select(n, l, opts) => context! {
                kind => "select",
                name => n,
                label => ctx.t(l),
                options => opts
                    .iter()
                    .map(|(v, k)| context! { value => *v, label => if k.is_empty() { v.to_string() } else { ctx.t(k) } })
                    .collect::<Vec<_>>(),
            },
        })
        .collect();
    settings_page(
        &ctx,
        "admin/homepage/block_form.html",
        vec![(name.clone(), None)],
        context! {
            title => name,
            action => format!("{BASE}/content_blocks/{}", r.id),
            // `from_model(content_block)`: Rails names the form after the block's id.
            block_id => r.id,
            fields => fields,
            form => context! { values => values, errors => context! {} },
            form_locales => crate::page::form_locales(&ctx),
        },
        vec![],
    )
}

async fn block_update(
    ctx: Ctx,
    Path(id): Path<u64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if find(&ctx, id).is_none() {
        return ReplicaError::NotFound.into_response();
    }
    {
        let mut store = ctx.state.store();
        if let Some(r) = store.records.get_mut(KIND, id) {
            for (k, v) in pairs {
                if let Some(f) = k
                    .strip_prefix("content_block[settings][")
                    .and_then(|r| r.strip_suffix(']'))
                {
                    r.values.insert(format!("settings_{f}"), v);
                }
            }
        }
    }
    // Decidim redirects without a flash after saving a content block.
    ctx.redirect(&format!("{BASE}/edit"))
}

async fn block_destroy(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if find(&ctx, id).is_none() {
        return ReplicaError::NotFound.into_response();
    }
    ctx.state.store().records.remove(KIND, id);
    ctx.flash(
        "success",
        ctx.t("decidim.admin.content_blocks.destroy.success"),
    );
    ctx.redirect(&format!("{BASE}/edit"))
}

#[cfg(test)]
mod tests {
    use crate::test_browser::Browser;

    #[tokio::test]
    async fn homepage_blocks_add_edit_delete() {
        let mut b = Browser::new();
        b.sign_in_accepted().await;
        let page = b.get("/admin/organization/homepage/edit").await;
        assert!(page.body.contains("Hero image and CTA"));
        assert!(page.body.contains("js-list-actives"));
        let created = b
            .post(
                "/admin/organization/homepage/content_blocks?manifest_name=html",
                &[],
            )
            .await;
        let page = b.follow(created).await;
        assert!(page.body.contains("Content block successfully created."));
        let id = b
            .state
            .store()
            .records
            .of_kind(super::KIND)
            .find(|r| r.get("manifest") == "html")
            .unwrap()
            .id;
        let form = b
            .get(&format!(
                "/admin/organization/homepage/content_blocks/{id}/edit"
            ))
            .await;
        assert!(form
            .body
            .contains("content_block[settings][html_content_en]"));
        let saved = b
            .post(
                &format!("/admin/organization/homepage/content_blocks/{id}"),
                &[
                    ("_method", "put"),
                    ("content_block[settings][html_content_en]", "<p>Hi</p>"),
                ],
            )
            .await;
        assert_eq!(
            saved.location.as_deref(),
            Some("/admin/organization/homepage/edit")
        );
        let deleted = b
            .post(
                &format!("/admin/organization/homepage/content_blocks/{id}"),
                &[("_method", "delete")],
            )
            .await;
        assert!(b
            .follow(deleted)
            .await
            .body
            .contains("Content block successfully deleted."));
    }
}
