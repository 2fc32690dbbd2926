//! The crawler: breadth first from `/admin`, same origin, admin paths, GET navigation only.
//!
//! It never clicks, submits or follows a link carrying `data-method` (other than get) or
//! `data-confirm`: those are recorded as [`Skipped`]. One page per URL pattern is visited, so
//! a hundred processes cost one visit. Everything about a page is read in one `execute`.

use super::model::{Form, Inventory, PageRecord, Skipped};
use super::pattern::pattern_of;
use crate::driver::{DriverError, Page};
use serde::Deserialize;
use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

const EXTRACT_JS: &str = include_str!("extract.js");

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

/// Crawl from `/admin/` (the session must be logged in). Screenshots go to `out_dir/pages/`.
pub async fn crawl(
    page: &Page,
    base: &url::Url,
    limits: Limits,
    out_dir: &Path,
) -> Result<Inventory, DriverError> {
    let start = page.resolve("/admin/")?;
    let mut queue: VecDeque<(url::Url, usize)> = VecDeque::from([(start, 0)]);
    let mut seen_patterns: BTreeSet<String> = BTreeSet::new();
    let mut queued_urls: BTreeSet<String> = BTreeSet::new();
    let mut skipped_seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut inv = Inventory {
        version: 1,
        base_url: base.to_string(),
        crawled_at: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        pages: Vec::new(),
        discovered: Vec::new(),
        skipped: Vec::new(),
        truncated: false,
    };
    std::fs::create_dir_all(out_dir.join("pages")).map_err(|source| DriverError::Write {
        path: out_dir.join("pages"),
        source,
    })?;
    while let Some((url, depth)) = queue.pop_front() {
        let pattern = pattern_of(url.path());
        if !seen_patterns.insert(pattern.clone()) {
            continue;
        }
        if inv.pages.len() >= limits.max_pages {
            inv.truncated = true;
            break;
        }
        page.goto(url.as_str()).await?;
        let landed = page.client().current_url().await?;
        // A redirect may land on an already known page (or leave the admin): record once.
        let landed_pattern = pattern_of(landed.path());
        if landed_pattern != pattern
            && (!landed.path().starts_with("/admin")
                || !seen_patterns.insert(landed_pattern.clone()))
        {
            continue;
        }
        let raw = page.client().execute(EXTRACT_JS, vec![]).await?;
        let ex: Extracted = serde_json::from_value(raw).map_err(|e| {
            DriverError::Unexpected(format!("page extraction failed on {landed}: {e}"))
        })?;
        let shot_name = format!("pages/{:03}.png", inv.pages.len() + 1);
        let screenshot = match page.screenshot().await {
            Ok(png) => std::fs::write(out_dir.join(&shot_name), png)
                .ok()
                .map(|_| shot_name),
            Err(_) => None,
        };
        for l in &ex.links {
            let Ok(target) = url::Url::parse(&l.href) else {
                continue;
            };
            let mut target = target;
            target.set_fragment(None);
            match refuse(&target, &l.method, l.confirm, base) {
                Some(reason) => {
                    let key = (pattern_of(target.path()), reason.clone());
                    if target.origin() == base.origin() && skipped_seen.insert(key) {
                        inv.skipped.push(Skipped {
                            url: target.to_string(),
                            text: l.text.clone(),
                            reason,
                            on: landed.to_string(),
                        });
                    }
                }
                None => {
                    if depth < limits.max_depth && queued_urls.insert(target.as_str().to_string()) {
                        if seen_patterns.contains(&pattern_of(target.path())) {
                            continue;
                        }
                        queue.push_back((target, depth + 1));
                    }
                }
            }
        }
        if depth >= limits.max_depth && !queue.is_empty() {
            inv.truncated = true;
        }
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
            screenshot,
            features: Vec::new(),
            matched_by: None,
        });
    }
    Ok(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
