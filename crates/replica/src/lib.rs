//! The replica: an offline, in-memory imitation of Decidim 0.29's admin, served by axum on 127.0.0.1.
//!
//! It is the test target of the scenario runner and the tool's offline default. It reproduces the ids,
//! classes, labels (en/fr), routes, flashes and JavaScript behaviours that scenarios rely on (see
//! `shared/decidim/admin-facts.md`), so a scenario that passes here also passes on a real 0.29 instance.
//!
//! Flow: [`Replica::start`] builds a seeded [`ReplicaState`], binds a port and serves [`router`].
//! [`session::middleware`] wraps every request (method override, CSRF check, session, request log);
//! feature routes live in `routes`; pages are minijinja templates from `fixtures/templates`.

// Guards return a ready-made redirect as their error (`Result<User, Response>`), the idiomatic early return
// in axum handlers; boxing every `Response` would only add noise.
#![allow(clippy::result_large_err)]

mod catalog;
mod error;
mod flavour;
mod i18n;
mod request_log;
mod resources;
mod routes;
mod session;
mod state;
mod templates;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use flavour::Flavour;
pub use request_log::{LoggedRequest, TimedRequest};
pub use state::{ReplicaState, ORGANIZATION_NAME, TERMS_ACCEPTED_EMAIL};

/// Email of the seeded administrator (has not yet accepted the admin terms).
pub const ADMIN_EMAIL: &str = "admin@example.org";
/// Password of every seeded account.
pub const ADMIN_PASSWORD: &str = "decidim123456789";

/// How to start the replica.
#[derive(Clone, Debug)]
pub struct ReplicaOptions {
    /// Which Decidim to imitate.
    pub flavour: Flavour,
    /// The organization's default locale (`en` or `fr`).
    pub default_locale: String,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
}

impl Default for ReplicaOptions {
    fn default() -> Self {
        ReplicaOptions::for_flavour(Flavour::default())
    }
}

impl ReplicaOptions {
    /// A flavour with its own default locale, on a free port.
    pub fn for_flavour(flavour: Flavour) -> ReplicaOptions {
        ReplicaOptions {
            flavour,
            default_locale: flavour.default_locale().into(),
            port: 0,
        }
    }
}

/// A running replica server.
pub struct Replica {
    base_url: String,
    state: ReplicaState,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Replica {
    /// Binds `127.0.0.1:port` and spawns the server task.
    pub async fn start(opts: ReplicaOptions) -> std::io::Result<Replica> {
        let listener = TcpListener::bind(("127.0.0.1", opts.port)).await?;
        let addr = listener.local_addr()?;
        let state = ReplicaState::new(opts);
        let app = router(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!(error = %e, "replica server stopped with an error");
            }
        });
        Ok(Replica {
            base_url: format!("http://{addr}"),
            state,
            stop,
            task,
        })
    }

    /// Root URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every request served so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.state.request_log().requests()
    }

    /// The shared state (reset, request log with timestamps…).
    pub fn state(&self) -> &ReplicaState {
        &self.state
    }

    /// Stops accepting connections, lets in-flight requests finish, and waits for the server task.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// The whole application, for `tower::ServiceExt::oneshot` tests or [`Replica::start`].
pub fn router(state: ReplicaState) -> Router {
    let app = routes::routes(state.flavour()).with_state(state.clone());
    // The middleware must run *before* routing so the `_method` override picks the route; layers on a
    // router run after its own routing, hence the outer router that only forwards to `app`.
    Router::new()
        .fallback_service(app)
        .layer(axum::middleware::from_fn_with_state(
            state,
            session::middleware,
        ))
}

#[cfg(test)]
mod tests;
