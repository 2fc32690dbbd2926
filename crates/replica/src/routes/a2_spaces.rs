//! Assemblies and conferences admin (the spaces themselves): list, new/create, edit/update, publish/unpublish,
//! and the pages of their sidebars the replica does not reproduce. Both follow the same 0.29 pattern
//! (`resources :<spaces>, param: :slug`), so one set of handlers serves them, configured by [`SpaceConf`].
//!
//! Spaces are generic records (kinds `assembly`, `conference`, `initiative`) whose fields, validations and seeds
//! come from their definitions (`fixtures/resources/{assemblies,conferences,initiatives}.toml`); what lives
//! under a space (members, speakers…) is served by the resource engine with `space = "assemblies"` etc. The
//! [`A2Spaces`] implementation at the end plugs those space kinds into the engine.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use minijinja::{context, Value};

use crate::text::short_time;

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

/// One sidebar item: (active key, i18n key of the label, path after `<base>/<slug>/` or `#`, icon, children).
type Item = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [Item0],
);
/// A sub-item (no children).
type Item0 = (&'static str, &'static str, &'static str, &'static str);

/// What differs between assemblies and conferences.
pub(crate) struct SpaceConf {
    /// Record kind (`assembly`).
    pub kind: &'static str,
    /// Space kind, as definitions name it (`assemblies`).
    pub space: &'static str,
    /// Admin base path (`/admin/assemblies`).
    pub base: &'static str,
    /// Front-office base path (`/assemblies`).
    pub public_base: &'static str,
    /// Main-menu section.
    pub section: &'static str,
    /// i18n base of the CRUD texts (`decidim.admin.assemblies`: `new.title`, `create.success`…).
    pub i18n: &'static str,
    /// i18n base of the publication flashes.
    pub publications: &'static str,
    /// i18n key of the space list (menu item, breadcrumb).
    pub menu_key: &'static str,
    /// i18n key of the "New …" button.
    pub new_key: &'static str,
    /// Form template.
    pub form_template: &'static str,
    /// Sidebar.
    pub items: &'static [Item],
}

pub(crate) const ASSEMBLIES: SpaceConf = SpaceConf {
    kind: "assembly",
    space: "assemblies",
    base: "/admin/assemblies",
    public_base: "/assemblies",
    section: "assemblies",
    i18n: "decidim.admin.assemblies",
    publications: "decidim.admin.assembly_publications",
    menu_key: "decidim.admin.menu.assemblies",
    new_key: "decidim.admin.actions.new_assembly",
    form_template: "admin/a2/assembly_form.html",
    items: &[
        (
            "info",
            "decidim.admin.menu.assemblies_submenu.info",
            "edit",
            "info",
            &[],
        ),
        (
            "landing_page",
            "decidim.admin.menu.assemblies_submenu.landing_page",
            "landing_page/edit",
            "layout",
            &[],
        ),
        (
            "components",
            "decidim.admin.menu.assemblies_submenu.components",
            "components",
            "tools",
            &[],
        ),
        (
            "categories",
            "decidim.admin.menu.assemblies_submenu.categories",
            "categories",
            "tag",
            &[],
        ),
        (
            "attachments",
            "decidim.admin.menu.assemblies_submenu.attachments",
            "attachments",
            "attachment",
            &[],
        ),
        (
            "assembly_members",
            "decidim.admin.menu.assemblies_submenu.assembly_members",
            "members",
            "user",
            &[],
        ),
        (
            "assembly_admins",
            "decidim.admin.menu.assemblies_submenu.assembly_admins",
            "user_roles",
            "user",
            &[],
        ),
        (
            "private_users",
            "decidim.admin.menu.assemblies_submenu.private_users",
            "participatory_space_private_users",
            "spy-line",
            &[],
        ),
        (
            "moderations",
            "decidim.admin.menu.assemblies_submenu.moderations",
            "moderations",
            "flag",
            &[],
        ),
    ],
};

