//! What OSP's decidim-app and its modules change on core pages (docs/research/osp-decidim-app.md §3-§5), end to end
//! in both flavours: each change shows in `osp` and not in `core`.

use axum::http::StatusCode;

use super::tests::Shows;
use crate::flavour::Flavour;
use crate::test_browser::{Browser, Page};

const P: &str = "/admin/participatory_processes/budget-2025";

/// The seeded proposals component of `budget-2025`.
fn proposals_id(b: &Browser) -> u64 {
    b.state
        .store()
        .components
        .iter()
        .find(|c| c.manifest == "proposals")
        .map(|c| c.id)
        .expect("seeded proposals component")
}

/// The newest component of `manifest`.
fn newest(b: &Browser, manifest: &str) -> u64 {
    b.state
        .store()
        .components
        .iter()
        .filter(|c| c.manifest == manifest)
        .map(|c| c.id)
        .max()
        .unwrap_or_else(|| panic!("no {manifest} component"))
}

async fn add_component(b: &mut Browser, manifest: &str) -> u64 {
    b.get(&format!("{P}/components/new?type={manifest}")).await;
    let r = b
        .post(
            &format!("{P}/components?type={manifest}"),
            &[
                ("component[name_en]", manifest),
                ("component[name_fr]", manifest),
            ],
        )
        .await;
    assert_eq!(r.to(), Some(&*format!("{P}/components")), "{manifest}");
    newest(b, manifest)
}

/// The position of `needle` in the page (panics with the page's name when absent).
fn at(p: &Page, needle: &str) -> usize {
    p.body
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in the page"))
}

#[tokio::test]
async fn add_component_lists_the_osp_components_after_cores() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let p = osp.get(&format!("{P}/components?locale=en")).await;
    let last_core = at(&p, "<a class=\"sortitions\"");
    let emitter = at(&p, "<a class=\"emitter\"");
    let map = at(&p, "<a class=\"awesome_map\"");
    let iframe = at(&p, "<a class=\"awesome_iframe\"");
    assert!(last_core < emitter && emitter < map && map < iframe);
    assert!(p.body.contains("<li>Awesome Map</li>"));
    assert!(p.body.contains("<li>Fullscreen Iframe</li>"));
    assert!(p.body.contains("<li>Emitter</li>"));
    let fr = osp.get(&format!("{P}/components?locale=fr")).await;
    assert!(fr
        .body
        .contains("<li>Awesome Map (Cartographie interactive)</li>"));
    assert!(fr.body.contains("<li>Iframe en mode plein écran</li>"));
    assert!(fr.body.contains("<li>Émetteur</li>"));

    let mut core = Browser::admin(Flavour::Core).await;
    let p = core.get(&format!("{P}/components")).await;
    for m in ["emitter", "awesome_map", "awesome_iframe"] {
        assert!(
            !p.body.contains(&format!("class=\"{m}\"")),
            "core lists {m}"
        );
        let new = core.get(&format!("{P}/components/new?type={m}")).await;
        assert_eq!(new.status, StatusCode::NOT_FOUND, "core serves {m}");
    }
}

