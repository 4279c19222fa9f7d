//! What `rapor import` can say, as typed values; their Indonesian and
//! English wording is in the CLI's catalogue (`src/msg/import.rs`). Each
//! becomes a [`Message`], put into words in the user's language when printed.

use std::fmt;

use crate::msg::{Message, msg};

/// Where a problem is in the spreadsheet, as the spreadsheet program shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    /// Row number, 1-based, counted as the spreadsheet shows it.
    pub row: usize,
    /// The column's letter (A, B, ... AA) and its header as written.
    pub column: Option<(String, String)>,
}

/// One message of the import.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    NotASite(String),
    UnknownTraining {
        id: String,
        hint: Option<String>,
    },
    RosterExists(String),
    UnknownFileType(String),
    /// An .xlsx, .xls or .ods file given to a build without the
    /// `spreadsheets` feature.
    #[cfg_attr(feature = "spreadsheets", allow(dead_code))]
    NoSpreadsheetSupport(String),
    CannotRead {
        file: String,
        error: String,
    },
    #[cfg_attr(not(feature = "spreadsheets"), allow(dead_code))]
    NoSheet {
        sheet: String,
        sheets: Vec<String>,
        hint: Option<String>,
    },
    Empty,
    MissingColumn(&'static str),
    UnknownColumn {
        hint: Option<&'static str>,
    },
    DuplicateColumn {
        first: String,
    },
    ValuesWithoutHeader,
    Required,
    NotAYesNo(String),
    NotAGender(String),
    NotAWholeNumber(String),
    Percent(String),
    OutOfRange {
        value: String,
        min: u32,
        max: u32,
    },
    DuplicateValue {
        value: String,
        row: usize,
    },
    CertificateWithoutPass,
    NoParticipants,
    WouldFailCheck,
    KnownColumns(String),
    Header {
        source: String,
    },
    Written {
        path: String,
        participants: usize,
        certified: usize,
    },
    NextStep,
    Failed(usize),
}

impl Msg {
    /// The message of the catalogue (`src/msg/import.rs`) this is.
    pub fn message(&self) -> Message {
        let hint = |h: &Option<String>| h.as_ref().map(|h| msg!("import_hint", hint = h));
        let quoted = |h: Option<&str>| h.map(|h| msg!("import_hint_quoted", hint = h));
        match self {
            Msg::NotASite(dir) => msg!("import_not_a_site", dir = dir),
            Msg::UnknownTraining { id, hint: h } => {
                msg!("import_unknown_training", id = id, hint = hint(h))
            }
            Msg::RosterExists(path) => msg!("import_roster_exists", path = path),
            Msg::UnknownFileType(file) => msg!("import_file_type", file = file),
            Msg::NoSpreadsheetSupport(file) => {
                msg!("import_no_spreadsheet_support", file = file)
            }
            Msg::CannotRead { file, error } => {
                msg!("import_cannot_read", file = file, error = error)
            }
            Msg::NoSheet {
                sheet,
                sheets,
                hint: h,
            } => msg!(
                "import_no_sheet",
                sheet = sheet,
                hint = quoted(h.as_deref()),
                list = sheets.join("\", \"")
            ),
            Msg::Empty => msg!("import_empty"),
            Msg::MissingColumn(name) => msg!("import_missing_column", name = name),
            Msg::UnknownColumn { hint: h } => {
                msg!("import_unknown_column", hint = quoted(*h))
            }
            Msg::DuplicateColumn { first } => {
                msg!("import_duplicate_column", first = first)
            }
            Msg::ValuesWithoutHeader => msg!("import_values_without_header"),
            Msg::Required => msg!("import_required"),
            Msg::NotAYesNo(v) => msg!("import_not_yes_no", value = v),
            Msg::NotAGender(v) => msg!("import_not_gender", value = v),
            Msg::NotAWholeNumber(v) => msg!("import_not_whole", value = v),
            Msg::Percent(v) => msg!("import_percent", value = v),
            Msg::OutOfRange { value, min, max } => {
                msg!("import_out_of_range", value = value, min = min, max = max)
            }
            Msg::DuplicateValue { value, row } => {
                msg!("import_duplicate_value", value = value, row = row)
            }
            Msg::CertificateWithoutPass => msg!("import_certificate_without_pass"),
            Msg::NoParticipants => msg!("import_no_participants"),
            Msg::WouldFailCheck => msg!("import_would_fail_check"),
            Msg::KnownColumns(list) => msg!("import_known_columns", list = list),
            Msg::Header { source } => msg!("import_header", source = source),
            Msg::Written {
                path,
                participants,
                certified,
            } => msg!(
                "import_written",
                path = path,
                participants = participants,
                certified = certified
            ),
            Msg::NextStep => msg!("import_next_step"),
            Msg::Failed(1) => msg!("import_failed_one", n = 1),
            Msg::Failed(n) => msg!("import_failed_many", n = n),
        }
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// A problem in the spreadsheet, with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub at: Cell,
    pub msg: Msg,
}

impl RowError {
    /// `peserta.csv: baris 5, kolom "Lulus" (E): ...`
    pub fn message(&self, file: &str) -> Message {
        let row = (self.at.row > 0).then(|| msg!("import_at_row", row = self.at.row));
        let column = self.at.column.as_ref().map(|(letter, header)| {
            if header.is_empty() {
                msg!("import_at_column", letter = letter)
            } else {
                msg!("import_at_header", header = header, letter = letter)
            }
        });
        let place = match (row, column) {
            (Some(row), Some(column)) => {
                Some(msg!("import_at_row_column", row = row, column = column))
            }
            (row, column) => row.or(column),
        };
        let message = match place {
            Some(place) => msg!("import_placed", place = place, message = self.msg.message()),
            None => self.msg.message(),
        };
        msg!("import_in_file", file = file, message = message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Lang;

    #[test]
    fn row_errors_name_the_row_and_the_column_as_written() {
        let e = RowError {
            at: Cell {
                row: 5,
                column: Some(("E".into(), "Lulus".into())),
            },
            msg: Msg::NotAYesNo("mungkin".into()),
        };
        assert_eq!(
            e.message("peserta.csv").render(Lang::Id),
            "peserta.csv: baris 5, kolom \"Lulus\" (E): \"mungkin\" bukan ya/tidak; tulis Ya atau Tidak (juga boleh Y/T, 1/0)"
        );
        assert!(
            e.message("p.csv")
                .render(Lang::En)
                .starts_with("p.csv: row 5, column \"Lulus\" (E): ")
        );
    }
}
