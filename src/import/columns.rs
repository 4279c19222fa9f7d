//! Spreadsheet rows -> roster participants: which column is which (headers
//! in Indonesian or English, compared without case, spaces or punctuation),
//! and each cell's value, with every problem reported at its row and column.
//! Pure: no I/O.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use super::cells::{
    attendance, gender, normalise, one_line, required, score, whole_number, yes_no,
};
use super::msg::{Cell, Msg, RowError};
use super::sheet::{Row, Sheet};
use crate::raw::{FieldDef, PARTICIPANT_FIELDS, participant_index};

/// A roster field (its place in [`PARTICIPANT_FIELDS`]), or a column that
/// is read and ignored (the row number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Participant(usize),
    RowNumber,
}

/// The headers of the row-number column (normalised, as in the table).
const ROW_NUMBER: (&str, &[&str]) = ("No", &["no", "nomor", "nourut", "nomorurut", "number"]);

/// Every column the importer knows: the header shown in messages, then the
/// headers it answers to (normalised: lowercase letters and digits only).
fn all_columns() -> impl Iterator<Item = (Field, &'static str, &'static [&'static str])> + Clone {
    PARTICIPANT_FIELDS
        .iter()
        .enumerate()
        .map(|(i, f)| (Field::Participant(i), f.header, f.headers))
        .chain(std::iter::once((
            Field::RowNumber,
            ROW_NUMBER.0,
            ROW_NUMBER.1,
        )))
}

// The fields the importer checks against each other.
const ID: Field = Field::Participant(participant_index("id"));
const CERTIFIED: Field = Field::Participant(participant_index("certified"));
const CERTIFICATE_NO: Field = Field::Participant(participant_index("certificate_no"));

fn label(f: Field) -> &'static str {
    match f {
        Field::Participant(i) => PARTICIPANT_FIELDS[i].header,
        Field::RowNumber => ROW_NUMBER.0,
    }
}

/// The headers a records officer can use, for messages.
pub fn known_columns() -> String {
    PARTICIPANT_FIELDS
        .iter()
        .map(|f| f.header)
        .collect::<Vec<_>>()
        .join(", ")
}

fn field_of(header: &str) -> Option<Field> {
    let n = normalise(header);
    all_columns()
        .find(|(_, _, names)| names.contains(&n.as_str()))
        .map(|(f, _, _)| f)
}

/// The spreadsheet's letter for a column index: 0 -> A, 26 -> AA.
pub fn letter(mut index: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// One participant, as read, and as the roster file holds it: serialised,
/// it has the keys of [`PARTICIPANT_FIELDS`] in their order (a unit test
/// holds the two together), absent values left out.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interest_score: Option<u32>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_whole"
    )]
    pub pre_test: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_whole"
    )]
    pub post_test: Option<f64>,
    pub certified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_no: Option<String>,
}

/// A score as written in the sheet: `82` rather than `82.0`, `80.5` as is.
fn whole_if_whole<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(v) => {
            s.serialize_u32(*v as u32)
        }
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

/// Reads one cell into `e` as the field `def` of the table.
fn set(e: &mut Entry, def: &FieldDef, v: &str) -> Result<(), Msg> {
    if def.required {
        required(v)?;
    }
    let (min, max) = def.range.unwrap_or((0, u32::MAX));
    match def.key {
        "id" => e.id = one_line(v),
        "name" => e.name = one_line(v),
        "gender" => e.gender = gender(v)?,
        "birth_year" => e.birth_year = whole_number(v, min, max)?,
        "attendance" => e.attendance = attendance(v)?,
        "interest_score" => e.interest_score = whole_number(v, min, max)?,
        "pre_test" => e.pre_test = score(v, min, max)?,
        "post_test" => e.post_test = score(v, min, max)?,
        "certified" => e.certified = yes_no(v)?,
        "certificate_no" => e.certificate_no = (!v.is_empty()).then(|| one_line(v)),
        // A field of the table this importer cannot read: its column is
        // refused, never dropped. A unit test keeps this arm unused.
        _ => return Err(Msg::UnknownColumn { hint: None }),
    }
    Ok(())
}