#[tokio::test]
async fn osp_components_are_created_configured_published_and_deleted() {
    let mut b = Browser::admin(Flavour::Osp).await;
    let form = b
        .get(&format!("{P}/components/new?type=awesome_map&locale=en"))
        .await;
    assert!(form
        .body
        .contains("value=\"Awesome Map\" name=\"component[name_en]\""));
    assert!(form
        .body
        .contains("id=\"global-settings-announcement-tabs\""));
    assert!(form
        .body
        .contains("id=\"component_settings_map_height\" name=\"component[settings][map_height]\" value=\"700\""));
    assert!(form.shows("Map center (Latitude, Longitude)"));
    assert!(form
        .body
        .contains("class=\"menu_merge_components_container\""));
    assert!(form.body.contains("name=\"component[step_settings]["));
    assert!(form.shows("Show withdrawn proposals"));

    // The emitter has no settings: name and weight only.
    let emitter = b
        .get(&format!("{P}/components/new?type=emitter&locale=en"))
        .await;
    assert!(emitter
        .body
        .contains("value=\"Emitter\" name=\"component[name_en]\""));
    assert!(!emitter.body.contains("accordion-global_settings"));

    let id = add_component(&mut b, "awesome_iframe").await;
    let saved = b
        .post(
            &format!("{P}/components/{id}"),
            &[
                ("_method", "put"),
                ("component[name_fr]", "Carte"),
                ("component[name_en]", "Map"),
                (
                    "component[settings][iframe]",
                    "<iframe src=\"https://example.org\"></iframe>",
                ),
                ("component[settings][announcement_fr]", "<p>Bonjour</p>"),
                ("component[settings][viewport_width]", "0"),
                ("component[settings][viewport_width]", "1"),
            ],
        )
        .await;
    assert_eq!(saved.to(), Some(&*format!("{P}/components")));
    let edit = b.get(&format!("{P}/components/{id}/edit")).await;
    assert!(edit
        .body
        .contains("&lt;iframe src=&quot;https://example.org&quot;&gt;&lt;/iframe&gt;</textarea>"));
    assert!(edit.body.contains(
        "name=\"component[settings][announcement_fr]\" value=\"&lt;p&gt;Bonjour&lt;/p&gt;\""
    ));
    assert!(edit
        .body
        .contains("checked=\"checked\" name=\"component[settings][viewport_width]\""));
    let published = b
        .post(
            &format!("{P}/components/{id}/publish"),
            &[("_method", "put")],
        )
        .await;
    assert_eq!(published.to(), Some(&*format!("{P}/components")));
    assert!(b
        .state
        .store()
        .components
        .iter()
        .any(|c| c.id == id && c.published));
    b.post(
        &format!("{P}/components/{id}/unpublish"),
        &[("_method", "put")],
    )
    .await;
    b.post(&format!("{P}/components/{id}"), &[("_method", "delete")])
        .await;
    assert!(!b.state.store().components.iter().any(|c| c.id == id));
    let manage = add_component(&mut b, "emitter").await;
    let page = b.get(&format!("{P}/components/{manage}/manage/")).await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn component_settings_forms_gain_the_modules_settings() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let mut core = Browser::admin(Flavour::Core).await;
    let pid = proposals_id(&osp);
    let form = osp
        .get(&format!("{P}/components/{pid}/edit?locale=en"))
        .await;
    let core_form = core
        .get(&format!("{P}/components/{pid}/edit?locale=en"))
        .await;
    for (name, label, checked) in [
        ("require_category", "Category is required", true),
        ("require_scope", "Scope is required", true),
        (
            "anonymous_proposals_enabled",
            "Allow anonymous users to create proposals",
            false,
        ),
        ("enable_iframe", "Enable iframe", false),
        (
            "limit_pending_amendments",
            "Allow only one pending amendment on each proposal.",
            false,
        ),
        (
            "voting_cards_show_modal_help",
            "Show instructions/help modal when support is clicked",
            true,
        ),
        (
            "voting_cards_show_abstain",
            "Add an abstention option",
            false,
        ),
    ] {
        assert!(
            form.body
                .contains(&format!("<div class=\"{name}_container\">")),
            "{name}"
        );
        assert!(form.shows(label), "{label}");
        let box_html = format!(
            "value=\"1\"{} name=\"component[settings][{name}]\" id=\"component_settings_{name}\"",
            if checked { " checked=\"checked\"" } else { "" }
        );
        assert!(form.body.contains(&box_html), "{name} checked={checked}");
        assert!(
            !core_form
                .body
                .contains(&format!("component[settings][{name}]")),
            "core: {name}"
        );
    }
    assert!(form.shows("Url of the iframe"));
    assert!(form.body.contains("<div class=\"iframe_url_container\">"));
    assert!(form
        .body
        .contains("name=\"component[settings][iframe_url]\" id=\"component_settings_iframe_url\""));
    // Awesome's support type: a select right after "can accumulate votes", then the voting cards' settings.
    let support = at(&form, "id=\"component_settings_awesome_voting_manifest\"");
    assert!(
        at(
            &form,
            "id=\"component_settings_can_accumulate_votes_beyond_threshold\""
        ) < support
    );
    assert!(support < at(&form, "id=\"component_settings_voting_cards_box_title_en\""));
    assert!(form.shows("Support type"));
    assert!(form
        .body
        .contains("<option value=\"voting_cards\">Voting using coloured cards</option>"));
    assert!(form
        .body
        .contains("<p class=\"help-text\"><span class=\"text-alert\">Be aware"));
    assert!(form
        .body
        .contains("id=\"global-settings-voting_cards_instructions-tabs\""));
    // The app's two settings close the list (after the modules' appended ones).
    assert!(
        at(&form, "id=\"component_settings_iframe_url\"")
            < at(&form, "id=\"component_settings_require_category\"")
    );
    // multipod_iframe's script hides the URL row until the box is ticked.
    assert!(form.body.contains("div.iframe_url_container"));
    assert!(!core_form.body.contains("awesome_voting_manifest"));
    assert!(!core_form.body.contains("row column mb-2"));
    // Core's settings keep their names and ids in both flavours.
    for f in [&form, &core_form] {
        assert!(f.body.contains(
            "id=\"component_settings_vote_limit\" name=\"component[settings][vote_limit]\""
        ));
    }

    // Surveys: "Allow multiple answers", global and per step.
    let sid = add_component(&mut osp, "surveys").await;
    let form = osp
        .get(&format!("{P}/components/{sid}/edit?locale=fr"))
        .await;
    assert!(form
        .body
        .contains("id=\"component_settings_allow_multiple_answers\""));
    assert!(form.body.contains("name=\"component[step_settings]"));
    assert_eq!(form.body.matches("Autoriser plusieurs réponses").count(), 2);
    assert!(form.shows("Si activé, un utilisateur sera en mesure de répondre"));
    let core_sid = add_component(&mut core, "surveys").await;
    let core_form = core.get(&format!("{P}/components/{core_sid}/edit")).await;
    assert!(!core_form.body.contains("allow_multiple_answers"));

    // Budgets: the booth's five settings.
    let bid = add_component(&mut osp, "budgets").await;
    let form = osp
        .get(&format!("{P}/components/{bid}/edit?locale=en"))
        .await;
    for name in [
        "maximum_budgets_to_vote_on",
        "vote_success_content_en",
        "vote_completed_content_en",
        "vote_success_url",
        "vote_cancel_url",
    ] {
        assert!(
            form.body
                .contains(&format!("id=\"component_settings_{name}\"")),
            "{name}"
        );
    }
    assert!(form.shows("Popup text after each vote"));
    let saved = osp
        .post(
            &format!("{P}/components/{bid}"),
            &[
                ("_method", "put"),
                ("component[name_fr]", "Budgets"),
                ("component[settings][maximum_budgets_to_vote_on]", "2"),
                (
                    "component[settings][vote_success_url]",
                    "https://example.org/merci",
                ),
            ],
        )
        .await;
    assert!(saved.status.is_redirection());
    let form = osp.get(&format!("{P}/components/{bid}/edit")).await;
    assert!(form
        .body
        .contains("name=\"component[settings][maximum_budgets_to_vote_on]\" value=\"2\""));
    assert!(form.body.contains(
        "value=\"https://example.org/merci\" name=\"component[settings][vote_success_url]\""
    ));
    let core_bid = add_component(&mut core, "budgets").await;
    let core_form = core.get(&format!("{P}/components/{core_bid}/edit")).await;
    assert!(!core_form.body.contains("maximum_budgets_to_vote_on"));
}

