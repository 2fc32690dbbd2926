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
    /// Byte offset where each line starts: a position is found by binary search, so loading
    /// stays linear in the file's size however many steps it has.
    line_starts: Arc<Vec<usize>>,
}

impl SourceFile {
    /// Wrap a file's text.
    pub fn new(path: &Path, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.to_path_buf(),
            text: Arc::new(text),
            line_starts: Arc::new(line_starts),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn pos(&self, offset: usize) -> SourcePos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        SourcePos {
            file: self.path.clone(),
            line,
            column: self.text[line_start..offset].chars().count() + 1,
        }
    }

    /// Byte offset of a 1-based line and column (inverse of [`SourceFile::pos`]).
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        start
            + self.text[start..]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let f = SourceFile::new(Path::new("s.toml"), "ab\nçé = 1\n\nlast".into());
        let at = |o| {
            let p = f.pos(o);
            (p.line, p.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(2), (1, 3)); // the line end
        assert_eq!(at(3), (2, 1));
        assert_eq!(at(7), (2, 3)); // after two 2-byte characters
        assert_eq!(at(6), (2, 2)); // inside `é`: its start
        assert_eq!(at(12), (3, 1)); // the empty line
        assert_eq!(at(13), (4, 1));
        assert_eq!(at(999), (4, 5)); // past the end: the end
        for offset in [0, 3, 7, 12, 13, 17] {
            let p = f.pos(offset);
            assert_eq!(f.offset(p.line, p.column), offset);
        }
        assert_eq!(f.offset(99, 1), f.text.len());
    }
}
