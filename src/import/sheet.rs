//! Reading a spreadsheet into rows of text, numbered as the spreadsheet
//! program shows them. CSV files are decoded from UTF-8 (with or without a
//! byte-order mark), UTF-16 with a mark, or Windows-1252 (what Excel on
//! Windows writes by default), and their delimiter (`;` from Indonesian
//! Excel, `,` or tab) is detected. XLSX, XLS and ODS go through calamine, when the `spreadsheets` feature
//! is on.

use std::path::Path;

#[cfg(feature = "spreadsheets")]
use calamine::{Data, Reader};

use super::msg::Msg;

/// A row of cells: its number as shown (1-based) and its cells' text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// The rows of one sheet, and the column index of the first cell (0 = A).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub first_column: usize,
    pub rows: Vec<Row>,
}

/// Reads `path` (the sheet named `sheet`, or the first one).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, Msg> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let cannot = |e: &dyn std::fmt::Display| Msg::CannotRead {
        file: path.display().to_string(),
        error: e.to_string(),
    };
    match ext.as_str() {
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| cannot(&e))?;
            csv_rows(&decode(&bytes)).map_err(|e| cannot(&e))
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => workbook(path, sheet),
        _ => Err(Msg::UnknownFileType(path.display().to_string())),
    }
}

/// The sheet named `sheet` (or the first) of a workbook.
#[cfg(feature = "spreadsheets")]
fn workbook(path: &Path, sheet: Option<&str>) -> Result<Sheet, Msg> {
    let cannot = |e: &dyn std::fmt::Display| Msg::CannotRead {
        file: path.display().to_string(),
        error: e.to_string(),
    };
    let mut book = calamine::open_workbook_auto(path).map_err(|e| cannot(&e))?;
    let names = book.sheet_names();
    let name = match sheet {
        None => names.first().cloned().ok_or(Msg::Empty)?,
        Some(s) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(s.trim()))
            .cloned()
            .ok_or_else(|| Msg::NoSheet {
                sheet: s.to_string(),
                hint: crate::text::closest(s, names.iter().map(String::as_str)).map(str::to_string),
                sheets: names.clone(),
            })?,
    };
    let range = book.worksheet_range(&name).map_err(|e| cannot(&e))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            number: row0 as usize + i + 1,
            cells: cells.iter().map(cell_text).collect(),
        })
        .collect();
    Ok(Sheet {
        first_column: col0 as usize,
        rows,
    })
}

#[cfg(not(feature = "spreadsheets"))]
fn workbook(path: &Path, _sheet: Option<&str>) -> Result<Sheet, Msg> {
    Err(Msg::NoSpreadsheetSupport(path.display().to_string()))
}

/// A cell as text. Whole numbers lose Excel's `.0` (a year, a count).
#[cfg(feature = "spreadsheets")]
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(feature = "spreadsheets")]
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Text from bytes: a byte-order mark decides; else UTF-8 if it is valid;
/// else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The delimiter used most in the first lines, outside quotes.
fn delimiter(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    for line in text.lines().take(10) {
        let mut quoted = false;
        for b in line.bytes() {
            if b == b'"' {
                quoted = !quoted;
            } else if !quoted && let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
                c.1 += 1;
            }
        }
    }
    // Ties go to the first: `;` is what Excel writes in Indonesia.
    counts
        .iter()
        .fold((b',', 0), |best, c| if c.1 > best.1 { *c } else { best })
        .0
}

/// CSV text into rows numbered as a spreadsheet program shows them: one row
/// per record (a quoted cell may span lines), blank lines counted.
pub fn csv_rows(text: &str) -> Result<Sheet, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line breaks inside quoted cells: lines that are not rows.
    let mut inner_breaks = 0usize;
    // Lines are counted from byte offsets: the reader's own line count
    // does not see blank lines.
    let mut counted = (0usize, 1usize); // (byte offset, its line)
    for record in reader.records() {
        let record = record?;
        let mut byte = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(text.len());
        // A record's position is where the reader resumed: before blank lines.
        while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        let (from, line_there) = counted;
        let line = line_there
            + text.as_bytes()[from.min(byte)..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
        counted = (byte, line);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        rows.push(Row {
            number: line - inner_breaks,
            cells,
        });
        inner_breaks += record
            .iter()
            .map(|c| c.matches('\n').count())
            .sum::<usize>();
    }
    Ok(Sheet {
        first_column: 0,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_from_indonesian_excel_are_detected() {
        let s = csv_rows("Nama;Nilai\nAna;82,5\n").unwrap();
        assert_eq!(s.rows[1].cells, ["Ana", "82,5"]);
        let s = csv_rows("Name,Score\nAna,\"82,5\"\n").unwrap();
        assert_eq!(s.rows[1].cells, ["Ana", "82,5"]);
    }

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_shows_them() {
        let s = csv_rows("a;b\n\"x\ny\";1\n\nz;2\n").unwrap();
        let numbers: Vec<usize> = s.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 4]);
    }

    #[test]
    fn windows_1252_and_byte_order_marks_are_decoded() {
        assert_eq!(decode(b"Jos\xe9"), "José");
        assert_eq!(decode("\u{feff}Nama".as_bytes()), "Nama");
        assert_eq!(decode("Nama é".as_bytes()), "Nama é");
    }

    #[cfg(feature = "spreadsheets")]
    #[test]
    fn whole_numbers_from_excel_lose_the_fraction() {
        assert_eq!(cell_text(&Data::Float(1994.0)), "1994");
        assert_eq!(cell_text(&Data::Float(82.5)), "82.5");
    }
}
