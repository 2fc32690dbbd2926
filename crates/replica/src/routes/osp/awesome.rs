//! Decidim awesome (decidim-ice/decidim-module-decidim_awesome @ a9f2077f = v0.12.6, the demo's locked rev),
//! mounted at `/admin/decidim_awesome` (`lib/decidim/decidim_awesome/admin_engine.rb:16-48`).
//!
//! Its controllers use the layout `decidim/decidim_awesome/admin/application` (`_base.html.erb`): core's admin
//! layout with awesome's own sidebar (`:awesome_admin_menu`, fixtures/resources/_menus.toml `[awesome]`
//! plus the submenus of `lib/decidim/decidim_awesome/menu.rb:77-169`) and the PokeCode credits line; the
//! maintenance pages add "Maintenance tools: …" (`maintenance.html.erb`). The main-menu item "Decidim awesome" is
//! only active under `/admin/decidim_awesome/config/editors` (`active: is_active_link?(config_path(:editors),
//! :inclusive)`, admin_engine.rb:63-67), so the other awesome pages highlight nothing and have no breadcrumb.
//! "Admin accountability" uses `layout "decidim/admin/users"` (the Participants sidebar).
//!
//! Reproduced: `config#show/update` for every config page (`config/show.html.erb`, `_form_<var>.html.erb`,
//! `_constraints.html.erb`, `_autoedit_box_label.html.erb`), the box create/destroy actions of scoped styles,
//! custom fields, scoped admins and authorization groups, menu tweaks (`menu_hacks`), custom redirections,
//! admin accountability (+ export), and the maintenance pages (checks, private data, hashcash). Data: one
//! record `osp_awesome_config` (var → value; nested settings as `var.field`), boxes `osp_awesome_box`
//! (`var`, `key`, `value`), redirections `osp_awesome_redirect`, menu items `osp_awesome_menu_hack`.
//! Records are addressed by id where the module uses the md5 of a URL.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Value};
use rand::Rng;

use super::forms::{
    checked, insert_record, model_fields, model_list, number_error, pairs, save_singleton,
    singleton,
};
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::page::form_locales;
use crate::resources::menus;
use crate::session::Ctx;
use crate::state::records::Record;
use crate::state::{Flash, ReplicaState};

const BASE: &str = "/admin/decidim_awesome";
/// The main-menu item's URL (`config_path(first_available)`, editors with the default config).
const MAIN_URL: &str = "/admin/decidim_awesome/config/editors";
/// `Decidim::DecidimAwesome::VERSION` at the demo's rev.
const VERSION: &str = "0.12.6";
use crate::DECIDIM_VERSION;

const CONFIG_KIND: &str = "osp_awesome_config";
const BOX_KIND: &str = "osp_awesome_box";
const REDIRECT_KIND: &str = "osp_awesome_redirect";
const HACK_KIND: &str = "osp_awesome_menu_hack";

/// The config defaults (`lib/decidim/decidim_awesome/awesome.rb:41-320`) the config pages show.
const DEFAULTS: &[(&str, &str)] = &[
    ("allow_images_in_editors", "0"),
    ("allow_videos_in_editors", "0"),
    ("allow_images_in_proposals", "0"),
    ("auto_save_forms", "1"),
    ("user_timezone", "0"),
    ("hashcash_signup", "0"),
    ("hashcash_signup_bits", "20"),
    ("hashcash_login", "0"),
    ("hashcash_login_bits", "16"),
    ("intergram_for_admins", "1"),
    ("intergram_for_public", "1"),
    ("intergram_for_admins_settings.use_floating_button", "0"),
    ("intergram_for_public_settings.require_login", "1"),
    ("intergram_for_public_settings.use_floating_button", "0"),
    ("validate_title_min_length", "15"),
    ("validate_title_max_caps_percent", "25"),
    ("validate_title_max_marks_together", "1"),
    ("validate_title_start_with_caps", "1"),
    ("validate_body_min_length", "15"),
    ("validate_body_max_caps_percent", "25"),
    ("validate_body_max_marks_together", "1"),
    ("validate_body_start_with_caps", "1"),
    (
        "additional_proposal_sortings",
        "supported_first,supported_last,az,za",
    ),
];

/// `possible_additional_proposal_sortings`.
const SORTINGS: &[&str] = &["supported_first", "supported_last", "az", "za"];

/// Checkbox settings (a submitted "0"/"1").
const BOOLEANS: &[&str] = &[
    "allow_images_in_editors",
    "allow_videos_in_editors",
    "allow_images_in_proposals",
    "auto_save_forms",
    "user_timezone",
    "hashcash_signup",
    "hashcash_login",
    "intergram_for_admins",
    "intergram_for_public",
    "validate_title_start_with_caps",
    "validate_body_start_with_caps",
];

/// `ConfigForm`'s numericality validations: (attribute, min, max).
const NUMBERS: &[(&str, Option<i64>, Option<i64>)] = &[
    ("validate_title_min_length", Some(1), Some(100)),
    ("validate_title_max_caps_percent", Some(0), Some(100)),
    ("validate_title_max_marks_together", Some(1), None),
    ("validate_body_min_length", Some(0), None),
    ("validate_body_max_caps_percent", Some(0), Some(100)),
    ("validate_body_max_marks_together", Some(1), None),
    ("hashcash_signup_bits", Some(10), Some(50)),
    ("hashcash_login_bits", Some(10), Some(50)),
];

