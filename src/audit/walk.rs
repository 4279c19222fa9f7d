//! The search for the forms of the identity values: walks from each place
//! where a word may start, a step at a time, while some form goes on.
//!
//! A form counts only where it starts and ends on a word boundary
//! ([`super::needles`]), so it can only start where `glued_before` is
//! false, and it is made of the same steps as the text it matches: whole
//! runs of letters and digits, and single other characters. Every prefix of
//! every form that ends between two steps is kept as a hash of its steps, so
//! a walk costs one look-up per step, and most words are no form's first
//! step: a small bit set, which stays in the processor's cache, says so
//! without the look-up. An Aho-Corasick automaton over the same forms passes
//! every byte through its states: as a DFA it takes 10 to 35 bytes of
//! memory per byte of the forms and seconds to build at 100,000 records; as
//! an NFA it is some three times slower than the DFA. A hash that matches
//! is confirmed against the form's bytes, so a collision can only cost a
//! step, never a false hit; two forms with the same hash are both kept.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::boundary::{Text, is_alnum_char};

/// In an entry: some form goes on past this prefix.
const LONGER: u32 = 1 << 31;

/// In an entry: the prefix is no whole form.
const NO_FORM: u32 = LONGER - 1;

/// Bits of the first words' set for each form: a word that is no form's
/// first still needs a look-up once in some sixteen times.
const BITS_PER_FIRST: usize = 16;

pub(super) struct Walk {
    /// The hash of every prefix of a form that ends between two steps, and
    /// of every whole form: the form it is (or [`NO_FORM`]), with
    /// [`LONGER`] when a form goes on past it.
    steps: FxHashMap<u64, u32>,
    /// Forms whose hash an earlier form already holds (almost never).
    clashes: Vec<(u64, u32)>,
    /// A bit for each form's first word, by [`first_key`]: a form that
    /// starts with another character is walked from every place it may.
    firsts: Vec<u64>,
    /// The forms, to confirm a match.
    forms: Vec<Box<[u8]>>,
    /// Bytes a form may start with.
    starts: [bool; 256],
    longest: usize,
}

