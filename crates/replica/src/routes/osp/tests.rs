//! The OSP modules' admin pages, end to end through `tower::ServiceExt::oneshot` (with `crate::test_browser`),
//! in both flavours: `osp` serves them, `core` answers 404 and shows none of their menu entries.

use axum::http::StatusCode;

use crate::error::html_escape;
use crate::flavour::Flavour;
use crate::test_browser::{Browser, Page};

/// Whether a page shows a text, escaped as the templates escape it.
pub(super) trait Shows {
    fn shows(&self, text: &str) -> bool;
}

impl Shows for Page {
    fn shows(&self, text: &str) -> bool {
        self.body.contains(&html_escape(text))
    }
}

/// Every OSP page with its heading in en and fr (the modules' locale files).
const PAGES: &[(&str, &str, &str)] = &[
    (
        "/admin/term_customizer",
        "Translation sets",
        "Jeu de traductions",
    ),
    (
        "/admin/term_customizer/sets",
        "Translation sets",
        "Jeu de traductions",
    ),
    (
        "/admin/term_customizer/sets/new",
        "Translation set",
        "Jeu de traductions",
    ),
    (
        "/admin/decidim_awesome/config/editors",
        "Tweaks for Editor Hacks",
        "Tweaks pour Hacks de l'éditeur",
    ),
    (
        "/admin/decidim_awesome/config/proposals",
        "Tweaks for Proposals Hacks",
        "Tweaks pour Hacks pour les propositions",
    ),
    (
        "/admin/decidim_awesome/config/surveys",
        "Tweaks for Surveys & Forms",
        "Tweaks pour Enquêtes et formulaires",
    ),
    (
        "/admin/decidim_awesome/config/scoped_styles",
        "Tweaks for Custom Styles: Public frontend",
        "Tweaks pour Styles personnalisés : Interface publique",
    ),
    (
        "/admin/decidim_awesome/config/scoped_admin_styles",
        "Tweaks for Custom Styles: Admin panel",
        "Tweaks pour Styles personnalisés : Tableau de bord admin",
    ),
    (
        "/admin/decidim_awesome/config/proposal_custom_fields",
        "Tweaks for Proposals Custom Fields: Public fields",
        "Tweaks pour Champs personnalisés de propositions : champs publics",
    ),
    (
        "/admin/decidim_awesome/config/proposal_private_custom_fields",
        "Tweaks for Proposals Custom Fields: Private fields",
        "Tweaks pour Champs personnalisés de propositions : champs privés",
    ),
    (
        "/admin/decidim_awesome/config/admins",
        "Tweaks for Scoped Admins",
        "Tweaks pour Administrateurs de secteur",
    ),
    (
        "/admin/decidim_awesome/config/livechat",
        "Tweaks for Live Chat",
        "Tweaks pour Chat en direct",
    ),
    (
        "/admin/decidim_awesome/config/verifications",
        "Tweaks for Verifications / Authorization Hacks",
        "Tweaks pour Vérifications / Hacks d'autorisation",
    ),
    (
        "/admin/decidim_awesome/menus/menu/hacks",
        "Main menu",
        "Menu principal",
    ),
    (
        "/admin/decidim_awesome/menus/mobile_menu/hacks",
        "Mobile menu",
        "Menu mobile",
    ),
    (
        "/admin/decidim_awesome/menus/home_content_block_menu/hacks",
        "Global menu home block",
        "Bloc de menu global",
    ),
    (
        "/admin/decidim_awesome/menus/menu/hacks/new",
        "New menu item",
        "Nouvel élément de menu",
    ),
    (
        "/admin/decidim_awesome/custom_redirects",
        "Custom Redirections",
        "Redirections personnalisées",
    ),
    (
        "/admin/decidim_awesome/custom_redirects/new",
        "New redirection",
        "Nouvelle redirection",
    ),
    (
        "/admin/decidim_awesome/admin_accountability",
        "Admin accountability",
        "Suivi administrateur",
    ),
    (
        "/admin/decidim_awesome/maintenance/checks",
        "Maintenance tools: System Compatibility Checks",
        "Outils de maintenance: Vérifications de compatibilité système",
    ),
    (
        "/admin/decidim_awesome/maintenance/private_data",
        "Maintenance tools: Private Data Clean-Up",
        "Outils de maintenance: Nettoyage des données privées",
    ),
    (
        "/admin/decidim_awesome/maintenance/hashcash",
        "Maintenance tools: Hashcash stamps",
        "Outils de maintenance: Tampons de hashcash",
    ),
    (
        "/admin/cache_cleaner",
        "Decidim cache manager",
        "Gestionnaire de cache Decidim",
    ),
    (
        "/admin/organization/admin_multi_login/edit",
        "Security - two factor authentication (2FA) ",
        "Sécurité - authentification à deux facteurs (2FA) ",
    ),
    (
        "/admin/organization/cleaner/edit",
        "Admin log",
        "Historique d'administration",
    ),
    (
        "/admin/extra_user_fields",
        "Manage extra user fields",
        "Gérer les champs d'inscription personnalisés",
    ),
];

