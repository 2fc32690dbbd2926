//! Cookie sessions, flash messages, the current user and locale resolution: the per-request [`Ctx`].
//!
//! [`middleware`] wraps the whole router. It applies Rails' `_method` override *before* routing (so a
//! `POST` carrying `_method=delete` reaches the `DELETE` route, as with `Rack::MethodOverride`), rejects
//! state-changing requests without an `authenticity_token` (422, like Rails' CSRF protection), finds or
//! creates the server-side session behind the `_decidim_session` cookie, and records the request log entry.

use std::convert::Infallible;

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, LOCATION, REFERER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use minijinja::{context, Value};
use rand::Rng;

use super::error::ReplicaError;
use super::i18n::{self, with_locale, LOCALES};
use super::state::{Flash, ReplicaState, Session, User, ORGANIZATION_NAME};

/// Name of the session cookie (Rails apps name it `_<app>_session`).
pub(crate) const SESSION_COOKIE: &str = "_decidim_session";
/// Form field carrying the CSRF token, as in Rails forms.
pub(crate) const TOKEN_FIELD: &str = "authenticity_token";

/// The session id, put in request extensions by [`middleware`].
#[derive(Clone, Debug)]
struct SessionId(String);

fn random_hex(bytes: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.gen::<u8>()))
        .collect()
}

fn cookie_value(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Method override, CSRF presence check, session cookie and request log, around every route.
pub(crate) async fn middleware(
    State(state): State<ReplicaState>,
    req: Request,
    next: Next,
) -> Response {
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let (mut parts, body) = req.into_parts();
    let body = match check_form(&mut parts, body).await {
        Ok(body) => body,
        Err(resp) => {
            state
                .request_log()
                .record(parts.method.as_str(), &path, resp.status().as_u16());
            return resp;
        }
    };

    // Find or open the session.
    let existing =
        cookie_value(&parts, SESSION_COOKIE).filter(|id| state.store().sessions.contains_key(id));
    let (sid, is_new) = match existing {
        Some(id) => (id, false),
        None => {
            let id = random_hex(16);
            state.store().sessions.insert(
                id.clone(),
                Session {
                    csrf_token: random_hex(24),
                    ..Session::default()
                },
            );
            (id, true)
        }
    };
    parts.extensions.insert(SessionId(sid.clone()));
    let method = parts.method.clone();
    let flashes_before = state
        .store()
        .sessions
        .get(&sid)
        .map_or(0, |s| s.flash.len());

    let mut resp = next.run(Request::from_parts(parts, body)).await;
    // Rails keeps a flash for the next request only: a request that renders nothing (a redirect) drops what the
    // previous one set. So the notice of a sign-out that bounces through an admin page never shows.
    if resp.status().is_redirection() && flashes_before > 0 {
        if let Some(s) = state.store().sessions.get_mut(&sid) {
            let stale = flashes_before.min(s.flash.len());
            s.flash.drain(..stale);
        }
    }
    if is_new {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{SESSION_COOKIE}={sid}; Path=/; HttpOnly; SameSite=Lax"
        )) {
            resp.headers_mut().append(SET_COOKIE, v);
        }
    }
    state
        .request_log()
        .record(method.as_str(), &path, resp.status().as_u16());
    resp
}

/// For a request that changes something: applies Rails' `_method` override (a form POST standing for
/// PUT/PATCH/DELETE) and requires the CSRF token; the error is the response to send instead.
async fn check_form(parts: &mut Parts, body: Body) -> Result<Body, Response> {
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(body);
    }
    let bytes = to_bytes(body, 4 * 1024 * 1024)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    let is_form = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    let fields: Vec<(String, String)> = if is_form {
        url::form_urlencoded::parse(&bytes).into_owned().collect()
    } else {
        Vec::new()
    };
    if parts.method == Method::POST {
        let overridden = fields
            .iter()
            .find(|(k, _)| k == "_method")
            .and_then(|(_, v)| match v.to_ascii_lowercase().as_str() {
                "put" => Some(Method::PUT),
                "patch" => Some(Method::PATCH),
                "delete" => Some(Method::DELETE),
                _ => None,
            });
        if let Some(m) = overridden {
            parts.method = m;
        }
    }
    let has_token = fields
        .iter()
        .any(|(k, v)| k == TOKEN_FIELD && !v.is_empty())
        || parts
            .headers
            .get("x-csrf-token")
            .is_some_and(|v| !v.is_empty());
    if !has_token {
        return Err(ReplicaError::InvalidAuthenticityToken.into_response());
    }
    Ok(Body::from(bytes))
}

