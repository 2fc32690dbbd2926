//! Path patterns of the definitions: matching a request to (definition, operation, placeholders), and
//! building the URLs of collections, records and child lists.
//!
//! Patterns are Rails-like (`/admin/participatory_processes/:slug/categories`). `:slug` is the space,
//! `:id` the record, any other `:<name>` the parent record. Matching is done here rather than by axum's
//! router so that patterns sharing a prefix with different placeholder names never conflict.

use axum::http::Method;

use super::def::Definition;
use crate::state::records::Record;

/// What a request asks of a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Op {
    Index,
    New,
    Create,
    Edit,
    Update,
    Destroy,
    /// A declared member action, by name.
    Member(String),
    /// The form of a singleton definition (GET `<path>` or `<path>/edit`).
    SingletonEdit,
    /// Saving a singleton (POST/PUT/PATCH `<path>`).
    SingletonSave,
}

/// A request resolved against one definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Matched {
    pub op: Op,
    pub slug: Option<String>,
    pub parent: Option<u64>,
    pub id: Option<u64>,
    /// Ids of the outer parent placeholders of a nested path (`:component_id` in
    /// `…/:component_id/manage/budgets/:budget_id/projects`), outermost first.
    pub ancestors: Vec<u64>,
}

#[derive(Default)]
struct Captures {
    slug: Option<String>,
    parent: Option<u64>,
    id: Option<u64>,
    /// Parent placeholders by name, in order (a name repeated must carry the same id).
    named: Vec<(String, u64)>,
}

/// Matches `segments` against `pattern` followed by `suffix` (both `/`-separated, suffix may be empty).
fn capture(pattern: &str, suffix: &[&str], segments: &[&str]) -> Option<Captures> {
    let pat: Vec<&str> = pattern
        .trim_matches('/')
        .split('/')
        .chain(suffix.iter().copied())
        .collect();
    if pat.len() != segments.len() {
        return None;
    }
    let mut c = Captures::default();
    for (p, s) in pat.iter().zip(segments) {
        match p.strip_prefix(':') {
            Some("slug") => c.slug = Some((*s).to_string()),
            Some("id") => c.id = Some(s.parse().ok()?),
            Some(name) => {
                let v: u64 = s.parse().ok()?;
                match c.named.iter().find(|(n, _)| n == name) {
                    Some((_, old)) if *old != v => return None,
                    Some(_) => {}
                    None => c.named.push((name.to_string(), v)),
                }
                c.parent = Some(v);
            }
            None if p == s => {}
            None => return None,
        }
    }
    // The last distinct parent placeholder is the parent record.
    if let Some((_, v)) = c.named.last() {
        c.parent = Some(*v);
    }
    Some(c)
}

