//! [`Inventory`]: what the crawler saw of the admin, written to `inventory.json`.

use serde::{Deserialize, Serialize};

/// A form field as the UI shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Field {
    /// Its label.
    pub label: String,
    /// Its `name` (locale suffix removed for translated fields).
    pub name: String,
    /// Input type (`text`, `select`, `editor`, `checkbox`…).
    #[serde(rename = "type")]
    pub kind: String,
}

/// A form of a page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Form {
    /// `id` attribute.
    pub id: String,
    /// Where it submits.
    pub action: String,
    /// HTTP method (after `_method`).
    pub method: String,
    /// Its fields.
    pub fields: Vec<Field>,
    /// Text of its submit button.
    pub submit: String,
}

/// A link the crawler did not follow, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Skipped {
    /// The URL.
    pub url: String,
    /// Its text.
    pub text: String,
    /// Why it was not followed (`data-method delete`, `data-confirm`, `outside the admin`…).
    pub reason: String,
    /// The page it was found on.
    pub on: String,
}

/// One crawled page (the first of its URL pattern).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageRecord {
    /// The URL visited.
    pub url: String,
    /// Its pattern, ids and slugs generalised.
    pub pattern: String,
    /// Links followed from `/admin` to reach it.
    pub depth: usize,
    /// Document title.
    pub title: String,
    /// Main heading.
    pub heading: String,
    /// Active menu items, main menu first.
    pub menu: Vec<String>,
    /// Tabs shown.
    pub tabs: Vec<String>,
    /// Forms and their fields.
    pub forms: Vec<Form>,
    /// Titles of row action icons.
    pub row_actions: Vec<String>,
    /// Component types offered under "Add component".
    pub component_types: Vec<String>,
    /// For a component's admin page, the component's type as the admin lists it ("Meetings"):
    /// one page of each type is visited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_type: Option<String>,
    /// Screenshot, relative to the output folder.
    pub screenshot: Option<String>,
    /// Catalogue features this page belongs to.
    pub features: Vec<String>,
    /// How the features were found (`route` or `heading`).
    pub matched_by: Option<String>,
}

/// The whole inventory.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Inventory {
    /// Format version.
    pub version: u32,
    /// The instance crawled.
    pub base_url: String,
    /// When.
    pub crawled_at: String,
    /// Pages, in crawl order.
    pub pages: Vec<PageRecord>,
    /// Patterns of pages that match no catalogue feature (an OSP module, a newer Decidim…).
    pub discovered: Vec<String>,
    /// Links recorded but not followed.
    pub skipped: Vec<Skipped>,
    /// Whether a limit (pages, depth) stopped the crawl early.
    pub truncated: bool,
    /// Why the crawl ended before its end (interrupted, an error): the pages are those seen
    /// until then, and a gap report from them is partial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete: Option<String>,
}

impl Inventory {
    /// An empty inventory of `base_url`, stamped now.
    pub fn new(base_url: &url::Url) -> Self {
        Inventory {
            version: 1,
            base_url: base_url.to_string(),
            crawled_at: time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            pages: Vec::new(),
            discovered: Vec::new(),
            skipped: Vec::new(),
            truncated: false,
            incomplete: None,
        }
    }

    /// The labels of the fields an admin fills in on a feature's pages, in order, once each (GET
    /// forms are list filters and search boxes).
    pub fn form_labels(&self, feature: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in self.pages_of(feature) {
            for form in p
                .forms
                .iter()
                .filter(|f| !f.method.eq_ignore_ascii_case("get"))
            {
                for field in &form.fields {
                    let label = field.label.trim();
                    if !label.is_empty() && !out.iter().any(|x| x == label) {
                        out.push(label.to_string());
                    }
                }
            }
        }
        out
    }

    /// The pages of a feature.
    pub fn pages_of<'a>(&'a self, feature: &'a str) -> impl Iterator<Item = &'a PageRecord> + 'a {
        self.pages
            .iter()
            .filter(move |p| p.features.iter().any(|f| f == feature))
    }
}
