//! Settings (area C2): the organization's configuration form, its allowed external domains and the help
//! sections of the participatory spaces (decidim-admin 0.29 `OrganizationController`,
//! `OrganizationExternalDomainAllowlistController`, `HelpSectionsController`).
//!
//! The organization's values live in one generic record of kind `organization_settings` (created on first
//! use with the replica's defaults); help sections in records of kind `help_section` (value `space` =
//! manifest name, `content_<l>`). Changing them does not change the rest of the replica (e.g. its name in
//! the title bar).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};

use crate::text::blank_html;

use crate::i18n::Translated;
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::resources::menus;
use crate::session::Ctx;
use crate::state::records::Record;
use crate::state::{Flash, ReplicaState, ORGANIZATION_NAME};

const ORG_KIND: &str = "organization_settings";
const HELP_KIND: &str = "help_section";
/// Participatory space manifests of the replica, in Decidim's registration order.
const SPACES: &[&str] = &[
    "participatory_processes",
    "assemblies",
    "conferences",
    "initiatives",
];
/// `time_zone_select` values shown by the replica (Rails' names).
const TIME_ZONES: &[(&str, &str)] = &[
    ("UTC", "(GMT+00:00) UTC"),
    ("London", "(GMT+00:00) London"),
    ("Paris", "(GMT+01:00) Paris"),
    ("Madrid", "(GMT+01:00) Madrid"),
    ("Brussels", "(GMT+01:00) Brussels"),
    ("Berlin", "(GMT+01:00) Berlin"),
];
const CHECKBOXES: &[&str] = &[
    "badges_enabled",
    "user_groups_enabled",
    "enable_participatory_space_filters",
    "rich_text_editor_in_public_views",
    "send_welcome_notification",
];

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/admin/organization/edit", get(edit))
        .route(
            "/admin/organization",
            axum::routing::patch(update).put(update),
        )
        .route(
            "/admin/organization/external_domain_allowlist/edit",
            get(domains_edit),
        )
        .route(
            "/admin/organization/external_domain_allowlist",
            axum::routing::patch(domains_update).put(domains_update),
        )
        .route("/admin/help_sections", get(help_show).put(help_update))
}

