//! Components of a process: list, add (per manifest), configure, publish/unpublish, delete, manage.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Form, Router};
use minijinja::{context, Value};

use super::processes::process_menu;

use crate::catalog::{self, Manifest, SettingKind};
use crate::error::{html_escape, ReplicaError};
use crate::i18n::Translated;
use crate::i18n::LOCALES;
use crate::page::admin_page;
use crate::page::form_locales;
use crate::session::Ctx;
use crate::state::{Component, Flash, Process, ReplicaState, Step, User};
use crate::text::form_map;

const BASE: &str = "/admin/participatory_processes";

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route(
            &format!("{BASE}/{{slug}}/components"),
            get(index).post(create),
        )
        .route(&format!("{BASE}/{{slug}}/components/new"), get(new))
        .route(
            &format!("{BASE}/{{slug}}/components/{{id}}"),
            get(show).patch(update).put(update).delete(destroy),
        )
        .route(
            &format!("{BASE}/{{slug}}/components/{{id}}/edit"),
            get(edit),
        )
        .route(
            &format!("{BASE}/{{slug}}/components/{{id}}/publish"),
            put(publish),
        )
        .route(
            &format!("{BASE}/{{slug}}/components/{{id}}/unpublish"),
            put(unpublish),
        )
        .route(
            &format!("{BASE}/{{slug}}/components/{{id}}/manage"),
            get(manage),
        )
        .route(
            &format!("{BASE}/{{slug}}/components/{{id}}/manage/"),
            // POST/PUT on the root: a page component's body, a survey's questionnaire (resource engine).
            get(manage)
                .post(manage_root_write)
                .put(manage_root_write)
                .patch(manage_root_write),
        )
        // Permissions (`…/permissions/edit`): routes/proposals_admin.rs.
        .route(
            &format!("{BASE}/{{slug}}/components/{{id}}/share"),
            get(|ctx: Ctx, p: Path<(String, u64)>| simple(ctx, p, "share")),
        )
}

fn load(ctx: &Ctx, slug: &str) -> Result<(User, Process), Response> {
    let user = ctx.require_admin(true)?;
    let p = ctx
        .state
        .store()
        .process_by_slug(slug)
        .cloned()
        .ok_or_else(|| ReplicaError::NotFound.into_response())?;
    Ok((user, p))
}

fn load_component(ctx: &Ctx, slug: &str, id: u64) -> Result<(User, Process, Component), Response> {
    let (user, p) = load(ctx, slug)?;
    let c = ctx
        .state
        .store()
        .components_of(p.id)
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ReplicaError::NotFound.into_response())?;
    Ok((user, p, c))
}

fn type_name(ctx: &Ctx, manifest: &str) -> String {
    ctx.t(&format!("decidim.components.{manifest}.name"))
}

fn crumbs(ctx: &Ctx, p: &Process, here: Option<String>) -> Vec<(String, Option<String>)> {
    let mut v = vec![
        (
            ctx.t("decidim.admin.menu.participatory_processes"),
            Some(BASE.to_string()),
        ),
        (ctx.tr(&p.title), Some(format!("{BASE}/{}/edit", p.slug))),
        (
            ctx.t("decidim.admin.menu.participatory_processes_submenu.components"),
            Some(format!("{BASE}/{}/components", p.slug)),
        ),
    ];
    if let Some(h) = here {
        v.push((h, None));
    }
    v
}

fn process_value(ctx: &Ctx, p: &Process) -> Value {
    context! { slug => p.slug.clone(), title => ctx.tr(&p.title) }
}

fn menu(ctx: &Ctx, p: &Process) -> Value {
    process_menu(ctx, p, "components")
}

