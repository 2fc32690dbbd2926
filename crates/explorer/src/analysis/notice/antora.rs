//! A Decidim-style Antora documentation tree: `docs/<lang>/modules/admin/pages/**/*.adoc`, page
//! order and titles from `nav.adoc` (`* xref:admin:path.adoc[Title]`, nesting by `*` count),
//! shared fragments in `partials/` pulled in with `include::partial$name.adoc[]`.

use super::{asciidoc, files_with_ext, read_to_string, Notice, NoticeError, NoticeFormat, Section};
use std::path::{Path, PathBuf};

/// The `modules` folder's parent (a component root) under `dir`, if `dir` holds an Antora tree.
/// Looks at `dir`, `dir/docs/<lang>`; with several languages, French first (OSP's staff read it).
pub fn find_root(dir: &Path) -> Option<PathBuf> {
    if dir.join("modules").is_dir() {
        return Some(dir.to_path_buf());
    }
    // A module (`…/modules/admin`) or its pages (`…/modules/admin/pages`): the root is above.
    for up in [dir, dir.parent().unwrap_or(dir)] {
        let parent = up.parent();
        if up.join("pages").is_dir() && parent.is_some_and(|p| p.ends_with("modules")) {
            return parent.and_then(Path::parent).map(Path::to_path_buf);
        }
    }
    let docs = if dir.join("docs").is_dir() {
        dir.join("docs")
    } else {
        dir.to_path_buf()
    };
    let mut langs: Vec<PathBuf> = std::fs::read_dir(&docs)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("modules").is_dir())
        .collect();
    langs.sort_by_key(|p| (p.file_name().is_none_or(|n| n != "fr"), p.clone()));
    langs.into_iter().next()
}

/// One nav entry: the page file (relative to `pages/`) and the titles above and at it.
#[derive(Debug, Clone, PartialEq)]
struct NavEntry {
    page: String,
    path: Vec<String>,
}

/// Parse `nav.adoc`: `*` nesting, `xref:admin:file.adoc[Title]` (or `xref:file.adoc[]`), and
/// plain `* Title` group lines.
fn parse_nav(text: &str) -> Vec<NavEntry> {
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        let depth = t.chars().take_while(|c| *c == '*').count();
        if depth == 0 {
            continue;
        }
        let rest = t[depth..].trim();
        stack.truncate(depth - 1);
        if let Some(x) = rest.find("xref:") {
            let target = &rest[x + 5..];
            let (file, title) = match target.split_once('[') {
                Some((f, t)) => (f, t.trim_end_matches(']')),
                None => (target, ""),
            };
            let file = file.rsplit(':').next().unwrap_or(file).to_string();
            let title = if title.is_empty() {
                file.trim_end_matches(".adoc").replace(['_', '-'], " ")
            } else {
                asciidoc::clean_inline(title)
            };
            stack.push(title);
            out.push(NavEntry {
                page: file,
                path: stack.clone(),
            });
        } else {
            stack.push(asciidoc::clean_inline(rest));
        }
    }
    out
}

/// `file:///abs/path` of a file (its absolute path when it can be resolved).
pub fn file_url(file: &Path) -> String {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    format!("file://{}", abs.display())
}

/// Where Antora publishes a page: `<site>/<module>/<page path>.html`, `site` being the URL of the
/// component's version (`https://docs.decidim.org/en/develop`).
fn published_page(site: &str, file: &Path, pages_dir: &Path) -> String {
    let module = pages_dir
        .parent()
        .and_then(Path::file_name)
        .map(|m| m.to_string_lossy().to_string())
        .unwrap_or_default();
    let page = file
        .strip_prefix(pages_dir)
        .unwrap_or(file)
        .with_extension("html")
        .to_string_lossy()
        .replace('\\', "/");
    // Antora drops the ROOT module from URLs.
    if module == "ROOT" {
        format!("{site}/{page}")
    } else {
        format!("{site}/{module}/{page}")
    }
}

