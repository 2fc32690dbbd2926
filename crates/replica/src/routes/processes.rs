//! Participatory process admin: list, new/create, edit/update, publish/unpublish, export. The per-process
//! sections of the sub-menu are resource definitions or `process_spaces.rs`.

use std::collections::HashMap;

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use minijinja::{context, Value};

use crate::error::ReplicaError;
use crate::i18n::Translated;
use crate::i18n::LOCALES;
use crate::page::{admin_page, admin_page_status, form_locales};
use crate::resources::space::{Space, SpaceKind};
use crate::session::Ctx;
use crate::state::records::SpaceRef;
use crate::state::Store;
use crate::state::{Flash, Process, ReplicaState};
use crate::text::{blank_html, form_map, short_time, valid_slug};

const BASE: &str = "/admin/participatory_processes";
/// The space kind resource definitions name (`space = "participatory_processes"`).
const SPACE_KIND: &str = "participatory_processes";

/// Translated fields of the form, in form order, with whether the default locale is required.
const TRANSLATED_TEXT: &[(&str, bool)] = &[("title", true), ("subtitle", true)];
const TRANSLATED_EDITORS: &[(&str, bool)] = &[
    ("short_description", true),
    ("description", true),
    ("announcement", false),
];

/// OSP (decidim-emitter): a process's emitter name, one generic record per process (`parent_id` = process id,
/// value `emitter_name`). The logo itself is not stored.
const EMITTER_KIND: &str = "osp_process_emitter";

pub(crate) fn routes() -> Router<ReplicaState> {
    // Phases, attachments, process admins, private participants are resource definitions
    // (fixtures/resources/process_*.toml); duplicate, import, landing page and moderations are in
    // `process_spaces.rs`.
    Router::new()
        .route(BASE, get(index).post(create))
        .route(&format!("{BASE}/new"), get(new))
        .route(
            &format!("{BASE}/{{slug}}"),
            get(show).patch(update).put(update),
        )
        .route(&format!("{BASE}/{{slug}}/edit"), get(edit))
        .route(
            &format!("{BASE}/{{slug}}/publish"),
            post(publish).delete(unpublish),
        )
        .route(&format!("{BASE}/{{slug}}/export"), post(export))
}

fn guard(ctx: &Ctx) -> Result<crate::state::User, Response> {
    ctx.require_admin(true)
}

fn find(ctx: &Ctx, slug: &str) -> Result<Process, Response> {
    ctx.state
        .store()
        .process_by_slug(slug)
        .cloned()
        .ok_or_else(|| ReplicaError::NotFound.into_response())
}

fn process_crumbs(ctx: &Ctx, p: &Process, here: Option<String>) -> Vec<(String, Option<String>)> {
    let mut v = vec![
        (
            ctx.t("decidim.admin.menu.participatory_processes"),
            Some(BASE.to_string()),
        ),
        (ctx.tr(&p.title), Some(format!("{BASE}/{}/edit", p.slug))),
    ];
    if let Some(h) = here {
        v.push((h, None));
    }
    v
}

/// Context for the per-process sidebar menu (its Components item lists each component, as in 0.29).
pub(crate) fn process_menu(ctx: &Ctx, p: &Process, active: &str) -> Value {
    let components: Vec<Value> = ctx
        .state
        .store()
        .components_of(p.id)
        .into_iter()
        .map(|c| context! { id => c.id, name => ctx.tr(&c.name), manifest => c.manifest.clone() })
        .collect();
    context! { slug => p.slug.clone(), active => active, components => components }
}

/// Participatory processes as a space kind of the resource engine (phases, categories… nest under them).
pub(crate) struct ProcessSpaces;

impl SpaceKind for ProcessSpaces {
    fn serves(&self, kind: &str) -> bool {
        kind == SPACE_KIND
    }

