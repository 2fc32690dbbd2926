//! Newsletters (area C2): list, template choice, new/edit form, preview, test e-mail, recipient selection,
//! recipients count and delivery (decidim-admin 0.29 `NewslettersController`, `NewsletterTemplatesController`,
//! `SelectiveNewsletterForm`, `DeliverNewsletter`).
//!
//! Newsletters are generic records of kind `newsletter` (values `subject_<l>`, `body_<l>`, `template`,
//! `sent_at`; flag `sent`). Nothing is ever e-mailed: the test e-mail and the delivery only change state.
//! Recipients: the replica's non-admin users count as confirmed, newsletter-subscribed participants; nobody
//! follows or participates in a space, so a selection by followers/participants always has no recipient.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery};
use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Value};
use time::OffsetDateTime;

use crate::text::{blank_html, short_time};

use crate::error::{html_escape, ReplicaError};
use crate::i18n::Translated;
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::session::Ctx;
use crate::state::records::Record;
use crate::state::{Flash, ReplicaState};

const KIND: &str = "newsletter";
/// Newsletter templates (content blocks of scope `newsletter_template`), in registration order.
const TEMPLATES: &[&str] = &["basic_only_text", "image_text_cta"];

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/admin/newsletters", get(index))
        .route("/admin/newsletter_templates", get(templates))
        .route("/admin/newsletter_templates/{template}", get(template_show))
        .route(
            "/admin/newsletter_templates/{template}/preview",
            get(template_preview),
        )
        .route(
            "/admin/newsletter_templates/{template}/newsletters/new",
            get(new),
        )
        .route(
            "/admin/newsletter_templates/{template}/newsletters",
            post(create),
        )
        .route(
            "/admin/newsletters/{id}",
            get(show).put(update).patch(update).delete(destroy),
        )
        .route("/admin/newsletters/{id}/edit", get(edit))
        .route("/admin/newsletters/{id}/preview", get(preview))
        .route("/admin/newsletters/{id}/send_to_user", post(send_to_user))
        .route(
            "/admin/newsletters/{id}/select_recipients_to_deliver",
            get(select_recipients),
        )
        .route(
            "/admin/newsletters/{id}/recipients_count",
            get(recipients_count),
        )
        .route("/admin/newsletters/{id}/deliver", post(deliver))
}

fn not_found() -> Response {
    ReplicaError::NotFound.into_response()
}

