//! Initiatives admin (decidim-initiatives 0.29): the list, an initiative's edit page and its answer page,
//! the initiative sidebar, and the initiative type edit page (which lists the type's scopes).
//!
//! Participants create initiatives on the front office, so the admin has no "new" page: the replica seeds one
//! (`fixtures/resources/initiatives.toml`). Initiative types and their scopes are otherwise served by
//! the resource engine (`initiatives_types.toml`, `initiatives_type_scopes.toml`).

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use minijinja::{context, Value};

use super::a2_spaces::{find_record, slug_of, space_of, space_title};
use crate::error::ReplicaError;
use crate::i18n::Translated;
use crate::page::{admin_page, admin_page_status};
use crate::resources::by_kind;
use crate::resources::def::Definition;
use crate::resources::form::{self, FormState, Scope};
use crate::resources::space::{Space, SpaceKind};
use crate::session::Ctx;
use crate::state::records::{Record, SpaceRef};
use crate::state::{Flash, ReplicaState, Store};

const BASE: &str = "/admin/initiatives";

/// Sidebar of an initiative (`admin_initiative_menu`): (key, label, path after `<base>/<slug>/`, icon).
const ITEMS: &[(&str, &str, &str, &str)] = &[
    ("info", "decidim.admin.menu.information", "edit", "info"),
    (
        "committee_members",
        "decidim.admin.menu.committee_members",
        "committee_requests",
        "group-line",
    ),
    (
        "components",
        "decidim.admin.menu.components",
        "components",
        "tools",
    ),
    (
        "attachments",
        "decidim.admin.menu.attachments",
        "attachments",
        "attachment",
    ),
    (
        "moderations",
        "decidim.admin.menu.moderations",
        "moderations",
        "flag",
    ),
];

/// Sidebar pages served as plain pages.
const SECTIONS: &[&str] = &[
    "committee_members",
    "components",
    "attachments",
    "moderations",
];

pub(crate) fn routes() -> Router<ReplicaState> {
    let mut r = Router::new()
        .route(BASE, get(index))
        .route(
            &format!("{BASE}/{{slug}}"),
            get(|ctx: Ctx, Path(slug): Path<String>| async move {
                ctx.redirect(&format!("{BASE}/{slug}/edit"))
            })
            .patch(update)
            .put(update),
        )
        .route(&format!("{BASE}/{{slug}}/edit"), get(edit))
        .route(&format!("{BASE}/{{slug}}/answer/edit"), get(edit_answer))
        .route(
            &format!("{BASE}/{{slug}}/answer"),
            get(|ctx: Ctx, Path(slug): Path<String>| async move {
                ctx.redirect(&format!("{BASE}/{slug}/answer/edit"))
            })
            .patch(update_answer)
            .put(update_answer),
        )
        .route("/admin/initiatives_types/{id}/edit", get(edit_type))
        // Decidim lists a type's scopes on the type's edit page: saving a scope goes back there.
        .route(
            "/admin/initiatives_types/{id}/initiatives_type_scopes",
            get(|ctx: Ctx, Path(id): Path<u64>| async move {
                ctx.redirect(&format!("/admin/initiatives_types/{id}/edit"))
            }),
        );
    for (key, _, suffix, _) in ITEMS {
        let key: &'static str = key;
        if SECTIONS.contains(&key) {
            r = r.route(
                &format!("{BASE}/{{slug}}/{suffix}"),
                get(move |ctx: Ctx, Path(slug): Path<String>| section(ctx, slug, key)),
            );
        }
    }
    r
}

fn def(kind: &str) -> &'static Definition {
    by_kind(kind).unwrap_or_else(|| panic!("no resource definition for `{kind}`"))
}

fn not_found() -> Response {
    ReplicaError::NotFound.into_response()
}

