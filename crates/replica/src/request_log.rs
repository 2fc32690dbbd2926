//! `RequestLog`: every request the replica served, in order.
//!
//! Tests read it to prove what a browser run did, e.g. that a read-only crawl sent no POST, PUT, PATCH or
//! DELETE. The method recorded is the effective one, after Rails' `_method` override was applied.

use std::sync::Mutex;

use time::OffsetDateTime;

/// One served request, as exposed to tests.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoggedRequest {
    /// Effective method (`DELETE` for a POST carrying `_method=delete`).
    pub method: String,
    /// Path and query string.
    pub path: String,
    /// Response status code.
    pub status: u16,
}

/// A [`LoggedRequest`] with the time it was answered.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TimedRequest {
    /// The request itself.
    #[serde(flatten)]
    pub request: LoggedRequest,
    /// When the response was produced (UTC, RFC 3339).
    pub at: String,
}

/// Append-only, thread-safe log.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: Mutex<Vec<TimedRequest>>,
}

impl RequestLog {
    /// Appends one entry stamped with the current time.
    pub fn record(&self, method: &str, path: &str, status: u16) {
        self.lock().push(TimedRequest {
            request: LoggedRequest {
                method: method.to_string(),
                path: path.to_string(),
                status,
            },
            at: OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
        });
    }

    /// All entries, without timestamps.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.lock().iter().map(|e| e.request.clone()).collect()
    }

    /// All entries with timestamps.
    pub fn timed(&self) -> Vec<TimedRequest> {
        self.lock().clone()
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<TimedRequest>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}
