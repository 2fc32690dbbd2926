//! The three pages OSP's modules add to the Settings sidebar (docs/research/osp-decidim-app.md §4.1-4.2). Their
//! controllers use `layout "decidim/admin/settings"` (the sidebar, their item active) but are not in the
//! `active` list of core's "Settings" main-menu item (decidim-admin `lib/decidim/admin/menu.rb:258-275`) and add
//! no breadcrumb menu: no main-menu item is highlighted and the breadcrumb is the home icon alone.
//!
//! - admin_multi_factor @ e436cc6 (`admin_multi_logins_controller.rb`, `admin_multi_logins/edit.html.erb`):
//!   `/admin/organization/admin_multi_login/edit`, PATCH `/admin/organization/admin_multi_login` → back to
//!   edit with core's "Organization updated successfully." (record `osp_mfa_settings`). The `/admin/elevate`
//!   step that enabling it brings is not reproduced.
//! - cleaner 4.1.2 @ a57304e (`organization_cleaner_controller.rb`, `organization_cleaner/edit.html.erb`,
//!   `_form.html.erb`): `/admin/organization/cleaner/edit`, PUT `/admin/organization/cleaner` (record
//!   `osp_cleaner_settings`; the real module writes organization columns).
//! - extra_user_fields 0.28 @ 196d782 (`extra_user_fields_controller.rb`, `extra_user_fields/index.html.erb`,
//!   `_form.html.erb`, `fields/*`): `/admin/extra_user_fields`, PATCH
//!   `/admin/extra_user_fields/extra_user_fields`, which renders the page again (no redirect) with
//!   `flash[:notice]` — so the notice shows on that page and once more on the next one, as in Rails
//!   (record `osp_extra_user_fields`). Its participants export
//!   (`/admin/extra_user_fields/extra_user_fields/export_users.<format>`) answers with core's export notice.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};

use super::forms::{checked, model_fields, pairs, save_singleton, singleton};
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::page::form_locales;
use crate::resources::menus;
use crate::session::Ctx;
use crate::state::{Flash, ReplicaState};

const MFA_KIND: &str = "osp_mfa_settings";
const MFA_DEFAULTS: &[(&str, &str)] = &[("enable_multifactor", "0"), ("email", "0"), ("sms", "0")];
const CLEANER_KIND: &str = "osp_cleaner_settings";
const CLEANER_DEFAULTS: &[(&str, &str)] = &[
    ("delete_admin_logs", "0"),
    ("delete_admin_logs_after", ""),
    ("delete_inactive_users", "0"),
    ("delete_inactive_users_email_after", ""),
    ("delete_inactive_users_after", ""),
];
const EUF_KIND: &str = "osp_extra_user_fields";
/// decidim-app `db/schema.rb:1550` (`{"enabled"=>false}`) and the engine's `DEFAULT_UNDERAGE_LIMIT` (18).
const EUF_DEFAULTS: &[(&str, &str)] = &[("enabled", "0"), ("underage_limit", "18")];
/// The form's checkboxes, in the order of `_form.html.erb`.
const EUF_CHECKBOXES: &[&str] = &[
    "enabled",
    "date_of_birth",
    "country",
    "postal_code",
    "gender",
    "phone_number",
    "location",
    "underage",
];

pub(super) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/admin/organization/admin_multi_login/edit", get(mfa_edit))
        .route(
            "/admin/organization/admin_multi_login",
            axum::routing::patch(mfa_update).put(mfa_update),
        )
        .route("/admin/organization/cleaner/edit", get(cleaner_edit))
        .route(
            "/admin/organization/cleaner",
            axum::routing::put(cleaner_update).patch(cleaner_update),
        )
        .route("/admin/extra_user_fields", get(euf_index))
        .route("/admin/extra_user_fields/", get(euf_index))
        .route(
            "/admin/extra_user_fields/extra_user_fields",
            get(euf_index).patch(euf_update),
        )
        .route(
            "/admin/extra_user_fields/extra_user_fields/export_users",
            get(euf_export),
        )
        .route(
            "/admin/extra_user_fields/extra_user_fields/export_users.csv",
            get(euf_export),
        )
        .route(
            "/admin/extra_user_fields/extra_user_fields/export_users.json",
            get(euf_export),
        )
        .route(
            "/admin/extra_user_fields/extra_user_fields/export_users.excel",
            get(euf_export),
        )
        // The Participants page's "Export" dropdown links with the formats as the engine spells them
        // (`DEFAULT_EXPORT_FORMATS = %w(CSV JSON Excel)`, passed as `format:` to the path helper).
        .route(
            "/admin/extra_user_fields/extra_user_fields/export_users.CSV",
            get(euf_export),
        )
        .route(
            "/admin/extra_user_fields/extra_user_fields/export_users.JSON",
            get(euf_export),
        )
        .route(
            "/admin/extra_user_fields/extra_user_fields/export_users.Excel",
            get(euf_export),
        )
}

