//! Diagnostics: every problem found in a build, with the place it was found.
//!
//! Stages never stop at the first problem: they push into a [`Diagnostics`]
//! and the CLI prints them all at the end, sorted by place, so a records
//! officer can fix a whole batch of mistakes in one pass.
//!
//! A diagnostic holds a [`Message`] (a key and values), not text: it is put
//! into words when printed, in the language of the command printing it. A
//! stage that fails returns `Err(`[`Reported`]`)`, a token that only
//! [`Diagnostics::error`] makes, so a failure cannot go unexplained.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::msg::{Message, msg};

/// How bad a diagnostic is. Errors fail the build; warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, at `file:line:col` (1-based; 0 means "the file as a whole").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site folder, e.g. `content/trainings/x.md`.
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: Message,
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

/// Proof that an error was reported: the only way to make one is
/// [`Diagnostics::error`] (its field is private), so a stage returning
/// `Result<T, Reported>` cannot fail without saying why. Like rustc's
/// `ErrorGuaranteed`.
///
/// ```compile_fail
/// // Outside this module no one can forge the proof.
/// let forged = rapor::diag::Reported(());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reported(());

/// The collected problems of one build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reports an error; the returned token proves it.
    pub fn error(&mut self, file: &Path, pos: Pos, message: Message) -> Reported {
        self.push(Severity::Error, file, pos, message);
        Reported(())
    }

    pub fn warning(&mut self, file: &Path, pos: Pos, message: Message) {
        self.push(Severity::Warning, file, pos, message);
    }

    fn push(&mut self, severity: Severity, file: &Path, pos: Pos, message: Message) {
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

    /// The token of the errors reported so far, if any: for a stage that
    /// fails because of what earlier ones found.
    pub fn reported(&self) -> Option<Reported> {
        self.has_errors().then_some(Reported(()))
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// All diagnostics, errors first, then by file and place, then by their
    /// words (in the CLI's language); duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items: Vec<(String, Diagnostic)> = self
            .items
            .iter()
            .map(|d| (d.message.to_string(), d.clone()))
            .collect();
        items.sort_by(|(ta, a), (tb, b)| {
            (a.severity, &a.file, a.line, a.col, ta).cmp(&(b.severity, &b.file, b.line, b.col, tb))
        });
        items.dedup_by(|(ta, a), (tb, b)| {
            ta == tb && (a.severity, &a.file, a.line, a.col) == (b.severity, &b.file, b.line, b.col)
        });
        items.into_iter().map(|(_, d)| d).collect()
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
            msg!("check_empty", field = "skill"),
        );
        d.warning(
            Path::new("content/site.yaml"),
            Pos::default(),
            msg!("yaml_tab"),
        );
        let all = d.sorted();
        // Unit tests run in the default language, Indonesian.
        assert_eq!(
            all[0].to_string(),
            format!(
                "content/trainings/x.md:12:3: galat: {}",
                msg!("check_empty", field = "skill")
            )
        );
        assert_eq!(
            all[1].to_string(),
            format!("content/site.yaml: peringatan: {}", msg!("yaml_tab"))
        );
        assert!(d.has_errors());
        assert_eq!(d.error_count(), 1);
    }

    #[test]
    fn only_an_error_gives_the_token() {
        let mut d = Diagnostics::new();
        d.warning(Path::new("a"), Pos::default(), msg!("yaml_tab"));
        assert_eq!(d.reported(), None);
        let token = d.error(Path::new("a"), Pos::default(), msg!("yaml_tab"));
        assert_eq!(d.reported(), Some(token));
    }

    #[test]
    fn errors_sort_before_warnings_and_by_place() {
        let mut d = Diagnostics::new();
        let field = |f: &str| msg!("check_empty", field = f);
        d.warning(Path::new("a"), Pos::new(1, 1), field("w"));
        d.error(Path::new("b"), Pos::new(9, 1), field("late"));
        d.error(Path::new("b"), Pos::new(2, 1), field("early"));
        d.error(Path::new("b"), Pos::new(2, 1), field("early"));
        let msgs: Vec<_> = d.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(msgs, [field("early"), field("late"), field("w")]);
    }
}
