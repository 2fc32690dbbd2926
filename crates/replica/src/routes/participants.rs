//! Organization-level people management (area C1): participants and their officialization, the
//! "Show email address" modal, blocking, reported participants, global moderation of reported content,
//! groups verification, impersonations (manageable participants, logs, conflicts), the verification
//! methods page with its authorizations revocation box (revoke before a date / revoke all) and metrics.
//!
//! Admins (`/admin/users`) are an engine definition (`fixtures/resources/admins.toml`, kind
//! `admin_user`); the flows here are not CRUD-shaped. Everything is kept as generic records
//! (`Store::records`): kinds `participant`, `user_moderation`, `moderation`, `user_group`,
//! `impersonation_log`, `conflict`. People are `participant` and `admin_user` records (ids are unique
//! across kinds), so an admin invited in a lesson can be officialized and blocked like anyone.
//! Routes, ids, texts and flashes follow Decidim 0.29 (`decidim-admin/config/routes.rb`, the
//! `officializations`, `block_user`, `moderated_users`, `moderations`, `user_groups`,
//! `impersonatable_users`, `conflicts` views and controllers).

use std::collections::{BTreeMap, HashMap};

use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::Router;
use minijinja::{context, Value};

use crate::text::short_time;

use crate::error::ReplicaError;
use crate::i18n::{translated, Translated};
use crate::page::admin_page;
use crate::resources::menus;
use crate::session::Ctx;
use crate::state::records::Record;
use crate::state::{Flash, ReplicaState, Store, User};

/// Kinds holding people.
const PEOPLE: &[&str] = &["participant", "admin_user"];
/// Report reasons of Decidim (`Decidim::Report::REASONS`).
const REASONS: &[&str] = &["spam", "offensive", "does_not_belong"];

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/admin/users", get(admins).post(crate::resources::dispatch))
        .route(
            "/admin/officializations",
            get(officializations).post(officialize),
        )
        .route("/admin/officializations/new", get(new_officialization))
        .route("/admin/officializations/{user_id}", delete(unofficialize))
        .route(
            "/admin/officializations/{user_id}/show_email",
            get(show_email),
        )
        .route("/admin/moderated_users", get(moderated_users))
        .route(
            "/admin/moderated_users/{id}/ignore",
            put(ignore_user_report),
        )
        .route(
            "/admin/moderated_users/{user_id}/user_block/new",
            get(new_block),
        )
        .route(
            "/admin/moderated_users/{user_id}/user_block",
            post(block).delete(unblock),
        )
        .route("/admin/moderations", get(moderations))
        .route("/admin/moderations/{id}/reports", get(moderation_reports))
        .route("/admin/moderations/{id}/unreport", put(unreport))
        .route("/admin/moderations/{id}/hide", put(hide))
        .route("/admin/moderations/{id}/unhide", put(unhide))
        .route("/admin/user_groups", get(user_groups))
        .route("/admin/user_groups/{id}/verify", put(verify_group))
        .route("/admin/user_groups/{id}/reject", put(reject_group))
        .route(
            "/admin/user_groups/csv_verification/new",
            get(csv_verification),
        )
        .route("/admin/impersonatable_users", get(impersonatable_users))
        .route(
            "/admin/impersonatable_users/{id}/impersonation_logs",
            get(impersonation_logs),
        )
        .route(
            "/admin/impersonatable_users/{id}/promotions/new",
            get(new_promotion),
        )
        .route("/admin/impersonatable_users/{id}/promotions", post(promote))
        .route("/admin/conflicts", get(conflicts))
        .route(
            "/admin/authorization_workflows",
            get(authorization_workflows),
        )
        .route("/admin/verifications_before_date", post(revoke_before_date))
        .route("/admin/verifications_all", delete(revoke_all))
        .route("/admin/metrics", get(metrics))
}

// ---------------------------------------------------------------------------------------------
// Helpers

fn not_found() -> Response {
    ReplicaError::NotFound.into_response()
}

fn pairs(body: &Bytes) -> HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn person(store: &Store, id: u64) -> Option<Record> {
    PEOPLE
        .iter()
        .find_map(|k| store.records.get(k, id).cloned())
}

fn person_mut(store: &mut Store, id: u64) -> Option<&mut Record> {
    let kind = PEOPLE.iter().find(|k| store.records.get(k, id).is_some())?;
    store.records.get_mut(kind, id)
}

