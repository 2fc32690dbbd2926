//! The area definitions the engine serves: every `fixtures/resources/<area>.toml`, parsed and checked once.
//!
//! The list is data, not code: the engine reads the areas' TOML files but imports none of their modules.

use std::sync::OnceLock;

use super::def::Definition;

macro_rules! area {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../fixtures/resources/", $name, ".toml")),
        )
    };
}

/// Every area definition, in seeding order (a seed may refer to seeds of an area above it).
pub(crate) const AREAS: &[(&str, &str)] = &[
    area!("scope_types"),
    area!("scopes"),
    area!("area_types"),
    area!("areas"),
    area!("categories"),
    area!("proposal_states"),
    area!("proposals"),
    area!("process_steps"),
    area!("process_groups"),
    area!("process_types"),
    area!("process_attachment_collections"),
    area!("process_attachments"),
    area!("process_user_roles"),
    area!("process_private_users"),
    area!("blogs"),
    area!("debates"),
    area!("debate_closes"),
    area!("sortitions"),
    area!("accountability_statuses"),
    area!("accountability_results"),
    area!("budgets"),
    area!("budget_projects"),
    area!("component_pages"),
    area!("meetings"),
    area!("meeting_registrations"),
    area!("meeting_closes"),
    area!("meeting_copies"),
    area!("meeting_agendas"),
    area!("surveys"),
    area!("static_page_topics"),
    area!("static_pages"),
    // Area A2: assemblies, conferences, initiatives (space kinds before what lives in them).
    area!("assemblies_types"),
    area!("assemblies"),
    area!("assembly_members"),
    area!("conferences"),
    area!("conference_speakers"),
    area!("conference_media_links"),
    area!("conference_registration_types"),
    area!("initiatives_types"),
    area!("initiatives_type_scopes"),
    area!("initiatives"),
    // Area C1: admins of the organization (participants.rs serves the rest of the Participants section).
    area!("admins"),
];

/// Definitions served only in `cargo test` builds (they exercise what no real area uses yet).
#[cfg(test)]
pub(crate) const TEST_AREAS: &[(&str, &str)] = &[area!("_test_widgets")];
#[cfg(not(test))]
pub(crate) const TEST_AREAS: &[(&str, &str)] = &[];

/// Parses and checks every definition; the error names the file.
pub(crate) fn load() -> Result<Vec<Definition>, String> {
    let files: Vec<&(&str, &str)> = AREAS.iter().chain(TEST_AREAS).collect();
    let mut defs = Vec::new();
    for (name, src) in &files {
        let d: Definition =
            toml::from_str(src).map_err(|e| format!("fixtures/resources/{name}.toml: {e}"))?;
        defs.push(d);
    }
    // Copy definitions take the fields of the kind they copy.
    for i in 0..defs.len() {
        if let Some(kind) = defs[i]
            .copy_of
            .clone()
            .filter(|_| defs[i].fields.is_empty())
        {
            match defs.iter().find(|d| d.kind == kind) {
                Some(t) => defs[i].fields = t.fields.clone(),
                None => {
                    return Err(format!(
                        "resource `{}`: unknown copy_of `{kind}`",
                        defs[i].kind
                    ))
                }
            }
        }
    }
    let mut kinds: Vec<&str> = defs.iter().map(|d| d.kind.as_str()).collect();
    kinds.push("component");
    for (i, d) in defs.iter().enumerate() {
        if defs[..i].iter().any(|o| o.kind == d.kind) {
            return Err(format!("resource kind `{}` defined twice", d.kind));
        }
        d.check(&kinds)
            .map_err(|e| format!("fixtures/resources/{}.toml: {e}", files[i].0))?;
    }
    Ok(defs)
}

/// The loaded definitions. Panics on an invalid definition, which every unit test reveals at once.
pub(crate) fn definitions() -> &'static [Definition] {
    static DEFS: OnceLock<Vec<Definition>> = OnceLock::new();
    DEFS.get_or_init(|| load().unwrap_or_else(|e| panic!("{e}")))
}

/// Whether a definition serves the root admin page (`…/components/:id/manage/`) of components of
/// this manifest; the components routes then hand that page over to the engine.
pub(crate) fn serves_component_root(manifest: &str) -> bool {
    definitions().iter().any(|d| {
        d.component.as_deref() == Some(manifest)
            && d.paths
                .iter()
                .any(|p| p.trim_end_matches('/').ends_with("/manage"))
    })
}

/// The definition of `kind`.
pub(crate) fn by_kind(kind: &str) -> Option<&'static Definition> {
    definitions().iter().find(|d| d.kind == kind)
}
