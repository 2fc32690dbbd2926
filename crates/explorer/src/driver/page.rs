//! [`Page`]: the step actions (goto, click, fill…, login) on an open browser session.
//!
//! Each action auto-waits through [`super::locate`]; none sleeps for a fixed time.
//! Decidim specifics (consent dialog, admin terms gate, confirm modal, devise form) live here
//! and only here, so scenarios stay short and survive markup details.

use super::error::DriverError;
use super::locate::{element_from_json, locate, wait_js, Purpose};
use super::wait::{self, Deadline, Probe};
use crate::scenario::{Localized, Target, TargetBy};
use crate::secret::Credentials;
use fantoccini::elements::Element;
use fantoccini::Client;
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a question about the page (its URL, a screenshot, its HTML) may take: these are
/// asked after a step, to show what happened, and must not hang on a page that is still loading.
const QUESTION_TIMEOUT: Duration = Duration::from_secs(2);
/// What a navigation gets beyond its step's timeout before we stop waiting for chromedriver.
const NAVIGATION_SLACK: Duration = Duration::from_secs(2);

/// What the browser shows right now.
#[derive(Debug, Clone, Default)]
pub struct PageState {
    /// Current URL.
    pub url: Option<String>,
    /// Document title.
    pub title: Option<String>,
    /// The HTTP status the current document was served with (0 or absent when unknown).
    pub http_status: Option<u16>,
}

impl PageState {
    /// "HTTP 500 at /admin/…", when the current document came with an error status.
    pub fn http_error(&self) -> Option<String> {
        let status = self.http_status.filter(|s| *s >= 400)?;
        let at = self
            .url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok())
            .map(|u| u.path().to_string())
            .unwrap_or_default();
        Some(format!("HTTP {status} at {at}"))
    }
}

/// Whether a login may accept the admin terms for its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminTerms {
    /// Accept them if asked (lessons: the first thing an admin does).
    Accept,
    /// Stop instead (the inventory crawl, which changes nothing).
    Refuse,
}

/// Step actions against one browser session.
#[derive(Debug, Clone)]
pub struct Page {
    client: Client,
    base_url: url::Url,
    /// The page-load timeout chromedriver has now (set per navigation when a step's differs).
    page_load: Arc<Mutex<Duration>>,
    /// Until when the session is busy with a command we stopped waiting for: chromedriver runs
    /// one command at a time, so anything asked before then would queue behind it.
    busy_until: Arc<Mutex<Option<Instant>>>,
    /// Values no screenshot may show.
    hidden: Arc<Vec<crate::secret::Secret>>,
}

fn css(selector: &str) -> Target {
    Target {
        by: TargetBy::Css(selector.to_string()),
        within: None,
        name: None,
    }
}

/// chromedriver's answer when a page did not load within the page-load timeout.
fn is_webdriver_timeout(e: &fantoccini::error::CmdError) -> bool {
    matches!(e, fantoccini::error::CmdError::Standard(w)
        if w.error == fantoccini::error::ErrorStatus::Timeout)
}

/// Blank the fields (and editable areas) whose content holds one of the values given: their text
/// transparent and shadowless, so a screenshot shows the field and not what is in it. Returns how
/// many were blanked; [`UNMASK_JS`] restores them.
const MASK_JS: &str = "const values = arguments[0]; let n = 0;
  const holds = (t) => values.some((v) => v && t && t.includes(v));
  for (const el of document.querySelectorAll('input, textarea, [contenteditable]')) {
    const text = el.isContentEditable && !('value' in el) ? el.textContent : el.value;
    if (!holds(text)) continue;
    el.dataset.explorerMask = el.getAttribute('style') || '';
    el.style.setProperty('color', 'transparent', 'important');
    el.style.setProperty('text-shadow', 'none', 'important');
    el.style.setProperty('caret-color', 'transparent', 'important');
    n++;
  }
  return n;";

/// Undo [`MASK_JS`].
const UNMASK_JS: &str = "for (const el of document.querySelectorAll('[data-explorer-mask]')) {
    const style = el.dataset.explorerMask; delete el.dataset.explorerMask;
    if (style) el.setAttribute('style', style); else el.removeAttribute('style');
  }";

const NORM_JS: &str = "const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim().toLowerCase();";

