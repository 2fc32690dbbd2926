//! End-to-end tests of the replica through `tower::ServiceExt::oneshot`: no socket, a cookie jar by hand.

use axum::http::StatusCode;

use super::*;
use crate::state::ORGANIZATION_NAME;
use crate::test_browser::Browser;

#[tokio::test]
async fn home_has_consent_dialog_and_login_link() {
    let mut b = Browser::new();
    let p = b.get("/").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("<html lang=\"en\""));
    assert!(p.body.contains("id=\"dc-dialog-wrapper\""));
    assert!(p.body.contains("id=\"dc-dialog-accept\""));
    assert!(p.body.contains("Accept all"));
    assert!(p.body.contains("href=\"/users/sign_in\""));
    assert!(p.body.contains(ORGANIZATION_NAME));
}

#[tokio::test]
async fn the_api_documentation_says_which_decidim_this_is_without_a_login() {
    let mut b = Browser::new();
    let p = b.get("/api/docs").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.body
            .contains(r#"<div class="version">Decidim 0.29.5</div>"#),
        "{}",
        p.body
    );
    assert!(p
        .body
        .contains(&format!("{ORGANIZATION_NAME} API documentation")));
}

#[tokio::test]
async fn sign_in_page_has_devise_markup() {
    let mut b = Browser::new();
    let p = b.get("/users/sign_in").await;
    for needle in [
        "id=\"session_new_user\"",
        "id=\"session_user_email\"",
        "id=\"session_user_password\"",
        "id=\"session_user_remember_me\"",
        "<label for=\"session_user_email\">Email<span title=\"Required field\"",
        "name=\"authenticity_token\"",
        "id=\"dc-dialog-wrapper\"",
    ] {
        assert!(p.body.contains(needle), "missing {needle}");
    }
}

