//! The two traits the runner drives the browser through, and their real implementations:
//! [`BrowserPage`] (the step actions on one session, [`driver::Page`](crate::driver::Page)) and
//! [`Sessions`] (where sessions come from, [`driver::Browser`](crate::driver::Browser)). Tests
//! give the runner a fake of each, so outcomes, failures and cancellation need no browser.

use crate::driver::{Browser, DriverError, Page, PageState, Purpose};
use crate::scenario::{Localized, Target};
use crate::secret::Credentials;
use std::future::Future;
use std::time::Duration;

/// A result on the browser side.
pub type Driven<T> = Result<T, DriverError>;

/// The step actions on one open session; every wait is bounded by the timeout given.
pub trait BrowserPage: Send + Sync {
    /// Open a URL (relative to the target); a server silent for `timeout` is an error.
    fn goto(&self, url: &str, timeout: Duration) -> impl Future<Output = Driven<()>> + Send;
    /// Click a target once it is actionable.
    fn click(&self, target: &Target, timeout: Duration) -> impl Future<Output = Driven<()>> + Send;
    /// Press OK in Decidim's confirm dialog.
    fn confirm(&self, timeout: Duration) -> impl Future<Output = Driven<()>> + Send;
    /// Replace a field's text.
    fn fill(
        &self,
        target: &Target,
        value: &str,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send;
    /// Choose an option of a `<select>`.
    fn select(
        &self,
        target: &Target,
        option: &Localized,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send;
    /// Set a checkbox.
    fn check(
        &self,
        target: &Target,
        checked: bool,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send;
    /// Wait for a text (on the page, or inside a target).
    fn expect_text(
        &self,
        text: &Localized,
        target: Option<&Target>,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send;
    /// Wait for the URL to match a pattern.
    fn expect_url(
        &self,
        pattern: &str,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send;
    /// Wait for a target to be visible.
    fn expect_element(
        &self,
        target: &Target,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send;
    /// Log in and land on the admin dashboard.
    fn login(
        &self,
        credentials: &Credentials,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send;
    /// Accept the data-consent dialog if shown; whether it was.
    fn accept_cookies(&self, timeout: Duration) -> impl Future<Output = Driven<bool>> + Send;
    /// Accept the admin terms if their gate is shown; whether it was.
    fn accept_admin_terms(&self, timeout: Duration) -> impl Future<Output = Driven<bool>> + Send;
    /// Bring the target into view and give its box (x, y, width, height in CSS pixels).
    fn target_box(
        &self,
        target: &Target,
        purpose: Purpose,
        timeout: Duration,
    ) -> impl Future<Output = Driven<[i64; 4]>> + Send;
    /// URL and title, without failing.
    fn state(&self) -> impl Future<Output = PageState> + Send;
    /// Whether the browser still answers.
    fn is_alive(&self) -> impl Future<Output = bool> + Send;
    /// A PNG of the viewport.
    fn screenshot(&self) -> impl Future<Output = Driven<Vec<u8>>> + Send;
    /// The page's HTML as the browser has it now.
    fn html(&self) -> impl Future<Output = Driven<String>> + Send;
    /// The browser and its version, as the session named them ("chrome 143.0.7499.169").
    fn browser(&self) -> Option<String>;
}

/// Where the sessions of a run come from: a fresh one per scenario (a worker's session made
/// fresh again, or a new one).
pub trait Sessions: Send {
    /// The page a session gives.
    type Page: BrowserPage;
    /// A fresh session (no cookies, no storage).
    fn open(&mut self) -> impl Future<Output = Driven<Self::Page>> + Send;
    /// The scenario is done with the session `page` belongs to (it may be kept for the next).
    fn close(&mut self, page: Self::Page) -> impl Future<Output = ()> + Send;
    /// End of the run: close everything and stop what was started.
    fn shutdown(&mut self) -> impl Future<Output = ()> + Send;
}

impl Sessions for Browser {
    type Page = Page;

    fn open(&mut self) -> impl Future<Output = Driven<Page>> + Send {
        Browser::open(self)
    }

    async fn close(&mut self, _page: Page) {
        // Kept: the next `open` makes it fresh, or replaces it if it cannot.
    }

    fn shutdown(&mut self) -> impl Future<Output = ()> + Send {
        Browser::shutdown(self)
    }
}

impl BrowserPage for Page {
    fn goto(&self, url: &str, timeout: Duration) -> impl Future<Output = Driven<()>> + Send {
        Page::goto(self, url, timeout)
    }
    fn click(&self, target: &Target, timeout: Duration) -> impl Future<Output = Driven<()>> + Send {
        Page::click(self, target, timeout)
    }
    fn confirm(&self, timeout: Duration) -> impl Future<Output = Driven<()>> + Send {
        Page::confirm(self, timeout)
    }
    fn fill(
        &self,
        target: &Target,
        value: &str,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send {
        Page::fill(self, target, value, timeout)
    }
    fn select(
        &self,
        target: &Target,
        option: &Localized,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send {
        Page::select(self, target, option, timeout)
    }
    fn check(
        &self,
        target: &Target,
        checked: bool,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send {
        Page::check(self, target, checked, timeout)
    }
    fn expect_text(
        &self,
        text: &Localized,
        target: Option<&Target>,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send {
        Page::expect_text(self, text, target, timeout)
    }
    fn expect_url(
        &self,
        pattern: &str,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send {
        Page::expect_url(self, pattern, timeout)
    }
    fn expect_element(
        &self,
        target: &Target,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send {
        Page::expect_element(self, target, timeout)
    }
    fn login(
        &self,
        credentials: &Credentials,
        timeout: Duration,
    ) -> impl Future<Output = Driven<()>> + Send {
        Page::login(self, credentials, timeout)
    }
    fn accept_cookies(&self, timeout: Duration) -> impl Future<Output = Driven<bool>> + Send {
        Page::accept_cookies(self, timeout)
    }
    fn accept_admin_terms(&self, timeout: Duration) -> impl Future<Output = Driven<bool>> + Send {
        Page::accept_admin_terms(self, timeout)
    }
    fn target_box(
        &self,
        target: &Target,
        purpose: Purpose,
        timeout: Duration,
    ) -> impl Future<Output = Driven<[i64; 4]>> + Send {
        Page::target_box(self, target, purpose, timeout)
    }
    fn state(&self) -> impl Future<Output = PageState> + Send {
        Page::state(self)
    }
    fn is_alive(&self) -> impl Future<Output = bool> + Send {
        Page::is_alive(self)
    }
    fn screenshot(&self) -> impl Future<Output = Driven<Vec<u8>>> + Send {
        Page::screenshot(self)
    }
    fn html(&self) -> impl Future<Output = Driven<String>> + Send {
        Page::html(self)
    }
    fn browser(&self) -> Option<String> {
        Page::browser(self)
    }
}
