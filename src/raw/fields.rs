//! The fields of a roster participant, defined once: the YAML key, whether
//! it is required, its range, the spreadsheet headers `rapor import roster`
//! recognises, and what `rapor new roster` writes with its comment. The
//! importer, the scaffold, the JSON Schema (of [`super::RawParticipant`])
//! and the model's checks all read this table; a test in `raw.rs` fails when
//! `RawParticipant` has a field this table does not list, or the reverse.
//!
//! A leaf: data only, no I/O.

use crate::msg::{Entry, entry, str_eq};

/// One field of a roster participant.
#[derive(Debug)]
pub struct FieldDef {
    /// The key in the roster's YAML, e.g. `birth_year`.
    pub key: &'static str,
    /// Whether every participant must have it (the importer then needs its
    /// column, the schema lists it as required).
    pub required: bool,
    /// The smallest and largest value a number may take.
    pub range: Option<(u32, u32)>,
    /// The column header import messages show, e.g. "Tahun Lahir".
    pub header: &'static str,
    /// The headers the importer takes for this field, in Indonesian or
    /// English, normalised: lowercase letters and digits only.
    pub headers: &'static [&'static str],
    /// The line `rapor new roster` writes for it.
    pub sample: Sample,
    /// The comment `rapor new roster` writes beside it (a key of the
    /// catalogue, checked when compiling).
    pub help: &'static Entry,
}

/// What `rapor new roster` writes for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sample {
    /// `key: value`, to be filled in.
    Value(&'static str),
    /// `# key: value`, an example left commented out.
    Example(&'static str),
}

/// Every field of a participant, in the order of the contract.
pub const PARTICIPANT_FIELDS: &[FieldDef] = &[
    FieldDef {
        key: "id",
        required: true,
        range: None,
        header: "No. Registrasi",
        headers: &[
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
        sample: Sample::Value("\"\""),
        help: entry("roster_help_id"),
    },
    FieldDef {
        key: "name",
        required: true,
        range: None,
        header: "Nama",
        headers: &[
            "nama",
            "namalengkap",
            "namapeserta",
            "namawbp",
            "name",
            "fullname",
        ],
        sample: Sample::Value("\"\""),
        help: entry("roster_help_name"),
    },
    FieldDef {
        key: "gender",
        required: false,
        range: None,
        header: "Jenis Kelamin",
        headers: &["jeniskelamin", "jk", "kelamin", "lp", "sex", "gender"],
        sample: Sample::Value("\"\""),
        help: entry("roster_help_gender"),
    },
    FieldDef {
        key: "birth_year",
        required: false,
        range: Some((1900, 2100)),
        header: "Tahun Lahir",
        headers: &[
            "tahunlahir",
            "thnlahir",
            "thlahir",
            "birthyear",
            "yearofbirth",
        ],
        sample: Sample::Example("1994"),
        help: entry("roster_help_birth_year"),
    },
    FieldDef {
        key: "attendance",
        required: false,
        range: None,
        header: "Hadir",
        headers: &[
            "hadir",
            "kehadiran",
            "jumlahhadir",
            "sesihadir",
            "attendance",
            "sessionsattended",
            "attended",
        ],
        sample: Sample::Example("22"),
        help: entry("roster_help_attendance"),
    },
    FieldDef {
        key: "interest_score",
        required: false,
        range: Some((1, 5)),
        header: "Minat",
        headers: &[
            "minat",
            "nilaiminat",
            "skorminat",
            "asesmenminat",
            "interest",
            "interestscore",
        ],
        sample: Sample::Example("4"),
        help: entry("roster_help_interest_score"),
    },
    FieldDef {
        key: "pre_test",
        required: false,
        range: Some((0, 100)),
        header: "Pre-test",
        headers: &[
            "pretest",
            "nilaiawal",
            "tesawal",
            "nilaipretest",
            "prescore",
        ],
        sample: Sample::Example("55"),
        help: entry("roster_help_pre_test"),
    },
    FieldDef {
        key: "post_test",
        required: false,
        range: Some((0, 100)),
        header: "Post-test",
        headers: &[
            "posttest",
            "nilaiakhir",
            "tesakhir",
            "nilaiposttest",
            "postscore",
        ],
        sample: Sample::Example("82"),
        help: entry("roster_help_post_test"),
    },
    FieldDef {
        key: "certified",
        required: false,
        range: None,
        header: "Lulus",
        headers: &[
            "lulus",
            "kelulusan",
            "kompeten",
            "bersertifikat",
            "passed",
            "pass",
            "certified",
        ],
        sample: Sample::Value("false"),
        help: entry("roster_help_certified"),
    },
    FieldDef {
        key: "certificate_no",
        required: false,
        range: None,
        header: "No. Sertifikat",
        headers: &[
            "nosertifikat",
            "nomorsertifikat",
            "sertifikat",
            "certificatenumber",
            "certificateno",
            "certificate",
            "certno",
        ],
        sample: Sample::Example("\"\""),
        help: entry("roster_help_certificate_no"),
    },
];

/// The field `key`; used in constants, where a key the table does not
/// list fails the build (as [`crate::msg::msg!`] does for messages).
pub const fn participant_field(key: &str) -> &'static FieldDef {
    &PARTICIPANT_FIELDS[participant_index(key)]
}

/// The place of the field `key` in [`PARTICIPANT_FIELDS`]; in constants, as
/// [`participant_field`].
pub const fn participant_index(key: &str) -> usize {
    let mut i = 0;
    while i < PARTICIPANT_FIELDS.len() {
        if str_eq(PARTICIPANT_FIELDS[i].key, key) {
            return i;
        }
        i += 1;
    }
    panic!("participant_field: no such field in PARTICIPANT_FIELDS");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_header_words_are_unique_and_normalised() {
        let mut keys = std::collections::BTreeSet::new();
        let mut words = std::collections::BTreeSet::new();
        for f in PARTICIPANT_FIELDS {
            assert!(keys.insert(f.key), "`{}` twice", f.key);
            for w in f.headers {
                assert!(words.insert(*w), "header word `{w}` names two fields");
                assert!(
                    w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
                    "`{w}` is not normalised"
                );
            }
        }
    }

    #[test]
    fn a_field_is_found_by_its_key() {
        assert_eq!(participant_field("birth_year").range, Some((1900, 2100)));
        assert!(participant_field("id").required);
    }
}
