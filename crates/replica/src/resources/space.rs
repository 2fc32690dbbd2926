//! Participatory spaces that resources can be nested under (`:slug` in a path).
//!
//! The engine knows no space kind itself: each admin area that owns spaces (participatory processes,
//! assemblies…) implements [`SpaceKind`] and the router registers them all in one [`Spaces`], handed to
//! the engine as a request extension. A new space kind is one more implementation, nothing in the engine.

use std::sync::Arc;

use minijinja::{context, Value};

use super::registry::definitions;
use crate::i18n::Translated;
use crate::session::Ctx;
use crate::state::records::SpaceRef;
use crate::state::Store;

/// A resolved space.
pub(crate) struct Space {
    pub reference: SpaceRef,
    pub slug: String,
    /// Title in the reader's locale.
    pub title: String,
}

/// What the engine needs from the area owning a space kind. `kind` is a definition's `space` value.
pub(crate) trait SpaceKind: Send + Sync {
    /// Whether this implementation serves the space kind `kind`.
    fn serves(&self, kind: &str) -> bool;
    /// Finds the space of `kind` with `slug`.
    fn find(&self, ctx: &Ctx, kind: &str, slug: &str) -> Option<Space>;
    /// Id of the space of `kind` with `slug`, straight from the store (seeding).
    fn id_of(&self, store: &Store, kind: &str, slug: &str) -> Option<u64>;
    /// Main-menu section of the space's pages.
    fn section(&self, kind: &str) -> &'static str;
    /// Breadcrumb items leading to the space (space list, then the space itself).
    fn crumbs(&self, ctx: &Ctx, kind: &str, space: &Space) -> Vec<(String, Option<String>)>;
    /// Extra template context for the space's sidebar, with `active` highlighted.
    fn menu(&self, ctx: &Ctx, kind: &str, space: &Space, active: &str) -> Value;
    /// Label of the space sidebar item `key`.
    fn item_label(&self, ctx: &Ctx, kind: &str, key: &str) -> String;
    /// The space's title in every locale (admin log).
    fn title_translated(&self, store: &Store, space: &SpaceRef) -> Translated;
}

/// Every registered space kind; cheap to clone (it travels in each request's extensions).
#[derive(Clone)]
pub(crate) struct Spaces(Arc<Vec<Box<dyn SpaceKind>>>);

impl Spaces {
    /// Registers `kinds`. Panics if a definition names a space no kind serves, which every test reveals.
    pub(crate) fn new(kinds: Vec<Box<dyn SpaceKind>>) -> Spaces {
        let spaces = Spaces(Arc::new(kinds));
        for d in definitions() {
            if let Some(s) = &d.space {
                assert!(
                    spaces.of(s).is_some(),
                    "resource `{}`: unknown space `{s}`",
                    d.kind
                );
            }
        }
        spaces
    }

    /// The registered spaces of this request (the router layers them in; see `routes::routes`).
    pub(crate) fn of_request(ctx: &Ctx) -> &Spaces {
        ctx.extension::<Spaces>()
            .expect("the router registers the space kinds")
    }

    fn of(&self, kind: &str) -> Option<&dyn SpaceKind> {
        self.0.iter().find(|k| k.serves(kind)).map(|k| &**k)
    }

    pub(crate) fn find(&self, ctx: &Ctx, kind: &str, slug: &str) -> Option<Space> {
        self.of(kind)?.find(ctx, kind, slug)
    }

    pub(crate) fn id_of(&self, store: &Store, kind: &str, slug: &str) -> Option<u64> {
        self.of(kind)?.id_of(store, kind, slug)
    }

    pub(crate) fn section(&self, kind: &str) -> &'static str {
        self.of(kind).map_or("dashboard", |k| k.section(kind))
    }

    pub(crate) fn crumbs(
        &self,
        ctx: &Ctx,
        kind: &str,
        space: &Space,
    ) -> Vec<(String, Option<String>)> {
        self.of(kind)
            .map(|k| k.crumbs(ctx, kind, space))
            .unwrap_or_default()
    }

    pub(crate) fn menu(&self, ctx: &Ctx, kind: &str, space: &Space, active: &str) -> Value {
        match self.of(kind) {
            Some(k) => k.menu(ctx, kind, space, active),
            None => context! {},
        }
    }

    pub(crate) fn item_label(&self, ctx: &Ctx, kind: &str, key: &str) -> String {
        match self.of(kind) {
            Some(k) => k.item_label(ctx, kind, key),
            None => key.to_string(),
        }
    }

    pub(crate) fn title_translated(&self, store: &Store, space: &SpaceRef) -> Translated {
        self.of(&space.kind)
            .map(|k| k.title_translated(store, space))
            .unwrap_or_default()
    }
}
