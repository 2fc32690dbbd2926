//! `inventory diff OLD NEW`: what changed in the admin between two inventories (two Decidim
//! versions, two instances, two dates) — pages, form fields, row actions, tabs and component types
//! added or removed — and, given a notice, the sections each change asks to revise.
//!
//! Pages are matched by URL pattern, forms by their id with record ids generalised, fields by
//! their `name` (stable across languages); labels are only what is shown.

use super::model::{Form, Inventory, PageRecord};
use crate::analysis::gap::matcher::{FeatureMatch, Status};
use crate::analysis::notice::Notice;
use crate::analysis::text::Analyzer;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A page (URL pattern) only in the new inventory.
    PageAdded,
    /// A page only in the old one.
    PageRemoved,
    /// A form field only in the new page.
    FieldAdded,
    /// A form field only in the old page.
    FieldRemoved,
    /// A row action only in the new page.
    ActionAdded,
    /// A row action only in the old page.
    ActionRemoved,
    /// A tab only in the new page.
    TabAdded,
    /// A tab only in the old page.
    TabRemoved,
    /// A component type offered only by the new admin.
    ComponentTypeAdded,
    /// A component type offered only by the old admin.
    ComponentTypeRemoved,
}

impl ChangeKind {
    /// Said in a report.
    pub fn words(self, lang: &str) -> &'static str {
        let fr = lang == "fr";
        match self {
            ChangeKind::PageAdded if fr => "page ajoutée",
            ChangeKind::PageAdded => "page added",
            ChangeKind::PageRemoved if fr => "page supprimée",
            ChangeKind::PageRemoved => "page removed",
            ChangeKind::FieldAdded if fr => "champ ajouté",
            ChangeKind::FieldAdded => "field added",
            ChangeKind::FieldRemoved if fr => "champ supprimé",
            ChangeKind::FieldRemoved => "field removed",
            ChangeKind::ActionAdded if fr => "action ajoutée",
            ChangeKind::ActionAdded => "action added",
            ChangeKind::ActionRemoved if fr => "action supprimée",
            ChangeKind::ActionRemoved => "action removed",
            ChangeKind::TabAdded if fr => "onglet ajouté",
            ChangeKind::TabAdded => "tab added",
            ChangeKind::TabRemoved if fr => "onglet supprimé",
            ChangeKind::TabRemoved => "tab removed",
            ChangeKind::ComponentTypeAdded if fr => "type de fonctionnalité ajouté",
            ChangeKind::ComponentTypeAdded => "component type added",
            ChangeKind::ComponentTypeRemoved if fr => "type de fonctionnalité supprimé",
            ChangeKind::ComponentTypeRemoved => "component type removed",
        }
    }
}

/// A notice section a change asks to revise, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToRevise {
    /// Heading path.
    pub breadcrumb: String,
    /// Where to read it.
    pub link: String,
    /// `feature` (it documents the page's feature) or `names` (it names the changed item).
    pub why: String,
}

/// One change.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// What kind.
    pub kind: ChangeKind,
    /// The page's URL pattern (empty for component types).
    pub page: String,
    /// The page's heading, as the inventory that has it saw it.
    pub heading: String,
    /// What was added or removed: a field's label, an action's title, a tab, a component type.
    pub item: String,
    /// Catalogue features of the page.
    pub features: Vec<String>,
    /// Notice sections to revise (with a notice).
    pub revise: Vec<ToRevise>,
}

/// Everything that changed.
#[derive(Debug, Clone, Serialize)]
pub struct InventoryDiff {
    /// The old inventory: instance and date.
    pub old: String,
    /// The new one.
    pub new: String,
    /// Pages in both.
    pub pages_in_both: usize,
    /// The changes, page by page.
    pub changes: Vec<Change>,
}