/// Every person, in creation order.
fn people(store: &Store) -> Vec<Record> {
    let mut v: Vec<Record> = PEOPLE
        .iter()
        .flat_map(|k| store.records.of_kind(k).cloned().collect::<Vec<_>>())
        .collect();
    v.sort_by_key(|r| r.id);
    v
}

/// Decidim's `nicknamize`: lowercase, non-alphanumerics as `_`.
fn nickname(r: &Record) -> String {
    let n = r.get("nickname");
    if !n.is_empty() || r.flag("managed") {
        return n.to_string();
    }
    let mut s: String = r
        .get("name")
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    s.truncate(20);
    s
}

/// The name shown: Decidim renames a blocked account "Blocked user".
fn display_name(r: &Record) -> String {
    if r.flag("blocked") {
        "Blocked user".into()
    } else {
        r.get("name").to_string()
    }
}

fn report_count(store: &Store, user_id: u64) -> u64 {
    store
        .records
        .of_kind("user_moderation")
        .filter(|m| m.parent_id == Some(user_id))
        .map(|m| m.get("report_count").parse::<u64>().unwrap_or(0))
        .sum()
}

fn reasons_text(ctx: &Ctx, scope: &str, reasons: &str) -> String {
    reasons
        .split(',')
        .filter(|r| REASONS.contains(r))
        .map(|r| ctx.t(&format!("{scope}.report.reasons.{r}")))
        .collect::<Vec<_>>()
        .join(",")
}

fn now() -> String {
    short_time(time::OffsetDateTime::now_utc())
}

fn log(ctx: &Ctx, user: &User, action: &str, resource: Translated, space: Translated) {
    ctx.state
        .store()
        .log_admin(&user.name, action, resource, space);
}

fn named(name: &str) -> Translated {
    translated(&[("en", name)])
}

/// A page of the Participants section (sidebar `participants`, item `active`).
fn participants_page(
    ctx: &Ctx,
    template: &str,
    active: &str,
    title: String,
    data: Value,
) -> Response {
    page(
        ctx,
        template,
        "participants",
        "participants",
        active,
        title,
        data,
        vec![],
    )
}

#[allow(clippy::too_many_arguments)]
fn page(
    ctx: &Ctx,
    template: &str,
    section: &str,
    menu: &str,
    active: &str,
    title: String,
    data: Value,
    now: Vec<Flash>,
) -> Response {
    let mut crumbs = Vec::new();
    match menus::item_label(ctx, menu, active) {
        // The menu item's own page: one crumb, as Decidim's `add_breadcrumb_item_from_menu` gives.
        Some((label, _)) if label == title => crumbs.push((label, None)),
        Some((label, path)) => {
            crumbs.push((label, Some(path)));
            crumbs.push((title.clone(), None));
        }
        None => crumbs.push((title.clone(), None)),
    }
    let menu_ctx = menus::context(ctx, Some((menu, active)), None);
    admin_page(
        ctx,
        template,
        section,
        crumbs,
        context! { title => title, ..minijinja::value::merge_maps([data, menu_ctx]) },
        now,
    )
}