/// The config pages `config#show` renders (`_form_<var>.html.erb` exists).
const CONFIG_VARS: &[&str] = &[
    "editors",
    "proposals",
    "surveys",
    "scoped_styles",
    "scoped_admin_styles",
    "proposal_custom_fields",
    "proposal_private_custom_fields",
    "admins",
    "livechat",
    "verifications",
];

/// Menu keys whose main path is not a config page: `config#show` redirects there (`main_path_for`).
const REDIRECTS: &[(&str, &str)] = &[
    ("styles", "/admin/decidim_awesome/config/scoped_styles"),
    (
        "custom_fields",
        "/admin/decidim_awesome/config/proposal_custom_fields",
    ),
    ("menu_hacks", "/admin/decidim_awesome/menus/menu/hacks"),
    (
        "custom_redirects",
        "/admin/decidim_awesome/custom_redirects",
    ),
    ("maintenance", "/admin/decidim_awesome/maintenance/checks"),
];

/// The other keys of `Menu.menus` (a config var with no form: the module would fail on the missing partial).
const NO_FORM_VARS: &[&str] = &[
    "menu_hacks_menu",
    "menu_hacks_mobile_menu",
    "menu_hacks_home_content_block_menu",
];

/// The three menus awesome can tweak: (menu id, i18n key of its title).
const MENUS: &[(&str, &str)] = &[
    (
        "menu",
        "decidim.decidim_awesome.admin.menu_hacks.index.menu.title",
    ),
    (
        "mobile_menu",
        "decidim.decidim_awesome.admin.menu_hacks.index.mobile_menu.title",
    ),
    (
        "home_content_block_menu",
        "decidim.decidim_awesome.admin.menu_hacks.index.home_content_block_menu.title",
    ),
];

const VISIBILITY: &[&str] = &["default", "hidden", "logged", "non_logged", "verified_user"];

/// Box collections: (route collection, config var, query flag selecting the other var, var when flagged,
/// i18n flash scope, config page to return to).
struct BoxKind {
    collection: &'static str,
    var: &'static str,
    flag: Option<(&'static str, &'static str)>,
    flash: &'static str,
    page: &'static str,
}

const BOX_KINDS: &[BoxKind] = &[
    BoxKind {
        collection: "scoped_styles",
        var: "scoped_styles",
        flag: Some(("admin_panel", "scoped_admin_styles")),
        flash: "scoped_style",
        page: "",
    },
    BoxKind {
        collection: "proposal_custom_fields",
        var: "proposal_custom_fields",
        flag: Some(("private", "proposal_private_custom_fields")),
        flash: "proposal_custom_field",
        page: "",
    },
    BoxKind {
        collection: "scoped_admins",
        var: "scoped_admins",
        flag: None,
        flash: "scoped_admin",
        page: "admins",
    },
    BoxKind {
        collection: "force_authorizations",
        var: "force_authorizations",
        flag: None,
        flash: "force_authorization",
        page: "verifications",
    },
];

pub(super) fn routes() -> Router<ReplicaState> {
    let mut r = Router::new()
        .route(BASE, get(config_root))
        .route(
            "/admin/decidim_awesome/config/{var}",
            get(config_show).patch(config_update).put(config_update),
        )
        .route(
            "/admin/decidim_awesome/menus/{menu}/hacks",
            get(hacks_index).post(hack_create),
        )
        .route(
            "/admin/decidim_awesome/menus/{menu}/hacks/new",
            get(hack_new),
        )
        .route(
            "/admin/decidim_awesome/menus/{menu}/hacks/{id}/edit",
            get(hack_edit),
        )
        .route(
            "/admin/decidim_awesome/menus/{menu}/hacks/{id}",
            axum::routing::patch(hack_update)
                .put(hack_update)
                .delete(hack_destroy),
        )
        .route(
            "/admin/decidim_awesome/custom_redirects",
            get(redirects_index).post(redirect_create),
        )
        .route(
            "/admin/decidim_awesome/custom_redirects/new",
            get(redirect_new),
        )
        .route(
            "/admin/decidim_awesome/custom_redirects/{id}/edit",
            get(redirect_edit),
        )
        .route(
            "/admin/decidim_awesome/custom_redirects/{id}",
            axum::routing::patch(redirect_update)
                .put(redirect_update)
                .delete(redirect_destroy),
        )
        .route(
            "/admin/decidim_awesome/admin_accountability",
            get(accountability),
        )
        .route("/admin/decidim_awesome/users", get(users))
        .route("/admin/decidim_awesome/users.json", get(users))
        .route("/admin/decidim_awesome/maintenance/checks", get(checks))
        .route(
            "/admin/decidim_awesome/maintenance/private_data",
            get(private_data),
        )
        .route("/admin/decidim_awesome/maintenance/hashcash", get(hashcash))
        .route(
            "/admin/decidim_awesome/maintenance/hashcash/ip_addresses",
            get(hashcash_ips),
        );
    // `export_admin_accountability_path(format:)`: the format is the path's extension.
    for suffix in ["", ".CSV", ".JSON", ".Excel"] {
        r = r.route(
            &format!("/admin/decidim_awesome/export_admin_accountability{suffix}"),
            post(accountability_export),
        );
    }
    for b in BOX_KINDS {
        r = r
            .route(&format!("{BASE}/{}", b.collection), post(box_create))
            .route(
                &format!("{BASE}/{}/{{var}}", b.collection),
                axum::routing::delete(box_destroy),
            );
    }
    r
}

