//! `rapor import roster FILE --training ID`: a roster from a spreadsheet.
//!
//! Records officers keep participant lists in Excel; this turns one sheet
//! into `content/internal/rosters/<training>.yaml` in the contract's format.
//! Nothing is written unless every row reads cleanly and the new roster
//! agrees with the site's other records (the model is built in memory with
//! it, as `rapor check` would), so an import never leaves a broken site.

mod cells;
mod columns;
mod msg;
mod sheet;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, Content, Kind, Source};
use crate::model;
use crate::msg::Message;
use crate::vocab::Lang;

use columns::Entry;
use msg::Msg;

/// What `rapor import roster` was asked to do.
pub struct Options<'a> {
    pub file: &'a Path,
    pub training: &'a str,
    pub sheet: Option<&'a str>,
    pub force: bool,
    /// The language of the comment at the top of the roster (default: the
    /// site's). Messages speak the CLI's language.
    pub lang: Option<Lang>,
}

/// A line the import prints: a message, or a problem `rapor check` would
/// report. Put into words in the CLI's language when displayed.
#[derive(Debug, Clone)]
pub enum Line {
    Say(Message),
    Problem(Diagnostic),
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Say(m) => m.fmt(f),
            Line::Problem(d) => write!(f, "  {d}"),
        }
    }
}

/// Why an import wrote nothing: every problem found, one per line.
#[derive(Debug, Clone)]
pub struct Failure(pub Vec<Line>);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            line.fmt(f)?;
        }
        Ok(())
    }
}

impl From<Msg> for Failure {
    fn from(m: Msg) -> Self {
        Failure(vec![Line::Say(m.message())])
    }
}

/// Imports a roster; returns the lines to print, or every problem found.
pub fn roster(site: &Path, opts: &Options) -> Result<Vec<Message>, Failure> {
    if !site.join("content/site.yaml").is_file() {
        return Err(Msg::NotASite(site.display().to_string()).into());
    }
    let lang = opts
        .lang
        .or_else(|| crate::load::site_language(site))
        .unwrap_or(Lang::Id);
    let mut load_diags = Diagnostics::new();
    let content = load::load_with(site, None, &mut load_diags);
    let id = opts.training;
    let trainings: Vec<&str> = content
        .sources
        .iter()
        .filter(|s| s.kind == Kind::Training)
        .map(|s| s.id.as_str())
        .collect();
    if !trainings.contains(&id) {
        return Err(Msg::UnknownTraining {
            id: id.to_string(),
            hint: crate::text::closest(id, trainings.iter().copied()).map(str::to_string),
        }
        .into());
    }
    let rel = PathBuf::from(format!("content/internal/rosters/{id}.yaml"));
    let path = site.join(&rel);
    if path.exists() && !opts.force {
        return Err(Msg::RosterExists(shown(&rel)).into());
    }
    let sheet = sheet::read(opts.file, opts.sheet)?;
    let file_name = opts.file.file_name().map_or_else(
        || opts.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let entries = columns::read(&sheet).map_err(|errors| {
        let n = errors
            .iter()
            .filter(|e| !matches!(e.msg, Msg::KnownColumns(_)))
            .count();
        let mut lines: Vec<Line> = errors
            .iter()
            .map(|e| Line::Say(e.message(&file_name)))
            .collect();
        lines.push(Line::Say(Msg::Failed(n).message()));
        Failure(lines)
    })?;
    let cannot_write = |error: String| Msg::CannotRead {
        file: path.display().to_string(),
        error,
    };
    let text = render(id, &entries, &file_name, lang).map_err(|e| cannot_write(e.to_string()))?;
    let problems = new_problems(&content, id, &rel, &text);
    if !problems.is_empty() {
        let mut lines = vec![Line::Say(Msg::WouldFailCheck.message())];
        let n = problems.len();
        lines.extend(problems.into_iter().map(Line::Problem));
        lines.push(Line::Say(Msg::Failed(n).message()));
        return Err(Failure(lines));
    }
    crate::files::write_atomic(&path, text.as_bytes()).map_err(|e| cannot_write(e.to_string()))?;
    let certified = entries.iter().filter(|e| e.certified).count();
    Ok(vec![
        Msg::Written {
            path: shown(&rel),
            participants: entries.len(),
            certified,
        }
        .message(),
        Msg::NextStep.message(),
    ])
}

fn shown(p: &Path) -> String {
    p.display().to_string().replace('\\', "/")
}

/// The problems `rapor check` would report with the new roster that it does
/// not report without any roster for the training: a headcount or a
/// certificate count that disagrees with the training or its outcome.
fn new_problems(content: &Content, id: &str, rel: &Path, text: &str) -> Vec<Diagnostic> {
    let check = |roster: Option<&str>| -> Vec<Diagnostic> {
        let mut sources: Vec<Source> = content
            .sources
            .iter()
            .filter(|s| !(s.kind == Kind::Roster && s.id == id))
            .cloned()
            .collect();
        if let Some(text) = roster {
            sources.push(Source {
                kind: Kind::Roster,
                id: id.to_string(),
                path: rel.to_path_buf(),
                dir: "internal/rosters".to_string(),
                text: Arc::from(text),
                stamp: (0, 0),
            });
        }
        let content = Content {
            sources,
            files: content.files.clone(),
            ..Content::default()
        };
        let mut diags = Diagnostics::new();
        let _ = model::build_with(&content, None, &mut diags);
        diags
            .sorted()
            .into_iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .collect()
    };
    let before = check(None);
    check(Some(text))
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect()
}

/// The roster file as the contract has it.
#[derive(Serialize)]
struct RosterFile<'a> {
    training: &'a str,
    participants: &'a [Entry],
}