impl Page {
    /// Wrap a session opened with `page_load` as its page-load timeout; relative URLs are
    /// resolved against `base_url`.
    pub fn new(client: Client, base_url: url::Url, page_load: Duration) -> Self {
        Page {
            client,
            base_url,
            page_load: Arc::new(Mutex::new(page_load)),
            busy_until: Arc::default(),
            hidden: Arc::default(),
        }
    }

    /// The same page, blanking the fields that hold one of `values` in every screenshot.
    pub fn hiding(self, values: Vec<crate::secret::Secret>) -> Self {
        Page {
            hidden: Arc::new(values),
            ..self
        }
    }

    /// Whether a command we gave up on still holds the session.
    pub fn is_busy(&self) -> bool {
        let until = *self.busy_until.lock().unwrap_or_else(|e| e.into_inner());
        until.is_some_and(|t| Instant::now() < t)
    }

    /// Remember that the session is held by a command for up to `for_at_most`.
    fn mark_busy(&self, for_at_most: Duration) {
        *self.busy_until.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(Instant::now() + for_at_most);
    }

    /// A question about the page, bounded by [`QUESTION_TIMEOUT`] and not asked at all while
    /// the session is held by a command we gave up on.
    async fn ask<T>(
        &self,
        what: &'static str,
        question: impl std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
    ) -> Result<T, DriverError> {
        let unresponsive = || DriverError::Unresponsive {
            what,
            waited: QUESTION_TIMEOUT,
        };
        if self.is_busy() {
            return Err(unresponsive());
        }
        match tokio::time::timeout(QUESTION_TIMEOUT, question).await {
            Ok(answer) => Ok(answer?),
            Err(_) => {
                let page_load = *self.page_load.lock().unwrap_or_else(|e| e.into_inner());
                self.mark_busy(page_load);
                Err(unresponsive())
            }
        }
    }

    /// The WebDriver client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Resolve a scenario URL against the base URL.
    pub fn resolve(&self, url: &str) -> Result<url::Url, DriverError> {
        self.base_url
            .join(url)
            .map_err(|e| DriverError::Unexpected(format!("bad URL {url:?}: {e}")))
    }

    /// Open a URL; a server that does not answer within `timeout` is an error that says so.
    pub async fn goto(&self, url: &str, timeout: Duration) -> Result<(), DriverError> {
        let url = self.resolve(url)?;
        self.set_page_load(timeout).await?;
        let no_answer = || DriverError::NoAnswer {
            url: url.to_string(),
            waited: timeout,
        };
        // Busy until it returns: if this is abandoned (Ctrl-C), the questions asked next about
        // the page do not queue behind it.
        self.mark_busy(timeout + NAVIGATION_SLACK);
        let navigated =
            tokio::time::timeout(timeout + NAVIGATION_SLACK, self.client.goto(url.as_str())).await;
        match navigated {
            Ok(Ok(())) => {
                *self.busy_until.lock().unwrap_or_else(|e| e.into_inner()) = None;
                Ok(())
            }
            // The browser keeps loading, and chromedriver makes the next command wait for it.
            Ok(Err(e)) if is_webdriver_timeout(&e) => Err(no_answer()),
            Ok(Err(e)) => {
                *self.busy_until.lock().unwrap_or_else(|e| e.into_inner()) = None;
                Err(e.into())
            }
            Err(_) => Err(no_answer()),
        }
    }

    /// Give chromedriver the step's page-load timeout, when it has another one.
    async fn set_page_load(&self, timeout: Duration) -> Result<(), DriverError> {
        if *self.page_load.lock().unwrap_or_else(|e| e.into_inner()) == timeout {
            return Ok(());
        }
        let timeouts = fantoccini::wd::TimeoutConfiguration::new(
            Some(timeout),
            Some(timeout),
            Some(Duration::ZERO),
        );
        self.ask(
            "its timeouts to be set",
            self.client.update_timeouts(timeouts),
        )
        .await?;
        *self.page_load.lock().unwrap_or_else(|e| e.into_inner()) = timeout;
        Ok(())
    }

