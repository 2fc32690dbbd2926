//! The component catalogue: manifest names the "Add component" menu offers and the settings each form shows.
//!
//! Labels live in the locale files under `decidim.components.<manifest>.name` and
//! `decidim.components.<manifest>.settings.{global,step}.<setting>`, as in Decidim.
//!
//! [`MANIFESTS`] is core Decidim's list. The `osp` flavour adds what OpenSourcePolitics/decidim-app and its
//! modules register ([`OSP_ADDITIONS`], [`OSP_MANIFESTS`]); [`manifests`] and [`manifest`] give a flavour's view.

use crate::flavour::Flavour;

/// Kind of input a setting renders as (decidim-admin `SettingsHelper::TYPES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SettingKind {
    /// `input[type=checkbox]` with a hidden `0` before it (Rails' `check_box`).
    Boolean,
    /// `input[type=number]`.
    Integer,
    /// `text_field` (type `:string`).
    String,
    /// `text_area` with 6 rows (type `:text`), or an editor when the setting says so.
    Text,
    /// `select` of the setting's choices (type `:select`).
    Select,
}

/// One setting of a component manifest.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Setting {
    pub name: &'static str,
    pub kind: SettingKind,
    pub default: &'static str,
    /// `translated: true`: one field per locale, with tabs.
    pub translated: bool,
    /// `editor: true` (text settings): the rich-text editor.
    pub editor: bool,
    /// The locale has a help text (`<name>_help` or `<name>_help_html`): the key's suffix, or "" for none.
    pub help: &'static str,
    /// Choices of a select (option labels: `<name>_options.<choice>`).
    pub choices: &'static [&'static str],
}

/// A component type.
#[derive(Clone, Debug)]
pub(crate) struct Manifest {
    pub name: &'static str,
    pub global: Vec<Setting>,
    pub step: Vec<Setting>,
}

/// A component type as declared (static data).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ManifestDef {
    pub name: &'static str,
    pub global: &'static [Setting],
    pub step: &'static [Setting],
}

const fn setting(name: &'static str, kind: SettingKind, default: &'static str) -> Setting {
    Setting {
        name,
        kind,
        default,
        translated: false,
        editor: false,
        help: "",
        choices: &[],
    }
}

const fn b(name: &'static str, default: &'static str) -> Setting {
    setting(name, SettingKind::Boolean, default)
}

const fn i(name: &'static str, default: &'static str) -> Setting {
    setting(name, SettingKind::Integer, default)
}

/// A `:string` setting.
const fn s(name: &'static str) -> Setting {
    setting(name, SettingKind::String, "")
}

/// A `:text` setting (textarea).
const fn text(name: &'static str) -> Setting {
    setting(name, SettingKind::Text, "")
}

/// A translated `:string` setting.
const fn tr_string(name: &'static str) -> Setting {
    Setting {
        translated: true,
        ..s(name)
    }
}

/// A translated `:text` setting with the editor (`translated: true, editor: true`).
const fn tr_editor(name: &'static str) -> Setting {
    Setting {
        translated: true,
        editor: true,
        ..text(name)
    }
}

/// The same setting with a help text under `<name>_<suffix>` (`help` or `help_html`).
const fn help(s: Setting, suffix: &'static str) -> Setting {
    Setting { help: suffix, ..s }
}

/// Manifests in the order of Decidim's "Add component" dropdown.
pub(crate) const MANIFESTS: &[ManifestDef] = &[
    ManifestDef {
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
    ManifestDef {
        name: "meetings",
        global: &[
            b("comments_enabled", "1"),
            b("creation_enabled_for_participants", "0"),
        ],
        step: &[b("comments_blocked", "0")],
    },
    ManifestDef {
        name: "budgets",
        global: &[i("projects_per_page", "12"), b("comments_enabled", "1")],
        step: &[
            b("votes", "0"),
            b("show_votes", "0"),
            b("comments_blocked", "0"),
        ],
    },
    ManifestDef {
        name: "surveys",
        global: &[b("clean_after_publish", "1")],
        step: &[b("allow_answers", "0"), b("allow_unregistered", "0")],
    },
    ManifestDef {
        name: "debates",
        global: &[b("comments_enabled", "1")],
        step: &[b("creation_enabled", "0"), b("comments_blocked", "0")],
    },
    ManifestDef {
        name: "accountability",
        global: &[
            b("comments_enabled", "1"),
            b("display_progress_enabled", "1"),
        ],
        step: &[b("comments_blocked", "0")],
    },
    ManifestDef {
        name: "blogs",
        global: &[b("comments_enabled", "1")],
        step: &[b("comments_blocked", "0")],
    },
    ManifestDef {
        name: "pages",
        global: &[],
        step: &[],
    },
    ManifestDef {
        name: "sortitions",
        global: &[b("comments_enabled", "1")],
        step: &[b("comments_blocked", "0")],
    },
];

/// Where an OSP module adds settings to a core manifest.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Addition {
    pub manifest: &'static str,
    /// `false`: global settings, `true`: step settings.
    pub step: bool,
    /// Inserted after this setting (awesome's `hash_append!`); `None`: appended (`settings.attribute`).
    pub after: Option<&'static str>,
    pub settings: &'static [Setting],
}

