//! Secondary (sidebar) and tab menus, read from `fixtures/replica/resources/_menus.toml`.
//!
//! Used by resource pages (`menu.secondary`, `menu.tabs`) and by other admin pages of the same section
//! (e.g. the Settings placeholders), through [`context`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use minijinja::{context, Value};
use serde::Deserialize;

use crate::replica::session::Ctx;

const SRC: &str = include_str!("../../../fixtures/replica/resources/_menus.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Menu {
    pub items: Vec<MenuItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub key: String,
    /// i18n key.
    pub label: String,
    pub path: String,
    /// Macro name in `partials/icons.html`.
    pub icon: String,
}

/// Every menu by name. Panics on an invalid `_menus.toml`, which every unit test reveals.
pub fn menus() -> &'static BTreeMap<String, Menu> {
    static MENUS: OnceLock<BTreeMap<String, Menu>> = OnceLock::new();
    MENUS.get_or_init(|| {
        toml::from_str(SRC)
            .unwrap_or_else(|e| panic!("fixtures/replica/resources/_menus.toml: {e}"))
    })
}

/// Items of menu `name` for a template, `active` marked; `None` if there is no such menu.
pub fn items(ctx: &Ctx, name: &str, active: &str) -> Option<Vec<Value>> {
    let menu = menus().get(name)?;
    Some(
        menu.items
            .iter()
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
pub fn context(ctx: &Ctx, secondary: Option<(&str, &str)>, tabs: Option<(&str, &str)>) -> Value {
    let secondary_menu = secondary.and_then(|(name, active)| items(ctx, name, active));
    let tab_menu = tabs.and_then(|(name, active)| items(ctx, name, active));
    context! { secondary_menu => secondary_menu, tab_menu => tab_menu }
}

/// Label (translated) and path of item `key` in menu `name`.
pub fn item_label(ctx: &Ctx, name: &str, key: &str) -> Option<(String, String)> {
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

    #[test]
    fn menus_parse_and_settings_has_seven_items() {
        let m = menus();
        assert_eq!(m["settings"].items.len(), 7);
        assert!(m.contains_key("scopes") && m.contains_key("areas"));
    }
}
