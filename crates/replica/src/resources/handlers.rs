//! Generic handlers: index, new, create, edit, update, destroy and declared member actions, for any definition.
//!
//! [`dispatch`] is the router's fallback: it finds the definition and operation of the request
//! ([`super::paths`]), checks the admin, resolves the space (`:slug`), the parent record and the record,
//! then renders `admin/resources/{index,form}.html` (or the definition's own template) or redirects with a flash.

use axum::body::Bytes;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use minijinja::value::merge_maps;
use minijinja::{context, Value};

use super::def::{Definition, TextKey};
use super::form::{self, FormState, Scope};
use super::menus;
use super::paths::{self, Matched, Op};
use super::registry::{by_kind, definitions};
use super::space::{Space, Spaces};
use crate::error::ReplicaError;
use crate::i18n::Translated;
use crate::page::admin_page_status;
use crate::session::Ctx;
use crate::state::records::Record;
use crate::state::{Flash, User};

/// Where a request stands: the definition, the admin, the space, the parent record.
struct Here<'a> {
    def: &'a Definition,
    user: User,
    space: Option<Space>,
    parent: Option<u64>,
}

impl Here<'_> {
    fn slug(&self) -> Option<&str> {
        self.space.as_ref().map(|s| s.slug.as_str())
    }

    fn scope(&self, self_id: Option<u64>) -> Scope {
        Scope {
            space: self.space.as_ref().map(|s| s.reference.clone()),
            parent: self.parent,
            self_id,
        }
    }

    fn collection_url(&self) -> String {
        paths::collection_url(self.def, self.slug(), self.parent)
    }
}

fn not_found() -> Response {
    ReplicaError::NotFound.into_response()
}

/// Router fallback: serves every defined resource route, 404 otherwise.
pub(crate) async fn dispatch(ctx: Ctx, method: Method, uri: Uri, body: Bytes) -> Response {
    let found = definitions().iter().find_map(|d| {
        paths::match_request(d, &method, uri.path())
            .filter(|m| serves_component(&ctx, d, m.parent))
            .map(|m| (d, m))
    });
    let Some((def, m)) = found else {
        return not_found();
    };
    // Fields of another flavour (an OSP module's field on a core form) are neither shown nor accepted.
    let def: &Definition = &def.for_flavour(ctx.state.flavour().name());
    paths::set_ancestors(m.ancestors.clone());
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let space = match (&def.space, &m.slug) {
        (Some(kind), Some(slug)) => match Spaces::of_request(&ctx).find(&ctx, kind, slug) {
            Some(s) => Some(s),
            None => return not_found(),
        },
        _ => None,
    };
    let mut here = Here {
        def,
        user,
        space,
        parent: m.parent,
    };
    if let Some(pid) = m.parent {
        if !parent_exists(&ctx, &here, pid) || !ancestors_match(&ctx, &here, pid, &m.ancestors) {
            return not_found();
        }
    }
    let record = match m.id {
        Some(id) => match find_record(&ctx, &here, &m, id) {
            Some(r) => {
                // Records reached through the canonical member path take their parent from the record.
                here.parent = r.parent_id;
                Some(r)
            }
            None => return not_found(),
        },
        None => None,
    };
    if def.copy_of.is_some() {
        return match m.op {
            Op::New => copy_form(&ctx, &here),
            Op::Create => copy_create(&ctx, &here, &pairs),
            _ => not_found(),
        };
    }
    match (m.op, record) {
        (Op::Index, _) => index(&ctx, &here),
        (Op::New, _) => render_form(&ctx, &here, &FormState::defaults(def), None, vec![]),
        (Op::Create, _) => create(&ctx, &here, &pairs),
        (Op::Edit, Some(r)) => {
            render_form(&ctx, &here, &FormState::from_record(&r), Some(&r), vec![])
        }
        (Op::Update, Some(r)) => update(&ctx, &here, &r, &pairs),
        (Op::Destroy, Some(r)) => destroy(&ctx, &here, &r),
        (Op::Member(name), Some(r)) => member_action(&ctx, &here, &r, &name),
        (Op::SingletonEdit, _) => singleton_edit(&ctx, &here),
        (Op::SingletonSave, _) => singleton_save(&ctx, &here, &pairs),
        _ => not_found(),
    }
}

