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

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::Diagnostics;
use crate::load::{self, Content, Kind, Source};
use crate::model;
use crate::vocab::Lang;

use columns::Entry;
use msg::Msg;

/// What `rapor import roster` was asked to do.
pub struct Options<'a> {
    pub file: &'a Path,
    pub training: &'a str,
    pub sheet: Option<&'a str>,
    pub force: bool,
    /// The language of messages (default: the site's).
    pub lang: Option<Lang>,
}

/// Imports a roster; returns the lines to print, or every problem found.
pub fn roster(site: &Path, opts: &Options) -> Result<Vec<String>, String> {
    let lang = opts
        .lang
        .or_else(|| crate::load::site_language(site))
        .unwrap_or(Lang::Id);
    let fail = |m: Msg| m.text(lang);
    if !site.join("content/site.yaml").is_file() {
        return Err(fail(Msg::NotASite(site.display().to_string())));
    }
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
        return Err(fail(Msg::UnknownTraining {
            id: id.to_string(),
            hint: crate::text::closest(id, trainings.iter().copied()).map(str::to_string),
        }));
    }
    let rel = PathBuf::from(format!("content/internal/rosters/{id}.yaml"));
    let path = site.join(&rel);
    if path.exists() && !opts.force {
        return Err(fail(Msg::RosterExists(shown(&rel))));
    }
    let sheet = sheet::read(opts.file, opts.sheet).map_err(fail)?;
    let file_name = opts.file.file_name().map_or_else(
        || opts.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let entries = columns::read(&sheet).map_err(|errors| {
        let n = errors
            .iter()
            .filter(|e| !matches!(e.msg, Msg::KnownColumns(_)))
            .count();
        let mut lines: Vec<String> = errors.iter().map(|e| e.text(&file_name, lang)).collect();
        lines.push(Msg::Failed(n).text(lang));
        lines.join("\n")
    })?;
    let text = render(id, &entries, &file_name, lang);
    let problems = new_problems(&content, id, &rel, &text);
    if !problems.is_empty() {
        let mut lines = vec![Msg::WouldFailCheck.text(lang)];
        lines.extend(problems.iter().map(|p| format!("  {p}")));
        lines.push(Msg::Failed(problems.len()).text(lang));
        return Err(lines.join("\n"));
    }
    crate::files::write_atomic(&path, text.as_bytes()).map_err(|e| {
        fail(Msg::CannotRead {
            file: path.display().to_string(),
            error: e.to_string(),
        })
    })?;
    let certified = entries.iter().filter(|e| e.certified).count();
    Ok(vec![
        Msg::Written {
            path: shown(&rel),
            participants: entries.len(),
            certified,
        }
        .text(lang),
        Msg::NextStep.text(lang),
    ])
}

fn shown(p: &Path) -> String {
    p.display().to_string().replace('\\', "/")
}

/// The problems `rapor check` would report with the new roster that it does
/// not report without any roster for the training: a headcount or a
/// certificate count that disagrees with the training or its outcome.
fn new_problems(content: &Content, id: &str, rel: &Path, text: &str) -> Vec<String> {
    let check = |roster: Option<&str>| -> Vec<String> {
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
        };
        let mut diags = Diagnostics::new();
        let _ = model::build_with(&content, None, &mut diags);
        diags
            .sorted()
            .into_iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .map(|d| d.to_string())
            .collect()
    };
    let before = check(None);
    check(Some(text))
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect()
}

/// A YAML scalar: plain when that reads back as the same text, else quoted
/// (`'0142'` stays text, not the number 142).
fn scalar(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    serde_yaml::to_string(&one_line)
        .map(|t| t.trim_end().to_string())
        .unwrap_or_else(|_| format!("{one_line:?}"))
}

/// The roster file, in the layout `rapor new roster` writes.
fn render(training: &str, entries: &[Entry], source: &str, lang: Lang) -> String {
    let mut out = Msg::Header {
        source: source.to_string(),
    }
    .text(lang);
    let _ = write!(out, "\ntraining: {training}\nparticipants:\n");
    for e in entries {
        let _ = writeln!(out, "  - id: {}", scalar(&e.id));
        let _ = writeln!(out, "    name: {}", scalar(&e.name));
        if let Some(g) = e.gender {
            let _ = writeln!(out, "    gender: {g}");
        }
        let numbers = [
            ("birth_year", e.birth_year.map(f64::from)),
            ("attendance", e.attendance.map(f64::from)),
            ("interest_score", e.interest_score.map(f64::from)),
            ("pre_test", e.pre_test),
            ("post_test", e.post_test),
        ];
        for (key, value) in numbers {
            if let Some(v) = value {
                let _ = writeln!(out, "    {key}: {v}");
            }
        }
        let _ = writeln!(out, "    certified: {}", e.certified);
        if let Some(no) = &e.certificate_no {
            let _ = writeln!(out, "    certificate_no: {}", scalar(no));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_that_would_change_meaning_are_quoted() {
        assert_eq!(scalar("WBP-2025-0142"), "WBP-2025-0142");
        assert_eq!(scalar("0142"), "'0142'");
        assert_eq!(scalar("true"), "'true'");
        assert_eq!(scalar("Ana: B"), "'Ana: B'");
        assert_eq!(scalar("Maria\nJelita"), "Maria Jelita");
    }

    #[test]
    fn rendered_rosters_read_back_as_the_same_participants() {
        let e = Entry {
            id: "007".into(),
            name: "Ana".into(),
            gender: Some("f"),
            pre_test: Some(82.5),
            certified: true,
            certificate_no: Some("X/1".into()),
            ..Entry::default()
        };
        let text = render("t", &[e], "p.csv", Lang::Id);
        let raw: crate::raw::RawRoster = serde_yaml::from_str(&text).unwrap();
        let p = &raw.participants.unwrap()[0];
        assert_eq!(p.id.as_ref().unwrap().0, "007");
        assert_eq!(p.pre_test, Some(82.5));
        assert_eq!(p.certified, Some(true));
    }
}