/// Reads the participants of `sheet`; every problem is returned, each with
/// its row and column.
pub fn read(sheet: &Sheet) -> Result<Vec<Entry>, Vec<RowError>> {
    let rows: Vec<&Row> = sheet
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(vec![whole(Msg::Empty)]);
    }
    // The header row: the first of the top rows naming two known columns (a
    // title row above it, as many forms have, is skipped).
    let header_at = rows
        .iter()
        .take(10)
        .position(|r| r.cells.iter().filter(|c| field_of(c).is_some()).count() >= 2)
        .unwrap_or(0);
    let header = rows[header_at];
    let data = &rows[header_at + 1..];
    let column = |i: usize| -> (String, String) {
        let h = header.cells.get(i).cloned().unwrap_or_default();
        (letter(sheet.first_column + i), h)
    };
    let at = |row: usize, i: usize| Cell {
        row,
        column: Some(column(i)),
    };
    let mut errors = Vec::new();
    let mut columns: BTreeMap<Field, usize> = BTreeMap::new();
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for i in 0..width {
        let h = header.cells.get(i).map(String::as_str).unwrap_or("");
        if h.is_empty() {
            if let Some(r) = data
                .iter()
                .find(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()))
            {
                errors.push(RowError {
                    at: at(r.number, i),
                    msg: Msg::ValuesWithoutHeader,
                });
            }
            continue;
        }
        match field_of(h) {
            Some(f) => {
                if let Some(first) = columns.get(&f) {
                    let (l, h) = column(*first);
                    errors.push(RowError {
                        at: at(header.number, i),
                        msg: Msg::DuplicateColumn {
                            first: format!("\"{h}\" ({l})"),
                        },
                    });
                } else {
                    columns.insert(f, i);
                }
            }
            None => {
                let n = normalise(h);
                let names =
                    all_columns().flat_map(|(f, _, names)| names.iter().map(move |n| (n, f)));
                let hint = crate::text::closest(&n, names.clone().map(|(n, _)| *n))
                    .and_then(|c| names.clone().find(|(n, _)| **n == c))
                    .map(|(_, f)| label(f));
                errors.push(RowError {
                    at: at(header.number, i),
                    msg: Msg::UnknownColumn { hint },
                });
            }
        }
    }
    let mut missing = false;
    let required = (0..PARTICIPANT_FIELDS.len())
        .filter(|i| PARTICIPANT_FIELDS[*i].required)
        .map(Field::Participant);
    for f in required {
        if !columns.contains_key(&f) {
            missing = true;
            errors.push(RowError {
                at: Cell {
                    row: header.number,
                    column: None,
                },
                msg: Msg::MissingColumn(label(f)),
            });
        }
    }
    if missing || !errors.is_empty() {
        sort(&mut errors);
        errors.push(whole(Msg::KnownColumns(known_columns())));
        return Err(errors);
    }
    // In the spreadsheet's order, so that messages read left to right.
    let mut by_position: Vec<(Field, usize)> = columns.iter().map(|(f, i)| (*f, *i)).collect();
    by_position.sort_by_key(|(_, i)| *i);
    let mut entries = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut certs: BTreeMap<String, usize> = BTreeMap::new();
    for row in data {
        let get = |f: Field| -> Option<(usize, &str)> {
            let i = *columns.get(&f)?;
            Some((i, row.cells.get(i).map_or("", String::as_str)))
        };
        // A row with only its row number filled in is an unused line of a form.
        let used = columns
            .iter()
            .filter(|(f, _)| **f != Field::RowNumber)
            .any(|(_, i)| row.cells.get(*i).is_some_and(|c| !c.is_empty()));
        if !used {
            continue;
        }
        let mut e = Entry::default();
        let mut unreadable_pass = false;
        let mut fail = |i: usize, msg: Msg| {
            errors.push(RowError {
                at: at(row.number, i),
                msg,
            })
        };
        for &(f, i) in &by_position {
            let (_, v) = get(f).unwrap_or((i, ""));
            let result = match f {
                Field::Participant(p) => set(&mut e, &PARTICIPANT_FIELDS[p], v),
                Field::RowNumber => Ok(()),
            };
            if let Err(msg) = result {
                unreadable_pass |= f == CERTIFIED;
                fail(i, msg);
            }
        }
        if let (Some(no), Some(i)) = (&e.certificate_no, columns.get(&CERTIFICATE_NO)) {
            // Only when the pass column was readable: one mistake, one message.
            if !e.certified && !unreadable_pass {
                fail(*i, Msg::CertificateWithoutPass);
            }
            if let Some(first) = certs.insert(no.clone(), row.number) {
                fail(
                    *i,
                    Msg::DuplicateValue {
                        value: no.clone(),
                        row: first,
                    },
                );
            }
        }
        if !e.id.is_empty()
            && let Some(first) = ids.insert(e.id.clone(), row.number)
        {
            fail(
                columns[&ID],
                Msg::DuplicateValue {
                    value: e.id.clone(),
                    row: first,
                },
            );
        }
        entries.push(e);
    }
    if entries.is_empty() && errors.is_empty() {
        errors.push(whole(Msg::NoParticipants));
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        sort(&mut errors);
        Err(errors)
    }
}