/// Whether `def` answers for the parent component `parent` (definitions tied to a component
/// manifest only serve components of that manifest).
fn serves_component(ctx: &Ctx, def: &Definition, parent: Option<u64>) -> bool {
    match (&def.component, parent) {
        (Some(manifest), Some(pid)) => ctx
            .state
            .store()
            .components
            .iter()
            .any(|c| c.id == pid && &c.manifest == manifest),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

fn parent_exists(ctx: &Ctx, here: &Here, pid: u64) -> bool {
    let store = ctx.state.store();
    match here.def.parent.as_deref() {
        Some("component") => store.components.iter().any(|c| {
            c.id == pid
                && here
                    .space
                    .as_ref()
                    .is_none_or(|s| s.reference.id == c.process_id)
        }),
        Some(kind) => store
            .records
            .get(kind, pid)
            .is_some_and(|r| r.space == here.space.as_ref().map(|s| s.reference.clone())),
        None => false,
    }
}

/// In a nested path, the parent record must belong to the outer placeholder's record (a budget of that component).
fn ancestors_match(ctx: &Ctx, here: &Here, pid: u64, ancestors: &[u64]) -> bool {
    let (Some(kind), Some(outer)) = (here.def.parent.as_deref(), ancestors.last()) else {
        return true;
    };
    if kind == "component" {
        return true;
    }
    let store = ctx.state.store();
    store
        .records
        .get(kind, pid)
        .is_some_and(|r| r.parent_id == Some(*outer))
}

/// The record a singleton edits: its parent record (record-kind parent) or its own record under the component.
fn singleton_record(ctx: &Ctx, here: &Here) -> Option<Record> {
    let store = ctx.state.store();
    let pid = here.parent?;
    match here.def.parent.as_deref() {
        _ if here.def.singleton_own => store
            .records
            .list(
                &here.def.kind,
                here.space.as_ref().map(|s| &s.reference),
                Some(pid),
            )
            .into_iter()
            .next(),
        Some("component") | None => store
            .records
            .list(
                &here.def.kind,
                here.space.as_ref().map(|s| &s.reference),
                Some(pid),
            )
            .into_iter()
            .next(),
        Some(kind) => store.records.get(kind, pid).cloned(),
    }
}

fn singleton_edit(ctx: &Ctx, here: &Here) -> Response {
    let state = match singleton_record(ctx, here) {
        Some(r) => {
            let mut f = FormState::defaults(here.def);
            f.values.extend(r.values.clone());
            f
        }
        None => FormState::defaults(here.def),
    };
    render_form(ctx, here, &state, None, vec![])
}

/// Where a singleton save goes: the parent's list (record-kind parent) or the singleton's own page.
fn singleton_return_url(here: &Here, parent: Option<&Record>) -> String {
    if here.def.after_save.as_deref() == Some("components") {
        let own = here.collection_url();
        if let Some((space, _)) = own.split_once("/components/") {
            return format!("{space}/components");
        }
    }
    match (here.def.parent.as_deref(), parent) {
        (Some(kind), Some(p)) if kind != "component" => match by_kind(kind) {
            Some(pdef) => paths::collection_url(pdef, here.slug(), p.parent_id),
            None => here.collection_url(),
        },
        _ => here.collection_url(),
    }
}

fn singleton_save(ctx: &Ctx, here: &Here, pairs: &[(String, String)]) -> Response {
    let def = here.def;
    let existing = singleton_record(ctx, here);
    let mut f = FormState::from_submission(def, pairs);
    let base = existing
        .as_ref()
        .map(|r| r.values.clone())
        .unwrap_or_else(|| FormState::defaults(def).values);
    f.values = f.merged_over(&base);
    let scope = here.scope(existing.as_ref().map(|r| r.id));
    {
        let store = ctx.state.store();
        f.validate(ctx, def, &store, &scope);
    }
    if !f.errors.is_empty() {
        let invalid = if def.new_until_saved && existing.is_none() {
            TextKey::CreateInvalid
        } else {
            TextKey::UpdateInvalid
        };
        let now = vec![Flash::alert(ctx.t(&def.text(invalid)))];
        return render_form(ctx, here, &f, None, now);
    }
    let on_parent =
        !matches!(def.parent.as_deref(), Some("component") | None) && !def.singleton_own;
    let fresh = def.new_until_saved && existing.is_none();
    let saved = {
        let mut store = ctx.state.store();
        match &existing {
            Some(r) => {
                let kind = if on_parent {
                    def.parent.clone().unwrap_or_default()
                } else {
                    def.kind.clone()
                };
                let Some(stored) = store.records.get_mut(&kind, r.id) else {
                    return not_found();
                };
                stored.values = f.values.clone();
                stored.flags.extend(def.set_on_save.clone());
                stored.clone()
            }
            None if on_parent => return not_found(),
            None => {
                let id = store.next_id();
                let r = Record {
                    id,
                    kind: def.kind.clone(),
                    space: scope.space.clone(),
                    parent_id: here.parent,
                    values: f.values.clone(),
                    flags: def.set_on_save.clone(),
                };
                store.records.insert(r.clone());
                r
            }
        }
    };
    log(ctx, here, if fresh { "create" } else { "update" }, &saved);
    let ok = if fresh {
        TextKey::CreateOk
    } else {
        TextKey::UpdateOk
    };
    ctx.flash("success", ctx.t(&def.text(ok)));
    let parent_record = match def.parent.as_deref() {
        Some(kind) if kind != "component" => ctx
            .state
            .store()
            .records
            .get(kind, here.parent.unwrap_or_default())
            .cloned(),
        _ => None,
    };
    ctx.redirect(&singleton_return_url(here, parent_record.as_ref()))
}

/// The record being duplicated (the copy definition's parent).
fn copy_source(ctx: &Ctx, here: &Here) -> Option<Record> {
    let kind = here.def.parent.as_deref()?;
    ctx.state.store().records.get(kind, here.parent?).cloned()
}

fn copy_form(ctx: &Ctx, here: &Here) -> Response {
    let Some(src) = copy_source(ctx, here) else {
        return not_found();
    };
    let mut f = FormState::defaults(here.def);
    f.values.extend(src.values);
    render_form(ctx, here, &f, None, vec![])
}

fn copy_create(ctx: &Ctx, here: &Here, pairs: &[(String, String)]) -> Response {
    let def = here.def;
    let (Some(src), Some(kind)) = (copy_source(ctx, here), def.copy_of.clone()) else {
        return not_found();
    };
    let mut f = FormState::from_submission(def, pairs);
    let scope = Scope {
        space: here.space.as_ref().map(|s| s.reference.clone()),
        parent: src.parent_id,
        self_id: None,
    };
    {
        let store = ctx.state.store();
        f.validate(ctx, def, &store, &scope);
    }
    if !f.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t(&def.text(TextKey::CreateInvalid)))];
        return render_form(ctx, here, &f, None, now);
    }
    {
        let mut store = ctx.state.store();
        let id = store.next_id();
        store.records.insert(Record {
            id,
            kind: kind.clone(),
            space: scope.space.clone(),
            parent_id: src.parent_id,
            values: f.merged_over(&FormState::defaults(def).values),
            flags: Default::default(),
        });
    }
    ctx.flash("success", ctx.t(&def.text(TextKey::CreateOk)));
    ctx.redirect(&singleton_return_url(here, Some(&src)))
}

