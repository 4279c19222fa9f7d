//! Parse stage: text -> raw records.
//!
//! Splits Markdown files into front matter and body, decodes YAML into the
//! `Raw*` types of [`crate::raw`], and turns YAML errors into diagnostics whose
//! line is counted in the file, not inside the front-matter block. It does not
//! judge values (that is `model`) and does no I/O.

use serde::de::DeserializeOwned;

use crate::diag::Pos;
use crate::msg::{Message, msg};

/// The first invisible control character of a record's text, with its place
/// (1-based): C0 controls but tab, line feed and carriage return, DEL, and
/// the C1 controls. Written into a page they are invalid HTML, and a
/// backspace inside a name can disguise it from a reader and a search.
pub fn control_char(text: &str) -> Option<(Pos, char)> {
    let (at, c) = text.char_indices().find(|&(_, c)| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
    })?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((Pos::new(line, col), c))
}

/// A Markdown file split at its front matter.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML text in the file (the opening `---`).
    pub yaml_line_offset: usize,
    pub body: &'a str,
}

/// Why a Markdown file has no usable front matter.
#[derive(Debug, PartialEq, Eq)]
pub enum FrontMatterError {
    /// The first line is not `---`.
    Missing,
    /// An opening `---` with no closing `---` line.
    Unterminated,
}

/// Splits `---\n<yaml>\n---\n<body>`. A UTF-8 byte-order mark and Windows
/// line endings are accepted, since Windows editors write both.
pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(FrontMatterError::Missing)?;
    if first.trim_end() != "---" {
        return Err(FrontMatterError::Missing);
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..offset];
            let body = &text[offset + line.len()..];
            return Ok(FrontMatter {
                yaml,
                yaml_line_offset: 1,
                body,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError::Unterminated)
}

/// A YAML problem, positioned inside the YAML text (1-based).
#[derive(Debug, PartialEq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: Message,
}

/// Decodes one YAML document into `T`. Empty text decodes like an empty mapping
/// so that "every field missing" is reported field by field by the model.
///
/// When `private` (a file under `content/internal/`), or for a field under
/// `internal:`, a message says what kind of value was found but never quotes
/// it: the preview's overlay and the terminal are seen by more eyes than the
/// records.
pub fn from_yaml<T: DeserializeOwned>(yaml: &str, private: bool) -> Result<T, YamlError> {
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(source).map_err(|e| {
        let (pos, raw) = match e.location() {
            Some(loc) => (
                Pos::new(loc.line(), loc.column()),
                strip_location(&e.to_string()),
            ),
            None => (Pos::default(), e.to_string()),
        };
        // A tab in a line's indentation confuses the parser into messages
        // about other things ("a character YAML reserves"); name the tab.
        if let Some(line) = tab_indented_line(source, pos.line) {
            return YamlError {
                pos: Pos::new(line, 1),
                message: msg!("yaml_tab"),
            };
        }
        let message = plain_message(&raw, private);
        // Errors without a position (missing or duplicate field) still name a
        // field; find it in the text so the officer is pointed at a line.
        let pos = if pos.line == 0 {
            field_in_message(&raw)
                .and_then(|f| locate(yaml, &[Seg::Key(&f)]))
                .unwrap_or(Pos::new(1, 1))
        } else {
            pos
        };
        YamlError { pos, message }
    })
}

