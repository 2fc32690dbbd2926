//! Reading an admin manual ("notice") into [`Section`]s: heading path, text, documented form
//! fields and actions, and a link back to the source.
//!
//! Formats: a Decidim-style Antora tree of AsciiDoc ([`antora`]), a folder of saved HTML pages
//! ([`html`], e.g. OSP's help centre), Markdown files ([`markdown`]). [`read`] detects which.

pub mod antora;
pub mod asciidoc;
pub mod generate;
pub mod html;
pub mod markdown;
mod sections;
pub mod web;

use serde::Serialize;
use std::path::{Path, PathBuf};

/// One part of the manual: a page or a section of a page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Section {
    /// Headings from the manual's top down to this section (nav titles, page title, headings).
    pub path: Vec<String>,
    /// Plain text of the section (its own content, without subsections).
    pub text: String,
    /// Field names documented in field tables (`Field | Type | Description`, `Champ | …`).
    pub fields: Vec<String>,
    /// Action names documented in action tables (`Icon | Name | Definition`).
    pub actions: Vec<String>,
    /// Titles of its tables, figures and blocks (AsciiDoc `.Title`, HTML `<caption>`): they say
    /// what a table documents ("New scope type form").
    pub captions: Vec<String>,
    /// Where to read it: a file path (with `#anchor`) or a URL.
    pub link: String,
    /// 0 for a page (its title), 1 for a section of it, 2 for a subsection…
    pub depth: usize,
    /// The images the section shows (screenshots, icons), in order.
    pub images: Vec<NoticeImage>,
    /// In a page the manual's nav does not list (a template, a draft).
    pub unlisted: bool,
    /// The section in the manual's own terms, whatever its link: its page's path (inside `pages/`
    /// for Antora) and `#anchor`. Answer keys name sections so.
    pub source: String,
}

/// An image of the manual.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NoticeImage {
    /// As the manual writes it (`components/blog/new_post.png`).
    pub src: String,
    /// Its alternative text.
    pub alt: String,
    /// The file on disk, when it could be found.
    pub file: Option<PathBuf>,
}

impl Section {
    /// The section's own heading (last element of the path).
    pub fn heading(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or("")
    }

    /// The heading path joined for display: "Espaces › Concertations › Étapes".
    pub fn breadcrumb(&self) -> String {
        self.path.join(" › ")
    }

    /// A table read in the section (header row first): a field table gives its fields (first
    /// column), an action table its actions (second column); every table counts as text.
    pub fn add_table(&mut self, rows: &[Vec<String>]) {
        if let Some((header, body)) = rows.split_first() {
            match table_kind(header) {
                TableKind::Fields => self
                    .fields
                    .extend(body.iter().filter_map(|r| r.first().cloned())),
                TableKind::Actions => self
                    .actions
                    .extend(body.iter().filter_map(|r| r.get(1).cloned())),
                TableKind::Other => {}
            }
        }
        for r in rows {
            self.text.push_str(&r.join(" "));
            self.text.push('\n');
        }
    }
}

/// The formats a notice can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeFormat {
    /// Antora tree of AsciiDoc pages.
    Antora,
    /// HTML pages.
    Html,
    /// Markdown files.
    Markdown,
}

/// A manual, read.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// Where it was read from.
    pub source: String,
    /// Detected format.
    pub format: NoticeFormat,
    /// Language of the manual (`fr`, `en`), for the remarks sent to its authors.
    pub lang: String,
    /// Its sections, in reading order.
    pub sections: Vec<Section>,
}

/// A manual could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NoticeError {
    /// A file or folder could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Nothing recognisable was found.
    #[error("{}: no manual found there; looked for an Antora tree (<dir>/modules/<module>/pages/*.adoc, <dir>/docs/<lang>/modules/…, or a module folder …/modules/<module>), HTML pages (*.html) and Markdown files (*.md)", path.display())]
    Unrecognised {
        /// The path.
        path: PathBuf,
    },
}

