//! `I18n`: the replica's UI strings, loaded from `fixtures/locales/{en,fr}.toml` and the per-area files
//! `fixtures/locales/<area>.{en,fr}.toml` listed in `FILES` (a key defined twice panics under `cargo test`).
//!
//! The TOML files are nested tables keyed like Decidim's i18n keys (`devise.sessions.new.log_in`), flattened
//! here into dotted keys. Interpolation uses Rails' `%{name}` syntax so strings can be compared with Decidim's.
//!
//! The `osp` flavour loads `fixtures/locales/osp/*.toml` over core's: OSP's decidim-app and its modules
//! override core keys (their locale files load after core's in Rails), and add the keys of their own pages.

use std::collections::{BTreeMap, HashMap};

use super::flavour::Flavour;

/// Locales the replica serves, in the order shown in language menus.
pub(crate) const LOCALES: &[&str] = &["en", "fr"];

/// Whether `locale` is one the replica can serve.
pub(crate) fn is_available(locale: &str) -> bool {
    LOCALES.contains(&locale)
}

/// A value per locale, like Decidim's JSONB translated columns.
pub(crate) type Translated = BTreeMap<String, String>;

/// Builds a [`Translated`] from `(locale, text)` pairs.
pub(crate) fn translated(pairs: &[(&str, &str)]) -> Translated {
    pairs
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect()
}

/// The text of a translated value in `locale`, else the default locale, else any.
pub(crate) fn tr(value: &Translated, locale: &str, default_locale: &str) -> String {
    value
        .get(locale)
        .filter(|s| !s.trim().is_empty())
        .or_else(|| value.get(default_locale).filter(|s| !s.trim().is_empty()))
        .or_else(|| value.values().find(|s| !s.trim().is_empty()))
        .cloned()
        .unwrap_or_default()
}

/// Appends (or replaces) the `locale` query parameter when `locale` is not the default; strips it otherwise.
pub(crate) fn with_locale(path: &str, locale: &str, default_locale: &str) -> String {
    let (base, query) = match path.split_once('?') {
        Some((b, q)) => (b, q),
        None => (path, ""),
    };
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .filter(|(k, _)| k != "locale")
        .collect();
    if locale != default_locale {
        pairs.push(("locale".into(), locale.into()));
    }
    if pairs.is_empty() {
        base.to_string()
    } else {
        let q = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        format!("{base}?{q}")
    }
}

/// All UI strings, per locale, flattened to dotted keys.
#[derive(Debug)]
pub(crate) struct I18n {
    tables: HashMap<String, BTreeMap<String, String>>,
}

/// Per-area locale files `fixtures/locales/<area>.<locale>.toml`, besides the main `en.toml` / `fr.toml`.
/// Adding an area = two lines here (its en and fr files).
macro_rules! locale_file {
    ($area:literal, $locale:literal) => {
        (
            concat!($area, ".", $locale),
            $locale,
            include_str!(concat!(
                "../fixtures/locales/",
                $area,
                ".",
                $locale,
                ".toml"
            )),
        )
    };
}

/// Every locale file: (file stem, locale, source). The main files first.
const FILES: &[(&str, &str, &str)] = &[
    ("en", "en", include_str!("../fixtures/locales/en.toml")),
    ("fr", "fr", include_str!("../fixtures/locales/fr.toml")),
    locale_file!("forms", "en"),
    locale_file!("forms", "fr"),
    locale_file!("resources", "en"),
    locale_file!("resources", "fr"),
    locale_file!("settings", "en"),
    locale_file!("settings", "fr"),
    locale_file!("scopes", "en"),
    locale_file!("scopes", "fr"),
    locale_file!("areas", "en"),
    locale_file!("areas", "fr"),
    locale_file!("categories", "en"),
    locale_file!("categories", "fr"),
    locale_file!("proposals", "en"),
    locale_file!("proposals", "fr"),
    locale_file!("components_b2", "en"),
    locale_file!("components_b2", "fr"),
    locale_file!("blogs", "en"),
    locale_file!("blogs", "fr"),
    locale_file!("debates", "en"),
    locale_file!("debates", "fr"),
    locale_file!("sortitions", "en"),
    locale_file!("sortitions", "fr"),
    locale_file!("accountability", "en"),
    locale_file!("accountability", "fr"),
    locale_file!("budgets", "en"),
    locale_file!("budgets", "fr"),
    locale_file!("component_pages", "en"),
    locale_file!("component_pages", "fr"),
    locale_file!("meetings", "en"),
    locale_file!("meetings", "fr"),
    locale_file!("surveys", "en"),
    locale_file!("surveys", "fr"),
    locale_file!("pages", "en"),
    locale_file!("pages", "fr"),
    locale_file!("newsletters", "en"),
    locale_file!("newsletters", "fr"),
    locale_file!("org_settings", "en"),
    locale_file!("org_settings", "fr"),
    locale_file!("templates_admin", "en"),
    locale_file!("templates_admin", "fr"),
    locale_file!("appearance", "en"),
    locale_file!("appearance", "fr"),
    locale_file!("process_spaces", "en"),
    locale_file!("process_spaces", "fr"),
    locale_file!("a2", "en"),
    locale_file!("a2", "fr"),
    locale_file!("participants", "en"),
    locale_file!("participants", "fr"),
    locale_file!("humanized", "en"),
    locale_file!("humanized", "fr"),
];