#[tokio::test]
async fn attachment_and_duplicate_forms_gain_their_boxes() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let mut core = Browser::admin(Flavour::Core).await;
    let box_id = "id=\"attachment_send_notification_to_followers\"";
    let form = osp.get(&format!("{P}/attachments/new?locale=en")).await;
    assert!(form.body.contains(&format!(
        "value=\"1\" name=\"attachment[send_notification_to_followers]\" {box_id}"
    )));
    assert!(form.shows("Send a notification to all the people following the consultation who have agreed to receive email notifications"));
    assert!(at(&form, "id=\"panel-link\"") < at(&form, box_id));
    let core_form = core.get(&format!("{P}/attachments/new")).await;
    assert!(!core_form.body.contains("send_notification_to_followers"));
    // Core does not accept it either.
    let created = core
        .post(
            &format!("{P}/attachments"),
            &[
                ("attachment[title_en]", "Doc"),
                ("attachment[description_en]", "A doc"),
                ("attachment[link]", "https://example.org/doc.pdf"),
                ("attachment[send_notification_to_followers]", "1"),
            ],
        )
        .await;
    assert!(created.status.is_redirection());
    assert!(core
        .state
        .store()
        .records
        .of_kind("attachment")
        .all(|r| !r.values.contains_key("send_notification_to_followers")));

    // Duplicate: "Copy landing page blocks", which copies the blocks.
    let copy = osp.get(&format!("{P}/copies/new?locale=en")).await;
    assert!(copy
        .body
        .contains("id=\"participatory_process_copy_landing_page_blocks\""));
    assert!(copy.shows("Copy landing page blocks"));
    let core_copy = core.get(&format!("{P}/copies/new")).await;
    assert!(!core_copy.body.contains("copy_landing_page_blocks"));
    let done = osp
        .post(
            &format!("{P}/copies"),
            &[
                ("participatory_process[title_fr]", "Copie"),
                ("participatory_process[title_en]", "Copy"),
                ("participatory_process[slug]", "budget-copy"),
                ("participatory_process[copy_landing_page_blocks]", "1"),
            ],
        )
        .await;
    assert!(done.status.is_redirection());
    let landing = osp
        .get("/admin/participatory_processes/budget-copy/landing_page/edit")
        .await;
    // The copy has the original's blocks (core's three defaults).
    assert_eq!(landing.body.matches("data-content-block-id=").count(), 3);
}

