//! The plain cause of a YAML syntax error, found from the text around the
//! place where the parser stopped, never from the parser's own words: a
//! parser often stops a line or more after the mistake (`since:2026` with
//! no space only fails at the next key), so each rule looks back for the
//! line that holds the mistake and points there.

use crate::diag::Pos;
use crate::msg::{Message, msg};

/// Where the mistake is (1-based, in the YAML text) and what it is.
/// `line`, `col`: where the parser stopped. `detail`: the parser's words,
/// shown only for a mistake no rule knows, and never for private data.
pub(crate) fn explain(
    text: &str,
    line: usize,
    col: usize,
    detail: &str,
    private: bool,
) -> (Pos, Message) {
    let lines: Vec<&str> = text.lines().collect();
    let line = line.clamp(1, lines.len().max(1));
    // The parser may stop at the end of the line before a tab-indented one.
    let upto = &lines[..(line + 1).min(lines.len())];
    if let Some(at) = upto.iter().position(|l| tab_indented(l)) {
        return (Pos::new(at + 1, 1), msg!("yaml_tab"));
    }
    if let Some(at) = unclosed_quote(&lines, line) {
        return (Pos::new(at + 1, 1), msg!("yaml_unclosed_quote"));
    }
    let here = lines.get(line - 1).copied().unwrap_or_default();
    let before = previous_content(&lines, line - 1);
    // `since:2026-01-01`: a plain scalar where a key was expected; the
    // parser stops at the line after.
    for at in [Some(line - 1), before].into_iter().flatten() {
        if let Some(l) = lines.get(at)
            && no_space_after_colon(l)
        {
            return (Pos::new(at + 1, 1), msg!("yaml_colon_space"));
        }
    }
    let item = |l: &str| l.trim_start().starts_with("- ") || l.trim() == "-";
    // A list item without its `-`: the parser may only stop at the line
    // after, where the list cannot go on.
    for at in [Some(line - 1), before].into_iter().flatten() {
        let (Some(l), Some(p)) = (lines.get(at), previous_content(&lines, at)) else {
            continue;
        };
        if is_content(l) && indent(l) == indent(lines[p]) && item(lines[p]) && !item(l) {
            return (Pos::new(at + 1, 1), msg!("yaml_missing_dash"));
        }
    }
    if value_has_colon(here) {
        return (Pos::new(line, col.max(1)), msg!("yaml_colon"));
    }
    if let Some(prev) = before.map(|i| lines[i]) {
        let (ind, prev_ind) = (indent(here), indent(prev));
        if is_content(here) && ind != prev_ind && !opens_block(prev) && !item(prev) {
            return (Pos::new(line, 1), msg!("yaml_indent"));
        }
        if is_content(here) && ind > prev_ind && !opens_block(prev) {
            return (Pos::new(line, 1), msg!("yaml_indent"));
        }
    }
    if let Some(at) = unclosed(&lines, line, '[', ']') {
        return (Pos::new(at + 1, 1), msg!("yaml_unclosed_list"));
    }
    if let Some(at) = unclosed(&lines, line, '{', '}') {
        return (Pos::new(at + 1, 1), msg!("yaml_unclosed_mapping"));
    }
    if let Some(v) = value_of(here)
        && v.starts_with(['@', '`', '%', '*', '&', '!', '|', '>'])
    {
        return (Pos::new(line, 1), msg!("yaml_bad_start"));
    }
    let message = if private {
        msg!("yaml_syntax_private")
    } else {
        msg!("yaml_syntax", detail = detail)
    };
    (Pos::new(line, col.max(1)), message)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

fn previous_content(lines: &[&str], before: usize) -> Option<usize> {
    (0..before.min(lines.len()))
        .rev()
        .find(|&i| is_content(lines[i]))
}

/// A tab among the spaces before a line's first visible character.
fn tab_indented(line: &str) -> bool {
    let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    indent.contains('\t') && !line.trim().is_empty()
}

/// A line (the content after its indentation and any `- `).
fn body(line: &str) -> &str {
    let t = line.trim_start();
    t.strip_prefix("- ").unwrap_or(t)
}

/// The value after `key: `, when the line is a `key: value` entry.
fn value_of(line: &str) -> Option<&str> {
    let b = body(line);
    if b.starts_with(['"', '\'']) {
        return None;
    }
    let (_, v) = b.split_once(": ")?;
    Some(v.trim())
}

/// `key:value` at the start of a line: a word, a colon, no space.
fn no_space_after_colon(line: &str) -> bool {
    let b = body(line);
    let Some((key, rest)) = b.split_once(':') else {
        return false;
    };
    let word = !key.is_empty() && key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
    word && !rest.is_empty() && !rest.starts_with([' ', '\t']) && !rest.starts_with("//")
}

/// `description: Jam: 10`: a second `: ` inside an unquoted value.
fn value_has_colon(line: &str) -> bool {
    value_of(line).is_some_and(|v| {
        !v.starts_with(['"', '\'', '{', '[']) && (v.contains(": ") || v.ends_with(':'))
    })
}

/// A line that opens a nested block: `key:` with nothing after it, or `-`.
fn opens_block(line: &str) -> bool {
    let t = line.split(" #").next().unwrap_or_default().trim_end();
    t.ends_with(':') || t.trim() == "-"
}

/// The last line up to `line` (1-based) whose value opens a quotation that
/// no later text up to the end closes on its own line.
fn unclosed_quote(lines: &[&str], line: usize) -> Option<usize> {
    (0..lines.len().min(line.max(1))).rev().find(|&i| {
        let b = body(lines[i]);
        let v = match b.split_once(": ") {
            Some((_, v)) => v.trim_start(),
            None => b,
        };
        match v.chars().next() {
            Some(q @ ('"' | '\'')) => !closes(&v[1..], q),
            _ => false,
        }
    })
}

/// Whether `rest` (after an opening quote `q`) holds its closing quote.
fn closes(rest: &str, q: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if q == '"' => {
                chars.next();
            }
            '\'' if q == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            c if c == q => return true,
            _ => {}
        }
    }
    false
}

/// The last line up to `line` holding an `open` that is never closed.
fn unclosed(lines: &[&str], line: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0i32;
    let mut first = None;
    for (i, l) in lines.iter().enumerate().take(line.max(1)) {
        for c in l.chars() {
            if c == open {
                if depth == 0 {
                    first = Some(i);
                }
                depth += 1;
            } else if c == close {
                depth -= 1;
            }
        }
    }
    (depth > 0).then_some(first).flatten()
}