fn pairs(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn settings_page(
    ctx: &Ctx,
    template: &str,
    active: &str,
    title: String,
    extra: Value,
    now: Vec<Flash>,
) -> Response {
    let menus = menus::context(ctx, Some(("settings", active)), None);
    let crumb = menus::item_label(ctx, "settings", active)
        .map(|(label, path)| (label, Some(path)))
        .unwrap_or((title.clone(), None));
    admin_page(
        ctx,
        template,
        "settings",
        vec![crumb],
        context! { title => title, ..minijinja::value::merge_maps([extra, menus]) },
        now,
    )
}

/// The organization's values, created with the defaults of the replica's seeded organization.
fn organization(ctx: &Ctx) -> Record {
    let mut store = ctx.state.store();
    if let Some(r) = store.records.of_kind(ORG_KIND).next() {
        return r.clone();
    }
    let id = store.next_id();
    let mut values = BTreeMap::new();
    for l in LOCALES {
        values.insert(format!("name_{l}"), ORGANIZATION_NAME.to_string());
    }
    for (k, v) in [
        ("default_locale", ctx.state.default_locale()),
        ("time_zone", "UTC"),
        ("reference_prefix", "OSP"),
        ("comments_max_length", "0"),
        ("badges_enabled", "1"),
        ("user_groups_enabled", "1"),
        ("enable_participatory_space_filters", "1"),
        ("rich_text_editor_in_public_views", "0"),
        ("send_welcome_notification", "1"),
        ("external_domains", "decidim.org\nopensourcepolitics.eu"),
    ] {
        values.insert(k.to_string(), v.to_string());
    }
    let r = Record {
        id,
        kind: ORG_KIND.into(),
        space: None,
        parent_id: None,
        values,
        flags: Default::default(),
    };
    store.records.insert(r.clone());
    r
}

fn save_organization(ctx: &Ctx, values: BTreeMap<String, String>, log_action: &str) {
    let id = organization(ctx).id;
    let name = ctx
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let mut store = ctx.state.store();
    if let Some(r) = store.records.get_mut(ORG_KIND, id) {
        r.values = values;
    }
    store.log_admin(
        &name,
        &format!("organization.{log_action}"),
        Translated::default(),
        Translated::default(),
    );
}

fn render_edit(
    ctx: &Ctx,
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    let locales: Vec<Value> = LOCALES
        .iter()
        .map(|l| context! { value => *l, label => ctx.state.i18n().t(l, "locale.name") })
        .collect();
    let zones: Vec<Value> = TIME_ZONES
        .iter()
        .map(|(v, l)| context! { value => *v, label => *l })
        .collect();
    settings_page(
        ctx,
        "admin/settings/organization.html",
        "edit_organization",
        ctx.t("decidim.admin.organization.edit.title"),
        context! {
            form => context! { values => values.clone(), errors => errors.clone() },
            form_locales => crate::page::form_locales(ctx),
            locales => locales,
            zones => zones,
        },
        now,
    )
}

async fn edit(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let org = organization(&ctx);
    render_edit(&ctx, &org.values, &BTreeMap::new(), vec![])
}

async fn update(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let mut values = organization(&ctx).values;
    for c in CHECKBOXES {
        values.insert(c.to_string(), "0".into());
    }
    for (k, v) in pairs(&body) {
        if let Some(f) = k
            .strip_prefix("organization[")
            .and_then(|r| r.strip_suffix(']'))
        {
            values.insert(f.to_string(), v);
        }
    }
    let mut errors = BTreeMap::new();
    let blank = ctx.t("errors.messages.blank");
    let name_key = format!("name_{}", ctx.state.default_locale());
    if values.get(&name_key).is_none_or(|v| v.trim().is_empty()) {
        errors.insert(name_key, blank.clone());
    }
    if values
        .get("reference_prefix")
        .is_none_or(|v| v.trim().is_empty())
    {
        errors.insert("reference_prefix".into(), blank);
    }
    let len = values
        .get("comments_max_length")
        .cloned()
        .unwrap_or_default();
    match len.trim().parse::<i64>() {
        Ok(n) if n >= 0 => {}
        Ok(_) => {
            errors.insert(
                "comments_max_length".into(),
                ctx.t_with(
                    "errors.messages.greater_than_or_equal_to",
                    &[("count", "0")],
                ),
            );
        }
        Err(_) => {
            errors.insert(
                "comments_max_length".into(),
                ctx.t("errors.messages.not_a_number"),
            );
        }
    }
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.organization.update.error"),
        )];
        return render_edit(&ctx, &values, &errors, now);
    }
    save_organization(&ctx, values, "update");
    ctx.flash(
        "success",
        ctx.t("decidim.admin.organization.update.success"),
    );
    ctx.redirect("/admin/organization/edit")
}

fn render_domains(
    ctx: &Ctx,
    domains: &[String],
    error: Option<String>,
    now: Vec<Flash>,
) -> Response {
    let list: Vec<Value> = domains
        .iter()
        .enumerate()
        .map(|(i, d)| context! { id => i + 1, value => d.clone() })
        .collect();
    settings_page(
        ctx,
        "admin/settings/external_domains.html",
        "external_domain_allowlist",
        ctx.t("decidim.admin.organization_external_domain_allowlist.form.title"),
        context! { domains => list, error => error },
        now,
    )
}

async fn domains_edit(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let org = organization(&ctx);
    let domains: Vec<String> = org
        .get("external_domains")
        .lines()
        .map(str::to_string)
        .collect();
    render_domains(&ctx, &domains, None, vec![])
}

