//! Commented YAML for `rapor new` and `rapor init`: lines of a record with
//! their comment in both languages, aligned in one column, and the starting
//! values a new record takes from its id and the date.

use std::fmt::Write as _;

use crate::model::Date;
use crate::vocab::Lang;

/// A line of a record: YAML text and its comment in both languages.
/// An empty YAML text writes a comment line only.
pub(super) type Line<'a> = (String, &'a str, &'a str);

pub(super) fn line<'a>(yaml: impl Into<String>, id: &'a str, en: &'a str) -> Line<'a> {
    (yaml.into(), id, en)
}

/// Renders lines with comments aligned in one column.
pub(super) fn render(lines: &[Line], lang: Lang) -> String {
    let width = lines
        .iter()
        .map(|(y, _, _)| y.chars().count())
        .filter(|w| *w <= 40)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (yaml, id, en) in lines {
        let comment = if lang == Lang::En { en } else { id };
        if yaml.is_empty() {
            let _ = writeln!(out, "# {comment}");
        } else if comment.is_empty() {
            let _ = writeln!(out, "{yaml}");
        } else {
            let pad = width.saturating_sub(yaml.chars().count());
            let _ = writeln!(out, "{yaml}{:pad$}  # {comment}", "");
        }
    }
    out
}

/// Lines up the trailing comments of YAML lines again after values changed.
/// Only front matter and YAML are touched: a Markdown body has no `  # `.
pub(super) fn realign(text: &str) -> String {
    let split = |l: &str| -> Option<(String, String)> {
        let (yaml, comment) = l.rsplit_once("  # ")?;
        (!yaml.trim().is_empty()).then(|| (yaml.trim_end().to_string(), comment.to_string()))
    };
    let width = text
        .lines()
        .filter_map(split)
        .map(|(y, _)| y.chars().count())
        .filter(|w| *w <= 40)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for l in text.lines() {
        match split(l) {
            Some((yaml, comment)) => {
                let pad = width.saturating_sub(yaml.chars().count());
                let _ = writeln!(out, "{yaml}{:pad$}  # {comment}", "");
            }
            None => {
                let _ = writeln!(out, "{l}");
            }
        }
    }
    out
}

/// "barbershop-2026" -> "Barbershop 2026": a starting title from an id.
pub(super) fn title_of(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The cycle a date falls in: "2026-1" for January to June, else "2026-2".
pub(super) fn cycle_of(d: Date) -> String {
    format!("{}-{}", d.year(), if d.month() <= 6 { 1 } else { 2 })
}

pub(super) fn front_matter(lines: &[Line], lang: Lang, body: &str) -> String {
    format!("---\n{}---\n{body}", render(lines, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_cycles_come_from_the_id_and_date() {
        assert_eq!(title_of("barbershop-2026"), "Barbershop 2026");
        assert_eq!(title_of("tata-rias"), "Tata Rias");
        assert_eq!(cycle_of(Date::constant(2026, 6, 30)), "2026-1");
        assert_eq!(cycle_of(Date::constant(2026, 7, 1)), "2026-2");
    }

    #[test]
    fn comments_line_up_after_values_change() {
        let text = "a: 1  # one\nlonger_key: value  # two\n# note\n  # c: 3  # three\nbody text\n";
        assert_eq!(
            realign(text),
            "a: 1               # one\nlonger_key: value  # two\n# note\n  # c: 3           # three\nbody text\n"
        );
    }
}