    fn find(&self, ctx: &Ctx, kind: &str, slug: &str) -> Option<Space> {
        let store = ctx.state.store();
        let p = store.process_by_slug(slug)?;
        Some(Space {
            reference: SpaceRef {
                kind: kind.into(),
                id: p.id,
            },
            slug: p.slug.clone(),
            title: ctx.tr(&p.title),
        })
    }

    fn id_of(&self, store: &Store, _kind: &str, slug: &str) -> Option<u64> {
        store.process_by_slug(slug).map(|p| p.id)
    }

    fn section(&self, _kind: &str) -> &'static str {
        "processes"
    }

    fn crumbs(&self, ctx: &Ctx, _kind: &str, space: &Space) -> Vec<(String, Option<String>)> {
        vec![
            (
                ctx.t("decidim.admin.menu.participatory_processes"),
                Some(BASE.into()),
            ),
            (
                space.title.clone(),
                Some(format!("{BASE}/{}/edit", space.slug)),
            ),
        ]
    }

    fn menu(&self, ctx: &Ctx, _kind: &str, space: &Space, active: &str) -> Value {
        let p = ctx.state.store().process_by_slug(&space.slug).cloned();
        match p {
            Some(p) => context! {
                process_menu => process_menu(ctx, &p, active),
                process => context! { slug => p.slug.clone(), title => space.title.clone() },
            },
            None => context! {},
        }
    }

    fn item_label(&self, ctx: &Ctx, _kind: &str, key: &str) -> String {
        ctx.t(&format!(
            "decidim.admin.menu.participatory_processes_submenu.{key}"
        ))
    }

    fn title_translated(&self, store: &Store, space: &SpaceRef) -> Translated {
        store
            .processes
            .iter()
            .find(|p| p.id == space.id)
            .map(|p| p.title.clone())
            .unwrap_or_default()
    }
}

async fn index(ctx: Ctx) -> Response {
    if let Err(r) = guard(&ctx) {
        return r;
    }
    let mut processes = ctx.state.store().processes.clone();
    processes.sort_by_key(|p| (p.weight, p.id));
    let rows: Vec<Value> = processes
        .iter()
        .map(|p| {
            context! {
                slug => p.slug.clone(),
                title => ctx.tr(&p.title),
                created_at => p.created_at.map(short_time).unwrap_or_default(),
                published => p.published,
                private => p.private_space,
                promoted => p.promoted,
            }
        })
        .collect();
    admin_page(
        &ctx,
        "admin/processes/index.html",
        "processes",
        vec![(ctx.t("decidim.admin.menu.participatory_processes"), None)],
        context! { processes => rows },
        vec![],
    )
}

/// Form state: raw values by field id plus error messages by field id.
#[derive(Default)]
struct FormState {
    values: HashMap<String, String>,
    errors: HashMap<String, String>,
}

impl FormState {
    fn from_process(p: &Process) -> FormState {
        let mut values = HashMap::new();
        let tr_fields: [(&str, &Translated); 5] = [
            ("title", &p.title),
            ("subtitle", &p.subtitle),
            ("short_description", &p.short_description),
            ("description", &p.description),
            ("announcement", &p.announcement),
        ];
        for (name, value) in tr_fields {
            for l in LOCALES {
                values.insert(
                    format!("{name}_{l}"),
                    value.get(*l).cloned().unwrap_or_default(),
                );
            }
        }
        values.insert("slug".into(), p.slug.clone());
        values.insert("weight".into(), p.weight.to_string());
        values.insert("hashtag".into(), p.hashtag.clone());
        values.insert("start_date".into(), p.start_date.clone());
        values.insert("end_date".into(), p.end_date.clone());
        values.insert("private_space".into(), bool01(p.private_space));
        values.insert("promoted".into(), bool01(p.promoted));
        FormState {
            values,
            errors: HashMap::new(),
        }
    }

