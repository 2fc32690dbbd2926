//! The `osp` flavour's own admin pages: what OpenSourcePolitics/decidim-app and the modules it installs add to
//! the admin (menu entries, their landing pages and forms). Served only when the replica runs as `osp`.
//!
//! One submodule per module (facts: docs/research/osp-decidim-app.md §4.2 and the modules' sources):
//! - `term_customizer`: `/admin/term_customizer` (translation sets and their translations);
//! - `awesome`: `/admin/decidim_awesome` (config pages with awesome's own sidebar, menu tweaks, redirections,
//!   maintenance tools, and "Admin accountability" under Participants);
//! - `cache_cleaner`: `/admin/cache_cleaner`;
//! - `org_settings`: the three pages the modules add to the Settings sidebar (admin_multi_factor, cleaner,
//!   extra_user_fields).
//!
//! Module data lives in generic records (`Store::records`) of kinds prefixed `osp_`; `forms` holds the helpers
//! the modules' forms share (reading a submitted model, singleton records, numeric checks).
//!
//! What decidim-app and the modules change on core pages (settings added to component manifests, fields added to
//! core forms, replaced lists) lives with those pages, switched on the flavour: `catalog.rs` (components and
//! their settings), resource definitions' `flavour = "osp"` fields, `{% if flavour == "osp" %}` in core templates
//! and `templates/osp/` overlays. `core_pages_tests` checks each of them against core.

mod awesome;
mod cache_cleaner;
#[cfg(test)]
mod core_pages_tests;
mod forms;
mod org_settings;
mod term_customizer;
#[cfg(test)]
mod tests;

use axum::Router;

use crate::state::ReplicaState;

/// The routes only the `osp` flavour serves.
pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .merge(term_customizer::routes())
        .merge(awesome::routes())
        .merge(cache_cleaner::routes())
        .merge(org_settings::routes())
}