fn query(q: &HashMap<String, String>, key: &str) -> String {
    q.get(key).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn matches(term: &str, fields: &[&str]) -> bool {
    let t = term.to_lowercase();
    t.is_empty() || fields.iter().any(|f| f.to_lowercase().contains(&t))
}

// ---------------------------------------------------------------------------------------------
// Participants (officializations), show email, block

/// `/admin/users`: the engine serves new/create/destroy of `admin_user`; the list is here for its filters
/// and columns (decidim-admin users/index.html.erb).
async fn admins(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let term = query(&q, "q[name_or_nickname_or_email_cont]");
    let current = ctx
        .user
        .as_ref()
        .map(|u| u.email.clone())
        .unwrap_or_default();
    let rows: Vec<Value> = ctx
        .state
        .store()
        .records
        .of_kind("admin_user")
        .filter(|r| matches(&term, &[r.get("name"), &nickname(r), r.get("email")]))
        .map(|r| {
            let seeded = !r.get("created_at").is_empty();
            context! {
                id => r.id,
                role => ctx.t(&format!("decidim.admin.models.user.fields.roles.{}", r.get("role"))),
                name => display_name(r),
                email => r.get("email"),
                created_at => r.get("created_at"),
                invited => !seeded,
                is_current => r.get("email") == current,
            }
        })
        .collect();
    let title = ctx.t("decidim.admin.titles.users");
    participants_page(
        &ctx,
        "admin/participants/admins.html",
        "users",
        title,
        context! {
            rows => rows,
            term => term,
            search_placeholder => ctx.t_with("decidim.admin.filters.search_placeholder.name_or_nickname_or_email_cont", &[("collection", &ctx.t("decidim.admin.participants_area.collection"))]),
        },
    )
}

async fn officializations(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let term = query(&q, "q[name_or_nickname_or_email_cont]");
    let officialized_filter = query(&q, "q[officialized_at_null]");
    let rows: Vec<Value> = {
        let store = ctx.state.store();
        people(&store)
            .iter()
            .filter(|r| matches(&term, &[r.get("name"), &nickname(r), r.get("email")]))
            .filter(|r| match officialized_filter.as_str() {
                "true" => !r.flag("officialized"),
                "false" => r.flag("officialized"),
                _ => true,
            })
            .map(|r| {
                context! {
                    id => r.id,
                    name => display_name(r),
                    nickname => nickname(r),
                    created_at => r.get("created_at"),
                    officialized => r.flag("officialized"),
                    badge => ctx.tr(&r.translated("officialized_as")),
                    reports => report_count(&store, r.id),
                    blocked => r.flag("blocked"),
                    is_current => r.get("email") == ctx.user.as_ref().map(|u| u.email.as_str()).unwrap_or_default(),
                }
            })
            .collect()
    };
    let title = ctx.t("decidim.admin.titles.participants");
    participants_page(
        &ctx,
        "admin/participants/officializations.html",
        "officializations",
        title,
        context! {
            rows => rows,
            term => term,
            search_placeholder => ctx.t_with("decidim.admin.filters.search_placeholder.name_or_nickname_or_email_cont", &[("collection", &ctx.t("decidim.admin.participants_area.collection"))]),
        },
    )
}

async fn new_officialization(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = q
        .get("user_id")
        .and_then(|id| id.parse().ok())
        .and_then(|id| person(&ctx.state.store(), id))
    else {
        return not_found();
    };
    let title = ctx.t_with(
        "decidim.admin.officializations.new.title",
        &[("name", r.get("name"))],
    );
    let values: BTreeMap<String, String> = r
        .values
        .iter()
        .filter(|(k, _)| k.starts_with("officialized_as_"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    participants_page(
        &ctx,
        "admin/participants/officialize.html",
        "officializations",
        title,
        context! {
            user_id => r.id,
            form => context! { values => values, errors => BTreeMap::<String, String>::new() },
            form_locales => crate::page::form_locales(&ctx),
        },
    )
}

async fn officialize(ctx: Ctx, body: Bytes) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let f = pairs(&body);
    let Some(id) = f
        .get("officialization[user_id]")
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return not_found();
    };
    let name = {
        let mut store = ctx.state.store();
        let Some(r) = person_mut(&mut store, id) else {
            return not_found();
        };
        for l in crate::i18n::LOCALES {
            let v = f
                .get(&format!("officialization[officialized_as_{l}]"))
                .cloned()
                .unwrap_or_default();
            r.values.insert(format!("officialized_as_{l}"), v);
        }
        r.flags.insert("officialized".into(), true);
        r.get("name").to_string()
    };
    log(
        &ctx,
        &user,
        "user.officialize",
        named(&name),
        Translated::new(),
    );
    ctx.flash(
        "success",
        ctx.t("decidim.admin.officializations.create.success"),
    );
    ctx.redirect(&search_url(
        "/admin/officializations",
        "name_or_nickname_or_email_cont",
        &name,
    ))
}

fn search_url(path: &str, predicate: &str, term: &str) -> String {
    let q = url::form_urlencoded::Serializer::new(String::new())
        .append_pair(&format!("q[{predicate}]"), term)
        .finish();
    format!("{path}?{q}")
}

async fn unofficialize(ctx: Ctx, Path(id): Path<u64>) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let name = {
        let mut store = ctx.state.store();
        let Some(r) = person_mut(&mut store, id) else {
            return not_found();
        };
        r.flags.insert("officialized".into(), false);
        r.values.retain(|k, _| !k.starts_with("officialized_as_"));
        r.get("name").to_string()
    };
    log(
        &ctx,
        &user,
        "user.unofficialize",
        named(&name),
        Translated::new(),
    );
    ctx.flash(
        "success",
        ctx.t("decidim.admin.officializations.destroy.success"),
    );
    ctx.redirect(&search_url(
        "/admin/officializations",
        "name_or_nickname_or_email_cont",
        &name,
    ))
}

