//! The crawler: breadth first from `/admin`, same origin, admin paths, GET navigation only.
//!
//! It never clicks, submits or follows a link carrying `data-method` (other than get) or
//! `data-confirm`: those are recorded as [`Skipped`]. One page per URL pattern is visited, so
//! a hundred processes cost one visit; a component's pages share one pattern whatever the
//! component, so there it is one page per pattern and component type. Error pages (HTTP 4xx,
//! 5xx) are not admin pages: they are recorded as skipped. Everything about a page is read in
//! one `execute`.

use super::model::{Form, Inventory, PageRecord, Skipped};
use super::pattern::pattern_of;
use crate::driver::{DriverError, Page};
use serde::Deserialize;
use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

const EXTRACT_JS: &str = include_str!("extract.js");
/// How long an admin page may take to load before the crawl says the server does not answer.
const VISIT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Crawl limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most pages to visit.
    pub max_pages: usize,
    /// Most links away from `/admin`.
    pub max_depth: usize,
}

#[derive(Debug, Deserialize)]
struct Extracted {
    #[serde(default)]
    status: u16,
    title: String,
    heading: String,
    menu: Vec<String>,
    tabs: Vec<String>,
    forms: Vec<Form>,
    row_actions: Vec<String>,
    component_types: Vec<String>,
    links: Vec<Link>,
}

#[derive(Debug, Deserialize)]
struct Link {
    href: String,
    text: String,
    method: String,
    confirm: bool,
    #[serde(default)]
    kind: String,
}

/// The id in `…/components/:id/…`, if the path is a component's.
fn component_id(path: &str) -> Option<&str> {
    let mut segs = path.split('/');
    segs.find(|s| *s == "components")?;
    segs.next()
        .filter(|id| id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty())
}

/// The component list of the space a space's edit link is about
/// (`/admin/assemblies/<slug>/edit` → `/admin/assemblies/<slug>/components`).
fn component_list_of(link: &url::Url) -> Option<url::Url> {
    let segs: Vec<&str> = link.path().trim_matches('/').split('/').collect();
    let spaces = [
        "participatory_processes",
        "assemblies",
        "conferences",
        "initiatives",
    ];
    match segs.as_slice() {
        ["admin", space, slug, "edit"] if spaces.contains(space) => {
            let mut list = link.clone();
            list.set_path(&format!("/admin/{space}/{slug}/components"));
            Some(list)
        }
        _ => None,
    }
}

/// How many spaces' component lists are read: one space rarely has every type of component,
/// and the types are only found there.
const COMPONENT_LISTS: usize = 12;

/// What makes two URLs the same page for the crawl: their pattern, and for a component's pages
/// the component's type ("/components/:id/manage" of meetings is not that of proposals).
fn visit_key(path: &str, kind: Option<&str>) -> String {
    let pattern = pattern_of(path);
    if path.trim_end_matches('/').ends_with("/components") {
        // A space's component list: per space (capped by the crawl), for the types it holds.
        return format!("{pattern} [{}]", path.trim_end_matches('/'));
    }
    match kind.filter(|k| !k.is_empty()) {
        Some(k) if component_id(path).is_some() || path.ends_with("/components/new") => {
            format!("{pattern} [{k}]")
        }
        _ => pattern,
    }
}

/// Why a link must not be followed, if it must not.
pub fn refuse(link_url: &url::Url, method: &str, confirm: bool, base: &url::Url) -> Option<String> {
    if link_url.origin() != base.origin() {
        return Some("other origin".into());
    }
    if method != "get" {
        return Some(format!("data-method {method}"));
    }
    if confirm {
        return Some("data-confirm".into());
    }
    let path = link_url.path();
    if !path.starts_with("/admin") {
        return Some("outside the admin".into());
    }
    // GET routes that still change something: share tokens are created on visit, sign-out ends
    // the session; exports are POST in Decidim but guard against a GET variant.
    for (suffix, why) in [
        ("/share", "creates a share token"),
        ("/sign_out", "logs out"),
        ("/export", "starts an export"),
    ] {
        if path.trim_end_matches('/').ends_with(suffix) {
            return Some(why.into());
        }
    }
    None
}