pub(crate) fn read_to_string(path: &Path) -> Result<String, NoticeError> {
    std::fs::read_to_string(path).map_err(|source| NoticeError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Files under `dir` with extension `ext`, sorted, recursively.
pub(crate) fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Guess the language of a text from its most common short words.
pub fn guess_lang(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .map(crate::analysis::text::fold)
        .collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(&w.as_str())).count();
    let fr = count(&[
        "le", "la", "les", "des", "une", "est", "pour", "vous", "dans", "avec",
    ]);
    let en = count(&[
        "the", "and", "is", "to", "of", "you", "for", "with", "this", "are",
    ]);
    if fr >= en { "fr" } else { "en" }.to_string()
}

/// Read a manual from a folder, a file, or the URL of an HTML documentation site. `site`: where
/// an Antora manual is published (its sections then link there; else detected from its playbook).
pub async fn read_any(source: &std::ffi::OsStr, site: Option<&str>) -> Result<Notice, NoticeError> {
    let text = source.to_string_lossy();
    if text.starts_with("http://") || text.starts_with("https://") {
        web::read(&text).await
    } else {
        read_published(Path::new(source), site)
    }
}

/// Read a manual from a folder or file, detecting its format.
pub fn read(path: &Path) -> Result<Notice, NoticeError> {
    read_published(path, None)
}

/// Like [`read`], an Antora manual's sections linking to its pages under `site`.
pub fn read_published(path: &Path, site: Option<&str>) -> Result<Notice, NoticeError> {
    if path.is_dir() {
        if let Some(root) = antora::find_root(path) {
            return antora::read(&root, path, site);
        }
        if !files_with_ext(path, "html").is_empty() {
            return html::read_folder(path);
        }
        if !files_with_ext(path, "md").is_empty() {
            return markdown::read(path);
        }
    } else if path.is_file() {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") => return markdown::read(path),
            Some("html") | Some("htm") => return html::read_folder(path),
            _ => {}
        }
    } else {
        return Err(NoticeError::Read {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        });
    }
    Err(NoticeError::Unrecognised {
        path: path.to_path_buf(),
    })
}

/// Find each image's file next to the page that shows it (`page` is the page's file).
pub fn resolve_images(sections: &mut [Section], page: &Path) {
    for s in sections.iter_mut() {
        s.source = s.link.clone();
    }
    let dir = page.parent().unwrap_or(Path::new(""));
    for img in sections.iter_mut().flat_map(|s| s.images.iter_mut()) {
        if img.src.contains("://") || img.src.starts_with("data:") {
            continue;
        }
        let file = dir.join(img.src.split(['?', '#']).next().unwrap_or(""));
        img.file = file.is_file().then_some(file);
    }
}

/// What a table's header row says it documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// `Field | Type | Description` (`Champ | Type | Description | Visibilité`): first column = field names.
    Fields,
    /// `Icon | Name | Definition`: second column = action names.
    Actions,
    /// Anything else.
    Other,
}

/// Classify a table by its header cells.
pub fn table_kind(header: &[String]) -> TableKind {
    let h: Vec<String> = header
        .iter()
        .map(|c| crate::analysis::text::fold(c.trim()))
        .collect();
    match h.first().map(String::as_str) {
        Some("field") | Some("champ") | Some("champs") | Some("nom du champ")
        | Some("field name") => TableKind::Fields,
        Some("icon") | Some("icone") | Some("icons") | Some("icones")
            if h.get(1).is_some_and(|n| n == "name" || n == "nom") =>
        {
            TableKind::Actions
        }
        _ => TableKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(rel: &str) -> PathBuf {
        crate::test_support::repo_root().join(rel)
    }

    #[test]
    fn an_antora_tree_is_found_from_its_root_its_module_or_its_pages() {
        let whole = read(&fixture("fixtures/notices/antora-en")).unwrap();
        for inner in [
            "docs/en",
            "docs/en/modules/admin",
            "docs/en/modules/admin/pages",
        ] {
            let n = read(&fixture(&format!("fixtures/notices/antora-en/{inner}"))).unwrap();
            assert_eq!(n.format, NoticeFormat::Antora, "{inner}");
            assert_eq!(n.sections.len(), whole.sections.len(), "{inner}");
            assert_eq!(n.lang, "en");
        }
        // Its pictures are resolved in the module's assets (absent here: not found).
        let img = whole
            .sections
            .iter()
            .flat_map(|s| &s.images)
            .next()
            .unwrap();
        assert_eq!(img.src, "processes/new_process_form.png");
        assert_eq!(img.file, None);
    }

    #[test]
    fn a_folder_without_a_manual_says_which_layouts_were_looked_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "nothing").unwrap();
        let e = read(dir.path()).unwrap_err().to_string();
        assert!(e.contains("no manual found"), "{e}");
        assert!(
            e.contains("Antora") && e.contains("*.html") && e.contains("*.md"),
            "{e}"
        );
    }

    #[test]
    fn tables_are_classified_by_their_header() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            table_kind(&s(&["Field", "Type", "Description"])),
            TableKind::Fields
        );
        assert_eq!(
            table_kind(&s(&["Champ", "Type", "Description", "Visibilité"])),
            TableKind::Fields
        );
        assert_eq!(
            table_kind(&s(&["Icône", "Nom", "Définition"])),
            TableKind::Actions
        );
        assert_eq!(
            table_kind(&s(&["Icon", "Name", "Definition", "Condition"])),
            TableKind::Actions
        );
        assert_eq!(table_kind(&s(&["Version", "Date"])), TableKind::Other);
    }

    #[test]
    fn language_is_guessed() {
        assert_eq!(
            guess_lang("Pour créer une concertation, cliquez sur le bouton"),
            "fr"
        );
        assert_eq!(
            guess_lang("To create a process, click the button and fill the form"),
            "en"
        );
    }
}