fn find_record(ctx: &Ctx, here: &Here, m: &Matched, id: u64) -> Option<Record> {
    let store = ctx.state.store();
    let r = store.records.get(&here.def.kind, id)?;
    let space_ok = r.space == here.space.as_ref().map(|s| s.reference.clone());
    let parent_ok = m.parent.is_none() || r.parent_id == m.parent;
    (space_ok && parent_ok).then(|| r.clone())
}

/// The record's name, all locales (admin log).
fn name_translated(def: &Definition, r: &Record) -> Translated {
    let t = r.translated(&def.label_field);
    if t.is_empty() {
        Translated::from([("en".to_string(), r.get(&def.label_field).to_string())])
    } else {
        t
    }
}

fn log(ctx: &Ctx, here: &Here, action: &str, r: &Record) {
    let Some(prefix) = &here.def.log else {
        return;
    };
    let mut store = ctx.state.store();
    let space_title = here
        .space
        .as_ref()
        .map(|s| Spaces::of_request(ctx).title_translated(&store, &s.reference))
        .unwrap_or_default();
    store.log_admin(
        &here.user.name,
        &format!("{prefix}.{action}"),
        name_translated(here.def, r),
        space_title,
    );
}

/// Breadcrumb: the space (if any), the menu item of the page, the ancestors (self-nested kinds), then `last`.
fn crumbs(ctx: &Ctx, here: &Here, last: Option<String>) -> Vec<(String, Option<String>)> {
    let def = here.def;
    let mut v = Vec::new();
    if let (Some(kind), Some(s)) = (&def.space, &here.space) {
        v.extend(Spaces::of_request(ctx).crumbs(ctx, kind, s));
        // Component admin pages hang under the space's components list, not under a record.
        let menu_url = if def.parent.as_deref() == Some("component") {
            let base = def.paths[0]
                .split("/components/")
                .next()
                .unwrap_or_default();
            base.replace(":slug", here.slug().unwrap_or_default()) + "/components"
        } else {
            paths::collection_url(def, here.slug(), None)
        };
        v.push((
            Spaces::of_request(ctx).item_label(ctx, kind, &def.menu.active),
            Some(menu_url),
        ));
    } else {
        let item = match (&def.menu.tabs, &def.menu.tab) {
            (Some(tabs), Some(tab)) => menus::item_label(ctx, tabs, tab),
            _ => def
                .menu
                .secondary
                .as_ref()
                .and_then(|s| menus::item_label(ctx, s, &def.menu.active)),
        };
        if let Some((label, path)) = item {
            v.push((label, Some(path)));
        }
    }
    if def.parent.as_deref() == Some(def.kind.as_str()) {
        for a in ancestors(ctx, def, here.parent) {
            v.push((
                form::record_label(ctx, &a, &def.label_field),
                Some(paths::children_url(def, &a, here.slug())),
            ));
        }
    }
    if let Some(l) = last {
        v.push((l, None));
    }
    v
}