/// The first line, up to `until` (1-based; 0 for anywhere), whose
/// indentation holds a tab before its first visible character.
fn tab_indented_line(yaml: &str, until: usize) -> Option<usize> {
    yaml.lines()
        .enumerate()
        .take(if until == 0 { usize::MAX } else { until })
        .find(|(_, line)| {
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            indent.contains('\t') && !line.trim().is_empty()
        })
        .map(|(i, _)| i + 1)
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn field_in_message(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// Marks a message that rapor's own deserialisers wrote, already in plain
/// words: [`plain_message`] passes it on as it is.
pub const OWN_MESSAGE: &str = "rapor: ";

/// Rewrites serde's wording ("invalid type: string \"x\", expected u32") into
/// words a records officer can act on, in the CLI's language.
/// `private`: never quote the value found (see [`from_yaml`]).
pub fn plain_message(message: &str, private: bool) -> Message {
    let (path, rest) = match message.split_once(": ") {
        // serde_yaml prefixes the field path, e.g. `cost.state_budget_idr: ...`.
        Some((p, r)) if !p.contains(' ') && !p.is_empty() => (Some(p), r),
        _ => (None, message),
    };
    let private = private
        || path.is_some_and(|p| {
            p == "internal" || p.starts_with("internal.") || p.starts_with("internal[")
        });
    let out = if let Some(own) = rest.strip_prefix(OWN_MESSAGE) {
        msg!("plain", text = own)
    } else if let Some(r) = rest.strip_prefix("unknown field ") {
        // "unknown field `x`, expected one of `a`, `b`" or "expected `a`"
        let field = field_in_message(r).unwrap_or_default();
        let expected: Vec<String> = r
            .split_once("expected")
            .map(|(_, e)| {
                e.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let best = crate::text::closest(&field, expected.iter().map(String::as_str));
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
    } else if let Some(r) = rest.strip_prefix("duplicate field ") {
        let field = field_in_message(r).unwrap_or_else(|| r.to_string());
        msg!("yaml_duplicate_field", field = field)
    } else if let Some(r) = rest.strip_prefix("missing field ") {
        let field = field_in_message(r).unwrap_or_else(|| r.to_string());
        msg!("yaml_missing_field", field = field)
    } else if let Some(message) = too_large(rest, private) {
        message
    } else if let Some(r) = rest.strip_prefix("invalid type: ") {
        let (found, expected) = found_and_expected(r, private);
        msg!("yaml_wrong_type", found = found, expected = expected)
    } else if let Some(r) = rest.strip_prefix("invalid value: ") {
        let (found, expected) = found_and_expected(r, private);
        msg!("yaml_bad_value", found = found, expected = expected)
    } else {
        syntax_message(rest, private)
    };
    match path {
        Some(p) => msg!("at_field", field = one_based(p), message = out),
        None => out,
    }
}

/// serde counts list items from 0 (`participants[0].name`); the officer, the
/// rest of rapor's messages and the audit count from 1.
fn one_based(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let close = rest.find(']').unwrap_or(rest.len());
        match rest[..close].parse::<usize>() {
            Ok(i) => out.push_str(&(i + 1).to_string()),
            Err(_) => out.push_str(&rest[..close]),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// A YAML syntax error: the common ones in plain words, the rare ones with
/// the parser's own (English) words after a plain introduction.
/// `private`: the parser's words may quote what it read, so they are left out.
fn syntax_message(rest: &str, private: bool) -> Message {
    if rest.contains("mapping values are not allowed") {
        msg!("yaml_colon")
    } else if rest.contains("could not find expected ':'") {
        msg!("yaml_expected_colon")
    } else if rest.contains("end of stream") && rest.contains("quoted scalar") {
        msg!("yaml_unclosed_quote")
    } else if rest.contains("tab character") {
        msg!("yaml_tab")
    } else if rest.contains("expected ',' or ']'") {
        msg!("yaml_unclosed_list")
    } else if rest.contains("expected ',' or '}'") {
        msg!("yaml_unclosed_mapping")
    } else if rest.contains("cannot start any token") || rest.contains("unknown anchor") {
        msg!("yaml_bad_start")
    } else if private {
        msg!("yaml_syntax_private")
    } else {
        msg!("yaml_syntax", detail = rest)
    }
}

/// "invalid value: integer `99999999999`, expected u32" (or a number past
/// 64 bits, which serde calls "integer `…` as u128"): a number too large for
/// its field, said so in plain words with the largest value it takes (and,
/// for private data, without quoting the number).
fn too_large(rest: &str, private: bool) -> Option<Message> {
    let r = rest
        .strip_prefix("invalid value: ")
        .or_else(|| rest.strip_prefix("invalid type: "))?;
    let (found, expected) = r.split_once(", expected ")?;
    let digits = found.strip_prefix("integer `")?;
    let digits = digits.split_once('`').map_or(digits, |(d, _)| d);
    let max: u128 = match expected {
        "u8" => u8::MAX.into(),
        "u16" => u16::MAX.into(),
        "u32" => u32::MAX.into(),
        "u64" | "usize" => u64::MAX.into(),
        "i8" => i8::MAX as u128,
        "i16" => i16::MAX as u128,
        "i32" => i32::MAX as u128,
        "i64" | "isize" => i64::MAX as u128,
        _ => return None,
    };
    if digits.starts_with('-') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Past u128 the digits alone say it is too large.
    let large = digits.parse::<u128>().map_or(true, |n| n > max);
    large.then(|| {
        if private {
            msg!("yaml_too_large_private", max = max)
        } else {
            msg!("yaml_too_large", value = digits, max = max)
        }
    })
}

/// "string \"x\", expected u32" -> the value found and the kind of value
/// wanted, each in plain words.
fn found_and_expected(r: &str, private: bool) -> (Message, Message) {
    let (found, expected) = r.split_once(", expected ").unwrap_or((r, ""));
    let number = found.starts_with("integer `") || found.starts_with("floating point `");
    let found = if private && number {
        msg!("yaml_found_number_private")
    } else if private && found.starts_with("string \"") {
        msg!("yaml_found_text_private")
    } else if let Some(v) = found
        .strip_prefix("integer `")
        .or_else(|| found.strip_prefix("floating point `"))
    {
        // "integer `1…` as u128": the digits alone, no Rust type.
        let v = v.split_once('`').map_or(v, |(d, _)| d);
        msg!("yaml_found_number", value = v)
    } else if let Some(v) = found.strip_prefix("string \"") {
        msg!("yaml_found_text", value = v.strip_suffix('"').unwrap_or(v))
    } else if let Some(v) = found.strip_prefix("boolean `") {
        msg!("yaml_found_bool", value = v.trim_end_matches('`'))
    } else {
        match found {
            "sequence" | "a sequence" => msg!("yaml_found_list"),
            "map" | "a map" => msg!("yaml_found_mapping"),
            "unit value" => msg!("yaml_found_nothing"),
            other => msg!("plain", text = other),
        }
    };
    let expected = match expected {
        "u8" => msg!("yaml_expected_byte"),
        "u16" | "u32" | "u64" | "usize" => msg!("yaml_expected_count"),
        "i8" | "i16" | "i32" | "i64" => msg!("yaml_expected_integer"),
        "f32" | "f64" => msg!("yaml_expected_number"),
        "a string" => msg!("yaml_expected_text"),
        "a boolean" => msg!("yaml_expected_bool"),
        "a sequence" => msg!("yaml_expected_list"),
        e if e.starts_with("struct ") => msg!("yaml_expected_mapping"),
        other => msg!("plain", text = other),
    };
    (found, expected)
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Finds where `path` is written in `yaml` (1-based line and column, counted
/// in the YAML text). Understands block mappings, block sequences and simple
/// flow collections (`{ a: 1 }`, `[a, b]`); when the exact node cannot be
/// found, the deepest ancestor that was found is returned, which is still the
/// right line to look at. `None` when not even the first key is found.
pub fn locate(yaml: &str, path: &[Seg]) -> Option<Pos> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut region = Region {
        line: 0,
        col: 0,
        end: lines.len(),
        indent: -1,
    };
    let mut found = None;
    for seg in path {
        let next = match *seg {
            Seg::Key(k) => find_key(&lines, &region, k),
            Seg::Index(i) => find_index(&lines, &region, i),
        };
        match next {
            Some((pos, r)) => {
                found = Some(pos);
                region = r;
            }
            None => break,
        }
    }
    found
}

/// The part of the document that belongs to a node: the rest of line `line`
/// from byte `col`, then the following lines up to `end` that are indented
/// deeper than `indent`.
#[derive(Debug, Clone)]
struct Region {
    line: usize,
    col: usize,
    end: usize,
    indent: isize,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The first line after `from` that is content and indented no deeper than
/// `indent`: the end of a block owned by a node at `indent`.
fn block_end(lines: &[&str], from: usize, limit: usize, indent: usize) -> usize {
    (from..limit)
        .find(|&i| is_content(lines[i]) && indent_of(lines[i]) <= indent)
        .unwrap_or(limit)
}

fn pos_at(line: usize, byte: usize, text: &str) -> Pos {
    Pos::new(line + 1, text[..byte].chars().count() + 1)
}

/// Finds `key:` in inline flow text, preceded by `{`, `,` or the start.
fn find_inline_key(text: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(key) {
        let at = from + i;
        let before = text[..at].trim_end();
        let after = text[at + key.len()..].trim_start();
        let starts = before.is_empty() || before.ends_with('{') || before.ends_with(',');
        let starts = starts || before.ends_with('-');
        if starts && after.starts_with(':') {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

fn find_key(lines: &[&str], r: &Region, key: &str) -> Option<(Pos, Region)> {
    if r.line < lines.len() && r.col > 0 {
        let first = lines[r.line];
        let tail = &first[r.col.min(first.len())..];
        if let Some(i) = find_inline_key(tail, key) {
            let at = r.col + i;
            let region = Region {
                line: r.line,
                col: at + key.len() + 1,
                end: block_end(lines, r.line + 1, r.end, indent_of(first) + 1),
                indent: (indent_of(first) + 1) as isize,
            };
            return Some((pos_at(r.line, at, first), region));
        }
    }
    let start = if r.col > 0 { r.line + 1 } else { r.line };
    let child = (start..r.end)
        .find(|&i| is_content(lines[i]))
        .map(|i| indent_of(lines[i]))?;
    if child as isize <= r.indent {
        return None;
    }
    for i in start..r.end {
        let line = lines[i];
        if !is_content(line) || indent_of(line) != child {
            continue;
        }
        let rest = &line[child..];
        if rest.starts_with(key) && rest[key.len()..].trim_start().starts_with(':') {
            let colon = child + key.len() + rest[key.len()..].find(':').unwrap_or(0);
            let region = Region {
                line: i,
                col: colon + 1,
                end: block_end(lines, i + 1, r.end, child),
                indent: child as isize,
            };
            return Some((pos_at(i, child, line), region));
        }
    }
    None
}

fn find_index(lines: &[&str], r: &Region, index: usize) -> Option<(Pos, Region)> {
    if r.line < lines.len() {
        let first = lines[r.line];
        let tail_start = r.col.min(first.len());
        let tail = &first[tail_start..];
        let trimmed = tail.trim_start();
        if trimmed.starts_with('[') {
            let open = tail_start + (tail.len() - trimmed.len());
            let item = flow_items(&first[open + 1..]).into_iter().nth(index)?;
            let at = open + 1 + item;
            let region = Region {
                line: r.line,
                col: at,
                end: r.line + 1,
                indent: isize::MAX,
            };
            return Some((pos_at(r.line, at, first), region));
        }
    }
    let start = if r.col > 0 { r.line + 1 } else { r.line };
    let mut seen = 0;
    let mut dash_indent = None;
    for i in start..r.end {
        let line = lines[i];
        if !is_content(line) {
            continue;
        }
        let ind = indent_of(line);
        if (ind as isize) <= r.indent && dash_indent.is_none() {
            // YAML allows a sequence at the same indent as its key.
            if !line[ind..].starts_with('-') {
                return None;
            }
        }
        if !line[ind..].starts_with('-') {
            continue;
        }
        match dash_indent {
            None => dash_indent = Some(ind),
            Some(d) if d != ind => continue,
            _ => {}
        }
        if seen == index {
            let region = Region {
                line: i,
                col: ind + 2,
                end: block_end(lines, i + 1, r.end, ind),
                indent: ind as isize,
            };
            return Some((pos_at(i, ind, line), region));
        }
        seen += 1;
    }
    None
}

/// Byte offsets of the items of a flow sequence body (after `[`).
fn flow_items(body: &str) -> Vec<usize> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut item_start = Some(0);
    for (i, c) in body.char_indices() {
        if let Some(s) = item_start
            && !c.is_whitespace()
        {
            items.push(s.max(i));
            item_start = None;
        }
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') if depth == 0 => break,
            (None, ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => item_start = Some(i + 1),
            _ => {}
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_and_offset_counted() {
        let text = "---\ntitle: A\nskill: x\n---\n# Body\n";
        let fm = split_front_matter(text).unwrap();
        assert_eq!(fm.yaml, "title: A\nskill: x\n");
        assert_eq!(fm.body, "# Body\n");
        assert_eq!(fm.yaml_line_offset, 1);
    }

    #[test]
    fn front_matter_accepts_bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nbody";
        let fm = split_front_matter(text).unwrap();
        assert_eq!(fm.yaml, "title: A\r\n");
        assert_eq!(fm.body, "body");
    }

    #[test]
    fn numbers_too_large_and_tabs_are_said_in_plain_words() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            hours: Option<u32>,
            money: Option<u64>,
            nested: Option<std::collections::BTreeMap<String, u64>>,
        }
        let e = from_yaml::<T>("hours: 4294967296\n", false).unwrap_err();
        assert!(
            e.message.to_string().contains("4294967296"),
            "{}",
            e.message
        );
        assert!(
            e.message.to_string().contains("4294967295"),
            "{}",
            e.message
        );
        let e = from_yaml::<T>("money: 99999999999999999999999\n", false).unwrap_err();
        assert!(!e.message.to_string().contains("u128"), "{}", e.message);
        assert!(
            e.message.to_string().contains("18446744073709551615"),
            "{}",
            e.message
        );
        let e = from_yaml::<T>("hours: 1\nnested:\n\ta: 1\n", false).unwrap_err();
        assert_eq!(e.pos.line, 3, "{}", e.message);
        assert_eq!(e.message, msg!("yaml_tab"));
        // A tab after the indentation, inside a value, is not the problem.
        assert!(from_yaml::<T>("hours: 1\t# comment\n", false).is_ok());
        // Private data: the limit is said, the number is not.
        let e = from_yaml::<T>("hours: 4294967296\n", true).unwrap_err();
        assert!(
            !e.message.to_string().contains("4294967296"),
            "{}",
            e.message
        );
        assert!(
            e.message.to_string().contains("4294967295"),
            "{}",
            e.message
        );
    }

    #[test]
    fn front_matter_missing_or_unterminated() {
        assert_eq!(
            split_front_matter("title: A\n"),
            Err(FrontMatterError::Missing)
        );
        assert_eq!(split_front_matter(""), Err(FrontMatterError::Missing));
        assert_eq!(
            split_front_matter("---\ntitle: A\n"),
            Err(FrontMatterError::Unterminated)
        );
    }

    const DOC: &str = "\
title: Pelatihan
cost: { state_budget_idr: 0, partner_contribution_idr: -5 }
partners: [skb-randong, elite]
photos:
  - { src: a.jpg, alt: A }
  - src: b.jpg
    alt: B
internal:
  contact:
    name: X
name: top
";

    fn at(path: &[Seg]) -> (usize, usize) {
        let p = locate(DOC, path).expect("found");
        (p.line, p.col)
    }

    #[test]
    fn locate_block_and_flow_nodes() {
        assert_eq!(at(&[Seg::Key("title")]), (1, 1));
        assert_eq!(
            at(&[Seg::Key("cost"), Seg::Key("partner_contribution_idr")]),
            (2, 30)
        );
        assert_eq!(at(&[Seg::Key("partners"), Seg::Index(1)]), (3, 25));
        assert_eq!(
            at(&[Seg::Key("photos"), Seg::Index(0), Seg::Key("alt")]),
            (5, 19)
        );
        assert_eq!(
            at(&[Seg::Key("photos"), Seg::Index(1), Seg::Key("alt")]),
            (7, 5)
        );
        assert_eq!(at(&[Seg::Key("photos"), Seg::Index(1)]), (6, 3));
    }

    #[test]
    fn locate_does_not_match_nested_keys_of_the_same_name() {
        // `name` under internal.contact must not be taken for the top-level `name`.
        assert_eq!(at(&[Seg::Key("name")]), (11, 1));
    }

    #[test]
    fn locate_falls_back_to_the_deepest_ancestor() {
        assert_eq!(at(&[Seg::Key("photos"), Seg::Index(7)]), (4, 1));
        assert_eq!(locate(DOC, &[Seg::Key("nope")]), None);
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: Option<String>,
        description: Option<String>,
        participants: Option<u32>,
    }

    #[test]
    fn yaml_errors_are_plain_and_positioned() {
        let e = from_yaml::<T>("title: A\nparticipants: many\n", false).unwrap_err();
        assert_eq!(e.pos.line, 2);
        assert!(
            e.message.to_string().contains("`participants`"),
            "{}",
            e.message
        );
        // Unit tests run in the default language, Indonesian.
        assert!(
            e.message
                .to_string()
                .contains("tertulis teks \"many\", seharusnya bilangan bulat"),
            "{}",
            e.message
        );

        let e = from_yaml::<T>("title: A\ndescripton: x\n", false).unwrap_err();
        assert_eq!(e.pos.line, 2);
        assert_eq!(
            e.message.to_string(),
            "kolom `descripton` tidak dikenal — mungkin maksudnya `description`?"
        );

        let e = from_yaml::<T>("title: A\nzzz: x\n", false).unwrap_err();
        assert!(
            e.message
                .to_string()
                .contains("kolom yang boleh ada di sini: title, description, participants"),
            "{}",
            e.message
        );

        let e = from_yaml::<T>("title: [unclosed\n", false).unwrap_err();
        assert!(e.pos.line >= 1);

        let e = from_yaml::<T>("title: a\ndescription: Jam: 10\n", false).unwrap_err();
        assert_eq!(e.pos.line, 2);
        assert!(
            e.message.to_string().starts_with("tanda `:` tidak boleh"),
            "{}",
            e.message
        );

        let e = from_yaml::<T>("title: \"Las\ndescription: x\n", false).unwrap_err();
        assert!(
            e.message.to_string().contains("tanda kutip"),
            "{}",
            e.message
        );
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct L {
        tags: Option<Vec<String>>,
    }

    #[test]
    fn lists_and_duplicates_are_explained() {
        let e = from_yaml::<L>("tags: satu\n", false).unwrap_err();
        assert!(
            e.message.to_string().ends_with("seharusnya daftar"),
            "{}",
            e.message
        );
        let e = from_yaml::<T>("title: A\ntitle: B\n", false).unwrap_err();
        assert_eq!(
            e.message.to_string(),
            "kolom `title` tertulis dua kali; simpan satu saja"
        );
        assert_eq!(e.pos.line, 1);
    }

    #[test]
    fn negative_count_is_explained() {
        let e = from_yaml::<T>("participants: -3\n", false).unwrap_err();
        assert!(e.message.to_string().contains("-3"), "{}", e.message);
        assert!(
            e.message.to_string().contains("0 atau lebih"),
            "{}",
            e.message
        );
    }

    #[test]
    fn internal_values_are_never_quoted() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            phone: u64,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            count: Option<u32>,
            internal: Option<Inner>,
        }
        let e = from_yaml::<T>("count: Fransiskus Jemadu\n", true).unwrap_err();
        assert!(
            !e.message.to_string().contains("Fransiskus"),
            "{}",
            e.message
        );
        assert_eq!(e.pos.line, 1);
        let e = from_yaml::<T>("internal:\n  phone: Maria Goreti\n", false).unwrap_err();
        assert!(!e.message.to_string().contains("Maria"), "{}", e.message);
        assert!(
            e.message.to_string().contains("phone"),
            "the field is named: {}",
            e.message
        );
        // A public field's value is still quoted, so it can be found.
        let e = from_yaml::<T>("count: banyak\n", false).unwrap_err();
        assert!(e.message.to_string().contains("banyak"), "{}", e.message);
    }

    #[test]
    fn control_characters_are_found_with_their_place() {
        assert_eq!(control_char("a\tb\r\nc\n"), None);
        let (pos, c) = control_char("title: A\nname: Fran\u{8}siskus\n").unwrap();
        assert_eq!((pos.line, pos.col, c), (2, 11, '\u{8}'));
        assert_eq!(control_char("\u{0}").unwrap().1, '\u{0}');
        assert_eq!(control_char("é\u{7f}").unwrap().0.col, 2);
        assert_eq!(control_char("x\u{85}").unwrap().1, '\u{85}');
    }

    #[test]
    fn list_items_are_counted_from_one() {
        assert_eq!(
            one_based("participants[0].birth_year"),
            "participants[1].birth_year"
        );
        assert_eq!(one_based("a[9][10].b"), "a[10][11].b");
        assert_eq!(one_based("title"), "title");
        let e = from_yaml::<L>("tags: [a, [b]]\n", false).unwrap_err();
        assert!(
            e.message.to_string().starts_with("`tags[2]`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn unknown_keys_of_internal_data_are_not_quoted() {
        let e = from_yaml::<T>("title: A\nFransiskus Jemadu: x\n", true).unwrap_err();
        assert!(
            !e.message.to_string().contains("Fransiskus"),
            "{}",
            e.message
        );
        assert_eq!(e.pos.line, 2);
        // A known field close to the key is suggested: it is the schema's.
        let e = from_yaml::<T>("titel: A\n", true).unwrap_err();
        assert!(!e.message.to_string().contains("titel"), "{}", e.message);
        assert!(e.message.to_string().contains("`title`"), "{}", e.message);
    }

    #[test]
    fn empty_yaml_is_an_empty_mapping() {
        let t: T = from_yaml("  \n", false).unwrap();
        assert!(t.title.is_none());
    }
}