    /// Click `target` once it is actionable; retried if the page changes under the click.
    pub async fn click(&self, target: &Target, timeout: Duration) -> Result<(), DriverError> {
        wait::until(
            || format!("a click on {target} to land"),
            timeout,
            |deadline| async move {
                let found =
                    locate(&self.client, target, Purpose::Click, deadline.remaining()).await?;
                match found.element.click().await.map_err(DriverError::from) {
                    Ok(()) => Ok(Probe::Done(())),
                    Err(e) if e.is_transient() => {
                        tracing::debug!(error = %e, "click did not land, retrying");
                        Ok(Probe::NotYet(format!("the click did not land ({e})")))
                    }
                    Err(e) => Err(e),
                }
            },
        )
        .await
    }

    /// Press OK in Decidim's confirm dialog (`[data-confirm-ok]`, 0.27 reveal or 0.28+ a11y dialog).
    pub async fn confirm(&self, timeout: Duration) -> Result<(), DriverError> {
        self.click(&css("[data-confirm-ok]"), timeout).await
    }

    /// Replace the text of an input, textarea or rich-text editor, typing as a person does; for a
    /// translated field, then type the same text into its other languages that are still empty
    /// (clicking each language tab), so the organization's default language is never left blank.
    pub async fn fill(
        &self,
        target: &Target,
        value: &str,
        timeout: Duration,
    ) -> Result<(), DriverError> {
        // Typing and the other languages' tabs are one attempt: a field re-rendered under us
        // (a stale element at any point) is found again and typed again.
        wait::until(
            || format!("typing into {target} to land"),
            timeout,
            |deadline| async move {
                let found =
                    locate(&self.client, target, Purpose::Fill, deadline.remaining()).await?;
                let typed = match self.type_value(&found.element, value).await {
                    Ok(()) => {
                        self.fill_other_locales(&found.element, value, deadline)
                            .await
                    }
                    Err(e) => Err(e),
                };
                match typed {
                    Ok(()) => Ok(Probe::Done(())),
                    Err(e) if e.is_transient() => {
                        Ok(Probe::NotYet(format!("the typing did not land ({e})")))
                    }
                    Err(e) => Err(e),
                }
            },
        )
        .await
    }

    /// Type `value` into a located field. A date and time field of Decidim's datepicker is two text
    /// boxes, `<id>_date` and `<id>_time`, under one label: "15/10/2030 18:00" goes into both.
    async fn type_value(&self, el: &Element, value: &str) -> Result<(), DriverError> {
        if let Some((date, time)) = value.trim().split_once(' ') {
            let time_field = self
                .client
                .execute(
                    "const m = (arguments[0].id || '').match(/^(.*)_date$/);
                     const hidden = m && document.getElementById(m[1]);
                     return hidden && hidden.type === 'datetime-local' ? document.getElementById(m[1] + '_time') : null;",
                    vec![json!(el)],
                )
                .await?;
            if let Some(time_el) = self.element(&time_field) {
                self.type_into(el, date).await?;
                return self.type_into(&time_el, time.trim()).await;
            }
        }
        self.type_into(el, value).await
    }

    /// Clear a field and type `value` into it. A contenteditable editor (TipTap's ProseMirror) is
    /// cleared as a person would, select all then delete, so the editor's own handlers run.
    async fn type_into(&self, el: &Element, value: &str) -> Result<(), DriverError> {
        let editable = self
            .client
            .execute("return arguments[0].isContentEditable;", vec![json!(el)])
            .await?
            .as_bool()
            .unwrap_or(false);
        if editable {
            el.click().await?;
            el.send_keys("\u{E009}a\u{E000}\u{E017}").await?;
        } else {
            el.clear().await?;
        }
        el.send_keys(value).await?;
        Ok(())
    }

    async fn fill_other_locales(
        &self,
        typed: &Element,
        value: &str,
        deadline: Deadline,
    ) -> Result<(), DriverError> {
        let found = self
            .client
            .execute(include_str!("other_locales.js"), vec![json!(typed)])
            .await?;
        if found.is_null() {
            return Ok(());
        }
        let element = |v: &serde_json::Value| {
            element_from_json(&self.client, v).ok_or_else(|| {
                DriverError::Unexpected("the language tabs script returned no element".into())
            })
        };
        let others = found["others"].as_array().cloned().unwrap_or_default();
        for other in &others {
            element(&other["tab"])?.click().await?;
            let field = element(&other["field"])?;
            wait_js(
                &self.client,
                "const r = arguments[0].getBoundingClientRect(); return r.width > 0 && r.height > 0;",
                vec![json!(field)],
                "the other language's field to show",
                deadline.remaining().max(Duration::from_millis(500)),
            )
            .await?;
            self.type_into(&field, value).await?;
        }
        if let Some(back) = found.get("back").filter(|b| !b.is_null()) {
            element(back)?.click().await?;
        }
        Ok(())
    }