/// Locale files of the `osp` flavour, loaded over core's (a key defined in two of them panics under `cargo test`).
macro_rules! osp_file {
    ($area:literal, $locale:literal) => {
        (
            concat!("osp/", $area, ".", $locale),
            $locale,
            include_str!(concat!(
                "../fixtures/locales/osp/",
                $area,
                ".",
                $locale,
                ".toml"
            )),
        )
    };
}

const OSP_FILES: &[(&str, &str, &str)] = &[
    osp_file!("app", "en"),
    osp_file!("app", "fr"),
    osp_file!("modules", "en"),
    osp_file!("modules", "fr"),
];

impl I18n {
    /// The strings of `flavour`: core's, then the flavour's overrides and additions.
    pub(crate) fn for_flavour(flavour: Flavour) -> I18n {
        let mut i18n = I18n::load();
        if flavour == Flavour::Osp {
            let overlay = match load_files(OSP_FILES) {
                Ok(t) => t,
                Err((t, duplicates)) => {
                    if cfg!(test) {
                        panic!("osp locale keys defined twice: {duplicates:?}");
                    }
                    tracing::warn!(?duplicates, "osp locale keys defined twice");
                    t
                }
            };
            for (locale, table) in overlay {
                i18n.tables.entry(locale).or_default().extend(table);
            }
        }
        i18n
    }

    /// Loads the compiled-in locale files. Panics if a file is not valid TOML, and, under `cargo test`, if a key
    /// is defined twice (outside tests the later file wins, with a warning).
    pub(crate) fn load() -> I18n {
        match I18n::try_load() {
            Ok(i) => i,
            Err((i, duplicates)) => {
                if cfg!(test) {
                    panic!("locale keys defined twice: {duplicates:?}");
                }
                tracing::warn!(?duplicates, "replica locale keys defined twice");
                i
            }
        }
    }

    /// Loads every core file; `Err` carries the strings anyway plus the keys defined in two files (`file: key`).
    pub(crate) fn try_load() -> Result<I18n, (I18n, Vec<String>)> {
        match load_files(FILES) {
            Ok(tables) => Ok(I18n { tables }),
            Err((tables, duplicates)) => Err((I18n { tables }, duplicates)),
        }
    }

    /// The string for `key` in `locale`, falling back to English, then to the key itself (as a visible marker).
    pub(crate) fn t(&self, locale: &str, key: &str) -> String {
        self.lookup(locale, key)
            .or_else(|| self.lookup("en", key))
            .unwrap_or_else(|| key.to_string())
    }

    /// Like [`I18n::t`] with `%{name}` placeholders replaced from `vars`.
    pub(crate) fn t_with(&self, locale: &str, key: &str, vars: &[(&str, &str)]) -> String {
        interpolate(&self.t(locale, key), vars)
    }

    fn lookup(&self, locale: &str, key: &str) -> Option<String> {
        self.tables.get(locale)?.get(key).cloned()
    }

    /// The strings under `prefix.` in `locale` (English where missing), keyed by the rest of their key:
    /// the dictionaries Decidim hands to its JavaScript (`editor.toolbar` → `control.bold`…).
    pub(crate) fn dictionary(&self, locale: &str, prefix: &str) -> BTreeMap<String, String> {
        let dotted = format!("{prefix}.");
        let mut out = BTreeMap::new();
        for l in ["en", locale] {
            if let Some(table) = self.tables.get(l) {
                for (k, v) in table.range(dotted.clone()..) {
                    let Some(rest) = k.strip_prefix(&dotted) else {
                        break;
                    };
                    out.insert(rest.to_string(), v.clone());
                }
            }
        }
        out
    }

    /// Every key of a locale (used by tests to check that en and fr stay in step).
    pub(crate) fn keys(&self, locale: &str) -> Vec<String> {
        self.tables
            .get(locale)
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default()
    }
}

type Tables = HashMap<String, BTreeMap<String, String>>;