/// A value of a flat YAML file (`key: value`), enough for `antora.yml` and a playbook's site URL.
fn yaml_value(text: &str, key: &str, indented: bool) -> Option<String> {
    text.lines().find_map(|l| {
        let t = if indented { l.trim_start() } else { l };
        let v = t.strip_prefix(key)?.strip_prefix(':')?.trim();
        let v = v.trim_matches(|c| c == '"' || c == '\'');
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// The published URL of the component at `root`: the site's URL from the first
/// `antora-playbook.yml` above it (`site: url:`), then `antora.yml`'s name and version.
pub fn detect_site(root: &Path) -> Option<String> {
    let component = std::fs::read_to_string(root.join("antora.yml")).ok()?;
    let name = yaml_value(&component, "name", false)?;
    let version = yaml_value(&component, "version", false)?;
    let abs = std::fs::canonicalize(root).ok()?;
    let playbook = abs
        .ancestors()
        .map(|d| d.join("antora-playbook.yml"))
        .find(|p| p.is_file())?;
    let text = std::fs::read_to_string(playbook).ok()?;
    let site_block = &text[text.find("site:")?..];
    let url = yaml_value(site_block, "url", true)?;
    Some(format!("{}/{name}/{version}", url.trim_end_matches('/')))
}

/// Read the admin module of the tree rooted at `root` (the folder holding `modules/`); links go to
/// the published pages under `site` (detected from the playbook when not given), else to the files.
pub fn read(root: &Path, given: &Path, site: Option<&str>) -> Result<Notice, NoticeError> {
    let module = root.join("modules").join("admin");
    let pages_dir = if module.join("pages").is_dir() {
        module.join("pages")
    } else {
        root.join("modules").join("ROOT").join("pages")
    };
    let mut nav = Vec::new();
    for candidate in [root.join("modules/ROOT/nav.adoc"), module.join("nav.adoc")] {
        if candidate.is_file() {
            nav.extend(parse_nav(&read_to_string(&candidate)?));
        }
    }
    let partial = |target: &str| -> Option<String> {
        // `partial$x.adoc`, `admin:partial$x.adoc`, `ROOT:partial$x.adoc`
        let (module_name, name) = match target.split_once("partial$") {
            Some((prefix, name)) => (prefix.trim_end_matches(':'), name),
            None => return None,
        };
        let module_dir = if module_name.is_empty() {
            module.clone()
        } else {
            root.join("modules").join(module_name)
        };
        std::fs::read_to_string(module_dir.join("partials").join(name)).ok()
    };
    // Pages in nav order, then any page the nav forgot (sorted), so nothing is ignored.
    let mut ordered: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for e in &nav {
        let p = pages_dir.join(&e.page);
        if p.is_file() && !ordered.iter().any(|(q, _)| q == &p) {
            ordered.push((p, e.path[..e.path.len().saturating_sub(1)].to_vec()));
        }
    }
    let listed = ordered.len();
    for p in files_with_ext(&pages_dir, "adoc") {
        if !ordered.iter().any(|(q, _)| q == &p) {
            ordered.push((p, Vec::new()));
        }
    }
    let site = site
        .map(|s| s.trim_end_matches('/').to_string())
        .or_else(|| detect_site(root));
    let mut sections: Vec<Section> = Vec::new();
    let mut all_text = String::new();
    let has_nav = listed > 0;
    for (n, (file, above)) in ordered.into_iter().enumerate() {
        let raw = read_to_string(&file)?;
        let text = asciidoc::expand_includes(&raw, &partial, 0);
        all_text.push_str(&text);
        // The published page when the manual has a site, else the source file itself: a link
        // that works wherever the report is written.
        let rel = match &site {
            Some(site) => published_page(site, &file, &pages_dir),
            None => file_url(&file),
        };
        let images = module.join("assets").join("images");
        let page_rel = file
            .strip_prefix(&pages_dir)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        for mut section in asciidoc::sections(&text, &above, &rel) {
            section.unlisted = has_nav && n >= listed;
            section.source = match section.link.split_once('#') {
                Some((_, anchor)) => format!("{page_rel}#{anchor}"),
                None => page_rel.clone(),
            };
            for img in &mut section.images {
                // `admin:x.png` names another module's image; a bare name is this module's.
                let file = match img.src.split_once(':') {
                    Some((m, name)) => root
                        .join("modules")
                        .join(m)
                        .join("assets/images")
                        .join(name),
                    None => images.join(&img.src),
                };
                img.file = file.is_file().then_some(file);
            }
            sections.push(section);
        }
    }
    let lang = root
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| n.len() == 2)
        .map(str::to_string)
        .unwrap_or_else(|| super::guess_lang(&all_text));
    Ok(Notice {
        source: given.display().to_string(),
        format: NoticeFormat::Antora,
        lang,
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_go_to_the_published_site_from_the_playbook_else_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs/en");
        let pages = root.join("modules/admin/pages/spaces");
        std::fs::create_dir_all(&pages).unwrap();
        std::fs::write(
            pages.join("processes.adoc"),
            "= Processes\n\n== Create\n\nText.\n",
        )
        .unwrap();
        let n = read(&root, dir.path(), None).unwrap();
        assert!(
            n.sections[1].link.starts_with("file:///"),
            "{}",
            n.sections[1].link
        );
        assert!(n.sections[1]
            .link
            .ends_with("spaces/processes.adoc#_create"));
        std::fs::write(
            root.join("antora.yml"),
            "name: en\ntitle: \"Docs\"\nversion: develop\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("antora-playbook.yml"),
            "site:\n  title: Docs\n  url: https://docs.decidim.org\ncontent:\n  sources:\n    - url: https://example.org/x\n",
        )
        .unwrap();
        let n = read(&root, dir.path(), None).unwrap();
        assert_eq!(
            n.sections[1].link,
            "https://docs.decidim.org/en/develop/admin/spaces/processes.html#_create"
        );
        let n = read(
            &root,
            dir.path(),
            Some("https://docs.decidim.org/en/v0.28/"),
        )
        .unwrap();
        assert!(n.sections[0]
            .link
            .starts_with("https://docs.decidim.org/en/v0.28/admin/"));
    }

    #[test]
    fn nav_nesting_and_titles() {
        let nav = "* Espaces\n** xref:admin:spaces/processes.adoc[Concertations]\n*** xref:admin:spaces/phases.adoc[]\n* xref:admin:newsletters.adoc[Lettres d'information]\n";
        let e = parse_nav(nav);
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].path, ["Espaces", "Concertations"]);
        assert_eq!(e[1].page, "spaces/phases.adoc");
        assert_eq!(e[1].path, ["Espaces", "Concertations", "spaces/phases"]);
        assert_eq!(e[2].path, ["Lettres d'information"]);
    }
}
