//! Markdown files: sections by heading, field tables (GFM tables), links to file and anchor.

use super::sections::PageSections;
use super::{files_with_ext, read_to_string, Notice, NoticeError, NoticeFormat, Section};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::Path;

fn level(l: HeadingLevel) -> usize {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// GitHub-style anchor of a heading.
fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' {
                Some(c)
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Sections of one Markdown document.
pub fn page_sections(text: &str, link: &str) -> Vec<Section> {
    let mut page = PageSections::new(&[], link, |title| format!("#{}", anchor(title)));
    let mut heading_text: Option<(usize, String)> = None;
    let mut table: Option<Vec<Vec<String>>> = None;
    let mut cell: Option<String> = None;
    for ev in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { level: l, .. }) => {
                heading_text = Some((level(l), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((l, t)) = heading_text.take() {
                    page.heading(l, super::html::clean_title(&t));
                }
            }
            Event::Start(Tag::Table(_)) => table = Some(Vec::new()),
            Event::End(TagEnd::Table) => {
                if let Some(rows) = table.take() {
                    page.table(&rows);
                }
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => page.image(super::NoticeImage {
                src: dest_url.to_string(),
                ..Default::default()
            }),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(c), Some(t)) = (cell.take(), table.as_mut()) {
                    if let Some(row) = t.last_mut() {
                        row.push(c.trim().to_string());
                    }
                }
            }
            Event::Text(s) | Event::Code(s) => {
                if let Some((_, h)) = heading_text.as_mut() {
                    h.push_str(&s);
                } else if let Some(c) = cell.as_mut() {
                    c.push_str(&s);
                } else {
                    page.push_text(&s);
                }
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
                if table.is_none() && heading_text.is_none() =>
            {
                page.push_text("\n");
            }
            _ => {}
        }
    }
    page.finish()
}

/// Read Markdown files (a file or every `.md` of a folder).
pub fn read(path: &Path) -> Result<Notice, NoticeError> {
    let files = if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        files_with_ext(path, "md")
    };
    let mut sections = Vec::new();
    let mut all = String::new();
    for f in files {
        let text = read_to_string(&f)?;
        all.push_str(&text);
        let rel = f
            .strip_prefix(path)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let rel = if rel.is_empty() {
            f.display().to_string()
        } else {
            rel
        };
        let mut secs = page_sections(&text, &rel);
        super::resolve_images(&mut secs, &f);
        sections.extend(secs);
    }
    Ok(Notice {
        source: path.display().to_string(),
        format: NoticeFormat::Markdown,
        lang: super::guess_lang(&all),
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_field_tables() {
        let md = "# Newsletters\n\nSend news to participants.\n\n## Create a newsletter\n\nPick a template.\n\n| Field | Type | Description |\n|---|---|---|\n| Subject | Text | The subject |\n| Body | Rich text | The content |\n";
        let secs = page_sections(md, "n.md");
        assert_eq!(secs.len(), 2);
        assert_eq!(secs[1].breadcrumb(), "Newsletters › Create a newsletter");
        assert_eq!(secs[1].fields, ["Subject", "Body"]);
        assert_eq!(secs[1].link, "n.md#create-a-newsletter");
        assert!(secs[0].text.contains("Send news"));
    }
}