/// The initiative sidebar (`secondary_menu` items).
pub(crate) fn sidebar(ctx: &Ctx, slug: &str, active: &str) -> Value {
    let items: Vec<Value> = ITEMS
        .iter()
        .map(|(key, label, suffix, icon)| {
            context! {
                key => *key,
                label => ctx.t(label),
                url => ctx.url(&format!("{BASE}/{slug}/{suffix}")),
                icon => *icon,
                active => *key == active,
            }
        })
        .collect();
    context! { secondary_menu => items }
}

pub(crate) fn item_label_key(key: &str) -> Option<String> {
    ITEMS.iter().find(|i| i.0 == key).map(|i| i.1.to_string())
}

fn crumbs(ctx: &Ctx, r: &Record, last: Option<String>) -> Vec<(String, Option<String>)> {
    let mut v = vec![
        (
            ctx.t("decidim.admin.menu.initiatives"),
            Some(BASE.to_string()),
        ),
        (
            ctx.tr(&r.translated("title")),
            Some(format!("{BASE}/{}/edit", slug_of(r))),
        ),
    ];
    if let Some(l) = last {
        v.push((l, None));
    }
    v
}

fn find(ctx: &Ctx, slug: &str) -> Option<Record> {
    find_record(&ctx.state.store(), "initiatives", slug)
}

async fn index(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let (rows, has_types) = {
        let store = ctx.state.store();
        let rows: Vec<Value> = store
            .records
            .of_kind("initiative")
            .map(|r| {
                let required = store
                    .records
                    .of_kind("initiatives_type_scope")
                    .find(|s| {
                        s.parent_id.map(|p| p.to_string()).as_deref() == Some(r.get("type_id"))
                    })
                    .map(|s| s.get("supports_required").to_string())
                    .unwrap_or_else(|| "0".into());
                context! {
                    id => r.id,
                    slug => slug_of(r),
                    title => ctx.tr(&r.translated("title")),
                    state => ctx.t(&format!("decidim.initiatives.admin_states.{}", r.get("state"))),
                    supports => format!("{}/{required}", r.get("supports_count")),
                    created_at => r.get("created_at").to_string(),
                    published_at => r.get("published_at").to_string(),
                }
            })
            .collect();
        let has_types = store.records.of_kind("initiatives_type").next().is_some();
        (rows, has_types)
    };
    admin_page(
        &ctx,
        "admin/a2/initiatives_index.html",
        "initiatives",
        vec![(ctx.t("decidim.admin.menu.initiatives"), None)],
        context! { rows => rows, has_types => has_types },
        vec![],
    )
}

fn fields_map(ctx: &Ctx, d: &Definition, f: &FormState, self_id: Option<u64>) -> Value {
    let scope = Scope {
        self_id,
        ..Scope::default()
    };
    let store = ctx.state.store();
    let map: std::collections::BTreeMap<String, Value> =
        form::fields_view(ctx, d, f, &store, &scope)
            .into_iter()
            .zip(d.fields.iter())
            .map(|(v, fd)| (fd.name.clone(), v))
            .collect();
    Value::from_serialize(&map)
}

fn render_edit(ctx: &Ctx, r: &Record, f: &FormState, now: Vec<Flash>) -> Response {
    let d = def("initiative");
    let slug = slug_of(r);
    admin_page_status(
        ctx,
        StatusCode::OK,
        "admin/a2/initiative_form.html",
        "initiatives",
        crumbs(ctx, r, Some(ctx.t("decidim.admin.menu.information"))),
        context! {
            fields => fields_map(ctx, d, f, Some(r.id)),
            form => context! { values => f.values.clone(), errors => f.errors.clone() },
            form_locales => crate::page::form_locales(ctx),
            param_key => d.param_key.clone(),
            action => format!("{BASE}/{slug}"),
            record => context! { id => r.id, slug => slug.clone(), state => r.get("state").to_string() },
            state_label => ctx.t(&format!("decidim.initiatives.admin_states.{}", r.get("state"))),
            ..sidebar(ctx, &slug, "info")
        },
        now,
    )
}

async fn edit(ctx: Ctx, Path(slug): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &slug) else {
        return not_found();
    };
    render_edit(&ctx, &r, &FormState::from_record(&r), vec![])
}

