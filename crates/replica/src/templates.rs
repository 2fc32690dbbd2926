//! `Templates`: the minijinja environment holding every replica page, compiled in with `include_str!`.
//!
//! Templates call `t("key", name=value)` for UI strings (in the `locale` of the render context) and
//! `u("/path")` for links, which appends `?locale=xx` when the locale is not the organization default.
//!
//! The `osp` flavour registers `fixtures/templates/osp/<name>` under `<name>`: a page OSP's app
//! replaces (`admin/resources/scopes_index.html`…) or a page of one of its modules. Every template can read
//! the global `flavour` ("core" or "osp").

use std::sync::Arc;

use minijinja::value::Kwargs;
use minijinja::{AutoEscape, Environment, State, Value};

use super::error::html_escape;
use super::flavour::Flavour;
use super::i18n::I18n;
use crate::i18n::with_locale;

/// Compiled-in template set.
pub(crate) struct Templates {
    env: Environment<'static>,
}

macro_rules! fixture {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../fixtures/templates/", $name)),
        )
    };
}

const FILES: &[(&str, &str)] = &[
    fixture!("layouts/base.html"),
    fixture!("layouts/public.html"),
    fixture!("layouts/admin.html"),
    fixture!("partials/flash.html"),
    fixture!("partials/confirm_modal.html"),
    fixture!("partials/consent.html"),
    fixture!("partials/admin_menu.html"),
    fixture!("partials/process_menu.html"),
    fixture!("partials/forms.html"),
    fixture!("partials/icons.html"),
    fixture!("partials/icon_link.html"),
    fixture!("partials/title_bar.html"),
    fixture!("partials/secondary_menu.html"),
    fixture!("partials/tab_menu.html"),
    fixture!("public/home.html"),
    fixture!("public/sign_in.html"),
    fixture!("public/process.html"),
    fixture!("public/api_docs.html"),
    fixture!("admin/admin_terms.html"),
    fixture!("admin/dashboard.html"),
    fixture!("admin/logs.html"),
    fixture!("admin/placeholder.html"),
    fixture!("admin/processes/index.html"),
    fixture!("admin/processes/form.html"),
    fixture!("admin/processes/steps.html"),
    fixture!("admin/processes/section.html"),
    fixture!("admin/processes/groups.html"),
    fixture!("admin/processes/group_form.html"),
    fixture!("admin/processes/attachments_index.html"),
    fixture!("admin/processes/attachment_form.html"),
    fixture!("admin/processes/private_users.html"),
    fixture!("admin/processes/private_users_csv.html"),
    fixture!("admin/processes/copy.html"),
    fixture!("admin/processes/import.html"),
    fixture!("admin/processes/landing_page.html"),
    fixture!("admin/processes/content_block_form.html"),
    fixture!("admin/processes/moderations.html"),
    fixture!("admin/components/index.html"),
    fixture!("admin/components/form.html"),
    fixture!("admin/components/manage.html"),
    fixture!("admin/resources/index.html"),
    fixture!("admin/resources/form.html"),
    fixture!("admin/scopes/index.html"),
    fixture!("admin/surveys/form.html"),
    fixture!("admin/meetings/registrations_form.html"),
    fixture!("admin/proposals/index.html"),
    fixture!("admin/proposals/form.html"),
    fixture!("admin/proposals/show.html"),
    fixture!("admin/proposals/import.html"),
    fixture!("admin/proposals/participatory_texts.html"),
    fixture!("admin/proposals/states_index.html"),
    fixture!("admin/proposals/state_form.html"),
    fixture!("admin/components/permissions.html"),
    fixture!("admin/pages/index.html"),
    fixture!("admin/newsletters/index.html"),
    fixture!("admin/newsletters/templates.html"),
    fixture!("admin/newsletters/template_show.html"),
    fixture!("admin/newsletters/form.html"),
    fixture!("admin/newsletters/show.html"),
    fixture!("admin/newsletters/select_recipients.html"),
    fixture!("admin/settings/organization.html"),
    fixture!("admin/settings/external_domains.html"),
    fixture!("admin/settings/help_sections.html"),
    fixture!("admin/templates_admin/index.html"),
    fixture!("admin/templates_admin/form.html"),
    fixture!("admin/appearance/edit.html"),
    fixture!("admin/homepage/block_form.html"),
    fixture!("admin/a2/fields.html"),
    fixture!("admin/a2/spaces_index.html"),
    fixture!("admin/a2/assembly_form.html"),
    fixture!("admin/a2/conference_form.html"),
    fixture!("admin/a2/section.html"),
    fixture!("admin/a2/initiatives_index.html"),
    fixture!("admin/a2/initiative_form.html"),
    fixture!("admin/a2/initiative_answer.html"),
    fixture!("admin/a2/initiatives_type_form.html"),
    fixture!("admin/participants/filters.html"),
    fixture!("admin/participants/admins.html"),
    fixture!("admin/participants/officializations.html"),
    fixture!("admin/participants/officialize.html"),
    fixture!("admin/participants/block.html"),
    fixture!("admin/participants/moderated_users.html"),
    fixture!("admin/participants/moderations.html"),
    fixture!("admin/participants/moderation_reports.html"),
    fixture!("admin/participants/user_groups.html"),
    fixture!("admin/participants/csv_verification.html"),
    fixture!("admin/participants/impersonatable_users.html"),
    fixture!("admin/participants/impersonation_logs.html"),
    fixture!("admin/participants/promotion.html"),
    fixture!("admin/participants/conflicts.html"),
    fixture!("admin/participants/authorization_workflows.html"),
    fixture!("admin/participants/metrics.html"),
];

