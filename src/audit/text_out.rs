//! The normalised text being written, and the reading of text between
//! tags: escapes decoded, case, accents and separators folded.

use super::chars::{ASCII, Folded, SEP, SPECIAL, backslash, entity, fold, percent};

/// Normalised text, and with `normalise_mapped` the input offset of each
/// of its bytes.
#[derive(Debug, Default)]
pub(super) struct Normal {
    pub(super) text: Vec<u8>,
    pub(super) map: Vec<usize>,
    /// Offsets in `text`, ascending, where a tag joined the text on its two
    /// sides: each may be a word's edge.
    pub(super) edges: Vec<usize>,
}

/// Normalised bytes being written: words and single spaces.
pub(super) struct Out {
    pub(super) text: Vec<u8>,
    pub(super) map: Option<Vec<usize>>,
    pub(super) edges: Vec<usize>,
}

impl Out {
    pub(super) fn new(capacity: usize, mapped: bool) -> Out {
        Out {
            text: Vec::with_capacity(capacity),
            map: mapped.then(|| Vec::with_capacity(capacity)),
            edges: Vec::new(),
        }
    }

    pub(super) fn normal(self) -> Normal {
        Normal {
            text: self.text,
            map: self.map.unwrap_or_default(),
            edges: self.edges,
        }
    }

    /// A tag joined the text here: a possible word edge.
    #[inline]
    pub(super) fn edge(&mut self) {
        let at = self.text.len();
        if self.text.last().is_some_and(|&b| b != b' ') && self.edges.last() != Some(&at) {
            self.edges.push(at);
        }
    }

    #[inline]
    pub(super) fn put(&mut self, b: u8, at: usize) {
        self.text.push(b);
        if let Some(m) = &mut self.map {
            m.push(at);
        }
    }

    /// One space, however many separators come.
    #[inline]
    pub(super) fn sep(&mut self, at: usize) {
        if self.text.last().is_some_and(|&b| b != b' ') {
            self.put(b' ', at);
        }
    }

    pub(super) fn put_char(&mut self, c: char, at: usize) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            self.put(b, at);
        }
    }

    /// One character, folded.
    pub(super) fn fold(&mut self, c: char, at: usize) {
        fold(c, |f| match f {
            Folded::Byte(b) => self.put(b, at),
            Folded::Char(c) => self.put_char(c, at),
            Folded::Sep => self.sep(at),
        });
    }

    pub(super) fn trim(&mut self) {
        if self.text.last() == Some(&b' ') {
            self.text.pop();
            if let Some(m) = &mut self.map {
                m.pop();
            }
        }
    }
}

/// Which escapes [`chars`] decodes.
#[derive(Clone, Copy, Default)]
pub(super) struct Flags {
    pub(super) entities: bool,
    pub(super) percent: bool,
    pub(super) backslash: bool,
    /// Markdown's emphasis and link brackets are dropped.
    pub(super) marks: bool,
}

/// Reads `src[from..to]` (no tags) into `out`.
pub(super) fn chars(src: &[u8], from: usize, to: usize, f: Flags, out: &mut Out) {
    let mut i = from;
    while i < to {
        if out.map.is_none() {
            // Most bytes of a page: letters, digits, plain punctuation and
            // spaces, written without the map in one tight loop.
            let text = &mut out.text;
            while i < to {
                let v = ASCII[src[i] as usize];
                if v > SPECIAL {
                    text.push(v);
                } else if v == SEP {
                    if text.last().is_some_and(|&l| l != b' ') {
                        text.push(b' ');
                    }
                } else {
                    break;
                }
                i += 1;
            }
            if i == to {
                break;
            }
        }
        let b = src[i];
        if b < 0x80 {
            match ASCII[b as usize] {
                SEP => out.sep(i),
                SPECIAL => {
                    let s = &src[i..to];
                    let decoded = match b {
                        b'&' if f.entities => entity(s),
                        b'%' if f.percent => percent(s),
                        b'\\' if f.backslash => backslash(s),
                        b'*' | b'`' | b'~' | b'[' | b']' if f.marks => {
                            i += 1;
                            continue;
                        }
                        _ => None,
                    };
                    match decoded {
                        Some((c, len)) => {
                            out.fold(c, i);
                            i += len;
                            continue;
                        }
                        None if b == b'`' => out.put(b'\'', i),
                        None => out.put(b, i),
                    }
                }
                c => out.put(c, i),
            }
            i += 1;
        } else {
            match utf8(&src[i..to]) {
                Some((c, len)) => {
                    out.fold(c, i);
                    i += len;
                }
                None => {
                    // Not text (an image's bytes): a boundary, not a separator.
                    out.put(0, i);
                    i += 1;
                }
            }
        }
    }
}

/// The UTF-8 character at the start of `s`, and its length.
pub(super) fn utf8(s: &[u8]) -> Option<(char, usize)> {
    let len = match s[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let c = std::str::from_utf8(s.get(..len)?).ok()?.chars().next()?;
    Some((c, len))
}

/// Entities decoded once, for [`Kind::Feed`]; every other byte kept.
pub(super) fn unescape_entities(src: &[u8]) -> Normal {
    let mut out = Normal {
        text: Vec::with_capacity(src.len()),
        map: Vec::with_capacity(src.len()),
        edges: Vec::new(),
    };
    let mut i = 0;
    while i < src.len() {
        if src[i] == b'&'
            && let Some((c, len)) = entity(&src[i..])
        {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                out.text.push(b);
                out.map.push(i);
            }
            i += len;
            continue;
        }
        out.text.push(src[i]);
        out.map.push(i);
        i += 1;
    }
    out
}