/// The roster file: a comment saying what it is and where it came from, then
/// the records, written by the YAML serialiser (which quotes what would
/// otherwise read as a number, a date or a yes/no, such as `'007'`).
fn render(
    training: &str,
    entries: &[Entry],
    source: &str,
    lang: Lang,
) -> Result<String, serde_yaml::Error> {
    let header = Msg::Header {
        source: source.to_string(),
    }
    .message()
    .render(lang);
    let body = serde_yaml::to_string(&RosterFile {
        training,
        participants: entries,
    })?;
    Ok(format!("{header}\n{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_rosters_read_back_as_the_same_participants() {
        let e = Entry {
            id: "007".into(),
            name: "Ana".into(),
            gender: Some("f"),
            pre_test: Some(82.5),
            post_test: Some(90.0),
            certified: true,
            certificate_no: Some("X/1".into()),
            ..Entry::default()
        };
        let text = render("t", &[e], "p.csv", Lang::Id).unwrap();
        assert!(text.starts_with("# DAFTAR PESERTA — INTERNAL."), "{text}");
        // A whole score is written as the sheet has it: 90, not 90.0.
        assert!(text.contains("\n  post_test: 90\n"), "{text}");
        let raw: crate::raw::RawRoster = serde_yaml::from_str(&text).unwrap();
        assert_eq!(raw.training.as_deref(), Some("t"));
        let p = &raw.participants.unwrap()[0];
        assert_eq!(p.id.as_ref().unwrap().0, "007");
        assert_eq!(p.name.as_deref(), Some("Ana"));
        assert_eq!(p.gender.as_deref(), Some("f"));
        assert_eq!(p.pre_test, Some(82.5));
        assert_eq!(p.post_test, Some(90.0));
        assert_eq!(p.certified, Some(true));
        assert_eq!(p.certificate_no.as_ref().unwrap().0, "X/1");
        assert_eq!(p.birth_year, None);
    }

    /// Registration numbers, names and certificate numbers that YAML would
    /// read as a number, a date, a yes/no or nothing stay the text they were
    /// in the sheet, read by serde and by the loader's own YAML reader.
    #[test]
    fn values_that_look_like_other_types_stay_text() {
        let tricky = [
            "007",
            "0142",
            "1e3",
            "0x1F",
            "2025-01-02",
            "Yes",
            "no",
            "true",
            "Off",
            "null",
            "~",
            "Ana: B",
            "- Ana",
            "#1",
            "12.50",
        ];
        let entries: Vec<Entry> = tricky
            .iter()
            .enumerate()
            .map(|(i, t)| Entry {
                id: (*t).into(),
                name: (*t).into(),
                certified: true,
                certificate_no: Some(format!("{t}{i}")),
                ..Entry::default()
            })
            .collect();
        let text = render("t", &entries, "p.csv", Lang::En).unwrap();
        let raw: crate::raw::RawRoster = serde_yaml::from_str(&text).unwrap();
        let loaded = crate::parse::from_yaml::<crate::raw::RawRoster>(&text, true);
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        let front = loaded.value.expect("the loader reads the roster");
        for read in [raw, front] {
            let participants = read.participants.unwrap();
            assert_eq!(participants.len(), tricky.len());
            for ((p, t), i) in participants.iter().zip(tricky).zip(0..) {
                assert_eq!(p.id.as_ref().unwrap().0, t, "{text}");
                assert_eq!(p.name.as_deref(), Some(t), "{text}");
                assert_eq!(
                    p.certificate_no.as_ref().unwrap().0,
                    format!("{t}{i}"),
                    "{text}"
                );
            }
        }
    }
}