thread_local! {
    /// Outer parent ids of the request being served (see [`Matched::ancestors`]); `fill` uses them for the
    /// outer placeholders of nested paths. Set by the dispatcher, which runs without yielding.
    static ANCESTORS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Sets the outer parent ids used to build nested URLs for the current request.
pub(crate) fn set_ancestors(ids: Vec<u64>) {
    ANCESTORS.with(|a| *a.borrow_mut() = ids);
}

/// Resolves `method path` against `def`.
pub(crate) fn match_request(def: &Definition, method: &Method, path: &str) -> Option<Matched> {
    let trimmed = path.trim_matches('/');
    let segments: Vec<&str> = trimmed.split('/').collect();
    let m = method.as_str().to_ascii_lowercase();
    let done = |op: Op, c: Captures| {
        let n = c.named.len().saturating_sub(1);
        Some(Matched {
            op,
            slug: c.slug,
            parent: c.parent,
            id: c.id,
            ancestors: c.named[..n].iter().map(|(_, v)| *v).collect(),
        })
    };
    if def.singleton {
        for p in &def.paths {
            for suffix in [&[][..], &["edit"][..], &["new"][..]] {
                if let Some(c) = capture(p, suffix, &segments) {
                    match (m.as_str(), suffix.is_empty()) {
                        ("get" | "head", _) => return done(Op::SingletonEdit, c),
                        ("post" | "put" | "patch", true) => return done(Op::SingletonSave, c),
                        _ => {}
                    }
                }
            }
        }
        return None;
    }
    for p in &def.paths {
        if let Some(c) = capture(p, &[], &segments) {
            match m.as_str() {
                "get" | "head" => return done(Op::Index, c),
                "post" => return done(Op::Create, c),
                _ => {}
            }
        }
        if m == "get" || m == "head" {
            if let Some(c) = capture(p, &["new"], &segments) {
                return done(Op::New, c);
            }
        }
    }
    // Member routes under every collection path, then under the canonical member path.
    let members: Vec<String> = def
        .paths
        .iter()
        .map(|p| format!("{}/:id", p.trim_end_matches('/')))
        .chain(def.member_path.iter().cloned())
        .collect();
    for p in &members {
        if let Some(c) = capture(p, &[], &segments) {
            match m.as_str() {
                "patch" | "put" => return done(Op::Update, c),
                "delete" => return done(Op::Destroy, c),
                _ => {}
            }
        }
        if m == "get" || m == "head" {
            if let Some(c) = capture(p, &["edit"], &segments) {
                return done(Op::Edit, c);
            }
        }
        for a in &def.member_actions {
            let seg = a.path.as_deref().unwrap_or(&a.name);
            if a.method == m {
                if let Some(c) = capture(p, &[seg], &segments) {
                    return done(Op::Member(a.name.clone()), c);
                }
            }
        }
    }
    None
}

fn fill(pattern: &str, slug: Option<&str>, parent: Option<u64>, id: Option<u64>) -> String {
    // Nested paths: the last distinct parent placeholder is `parent`, the outer ones the request's ancestors.
    let mut names: Vec<&str> = pattern
        .split('/')
        .filter_map(|s| s.strip_prefix(':'))
        .filter(|n| *n != "slug" && *n != "id")
        .collect();
    names.dedup();
    let outer = ANCESTORS.with(|a| a.borrow().clone());
    pattern
        .split('/')
        .map(|seg| match seg.strip_prefix(':') {
            Some("slug") => slug.unwrap_or_default().to_string(),
            Some("id") => id.map(|i| i.to_string()).unwrap_or_default(),
            Some(name) if names.last() != Some(&name) => {
                let i = names.iter().position(|n| *n == name).unwrap_or(0);
                let skip = outer.len().saturating_sub(names.len() - 1);
                outer
                    .get(skip + i)
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            }
            Some(_) => parent.map(|i| i.to_string()).unwrap_or_default(),
            None => seg.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn has_parent_placeholder(pattern: &str) -> bool {
    pattern
        .split('/')
        .any(|s| s.starts_with(':') && s != ":slug" && s != ":id")
}

/// The collection path holding records with this parent (the first path with, or without, a parent placeholder).
pub(crate) fn collection_url(def: &Definition, slug: Option<&str>, parent: Option<u64>) -> String {
    let pattern = def
        .paths
        .iter()
        .find(|p| has_parent_placeholder(p) == parent.is_some())
        .unwrap_or(&def.paths[0]);
    fill(pattern, slug, parent, None)
}

/// The record's member path (`member_path`, else its collection + `/<id>`).
pub(crate) fn member_url(def: &Definition, r: &Record, slug: Option<&str>) -> String {
    match &def.member_path {
        Some(m) => fill(m, slug, r.parent_id, Some(r.id)),
        None => format!("{}/{}", collection_url(def, slug, r.parent_id), r.id),
    }
}

/// The list of the record's children, for kinds nested under themselves (sub-scopes).
pub(crate) fn children_url(def: &Definition, r: &Record, slug: Option<&str>) -> String {
    collection_url(def, slug, Some(r.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def() -> Definition {
        toml::from_str(
            r#"
kind = "scope"
param_key = "scope"
i18n = "decidim.admin.scopes"
paths = ["/admin/scopes", "/admin/scopes/:scope_id/scopes"]
member_path = "/admin/scopes/:id"
parent = "scope"
menu = { section = "settings", active = "scopes" }
fields = [{ name = "name", type = "translated", label = "x" }]
member_actions = [{ name = "publish", method = "put", flash = "f" }]
"#,
        )
        .unwrap()
    }

    #[test]
    fn matches_collection_member_and_nested_routes() {
        let d = def();
        let m = |method: Method, p: &str| match_request(&d, &method, p);
        assert_eq!(m(Method::GET, "/admin/scopes").unwrap().op, Op::Index);
        assert_eq!(m(Method::GET, "/admin/scopes/new").unwrap().op, Op::New);
        let nested = m(Method::POST, "/admin/scopes/4/scopes").unwrap();
        assert_eq!((nested.op, nested.parent), (Op::Create, Some(4)));
        let edit = m(Method::GET, "/admin/scopes/7/edit").unwrap();
        assert_eq!((edit.op, edit.id), (Op::Edit, Some(7)));
        assert_eq!(
            m(Method::DELETE, "/admin/scopes/4/scopes/9").unwrap().id,
            Some(9)
        );
        assert_eq!(
            m(Method::PUT, "/admin/scopes/9/publish").unwrap().op,
            Op::Member("publish".into())
        );
        assert!(m(Method::GET, "/admin/scopes/x/edit").is_none());
        assert!(m(Method::GET, "/admin/areas").is_none());
    }

    #[test]
    fn builds_urls() {
        let d = def();
        assert_eq!(collection_url(&d, None, None), "/admin/scopes");
        assert_eq!(collection_url(&d, None, Some(3)), "/admin/scopes/3/scopes");
    }
}