pub(crate) const CONFERENCES: SpaceConf = SpaceConf {
    kind: "conference",
    space: "conferences",
    base: "/admin/conferences",
    public_base: "/conferences",
    section: "conferences",
    i18n: "decidim.admin.conferences",
    publications: "decidim.admin.conference_publications",
    menu_key: "decidim.admin.menu.conferences",
    new_key: "decidim.admin.actions.new_conference",
    form_template: "admin/a2/conference_form.html",
    items: &[
        (
            "info",
            "decidim.admin.menu.conferences_submenu.info",
            "edit",
            "info",
            &[],
        ),
        (
            "components",
            "decidim.admin.menu.conferences_submenu.components",
            "components",
            "tools",
            &[],
        ),
        (
            "categories",
            "decidim.admin.menu.conferences_submenu.categories",
            "categories",
            "tag",
            &[],
        ),
        (
            "attachments",
            "decidim.admin.menu.conferences_submenu.attachments",
            "attachments",
            "attachment",
            &[],
        ),
        (
            "conference_media_links",
            "decidim.admin.menu.conferences_submenu.media_links",
            "media_links",
            "film-line",
            &[],
        ),
        (
            "conference_partners",
            "decidim.admin.menu.conferences_submenu.partners",
            "partners",
            "service-line",
            &[],
        ),
        (
            "conference_speakers",
            "decidim.admin.menu.conferences_submenu.conference_speakers",
            "speakers",
            "user-voice-line",
            &[],
        ),
        (
            "registrations",
            "decidim.admin.menu.conferences_submenu.registrations",
            "#",
            "group-line",
            &[
                (
                    "conference_registration_types",
                    "decidim.admin.menu.conferences_submenu.registration_types",
                    "registration_types",
                    "",
                ),
                (
                    "user_registrations",
                    "decidim.admin.menu.conferences_submenu.user_registrations",
                    "conference_registrations",
                    "",
                ),
                (
                    "conference_invites",
                    "decidim.admin.menu.conferences_submenu.conference_invites",
                    "conference_invites",
                    "",
                ),
                (
                    "diploma",
                    "decidim.admin.menu.conferences_submenu.diploma",
                    "diploma/edit",
                    "",
                ),
            ],
        ),
        (
            "conference_admins",
            "decidim.admin.menu.conferences_submenu.conference_admins",
            "user_roles",
            "user",
            &[],
        ),
        (
            "moderations",
            "decidim.admin.menu.conferences_submenu.moderations",
            "moderations",
            "flag",
            &[],
        ),
    ],
};

/// Sidebar pages the replica serves as plain pages (the engine serves the others: members, speakers…).
const SECTIONS: &[&str] = &[
    "landing_page",
    "components",
    "categories",
    "attachments",
    "assembly_admins",
    "private_users",
    "moderations",
    "conference_partners",
    "user_registrations",
    "conference_invites",
    "diploma",
    "conference_admins",
];

pub(crate) fn routes() -> Router<ReplicaState> {
    let mut r = Router::new();
    for conf in [&ASSEMBLIES, &CONFERENCES] {
        let c: &'static SpaceConf = conf;
        let base = c.base;
        r = r
            .route(
                base,
                get(move |ctx: Ctx| index(ctx, c))
                    .post(move |ctx: Ctx, Form(p): Form<Vec<(String, String)>>| create(ctx, c, p)),
            )
            .route(&format!("{base}/new"), get(move |ctx: Ctx| new(ctx, c)))
            .route(
                &format!("{base}/{{slug}}"),
                get(move |ctx: Ctx, Path(slug): Path<String>| async move {
                    ctx.redirect(&format!("{}/{slug}/edit", c.base))
                })
                .patch(
                    move |ctx: Ctx,
                          Path(slug): Path<String>,
                          Form(p): Form<Vec<(String, String)>>| {
                        update(ctx, c, slug, p)
                    },
                )
                .put(
                    move |ctx: Ctx,
                          Path(slug): Path<String>,
                          Form(p): Form<Vec<(String, String)>>| {
                        update(ctx, c, slug, p)
                    },
                ),
            )
            .route(
                &format!("{base}/{{slug}}/edit"),
                get(move |ctx: Ctx, Path(slug): Path<String>| edit(ctx, c, slug)),
            )
            .route(
                &format!("{base}/{{slug}}/publish"),
                post(move |ctx: Ctx, Path(slug): Path<String>| set_published(ctx, c, slug, true))
                    .delete(move |ctx: Ctx, Path(slug): Path<String>| {
                        set_published(ctx, c, slug, false)
                    }),
            );
        for item in c.items.iter() {
            let subs: Vec<(&'static str, &'static str)> = std::iter::once((item.0, item.2))
                .chain(item.4.iter().map(|s| (s.0, s.2)))
                .collect();
            for (key, suffix) in subs {
                if SECTIONS.contains(&key) {
                    r = r.route(
                        &format!("{base}/{{slug}}/{suffix}"),
                        get(move |ctx: Ctx, Path(slug): Path<String>| section(ctx, c, slug, key)),
                    );
                }
            }
        }
    }
    r
}