fn pairs(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn find(ctx: &Ctx, id: &str) -> Option<Record> {
    let id: u64 = id.parse().ok()?;
    ctx.state.store().records.get(KIND, id).cloned()
}

fn subject(r: &Record) -> Translated {
    r.translated("subject")
}

fn crumbs(ctx: &Ctx, last: Option<String>) -> Vec<(String, Option<String>)> {
    let mut v = vec![(
        ctx.t("decidim.admin.menu.newsletters"),
        Some("/admin/newsletters".to_string()),
    )];
    if let Some(l) = last {
        v.push((l, None));
    }
    v
}

/// Users a newsletter to "all users" reaches: confirmed participants who accepted newsletters
/// (here: every non-admin user).
fn subscribed_count(ctx: &Ctx) -> usize {
    ctx.state.store().users.iter().filter(|u| !u.admin).count()
}

/// The recipient selection of the deliver form.
#[derive(Default)]
struct Selection {
    all_users: bool,
    followers: bool,
    participants: bool,
    space_ids: Vec<String>,
    scope_ids: Vec<String>,
}

impl Selection {
    /// From form pairs named `newsletter[...]` (the deliver form) or `data[...]` (the count query).
    fn parse(pairs: &[(String, String)], root: &str) -> Selection {
        let mut map: HashMap<&str, &str> = HashMap::new();
        let mut s = Selection::default();
        for (k, v) in pairs {
            let Some(rest) = k.strip_prefix(root) else {
                continue;
            };
            if rest.starts_with("[participatory_space_types]") && rest.ends_with("[ids][]") {
                if !v.is_empty() {
                    s.space_ids.push(v.clone());
                }
            } else if rest == "[scope_ids][]" {
                if !v.is_empty() {
                    s.scope_ids.push(v.clone());
                }
            } else {
                map.insert(rest, v);
            }
        }
        let on = |k: &str| map.get(k).is_some_and(|v| *v == "1" || *v == "true");
        s.all_users = on("[send_to_all_users]");
        s.followers = on("[send_to_followers]");
        s.participants = on("[send_to_participants]");
        s
    }

    fn valid(&self) -> bool {
        (self.all_users || self.followers || self.participants)
            && (self.all_users || !self.space_ids.is_empty())
    }

    /// Recipients: all users (filtered by scopes: nobody set interests) or followers/participants of the
    /// selected spaces (nobody follows or participates in the replica).
    fn recipients(&self, ctx: &Ctx) -> usize {
        if self.all_users && self.scope_ids.is_empty() {
            subscribed_count(ctx)
        } else {
            0
        }
    }
}

async fn index(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let rows: Vec<Value> = {
        let store = ctx.state.store();
        let mut list: Vec<Record> = store.records.of_kind(KIND).cloned().collect();
        list.sort_by_key(|r| std::cmp::Reverse(r.id));
        list.iter()
            .map(|r| {
                context! {
                    id => r.id,
                    subject => ctx.tr(&subject(r)),
                    url => ctx.url(&format!("/admin/newsletters/{}", r.id)),
                    created_at => r.get("created_at"),
                    sent_at => r.get("sent_at"),
                    sent => r.flag("sent"),
                    sent_to => r.get("sent_to"),
                }
            })
            .collect()
    };
    let title = ctx.t("decidim.admin.newsletters.index.title");
    admin_page(
        &ctx,
        "admin/newsletters/index.html",
        "newsletters",
        crumbs(&ctx, None),
        context! { title => title, rows => rows, subscribed => subscribed_count(&ctx) },
        vec![],
    )
}

fn template_name(ctx: &Ctx, t: &str) -> String {
    ctx.t(&format!("decidim.newsletter_templates.{t}.name"))
}

async fn templates(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let list: Vec<Value> = TEMPLATES
        .iter()
        .map(|t| {
            context! {
                id => *t,
                name => template_name(&ctx, t),
                preview_url => ctx.url(&format!("/admin/newsletter_templates/{t}/preview")),
                show_url => ctx.url(&format!("/admin/newsletter_templates/{t}")),
                new_url => ctx.url(&format!("/admin/newsletter_templates/{t}/newsletters/new")),
            }
        })
        .collect();
    let title = ctx.t("decidim.admin.newsletter_templates.index.title");
    admin_page(
        &ctx,
        "admin/newsletters/templates.html",
        "newsletters",
        crumbs(&ctx, Some(title.clone())),
        context! { title => title, templates => list },
        vec![],
    )
}

async fn template_show(ctx: Ctx, Path(t): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if !TEMPLATES.contains(&t.as_str()) {
        return not_found();
    }
    let title = ctx.t_with(
        "decidim.admin.newsletter_templates.show.preview",
        &[("template_name", &template_name(&ctx, &t))],
    );
    admin_page(
        &ctx,
        "admin/newsletters/template_show.html",
        "newsletters",
        crumbs(&ctx, Some(title.clone())),
        context! {
            title => title,
            preview_url => ctx.url(&format!("/admin/newsletter_templates/{t}/preview")),
            new_url => ctx.url(&format!("/admin/newsletter_templates/{t}/newsletters/new")),
        },
        vec![],
    )
}

/// A minimal e-mail page: the organization, the subject and the body (what the iframes show).
fn email_html(ctx: &Ctx, subject: &str, body_html: &str) -> Response {
    let org = crate::state::ORGANIZATION_NAME.to_string();
    Html(format!(
        "<!DOCTYPE html><html lang=\"{l}\"><head><meta charset=\"utf-8\"><title>{s}</title></head>\
         <body style=\"font-family:sans-serif;background:#f3f4f7;margin:0;padding:24px\">\
         <div style=\"max-width:600px;margin:auto;background:#fff;padding:24px;border-radius:4px\">\
         <p style=\"color:#3e4c5c;font-weight:bold\">{o}</p><h1 style=\"font-size:22px\">{s}</h1>{b}</div></body></html>",
        l = ctx.locale,
        s = html_escape(subject),
        o = html_escape(&org),
        b = body_html
    ))
    .into_response()
}

async fn template_preview(ctx: Ctx, Path(t): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if !TEMPLATES.contains(&t.as_str()) {
        return not_found();
    }
    let body = ctx.t(&format!("decidim.newsletter_templates.{t}.body_preview"));
    email_html(
        &ctx,
        &template_name(&ctx, &t),
        &format!("<p>{}</p>", html_escape(&body)),
    )
}

/// Form values keyed `subject_<l>`, `body_<l>` (+ `introduction_<l>`, `cta_text_<l>`, `cta_url_<l>`).
fn form_values(pairs: &[(String, String)]) -> HashMap<String, String> {
    let mut v = HashMap::new();
    for (k, val) in pairs {
        if let Some(rest) = k.strip_prefix("newsletter[settings][") {
            v.insert(rest.trim_end_matches(']').to_string(), val.clone());
        } else if let Some(rest) = k.strip_prefix("newsletter[") {
            v.insert(rest.trim_end_matches(']').to_string(), val.clone());
        }
    }
    v
}

fn render_form(
    ctx: &Ctx,
    template: &str,
    record: Option<&Record>,
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
    now: Vec<Flash>,
) -> Response {
    let (title, button, action) = match record {
        None => (
            ctx.t("decidim.admin.newsletters.new.title"),
            ctx.t("decidim.admin.newsletters.new.save"),
            format!("/admin/newsletter_templates/{template}/newsletters"),
        ),
        Some(r) => (
            ctx.t("decidim.admin.newsletters.edit.title"),
            ctx.t("decidim.admin.newsletters.edit.save_and_preview"),
            format!("/admin/newsletters/{}", r.id),
        ),
    };
    let settings: &[&str] = if template == "image_text_cta" {
        &["introduction", "body", "cta_text", "cta_url"]
    } else {
        &["body"]
    };
    let settings: Vec<Value> = settings
        .iter()
        .map(|s| {
            context! {
                name => *s,
                label => ctx.t(&format!("decidim.newsletter_templates.{template}_settings_form.{s}")),
                editor => matches!(*s, "introduction" | "body"),
            }
        })
        .collect();
    admin_page(
        ctx,
        "admin/newsletters/form.html",
        "newsletters",
        crumbs(ctx, Some(title.clone())),
        context! {
            title => title,
            button => button,
            action => action,
            is_new => record.is_none(),
            form_id => match record { Some(r) => format!("edit_newsletter_{}", r.id), None => "new_newsletter_".to_string() },
            form_class => if record.is_some() { "form form-defaults edit_newsletter" } else { "form form-defaults new_newsletter" },
            settings => settings,
            hint => ctx.t(&format!("decidim.newsletter_templates.{template}_settings_form.interpolations_hint")),
            form => context! { values => values.clone(), errors => errors.clone() },
            form_locales => crate::page::form_locales(ctx),
        },
        now,
    )
}

async fn new(ctx: Ctx, Path(t): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if !TEMPLATES.contains(&t.as_str()) {
        return not_found();
    }
    render_form(&ctx, &t, None, &HashMap::new(), &HashMap::new(), vec![])
}

/// Subject is required in the organization's default locale (Decidim's `translatable_presence`).
fn validate(ctx: &Ctx, values: &HashMap<String, String>) -> HashMap<String, String> {
    let mut errors = HashMap::new();
    let key = format!("subject_{}", ctx.state.default_locale());
    if values.get(&key).is_none_or(|v| v.trim().is_empty()) {
        errors.insert(key, ctx.t("errors.messages.blank"));
    }
    errors
}

fn store_values(r: &mut Record, values: &HashMap<String, String>) {
    for l in LOCALES {
        for f in ["subject", "body", "introduction", "cta_text", "cta_url"] {
            let k = format!("{f}_{l}");
            if let Some(v) = values.get(&k) {
                let v = if f != "subject" && blank_html(v) && v.contains('<') {
                    String::new()
                } else {
                    v.clone()
                };
                r.values.insert(k, v);
            }
        }
    }
}

fn log(ctx: &Ctx, action: &str, r: &Record) {
    let name = ctx
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    ctx.state.store().log_admin(
        &name,
        &format!("newsletter.{action}"),
        subject(r),
        Translated::default(),
    );
}

async fn create(ctx: Ctx, Path(t): Path<String>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    if !TEMPLATES.contains(&t.as_str()) {
        return not_found();
    }
    let values = form_values(&pairs(&body));
    let errors = validate(&ctx, &values);
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.newsletters.create.error"),
        )];
        return render_form(&ctx, &t, None, &values, &errors, now);
    }
    let record = {
        let mut store = ctx.state.store();
        let id = store.next_id();
        let mut r = Record {
            id,
            kind: KIND.into(),
            space: None,
            parent_id: None,
            values: Default::default(),
            flags: Default::default(),
        };
        store_values(&mut r, &values);
        r.values.insert("template".into(), t.clone());
        r.values
            .insert("created_at".into(), short_time(OffsetDateTime::now_utc()));
        store.records.insert(r.clone());
        r
    };
    log(&ctx, "create", &record);
    // Decidim sets `flash.now[:notice]` then redirects: the success text is never displayed.
    ctx.redirect(&format!("/admin/newsletters/{}", record.id))
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &id) else {
        return not_found();
    };
    let title = ctx.t("decidim.admin.newsletters.show.preview");
    admin_page(
        &ctx,
        "admin/newsletters/show.html",
        "newsletters",
        crumbs(&ctx, Some(title.clone())),
        context! {
            title => title,
            id => r.id,
            subject => ctx.tr(&subject(&r)),
            sent => r.flag("sent"),
            sent_to => r.get("sent_to"),
        },
        vec![],
    )
}

