//! Diagnostics: every problem found in a build, with the place it was found.
//!
//! Stages never stop at the first problem: they push into a [`Diagnostics`]
//! and the CLI prints them all at the end, sorted by place, so a records
//! officer can fix a whole batch of mistakes in one pass.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::msg::msg;

/// How bad a diagnostic is. Errors fail the build; warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, at `file:line:col` (1-based; 0 means "the file as a whole").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site folder, e.g. `content/trainings/x.md`.
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display().to_string().replace('\\', "/");
        // The kind word follows the CLI's language ("galat" / "error").
        let kind = match self.severity {
            Severity::Error => msg!("kind_error"),
            Severity::Warning => msg!("kind_warning"),
        };
        if self.line == 0 {
            write!(f, "{file}: {kind}: {}", self.message)
        } else {
            write!(
                f,
                "{file}:{}:{}: {kind}: {}",
                self.line,
                self.col.max(1),
                self.message
            )
        }
    }
}

/// A place in a file, as used when reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }
}

/// The collected problems of one build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, file: &Path, pos: Pos, message: impl Into<String>) {
        self.push(Severity::Error, file, pos, message.into());
    }

    pub fn warning(&mut self, file: &Path, pos: Pos, message: impl Into<String>) {
        self.push(Severity::Warning, file, pos, message.into());
    }

    fn push(&mut self, severity: Severity, file: &Path, pos: Pos, message: String) {
        self.items.push(Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: pos.line,
            col: pos.col,
            message,
        });
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// All diagnostics, errors first, then by file and place; duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.col, &a.message)
                .cmp(&(b.severity, &b.file, b.line, b.col, &b.message))
        });
        items.dedup();
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let mut d = Diagnostics::new();
        d.error(
            Path::new("content/trainings/x.md"),
            Pos::new(12, 3),
            "`skill` is missing",
        );
        d.warning(Path::new("content/site.yaml"), Pos::default(), "note");
        let all = d.sorted();
        // Unit tests run in the default language, Indonesian.
        assert_eq!(
            all[0].to_string(),
            "content/trainings/x.md:12:3: galat: `skill` is missing"
        );
        assert_eq!(all[1].to_string(), "content/site.yaml: peringatan: note");
        assert!(d.has_errors());
        assert_eq!(d.error_count(), 1);
    }

    #[test]
    fn errors_sort_before_warnings_and_by_place() {
        let mut d = Diagnostics::new();
        d.warning(Path::new("a"), Pos::new(1, 1), "w");
        d.error(Path::new("b"), Pos::new(9, 1), "late");
        d.error(Path::new("b"), Pos::new(2, 1), "early");
        let msgs: Vec<_> = d.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(msgs, ["early", "late", "w"]);
    }
}
