//! What an untagged scalar means: the rules of yaml_serde (`de.rs`,
//! `visit_untagged_scalar`), kept identical so that a record reads the same
//! through the spanned tree as it did through yaml_serde. A test compares
//! the two on a corpus.

use std::num::ParseIntError;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Resolved {
    Null,
    Bool(bool),
    Int,
    Float(f64),
    Str,
}

/// How a scalar is read when nothing asks for a type (`deserialize_any`).
/// Quoted scalars are always text.
pub(crate) fn resolve(v: &str, plain: bool) -> Resolved {
    if !plain {
        return Resolved::Str;
    }
    if v.is_empty() || is_null(v) {
        return Resolved::Null;
    }
    if let Some(b) = parse_bool(v) {
        return Resolved::Bool(b);
    }
    if int(v).is_some() {
        return Resolved::Int;
    }
    if !digits_but_not_number(v)
        && let Some(f) = parse_f64(v)
    {
        return Resolved::Float(f);
    }
    Resolved::Str
}

/// An integer scalar, in the first type that holds it (yaml_serde's
/// `visit_int` order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Int {
    U64(u64),
    I64(i64),
    U128(u128),
    I128(i128),
}

pub(crate) fn int(v: &str) -> Option<Int> {
    if let Some(i) = parse_unsigned_int(v, u64::from_str_radix) {
        return Some(Int::U64(i));
    }
    if let Some(i) = parse_negative_int(v, i64::from_str_radix) {
        return Some(Int::I64(i));
    }
    if let Some(i) = parse_unsigned_int(v, u128::from_str_radix) {
        return Some(Int::U128(i));
    }
    parse_negative_int(v, i128::from_str_radix).map(Int::I128)
}

pub(crate) fn is_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

pub(crate) fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

type Radix<T> = fn(&str, u32) -> Result<T, ParseIntError>;

/// Hex, octal and binary prefixes, as yaml_serde reads them.
fn prefixed<T>(unpositive: &str, from_str_radix: Radix<T>) -> Option<T> {
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(i) = from_str_radix(rest, radix) {
                return Some(i);
            }
        }
    }
    None
}

fn negative_prefixed<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix)
            && let Ok(i) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(i);
        }
    }
    None
}

pub(crate) fn parse_unsigned_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    let unpositive = v.strip_prefix('+').unwrap_or(v);
    if let Some(rest) = ["0x", "0o", "0b"]
        .iter()
        .find_map(|p| unpositive.strip_prefix(p))
        && rest.starts_with(['+', '-'])
    {
        return None;
    }
    if let Some(i) = prefixed(unpositive, from_str_radix) {
        return Some(i);
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

pub(crate) fn parse_signed_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    let unpositive = match v.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => v,
    };
    if let Some(rest) = ["0x", "0o", "0b"]
        .iter()
        .find_map(|p| unpositive.strip_prefix(p))
        && rest.starts_with(['+', '-'])
    {
        return None;
    }
    if let Some(i) = prefixed(unpositive, from_str_radix) {
        return Some(i);
    }
    if let Some(i) = negative_prefixed(v, from_str_radix) {
        return Some(i);
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(v: &str, from_str_radix: Radix<T>) -> Option<T> {
    if let Some(i) = negative_prefixed(v, from_str_radix) {
        return Some(i);
    }
    if digits_but_not_number(v) {
        return None;
    }
    from_str_radix(v, 10).ok()
}

pub(crate) fn parse_f64(v: &str) -> Option<f64> {
    let unpositive = match v.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => v,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = v {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = v {
        return Some(f64::NAN);
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Leading zeros followed by digits are a string in YAML 1.2 (`0142`).
fn digits_but_not_number(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    v.len() > 1 && v.starts_with('0') && v[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same scalar through yaml_serde's `Value` and through `resolve`.
    #[test]
    fn resolution_matches_yaml_serde() {
        let corpus = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRue",
            "false",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "0",
            "00",
            "0142",
            "-0142",
            "+0142",
            "142",
            "+142",
            "-142",
            "++1",
            "+-1",
            "0x1F",
            "0x-1",
            "-0x1F",
            "0o17",
            "0b101",
            "0b",
            "1_000",
            "18446744073709551615",
            "18446744073709551616",
            "340282366920938463463374607431768211455",
            "-9223372036854775809",
            "99999999999999999999999999999999999999999",
            "1.5",
            "-1.5",
            "+1.5",
            "1e3",
            "1E3",
            ".5",
            "5.",
            "01.5",
            ".inf",
            ".Inf",
            "-.inf",
            "+.inf",
            ".nan",
            ".NaN",
            "NaN",
            "inf",
            "infinity",
            "2026-01-01",
            "12:30",
            "1,5",
            "x",
            "Rp 5.000",
            "+",
            ".",
            "1e400",
        ];
        for s in corpus {
            let text = format!("v: {s}\n");
            let ours = resolve(s, true);
            let theirs: serde_yaml::Value = match serde_yaml::from_str(&text) {
                Ok(v) => v,
                // yaml_serde reads these as 128-bit integers, which its
                // `Value` cannot hold; a `u128` field takes them, as here.
                Err(_) => {
                    assert!(matches!(int(s), Some(Int::U128(_) | Int::I128(_))), "`{s}`");
                    continue;
                }
            };
            let theirs = &theirs["v"];
            let same = match (ours, theirs) {
                (Resolved::Null, serde_yaml::Value::Null) => true,
                (Resolved::Bool(a), serde_yaml::Value::Bool(b)) => a == *b,
                (Resolved::Int, serde_yaml::Value::Number(n)) => !n.is_f64(),
                (Resolved::Float(a), serde_yaml::Value::Number(n)) => n
                    .as_f64()
                    .is_some_and(|b| a == b || (a.is_nan() && b.is_nan())),
                (Resolved::Str, serde_yaml::Value::String(t)) => t == s,
                _ => false,
            };
            assert!(same, "`{s}`: ours {ours:?}, yaml_serde {theirs:?}");
        }
        assert_eq!(resolve("12", false), Resolved::Str);
    }
}