/// What decidim-app and its modules add to core manifests, in the order Rails runs them: engine initializers
/// in Gemfile order (anonymous_proposals :49, decidim_awesome :53, budgets_booth, multipod_iframe :57), then
/// the app's `config/initializers/decidim.rb`, then `to_prepare` blocks (survey_multiple_answers). Text and
/// select settings of core are not reproduced, so "appended" lands after the last reproduced core setting.
pub(crate) const OSP_ADDITIONS: &[Addition] = &[
    // decidim_awesome a9f2077f lib/decidim/decidim_awesome/engine.rb:220-278 (weighted_proposal_voting, on by
    // default, awesome.rb:107-109; voting_components includes proposals, awesome.rb:356-358).
    Addition {
        manifest: "proposals",
        step: false,
        after: Some("can_accumulate_votes_beyond_threshold"),
        settings: &[
            Setting {
                choices: &["default", "voting_cards"],
                ..help(
                    setting("awesome_voting_manifest", SettingKind::Select, ""),
                    "help_html",
                )
            },
            help(tr_string("voting_cards_box_title"), "help"),
            b("voting_cards_show_modal_help", "1"),
            b("voting_cards_show_abstain", "0"),
            help(tr_editor("voting_cards_instructions"), "help"),
        ],
    },
    // decidim_awesome engine.rb:161-179 (additional_proposal_options): allow_limiting_amendments (default false, awesome.rb:128-130).
    Addition {
        manifest: "proposals",
        step: false,
        after: Some("amendments_enabled"),
        settings: &[b("limit_pending_amendments", "0")],
    },
    // decidim-anonymous_proposals lib/decidim/anonymous_proposals/engine.rb:19-24.
    Addition {
        manifest: "proposals",
        step: false,
        after: None,
        settings: &[b("anonymous_proposals_enabled", "0")],
    },
    // decidim-budgets_booth (decidim-module-ptp c089979c) lib/decidim/budgets_booth/engine.rb:76-85.
    Addition {
        manifest: "budgets",
        step: false,
        after: None,
        settings: &[
            i("maximum_budgets_to_vote_on", "0"),
            tr_editor("vote_success_content"),
            tr_editor("vote_completed_content"),
            s("vote_success_url"),
            s("vote_cancel_url"),
        ],
    },
    // decidim-multipod_iframe lib/decidim/multipod_iframe/admin_engine.rb (search index, commit bbe941c).
    Addition {
        manifest: "proposals",
        step: false,
        after: None,
        settings: &[b("enable_iframe", "0"), s("iframe_url")],
    },
    // decidim-app config/initializers/decidim.rb:433-445 (require_category / require_scope: true).
    Addition {
        manifest: "proposals",
        step: false,
        after: None,
        settings: &[b("require_category", "1"), b("require_scope", "1")],
    },
    // decidim-survey_multiple_answers lib/decidim/survey_multiple_answers/engine.rb:31-40 (a to_prepare block, 65ea832).
    Addition {
        manifest: "surveys",
        step: false,
        after: None,
        settings: &[help(b("allow_multiple_answers", "0"), "help")],
    },
    Addition {
        manifest: "surveys",
        step: true,
        after: None,
        settings: &[help(b("allow_multiple_answers", "0"), "help")],
    },
];

