//! Inventory of a live admin: crawl it ([`crawl`]), map its pages to catalogue features
//! ([`map_features`]), write `inventory.json` and a screenshot per page.

pub mod crawl;
pub mod diff;
pub mod model;
pub mod pattern;

pub use model::Inventory;

use crate::analysis::catalogue::Catalogue;
use crate::analysis::text::Analyzer;
use pattern::comparable;

/// Features whose name or a synonym appears in the first of `texts` that names any (longest
/// term wins).
fn heading_features(a: &Analyzer, catalogue: &Catalogue, texts: &[&str]) -> Vec<String> {
    for text in texts {
        let tokens = a.tokens(text);
        if tokens.is_empty() {
            continue;
        }
        let mut found: Vec<String> = Vec::new();
        let mut best_len = 0;
        for f in &catalogue.features {
            let names = [f.name.get("en"), f.name.get("fr")]
                .into_iter()
                .map(|n| (n.to_string(), true));
            // OSP's features are OSP's own pages: their names, never their synonyms, map a
            // heading ("Scopes" is core's page, not OSP's scope reordering).
            let osp = f.origin == crate::analysis::catalogue::Origin::Osp;
            let synonyms = f
                .synonyms
                .en
                .iter()
                .chain(&f.synonyms.fr)
                .filter(|_| !osp)
                .map(|t| (t.clone(), false));
            for (t, is_name) in names.chain(synonyms) {
                let toks = a.tokens(&t);
                // A one-word synonym ("admin", "export") names too many pages to map one.
                if toks.is_empty()
                    || (!is_name && toks.len() < 2)
                    || toks.len() < best_len
                    || Analyzer::find(&toks, &tokens).is_empty()
                {
                    continue;
                }
                if toks.len() > best_len {
                    found.clear();
                    best_len = toks.len();
                }
                if !found.contains(&f.id) {
                    found.push(f.id.clone());
                }
            }
        }
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Attach catalogue features to pages: by route (the longest catalogue route that is a prefix
/// of the page's pattern), else by heading (a catalogue name or synonym in the page heading);
/// pages matching neither are listed as discovered.
pub fn map_features(inv: &mut Inventory, catalogue: &Catalogue) {
    let a = Analyzer::default();
    let routes: Vec<(usize, Vec<String>)> = catalogue
        .features
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.route.is_empty())
        .map(|(i, f)| {
            (
                i,
                comparable(&f.route)
                    .split('/')
                    .map(str::to_string)
                    .collect(),
            )
        })
        .collect();
    for page in &mut inv.pages {
        let segs: Vec<String> = comparable(&page.pattern)
            .split('/')
            .map(str::to_string)
            .collect();
        let mut best_len = 0;
        let mut best: Vec<String> = Vec::new();
        for (i, route) in &routes {
            // "/admin" itself (the dashboard) only matches exactly.
            let exact_only = route.len() <= 2;
            // A placeholder of the route matches any segment (`:x` against `imports`).
            let same = |a: &String, b: &String| a == b || b == ":x";
            let matches = if exact_only {
                segs == *route
            } else {
                segs.len() >= route.len() && segs.iter().zip(route).all(|(a, b)| same(a, b))
            };
            if matches && route.len() >= best_len {
                if route.len() > best_len {
                    best.clear();
                    best_len = route.len();
                }
                best.push(catalogue.features[*i].id.clone());
            }
        }
        // A component's page belongs to that type's features (or the generic component ones):
        // every type's admin is under the same `/manage/` prefix.
        if let Some(kind) = page.component_type.as_deref() {
            let of_kind = |id: &String| {
                catalogue.get(id).is_some_and(|f| {
                    f.group == "components"
                        || f.group == kind
                        || f.group.starts_with(&format!("{kind}_"))
                })
            };
            best.retain(of_kind);
            if best.is_empty() && !page.pattern.ends_with("/components/new") {
                if let Some(f) = catalogue.features.iter().find(|f| {
                    f.id.starts_with("component.")
                        && (f.group == kind || f.group.starts_with(&format!("{kind}_")))
                }) {
                    best.push(f.id.clone());
                }
            }
        }
        let by_heading = heading_features(
            &a,
            catalogue,
            // Not the document title: Decidim's admin titles every page "Admin - <organization>".
            &[&page.heading, page.menu.last().map_or("", |m| m)],
        );
        match (best.len(), by_heading.is_empty()) {
            (0, true) => {}
            (0, false) => {
                page.features = by_heading;
                page.matched_by = Some("heading".into());
            }
            // Several features share the route (every component's manage page): the heading decides.
            (n, false) if n > 1 => {
                let both: Vec<String> = best
                    .iter()
                    .filter(|f| by_heading.contains(f))
                    .cloned()
                    .collect();
                page.features = if both.is_empty() { by_heading } else { both };
                page.matched_by = Some("route and heading".into());
            }
            _ => {
                page.features = best;
                page.matched_by = Some("route".into());
            }
        }
    }
    inv.discovered = inv
        .pages
        .iter()
        .filter(|p| p.features.is_empty())
        .map(|p| p.pattern.clone())
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::PageRecord;

    fn page(pattern: &str, heading: &str) -> PageRecord {
        PageRecord {
            url: String::new(),
            pattern: pattern.into(),
            depth: 0,
            title: String::new(),
            heading: heading.into(),
            menu: vec![],
            tabs: vec![],
            forms: vec![],
            row_actions: vec![],
            component_types: vec![],
            component_type: None,
            screenshot: None,
            features: vec![],
            matched_by: None,
        }
    }

    #[test]
    fn pages_map_by_route_then_heading_and_the_rest_is_discovered() {
        let catalogue =
            Catalogue::load(&crate::test_support::repo_root().join("scenarios")).unwrap();
        let mut inv = Inventory {
            version: 1,
            base_url: String::new(),
            crawled_at: String::new(),
            pages: vec![
                page("/admin", "Dashboard"),
                page(
                    "/admin/participatory_processes/:slug/steps/new",
                    "New phase",
                ),
                page(
                    "/admin/participatory_processes/:slug/components/:id/manage",
                    "Meetings",
                ),
                page("/admin/participatory_processes", "Participatory processes"),
                page("/admin/term_customizer_xyz", "Something else entirely"),
            ],
            discovered: vec![],
            skipped: vec![],
            truncated: false,
            incomplete: None,
        };
        map_features(&mut inv, &catalogue);
        assert_eq!(inv.pages[0].features, ["dashboard.view"]);
        assert_eq!(inv.pages[1].features, ["process.phases"]);
        assert!(
            inv.pages[2]
                .features
                .contains(&"component.meetings.add".to_string()),
            "{:?}",
            inv.pages[2].features
        );
        assert_eq!(
            inv.pages[2].matched_by.as_deref(),
            Some("route and heading")
        );
        assert!(
            inv.pages[3]
                .features
                .contains(&"process.create".to_string()),
            "{:?}",
            inv.pages[3].features
        );
        assert_eq!(inv.discovered, ["/admin/term_customizer_xyz"]);
    }
}
