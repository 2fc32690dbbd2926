//! The driver on a page written by hand with Decidim 0.29's real form markup (not the replica's templates):
//! translated inputs whose label points at no element, TipTap editors inside locale tabs, a link that
//! wraps onto two lines. It must find every field by its label, type into the editors as a person does,
//! and the form must submit what was typed.

use crate::util::{bin, json, require_browser, run, stderr};
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use axum::{Form, Router};
use std::sync::{Arc, Mutex};

const PAGE: &str = include_str!("../../fixtures/pages/decidim-0.29-new-process.html");

type Received = Arc<Mutex<Vec<(String, String)>>>;

/// Serves the page, what it loads, and a form endpoint recording what was posted, on a free port.
fn serve(received: Received) -> (String, tokio::runtime::Runtime) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let asset = |ct: &'static str, body: &'static str| {
        move || async move { ([(CONTENT_TYPE, ct)], body).into_response() }
    };
    let app = Router::new()
        .route("/form", get(|| async { Html(PAGE) }))
        .route(
            "/submit",
            post(
                |State(r): State<Received>, Form(pairs): Form<Vec<(String, String)>>| async move {
                    r.lock().unwrap().extend(pairs);
                    Html("<html><body><h1>Form received</h1></body></html>")
                },
            ),
        )
        .route(
            "/wrapped",
            get(|| async { Html("<html><body><h1>Wrapped link followed</h1></body></html>") }),
        )
        .route(
            "/decidim-packs/js/replica.js",
            get(asset(
                "text/javascript",
                include_str!("../../crates/replica/fixtures/static/replica.js"),
            )),
        )
        .route(
            "/decidim-packs/js/editor.js",
            get(asset(
                "text/javascript",
                include_str!("../../crates/replica/fixtures/static/editor.js"),
            )),
        )
        .route(
            "/decidim-packs/css/replica.css",
            get(asset(
                "text/css",
                include_str!("../../crates/replica/fixtures/static/replica.css"),
            )),
        )
        .with_state(received);
    rt.spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}"), rt)
}

const LESSON: &str = r#"id = "real-markup"
title = { en = "Fill Decidim's real form", fr = "Remplir le vrai formulaire de Decidim" }
writes = false

[[steps]]
action = "goto"
url = "/form"
narration = { en = "Open the form.", fr = "Ouvrir le formulaire." }

[[steps]]
action = "fill"
target = { label = { en = "Title", fr = "Titre" } }
value = "Real title"
narration = { en = "Title.", fr = "Titre." }

[[steps]]
action = "fill"
target = { label = { en = "URL slug", fr = "Identifiant" } }
value = "real-slug"
narration = { en = "Slug.", fr = "Identifiant." }

[[steps]]
action = "fill"
target = { label = { en = "Short description", fr = "Résumé" } }
value = "Short text"
narration = { en = "Short description.", fr = "Résumé." }

[[steps]]
action = "fill"
target = { label = { en = "Description", fr = "Description" } }
value = "Long text"
narration = { en = "Description.", fr = "Description." }

[[steps]]
action = "click"
target = { text = { en = "Create", fr = "Créer" } }
narration = { en = "Submit.", fr = "Envoyer." }

[[steps]]
action = "expect_text"
text = "Form received"
narration = { en = "Posted.", fr = "Envoyé." }

[[steps]]
action = "goto"
url = "/form"
narration = { en = "Back to the form.", fr = "Retour au formulaire." }

[[steps]]
action = "click"
target = { text = "A link long enough to wrap onto two lines" }
narration = { en = "Follow the link that wraps.", fr = "Suivre le lien sur deux lignes." }

[[steps]]
action = "expect_text"
text = "Wrapped link followed"
narration = { en = "Followed.", fr = "Suivi." }
"#;

#[test]
fn real_decidim_markup_is_filled_by_label_and_submits_what_was_typed() {
    require_browser();
    let received: Received = Arc::default();
    let (url, _server) = serve(received.clone());
    let dir = tempfile::tempdir().unwrap();
    let lesson = dir.path().join("real-markup.toml");
    std::fs::write(&lesson, LESSON).unwrap();
    let out_dir = dir.path().join("out");
    let out = run(bin()
        .arg("run")
        .arg(&lesson)
        .args(["--base-url", &url, "--out"])
        .arg(&out_dir));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(json(&out_dir.join("summary.json"))["stats"]["passed"], 1);

    let got: std::collections::HashMap<String, String> =
        received.lock().unwrap().iter().cloned().collect();
    let field = |k: &str| got.get(k).map(String::as_str).unwrap_or("<missing>");
    assert_eq!(field("participatory_process[title_en]"), "Real title");
    assert_eq!(field("participatory_process[slug]"), "real-slug");
    // TipTap writes its document as HTML into the hidden input, on each change.
    assert_eq!(
        field("participatory_process[short_description_en]"),
        "<p>Short text</p>"
    );
    assert_eq!(
        field("participatory_process[description_en]"),
        "<p>Long text</p>"
    );
    // The other language, still empty, was typed into through its tab.
    assert_eq!(field("participatory_process[title_fr]"), "Real title");
    assert_eq!(
        field("participatory_process[description_fr]"),
        "<p>Long text</p>"
    );
}