/// The XHR behind the "Show email address" modal: a bare `mailto:` link, no layout (and an admin log entry).
async fn show_email(ctx: Ctx, Path(id): Path<u64>) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let Some(r) = person(&ctx.state.store(), id) else {
        return not_found();
    };
    log(
        &ctx,
        &user,
        "user.show_email",
        named(r.get("name")),
        Translated::new(),
    );
    let email = crate::error::html_escape(r.get("email"));
    axum::response::Html(format!("<a href=\"mailto:{email}\">{email}</a>")).into_response()
}

async fn new_block(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = person(&ctx.state.store(), id) else {
        return not_found();
    };
    render_block(&ctx, &r, "", None, vec![])
}

fn render_block(
    ctx: &Ctx,
    r: &Record,
    justification: &str,
    error: Option<String>,
    now: Vec<Flash>,
) -> Response {
    let title = ctx.t_with(
        "decidim.admin.block_user.new.title",
        &[("name", r.get("name"))],
    );
    page(
        ctx,
        "admin/participants/block.html",
        "moderations",
        "moderations",
        "moderated_users",
        title,
        context! { user_id => r.id, justification => justification, error => error },
        now,
    )
}

async fn block(ctx: Ctx, Path(id): Path<u64>, body: Bytes) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let f = pairs(&body);
    let Some(r) = person(&ctx.state.store(), id) else {
        return not_found();
    };
    let justification = f
        .get("block_user[justification]")
        .cloned()
        .unwrap_or_default();
    // BlockUserForm: justification presence, minimum 15 characters.
    let error = if justification.trim().is_empty() {
        Some(ctx.t("errors.messages.blank"))
    } else if justification.trim().chars().count() < 15 {
        Some(ctx.t_with("errors.messages.too_short", &[("count", "15")]))
    } else {
        None
    };
    if let Some(e) = error {
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.officializations.block.error"),
        )];
        return render_block(&ctx, &r, &justification, Some(e), now);
    }
    {
        let mut store = ctx.state.store();
        if let Some(p) = person_mut(&mut store, id) {
            p.flags.insert("blocked".into(), true);
            p.values.insert("block_justification".into(), justification);
        }
        let has_moderation = store
            .records
            .of_kind("user_moderation")
            .any(|m| m.parent_id == Some(id));
        if !has_moderation {
            store.add_record(
                "user_moderation",
                Some(id),
                &[
                    ("reasons", ""),
                    ("report_count", "0"),
                    ("created_at", &now()),
                ],
                &[],
            );
        }
    }
    log(
        &ctx,
        &user,
        "user.block",
        named(r.get("name")),
        Translated::new(),
    );
    ctx.flash(
        "success",
        ctx.t("decidim.admin.officializations.block.success"),
    );
    ctx.redirect("/admin/moderated_users?blocked=true")
}

async fn unblock(ctx: Ctx, Path(id): Path<u64>) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let name = {
        let mut store = ctx.state.store();
        let Some(p) = person_mut(&mut store, id) else {
            return not_found();
        };
        p.flags.insert("blocked".into(), false);
        p.get("name").to_string()
    };
    log(&ctx, &user, "user.unblock", named(&name), Translated::new());
    ctx.flash(
        "success",
        ctx.t("decidim.admin.officializations.unblock.success"),
    );
    ctx.redirect("/admin/moderated_users")
}

// ---------------------------------------------------------------------------------------------
// Reported participants

async fn moderated_users(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let blocked = q.get("blocked").is_some_and(|v| v == "true");
    let term = query(&q, "q[user_name_or_user_nickname_or_user_email_cont]");
    let rows: Vec<Value> = {
        let store = ctx.state.store();
        store
            .records
            .of_kind("user_moderation")
            .filter_map(|m| {
                let u = person(&store, m.parent_id?)?;
                (u.flag("blocked") == blocked
                    && matches(&term, &[&display_name(&u), &nickname(&u), u.get("email")]))
                .then(|| {
                    context! {
                        id => m.id,
                        user_id => u.id,
                        name => display_name(&u),
                        nickname => nickname(&u),
                        reasons => reasons_text(&ctx, "decidim.admin.moderated_users", m.get("reasons")),
                        created_at => m.get("created_at"),
                        report_count => m.get("report_count"),
                        blocked => u.flag("blocked"),
                    }
                })
            })
            .collect()
    };
    let title = ctx.t("decidim.admin.moderated_users.index.title");
    page(
        &ctx,
        "admin/participants/moderated_users.html",
        "moderations",
        "moderations",
        "moderated_users",
        title,
        context! {
            rows => rows,
            term => term,
            blocked => blocked,
            search_placeholder => ctx.t_with("decidim.admin.filters.search_placeholder.user_name_or_user_nickname_or_user_email_cont", &[("collection", &ctx.t("decidim.admin.participants_area.reported_collection"))]),
        },
        vec![],
    )
}