// ---------------------------------------------------------------- layout

/// Rails' `is_active_link?(url)` (`:inclusive`): the path is `url` or below it.
fn inclusive(path: &str, url: &str) -> bool {
    path == url || path.starts_with(&format!("{url}/"))
}

/// Submenus of the sidebar (`menu.rb:77-169`): (parent key, child key, i18n key, path).
const SUBMENUS: &[(&str, &str, &str, &str)] = &[
    (
        "styles",
        "scoped_styles",
        "decidim.decidim_awesome.admin.scoped_styles.menu.title",
        "/admin/decidim_awesome/config/scoped_styles",
    ),
    (
        "styles",
        "scoped_admin_styles",
        "decidim.decidim_awesome.admin.scoped_admin_styles.menu.title",
        "/admin/decidim_awesome/config/scoped_admin_styles",
    ),
    (
        "custom_fields",
        "proposal_custom_fields",
        "decidim.decidim_awesome.admin.proposal_custom_fields.menu.title",
        "/admin/decidim_awesome/config/proposal_custom_fields",
    ),
    (
        "custom_fields",
        "proposal_private_custom_fields",
        "decidim.decidim_awesome.admin.proposal_custom_fields.proposal_private_custom_fields",
        "/admin/decidim_awesome/config/proposal_private_custom_fields",
    ),
    (
        "menu_hacks",
        "main_menu",
        "decidim.decidim_awesome.admin.menu_hacks.index.menu.title",
        "/admin/decidim_awesome/menus/menu/hacks",
    ),
    (
        "menu_hacks",
        "mobile_menu",
        "decidim.decidim_awesome.admin.menu_hacks.index.mobile_menu.title",
        "/admin/decidim_awesome/menus/mobile_menu/hacks",
    ),
    (
        "menu_hacks",
        "content_block_main_menu",
        "decidim.decidim_awesome.admin.menu_hacks.index.home_content_block_menu.title",
        "/admin/decidim_awesome/menus/home_content_block_menu/hacks",
    ),
    (
        "maintenance",
        "private_data",
        "decidim.decidim_awesome.admin.menu.maintenance.private_data",
        "/admin/decidim_awesome/maintenance/private_data",
    ),
    (
        "maintenance",
        "hashcash",
        "decidim.decidim_awesome.admin.menu.maintenance.hashcash",
        "/admin/decidim_awesome/maintenance/hashcash",
    ),
    (
        "maintenance",
        "checks",
        "decidim.decidim_awesome.admin.menu.maintenance.checks",
        "/admin/decidim_awesome/maintenance/checks",
    ),
];

/// Awesome's sidebar with its submenus; an item with a submenu is active on any of its children's pages (the
/// `active:` option of `register_simple_entry`), the others on their own path.
fn sidebar(ctx: &Ctx) -> Vec<Value> {
    let Some(menu) = menus::menus().get("awesome") else {
        return vec![];
    };
    menu.items
        .iter()
        .filter(|i| {
            i.flavour
                .as_deref()
                .is_none_or(|f| f == ctx.state.flavour().name())
        })
        .map(|i| {
            let children: Vec<(&str, &str, &str)> = SUBMENUS
                .iter()
                .filter(|(p, ..)| *p == i.key)
                .map(|(_, k, l, path)| (*k, *l, *path))
                .collect();
            let active = if children.is_empty() {
                inclusive(&ctx.path, &i.path)
            } else {
                children.iter().any(|(_, _, p)| inclusive(&ctx.path, p))
            };
            let children: Vec<Value> = children
                .iter()
                .map(|(k, l, p)| {
                    context! {
                        key => *k,
                        label => ctx.t(l),
                        url => ctx.url(p),
                        active => inclusive(&ctx.path, p),
                    }
                })
                .collect();
            context! {
                key => i.key.clone(),
                label => ctx.t(&i.label),
                url => ctx.url(&i.path),
                icon => i.icon.clone(),
                active => active,
                children => if children.is_empty() { None } else { Some(children) },
            }
        })
        .collect()
}

/// A page in awesome's layout.
fn awesome_page(ctx: &Ctx, template: &str, extra: Value, now: Vec<Flash>) -> Response {
    let on_main = inclusive(&ctx.path, MAIN_URL);
    let (section, crumbs) = if on_main {
        let link = (ctx.path != MAIN_URL).then(|| MAIN_URL.to_string());
        (
            "decidim_awesome",
            vec![(ctx.t("osp.menu.decidim_awesome"), link)],
        )
    } else {
        ("", vec![])
    };
    let credits = ctx.t_with(
        "decidim.decidim_awesome.credits",
        &[
            (
                "version",
                &format!(
                    "<a href=\"https://github.com/decidim-ice/decidim-module-decidim_awesome/\">{VERSION}</a>"
                ),
            ),
            ("company", "<a href=\"https://pokecode.net\">PokeCode</a>"),
        ],
    );
    admin_page(
        ctx,
        template,
        section,
        crumbs,
        context! { secondary_menu => sidebar(ctx), awesome_credits => credits, ..extra },
        now,
    )
}

fn not_found() -> Response {
    axum::http::StatusCode::NOT_FOUND.into_response()
}

// ---------------------------------------------------------------- config pages

fn config(ctx: &Ctx) -> BTreeMap<String, String> {
    singleton(ctx, CONFIG_KIND, DEFAULTS).values
}