    /// Choose the option of a `<select>` whose text matches one of `option`'s variants.
    pub async fn select(
        &self,
        target: &Target,
        option: &Localized,
        timeout: Duration,
    ) -> Result<(), DriverError> {
        let found = locate(&self.client, target, Purpose::Select, timeout).await?;
        let script = format!(
            "{NORM_JS} const sel = arguments[0]; const wanted = arguments[1].map(norm);
             const opts = Array.from(sel.options || []);
             let i = opts.findIndex(o => wanted.includes(norm(o.text)));
             if (i < 0) i = opts.findIndex(o => wanted.some(w => norm(o.text).includes(w)));
             return {{ index: i, options: opts.map(o => o.text.trim()) }};"
        );
        let answer = self
            .client
            .execute(
                &script,
                vec![json!(found.element), json!(option.variants())],
            )
            .await?;
        let index = answer["index"].as_i64().unwrap_or(-1);
        if index < 0 {
            return Err(DriverError::Unexpected(format!(
                "no option {} in {target}; options are {}",
                option.describe(),
                answer["options"]
            )));
        }
        found.element.select_by_index(index as usize).await?;
        Ok(())
    }

    /// Set a checkbox to `checked`, clicking it (or its label) only if needed.
    pub async fn check(
        &self,
        target: &Target,
        checked: bool,
        timeout: Duration,
    ) -> Result<(), DriverError> {
        let found = locate(&self.client, target, Purpose::Check, timeout).await?;
        let state_js = "const el = arguments[0];
            const c = el.tagName === 'LABEL' ? (el.control || el.querySelector('input')) : el;
            return c ? !!c.checked : null;";
        let now = self
            .client
            .execute(state_js, vec![json!(found.element)])
            .await?;
        if now.as_bool() != Some(checked) {
            found.element.click().await?;
            let after = self
                .client
                .execute(state_js, vec![json!(found.element)])
                .await?;
            if after.as_bool() != Some(checked) {
                return Err(DriverError::Unexpected(format!(
                    "{target} did not become {}",
                    if checked { "checked" } else { "unchecked" }
                )));
            }
        }
        Ok(())
    }

    /// Wait until one of `text`'s variants is visible on the page (or inside `target`).
    pub async fn expect_text(
        &self,
        text: &Localized,
        target: Option<&Target>,
        timeout: Duration,
    ) -> Result<(), DriverError> {
        let check = format!(
            "{NORM_JS} const root = arguments[0] || document.body; if (!root) return false;
             const seen = norm(root.innerText);
             if (arguments[1].some(v => seen.includes(norm(v)))) return true;
             const h = document.querySelector('h1'); const f = document.querySelector('.flash, .callout');
             return {{ ok: false, seen: 'page shows ' + JSON.stringify((h ? h.innerText : document.title).trim().slice(0, 80))
               + (f ? ', flash ' + JSON.stringify(f.innerText.trim().slice(0, 120)) : '') }};"
        );
        let what = match target {
            Some(t) => format!("text {} inside {t}", text.describe()),
            None => format!("text {}", text.describe()),
        };
        let variants = json!(text.variants());
        let (check, variants) = (&check, &variants);
        wait::until(
            || what,
            timeout,
            |deadline| async move {
                let root = match target {
                    Some(t) => json!(
                        locate(&self.client, t, Purpose::Visible, deadline.remaining())
                            .await?
                            .element
                    ),
                    None => json!(null),
                };
                match self
                    .client
                    .execute(check, vec![root, variants.clone()])
                    .await
                {
                    Ok(serde_json::Value::Bool(true)) => Ok(Probe::Done(())),
                    Ok(v) => Ok(Probe::NotYet(
                        v["seen"].as_str().unwrap_or("not yet").to_string(),
                    )),
                    Err(e) => wait::not_yet(e),
                }
            },
        )
        .await
    }

