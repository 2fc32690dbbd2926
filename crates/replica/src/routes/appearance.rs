//! Settings › Appearance (area C2b): decidim-admin 0.29 `OrganizationAppearanceController` (edit, PUT update) and
//! `OrganizationAppearanceForm`: homepage description and Call To Action button, highlighted content banner,
//! omnipresent banner, layout images (favicon, logo, footer logo, official URL) and the organization colours.
//!
//! The values live in one generic record of kind `organization_appearance` (created with the replica's defaults
//! on first use). Image uploads are shown as Decidim's upload buttons but files are not sent nor stored, so the
//! highlighted content banner (which requires an image) cannot be enabled. Changing values does not change the
//! rest of the replica.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::context;

use crate::text::blank_html;

use crate::i18n::Translated;
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::resources::menus;
use crate::session::Ctx;
use crate::state::records::Record;
use crate::state::{Flash, ReplicaState};

const KIND: &str = "organization_appearance";
const PATH: &str = "/admin/organization/appearance";
const CHECKBOXES: &[&str] = &[
    "highlighted_content_banner_enabled",
    "enable_omnipresent_banner",
];
/// Rich-text (editor) fields: an empty editor submits `<p></p>`.
const EDITORS: &[&str] = &[
    "description",
    "highlighted_content_banner_short_description",
];

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route(&format!("{PATH}/edit"), get(edit))
        .route(PATH, axum::routing::put(update).patch(update))
}

/// The appearance values, created with the defaults of a fresh organization (Decidim's default colours).
fn appearance(ctx: &Ctx) -> Record {
    let mut store = ctx.state.store();
    if let Some(r) = store.records.of_kind(KIND).next() {
        return r.clone();
    }
    let id = store.next_id();
    let mut values = BTreeMap::new();
    for (k, v) in [
        ("primary_color", "#53bf40"),
        ("secondary_color", "#599aa6"),
        ("tertiary_color", "#f2b705"),
        ("highlighted_content_banner_enabled", "0"),
        ("enable_omnipresent_banner", "0"),
        ("official_url", "https://opensourcepolitics.eu"),
    ] {
        values.insert(k.to_string(), v.to_string());
    }
    let r = Record {
        id,
        kind: KIND.into(),
        space: None,
        parent_id: None,
        values,
        flags: Default::default(),
    };
    store.records.insert(r.clone());
    r
}

fn render_edit(
    ctx: &Ctx,
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    let active = "edit_organization_appearance";
    let menus = menus::context(ctx, Some(("settings", active)), None);
    let crumb = menus::item_label(ctx, "settings", active)
        .map(|(label, path)| (label, Some(path)))
        .unwrap_or((ctx.t("decidim.admin.menu.appearance"), None));
    let slug_url = format!(
        "<span class=\"slug-url\">/<span class=\"slug-url-value\">{}</span></span>",
        crate::error::html_escape(
            values
                .get("cta_button_path")
                .map(String::as_str)
                .unwrap_or("")
        )
    );
    admin_page(
        ctx,
        "admin/appearance/edit.html",
        "settings",
        vec![crumb],
        context! {
            title => ctx.t("decidim.admin.titles.edit_organization_appearance"),
            form => context! { values => values.clone(), errors => errors.clone() },
            form_locales => crate::page::form_locales(ctx),
            cta_path_help => ctx.t_with(
                "decidim.admin.organization_appearance.form.cta_button_path_help_html",
                &[("url", &slug_url)],
            ),
            ..menus
        },
        now,
    )
}

async fn edit(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let r = appearance(&ctx);
    render_edit(&ctx, &r.values, &BTreeMap::new(), vec![])
}

/// `cta_button_path` format: `\A[a-zA-Z]+[a-zA-Z0-9\-_/]+\z`.
fn valid_cta_path(p: &str) -> bool {
    let mut chars = p.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    first.is_ascii_alphabetic()
        && !rest.is_empty()
        && rest
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'))
}

/// Decidim's `UrlValidator`: an http(s) URL with a host.
fn valid_url(u: &str) -> bool {
    url::Url::parse(u)
        .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .unwrap_or(false)
}

