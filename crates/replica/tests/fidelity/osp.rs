//! Facts of the OSP demo's flavour: what OpenSourcePolitics/decidim-app (HEAD 535e65b6, Decidim v0.29.5) and
//! the modules its Gemfile.lock pins change in the admin, asserted against the `osp` replica — and, where
//! it matters, that the `core` replica does not show them. Paths are relative to decidim-app unless they
//! name a module; see docs/research/osp-decidim-app.md.

use crate::browser::Browser;
use crate::check::sel;
use crate::setup::World;
use replica::Flavour;
use scraper::Html;

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css)).map(crate::check::all_text).collect()
}

/// Settings › Scopes is OSP's own page (app/views/decidim/admin/scopes/index.html.erb:1-47): no h1, the
/// title in `div.card-divider > h2.card-title` ("Scopes"/"Secteurs", config/locales/en.yml:48 / fr.yml:56), a
/// drag-and-drop `ul.draggable-list.js-list-scopes` written in a table body (the HTML parser moves it out,
/// before that table), remove icons titled by OSP's `decidim.admin.actions.destroy` ("Destroy", en.yml:31;
/// "Supprimer", fr.yml:39) with `confirm_destroy` ("Confirm destroy", en.yml:30; "Confirmer la
/// suppression", fr.yml:38).
#[tokio::test]
async fn the_scopes_page_is_osps_draggable_list() {
    let mut world = World::new_in(Flavour::Osp).await;
    let mut failures = Vec::new();
    for (locale, title, destroy, confirm) in [
        ("en", "Scopes", "Destroy", "Confirm destroy"),
        ("fr", "Secteurs", "Supprimer", "Confirmer la suppression"),
    ] {
        let url = format!("/admin/scopes?locale={locale}");
        let doc = Html::parse_document(&world.client.get(&url).await.body);
        if doc.select(&sel("main h1")).next().is_some() {
            failures.push(format!("{url}: OSP's scopes page has no h1"));
        }
        let heading = texts(&doc, ".card-divider > h2.card-title");
        if !heading.first().is_some_and(|h| h.starts_with(title)) {
            failures.push(format!(
                "{url}: h2.card-title {heading:?}, expected {title:?}"
            ));
        }
        let list = doc
            .select(&sel(
                "div.table-scroll > ul.draggable-list.js-connect.js-list-scopes[data-sort-url]",
            ))
            .next();
        match list {
            None => failures.push(format!(
                "{url}: no div.table-scroll > ul.draggable-list.js-list-scopes (moved out of its table)"
            )),
            Some(ul) => {
                if ul.select(&sel("li[draggable=true][data-scope-id] a.custom-text")).next().is_none() {
                    failures.push(format!("{url}: no li[data-scope-id] with a.custom-text"));
                }
                let remove = ul.select(&sel("a.action-icon--remove")).next();
                let ok = remove.is_some_and(|a| {
                    a.value().attr("title") == Some(destroy)
                        && a.value().attr("data-confirm") == Some(confirm)
                });
                if !ok {
                    failures.push(format!(
                        "{url}: remove icon {:?}, expected title {destroy:?} and data-confirm {confirm:?}",
                        remove.map(|a| a.html())
                    ));
                }
            }
        }
    }
    // Core keeps its own list: an h1 and a table.
    let mut core = World::new_in(Flavour::Core).await;
    let doc = Html::parse_document(&core.client.get("/admin/scopes").await.body);
    if doc
        .select(&sel("h1.item_show__header-title"))
        .next()
        .is_none()
        || doc.select(&sel("ul.draggable-list")).next().is_some()
    {
        failures.push("core /admin/scopes: expected core's h1 and table, not OSP's list".into());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// OSP's French flash after saving a scope: "Secteur mis à jour avec succès." (config/locales/fr.yml:59);
/// core's is "Périmètre d'application mis à jour avec succès" (decidim-admin/config/locales/fr.yml:957).
#[tokio::test]
async fn a_scope_saved_in_french_says_secteur() {
    for (flavour, want) in [
        (Flavour::Osp, "Secteur mis à jour avec succès."),
        (
            Flavour::Core,
            "Périmètre d'application mis à jour avec succès",
        ),
    ] {
        let mut world = World::new_in(flavour).await;
        let (id, name, code) = {
            let store = world.client.state.store();
            let r = store
                .records
                .of_kind("scope")
                .next()
                .expect("a seeded scope")
                .clone();
            (
                r.id,
                r.get("name_en").to_string(),
                r.get("code").to_string(),
            )
        };
        world
            .client
            .get(&format!("/admin/scopes/{id}/edit?locale=fr"))
            .await;
        let resp = world
            .client
            .post(
                &format!("/admin/scopes/{id}?locale=fr"),
                &[
                    ("_method", "patch"),
                    ("scope[name_en]", &name),
                    ("scope[name_fr]", &name),
                    ("scope[code]", &code),
                ],
            )
            .await;
        let page = world.client.follow(resp).await;
        let flash = texts(&Html::parse_document(&page.body), ".flash");
        assert!(
            flash.iter().any(|f| f.contains(want)),
            "{flavour}: the flash after saving a scope in French is {flash:?}, not {want:?}"
        );
    }
}

/// OSP's wording override of `decidim.admin.actions.destroy` (config/locales/en.yml:31): the remove icons
/// of core's lists read "Destroy" on the demo, "Delete" in core (decidim-participatory_processes/config/
/// locales/en.yml:96).
#[tokio::test]
async fn remove_icons_say_destroy_on_the_demo() {
    for (flavour, want) in [(Flavour::Osp, "Destroy"), (Flavour::Core, "Delete")] {
        let mut world = World::new_in(flavour).await;
        let doc = Html::parse_document(&world.client.get("/admin/areas?locale=en").await.body);
        let titles: Vec<&str> = doc
            .select(&sel("a.action-icon--remove"))
            .filter_map(|a| a.value().attr("title"))
            .collect();
        assert!(
            !titles.is_empty() && titles.iter().all(|t| *t == want),
            "{flavour}: remove icons titled {titles:?}, expected {want:?}"
        );
    }
}

/// The admin menu entries OSP's modules add (docs/research/osp-decidim-app.md §4.1): term_customizer
/// (lib/decidim/term_customizer/admin_engine.rb:47-62, "Term customizer"/"Paramétrages des traductions"),
/// decidim_awesome (lib/decidim/decidim_awesome/admin_engine.rb:50-69), cache_cleaner
/// (lib/decidim/cache_cleaner/admin_engine.rb:28-38) in the main menu; admin_multi_factor, cleaner and
/// extra_user_fields in the settings sidebar. None of them in core.
#[tokio::test]
async fn osp_modules_add_their_menu_entries() {
    const MAIN: &[(&str, &str, &str)] = &[
        (
            "/admin/term_customizer/sets",
            "Term customizer",
            "Paramétrages des traductions",
        ),
        (
            "/admin/decidim_awesome/config/editors",
            "Decidim awesome",
            "Decidim awesome",
        ),
        ("/admin/cache_cleaner", "Cache cleaner", "Videur de cache"),
    ];
    const SETTINGS: &[(&str, &str, &str)] = &[
        (
            "/admin/organization/admin_multi_login/edit",
            "Multi factor settings",
            "Paramètres d'authentification à deux facteurs",
        ),
        (
            "/admin/organization/cleaner/edit",
            "Data cleaner",
            "Nettoyeur de données",
        ),
        (
            "/admin/extra_user_fields",
            "Manage extra user fields",
            "Gérer les champs d'inscription personnalisés",
        ),
    ];
    let mut failures = Vec::new();
    for flavour in Flavour::ALL {
        let mut world = World::new_in(flavour).await;
        for locale in ["en", "fr"] {
            for (page, entries, css) in [
                ("/admin/", MAIN, ".layout-nav nav.main-nav a"),
                ("/admin/organization/edit", SETTINGS, ".sidebar-menu a"),
            ] {
                let url = format!("{page}?locale={locale}");
                let doc = Html::parse_document(&world.client.get(&url).await.body);
                let links: Vec<(String, String)> = doc
                    .select(&sel(css))
                    .map(|a| {
                        let href = a.value().attr("href").unwrap_or("").to_string();
                        (
                            href.split('?').next().unwrap_or("").to_string(),
                            crate::check::all_text(a),
                        )
                    })
                    .collect();
                for (href, en, fr) in entries {
                    let want = if locale == "fr" { fr } else { en };
                    let shown = links.iter().any(|(h, t)| h == href && t == want);
                    if shown != (flavour == Flavour::Osp) {
                        failures.push(format!(
                            "{flavour} {url}: entry {want:?} → {href} {}",
                            if shown { "shown in core" } else { "missing" }
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Signing out (Devise sessions#destroy, then `after_sign_out_path_for`). Core goes back to the referer
/// (decidim-core/app/controllers/decidim/devise/sessions_controller.rb:39-41): from an admin page that sends
/// the signed-out admin to the sign-in page, whose alert replaces the sign-out notice. OSP goes first to
/// the stored public page (lib/extends/controllers/decidim/devise/sessions_controller_extends.rb:18-20,
/// 41-43) and adds `GET /users/sign_out` (config/routes.rb:17-20).
#[tokio::test]
async fn signing_out_lands_where_each_platform_sends_it() {
    for flavour in Flavour::ALL {
        let mut client = Browser::of(flavour);
        client.sign_in_accepted().await;
        client.get("/?locale=en").await; // a public page, stored as the place to return to
        client.get("/admin/?locale=en").await;
        let resp = client
            .post_with_referer(
                "/users/sign_out?locale=en",
                &[("_method", "delete")],
                "/admin/",
            )
            .await;
        let landing = resp.location.clone().unwrap_or_default();
        let page = client.follow(resp).await;
        match flavour {
            Flavour::Osp => {
                assert!(
                    landing.starts_with("/?") || landing == "/",
                    "osp: sign-out went to {landing}"
                );
                assert!(
                    page.body.contains("Logged out successfully."),
                    "osp: no sign-out notice"
                );
            }
            Flavour::Core => {
                assert!(
                    landing.starts_with("/admin/"),
                    "core: sign-out went to {landing}"
                );
                assert!(
                    page.body
                        .contains("You need to log in or create an account before continuing.")
                        && !page.body.contains("Logged out successfully."),
                    "core: expected the sign-in page's alert alone"
                );
            }
        }
        let get = client.get("/users/sign_out").await;
        let expected_found = flavour == Flavour::Osp;
        assert_eq!(
            get.status != axum::http::StatusCode::NOT_FOUND,
            expected_found,
            "{flavour}: GET /users/sign_out answered {}",
            get.status
        );
    }
}