/// `edit_participatory_process_12` → `edit_participatory_process_:id`.
fn form_key(form: &Form, index: usize) -> String {
    if form.id.is_empty() {
        return format!("#{index}");
    }
    form.id
        .split('_')
        .map(|part| {
            if part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty() {
                ":id"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("_")
}

/// The fields of a page that an admin fills in (GET forms are filters), by form and name → label.
fn fields(page: &PageRecord) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for (i, form) in page.forms.iter().enumerate() {
        if form.method.eq_ignore_ascii_case("get") {
            continue;
        }
        let key = form_key(form, i);
        for f in &form.fields {
            let name = if f.name.is_empty() { &f.label } else { &f.name };
            out.entry((key.clone(), name.clone()))
                .or_insert_with(|| f.label.trim().to_string());
        }
    }
    out
}

fn set(items: &[String]) -> BTreeSet<&str> {
    items
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Compare two inventories.
pub fn diff(old: &Inventory, new: &Inventory) -> InventoryDiff {
    let mut changes = Vec::new();
    let old_pages: BTreeMap<&str, &PageRecord> =
        old.pages.iter().map(|p| (p.pattern.as_str(), p)).collect();
    let new_pages: BTreeMap<&str, &PageRecord> =
        new.pages.iter().map(|p| (p.pattern.as_str(), p)).collect();
    let change = |kind, page: &PageRecord, item: &str| Change {
        kind,
        page: page.pattern.clone(),
        heading: page.heading.clone(),
        item: item.to_string(),
        features: page.features.clone(),
        revise: Vec::new(),
    };
    let mut both = 0;
    for (pattern, page) in &new_pages {
        let Some(before) = old_pages.get(pattern) else {
            changes.push(change(ChangeKind::PageAdded, page, &page.heading));
            continue;
        };
        both += 1;
        let (was, is) = (fields(before), fields(page));
        for (key, label) in &is {
            if !was.contains_key(key) {
                changes.push(change(ChangeKind::FieldAdded, page, label));
            }
        }
        for (key, label) in &was {
            if !is.contains_key(key) {
                changes.push(change(ChangeKind::FieldRemoved, before, label));
            }
        }
        for (items_old, items_new, added, removed) in [
            (
                &before.row_actions,
                &page.row_actions,
                ChangeKind::ActionAdded,
                ChangeKind::ActionRemoved,
            ),
            (
                &before.tabs,
                &page.tabs,
                ChangeKind::TabAdded,
                ChangeKind::TabRemoved,
            ),
        ] {
            let (a, b) = (set(items_old), set(items_new));
            for item in b.difference(&a) {
                changes.push(change(added, page, item));
            }
            for item in a.difference(&b) {
                changes.push(change(removed, before, item));
            }
        }
    }
    for (pattern, page) in &old_pages {
        if !new_pages.contains_key(pattern) {
            changes.push(change(ChangeKind::PageRemoved, page, &page.heading));
        }
    }
    let types = |inv: &Inventory| -> BTreeSet<String> {
        inv.pages
            .iter()
            .flat_map(|p| p.component_types.iter().cloned())
            .collect()
    };
    let (was, is) = (types(old), types(new));
    for (items, kind) in [
        (is.difference(&was), ChangeKind::ComponentTypeAdded),
        (was.difference(&is), ChangeKind::ComponentTypeRemoved),
    ] {
        for t in items {
            changes.push(Change {
                kind,
                page: String::new(),
                heading: String::new(),
                item: t.clone(),
                features: vec!["component.add".into()],
                revise: Vec::new(),
            });
        }
    }
    changes.sort_by(|a, b| (&a.page, a.kind, &a.item).cmp(&(&b.page, b.kind, &b.item)));
    InventoryDiff {
        old: format!("{} ({})", old.base_url, old.crawled_at),
        new: format!("{} ({})", new.base_url, new.crawled_at),
        pages_in_both: both,
        changes,
    }
}

impl InventoryDiff {
    /// Attach the notice sections each change asks to revise: the section documenting the page's
    /// feature (covered or mentioned, as `gap` found it) and the sections naming the changed item.
    pub fn attach_notice(&mut self, notice: &Notice, matches: &[FeatureMatch]) {
        let a = Analyzer::default();
        let by_feature: BTreeMap<&str, &FeatureMatch> =
            matches.iter().map(|m| (m.id.as_str(), m)).collect();
        let section_tokens: Vec<Vec<crate::analysis::text::Token>> = notice
            .sections
            .iter()
            .map(|s| {
                let mut text = s.path.join(" ");
                text.push(' ');
                text.push_str(&s.text);
                for f in s.fields.iter().chain(&s.actions) {
                    text.push(' ');
                    text.push_str(f);
                }
                a.tokens(&text)
            })
            .collect();
        for change in &mut self.changes {
            let mut revise: Vec<ToRevise> = Vec::new();
            for f in &change.features {
                let Some(m) = by_feature.get(f.as_str()) else {
                    continue;
                };
                if m.status == Status::Missing {
                    continue;
                }
                if let Some(e) = &m.evidence {
                    let r = ToRevise {
                        breadcrumb: e.breadcrumb.clone(),
                        link: e.link.clone(),
                        why: "feature".into(),
                    };
                    if !revise.contains(&r) {
                        revise.push(r);
                    }
                }
            }
            // A removed item still named by the notice must go from it; an added page's heading
            // may already be mentioned somewhere.
            let item = a.tokens(&change.item);
            if !item.is_empty()
                && !matches!(
                    change.kind,
                    ChangeKind::FieldAdded | ChangeKind::ActionAdded | ChangeKind::TabAdded
                )
            {
                for (i, toks) in section_tokens.iter().enumerate() {
                    if !Analyzer::find(&item, toks).is_empty() {
                        let s = &notice.sections[i];
                        let r = ToRevise {
                            breadcrumb: s.breadcrumb(),
                            link: s.link.clone(),
                            why: "names".into(),
                        };
                        if !revise.iter().any(|x| x.link == r.link) {
                            revise.push(r);
                        }
                    }
                }
            }
            revise.truncate(5);
            change.revise = revise;
        }
    }

    /// "2 page(s) added, 1 removed; …": the counts of the diff, in one line.
    fn in_short(&self, fr: bool) -> String {
        let count = |k: ChangeKind| self.changes.iter().filter(|c| c.kind == k).count();
        let fields = count(ChangeKind::FieldAdded) + count(ChangeKind::FieldRemoved);
        let types = count(ChangeKind::ComponentTypeAdded) + count(ChangeKind::ComponentTypeRemoved);
        if fr {
            format!(
                "{} page(s) ajoutée(s), {} supprimée(s) ; {fields} champ(s) ajouté(s) ou supprimé(s) sur {} page(s) communes ; {types} type(s) de fonctionnalité ajouté(s) ou supprimé(s)",
                count(ChangeKind::PageAdded),
                count(ChangeKind::PageRemoved),
                self.pages_in_both
            )
        } else {
            format!(
                "{} page(s) added, {} removed; {fields} field(s) added or removed on {} page(s) in both; {types} component type(s) added or removed",
                count(ChangeKind::PageAdded),
                count(ChangeKind::PageRemoved),
                self.pages_in_both
            )
        }
    }

    /// The changes as Markdown, in `lang`.
    pub fn markdown(&self, lang: &str) -> String {
        use std::fmt::Write;
        let fr = lang == "fr";
        let colon = if fr { "\u{a0}:" } else { ":" };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {}\n",
            if fr {
                "Ce qui a changé dans l'administration"
            } else {
                "What changed in the admin"
            }
        );
        let _ = writeln!(
            out,
            "- {}{colon} {}",
            if fr { "Avant" } else { "Before" },
            self.old
        );
        let _ = writeln!(
            out,
            "- {}{colon} {}",
            if fr { "Après" } else { "After" },
            self.new
        );
        let short = self.in_short(fr);
        let _ = writeln!(
            out,
            "- {}{colon} {short}\n",
            if fr { "En bref" } else { "In short" }
        );
        if self.changes.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                if fr {
                    "Aucun changement."
                } else {
                    "No change."
                }
            );
            return out;
        }
        let mut page = None;
        for c in &self.changes {
            if page != Some(&c.page) {
                let title = if c.page.is_empty() {
                    if fr {
                        "Types de fonctionnalité".to_string()
                    } else {
                        "Component types".to_string()
                    }
                } else if c.heading.is_empty() {
                    format!("`{}`", c.page)
                } else {
                    format!("{} — `{}`", md(&c.heading), c.page)
                };
                let _ = writeln!(out, "\n## {title}\n");
                page = Some(&c.page);
            }
            let _ = write!(out, "- **{}**{colon} {}", c.kind.words(lang), md(&c.item));
            if !c.features.is_empty() {
                let _ = write!(out, " ({})", c.features.join(", "));
            }
            let _ = writeln!(out);
            for r in &c.revise {
                let why = match (r.why.as_str(), fr) {
                    ("feature", true) => "documente cette page",
                    ("feature", false) => "documents this page",
                    (_, true) => "en parle",
                    (_, false) => "mentions it",
                };
                let _ = writeln!(
                    out,
                    "  - {} [{}]({}) — {why}",
                    if fr { "à revoir" } else { "revise" },
                    md(&r.breadcrumb),
                    r.link
                );
            }
        }
        out
    }
}