fn boxes(ctx: &Ctx, var: &str) -> Vec<Record> {
    ctx.state
        .store()
        .records
        .of_kind(BOX_KIND)
        .filter(|r| r.get("var") == var)
        .cloned()
        .collect()
}

/// The page's context for config var `var` (one of [`CONFIG_VARS`]).
fn render_config(
    ctx: &Ctx,
    var: &str,
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    let setting = ctx.t(&format!("decidim.decidim_awesome.admin.config.title.{var}"));
    let title = ctx.t_with(
        "decidim.decidim_awesome.admin.config.show.title",
        &[("setting", &setting)],
    );
    let selected: Vec<&str> = values
        .get("additional_proposal_sortings")
        .map(|s| s.split(',').filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let sortings: Vec<Value> = SORTINGS
        .iter()
        .map(|s| {
            context! {
                value => *s,
                label => ctx.t(&format!("decidim.proposals.proposals.orders.{s}")),
                selected => selected.contains(s),
            }
        })
        .collect();
    let box_var = match var {
        "admins" => "scoped_admins",
        "verifications" => "force_authorizations",
        v => v,
    };
    let users: BTreeMap<u64, String> = ctx
        .state
        .store()
        .users
        .iter()
        .map(|u| {
            (
                u.id,
                format!("{} (@{} - {})", u.name, nickname(&u.email), u.email),
            )
        })
        .collect();
    let box_list: Vec<Value> = boxes(ctx, box_var)
        .iter()
        .map(|b| {
            let key = b.get("key").to_string();
            let value = values
                .get(&format!("{box_var}.{key}"))
                .cloned()
                .unwrap_or_else(|| b.get("value").to_string());
            let chosen: Vec<Value> = value
                .split(',')
                .filter_map(|id| id.parse::<u64>().ok())
                .filter_map(|id| users.get(&id).map(|n| context! { id => id, name => n.clone() }))
                .collect();
            context! { key => key.clone(), value => value, users => chosen, error => errors.get(&key).cloned() }
        })
        .collect();
    let rich_text_public = ctx
        .state
        .store()
        .records
        .of_kind("organization_settings")
        .next()
        .is_some_and(|r| r.get("rich_text_editor_in_public_views") == "1");
    awesome_page(
        ctx,
        "admin/decidim_awesome/config.html",
        context! {
            var => var,
            title => title,
            cfg => values.clone(),
            errors => errors.clone(),
            sortings => sortings,
            boxes => box_list,
            box_var => box_var,
            rich_text_public => rich_text_public,
            form_locales => form_locales(ctx),
        },
        now,
    )
}

/// `config#users` (JSON for the scoped admins' user picker): users whose name, nickname or e-mail contains
/// `term`, by name.
async fn users(ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let term = q
        .get("term")
        .map(|t| t.trim().to_lowercase())
        .unwrap_or_default();
    if term.is_empty() {
        return axum::Json(Vec::<serde_json::Value>::new()).into_response();
    }
    let mut users: Vec<_> = ctx
        .state
        .store()
        .users
        .iter()
        .filter(|u| {
            [
                u.name.to_lowercase(),
                nickname(&u.email),
                u.email.to_lowercase(),
            ]
            .iter()
            .any(|f| f.contains(&term))
        })
        .map(|u| {
            (
                u.name.clone(),
                u.id,
                format!("{} (@{} - {})", u.name, nickname(&u.email), u.email),
                u.admin,
            )
        })
        .collect();
    users.sort();
    let json: Vec<serde_json::Value> = users
        .into_iter()
        .map(|(_, id, text, admin)| serde_json::json!({ "value": id, "text": text, "is_admin": admin }))
        .collect();
    axum::Json(json).into_response()
}

/// A nickname like Decidim's seeds (the e-mail's local part).
fn nickname(email: &str) -> String {
    email
        .split('@')
        .next()
        .unwrap_or_default()
        .replace('.', "_")
}

/// `config#show`'s `config_var`: the param when it is a key of `Menu.menus`, else the first enabled menu
/// (editors).
async fn show_var(ctx: Ctx, var: &str) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if let Some((_, target)) = REDIRECTS.iter().find(|(v, _)| *v == var) {
        return ctx.redirect(target);
    }
    if NO_FORM_VARS.contains(&var) {
        return not_found();
    }
    let var = if CONFIG_VARS.contains(&var) {
        var
    } else {
        "editors"
    };
    let values = config(&ctx);
    render_config(&ctx, var, &values, &BTreeMap::new(), vec![])
}

async fn config_root(ctx: Ctx) -> Response {
    show_var(ctx, "editors").await
}

async fn config_show(ctx: Ctx, Path(var): Path<String>) -> Response {
    show_var(ctx, &var).await
}

