//! Text helpers shared by the resource engine and the admin areas: submitted forms, rich-text blankness,
//! Decidim's slug format and short time format.

use std::collections::HashMap;

/// A submitted urlencoded form; for repeated names the last value wins (Rails' hidden `0` + checkbox `1`).
pub(crate) fn form_map(pairs: Vec<(String, String)>) -> HashMap<String, String> {
    pairs.into_iter().collect()
}

/// Whether rich text has no visible text (an empty editor submits `<p></p>`).
pub(crate) fn blank_html(s: &str) -> bool {
    let mut depth = 0;
    let mut text = String::new();
    for c in s.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    text.replace("&nbsp;", " ").trim().is_empty()
}

/// Formats a time like Decidim's `decidim_short` (`%d/%m/%Y %H:%M`).
pub(crate) fn short_time(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!("[day]/[month]/[year] [hour]:[minute]");
    t.format(&f).unwrap_or_default()
}

/// Decidim's slug rule: `\A[a-zA-Z]+[a-zA-Z0-9-]+\z` (a letter first, at least two characters).
pub(crate) fn valid_slug(slug: &str) -> bool {
    let mut chars = slug.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    first.is_ascii_alphabetic()
        && !rest.is_empty()
        && rest.iter().all(|c| c.is_ascii_alphanumeric() || *c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_html_ignores_tags() {
        assert!(blank_html("<p></p>"));
        assert!(blank_html("  <p><br></p> "));
        assert!(!blank_html("<p>Hi</p>"));
    }
}
