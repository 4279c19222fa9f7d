//! A roster's own checks: raw participants -> typed participants, each
//! problem reported at its entry. Registration and certificate numbers are
//! never quoted in a message: they are inmates' data.

use std::collections::BTreeMap;

use super::check::Check;
use super::*;
use crate::diag::Reported;
use crate::msg::msg;
use crate::parse::Seg;
use crate::raw::*;

// The fields whose range is checked here; the table (src/raw/fields.rs)
// holds the ranges, which the importer and the schema use too.
const BIRTH_YEAR: &FieldDef = participant_field("birth_year");
const INTEREST_SCORE: &FieldDef = participant_field("interest_score");
const PRE_TEST: &FieldDef = participant_field("pre_test");
const POST_TEST: &FieldDef = participant_field("post_test");

/// Whether `v` is within the range the table gives `field` (any, without one).
fn in_range(v: f64, field: &FieldDef) -> bool {
    field
        .range
        .is_none_or(|(min, max)| (f64::from(min)..=f64::from(max)).contains(&v))
}

pub(super) fn roster(raw: RawRoster, c: &mut Check) -> Result<(Option<String>, Roster), Reported> {
    let RawRoster {
        training,
        participants,
    } = raw;
    // A roster without its training is reported and still checked.
    let training = c.text(training, "training").ok();
    let mut out = Vec::new();
    // Value -> the participant (1-based) who has it first. A repeated value
    // is reported by the participants who share it, never quoted: these are
    // inmates' registration and certificate numbers.
    let mut ids = BTreeMap::<String, usize>::new();
    let mut certs = BTreeMap::<String, usize>::new();
    let raw_participants = c.required(participants, "participants", &msg!("hint_participants"))?;
    for (i, p) in raw_participants.into_iter().enumerate() {
        let RawParticipant {
            id,
            name,
            gender,
            birth_year,
            attendance,
            interest_score,
            pre_test,
            post_test,
            certified,
            certificate_no,
        } = p;
        let here = |f: &'static str| [Seg::Key("participants"), Seg::Index(i), Seg::Key(f)];
        let entry = [Seg::Key("participants"), Seg::Index(i)];
        let n = i + 1;
        let id = Check::opt_text(id.map(|t| t.0));
        let name = Check::opt_text(name);
        if id.is_none() {
            c.err(&entry, msg!("participant_id", n = n));
        }
        if name.is_none() {
            c.err(&entry, msg!("participant_name", n = n));
        }
        if let Some(id) = &id
            && let Some(&first) = ids.get(id)
        {
            c.err(
                &here("id"),
                msg!("participant_id_twice", n = n, first = first),
            );
        } else if let Some(id) = &id {
            ids.insert(id.clone(), n);
        }
        let gender = c
            .choice(gender, &here("gender"), &Gender::ALL)
            .ok()
            .flatten();
        if let Some(y) = birth_year
            && !in_range(y.into(), BIRTH_YEAR)
        {
            c.err(&here(BIRTH_YEAR.key), msg!("participant_birth_year", n = n));
        }
        if let Some(s) = interest_score
            && !in_range(s.into(), INTEREST_SCORE)
        {
            c.err(
                &here(INTEREST_SCORE.key),
                msg!("participant_interest", n = n),
            );
        }
        for (v, f) in [(pre_test, PRE_TEST), (post_test, POST_TEST)] {
            if let Some(v) = v
                && !in_range(v, f)
            {
                c.err(&here(f.key), msg!("participant_test", n = n, field = f.key));
            }
        }
        let certificate_no = Check::opt_text(certificate_no.map(|t| t.0));
        let certified = certified.unwrap_or(false);
        if let Some(no) = &certificate_no {
            if !certified {
                c.err(
                    &here("certificate_no"),
                    msg!("participant_cert_not_certified", n = n),
                );
            }
            if let Some(&first) = certs.get(no) {
                c.err(
                    &here("certificate_no"),
                    msg!("participant_cert_twice", n = n, first = first),
                );
            } else {
                certs.insert(no.clone(), n);
            }
        }
        if let (Some(id), Some(name)) = (id, name) {
            out.push(Participant {
                id,
                name,
                gender,
                birth_year,
                attendance,
                interest_score,
                pre_test,
                post_test,
                certified,
                certificate_no,
            });
        }
    }
    Ok((
        training,
        Roster {
            src: c.src.kept(),
            participants: out,
        },
    ))
}