/// Everything a handler needs about the current request: session, user, locale.
pub(crate) struct Ctx {
    pub state: ReplicaState,
    sid: String,
    /// The signed-in user, if any (a snapshot taken at extraction).
    pub user: Option<User>,
    /// Resolved UI locale.
    pub locale: String,
    /// Request path without query.
    pub path: String,
    /// Path and query, used as the stored location.
    pub full_path: String,
    pub method: Method,
    /// `Referer` header reduced to path and query, when it points at this server.
    pub referer: Option<String>,
    /// The request's extensions: what the router layers in for the handlers (the engine's space kinds).
    extensions: Extensions,
}

impl FromRequestParts<ReplicaState> for Ctx {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &ReplicaState,
    ) -> Result<Ctx, Infallible> {
        // The middleware always inserts an id; a missing one (router used without it) just gets a throwaway session.
        let sid = match parts.extensions.get::<SessionId>() {
            Some(s) => s.0.clone(),
            None => {
                let id = random_hex(16);
                state.store().sessions.insert(
                    id.clone(),
                    Session {
                        csrf_token: random_hex(24),
                        ..Session::default()
                    },
                );
                id
            }
        };
        let query_locale = parts.uri.query().and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "locale")
                .map(|(_, v)| v.into_owned())
                .filter(|l| i18n::is_available(l))
        });
        let accept = parts
            .headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(i18n::from_accept_language);
        let referer = parts
            .headers
            .get(REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(|r| url::Url::parse(r).ok())
            .map(|u| match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_string(),
            });

        let mut store = state.store();
        let session = store.sessions.entry(sid.clone()).or_default();
        if let Some(l) = &query_locale {
            session.locale = Some(l.clone());
        }
        let session_locale = session.locale.clone();
        let user = session.user_id.and_then(|id| store.user(id).cloned());
        drop(store);

        // Decidim's LocaleSwitcher order: ?locale= param, the user's saved locale, the session, the browser, the organization.
        let locale = query_locale
            .or_else(|| user.as_ref().and_then(|u| u.locale.clone()))
            .or(session_locale)
            .or(accept)
            .unwrap_or_else(|| state.default_locale().to_string());

        Ok(Ctx {
            state: state.clone(),
            sid,
            user,
            locale,
            path: parts.uri.path().to_string(),
            full_path: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".into()),
            method: parts.method.clone(),
            referer,
            extensions: parts.extensions.clone(),
        })
    }
}

