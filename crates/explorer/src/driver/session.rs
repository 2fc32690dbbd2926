//! [`BrowserSession`]: one WebDriver session with Chromium flags fit for root, containers and
//! a closed network, and a fresh profile each time.

use super::error::DriverError;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use std::path::{Path, PathBuf};

/// How long opening a session may take (a Grid may queue it while its nodes are busy).
const OPEN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// How long closing a session may take.
const CLOSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// How to start the browser.
#[derive(Debug, Clone)]
pub struct BrowserOptions {
    /// Chromium binary; `None` lets chromedriver pick (or the remote endpoint decide).
    pub chromium: Option<PathBuf>,
    /// Show the window instead of running headless.
    pub headed: bool,
    /// Window size in CSS pixels.
    pub window: (u32, u32),
    /// `Accept-Language` of the browser, e.g. "en-US,en" or "fr-FR,fr".
    pub accept_language: String,
    /// How long a page may take to load (and a script to run) before chromedriver gives up;
    /// a step with its own timeout sets its own.
    pub page_load_timeout: std::time::Duration,
    /// Values a screenshot must not show (the fields holding one are blanked while it is taken).
    pub hidden_values: Vec<crate::secret::Secret>,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        BrowserOptions {
            chromium: None,
            headed: false,
            window: (1280, 900),
            accept_language: "en-US,en".into(),
            page_load_timeout: std::time::Duration::from_secs(10),
            hidden_values: Vec::new(),
        }
    }
}

/// The capabilities for a new Chromium session. `profile` is a fresh `--user-data-dir`.
pub fn capabilities(opts: &BrowserOptions, profile: Option<&Path>) -> Capabilities {
    let mut args = vec![
        "--no-sandbox".to_string(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        // Without these Chromium keeps calling home on a network that is closed here.
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-default-apps".into(),
        "--disable-extensions".into(),
        "--no-first-run".into(),
        "--no-default-browser-check".into(),
        "--disable-quic".into(),
        "--password-store=basic".into(),
        format!("--window-size={},{}", opts.window.0, opts.window.1),
        format!(
            "--lang={}",
            opts.accept_language.split(',').next().unwrap_or("en-US")
        ),
    ];
    if !opts.headed {
        args.push("--headless=new".into());
    }
    if let Some(p) = profile {
        args.push(format!("--user-data-dir={}", p.display()));
    }
    let mut chrome = json!({
        "args": args,
        "prefs": {
            "intl.accept_languages": opts.accept_language,
            "credentials_enable_service": false,
            "profile.password_manager_enabled": false
        },
        "excludeSwitches": ["enable-automation"]
    });
    if let Some(bin) = &opts.chromium {
        chrome["binary"] = json!(bin.display().to_string());
    }
    let mut caps = Capabilities::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), chrome);
    caps.insert("pageLoadStrategy".into(), json!("normal"));
    caps.insert("unhandledPromptBehavior".into(), json!("accept"));
    // chromedriver's own defaults (300 s for a page, 30 s for a script) would outlast any step.
    let ms = opts.page_load_timeout.as_millis() as u64;
    caps.insert(
        "timeouts".into(),
        json!({ "pageLoad": ms, "script": ms, "implicit": 0 }),
    );
    caps
}

/// An open WebDriver session and the profile folder it owns.
#[derive(Debug)]
pub struct BrowserSession {
    /// The fantoccini client.
    pub client: Client,
    _profile: Option<tempfile::TempDir>,
}

