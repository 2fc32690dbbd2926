//! Admin pages outside the replica's scope (assemblies, pages, newsletters, settings…).
//!
//! They render the real layout with the right heading and active menu item so the menu never leads to a 404,
//! and a crawler sees every menu entry. Their content is deliberately minimal.

use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};

use super::admin_page;
use crate::resources::menus;
use crate::session::Ctx;
use crate::state::ReplicaState;

/// (path, i18n key of the heading, main-menu section).
/// (Appearance, Homepage and Templates are now real pages: routes/appearance.rs, homepage.rs, templates_admin.rs.)
const PAGES: &[(&str, &str, &str)] = &[];

pub fn routes() -> Router<ReplicaState> {
    let mut r = Router::new();
    for (path, key, section) in PAGES {
        let (key, section): (&'static str, &'static str) = (key, section);
        r = r.route(path, get(move |ctx: Ctx| page(ctx, path, key, section)));
    }
    r
}

async fn page(ctx: Ctx, path: &'static str, key: &'static str, section: &'static str) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let title = ctx.t(key);
    admin_page(
        &ctx,
        "admin/placeholder.html",
        section,
        vec![(title.clone(), None)],
        context! { title => title, ..settings_menu(&ctx, path, section) },
        vec![],
    )
}

/// Settings pages show the Settings sidebar, with the item of this path active.
fn settings_menu(ctx: &Ctx, path: &str, section: &str) -> Value {
    if section != "settings" {
        return context! {};
    }
    let active = menus::menus()
        .get("settings")
        .and_then(|m| m.items.iter().find(|i| i.path == path))
        .map(|i| i.key.as_str())
        .unwrap_or_default();
    menus::context(ctx, Some(("settings", active)), None)
}