#[tokio::test]
async fn sign_in_success_and_failure() {
    let mut b = Browser::new();
    b.get("/users/sign_in").await;
    let bad = b
        .post(
            "/users/sign_in",
            &[("user[email]", ADMIN_EMAIL), ("user[password]", "nope")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("Invalid Email or password."));
    assert!(bad.body.contains("class=\"flash alert\""));

    let ok = b
        .post(
            "/users/sign_in",
            &[
                ("user[email]", ADMIN_EMAIL),
                ("user[password]", ADMIN_PASSWORD),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::FOUND);
    assert_eq!(ok.location.as_deref(), Some("/"));
    let home = b.follow(ok).await;
    assert!(home.body.contains("Logged in successfully."));
    assert!(home.body.contains("class=\"flash success\""));

    let out = b.post("/users/sign_out", &[("_method", "delete")]).await;
    assert_eq!(out.location.as_deref(), Some("/"));
    let home = b.follow(out).await;
    assert!(home.body.contains("Logged out successfully."));
}

#[tokio::test]
async fn post_without_token_is_rejected() {
    let mut b = Browser::new();
    b.get("/users/sign_in").await;
    let p = b
        .post_raw(
            "/users/sign_in",
            &[
                ("user[email]", ADMIN_EMAIL),
                ("user[password]", ADMIN_PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn unauthenticated_admin_redirects_to_sign_in_then_back() {
    let mut b = Browser::new();
    let p = b.get("/admin/participatory_processes").await;
    assert_eq!(p.location.as_deref(), Some("/users/sign_in"));
    let p = b.follow(p).await;
    assert!(p
        .body
        .contains("You need to log in or create an account before continuing."));
    let ok = b
        .post(
            "/users/sign_in",
            &[
                ("user[email]", TERMS_ACCEPTED_EMAIL),
                ("user[password]", ADMIN_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        ok.location.as_deref(),
        Some("/admin/participatory_processes")
    );
}

#[tokio::test]
async fn admin_terms_gate_then_stored_location() {
    let mut b = Browser::new();
    let bounced = b.get("/admin/participatory_processes/new").await;
    b.follow(bounced).await;
    let first = b
        .post(
            "/users/sign_in",
            &[
                ("user[email]", ADMIN_EMAIL),
                ("user[password]", ADMIN_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        first.location.as_deref(),
        Some("/admin/participatory_processes/new")
    );
    let gate = b.get("/admin/participatory_processes/new").await;
    assert_eq!(gate.location.as_deref(), Some("/admin/admin_terms/show"));
    let terms = b.follow(gate).await;
    assert!(terms.body.contains("value=\"I agree with the terms\""));
    assert!(terms.body.contains("name=\"_method\" value=\"put\""));
    let accepted = b
        .post("/admin/admin_terms/accept", &[("_method", "put")])
        .await;
    assert_eq!(
        accepted.location.as_deref(),
        Some("/admin/participatory_processes/new")
    );
    let page = b.follow(accepted).await;
    assert!(page
        .body
        .contains("Great! You have accepted the admin terms of service."));
    assert!(page.body.contains("id=\"new_participatory_process_\""));
}

#[tokio::test]
async fn dashboard_lists_admin_actions() {
    let mut b = Browser::new();
    b.sign_in_accepted().await;
    let p = b.get("/admin/").await;
    assert!(
        p.body.contains("class=\"item_show__header-title\""),
        "{}",
        p.body
    );
    assert!(p.body.contains("Dashboard"));
    assert!(
        !p.body.contains("dc-dialog-wrapper"),
        "no consent dialog in the admin"
    );
    b.get("/admin/participatory_processes/new").await;
    let _ = b
        .post(
            "/admin/participatory_processes/budget-2025/publish",
            &[("_method", "delete")],
        )
        .await;
    let p = b.get("/admin/").await;
    assert!(p.body.contains(
        "Terms Accepted unpublished the Participatory budget 2025 participatory process"
    ));
}

fn process_fields<'a>(slug: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("participatory_process[title_en]", title),
        ("participatory_process[title_fr]", ""),
        ("participatory_process[subtitle_en]", "Sub"),
        ("participatory_process[slug]", slug),
        ("participatory_process[weight]", "0"),
        (
            "participatory_process[short_description_en]",
            "<p>Short</p>",
        ),
        ("participatory_process[description_en]", "<p>Long</p>"),
        ("participatory_process[private_space]", "0"),
    ]
}

#[tokio::test]
async fn process_create_validation_errors() {
    let mut b = Browser::new();
    b.sign_in_accepted().await;
    b.get("/admin/participatory_processes/new").await;
    let mut fields = process_fields("1-bad slug", "");
    fields.retain(|(k, _)| *k != "participatory_process[description_en]");
    let p = b.post("/admin/participatory_processes", &fields).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p
        .body
        .contains("There was a problem creating a new participatory process."));
    assert!(p.body.contains(
        "<small class=\"form-error is-visible\">cannot be blank</small><input aria-label=\"title\""
    ));
    assert!(p.body.contains("<input required=\"required\" class=\"is-invalid-input\" type=\"text\" value=\"1-bad slug\" name=\"participatory_process[slug]\" id=\"participatory_process_slug\">"));
    assert!(p.body.contains("is-invalid-label"));
    assert!(p.body.contains("<input aria-label=\"description\" label=\"false\" autocomplete=\"off\" type=\"hidden\" name=\"participatory_process[description_en]\" value=\"\"><div class=\"editor-container\""));

    let dup = b
        .post(
            "/admin/participatory_processes",
            &process_fields("budget-2025", "Dup"),
        )
        .await;
    assert!(dup.body.contains("has already been taken"));
}

#[tokio::test]
async fn process_create_success_lands_on_steps() {
    let mut b = Browser::new();
    b.sign_in_accepted().await;
    b.get("/admin/participatory_processes/new").await;
    let p = b
        .post(
            "/admin/participatory_processes",
            &process_fields("my-process", "My process"),
        )
        .await;
    assert_eq!(
        p.location.as_deref(),
        Some("/admin/participatory_processes/my-process/steps")
    );
    let steps = b.follow(p).await;
    assert!(steps
        .body
        .contains("Participatory process successfully created. Configure now its phases."));
    assert!(steps.body.contains("Introduction"));
    let list = b.get("/admin/participatory_processes").await;
    assert!(list.body.contains("My process"));
    assert!(list.body.contains("Unpublished"));

    let edit = b
        .get("/admin/participatory_processes/my-process/edit")
        .await;
    assert!(edit.body.contains("data-method=\"post\""));
    let publish = b
        .post_raw(
            "/admin/participatory_processes/my-process/publish",
            &[("authenticity_token", &b.token.clone())],
            Some("/admin/participatory_processes/my-process/edit"),
        )
        .await;
    assert_eq!(
        publish.location.as_deref(),
        Some("/admin/participatory_processes/my-process/edit")
    );
    let edit = b.follow(publish).await;
    assert!(edit
        .body
        .contains("Participatory process successfully published."));
    assert!(edit.body.contains("data-method=\"delete\""));

    let mut upd = process_fields("my-process", "Renamed process");
    upd.push(("_method", "patch"));
    let p = b
        .post("/admin/participatory_processes/my-process", &upd)
        .await;
    let edit = b.follow(p).await;
    assert!(edit
        .body
        .contains("Participatory process successfully updated."));
    assert!(edit.body.contains("Renamed process"));
}

#[tokio::test]
async fn component_create_publish_delete() {
    let mut b = Browser::new();
    b.sign_in_accepted().await;
    let base = "/admin/participatory_processes/mobility-plan/components";
    let idx = b.get(base).await;
    assert!(idx.body.contains("id=\"add-component-dropdown\""));
    assert!(idx
        .body
        .contains(&format!("href=\"{base}/new?type=proposals\"")));
    let form = b.get(&format!("{base}/new?type=proposals")).await;
    assert!(form.body.contains("Add component: Proposals"));
    assert!(form.body.contains("id=\"component_name_en\""));
    assert!(form.body.contains("class=\"global-settings\""));
    assert!(
        form.body.contains("value=\"Proposals\""),
        "name prefilled with the type name"
    );
    assert!(form.body.contains("class=\"step-settings-"));
    assert!(form.body.contains("component[settings][vote_limit]"));

    let bad = b
        .post(
            &format!("{base}?type=proposals"),
            &[("component[name_en]", ""), ("component[weight]", "0")],
        )
        .await;
    assert!(bad
        .body
        .contains("There was a problem creating this component."));

    let ok = b
        .post(
            &format!("{base}?type=proposals"),
            &[
                ("component[name_en]", "Ideas"),
                ("component[weight]", "0"),
                ("component[settings][vote_limit]", "5"),
            ],
        )
        .await;
    assert_eq!(ok.location.as_deref(), Some(base));
    let idx = b.follow(ok).await;
    assert!(idx.body.contains("Component created successfully."));
    assert!(idx.body.contains("class=\"flash primary\""));
    assert!(idx.body.contains("landing_page/edit\">Landing page</a>"));
    let id = {
        let s = b.state.store();
        s.components
            .iter()
            .find(|c| c.name.get("en").map(String::as_str) == Some("Ideas"))
            .unwrap()
            .id
    };
    assert!(idx
        .body
        .contains(&format!("class=\"draggable-content component-{id}\"")));
    assert!(idx.body.contains("action-icon--publish"));
    assert!(
        !b.state
            .store()
            .components
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .published
    );

    let p = b
        .post(&format!("{base}/{id}/publish"), &[("_method", "put")])
        .await;
    let idx = b.follow(p).await;
    assert!(idx
        .body
        .contains("The component has been successfully published."));
    assert!(
        b.state
            .store()
            .components
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .published
    );

    let p = b
        .post(&format!("{base}/{id}/unpublish"), &[("_method", "put")])
        .await;
    b.follow(p).await;
    let p = b
        .post(&format!("{base}/{id}"), &[("_method", "delete")])
        .await;
    let idx = b.follow(p).await;
    assert!(idx.body.contains("Component deleted successfully."));

    let manage = b.get(&format!("{base}/{}/manage/", 0)).await;
    assert_eq!(manage.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn locale_switch_persists_on_user() {
    let mut b = Browser::new();
    b.sign_in_accepted().await;
    let p = b
        .post_raw(
            "/locale?locale=fr",
            &[("authenticity_token", &b.token.clone())],
            Some("/admin/participatory_processes"),
        )
        .await;
    assert_eq!(
        p.location.as_deref(),
        Some("/admin/participatory_processes?locale=fr")
    );
    let page = b.follow(p).await;
    assert!(page.body.contains("<html lang=\"fr\""));
    assert!(page.body.contains("Nouvelle concertation"));
    assert!(page
        .body
        .contains("href=\"/admin/participatory_processes/new?locale=fr\""));
    // The saved user locale wins without the parameter.
    let page = b.get("/admin/").await;
    assert!(page.body.contains("<html lang=\"fr\""));
    // An explicit parameter still wins.
    let page = b.get("/admin/?locale=en").await;
    assert!(page.body.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn locale_from_accept_language_and_default() {
    let mut b = Browser::new();
    b.accept_language = Some("fr-FR,fr;q=0.9".into());
    let p = b.get("/users/sign_in").await;
    assert!(p.body.contains("<html lang=\"fr\""));
    assert!(p.body.contains("Se connecter"));
    assert!(p.body.contains("Tout accepter"));

    let mut b = Browser::with_options(ReplicaOptions {
        default_locale: "fr".into(),
        ..ReplicaOptions::for_flavour(Flavour::Core)
    });
    let p = b.get("/").await;
    assert!(p.body.contains("<html lang=\"fr\""));
    let p = b.get("/?locale=en").await;
    assert!(p.body.contains("href=\"/users/sign_in?locale=en\""));
}

#[tokio::test]
async fn request_log_records_effective_method() {
    let mut b = Browser::new();
    b.sign_in_accepted().await;
    b.post("/users/sign_out", &[("_method", "delete")]).await;
    let log = b.state.request_log().requests();
    assert!(log
        .iter()
        .any(|r| r.method == "GET" && r.path == "/users/sign_in" && r.status == 200));
    assert!(log
        .iter()
        .any(|r| r.method == "POST" && r.path == "/users/sign_in" && r.status == 302));
    assert!(log
        .iter()
        .any(|r| r.method == "DELETE" && r.path == "/users/sign_out"));
    b.state.reset();
    assert!(b.state.request_log().requests().is_empty());
}

#[tokio::test]
async fn every_menu_page_renders() {
    let mut b = Browser::new();
    b.sign_in_accepted().await;
    let dash = b.get("/admin/").await;
    let hrefs: Vec<String> = dash
        .body
        .split("<nav class=\"main-nav\"")
        .skip(1)
        .flat_map(|nav| {
            let nav = &nav[..nav.find("</nav>").unwrap()];
            nav.split("href=\"")
                .skip(1)
                .map(|h| h[..h.find('"').unwrap()].to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(hrefs.len(), 11, "menu links: {hrefs:?}");
    for h in hrefs {
        let p = b.get(&h).await;
        assert_eq!(p.status, StatusCode::OK, "{h}");
        assert!(
            // 0.29 space lists (assemblies, conferences) start straight with their table.
            p.body.contains("item_show__header-title")
                || p.body.contains("tab-x-container")
                || p.body.contains("<table class=\"table-list\">")
                // 0.29 admin log: div.card > div.card-divider > h2.card-title.
                || p.body.contains("<h2 class=\"card-title\">"),
            "{h}"
        );
    }
    for section in [
        "edit",
        "landing_page/edit",
        "steps",
        "components",
        "categories",
        "attachments",
        "user_roles",
        "participatory_space_private_users",
        "moderations",
    ] {
        let p = b
            .get(&format!(
                "/admin/participatory_processes/budget-2025/{section}"
            ))
            .await;
        assert_eq!(p.status, StatusCode::OK, "{section}");
        assert!(p.body.contains("sidebar-menu__item is-active"), "{section}");
        assert!(p.body.contains("id=\"dropdown-menu-sidebar\""), "{section}");
    }
}

#[tokio::test]
async fn real_server_starts_and_stops() {
    let replica = Replica::start(ReplicaOptions::default()).await.unwrap();
    assert!(replica.base_url().starts_with("http://127.0.0.1:"));
    let addr = replica.base_url().trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf).starts_with("HTTP/1.1 200"));
    assert_eq!(replica.requests().len(), 1);
    replica.shutdown().await;
}

/// Serves the replica for manual browser checks: `REPLICA_SERVE_SECS=120 cargo test --lib replica::tests::serve -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "manual: serves the replica for a while"]
async fn serve() {
    let secs: u64 = std::env::var("REPLICA_SERVE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let port: u16 = std::env::var("REPLICA_PORT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let replica = Replica::start(ReplicaOptions {
        port,
        ..ReplicaOptions::default()
    })
    .await
    .unwrap();
    println!("replica at {}", replica.base_url());
    tokio::time::sleep(std::time::Duration::from_secs(secs)).await;
    replica.shutdown().await;
}