#[tokio::test]
async fn every_osp_page_renders_its_heading_in_en_and_fr() {
    let mut b = Browser::admin(Flavour::Osp).await;
    for (path, en, fr) in PAGES {
        for (locale, heading) in [("en", en), ("fr", fr)] {
            let p = b.get(&format!("{path}?locale={locale}")).await;
            assert_eq!(p.status, StatusCode::OK, "{path} ({locale})");
            assert!(p.shows(heading), "{path} ({locale}): no {heading:?}");
            assert!(
                p.body.contains(&format!("<html lang=\"{locale}\"")),
                "{path}"
            );
        }
    }
}

#[tokio::test]
async fn osp_pages_need_a_signed_in_admin() {
    let mut b = Browser::of(Flavour::Osp);
    for (path, ..) in PAGES {
        let p = b.get(path).await;
        assert_eq!(p.status, StatusCode::FOUND, "{path}");
        assert_eq!(p.to(), Some("/users/sign_in"), "{path}");
    }
}

#[tokio::test]
async fn core_has_none_of_the_osp_pages_nor_their_menu_entries() {
    let mut b = Browser::admin(Flavour::Core).await;
    for (path, ..) in PAGES {
        let p = b.get(path).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND, "{path}");
    }
    let dash = b.get("/admin/?locale=en").await;
    for href in [
        "/admin/term_customizer/sets",
        "/admin/decidim_awesome/config/editors",
        "/admin/cache_cleaner",
    ] {
        assert!(!dash.body.contains(href), "core main menu shows {href}");
    }
    let settings = b.get("/admin/organization/edit?locale=en").await;
    assert_eq!(settings.status, StatusCode::OK);
    for href in [
        "/admin/organization/admin_multi_login/edit",
        "/admin/organization/cleaner/edit",
        "/admin/extra_user_fields",
    ] {
        assert!(
            !settings.body.contains(href),
            "core settings sidebar shows {href}"
        );
    }
    let users = b.get("/admin/users?locale=en").await;
    assert!(!users
        .body
        .contains("/admin/decidim_awesome/admin_accountability"));
}

