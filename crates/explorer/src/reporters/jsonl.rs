//! `events.jsonl`: every event, one JSON object per line, flushed as it happens.

use super::{ReportError, Reporter};
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
        let mut line = serde_json::to_vec(event).expect("events always serialise");
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