impl BrowserSession {
    /// Open a session at `webdriver_url`; `scratch` (if local) holds the fresh profile.
    pub async fn open(
        webdriver_url: &str,
        opts: &BrowserOptions,
        scratch: Option<&Path>,
    ) -> Result<BrowserSession, DriverError> {
        let profile = match scratch {
            Some(dir) => Some(
                tempfile::Builder::new()
                    .prefix("profile-")
                    .tempdir_in(dir)
                    .map_err(|source| DriverError::Write {
                        path: dir.to_path_buf(),
                        source,
                    })?,
            ),
            None => None,
        };
        let caps = capabilities(opts, profile.as_ref().map(|p| p.path()));
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps);
        // Commands are joined onto the URL: without the slash `.../wd/hub` + `session` would
        // become `.../wd/session`.
        let endpoint = with_trailing_slash(webdriver_url);
        let connecting = builder.connect(&endpoint);
        let client = tokio::time::timeout(OPEN_TIMEOUT, connecting)
            .await
            .map_err(|_| DriverError::NoAnswer {
                url: webdriver_url.to_string(),
                waited: OPEN_TIMEOUT,
            })?
            .map_err(|source| match source {
                fantoccini::error::NewSessionError::NotW3C(answer) => DriverError::NotWebDriver {
                    url: webdriver_url.to_string(),
                    answer: excerpt(&answer),
                },
                source => DriverError::Session {
                    url: webdriver_url.to_string(),
                    source,
                },
            })?;
        Ok(BrowserSession {
            client,
            _profile: profile,
        })
    }

    /// End the session (closes the browser window and its processes). Bounded: a session held
    /// by a page that never loads is left to the chromedriver shutdown, which kills its group.
    pub async fn close(self) {
        match tokio::time::timeout(CLOSE_TIMEOUT, self.client.close()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                tracing::debug!(error = %e, "closing the session failed (browser already gone?)")
            }
            Err(_) => tracing::debug!("the session did not close in time; left to the shutdown"),
        }
    }
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// What a non-WebDriver server answered, cut to one readable line (it is often a whole HTML page).
fn excerpt(answer: &serde_json::Value) -> String {
    const MAX: usize = 160;
    let text = match answer {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// How long making a kept session fresh again may take before a new one is opened instead.
const RESET_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

impl BrowserSession {
    /// Make this session as a new one would be for `origin` (no cookies, no storage, one blank
    /// window), so the next scenario can reuse it: a new browser costs ~0.5 s, this ~20 ms.
    /// An error means the session cannot be trusted: the caller opens a new one.
    pub async fn reset(&self, origin: &url::Url) -> Result<(), DriverError> {
        tokio::time::timeout(RESET_TIMEOUT, self.reset_now(origin))
            .await
            .map_err(|_| DriverError::Unexpected("the session did not reset in time".into()))?
    }

    async fn reset_now(&self, origin: &url::Url) -> Result<(), DriverError> {
        let c = &self.client;
        let windows = c.windows().await?;
        if let Some((first, others)) = windows.split_first() {
            for w in others {
                c.switch_to_window(w.clone()).await?;
                c.close_window().await?;
            }
            c.switch_to_window(first.clone()).await?;
        }
        let origin = origin.origin().ascii_serialization();
        let cleared = async {
            cdp(c, "Network.clearBrowserCookies", json!({})).await?;
            cdp(
                c,
                "Storage.clearDataForOrigin",
                json!({ "origin": origin, "storageTypes": "cookies,local_storage,session_storage,indexeddb,service_workers,cache_storage" }),
            )
            .await
        };
        if let Err(e) = cleared.await {
            // Not a chromedriver (a Grid in front of another driver): WebDriver can only clear
            // what the current page's origin holds, so the page must be on the target.
            tracing::debug!(error = %e, "no CDP; clearing through the page");
            let here = c.current_url().await?;
            if here.origin().ascii_serialization() != origin {
                return Err(DriverError::Unexpected(format!(
                    "cannot clear the session's storage from {here}"
                )));
            }
            c.execute(
                "try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}",
                vec![],
            )
            .await?;
            c.delete_all_cookies().await?;
        }
        c.goto("about:blank").await?;
        Ok(())
    }
}

/// A Chrome DevTools command through chromedriver's `goog/cdp/execute`.
async fn cdp(
    client: &Client,
    cmd: &'static str,
    params: serde_json::Value,
) -> Result<serde_json::Value, fantoccini::error::CmdError> {
    client.issue_cmd(CdpCommand { cmd, params }).await
}

#[derive(Debug)]
struct CdpCommand {
    cmd: &'static str,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_gets_the_slash_commands_are_joined_onto() {
        assert_eq!(
            with_trailing_slash("http://h:4444/wd/hub"),
            "http://h:4444/wd/hub/"
        );
        assert_eq!(with_trailing_slash("http://h:9515/"), "http://h:9515/");
    }

    #[test]
    fn a_page_answered_instead_of_webdriver_is_cut_to_one_short_line() {
        let page = format!(
            "<!DOCTYPE html>\n<html>\n  <body>{}</body>",
            "Whoops! ".repeat(50)
        );
        let cut = excerpt(&serde_json::Value::String(page));
        assert!(
            cut.starts_with("<!DOCTYPE html> <html> <body>Whoops!"),
            "{cut}"
        );
        assert!(!cut.contains('\n'));
        assert_eq!(cut.chars().count(), 161, "{cut}");
        assert_eq!(excerpt(&json!({"a": 1})), r#"{"a":1}"#);
    }
}
