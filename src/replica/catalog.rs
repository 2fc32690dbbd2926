//! The component catalogue: manifest names the "Add component" menu offers and the settings each form shows.
//!
//! Labels live in the locale files under `decidim.components.<manifest>.name` and
//! `decidim.components.<manifest>.settings.{global,step}.<setting>`, as in Decidim.

/// Kind of input a setting renders as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingKind {
    /// `input[type=checkbox]` with a hidden `0` before it (Rails' `check_box`).
    Boolean,
    /// `input[type=number]`.
    Integer,
}

/// One setting of a component manifest.
#[derive(Clone, Copy, Debug)]
pub struct Setting {
    pub name: &'static str,
    pub kind: SettingKind,
    pub default: &'static str,
}

/// A component type.
#[derive(Clone, Copy, Debug)]
pub struct Manifest {
    pub name: &'static str,
    pub global: &'static [Setting],
    pub step: &'static [Setting],
}

const fn b(name: &'static str, default: &'static str) -> Setting {
    Setting {
        name,
        kind: SettingKind::Boolean,
        default,
    }
}

const fn i(name: &'static str, default: &'static str) -> Setting {
    Setting {
        name,
        kind: SettingKind::Integer,
        default,
    }
}

/// Manifests in the order of Decidim's "Add component" dropdown.
pub const MANIFESTS: &[Manifest] = &[
    Manifest {
        name: "proposals",
        // Boolean and integer settings of decidim-proposals 0.29 `component.rb`, in manifest order
        // (text, select and scope settings are not reproduced).
        global: &[
            b("scopes_enabled", "0"),
            i("vote_limit", "0"),
            i("minimum_votes_per_user", "0"),
            i("proposal_limit", "0"),
            i("proposal_length", "500"),
            i("proposal_edit_before_minutes", "5"),
            i("threshold_per_proposal", "0"),
            b("can_accumulate_votes_beyond_threshold", "0"),
            b("proposal_answering_enabled", "1"),
            b("official_proposals_enabled", "1"),
            b("comments_enabled", "1"),
            i("comments_max_length", "0"),
            b("geocoding_enabled", "0"),
            b("attachments_allowed", "0"),
            b("resources_permissions_enabled", "1"),
            b("collaborative_drafts_enabled", "0"),
            b("participatory_texts_enabled", "0"),
            b("amendments_enabled", "0"),
        ],
        step: &[
            b("endorsements_enabled", "1"),
            b("endorsements_blocked", "0"),
            b("votes_enabled", "0"),
            b("votes_blocked", "0"),
            b("votes_hidden", "0"),
            b("comments_blocked", "0"),
            b("creation_enabled", "0"),
            b("proposal_answering_enabled", "1"),
            b("publish_answers_immediately", "1"),
            b("answers_with_costs", "0"),
            b("amendment_creation_enabled", "1"),
            b("amendment_reaction_enabled", "1"),
            b("amendment_promotion_enabled", "1"),
        ],
    },
    Manifest {
        name: "meetings",
        global: &[
            b("comments_enabled", "1"),
            b("creation_enabled_for_participants", "0"),
        ],
        step: &[b("comments_blocked", "0")],
    },
    Manifest {
        name: "budgets",
        global: &[i("projects_per_page", "12"), b("comments_enabled", "1")],
        step: &[
            b("votes", "0"),
            b("show_votes", "0"),
            b("comments_blocked", "0"),
        ],
    },
    Manifest {
        name: "surveys",
        global: &[b("clean_after_publish", "1")],
        step: &[b("allow_answers", "0"), b("allow_unregistered", "0")],
    },
    Manifest {
        name: "debates",
        global: &[b("comments_enabled", "1")],
        step: &[b("creation_enabled", "0"), b("comments_blocked", "0")],
    },
    Manifest {
        name: "accountability",
        global: &[
            b("comments_enabled", "1"),
            b("display_progress_enabled", "1"),
        ],
        step: &[b("comments_blocked", "0")],
    },
    Manifest {
        name: "blogs",
        global: &[b("comments_enabled", "1")],
        step: &[b("comments_blocked", "0")],
    },
    Manifest {
        name: "pages",
        global: &[],
        step: &[],
    },
    Manifest {
        name: "sortitions",
        global: &[b("comments_enabled", "1")],
        step: &[b("comments_blocked", "0")],
    },
];

/// Looks a manifest up by name.
pub fn manifest(name: &str) -> Option<&'static Manifest> {
    MANIFESTS.iter().find(|m| m.name == name)
}