async fn config_update(ctx: Ctx, Path(var): Path<String>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let var = if CONFIG_VARS.contains(&var.as_str()) {
        var
    } else {
        "editors".to_string()
    };
    let pairs = pairs(&body);
    let fields = model_fields(&pairs, "config");
    let mut values = config(&ctx);
    let mut errors = BTreeMap::new();
    // UpdateConfig saves only the keys present in params[:config].
    for (k, v) in &fields {
        let top = k.split('.').next().unwrap_or_default();
        if BOOLEANS.contains(&top) && !k.contains('.') {
            values.insert(k.clone(), if checked(Some(v)) { "1" } else { "0" }.into());
        } else if let Some((_, min, max)) = NUMBERS.iter().find(|(n, ..)| *n == top) {
            if let Some(e) = number_error(&ctx, v, *min, *max) {
                errors.insert(top.to_string(), e);
            }
            values.insert(k.clone(), v.trim().to_string());
        } else if k.ends_with(".require_login") || k.ends_with(".use_floating_button") {
            values.insert(k.clone(), if checked(Some(v)) { "1" } else { "0" }.into());
        } else {
            values.insert(k.clone(), v.clone());
        }
    }
    if let Some(list) = model_list(&pairs, "config", "additional_proposal_sortings") {
        let list: Vec<String> = list
            .into_iter()
            .filter(|s| SORTINGS.contains(&s.as_str()))
            .collect();
        values.insert("additional_proposal_sortings".into(), list.join(","));
    }
    // Scoped admins: `config[scoped_admins][<key>][]` (a hidden blank, then the chosen user ids).
    for b in boxes(&ctx, "scoped_admins") {
        let key = b.get("key").to_string();
        if let Some(ids) = model_list(&pairs, "config[scoped_admins]", &key) {
            values.insert(format!("scoped_admins.{key}"), ids.join(","));
        }
    }
    json_errors(&ctx, &fields, &mut errors);
    if !errors.is_empty() {
        let now = vec![Flash::alert(ctx.t_with(
            "decidim.decidim_awesome.admin.config.update.error",
            &[("error", "")],
        ))];
        return render_config(&ctx, &var, &values, &errors, now);
    }
    save_config(&ctx, values);
    ctx.flash(
        "success",
        ctx.t("decidim.decidim_awesome.admin.config.update.success"),
    );
    ctx.redirect(&format!("{BASE}/config/{var}"))
}

/// ConfigForm#json_syntax: a custom fields box must hold valid JSON (or nothing).
fn json_errors(
    ctx: &Ctx,
    fields: &BTreeMap<String, String>,
    errors: &mut BTreeMap<String, String>,
) {
    for v in ["proposal_custom_fields", "proposal_private_custom_fields"] {
        for b in boxes(ctx, v) {
            let key = b.get("key").to_string();
            if let Some(code) = fields.get(&format!("{v}.{key}")) {
                if !code.trim().is_empty()
                    && serde_json::from_str::<serde_json::Value>(code).is_err()
                {
                    errors.insert(
                        key.clone(),
                        ctx.t_with(
                            "decidim.decidim_awesome.admin.config.form.errors.incorrect_json",
                            &[("key", &key)],
                        ),
                    );
                }
            }
        }
    }
}

/// Saves validated config values: box contents in their box records, the rest in the config singleton.
fn save_config(ctx: &Ctx, values: BTreeMap<String, String>) {
    let mut store_values = BTreeMap::new();
    for (k, v) in values {
        let box_var = [
            "scoped_styles.",
            "scoped_admin_styles.",
            "proposal_custom_fields.",
            "proposal_private_custom_fields.",
            "scoped_admins.",
        ]
        .iter()
        .find(|p| k.starts_with(**p));
        match box_var {
            Some(p) => {
                let (bv, key) = (p.trim_end_matches('.'), &k[p.len()..]);
                let mut store = ctx.state.store();
                let id = store
                    .records
                    .of_kind(BOX_KIND)
                    .find(|r| r.get("var") == bv && r.get("key") == key)
                    .map(|r| r.id);
                if let Some(r) = id.and_then(|id| store.records.get_mut(BOX_KIND, id)) {
                    r.values.insert("value".into(), v);
                }
            }
            None => {
                store_values.insert(k, v);
            }
        }
    }
    save_singleton(ctx, CONFIG_KIND, DEFAULTS, store_values);
}

/// `rand(36**8).to_s(36)`.
fn ident() -> String {
    let mut n: u64 = rand::thread_rng().gen_range(0..36u64.pow(8));
    let mut s = Vec::new();
    loop {
        let d = (n % 36) as u32;
        s.push(std::char::from_digit(d, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    s.iter().rev().collect()
}

fn box_kind(path: &str) -> Option<&'static BoxKind> {
    let collection = path.strip_prefix(BASE)?.trim_start_matches('/');
    let collection = collection.split('/').next()?;
    BOX_KINDS.iter().find(|b| b.collection == collection)
}

/// The var a box action works on (`admin_panel=true` / `private=true` select the second var).
fn box_var(b: &BoxKind, q: &BTreeMap<String, String>) -> &'static str {
    match b.flag {
        Some((param, other)) if q.get(param).is_some_and(|v| v == "true") => other,
        _ => b.var,
    }
}

fn box_page(b: &BoxKind, var: &str) -> String {
    let page = if b.page.is_empty() { var } else { b.page };
    format!("{BASE}/config/{page}")
}

async fn box_create(ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(b) = box_kind(&ctx.path) else {
        return not_found();
    };
    let var = box_var(b, &q);
    let key = ident();
    insert_record(
        &ctx,
        BOX_KIND,
        None,
        BTreeMap::from([
            ("var".to_string(), var.to_string()),
            ("key".to_string(), key.clone()),
            ("value".to_string(), String::new()),
        ]),
    );
    ctx.flash(
        "success",
        ctx.t_with(
            &format!(
                "decidim.decidim_awesome.admin.config.create_{}.success",
                b.flash
            ),
            &[("key", &key)],
        ),
    );
    ctx.redirect(&box_page(b, var))
}

/// DELETE `/<collection>/<var>?key=…`: the module's `*_path(key:)` recalls the page's `:var`.
async fn box_destroy(
    ctx: Ctx,
    Path(_var): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(b) = box_kind(&ctx.path) else {
        return not_found();
    };
    let var = box_var(b, &q);
    let key = q.get("key").cloned().unwrap_or_default();
    let id = ctx
        .state
        .store()
        .records
        .of_kind(BOX_KIND)
        .find(|r| r.get("var") == var && r.get("key") == key)
        .map(|r| r.id);
    match id {
        Some(id) => {
            ctx.state.store().records.remove(BOX_KIND, id);
            ctx.flash(
                "success",
                ctx.t_with(
                    &format!(
                        "decidim.decidim_awesome.admin.config.destroy_{}.success",
                        b.flash
                    ),
                    &[("key", &key)],
                ),
            );
        }
        None => ctx.flash(
            "alert",
            ctx.t_with(
                &format!(
                    "decidim.decidim_awesome.admin.config.destroy_{}.error",
                    b.flash
                ),
                &[("error", "")],
            ),
        ),
    }
    ctx.redirect(&box_page(b, var))
}

// ---------------------------------------------------------------- menu tweaks

fn menu_title(menu: &str) -> Option<&'static str> {
    MENUS.iter().find(|(m, _)| *m == menu).map(|(_, t)| *t)
}

