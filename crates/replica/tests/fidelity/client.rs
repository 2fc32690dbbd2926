//! A tiny in-process browser for the replica: one session cookie, the CSRF token scraped from the last
//! page, requests sent with `tower::ServiceExt::oneshot` (no socket, no browser).

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use replica::{
    router, Flavour, ReplicaOptions, ReplicaState, ADMIN_PASSWORD, TERMS_ACCEPTED_EMAIL,
};
use tower::ServiceExt;

pub struct Client {
    app: Router,
    pub state: ReplicaState,
    cookie: Option<String>,
    token: String,
}

pub struct Resp {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Client {
    /// A fresh core-flavour replica.
    pub fn core() -> Client {
        Client::new(Flavour::Core)
    }

    /// A fresh replica of `flavour` (its own default locale).
    pub fn new(flavour: Flavour) -> Client {
        let state = ReplicaState::new(ReplicaOptions::for_flavour(flavour));
        Client {
            app: router(state.clone()),
            state,
            cookie: None,
            token: String::new(),
        }
    }

    async fn send(&mut self, req: Request<Body>) -> Resp {
        let resp = self.app.clone().oneshot(req).await.expect("infallible");
        if let Some(c) = resp.headers().get(header::SET_COOKIE) {
            let c = c.to_str().expect("ascii cookie");
            self.cookie = c.split(';').next().map(str::to_string);
        }
        let status = resp.status();
        let location = resp
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = to_bytes(resp.into_body(), usize::MAX).await.expect("body");
        let body = String::from_utf8(bytes.to_vec()).expect("utf-8 page");
        const META: &str = "name=\"csrf-token\" content=\"";
        if let Some(i) = body.find(META) {
            let rest = &body[i + META.len()..];
            if let Some(end) = rest.find('"') {
                self.token = rest[..end].to_string();
            }
        }
        Resp {
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
        b
    }

    pub async fn get(&mut self, uri: &str) -> Resp {
        let req = self
            .request("GET", uri)
            .body(Body::empty())
            .expect("request");
        self.send(req).await
    }

    /// A form POST with the CSRF token, like a browser submitting a Rails form.
    pub async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.token.clone();
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter().copied())
            .append_pair("authenticity_token", &token)
            .finish();
        let req = self
            .request("POST", uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    /// [`Client::post`] from the page `referer` (the browser's `Referer` header).
    pub async fn post_with_referer(
        &mut self,
        uri: &str,
        fields: &[(&str, &str)],
        referer: &str,
    ) -> Resp {
        let token = self.token.clone();
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter().copied())
            .append_pair("authenticity_token", &token)
            .finish();
        let req = self
            .request("POST", uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::REFERER, format!("http://replica.test{referer}"))
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    /// Follows redirects from `resp`.
    pub async fn follow(&mut self, mut resp: Resp) -> Resp {
        let mut hops = 0;
        while resp.status.is_redirection() && hops < 10 {
            let loc = resp.location.clone().expect("redirect has a location");
            resp = self.get(&loc).await;
            hops += 1;
        }
        resp
    }

    /// Signs in as the seeded admin who has accepted the admin terms.
    pub async fn sign_in_admin(&mut self) {
        self.get("/users/sign_in").await;
        let r = self
            .post(
                "/users/sign_in",
                &[
                    ("user[email]", TERMS_ACCEPTED_EMAIL),
                    ("user[password]", ADMIN_PASSWORD),
                ],
            )
            .await;
        assert!(
            r.status.is_redirection(),
            "sign in failed: {} {}",
            r.status,
            r.body
        );
        self.follow(r).await;
    }
}