#[tokio::test]
async fn osp_menus_lead_to_the_module_pages() {
    let mut b = Browser::admin(Flavour::Osp).await;
    let dash = b.get("/admin/?locale=en").await;
    for (href, label) in [
        ("/admin/term_customizer/sets", "Term customizer"),
        ("/admin/decidim_awesome/config/editors", "Decidim awesome"),
        ("/admin/cache_cleaner", "Cache cleaner"),
    ] {
        assert!(dash.body.contains(&format!("href=\"{href}")), "{href}");
        assert!(dash.shows(label), "{label}");
    }
    // Active main-menu items.
    for (path, label) in [
        ("/admin/term_customizer/sets", "Term customizer"),
        ("/admin/decidim_awesome/config/editors", "Decidim awesome"),
        ("/admin/cache_cleaner", "Cache cleaner"),
    ] {
        let p = b.get(path).await;
        let active = p
            .body
            .find("<li role=\"presentation\" class=\"is-active\"><a")
            .expect(path);
        assert!(p.body[active..active + 600].contains(label), "{path}");
    }
    // Settings sidebar: the three module pages, their item active; the main menu highlights nothing.
    for (path, label) in [
        (
            "/admin/organization/admin_multi_login/edit",
            "Multi factor settings",
        ),
        ("/admin/organization/cleaner/edit", "Data cleaner"),
        ("/admin/extra_user_fields", "Manage extra user fields"),
    ] {
        let p = b.get(path).await;
        assert!(
            p.body.contains("id=\"admin-sidebar-menu-settings\""),
            "{path}"
        );
        let active = p
            .body
            .find("sidebar-menu__item is-active")
            .unwrap_or_else(|| panic!("{path}: no active sidebar item"));
        assert!(p.body[active..active + 700].contains(label), "{path}");
        assert!(
            !p.body
                .contains("<li role=\"presentation\" class=\"is-active\"><a"),
            "{path}"
        );
        assert!(
            p.body.contains("/admin/organization/edit"),
            "{path}: settings sidebar"
        );
    }
    // Awesome's sidebar: 11 entries and the submenus; other awesome pages highlight no main-menu item.
    let p = b.get("/admin/decidim_awesome/config/surveys").await;
    let sidebar = &p.body[p.body.find("sidebar-menu__container").unwrap()..];
    let sidebar = &sidebar[..sidebar.find("id=\"dropdown-menu-sidebar\"").unwrap()];
    assert_eq!(sidebar.matches("class=\"sidebar-menu__item").count(), 11);
    for label in [
        "Editor Hacks",
        "Proposals Hacks",
        "Surveys &amp; Forms",
        "Custom Styles",
        "Proposals Custom Fields",
        "Scoped Admins",
        "Menu Tweaks",
        "Custom Redirections",
        "Live Chat",
        "Verifications",
        "Maintenance",
        "Public frontend",
        "Private fields",
        "Mobile menu",
        "System Compatibility",
    ] {
        assert!(sidebar.contains(label), "awesome sidebar: {label}");
    }
    assert!(sidebar.contains(
        "sidebar-menu__item is-active\"><a href=\"/admin/decidim_awesome/config/surveys"
    ));
    assert!(!p
        .body
        .contains("<li role=\"presentation\" class=\"is-active\"><a"));
    assert!(p.body.contains("class=\"pokecode-credits\""));
    // Admin accountability: the Participants sidebar, its item active.
    let p = b.get("/admin/decidim_awesome/admin_accountability").await;
    let active = p.body.find("sidebar-menu__item is-active").unwrap();
    assert!(p.body[active..active + 700].contains("Admin accountability"));
    assert!(p.body.contains("/admin/officializations"));
}

/// The hrefs of a page's plain links (no `data-method`) under `prefix`.
fn get_links(body: &str, prefix: &str) -> Vec<String> {
    body.split("<a ")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            if tag.contains("data-method") {
                return None;
            }
            let i = tag.find("href=\"")? + 6;
            let href = &tag[i..];
            let href = &href[..href.find('"')?];
            href.starts_with(prefix).then(|| href.replace("&amp;", "&"))
        })
        .collect()
}

#[tokio::test]
async fn no_link_of_the_module_pages_is_a_404() {
    let mut b = Browser::admin(Flavour::Osp).await;
    // Some data, so that the lists show their row actions.
    let p = b
        .post(
            "/admin/term_customizer/sets",
            &[
                ("translation_set[name_fr]", "Jeu 1"),
                ("translation_set[name_en]", "Set 1"),
            ],
        )
        .await;
    let translations = p.location.clone().unwrap();
    b.get(&translations).await;
    b.post(
        &translations,
        &[
            ("translation[key]", "decidim.admin.menu.settings"),
            ("translation[value_fr]", "Réglages"),
            ("translation[value_en]", "Setup"),
        ],
    )
    .await;
    let mut seen = std::collections::BTreeSet::new();
    let mut queue: Vec<String> = PAGES.iter().map(|(p, ..)| p.to_string()).collect();
    queue.push(translations);
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let p = b.get(&path).await;
        let p = b.follow(p).await;
        assert_eq!(p.status, StatusCode::OK, "{path}");
        for prefix in [
            "/admin/term_customizer",
            "/admin/decidim_awesome",
            "/admin/cache_cleaner",
            "/admin/extra_user_fields",
            "/admin/organization/",
        ] {
            queue.extend(
                get_links(&p.body, prefix)
                    .into_iter()
                    .filter(|l| !seen.contains(l)),
            );
        }
    }
    assert!(seen.len() > PAGES.len(), "{seen:?}");
}