/// By row, then by column from left to right (B before AA).
fn sort(errors: &mut [RowError]) {
    errors.sort_by_key(|e| {
        let col = e.at.column.as_ref().map(|(l, _)| (l.len(), l.clone()));
        (e.at.row, col)
    });
}

fn whole(msg: Msg) -> RowError {
    RowError {
        at: Cell {
            row: 0,
            column: None,
        },
        msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            first_column: 0,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i + 1,
                    cells: cells.iter().map(|c| c.to_string()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn headers_match_in_either_language_without_case_or_punctuation() {
        for (h, f) in [
            ("No. Registrasi", "id"),
            ("NO REG", "id"),
            ("Registration number", "id"),
            ("Jenis Kelamin", "gender"),
            ("L/P", "gender"),
            ("Sex", "gender"),
            ("Hadir", "attendance"),
            ("Lulus?", "certified"),
            ("Passed", "certified"),
            ("No. Sertifikat", "certificate_no"),
            ("Pre-Test", "pre_test"),
        ] {
            let f = Field::Participant(participant_index(f));
            assert_eq!(field_of(h), Some(f), "{h}");
        }
        assert_eq!(field_of("No urut"), Some(Field::RowNumber));
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
    }

    #[test]
    fn a_title_row_and_blank_form_lines_are_skipped() {
        let s = sheet(&[
            &["DAFTAR PESERTA PELATIHAN", "", ""],
            &["No", "Nama", "No. Registrasi", "JK", "Lulus"],
            &["1", "Ana", "WBP-1", "P", "Ya"],
            &["2", "", "", "", ""],
        ]);
        let e = read(&s).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].gender, Some("f"));
        assert!(e[0].certified);
    }

    #[test]
    fn every_bad_cell_is_reported_with_row_and_column() {
        let s = sheet(&[
            &["Nama", "No Reg", "Lulus", "Hadir", "Nilai akhir"],
            &["Ana", "WBP-1", "mungkin", "90%", "82,5"],
            &["", "WBP-1", "Ya", "20", "101"],
        ]);
        let errors = read(&s).unwrap_err();
        let places: Vec<(usize, String)> = errors
            .iter()
            .map(|e| (e.at.row, e.at.column.clone().unwrap().1))
            .collect();
        assert_eq!(
            places,
            [
                (2, "Lulus".to_string()),
                (2, "Hadir".to_string()),
                (3, "Nama".to_string()),
                (3, "No Reg".to_string()),
                (3, "Nilai akhir".to_string()),
            ]
        );
    }

    #[test]
    fn unknown_and_missing_headers_get_suggestions() {
        let s = sheet(&[&["Nma", "Jenis Klamin"], &["Ana", "P"]]);
        let errors = read(&s).unwrap_err();
        assert!(errors.contains(&RowError {
            at: Cell {
                row: 1,
                column: Some(("A".into(), "Nma".into()))
            },
            msg: Msg::UnknownColumn { hint: Some("Nama") },
        }));
        assert!(
            errors
                .iter()
                .any(|e| e.msg == Msg::MissingColumn("No. Registrasi"))
        );
    }

    /// A field added to the table (src/raw/fields.rs) must be read by the
    /// importer and written to the roster under its key.
    #[test]
    fn every_field_of_the_table_is_read_and_written_under_its_key() {
        let mut e = Entry::default();
        for def in PARTICIPANT_FIELDS {
            let smallest = def.range.map_or(3, |(min, _)| min).to_string();
            let value = match def.key {
                "gender" => "P",
                "certified" => "Ya",
                "certificate_no" => "X/1",
                _ => &smallest,
            };
            assert_eq!(set(&mut e, def, value), Ok(()), "{}", def.key);
        }
        let yaml = serde_yaml::to_value(&e).unwrap();
        let keys: Vec<&str> = yaml
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .collect();
        let table: Vec<&str> = PARTICIPANT_FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(keys, table);
    }

    #[test]
    fn no_header_word_names_both_a_field_and_the_row_number() {
        for f in PARTICIPANT_FIELDS {
            for w in ROW_NUMBER.1 {
                assert!(!f.headers.contains(w), "`{w}`");
            }
        }
    }
}
