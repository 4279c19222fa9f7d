//! A decode problem in words a records officer can act on, through the
//! message catalogue. Works on structured causes only: no message of serde
//! or of the parser is read for its words.

use super::de::{Cause, Found, Problem, Step, Want};
use crate::msg::{Message, msg};

/// The message for `p`. `private`: the file is internal data; a value
/// under `internal:` is treated the same. Private values are described by
/// their kind, never quoted.
pub(crate) fn problem(p: &Problem, private: bool) -> Message {
    let private = private || matches!(p.path.first(), Some(Step::Key(k)) if k == "internal");
    let out = cause(&p.cause, private);
    // The field is named before the message, as in `participants[2]: ...`;
    // an unknown key names itself, after the mapping that holds it.
    let path = match p.cause {
        Cause::UnknownField { .. } => &p.path[..p.path.len().saturating_sub(1)],
        _ => &p.path[..],
    };
    if path.is_empty() {
        out
    } else {
        msg!("at_field", field = path_name(path), message = out)
    }
}

/// `participants[1].name`: list items counted from 1, as the officer and
/// the rest of rapor's messages count them.
pub(crate) fn path_name(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    out
}

fn cause(c: &Cause, private: bool) -> Message {
    match c {
        Cause::UnknownField { field, expected } => unknown(field, expected, private),
        Cause::MissingField { field } => msg!("yaml_missing_field", field = field),
        Cause::TooLarge { value, max } => {
            if private {
                msg!("yaml_too_large_private", max = max)
            } else {
                msg!("yaml_too_large", value = value, max = max)
            }
        }
        Cause::WrongType { found: f, want } => {
            msg!(
                "yaml_wrong_type",
                found = found(f, private),
                expected = wanted(*want)
            )
        }
        Cause::WrongTypeOther { found: f, expected } => {
            msg!(
                "yaml_wrong_type",
                found = found(f, private),
                expected = expected
            )
        }
        Cause::BadValue { found: f, expected } => {
            msg!(
                "yaml_bad_value",
                found = found(f, private),
                expected = expected
            )
        }
        Cause::Own(text) => msg!("plain", text = text),
        Cause::Other(text) if private => {
            let _ = text;
            msg!("yaml_syntax_private")
        }
        Cause::Other(text) => msg!("yaml_syntax", detail = text),
    }
}

fn unknown(field: &str, expected: &[&str], private: bool) -> Message {
    let best = crate::text::closest(field, expected.iter().copied());
    if private {
        // The key itself may be a name typed on the wrong side of `:`;
        // only a field the schema knows is quoted.
        let hint = best.map(|b| msg!("did_you_mean", best = b));
        msg!("yaml_unknown_field_private", hint = hint)
    } else if let Some(best) = best {
        msg!("yaml_unknown_field_hint", field = field, best = best)
    } else if !expected.is_empty() {
        msg!(
            "yaml_unknown_field_list",
            field = field,
            allowed = expected.join(", ")
        )
    } else {
        msg!("yaml_unknown_field", field = field)
    }
}

fn found(f: &Found, private: bool) -> Message {
    match f {
        Found::Number(_) if private => msg!("yaml_found_number_private"),
        Found::Text(_) if private => msg!("yaml_found_text_private"),
        Found::Number(v) => msg!("yaml_found_number", value = v),
        Found::Text(v) => msg!("yaml_found_text", value = v),
        Found::Bool(b) => msg!("yaml_found_bool", value = b),
        Found::List => msg!("yaml_found_list"),
        Found::Mapping => msg!("yaml_found_mapping"),
        Found::Nothing => msg!("yaml_found_nothing"),
        Found::Other(_) if private => msg!("yaml_found_text_private"),
        Found::Other(v) => msg!("plain", text = v),
    }
}

fn wanted(w: Want) -> Message {
    match w {
        Want::Byte => msg!("yaml_expected_byte"),
        Want::Count => msg!("yaml_expected_count"),
        Want::Integer => msg!("yaml_expected_integer"),
        Want::Number => msg!("yaml_expected_number"),
        Want::Text => msg!("yaml_expected_text"),
        Want::Bool => msg!("yaml_expected_bool"),
        Want::List => msg!("yaml_expected_list"),
        Want::Mapping => msg!("yaml_expected_mapping"),
    }
}
