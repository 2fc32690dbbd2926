//! [`Browser`]: where a run's sessions come from (a chromedriver we start, and restart if it dies,
//! or an endpoint the user gives), one session open at a time. The session stays open after its
//! scenario and [`Browser::open`] makes it fresh for the next (no cookies, no storage): starting
//! a browser per scenario was most of a short lesson's time.

use super::chromedriver::ChromeDriver;
use super::error::DriverError;
use super::page::Page;
use super::session::{BrowserOptions, BrowserSession};
use std::path::PathBuf;

/// Where to get a WebDriver session.
#[derive(Debug, Clone)]
pub enum WebDriverSource {
    /// Start this chromedriver binary.
    Local {
        /// Path of chromedriver.
        chromedriver: PathBuf,
    },
    /// Use an existing endpoint (Selenium Grid, a chromedriver started by hand…).
    Remote(String),
}

/// Opens and closes the sessions of a run (or a crawl) and owns the chromedriver it started.
#[derive(Debug)]
pub struct Browser {
    source: WebDriverSource,
    options: BrowserOptions,
    base_url: url::Url,
    driver: Option<Box<ChromeDriver>>,
    session: Option<BrowserSession>,
}

impl Browser {
    /// Nothing starts until the first [`Browser::open`]; relative URLs resolve against `base_url`.
    pub fn new(source: WebDriverSource, options: BrowserOptions, base_url: url::Url) -> Self {
        Browser {
            source,
            options,
            base_url,
            driver: None,
            session: None,
        }
    }

    /// A fresh session (no cookies, no storage) and its page: the released one made fresh
    /// again, or a new one when there is none or it cannot be trusted.
    pub async fn open(&mut self) -> Result<Page, DriverError> {
        if let Some(kept) = self.session.take() {
            match kept.reset(&self.base_url).await {
                Ok(()) => return Ok(self.page_on(kept)),
                Err(e) => {
                    tracing::debug!(error = %e, "the kept session could not be reset; opening a new one");
                    kept.close().await;
                }
            }
        }
        let (url, scratch) = self.endpoint().await?;
        let session = BrowserSession::open(&url, &self.options, scratch.as_deref()).await?;
        Ok(self.page_on(session))
    }

    fn page_on(&mut self, session: BrowserSession) -> Page {
        let page = Page::new(
            session.client.clone(),
            self.base_url.clone(),
            self.options.page_load_timeout,
        )
        .hiding(self.options.hidden_values.clone());
        self.session = Some(session);
        page
    }

    /// Close the open session, if any (its window, its processes, its profile folder).
    pub async fn close(&mut self) {
        if let Some(session) = self.session.take() {
            session.close().await;
        }
    }

    /// Close the session and stop the chromedriver we started.
    pub async fn shutdown(&mut self) {
        self.close().await;
        if let Some(driver) = self.driver.as_mut() {
            driver.shutdown().await;
        }
        self.driver = None;
    }

    /// A WebDriver URL and a scratch folder for profiles, (re)starting chromedriver if needed.
    async fn endpoint(&mut self) -> Result<(String, Option<PathBuf>), DriverError> {
        let chromedriver = match &self.source {
            WebDriverSource::Remote(url) => return Ok((url.clone(), None)),
            WebDriverSource::Local { chromedriver } => chromedriver,
        };
        if let Some(mut dead) = self.driver.take_if(|d| !d.is_alive()) {
            tracing::warn!("chromedriver died; starting a new one");
            dead.shutdown().await;
        }
        let driver = match &mut self.driver {
            Some(driver) => driver,
            none => none.insert(Box::new(ChromeDriver::start(chromedriver).await?)),
        };
        Ok((driver.url(), Some(driver.scratch().to_path_buf())))
    }
}
