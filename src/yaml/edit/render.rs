//! Values written as YAML text that reads back as the same value: a plain
//! scalar only where the rules of [`crate::yaml::scalar`] read it as the
//! same text, quotes otherwise; an old value's quoting kept while it can
//! still hold the new one. Block lines come out without line breaks; the
//! caller joins them with the file's own.

use super::value::V;
use crate::yaml::scalar::{Resolved, resolve};

/// How an old scalar was written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Style {
    /// New, or not a scalar.
    None,
    Plain,
    Single,
    Double,
    Literal,
    Folded,
}

/// A value at a place in block context: what follows its `:` or `-` on
/// that line (with its leading space), and the lines after it.
pub(crate) struct Block {
    pub inline: String,
    pub lines: Vec<String>,
}

/// A longer list of scalars is written one item a line.
const FLOW_WIDTH: usize = 72;
/// Where a folded scalar's lines are wrapped.
const FOLD_WIDTH: usize = 76;

/// `value` after a map key whose children are at `indent`, in block context.
pub(crate) fn value(v: &V, indent: usize, old: Style) -> Block {
    let one = |s: String| Block {
        inline: if s.is_empty() { s } else { format!(" {s}") },
        lines: Vec::new(),
    };
    match v {
        V::Null => one(String::new()),
        V::Str(s) => match inline_str(s, old, false) {
            Some(s) => one(s),
            None => block_str(s, old, indent),
        },
        V::Seq(items) if items.is_empty() => one("[]".into()),
        V::Map(entries) if entries.is_empty() => one("{}".into()),
        V::Seq(items) => match short_flow(items) {
            Some(s) => one(s),
            None => Block {
                inline: String::new(),
                lines: items.iter().flat_map(|i| item_lines(i, indent)).collect(),
            },
        },
        V::Map(entries) => Block {
            inline: String::new(),
            lines: entries
                .iter()
                .flat_map(|(k, v)| entry_lines(k, v, indent))
                .collect(),
        },
        _ => one(scalar(v, old, false)),
    }
}

/// `value` as an item of a block list whose `-` is at column `dash` (from
/// 0): what follows the `-`, and the lines after.
pub(crate) fn item(v: &V, dash: usize, old: Style) -> Block {
    match v {
        V::Null => Block {
            inline: " null".into(),
            lines: Vec::new(),
        },
        V::Map(e) if !e.is_empty() => compact(item_lines(v, dash), dash),
        V::Seq(i) if !i.is_empty() && short_flow(i).is_none() => compact(item_lines(v, dash), dash),
        _ => value(v, dash + 2, old),
    }
}

fn compact(mut lines: Vec<String>, dash: usize) -> Block {
    let first = lines.remove(0);
    Block {
        inline: first[dash + 1..].to_string(),
        lines,
    }
}

/// `key: value` at `indent`, as whole lines.
pub(crate) fn entry_lines(key: &str, v: &V, indent: usize) -> Vec<String> {
    let b = value(v, indent + 2, Style::None);
    let mut lines = vec![format!(
        "{}{}:{}",
        " ".repeat(indent),
        map_key(key, false),
        b.inline
    )];
    lines.extend(b.lines);
    lines
}

/// `- value` with its `-` at `dash`, as whole lines.
pub(crate) fn item_lines(v: &V, dash: usize) -> Vec<String> {
    let pad = " ".repeat(dash);
    match v {
        V::Map(entries) if !entries.is_empty() => {
            let mut lines: Vec<String> = entries
                .iter()
                .flat_map(|(k, v)| entry_lines(k, v, dash + 2))
                .collect();
            lines[0] = format!("{pad}- {}", &lines[0][dash + 2..]);
            lines
        }
        V::Seq(items) if !items.is_empty() && short_flow(items).is_none() => {
            let mut lines: Vec<String> =
                items.iter().flat_map(|i| item_lines(i, dash + 2)).collect();
            lines[0] = format!("{pad}- {}", &lines[0][dash + 2..]);
            lines
        }
        _ => {
            let b = item(v, dash, Style::None);
            let mut lines = vec![format!("{pad}-{}", b.inline)];
            lines.extend(b.lines);
            lines
        }
    }
}

/// A list of short scalars on one line, as rapor's records write them
/// (`partners: [skb-randong]`).
fn short_flow(items: &[V]) -> Option<String> {
    if !items.iter().all(V::is_scalar) {
        return None;
    }
    let s = flow(&V::Seq(items.to_vec()), false);
    (s.len() <= FLOW_WIDTH && !s.contains('\n')).then_some(s)
}

