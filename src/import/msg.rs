//! Every message of `rapor import`, in Indonesian and English. Kept in one
//! place so that the wording for records officers can be reviewed (and
//! translated) without reading the import's logic.

use crate::model::Lang;

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
    CannotRead {
        file: String,
        error: String,
    },
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
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let pick = |id: String, en_text: String| if en { en_text } else { id };
        match self {
            Msg::NotASite(dir) => pick(
                format!("{dir} bukan folder situs rapor (tidak ada content/site.yaml)"),
                format!("{dir} is not a rapor site (no content/site.yaml)"),
            ),
            Msg::UnknownTraining { id, hint } => {
                let hint = hint.as_ref().map(|h| {
                    pick(
                        format!(" (maksudnya {h}?)"),
                        format!(" (did you mean {h}?)"),
                    )
                });
                let hint = hint.unwrap_or_default();
                pick(
                    format!("pelatihan \"{id}\" tidak ada di content/trainings/{hint}"),
                    format!("there is no training \"{id}\" in content/trainings/{hint}"),
                )
            }
            Msg::RosterExists(path) => pick(
                format!(
                    "{path} sudah ada; tambahkan --force untuk menggantinya dengan isi lembar kerja"
                ),
                format!("{path} already exists; add --force to replace it with the spreadsheet"),
            ),
            Msg::UnknownFileType(file) => pick(
                format!(
                    "{file}: rapor membaca berkas .csv, .xlsx, .xls atau .ods; simpan lembar kerja dalam salah satu bentuk itu"
                ),
                format!(
                    "{file}: rapor reads .csv, .xlsx, .xls or .ods files; save the spreadsheet as one of them"
                ),
            ),
            Msg::CannotRead { file, error } => pick(
                format!("tidak bisa membaca {file}: {error}"),
                format!("cannot read {file}: {error}"),
            ),
            Msg::NoSheet {
                sheet,
                sheets,
                hint,
            } => {
                let hint = hint.as_ref().map(|h| {
                    pick(
                        format!(" (maksudnya \"{h}\"?)"),
                        format!(" (did you mean \"{h}\"?)"),
                    )
                });
                let hint = hint.unwrap_or_default();
                let list = sheets.join("\", \"");
                pick(
                    format!(
                        "tidak ada lembar \"{sheet}\"{hint}; lembar yang ada: \"{list}\""
                    ),
                    format!("there is no sheet \"{sheet}\"{hint}; the sheets are: \"{list}\""),
                )
            }
            Msg::Empty => pick(
                "lembar kerja kosong".into(),
                "the spreadsheet is empty".into(),
            ),
            Msg::MissingColumn(name) => pick(
                format!("kolom wajib \"{name}\" tidak ada"),
                format!("the required column \"{name}\" is missing"),
            ),
            Msg::UnknownColumn { hint } => {
                let hint = hint.map(|h| {
                    pick(
                        format!(" (maksudnya \"{h}\"?)"),
                        format!(" (did you mean \"{h}\"?)"),
                    )
                });
                let hint = hint.unwrap_or_default();
                pick(
                    format!(
                        "nama kolom tidak dikenal{hint}; ganti namanya atau hapus kolom ini (tidak ada data yang dibuang diam-diam)"
                    ),
                    format!(
                        "unknown column name{hint}; rename or delete the column (rapor never drops data silently)"
                    ),
                )
            }
            Msg::DuplicateColumn { first } => pick(
                format!("kolom ini berisi hal yang sama dengan kolom {first}; hapus salah satunya"),
                format!("this column holds the same thing as column {first}; delete one of them"),
            ),
            Msg::ValuesWithoutHeader => pick(
                "kolom ini berisi data tetapi tidak punya nama kolom".into(),
                "this column holds values but has no header".into(),
            ),
            Msg::Required => pick(
                "kosong, padahal wajib diisi".into(),
                "is empty but required".into(),
            ),
            Msg::NotAYesNo(v) => pick(
                format!("\"{v}\" bukan ya/tidak; tulis Ya atau Tidak (juga boleh Y/T, 1/0)"),
                format!("\"{v}\" is not yes/no; write Yes or No (Y/N and 1/0 work too)"),
            ),
            Msg::NotAGender(v) => pick(
                format!("\"{v}\" bukan jenis kelamin; tulis L (laki-laki) atau P (perempuan)"),
                format!("\"{v}\" is not a sex; write M (male) or F (female), or L/P"),
            ),
            Msg::NotAWholeNumber(v) => pick(
                format!("\"{v}\" bukan bilangan bulat"),
                format!("\"{v}\" is not a whole number"),
            ),
            Msg::Percent(v) => pick(
                format!(
                    "\"{v}\" adalah persen; tulis jumlah sesi yang dihadiri (misalnya 22), bukan persen"
                ),
                format!(
                    "\"{v}\" is a percentage; write the number of sessions attended (e.g. 22), not a percentage"
                ),
            ),
            Msg::OutOfRange { value, min, max } => pick(
                format!("\"{value}\" harus angka dari {min} sampai {max}"),
                format!("\"{value}\" must be a number from {min} to {max}"),
            ),
            Msg::DuplicateValue { value, row } => pick(
                format!("\"{value}\" sudah dipakai di baris {row}; setiap nomor hanya boleh muncul sekali"),
                format!("\"{value}\" is already used in row {row}; each number may appear only once"),
            ),
            Msg::CertificateWithoutPass => pick(
                "ada nomor sertifikat, padahal kolom lulus bukan Ya".into(),
                "has a certificate number, but the passed column is not Yes".into(),
            ),
            Msg::NoParticipants => pick(
                "tidak ada satu pun baris peserta di bawah baris judul kolom".into(),
                "there are no participant rows below the header row".into(),
            ),
            Msg::WouldFailCheck => pick(
                "daftar peserta ini tidak cocok dengan catatan lain, sehingga rapor check akan gagal:".into(),
                "this roster does not agree with other records, so rapor check would fail:".into(),
            ),
            Msg::KnownColumns(list) => pick(
                format!("kolom yang dikenal: {list}"),
                format!("known columns: {list}"),
            ),
            Msg::Header { source } => pick(
                format!(
                    "# DAFTAR PESERTA — INTERNAL. Jangan disalin ke berita, catatan publik, atau keterangan foto.\n# Diimpor dari {source} dengan `rapor import roster`. Perbaikan berikutnya boleh langsung di berkas ini."
                ),
                format!(
                    "# ROSTER — INTERNAL. Never copy it into a story, a public note or a caption.\n# Imported from {source} with `rapor import roster`. Later corrections may be made in this file."
                ),
            ),
            Msg::Written {
                path,
                participants,
                certified,
            } => pick(
                format!("{path} ditulis: {participants} peserta, {certified} lulus"),
                format!("wrote {path}: {participants} participants, {certified} certified"),
            ),
            Msg::NextStep => pick(
                "Periksa hasilnya dengan: rapor check".into(),
                "Check the result with: rapor check".into(),
            ),
            Msg::Failed(n) => pick(
                format!("{n} masalah; tidak ada berkas yang ditulis"),
                format!("{n} problem{}; nothing was written", if *n == 1 { "" } else { "s" }),
            ),
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
        let en = lang == Lang::En;
        let (row, column) = if en {
            ("row", "column")
        } else {
            ("baris", "kolom")
        };
        let mut place = String::new();
        if self.at.row > 0 {
            place.push_str(&format!("{row} {}", self.at.row));
        }
        if let Some((letter, header)) = &self.at.column {
            if !place.is_empty() {
                place.push_str(", ");
            }
            if header.is_empty() {
                place.push_str(&format!("{column} {letter}"));
            } else {
                place.push_str(&format!("{column} \"{header}\" ({letter})"));
            }
        }
        if place.is_empty() {
            format!("{file}: {}", self.msg.text(lang))
        } else {
            format!("{file}: {place}: {}", self.msg.text(lang))
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
