//! Routes grouped by Decidim area; each module exposes `fn routes() -> Router<ReplicaState>`.
//!
//! Shared helpers for admin pages (section highlighting, breadcrumb) live here.

pub mod a2_spaces;
pub mod admin_terms;
pub mod appearance;
pub mod auth;
pub mod components;
pub mod dashboard;
pub mod homepage;
pub mod initiatives;
pub mod locale;
pub mod newsletters;
pub mod osp;
pub mod pages;
pub mod participants;
pub mod placeholders;
pub mod process_spaces;
pub mod processes;
pub mod proposals_admin;
pub mod public;
pub mod settings;
pub mod templates_admin;

use std::collections::HashMap;

use axum::response::Response;
use axum::Router;
use minijinja::{context, Value};

use super::session::Ctx;
use super::state::{Flash, ReplicaState};

/// Every route of the replica for `flavour` (without the session middleware; see [`crate::router`]).
pub fn routes(flavour: crate::Flavour) -> Router<ReplicaState> {
    let flavoured = match flavour {
        crate::Flavour::Core => Router::new(),
        crate::Flavour::Osp => osp::routes(),
    };
    Router::new()
        .merge(flavoured)
        .merge(public::routes())
        .merge(auth::routes())
        .merge(admin_terms::routes())
        .merge(dashboard::routes())
        .merge(processes::routes())
        .merge(a2_spaces::routes())
        .merge(initiatives::routes())
        .merge(process_spaces::routes())
        .merge(components::routes())
        .merge(proposals_admin::routes())
        .merge(locale::routes())
        .merge(placeholders::routes())
        .merge(participants::routes())
        .merge(pages::routes())
        .merge(newsletters::routes())
        .merge(settings::routes())
        .merge(templates_admin::routes())
        .merge(appearance::routes())
        .merge(homepage::routes())
        // Data-driven admin areas (scopes, areas, categories…) answer here; anything else is a 404.
        .fallback(crate::resources::dispatch)
}

/// Renders an admin page: `section` marks the active main-menu item, `crumbs` the breadcrumb after the home icon.
pub(crate) fn admin_page(
    ctx: &Ctx,
    template: &str,
    section: &str,
    crumbs: Vec<(String, Option<String>)>,
    extra: Value,
    now: Vec<Flash>,
) -> Response {
    admin_page_status(
        ctx,
        axum::http::StatusCode::OK,
        template,
        section,
        crumbs,
        extra,
        now,
    )
}

/// [`admin_page`] with an explicit status (failed validations re-render with 200 in Rails, but callers may differ).
pub(crate) fn admin_page_status(
    ctx: &Ctx,
    status: axum::http::StatusCode,
    template: &str,
    section: &str,
    crumbs: Vec<(String, Option<String>)>,
    extra: Value,
    now: Vec<Flash>,
) -> Response {
    let crumbs: Vec<Value> = crumbs
        .into_iter()
        .map(|(label, url)| context! { label => label, url => url.map(|u| ctx.url(&u)) })
        .collect();
    ctx.render_status(
        status,
        template,
        context! { section => section, breadcrumb => crumbs, ..extra },
        now,
    )
}

/// A submitted urlencoded form; for repeated names the last value wins (Rails' hidden `0` + checkbox `1`).
pub(crate) fn form_map(pairs: Vec<(String, String)>) -> HashMap<String, String> {
    pairs.into_iter().collect()
}

/// Whether rich text has no visible text (an empty editor submits `<p></p>`).
pub(crate) fn blank_html(s: &str) -> bool {
    let mut depth = 0;
    let mut text = String::new();
    for c in s.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    text.replace("&nbsp;", " ").trim().is_empty()
}

/// Formats a time like Decidim's `decidim_short` (`%d/%m/%Y %H:%M`).
pub(crate) fn short_time(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!("[day]/[month]/[year] [hour]:[minute]");
    t.format(&f).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_html_ignores_tags() {
        assert!(blank_html("<p></p>"));
        assert!(blank_html("  <p><br></p> "));
        assert!(!blank_html("<p>Hi</p>"));
    }
}