/// Ancestors of a self-nested record list, root first.
fn ancestors(ctx: &Ctx, def: &Definition, mut parent: Option<u64>) -> Vec<Record> {
    let store = ctx.state.store();
    let mut chain = Vec::new();
    while let Some(pid) = parent {
        let Some(r) = store.records.get(&def.kind, pid) else {
            break;
        };
        parent = r.parent_id;
        chain.push(r.clone());
        if chain.len() > 32 {
            break;
        }
    }
    chain.reverse();
    chain
}

/// Renders a resource page with its menus.
fn page(
    ctx: &Ctx,
    here: &Here,
    status: StatusCode,
    template: &str,
    last_crumb: Option<String>,
    data: Value,
    now: Vec<Flash>,
) -> Response {
    let def = here.def;
    let (section, space_ctx) = match (&def.space, &here.space) {
        (Some(kind), Some(s)) => (
            Spaces::of_request(ctx).section(kind).to_string(),
            Spaces::of_request(ctx).menu(ctx, kind, s, &def.menu.active),
        ),
        _ => (def.menu.section.clone(), context! {}),
    };
    let menus_ctx = menus::context(
        ctx,
        def.menu
            .secondary
            .as_deref()
            .map(|s| (s, def.menu.active.as_str())),
        def.menu.tabs.as_deref().zip(def.menu.tab.as_deref()),
    );
    let crumbs = crumbs(ctx, here, last_crumb);
    admin_page_status(
        ctx,
        status,
        template,
        &section,
        crumbs,
        merge_maps([data, menus_ctx, space_ctx]),
        now,
    )
}

fn sort(def: &Definition, rows: &mut [Record]) {
    if let Some(field) = &def.index.order {
        rows.sort_by(|a, b| {
            let (x, y) = (a.get(field), b.get(field));
            match (x.parse::<i64>(), y.parse::<i64>()) {
                (Ok(i), Ok(j)) => i.cmp(&j),
                _ => x.cmp(y),
            }
            .then(a.id.cmp(&b.id))
        });
    }
}

