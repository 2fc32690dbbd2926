//! HTML pages (a folder of saved pages, e.g. OSP's help centre or its old WordPress notice):
//! sections by `h1`–`h4`, text in document order, field tables, links back to the file and anchor.

use super::{files_with_ext, read_to_string, Notice, NoticeError, NoticeFormat, Section};
use scraper::{ElementRef, Html, Node, Selector};
use std::path::Path;

/// Elements whose text is navigation or code, not documentation.
const SKIP: &[&str] = &[
    "script", "style", "nav", "header", "footer", "noscript", "template", "aside", "form", "button",
];

/// Strip decorations people put before titles (emoji, bullets, numbering dots).
pub fn clean_title(t: &str) -> String {
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_string()
}

struct Walker<'a> {
    link: &'a str,
    page_title: String,
    sections: Vec<Section>,
    headings: Vec<(usize, String)>,
}

impl Walker<'_> {
    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section {
                path: vec![self.page_title.clone()],
                link: self.link.to_string(),
                ..Section::default()
            });
        }
        self.sections.last_mut().expect("just ensured")
    }

    fn heading(&mut self, level: usize, title: String, id: Option<&str>) {
        if level == 1 && self.sections.len() <= 1 && self.headings.is_empty() {
            // The page's own h1: it names the page, it does not open a subsection.
            self.page_title = title.clone();
            let link = self.link.to_string();
            let s = self.current();
            s.path = vec![title.clone()];
            s.link = link;
            self.headings.push((1, title));
            return;
        }
        while self.headings.last().is_some_and(|(l, _)| *l >= level) {
            self.headings.pop();
        }
        self.headings.push((level, title));
        let mut path: Vec<String> = self.headings.iter().map(|(_, t)| t.clone()).collect();
        if path.first() != Some(&self.page_title) {
            path.insert(0, self.page_title.clone());
        }
        // An id with whitespace is not one (HTML forbids it): a broken attribute, not an anchor
        // to put in a link (found by fuzzing: an unclosed quote swallowed the page).
        let link = match id.filter(|id| !id.is_empty() && !id.contains(char::is_whitespace)) {
            Some(id) => format!("{}#{id}", self.link),
            None => self.link.to_string(),
        };
        self.sections.push(Section {
            path,
            link,
            depth: level - 1,
            ..Section::default()
        });
    }

    fn table(&mut self, table: ElementRef<'_>) {
        let row_sel = Selector::parse("tr").expect("valid selector");
        let cell_sel = Selector::parse("th, td").expect("valid selector");
        let rows: Vec<Vec<String>> = table
            .select(&row_sel)
            .map(|r| {
                r.select(&cell_sel)
                    .map(|c| clean_title(&c.text().collect::<String>()))
                    .collect()
            })
            .collect();
        let caption_sel = Selector::parse("caption").expect("valid selector");
        let captions: Vec<String> = table
            .select(&caption_sel)
            .map(|c| clean_title(&c.text().collect::<String>()))
            .filter(|c| !c.is_empty())
            .collect();
        self.current().captions.extend(captions);
        self.current().add_table(&rows);
    }

    fn walk(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    let text = t.trim();
                    if !text.is_empty() {
                        let s = self.current();
                        s.text.push_str(text);
                        s.text.push(' ');
                    }
                }
                Node::Element(e) => {
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = e.name();
                    if SKIP.contains(&name) {
                        continue;
                    }
                    match name {
                        "h1" | "h2" | "h3" | "h4" => {
                            let level = name[1..].parse().unwrap_or(2);
                            let title = clean_title(&child_el.text().collect::<String>());
                            if !title.is_empty() {
                                self.heading(level, title, e.attr("id"));
                            }
                        }
                        "table" => self.table(child_el),
                        "figcaption" => {
                            let caption = clean_title(&child_el.text().collect::<String>());
                            let s = self.current();
                            s.text.push_str(&caption);
                            s.text.push('\n');
                            if !caption.is_empty() {
                                s.captions.push(caption);
                            }
                        }
                        "img" => {
                            // Screenshots' alt texts often name the screen: keep them as text.
                            let alt = e.attr("alt").unwrap_or("").trim().to_string();
                            let s = self.current();
                            if !alt.is_empty() {
                                s.text.push_str(&alt);
                                s.text.push('\n');
                            }
                            if let Some(src) = e.attr("src") {
                                s.images.push(super::NoticeImage {
                                    src: src.to_string(),
                                    alt,
                                    file: None,
                                });
                            }
                        }
                        _ => {
                            self.walk(child_el);
                            if matches!(name, "p" | "li" | "div" | "br" | "dd" | "dt") {
                                self.current().text.push('\n');
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Sections of one HTML document; `link` is how to reach it.
pub fn page_sections(html: &str, link: &str) -> (Vec<Section>, String) {
    let doc = Html::parse_document(html);
    let title_sel = Selector::parse("title").expect("valid selector");
    let page_title = doc
        .select(&title_sel)
        .next()
        .map(|t| clean_title(&t.text().collect::<String>()))
        .unwrap_or_default();
    let lang = doc
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.chars().take(2).collect::<String>().to_lowercase())
        .unwrap_or_default();
    // Prefer the article's main content when the page marks it.
    let main_sel = Selector::parse("main, article, [role=main], .article, .entry-content")
        .expect("valid selector");
    let body_sel = Selector::parse("body").expect("valid selector");
    let root = doc
        .select(&main_sel)
        .next()
        .or_else(|| doc.select(&body_sel).next())
        .unwrap_or(doc.root_element());
    let mut w = Walker {
        link,
        page_title,
        sections: Vec::new(),
        headings: Vec::new(),
    };
    w.walk(root);
    let sections = w
        .sections
        .into_iter()
        .filter(|s| !s.text.trim().is_empty() || !s.fields.is_empty() || s.path.len() > 1)
        .collect();
    (sections, lang)
}

/// Read every `.html` file of a folder (or one file).
pub fn read_folder(path: &Path) -> Result<Notice, NoticeError> {
    let files = if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        files_with_ext(path, "html")
    };
    let mut sections = Vec::new();
    let mut langs = Vec::new();
    let mut all_text = String::new();
    for f in files {
        let html = read_to_string(&f)?;
        let rel = f.strip_prefix(path).unwrap_or(&f).display().to_string();
        let rel = if rel.is_empty() {
            f.display().to_string()
        } else {
            rel
        };
        let (mut secs, lang) = page_sections(&html, &rel);
        super::resolve_images(&mut secs, &f);
        for s in &secs {
            all_text.push_str(&s.text);
        }
        langs.push(lang);
        sections.extend(secs);
    }
    let lang = langs
        .iter()
        .find(|l| !l.is_empty())
        .cloned()
        .unwrap_or_else(|| super::guess_lang(&all_text));
    Ok(Notice {
        source: path.display().to_string(),
        format: NoticeFormat::Html,
        lang,
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_centre_article() {
        let html = r#"<html lang="fr"><head><title>📌 Créer une concertation | Aide</title></head><body>
<nav>Menu Accueil Concertations</nav>
<article><h1>📌 Créer une concertation</h1>
<p>Depuis l'administration, cliquez sur <strong>Nouvelle concertation</strong>.</p>
<h2 id="etapes">Les étapes</h2><p>Chaque concertation a des étapes.</p>
<img src="x.png" alt="Liste des étapes">
<table><tr><th>Champ</th><th>Type</th><th>Description</th><th>Visibilité</th></tr>
<tr><td>Titre</td><td>Texte</td><td>Le nom</td><td>Public</td></tr>
<tr><td>Date de début</td><td>Date</td><td>Début</td><td>Public</td></tr></table>
</article><footer>© OSP</footer></body></html>"#;
        let (secs, lang) = page_sections(html, "a.html");
        assert_eq!(lang, "fr");
        assert_eq!(secs.len(), 2);
        assert_eq!(secs[0].path, ["Créer une concertation"]);
        assert!(secs[0].text.contains("Nouvelle concertation"));
        assert!(!secs[0].text.contains("Menu Accueil"));
        assert_eq!(secs[1].breadcrumb(), "Créer une concertation › Les étapes");
        assert_eq!(secs[1].link, "a.html#etapes");
        assert_eq!(secs[1].fields, ["Titre", "Date de début"]);
        assert!(secs[1].text.contains("Liste des étapes"));
    }
}
