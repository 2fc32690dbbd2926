//! Admin page rendering shared by the resource engine and the admin areas: the layout context (active
//! main-menu section, breadcrumb) and the locale tabs of translated fields.

use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{context, Value};

use crate::i18n::LOCALES;
use crate::session::Ctx;
use crate::state::Flash;

/// Renders an admin page: `section` marks the active main-menu item, `crumbs` the breadcrumb after the home icon.
pub(crate) fn admin_page(
    ctx: &Ctx,
    template: &str,
    section: &str,
    crumbs: Vec<(String, Option<String>)>,
    extra: Value,
    now: Vec<Flash>,
) -> Response {
    admin_page_status(ctx, StatusCode::OK, template, section, crumbs, extra, now)
}

/// [`admin_page`] with an explicit status (failed validations re-render with 200 in Rails, but callers may differ).
pub(crate) fn admin_page_status(
    ctx: &Ctx,
    status: StatusCode,
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

/// Locales of translated fields, the current UI locale first (Decidim's FormBuilder order).
pub(crate) fn form_locales(ctx: &Ctx) -> Vec<Value> {
    let mut v: Vec<&str> = vec![ctx.locale.as_str()];
    v.extend(LOCALES.iter().copied().filter(|l| *l != ctx.locale));
    v.into_iter()
        .map(|l| context! { code => l, name => ctx.state.i18n().t(l, "locale.name") })
        .collect()
}
