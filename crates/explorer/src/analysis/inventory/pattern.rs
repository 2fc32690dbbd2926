//! URL patterns: ids and slugs generalised, so that every process's components page is one
//! page of the inventory (`/admin/participatory_processes/:slug/components`).

/// Path segments that are followed by a space slug.
const SPACE_COLLECTIONS: &[&str] = &[
    "participatory_processes",
    "assemblies",
    "conferences",
    "initiatives",
    "participatory_process_groups",
];

/// The generalised pattern of a path.
pub fn pattern_of(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let mut out: Vec<String> = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let prev = if i > 0 { segments[i - 1] } else { "" };
        let generalised = if !seg.is_empty() && seg.chars().all(|c| c.is_ascii_digit()) {
            ":id".to_string()
        } else if SPACE_COLLECTIONS.contains(&prev)
            && !seg.is_empty()
            && !matches!(*seg, "new" | "imports" | "edit")
            && prev != "participatory_process_groups"
        {
            ":slug".to_string()
        } else {
            seg.to_string()
        };
        out.push(generalised);
    }
    let p = out.join("/");
    if p.len() > 1 {
        p.trim_end_matches('/').to_string()
    } else {
        p
    }
}

/// Catalogue routes use named placeholders (`:slug`, `:component_id`, `:user_id`…); compare
/// patterns with every placeholder made the same, and without a query string.
pub fn comparable(route: &str) -> String {
    let path = route.split('?').next().unwrap_or("");
    let p = path
        .split('/')
        .map(|s| if s.starts_with(':') { ":x" } else { s })
        .collect::<Vec<_>>()
        .join("/");
    if p.len() > 1 {
        p.trim_end_matches('/').to_string()
    } else {
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs_are_generalised() {
        assert_eq!(
            pattern_of("/admin/participatory_processes/explorer-ab1/components/12/manage/"),
            "/admin/participatory_processes/:slug/components/:id/manage"
        );
        assert_eq!(
            pattern_of("/admin/participatory_processes/new"),
            "/admin/participatory_processes/new"
        );
        assert_eq!(
            pattern_of("/admin/scopes/3/scopes"),
            "/admin/scopes/:id/scopes"
        );
        assert_eq!(pattern_of("/admin/"), "/admin");
        assert_eq!(
            pattern_of("/admin/participatory_process_groups/4/edit"),
            "/admin/participatory_process_groups/:id/edit"
        );
    }

    #[test]
    fn catalogue_routes_compare_with_patterns() {
        assert_eq!(
            comparable("/admin/participatory_processes/:slug/components/:component_id/manage/"),
            comparable(&pattern_of(
                "/admin/participatory_processes/x/components/3/manage"
            ))
        );
        assert_eq!(
            comparable("/admin/participatory_processes/:slug/components/new?type=:type"),
            "/admin/participatory_processes/:x/components/new"
        );
    }
}