/// Text shown as text in Markdown.
fn md(text: &str) -> String {
    crate::markdown::escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::inventory::model::Field;

    fn page(pattern: &str, heading: &str, fields: &[(&str, &str)], actions: &[&str]) -> PageRecord {
        PageRecord {
            url: pattern.replace(":id", "3"),
            pattern: pattern.into(),
            depth: 1,
            title: heading.into(),
            heading: heading.into(),
            menu: vec![],
            tabs: vec![],
            forms: vec![Form {
                id: "edit_participatory_process_3".into(),
                action: pattern.into(),
                method: "patch".into(),
                fields: fields
                    .iter()
                    .map(|(name, label)| Field {
                        label: label.to_string(),
                        name: name.to_string(),
                        kind: "text".into(),
                    })
                    .collect(),
                submit: "Update".into(),
            }],
            row_actions: actions.iter().map(|s| s.to_string()).collect(),
            component_types: vec![],
            component_type: None,
            screenshot: None,
            features: vec!["process.edit".into()],
            matched_by: Some("route".into()),
        }
    }

    fn inventory(pages: Vec<PageRecord>) -> Inventory {
        Inventory {
            version: 1,
            base_url: "http://x/".into(),
            crawled_at: "2026-12-01".into(),
            pages,
            discovered: vec![],
            skipped: vec![],
            truncated: false,
            incomplete: None,
        }
    }

    #[test]
    fn pages_fields_actions_and_component_types_added_and_removed() {
        let mut old_types = page("/admin/processes/:id/components", "Components", &[], &[]);
        old_types.component_types = vec!["Proposals".into(), "Sortitions".into()];
        let mut new_types = old_types.clone();
        new_types.component_types = vec!["Proposals".into(), "Jitsi meetings".into()];
        let old = inventory(vec![
            page(
                "/admin/processes/:id/edit",
                "Edit",
                &[("title", "Title"), ("hashtag", "Hashtag")],
                &["Preview"],
            ),
            page("/admin/old", "Old page", &[], &[]),
            old_types,
        ]);
        let new = inventory(vec![
            // Same fields under another language's labels and another record id: no change there.
            page(
                "/admin/processes/:id/edit",
                "Modifier",
                &[("title", "Titre"), ("emitter", "Emitter")],
                &["Preview", "Export"],
            ),
            page("/admin/new", "New page", &[], &[]),
            new_types,
        ]);
        let d = diff(&old, &new);
        let got: Vec<(ChangeKind, &str)> = d
            .changes
            .iter()
            .map(|c| (c.kind, c.item.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (ChangeKind::ComponentTypeAdded, "Jitsi meetings"),
                (ChangeKind::ComponentTypeRemoved, "Sortitions"),
                (ChangeKind::PageAdded, "New page"),
                (ChangeKind::PageRemoved, "Old page"),
                (ChangeKind::FieldAdded, "Emitter"),
                (ChangeKind::FieldRemoved, "Hashtag"),
                (ChangeKind::ActionAdded, "Export"),
            ]
        );
        assert_eq!(d.pages_in_both, 2);
        let md = d.markdown("fr");
        assert!(
            md.contains("**champ supprimé**\u{a0}: Hashtag (process.edit)"),
            "{md}"
        );
        assert!(
            md.contains("## Modifier — `/admin/processes/:id/edit`"),
            "{md}"
        );
    }

    #[test]
    fn identical_inventories_have_no_change() {
        let inv = inventory(vec![page("/admin/a", "A", &[("x", "X")], &["Edit"])]);
        let d = diff(&inv, &inv.clone());
        assert!(d.changes.is_empty());
        assert!(d.markdown("en").contains("No change."));
    }

    #[test]
    fn a_removed_field_points_at_the_sections_that_still_name_it() {
        let old = inventory(vec![page(
            "/admin/p",
            "Edit",
            &[("hashtag", "Hashtag")],
            &[],
        )]);
        let new = inventory(vec![page("/admin/p", "Edit", &[], &[])]);
        let mut d = diff(&old, &new);
        let notice = Notice {
            source: "n".into(),
            format: crate::analysis::notice::NoticeFormat::Markdown,
            lang: "en".into(),
            sections: vec![
                crate::analysis::notice::Section {
                    path: vec!["Processes".into(), "Edit".into()],
                    text: "Fill in the hashtag of the process.".into(),
                    link: "processes.md#edit".into(),
                    ..Default::default()
                },
                crate::analysis::notice::Section {
                    path: vec!["Meetings".into()],
                    text: "Nothing here.".into(),
                    link: "meetings.md".into(),
                    ..Default::default()
                },
            ],
        };
        d.attach_notice(&notice, &[]);
        assert_eq!(d.changes[0].revise.len(), 1);
        assert_eq!(d.changes[0].revise[0].link, "processes.md#edit");
        assert_eq!(d.changes[0].revise[0].why, "names");
    }
}