fn def(kind: &str) -> &'static Definition {
    by_kind(kind).unwrap_or_else(|| panic!("no resource definition for `{kind}`"))
}

/// The space record of `space` kind with `slug` (initiatives: `i-<id>`).
pub(crate) fn find_record(store: &Store, space: &str, slug: &str) -> Option<Record> {
    let kind = record_kind(space)?;
    if space == "initiatives" {
        let id: u64 = slug.strip_prefix("i-")?.parse().ok()?;
        return store.records.get(kind, id).cloned();
    }
    store
        .records
        .of_kind(kind)
        .find(|r| r.get("slug") == slug)
        .cloned()
}

/// The slug of a space record.
pub(crate) fn slug_of(r: &Record) -> String {
    if r.kind == "initiative" {
        format!("i-{}", r.id)
    } else {
        r.get("slug").to_string()
    }
}

fn conf_of(space: &str) -> Option<&'static SpaceConf> {
    match space {
        "assemblies" => Some(&ASSEMBLIES),
        "conferences" => Some(&CONFERENCES),
        _ => None,
    }
}

fn crumbs_for(
    ctx: &Ctx,
    c: &SpaceConf,
    r: &Record,
    last: Option<String>,
) -> Vec<(String, Option<String>)> {
    let mut v = vec![
        (ctx.t(c.menu_key), Some(c.base.to_string())),
        (
            ctx.tr(&r.translated("title")),
            Some(format!("{}/{}/edit", c.base, slug_of(r))),
        ),
    ];
    if let Some(l) = last {
        v.push((l, None));
    }
    v
}

/// The space sidebar (`secondary_menu` items, sub-items under `children`).
fn sidebar(ctx: &Ctx, c: &SpaceConf, slug: &str, active: &str) -> Value {
    let url = |suffix: &str| {
        if suffix == "#" {
            "#".to_string()
        } else {
            ctx.url(&format!("{}/{slug}/{suffix}", c.base))
        }
    };
    let items: Vec<Value> = c
        .items
        .iter()
        .map(|i| {
            let children: Vec<Value> = i
                .4
                .iter()
                .map(|s| {
                    context! { key => s.0, label => ctx.t(s.1), url => url(s.2), active => s.0 == active }
                })
                .collect();
            context! {
                key => i.0,
                label => ctx.t(i.1),
                url => url(i.2),
                icon => i.3,
                active => i.0 == active,
                children => children,
            }
        })
        .collect();
    context! { secondary_menu => items }
}

fn not_found() -> Response {
    ReplicaError::NotFound.into_response()
}

async fn index(ctx: Ctx, c: &'static SpaceConf) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let mut list: Vec<Record> = ctx.state.store().records.of_kind(c.kind).cloned().collect();
    list.sort_by_key(|r| (r.get("weight").parse::<i64>().unwrap_or(0), r.id));
    let rows: Vec<Value> = list
        .iter()
        .map(|r| {
            context! {
                slug => slug_of(r),
                title => ctx.tr(&r.translated("title")),
                created_at => r.get("created_at").to_string(),
                published => r.flag("published"),
                private => r.get("private_space") == "1",
                promoted => r.get("promoted") == "1",
            }
        })
        .collect();
    admin_page(
        &ctx,
        "admin/a2/spaces_index.html",
        c.section,
        vec![(ctx.t(c.menu_key), None)],
        context! { rows => rows, space => c.space, base => c.base, public_base => c.public_base, new_key => c.new_key, title_key => format!("decidim.admin.titles.{}", c.space) },
        vec![],
    )
}

