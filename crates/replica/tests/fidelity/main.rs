//! Fidelity test: facts read from Decidim 0.29's source, asserted against the replica's HTML (core flavour).
//!
//! No browser, no socket: the replica's router is called in-process, the seeded admin signs in, every form
//! page of the tables is fetched in English and in French (`?locale=`), parsed with `scraper`, and each row
//! of the tables (`rows/*.rs`) is checked by the generic checks of its kind (`check.rs`). Each row cites
//! the Decidim file and line its facts were read from (view + locale files, branch `release/0.29-stable` of
//! decidim/decidim, see docs/research/decidim-0.29-forms.md). A failure names the row: `[form › field]
//! (src …; label …) url locale: what differs`.
//!
//! Coverage: every form of docs/research/decidim-0.29-forms.md §6 the replica serves. Not covered:
//! - §6.3 "Organization settings" (`/admin/organization/edit`): the lessons only submit it; no field row.
//! - §6.3 "External domains": the saved domains are `fields_for "external_domains[]"` of id-less
//!   `ExternalDomainForm.new(value:)` objects (organization_external_domain_allowlist_form.rb:10-13), whose ids
//!   depend on Rails' auto-index of a blank `to_param` — not read from a mirrored source, so not asserted.
//! - §6.3 "Proposal answer template", step 2 (name, description, states after choosing the component): the
//!   replica renders it only as the answer to a POST; step 1 (the component constraint select) is covered.
//! - §6.7 "Merge (bulk action)": a `form_tag` of the proposals list (`#js-form-merge-proposals`), checked
//!   by `merge_bulk_action_select` below rather than by a form row.
//! - §6.16 admin list search boxes: checked by `admin_list_search_boxes` below.

/// Paths of the Decidim repository used in the `src` cites.
macro_rules! pp {
    ($($f:expr),+) => { concat!("decidim-participatory_processes/app/views/decidim/participatory_processes/admin/", $($f),+) };
}
macro_rules! adm {
    ($($f:expr),+) => { concat!("decidim-admin/app/views/decidim/admin/", $($f),+) };
}
/// `decidim-<gem>/config/locales/en.yml:<en> / fr.yml:<fr>`.
macro_rules! loc {
    ($gem:literal, $en:literal, $fr:literal) => {
        concat!(
            "decidim-",
            $gem,
            "/config/locales/en.yml:",
            $en,
            " / fr.yml:",
            $fr
        )
    };
}

#[path = "../../src/test_browser.rs"]
mod browser;
mod check;
mod facts;
mod osp;
mod rows;
mod setup;

use check::{by_attr, check_fact, check_submit, find_form, own_text, sel, Ctx, Report};
use facts::{Fact, Form};
use scraper::Html;

fn all_forms() -> Vec<&'static Form> {
    rows::FORMS.iter().flat_map(|t| t.iter()).collect()
}

fn all_fields() -> Vec<&'static Fact> {
    rows::FIELDS.iter().flat_map(|t| t.iter()).collect()
}

fn localized(route: &str, locale: &str) -> String {
    let sep = if route.contains('?') { '&' } else { '?' };
    format!("{route}{sep}locale={locale}")
}

#[test]
fn every_row_names_a_known_form_and_cites_its_source() {
    let forms = all_forms();
    let mut keys: Vec<&str> = forms.iter().map(|f| f.key).collect();
    keys.sort_unstable();
    let before = keys.len();
    keys.dedup();
    assert_eq!(before, keys.len(), "two forms share a key");
    for f in &forms {
        assert!(!f.src.is_empty(), "form {} cites no source", f.key);
        assert!(!f.class.is_empty(), "form {} has no class", f.key);
    }
    for r in all_fields() {
        assert!(
            keys.contains(&r.form),
            "row {} › {}: unknown form",
            r.form,
            r.field
        );
        assert!(
            !r.src.is_empty() && !r.label_src.is_empty(),
            "row {} › {} cites no source",
            r.form,
            r.field
        );
        assert!(
            !r.en.is_empty() && !r.fr.is_empty(),
            "row {} › {}: no label text",
            r.form,
            r.field
        );
    }
    for f in &forms {
        assert!(
            all_fields().iter().any(|r| r.form == f.key),
            "form {} has no field row",
            f.key
        );
    }
}

