//! Reporters: each turns the [`RunEvent`] stream into one output, and writes as the run goes
//! so that a killed run still leaves what it had.
//!
//! [`Reporters`] fans every event out to all of them; a failing reporter does not stop the run
//! or the other reporters, but its first error is kept, and the command fails the run with it.

pub mod bug_report;
pub mod handbook;
pub mod html;
pub mod jsonl;
pub mod junit;
pub mod merge;
pub mod rocketchat;
pub mod stability;
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
                // A file that cannot be written fails on every event: its first error says why.
                if !self.errors.iter().any(|known| known.file == e.file) {
                    self.errors.push(e);
                }
            }
        }
    }

    /// Errors met so far: the first one of each file, in the order met.
    pub fn errors(&self) -> &[ReportError] {
        &self.errors
    }

    /// The errors, once the run is over.
    pub fn into_errors(self) -> Vec<ReportError> {
        self.errors
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events;

    /// Fails on every event, as a reporter whose file cannot be written does.
    struct Unwritable(&'static str);

    impl Reporter for Unwritable {
        fn report(&mut self, _: &RunEvent) -> Result<(), ReportError> {
            Err(ReportError {
                file: PathBuf::from(self.0),
                source: std::io::Error::from_raw_os_error(21),
            })
        }
    }

    /// Counts what it is given.
    struct Counter(std::sync::Arc<std::sync::atomic::AtomicUsize>);

    impl Reporter for Counter {
        fn report(&mut self, _: &RunEvent) -> Result<(), ReportError> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok(())
        }
    }

    #[test]
    fn a_failing_reporter_keeps_its_first_error_and_the_others_go_on() {
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut reporters = Reporters::default();
        reporters
            .add(Unwritable("run/junit.xml"))
            .add(Counter(seen.clone()))
            .add(Unwritable("run/summary.json"));
        let events = test_events::passing_run("en");
        for e in &events {
            reporters.report(e);
        }
        assert_eq!(
            seen.load(std::sync::atomic::Ordering::Relaxed),
            events.len()
        );
        let files: Vec<_> = reporters
            .into_errors()
            .into_iter()
            .map(|e| e.file)
            .collect();
        assert_eq!(
            files,
            [
                PathBuf::from("run/junit.xml"),
                PathBuf::from("run/summary.json")
            ]
        );
    }
}