    /// Wait until the URL matches `pattern` (see [`url_matches`]).
    pub async fn expect_url(&self, pattern: &str, timeout: Duration) -> Result<(), DriverError> {
        wait::until(
            || format!("URL {pattern:?}"),
            timeout,
            |_| async move {
                match self.client.current_url().await {
                    Ok(url) if url_matches(pattern, &url) => Ok(Probe::Done(())),
                    Ok(url) => Ok(Probe::NotYet(format!("URL is {url}"))),
                    Err(e) => wait::not_yet(e),
                }
            },
        )
        .await
    }

    /// Wait until `target` is visible.
    pub async fn expect_element(
        &self,
        target: &Target,
        timeout: Duration,
    ) -> Result<(), DriverError> {
        locate(&self.client, target, Purpose::Visible, timeout)
            .await
            .map(|_| ())
    }

    /// Wait for the document to finish loading.
    async fn loaded(&self, timeout: Duration) -> Result<(), DriverError> {
        wait_js(
            &self.client,
            "return document.readyState === 'complete';",
            vec![],
            "the page to finish loading",
            timeout,
        )
        .await
        .map(|_| ())
    }

    /// Accept the data-consent dialog if it is shown (Decidim shows it until consent is stored).
    pub async fn accept_cookies(&self, timeout: Duration) -> Result<bool, DriverError> {
        self.loaded(timeout).await?;
        let shown = self
            .client
            .execute(
                "const b = document.querySelector('#dc-dialog-accept');
                 return !!b && b.getClientRects().length > 0 && getComputedStyle(b).visibility !== 'hidden';",
                vec![],
            )
            .await?
            .as_bool()
            .unwrap_or(false);
        if shown {
            self.click(&css("#dc-dialog-accept"), timeout).await?;
            wait_js(
                &self.client,
                "const b = document.querySelector('#dc-dialog-accept'); return !b || b.getClientRects().length === 0;",
                vec![],
                "the cookie dialog to close",
                timeout,
            )
            .await?;
        }
        Ok(shown)
    }

    /// Accept the admin terms if the gate (`/admin/admin_terms/show`) is shown.
    pub async fn accept_admin_terms(&self, timeout: Duration) -> Result<bool, DriverError> {
        self.loaded(timeout).await?;
        let url = self.client.current_url().await?;
        if !url.path().contains("/admin_terms") {
            return Ok(false);
        }
        self.click(
            &css("form[action*='admin_terms/accept'] button, form[action*='admin_terms/accept'] [type=submit]"),
            timeout,
        )
        .await?;
        self.wait_path(
            |p| !p.contains("/admin_terms"),
            "to leave the admin terms page",
            timeout,
        )
        .await?;
        Ok(true)
    }

    async fn wait_path(
        &self,
        ok: impl Fn(&str) -> bool,
        what: &str,
        timeout: Duration,
    ) -> Result<url::Url, DriverError> {
        let ok = &ok;
        wait::until(
            || what.to_string(),
            timeout,
            |_| async move {
                match self.client.current_url().await {
                    Ok(url) if ok(url.path()) => Ok(Probe::Done(url)),
                    Ok(url) => Ok(Probe::NotYet(format!("URL is {url}"))),
                    Err(e) => wait::not_yet(e),
                }
            },
        )
        .await
    }

    /// Log in through Decidim's devise form and land on the admin dashboard (accepting the
    /// admin terms if the account has not yet).
    pub async fn login(&self, creds: &Credentials, timeout: Duration) -> Result<(), DriverError> {
        self.login_with(creds, timeout, AdminTerms::Accept).await
    }