/// A value in flow syntax, on one line; `pad` puts spaces inside braces.
pub(crate) fn flow(v: &V, pad: bool) -> String {
    let (open, close) = if pad { (" ", " ") } else { ("", "") };
    match v {
        V::Seq(items) if items.is_empty() => "[]".into(),
        V::Map(entries) if entries.is_empty() => "{}".into(),
        V::Seq(items) => {
            let inner: Vec<String> = items.iter().map(|i| flow(i, pad)).collect();
            format!("[{open}{}{close}]", inner.join(", "))
        }
        V::Map(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", map_key(k, true), flow(v, pad)))
                .collect();
            format!("{{{open}{}{close}}}", inner.join(", "))
        }
        _ => scalar(v, Style::None, true),
    }
}

/// A scalar on one line (a multi-line string double-quoted).
pub(crate) fn scalar(v: &V, old: Style, flow: bool) -> String {
    match v {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Int(i) => i.to_string(),
        V::BigInt(u) => u.to_string(),
        // Debug keeps the `.0` that makes `81.0` a float again.
        V::Float(f) => format!("{f:?}"),
        V::Str(s) => inline_str(s, old, flow).unwrap_or_else(|| double(s)),
        V::Seq(_) | V::Map(_) => self::flow(v, false),
    }
}

pub(crate) fn map_key(k: &str, flow: bool) -> String {
    if plain_ok(k, flow) {
        k.to_string()
    } else if single_ok(k) {
        single(k)
    } else {
        double(k)
    }
}

/// A string on one line, or `None` for a block scalar (multi-line, in
/// block context, where one is not already double-quoted).
fn inline_str(s: &str, old: Style, flow: bool) -> Option<String> {
    if s.contains('\n') {
        return match old {
            Style::Double => Some(double(s)),
            _ if flow => Some(double(s)),
            _ => None,
        };
    }
    Some(match old {
        Style::Double => double(s),
        Style::Single if single_ok(s) => single(s),
        _ if plain_ok(s, flow) => s.to_string(),
        _ if single_ok(s) => single(s),
        _ => double(s),
    })
}

/// A multi-line string as a block scalar: folded where it was folded and
/// still can be, else literal; double-quoted where neither holds it.
fn block_str(s: &str, old: Style, indent: usize) -> Block {
    let pad = " ".repeat(indent);
    let body = s.trim_end_matches('\n');
    let chomp = match s.len() - body.len() {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let literal_ok = !body.is_empty()
        && !body.starts_with([' ', '\t'])
        && !body.starts_with('\n')
        && s.chars()
            .all(|c| c == '\n' || c == '\t' || !needs_escape(c));
    if !literal_ok {
        return Block {
            inline: format!(" {}", double(s)),
            lines: Vec::new(),
        };
    }
    if old == Style::Folded
        && chomp != "+"
        && !body.contains('\n')
        && body.split(' ').all(|w| !w.is_empty() && !w.contains('\t'))
    {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in body.split(' ') {
            if !line.is_empty() && indent + line.len() + 1 + word.len() > FOLD_WIDTH {
                lines.push(format!("{pad}{line}"));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(format!("{pad}{line}"));
        return Block {
            inline: format!(" >{chomp}"),
            lines,
        };
    }
    let mut lines: Vec<String> = body
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect();
    if chomp == "+" {
        lines.extend(std::iter::repeat_n(String::new(), s.len() - body.len() - 1));
    }
    Block {
        inline: format!(" |{chomp}"),
        lines,
    }
}

/// Whether `s` written bare reads back as the same string, also for a
/// reader of the older YAML 1.1 rules (`yes`, `007`), so that no person
/// or tool takes it for something else.
pub(crate) fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if resolve(s, true) != Resolved::Str || looks_typed(s) {
        return false;
    }
    if s.starts_with([' ', '\t']) || s.ends_with([' ', '\t', ':']) {
        return false;
    }
    if s.chars().any(|c| needs_escape(c) || c == '\t') {
        return false;
    }
    let second = s[first.len_utf8()..].chars().next();
    let indicator = match first {
        '-' => second.is_none_or(|c| c == ' ' || (flow && ",[]{}".contains(c))),
        '?' | ':' | ',' | '[' | ']' | '{' | '}' | '#' | '&' | '*' | '!' | '|' | '>' | '\''
        | '"' | '%' | '@' | '`' => true,
        _ => false,
    };
    if indicator || s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    if s.contains(": ") || s.contains(" #") {
        return false;
    }
    !(flow && s.contains([',', '[', ']', '{', '}', ':']))
}

/// Words a YAML 1.1 reader takes for a boolean, and numbers with a leading
/// zero it takes for octal.
fn looks_typed(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(lower.as_str(), "yes" | "no" | "on" | "off") {
        return true;
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
}

/// Characters that only a double-quoted scalar holds: controls, and the
/// ones a YAML reader may take for a line break or a byte-order mark.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn single_ok(s: &str) -> bool {
    !s.chars().any(|c| needs_escape(c) || c == '\t')
}

fn single(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub(crate) fn double(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
