//! Public (participant-facing) pages: home, process pages, and the static JS/CSS assets.
//!
//! Every public page uses the public layout, which carries the data-consent (cookie) dialog.

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use minijinja::context;

use crate::error::ReplicaError;
use crate::session::Ctx;
use crate::state::ReplicaState;

/// Path of the replica's single script.
pub(crate) const JS_PATH: &str = "/decidim-packs/js/replica.js";
/// Path of the rich-text editor (TipTap, bundled by scripts/build-editor).
pub(crate) const EDITOR_JS_PATH: &str = "/decidim-packs/js/editor.js";
/// Path of the replica's stylesheet.
pub(crate) const CSS_PATH: &str = "/decidim-packs/css/replica.css";

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/", get(home))
        .route("/processes", get(processes))
        .route("/processes/{slug}", get(process))
        .route("/processes/{slug}/f/{component_id}", get(component))
        .route("/processes/{slug}/f/{component_id}/", get(component))
        .route("/api/docs", get(api_docs))
        .route(JS_PATH, get(js))
        .route(EDITOR_JS_PATH, get(editor_js))
        .route(CSS_PATH, get(css))
}

/// The API documentation (decidim-api `documentation#show`, its own bare layout, public): the
/// one page where Decidim says which version it is, read by bug reports.
async fn api_docs(ctx: Ctx) -> Response {
    ctx.render(
        "public/api_docs.html",
        context! { version => crate::DECIDIM_VERSION },
        vec![],
    )
}

async fn js() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../fixtures/static/replica.js"),
    )
}

async fn editor_js() -> Response {
    // 310 kB that never change while the replica runs: let the browser keep it.
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "max-age=86400"),
        ],
        include_str!("../../fixtures/static/editor.js"),
    )
        .into_response()
}

async fn css() -> Response {
    asset(
        "text/css; charset=utf-8",
        include_str!("../../fixtures/static/replica.css"),
    )
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "no-cache")],
        body,
    )
        .into_response()
}

fn published_processes(ctx: &Ctx) -> Vec<minijinja::Value> {
    let store = ctx.state.store();
    let mut v: Vec<_> = store
        .processes
        .iter()
        .filter(|p| p.published)
        .cloned()
        .collect();
    drop(store);
    v.sort_by_key(|p| (p.weight, p.id));
    v.iter()
        .map(|p| {
            context! {
                slug => p.slug.clone(),
                title => ctx.tr(&p.title),
                subtitle => ctx.tr(&p.subtitle),
            }
        })
        .collect()
}

async fn home(ctx: Ctx) -> Response {
    ctx.store_location();
    let processes = published_processes(&ctx);
    ctx.render(
        "public/home.html",
        context! { processes => processes },
        vec![],
    )
}

async fn processes(ctx: Ctx) -> Response {
    ctx.store_location();
    let processes = published_processes(&ctx);
    ctx.render(
        "public/home.html",
        context! { processes => processes, list_only => true },
        vec![],
    )
}

async fn process(ctx: Ctx, Path(slug): Path<String>) -> Response {
    ctx.store_location();
    let Some(p) = ctx.state.store().process_by_slug(&slug).cloned() else {
        return ReplicaError::NotFound.into_response();
    };
    // Unpublished spaces are visible to admins only (preview), as in Decidim.
    if !p.published && !ctx.user.as_ref().is_some_and(|u| u.admin) {
        return ReplicaError::NotFound.into_response();
    }
    let components: Vec<_> = ctx
        .state
        .store()
        .components_of(p.id)
        .into_iter()
        .filter(|c| c.published)
        .map(|c| context! { id => c.id, name => ctx.tr(&c.name) })
        .collect();
    ctx.render(
        "public/process.html",
        context! {
            process => context! {
                slug => p.slug.clone(),
                title => ctx.tr(&p.title),
                subtitle => ctx.tr(&p.subtitle),
                description => ctx.tr(&p.description),
            },
            components => components,
        },
        vec![],
    )
}

async fn component(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    ctx.store_location();
    let store = ctx.state.store();
    let Some(p) = store.process_by_slug(&slug).cloned() else {
        return ReplicaError::NotFound.into_response();
    };
    let Some(c) = store.components_of(p.id).into_iter().find(|c| c.id == id) else {
        return ReplicaError::NotFound.into_response();
    };
    drop(store);
    ctx.render(
        "public/process.html",
        context! {
            process => context! {
                slug => p.slug.clone(),
                title => ctx.tr(&p.title),
                subtitle => ctx.tr(&c.name),
                description => "",
            },
            components => Vec::<minijinja::Value>::new(),
        },
        vec![],
    )
}