fn render_form(
    ctx: &Ctx,
    c: &SpaceConf,
    f: &FormState,
    record: Option<&Record>,
    now: Vec<Flash>,
) -> Response {
    let d = def(c.kind);
    let scope = Scope {
        space: None,
        parent: None,
        self_id: record.map(|r| r.id),
    };
    let fields: std::collections::BTreeMap<String, Value> = {
        let store = ctx.state.store();
        form::fields_view(ctx, d, f, &store, &scope)
            .into_iter()
            .zip(d.fields.iter())
            .map(|(v, fd)| (fd.name.clone(), v))
            .collect()
    };
    let data = context! {
        fields => fields,
        form => context! { values => f.values.clone(), errors => f.errors.clone() },
        form_locales => crate::page::form_locales(ctx),
        param_key => d.param_key.clone(),
        is_new => record.is_none(),
        public_base => c.public_base,
    };
    match record {
        None => admin_page_status(
            ctx,
            StatusCode::OK,
            c.form_template,
            c.section,
            vec![
                (ctx.t(c.menu_key), Some(c.base.to_string())),
                (ctx.t(&format!("{}.new.title", c.i18n)), None),
            ],
            context! { action => c.base, ..data },
            now,
        ),
        Some(r) => {
            let slug = slug_of(r);
            let info = c.items[0].1;
            admin_page_status(
                ctx,
                StatusCode::OK,
                c.form_template,
                c.section,
                crumbs_for(ctx, c, r, Some(ctx.t(info))),
                minijinja::value::merge_maps([
                    context! {
                        action => format!("{}/{slug}", c.base),
                        record => context! { id => r.id, slug => slug.clone(), published => r.flag("published") },
                    },
                    sidebar(ctx, c, &slug, "info"),
                    data,
                ]),
                now,
            )
        }
    }
}

async fn new(ctx: Ctx, c: &'static SpaceConf) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    render_form(&ctx, c, &FormState::defaults(def(c.kind)), None, vec![])
}

async fn create(ctx: Ctx, c: &'static SpaceConf, pairs: Vec<(String, String)>) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let d = def(c.kind);
    let mut f = FormState::from_submission(d, &pairs);
    f.values = f.merged_over(&FormState::defaults(d).values);
    {
        let store = ctx.state.store();
        f.validate(&ctx, d, &store, &Scope::default());
    }
    if !f.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t(&format!("{}.create.error", c.i18n)))];
        return render_form(&ctx, c, &f, None, now);
    }
    {
        let mut store = ctx.state.store();
        let id = store.next_id();
        let mut values = f.values.clone();
        values.insert(
            "created_at".into(),
            short_time(time::OffsetDateTime::now_utc()),
        );
        let r = Record {
            id,
            kind: c.kind.into(),
            space: None,
            parent_id: None,
            values,
            flags: Default::default(),
        };
        let title = r.translated("title");
        store.records.insert(r);
        store.log_admin(
            &user.name,
            &format!("{}.create", c.kind),
            title,
            Translated::new(),
        );
    }
    ctx.flash("success", ctx.t(&format!("{}.create.success", c.i18n)));
    ctx.redirect(c.base)
}

async fn edit(ctx: Ctx, c: &'static SpaceConf, slug: String) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find_record(&ctx.state.store(), c.space, &slug) else {
        return not_found();
    };
    render_form(&ctx, c, &FormState::from_record(&r), Some(&r), vec![])
}

async fn update(
    ctx: Ctx,
    c: &'static SpaceConf,
    slug: String,
    pairs: Vec<(String, String)>,
) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let Some(r) = find_record(&ctx.state.store(), c.space, &slug) else {
        return not_found();
    };
    let d = def(c.kind);
    let mut f = FormState::from_submission(d, &pairs);
    f.values = f.merged_over(&r.values);
    {
        let store = ctx.state.store();
        let scope = Scope {
            self_id: Some(r.id),
            ..Scope::default()
        };
        f.validate(&ctx, d, &store, &scope);
    }
    if !f.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t(&format!("{}.update.error", c.i18n)))];
        return render_form(&ctx, c, &f, Some(&r), now);
    }
    let new_slug = {
        let mut store = ctx.state.store();
        let Some(stored) = store.records.get_mut(c.kind, r.id) else {
            return not_found();
        };
        stored.values = f.values.clone();
        let (title, s) = (stored.translated("title"), slug_of(stored));
        store.log_admin(
            &user.name,
            &format!("{}.update", c.kind),
            title,
            Translated::new(),
        );
        s
    };
    ctx.flash("success", ctx.t(&format!("{}.update.success", c.i18n)));
    ctx.redirect(&format!("{}/{new_slug}/edit", c.base))
}

