//! Devise sessions: `GET/POST /users/sign_in`, `DELETE /users/sign_out`.

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get};
use axum::{Form, Router};
use minijinja::context;

use crate::flavour::Flavour;
use crate::session::Ctx;
use crate::state::{Flash, ReplicaState};
use crate::text::form_map;
use axum::response::IntoResponse;

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/users/sign_in", get(new_session).post(create_session))
        .route("/users/sign_out", delete(destroy_session).get(get_sign_out))
}

/// decidim-app adds `GET /users/sign_out` (config/routes.rb:17-20); core only has DELETE.
async fn get_sign_out(ctx: Ctx) -> Response {
    if ctx.state.flavour() == Flavour::Osp {
        destroy_session(ctx).await
    } else {
        crate::error::ReplicaError::NotFound.into_response()
    }
}

async fn new_session(ctx: Ctx) -> Response {
    if ctx.user.is_some() {
        ctx.flash("alert", ctx.t("devise.failure.already_authenticated"));
        return ctx.redirect("/");
    }
    ctx.render("public/sign_in.html", context! { email => "" }, vec![])
}

async fn create_session(ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let form = form_map(pairs);
    let email = form
        .get("user[email]")
        .map(|s| s.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let password = form.get("user[password]").cloned().unwrap_or_default();
    let user = ctx
        .state
        .store()
        .users
        .iter()
        .find(|u| u.email == email && u.password == password)
        .cloned();
    let Some(user) = user else {
        // Devise's paranoid mode: one message whether the email exists or not; the page is re-rendered.
        let now = vec![Flash::alert(ctx.t("devise.failure.invalid"))];
        return ctx.render_status(
            StatusCode::OK,
            "public/sign_in.html",
            context! { email => email },
            now,
        );
    };
    ctx.set_user(Some(user.id));
    ctx.flash("success", ctx.t("devise.sessions.signed_in"));
    match ctx.with_session(|s| s.return_to.take()) {
        Some(location) => crate::session::redirect_to(&location),
        None => ctx.redirect("/"),
    }
}

/// Devise's sign-out, then Decidim's `after_sign_out_path_for`: core goes back to the referer
/// (sessions_controller.rb:39-41), so an admin logging out from an admin page is bounced to the sign-in page
/// (whose alert replaces the sign-out notice); OSP's app goes first to the stored public page
/// (`user_return_to`, sessions_controller_extends.rb:18-20, 41-43).
async fn destroy_session(ctx: Ctx) -> Response {
    let stored = ctx.with_session(|s| {
        s.user_id = None;
        s.return_to.take()
    });
    ctx.flash("success", ctx.t("devise.sessions.signed_out"));
    let back = match ctx.state.flavour() {
        Flavour::Osp => stored.or_else(|| ctx.referer.clone()),
        Flavour::Core => ctx.referer.clone(),
    };
    match back.filter(|p| p.starts_with('/')) {
        Some(path) => crate::session::redirect_to(&path),
        None => ctx.redirect("/"),
    }
}
