//! Tests of the resource engine and of each defined area, through `tower::ServiceExt::oneshot`.

use axum::http::StatusCode;

use super::def::Definition;
use super::registry::{load, AREAS, TEST_AREAS};
use crate::i18n::I18n;
use crate::test_browser::Browser;

async fn admin() -> Browser {
    let mut b = Browser::new();
    b.sign_in_accepted().await;
    b
}

fn record_id(b: &Browser, kind: &str, name_en: &str) -> u64 {
    b.state
        .store()
        .records
        .of_kind(kind)
        .find(|r| r.get("name_en") == name_en)
        .map(|r| r.id)
        .unwrap_or_else(|| panic!("no {kind} named {name_en}"))
}

#[test]
fn definitions_load_and_their_keys_exist_in_en_and_fr() {
    let defs = load().unwrap();
    assert_eq!(defs.len(), AREAS.len() + TEST_AREAS.len());
    // Each flavour's view of a definition (fields of one flavour only) uses that flavour's strings.
    for flavour in crate::flavour::Flavour::ALL {
        let i18n = I18n::for_flavour(flavour);
        for d in &defs {
            for key in d.for_flavour(flavour.name()).i18n_keys() {
                for l in ["en", "fr"] {
                    assert_ne!(
                        i18n.t(l, &key),
                        key,
                        "{} ({flavour}): missing {l} string {key}",
                        d.kind
                    );
                }
            }
        }
    }
}

#[test]
fn a_bad_definition_is_refused() {
    let d: Definition = toml::from_str(
        r#"
kind = "thing"
param_key = "thing"
i18n = "x"
paths = ["/admin/things/:thing_id/parts"]
menu = { section = "settings", active = "x" }
fields = [{ name = "name", type = "translated", label = "x" }]
"#,
    )
    .unwrap();
    assert!(d.check(&["thing"]).unwrap_err().contains("no `parent`"));
    let unknown = toml::from_str::<Definition>("kind = 1");
    assert!(unknown.is_err());
}

