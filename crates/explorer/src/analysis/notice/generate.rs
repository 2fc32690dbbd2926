//! A generated Antora manual of any size, for the gap benchmark and its tests: one page per
//! catalogue feature (cycling), each with a field table.

use crate::analysis::catalogue::Catalogue;
use std::path::Path;

/// Write `pages` AsciiDoc pages with `fields_per_page` field rows each under `dir`
/// (`modules/admin/pages`, plus a `nav.adoc`); returns (pages, field rows).
pub fn manual(
    dir: &Path,
    catalogue: &Catalogue,
    pages: usize,
    fields_per_page: usize,
) -> (usize, usize) {
    let pages_dir = dir.join("modules/admin/pages");
    std::fs::create_dir_all(&pages_dir).expect("create pages dir");
    std::fs::create_dir_all(dir.join("modules/ROOT")).expect("create ROOT");
    let mut nav = String::new();
    let mut rows = 0;
    for i in 0..pages {
        let f = &catalogue.features[i % catalogue.features.len()];
        let title = f.name.get("en");
        nav.push_str(&format!("* xref:admin:page{i}.adoc[{title}]\n"));
        let mut page = format!("= {title}\n\nThis page explains {title} in the admin. {}\n\n== Form\n\n|===\n|Field |Type |Description\n\n", f.synonyms.en.join(", "));
        for j in 0..fields_per_page {
            page.push_str(&format!(
                "|Field {j} of {title}\n|Text\n|What to write in field {j}.\n\n"
            ));
            rows += 1;
        }
        page.push_str("|===\n\n== Actions\n\nEdit, publish or delete from the list.\n");
        std::fs::write(pages_dir.join(format!("page{i}.adoc")), page).expect("write page");
    }
    std::fs::write(dir.join("modules/ROOT/nav.adoc"), nav).expect("write nav");
    (pages, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_manual_reads_back_whole() {
        let catalogue =
            Catalogue::load(&crate::test_support::repo_root().join("scenarios")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (pages, rows) = manual(dir.path(), &catalogue, 100, 5);
        assert_eq!((pages, rows), (100, 500));
        let notice = crate::analysis::notice::read(dir.path()).unwrap();
        let fields: usize = notice.sections.iter().map(|s| s.fields.len()).sum();
        assert_eq!(fields, 500);
        assert_eq!(
            notice.sections.len(),
            300,
            "page, form and actions sections per page"
        );
    }
}