/// Flattens `files` into one table per locale; `Err` also lists the keys two files define.
fn load_files(files: &[(&str, &str, &str)]) -> Result<Tables, (Tables, Vec<String>)> {
    let mut tables: Tables = HashMap::new();
    let mut origin: HashMap<(String, String), &str> = HashMap::new();
    let mut duplicates = Vec::new();
    for (stem, locale, src) in files {
        let table: toml::Table =
            toml::from_str(src).unwrap_or_else(|e| panic!("fixtures/locales/{stem}.toml: {e}"));
        let mut flat = BTreeMap::new();
        flatten("", &toml::Value::Table(table), &mut flat);
        let all = tables.entry(locale.to_string()).or_default();
        for (k, v) in flat {
            if let Some(first) = origin.insert((locale.to_string(), k.clone()), stem) {
                duplicates.push(format!("{k} ({first}.toml and {stem}.toml)"));
            }
            all.insert(k, v);
        }
    }
    if duplicates.is_empty() {
        Ok(tables)
    } else {
        Err((tables, duplicates))
    }
}

/// Replaces Rails-style `%{name}` placeholders.
pub(crate) fn interpolate(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("%{{{name}}}"), value);
    }
    out
}

fn flatten(prefix: &str, value: &toml::Value, out: &mut BTreeMap<String, String>) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

/// Picks the best available locale from an `Accept-Language` header, honouring q-values.
pub(crate) fn from_accept_language(header: &str) -> Option<String> {
    let mut candidates: Vec<(f32, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_string))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next()?.to_string();
            is_available(&primary).then_some((q, i, primary))
        })
        .collect();
    // Highest q first; header order breaks ties.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    candidates.into_iter().next().map(|c| c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_param_only_for_non_default() {
        assert_eq!(with_locale("/admin/", "en", "en"), "/admin/");
        assert_eq!(with_locale("/admin/", "fr", "en"), "/admin/?locale=fr");
        assert_eq!(
            with_locale("/a?type=proposals&locale=fr", "fr", "en"),
            "/a?type=proposals&locale=fr"
        );
        assert_eq!(with_locale("/a?locale=fr", "en", "en"), "/a");
    }

    #[test]
    fn en_and_fr_have_the_same_keys() {
        for flavour in Flavour::ALL {
            same_keys(&I18n::for_flavour(flavour));
        }
    }

    #[test]
    fn osp_overrides_core_wording() {
        let core = I18n::for_flavour(Flavour::Core);
        let osp = I18n::for_flavour(Flavour::Osp);
        assert_eq!(core.t("en", "decidim.admin.actions.destroy"), "Delete");
        assert_eq!(osp.t("en", "decidim.admin.actions.destroy"), "Destroy");
        assert_eq!(
            core.t("fr", "decidim.admin.scopes.update.success"),
            "Périmètre d'application mis à jour avec succès"
        );
        assert_eq!(
            osp.t("fr", "decidim.admin.scopes.update.success"),
            "Secteur mis à jour avec succès."
        );
        // A key OSP does not touch stays core's.
        assert_eq!(
            osp.t("en", "devise.sessions.new.log_in"),
            core.t("en", "devise.sessions.new.log_in")
        );
    }

    fn same_keys(i18n: &I18n) {
        let en = i18n.keys("en");
        let fr = i18n.keys("fr");
        let missing_fr: Vec<_> = en.iter().filter(|k| !fr.contains(k)).collect();
        let missing_en: Vec<_> = fr.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing_fr.is_empty(), "missing in fr: {missing_fr:?}");
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
    }

    #[test]
    fn no_key_is_defined_twice() {
        if let Err((_, d)) = I18n::try_load() {
            panic!("defined twice: {d:?}");
        }
    }

    #[test]
    fn devise_strings_match_decidim() {
        let i18n = I18n::load();
        assert_eq!(i18n.t("en", "devise.sessions.new.log_in"), "Log in");
        assert_eq!(i18n.t("fr", "devise.sessions.new.log_in"), "Se connecter");
        assert_eq!(
            i18n.t("fr", "devise.failure.invalid"),
            "Email ou mot de passe invalide."
        );
    }

    #[test]
    fn accept_language_prefers_q_then_order() {
        assert_eq!(
            from_accept_language("de-DE,fr-FR;q=0.8,en;q=0.5").as_deref(),
            Some("fr")
        );
        assert_eq!(from_accept_language("en-US,fr").as_deref(), Some("en"));
        assert_eq!(from_accept_language("de"), None);
    }

    #[test]
    fn interpolation_uses_rails_syntax() {
        assert_eq!(interpolate("Hi %{name}!", &[("name", "Ada")]), "Hi Ada!");
    }
}
