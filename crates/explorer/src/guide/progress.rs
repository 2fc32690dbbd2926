//! The trainee's progress, kept between runs: which lessons are done and how long each took.
//!
//! A small JSON file in the user's state folder (`$XDG_STATE_HOME/decidim-explorer/progress.json`,
//! else `~/.local/state/…`), or the file `--progress` or `DECIDIM_EXPLORER_PROGRESS` names. A file
//! that cannot be read is not fatal: the menu then shows no marks, and says why in the log.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Version of the file's format.
const VERSION: u32 = 1;

/// One lesson's record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonRecord {
    /// Whether the trainee went through to the last step at least once.
    pub done: bool,
    /// How long the last complete run took, in seconds.
    pub seconds: Option<u64>,
    /// When it was last followed (RFC 3339).
    pub last: Option<String>,
}

/// Every lesson's record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Format version.
    pub version: u32,
    /// By lesson id.
    pub lessons: BTreeMap<String, LessonRecord>,
}

/// Where the progress file lives when nothing names one.
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("DECIDIM_EXPLORER_PROGRESS").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")));
    match state {
        Some(dir) => dir.join("decidim-explorer").join("progress.json"),
        None => PathBuf::from(".decidim-explorer").join("progress.json"),
    }
}

impl Progress {
    /// Read `path`; a missing or unreadable file is an empty progress.
    pub fn load(path: &Path) -> Progress {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!(file = %path.display(), error = %e, "progress file unreadable; starting afresh");
                Progress::default()
            }),
            Err(_) => Progress::default(),
        }
    }

    /// Write to `path` (atomically, creating its folder).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut me = self.clone();
        me.version = VERSION;
        let text = serde_json::to_string_pretty(&me).map_err(std::io::Error::other)?;
        crate::reporters::write_atomically(path, text.as_bytes()).map_err(std::io::Error::other)
    }

    /// Record a lesson followed to its end in `seconds`.
    pub fn finished(&mut self, id: &str, seconds: u64, when: String) {
        let r = self.lessons.entry(id.to_string()).or_default();
        r.done = true;
        r.seconds = Some(seconds);
        r.last = Some(when);
    }

    /// Whether the lesson is done.
    pub fn is_done(&self, id: &str) -> bool {
        self.lessons.get(id).is_some_and(|r| r.done)
    }

    /// The measured duration of the lesson, if any.
    pub fn seconds(&self, id: &str) -> Option<u64> {
        self.lessons.get(id).and_then(|r| r.seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_lesson_survives_a_save_and_a_load() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nested/progress.json");
        let mut p = Progress::load(&file);
        assert!(!p.is_done("login"));
        p.finished("login", 42, "2026-12-02T01:00:00Z".into());
        p.save(&file).unwrap();
        let again = Progress::load(&file);
        assert!(again.is_done("login"));
        assert_eq!(again.seconds("login"), Some(42));
        assert_eq!(again.version, VERSION);
    }

    #[test]
    fn a_corrupt_file_is_an_empty_progress() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("progress.json");
        std::fs::write(&file, "{ not json").unwrap();
        assert_eq!(Progress::load(&file), Progress::default());
    }
}
