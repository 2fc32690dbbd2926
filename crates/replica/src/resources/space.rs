//! Participatory spaces that resources can be nested under (`:slug` in a path).
//!
//! Each space kind says how to find a space by slug, its breadcrumb, and its sidebar menu. Only
//! participatory processes exist in the replica today; assemblies and conferences are added here by
//! giving them a `match` arm in each function (and a sidebar partial), nothing else in the engine changes.

use minijinja::{context, Value};

use super::store::SpaceRef;
use crate::routes::a2_spaces as a2;
use crate::routes::processes::process_menu;
use crate::session::Ctx;

/// Space kinds a definition may name in `space`.
pub const SPACES: &[&str] = &[
    "participatory_processes",
    "assemblies",
    "conferences",
    "initiatives",
];

/// A resolved space.
pub struct Space {
    pub reference: SpaceRef,
    pub slug: String,
    /// Title in the reader's locale.
    pub title: String,
}

/// Finds the space of `kind` with `slug`.
pub fn find(ctx: &Ctx, kind: &str, slug: &str) -> Option<Space> {
    match kind {
        "participatory_processes" => {
            let store = ctx.state.store();
            let p = store.process_by_slug(slug)?;
            Some(Space {
                reference: SpaceRef {
                    kind: kind.into(),
                    id: p.id,
                },
                slug: p.slug.clone(),
                title: ctx.tr(&p.title),
            })
        }
        k if a2::is_space(k) => a2::find(ctx, k, slug),
        _ => None,
    }
}

/// Id of the space of `kind` with `slug`, straight from the store (seeding).
pub fn id_of(store: &crate::state::Store, kind: &str, slug: &str) -> Option<u64> {
    match kind {
        "participatory_processes" => store.process_by_slug(slug).map(|p| p.id),
        k if a2::is_space(k) => a2::id_of(store, k, slug),
        _ => None,
    }
}

/// Main-menu section of the space's pages.
pub fn section(kind: &str) -> &'static str {
    match kind {
        "participatory_processes" => "processes",
        k if a2::is_space(k) => a2::section_of(k),
        _ => "dashboard",
    }
}

/// Breadcrumb items leading to the space (space list, then the space itself).
pub fn crumbs(ctx: &Ctx, kind: &str, space: &Space) -> Vec<(String, Option<String>)> {
    match kind {
        "participatory_processes" => vec![
            (
                ctx.t("decidim.admin.menu.participatory_processes"),
                Some("/admin/participatory_processes".into()),
            ),
            (
                space.title.clone(),
                Some(format!(
                    "/admin/participatory_processes/{}/edit",
                    space.slug
                )),
            ),
        ],
        k if a2::is_space(k) => a2::crumbs(ctx, k, space),
        _ => vec![],
    }
}

/// Extra template context for the space's sidebar, with `active` highlighted.
pub fn menu(ctx: &Ctx, kind: &str, space: &Space, active: &str) -> Value {
    match kind {
        "participatory_processes" => {
            let p = ctx.state.store().process_by_slug(&space.slug).cloned();
            match p {
                Some(p) => context! {
                    process_menu => process_menu(ctx, &p, active),
                    process => context! { slug => p.slug.clone(), title => space.title.clone() },
                },
                None => context! {},
            }
        }
        k if a2::is_space(k) => a2::menu(ctx, k, space, active),
        _ => context! {},
    }
}

/// Label of the space sidebar item `key`.
pub fn item_label(ctx: &Ctx, kind: &str, key: &str) -> String {
    match kind {
        "participatory_processes" => ctx.t(&format!(
            "decidim.admin.menu.participatory_processes_submenu.{key}"
        )),
        k if a2::is_space(k) => a2::item_label(ctx, k, key),
        _ => key.to_string(),
    }
}

/// The space's title in every locale (admin log).
pub fn title_translated(store: &crate::state::Store, r: &SpaceRef) -> crate::state::Translated {
    match r.kind.as_str() {
        "participatory_processes" => store
            .processes
            .iter()
            .find(|p| p.id == r.id)
            .map(|p| p.title.clone())
            .unwrap_or_default(),
        k if a2::is_space(k) => a2::title_translated(store, r),
        _ => Default::default(),
    }
}
