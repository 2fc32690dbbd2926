//! Secondary (sidebar) and tab menus, read from `fixtures/resources/_menus.toml`.
//!
//! Used by resource pages (`menu.secondary`, `menu.tabs`) and by other admin pages of the same section
//! (e.g. the Settings placeholders), through [`context`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use minijinja::{context, Value};
use serde::Deserialize;

use crate::session::Ctx;

const SRC: &str = include_str!("../../fixtures/resources/_menus.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Menu {
    pub items: Vec<MenuItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MenuItem {
    pub key: String,
    /// i18n key.
    pub label: String,
    pub path: String,
    /// Macro name in `partials/icons.html`.
    pub icon: String,
    /// Shown only when the replica runs as this flavour (an entry an OSP module adds).
    #[serde(default)]
    pub flavour: Option<String>,
}

/// Every menu by name. Panics on an invalid `_menus.toml`, which every unit test reveals.
pub(crate) fn menus() -> &'static BTreeMap<String, Menu> {
    static MENUS: OnceLock<BTreeMap<String, Menu>> = OnceLock::new();
    MENUS.get_or_init(|| {
        toml::from_str(SRC).unwrap_or_else(|e| panic!("fixtures/resources/_menus.toml: {e}"))
    })
}

/// Items of menu `name` for a template, `active` marked; `None` if there is no such menu.
pub(crate) fn items(ctx: &Ctx, name: &str, active: &str) -> Option<Vec<Value>> {
    let menu = menus().get(name)?;
    Some(
        menu.items
            .iter()
            .filter(|i| {
                i.flavour
                    .as_deref()
                    .is_none_or(|f| f == ctx.state.flavour().name())
            })
            .map(|i| {
                context! {
                    key => i.key.clone(),
                    label => ctx.t(&i.label),
                    url => ctx.url(&i.path),
                    icon => i.icon.clone(),
                    active => i.key == active,
                }
            })
            .collect(),
    )
}

/// Template context for a page showing sidebar `secondary` (active item `active`) and/or tabs.
pub(crate) fn context(
    ctx: &Ctx,
    secondary: Option<(&str, &str)>,
    tabs: Option<(&str, &str)>,
) -> Value {
    let secondary_menu = secondary.and_then(|(name, active)| items(ctx, name, active));
    let tab_menu = tabs.and_then(|(name, active)| items(ctx, name, active));
    context! { secondary_menu => secondary_menu, tab_menu => tab_menu }
}

/// Label (translated) and path of item `key` in menu `name`.
pub(crate) fn item_label(ctx: &Ctx, name: &str, key: &str) -> Option<(String, String)> {
    menus()
        .get(name)?
        .items
        .iter()
        .find(|i| i.key == key)
        .map(|i| (ctx.t(&i.label), i.path.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items of menu `name` shown in `flavour` (the filter of [`items`]).
    fn shown(name: &str, flavour: crate::flavour::Flavour) -> usize {
        menus()[name]
            .items
            .iter()
            .filter(|i| i.flavour.as_deref().is_none_or(|f| f == flavour.name()))
            .count()
    }

    #[test]
    fn menus_parse_and_settings_has_seven_items() {
        use crate::flavour::Flavour;
        let m = menus();
        // Core's seven Settings items; OSP's modules add admin_multi_factor, cleaner and extra_user_fields.
        assert_eq!(shown("settings", Flavour::Core), 7);
        assert_eq!(shown("settings", Flavour::Osp), 10);
        // decidim_awesome's sidebar exists for osp only.
        assert_eq!(shown("awesome", Flavour::Core), 0);
        assert_eq!(shown("awesome", Flavour::Osp), 11);
        assert!(m.contains_key("scopes") && m.contains_key("areas"));
    }
}