#[tokio::test]
async fn space_forms_show_awesomes_callout_and_the_emitter_section() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let mut core = Browser::admin(Flavour::Core).await;
    let callout = "<div class=\"callout info mt-2\">";
    let link = "href=\"/admin/decidim_awesome/config/verifications\">Decidim Awesome</a>";
    for path in [
        format!("{P}/edit"),
        "/admin/participatory_processes/new".to_string(),
        "/admin/participatory_process_groups/new".to_string(),
        "/admin/assemblies/new".to_string(),
        "/admin/conferences/new".to_string(),
    ] {
        let p = osp.get(&path).await;
        assert_eq!(p.status, StatusCode::OK, "{path}");
        assert!(p.body.contains(callout), "{path}");
        assert!(p.body.contains(link), "{path}");
        assert!(
            p.body
                .contains("Vous pouvez gérer des restrictions d'accès supplémentaires utilisant des vérifications avec"),
            "{path}"
        );
        let c = core.get(&path).await;
        assert!(!c.body.contains(callout), "core {path}");
    }
    // Inside the visibility card of the process form, after "Promoted".
    let p = osp.get(&format!("{P}/edit")).await;
    let visibility = at(&p, "id=\"panel-visibility\"");
    assert!(visibility < at(&p, "id=\"participatory_process_promoted\""));
    assert!(at(&p, "id=\"participatory_process_promoted\"") < at(&p, callout));
    assert!(at(&p, callout) < at(&p, "id=\"accordion-emitter\""));

    // Emitter: a new name is kept, shown read-only and offered to the other processes.
    let p = osp.get(&format!("{P}/edit?locale=en")).await;
    assert!(p
        .body
        .contains("<h2 class=\"card-title\" id=\"emitter\">Emitter</h2>"));
    assert!(p.body.contains("class=\"select-emitter\""));
    assert!(p.shows("Select an emitter"));
    assert!(p
        .body
        .contains("id=\"participatory_process_emitter_name_image\""));
    assert!(p.shows("Guidance for logo:"));
    assert!(!p.body.contains("emitter_read_name"));
    let saved = osp
        .post(
            P,
            &[
                ("_method", "patch"),
                ("participatory_process[emitter_name_image]", "Town hall"),
            ],
        )
        .await;
    assert!(saved.status.is_redirection());
    let p = osp.get(&format!("{P}/edit?locale=en")).await;
    assert!(p.body.contains("readonly=\"readonly\" type=\"text\" value=\"Town hall\" name=\"participatory_process[emitter_read_name]\""));
    let other = osp
        .get("/admin/participatory_processes/mobility-plan/edit")
        .await;
    assert!(other.body.contains(">Town hall</option>"));
    let c = core.get(&format!("{P}/edit")).await;
    assert!(!c.body.contains("emitter"));
}