    fn from_form(pairs: Vec<(String, String)>) -> FormState {
        let raw = form_map(pairs);
        let values = raw
            .into_iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("participatory_process[")
                    .and_then(|k| k.strip_suffix(']'))
                    .map(|k| (k.to_string(), v))
            })
            .collect();
        FormState {
            values,
            errors: HashMap::new(),
        }
    }

    fn get(&self, k: &str) -> String {
        self.values.get(k).cloned().unwrap_or_default()
    }

    fn translated(&self, name: &str) -> Translated {
        LOCALES
            .iter()
            .map(|l| (l.to_string(), self.get(&format!("{name}_{l}"))))
            .filter(|(_, v)| !v.trim().is_empty())
            .collect()
    }

    /// Decidim's form validations (translatable presence in the default locale, slug format and uniqueness).
    fn validate(&mut self, ctx: &Ctx, other_slugs: &[String]) {
        let default = ctx.state.default_locale().to_string();
        let blank = ctx.t("errors.messages.blank");
        for (name, required) in TRANSLATED_TEXT {
            let key = format!("{name}_{default}");
            if *required && self.get(&key).trim().is_empty() {
                self.errors.insert(key, blank.clone());
            }
        }
        for (name, required) in TRANSLATED_EDITORS {
            let key = format!("{name}_{default}");
            if *required && blank_html(&self.get(&key)) {
                self.errors.insert(key, blank.clone());
            }
        }
        let slug = self.get("slug");
        if slug.trim().is_empty() {
            self.errors.insert("slug".into(), blank.clone());
        } else if !valid_slug(&slug) {
            self.errors
                .insert("slug".into(), ctx.t("errors.messages.invalid"));
        } else if other_slugs.iter().any(|s| s == &slug) {
            self.errors
                .insert("slug".into(), ctx.t("errors.messages.taken"));
        }
        if !self.get("weight").trim().is_empty()
            && self.get("weight").trim().parse::<i64>().is_err()
        {
            self.errors
                .insert("weight".into(), ctx.t("errors.messages.not_a_number"));
        }
    }

    fn apply(&self, p: &mut Process) {
        p.title = self.translated("title");
        p.subtitle = self.translated("subtitle");
        p.short_description = self.translated("short_description");
        p.description = self.translated("description");
        p.announcement = self.translated("announcement");
        p.slug = self.get("slug");
        p.weight = self.get("weight").trim().parse().unwrap_or(0);
        p.hashtag = self.get("hashtag");
        p.start_date = self.get("start_date");
        p.end_date = self.get("end_date");
        p.private_space = self.get("private_space") == "1";
        p.promoted = self.get("promoted") == "1";
    }

    fn to_value(&self) -> Value {
        context! { values => self.values.clone(), errors => self.errors.clone() }
    }
}

fn bool01(b: bool) -> String {
    if b { "1" } else { "0" }.to_string()
}

fn render_form(
    ctx: &Ctx,
    form: &FormState,
    process: Option<&Process>,
    now: Vec<Flash>,
) -> Response {
    let (crumbs, extra) = match process {
        None => (
            vec![
                (
                    ctx.t("decidim.admin.menu.participatory_processes"),
                    Some(BASE.to_string()),
                ),
                (
                    ctx.t("decidim.admin.participatory_processes.new.title"),
                    None,
                ),
            ],
            context! { form => form.to_value(), is_new => true, action => BASE },
        ),
        Some(p) => (
            process_crumbs(
                ctx,
                p,
                Some(ctx.t("decidim.admin.menu.participatory_processes_submenu.info")),
            ),
            context! {
                form => form.to_value(),
                is_new => false,
                action => format!("{BASE}/{}", p.slug),
                process => context! { id => p.id, slug => p.slug.clone(), published => p.published, title => ctx.tr(&p.title) },
                process_menu => process_menu(ctx, p, "info"),
            },
        ),
    };
    let emitter =
        (ctx.state.flavour() == crate::flavour::Flavour::Osp).then(|| emitter_view(ctx, process));
    admin_page_status(
        ctx,
        StatusCode::OK,
        "admin/processes/form.html",
        "processes",
        crumbs,
        context! { form_locales => form_locales(ctx), emitter => emitter, ..extra },
        now,
    )
}

