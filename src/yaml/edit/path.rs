//! Paths written as the editor's form fields name them:
//! `cost.state_budget_idr`, `photos[0].alt`, `participants[3].name`.

use super::EditError;
use crate::yaml::de::Step;

/// Reads `a.b[0].c`. Keys are any text without `.`, `[` or `]`; indices
/// are decimal. The empty path is the document itself.
pub fn parse_path(s: &str) -> Result<Vec<Step>, EditError> {
    let mut steps = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'[' {
            let close = s[i..].find(']').map(|j| i + j);
            let Some(close) = close else {
                return Err(EditError::BadPath { at: i });
            };
            let digits = &s[i + 1..close];
            if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return Err(EditError::BadPath { at: i + 1 });
            }
            let n = digits
                .parse()
                .map_err(|_| EditError::BadPath { at: i + 1 })?;
            steps.push(Step::Index(n));
            i = close + 1;
            if i < b.len() && b[i] != b'[' {
                if b[i] != b'.' || i + 1 == b.len() {
                    return Err(EditError::BadPath { at: i });
                }
                i += 1;
            }
        } else {
            let end = s[i..].find(['.', '[', ']']).map_or(s.len(), |j| i + j);
            if end == i || b.get(end) == Some(&b']') {
                return Err(EditError::BadPath { at: end });
            }
            steps.push(Step::Key(s[i..end].to_string()));
            i = end;
            if b.get(i) == Some(&b'.') {
                i += 1;
                if i == b.len() {
                    return Err(EditError::BadPath { at: i });
                }
            }
        }
    }
    Ok(steps)
}

/// The form-field name of `path`; `None` when a key holds `.`, `[` or `]`
/// (or is empty), which that syntax cannot write.
#[cfg(test)]
pub fn format_path(path: &[Step]) -> Option<String> {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if k.is_empty() || k.contains(['.', '[', ']']) {
                    return None;
                }
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn form_field_names_are_read() {
        assert_eq!(
            parse_path("cost.state_budget_idr").unwrap(),
            [key("cost"), key("state_budget_idr")]
        );
        assert_eq!(
            parse_path("photos[0].alt").unwrap(),
            [key("photos"), Step::Index(0), key("alt")]
        );
        assert_eq!(
            parse_path("a[3][12]").unwrap(),
            [key("a"), Step::Index(3), Step::Index(12)]
        );
        assert_eq!(parse_path("tata-rias").unwrap(), [key("tata-rias")]);
        assert_eq!(parse_path("").unwrap(), []);
        assert_eq!(parse_path("[1]").unwrap(), [Step::Index(1)]);
    }

    #[test]
    fn malformed_paths_say_where() {
        for (bad, at) in [
            ("a..b", 2),
            ("a.", 2),
            (".a", 0),
            ("a[", 1),
            ("a[x]", 2),
            ("a[]", 2),
            ("a[1]b", 4),
            ("a]", 1),
            ("a[1].", 4),
            ("a[99999999999999999999999]", 2),
        ] {
            assert_eq!(parse_path(bad), Err(EditError::BadPath { at }), "{bad}");
        }
    }

    #[test]
    fn names_are_written_back() {
        for s in ["cost.state_budget_idr", "photos[0].alt", "a[3][12]", "x"] {
            assert_eq!(format_path(&parse_path(s).unwrap()).as_deref(), Some(s));
        }
        assert_eq!(format_path(&[key("a.b")]), None);
    }
}