async fn domains_update(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    // external_domains[<id>][value|position|deleted]: keep the non-deleted ones, by position.
    let mut by_id: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (k, v) in pairs(&body) {
        let Some(rest) = k.strip_prefix("external_domains[") else {
            continue;
        };
        let Some((id, field)) = rest.split_once("][") else {
            continue;
        };
        by_id
            .entry(id.to_string())
            .or_default()
            .insert(field.trim_end_matches(']').to_string(), v);
    }
    let mut kept: Vec<(i64, String)> = by_id
        .values()
        .filter(|f| f.get("deleted").is_none_or(|d| d != "true"))
        .filter_map(|f| {
            let v = f.get("value")?.trim().to_string();
            let pos = f.get("position").and_then(|p| p.parse().ok()).unwrap_or(0);
            Some((pos, v))
        })
        .collect();
    kept.sort_by_key(|(p, _)| *p);
    let domains: Vec<String> = kept.into_iter().map(|(_, v)| v).collect();
    let valid = |d: &str| {
        d.len() >= 4
            && d.contains('.')
            && d.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    if domains.iter().any(|d| !valid(d)) {
        let now = vec![Flash {
            kind: "success".into(),
            message: ctx.t("decidim.admin.domain_allowlist.update.error"),
            html: false,
        }];
        let err = ctx.t("decidim.admin.domain_allowlist.form.domain_too_short");
        return render_domains(&ctx, &domains, Some(err), now);
    }
    let mut values = organization(&ctx).values;
    values.insert("external_domains".into(), domains.join("\n"));
    save_organization(&ctx, values, "update_external_domain");
    ctx.flash(
        "success",
        ctx.t("decidim.admin.domain_allowlist.update.success"),
    );
    ctx.redirect("/admin/organization/external_domain_allowlist/edit")
}

fn render_help(ctx: &Ctx, now: Vec<Flash>) -> Response {
    let values: BTreeMap<String, String> = {
        let store = ctx.state.store();
        store
            .records
            .of_kind(HELP_KIND)
            .flat_map(|r| {
                let space = r.get("space").to_string();
                LOCALES.iter().map(move |l| {
                    (
                        format!("{space}_content_{l}"),
                        r.get(&format!("content_{l}")).to_string(),
                    )
                })
            })
            .collect()
    };
    let sections: Vec<Value> = SPACES
        .iter()
        .map(|s| {
            // Each section's own values (`content_<l>`), as its `fields_for "sections[]"` form object holds them.
            let own: BTreeMap<String, String> = LOCALES
                .iter()
                .map(|l| {
                    let key = format!("content_{l}");
                    let v = values
                        .get(&format!("{s}_{key}"))
                        .cloned()
                        .unwrap_or_default();
                    (key, v)
                })
                .collect();
            context! {
                id => *s,
                name => ctx.t(&format!("decidim.admin.help_sections.names.{s}")),
                form => context! { values => own, errors => BTreeMap::<String, String>::new() },
            }
        })
        .collect();
    settings_page(
        ctx,
        "admin/settings/help_sections.html",
        "help_sections",
        ctx.t("decidim.admin.menu.help_sections"),
        context! {
            sections => sections,
            // `from_model(OpenStruct.new(sections:))` has no id: Rails' new_help_sections_.
            form_id => "new_help_sections_",
            form => context! { values => values, errors => BTreeMap::<String, String>::new() },
            form_locales => crate::page::form_locales(ctx),
        },
        now,
    )
}

async fn help_show(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    render_help(&ctx, vec![])
}

async fn help_update(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    // help_sections[sections][<manifest>][id|content_<l>] (Rails' `fields_for "sections[]"` indexes by id).
    let mut sections: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (k, v) in pairs(&body) {
        let Some(rest) = k.strip_prefix("help_sections[sections][") else {
            continue;
        };
        let Some((id, field)) = rest.split_once("][") else {
            continue;
        };
        let mut fields = sections.remove(id).unwrap_or_default();
        fields.insert("id".into(), id.to_string());
        fields.insert(field.trim_end_matches(']').to_string(), v);
        sections.insert(id.to_string(), fields);
    }
    {
        let mut store = ctx.state.store();
        for s in sections.into_values() {
            let Some(space) = s.get("id").filter(|i| SPACES.contains(&i.as_str())) else {
                continue;
            };
            let existing = store
                .records
                .of_kind(HELP_KIND)
                .find(|r| r.get("space") == space)
                .map(|r| r.id);
            let id = match existing {
                Some(id) => id,
                None => {
                    let id = store.next_id();
                    let mut values = BTreeMap::new();
                    values.insert("space".to_string(), space.clone());
                    store.records.insert(Record {
                        id,
                        kind: HELP_KIND.into(),
                        space: None,
                        parent_id: None,
                        values,
                        flags: Default::default(),
                    });
                    id
                }
            };
            if let Some(r) = store.records.get_mut(HELP_KIND, id) {
                for l in LOCALES {
                    let k = format!("content_{l}");
                    if let Some(v) = s.get(&k) {
                        let v = if blank_html(v) {
                            String::new()
                        } else {
                            v.clone()
                        };
                        r.values.insert(k, v);
                    }
                }
            }
        }
    }
    ctx.flash("success", ctx.t("decidim.admin.help_sections.success"));
    ctx.redirect("/admin/help_sections")
}