/// The emitter name of a process (OSP), if any.
fn emitter_name(store: &crate::state::Store, process_id: u64) -> Option<String> {
    store
        .records
        .of_kind(EMITTER_KIND)
        .find(|r| r.parent_id == Some(process_id))
        .map(|r| r.get("emitter_name").to_string())
        .filter(|n| !n.trim().is_empty())
}

/// The emitter section's data (decidim-emitter `emitter_options`: processes of the organization that have an
/// emitter name, one per name; the form's current name for "Emitter now").
fn emitter_view(ctx: &Ctx, process: Option<&Process>) -> Value {
    let store = ctx.state.store();
    let mut seen: Vec<String> = Vec::new();
    let mut options: Vec<Value> = Vec::new();
    for p in &store.processes {
        if let Some(name) = emitter_name(&store, p.id) {
            if !seen.contains(&name) {
                options.push(context! { value => p.id.to_string(), label => name.clone() });
                seen.push(name);
            }
        }
    }
    let current = process.and_then(|p| emitter_name(&store, p.id));
    context! { options => options, current => current }
}

/// Saves the emitter name a submitted process form sets (decidim-emitter
/// participatory_process_form_override.rb `prepare_emitter_name!`: the current name, replaced by the chosen
/// existing emitter's, replaced by a new name).
fn save_emitter(ctx: &Ctx, process_id: u64, form: &FormState) {
    if ctx.state.flavour() != crate::flavour::Flavour::Osp {
        return;
    }
    let mut store = ctx.state.store();
    let mut name = emitter_name(&store, process_id).unwrap_or_default();
    if let Some(chosen) = form
        .get("emitter_select")
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|id| emitter_name(&store, id))
    {
        name = chosen;
    }
    let new_name = form.get("emitter_name_image");
    if !new_name.trim().is_empty() {
        name = new_name.trim().to_string();
    }
    if name.is_empty() {
        return;
    }
    let values = std::collections::BTreeMap::from([("emitter_name".to_string(), name)]);
    let existing = store
        .records
        .of_kind(EMITTER_KIND)
        .find(|r| r.parent_id == Some(process_id))
        .map(|r| r.id);
    match existing.and_then(|id| store.records.get_mut(EMITTER_KIND, id)) {
        Some(r) => r.values = values,
        None => {
            let id = store.next_id();
            store.records.insert(crate::state::records::Record {
                id,
                kind: EMITTER_KIND.into(),
                space: None,
                parent_id: Some(process_id),
                values,
                flags: Default::default(),
            });
        }
    }
}

async fn new(ctx: Ctx) -> Response {
    if let Err(r) = guard(&ctx) {
        return r;
    }
    let mut form = FormState::default();
    form.values.insert("weight".into(), "0".into());
    render_form(&ctx, &form, None, vec![])
}

async fn create(ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let user = match guard(&ctx) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let mut form = FormState::from_form(pairs);
    let slugs: Vec<String> = ctx
        .state
        .store()
        .processes
        .iter()
        .map(|p| p.slug.clone())
        .collect();
    form.validate(&ctx, &slugs);
    if !form.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t(
            "decidim.participatory_processes.admin.participatory_processes.create.error",
        ))];
        return render_form(&ctx, &form, None, now);
    }
    let (slug, id) = {
        let mut store = ctx.state.store();
        let id = store.next_id();
        let mut p = Process {
            id,
            created_at: Some(time::OffsetDateTime::now_utc()),
            ..Process::default()
        };
        form.apply(&mut p);
        let title = p.title.clone();
        let slug = p.slug.clone();
        store.processes.push(p);
        store.add_introduction_step(id);
        store.log_admin(&user.name, "process.create", title, Translated::new());
        (slug, id)
    };
    save_emitter(&ctx, id, &form);
    ctx.flash(
        "success",
        ctx.t("decidim.participatory_processes.admin.participatory_processes.create.success"),
    );
    ctx.redirect(&format!("{BASE}/{slug}/steps"))
}