/// Validates `pairs` over the record's values and saves them; `Err` carries the form with its errors.
fn save(ctx: &Ctx, r: &Record, pairs: &[(String, String)]) -> Result<(), FormState> {
    let d = def("initiative");
    let mut f = FormState::from_submission(d, pairs);
    f.values = f.merged_over(&r.values);
    {
        let store = ctx.state.store();
        let scope = Scope {
            self_id: Some(r.id),
            ..Scope::default()
        };
        f.validate(ctx, d, &store, &scope);
    }
    if !f.errors.is_empty() {
        return Err(f);
    }
    let user = ctx
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let mut store = ctx.state.store();
    if let Some(stored) = store.records.get_mut("initiative", r.id) {
        stored.values = f.values;
        let title = stored.translated("title");
        store.log_admin(&user, "initiative.update", title, Default::default());
    }
    Ok(())
}

async fn update(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &slug) else {
        return not_found();
    };
    match save(&ctx, &r, &pairs) {
        Ok(()) => {
            ctx.flash(
                "success",
                ctx.t("decidim.initiatives.admin.initiatives.update.success"),
            );
            ctx.redirect(&format!("{BASE}/{slug}/edit"))
        }
        Err(f) => {
            let now = vec![Flash::alert(
                ctx.t("decidim.initiatives.admin.initiatives.update.error"),
            )];
            render_edit(&ctx, &r, &f, now)
        }
    }
}

fn render_answer(ctx: &Ctx, r: &Record, f: &FormState, now: Vec<Flash>) -> Response {
    let d = def("initiative");
    let slug = slug_of(r);
    let title = ctx.tr(&r.translated("title"));
    admin_page_status(
        ctx,
        StatusCode::OK,
        "admin/a2/initiative_answer.html",
        "initiatives",
        crumbs(ctx, r, Some(ctx.t("decidim.initiatives.actions.answer"))),
        context! {
            fields => fields_map(ctx, d, f, Some(r.id)),
            form => context! { values => f.values.clone(), errors => f.errors.clone() },
            form_locales => crate::page::form_locales(ctx),
            param_key => d.param_key.clone(),
            action => format!("{BASE}/{slug}/answer"),
            // InitiativeAnswerForm (mimic :initiative) built `from_model(initiative)`: Rails' edit_initiative_<id>.
            form_id => format!("edit_initiative_{}", r.id),
            initiative => context! {
                title => title.clone(),
                description => ctx.tr(&r.translated("description")),
                created_at => r.get("created_at").to_string(),
                state => ctx.t(&format!("decidim.initiatives.admin_states.{}", r.get("state"))),
                votes => r.get("supports_count").to_string(),
            },
            ..sidebar(ctx, &slug, "info")
        },
        now,
    )
}

async fn edit_answer(ctx: Ctx, Path(slug): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &slug) else {
        return not_found();
    };
    render_answer(&ctx, &r, &FormState::from_record(&r), vec![])
}

async fn update_answer(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &slug) else {
        return not_found();
    };
    // The answer form only carries the answer fields (and the signature dates of a published initiative).
    let allowed = [
        "answer_",
        "answer_url",
        "signature_start_date",
        "signature_end_date",
    ];
    let pairs: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| {
            k.strip_prefix("initiative[")
                .is_some_and(|k| allowed.iter().any(|a| k.starts_with(a)))
                || !k.starts_with("initiative[")
        })
        .collect();
    match save(&ctx, &r, &pairs) {
        Ok(()) => {
            ctx.flash(
                "success",
                ctx.t("decidim.initiatives.admin.initiatives.update.success"),
            );
            ctx.redirect(BASE)
        }
        Err(_) => {
            ctx.flash(
                "alert",
                ctx.t("decidim.initiatives.admin.initiatives.update.error"),
            );
            ctx.redirect(&format!("{BASE}/{slug}/answer/edit"))
        }
    }
}

