//! [`DriverError`]: what can go wrong between us and the browser, split by phase.

use std::path::PathBuf;
use std::time::Duration;

/// An error from the browser side: finding binaries, starting chromedriver, opening a
/// session, a WebDriver command, or an auto-wait that ran out of time.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DriverError {
    /// A program (chromedriver, chromium) could not be found.
    #[error("{program} not found ({hint})")]
    NotFound {
        /// Which program.
        program: &'static str,
        /// Where we looked and how to fix it.
        hint: String,
    },
    /// chromedriver could not be started.
    #[error("could not start {}", path.display())]
    Spawn {
        /// The binary.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// chromedriver started but never answered `/status`.
    #[error("chromedriver did not become ready within {waited:?}; last output:\n{log_tail}")]
    NotReady {
        /// How long we waited.
        waited: Duration,
        /// The end of its output.
        log_tail: String,
    },
    /// The WebDriver endpoint refused to open a session.
    #[error("could not open a browser session at {url}")]
    Session {
        /// The WebDriver URL.
        url: String,
        /// Why.
        #[source]
        source: fantoccini::error::NewSessionError,
    },
    /// Something answered at the WebDriver URL, but not in WebDriver's JSON (a wrong path: a
    /// Selenium Grid 3 hub serves WebDriver under `/wd/hub`, chromedriver at its root).
    #[error("{url} does not answer like a WebDriver endpoint (a Selenium Grid 3 hub is at http://HOST:4444/wd/hub, chromedriver at http://HOST:9515/); it said: {answer}")]
    NotWebDriver {
        /// The WebDriver URL.
        url: String,
        /// The start of what it answered, on one line.
        answer: String,
    },
    /// A WebDriver command failed.
    #[error("WebDriver command failed: {0}")]
    Command(#[from] fantoccini::error::CmdError),
    /// An auto-wait ran out of time.
    #[error("timed out after {} waiting for {what}: {last_seen}", humantime::format_duration(Duration::from_millis(waited.as_millis() as u64)))]
    Timeout {
        /// What we waited for (the locator and the condition).
        what: String,
        /// How long.
        waited: Duration,
        /// The last state seen, e.g. "2 matches, none visible".
        last_seen: String,
    },
    /// The server named did not answer a navigation in time.
    #[error("no answer from {url} after {}", humantime::format_duration(Duration::from_millis(waited.as_millis() as u64)))]
    NoAnswer {
        /// The URL opened.
        url: String,
        /// How long we waited.
        waited: Duration,
    },
    /// The browser did not answer a question about the page in time (a page still loading).
    #[error("the browser did not tell {what} within {}", humantime::format_duration(*waited))]
    Unresponsive {
        /// What was asked.
        what: &'static str,
        /// How long we waited.
        waited: Duration,
    },
    /// The browser stopped answering (crashed, killed, or its session ended).
    #[error("the browser is gone: {0}")]
    Lost(String),
    /// The page answered, but not as the step expects (e.g. login rejected).
    #[error("{0}")]
    Unexpected(String),
    /// A file (screenshot, HTML) could not be written.
    #[error("could not write {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

impl DriverError {
    /// Report a timeout as the step's whole budget: inner waits see only what is left of it.
    pub fn with_waited(self, step_timeout: Duration) -> Self {
        match self {
            DriverError::Timeout {
                what, last_seen, ..
            } => DriverError::Timeout {
                what,
                waited: step_timeout,
                last_seen,
            },
            DriverError::NoAnswer { url, .. } => DriverError::NoAnswer {
                url,
                waited: step_timeout,
            },
            other => other,
        }
    }

    /// True when the browser or chromedriver is gone, so the session cannot go on.
    pub fn is_browser_lost(&self) -> bool {
        use fantoccini::error::CmdError;
        match self {
            DriverError::Command(e) => match e {
                CmdError::Lost(_) | CmdError::Failed(_) | CmdError::FailedC(_) => true,
                CmdError::Standard(w) => {
                    let msg = w.message.to_lowercase();
                    e.is_invalid_session_id()
                        || msg.contains("chrome not reachable")
                        || msg.contains("session deleted")
                        || msg.contains("disconnected")
                        || msg.contains("target window already closed")
                        || msg.contains("tab crashed")
                        || msg.contains("target closed")
                }
                _ => false,
            },
            DriverError::Lost(_)
            | DriverError::Session { .. }
            | DriverError::NotWebDriver { .. }
            | DriverError::NotReady { .. }
            | DriverError::Spawn { .. } => true,
            _ => false,
        }
    }

    /// True for errors that mean "not yet": the page may still change under us.
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            DriverError::Command(e) => {
                e.is_stale_element_reference()
                    || e.is_no_such_element()
                    || e.is_element_not_interactable()
                    || matches!(e, fantoccini::error::CmdError::Standard(w)
                        if w.error == fantoccini::error::ErrorStatus::ElementClickIntercepted)
                    || e.is_javascript_error()
                    || e.is_invalid_element_state()
            }
            _ => false,
        }
    }
}