async fn preview(ctx: Ctx, Path(id): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &id) else {
        return not_found();
    };
    let name = ctx
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let interpolate = |s: String| s.replace("%{name}", &html_escape(&name));
    let mut body = String::new();
    for f in ["introduction", "body"] {
        let v = ctx.tr(&r.translated(f));
        if !v.is_empty() {
            body.push_str(&interpolate(v));
        }
    }
    let cta = ctx.tr(&r.translated("cta_text"));
    if !cta.is_empty() {
        body.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>",
            html_escape(&ctx.tr(&r.translated("cta_url"))),
            html_escape(&cta)
        ));
    }
    email_html(&ctx, &interpolate(ctx.tr(&subject(&r))), &body)
}

async fn send_to_user(ctx: Ctx, Path(id): Path<String>) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    if find(&ctx, &id).is_none() {
        return not_found();
    }
    ctx.flash(
        "success",
        ctx.t_with(
            "decidim.admin.newsletters.send_to_user.sent_successfully",
            &[("email", &user.email)],
        ),
    );
    ctx.redirect_back("/admin/newsletters")
}

async fn edit(ctx: Ctx, Path(id): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &id) else {
        return not_found();
    };
    if r.flag("sent") {
        return ReplicaError::NotFound.into_response();
    }
    let values: HashMap<String, String> = r.values.clone().into_iter().collect();
    render_form(
        &ctx,
        r.get("template"),
        Some(&r),
        &values,
        &HashMap::new(),
        vec![],
    )
}

