//! Spreadsheet rows -> roster participants: which column is which (headers
//! in Indonesian or English, compared without case, spaces or punctuation),
//! and each cell's value, with every problem reported at its row and column.
//! Pure: no I/O.

use std::collections::BTreeMap;

use super::cells::{attendance, gender, normalise, required, score, whole_number, yes_no};
use super::msg::{Cell, Msg, RowError};
use super::sheet::{Row, Sheet};

/// A roster field, or a column that is read and ignored (the row number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Id,
    Name,
    Gender,
    BirthYear,
    Attendance,
    Interest,
    PreTest,
    PostTest,
    Certified,
    CertificateNo,
    RowNumber,
}

/// Each field: the header shown in messages, then the headers it answers to
/// (normalised: lowercase letters and digits only).
const FIELDS: [(Field, &str, &[&str]); 11] = [
    (
        Field::Id,
        "No. Registrasi",
        &[
            "noregistrasi",
            "nomorregistrasi",
            "noreg",
            "nomorreg",
            "registrasi",
            "noinduk",
            "nomorinduk",
            "registrationnumber",
            "registrationno",
            "registration",
            "regno",
            "id",
        ],
    ),
    (
        Field::Name,
        "Nama",
        &[
            "nama",
            "namalengkap",
            "namapeserta",
            "namawbp",
            "name",
            "fullname",
        ],
    ),
    (
        Field::Gender,
        "Jenis Kelamin",
        &["jeniskelamin", "jk", "kelamin", "lp", "sex", "gender"],
    ),
    (
        Field::BirthYear,
        "Tahun Lahir",
        &[
            "tahunlahir",
            "thnlahir",
            "thlahir",
            "birthyear",
            "yearofbirth",
        ],
    ),
    (
        Field::Attendance,
        "Hadir",
        &[
            "hadir",
            "kehadiran",
            "jumlahhadir",
            "sesihadir",
            "attendance",
            "sessionsattended",
            "attended",
        ],
    ),
    (
        Field::Interest,
        "Minat",
        &[
            "minat",
            "nilaiminat",
            "skorminat",
            "asesmenminat",
            "interest",
            "interestscore",
        ],
    ),
    (
        Field::PreTest,
        "Pre-test",
        &[
            "pretest",
            "nilaiawal",
            "tesawal",
            "nilaipretest",
            "prescore",
        ],
    ),
    (
        Field::PostTest,
        "Post-test",
        &[
            "posttest",
            "nilaiakhir",
            "tesakhir",
            "nilaiposttest",
            "postscore",
        ],
    ),
    (
        Field::Certified,
        "Lulus",
        &[
            "lulus",
            "kelulusan",
            "kompeten",
            "bersertifikat",
            "passed",
            "pass",
            "certified",
        ],
    ),
    (
        Field::CertificateNo,
        "No. Sertifikat",
        &[
            "nosertifikat",
            "nomorsertifikat",
            "sertifikat",
            "certificatenumber",
            "certificateno",
            "certificate",
            "certno",
        ],
    ),
    (
        Field::RowNumber,
        "No",
        &["no", "nomor", "nourut", "nomorurut", "number"],
    ),
];

fn label(f: Field) -> &'static str {
    FIELDS.iter().find(|(x, _, _)| *x == f).map_or("", |t| t.1)
}

/// The headers a records officer can use, for messages.
pub fn known_columns() -> String {
    FIELDS
        .iter()
        .filter(|(f, _, _)| *f != Field::RowNumber)
        .map(|(_, l, _)| *l)
        .collect::<Vec<_>>()
        .join(", ")
}

fn field_of(header: &str) -> Option<Field> {
    let n = normalise(header);
    FIELDS
        .iter()
        .find(|(_, _, names)| names.contains(&n.as_str()))
        .map(|(f, _, _)| *f)
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

/// One participant, as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub gender: Option<&'static str>,
    pub birth_year: Option<u32>,
    pub attendance: Option<u32>,
    pub interest_score: Option<u32>,
    pub pre_test: Option<f64>,
    pub post_test: Option<f64>,
    pub certified: bool,
    pub certificate_no: Option<String>,
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
                let names = FIELDS
                    .iter()
                    .flat_map(|(f, _, names)| names.iter().map(move |n| (n, *f)));
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
    for f in [Field::Id, Field::Name] {
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
            let result: Result<(), Msg> = (|| {
                match f {
                    Field::Id => e.id = required(v)?.to_string(),
                    Field::Name => e.name = required(v)?.to_string(),
                    Field::Gender => e.gender = gender(v)?,
                    Field::BirthYear => e.birth_year = whole_number(v, 1900, 2100)?,
                    Field::Attendance => e.attendance = attendance(v)?,
                    Field::Interest => e.interest_score = whole_number(v, 1, 5)?,
                    Field::PreTest => e.pre_test = score(v)?,
                    Field::PostTest => e.post_test = score(v)?,
                    Field::Certified => e.certified = yes_no(v)?,
                    Field::CertificateNo => {
                        e.certificate_no = (!v.is_empty()).then(|| v.to_string())
                    }
                    Field::RowNumber => {}
                }
                Ok(())
            })();
            if let Err(msg) = result {
                unreadable_pass |= f == Field::Certified;
                fail(i, msg);
            }
        }
        if let (Some(no), Some(i)) = (&e.certificate_no, columns.get(&Field::CertificateNo)) {
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
                columns[&Field::Id],
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
            ("No. Registrasi", Field::Id),
            ("NO REG", Field::Id),
            ("Registration number", Field::Id),
            ("Jenis Kelamin", Field::Gender),
            ("L/P", Field::Gender),
            ("Sex", Field::Gender),
            ("Hadir", Field::Attendance),
            ("Lulus?", Field::Certified),
            ("Passed", Field::Certified),
            ("No. Sertifikat", Field::CertificateNo),
            ("Pre-Test", Field::PreTest),
        ] {
            assert_eq!(field_of(h), Some(f), "{h}");
        }
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
}
