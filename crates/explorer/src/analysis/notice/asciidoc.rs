//! One AsciiDoc page → sections. Handles both heading styles (`== Title` and `## Title`),
//! `include::partial$…[]` (through a resolver, so the Antora layout stays in [`super::antora`]),
//! field and action tables, and strips the markup that would pollute matching.

use super::sections::PageSections;
use super::Section;

/// How deep includes may nest (a cycle stops here instead of looping).
const MAX_INCLUDE_DEPTH: usize = 8;

/// Expand `include::target[]` lines with `resolve(target)`; unresolvable includes are kept as
/// a visible note, so a broken manual is not silently shortened.
pub fn expand_includes(
    text: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    depth: usize,
) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("include::") {
            let target = rest.split('[').next().unwrap_or("");
            match resolve(target).filter(|_| depth < MAX_INCLUDE_DEPTH) {
                Some(inner) => out.push_str(&expand_includes(&inner, resolve, depth + 1)),
                None => out.push_str(&format!("(include not found: {target})")),
            }
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Heading level and title of a line, if it is a heading.
fn heading(line: &str) -> Option<(usize, String)> {
    let marker = line.chars().next().filter(|c| *c == '=' || *c == '#')?;
    let level = line.chars().take_while(|c| *c == marker).count();
    let rest = &line[level..];
    if level == 0 || level > 6 || !rest.starts_with(' ') {
        return None;
    }
    Some((level, clean_inline(rest.trim())))
}

/// Remove inline markup: xref/link macros keep their text, emphasis marks go.
pub fn clean_inline(text: &str) -> String {
    let mut s = text.to_string();
    // macro:target[text] → text
    for name in [
        "xref:", "link:", "https://", "http://", "mailto:", "image:", "kbd:", "btn:", "menu:",
    ] {
        while let Some(start) = s.find(name) {
            let Some(open) = s[start..].find('[').map(|i| start + i) else {
                break;
            };
            let Some(close) = s[open..].find(']').map(|i| open + i) else {
                break;
            };
            if s[start..open].contains(' ') {
                break;
            }
            let inner = s[open + 1..close].to_string();
            let keep = if name == "image:" {
                String::new()
            } else {
                inner
            };
            s.replace_range(start..=close, &keep);
        }
    }
    s.replace(['*', '`'], "")
        .replace("__", "")
        .trim()
        .to_string()
}

/// The cells of a `|===` table, split into rows of the header's width.
fn parse_table(lines: &[&str]) -> Vec<Vec<String>> {
    let mut cells: Vec<String> = Vec::new();
    let mut width = 0;
    let mut first_line = true;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('|') {
            let parts: Vec<&str> = t.split('|').skip(1).collect();
            if first_line {
                width = parts.len();
                first_line = false;
            }
            for p in parts {
                // Cell specifiers (`a|`, `2+|`) precede the pipe: they end up at the end of the
                // previous piece; drop a trailing lone specifier word.
                cells.push(clean_inline(p.trim()));
            }
        } else if let Some(last) = cells.last_mut() {
            last.push(' ');
            last.push_str(&clean_inline(t));
        }
    }
    if width == 0 {
        return Vec::new();
    }
    cells.chunks(width).map(|c| c.to_vec()).collect()
}

/// Split a page (includes already expanded) into sections; `page_path` is the path above it
/// (nav titles), `link` the page's link (sections add `#anchor`).
pub fn sections(text: &str, page_path: &[String], link: &str) -> Vec<Section> {
    let lines: Vec<&str> = text.lines().collect();
    let mut page = PageSections::new(page_path, link, |title| format!("#_{}", anchor_of(title)))
        .dropping_repeated_titles();
    let mut i = 0;
    let mut in_block: Option<&str> = None;
    let mut in_comment = false;
    while i < lines.len() {
        let t = lines[i].trim_end();
        i += 1;
        if t == "////" {
            in_comment = !in_comment;
            continue;
        }
        if in_comment || t.starts_with("//") {
            continue;
        }
        // Literal / listing blocks: their content is not prose about the admin.
        if let Some(delim) = in_block {
            if t == delim {
                in_block = None;
            }
            continue;
        }
        if let Some(delim) = ["----", "....", "++++"].into_iter().find(|d| *d == t) {
            in_block = Some(delim);
            continue;
        }
        if t.starts_with("|===") {
            let start = i;
            while i < lines.len() && !lines[i].trim_start().starts_with("|===") {
                i += 1;
            }
            page.table(&parse_table(&lines[start..i]));
            i += 1; // closing |===
        } else if let Some((level, title)) = heading(t) {
            page.heading(level, title);
        } else if let Some(img) = image_line(t) {
            page.image(img);
        } else if t.starts_with(':') && t[1..].contains(':')
            || t.starts_with('[') && t.ends_with(']')
        {
            // attributes, block attributes
        } else if let Some(title) = block_title(t) {
            // Only a table's or an image's title says what it documents; an example block's
            // title (".Admin terms of use" above a sample text) is just text.
            let next = lines[i..]
                .iter()
                .map(|l| l.trim())
                .find(|l| !(l.is_empty() || l.starts_with('[') && l.ends_with(']')));
            let is_caption = next.is_some_and(|l| l.starts_with("|===") || l.starts_with("image:"));
            page.block_title(clean_inline(title), is_caption);
        } else {
            page.prose(&clean_inline(t.trim_start_matches(['*', '.', '-', ' '])));
        }
    }
    page.finish()
}

