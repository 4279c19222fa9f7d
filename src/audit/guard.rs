//! The editor's leak guard: the identity values of the internal data found
//! in a text as it is typed, with the same normalised, word-bounded search
//! as the audit of a build, so that a name written with a line break, a
//! no-break space, markup or without its accents is found before it is
//! saved, not only when the build refuses it.

use super::needles::Needles;
use super::normalise::Kind as Read;
use super::secrets::{Secret, What};
use crate::model::Model;

/// The search of one site's internal values.
pub struct Guard {
    secrets: Vec<Secret>,
    needles: Needles,
}

/// One value found: its byte range in the text, and what it is. Never the
/// value itself, nor whose it is: the text already shows it to its typist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub what: What,
}

impl Guard {
    pub fn new(model: &Model) -> Guard {
        let secrets = super::secrets(model);
        let needles = Needles::new(&secrets);
        Guard { secrets, needles }
    }

    /// Every identity value in `text` (Markdown or plain text as typed).
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        self.needles
            .each(text.as_bytes(), Read::Source, |secret, at| {
                let Some(s) = self.secrets.get(secret) else {
                    return;
                };
                let end = end_of(text, at, &s.value);
                found.push(Found {
                    start: at,
                    end,
                    what: s.what,
                });
            });
        found.sort_by_key(|f| (f.start, f.end));
        found.dedup_by_key(|f| f.start);
        found
    }
}

/// Where a match of `value` starting at `start` ends: after as many letters
/// and digits as the value has, whatever lies between them.
fn end_of(text: &str, start: usize, value: &str) -> usize {
    let wanted = value.chars().filter(|c| c.is_alphanumeric()).count();
    let mut seen = 0;
    for (i, c) in text[start.min(text.len())..].char_indices() {
        if c.is_alphanumeric() {
            seen += 1;
            if seen == wanted {
                return start + i + c.len_utf8();
            }
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_ends_after_the_values_letters() {
        let t = "kata Fransiskus\u{a0}Jemadu, lalu";
        let start = t.find("Fransiskus").unwrap();
        assert_eq!(
            &t[start..end_of(t, start, "Fransiskus Jemadu")],
            "Fransiskus\u{a0}Jemadu"
        );
        assert_eq!(end_of("ab", 0, "abcdef"), 2);
    }
}
