//! Data exports: `data/stats.csv`, `data/trainings.csv` and the workbook
//! `data/rapor.xlsx` ([`xlsx`]), built from the same catalog as the pages (so
//! the public ones hold public parts only). Headers and sheet names are in
//! the site's language ([`i18n::column`]); keys and codes in the cells stay
//! those of `stats.json`, so a script reads every site the same way.
//!
//! CSV is written for spreadsheets as people use them: UTF-8 with a byte-order
//! mark (so Excel does not garble "Rp" or accented names), CRLF line ends, and
//! quoting wherever a value holds a comma, quote or line break.
//!
//! Text that a spreadsheet would run as a formula (OWASP "CSV injection": a
//! cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
//! `'` in front, inside quotes, so Excel and LibreOffice show it as text.
//! Figures the program counted are [`Cell::Number`] and stay numbers.

mod tables;
mod xlsx;

use std::fmt::Write;

use self::tables::{Table, Value};
use super::types::Catalog;
use crate::i18n;
use crate::model::Date;
use crate::stats::{Stats, Totals};
use crate::vocab::Lang;

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

/// Every export of a site: (path, bytes), in the order they are listed on
/// the data page.
pub fn files(c: &Catalog, stats: &Stats) -> Vec<(String, Vec<u8>)> {
    let lang = c.site.language;
    let trainings = tables::trainings(c);
    let mut sheets = tables::of_stats(stats, lang);
    sheets.push(trainings);
    let newest = tables::newest_date(c);
    vec![
        (
            "data/stats.csv".to_string(),
            stats_csv(stats, lang).into_bytes(),
        ),
        (
            "data/trainings.csv".to_string(),
            table_csv(sheets.last().expect("the trainings table"), lang).into_bytes(),
        ),
        (
            "data/rapor.xlsx".to_string(),
            xlsx::workbook(&sheets, lang, newest),
        ),
    ]
}

/// A portal's exports: `data/regions.csv`, `data/facilities.csv` (a row
/// per province and per facility, every total of `stats.json` as a column)
/// and `data/portal.xlsx` (those and the national totals), headers in `lang`.
/// `regions` are (name, number of facilities, totals), `facilities` (id,
/// name, province, totals); `newest` dates the workbook.
pub fn portal_files(
    totals: &Totals,
    regions: &[(&str, u64, &Totals)],
    facilities: &[(&str, &str, &str, &Totals)],
    lang: Lang,
    newest: Option<Date>,
) -> Vec<(String, Vec<u8>)> {
    let sheets = tables::of_portal(totals, regions, facilities, lang);
    vec![
        (
            "data/regions.csv".to_string(),
            table_csv(&sheets[1], lang).into_bytes(),
        ),
        (
            "data/facilities.csv".to_string(),
            table_csv(&sheets[2], lang).into_bytes(),
        ),
        (
            "data/portal.xlsx".to_string(),
            xlsx::workbook(&sheets, lang, newest),
        ),
    ]
}

/// `data/stats.csv`: every figure of `stats.json` as one tidy table, one
/// figure per row: table, key, label, measure, value.
pub fn stats_csv(stats: &Stats, lang: Lang) -> String {
    let mut out = csv();
    let header: Vec<&str> = ["table", "key", "label", "measure", "value"]
        .into_iter()
        .map(|k| i18n::column(lang, k))
        .collect();
    text_row(&mut out, &header);
    for (table, key, label, measure, value) in tables::figures(stats) {
        row(
            &mut out,
            &[
                Text(table),
                Text(key),
                Text(label),
                Text(measure),
                Number(value),
            ],
        );
    }
    out
}

/// One table as CSV, its header in `lang`. Dates are ISO text.
fn table_csv(t: &Table, lang: Lang) -> String {
    let mut out = csv();
    let header: Vec<&str> = t.columns.iter().map(|k| i18n::column(lang, k)).collect();
    text_row(&mut out, &header);
    for r in &t.rows {
        let dates: Vec<String> = r
            .iter()
            .map(|v| match v {
                Value::Date(d) => d.to_string(),
                _ => String::new(),
            })
            .collect();
        let cells: Vec<Cell> = r
            .iter()
            .zip(&dates)
            .map(|(v, date)| match v {
                Value::Text(s) => Text(s),
                Value::Number(n) => Number(*n),
                Value::Date(_) => Text(date),
                Value::Blank => Text(""),
            })
            .collect();
        row(&mut out, &cells);
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