async fn set_published(ctx: Ctx, c: &'static SpaceConf, slug: String, published: bool) -> Response {
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    {
        let mut store = ctx.state.store();
        let Some(r) = find_record(&store, c.space, &slug) else {
            return not_found();
        };
        let Some(stored) = store.records.get_mut(c.kind, r.id) else {
            return not_found();
        };
        stored.flags.insert("published".into(), published);
        let action = if published { "publish" } else { "unpublish" };
        store.log_admin(
            &user.name,
            &format!("{}.{action}", c.kind),
            r.translated("title"),
            Translated::new(),
        );
    }
    let which = if published { "create" } else { "destroy" };
    ctx.flash(
        "success",
        ctx.t(&format!("{}.{which}.success", c.publications)),
    );
    ctx.redirect_back(&format!("{}/{slug}/edit", c.base))
}

async fn section(ctx: Ctx, c: &'static SpaceConf, slug: String, key: &'static str) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let Some(r) = find_record(&ctx.state.store(), c.space, &slug) else {
        return not_found();
    };
    let title = ctx.t(&item_label_key(c, key).unwrap_or_default());
    admin_page(
        &ctx,
        "admin/a2/section.html",
        c.section,
        crumbs_for(&ctx, c, &r, Some(title.clone())),
        context! { title => title, ..sidebar(&ctx, c, &slug, key) },
        vec![],
    )
}

fn item_label_key(c: &SpaceConf, key: &str) -> Option<String> {
    c.items.iter().find_map(|i| {
        if i.0 == key {
            Some(i.1.to_string())
        } else {
            i.4.iter().find(|s| s.0 == key).map(|s| s.1.to_string())
        }
    })
}

// ---- Space kinds for the resource engine -------------------------------------------------------------

/// Space kinds of this area, with their record kind.
pub(crate) const SPACE_KINDS: &[(&str, &str)] = &[
    ("assemblies", "assembly"),
    ("conferences", "conference"),
    ("initiatives", "initiative"),
];

fn record_kind(space: &str) -> Option<&'static str> {
    SPACE_KINDS
        .iter()
        .find(|(s, _)| *s == space)
        .map(|(_, k)| *k)
}

/// The engine's view of the space record of `space` kind with `slug` (shared with initiatives.rs).
pub(crate) fn space_of(ctx: &Ctx, space: &str, slug: &str) -> Option<Space> {
    let r = find_record(&ctx.state.store(), space, slug)?;
    Some(Space {
        reference: SpaceRef {
            kind: space.into(),
            id: r.id,
        },
        slug: slug_of(&r),
        title: ctx.tr(&r.translated("title")),
    })
}

/// The title, in every locale, of the space record `r` points at.
pub(crate) fn space_title(store: &Store, r: &SpaceRef) -> Translated {
    record_kind(&r.kind)
        .and_then(|k| store.records.get(k, r.id))
        .map(|rec| rec.translated("title"))
        .unwrap_or_default()
}

/// Assemblies and conferences as space kinds of the resource engine (initiatives: initiatives.rs).
pub(crate) struct A2Spaces;

impl SpaceKind for A2Spaces {
    fn serves(&self, kind: &str) -> bool {
        conf_of(kind).is_some()
    }

    fn find(&self, ctx: &Ctx, space: &str, slug: &str) -> Option<Space> {
        space_of(ctx, space, slug)
    }

    fn id_of(&self, store: &Store, space: &str, slug: &str) -> Option<u64> {
        find_record(store, space, slug).map(|r| r.id)
    }

    fn section(&self, space: &str) -> &'static str {
        match space {
            "assemblies" => "assemblies",
            "conferences" => "conferences",
            _ => "dashboard",
        }
    }

    fn crumbs(&self, ctx: &Ctx, space: &str, s: &Space) -> Vec<(String, Option<String>)> {
        let Some(c) = conf_of(space) else {
            return vec![];
        };
        vec![
            (ctx.t(c.menu_key), Some(c.base.to_string())),
            (s.title.clone(), Some(format!("{}/{}/edit", c.base, s.slug))),
        ]
    }

    fn menu(&self, ctx: &Ctx, space: &str, s: &Space, active: &str) -> Value {
        match conf_of(space) {
            Some(c) => sidebar(ctx, c, &s.slug, active),
            None => context! {},
        }
    }

    fn item_label(&self, ctx: &Ctx, space: &str, key: &str) -> String {
        conf_of(space)
            .and_then(|c| item_label_key(c, key))
            .map(|k| ctx.t(&k))
            .unwrap_or_else(|| key.to_string())
    }

    fn title_translated(&self, store: &Store, r: &SpaceRef) -> Translated {
        space_title(store, r)
    }
}