    /// Log in; with [`AdminTerms::Refuse`], an account that must accept the admin terms first is
    /// an error instead (accepting them is a PUT that changes the account).
    pub async fn login_with(
        &self,
        creds: &Credentials,
        timeout: Duration,
        terms: AdminTerms,
    ) -> Result<(), DriverError> {
        self.goto("/users/sign_in", timeout).await?;
        self.accept_cookies(timeout).await?;
        let url = self.client.current_url().await?;
        if url.path().starts_with("/users/sign_in") {
            let form = "#session_new_user";
            self.fill(
                &css(&format!("{form} #session_user_email")),
                &creds.email,
                timeout,
            )
            .await?;
            self.fill(
                &css(&format!("{form} #session_user_password")),
                creds.password.expose(),
                timeout,
            )
            .await?;
            self.click(&css(&format!("{form} [type=submit]")), timeout)
                .await?;
            // Either we leave the sign-in page, or devise re-renders it with an alert.
            let verdict = wait_js(
                &self.client,
                "if (!location.pathname.startsWith('/users/sign_in')) return 'ok';
                 const a = document.querySelector('.flash.alert, .callout.alert, .flash.error');
                 if (a && document.readyState === 'complete') return 'rejected: ' + a.innerText.trim();
                 return false;",
                vec![],
                "the login to be accepted",
                timeout,
            )
            .await?;
            if let Some(msg) = verdict.as_str().and_then(|v| v.strip_prefix("rejected: ")) {
                return Err(DriverError::Unexpected(format!(
                    "login rejected for {}: {msg}",
                    creds.email
                )));
            }
        }
        self.goto("/admin/", timeout).await?;
        self.loaded(timeout).await?;
        match terms {
            AdminTerms::Accept => {
                self.accept_admin_terms(timeout).await?;
            }
            AdminTerms::Refuse => {
                if self
                    .client
                    .current_url()
                    .await?
                    .path()
                    .contains("/admin_terms")
                {
                    return Err(DriverError::Unexpected(format!(
                        "{} has not accepted the admin terms, and accepting them changes the account: accept them once in the admin, or pass --accept-admin-terms",
                        creds.email
                    )));
                }
            }
        }
        let url = self.client.current_url().await?;
        if !url.path().starts_with("/admin") {
            return Err(DriverError::Unexpected(format!(
                "logged in as {} but /admin sent us to {url} (is this account an administrator?)",
                creds.email
            )));
        }
        self.expect_element(
            &css(".layout-nav, .main-nav, #admin-sidebar-menu-settings, nav"),
            timeout,
        )
        .await
    }

    /// URL and title, without failing (used for reports, also after errors).
    pub async fn state(&self) -> PageState {
        // One round trip: the URL, the title, and the status the document was served with.
        let js = "const nav = performance.getEntriesByType('navigation')[0];
                  return [location.href, document.title, nav ? (nav.responseStatus || 0) : 0];";
        let answer = self
            .ask("its URL and title", self.client.execute(js, vec![]))
            .await;
        let Ok(serde_json::Value::Array(v)) = answer else {
            return PageState::default();
        };
        PageState {
            url: v.first().and_then(|u| u.as_str()).map(String::from),
            title: v.get(1).and_then(|t| t.as_str()).map(String::from),
            http_status: v
                .get(2)
                .and_then(|s| s.as_u64())
                .and_then(|s| u16::try_from(s).ok())
                .filter(|s| *s > 0),
        }
    }

    /// Whether the browser still answers (a cheap command, bounded in time). A session held by a
    /// page that is still loading is alive: it is busy, not gone.
    pub async fn is_alive(&self) -> bool {
        if self.is_busy() {
            return true;
        }
        match self.ask("its title", self.client.title()).await {
            Ok(_) => true,
            Err(DriverError::Unresponsive { .. }) => false,
            Err(e) => !e.is_browser_lost(),
        }
    }

    /// A PNG of the viewport; fields holding a hidden value are blank in it.
    pub async fn screenshot(&self) -> Result<Vec<u8>, DriverError> {
        if self.hidden.is_empty() {
            return self.ask("a screenshot", self.client.screenshot()).await;
        }
        let values: Vec<&str> = self.hidden.iter().map(|s| s.expose()).collect();
        let masked = self
            .ask(
                "its secret fields to be blanked",
                self.client.execute(MASK_JS, vec![json!(values)]),
            )
            .await?;
        let png = self.ask("a screenshot", self.client.screenshot()).await;
        if masked.as_u64().unwrap_or(0) > 0 {
            // Put them back as they were, whatever the screenshot gave.
            let _ = self
                .ask(
                    "its secret fields to be shown again",
                    self.client.execute(UNMASK_JS, vec![]),
                )
                .await;
        }
        png
    }

