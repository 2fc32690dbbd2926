//! The data-driven resource engine: an admin area described by a TOML definition
//! (`fixtures/resources/<area>.toml`) gets its list page, new/edit forms, validations, flashes,
//! destroy with confirm, member actions, admin-log entries and seeds without area-specific Rust.
//!
//! - [`registry`]: the area definitions the engine serves, loaded and checked once;
//! - [`def`]: the definition model and its consistency checks;
//! - [`patterns`]: named value patterns fields may require;
//! - [`paths`]: matching requests to definitions, building URLs;
//! - [`space`]: participatory spaces (`:slug`) resources nest under;
//! - [`menus`]: secondary (sidebar) and tab menus from `_menus.toml`;
//! - [`form`]: form values, validation, field views;
//! - [`handlers`]: the generic handlers, reached through the router's fallback ([`dispatch`]);
//! - [`seeds`]: records of a fresh instance.
//!
//! Adding an area = one TOML file + one line in [`registry::AREAS`] (+ its two locale files in `i18n.rs`).
//! See `src/resources/README.md`.

pub(crate) mod def;
pub(crate) mod form;
pub(crate) mod handlers;
pub(crate) mod menus;
pub(crate) mod paths;
pub(crate) mod patterns;
pub(crate) mod registry;
pub(crate) mod seeds;
pub(crate) mod space;

pub(crate) use handlers::dispatch;
pub(crate) use registry::{by_kind, serves_component_root};

#[cfg(test)]
mod tests;