#[tokio::test]
async fn landing_pages_and_homepage_blocks() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let mut core = Browser::admin(Flavour::Core).await;
    let path = "/admin/participatory_processes/mobility-plan/landing_page/edit?locale=en";
    // OSP's registry override of the default blocks does not take effect (see process_spaces.rs): a new
    // process gets core's three blocks on both flavours.
    let p = osp.get(path).await;
    assert_eq!(p.body.matches("data-content-block-id=").count(), 3);
    let c = core.get(path).await;
    assert_eq!(c.body.matches("data-content-block-id=").count(), 3);
    assert_eq!(
        c.body[at(&c, "js-list-available")..]
            .matches("data-content-block-id=")
            .count(),
        0
    );

    // Highlighted processes: the "Maximum" select becomes a free 0-100 text field (default 6).
    for b in [&mut osp, &mut core] {
        b.get("/admin/organization/homepage/edit").await;
        b.post(
            "/admin/organization/homepage/content_blocks?manifest_name=highlighted_processes",
            &[],
        )
        .await;
    }
    let block = |b: &Browser| {
        b.state
            .store()
            .records
            .of_kind("homepage_content_block")
            .filter(|r| r.get("manifest") == "highlighted_processes")
            .map(|r| r.id)
            .max()
            .unwrap()
    };
    let (oid, cid) = (block(&osp), block(&core));
    let p = osp
        .get(&format!(
            "/admin/organization/homepage/content_blocks/{oid}/edit?locale=en"
        ))
        .await;
    assert!(p.body.contains("placeholder=\"0-100\" oninput=\"validateInput(this)\" pattern=\"[0-9]{1,3}\" type=\"text\" value=\"6\" name=\"content_block[settings][max_results]\""));
    assert!(p.shows("Maximum amount of elements to show"));
    assert!(p.body.contains("function validateInput(input)"));
    let c = core
        .get(&format!(
            "/admin/organization/homepage/content_blocks/{cid}/edit"
        ))
        .await;
    assert!(c
        .body
        .contains("<select autocomplete=\"off\" name=\"content_block[settings][max_results]\""));
    assert!(!c.body.contains("validateInput"));
}

#[tokio::test]
async fn meeting_registrations_gain_the_guest_boxes() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let mut core = Browser::admin(Flavour::Core).await;
    let mut urls = Vec::new();
    for b in [&mut osp, &mut core] {
        let mid = add_component(b, "meetings").await;
        let meetings = format!("{P}/components/{mid}/manage/meetings");
        let r = b
            .post(
                &meetings,
                &[
                    ("meeting[title_en]", "Workshop"),
                    ("meeting[title_fr]", "Atelier"),
                    ("meeting[description_en]", "<p>Ideas</p>"),
                    ("meeting[description_fr]", "<p>Idées</p>"),
                    ("meeting[type_of_meeting]", "online"),
                    ("meeting[start_time]", "2030-10-15T18:00"),
                    ("meeting[end_time]", "2030-10-15T20:00"),
                    ("meeting[registration_type]", "on_this_platform"),
                ],
            )
            .await;
        assert!(r.status.is_redirection(), "{}", r.body);
        let id = b
            .state
            .store()
            .records
            .of_kind("meeting")
            .map(|r| r.id)
            .max()
            .unwrap();
        urls.push(format!("{meetings}/{id}/registrations"));
    }
    let p = osp.get(&format!("{}/edit?locale=en", urls[0])).await;
    let slots = at(&p, "id=\"meeting_available_slots\"");
    let guest = at(&p, "<div class=\"guest-registration\">");
    assert!(slots < guest && guest < at(&p, "id=\"meeting_reserved_slots\""));
    for (id, label) in [
        (
            "enable_guest_registration",
            "Allow unregistered users to join meetings",
        ),
        (
            "disable_account_confirmation",
            "Don't ask users to choose between logging in or proceeding as guests",
        ),
        (
            "enable_registration_confirmation",
            "Ask users to confirm their registration",
        ),
        (
            "enable_cancellation",
            "Allow users to cancel their registration",
        ),
    ] {
        assert!(p.body.contains(&format!("id=\"meeting_{id}\"")), "{id}");
        assert!(p.shows(label), "{label}");
    }
    assert!(p.shows("Unregistered users will be asked for a name and email"));
    // The second box is hidden until the first is ticked.
    assert!(p.body.contains(
        "style=\"padding-left: 2rem; display: none;\" id=\"confirm_account_confirmation\""
    ));
    let saved = osp
        .post(
            &urls[0],
            &[
                ("_method", "patch"),
                ("meeting[enable_guest_registration]", "0"),
                ("meeting[enable_guest_registration]", "1"),
            ],
        )
        .await;
    assert!(saved.status.is_redirection());
    let p = osp.get(&format!("{}/edit", urls[0])).await;
    assert!(p
        .body
        .contains("checked=\"checked\" name=\"meeting[enable_guest_registration]\""));
    assert!(p
        .body
        .contains("style=\"padding-left: 2rem;\" id=\"confirm_account_confirmation\""));

    let c = core.get(&format!("{}/edit", urls[1])).await;
    assert_eq!(c.status, StatusCode::OK);
    assert!(!c.body.contains("guest"));
    assert!(!c.body.contains("enable_cancellation"));
}

