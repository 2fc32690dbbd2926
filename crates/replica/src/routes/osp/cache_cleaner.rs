//! Cache cleaner (OpenSourcePolitics/decidim-module-cache_cleaner @ 8854c4f): `/admin/cache_cleaner`
//! (`lib/decidim/cache_cleaner/admin_engine.rb:12-38`; main-menu item at position 10, `active: :inclusive`).
//!
//! `cache_manager_controller.rb`: `index` shows the cache store (the demo runs `:mem_cache_store`,
//! decidim-app `config/environments/production.rb:66`, a store that can be cleared); `clear` redirects to the
//! engine's root with "Cache cleared successfully".

use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use minijinja::context;

use crate::page::admin_page;
use crate::session::Ctx;
use crate::state::ReplicaState;

/// The engine's `root_path` (mounted at `/admin/cache_cleaner`).
const ROOT: &str = "/admin/cache_cleaner/";
/// `Rails.cache.class.name` on the demo.
const CACHE_STORE: &str = "ActiveSupport::Cache::MemCacheStore";

pub(super) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/admin/cache_cleaner", get(index))
        .route(ROOT, get(index))
        .route("/admin/cache_cleaner/clear_cache", post(clear))
}

async fn index(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let crumb = (ctx.t("osp.menu.cache_cleaner"), None);
    admin_page(
        &ctx,
        "admin/cache_cleaner/index.html",
        "cache_cleaner",
        vec![crumb],
        context! { cache_store => CACHE_STORE, activated => true, clearable => true },
        vec![],
    )
}

async fn clear(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    ctx.flash(
        "success",
        ctx.t("decidim.cache_cleaner.cache_manager.clear.success"),
    );
    ctx.redirect(ROOT)
}
