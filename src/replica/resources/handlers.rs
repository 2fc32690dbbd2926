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
use super::paths::{self, Matched, Op};
use super::space::{self, Space};
use super::store::Record;
use super::{definitions, menus};
use crate::replica::error::ReplicaError;
use crate::replica::routes::admin_page_status;
use crate::replica::session::Ctx;
use crate::replica::state::{Flash, Translated, User};

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
pub async fn dispatch(ctx: Ctx, method: Method, uri: Uri, body: Bytes) -> Response {
    let found = definitions().iter().find_map(|d| {
        paths::match_request(d, &method, uri.path())
            .filter(|m| serves_component(&ctx, d, m.parent))
            .map(|m| (d, m))
    });
    let Some((def, m)) = found else {
        return not_found();
    };
    let user = match ctx.require_admin(true) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let space = match (&def.space, &m.slug) {
        (Some(kind), Some(slug)) => match space::find(&ctx, kind, slug) {
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
        if !parent_exists(&ctx, &here, pid) {
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
        .map(|s| space::title_translated(&store, &s.reference))
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
        v.extend(space::crumbs(ctx, kind, s));
        v.push((
            space::item_label(ctx, kind, &def.menu.active),
            Some(paths::collection_url(def, here.slug(), None)),
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
            space::section(kind).to_string(),
            space::menu(ctx, kind, s, &def.menu.active),
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
    let data = context! {
        title => title,
        heading => heading,
        card_id => def.index.card_id.clone(),
        new_url => format!("{}/new", here.collection_url()),
        new_label => ctx.t(&def.text(TextKey::NewButton)),
        new_class => def.index.new_button_class.clone().unwrap_or_else(|| "button button__sm button__secondary new".into()),
        parent_edit_url => parent_edit_url,
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
    store: &crate::replica::state::Store,
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
            let f = def.field(&c.field)?;
            let url = match c.link.as_deref() {
                Some("edit") => Some(ctx.url(&edit_url)),
                Some("children") => Some(ctx.url(&children_url)),
                _ => None,
            };
            Some(context! { text => form::display(ctx, f, r, store, scope), url => url })
        })
        .collect();
    let actions: Vec<Value> = def
        .row_actions
        .iter()
        .filter(|a| a.if_flag.as_ref().is_none_or(|f| r.flag(f)))
        .filter(|a| a.unless_flag.as_ref().is_none_or(|f| !r.flag(f)))
        .map(|a| {
            let (href, method, confirm) = match a.action.as_str() {
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
    context! { id => r.id, depth => depth, cells => cells, actions => actions }
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
    let (title_key, button_key, action, class, form_id) = match record {
        None => (
            TextKey::NewTitle,
            TextKey::CreateButton,
            here.collection_url(),
            def.form
                .new_class
                .clone()
                .unwrap_or_else(|| format!("form form-defaults new_{}", def.param_key)),
            format!("new_{}", def.param_key),
        ),
        Some(r) => (
            TextKey::EditTitle,
            TextKey::UpdateButton,
            paths::member_url(def, r, here.slug()),
            def.form
                .edit_class
                .clone()
                .unwrap_or_else(|| format!("form form-defaults edit_{}", def.param_key)),
            format!("edit_{}_{}", def.param_key, r.id),
        ),
    };
    let title = ctx.t(&def.text(title_key));
    let data = context! {
        title => title.clone(),
        is_new => record.is_none(),
        action => action,
        form_id => form_id,
        form_class => class,
        param_key => def.param_key.clone(),
        button => ctx.t(&def.text(button_key)),
        fields => fields,
        form => context! { values => form_state.values.clone(), errors => form_state.errors.clone() },
        form_locales => crate::replica::routes::processes::form_locales(ctx),
        outer_class => def.form.outer_class.clone(),
        section_id => def.form.section_id.clone(),
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
    ctx.redirect(&here.collection_url())
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
    ctx.redirect(&here.collection_url())
}

fn destroy(ctx: &Ctx, here: &Here, r: &Record) -> Response {
    let def = here.def;
    ctx.state.store().records.remove(&def.kind, r.id);
    log(ctx, here, "delete", r);
    ctx.flash("success", ctx.t(&def.text(TextKey::DestroyOk)));
    ctx.redirect(&here.collection_url())
}

fn member_action(ctx: &Ctx, here: &Here, r: &Record, name: &str) -> Response {
    let def = here.def;
    let Some(action) = def.member_action(name) else {
        return not_found();
    };
    let updated = {
        let mut store = ctx.state.store();
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
