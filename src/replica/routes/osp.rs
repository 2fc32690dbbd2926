//! The `osp` flavour's own admin pages: what OpenSourcePolitics/decidim-app and the modules it installs add to
//! the admin (menu entries, their landing pages and forms). Served only when the replica runs as `osp`.

use axum::Router;

use crate::replica::state::ReplicaState;

/// The routes only the `osp` flavour serves.
pub fn routes() -> Router<ReplicaState> {
    Router::new()
}