#[tokio::test]
async fn participants_export_and_header_snippets() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let mut core = Browser::admin(Flavour::Core).await;
    let p = osp.get("/admin/officializations").await;
    let title = at(&p, "<h1 class=\"item_show__header-title\">");
    let end = title + p.body[title..].find("</h1>").unwrap();
    let heading = &p.body[title..end];
    assert!(heading.contains("<span class=\"exports button button__sm button__secondary button--simple\" data-toggle=\"export-dropdown\">"));
    assert!(heading.contains("id=\"export-dropdown\""));
    for (class, format, text) in [
        ("csv", "CSV", "Exporter au format CSV"),
        ("json", "JSON", "Exporter au format JSON"),
        ("excel", "Excel", "Exporter au format EXCEL"),
    ] {
        assert!(heading.contains(&format!(
            "<li class=\"exports--format--{class} export--users\"><a href=\"/admin/extra_user_fields/extra_user_fields/export_users.{format}\">{text}</a></li>"
        )), "{format}");
    }
    let en = osp.get("/admin/officializations?locale=en").await;
    assert!(en.shows("Export CSV"));
    assert!(en.shows("Export EXCEL"));
    let export = osp
        .get("/admin/extra_user_fields/extra_user_fields/export_users.CSV")
        .await;
    assert_eq!(export.to(), Some("/admin/officializations"));
    let c = core.get("/admin/officializations").await;
    assert!(!c.body.contains("export-dropdown"));

    // Appearance: the header snippets card, saved with the rest.
    let p = osp
        .get("/admin/organization/appearance/edit?locale=en")
        .await;
    assert!(p.body.contains("id=\"accordion-header-snippets\""));
    assert!(p.shows("HTML header snippets"));
    assert!(p.body.contains("<textarea rows=\"20\" name=\"organization[header_snippets]\" id=\"organization_header_snippets\">"));
    assert!(at(&p, "id=\"accordion-colors\"") < at(&p, "id=\"accordion-header-snippets\""));
    let saved = osp
        .post(
            "/admin/organization/appearance",
            &[
                ("_method", "put"),
                ("organization[header_snippets]", "<meta name=\"x\">"),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let p = osp.get("/admin/organization/appearance/edit").await;
    assert!(p
        .body
        .contains("&lt;meta name=&quot;x&quot;&gt;</textarea>"));
    let c = core.get("/admin/organization/appearance/edit").await;
    assert!(!c.body.contains("header_snippets"));
}

#[tokio::test]
async fn proposal_states_are_a_draggable_list_on_osp() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let mut core = Browser::admin(Flavour::Core).await;
    let pid = proposals_id(&osp);
    let states = format!("{P}/components/{pid}/manage/proposal_states");
    let p = osp.get(&format!("{states}?locale=en")).await;
    assert!(p.body.contains(&format!(
        "<ul class=\"draggable-list js-connect js-list-proposal-states\" data-sort-url=\"{states}/refresh_proposal_states"
    )));
    assert_eq!(p.body.matches("class=\"custom-list\"").count(), 3);
    assert!(p.body.contains("<div class=\"draggable-content__middle\">"));
    assert!(p.body.contains("action-icon action-icon--remove"));
    assert!(p.body.contains("data-icon=\"close-circle-line\""));
    assert!(!p.body.contains("<tbody>\n        <tr>"));
    let c = core.get(&states).await;
    assert!(!c.body.contains("draggable-list"));
    assert!(c.body.contains("action-icon--delete-proposal"));

    // No state: OSP says so (the replica recreates a component's default states when none is left, so the
    // template is rendered on its own here).
    let html = osp
        .state
        .templates()
        .render(
            "admin/proposals/states_index.html",
            minijinja::context! {
                locale => "fr",
                title => "États",
                new_url => format!("{states}/new"),
                new_label => "Nouvel état",
                rows => Vec::<minijinja::Value>::new(),
            },
        )
        .unwrap();
    assert!(html.contains("<p>Aucun état de proposition n&#39;a encore été créé.</p>"));
    assert!(!html.contains("draggable-list"));
    let html = core
        .state
        .templates()
        .render(
            "admin/proposals/states_index.html",
            minijinja::context! {
                locale => "fr",
                title => "États",
                new_url => format!("{states}/new"),
                new_label => "Nouvel état",
                rows => Vec::<minijinja::Value>::new(),
            },
        )
        .unwrap();
    assert!(!html.contains("Aucun état de proposition"));
}

