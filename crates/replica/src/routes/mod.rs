//! The admin areas, grouped like Decidim's admin; each module exposes `fn routes() -> Router<ReplicaState>`.
//!
//! This module only assembles them: [`routes`] merges every area's routes and plugs the areas' space kinds
//! ([`spaces`]) into the resource engine, which answers whatever no area route matches.

pub(crate) mod a2_spaces;
pub(crate) mod admin_terms;
pub(crate) mod appearance;
pub(crate) mod auth;
pub(crate) mod components;
pub(crate) mod dashboard;
pub(crate) mod homepage;
pub(crate) mod initiatives;
pub(crate) mod locale;
pub(crate) mod newsletters;
pub(crate) mod osp;
pub(crate) mod pages;
pub(crate) mod participants;
pub(crate) mod process_spaces;
pub(crate) mod processes;
pub(crate) mod proposals_admin;
pub(crate) mod public;
pub(crate) mod settings;
pub(crate) mod templates_admin;

use axum::{Extension, Router};

use crate::flavour::Flavour;
use crate::resources::space::Spaces;
use crate::state::ReplicaState;

/// Every route of the replica for `flavour` (without the session middleware; see [`crate::router`]).
pub(crate) fn routes(flavour: Flavour) -> Router<ReplicaState> {
    let flavoured = match flavour {
        Flavour::Core => Router::new(),
        Flavour::Osp => osp::routes(),
    };
    Router::new()
        .merge(flavoured)
        .merge(public::routes())
        .merge(auth::routes())
        .merge(admin_terms::routes())
        .merge(dashboard::routes())
        .merge(processes::routes())
        .merge(a2_spaces::routes())
        .merge(initiatives::routes())
        .merge(process_spaces::routes())
        .merge(components::routes())
        .merge(proposals_admin::routes())
        .merge(locale::routes())
        .merge(participants::routes())
        .merge(pages::routes())
        .merge(newsletters::routes())
        .merge(settings::routes())
        .merge(templates_admin::routes())
        .merge(appearance::routes())
        .merge(homepage::routes())
        // Data-driven admin areas (scopes, areas, categories…) answer here; anything else is a 404.
        .fallback(crate::resources::dispatch)
        // After the fallback, so the engine's pages get the space kinds too.
        .layer(Extension(spaces()))
}

/// The participatory space kinds of the areas, which engine resources nest under (`:slug`).
pub(crate) fn spaces() -> Spaces {
    Spaces::new(vec![
        Box::new(processes::ProcessSpaces),
        Box::new(a2_spaces::A2Spaces),
        Box::new(initiatives::InitiativeSpaces),
    ])
}
