//! The replica: an offline, in-memory imitation of Decidim 0.29's admin, served by axum on 127.0.0.1.
//!
//! It is the test target of the scenario runner and the tool's offline default. It reproduces the ids,
//! classes, labels (en/fr), routes, flashes and JavaScript behaviours that scenarios rely on (see
//! `shared/decidim/admin-facts.md`), so a scenario that passes here also passes on a real 0.29 instance.
//!
//! Flow: [`Replica::start`] builds a seeded [`ReplicaState`], binds a port and serves [`router`].
//! `session::middleware` wraps every request (method override, CSRF check, session, request log);
//! the admin areas live in `routes`; pages are minijinja templates from `fixtures/templates`.
//!
//! Modules depend only downwards (no import cycle), bottom to top:
//! - `flavour`, `options`, `error`, `request_log`, `text`: plain values and helpers;
//! - `i18n` (UI strings, translated values), `catalog` (component manifests), `templates`;
//! - `state` (the store and its generic `records`), then `session` (the per-request `Ctx`) and `page`;
//! - `resources`: the data-driven engine, which knows no admin area (areas plug in their space kinds);
//! - `routes`: the admin areas, each on top of the engine;
//! - `seed`: the one place the seeded world is built; this file wires everything together.

// Guards return a ready-made redirect as their error (`Result<User, Response>`), the idiomatic early return
// in axum handlers; boxing every `Response` would only add noise.
#![allow(clippy::result_large_err)]
// Everything not re-exported below is crate-internal; say so with `pub(crate)`.
#![warn(unreachable_pub)]

/// The Decidim both flavours run (OSP's decidim-app pins 0.29.5 in its Gemfile), as its API
/// documentation page says it.
pub const DECIDIM_VERSION: &str = "0.29.5";

mod catalog;
mod error;
mod faults;
mod flavour;
mod i18n;
mod options;
mod page;
mod request_log;
mod resources;
mod routes;
mod seed;
mod session;
mod state;
mod templates;
mod text;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use faults::{Fault, Faults};
pub use flavour::Flavour;
pub use options::ReplicaOptions;
pub use request_log::LoggedRequest;
pub use seed::{ADMIN_EMAIL, ADMIN_PASSWORD, TERMS_ACCEPTED_EMAIL};
pub use state::ReplicaState;

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

    /// The shared state (its store, reset…).
    pub fn state(&self) -> &ReplicaState {
        &self.state
    }

    /// Faults to switch on for a test (see [`Fault`]).
    pub fn faults(&self) -> &Faults {
        self.state.faults()
    }

    /// Stops accepting connections, ends requests a fault left hanging, lets the others finish,
    /// and waits for the server task.
    pub async fn shutdown(self) {
        self.state.faults().release();
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
            state.clone(),
            session::middleware,
        ))
        // Outermost: a fault hits every answer, the error pages and the assets included.
        .layer(axum::middleware::from_fn_with_state(
            state.faults().clone(),
            faults::middleware,
        ))
}

// The shared test browser names the crate `replica`, as the fidelity tests that include it do.
#[cfg(test)]
extern crate self as replica;
#[cfg(test)]
mod test_browser;
#[cfg(test)]
mod tests;