fn index(ctx: &Ctx, here: &Here) -> Response {
    let def = here.def;
    let scope = here.scope(None);
    let (rows, parent_record) = {
        let store = ctx.state.store();
        let mut list = store
            .records
            .list(&def.kind, scope.space.as_ref(), here.parent);
        sort(def, &mut list);
        // Tree: roots, each followed by its children (`tree` field = root id).
        let ordered: Vec<(Record, u32)> = match &def.index.tree {
            Some(field) => {
                let roots: Vec<&Record> = list
                    .iter()
                    .filter(|r| r.get(field).trim().is_empty())
                    .collect();
                let mut v = Vec::new();
                for root in roots {
                    v.push((root.clone(), 0));
                    for c in list.iter().filter(|r| r.get(field) == root.id.to_string()) {
                        v.push((c.clone(), 1));
                    }
                }
                v
            }
            None => list.into_iter().map(|r| (r, 0)).collect(),
        };
        let rows: Vec<Value> = ordered
            .iter()
            .map(|(r, depth)| row(ctx, here, r, *depth, &store, &scope))
            .collect();
        let parent_record = here
            .parent
            .filter(|_| def.parent.as_deref() == Some(def.kind.as_str()))
            .and_then(|p| store.records.get(&def.kind, p).cloned());
        (rows, parent_record)
    };
    let title = ctx.t(&def.text(TextKey::IndexTitle));
    let heading = match (&parent_record, def.index.parent_heading) {
        (Some(p), true) => ancestors(ctx, def, Some(p.id))
            .iter()
            .map(|a| form::record_label(ctx, a, &def.label_field))
            .collect::<Vec<_>>()
            .join(" - "),
        _ => title.clone(),
    };
    let parent_edit_url = parent_record
        .as_ref()
        .filter(|_| def.index.parent_heading)
        .map(|p| format!("{}/edit", paths::member_url(def, p, here.slug())));
    let columns: Vec<Value> = def
        .columns
        .iter()
        .map(|c| context! { label => c.label.as_ref().map(|l| ctx.t(l)) })
        .collect();
    let new_class = def
        .index
        .new_button_class
        .clone()
        .unwrap_or_else(|| "button button__sm button__secondary new".into());
    let links: Vec<Value> = def
        .index
        .links
        .iter()
        .map(|l| {
            let base = here.collection_url();
            let parent = base
                .trim_end_matches('/')
                .rsplit_once('/')
                .map(|(p, _)| p.to_string());
            context! {
                label => ctx.t(&l.label),
                href => ctx.url(&format!("{}/{}", parent.unwrap_or_default(), l.sibling)),
                class => l.class.clone().unwrap_or_else(|| new_class.clone()),
            }
        })
        .collect();
    let data = context! {
        title => title,
        heading => heading,
        card_id => def.index.card_id.clone(),
        new_url => format!("{}/new", here.collection_url()),
        new_label => ctx.t(&def.text(TextKey::NewButton)),
        new_class => def.index.new_button_class.clone().unwrap_or_else(|| "button button__sm button__secondary new".into()),
        parent_edit_url => parent_edit_url,
        links => links,
        columns => columns,
        show_actions => !def.row_actions.is_empty(),
        rows => rows.clone(),
        show_table => !(rows.is_empty() && (def.index.hide_empty_table || def.texts.empty.is_some())),
        empty => def.texts.empty.as_ref().filter(|_| rows.is_empty()).map(|k| ctx.t(k)),
    };
    let template = def
        .index
        .template
        .clone()
        .unwrap_or_else(|| "admin/resources/index.html".into());
    page(ctx, here, StatusCode::OK, &template, None, data, vec![])
}

