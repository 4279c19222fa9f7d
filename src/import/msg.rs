//! What `rapor import` can say, as typed values; their Indonesian and
//! English wording is in the CLI's catalogue (`src/msg/import.rs`).

use crate::msg::msg_in;
use crate::vocab::Lang;

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
    /// The message in `lang`, from the catalogue (`src/msg/import.rs`).
    pub fn text(&self, lang: Lang) -> String {
        let hint = |h: &Option<String>| {
            h.as_ref()
                .map(|h| msg_in!(lang, "import_hint", hint = h))
                .unwrap_or_default()
        };
        let quoted = |h: Option<&str>| {
            h.map(|h| msg_in!(lang, "import_hint_quoted", hint = h))
                .unwrap_or_default()
        };
        match self {
            Msg::NotASite(dir) => msg_in!(lang, "import_not_a_site", dir = dir),
            Msg::UnknownTraining { id, hint: h } => {
                msg_in!(lang, "import_unknown_training", id = id, hint = hint(h))
            }
            Msg::RosterExists(path) => msg_in!(lang, "import_roster_exists", path = path),
            Msg::UnknownFileType(file) => msg_in!(lang, "import_file_type", file = file),
            Msg::NoSpreadsheetSupport(file) => {
                msg_in!(lang, "import_no_spreadsheet_support", file = file)
            }
            Msg::CannotRead { file, error } => {
                msg_in!(lang, "import_cannot_read", file = file, error = error)
            }
            Msg::NoSheet {
                sheet,
                sheets,
                hint: h,
            } => msg_in!(
                lang,
                "import_no_sheet",
                sheet = sheet,
                hint = quoted(h.as_deref()),
                list = sheets.join("\", \"")
            ),
            Msg::Empty => msg_in!(lang, "import_empty"),
            Msg::MissingColumn(name) => msg_in!(lang, "import_missing_column", name = name),
            Msg::UnknownColumn { hint: h } => {
                msg_in!(lang, "import_unknown_column", hint = quoted(*h))
            }
            Msg::DuplicateColumn { first } => {
                msg_in!(lang, "import_duplicate_column", first = first)
            }
            Msg::ValuesWithoutHeader => msg_in!(lang, "import_values_without_header"),
            Msg::Required => msg_in!(lang, "import_required"),
            Msg::NotAYesNo(v) => msg_in!(lang, "import_not_yes_no", value = v),
            Msg::NotAGender(v) => msg_in!(lang, "import_not_gender", value = v),
            Msg::NotAWholeNumber(v) => msg_in!(lang, "import_not_whole", value = v),
            Msg::Percent(v) => msg_in!(lang, "import_percent", value = v),
            Msg::OutOfRange { value, min, max } => msg_in!(
                lang,
                "import_out_of_range",
                value = value,
                min = min,
                max = max
            ),
            Msg::DuplicateValue { value, row } => {
                msg_in!(lang, "import_duplicate_value", value = value, row = row)
            }
            Msg::CertificateWithoutPass => msg_in!(lang, "import_certificate_without_pass"),
            Msg::NoParticipants => msg_in!(lang, "import_no_participants"),
            Msg::WouldFailCheck => msg_in!(lang, "import_would_fail_check"),
            Msg::KnownColumns(list) => msg_in!(lang, "import_known_columns", list = list),
            Msg::Header { source } => msg_in!(lang, "import_header", source = source),
            Msg::Written {
                path,
                participants,
                certified,
            } => msg_in!(
                lang,
                "import_written",
                path = path,
                participants = participants,
                certified = certified
            ),
            Msg::NextStep => msg_in!(lang, "import_next_step"),
            Msg::Failed(1) => msg_in!(lang, "import_failed_one", n = 1),
            Msg::Failed(n) => msg_in!(lang, "import_failed_many", n = n),
        }
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
    pub fn text(&self, file: &str, lang: Lang) -> String {
        let mut place = Vec::new();
        if self.at.row > 0 {
            place.push(msg_in!(lang, "import_at_row", row = self.at.row));
        }
        if let Some((letter, header)) = &self.at.column {
            place.push(if header.is_empty() {
                msg_in!(lang, "import_at_column", letter = letter)
            } else {
                msg_in!(lang, "import_at_header", header = header, letter = letter)
            });
        }
        if place.is_empty() {
            format!("{file}: {}", self.msg.text(lang))
        } else {
            format!("{file}: {}: {}", place.join(", "), self.msg.text(lang))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            e.text("peserta.csv", Lang::Id),
            "peserta.csv: baris 5, kolom \"Lulus\" (E): \"mungkin\" bukan ya/tidak; tulis Ya atau Tidak (juga boleh Y/T, 1/0)"
        );
        assert!(
            e.text("p.csv", Lang::En)
                .starts_with("p.csv: row 5, column \"Lulus\" (E): ")
        );
    }
}