async fn update(ctx: Ctx, Path(id): Path<String>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &id) else {
        return not_found();
    };
    let values = form_values(&pairs(&body));
    let errors = validate(&ctx, &values);
    if !errors.is_empty() {
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.newsletters.update.error"),
        )];
        return render_form(&ctx, r.get("template"), Some(&r), &values, &errors, now);
    }
    let updated = {
        let mut store = ctx.state.store();
        let Some(stored) = store.records.get_mut(KIND, r.id) else {
            return not_found();
        };
        store_values(stored, &values);
        stored.clone()
    };
    log(&ctx, "update", &updated);
    ctx.flash("success", ctx.t("decidim.admin.newsletters.update.success"));
    ctx.redirect(&format!("/admin/newsletters/{}", r.id))
}

async fn destroy(ctx: Ctx, Path(id): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &id) else {
        return not_found();
    };
    if r.flag("sent") {
        ctx.flash(
            "alert",
            ctx.t("decidim.admin.newsletters.destroy.error_already_sent"),
        );
        return ctx.redirect_back("/admin/newsletters");
    }
    ctx.state.store().records.remove(KIND, r.id);
    log(&ctx, "delete", &r);
    ctx.flash(
        "success",
        ctx.t("decidim.admin.newsletters.destroy.success"),
    );
    ctx.redirect("/admin/newsletters")
}