#[tokio::test]
async fn menus_questionnaires_and_icons() {
    let mut osp = Browser::admin(Flavour::Osp).await;
    let mut core = Browser::admin(Flavour::Core).await;
    let edit = format!("{P}/edit");
    let p = osp.get(&edit).await;
    assert!(p
        .body
        .contains("<li role=\"presentation\"><a href=\"/admin/moderations\" role=\"menuitem\">"));
    assert!(p
        .body
        .contains("<li role=\"presentation\" class=\"sidebar-menu__item is-active\">"));
    assert!(!p
        .body
        .contains("role=\"presentation\" class=\"dropdown__item\""));
    let c = core.get(&edit).await;
    assert!(c.body.contains("<li><a href=\"/admin/moderations\">"));
    assert!(!c.body.contains("role=\"presentation\""));
    assert!(!c.body.contains("role=\"menuitem\""));
    let tabs = osp.get("/admin/participatory_processes").await;
    assert!(tabs.body.contains("<li role=\"presentation\" class=\"is-active\"><a href=\"/admin/participatory_processes\" aria-current=\"page\" role=\"menuitem\">"));
    let settings = osp.get("/admin/organization/edit").await;
    assert!(settings.body.contains("<li role=\"presentation\" class=\"sidebar-menu__item is-active\"><a href=\"/admin/organization/edit\" aria-current=\"page\" role=\"menuitem\">"));

    // Questionnaire editor: each question's card-divider in div.question-divider.
    let osp_survey = add_component(&mut osp, "surveys").await;
    let core_survey = add_component(&mut core, "surveys").await;
    let p = osp
        .get(&format!("{P}/components/{osp_survey}/manage/"))
        .await;
    assert!(p
        .body
        .contains("<div class=\"question-divider\"><div class=\"card-divider\">"));
    let c = core
        .get(&format!("{P}/components/{core_survey}/manage/"))
        .await;
    assert_eq!(c.status, StatusCode::OK);
    assert!(c.body.contains("<div class=\"card-divider\">"));
    assert!(!c.body.contains("question-divider"));

    // The OSP main-menu entries' icons are drawn (no fallback dot).
    let dash = osp.get("/admin/").await;
    for name in ["translate", "fire-line", "book"] {
        let i = at(&dash, &format!("data-icon=\"{name}\""));
        assert!(!dash.body[i..i + 200].contains("M12 12h.01"), "{name}");
    }
}