fn hacks_of(ctx: &Ctx, menu: &str) -> Vec<Record> {
    let mut v: Vec<Record> = ctx
        .state
        .store()
        .records
        .of_kind(HACK_KIND)
        .filter(|r| r.get("menu") == menu)
        .cloned()
        .collect();
    v.sort_by(|a, b| {
        let pa: f64 = a.get("position").parse().unwrap_or(0.0);
        let pb: f64 = b.get("position").parse().unwrap_or(0.0);
        pa.partial_cmp(&pb).unwrap_or(std::cmp::Ordering::Equal)
    });
    v
}

fn target_label(ctx: &Ctx, target: &str) -> String {
    let k = if target == "_blank" { "blank" } else { "self" };
    ctx.t(&format!(
        "decidim.decidim_awesome.admin.menu_hacks.form.target.{k}"
    ))
}

async fn hacks_index(ctx: Ctx, Path(menu): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(title) = menu_title(&menu) else {
        return not_found();
    };
    let rows: Vec<Value> = hacks_of(&ctx, &menu)
        .iter()
        .map(|h| {
            context! {
                id => h.id,
                label => ctx.tr(&h.translated("raw_label")),
                url => h.get("url").to_string(),
                position => h.get("position").to_string(),
                target => target_label(&ctx, h.get("target")),
                visibility => ctx.t(&format!("decidim.decidim_awesome.admin.menu_hacks.form.visibility.{}", h.get("visibility"))),
            }
        })
        .collect();
    awesome_page(
        &ctx,
        "admin/decidim_awesome/menu_hacks.html",
        context! { menu => menu, title => ctx.t(title), rows => rows },
        vec![],
    )
}

fn render_hack_form(
    ctx: &Ctx,
    menu: &str,
    id: Option<u64>,
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    let targets: Vec<Value> = [("", "self"), ("_blank", "blank")]
        .iter()
        .map(|(v, k)| context! { value => *v, label => ctx.t(&format!("decidim.decidim_awesome.admin.menu_hacks.form.target.{k}")) })
        .collect();
    let visibilities: Vec<Value> = VISIBILITY
        .iter()
        .map(|v| context! { value => *v, label => ctx.t(&format!("decidim.decidim_awesome.admin.menu_hacks.form.visibility.{v}")) })
        .collect();
    awesome_page(
        ctx,
        "admin/decidim_awesome/menu_hack_form.html",
        context! {
            menu => menu,
            hack_id => id,
            form => context! { values => values.clone(), errors => errors.clone() },
            form_locales => form_locales(ctx),
            targets => targets,
            visibilities => visibilities,
        },
        now,
    )
}

async fn hack_new(ctx: Ctx, Path(menu): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if menu_title(&menu).is_none() {
        return not_found();
    }
    render_hack_form(
        &ctx,
        &menu,
        None,
        &BTreeMap::new(),
        &BTreeMap::new(),
        vec![],
    )
}

async fn hack_edit(ctx: Ctx, Path((menu, id)): Path<(String, u64)>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(h) = ctx.state.store().records.get(HACK_KIND, id).cloned() else {
        return not_found();
    };
    render_hack_form(&ctx, &menu, Some(id), &h.values, &BTreeMap::new(), vec![])
}

/// `MenuForm`: translated label present, URL present, position > 0, a known visibility and target.
fn submitted_hack(
    ctx: &Ctx,
    menu: &str,
    id: Option<u64>,
    body: &Bytes,
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let fields = model_fields(&pairs(body), "menu");
    let mut values = BTreeMap::from([("menu".to_string(), menu.to_string())]);
    for l in LOCALES {
        let k = format!("raw_label_{l}");
        values.insert(k.clone(), fields.get(&k).cloned().unwrap_or_default());
    }
    for k in ["url", "position", "target", "visibility"] {
        values.insert(
            k.to_string(),
            fields
                .get(k)
                .cloned()
                .unwrap_or_default()
                .trim()
                .to_string(),
        );
    }
    let mut errors = BTreeMap::new();
    let label_key = format!("raw_label_{}", ctx.state.default_locale());
    if values.get(&label_key).is_none_or(|v| v.trim().is_empty()) {
        errors.insert(label_key, ctx.t("errors.messages.blank"));
    }
    let url = values.get("url").cloned().unwrap_or_default();
    if url.is_empty() {
        errors.insert("url".into(), ctx.t("errors.messages.blank"));
    } else if hacks_of(ctx, menu)
        .iter()
        .any(|h| h.get("url") == url && Some(h.id) != id)
    {
        errors.insert(
            "url".into(),
            ctx.t("decidim.decidim_awesome.admin.menu_hacks.url_exists"),
        );
    }
    match values.get("position").and_then(|p| p.parse::<f64>().ok()) {
        Some(p) if p > 0.0 => {}
        Some(_) => {
            errors.insert(
                "position".into(),
                ctx.t_with("errors.messages.greater_than", &[("count", "0")]),
            );
        }
        None => {
            errors.insert("position".into(), ctx.t("errors.messages.not_a_number"));
        }
    }
    (values, errors)
}