#[tokio::test]
async fn create_ok_lists_the_record_with_flash_and_log() {
    let mut b = admin().await;
    let form = b.get("/admin/area_types/new").await;
    assert_eq!(form.status, StatusCode::OK);
    // Rails' id of a new Decidim form: `new_<param_key>_` (the form object's `to_key` is `[nil]`).
    assert!(form.body.contains("id=\"new_area_type_\""));
    assert!(form.body.contains("id=\"area_type_name_en\""));
    assert!(form.body.contains("id=\"area_type_plural_fr\""));
    let p = b
        .post(
            "/admin/area_types",
            &[
                ("area_type[name_en]", "District"),
                ("area_type[plural_en]", "Districts"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::FOUND);
    assert_eq!(p.location.as_deref(), Some("/admin/area_types"));
    let list = b.follow(p).await;
    assert!(list.body.contains("Area type created successfully."));
    assert!(list.body.contains(">District</a>"));
    let logs = b.get("/admin/logs").await;
    assert!(
        logs.body.contains("created the District area type"),
        "{}",
        logs.body
    );
}

#[tokio::test]
async fn create_invalid_rerenders_with_inline_errors() {
    let mut b = admin().await;
    b.get("/admin/scopes/new").await;
    let p = b
        .post(
            "/admin/scopes",
            &[("scope[name_en]", ""), ("scope[code]", "CITY-CENTRE")],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("flash alert"));
    assert!(p.body.contains("There was a problem creating a new scope."));
    // foundation_rails_helper's error_for, before the per-locale input / inside the label.
    assert!(p.body.contains("<small class=\"form-error is-visible\">cannot be blank</small><input aria-label=\"name\" class=\"is-invalid-input\""));
    // The seeded code is taken.
    assert!(p
        .body
        .contains("<small class=\"form-error is-visible\">has already been taken</small>"));
    assert!(p.body.contains("has already been taken"));
    assert!(p.body.contains("is-tab-error"));
}

#[tokio::test]
async fn french_errors_use_decidim_texts() {
    let mut b = admin().await;
    b.get("/admin/area_types/new?locale=fr").await;
    let p = b.post("/admin/area_types?locale=fr", &[]).await;
    assert!(p.body.contains("doit être rempli(e)"));
    assert!(p.body.contains("lors de la création d"));
}

#[tokio::test]
async fn update_and_destroy() {
    let mut b = admin().await;
    let id = record_id(&b, "area", "Environment");
    let edit = b.get(&format!("/admin/areas/{id}/edit")).await;
    assert!(edit.body.contains(&format!("id=\"edit_area_{id}\"")));
    assert!(edit.body.contains("name=\"_method\" value=\"patch\""));
    assert!(edit.body.contains("value=\"Environment\""));
    let p = b
        .post(
            &format!("/admin/areas/{id}"),
            &[("_method", "patch"), ("area[name_en]", "Ecology")],
        )
        .await;
    assert_eq!(p.location.as_deref(), Some("/admin/areas"));
    let list = b.follow(p).await;
    assert!(list.body.contains("Area updated successfully."));
    assert!(list.body.contains(">Ecology</a>"));
    // The other values were kept.
    assert!(list.body.contains("Theme"));
    assert!(list.body.contains("data-confirm=\"Confirm delete\""));
    let p = b
        .post(&format!("/admin/areas/{id}"), &[("_method", "delete")])
        .await;
    let list = b.follow(p).await;
    assert!(list.body.contains("Area successfully destroyed."));
    assert!(list.body.contains("No Areas"));
    let gone = b.get(&format!("/admin/areas/{id}/edit")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn sub_scopes_are_nested_under_their_scope() {
    let mut b = admin().await;
    let city = record_id(&b, "scope", "City centre");
    let page = b.get(&format!("/admin/scopes/{city}/scopes")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Old town"));
    assert!(page
        .body
        .contains(&format!("href=\"/admin/scopes/{city}/edit\"")));
    b.get(&format!("/admin/scopes/{city}/scopes/new")).await;
    let p = b
        .post(
            &format!("/admin/scopes/{city}/scopes"),
            &[("scope[name_en]", "Harbour"), ("scope[code]", "HARBOUR")],
        )
        .await;
    assert_eq!(
        p.location.as_deref(),
        Some(format!("/admin/scopes/{city}/scopes").as_str())
    );
    let top = b.get("/admin/scopes").await;
    assert!(
        !top.body.contains("Harbour"),
        "a sub-scope is not top level"
    );
    let harbour = record_id(&b, "scope", "Harbour");
    assert_eq!(
        b.state
            .store()
            .records
            .get("scope", harbour)
            .unwrap()
            .parent_id,
        Some(city)
    );
    // Deleting the scope takes its sub-scopes.
    let p = b
        .post(&format!("/admin/scopes/{city}"), &[("_method", "delete")])
        .await;
    assert_eq!(p.location.as_deref(), Some("/admin/scopes"));
    assert!(b.state.store().records.get("scope", harbour).is_none());
}

#[tokio::test]
async fn categories_nest_under_a_process_with_its_sidebar() {
    let mut b = admin().await;
    let page = b
        .get("/admin/participatory_processes/budget-2025/categories")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("sidebar-menu__item is-active"));
    assert!(page.body.contains("Mobility"));
    assert!(page.body.contains("Cycling"));
    let other = b
        .get("/admin/participatory_processes/mobility-plan/categories")
        .await;
    assert!(
        !other.body.contains("Cycling"),
        "categories belong to one space"
    );
    let form = b
        .get("/admin/participatory_processes/mobility-plan/categories/new")
        .await;
    assert!(form.body.contains("id=\"category_parent_id\""));
    assert!(!form.body.contains(">Mobility</option>"));
    let p = b
        .post(
            "/admin/participatory_processes/mobility-plan/categories",
            &[("category[name_en]", "Roads"), ("category[weight]", "1")],
        )
        .await;
    assert_eq!(
        p.location.as_deref(),
        Some("/admin/participatory_processes/mobility-plan/categories")
    );
    let roads = record_id(&b, "category", "Roads");
    // A parent from another space is refused.
    let mobility = record_id(&b, "category", "Mobility").to_string();
    let bad = b
        .post(
            "/admin/participatory_processes/mobility-plan/categories",
            &[
                ("category[name_en]", "Bridges"),
                ("category[parent_id]", &mobility),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    // The parent is a plain Rails select after its own label (categories/_form.html.erb:13-14): Decidim shows no
    // inline error there, only the alert.
    assert!(bad
        .body
        .contains("There was a problem creating this category."));
    assert!(!bad.body.contains("is not included in the list"));
    let sub = b
        .post(
            "/admin/participatory_processes/mobility-plan/categories",
            &[
                ("category[name_en]", "Bridges"),
                ("category[parent_id]", &roads.to_string()),
            ],
        )
        .await;
    let list = b.follow(sub).await;
    assert!(list.body.contains("Category created successfully."));
    let logs = b.get("/admin/logs").await;
    assert!(logs
        .body
        .contains("added the Bridges category to the Mobility plan space"));
    let missing = b
        .get("/admin/participatory_processes/nope/categories")
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn member_actions_and_every_field_type_under_a_component() {
    // `_test_widgets.toml` (test builds only): nested under a component of a process.
    let mut b = admin().await;
    let cid = b.state.store().components[0].id;
    let base =
        format!("/admin/participatory_processes/budget-2025/components/{cid}/manage/widgets");
    let form = b.get(&format!("{base}/new")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    for id in [
        "widget_name_en",
        "widget_body_en",
        "widget_weight",
        "widget_slug",
        "widget_contact",
        "widget_start_date",
        "widget_kind",
        "widget_notes",
        "widget_promoted",
    ] {
        assert!(form.body.contains(&format!("id=\"{id}\"")), "{id}");
    }
    let bad = b
        .post(
            &base,
            &[
                ("widget[name_en]", "W"),
                ("widget[weight]", "11"),
                ("widget[slug]", "1x"),
                ("widget[contact]", "nobody"),
                ("widget[kind]", "elections"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("must be less than or equal to 10"));
    assert!(bad
        .body
        .contains("name=\"widget[slug]\" id=\"widget_slug\""));
    assert!(bad.body.contains(
        "<small class=\"form-error is-visible\">is invalid</small><input class=\"is-invalid-input\" type=\"email\""
    ));
    assert!(bad.body.contains("is not included in the list"));
    let ok = b
        .post(
            &base,
            &[
                ("widget[name_en]", "W"),
                ("widget[kind]", "meetings"),
                ("widget[promoted]", "0"),
                ("widget[promoted]", "1"),
            ],
        )
        .await;
    assert_eq!(ok.location.as_deref(), Some(base.as_str()));
    let list = b.follow(ok).await;
    assert!(list.body.contains("Component created successfully."));
    assert!(list.body.contains("<td>Yes</td>"));
    let wid = record_id(&b, "widget", "W");
    assert!(list.body.contains("action-icon--publish"));
    assert!(!list.body.contains("action-icon--unpublish"));
    let p = b
        .post(&format!("{base}/{wid}/publish"), &[("_method", "put")])
        .await;
    assert_eq!(p.location.as_deref(), Some(base.as_str()));
    let list = b.follow(p).await;
    assert!(list
        .body
        .contains("The component has been successfully published."));
    assert!(list.body.contains("action-icon--unpublish"));
    assert!(list
        .body
        .contains("data-confirm=\"Confirm delete\" data-method=\"put\""));
    assert!(b
        .state
        .store()
        .records
        .get("widget", wid)
        .unwrap()
        .flag("published"));
    // A component of another process is not a parent here.
    let wrong = b
        .get(&format!(
            "/admin/participatory_processes/mobility-plan/components/{cid}/manage/widgets"
        ))
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_area_page_renders() {
    let mut b = admin().await;
    let city = record_id(&b, "scope", "City centre");
    let scope_type = record_id(&b, "scope_type", "Municipality");
    let area_type = record_id(&b, "area_type", "Theme");
    let area = record_id(&b, "area", "Environment");
    let category = record_id(&b, "category", "Mobility");
    let pages = [
        ("/admin/scopes".to_string(), "Scopes"),
        ("/admin/scopes/new".into(), "New scope"),
        (format!("/admin/scopes/{city}/edit"), "Edit scope"),
        (format!("/admin/scopes/{city}/scopes"), "City centre"),
        ("/admin/scope_types".into(), "Scope types"),
        ("/admin/scope_types/new".into(), "New scope type"),
        (
            format!("/admin/scope_types/{scope_type}/edit"),
            "Edit scope type",
        ),
        ("/admin/areas".into(), "Areas"),
        ("/admin/areas/new".into(), "New area"),
        (format!("/admin/areas/{area}/edit"), "Edit area"),
        ("/admin/area_types".into(), "Area types"),
        ("/admin/area_types/new".into(), "New area type"),
        (
            format!("/admin/area_types/{area_type}/edit"),
            "Edit area type",
        ),
        (
            "/admin/participatory_processes/budget-2025/categories".into(),
            "Categories",
        ),
        (
            "/admin/participatory_processes/budget-2025/categories/new".into(),
            "New category",
        ),
        (
            format!("/admin/participatory_processes/budget-2025/categories/{category}/edit"),
            "Edit category",
        ),
    ];
    for (path, heading) in pages {
        let p = b.get(&path).await;
        assert_eq!(p.status, StatusCode::OK, "{path}");
        assert!(
            p.body.contains("<h1 class=\"item_show__header-title\">"),
            "{path}"
        );
        assert!(p.body.contains(heading), "{path}: {heading}");
        assert!(p.body.contains("sidebar-menu__item is-active"), "{path}");
    }
    // Settings pages show the Settings sub-menu, with Scopes/Scope types tabs where they belong.
    let scopes = b.get("/admin/scope_types").await;
    assert!(scopes.body.contains("class=\"tab-x-container\""));
    assert!(scopes.body.contains("Allowed external domains"));
    assert!(scopes.body.contains("action-icon--remove"));
    let org = b.get("/admin/organization/edit").await;
    assert!(org.body.contains("sidebar-menu__item is-active"));
    let fr = b.get("/admin/scopes?locale=fr").await;
    assert!(fr.body.contains("Secteurs"));
    assert!(fr.body.contains("Ajouter"));
}

/// Adds a component of `manifest` to the seeded process `budget-2025` (area B2 tests).
fn add_component_b2(b: &Browser, manifest: &str) -> u64 {
    let mut store = b.state.store();
    let process_id = store
        .process_by_slug("budget-2025")
        .map(|p| p.id)
        .expect("seeded process");
    let id = store.next_id();
    store.components.push(crate::state::Component {
        id,
        process_id,
        manifest: manifest.into(),
        name: [("en".to_string(), manifest.to_string())].into(),
        weight: 0,
        published: false,
        settings: Default::default(),
        step_settings: Default::default(),
    });
    id
}

#[tokio::test]
async fn meetings_nested_singletons_and_copies() {
    // meetings.toml + meeting_registrations / meeting_closes / meeting_copies: nested paths
    // (`:component_id/…/:meeting_id`), singletons stored on the parent, the copy of a record.
    let mut b = admin().await;
    let cid = add_component_b2(&b, "meetings");
    let root = format!("/admin/participatory_processes/budget-2025/components/{cid}/manage/");
    let list = b.get(&root).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("New meeting"));
    let meetings = format!("{root}meetings");
    let form = b.get(&format!("{meetings}/new")).await;
    // The datepicker's `_date` / `_time` fields are built by the page's script around these inputs.
    assert!(form.body.contains(
        "type=\"datetime-local\" name=\"meeting[start_time]\" id=\"meeting_start_time\""
    ));
    for id in ["meeting_start_time", "meeting_type_of_meeting"] {
        assert!(form.body.contains(&format!("id=\"{id}\"")), "{id}");
    }
    let created = b
        .post(
            &meetings,
            &[
                ("meeting[title_en]", "Workshop"),
                ("meeting[description_en]", "<p>Ideas</p>"),
                ("meeting[type_of_meeting]", "online"),
                ("meeting[start_time]", "2030-10-15T18:00"),
                ("meeting[end_time]", "2030-10-15T20:00"),
                ("meeting[registration_type]", "on_this_platform"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::FOUND, "{}", created.body);
    let list = b.follow(created).await;
    assert!(
        list.body.contains("October 15, 2030 18:00"),
        "{}",
        list.body
    );
    let mid = b
        .state
        .store()
        .records
        .of_kind("meeting")
        .find(|r| r.get("title_en") == "Workshop")
        .map(|r| r.id)
        .unwrap();
    assert!(list
        .body
        .contains(&format!("{meetings}/{mid}/registrations/edit")));
    assert!(list
        .body
        .contains(&format!("{meetings}/{mid}/meeting_closes/{mid}/edit")));
    // A meeting of another component is not reachable under this one.
    let other = add_component_b2(&b, "meetings");
    let wrong = format!(
        "/admin/participatory_processes/budget-2025/components/{other}/manage/meetings/{mid}/registrations/edit"
    );
    assert_eq!(b.get(&wrong).await.status, StatusCode::NOT_FOUND);
    // Registrations: stored on the meeting, back to the meetings list.
    let regs = format!("{meetings}/{mid}/registrations");
    assert!(b
        .get(&format!("{regs}/edit"))
        .await
        .body
        .contains("id=\"meeting_available_slots\""));
    let saved = b
        .post(
            &regs,
            &[
                ("_method", "put"),
                ("meeting[registrations_enabled]", "1"),
                ("meeting[available_slots]", "40"),
                // Required once registrations are enabled (meeting_registrations_form.rb:21-22).
                ("meeting[reserved_slots]", "0"),
                ("meeting[registration_terms_en]", "<p>Be there on time.</p>"),
            ],
        )
        .await;
    assert_eq!(saved.location.as_deref(), Some(meetings.as_str()));
    let meeting = b
        .state
        .store()
        .records
        .get("meeting", mid)
        .cloned()
        .unwrap();
    assert_eq!(meeting.get("available_slots"), "40");
    assert_eq!(meeting.get("title_en"), "Workshop");
    // Closing sets the flag shown in the Closed column.
    let close = format!("{meetings}/{mid}/meeting_closes/{mid}");
    let closed = b
        .post(
            &close,
            &[
                ("close_meeting[closing_report_en]", "<p>Done</p>"),
                ("close_meeting[attendees_count]", "3"),
            ],
        )
        .await;
    assert_eq!(closed.status, StatusCode::FOUND, "{}", closed.body);
    assert!(b
        .state
        .store()
        .records
        .get("meeting", mid)
        .unwrap()
        .flag("closed"));
    // Duplicate: the form is prefilled; the copy is a new meeting of the component.
    let copies = format!("{meetings}/{mid}/copies");
    assert!(b
        .get(&format!("{copies}/new"))
        .await
        .body
        .contains("value=\"Workshop\""));
    let copied = b
        .post(
            &copies,
            &[
                ("meeting[title_en]", "Workshop 2"),
                ("meeting[description_en]", "<p>Ideas</p>"),
                ("meeting[type_of_meeting]", "online"),
                ("meeting[start_time]", "2030-10-22T18:00"),
                ("meeting[end_time]", "2030-10-22T20:00"),
                ("meeting[registration_type]", "on_this_platform"),
            ],
        )
        .await;
    assert_eq!(copied.location.as_deref(), Some(meetings.as_str()));
    let copy = b
        .state
        .store()
        .records
        .of_kind("meeting")
        .find(|r| r.get("title_en") == "Workshop 2")
        .cloned()
        .unwrap();
    assert_eq!(copy.parent_id, Some(cid));
}

#[tokio::test]
async fn page_and_survey_singletons_at_the_component_root() {
    let mut b = admin().await;
    let cid = add_component_b2(&b, "pages");
    let root = format!("/admin/participatory_processes/budget-2025/components/{cid}/manage/");
    assert!(b.get(&root).await.body.contains("id=\"page_body_en\""));
    let saved = b.post(&root, &[("page[body_en]", "<p>Hello</p>")]).await;
    assert_eq!(
        saved.location.as_deref(),
        Some("/admin/participatory_processes/budget-2025/components")
    );
    assert!(b.get(&root).await.body.contains("Hello"));
    let sid = add_component_b2(&b, "surveys");
    let survey = format!("/admin/participatory_processes/budget-2025/components/{sid}/manage/");
    let edit = b.get(&survey).await;
    assert!(
        edit.body.contains("id=\"question-template\""),
        "{}",
        edit.body
    );
    let saved = b
        .post(
            &survey,
            &[
                ("_method", "put"),
                ("questionnaire[title_en]", "Q"),
                // Title and terms of service are required (questionnaire_form.rb:17).
                ("questionnaire[tos_en]", "<p>Terms</p>"),
                ("questionnaire[questions][q1][body_en]", "Why?"),
                ("questionnaire[questions][q1][question_type]", "long_answer"),
            ],
        )
        .await;
    assert_eq!(saved.location.as_deref(), Some(survey.as_str()));
    let page = b.follow(saved).await;
    assert!(page.body.contains("Survey successfully saved."));
    // FormBuilder#translated's bare per-locale input (tabs id questionnaire_question_q1).
    assert!(page.body.contains("type=\"text\" value=\"Why?\" name=\"questionnaire[questions][q1][body_en]\" id=\"questionnaire_questions_q1_body_en\""));
    assert!(page
        .body
        .contains("id=\"questionnaire_question_q1-body-panel-0\""));
}