impl Ctx {
    /// A value the router layered into this request (`axum::Extension`).
    pub(crate) fn extension<T: Send + Sync + 'static>(&self) -> Option<&T> {
        self.extensions.get::<T>()
    }

    /// Runs `f` on this request's session.
    pub(crate) fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> T) -> T {
        let mut store = self.state.store();
        let session = store.sessions.entry(self.sid.clone()).or_default();
        f(session)
    }

    /// UI string in the current locale.
    pub(crate) fn t(&self, key: &str) -> String {
        self.state.i18n().t(&self.locale, key)
    }

    /// UI string with `%{name}` placeholders.
    pub(crate) fn t_with(&self, key: &str, vars: &[(&str, &str)]) -> String {
        self.state.i18n().t_with(&self.locale, key, vars)
    }

    /// A translated record value in the current locale.
    pub(crate) fn tr(&self, value: &crate::i18n::Translated) -> String {
        crate::i18n::tr(value, &self.locale, self.state.default_locale())
    }

    /// `path` with `?locale=xx` appended when the locale is not the organization default, as Decidim's URL helpers do.
    pub(crate) fn url(&self, path: &str) -> String {
        with_locale(path, &self.locale, self.state.default_locale())
    }

    /// Queues a flash message for the next rendered page (`flash[:notice]` → `success`, `flash[:alert]` → `alert`).
    pub(crate) fn flash(&self, kind: &str, message: String) {
        self.with_session(|s| {
            s.flash.push(Flash {
                kind: kind.to_string(),
                message,
                html: false,
            })
        });
    }

    /// Queues an HTML flash (Rails `flash[:notice_html]`, rendered as `div.flash.primary`).
    pub(crate) fn flash_html(&self, message: String) {
        self.with_session(|s| {
            s.flash.push(Flash {
                kind: "primary".into(),
                message,
                html: true,
            })
        });
    }

    /// 302 to a replica path, adding the locale parameter.
    pub(crate) fn redirect(&self, path: &str) -> Response {
        redirect_to(&self.url(path))
    }

    /// Back to the referring page (Rails' `redirect_back`), else `fallback`.
    pub(crate) fn redirect_back(&self, fallback: &str) -> Response {
        match &self.referer {
            Some(r) if r.starts_with('/') => redirect_to(r),
            _ => self.redirect(fallback),
        }
    }

    /// Decidim's `HasStoredPath` (public pages): remember this page as where to return after logging in —
    /// and, on OSP's app, after logging out.
    pub(crate) fn store_location(&self) {
        if self.method == Method::GET {
            let here = self.full_path.clone();
            self.with_session(|s| s.return_to = Some(here));
        }
    }

    /// Signs `user_id` in (or out with `None`), keeping the session.
    pub(crate) fn set_user(&self, user_id: Option<u64>) {
        self.with_session(|s| s.user_id = user_id);
    }

    /// Devise's `authenticate_user!` + Decidim admin checks. `check_terms` = false only on the admin terms pages.
    pub(crate) fn require_admin(&self, check_terms: bool) -> Result<User, Response> {
        let Some(user) = self.user.clone() else {
            if self.method == Method::GET {
                let here = self.full_path.clone();
                self.with_session(|s| s.return_to = Some(here));
            }
            self.flash("alert", self.t("devise.failure.unauthenticated"));
            return Err(self.redirect("/users/sign_in"));
        };
        if !user.admin {
            self.flash("alert", self.t("decidim.core.actions.unauthorized"));
            return Err(self.redirect("/"));
        }
        if check_terms && !user.admin_terms_accepted {
            if self.method == Method::GET {
                let here = self.full_path.clone();
                self.with_session(|s| s.return_to = Some(here));
            }
            return Err(self.redirect("/admin/admin_terms/show"));
        }
        Ok(user)
    }

    /// Renders `template` inside the common context (locale, user, flashes, token…).
    /// `now` are `flash.now` messages shown on this response only.
    pub(crate) fn render(&self, template: &str, extra: Value, now: Vec<Flash>) -> Response {
        self.render_status(StatusCode::OK, template, extra, now)
    }

    /// Like [`Ctx::render`] with an explicit status.
    pub(crate) fn render_status(
        &self,
        status: StatusCode,
        template: &str,
        extra: Value,
        now: Vec<Flash>,
    ) -> Response {
        let (mut flashes, token) =
            self.with_session(|s| (std::mem::take(&mut s.flash), s.csrf_token.clone()));
        flashes.extend(now);
        let locales: Vec<Value> = LOCALES
            .iter()
            .map(|l| {
                context! {
                    code => *l,
                    name => self.state.i18n().t(l, "locale.name"),
                    switch_url => format!("/locale?locale={l}"),
                }
            })
            .collect();
        let user = self.user.as_ref().map(|u| {
            context! {
                name => u.name.clone(),
                email => u.email.clone(),
                admin => u.admin,
                admin_terms_accepted => u.admin_terms_accepted,
            }
        });
        let ctx = context! {
            locale => self.locale.clone(),
            default_locale => self.state.default_locale(),
            locales => locales,
            org_name => ORGANIZATION_NAME,
            current_user => user,
            csrf_token => token,
            flashes => flashes,
            request_path => self.path.clone(),
            editor_i18n => self.state.i18n().dictionary(&self.locale, "editor.toolbar"),
            decidim_messages => context! {
                date => self.state.i18n().dictionary(&self.locale, "date"),
                time => self.state.i18n().dictionary(&self.locale, "time"),
            },
            ..extra
        };
        match self.state.templates().render(template, ctx) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(template, error = %format!("{e:#}"), "replica template failed");
                if cfg!(test) {
                    eprintln!("template {template}: {e:#}");
                }
                ReplicaError::Template(e.to_string()).into_response()
            }
        }
    }
}

/// A plain 302, as Rails' `redirect_to`.
pub(crate) fn redirect_to(location: &str) -> Response {
    let mut resp = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        resp.headers_mut().insert(LOCATION, v);
    }
    resp
}