async fn index(ctx: Ctx, Path(slug): Path<String>) -> Response {
    let p = match load(&ctx, &slug) {
        Ok((_, p)) => p,
        Err(r) => return r,
    };
    let rows: Vec<Value> = ctx
        .state
        .store()
        .components_of(p.id)
        .into_iter()
        .map(|c| {
            context! {
                id => c.id,
                name => ctx.tr(&c.name),
                manifest => c.manifest.clone(),
                type_name => type_name(&ctx, &c.manifest),
                published => c.published,
            }
        })
        .collect();
    let manifests: Vec<Value> = catalog::manifests(ctx.state.flavour())
        .iter()
        .map(|m| context! { name => m.name, label => type_name(&ctx, m.name) })
        .collect();
    admin_page(
        &ctx,
        "admin/components/index.html",
        "processes",
        crumbs(&ctx, &p, None),
        context! {
            components => rows,
            manifests => manifests,
            process => process_value(&ctx, &p),
            process_menu => menu(&ctx, &p),
        },
        vec![],
    )
}

/// Form values keyed by field id suffix (`name_en`, `weight`, `settings_vote_limit`, `step_settings_3_votes_enabled`).
#[derive(Default)]
struct FormState {
    values: HashMap<String, String>,
    errors: HashMap<String, String>,
}

impl FormState {
    fn defaults(m: &Manifest, steps: &[Step]) -> FormState {
        let mut values = HashMap::new();
        values.insert("weight".into(), "0".into());
        for s in m.global.iter().filter(|s| !s.translated) {
            values.insert(format!("settings_{}", s.name), s.default.to_string());
        }
        for st in steps {
            for s in m.step.iter().filter(|s| !s.translated) {
                values.insert(
                    format!("step_settings_{}_{}", st.id, s.name),
                    s.default.to_string(),
                );
            }
        }
        FormState {
            values,
            errors: HashMap::new(),
        }
    }

    fn from_component(c: &Component, m: &Manifest, steps: &[Step]) -> FormState {
        let mut f = FormState::defaults(m, steps);
        for l in LOCALES {
            f.values.insert(
                format!("name_{l}"),
                c.name.get(*l).cloned().unwrap_or_default(),
            );
        }
        f.values.insert("weight".into(), c.weight.to_string());
        for (k, v) in &c.settings {
            f.values.insert(format!("settings_{k}"), v.clone());
        }
        for (step, settings) in &c.step_settings {
            for (k, v) in settings {
                f.values
                    .insert(format!("step_settings_{step}_{k}"), v.clone());
            }
        }
        f
    }

    /// Reads `component[name_en]`, `component[settings][x]`, `component[step_settings][id][x]`.
    fn merge_form(&mut self, pairs: Vec<(String, String)>) {
        for (k, v) in form_map(pairs) {
            let Some(rest) = k.strip_prefix("component[") else {
                continue;
            };
            let key = rest.replace("][", "_").trim_end_matches(']').to_string();
            self.values.insert(key, v);
        }
    }

    fn get(&self, k: &str) -> String {
        self.values.get(k).cloned().unwrap_or_default()
    }

    fn validate(&mut self, ctx: &Ctx) {
        let key = format!("name_{}", ctx.state.default_locale());
        if self.get(&key).trim().is_empty() {
            self.errors.insert(key, ctx.t("errors.messages.blank"));
        }
        if self.get("weight").trim().parse::<i64>().is_err()
            && !self.get("weight").trim().is_empty()
        {
            self.errors
                .insert("weight".into(), ctx.t("errors.messages.not_a_number"));
        }
    }

    fn apply(&self, c: &mut Component, m: &Manifest, steps: &[Step]) {
        c.name = LOCALES
            .iter()
            .map(|l| (l.to_string(), self.get(&format!("name_{l}"))))
            .filter(|(_, v)| !v.trim().is_empty())
            .collect::<Translated>();
        c.weight = self.get("weight").trim().parse().unwrap_or(0);
        // A translated setting keeps one value per locale (`<name>_<locale>`).
        let keys = |s: &catalog::Setting| -> Vec<String> {
            if s.translated {
                LOCALES.iter().map(|l| format!("{}_{l}", s.name)).collect()
            } else {
                vec![s.name.to_string()]
            }
        };
        c.settings = m
            .global
            .iter()
            .flat_map(keys)
            .map(|k| {
                let v = self.get(&format!("settings_{k}"));
                (k, v)
            })
            .collect();
        c.step_settings = steps
            .iter()
            .map(|st| {
                let settings: BTreeMap<String, String> = m
                    .step
                    .iter()
                    .flat_map(keys)
                    .map(|k| {
                        let v = self.get(&format!("step_settings_{}_{k}", st.id));
                        (k, v)
                    })
                    .collect();
                (st.id, settings)
            })
            .collect();
    }
}

