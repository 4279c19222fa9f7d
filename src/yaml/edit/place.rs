//! Where things are written in the text, beyond the spans the parser
//! gives: the `:` after a key, the `-` of each list item, the last byte of
//! a node's content, lines and their breaks.
//!
//! The parser's span of a block collection ends at the next token (after
//! any comments and blank lines that follow it), and a block scalar's span
//! takes in the blank lines after it; both are measured here from what the
//! node holds instead, so that an edit never swallows the comment or blank
//! line below it.

use super::render::Style;
use crate::yaml::tree::{Kind, Node};

/// The file's own line break.
pub(crate) fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

pub(crate) fn is_flow(text: &str, node: &Node) -> bool {
    !node.is_scalar() && matches!(text.as_bytes().get(node.span.start), Some(b'[' | b'{'))
}

pub(crate) fn is_alias(text: &str, node: &Node) -> bool {
    text.as_bytes().get(node.span.start) == Some(&b'*')
}

/// Whether `node` is written within its own line (a scalar other than a
/// block scalar, a flow collection, an alias).
pub(crate) fn is_inline(text: &str, node: &Node) -> bool {
    is_alias(text, node)
        || is_flow(text, node)
        || (node.is_scalar() && !matches!(style(text, node), Style::Literal | Style::Folded))
}

/// How a scalar is written.
pub(crate) fn style(text: &str, node: &Node) -> Style {
    if !node.is_scalar() {
        return Style::None;
    }
    if node.plain {
        return Style::Plain;
    }
    match text.as_bytes().get(node.span.start) {
        Some(b'\'') => return Style::Single,
        Some(b'"') => return Style::Double,
        _ => {}
    }
    // A block scalar's span starts at its content: its header is on the
    // last line before that which holds anything.
    let before = text[..node.span.start.min(text.len())].trim_end();
    let header = &before[line_start(before, before.len())..];
    let header = header.split(" #").next().unwrap_or(header).trim_end();
    match header.rsplit(' ').next().and_then(|t| t.chars().next()) {
        Some('>') => Style::Folded,
        _ => Style::Literal,
    }
}

pub(crate) fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line holding `pos` ends, before its break.
pub(crate) fn line_end(text: &str, pos: usize) -> usize {
    match text[pos..].find('\n') {
        Some(i) if i > 0 && text.as_bytes()[pos + i - 1] == b'\r' => pos + i - 1,
        Some(i) => pos + i,
        None => text.len(),
    }
}

/// The start of the line after the one holding `pos` (the end of the text
/// on the last line).
pub(crate) fn next_line(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

/// Whether only spaces come before `pos` on its line.
pub(crate) fn first_on_line(text: &str, pos: usize) -> bool {
    text[line_start(text, pos)..pos].bytes().all(|b| b == b' ')
}

/// Just after the `:` that follows `key`.
pub(crate) fn after_colon(text: &str, key: &Node) -> Option<usize> {
    let rest = &text[key.span.end..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    (rest.as_bytes().get(gap) == Some(&b':')).then_some(key.span.end + gap + 1)
}

/// The end of what `node` holds: its last character that is not a blank.
pub(crate) fn content_end(text: &str, node: &Node) -> usize {
    if is_alias(text, node) {
        return node.span.end;
    }
    if is_flow(text, node) {
        return flow_end(text, node);
    }
    match &node.kind {
        Kind::Map(entries) => entries
            .iter()
            .map(|(k, v)| k.span.end.max(content_end(text, v)))
            .max()
            .unwrap_or(node.span.end),
        Kind::Seq(items) => items
            .iter()
            .map(|i| content_end(text, i))
            .max()
            .unwrap_or(node.span.end),
        _ if matches!(style(text, node), Style::Literal | Style::Folded) => {
            let end = node.span.end.min(text.len());
            node.span.start + text[node.span.start..end].trim_end().len()
        }
        _ => node.span.end,
    }
}

/// Just after the closing bracket of a flow collection. (The parser's span
/// of it runs on over a comment after it.) It is the first closing bracket
/// after the last item.
pub(crate) fn flow_end(text: &str, node: &Node) -> usize {
    let last = match &node.kind {
        Kind::Seq(items) => items.iter().map(|i| content_end(text, i)).max(),
        Kind::Map(entries) => entries
            .iter()
            .map(|(k, v)| k.span.end.max(content_end(text, v)))
            .max(),
        _ => None,
    };
    let from = last.unwrap_or(node.span.start + 1).max(node.span.start + 1);
    let close = if matches!(node.kind, Kind::Seq(_)) {
        ']'
    } else {
        '}'
    };
    text[from..]
        .find(close)
        .map_or(node.span.end, |i| from + i + 1)
}

/// Where the `-` of each item of the block list `seq` is: found by line,
/// as the list's items are the lines whose `-` stands at its first item's
/// column. `None` when the lines do not agree with the items.
pub(crate) fn dashes(text: &str, seq: &Node) -> Option<Vec<usize>> {
    let Kind::Seq(items) = &seq.kind else {
        return None;
    };
    // The `-` before the first item; failing that (a block scalar, an
    // empty item), the span's start, which is the first `-` or (a list as
    // indented as its key) just after it.
    let dash_before = |p: usize| {
        let before = text[..p.min(text.len())].trim_end_matches([' ', '\t']);
        before.ends_with('-').then(|| before.len() - 1)
    };
    let start = seq.span.start.min(text.len());
    let first = items
        .first()
        .and_then(|i| dash_before(i.span.start))
        .or_else(|| match text.as_bytes().get(start) {
            Some(b'-') => Some(start),
            _ => dash_before(start),
        })?;
    let col = first - line_start(text, first);
    let end = content_end(text, seq);
    let mut found = vec![first];
    let mut at = next_line(text, first);
    while at < end && at < text.len() {
        let line = &text[at..line_end(text, at)];
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if !(body.is_empty() || body.starts_with('#')) {
            let dash = body.starts_with('-')
                && (body.len() == 1 || matches!(body.as_bytes()[1], b' ' | b'\t'));
            if indent == col && dash {
                found.push(at + indent);
            } else if indent <= col {
                break;
            }
        }
        at = next_line(text, at);
    }
    (found.len() == items.len()).then_some(found)
}
