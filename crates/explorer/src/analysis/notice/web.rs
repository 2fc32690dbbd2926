//! An HTML documentation site read over HTTP(S), as OSP's help centre or its old WordPress
//! notice: crawled breadth first from the given URL, staying under its prefix (the URL up to its
//! last `/`), each page split into sections like a saved page ([`super::html`]).

use super::{html, Notice, NoticeError, NoticeFormat};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::collections::{BTreeSet, VecDeque};
use std::time::Duration;

/// Most pages read from a site.
pub const MAX_PAGES: usize = 300;

fn error(url: &str, e: impl std::fmt::Display) -> NoticeError {
    NoticeError::Read {
        path: url.into(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// The links of a page that stay under `prefix` (fragment and query dropped).
fn links(page: &url::Url, body: &str, prefix: &str) -> Vec<url::Url> {
    let doc = scraper::Html::parse_document(body);
    let sel = scraper::Selector::parse("a[href]").expect("valid selector");
    doc.select(&sel)
        .filter_map(|a| page.join(a.value().attr("href")?).ok())
        .map(|mut u| {
            u.set_fragment(None);
            u.set_query(None);
            u
        })
        .filter(|u| u.as_str().starts_with(prefix))
        .filter(|u| {
            let p = u.path().to_lowercase();
            ![
                ".png", ".jpg", ".jpeg", ".gif", ".svg", ".pdf", ".zip", ".css", ".js",
            ]
            .iter()
            .any(|x| p.ends_with(x))
        })
        .collect()
}

/// Crawl the site from `start` and read every page as sections.
pub async fn read(start: &str) -> Result<Notice, NoticeError> {
    let start_url = url::Url::parse(start).map_err(|e| error(start, e))?;
    let prefix = match start_url.as_str().rfind('/') {
        Some(i) => start_url.as_str()[..=i].to_string(),
        None => start_url.to_string(),
    };
    let https = hyper_tls::HttpsConnector::new();
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build(https);
    let mut queue = VecDeque::from([start_url.clone()]);
    let mut seen: BTreeSet<String> = BTreeSet::from([start_url.to_string()]);
    let mut sections = Vec::new();
    let mut langs = Vec::new();
    let mut pages = 0;
    while let Some(mut url) = queue.pop_front() {
        if pages >= MAX_PAGES {
            break;
        }
        // Follow a few redirects by hand (the legacy client does not).
        let mut body = None;
        for _ in 0..5 {
            let uri: hyper::Uri = url.as_str().parse().map_err(|e| error(url.as_str(), e))?;
            let req = hyper::Request::get(uri)
                .header("user-agent", "decidim-explorer (notice reader)")
                .body(Empty::new())
                .map_err(|e| error(url.as_str(), e))?;
            let resp = tokio::time::timeout(Duration::from_secs(20), client.request(req))
                .await
                .map_err(|e| error(url.as_str(), e))?
                .map_err(|e| error(url.as_str(), e))?;
            if resp.status().is_redirection() {
                let Some(loc) = resp.headers().get("location").and_then(|l| l.to_str().ok()) else {
                    break;
                };
                url = url.join(loc).map_err(|e| error(url.as_str(), e))?;
                continue;
            }
            let html_page = resp
                .headers()
                .get("content-type")
                .and_then(|c| c.to_str().ok())
                .is_none_or(|c| c.contains("html"));
            if resp.status().is_success() && html_page {
                let bytes = resp
                    .into_body()
                    .collect()
                    .await
                    .map_err(|e| error(url.as_str(), e))?
                    .to_bytes();
                body = Some(String::from_utf8_lossy(&bytes).into_owned());
            }
            break;
        }
        let Some(body) = body else { continue };
        pages += 1;
        let (secs, lang) = html::page_sections(&body, url.as_str());
        langs.push(lang);
        sections.extend(secs);
        for l in links(&url, &body, &prefix) {
            if seen.insert(l.to_string()) {
                queue.push_back(l);
            }
        }
    }
    if pages == 0 {
        return Err(error(start, "no HTML page could be read"));
    }
    let all: String = sections
        .iter()
        .map(|s: &super::Section| s.text.as_str())
        .collect();
    let lang = langs
        .into_iter()
        .find(|l| !l.is_empty())
        .unwrap_or_else(|| super::guess_lang(&all));
    Ok(Notice {
        source: start.to_string(),
        format: NoticeFormat::Html,
        lang,
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::response::Html;
    use axum::routing::get;

    #[tokio::test]
    async fn a_site_is_crawled_within_its_prefix() {
        let app = axum::Router::new()
            .route("/docs/", get(|| async { Html("<html lang=\"fr\"><title>Aide</title><body><h1>Accueil</h1><a href=\"a.html\">A</a> <a href=\"/blog/x\">blog</a></body></html>") }))
            .route("/docs/a.html", get(|| async { Html("<html><body><h1>Créer une concertation</h1><p>Texte.</p><a href=\"b.html#top\">B</a><a href=\"../outside.html\">out</a></body></html>") }))
            .route("/docs/b.html", get(|| async { axum::response::Redirect::permanent("/docs/c.html") }))
            .route("/docs/c.html", get(|| async { Html("<html><body><h1>Les étapes</h1><p>Étapes.</p></body></html>") }))
            .route("/outside.html", get(|| async { Html("<h1>Dehors</h1>") }))
            .route("/blog/x", get(|| async { Html("<h1>Blog</h1>") }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let notice = read(&format!("http://{addr}/docs/")).await.unwrap();
        let titles: Vec<String> = notice
            .sections
            .iter()
            .map(|s| s.heading().to_string())
            .collect();
        assert_eq!(titles, ["Accueil", "Créer une concertation", "Les étapes"]);
        assert_eq!(notice.lang, "fr");
        assert!(
            notice.sections[2].link.ends_with("/docs/c.html"),
            "{}",
            notice.sections[2].link
        );
    }
}