/// One setting for the form template: `boolean` (checkbox) or a number field in core; the `osp` flavour's
/// modules also declare string, text, select and translated settings (`kind`, `translated`, `editor`).
fn setting_value(ctx: &Ctx, m: &Manifest, scope: &str, s: &catalog::Setting) -> Value {
    let key = format!("decidim.components.{}.settings.{scope}.{}", m.name, s.name);
    // settings_helper.rb `text_for_setting`: `<name>_help_html` (raw HTML) or `<name>_help`.
    let help = (!s.help.is_empty()).then(|| {
        let text = ctx.t(&format!("{key}_{}", s.help));
        if s.help.ends_with("_html") {
            Value::from_safe_string(text)
        } else {
            Value::from(text)
        }
    });
    let options: Vec<Value> = s
        .choices
        .iter()
        .map(|c| context! { value => *c, label => ctx.t(&format!("{key}_options.{c}")) })
        .collect();
    let kind = match s.kind {
        SettingKind::Boolean => "boolean",
        SettingKind::Integer => "integer",
        SettingKind::String => "string",
        SettingKind::Text => "text",
        SettingKind::Select => "select",
    };
    context! {
        name => s.name,
        label => ctx.t(&key),
        boolean => s.kind == SettingKind::Boolean,
        kind => kind,
        translated => s.translated,
        editor => s.editor,
        help => help,
        options => options,
    }
}

fn settings_value(ctx: &Ctx, m: &Manifest, steps: &[Step]) -> Value {
    let global: Vec<Value> = m
        .global
        .iter()
        .map(|s| setting_value(ctx, m, "global", s))
        .collect();
    let step_fields: Vec<Value> = m
        .step
        .iter()
        .map(|s| setting_value(ctx, m, "step", s))
        .collect();
    let steps: Vec<Value> = steps
        .iter()
        .map(|s| context! { id => s.id, title => ctx.tr(&s.title) })
        .collect();
    context! { global => global, step_fields => step_fields, steps => steps }
}

#[allow(clippy::too_many_arguments)]
fn render_form(
    ctx: &Ctx,
    p: &Process,
    m: &Manifest,
    steps: &[Step],
    form: &FormState,
    component_id: Option<u64>,
    now: Vec<Flash>,
) -> Response {
    let (title, action) = match component_id {
        None => (
            ctx.t_with(
                "decidim.admin.components.new.title",
                &[("name", &type_name(ctx, m.name))],
            ),
            format!("{BASE}/{}/components?type={}", p.slug, m.name),
        ),
        Some(id) => (
            ctx.t("decidim.admin.components.edit.title"),
            format!("{BASE}/{}/components/{id}", p.slug),
        ),
    };
    admin_page(
        ctx,
        "admin/components/form.html",
        "processes",
        crumbs(ctx, p, Some(title.clone())),
        context! {
            title => title,
            action => action,
            is_new => component_id.is_none(),
            component_id => component_id,
            manifest => m.name,
            form => context! { values => form.values.clone(), errors => form.errors.clone() },
            settings => settings_value(ctx, m, steps),
            form_locales => form_locales(ctx),
            process => process_value(ctx, p),
            process_menu => menu(ctx, p),
        },
        now,
    )
}

#[derive(serde::Deserialize)]
struct TypeQuery {
    #[serde(rename = "type")]
    manifest: Option<String>,
}