async fn ignore_user_report(ctx: Ctx, Path(id): Path<u64>) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let removed = ctx.state.store().records.remove("user_moderation", id);
    let Some(m) = removed else {
        return not_found();
    };
    let name = m
        .parent_id
        .and_then(|p| person(&ctx.state.store(), p))
        .map(|p| p.get("name").to_string())
        .unwrap_or_default();
    log(
        &ctx,
        &user,
        "user_moderation.unreport",
        named(&name),
        Translated::new(),
    );
    ctx.flash(
        "success",
        ctx.t("decidim.moderations.admin.reportable.unreport.success"),
    );
    ctx.redirect("/admin/moderated_users")
}

// ---------------------------------------------------------------------------------------------
// Reported content (global moderations)

fn moderation_row(ctx: &Ctx, m: &Record) -> Value {
    context! {
        id => m.id,
        reportable_id => m.id + 1000,
        reportable_type => ctx.tr(&m.translated("reportable_type")),
        space => ctx.tr(&m.translated("space")),
        url => format!("/processes/{}", m.get("space_slug")),
        excerpt => m.get("content"),
        reasons => reasons_text(ctx, "decidim.admin.moderations", m.get("reasons")),
        details => m.get("details"),
        created_at => m.get("created_at"),
        report_count => m.get("reasons").split(',').filter(|r| !r.is_empty()).count(),
        hidden_at => m.get("hidden_at"),
        hidden => m.flag("hidden"),
        content => m.get("content"),
        author => m.get("author"),
    }
}

async fn moderations(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let hidden = q.contains_key("hidden");
    let rows: Vec<Value> = {
        let store = ctx.state.store();
        store
            .records
            .of_kind("moderation")
            .filter(|m| m.flag("hidden") == hidden && !m.flag("unreported"))
            .map(|m| moderation_row(&ctx, m))
            .collect()
    };
    let title = ctx.t("decidim.admin.moderations.index.title");
    page(
        &ctx,
        "admin/participants/moderations.html",
        "moderations",
        "moderations",
        "moderations",
        title,
        context! { rows => rows, hidden => hidden },
        vec![],
    )
}

async fn moderation_reports(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(m) = ctx.state.store().records.get("moderation", id).cloned() else {
        return not_found();
    };
    let reports: Vec<Value> = m
        .get("reasons")
        .split(',')
        .filter(|r| REASONS.contains(r))
        .enumerate()
        .map(|(i, r)| {
            context! {
                id => m.id * 10 + i as u64,
                reason => ctx.t(&format!("decidim.admin.moderations.report.reasons.{r}")),
                locale => ctx.t("locale.name"),
                details => if i == 0 { m.get("details") } else { "" },
            }
        })
        .collect();
    let title = ctx.t("decidim.admin.moderations.reports.index.title");
    page(
        &ctx,
        "admin/participants/moderation_reports.html",
        "moderations",
        "moderations",
        "moderations",
        title,
        context! { m => moderation_row(&ctx, &m), reports => reports },
        vec![],
    )
}

fn moderation_action(ctx: &Ctx, id: u64, f: impl FnOnce(&mut Record)) -> Option<Record> {
    let mut store = ctx.state.store();
    let m = store.records.get_mut("moderation", id)?;
    f(m);
    Some(m.clone())
}

fn moderation_log(ctx: &Ctx, user: &User, action: &str, m: &Record) {
    let ty = m.translated("reportable_type");
    let mut store = ctx.state.store();
    store.log_admin(&user.name, action, ty, m.translated("space"));
}

