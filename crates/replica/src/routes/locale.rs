//! `POST /locale`: the language menu (a rails-ujs `data-method="post"` link to `/locale?locale=fr`).

use axum::extract::Query;
use axum::response::Response;
use axum::routing::post;
use axum::{Form, Router};

use crate::i18n;
use crate::i18n::with_locale;
use crate::session::{redirect_to, Ctx};
use crate::state::ReplicaState;
use crate::text::form_map;

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new().route("/locale", post(create))
}

async fn create(
    ctx: Ctx,
    Query(query): Query<Vec<(String, String)>>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let form = form_map(query.into_iter().chain(pairs).collect());
    let requested = form.get("locale").cloned().unwrap_or_default();
    if !i18n::is_available(&requested) {
        return ctx.redirect_back("/");
    }
    // Saved on the account (it then wins over the session) and in the session for anonymous visitors.
    if let Some(user) = &ctx.user {
        if let Some(u) = ctx.state.store().user_mut(user.id) {
            u.locale = Some(requested.clone());
        }
    }
    ctx.with_session(|s| s.locale = Some(requested.clone()));
    let back = form
        .get("referrer")
        .filter(|r| r.starts_with('/'))
        .cloned()
        .or_else(|| ctx.referer.clone())
        .unwrap_or_else(|| "/".into());
    redirect_to(&with_locale(&back, &requested, ctx.state.default_locale()))
}