macro_rules! osp_fixture {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../fixtures/templates/osp/", $name)),
        )
    };
}

/// The `osp` flavour's pages, registered over core's of the same name.
const OSP_FILES: &[(&str, &str)] = &[
    osp_fixture!("admin/scopes/index.html"),
    osp_fixture!("admin/proposals/states_index.html"),
    // What OSP's modules insert into core pages (their deface overrides), included from core templates under
    // `{% if flavour == "osp" %}`.
    osp_fixture!("partials/awesome_visibility_notice.html"),
    osp_fixture!("partials/emitter_card.html"),
    osp_fixture!("admin/meetings/registrations_form.html"),
    osp_fixture!("partials/export_users_dropdown.html"),
    osp_fixture!("partials/header_snippets_card.html"),
    // The OSP modules' admin pages (routes/osp/).
    osp_fixture!("admin/term_customizer/sets_index.html"),
    osp_fixture!("admin/term_customizer/set_form.html"),
    osp_fixture!("admin/term_customizer/translations_index.html"),
    osp_fixture!("admin/term_customizer/translation_form.html"),
    osp_fixture!("admin/term_customizer/import.html"),
    osp_fixture!("admin/term_customizer/add_translations.html"),
    osp_fixture!("admin/decidim_awesome/base.html"),
    osp_fixture!("admin/decidim_awesome/macros.html"),
    osp_fixture!("admin/decidim_awesome/config.html"),
    osp_fixture!("admin/decidim_awesome/menu_hacks.html"),
    osp_fixture!("admin/decidim_awesome/menu_hack_form.html"),
    osp_fixture!("admin/decidim_awesome/custom_redirects.html"),
    osp_fixture!("admin/decidim_awesome/custom_redirect_form.html"),
    osp_fixture!("admin/decidim_awesome/maintenance.html"),
    osp_fixture!("admin/decidim_awesome/admin_accountability.html"),
    osp_fixture!("admin/cache_cleaner/index.html"),
    osp_fixture!("admin/admin_multi_factor/edit.html"),
    osp_fixture!("admin/cleaner/edit.html"),
    osp_fixture!("admin/extra_user_fields/index.html"),
];

fn ctx_str(state: &State, name: &str) -> String {
    state
        .lookup(name)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Templates {
    /// Builds the environment. Panics on a template syntax error, which every unit test would reveal at once.
    pub(crate) fn load(i18n: Arc<I18n>, flavour: Flavour) -> Templates {
        let mut env = Environment::new();
        for (name, src) in FILES {
            env.add_template(name, src)
                .unwrap_or_else(|e| panic!("fixtures/templates/{name}: {e}"));
        }
        if flavour == Flavour::Osp {
            for (name, src) in OSP_FILES {
                env.add_template(name, src)
                    .unwrap_or_else(|e| panic!("fixtures/templates/osp/{name}: {e}"));
            }
        }
        env.add_global("flavour", flavour.name());
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
                let locale = ctx_str(state, "locale");
                let mut vars: Vec<(String, String)> = Vec::new();
                for arg in kwargs.args() {
                    let v: Value = kwargs.get(arg)?;
                    vars.push((arg.to_string(), v.to_string()));
                }
                let refs: Vec<(&str, &str)> =
                    vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                Ok(i18n.t_with(&locale, key, &refs))
            },
        );
        // minijinja's HTML escaping also escapes `/` (as `&#x2f;`); Rails does not, and raw-HTML assertions in
        // tests read better without it, so text is escaped the Rails way here.
        env.set_formatter(|out, state, value| {
            if value.is_undefined() || value.is_none() {
                return Ok(());
            }
            if value.is_safe() || matches!(state.auto_escape(), AutoEscape::None) {
                return minijinja::escape_formatter(out, state, value);
            }
            let text = match value.as_str() {
                Some(s) => html_escape(s),
                None => html_escape(&value.to_string()),
            };
            out.write_str(&text).map_err(minijinja::Error::from)
        });
        env.add_function("u", |state: &State, path: &str| -> String {
            with_locale(
                path,
                &ctx_str(state, "locale"),
                &ctx_str(state, "default_locale"),
            )
        });
        Templates { env }
    }

    /// Renders one template by name.
    pub(crate) fn render(&self, name: &str, ctx: Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(ctx)
    }
}