fn row(
    ctx: &Ctx,
    here: &Here,
    r: &Record,
    depth: u32,
    store: &crate::state::Store,
    scope: &Scope,
) -> Value {
    let def = here.def;
    let slug = here.slug();
    let member = paths::member_url(def, r, slug);
    let edit_url = format!("{member}/edit");
    let children_url = paths::children_url(def, r, slug);
    let cells: Vec<Value> = def
        .columns
        .iter()
        .filter_map(|c| {
            let url = match c.link.as_deref() {
                Some("edit") => Some(ctx.url(&edit_url)),
                Some("children") => Some(ctx.url(&children_url)),
                _ => None,
            };
            let text = match &c.flag {
                Some(flag) => ctx.t(if r.flag(flag) {
                    "decidim.admin.resources.yes"
                } else {
                    "decidim.admin.resources.no"
                }),
                None => form::display(ctx, def.field(&c.field)?, r, store, scope),
            };
            Some(context! { text => text, url => url })
        })
        .collect();
    let actions: Vec<Value> = def
        .row_actions
        .iter()
        .filter(|a| a.if_flag.as_ref().is_none_or(|f| r.flag(f)))
        .filter(|a| a.unless_flag.as_ref().is_none_or(|f| !r.flag(f)))
        .map(|a| {
            let (href, method, confirm) = match a.action.as_str() {
                _ if a.path.is_some() => (
                    format!(
                        "{member}/{}",
                        a.path
                            .clone()
                            .unwrap_or_default()
                            .replace(":id", &r.id.to_string())
                    ),
                    None,
                    a.confirm.clone(),
                ),
                "edit" => (edit_url.clone(), None, None),
                "children" => (children_url.clone(), None, None),
                "destroy" => (
                    member.clone(),
                    Some("delete".to_string()),
                    Some(
                        a.confirm
                            .clone()
                            .unwrap_or_else(|| def.text(TextKey::ConfirmDestroy)),
                    ),
                ),
                name => {
                    let m = def.member_action(name);
                    let seg = m
                        .and_then(|m| m.path.clone())
                        .unwrap_or_else(|| name.to_string());
                    (
                        format!("{member}/{seg}"),
                        m.map(|m| m.method.clone()),
                        a.confirm.clone(),
                    )
                }
            };
            let class = a
                .class
                .clone()
                .unwrap_or_else(|| format!("action-icon--{}", a.action));
            context! {
                title => ctx.t(&a.title),
                class => class,
                href => ctx.url(&href),
                icon => a.icon.clone(),
                method => method,
                confirm => confirm.map(|k| ctx.t(&k)),
            }
        })
        .collect();
    context! { id => r.id, depth => depth, cells => cells, actions => actions, flags => r.flags.clone() }
}

fn render_form(
    ctx: &Ctx,
    here: &Here,
    form_state: &FormState,
    record: Option<&Record>,
    now: Vec<Flash>,
) -> Response {
    let def = here.def;
    let scope = here.scope(record.map(|r| r.id));
    let fields = {
        let store = ctx.state.store();
        form::fields_view(ctx, def, form_state, &store, &scope)
    };
    let existing_singleton = if def.singleton {
        singleton_record(ctx, here)
    } else {
        None
    };
    let fresh_singleton = def.singleton && def.new_until_saved && existing_singleton.is_none();
    let new_class = || {
        def.form
            .new_class
            .clone()
            .unwrap_or_else(|| format!("form form-defaults new_{}", def.param_key))
    };
    let edit_class = || {
        def.form
            .edit_class
            .clone()
            .unwrap_or_else(|| format!("form form-defaults edit_{}", def.param_key))
    };
    // Rails' default form ids: a Decidim form object without id is `new_<param_key>_` (its `to_key` is
    // `[nil]`), one built `from_model(record)` is `edit_<param_key>_<record id>`.
    let (title_key, button_key, action, class, form_id) = match record {
        None if fresh_singleton => (
            TextKey::NewTitle,
            TextKey::CreateButton,
            here.collection_url(),
            new_class(),
            format!("new_{}_", def.param_key),
        ),
        None if def.singleton => (
            TextKey::EditTitle,
            TextKey::UpdateButton,
            here.collection_url(),
            edit_class(),
            match &existing_singleton {
                Some(r) => format!("edit_{}_{}", def.param_key, r.id),
                None => format!("new_{}_", def.param_key),
            },
        ),
        // A copy's form is built from the copied record (`from_model(meeting)`).
        None if def.copy_of.is_some() => (
            TextKey::NewTitle,
            TextKey::CreateButton,
            here.collection_url(),
            new_class(),
            format!("edit_{}_{}", def.param_key, here.parent.unwrap_or_default()),
        ),
        None => (
            TextKey::NewTitle,
            TextKey::CreateButton,
            here.collection_url(),
            new_class(),
            format!("new_{}_", def.param_key),
        ),
        Some(r) => (
            TextKey::EditTitle,
            TextKey::UpdateButton,
            paths::member_url(def, r, here.slug()),
            edit_class(),
            format!("edit_{}_{}", def.param_key, r.id),
        ),
    };
    let title = ctx.t(&def.text(title_key));
    let data = context! {
        title => title.clone(),
        is_new => record.is_none() && !def.singleton,
        action => action,
        form_id => form_id,
        form_class => class,
        param_key => def.param_key.clone(),
        button => ctx.t(&def.text(button_key)),
        fields => fields,
        form => context! { values => form_state.values.clone(), errors => form_state.errors.clone() },
        form_locales => crate::page::form_locales(ctx),
        outer_class => def.form.outer_class.clone(),
        section_id => def.form.section_id.clone(),
        create_confirm => def.form.create_confirm.as_ref().map(|k| ctx.t(k)),
    };
    let template = def
        .form
        .template
        .clone()
        .unwrap_or_else(|| "admin/resources/form.html".into());
    page(ctx, here, StatusCode::OK, &template, Some(title), data, now)
}