    /// The browser and its version as the session named them when it opened
    /// (`browserName` and `browserVersion`: "chrome 143.0.7499.169").
    pub fn browser(&self) -> Option<String> {
        let caps = self.client.capabilities()?;
        let name = caps.get("browserName")?.as_str()?;
        Some(match caps.get("browserVersion").and_then(|v| v.as_str()) {
            Some(version) => format!("{name} {version}"),
            None => name.to_string(),
        })
    }

    /// The page's HTML as the browser has it now.
    pub async fn html(&self) -> Result<String, DriverError> {
        self.ask("its HTML", self.client.source()).await
    }

    /// Bring the element a step acts on into view and give its box in the viewport (CSS pixels), as
    /// soon as it is visible: the picture of the step is taken with it, before the action.
    pub async fn target_box(
        &self,
        target: &Target,
        purpose: Purpose,
        timeout: Duration,
    ) -> Result<[i64; 4], DriverError> {
        let found = super::locate::locate_visible(&self.client, target, purpose, timeout).await?;
        let r = &found.rect;
        Ok([
            r.first().copied().unwrap_or(0),
            r.get(1).copied().unwrap_or(0),
            r.get(2).copied().unwrap_or(0),
            r.get(3).copied().unwrap_or(0),
        ])
    }

    /// Outline `target` and explain the step in a bubble beside it (guided mode); removed by
    /// [`Page::unhighlight`]. Returns what was drawn: the bubble's placement and box, the boxes it
    /// kept clear (target, label, help text, next field) and the words read from the page there.
    pub async fn highlight(
        &self,
        target: &Target,
        purpose: Purpose,
        bubble: &Bubble,
        timeout: Duration,
    ) -> Result<serde_json::Value, DriverError> {
        let found = super::locate::locate_visible(&self.client, target, purpose, timeout).await?;
        let drawn = self
            .client
            .execute(
                include_str!("highlight.js"),
                vec![
                    json!(found.element),
                    serde_json::to_value(bubble).unwrap_or_default(),
                ],
            )
            .await?;
        Ok(drawn)
    }

    /// Remove what [`Page::highlight`] drew.
    pub async fn unhighlight(&self) {
        let _ = self
            .client
            .execute(
                "document.querySelectorAll('[data-dx-overlay]').forEach(n => n.remove());",
                vec![],
            )
            .await;
    }

    /// Elements returned by a script, as fantoccini elements.
    pub fn element(&self, value: &serde_json::Value) -> Option<fantoccini::elements::Element> {
        element_from_json(&self.client, value)
    }
}

/// What the guide's bubble says: the step counter and the lesson (small), the action in words, the why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Bubble {
    /// « Étape 4/12 ».
    pub counter: String,
    /// The lesson's title.
    pub lesson: String,
    /// The action in words.
    pub heading: String,
    /// The step's narration.
    pub narration: String,
}

/// Whether `url` matches `pattern`: `*` matches anything; a pattern starting with `/` is
/// compared with the path (and the query, if the pattern has one), otherwise with the whole URL.
pub fn url_matches(pattern: &str, url: &url::Url) -> bool {
    let subject = if pattern.starts_with('/') {
        if pattern.contains('?') {
            format!("{}?{}", url.path(), url.query().unwrap_or(""))
        } else {
            url.path().to_string()
        }
    } else {
        url.to_string()
    };
    crate::glob::glob(pattern, &subject)
        || (pattern.starts_with('/')
            && !pattern.ends_with('/')
            && crate::glob::glob(&format!("{pattern}/"), &subject))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> url::Url {
        url::Url::parse(s).unwrap()
    }

    #[test]
    fn path_patterns_ignore_host_and_query() {
        let url = u("http://127.0.0.1:4000/admin/participatory_processes/abc-1/steps?locale=fr");
        assert!(url_matches("/admin/participatory_processes/*/steps", &url));
        assert!(!url_matches("/admin/participatory_processes", &url));
        assert!(url_matches("/admin/*", &url));
        assert!(url_matches("/admin/*?locale=fr", &url));
        assert!(url_matches("/admin", &u("http://h/admin/")));
    }

    #[test]
    fn full_url_patterns() {
        let url = u("https://demo.example/admin/");
        assert!(url_matches("https://demo.example/*", &url));
        assert!(!url_matches("https://other/*", &url));
    }
}