#[tokio::test]
async fn every_form_row_holds_on_the_core_replica() {
    every_form_row_holds(replica::Flavour::Core).await;
}

/// OSP's app leaves these views as core renders them (it adds fields to some: see `osp.rs`), so the same
/// facts hold on the demo's flavour, whose organization defaults to French.
#[tokio::test]
async fn every_form_row_holds_on_the_osp_replica() {
    every_form_row_holds(replica::Flavour::Osp).await;
}

async fn every_form_row_holds(flavour: replica::Flavour) {
    let mut world = setup::World::new_in(flavour).await;
    let mut report = Report::new();
    let fields = all_fields();
    let mut checked = 0;
    for form in all_forms() {
        let route = world.route(form.route);
        let form_id = world.route(form.id);
        for locale in ["en", "fr"] {
            let url = localized(&route, locale);
            let resp = world.client.get(&url).await;
            if !resp.status.is_success() {
                report.failures.push(format!(
                    "[form {}] ({}) GET {url}: status {}",
                    form.key, form.src, resp.status
                ));
                continue;
            }
            let doc = Html::parse_document(&resp.body);
            let Some(el) = find_form(&doc, form, &form_id, &mut report, &url) else {
                continue;
            };
            let cx = Ctx {
                doc: &doc,
                form: el,
                locale,
                default_locale: flavour.default_locale(),
                url: &url,
            };
            check_submit(&cx, form, &mut report);
            for fact in fields.iter().filter(|r| r.form == form.key) {
                check_fact(&cx, fact, &mut report);
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
    assert!(
        report.failures.is_empty(),
        "{} fidelity failures:\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
}

/// The public login form, signed out (decidim-core/app/views/decidim/devise/sessions/new.html.erb:33-48).
#[tokio::test]
async fn login_form_rows_hold() {
    let mut client = browser::Browser::new();
    let mut report = Report::new();
    let form = &rows::SIGN_IN;
    for locale in ["en", "fr"] {
        let url = localized(form.route, locale);
        let resp = client.get(&url).await;
        assert!(resp.status.is_success(), "GET {url}: {}", resp.status);
        let doc = Html::parse_document(&resp.body);
        let Some(el) = find_form(&doc, form, form.id, &mut report, &url) else {
            continue;
        };
        let cx = Ctx {
            doc: &doc,
            form: el,
            locale,
            default_locale: "en",
            url: &url,
        };
        for fact in rows::SIGN_IN_FIELDS {
            check_fact(&cx, fact, &mut report);
        }
        // The submit is a <button>, not input[name=commit] (:45-48; "Log in"/"Se connecter",
        // decidim-core/config/locales/en.yml:1736 / fr.yml:1726).
        let want = if locale == "fr" {
            "Se connecter"
        } else {
            "Log in"
        };
        let button = el
            .select(&sel("button[type=submit]"))
            .next()
            .map(check::all_text);
        if button.as_deref() != Some(want) {
            report.failures.push(format!(
                "[login › submit] ({}) {url}: button[type=submit] text {button:?}, expected {want:?}",
                form.src
            ));
        }
    }
    assert!(
        report.failures.is_empty(),
        "{} fidelity failures:\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
}

/// The admin main menus: the module menu and the main menu are both `nav.main-nav` named by
/// `layouts.decidim.header.main_menu` ("Main menu"/"Menu principal", decidim-core/config/locales/en.yml:1950
/// / fr.yml:1940; decidim-admin/app/helpers/decidim/admin/menu_helper.rb:8-25,
/// decidim-core/app/presenters/decidim/menu_presenter.rb:34-47, decidim-admin/app/views/layouts/decidim/admin/_application.html.erb:23-37).
#[tokio::test]
async fn admin_has_two_main_navs_named_main_menu() {
    let mut world = setup::World::new().await;
    let mut failures = Vec::new();
    for (locale, name) in [("en", "Main menu"), ("fr", "Menu principal")] {
        for route in [
            "/admin/",
            "/admin/participatory_processes/{process}/components",
        ] {
            let url = localized(&world.route(route), locale);
            let doc = Html::parse_document(&world.client.get(&url).await.body);
            let navs: Vec<Option<&str>> = doc
                .select(&sel("nav.main-nav"))
                .map(|n| n.value().attr("aria-label"))
                .collect();
            if navs != vec![Some(name), Some(name)] {
                failures.push(format!(
                    "[admin nav] {url}: nav.main-nav aria-labels are {navs:?}, expected two {name:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The add-component dropdown: `ul.add-components > a.<manifest>[href=…/components/new?type=<manifest>] > li`
/// with `decidim.components.<manifest>.name` (decidim-admin/app/views/decidim/admin/components/index.html.erb:8-26;
/// button "Add component"/"Ajouter une fonctionnalité", decidim-admin/config/locales/en.yml:334 / fr.yml:334).
#[tokio::test]
async fn add_component_dropdown_is_ul_a_li() {
    // (manifest, en, fr, locale cite)
    const ITEMS: &[(&str, &str, &str, &str)] = &[
        (
            "accountability",
            "Accountability",
            "Suivi",
            loc!("accountability", 256, 254),
        ),
        ("blogs", "Blog", "Actualités", loc!("blogs", 79, 79)),
        ("budgets", "Budgets", "Budgets", loc!("budgets", 322, 322)),
        ("debates", "Debates", "Débats", loc!("debates", 35, 35)),
        (
            "meetings",
            "Meetings",
            "Rencontres",
            loc!("meetings", 151, 151),
        ),
        ("pages", "Page", "Page", loc!("pages", 14, 14)),
        (
            "proposals",
            "Proposals",
            "Propositions",
            loc!("proposals", 151, 151),
        ),
        (
            "sortitions",
            "Sortitions",
            "Tirages au sort",
            loc!("sortitions", 25, 25),
        ),
        ("surveys", "Survey", "Enquête", loc!("surveys", 20, 20)),
    ];
    let mut world = setup::World::new().await;
    let mut failures = Vec::new();
    let route = world.route("/admin/participatory_processes/{process}/components");
    for (locale, add) in [
        ("en", "Add component"),
        ("fr", "Ajouter une fonctionnalité"),
    ] {
        let url = localized(&route, locale);
        let doc = Html::parse_document(&world.client.get(&url).await.body);
        let button = doc
            .select(&sel("button[data-toggle=\"add-component-dropdown\"]"))
            .next()
            .map(own_text);
        if button.as_deref() != Some(add) {
            failures.push(format!(
                "[add component] {url}: button text {button:?}, expected {add:?}"
            ));
        }
        for (manifest, en, fr, cite) in ITEMS {
            let want = if locale == "fr" { fr } else { en };
            let href = format!("{route}/new?type={manifest}");
            let item = doc
                .select(&sel(&format!(
                    "#add-component-dropdown ul.add-components > a.{manifest} > li"
                )))
                .next();
            let Some(li) = item else {
                failures.push(format!(
                    "[add component › {manifest}] ({cite}) {url}: no ul.add-components > a.{manifest} > li"
                ));
                continue;
            };
            let a = li.parent().and_then(scraper::ElementRef::wrap);
            let got_href = a.and_then(|a| a.value().attr("href"));
            let href_ok =
                got_href.is_some_and(|h| h == href || h == format!("{href}&locale={locale}"));
            if !href_ok || check::all_text(li) != *want {
                failures.push(format!(
                    "[add component › {manifest}] ({cite}) {url}: a[href={got_href:?}] > li {:?}, expected {href} / {want:?}",
                    check::all_text(li)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Admin list search boxes: `search_field <predicate>, label: false, class: "input-group-field"` → a bare
/// `input[type=search]#q_<predicate>`, and a submit `button.text-secondary[aria-label=Search]`
/// (decidim-admin/app/views/decidim/admin/shared/_filters.html.erb:17-28; "Search"/"Rechercher",
/// decidim-core/config/locales/en.yml:1448 / fr.yml:1439; predicates
/// decidim-admin/app/controllers/concerns/decidim/admin/officializations/filterable.rb:20-21,
/// decidim-admin/app/controllers/concerns/decidim/moderated_users/admin/filterable.rb:36-37).
#[tokio::test]
async fn admin_list_search_boxes() {
    let mut world = setup::World::new().await;
    let mut failures = Vec::new();
    for (route, predicate) in [
        ("/admin/officializations", "name_or_nickname_or_email_cont"),
        (
            "/admin/moderated_users",
            "user_name_or_user_nickname_or_user_email_cont",
        ),
    ] {
        for (locale, search) in [("en", "Search"), ("fr", "Rechercher")] {
            let url = localized(route, locale);
            let doc = Html::parse_document(&world.client.get(&url).await.body);
            let id = format!("q_{predicate}");
            let input = doc.select(&by_attr("input", "id", &id)).next();
            let ok = input.is_some_and(|i| {
                i.value().attr("type") == Some("search")
                    && i.value().attr("name") == Some(&format!("q[{predicate}]"))
                    && i.value().attr("class") == Some("input-group-field")
                    && !i
                        .ancestors()
                        .filter_map(scraper::ElementRef::wrap)
                        .any(|a| a.value().name() == "label")
            });
            if !ok {
                failures.push(format!(
                    "[search box] {url}: no bare input[type=search]#{id}[name=q[{predicate}]].input-group-field"
                ));
            }
            let button = doc
                .select(&sel(
                    "div.input-group-button > button[type=submit].text-secondary",
                ))
                .next()
                .and_then(|b| b.value().attr("aria-label"));
            if button != Some(search) {
                failures.push(format!(
                    "[search box] {url}: submit aria-label {button:?}, expected {search:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The proposals list's merge bulk action: `form_tag` `#js-form-merge-proposals` with Rails'
/// `select(:target_component_id, nil, …, prompt: …)` → `select#target_component_id_[name="target_component_id[]"]`
/// whose prompt is "Select a component"/"Sélectionnez un composant"
/// (decidim-proposals/app/views/decidim/proposals/admin/proposals/bulk_actions/_merge.html.erb:2, :11;
/// decidim-admin/app/helpers/decidim/admin/bulk_actions_helper.rb:42-49; decidim-proposals/config/locales/en.yml:526 / fr.yml:526;
/// id and name: Rails, inferred).
#[tokio::test]
async fn merge_bulk_action_select() {
    let mut world = setup::World::new().await;
    let mut failures = Vec::new();
    let route = world
        .route("/admin/participatory_processes/{process}/components/{proposals}/manage/proposals");
    for (locale, prompt) in [
        ("en", "Select a component"),
        ("fr", "Sélectionnez un composant"),
    ] {
        let url = localized(&route, locale);
        let doc = Html::parse_document(&world.client.get(&url).await.body);
        let select = doc
            .select(&sel("form#js-form-merge-proposals select"))
            .next();
        let ok = select.is_some_and(|s| {
            s.value().attr("id") == Some("target_component_id_")
                && s.value().attr("name") == Some("target_component_id[]")
                && s.select(&sel("option"))
                    .next()
                    .map(check::all_text)
                    .as_deref()
                    == Some(prompt)
        });
        if !ok {
            failures.push(format!(
                "[merge] {url}: form#js-form-merge-proposals select is {:?}, expected select#target_component_id_[name=\"target_component_id[]\"] with prompt {prompt:?}",
                select.map(|s| s.html().chars().take(200).collect::<String>())
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
