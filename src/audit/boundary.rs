//! Where a word starts and ends in normalised text: the boundaries on which
//! a form of an identity value counts ([`super::needles`], [`super::walk`]).

/// Normalised text and the offsets where a tag joined it.
#[derive(Clone, Copy)]
pub(super) struct Text<'a> {
    pub(super) t: &'a [u8],
    pub(super) edges: &'a [usize],
}

impl Text<'_> {
    /// Whether a word goes on before `at`: a letter or digit, and no tag
    /// between.
    pub(super) fn glued_before(self, at: usize) -> bool {
        glued_before(self.t, at) && self.edges.binary_search(&at).is_err()
    }

    /// Whether a word goes on after `at`: a letter or digit, and no tag
    /// between.
    pub(super) fn glued_after(self, at: usize) -> bool {
        glued_after(self.t, at) && self.edges.binary_search(&at).is_err()
    }
}

/// Whether the character before `at` is a letter or digit.
pub(super) fn glued_before(t: &[u8], at: usize) -> bool {
    if at == 0 {
        return false;
    }
    let b = t[at - 1];
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    let from = (at.saturating_sub(4)..at)
        .rev()
        .find(|&i| t[i] & 0xC0 != 0x80)
        .unwrap_or(at - 1);
    is_alnum_char(&t[from..at])
}

pub(super) fn glued_after(t: &[u8], at: usize) -> bool {
    let Some(&b) = t.get(at) else {
        return false;
    };
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    let len = match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return false,
    };
    t.get(at..at + len).is_some_and(is_alnum_char)
}

pub(super) fn is_alnum_char(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}