async fn section(ctx: Ctx, slug: String, key: &'static str) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &slug) else {
        return not_found();
    };
    let title = ctx.t(&item_label_key(key).unwrap_or_default());
    admin_page(
        &ctx,
        "admin/a2/section.html",
        "initiatives",
        crumbs(&ctx, &r, Some(title.clone())),
        context! { title => title, ..sidebar(&ctx, &slug, key) },
        vec![],
    )
}

/// The initiative type edit page: the engine's form (same context as `handlers::render_form`) plus the
/// type's scopes, listed under the form as in Decidim.
async fn edit_type(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let d = def("initiatives_type");
    let Some(r) = ctx
        .state
        .store()
        .records
        .get("initiatives_type", id)
        .cloned()
    else {
        return not_found();
    };
    let f = FormState::from_record(&r);
    let scope = Scope {
        self_id: Some(id),
        ..Scope::default()
    };
    let (fields, type_scopes) = {
        let store = ctx.state.store();
        let fields = form::fields_view(&ctx, d, &f, &store, &scope);
        let scope_label = |sid: &str| {
            sid.parse::<u64>()
                .ok()
                .and_then(|i| store.records.get("scope", i))
                .map(|s| form::record_label(&ctx, s, "name"))
                .unwrap_or_else(|| ctx.t("decidim.scopes.global"))
        };
        let type_scopes: Vec<Value> = store
            .records
            .list("initiatives_type_scope", None, Some(id))
            .iter()
            .map(|s| {
                context! {
                    id => s.id,
                    scope => scope_label(s.get("decidim_scopes_id")),
                    supports_required => s.get("supports_required").to_string(),
                }
            })
            .collect();
        (fields, type_scopes)
    };
    let title = ctx.t("decidim.admin.titles.initiatives_types");
    let type_title = ctx.tr(&r.translated("title"));
    admin_page(
        &ctx,
        "admin/a2/initiatives_type_form.html",
        "initiatives",
        vec![(type_title, None)],
        context! {
            title => title,
            is_new => false,
            action => format!("/admin/initiatives_types/{id}"),
            form_id => format!("edit_initiatives_type_{id}"),
            form_class => d.form.edit_class.clone(),
            param_key => d.param_key.clone(),
            button => ctx.t("decidim.initiatives.admin.initiatives_types.edit.update"),
            fields => fields,
            form => context! { values => f.values.clone(), errors => f.errors.clone() },
            form_locales => crate::page::form_locales(&ctx),
            outer_class => d.form.outer_class.clone(),
            type_id => id,
            type_scopes => type_scopes,
        },
        vec![],
    )
}

/// Initiatives as a space kind of the resource engine (their slugs are `i-<id>`).
pub(crate) struct InitiativeSpaces;

impl SpaceKind for InitiativeSpaces {
    fn serves(&self, kind: &str) -> bool {
        kind == "initiatives"
    }

    fn find(&self, ctx: &Ctx, kind: &str, slug: &str) -> Option<Space> {
        space_of(ctx, kind, slug)
    }

    fn id_of(&self, store: &Store, kind: &str, slug: &str) -> Option<u64> {
        find_record(store, kind, slug).map(|r| r.id)
    }

    fn section(&self, _kind: &str) -> &'static str {
        "initiatives"
    }

    fn crumbs(&self, ctx: &Ctx, _kind: &str, s: &Space) -> Vec<(String, Option<String>)> {
        vec![
            (
                ctx.t("decidim.admin.menu.initiatives"),
                Some(BASE.to_string()),
            ),
            (s.title.clone(), Some(format!("{BASE}/{}/edit", s.slug))),
        ]
    }

    fn menu(&self, ctx: &Ctx, _kind: &str, s: &Space, active: &str) -> Value {
        sidebar(ctx, &s.slug, active)
    }

    fn item_label(&self, ctx: &Ctx, _kind: &str, key: &str) -> String {
        item_label_key(key)
            .map(|k| ctx.t(&k))
            .unwrap_or_else(|| key.to_string())
    }

    fn title_translated(&self, store: &Store, r: &SpaceRef) -> Translated {
        space_title(store, r)
    }
}
