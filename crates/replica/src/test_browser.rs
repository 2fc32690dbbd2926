//! A tiny in-process browser for tests of the replica: one session cookie, the CSRF token scraped from
//! the last page, requests sent with `tower::ServiceExt::oneshot` (no socket, no real browser).
//!
//! One file for every test: the crate's unit tests compile it as `crate::test_browser`, the fidelity
//! tests include it with `#[path]`. It names the crate `replica` in both (the crate root declares
//! `extern crate self as replica` for its tests), so it uses only the public API.

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use replica::{
    router, Flavour, ReplicaOptions, ReplicaState, ADMIN_PASSWORD, TERMS_ACCEPTED_EMAIL,
};
use tower::ServiceExt;

/// Redirects [`Browser::follow`] takes before giving up (a loop is a bug, not a hang).
const MAX_REDIRECTS: usize = 10;

pub(crate) struct Browser {
    app: Router,
    pub(crate) state: ReplicaState,
    cookie: Option<String>,
    /// The CSRF token of the last page (some tests post it by hand).
    pub(crate) token: String,
    /// Sent as `Accept-Language` when set.
    pub(crate) accept_language: Option<String>,
}

/// A response, read whole.
pub(crate) struct Page {
    pub(crate) status: StatusCode,
    pub(crate) location: Option<String>,
    pub(crate) body: String,
}

impl Page {
    /// The redirect's path, without the `?locale=` the replica appends outside the default locale.
    #[allow(dead_code)] // not every test crate follows redirects by path
    pub(crate) fn to(&self) -> Option<&str> {
        self.location
            .as_deref()
            .map(|l| l.split('?').next().unwrap_or(l))
    }
}

#[allow(dead_code)] // each test crate uses its own subset
impl Browser {
    /// A fresh core-flavour replica.
    pub(crate) fn new() -> Browser {
        Browser::of(Flavour::Core)
    }

    /// A fresh replica of `flavour` (with its own default locale).
    pub(crate) fn of(flavour: Flavour) -> Browser {
        Browser::with_options(ReplicaOptions::for_flavour(flavour))
    }

    pub(crate) fn with_options(opts: ReplicaOptions) -> Browser {
        let state = ReplicaState::new(opts);
        Browser {
            app: router(state.clone()),
            state,
            cookie: None,
            token: String::new(),
            accept_language: None,
        }
    }

    /// A fresh replica of `flavour`, signed in as the admin who has accepted the admin terms.
    pub(crate) async fn admin(flavour: Flavour) -> Browser {
        let mut b = Browser::of(flavour);
        b.sign_in_accepted().await;
        b
    }

    async fn send(&mut self, req: Request<Body>) -> Page {
        let resp = self.app.clone().oneshot(req).await.expect("infallible");
        if let Some(c) = resp.headers().get(header::SET_COOKIE) {
            let c = c.to_str().expect("ascii cookie");
            self.cookie = c.split(';').next().map(str::to_string);
        }
        let status = resp.status();
        let location = resp
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().expect("ascii location").to_string());
        let bytes = to_bytes(resp.into_body(), usize::MAX).await.expect("body");
        let body = String::from_utf8(bytes.to_vec()).expect("utf-8 page");
        const META: &str = "name=\"csrf-token\" content=\"";
        if let Some(i) = body.find(META) {
            let rest = &body[i + META.len()..];
            if let Some(end) = rest.find('"') {
                self.token = rest[..end].to_string();
            }
        }
        Page {
            status,
            location,
            body,
        }
    }

    fn request(&self, method: &str, uri: &str) -> axum::http::request::Builder {
        let mut b = Request::builder().method(method).uri(uri);
        if let Some(c) = &self.cookie {
            b = b.header(header::COOKIE, c);
        }
        if let Some(l) = &self.accept_language {
            b = b.header(header::ACCEPT_LANGUAGE, l);
        }
        b
    }

    pub(crate) async fn get(&mut self, uri: &str) -> Page {
        let req = self
            .request("GET", uri)
            .body(Body::empty())
            .expect("request");
        self.send(req).await
    }

    /// A form POST with the CSRF token added, like a browser submitting a Rails form (`_method` for
    /// PATCH/DELETE).
    pub(crate) async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.token.clone();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("authenticity_token", &token));
        self.post_raw(uri, &all, None).await
    }

    /// [`Browser::post`] from the page `referer` (the browser's `Referer` header).
    pub(crate) async fn post_with_referer(
        &mut self,
        uri: &str,
        fields: &[(&str, &str)],
        referer: &str,
    ) -> Page {
        let token = self.token.clone();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("authenticity_token", &token));
        self.post_raw(uri, &all, Some(referer)).await
    }

    /// A form POST of exactly `fields` (no token added), from `referer` if given.
    pub(crate) async fn post_raw(
        &mut self,
        uri: &str,
        fields: &[(&str, &str)],
        referer: Option<&str>,
    ) -> Page {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut b = self
            .request("POST", uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(r) = referer {
            b = b.header(header::REFERER, format!("http://127.0.0.1{r}"));
        }
        self.send(b.body(Body::from(body)).expect("request")).await
    }

    /// Follows the redirect chain from `page`.
    pub(crate) async fn follow(&mut self, mut page: Page) -> Page {
        let mut hops = 0;
        while page.status.is_redirection() {
            assert!(hops < MAX_REDIRECTS, "redirect loop at {:?}", page.location);
            let loc = page.location.clone().expect("redirect has a location");
            page = self.get(&loc).await;
            hops += 1;
        }
        page
    }

    /// Signs in `email` (password of every seeded account) and follows to the landing page.
    pub(crate) async fn sign_in(&mut self, email: &str) -> Page {
        self.get("/users/sign_in").await;
        let p = self
            .post(
                "/users/sign_in",
                &[("user[email]", email), ("user[password]", ADMIN_PASSWORD)],
            )
            .await;
        self.follow(p).await
    }

    /// Signs in the seeded admin who has accepted the admin terms; panics if the sign-in fails.
    pub(crate) async fn sign_in_accepted(&mut self) {
        self.get("/users/sign_in").await;
        let p = self
            .post(
                "/users/sign_in",
                &[
                    ("user[email]", TERMS_ACCEPTED_EMAIL),
                    ("user[password]", ADMIN_PASSWORD),
                ],
            )
            .await;
        assert!(
            p.status.is_redirection(),
            "sign in failed: {} {}",
            p.status,
            p.body
        );
        self.follow(p).await;
    }
}
