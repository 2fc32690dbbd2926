//! Reporters: each turns the [`RunEvent`] stream into one output, and writes as the run goes
//! so that a killed run still leaves what it had.
//!
//! [`Reporters`] fans every event out to all of them; one failing reporter is remembered and
//! printed, and does not stop the run or the other reporters.

pub mod handbook;
pub mod jsonl;
pub mod junit;
pub mod summary;
pub mod terminal;
#[cfg(test)]
pub(crate) mod test_events;

use crate::events::RunEvent;
use std::path::PathBuf;

/// A reporter could not write its output.
#[derive(Debug, thiserror::Error)]
#[error("could not write {}", file.display())]
pub struct ReportError {
    /// The file.
    pub file: PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

/// A consumer of run events.
pub trait Reporter: Send {
    /// Take one event.
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError>;
}

/// Several reporters fed with the same events.
#[derive(Default)]
pub struct Reporters {
    reporters: Vec<Box<dyn Reporter>>,
    errors: Vec<ReportError>,
}

impl std::fmt::Debug for Reporters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Reporters({})", self.reporters.len())
    }
}

impl Reporters {
    /// Add a reporter.
    pub fn add(&mut self, r: impl Reporter + 'static) -> &mut Self {
        self.reporters.push(Box::new(r));
        self
    }

    /// Give `event` to every reporter.
    pub fn report(&mut self, event: &RunEvent) {
        for r in &mut self.reporters {
            if let Err(e) = r.report(event) {
                tracing::warn!(error = %e, source = ?std::error::Error::source(&e), "a reporter failed");
                self.errors.push(e);
            }
        }
    }

    /// Errors met so far.
    pub fn errors(&self) -> &[ReportError] {
        &self.errors
    }
}

/// Write `bytes` to `path` through a temporary file and a rename, so readers never see half a file.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), ReportError> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|source| ReportError {
            file: path.to_path_buf(),
            source,
        })
}