/// Published processes (the admin administers every one), as select options.
fn space_options(ctx: &Ctx, selected: &[String]) -> Vec<Value> {
    let store = ctx.state.store();
    let mut list: Vec<_> = store.processes.iter().filter(|p| p.published).collect();
    list.sort_by_key(|p| ctx.tr(&p.title));
    list.iter()
        .map(|p| {
            let id = p.id.to_string();
            context! { value => id.clone(), label => ctx.tr(&p.title), selected => selected.contains(&id) }
        })
        .collect()
}

fn scope_options(ctx: &Ctx, selected: &[String]) -> Vec<Value> {
    let store = ctx.state.store();
    store
        .records
        .of_kind("scope")
        .map(|s| {
            let id = s.id.to_string();
            context! { value => id.clone(), label => ctx.tr(&s.translated("name")), selected => selected.contains(&id) }
        })
        .collect()
}

fn render_select(ctx: &Ctx, r: &Record, sel: &Selection, now: Vec<Flash>) -> Response {
    let title = ctx.t("decidim.admin.newsletters.select_recipients_to_deliver.title");
    let count = sel.recipients(ctx).to_string();
    let count_html = ctx.t_with(
        "decidim.admin.newsletters.select_recipients_to_deliver.recipients_count",
        &[("count", &count)],
    );
    admin_page(
        ctx,
        "admin/newsletters/select_recipients.html",
        "newsletters",
        crumbs(ctx, Some(title.clone())),
        context! {
            title => title,
            id => r.id,
            sent => r.flag("sent"),
            all_users => sel.all_users,
            followers => sel.followers,
            participants => sel.participants,
            spaces => space_options(ctx, &sel.space_ids),
            scopes => scope_options(ctx, &sel.scope_ids),
            count_html => count_html,
        },
        now,
    )
}

async fn select_recipients(ctx: Ctx, Path(id): Path<String>) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &id) else {
        return not_found();
    };
    let sel = Selection {
        all_users: true,
        ..Selection::default()
    };
    render_select(&ctx, &r, &sel, vec![])
}

async fn recipients_count(ctx: Ctx, RawQuery(q): RawQuery) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let q = q.unwrap_or_default();
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(q.as_bytes())
        .into_owned()
        .collect();
    let sel = Selection::parse(&pairs, "data");
    (
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        sel.recipients(&ctx).to_string(),
    )
        .into_response()
}

async fn deliver(ctx: Ctx, Path(id): Path<String>, body: Bytes) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find(&ctx, &id) else {
        return not_found();
    };
    let sel = Selection::parse(&pairs(&body), "newsletter");
    if !sel.valid() || r.flag("sent") {
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.newsletters.deliver.error"),
        )];
        return render_select(&ctx, &r, &sel, now);
    }
    let count = sel.recipients(&ctx);
    if count == 0 {
        let now = vec![Flash::alert(
            ctx.t("decidim.admin.newsletters.send.no_recipients"),
        )];
        return render_select(&ctx, &r, &sel, now);
    }
    let updated = {
        let mut store = ctx.state.store();
        let Some(stored) = store.records.get_mut(KIND, r.id) else {
            return not_found();
        };
        stored.flags.insert("sent".into(), true);
        stored
            .values
            .insert("sent_at".into(), short_time(OffsetDateTime::now_utc()));
        stored
            .values
            .insert("progress".into(), format!("{count} / {count}"));
        stored.clone()
    };
    log(&ctx, "deliver", &updated);
    ctx.flash(
        "success",
        ctx.t("decidim.admin.newsletters.deliver.success"),
    );
    ctx.redirect("/admin/newsletters")
}
