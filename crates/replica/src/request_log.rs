//! `RequestLog`: every request the replica served, in order.
//!
//! Tests read it to prove what a browser run did, e.g. that a read-only crawl sent no POST, PUT, PATCH or
//! DELETE. The method recorded is the effective one, after Rails' `_method` override was applied.

use std::sync::Mutex;

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

/// Append-only, thread-safe log.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: Mutex<Vec<LoggedRequest>>,
}

impl RequestLog {
    /// Appends one entry.
    pub(crate) fn record(&self, method: &str, path: &str, status: u16) {
        self.lock().push(LoggedRequest {
            method: method.to_string(),
            path: path.to_string(),
            status,
        });
    }

    /// All entries, in order.
    pub(crate) fn requests(&self) -> Vec<LoggedRequest> {
        self.lock().clone()
    }

    /// Forgets everything.
    pub(crate) fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<LoggedRequest>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}