impl Walk {
    /// The walk over `forms` (normalised, distinct, none empty).
    pub(super) fn new(forms: Vec<String>) -> Walk {
        let forms: Vec<Box<[u8]>> = forms
            .into_iter()
            .map(|f| f.into_bytes().into_boxed_slice())
            .collect();
        let mut steps = FxHashMap::default();
        let mut clashes = Vec::new();
        let mut first_hashes = Vec::with_capacity(forms.len());
        let mut starts = [false; 256];
        for (i, form) in forms.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 2^31 forms");
            assert!(i < NO_FORM, "fewer than 2^31 forms");
            starts[usize::from(form[0])] = true;
            let (mut h, mut at) = (0, 0);
            while at < form.len() {
                let end = step_end(form, at);
                h = chain(h, &form[at..end]);
                if at == 0 && char_at(form, 0).0 {
                    first_hashes.push(first_key(&form[..end]));
                }
                at = end;
                let entry = steps.entry(h).or_insert(NO_FORM);
                if at < form.len() {
                    *entry |= LONGER;
                } else if *entry & NO_FORM == NO_FORM {
                    *entry = (*entry & LONGER) | i;
                } else {
                    clashes.push((h, i));
                }
            }
        }
        let bits = (first_hashes.len() * BITS_PER_FIRST)
            .next_power_of_two()
            .max(64);
        let mut firsts = vec![0u64; bits / 64];
        for h in first_hashes {
            let b = bit(h, bits);
            firsts[b / 64] |= 1 << (b % 64);
        }
        Walk {
            steps,
            clashes,
            firsts,
            longest: forms.iter().map(|f| f.len()).max().unwrap_or(0),
            forms,
            starts,
        }
    }

    /// Roughly the bytes the walk holds.
    #[cfg(test)]
    pub(super) fn memory_usage(&self) -> usize {
        let forms: usize = self.forms.iter().map(|f| f.len() + 16).sum();
        self.steps.capacity() * 13 + self.firsts.len() * 8 + forms
    }

    /// Calls `f(form, start)` for every form in `text` that starts and ends
    /// on a word boundary: the same as a pass of an Aho-Corasick automaton
    /// over all of `text` whose matches are kept only there.
    pub(super) fn each(&self, text: Text, mut f: impl FnMut(usize, usize)) {
        let (t, edges) = (text.t, text.edges);
        let mut next_edge = 0; // the first edge at or past `i`
        let mut glued = false; // whether the character before `i` is a letter or digit
        let mut i = 0;
        while i < t.len() {
            while next_edge < edges.len() && edges[next_edge] < i {
                next_edge += 1;
            }
            let b = t[i];
            let (alnum, _) = char_at(t, i);
            if !alnum {
                // One character (one byte); a word may start here unless
                // one goes on before it.
                let at_edge = edges.get(next_edge) == Some(&i);
                if (!glued || at_edge) && self.starts[usize::from(b)] {
                    self.walk(text, i, i + 1, &mut f);
                }
                glued = false;
                i += 1;
                continue;
            }
            // A word: nothing glued goes before it (the step before was
            // not a letter or digit). Most words are no form's first step.
            let end = step_end(t, i);
            let cuts = edges[next_edge..].iter().take_while(|&&e| e < end);
            let cut = cuts.clone().any(|&e| e > i);
            if self.starts[usize::from(b)] && (cut || self.may_start(&t[i..end])) {
                self.walk(text, i, end, &mut f);
            }
            // A tag's edge within the word: a form may start there too.
            for &e in cuts.filter(|&&e| e > i) {
                if self.starts[usize::from(t[e])] {
                    self.walk(text, e, end, &mut f);
                }
            }
            glued = true;
            i = end;
        }
    }

    /// Whether a form may start with the word `step`.
    fn may_start(&self, step: &[u8]) -> bool {
        let b = bit(first_key(step), self.firsts.len() * 64);
        self.firsts[b / 64] & (1 << (b % 64)) != 0
    }

    /// The forms that start at `p`, whose first step ends at `end`.
    fn walk(&self, text: Text, p: usize, mut end: usize, f: &mut impl FnMut(usize, usize)) {
        let t = text.t;
        let (mut h, mut at) = (0, p);
        loop {
            if char_at(t, at).0 && !text.edges.is_empty() {
                // A form may end where a tag cut this word.
                let from = text.edges.partition_point(|&e| e <= at);
                for &e in text.edges[from..].iter().take_while(|&&e| e < end) {
                    if e - p > self.longest {
                        break;
                    }
                    let cut = chain(h, &t[at..e]);
                    if let Some(&entry) = self.steps.get(&cut) {
                        self.report(entry, cut, text, p, e, f);
                    }
                }
            }
            if end - p > self.longest {
                return;
            }
            h = chain(h, &t[at..end]);
            let Some(&entry) = self.steps.get(&h) else {
                return;
            };
            self.report(entry, h, text, p, end, f);
            if entry & LONGER == 0 || end == t.len() {
                return;
            }
            at = end;
            end = step_end(t, at);
        }
    }

    /// Calls `f` for the form of `entry` (and any that share its hash `h`)
    /// if it is `text[p..end]` and `end` is a word's end.
    fn report(
        &self,
        entry: u32,
        h: u64,
        text: Text,
        p: usize,
        end: usize,
        f: &mut impl FnMut(usize, usize),
    ) {
        let form = entry & NO_FORM;
        if form == NO_FORM || text.glued_after(end) {
            return;
        }
        let is = |i: u32| *self.forms[i as usize] == text.t[p..end];
        if is(form) {
            f(form as usize, p);
        }
        for &(_, i) in self.clashes.iter().filter(|c| c.0 == h) {
            if is(i) {
                f(i as usize, p);
            }
        }
    }
}

/// The hash of a prefix `h` followed by the step `step`.
fn chain(h: u64, step: &[u8]) -> u64 {
    let mut x = FxHasher::default();
    x.write_u64(h);
    x.write(step);
    x.write_usize(step.len());
    x.finish()
}

/// A quick key of a word for the first steps' set: its first eight bytes
/// and its length.
fn first_key(step: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    let n = step.len().min(8);
    w[..n].copy_from_slice(&step[..n]);
    (u64::from_le_bytes(w) ^ (step.len() as u64).rotate_left(56))
        .wrapping_mul(0xff51_afd7_ed55_8ccd)
}

/// Which of `bits` bits stands for hash `h`.
fn bit(h: u64, bits: usize) -> usize {
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits.trailing_zeros())) as usize
}

/// Where the step that starts at `at` ends: after a run of letters and
/// digits, or after one other character (one byte of one that is not UTF-8).
fn step_end(t: &[u8], at: usize) -> usize {
    let (alnum, len) = char_at(t, at);
    let mut end = at + len;
    if alnum {
        while end < t.len() {
            match t[end] {
                b if b.is_ascii_alphanumeric() => end += 1,
                b if b.is_ascii() => break,
                _ => match char_at(t, end) {
                    (true, len) => end += len,
                    _ => break,
                },
            }
        }
    }
    end
}

