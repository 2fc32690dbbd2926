//! `events.jsonl`: every event, one JSON object per line, flushed as it happens; the format is
//! [`crate::events::wire`]'s.

use super::{ReportError, Reporter};
use crate::events::wire::WireEvent;
use crate::events::RunEvent;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Appends events to a JSON Lines file.
#[derive(Debug)]
pub struct JsonlReporter {
    path: PathBuf,
    file: std::fs::File,
}

impl JsonlReporter {
    /// Create (truncate) the file.
    pub fn create(path: &Path) -> Result<Self, ReportError> {
        let file = std::fs::File::create(path).map_err(|source| ReportError {
            file: path.to_path_buf(),
            source,
        })?;
        Ok(JsonlReporter {
            path: path.to_path_buf(),
            file,
        })
    }
}

impl Reporter for JsonlReporter {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        let mut line = WireEvent::from(event).to_line().into_bytes();
        line.push(b'\n');
        self.file
            .write_all(&line)
            .and_then(|()| self.file.flush())
            .map_err(|source| ReportError {
                file: self.path.clone(),
                source,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events::{self, feed, redacted};

    fn jsonl(events: &[RunEvent]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.jsonl");
        feed(&mut JsonlReporter::create(&path).unwrap(), events);
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(text.lines().count(), events.len());
        text
    }

    #[test]
    fn passing() {
        redacted().bind(|| {
            insta::assert_snapshot!("jsonl_passing", jsonl(&test_events::passing_run("en")))
        });
    }

    #[test]
    fn failing() {
        redacted().bind(|| {
            insta::assert_snapshot!("jsonl_failing", jsonl(&test_events::failing_run("en")))
        });
    }

    #[test]
    fn interrupted() {
        redacted().bind(|| {
            insta::assert_snapshot!(
                "jsonl_interrupted",
                jsonl(&test_events::interrupted_run("en"))
            )
        });
    }

    #[test]
    fn flaky() {
        redacted()
            .bind(|| insta::assert_snapshot!("jsonl_flaky", jsonl(&test_events::flaky_run("en"))));
    }
}