fn create(ctx: &Ctx, here: &Here, pairs: &[(String, String)]) -> Response {
    let def = here.def;
    let mut f = FormState::from_submission(def, pairs);
    let scope = here.scope(None);
    {
        let store = ctx.state.store();
        f.validate(ctx, def, &store, &scope);
    }
    if !f.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t(&def.text(TextKey::CreateInvalid)))];
        return render_form(ctx, here, &f, None, now);
    }
    let record = {
        let mut store = ctx.state.store();
        let id = store.next_id();
        let r = Record {
            id,
            kind: def.kind.clone(),
            space: scope.space.clone(),
            parent_id: here.parent,
            values: f.merged_over(&FormState::defaults(def).values),
            flags: Default::default(),
        };
        store.records.insert(r.clone());
        r
    };
    log(ctx, here, "create", &record);
    ctx.flash("success", ctx.t(&def.text(TextKey::CreateOk)));
    ctx.redirect(&saved_url(here))
}

/// Where a saved or destroyed record sends the admin: its list, or its parent's edit page (`return_to`).
fn saved_url(here: &Here) -> String {
    let list = here.collection_url();
    match (here.def.return_to.as_deref(), list.rsplit_once('/')) {
        (Some("parent_edit"), Some((parent, _))) => format!("{parent}/edit"),
        _ => list,
    }
}

fn update(ctx: &Ctx, here: &Here, r: &Record, pairs: &[(String, String)]) -> Response {
    let def = here.def;
    let mut f = FormState::from_submission(def, pairs);
    // Fields absent from the submission keep their value.
    f.values = f.merged_over(&r.values);
    let scope = here.scope(Some(r.id));
    {
        let store = ctx.state.store();
        f.validate(ctx, def, &store, &scope);
    }
    if !f.errors.is_empty() {
        let now = vec![Flash::alert(ctx.t(&def.text(TextKey::UpdateInvalid)))];
        return render_form(ctx, here, &f, Some(r), now);
    }
    let updated = {
        let mut store = ctx.state.store();
        let Some(stored) = store.records.get_mut(&def.kind, r.id) else {
            return not_found();
        };
        stored.values = f.values.clone();
        stored.clone()
    };
    log(ctx, here, "update", &updated);
    ctx.flash("success", ctx.t(&def.text(TextKey::UpdateOk)));
    ctx.redirect(&saved_url(here))
}

fn destroy(ctx: &Ctx, here: &Here, r: &Record) -> Response {
    let def = here.def;
    ctx.state.store().records.remove(&def.kind, r.id);
    log(ctx, here, "delete", r);
    ctx.flash("success", ctx.t(&def.text(TextKey::DestroyOk)));
    ctx.redirect(&saved_url(here))
}

fn member_action(ctx: &Ctx, here: &Here, r: &Record, name: &str) -> Response {
    let def = here.def;
    let Some(action) = def.member_action(name) else {
        return not_found();
    };
    let updated = {
        let mut store = ctx.state.store();
        if action.exclusive {
            let siblings: Vec<u64> = store
                .records
                .list(&def.kind, r.space.as_ref(), r.parent_id)
                .iter()
                .filter(|o| o.id != r.id)
                .map(|o| o.id)
                .collect();
            for id in siblings {
                if let Some(o) = store.records.get_mut(&def.kind, id) {
                    o.flags
                        .extend(action.set.iter().map(|(k, v)| (k.clone(), !v)));
                }
            }
        }
        let Some(stored) = store.records.get_mut(&def.kind, r.id) else {
            return not_found();
        };
        stored.flags.extend(action.set.clone());
        stored.clone()
    };
    if let Some(l) = &action.log {
        log(ctx, here, l, &updated);
    }
    ctx.flash("success", ctx.t(&action.flash));
    if action.redirect_back {
        ctx.redirect_back(&here.collection_url())
    } else {
        ctx.redirect(&here.collection_url())
    }
}