/// A moderation row action: change the reportable, log it, flash, back to the list.
fn moderate(ctx: &Ctx, id: u64, action: &str, change: impl FnOnce(&mut Record)) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let Some(m) = moderation_action(ctx, id, change) else {
        return not_found();
    };
    moderation_log(ctx, &user, &format!("moderation.{action}"), &m);
    ctx.flash(
        "success",
        ctx.t(&format!(
            "decidim.moderations.admin.reportable.{action}.success"
        )),
    );
    ctx.redirect("/admin/moderations")
}

async fn unreport(ctx: Ctx, Path(id): Path<u64>) -> Response {
    moderate(&ctx, id, "unreport", |m| {
        m.flags.insert("unreported".into(), true);
    })
}

async fn hide(ctx: Ctx, Path(id): Path<u64>) -> Response {
    moderate(&ctx, id, "hide", |m| {
        m.flags.insert("hidden".into(), true);
        m.values.insert("hidden_at".into(), now());
    })
}

async fn unhide(ctx: Ctx, Path(id): Path<u64>) -> Response {
    moderate(&ctx, id, "unhide", |m| {
        m.flags.insert("hidden".into(), false);
        m.values.remove("hidden_at");
    })
}

// ---------------------------------------------------------------------------------------------
// Groups

async fn user_groups(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let term = query(&q, "q[name_or_nickname_or_email_cont]");
    let rows: Vec<Value> = {
        let store = ctx.state.store();
        store
            .records
            .of_kind("user_group")
            .filter(|g| matches(&term, &[g.get("name"), g.get("nickname")]))
            .map(|g| {
                context! {
                    id => g.id,
                    name => g.get("name"),
                    nickname => g.get("nickname"),
                    document_number => g.get("document_number"),
                    phone => g.get("phone"),
                    users_count => g.get("users_count"),
                    created_at => g.get("created_at"),
                    state => g.get("state"),
                }
            })
            .collect()
    };
    let title = ctx.t("decidim.admin.titles.user_groups");
    participants_page(
        &ctx,
        "admin/participants/user_groups.html",
        "user_groups",
        title,
        context! {
            rows => rows,
            term => term,
            search_placeholder => ctx.t_with("decidim.admin.filters.search_placeholder.name_or_nickname_or_email_cont", &[("collection", &ctx.t("decidim.admin.participants_area.groups_collection"))]),
        },
    )
}

fn set_group_state(ctx: &Ctx, id: u64, state: &str) -> Option<String> {
    let mut store = ctx.state.store();
    let g = store.records.get_mut("user_group", id)?;
    g.values.insert("state".into(), state.into());
    Some(g.get("name").to_string())
}

/// Verify or reject a group (`action` is the verb of the route, the log and the flash).
fn judge_group(ctx: &Ctx, id: u64, action: &str, state: &str) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let Some(name) = set_group_state(ctx, id, state) else {
        return not_found();
    };
    log(
        ctx,
        &user,
        &format!("user_group.{action}"),
        named(&name),
        Translated::new(),
    );
    ctx.flash(
        "success",
        ctx.t(&format!("decidim.admin.user_group.{action}.success")),
    );
    ctx.redirect_back("/admin/user_groups")
}

async fn verify_group(ctx: Ctx, Path(id): Path<u64>) -> Response {
    judge_group(&ctx, id, "verify", "verified")
}

async fn reject_group(ctx: Ctx, Path(id): Path<u64>) -> Response {
    judge_group(&ctx, id, "reject", "rejected")
}

async fn csv_verification(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let title = ctx.t("decidim.admin.user_groups_csv_verifications.new.title");
    participants_page(
        &ctx,
        "admin/participants/csv_verification.html",
        "user_groups",
        title,
        context! {},
    )
}

// ---------------------------------------------------------------------------------------------
// Impersonations

async fn impersonatable_users(ctx: Ctx, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let state = query(&q, "state");
    let term = query(&q, "q");
    let rows: Vec<Value> = {
        let store = ctx.state.store();
        store
            .records
            .of_kind("participant")
            .filter(|r| !r.flag("blocked"))
            .filter(|r| match state.as_str() {
                "managed" => r.flag("managed"),
                "not_managed" => !r.flag("managed"),
                _ => true,
            })
            .filter(|r| matches(&term, &[r.get("name")]))
            .map(|r| context! { id => r.id, name => r.get("name"), managed => r.flag("managed") })
            .collect()
    };
    let title = ctx.t("decidim.admin.titles.impersonatable_users");
    participants_page(
        &ctx,
        "admin/participants/impersonatable_users.html",
        "impersonatable_users",
        title,
        context! { rows => rows, term => term, state => state },
    )
}