/// Component types the OSP modules register, after core's: emitter's at `require` time
/// (lib/decidim/emitter.rb requires emitter/component.rb), decidim_awesome's in a `to_prepare` block
/// ("Late registering of components", engine.rb:28,112-117), map first then iframe (decidim_awesome.rb:8-13).
pub(crate) const OSP_MANIFESTS: &[ManifestDef] = &[
    // decidim-emitter lib/decidim/emitter/component.rb: no settings (0.27 snapshot 8633ea5).
    ManifestDef {
        name: "emitter",
        global: &[],
        step: &[],
    },
    // decidim_awesome a9f2077f lib/decidim/decidim_awesome/map_component/component.rb:14-38.
    ManifestDef {
        name: "awesome_map",
        global: &[
            tr_editor("announcement"),
            i("map_height", "700"),
            help(s("map_center"), "help"),
            help(i("map_zoom", "8"), "help"),
            i("truncate", "255"),
            b("collapse", "0"),
            b("menu_amendments", "1"),
            b("menu_meetings", "1"),
            b("menu_categories", "1"),
            b("menu_hashtags", "1"),
            b("menu_merge_components", "0"),
        ],
        step: &[
            tr_editor("announcement"),
            b("show_not_answered", "1"),
            b("show_evaluating", "1"),
            b("show_accepted", "1"),
            b("show_rejected", "0"),
            b("show_withdrawn", "0"),
        ],
    },
    // decidim_awesome a9f2077f lib/decidim/decidim_awesome/iframe_component/component.rb:14-25.
    ManifestDef {
        name: "awesome_iframe",
        global: &[
            tr_editor("announcement"),
            help(text("iframe"), "help"),
            b("viewport_width", "0"),
        ],
        step: &[tr_editor("announcement"), text("iframe")],
    },
];

fn with_additions(def: &ManifestDef, flavour: Flavour) -> Manifest {
    let mut m = Manifest {
        name: def.name,
        global: def.global.to_vec(),
        step: def.step.to_vec(),
    };
    if flavour == Flavour::Osp {
        for a in OSP_ADDITIONS.iter().filter(|a| a.manifest == def.name) {
            let list = if a.step { &mut m.step } else { &mut m.global };
            let at = a
                .after
                .and_then(|after| list.iter().position(|s| s.name == after))
                .map(|p| p + 1)
                .unwrap_or(list.len());
            for (k, s) in a.settings.iter().enumerate() {
                list.insert(at + k, *s);
            }
        }
    }
    m
}

/// The component types of `flavour`, in the order of its "Add component" dropdown (Decidim's registration order).
pub(crate) fn manifests(flavour: Flavour) -> Vec<Manifest> {
    let extra: &[ManifestDef] = match flavour {
        Flavour::Core => &[],
        Flavour::Osp => OSP_MANIFESTS,
    };
    MANIFESTS
        .iter()
        .chain(extra)
        .map(|d| with_additions(d, flavour))
        .collect()
}

/// Looks a manifest of `flavour` up by name.
pub(crate) fn manifest(flavour: Flavour, name: &str) -> Option<Manifest> {
    manifests(flavour).into_iter().find(|m| m.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[Setting]) -> Vec<&'static str> {
        v.iter().map(|s| s.name).collect()
    }

    #[test]
    fn core_is_untouched_and_osp_adds_its_modules() {
        let core: Vec<_> = manifests(Flavour::Core).iter().map(|m| m.name).collect();
        let osp: Vec<_> = manifests(Flavour::Osp).iter().map(|m| m.name).collect();
        assert_eq!(core.len(), MANIFESTS.len());
        assert_eq!(&osp[..core.len()], &core[..]);
        assert_eq!(
            &osp[core.len()..],
            &["emitter", "awesome_map", "awesome_iframe"]
        );
        let core_p = manifest(Flavour::Core, "proposals").unwrap();
        assert_eq!(names(&core_p.global), names(MANIFESTS[0].global));
        assert!(manifest(Flavour::Core, "awesome_map").is_none());
        let p = names(&manifest(Flavour::Osp, "proposals").unwrap().global);
        let at = p
            .iter()
            .position(|n| *n == "can_accumulate_votes_beyond_threshold")
            .unwrap();
        assert_eq!(p[at + 1], "awesome_voting_manifest");
        assert_eq!(p[at + 5], "voting_cards_instructions");
        let am = p.iter().position(|n| *n == "amendments_enabled").unwrap();
        assert_eq!(p[am + 1], "limit_pending_amendments");
        assert_eq!(
            &p[p.len() - 5..],
            &[
                "anonymous_proposals_enabled",
                "enable_iframe",
                "iframe_url",
                "require_category",
                "require_scope"
            ]
        );
        let surveys = manifest(Flavour::Osp, "surveys").unwrap();
        assert_eq!(
            surveys.global.last().unwrap().name,
            "allow_multiple_answers"
        );
        assert_eq!(surveys.step.last().unwrap().name, "allow_multiple_answers");
        assert_eq!(
            manifest(Flavour::Osp, "budgets").unwrap().global.len(),
            2 + 5
        );
    }
}