/// What is left to visit, and what was already visited, queued or recorded as skipped.
struct Frontier {
    queue: VecDeque<(url::Url, usize, Option<String>)>,
    seen_keys: BTreeSet<String>,
    queued: BTreeSet<String>,
    skipped_seen: BTreeSet<(String, String)>,
    lists_read: usize,
}

impl Frontier {
    fn new(start: url::Url) -> Self {
        Frontier {
            queue: VecDeque::from([(start, 0, None)]),
            seen_keys: BTreeSet::new(),
            queued: BTreeSet::new(),
            skipped_seen: BTreeSet::new(),
            lists_read: 0,
        }
    }

    /// The next URL to visit (with its depth and component type), and its visit key.
    fn next(&mut self) -> Option<(url::Url, usize, Option<String>, String)> {
        while let Some((url, depth, kind)) = self.queue.pop_front() {
            let key = visit_key(url.path(), kind.as_deref());
            if !self.seen_keys.insert(key.clone()) {
                continue;
            }
            if url.path().trim_end_matches('/').ends_with("/components") {
                self.lists_read += 1;
                if self.lists_read > COMPONENT_LISTS
                    && !self.seen_keys.insert(pattern_of(url.path()))
                {
                    continue;
                }
            }
            return Some((url, depth, kind, key));
        }
        None
    }

    /// Queue the page's links that may be followed; record the others as skipped (once per
    /// pattern and reason).
    fn follow(
        &mut self,
        ex: &Extracted,
        landed: &url::Url,
        (depth, kind): (usize, &Option<String>),
        (base, limits): (&url::Url, Limits),
        skipped: &mut Vec<Skipped>,
    ) {
        for l in &ex.links {
            let Ok(mut target) = url::Url::parse(&l.href) else {
                continue;
            };
            target.set_fragment(None);
            if let Some(reason) = refuse(&target, &l.method, l.confirm, base) {
                let key = (pattern_of(target.path()), reason.clone());
                if target.origin() == base.origin() && self.skipped_seen.insert(key) {
                    skipped.push(Skipped {
                        url: target.to_string(),
                        text: l.text.clone(),
                        reason,
                        on: landed.to_string(),
                    });
                }
                continue;
            }
            // The link's component type: from the components table, else the page's own when
            // the link stays within the same component.
            let link_kind = if !l.kind.is_empty() {
                Some(l.kind.clone())
            } else if component_id(target.path()).is_some()
                && component_id(target.path()) == component_id(landed.path())
            {
                kind.clone()
            } else {
                None
            };
            // A component's page without its type (a sidebar link) waits for the component
            // list, which says the type.
            if link_kind.is_none() && component_id(target.path()).is_some() {
                continue;
            }
            let mut targets = vec![(target.clone(), link_kind)];
            // Each space's component list holds the types that space uses; the space's own
            // pages are visited once, so its list is reached from its edit link.
            if let Some(list) = component_list_of(&target) {
                targets.push((list, None));
            }
            for (target, link_kind) in targets {
                let target_key = visit_key(target.path(), link_kind.as_deref());
                if depth < limits.max_depth
                    && !self.seen_keys.contains(&target_key)
                    && self.queued.insert(format!("{target} {target_key}"))
                {
                    self.queue.push_back((target, depth + 1, link_kind));
                }
            }
        }
    }
}

/// What the crawl needs of a browser: go somewhere and read the page, capture it. The
/// browser is [`Page`]; tests crawl a fake site.
pub(crate) trait Site {
    /// Load `url` (bounded by `timeout`); the URL landed on and the page's extraction.
    async fn visit(
        &self,
        url: &url::Url,
        timeout: std::time::Duration,
    ) -> Result<(url::Url, serde_json::Value), DriverError>;
    /// A PNG of the page landed on.
    async fn screenshot(&self) -> Result<Vec<u8>, DriverError>;
}