#[tokio::test]
async fn term_customizer_sets_and_translations_are_saved() {
    let mut b = Browser::admin(Flavour::Osp).await;
    let index = b.get("/admin/term_customizer/sets?locale=en").await;
    assert!(index.shows("No translation sets available."));
    let form = b.get("/admin/term_customizer/sets/new").await;
    for needle in [
        "id=\"new_translation_set\"",
        "name=\"translation_set[name_en]\"",
        "name=\"translation_set[name_fr]\"",
        "for=\"constraints_constraint-id_subject_manifest\"",
        "Participatory space type",
        "value=\"Create\"",
    ] {
        assert!(form.body.contains(needle), "new set form: {needle}");
    }
    // The name is required in the organization's default locale (fr on the demo).
    let bad = b
        .post(
            "/admin/term_customizer/sets",
            &[("translation_set[name_en]", "Only English")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.shows("Error creating translation set."));
    assert!(bad.body.contains("cannot be blank"));
    let ok = b
        .post(
            "/admin/term_customizer/sets",
            &[
                ("translation_set[name_en]", "Vocabulary"),
                ("translation_set[name_fr]", "Vocabulaire"),
                (
                    "constraints[constraint-id][subject_manifest]",
                    "participatory_processes",
                ),
                ("constraints[constraint-id][deleted]", "false"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::FOUND);
    let loc = ok.to().unwrap().to_string();
    assert!(
        loc.starts_with("/admin/term_customizer/sets/") && loc.contains("/translations"),
        "{loc}"
    );
    let page = b.follow(ok).await;
    assert!(page.shows("Translation set successfully created."));
    assert!(page.shows("Vocabulary"));
    assert!(page.shows("No translations available in this set."));
    let id = loc
        .trim_start_matches("/admin/term_customizer/sets/")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    // Edit keeps the constraint; update goes back to the sets.
    let edit = b
        .get(&format!("/admin/term_customizer/sets/{id}/edit"))
        .await;
    assert!(edit
        .body
        .contains(&format!("id=\"edit_translation_set_{id}\"")));
    assert!(edit
        .body
        .contains("selected=\"selected\" value=\"participatory_processes\""));
    let up = b
        .post(
            &format!("/admin/term_customizer/sets/{id}"),
            &[
                ("_method", "patch"),
                ("translation_set[name_en]", "Words"),
                ("translation_set[name_fr]", "Mots"),
            ],
        )
        .await;
    assert_eq!(up.to(), Some("/admin/term_customizer/sets"));
    let sets = b.follow(up).await;
    assert!(sets.shows("Translation set successfully updated."));
    assert!(sets.shows("Words"));
    // A translation: key format, then a valid one.
    let tr = format!("/admin/term_customizer/sets/{id}/translations");
    let new = b.get(&format!("{tr}/new")).await;
    for needle in [
        "<label for=\"translation_key\">Translation key",
        "name=\"translation[value_fr]\"",
        "Customized term",
    ] {
        assert!(new.body.contains(needle), "new translation: {needle}");
    }
    let bad = b
        .post(
            &tr,
            &[
                ("translation[key]", "Not A Key"),
                ("translation[value_fr]", "x"),
            ],
        )
        .await;
    assert!(bad.shows("Error creating translation."));
    assert!(bad.body.contains("is invalid"));
    let ok = b
        .post(
            &tr,
            &[
                ("translation[key]", "decidim.admin.menu.settings"),
                ("translation[value_en]", "Setup"),
                ("translation[value_fr]", "Réglages"),
            ],
        )
        .await;
    assert_eq!(ok.to(), Some(tr.as_str()));
    let list = b.follow(ok).await;
    assert!(list.shows("Translation successfully created."));
    assert!(list.shows("decidim.admin.menu.settings"));
    assert!(list.shows("Setup"));
    // Original term: the replica's own string.
    assert!(list
        .body
        .contains("<td>\n                Settings\n              </td>"));
    // Clear cache.
    let clear = b
        .post(
            "/admin/term_customizer/caches/clear",
            &[("_method", "delete")],
        )
        .await;
    let sets = b.follow(clear).await;
    assert!(sets.shows("Cache cleared successfully"));
}

#[tokio::test]
async fn awesome_config_is_saved_with_its_flash() {
    let mut b = Browser::admin(Flavour::Osp).await;
    let page = b
        .get("/admin/decidim_awesome/config/editors?locale=en")
        .await;
    for needle in [
        "id=\"new_config\"",
        "class=\"form-defaults awesome-edit-config\"",
        "name=\"config[allow_images_in_editors]\"",
        "id=\"config_allow_videos_in_editors\"",
        "Allow images in the HTML editor",
        "Allow videos in the HTML editor",
        "Applicable only in these cases:",
        "value=\"Update configuration\"",
    ] {
        assert!(page.body.contains(needle), "editors form: {needle}");
    }
    assert!(!page
        .body
        .contains("id=\"config_allow_images_in_editors\" checked"));
    let saved = b
        .post(
            "/admin/decidim_awesome/config/editors",
            &[
                ("_method", "patch"),
                ("config[allow_images_in_editors]", "0"),
                ("config[allow_images_in_editors]", "1"),
                ("config[allow_videos_in_editors]", "0"),
            ],
        )
        .await;
    assert_eq!(saved.to(), Some("/admin/decidim_awesome/config/editors"));
    let page = b.follow(saved).await;
    assert!(page.shows("Configuration updated successfully"));
    assert!(page
        .body
        .contains("checked=\"checked\" name=\"config[allow_images_in_editors]\""));
    assert!(!page
        .body
        .contains("checked=\"checked\" name=\"config[allow_videos_in_editors]\""));
    // Numeric validations (proposals).
    let bad = b
        .post(
            "/admin/decidim_awesome/config/proposals",
            &[
                ("_method", "patch"),
                ("config[validate_title_min_length]", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.shows("Error updating configuration! "));
    assert!(bad.body.contains("must be greater than or equal to 1"));
    // A CSS box: created, filled, removed.
    let created = b
        .post(
            "/admin/decidim_awesome/scoped_styles?admin_panel=false",
            &[],
        )
        .await;
    assert_eq!(
        created.to(),
        Some("/admin/decidim_awesome/config/scoped_styles")
    );
    let page = b.follow(created).await;
    assert!(page.body.contains("created successfully"));
    let i = page.body.find("data-var=\"scoped_styles\"").unwrap();
    let key = page.body[..i].rsplit("data-key=\"").next().unwrap();
    let key = key[..key.find('"').unwrap()].to_string();
    let css = format!("config[scoped_styles][{key}]");
    let saved = b
        .post(
            "/admin/decidim_awesome/config/scoped_styles",
            &[("_method", "patch"), (&css, "body { color: red; }")],
        )
        .await;
    let page = b.follow(saved).await;
    assert!(page.body.contains("body { color: red; }"));
    let removed = b
        .post(
            &format!(
                "/admin/decidim_awesome/scoped_styles/scoped_styles?admin_panel=false&key={key}"
            ),
            &[("_method", "delete")],
        )
        .await;
    let page = b.follow(removed).await;
    assert!(page.body.contains("removed successfully"));
    assert!(!page.body.contains(&css));
    // Menu names that are not config pages redirect to their page.
    let p = b.get("/admin/decidim_awesome/config/menu_hacks").await;
    assert_eq!(p.to(), Some("/admin/decidim_awesome/menus/menu/hacks"));
}

#[tokio::test]
async fn awesome_redirections_and_menu_items_are_saved() {
    let mut b = Browser::admin(Flavour::Osp).await;
    b.get("/admin/decidim_awesome/custom_redirects/new?locale=en")
        .await;
    let ok = b
        .post(
            "/admin/decidim_awesome/custom_redirects",
            &[
                ("custom_redirect[origin]", "/old"),
                ("custom_redirect[destination]", "/processes"),
                ("custom_redirect[active]", "0"),
                ("custom_redirect[active]", "1"),
            ],
        )
        .await;
    let page = b.follow(ok).await;
    assert!(page.shows("Redirection created successfully"));
    assert!(page.body.contains("data-origin=\"/old\""));
    let twice = b
        .post(
            "/admin/decidim_awesome/custom_redirects",
            &[
                ("custom_redirect[origin]", "/old"),
                ("custom_redirect[destination]", "/x"),
            ],
        )
        .await;
    assert!(twice.shows("The same origin is already configured"));

    let ok = b
        .post(
            "/admin/decidim_awesome/menus/menu/hacks",
            &[
                ("menu[raw_label_fr]", "Aide"),
                ("menu[raw_label_en]", "Help"),
                ("menu[url]", "/pages"),
                ("menu[position]", "9"),
                ("menu[target]", ""),
                ("menu[visibility]", "default"),
            ],
        )
        .await;
    assert_eq!(ok.to(), Some("/admin/decidim_awesome/menus/menu/hacks"));
    let page = b.follow(ok).await;
    assert!(page.shows("Menu item created successfully"));
    assert!(page.body.contains("<td>/pages</td>"));
}

#[tokio::test]
async fn cache_cleaner_clears_the_cache() {
    let mut b = Browser::admin(Flavour::Osp).await;
    let page = b.get("/admin/cache_cleaner?locale=en").await;
    assert!(page.shows("Cache activated with ActiveSupport::Cache::MemCacheStore"));
    assert!(page
        .body
        .contains("data-method=\"post\" href=\"/admin/cache_cleaner/clear_cache"));
    assert!(page.shows("I understood, clear the cache"));
    let done = b.post("/admin/cache_cleaner/clear_cache", &[]).await;
    assert_eq!(done.to(), Some("/admin/cache_cleaner/"));
    let page = b.follow(done).await;
    assert!(page.shows("Cache cleared successfully"));
    let page = b.get("/admin/cache_cleaner?locale=fr").await;
    assert!(page.shows("J'ai compris, vider le cache"));
}

#[tokio::test]
async fn settings_module_forms_are_saved() {
    let mut b = Browser::admin(Flavour::Osp).await;
    // admin_multi_factor
    let page = b
        .get("/admin/organization/admin_multi_login/edit?locale=en")
        .await;
    for needle in [
        "id=\"multi_factor_enable_multifactor\"",
        "name=\"multi_factor[email]\"",
        "name=\"multi_factor[sms]\"",
        "Enable multifactor",
        "Admin receives the login code via email",
        "value=\"Update\"",
    ] {
        assert!(page.body.contains(needle), "mfa: {needle}");
    }
    let saved = b
        .post(
            "/admin/organization/admin_multi_login",
            &[
                ("_method", "patch"),
                ("multi_factor[enable_multifactor]", "0"),
                ("multi_factor[enable_multifactor]", "1"),
                ("multi_factor[email]", "0"),
                ("multi_factor[email]", "1"),
                ("multi_factor[sms]", "0"),
            ],
        )
        .await;
    assert_eq!(
        saved.to(),
        Some("/admin/organization/admin_multi_login/edit")
    );
    let page = b.follow(saved).await;
    assert!(page.shows("Organization updated successfully."));
    assert!(page
        .body
        .contains("checked=\"checked\" name=\"multi_factor[enable_multifactor]\""));
    let fr = b
        .get("/admin/organization/admin_multi_login/edit?locale=fr")
        .await;
    assert!(fr
        .body
        .contains("L'administrateur reçoit le code de connexion par email"));

    // cleaner (fr: the module's wording of core's flash)
    let page = b.get("/admin/organization/cleaner/edit").await;
    for needle in [
        "name=\"organization[delete_admin_logs]\"",
        "id=\"organization_delete_inactive_users_email_after\"",
        "Activer la suppression de l&#39;historique d&#39;administration",
        "value=\"Mettre à jour\"",
    ] {
        assert!(page.body.contains(needle), "cleaner: {needle}");
    }
    let saved = b
        .post(
            "/admin/organization/cleaner",
            &[
                ("_method", "put"),
                ("organization[delete_admin_logs]", "1"),
                ("organization[delete_admin_logs_after]", "200"),
            ],
        )
        .await;
    let page = b.follow(saved).await;
    assert!(page.shows("L'organisation a été mise à jour avec succès"));
    assert!(page
        .body
        .contains("value=\"200\" name=\"organization[delete_admin_logs_after]\""));

    // extra_user_fields: renders the page again with the notice, which shows once more on the next page.
    let page = b.get("/admin/extra_user_fields?locale=en").await;
    assert!(page.body.contains("id=\"accordion-setup\" hidden"));
    assert!(page.shows("Enable extra user fields"));
    assert!(page.shows("Enable date of birth field"));
    let saved = b
        .post(
            "/admin/extra_user_fields/extra_user_fields",
            &[
                ("_method", "patch"),
                ("extra_user_fields[enabled]", "0"),
                ("extra_user_fields[enabled]", "1"),
                ("extra_user_fields[country]", "1"),
                ("extra_user_fields[underage_limit]", "16"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    assert!(saved.shows("Extra user fields correctly updated in organization"));
    assert!(!saved.body.contains("id=\"accordion-setup\" hidden"));
    assert!(saved
        .body
        .contains("checked=\"checked\" name=\"extra_user_fields[country]\""));
    assert!(saved.body.contains("selected=\"selected\" value=\"16\""));
    let next = b.get("/admin/extra_user_fields").await;
    assert!(next.shows("Extra user fields correctly updated in organization"));
    let after = b.get("/admin/extra_user_fields").await;
    assert!(!after.shows("Extra user fields correctly updated in organization"));
}

#[tokio::test]
async fn osp_state_resets() {
    let mut b = Browser::admin(Flavour::Osp).await;
    b.post(
        "/admin/term_customizer/sets",
        &[
            ("translation_set[name_fr]", "A"),
            ("translation_set[name_en]", "A"),
        ],
    )
    .await;
    assert!(
        b.state
            .store()
            .records
            .of_kind("osp_tc_translation_set")
            .count()
            == 1
    );
}