/// A block title (`.New process type form`), not a numbered step (`. Sign in`).
fn block_title(line: &str) -> Option<&str> {
    line.strip_prefix('.').filter(|rest| {
        rest.chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '.')
    })
}

/// A line that is an image: `image::file.png[Alt]` (block) or `image:file.png[Alt]` alone on its line.
fn image_line(t: &str) -> Option<super::NoticeImage> {
    let rest = t
        .strip_prefix("image::")
        .or_else(|| t.strip_prefix("image:"))?;
    let (src, attrs) = rest.split_once('[')?;
    let attrs = attrs.strip_suffix(']')?;
    if src.is_empty() || src.contains(' ') {
        return None;
    }
    let alt = attrs
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches('"');
    Some(super::NoticeImage {
        src: src.to_string(),
        alt: clean_inline(alt),
        file: None,
    })
}

/// AsciiDoc's automatic section id: lowercase, non-alphanumerics become `_`.
fn anchor_of(title: &str) -> String {
    let mut s = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('_') {
            s.push('_');
        }
    }
    s.trim_end_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"= Phases
:page-role: admin

Phases organise a process in time.

== Create a phase

Click on xref:admin:processes.adoc[the processes page] then *New phase*.

|===
|Field |Type |Description

|Title
|Required
|The name of the phase.

|Start date |Optional |When it starts.
|===

image::phases/new.png[New phase form, 600]

[source,bash]
----
== not a heading
----

## Actions

|===
|Icon |Name |Definition

|image:icons/pencil.png[]
|Edit
|Change the phase.
|===
"#;

    #[test]
    fn headings_tables_and_markup() {
        let secs = sections(PAGE, &["Processes".to_string()], "processes/phases.adoc");
        let paths: Vec<String> = secs.iter().map(|s| s.breadcrumb()).collect();
        assert_eq!(
            paths,
            [
                "Processes › Phases",
                "Processes › Phases › Create a phase",
                "Processes › Phases › Actions"
            ]
        );
        assert_eq!(secs[1].fields, ["Title", "Start date"]);
        assert!(
            secs[1].text.contains("the processes page then New phase"),
            "{}",
            secs[1].text
        );
        assert_eq!(secs[1].link, "processes/phases.adoc#_create_a_phase");
        assert_eq!(secs[2].actions, ["Edit"]);
        assert_eq!(secs[1].images.len(), 1);
        assert_eq!(secs[1].images[0].src, "phases/new.png");
        assert_eq!(secs[1].images[0].alt, "New phase form");
        assert!(secs[1].text.contains("New phase form"));
        assert!(!secs.iter().any(|s| s.text.contains("not a heading")));
    }

    #[test]
    fn includes_are_expanded_and_cycles_stop() {
        let resolve = |t: &str| match t {
            "partial$a.adoc" => Some("A\ninclude::partial$b.adoc[]".to_string()),
            "partial$b.adoc" => Some("B\ninclude::partial$a.adoc[]".to_string()),
            _ => None,
        };
        let out = expand_includes(
            "include::partial$a.adoc[]\ninclude::partial$zz.adoc[]",
            &resolve,
            0,
        );
        assert!(out.starts_with("A\nB\nA\n"));
        assert!(out.contains("(include not found: partial$zz.adoc)"));
    }
}