fn validate(ctx: &Ctx, values: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut errors = BTreeMap::new();
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or("").trim();
    let blank = ctx.t("errors.messages.blank");
    let cta = get("cta_button_path");
    if !cta.is_empty() && !valid_cta_path(cta) {
        errors.insert("cta_button_path".into(), ctx.t("errors.messages.invalid"));
    }
    let default = ctx.state.default_locale();
    let translated_presence = |field: &str, errors: &mut BTreeMap<String, String>| {
        let k = format!("{field}_{default}");
        let v = values.get(&k).map(String::as_str).unwrap_or("");
        if v.trim().is_empty() || blank_html(v) {
            errors.insert(k, blank.clone());
        }
    };
    let url_presence = |field: &str, errors: &mut BTreeMap<String, String>| {
        let v = get(field);
        if v.is_empty() {
            errors.insert(field.to_string(), blank.clone());
        } else if !valid_url(v) {
            errors.insert(field.to_string(), ctx.t("errors.messages.url_format"));
        }
    };
    if get("highlighted_content_banner_enabled") == "1" {
        url_presence("highlighted_content_banner_action_url", &mut errors);
        for f in [
            "highlighted_content_banner_title",
            "highlighted_content_banner_short_description",
            "highlighted_content_banner_action_title",
        ] {
            translated_presence(f, &mut errors);
        }
        // The banner needs an image, which the replica never stores.
        errors.insert("highlighted_content_banner_image".into(), blank.clone());
    }
    if get("enable_omnipresent_banner") == "1" {
        url_presence("omnipresent_banner_url", &mut errors);
        for f in [
            "omnipresent_banner_title",
            "omnipresent_banner_short_description",
        ] {
            translated_presence(f, &mut errors);
        }
    }
    errors
}

async fn update(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let mut values = appearance(&ctx).values;
    for c in CHECKBOXES {
        values.insert(c.to_string(), "0".into());
    }
    for (k, v) in url::form_urlencoded::parse(&body).into_owned() {
        if let Some(f) = k
            .strip_prefix("organization[")
            .and_then(|r| r.strip_suffix(']'))
        {
            let v = if EDITORS
                .iter()
                .any(|e| LOCALES.iter().any(|l| f == format!("{e}_{l}")))
                && blank_html(&v)
            {
                String::new()
            } else {
                v
            };
            values.insert(f.to_string(), v);
        }
    }
    let errors = validate(&ctx, &values);
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.organization.update.error"),
        )];
        return render_edit(&ctx, &values, &errors, now);
    }
    let id = appearance(&ctx).id;
    let name = ctx
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    {
        let mut store = ctx.state.store();
        if let Some(r) = store.records.get_mut(KIND, id) {
            r.values = values;
        }
        store.log_admin(
            &name,
            "organization.update",
            Translated::default(),
            Translated::default(),
        );
    }
    ctx.flash(
        "success",
        ctx.t("decidim.admin.organization.update.success"),
    );
    ctx.redirect(&format!("{PATH}/edit"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_browser::Browser;

    #[tokio::test]
    async fn appearance_update_and_validation() {
        let mut b = Browser::new();
        b.sign_in_accepted().await;
        let page = b.get("/admin/organization/appearance/edit").await;
        assert!(page.body.contains("Edit homepage appearance"));
        assert!(page.body.contains("id=\"organization_logo_button\""));
        assert!(page.body.contains("id=\"organization_primary_color\""));
        let bad = b
            .post(
                PATH,
                &[
                    ("_method", "put"),
                    ("organization[cta_button_path]", "/bad path"),
                ],
            )
            .await;
        assert!(bad
            .body
            .contains("There was a problem updating this organization."));
        assert!(bad.body.contains("is invalid"));
        let ok = b
            .post(
                PATH,
                &[
                    ("_method", "put"),
                    ("organization[cta_button_path]", "processes"),
                ],
            )
            .await;
        assert!(b
            .follow(ok)
            .await
            .body
            .contains("Organization updated successfully."));
    }

    #[test]
    fn cta_path_follows_decidims_format() {
        assert!(valid_cta_path("processes"));
        assert!(valid_cta_path("processes/my-process_1"));
        assert!(!valid_cta_path("/processes"));
        assert!(!valid_cta_path("p"));
        assert!(!valid_cta_path("not a path"));
    }
}
