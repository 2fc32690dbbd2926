//! Which Decidim the target runs, as it says itself: its API documentation page
//! (`/api/docs`, public, decidim-api's `documentation#show`) opens with
//! `<div class="version">Decidim 0.29.5</div>`. A bug report names it; an instance that hides
//! the page (or makes visitors log in first) leaves it unknown, and nothing else waits on it.

use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

/// How long asking may take: a slow answer must not hold the run back.
const ASK_TIMEOUT: Duration = Duration::from_secs(5);
/// The page is large on a real instance (its static API reference): enough to reach the top.
const MAX_BODY: usize = 4 * 1024 * 1024;

/// The version `base`'s API documentation announces ("0.29.5"), if it answers in time.
pub async fn ask(base: &url::Url) -> Option<String> {
    let url = base.join("api/docs").ok()?;
    let body = match tokio::time::timeout(ASK_TIMEOUT, fetch(&url)).await {
        Ok(Ok(body)) => body,
        Ok(Err(why)) => {
            tracing::debug!(%url, %why, "no Decidim version");
            return None;
        }
        Err(_) => {
            tracing::debug!(%url, "no Decidim version: no answer in time");
            return None;
        }
    };
    announced(&body)
}

async fn fetch(url: &url::Url) -> Result<String, String> {
    let client: Client<_, Empty<Bytes>> =
        Client::builder(TokioExecutor::new()).build(hyper_tls::HttpsConnector::new());
    let uri: hyper::Uri = url.as_str().parse().map_err(|e| format!("{e}"))?;
    let request = hyper::Request::get(uri)
        .header("user-agent", "decidim-explorer")
        .body(Empty::new())
        .map_err(|e| e.to_string())?;
    let response = client.request(request).await.map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!("it answered {}", response.status()));
    }
    let bytes = Limited::new(response.into_body(), MAX_BODY)
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The version in the page's `.version` element ("Decidim 0.29.5" gives "0.29.5").
pub fn announced(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(".version").expect("valid selector");
    let text: String = doc.select(&selector).next()?.text().collect();
    let version = text.trim().strip_prefix("Decidim")?.trim();
    let plausible = !version.is_empty()
        && version.len() <= 32
        && version.starts_with(|c: char| c.is_ascii_digit())
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    plausible.then(|| version.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_documentation_page_names_the_version() {
        let page = r#"<html><body><div class="content">
            <div class="version">Decidim 0.29.5</div>
            <h1>OSP API documentation</h1></div></body></html>"#;
        assert_eq!(announced(page).as_deref(), Some("0.29.5"));
        assert_eq!(
            announced(r#"<div class="version"> Decidim 0.30.0.rc1 </div>"#).as_deref(),
            Some("0.30.0.rc1")
        );
    }

    #[test]
    fn a_page_without_a_version_names_none() {
        assert_eq!(announced("<html><body>Sign in</body></html>"), None);
        assert_eq!(announced(r#"<div class="version">v2 beta</div>"#), None);
        assert_eq!(
            announced(r#"<div class="version">Decidim <script>x</script></div>"#),
            None
        );
    }

    #[tokio::test]
    async fn a_target_that_does_not_answer_has_no_version() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = url::Url::parse(&format!("http://{}/", closed.local_addr().unwrap())).unwrap();
        drop(closed);
        assert_eq!(ask(&url).await, None);
    }
}