/// A page in the settings layout with `active` highlighted in the sidebar.
fn settings_page(
    ctx: &Ctx,
    template: &str,
    active: &str,
    extra: Value,
    now: Vec<Flash>,
) -> Response {
    let menus = menus::context(ctx, Some(("settings", active)), None);
    admin_page(
        ctx,
        template,
        "",
        vec![],
        minijinja::value::merge_maps([extra, menus]),
        now,
    )
}

// ---------------------------------------------------------------- admin_multi_factor

async fn mfa_edit(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let s = singleton(&ctx, MFA_KIND, MFA_DEFAULTS);
    settings_page(
        &ctx,
        "admin/admin_multi_factor/edit.html",
        "admin_multi_login",
        context! { values => s.values },
        vec![],
    )
}

async fn mfa_update(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let fields = model_fields(&pairs(&body), "multi_factor");
    let values: BTreeMap<String, String> = MFA_DEFAULTS
        .iter()
        .map(|(k, _)| {
            let v = if checked(fields.get(*k)) { "1" } else { "0" };
            (k.to_string(), v.to_string())
        })
        .collect();
    save_singleton(&ctx, MFA_KIND, MFA_DEFAULTS, values);
    ctx.flash(
        "success",
        ctx.t("decidim.admin.organization.update.success"),
    );
    ctx.redirect("/admin/organization/admin_multi_login/edit")
}

// ---------------------------------------------------------------- cleaner

async fn cleaner_edit(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let s = singleton(&ctx, CLEANER_KIND, CLEANER_DEFAULTS);
    settings_page(
        &ctx,
        "admin/cleaner/edit.html",
        "cleaner",
        context! { values => s.values },
        vec![],
    )
}

async fn cleaner_update(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let fields = model_fields(&pairs(&body), "organization");
    let mut values = singleton(&ctx, CLEANER_KIND, CLEANER_DEFAULTS).values;
    for (k, _) in CLEANER_DEFAULTS {
        if k.ends_with("_after") {
            // An Integer attribute: what is not a number is stored as nil.
            let v = fields.get(*k).cloned().unwrap_or_default();
            let v = v
                .trim()
                .parse::<i64>()
                .map(|n| n.to_string())
                .unwrap_or_default();
            values.insert(k.to_string(), v);
        } else {
            let v = if checked(fields.get(*k)) { "1" } else { "0" };
            values.insert(k.to_string(), v.to_string());
        }
    }
    save_singleton(&ctx, CLEANER_KIND, CLEANER_DEFAULTS, values);
    ctx.flash(
        "success",
        ctx.t("decidim.admin.organization.update.success"),
    );
    ctx.redirect("/admin/organization/cleaner/edit")
}

// ---------------------------------------------------------------- extra_user_fields

fn render_euf(ctx: &Ctx, values: &BTreeMap<String, String>, now: Vec<Flash>) -> Response {
    let limits: Vec<Value> = (15..=21)
        .map(|n| context! { value => n.to_string(), label => n.to_string() })
        .collect();
    settings_page(
        ctx,
        "admin/extra_user_fields/index.html",
        "extra_user_fields",
        context! {
            form => context! { values => values.clone(), errors => BTreeMap::<String, String>::new() },
            form_locales => form_locales(ctx),
            underage_limits => limits,
        },
        now,
    )
}

async fn euf_index(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let s = singleton(&ctx, EUF_KIND, EUF_DEFAULTS);
    render_euf(&ctx, &s.values, vec![])
}

async fn euf_update(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let fields = model_fields(&pairs(&body), "extra_user_fields");
    let mut values = singleton(&ctx, EUF_KIND, EUF_DEFAULTS).values;
    for k in EUF_CHECKBOXES {
        let v = if checked(fields.get(*k)) { "1" } else { "0" };
        values.insert(k.to_string(), v.to_string());
    }
    let mut text = vec![
        "underage_limit".to_string(),
        "phone_number_pattern".to_string(),
    ];
    text.extend(
        LOCALES
            .iter()
            .map(|l| format!("phone_number_placeholder_{l}")),
    );
    for k in text {
        if let Some(v) = fields.get(&k) {
            values.insert(k, v.clone());
        }
    }
    save_singleton(&ctx, EUF_KIND, EUF_DEFAULTS, values.clone());
    let message = ctx.t("decidim.extra_user_fields.admin.extra_user_fields.update.success");
    // `flash[:notice]` then `render`: shown now and kept for the next request.
    let page = render_euf(
        &ctx,
        &values,
        vec![Flash {
            kind: "success".into(),
            message: message.clone(),
            html: false,
        }],
    );
    ctx.flash("success", message);
    page
}

async fn euf_export(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    ctx.flash("success", ctx.t("decidim.admin.exports.notice"));
    ctx.redirect("/admin/officializations")
}
