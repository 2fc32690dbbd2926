//! The admin terms gate: every admin page redirects here until the admin accepts the terms.

use axum::response::Response;
use axum::routing::{get, put};
use axum::Router;
use minijinja::context;

use crate::page::admin_page;
use crate::session::{redirect_to, Ctx};
use crate::state::ReplicaState;

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/admin/admin_terms/show", get(show))
        .route("/admin/admin_terms/accept", put(accept))
}

async fn show(ctx: Ctx) -> Response {
    let user = match ctx.require_admin(false) {
        Ok(u) => u,
        Err(r) => return r,
    };
    admin_page(
        &ctx,
        "admin/admin_terms.html",
        "",
        vec![(ctx.t("decidim.admin.admin_terms.show.title"), None)],
        context! { accepted => user.admin_terms_accepted },
        vec![],
    )
}

async fn accept(ctx: Ctx) -> Response {
    let user = match ctx.require_admin(false) {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(u) = ctx.state.store().user_mut(user.id) {
        u.admin_terms_accepted = true;
    }
    ctx.flash("success", ctx.t("decidim.admin.admin_terms.accept.success"));
    match ctx.with_session(|s| s.return_to.take()) {
        Some(location) => redirect_to(&location),
        None => ctx.redirect("/admin/"),
    }
}