async fn show(ctx: Ctx, Path(slug): Path<String>) -> Response {
    if let Err(r) = guard(&ctx) {
        return r;
    }
    ctx.redirect(&format!("{BASE}/{slug}/edit"))
}

async fn edit(ctx: Ctx, Path(slug): Path<String>) -> Response {
    if let Err(r) = guard(&ctx) {
        return r;
    }
    let p = match find(&ctx, &slug) {
        Ok(p) => p,
        Err(r) => return r,
    };
    render_form(&ctx, &FormState::from_process(&p), Some(&p), vec![])
}

async fn update(
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let user = match guard(&ctx) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let p = match find(&ctx, &slug) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let mut form = FormState::from_form(pairs);
    // Fields absent from the submission keep their value (e.g. a scenario posting only the title).
    for (k, v) in FormState::from_process(&p).values {
        form.values.entry(k).or_insert(v);
    }
    let slugs: Vec<String> = ctx
        .state
        .store()
        .processes
        .iter()
        .filter(|o| o.id != p.id)
        .map(|o| o.slug.clone())
        .collect();
    form.validate(&ctx, &slugs);
    if !form.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t(
            "decidim.participatory_processes.admin.participatory_processes.update.error",
        ))];
        return render_form(&ctx, &form, Some(&p), now);
    }
    let new_slug = {
        let mut store = ctx.state.store();
        let Some(stored) = store.process_by_slug_mut(&slug) else {
            return ReplicaError::NotFound.into_response();
        };
        form.apply(stored);
        let (title, new_slug) = (stored.title.clone(), stored.slug.clone());
        store.log_admin(&user.name, "process.update", title, Translated::new());
        new_slug
    };
    save_emitter(&ctx, p.id, &form);
    ctx.flash(
        "success",
        ctx.t("decidim.participatory_processes.admin.participatory_processes.update.success"),
    );
    ctx.redirect(&format!("{BASE}/{new_slug}/edit"))
}

fn set_published(ctx: &Ctx, slug: &str, published: bool) -> Response {
    let user = match guard(ctx) {
        Ok(u) => u,
        Err(r) => return r,
    };
    {
        let mut store = ctx.state.store();
        let Some(p) = store.process_by_slug_mut(slug) else {
            return ReplicaError::NotFound.into_response();
        };
        p.published = published;
        let title = p.title.clone();
        let action = if published {
            "process.publish"
        } else {
            "process.unpublish"
        };
        store.log_admin(&user.name, action, title, Translated::new());
    }
    let key = if published {
        "decidim.participatory_processes.admin.participatory_process_publications.create.success"
    } else {
        "decidim.participatory_processes.admin.participatory_process_publications.destroy.success"
    };
    ctx.flash("success", ctx.t(key));
    ctx.redirect_back(&format!("{BASE}/{slug}/edit"))
}

async fn publish(ctx: Ctx, Path(slug): Path<String>) -> Response {
    set_published(&ctx, &slug, true)
}

async fn unpublish(ctx: Ctx, Path(slug): Path<String>) -> Response {
    set_published(&ctx, &slug, false)
}

async fn export(ctx: Ctx, Path(slug): Path<String>) -> Response {
    if let Err(r) = guard(&ctx) {
        return r;
    }
    if let Err(r) = find(&ctx, &slug) {
        return r;
    }
    ctx.flash("success", ctx.t("decidim.admin.exports.notice"));
    ctx.redirect_back(BASE)
}

#[cfg(test)]
mod tests {
    use crate::text::valid_slug;

    #[test]
    fn slug_rule_matches_decidim() {
        assert!(valid_slug("my-process"));
        assert!(valid_slug("ab"));
        assert!(valid_slug("Budget2025"));
        assert!(!valid_slug("a"));
        assert!(!valid_slug("1abc"));
        assert!(!valid_slug("my process"));
        assert!(!valid_slug("my_process"));
        assert!(!valid_slug("-abc"));
    }
}