async fn new(ctx: Ctx, Path(slug): Path<String>, Query(q): Query<TypeQuery>) -> Response {
    let p = match load(&ctx, &slug) {
        Ok((_, p)) => p,
        Err(r) => return r,
    };
    let flavour = ctx.state.flavour();
    let Some(m) = q
        .manifest
        .as_deref()
        .and_then(|n| catalog::manifest(flavour, n))
    else {
        return ReplicaError::NotFound.into_response();
    };
    let m = &m;
    let steps = ctx.state.store().steps_of(p.id);
    let mut form = FormState::defaults(m, &steps);
    // 0.29 prefills the name with the component type's name in every locale.
    for l in LOCALES {
        let name = ctx
            .state
            .i18n()
            .t(l, &format!("decidim.components.{}.name", m.name));
        form.values.insert(format!("name_{l}"), name);
    }
    render_form(&ctx, &p, m, &steps, &form, None, vec![])
}

async fn create(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<TypeQuery>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (user, p) = match load(&ctx, &slug) {
        Ok(x) => x,
        Err(r) => return r,
    };
    // The manifest comes from `?type=` on the form action (or a hidden field as fallback).
    let from_form = pairs
        .iter()
        .find(|(k, _)| k == "type" || k == "component[manifest_name]")
        .map(|(_, v)| v.clone());
    let flavour = ctx.state.flavour();
    let Some(m) = q
        .manifest
        .or(from_form)
        .as_deref()
        .and_then(|n| catalog::manifest(flavour, n))
    else {
        return ReplicaError::NotFound.into_response();
    };
    let m = &m;
    let steps = ctx.state.store().steps_of(p.id);
    let mut form = FormState::defaults(m, &steps);
    // Unchecked checkboxes still send their hidden "0"; a missing key means the default was not posted at all.
    form.merge_form(pairs);
    form.validate(&ctx);
    if !form.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t("decidim.admin.components.create.error"))];
        return render_form(&ctx, &p, m, &steps, &form, None, now);
    }
    {
        let mut store = ctx.state.store();
        let id = store.next_id();
        let mut c = Component {
            id,
            process_id: p.id,
            manifest: m.name.to_string(),
            name: Translated::new(),
            weight: 0,
            published: false,
            settings: BTreeMap::new(),
            step_settings: BTreeMap::new(),
        };
        form.apply(&mut c, m, &steps);
        let name = c.name.clone();
        store.components.push(c);
        store.log_admin(&user.name, "component.create", name, p.title.clone());
    }
    // Spaces with a landing page get the long `notice_html` variant (a `.flash.primary` with a link).
    let landing = html_escape(&ctx.url(&format!("{BASE}/{slug}/landing_page/edit")));
    ctx.flash_html(ctx.t_with(
        "decidim.admin.components.create.success_landing_page",
        &[("landing_page_url", &landing)],
    ));
    ctx.redirect(&format!("{BASE}/{slug}/components"))
}

async fn show(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    if let Err(r) = load_component(&ctx, &slug, id) {
        return r;
    }
    ctx.redirect(&format!("{BASE}/{slug}/components/{id}/edit"))
}

async fn edit(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    let (_, p, c) = match load_component(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(m) = catalog::manifest(ctx.state.flavour(), &c.manifest) else {
        return ReplicaError::NotFound.into_response();
    };
    let m = &m;
    let steps = ctx.state.store().steps_of(p.id);
    render_form(
        &ctx,
        &p,
        m,
        &steps,
        &FormState::from_component(&c, m, &steps),
        Some(id),
        vec![],
    )
}

async fn update(
    ctx: Ctx,
    Path((slug, id)): Path<(String, u64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (user, p, c) = match load_component(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(m) = catalog::manifest(ctx.state.flavour(), &c.manifest) else {
        return ReplicaError::NotFound.into_response();
    };
    let m = &m;
    let steps = ctx.state.store().steps_of(p.id);
    let mut form = FormState::from_component(&c, m, &steps);
    form.merge_form(pairs);
    form.validate(&ctx);
    if !form.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t("decidim.admin.components.update.error"))];
        return render_form(&ctx, &p, m, &steps, &form, Some(id), now);
    }
    {
        let mut store = ctx.state.store();
        if let Some(stored) = store.component_mut(p.id, id) {
            form.apply(stored, m, &steps);
            let name = stored.name.clone();
            store.log_admin(&user.name, "component.update", name, p.title.clone());
        }
    }
    ctx.flash("success", ctx.t("decidim.admin.components.update.success"));
    ctx.redirect(&format!("{BASE}/{slug}/components"))
}

