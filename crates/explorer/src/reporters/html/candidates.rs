//! "Did you mean": when a step found nothing to act on, the things on the saved page that come
//! nearest to what it looked for: links, buttons, labels, headings, elements with a role, each
//! with its text and kind, so the author sees at once that "New process" is now "New
//! participatory process", or that the button is there under another label.

use crate::analysis::text::fold;
use scraper::{ElementRef, Html, Selector};
use serde::Serialize;

/// How many candidates a failure shows.
const SHOWN: usize = 5;
/// Below this similarity a candidate is noise.
const FLOOR: f64 = 0.45;

/// Something on the page a locator could have meant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Its visible text (or label).
    pub text: String,
    /// `link`, `button`, `label`, `heading`, `option`, or its ARIA role.
    pub kind: String,
    /// How near it is to what was looked for, 0 to 1.
    pub score: f64,
}

/// The texts a step's locator looked for: the quoted parts of its detail (`text "New process" /
/// "Nouvelle concertation"` gives both); none for a CSS locator, whose words are not text.
pub fn sought(detail: &str) -> Vec<String> {
    if detail.starts_with("css ") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut rest = detail;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let text = &after[..end];
        if !text.is_empty() && !out.iter().any(|t: &String| t == text) {
            out.push(text.to_string());
        }
        rest = &after[end + 1..];
    }
    out
}

/// The candidates of `html` nearest to any of `sought`, best first.
pub fn nearest(html: &str, sought: &[String]) -> Vec<Candidate> {
    if sought.is_empty() {
        return Vec::new();
    }
    let wanted: Vec<String> = sought.iter().map(|s| fold(s)).collect();
    let doc = Html::parse_document(html);
    let mut found: Vec<Candidate> = Vec::new();
    for (text, kind) in things(&doc) {
        let folded = fold(&text);
        let score = wanted
            .iter()
            .map(|w| similarity(w, &folded))
            .fold(0.0, f64::max);
        if score < FLOOR {
            continue;
        }
        // One line per text: a menu link is also its menu item.
        match found.iter_mut().find(|c| c.text == text) {
            Some(c) => c.score = c.score.max(score),
            None => found.push(Candidate { text, kind, score }),
        }
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.text.cmp(&b.text)));
    found.truncate(SHOWN);
    found
}

/// Similarity of two folded texts: edit distance, containment, or shared words (a label that
/// gained a word, "New process" → "New participatory process", keeps all of the sought ones).
fn similarity(wanted: &str, seen: &str) -> f64 {
    if wanted.is_empty() || seen.is_empty() {
        return 0.0;
    }
    let edit = strsim::normalized_levenshtein(wanted, seen);
    let words = |t: &str| -> Vec<String> { t.split_whitespace().map(String::from).collect() };
    let (sought, shown) = (words(wanted), words(seen));
    let found = sought
        .iter()
        .filter(|w| shown.iter().any(|s| s == *w))
        .count();
    let shared = if sought.is_empty() || shown.is_empty() {
        0.0
    } else {
        let of_sought = found as f64 / sought.len() as f64;
        let of_shown = found as f64 / shown.len() as f64;
        of_sought * (0.6 + 0.4 * of_shown)
    };
    let contained = if seen.contains(wanted) || wanted.contains(seen) {
        let (short, long) = if wanted.len() < seen.len() {
            (wanted.len(), seen.len())
        } else {
            (seen.len(), wanted.len())
        };
        0.5 + 0.5 * short as f64 / long as f64
    } else {
        0.0
    };
    edit.max(contained).max(shared)
}

/// Every actionable or labelling thing on the page, with its text and kind.
fn things(doc: &Html) -> Vec<(String, String)> {
    let select = |css: &str| Selector::parse(css).expect("valid selector");
    let kinds = [
        ("a[href]", "link"),
        ("button, input[type=submit], input[type=button]", "button"),
        ("label", "label"),
        ("h1, h2, h3, h4, legend, summary", "heading"),
        ("option", "option"),
        ("[role]", ""),
    ];
    let mut out = Vec::new();
    for (css, kind) in kinds {
        for el in doc.select(&select(css)) {
            let text = visible_text(&el);
            if text.is_empty() || text.chars().count() > 120 {
                continue;
            }
            let kind = match kind {
                "" => match el.value().attr("role") {
                    // Roles that say an element means nothing to a reader.
                    Some("presentation" | "none") | None => continue,
                    Some(role) => role.to_string(),
                },
                k => k.to_string(),
            };
            out.push((text, kind));
        }
    }
    out
}

/// The text a person reads on the element (an input's value, else its text or aria-label).
fn visible_text(el: &ElementRef<'_>) -> String {
    let v = el.value();
    let raw = if v.name() == "input" {
        v.attr("value").unwrap_or_default().to_string()
    } else {
        let text: String = el.text().collect::<Vec<_>>().join(" ");
        if text.trim().is_empty() {
            v.attr("aria-label").unwrap_or_default().to_string()
        } else {
            text
        }
    };
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body>
        <nav><a href="/admin/participatory_processes">Processes</a></nav>
        <main>
          <h1>Participatory processes</h1>
          <a href="/admin/participatory_processes/new" class="button">New participatory process</a>
          <button type="button" aria-label="Filter"><svg></svg></button>
          <label for="q">Search title</label><input id="q">
          <div role="tab">Process groups</div>
        </main></body></html>"#;

    #[test]
    fn the_locator_texts_are_its_quoted_parts() {
        assert_eq!(
            sought(r#"text "New process" / "Nouvelle concertation""#),
            ["New process", "Nouvelle concertation"]
        );
        assert_eq!(
            sought(r#"label "Title" within "form.new""#),
            ["Title", "form.new"]
        );
        assert!(sought(r#"css "a.button""#).is_empty());
    }

    #[test]
    fn a_renamed_button_comes_first() {
        let found = nearest(PAGE, &["New process".into()]);
        assert_eq!(found[0].text, "New participatory process");
        assert_eq!(found[0].kind, "link");
        assert!(found.len() <= SHOWN);
        // Unrelated things are left out.
        assert!(found.iter().all(|c| c.text != "Search title"), "{found:?}");
    }

    #[test]
    fn labels_roles_and_aria_labels_are_candidates_too() {
        let found = nearest(PAGE, &["Search".into(), "Filters".into(), "Groups".into()]);
        let kinds: Vec<(&str, &str)> = found
            .iter()
            .map(|c| (c.text.as_str(), c.kind.as_str()))
            .collect();
        assert!(kinds.contains(&("Search title", "label")), "{kinds:?}");
        assert!(kinds.contains(&("Filter", "button")), "{kinds:?}");
        assert!(kinds.contains(&("Process groups", "tab")), "{kinds:?}");
    }

    #[test]
    fn nothing_is_offered_for_a_css_locator_or_an_empty_page() {
        assert!(nearest(PAGE, &[]).is_empty());
        assert!(nearest("", &["New".into()]).is_empty());
    }
}
