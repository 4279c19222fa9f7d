//! Data exports: `data/stats.csv` and `data/trainings.csv`, built from the
//! same catalog as the pages (so the public ones hold public parts only).
//!
//! CSV is written for spreadsheets as people use them: UTF-8 with a byte-order
//! mark (so Excel does not garble "Rp" or accented names), CRLF line ends, and
//! quoting wherever a value holds a comma, quote or line break.
//!
//! Text that a spreadsheet would run as a formula (OWASP "CSV injection": a
//! cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
//! `'` in front, inside quotes, so Excel and LibreOffice show it as text.
//! Figures the program counted are [`Cell::Number`] and stay numbers.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::types::Catalog;
use crate::stats::Stats;
use crate::vocab::Status;

/// One cell: text from the content, or a figure rapor computed.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(u64),
}
use Cell::{Number, Text};

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field, quoted when it has to be; text that could run as a
/// formula is quoted with a leading `'`.
fn field(out: &mut String, cell: Cell) {
    let value = match cell {
        Number(n) => {
            let _ = write!(out, "{n}");
            return;
        }
        Text(v) => v,
    };
    let formula = value.starts_with(FORMULA_START);
    if formula || value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn row(out: &mut String, cells: &[Cell]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, *c);
    }
    out.push_str("\r\n");
}

/// A header or any row of text cells only.
fn text_row(out: &mut String, values: &[&str]) {
    let cells: Vec<Cell> = values.iter().map(|v| Text(v)).collect();
    row(out, &cells);
}

fn csv() -> String {
    String::from('\u{feff}')
}

/// `data/stats.csv`: every figure of `stats.json` as one tidy table, one
/// figure per row: table, key, label, measure, value.
pub fn stats_csv(stats: &Stats) -> String {
    let mut out = csv();
    text_row(&mut out, &["table", "key", "label", "measure", "value"]);
    let t = &stats.totals;
    let totals = [
        ("trainings", t.trainings),
        ("participants", t.participants),
        ("certificates", t.certificates),
        ("training_hours", t.training_hours),
        ("partners", t.partners),
        ("products_units", t.products_units),
        ("products_value_idr", t.products_value_idr),
        ("state_budget_idr", t.state_budget_idr),
        ("partner_contribution_idr", t.partner_contribution_idr),
    ];
    for (measure, value) in totals {
        row(
            &mut out,
            &[
                Text("totals"),
                Text(""),
                Text(""),
                Text(measure),
                Number(value),
            ],
        );
    }
    for r in &stats.by_skill {
        for (measure, value) in [
            ("trainings", r.trainings),
            ("participants", r.participants),
            ("certificates", r.certificates),
            ("training_hours", r.training_hours),
        ] {
            row(
                &mut out,
                &[
                    Text("by_skill"),
                    Text(&r.skill),
                    Text(&r.label),
                    Text(measure),
                    Number(value),
                ],
            );
        }
    }
    for r in &stats.by_cycle {
        for (measure, value) in [
            ("trainings", r.trainings),
            ("participants", r.participants),
            ("certificates", r.certificates),
        ] {
            row(
                &mut out,
                &[
                    Text("by_cycle"),
                    Text(&r.cycle),
                    Text(&r.cycle),
                    Text(measure),
                    Number(value),
                ],
            );
        }
    }
    for r in &stats.by_partner {
        for (measure, value) in [("trainings", r.trainings), ("participants", r.participants)] {
            row(
                &mut out,
                &[
                    Text("by_partner"),
                    Text(&r.partner),
                    Text(&r.name),
                    Text(measure),
                    Number(value),
                ],
            );
        }
    }
    out
}

/// `data/trainings.csv`: one row per training of the catalog. Participants
/// are blank for planned trainings (the contract shows them as planned only);
/// on the public site a planned training's row holds its title, skill and
/// dates alone.
pub fn trainings_csv(c: &Catalog) -> String {
    let mut certificates: BTreeMap<&str, u64> = BTreeMap::new();
    for o in &c.outcomes {
        *certificates.entry(o.training.as_str()).or_default() += u64::from(o.certified);
    }
    let mut out = csv();
    text_row(
        &mut out,
        &[
            "id",
            "title",
            "skill",
            "cycle",
            "partners",
            "start",
            "end",
            "status",
            "hours",
            "participants",
            "certificates",
        ],
    );
    let mut trainings: Vec<_> = c.trainings.iter().map(|(t, _)| *t).collect();
    trainings.sort_by(|a, b| a.start().cmp(&b.start()).then_with(|| a.id().cmp(b.id())));
    for t in trainings {
        let mut end = String::new();
        if let Some(e) = t.end() {
            let _ = write!(end, "{e}");
        }
        let (id, title, skill, start) = (t.id(), t.title(), t.skill(), t.start().to_string());
        let Some(t) = t.full() else {
            // Planned, on the public site: title, skill and dates only.
            text_row(
                &mut out,
                &[
                    id,
                    title,
                    skill,
                    "",
                    "",
                    &start,
                    &end,
                    Status::Planned.key(),
                    "",
                    "",
                    "",
                ],
            );
            continue;
        };
        let planned = t.status == Status::Planned;
        let blank_if_planned = |n: u64| if planned { Text("") } else { Number(n) };
        let certs = certificates.get(t.id.as_str()).copied().unwrap_or(0);
        let partners = t.partners.join(" ");
        row(
            &mut out,
            &[
                Text(id),
                Text(title),
                Text(skill),
                Text(&t.cycle),
                Text(&partners),
                Text(&start),
                Text(&end),
                Text(t.status.key()),
                Number(u64::from(t.hours)),
                blank_if_planned(u64::from(t.headcount)),
                blank_if_planned(certs),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        text_row(&mut out, &["plain", "a,b", "say \"hi\"", "two\nlines"]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    #[test]
    fn text_that_would_run_as_a_formula_gets_a_quote_mark_and_numbers_stay_numbers() {
        let mut out = String::new();
        text_row(
            &mut out,
            &[
                "=HYPERLINK(\"http://x\",\"y\")",
                "@SUM(1)",
                "+cmd|' /C calc'!A0",
                "-2+3",
                "\tx",
                "\rx",
                "a=b",
            ],
        );
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'@SUM(1)\",\"'+cmd|' /C calc'!A0\",\
             \"'-2+3\",\"'\tx\",\"'\rx\",a=b\r\n"
        );
        let mut out = String::new();
        row(&mut out, &[Number(5), Text("5"), Number(0)]);
        assert_eq!(out, "5,5,0\r\n");
    }
}
