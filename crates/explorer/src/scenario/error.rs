//! [`ScenarioError`]: a problem in a scenario file, with file, line, column and a caret snippet.

use super::model::SourcePos;
use miette::{Diagnostic, NamedSource, SourceSpan};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// One problem found in a scenario file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{pos}: {message}")]
pub struct ScenarioError {
    /// Where the problem is.
    pub pos: SourcePos,
    /// What is wrong.
    pub message: String,
    #[source_code]
    src: NamedSource<Arc<String>>,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    /// A hint: the nearest valid name, or what is expected.
    #[help]
    pub help: Option<String>,
}

/// The text of a scenario file, shared by all of its errors.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given.
    pub path: std::path::PathBuf,
    /// Full text.
    pub text: Arc<String>,
}

impl SourceFile {
    /// Wrap a file's text.
    pub fn new(path: &Path, text: String) -> Self {
        SourceFile {
            path: path.to_path_buf(),
            text: Arc::new(text),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn pos(&self, offset: usize) -> SourcePos {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        SourcePos {
            file: self.path.clone(),
            line,
            column,
        }
    }

    /// Byte offset of a 1-based line and column (inverse of [`SourceFile::pos`]).
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let start: usize = self
            .text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let rest = &self.text[start.min(self.text.len())..];
        start
            + rest
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum::<usize>()
    }

    /// An error at `span`.
    pub fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> ScenarioError {
        let span = span.start.min(self.text.len())..span.end.min(self.text.len());
        ScenarioError {
            pos: self.pos(span.start),
            message: message.into(),
            src: NamedSource::new(self.path.display().to_string(), self.text.clone()),
            span: SourceSpan::from(span),
            label: label.into(),
            help,
        }
    }
}

/// A file that could not be read at all.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{}: cannot read scenario file", path.display())]
pub struct ReadError {
    /// The file.
    pub path: std::path::PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}