async fn impersonation_logs(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let rows: Vec<Value> = {
        let store = ctx.state.store();
        let Some(u) = person(&store, id) else {
            return not_found();
        };
        store
            .records
            .of_kind("impersonation_log")
            .filter(|l| l.get("user") == u.get("name"))
            .map(|l| {
                context! {
                    admin => l.get("admin"), user => l.get("user"), reason => l.get("reason"),
                    started_at => l.get("started_at"), ended_at => l.get("ended_at"), expired_at => l.get("expired_at"),
                }
            })
            .collect()
    };
    let title = ctx.t("decidim.admin.titles.impersonations");
    participants_page(
        &ctx,
        "admin/participants/impersonation_logs.html",
        "impersonatable_users",
        title,
        context! { rows => rows },
    )
}

async fn new_promotion(ctx: Ctx, Path(id): Path<u64>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(u) = person(&ctx.state.store(), id).filter(|u| u.flag("managed")) else {
        return not_found();
    };
    render_promotion(&ctx, &u, "", None, vec![])
}

fn render_promotion(
    ctx: &Ctx,
    u: &Record,
    email: &str,
    error: Option<String>,
    now: Vec<Flash>,
) -> Response {
    let title = ctx.t("decidim.admin.managed_users.promotions.new.new_managed_user_promotion");
    page(
        ctx,
        "admin/participants/promotion.html",
        "participants",
        "participants",
        "impersonatable_users",
        title,
        context! { user_id => u.id, email => email, error => error },
        now,
    )
}

async fn promote(ctx: Ctx, Path(id): Path<u64>, body: Bytes) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let Some(u) = person(&ctx.state.store(), id).filter(|u| u.flag("managed")) else {
        return not_found();
    };
    let email = pairs(&body)
        .get("managed_user_promotion[email]")
        .cloned()
        .unwrap_or_default();
    let valid = crate::resources::patterns::pattern("email").is_some_and(|p| p(email.trim()));
    if !valid {
        let e = if email.trim().is_empty() {
            ctx.t("errors.messages.blank")
        } else {
            ctx.t("errors.messages.invalid")
        };
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.managed_users.promotion.error"),
        )];
        return render_promotion(&ctx, &u, &email, Some(e), now);
    }
    {
        let mut store = ctx.state.store();
        if let Some(p) = person_mut(&mut store, id) {
            p.values.insert("email".into(), email.trim().to_string());
            p.values.insert("promoted".into(), "1".into());
        }
    }
    log(
        &ctx,
        &user,
        "user.promote",
        named(u.get("name")),
        Translated::new(),
    );
    ctx.flash(
        "success",
        ctx.t("decidim.admin.managed_users.promotion.success"),
    );
    ctx.redirect("/admin/impersonatable_users")
}

async fn conflicts(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let rows: Vec<Value> = ctx
        .state
        .store()
        .records
        .of_kind("conflict")
        .map(|c| {
            context! {
                id => c.id, user => c.get("user"), managed_user => c.get("managed_user"),
                times => c.get("times"), solved => c.flag("solved"),
            }
        })
        .collect();
    let title = ctx.t("decidim.admin.conflicts.title");
    participants_page(
        &ctx,
        "admin/participants/conflicts.html",
        "impersonatable_users",
        title,
        context! { rows => rows },
    )
}

// ---------------------------------------------------------------------------------------------
// Verification methods, metrics

/// Verification methods enabled in the replica's organization (system panel setting), with their admin page.
/// Verification methods enabled in the replica's organization (system panel setting): key, admin page,
/// number of help items (`decidim.authorization_handlers.admin.<key>.help_<n>`).
const WORKFLOWS: &[(&str, &str, usize)] = &[
    (
        "id_documents",
        "/admin/id_documents/pending_authorizations",
        4,
    ),
    (
        "postal_letter",
        "/admin/postal_letter/pending_authorizations",
        4,
    ),
    ("csv_census", "/admin/csv_census", 2),
];