async fn hack_create(ctx: Ctx, Path(menu): Path<String>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if menu_title(&menu).is_none() {
        return not_found();
    }
    let (values, errors) = submitted_hack(&ctx, &menu, None, &body);
    if !errors.is_empty() {
        let message = errors.values().cloned().collect::<Vec<_>>().join(", ");
        let now = vec![Flash::alert(ctx.t_with(
            "decidim.decidim_awesome.admin.menu_hacks.create.error",
            &[("error", &message)],
        ))];
        return render_hack_form(&ctx, &menu, None, &values, &errors, now);
    }
    insert_record(&ctx, HACK_KIND, None, values);
    ctx.flash(
        "success",
        ctx.t("decidim.decidim_awesome.admin.menu_hacks.create.success"),
    );
    ctx.redirect(&format!("{BASE}/menus/{menu}/hacks"))
}

async fn hack_update(ctx: Ctx, Path((menu, id)): Path<(String, u64)>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if ctx.state.store().records.get(HACK_KIND, id).is_none() {
        return not_found();
    }
    let (values, errors) = submitted_hack(&ctx, &menu, Some(id), &body);
    if !errors.is_empty() {
        let message = errors.values().cloned().collect::<Vec<_>>().join(", ");
        let now = vec![Flash::alert(ctx.t_with(
            "decidim.decidim_awesome.admin.menu_hacks.update.error",
            &[("error", &message)],
        ))];
        return render_hack_form(&ctx, &menu, Some(id), &values, &errors, now);
    }
    if let Some(r) = ctx.state.store().records.get_mut(HACK_KIND, id) {
        r.values = values;
    }
    ctx.flash(
        "success",
        ctx.t("decidim.decidim_awesome.admin.menu_hacks.update.success"),
    );
    ctx.redirect(&format!("{BASE}/menus/{menu}/hacks"))
}

async fn hack_destroy(ctx: Ctx, Path((menu, id)): Path<(String, u64)>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if ctx.state.store().records.remove(HACK_KIND, id).is_some() {
        ctx.flash(
            "success",
            ctx.t("decidim.decidim_awesome.admin.menu_hacks.destroy.success"),
        );
    }
    ctx.redirect(&format!("{BASE}/menus/{menu}/hacks"))
}

// ---------------------------------------------------------------- custom redirections

async fn redirects_index(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let rows: Vec<Value> = ctx
        .state
        .store()
        .records
        .of_kind(REDIRECT_KIND)
        .map(|r| {
            context! {
                id => r.id,
                origin => r.get("origin").to_string(),
                destination => r.get("destination").to_string(),
                active => r.get("active") == "1",
                item => serde_json::json!({
                    "destination": r.get("destination"),
                    "active": r.get("active") == "1",
                    "pass_query": r.get("pass_query") == "1",
                }).to_string(),
            }
        })
        .collect();
    awesome_page(
        &ctx,
        "admin/decidim_awesome/custom_redirects.html",
        context! { rows => rows },
        vec![],
    )
}

fn render_redirect_form(
    ctx: &Ctx,
    id: Option<u64>,
    values: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    awesome_page(
        ctx,
        "admin/decidim_awesome/custom_redirect_form.html",
        context! {
            redirect_id => id,
            form => context! { values => values.clone(), errors => errors.clone() },
        },
        now,
    )
}

async fn redirect_new(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    render_redirect_form(&ctx, None, &BTreeMap::new(), &BTreeMap::new(), vec![])
}

async fn redirect_edit(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(rec) = ctx.state.store().records.get(REDIRECT_KIND, id).cloned() else {
        return not_found();
    };
    render_redirect_form(&ctx, Some(id), &rec.values, &BTreeMap::new(), vec![])
}

/// `CustomRedirectForm`: origin and destination present; the origin not configured twice.
fn submitted_redirect(
    ctx: &Ctx,
    id: Option<u64>,
    body: &Bytes,
) -> (
    BTreeMap<String, String>,
    BTreeMap<String, String>,
    Option<String>,
) {
    let fields = model_fields(&pairs(body), "custom_redirect");
    let mut values = BTreeMap::new();
    for k in ["origin", "destination"] {
        values.insert(
            k.to_string(),
            fields
                .get(k)
                .cloned()
                .unwrap_or_default()
                .trim()
                .to_string(),
        );
    }
    for k in ["active", "pass_query"] {
        values.insert(
            k.to_string(),
            if checked(fields.get(k)) { "1" } else { "0" }.to_string(),
        );
    }
    let mut errors = BTreeMap::new();
    for k in ["origin", "destination"] {
        if values.get(k).is_none_or(|v| v.is_empty()) {
            errors.insert(k.to_string(), ctx.t("errors.messages.blank"));
        }
    }
    let origin = values.get("origin").cloned().unwrap_or_default();
    let taken = ctx
        .state
        .store()
        .records
        .of_kind(REDIRECT_KIND)
        .any(|r| r.get("origin") == origin && Some(r.id) != id);
    let message = (taken && errors.is_empty())
        .then(|| ctx.t("decidim.decidim_awesome.admin.custom_redirects.origin_exists"));
    (values, errors, message)
}