impl Site for Page {
    async fn visit(
        &self,
        url: &url::Url,
        timeout: std::time::Duration,
    ) -> Result<(url::Url, serde_json::Value), DriverError> {
        self.goto(url.as_str(), timeout).await?;
        let landed = self.client().current_url().await?;
        let raw = self.client().execute(EXTRACT_JS, vec![]).await?;
        Ok((landed, raw))
    }

    async fn screenshot(&self) -> Result<Vec<u8>, DriverError> {
        Page::screenshot(self).await
    }
}

/// Crawl from `/admin/` (the session must be logged in) into `inv`, which holds what was seen
/// so far if the crawl fails or is dropped (Ctrl-C). Screenshots go to `out_dir/pages/`.
pub async fn crawl(
    page: &Page,
    limits: Limits,
    out_dir: &Path,
    inv: &mut Inventory,
) -> Result<(), DriverError> {
    let start = page.resolve("/admin/")?;
    crawl_site(page, start, limits, out_dir, inv).await
}

async fn crawl_site(
    site: &impl Site,
    start: url::Url,
    limits: Limits,
    out_dir: &Path,
    inv: &mut Inventory,
) -> Result<(), DriverError> {
    let base = start.clone();
    let mut frontier = Frontier::new(start);
    std::fs::create_dir_all(out_dir.join("pages")).map_err(|source| DriverError::Write {
        path: out_dir.join("pages"),
        source,
    })?;
    while let Some((url, depth, kind, key)) = frontier.next() {
        if inv.pages.len() >= limits.max_pages {
            inv.truncated = true;
            break;
        }
        let (landed, raw) = site.visit(&url, VISIT_TIMEOUT).await?;
        tracing::debug!(%url, depth, ?kind, "inventory visit");
        // A redirect may land on an already known page (or leave the admin): record once.
        let landed_key = visit_key(landed.path(), kind.as_deref());
        if landed_key != key
            && (landed.origin() != base.origin()
                || !landed.path().starts_with("/admin")
                || !frontier.seen_keys.insert(landed_key.clone()))
        {
            continue;
        }
        let ex: Extracted = serde_json::from_value(raw).map_err(|e| {
            DriverError::Unexpected(format!("page extraction failed on {landed}: {e}"))
        })?;
        if ex.status >= 400 {
            inv.skipped.push(Skipped {
                url: landed.to_string(),
                text: ex.heading.clone(),
                reason: format!("HTTP {}", ex.status),
                on: String::new(),
            });
            continue;
        }
        frontier.follow(
            &ex,
            &landed,
            (depth, &kind),
            (&base, limits),
            &mut inv.skipped,
        );
        if depth >= limits.max_depth && !frontier.queue.is_empty() {
            inv.truncated = true;
        }
        // Another space's component list is read for its links, not recorded again.
        let landed_pattern = pattern_of(landed.path());
        let is_list = landed.path().trim_end_matches('/').ends_with("/components");
        if is_list && inv.pages.iter().any(|p| p.pattern == landed_pattern) {
            continue;
        }
        let shot_name = format!("pages/{:03}.png", inv.pages.len() + 1);
        let screenshot = match site.screenshot().await {
            Ok(png) => std::fs::write(out_dir.join(&shot_name), png)
                .ok()
                .map(|_| shot_name),
            Err(_) => None,
        };
        let component_type = kind.clone().filter(|_| {
            component_id(landed.path()).is_some() || landed.path().ends_with("/components/new")
        });
        inv.pages.push(PageRecord {
            url: landed.to_string(),
            pattern: landed_pattern,
            depth,
            title: ex.title,
            heading: ex.heading,
            menu: ex.menu,
            tabs: ex.tabs,
            forms: ex.forms,
            row_actions: ex.row_actions,
            component_types: ex.component_types,
            component_type,
            screenshot,
            features: Vec::new(),
            matched_by: None,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_pages_are_told_apart_by_type_other_pages_by_pattern() {
        let manage = "/admin/participatory_processes/p/components/7/manage/";
        assert_eq!(component_id(manage), Some("7"));
        assert_eq!(
            component_id("/admin/participatory_processes/p/components/new"),
            None
        );
        assert_ne!(
            visit_key(manage, Some("Meetings")),
            visit_key(manage, Some("Proposals"))
        );
        assert_eq!(
            visit_key(manage, Some("Meetings")),
            visit_key(
                "/admin/participatory_processes/q/components/9/manage/",
                Some("Meetings")
            )
        );
        let new = "/admin/participatory_processes/p/components/new";
        assert_ne!(
            visit_key(new, Some("meetings")),
            visit_key(new, Some("proposals"))
        );
        let edit = url::Url::parse("http://h/admin/assemblies/youth/edit?locale=en").unwrap();
        assert_eq!(
            component_list_of(&edit).unwrap().as_str(),
            "http://h/admin/assemblies/youth/components?locale=en"
        );
        assert!(
            component_list_of(&url::Url::parse("http://h/admin/scopes/3/edit").unwrap()).is_none()
        );
        // Elsewhere a kind changes nothing.
        assert_eq!(
            visit_key("/admin/scopes", Some("x")),
            visit_key("/admin/scopes", None)
        );
    }

    #[test]
    fn only_plain_admin_get_links_are_followed() {
        let base = url::Url::parse("http://127.0.0.1:4000/").unwrap();
        let u = |s: &str| url::Url::parse(s).unwrap();
        assert_eq!(
            refuse(
                &u("http://127.0.0.1:4000/admin/scopes"),
                "get",
                false,
                &base
            ),
            None
        );
        assert_eq!(
            refuse(
                &u("http://127.0.0.1:4000/admin/scopes/1"),
                "delete",
                false,
                &base
            )
            .as_deref(),
            Some("data-method delete")
        );
        assert_eq!(
            refuse(&u("http://127.0.0.1:4000/admin/x"), "get", true, &base).as_deref(),
            Some("data-confirm")
        );
        assert_eq!(
            refuse(&u("http://127.0.0.1:4000/processes"), "get", false, &base).as_deref(),
            Some("outside the admin")
        );
        assert_eq!(
            refuse(&u("http://example.org/admin"), "get", false, &base).as_deref(),
            Some("other origin")
        );
        assert!(refuse(
            &u("http://127.0.0.1:4000/admin/participatory_processes/a/components/3/share"),
            "get",
            false,
            &base
        )
        .is_some());
        assert!(refuse(
            &u("http://127.0.0.1:4000/locale?locale=fr"),
            "post",
            false,
            &base
        )
        .is_some());
    }

    /// A site of fake admin pages: path → (links, where it redirects), and every visit logged.
    struct FakeSite {
        pages: std::collections::BTreeMap<&'static str, Vec<&'static str>>,
        redirects: std::collections::BTreeMap<&'static str, &'static str>,
        /// The visit (1-based) that fails as a browser lost would.
        fail_at: Option<usize>,
        visits: std::sync::Mutex<Vec<String>>,
    }

    const ORIGIN: &str = "http://127.0.0.1:4000";

    impl FakeSite {
        fn new(pages: &[(&'static str, &[&'static str])]) -> Self {
            FakeSite {
                pages: pages.iter().map(|(p, l)| (*p, l.to_vec())).collect(),
                redirects: Default::default(),
                fail_at: None,
                visits: Default::default(),
            }
        }
        fn visits(&self) -> Vec<String> {
            self.visits.lock().unwrap().clone()
        }
    }

    impl Site for FakeSite {
        async fn visit(
            &self,
            url: &url::Url,
            _timeout: std::time::Duration,
        ) -> Result<(url::Url, serde_json::Value), DriverError> {
            let mut visits = self.visits.lock().unwrap();
            visits.push(url.to_string());
            if Some(visits.len()) == self.fail_at {
                return Err(DriverError::Unexpected("the browser went away".into()));
            }
            let landed = match self.redirects.get(url.path()) {
                Some(to) => url.join(to).unwrap(),
                None => url.clone(),
            };
            let (status, links) = match self.pages.get(landed.path()) {
                Some(links) => (200, links.clone()),
                None => (404, vec![]),
            };
            let links: Vec<serde_json::Value> = links
                .iter()
                .map(|href| {
                    serde_json::json!({
                        "href": landed.join(href).unwrap().to_string(),
                        "text": href, "method": "get", "confirm": false,
                    })
                })
                .collect();
            let extracted = serde_json::json!({
                "status": status, "title": landed.path(), "heading": landed.path(),
                "menu": [], "tabs": [], "forms": [], "row_actions": [],
                "component_types": [], "links": links,
            });
            Ok((landed, extracted))
        }
        async fn screenshot(&self) -> Result<Vec<u8>, DriverError> {
            Ok(b"png".to_vec())
        }
    }

    fn crawl_fake(site: &FakeSite, max_pages: usize) -> (Result<(), DriverError>, Inventory) {
        let out = tempfile::tempdir().unwrap();
        let start = url::Url::parse(&format!("{ORIGIN}/admin/")).unwrap();
        let mut inv = Inventory::new(&start);
        let limits = Limits {
            max_pages,
            max_depth: 10,
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let r = rt.block_on(crawl_site(site, start, limits, out.path(), &mut inv));
        (r, inv)
    }

    fn paths(inv: &Inventory) -> Vec<String> {
        inv.pages
            .iter()
            .map(|p| url::Url::parse(&p.url).unwrap().path().to_string())
            .collect()
    }

    #[test]
    fn a_link_loop_is_crawled_once_and_other_origins_are_never_visited() {
        let site = FakeSite::new(&[
            (
                "/admin/",
                &[
                    "/admin/scopes",
                    "http://example.org/admin/scopes",
                    "//127.0.0.1:4001/admin/areas",
                ],
            ),
            // a → b → a, and each links to itself.
            (
                "/admin/scopes",
                &["/admin/areas", "/admin/scopes", "/admin/"],
            ),
            ("/admin/areas", &["/admin/scopes", "/admin/areas#top"]),
        ]);
        let (r, inv) = crawl_fake(&site, 100);
        assert!(r.is_ok());
        assert_eq!(paths(&inv), ["/admin/", "/admin/scopes", "/admin/areas"]);
        let visits = site.visits();
        assert_eq!(visits.len(), 3, "one visit per page: {visits:?}");
        assert!(visits.iter().all(|v| v.starts_with(ORIGIN)), "{visits:?}");
        assert!(!inv.truncated);
    }

    #[test]
    fn a_redirect_off_the_origin_is_not_recorded() {
        let mut site = FakeSite::new(&[
            ("/admin/", &["/admin/elsewhere"]),
            ("/admin/elsewhere", &[]),
        ]);
        site.redirects
            .insert("/admin/elsewhere", "http://example.org/admin/x");
        let (r, inv) = crawl_fake(&site, 100);
        assert!(r.is_ok());
        assert_eq!(paths(&inv), ["/admin/"]);
    }

    #[test]
    fn the_page_limit_stops_the_crawl_and_says_so() {
        let site = FakeSite::new(&[
            ("/admin/", &["/admin/a", "/admin/b", "/admin/c", "/admin/d"]),
            ("/admin/a", &[]),
            ("/admin/b", &[]),
            ("/admin/c", &[]),
            ("/admin/d", &[]),
        ]);
        let (_, inv) = crawl_fake(&site, 3);
        assert_eq!(inv.pages.len(), 3);
        assert_eq!(site.visits().len(), 3, "no visit beyond the limit");
        assert!(inv.truncated);
        let (_, all) = crawl_fake(&FakeSite::new(&[("/admin/", &[])]), 3);
        assert!(
            !all.truncated,
            "a crawl that saw everything is not truncated"
        );
    }

    #[test]
    fn a_failing_crawl_keeps_the_pages_seen_until_then() {
        let mut site = FakeSite::new(&[
            ("/admin/", &["/admin/a", "/admin/b"]),
            ("/admin/a", &[]),
            ("/admin/b", &[]),
        ]);
        site.fail_at = Some(3);
        let (r, inv) = crawl_fake(&site, 100);
        assert!(r.is_err());
        assert_eq!(paths(&inv), ["/admin/", "/admin/a"]);
    }
}