fn set_published(ctx: &Ctx, slug: &str, id: u64, published: bool) -> Response {
    let (user, p, _) = match load_component(ctx, slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    {
        let mut store = ctx.state.store();
        if let Some(c) = store.component_mut(p.id, id) {
            c.published = published;
            let name = c.name.clone();
            let action = if published {
                "component.publish"
            } else {
                "component.unpublish"
            };
            store.log_admin(&user.name, action, name, p.title.clone());
        }
    }
    let key = if published {
        "decidim.admin.components.publish.success"
    } else {
        "decidim.admin.components.unpublish.success"
    };
    ctx.flash("success", ctx.t(key));
    ctx.redirect(&format!("{BASE}/{slug}/components"))
}

async fn publish(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    set_published(&ctx, &slug, id, true)
}

async fn unpublish(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    set_published(&ctx, &slug, id, false)
}

async fn destroy(ctx: Ctx, Path((slug, id)): Path<(String, u64)>) -> Response {
    let (user, p, c) = match load_component(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    // Decidim only lets unpublished components be deleted.
    if c.published {
        ctx.flash("alert", ctx.t("decidim.admin.components.destroy.error"));
        return ctx.redirect(&format!("{BASE}/{slug}/components"));
    }
    {
        let mut store = ctx.state.store();
        store.components.retain(|x| x.id != id);
        store.log_admin(
            &user.name,
            "component.delete",
            c.name.clone(),
            p.title.clone(),
        );
    }
    ctx.flash("success", ctx.t("decidim.admin.components.destroy.success"));
    ctx.redirect(&format!("{BASE}/{slug}/components"))
}

async fn manage(ctx: Ctx, Path((slug, id)): Path<(String, u64)>, uri: axum::http::Uri) -> Response {
    let (_, p, c) = match load_component(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    // A component type whose admin is defined as resources (proposals, meetings…) answers here.
    if crate::resources::serves_component_root(&c.manifest) {
        return crate::resources::dispatch(ctx, axum::http::Method::GET, uri, Default::default())
            .await;
    }
    let name = ctx.tr(&c.name);
    admin_page(
        &ctx,
        "admin/components/manage.html",
        "processes",
        crumbs(&ctx, &p, Some(name.clone())),
        context! {
            title => name,
            manifest => c.manifest.clone(),
            type_name => type_name(&ctx, &c.manifest),
            component => context! { id => c.id, published => c.published },
            process => process_value(&ctx, &p),
            process_menu => menu(&ctx, &p),
        },
        vec![],
    )
}

/// Writes to a component's root admin page, served by the resource engine (or its own routes).
async fn manage_root_write(
    ctx: Ctx,
    method: axum::http::Method,
    uri: axum::http::Uri,
    body: axum::body::Bytes,
) -> Response {
    crate::resources::dispatch(ctx, method, uri, body).await
}

async fn simple(ctx: Ctx, Path((slug, id)): Path<(String, u64)>, which: &'static str) -> Response {
    let (_, p, c) = match load_component(&ctx, &slug, id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let title = format!(
        "{} — {}",
        ctx.t(&format!("decidim.admin.actions.{which}")),
        ctx.tr(&c.name)
    );
    admin_page(
        &ctx,
        "admin/processes/section.html",
        "processes",
        crumbs(&ctx, &p, Some(title.clone())),
        context! {
            title => title,
            process => process_value(&ctx, &p),
            process_menu => menu(&ctx, &p),
        },
        vec![],
    )
}