async fn redirect_create(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let (values, errors, message) = submitted_redirect(&ctx, None, &body);
    if !errors.is_empty() || message.is_some() {
        let now = vec![Flash::alert(ctx.t_with(
            "decidim.decidim_awesome.admin.custom_redirects.create.error",
            &[("error", message.as_deref().unwrap_or_default())],
        ))];
        return render_redirect_form(&ctx, None, &values, &errors, now);
    }
    insert_record(&ctx, REDIRECT_KIND, None, values);
    ctx.flash(
        "success",
        ctx.t("decidim.decidim_awesome.admin.custom_redirects.create.success"),
    );
    ctx.redirect(&format!("{BASE}/custom_redirects"))
}

async fn redirect_update(ctx: Ctx, Path(id): Path<u64>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if ctx.state.store().records.get(REDIRECT_KIND, id).is_none() {
        return not_found();
    }
    let (values, errors, message) = submitted_redirect(&ctx, Some(id), &body);
    if !errors.is_empty() || message.is_some() {
        let now = vec![Flash::alert(ctx.t_with(
            "decidim.decidim_awesome.admin.custom_redirects.update.error",
            &[("error", message.as_deref().unwrap_or_default())],
        ))];
        return render_redirect_form(&ctx, Some(id), &values, &errors, now);
    }
    if let Some(r) = ctx.state.store().records.get_mut(REDIRECT_KIND, id) {
        r.values = values;
    }
    ctx.flash(
        "success",
        ctx.t("decidim.decidim_awesome.admin.custom_redirects.update.success"),
    );
    ctx.redirect(&format!("{BASE}/custom_redirects"))
}

async fn redirect_destroy(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if ctx
        .state
        .store()
        .records
        .remove(REDIRECT_KIND, id)
        .is_some()
    {
        ctx.flash(
            "success",
            ctx.t("decidim.decidim_awesome.admin.custom_redirects.destroy.success"),
        );
    } else {
        ctx.flash(
            "alert",
            ctx.t_with(
                "decidim.decidim_awesome.admin.custom_redirects.destroy.error",
                &[(
                    "error",
                    &ctx.t("decidim.decidim_awesome.admin.custom_redirects.origin_missing"),
                )],
            ),
        );
    }
    ctx.redirect(&format!("{BASE}/custom_redirects"))
}

// ---------------------------------------------------------------- admin accountability

async fn accountability(ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let global = q.get("admins").is_some_and(|v| v == "true");
    let role_types: Vec<Value> = ["admin", "collaborator", "moderator", "valuator"]
        .iter()
        .map(|r| {
            context! {
                value => *r,
                label => ctx.t(&format!("decidim.decidim_awesome.admin.admin_accountability.roles.{r}")),
            }
        })
        .collect();
    let menus = menus::context(&ctx, Some(("participants", "admin_accountability")), None);
    admin_page(
        &ctx,
        "admin/decidim_awesome/admin_accountability.html",
        "",
        vec![],
        minijinja::value::merge_maps([
            context! {
                global => global,
                admins_param => q.get("admins").cloned().unwrap_or_default(),
                role_types => role_types,
                term => q.get("q[user_name_or_user_email_cont]").cloned().unwrap_or_default(),
            },
            menus,
        ]),
        vec![],
    )
}

/// `redirect_back` with the export notice.
async fn accountability_export(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    ctx.flash(
        "success",
        ctx.t("decidim.decidim_awesome.admin.admin_accountability.exports.notice"),
    );
    ctx.redirect_back(&format!("{BASE}/admin_accountability"))
}

// ---------------------------------------------------------------- maintenance

fn maintenance(ctx: &Ctx, page: &str, extra: Value) -> Response {
    let title = ctx.t_with(
        "layouts.decidim.decidim_awesome.admin.maintenance.title",
        &[(
            "title",
            &ctx.t(&format!(
                "layouts.decidim.decidim_awesome.admin.maintenance.titles.{page}"
            )),
        )],
    );
    awesome_page(
        ctx,
        "admin/decidim_awesome/maintenance.html",
        context! { page => page, title => title, ..extra },
        vec![],
    )
}

async fn checks(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    maintenance(
        &ctx,
        "checks",
        context! { decidim_version => DECIDIM_VERSION },
    )
}

/// `time_ago_in_words(Time.current - 3.months)` (`private_data_expiration_time`), rails-i18n's wording.
fn three_months(ctx: &Ctx) -> &'static str {
    if ctx.locale == "fr" {
        "3 mois"
    } else {
        "3 months"
    }
}

async fn private_data(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    maintenance(
        &ctx,
        "private_data",
        context! { time_ago => three_months(&ctx) },
    )
}

async fn hashcash(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    maintenance(&ctx, "hashcash", context! { action => "index" })
}

async fn hashcash_ips(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    maintenance(&ctx, "hashcash", context! { action => "ip_addresses" })
}
