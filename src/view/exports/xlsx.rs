//! `data/rapor.xlsx`: the tables of the exports as one workbook, a sheet per
//! table, headers and sheet names in the site's language. Figures are
//! numbers and dates are dates (shown as `yyyy-mm-dd`), so a spreadsheet can
//! sum and sort them without converting text.
//!
//! The same content makes the same bytes: the zip writer stamps every part
//! with a fixed time, and the document's creation date is the newest date of
//! the content, never the clock.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::tables::{Table, Value};
use crate::i18n;
use crate::model::Date;
use crate::vocab::Lang;

/// The workbook's bytes. A writer error (none is expected: text is cut to
/// what a cell holds, dates Excel cannot show are written as text) leaves a
/// workbook of empty sheets rather than failing the build.
pub(super) fn workbook(tables: &[Table], lang: Lang, newest: Option<Date>) -> Vec<u8> {
    write(tables, lang, newest)
        .or_else(|_| {
            let empty: Vec<Table> = tables
                .iter()
                .map(|t| Table {
                    rows: Vec::new(),
                    ..t.clone()
                })
                .collect();
            write(&empty, lang, None)
        })
        .unwrap_or_default()
}

/// Characters a cell holds, at most.
const CELL_MAX: usize = 32_767;

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month().unsigned_abs(), d.day().unsigned_abs())
}

fn write(tables: &[Table], lang: Lang, newest: Option<Date>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // Excel's own first day when the content has no date at all.
    let created = match newest.map(excel_date) {
        Some(Ok(d)) => d,
        _ => ExcelDateTime::from_ymd(1900, 1, 1)?,
    };
    let title = i18n::label(lang, "data_note");
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("rapor")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(i18n::sheet(lang, t.sheet))?;
        fill(sheet, t, lang, &bold, &date)?;
    }
    book.save_to_buffer()
}

fn fill(
    sheet: &mut Worksheet,
    t: &Table,
    lang: Lang,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    for (col, key) in (0u16..).zip(&t.columns) {
        sheet.write_string_with_format(0, col, i18n::column(lang, key), bold)?;
    }
    for (row, cells) in (1u32..).zip(&t.rows) {
        for (col, v) in (0u16..).zip(cells) {
            match v {
                Value::Text(s) if s.chars().count() > CELL_MAX => {
                    let cut: String = s.chars().take(CELL_MAX).collect();
                    sheet.write_string(row, col, cut)?;
                }
                Value::Text(s) => {
                    sheet.write_string(row, col, s)?;
                }
                // Exact up to 2^53, far beyond any figure of a programme.
                Value::Number(n) => {
                    sheet.write_number(row, col, *n as f64)?;
                }
                Value::Date(d) => match excel_date(*d) {
                    Ok(x) => {
                        sheet.write_datetime_with_format(row, col, x, date)?;
                    }
                    Err(_) => {
                        sheet.write_string(row, col, d.to_string())?;
                    }
                },
                Value::Blank => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    for (col, key) in (0u16..).zip(&t.columns) {
        // Wide enough for the header and the longest cell, within reason.
        let longest = t
            .rows
            .iter()
            .filter_map(|r| r.get(usize::from(col)))
            .map(|v| match v {
                Value::Text(s) => s.chars().count(),
                Value::Number(n) => n.to_string().len(),
                Value::Date(_) => 10,
                Value::Blank => 0,
            })
            .chain([i18n::column(lang, key).chars().count()])
            .max()
            .unwrap_or(8);
        sheet.set_column_width(col, (longest + 2).clamp(6, 60) as f64)?;
    }
    Ok(())
}