async fn authorization_workflows(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let workflows: Vec<Value> = WORKFLOWS
        .iter()
        .map(|(key, path, helps)| {
            let help: Vec<String> = (1..=*helps)
                .map(|i| {
                    ctx.t(&format!(
                        "decidim.authorization_handlers.admin.{key}.help_{i}"
                    ))
                })
                .collect();
            context! {
                name => ctx.t(&format!("decidim.authorization_handlers.{key}.name")),
                url => ctx.url(path),
                help => help,
            }
        })
        .collect();
    let title = ctx.t("decidim.admin.titles.authorization_workflows");
    participants_page(
        &ctx,
        "admin/participants/authorization_workflows.html",
        "authorization_workflows",
        title,
        context! {
            workflows => workflows,
            granted => ctx.state.store().records.of_kind("authorization").count(),
            before_date => prev_month(time::OffsetDateTime::now_utc().date()).to_string(),
        },
    )
}

/// `Time.zone.today.prev_month`, the default of the "Revoke before date" field (ISO, as the hidden input holds it).
fn prev_month(d: time::Date) -> time::Date {
    let (y, m) = if d.month() == time::Month::January {
        (d.year() - 1, time::Month::December)
    } else {
        (d.year(), d.month().previous())
    };
    (1..=d.day())
        .rev()
        .find_map(|day| time::Date::from_calendar_date(y, m, day).ok())
        .unwrap_or(d)
}

/// The submitted date: ISO from the datepicker's hidden input, or dd/mm/yyyy typed by hand.
fn parse_date(v: &str) -> Option<String> {
    let v = v.trim();
    let parts: Vec<&str> = v.split(['-', '/', '.']).collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (*y, *m, *d),
        [d, m, y] if y.len() == 4 => (*y, *m, *d),
        _ => return None,
    };
    let (y, m, d): (i32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let date = time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()?;
    Some(date.to_string())
}

/// POST `/admin/verifications_before_date` (decidim-verifications `VerificationsController#destroy_before_date`):
/// destroys the granted authorizations granted before the date (only impersonated ones if ticked), then
/// redirects with `destroy_ok`. When the form is invalid, Decidim sets `flash.now[:alert]` and redirects, so the
/// message is lost and the page comes back without any flash: reproduced as is.
async fn revoke_before_date(ctx: Ctx, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let f = pairs(&body);
    let Some(date) = f
        .get("revocations_before_date[before_date]")
        .and_then(|v| parse_date(v))
    else {
        return ctx.redirect("/admin/authorization_workflows");
    };
    let impersonated_only = f
        .get("revocations_before_date[impersonated_only]")
        .is_some_and(|v| v == "1");
    revoke(&ctx, |a| {
        a.get("granted_at") < date.as_str() && (!impersonated_only || a.flag("impersonated"))
    })
}

/// Remove the granted authorizations `selected` picks, then back to the verification methods.
fn revoke(ctx: &Ctx, selected: impl Fn(&Record) -> bool) -> Response {
    {
        let mut store = ctx.state.store();
        let ids: Vec<u64> = store
            .records
            .of_kind("authorization")
            .filter(|a| selected(a))
            .map(|a| a.id)
            .collect();
        for id in ids {
            store.records.remove("authorization", id);
        }
    }
    ctx.flash(
        "success",
        ctx.t("decidim.admin.menu.authorization_revocation.destroy_ok"),
    );
    ctx.redirect("/admin/authorization_workflows")
}

/// DELETE `/admin/verifications_all` (`VerificationsController#destroy_all`): every granted authorization.
async fn revoke_all(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    revoke(&ctx, |_| true)
}

async fn metrics(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let (participants, processes, components) = {
        let s = ctx.state.store();
        (
            people(&s).len(),
            s.processes.iter().filter(|p| p.published).count(),
            s.components.iter().filter(|c| c.published).count(),
        )
    };
    let title = ctx.t("decidim.admin.titles.metrics");
    let cards = vec![
        context! { key => "users", value => participants, label => ctx.t("decidim.metrics.users.title") },
        context! { key => "participatory_processes", value => processes, label => ctx.t("decidim.metrics.participatory_processes.title") },
        context! { key => "components", value => components, label => ctx.t("decidim.admin.participants_area.metric_components") },
    ];
    admin_page(
        &ctx,
        "admin/participants/metrics.html",
        "dashboard",
        vec![(title.clone(), None)],
        context! { title => title, metrics => cards },
        vec![],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nickname_is_derived_for_invited_admins() {
        let r = Record {
            id: 1,
            kind: "admin_user".into(),
            space: None,
            parent_id: None,
            values: BTreeMap::from([("name".into(), "Explorer Ab1".into())]),
            flags: BTreeMap::new(),
        };
        assert_eq!(nickname(&r), "explorer_ab1");
    }
}
