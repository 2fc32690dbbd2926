//! Admin pages outside the replica's scope (assemblies, pages, newsletters, settings…).
//!
//! They render the real layout with the right heading and active menu item so the menu never leads to a 404,
//! and a crawler sees every menu entry. Their content is deliberately minimal.

use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};

use super::admin_page;
use crate::replica::resources::menus;
use crate::replica::session::Ctx;
use crate::replica::state::ReplicaState;

/// (path, i18n key of the heading, main-menu section).
const PAGES: &[(&str, &str, &str)] = &[
    (
        "/admin/assemblies",
        "decidim.admin.menu.assemblies",
        "assemblies",
    ),
    (
        "/admin/initiatives",
        "decidim.admin.menu.initiatives",
        "initiatives",
    ),
    (
        "/admin/conferences",
        "decidim.admin.menu.conferences",
        "conferences",
    ),
    (
        "/admin/moderations",
        "decidim.admin.titles.moderations",
        "moderations",
    ),
    (
        "/admin/moderated_users",
        "decidim.admin.titles.moderated_users",
        "moderations",
    ),
    (
        "/admin/static_pages",
        "decidim.admin.menu.static_pages",
        "static_pages",
    ),
    (
        "/admin/static_page_topics",
        "decidim.admin.titles.static_page_topics",
        "static_pages",
    ),
    ("/admin/users", "decidim.admin.titles.users", "participants"),
    (
        "/admin/officializations",
        "decidim.admin.titles.officializations",
        "participants",
    ),
    (
        "/admin/impersonatable_users",
        "decidim.admin.titles.impersonatable_users",
        "participants",
    ),
    (
        "/admin/authorization_workflows",
        "decidim.admin.titles.authorization_workflows",
        "participants",
    ),
    (
        "/admin/newsletters",
        "decidim.admin.menu.newsletters",
        "newsletters",
    ),
    (
        "/admin/organization/edit",
        "decidim.admin.titles.edit_organization",
        "settings",
    ),
    (
        "/admin/organization/appearance/edit",
        "decidim.admin.titles.appearance",
        "settings",
    ),
    (
        "/admin/organization/homepage/edit",
        "decidim.admin.titles.homepage",
        "settings",
    ),
    (
        "/admin/help_sections",
        "decidim.admin.titles.help_sections",
        "settings",
    ),
    (
        "/admin/organization/external_domain_allowlist/edit",
        "decidim.admin.titles.external_domains",
        "settings",
    ),
    (
        "/admin/templates/questionnaire_templates",
        "decidim.admin.menu.templates",
        "templates",
    ),
    (
        "/admin/participatory_process_groups",
        "decidim.admin.titles.process_groups",
        "processes",
    ),
    (
        "/admin/participatory_process_types",
        "decidim.admin.titles.process_types",
        "processes",
    ),
    (
        "/admin/participatory_processes/imports/new",
        "decidim.admin.titles.import_process",
        "processes",
    ),
    (
        "/admin/metrics",
        "decidim.admin.titles.metrics",
        "dashboard",
    ),
];

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