/// Whether the character at `at` is a letter or digit, and its length (1
/// for a byte that starts no character).
fn char_at(t: &[u8], at: usize) -> (bool, usize) {
    let b = t[at];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric(), 1);
    }
    let len = match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return (false, 1),
    };
    match t.get(at..at + len) {
        Some(c) if is_alnum_char(c) => (true, len),
        _ => (false, 1),
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};

    use super::*;

    /// What a pass of an Aho-Corasick automaton over the whole of `text`
    /// finds and keeps: every form that starts and ends on a boundary.
    fn whole_pass(forms: &[String], text: Text) -> Vec<(usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(forms)
            .unwrap();
        let mut v: Vec<(usize, usize)> = ac
            .find_overlapping_iter(text.t)
            .filter(|m| !text.glued_before(m.start()) && !text.glued_after(m.end()))
            .map(|m| (m.start(), m.pattern().as_usize()))
            .collect();
        v.sort_unstable();
        v
    }

    fn walked(walk: &Walk, text: Text) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        walk.each(text, |form, at| v.push((at, form)));
        v.sort_unstable();
        v
    }

    /// The walks find what a whole pass keeps, the same forms at the same
    /// places, in random text of forms whole, cut, glued to other words,
    /// accented, among other characters and bytes that are not UTF-8, and
    /// joined by tags.
    #[test]
    fn walks_find_what_a_pass_over_the_whole_text_keeps() {
        let first = [
            "yohanes",
            "maria",
            "fransiskus",
            "agustina",
            "ñoño",
            "élodie",
        ];
        let last = ["jehadu", "ndun", "lado", "mbete", "nggajo", "taolin"];
        let mut forms: Vec<String> = Vec::new();
        for (i, f) in first.iter().enumerate() {
            for (j, l) in last.iter().enumerate() {
                let n = format!("{:04}", i * 37 + j);
                for form in [
                    format!("{f} {l} {n}"),
                    format!("{f}{l} {n}"),
                    format!("{f} {l}{n}"),
                    format!("{f}{l}{n}"),
                    format!("{f} {l}"),
                ] {
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                }
            }
        }
        for extra in [
            "ani",
            "dani",
            "ani wijaya",
            "wijaya",
            "dani ani",
            "éna",
            "d'souza",
            "humas rdg(at)skbmail(dot)example",
            "humas rdg @ skbmail example",
            "a%20b",
            "«ana»",
            "x«y",
            "2025 0142",
            "wbp 2025 0142",
            "wbp20250142",
        ] {
            forms.push(extra.to_string());
        }
        let walk = Walk::new(forms.clone());
        let words: Vec<&str> = forms.iter().flat_map(|t| t.split(' ')).collect();
        let odd: [&[u8]; 12] = [
            b"dani",
            b"ani",
            b"xani",
            "é".as_bytes(),
            "ß".as_bytes(),
            "ña".as_bytes(),
            b"2025",
            "«".as_bytes(),
            "—".as_bytes(),
            b"\xff",
            b"\xe2\x82",
            b"(at)",
        ];
        let mut next = crate::testing::numbers(0x9e37_79b9_7f4a_7c15);
        let mut found = 0;
        for _ in 0..2_000 {
            let (mut text, mut edges): (Vec<u8>, Vec<usize>) = (Vec::new(), Vec::new());
            for _ in 0..12 {
                let piece: Vec<u8> = match next(6) {
                    0 | 1 => forms[next(forms.len())].clone().into_bytes(),
                    2 => words[next(words.len())].as_bytes().to_vec(),
                    3 => {
                        let w = forms[next(forms.len())].as_bytes();
                        w[..next(w.len())].to_vec() // cut anywhere, even within a character
                    }
                    4 => odd[next(odd.len())].to_vec(),
                    _ => [words[next(words.len())], words[next(words.len())]]
                        .concat()
                        .into_bytes(),
                };
                match next(5) {
                    0 if !text.is_empty() => edges.push(text.len()), // a tag joined them
                    1 => {}                                          // glued
                    2 => text.push(b'.'),
                    _ if !text.is_empty() => text.push(b' '),
                    _ => {}
                }
                text.extend_from_slice(&piece);
            }
            edges.dedup();
            let t = Text {
                t: &text,
                edges: &edges,
            };
            let whole = whole_pass(&forms, t);
            assert_eq!(
                walked(&walk, t),
                whole,
                "{:?} edges {edges:?}",
                String::from_utf8_lossy(&text)
            );
            found += whole.len();
        }
        assert!(found > 2_000, "the texts hold forms: {found}");
    }

    /// Two forms whose hashes are the same are both found, each only in
    /// its own bytes. (A clash is made by hand: two real forms almost never
    /// have the same 64-bit hash.)
    #[test]
    fn forms_that_share_a_hash_are_both_found() {
        let mut walk = Walk::new(vec!["maria jelita".into(), "petrus lado".into()]);
        let (&maria, &entry) = walk.steps.iter().find(|(_, e)| **e & NO_FORM == 0).unwrap();
        walk.clashes.push((maria, 1)); // as if "petrus lado" had the hash of "maria jelita"
        for (text, want) in [("petrus lado", (1, 0)), ("maria jelita", (0, 0))] {
            let t = Text {
                t: text.as_bytes(),
                edges: &[],
            };
            let mut seen = Vec::new();
            walk.report(entry, maria, t, 0, text.len(), &mut |form, at| {
                seen.push((form, at))
            });
            assert_eq!(seen, [want], "{text}");
        }
    }
}
