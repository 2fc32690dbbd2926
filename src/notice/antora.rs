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

/// Read the admin module of the tree rooted at `root` (the folder holding `modules/`).
pub fn read(root: &Path, given: &Path) -> Result<Notice, NoticeError> {
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
    for p in files_with_ext(&pages_dir, "adoc") {
        if !ordered.iter().any(|(q, _)| q == &p) {
            ordered.push((p, Vec::new()));
        }
    }
    let mut sections: Vec<Section> = Vec::new();
    let mut all_text = String::new();
    for (file, above) in ordered {
        let raw = read_to_string(&file)?;
        let text = asciidoc::expand_includes(&raw, &partial, 0);
        all_text.push_str(&text);
        let rel = file
            .strip_prefix(given)
            .unwrap_or(&file)
            .display()
            .to_string();
        sections.extend(asciidoc::sections(&text, &above, &rel));
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
