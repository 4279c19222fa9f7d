//! The identity values as the audit searches for them, and the search.
//!
//! Each value is normalised as a reader reads it ([`super::normalise`]) and
//! searched for in normalised text, by one walk over all forms
//! ([`super::walk`]): as its words (`wbp 2025 0142`) and with any of the gaps between its words closed
//! (`wbp20250142`, `fransiskusjemadu`), so that spacing and separators do not
//! hide it. A match counts only on word boundaries: `maria` is not found in
//! `annamaria` nor in `mariam`. Phone numbers are also found by their digits
//! whatever the grouping, with the country code 62 or the trunk 0. Where a
//! tag joined two words (`</span><span>`) there may be a boundary: a match
//! that starts or ends there counts, erring on the side of privacy.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::boundary::Text;
use super::normalise::{Kind, normalise, normalise_apart, normalise_mapped};
use super::secrets::{Secret, What};
use super::walk::Walk;

/// A value with fewer letters and digits than this is not searched for:
/// with so few characters (a certificate number such as `C-1`) word
/// boundaries alone cannot tell it from ordinary text and page markup.
pub(super) const MIN_ALNUM: usize = 4;

/// A phone number needs at least this many digits (after its country or
/// trunk prefix) to be searched for by its digits.
const MIN_PHONE_DIGITS: usize = 8;

/// The most digits a phone number is written with (`+62` and 13 digits).
const MAX_PHONE_DIGITS: usize = 15;

/// Words of a value past which only the spaced and the closed-up forms are
/// searched, not every way of closing some gaps.
const MAX_WORDS_JOINED: usize = 6;

/// Every searched form of every secret.
pub(super) struct Needles {
    walk: Option<Walk>,
    /// The secret of each pattern.
    owners: Vec<usize>,
    /// Phone numbers by their national digits (no `62`, no leading `0`).
    phones: HashMap<Vec<u8>, usize>,
}

/// The forms a value is searched in: its normalised words, with every
/// combination of the gaps between them closed.
pub(super) fn forms(value: &str) -> Vec<String> {
    let norm = String::from_utf8_lossy(&normalise(value.as_bytes(), Kind::Value)).into_owned();
    if alnum(&norm) < MIN_ALNUM {
        return Vec::new();
    }
    let words: Vec<&str> = norm.split(' ').collect();
    let gaps = words.len() - 1;
    let mut out = vec![norm.clone()];
    if gaps > 0 {
        let joins: Vec<u64> = if words.len() <= MAX_WORDS_JOINED {
            (1..1u64 << gaps).collect()
        } else {
            vec![(1u64 << gaps) - 1]
        };
        for closed in joins {
            let mut f = String::with_capacity(norm.len());
            for (i, w) in words.iter().enumerate() {
                if i > 0 && closed & (1 << (i - 1)) == 0 {
                    f.push(' ');
                }
                f.push_str(w);
            }
            out.push(f);
        }
    }
    out
}

/// How an email's `@` is written to hide it from harvesters.
const AT_WORDS: &[&str] = &[" @ ", "(at)", " (at) ", "[at]", " [at] ", " at "];

/// How the dots of an email's domain are written likewise (a plain `.` is a
/// separator, as a space).
const DOT_WORDS: &[&str] = &[".", "(dot)", " (dot) ", "[dot]", " [dot] ", " dot "];

/// The forms of an email written with its `@` and dots spelled out
/// (`humas.rdg @ skbmail.example`, `humas.rdg[at]skbmail[dot]example`),
/// beyond its [`forms`].
fn email_forms(value: &str) -> Vec<String> {
    let Some((local, domain)) = value.trim().rsplit_once('@') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for at in AT_WORDS {
        for dot in DOT_WORDS {
            let written = format!("{local}{at}{}", domain.replace('.', dot));
            let norm = normalise(written.as_bytes(), Kind::Value);
            let norm = String::from_utf8_lossy(&norm).into_owned();
            if alnum(&norm) >= MIN_ALNUM && !out.contains(&norm) {
                out.push(norm);
            }
        }
    }
    out
}

fn alnum(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// A phone number's national digits: without `+62`/`62` or the trunk `0`.
fn national(value: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = value.bytes().filter(u8::is_ascii_digit).collect();
    let national = if value.trim_start().starts_with('+') || digits.starts_with(b"62") {
        digits.strip_prefix(b"62").unwrap_or(&digits)
    } else {
        digits.strip_prefix(b"0").unwrap_or(&digits)
    };
    (national.len() >= MIN_PHONE_DIGITS).then(|| national.to_vec())
}

impl Needles {
    pub(super) fn new(secrets: &[Secret]) -> Needles {
        let mut texts = Vec::new();
        let mut owners = Vec::new();
        let mut phones = HashMap::new();
        let mut seen = BTreeSet::new();
        for (i, s) in secrets.iter().enumerate() {
            let spelled = match s.what {
                What::Email => email_forms(&s.value),
                _ => Vec::new(),
            };
            for f in forms(&s.value).into_iter().chain(spelled) {
                if seen.insert(f.clone()) {
                    owners.push(i); // two secrets share a form: the first names it
                    texts.push(f);
                }
            }
            if s.what == What::Phone
                && let Some(n) = national(&s.value)
            {
                phones.entry(n).or_insert(i);
            }
        }
        let walk = (!texts.is_empty()).then(|| Walk::new(texts));
        Needles {
            walk,
            owners,
            phones,
        }
    }

    /// How many forms are searched.
    pub(super) fn patterns(&self) -> usize {
        self.owners.len() + self.phones.len()
    }

    /// Calls `f(secret, offset)` for every match in normalised `text`, whose
    /// tags joined words at `edges`.
    fn each_normal(&self, text: &[u8], edges: &[usize], mut f: impl FnMut(usize, usize)) {
        let t = Text { t: text, edges };
        if let Some(walk) = &self.walk {
            walk.each(t, |form, at| f(self.owners[form], at));
        }
        if !self.phones.is_empty() {
            self.each_phone(t, &mut f);
        }
    }

    /// Phone numbers by their digits: any run of digit groups parted by
    /// spaces or brackets (separators are spaces by now) whose digits,
    /// taken from one group's start to another's end, are a number's.
    fn each_phone(&self, text: Text, f: &mut impl FnMut(usize, usize)) {
        let t = text.t;
        let group_end =
            |from: usize| from + t[from..].iter().take_while(|b| b.is_ascii_digit()).count();
        let mut digits = Vec::with_capacity(MAX_PHONE_DIGITS + 1);
        let mut i = 0;
        while i < t.len() {
            // Most text has no digit: skip it 16 bytes at a time (a loop
            // without an early exit, which the compiler vectorises).
            if let Some(chunk) = t.get(i..i + 16)
                && !chunk.iter().fold(false, |any, b| any | b.is_ascii_digit())
            {
                i += 16;
                continue;
            }
            if !t[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let first_end = group_end(i);
            if !text.glued_before(i) {
                digits.clear();
                let mut g = i;
                loop {
                    let end = group_end(g);
                    digits.extend_from_slice(&t[g..end]);
                    if digits.len() > MAX_PHONE_DIGITS {
                        break;
                    }
                    if !text.glued_after(end)
                        && let Some(&secret) = self.phone(&digits)
                    {
                        f(secret, i);
                        break;
                    }
                    let next = end
                        + t[end..]
                            .iter()
                            .take(3)
                            .take_while(|b| matches!(b, b' ' | b'(' | b')'))
                            .count();
                    if next == end || !t.get(next).is_some_and(u8::is_ascii_digit) {
                        break;
                    }
                    g = next;
                }
            }
            i = first_end;
        }
    }

    fn phone(&self, digits: &[u8]) -> Option<&usize> {
        let p = &self.phones;
        digits
            .strip_prefix(b"62")
            .and_then(|n| p.get(n))
            .or_else(|| digits.strip_prefix(b"0").and_then(|n| p.get(n)))
            .or_else(|| p.get(digits))
    }

    /// Calls `f(secret, offset)` for every match in `bytes` read as `kind`,
    /// with the offset in `bytes`.
    pub(super) fn each(&self, bytes: &[u8], kind: Kind, mut f: impl FnMut(usize, usize)) {
        let mut any = false;
        for n in normalise_apart(bytes, kind) {
            self.each_normal(&n.text, &n.edges, |_, _| any = true);
        }
        if !any {
            return; // the common case: no map needed
        }
        let n = normalise_mapped(bytes, kind);
        self.each_normal(&n.text, &n.edges, |secret, at| f(secret, n.map[at]));
    }

    /// The first offset in `bytes` (read as `kind`) of every secret found.
    pub(super) fn scan(&self, bytes: &[u8], kind: Kind) -> BTreeMap<usize, usize> {
        let mut found: BTreeMap<usize, usize> = BTreeMap::new();
        self.each(bytes, kind, |secret, at| {
            let first = found.entry(secret).or_insert(at);
            *first = (*first).min(at);
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::super::boundary::glued_before;
    use super::*;

    fn secret(value: &str, what: What) -> Secret {
        Secret {
            value: value.into(),
            what,
            owner: "t".into(),
            file: "content/internal/rosters/t.yaml".into(),
            field: "participants[1].name".into(),
        }
    }

    fn finds_in(value: &str, what: What, hay: &str, kind: Kind) -> bool {
        let needles = Needles::new(&[secret(value, what)]);
        !needles.scan(hay.as_bytes(), kind).is_empty()
    }

    fn finds(value: &str, what: What, hay: &str) -> bool {
        finds_in(value, what, hay, Kind::Markup)
    }

    /// `n` distinct made-up names, as a large roster has.
    fn names(n: usize) -> Vec<Secret> {
        let first = [
            "Yohanes",
            "Maria",
            "Fransiskus",
            "Agustina",
            "Petrus",
            "Kornelia",
        ];
        let last = [
            "Jehadu",
            "Ndun",
            "Lado",
            "Mbete",
            "Nggajo",
            "Taolin",
            "Manggarai",
        ];
        (0..n)
            .map(|i| {
                let (f, l) = (first[i % first.len()], last[(i / first.len()) % last.len()]);
                secret(&format!("{f} {l} {i:05}"), What::Name)
            })
            .collect()
    }

    #[test]
    fn a_large_roster_is_searched_in_little_memory_and_every_name_is_found() {
        let large = Needles::new(&names(100_000));
        let walk = large.walk.as_ref().unwrap();
        let mb = walk.memory_usage() as f64 / 1e6;
        assert!(mb < 64.0, "{mb:.1} MB for 100,000 names");
        let all = names(100_000);
        let (a, b) = (&all[50].value, all[99_999].value.to_uppercase());
        let hay = format!("<p>Kata {a} dan {b}.</p>");
        let found = large.scan(hay.as_bytes(), Kind::Markup);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn a_value_is_found_as_typed_and_in_any_case() {
        let v = "Yohanes Jehadu";
        assert!(finds(v, What::Name, "<p>Yohanes Jehadu lulus</p>"));
        assert!(finds(v, What::Name, "<h1>YOHANES JEHADU</h1>"));
        assert!(!finds(v, What::Name, "<p>Yohanes lulus</p>"));
        assert!(finds("Ándrés Ruíz", What::Name, "OLEH ÁNDRÉS RUÍZ"));
        assert!(finds("Ándrés Ruíz", What::Name, "/tags/andres-ruiz/"));
    }

    #[test]
    fn escaped_forms_are_found() {
        let v = "Maria O'Neil & Co";
        assert!(finds(
            v,
            What::ContactName,
            "<p>Maria O&#39;Neil &amp; Co</p>"
        ));
        assert!(finds(
            v,
            What::ContactName,
            "t=\"Maria O&#x27;Neil &amp; Co\""
        ));
        assert!(finds(
            v,
            What::ContactName,
            "<n>Maria O&apos;Neil &amp; Co</n>"
        ));
        let json = |v, hay| finds_in(v, What::Name, hay, Kind::Json);
        assert!(json(
            "SKB-RDG/BB/2025/011",
            r#"{"n":"SKB-RDG\/BB\/2025\/011"}"#
        ));
        assert!(json("Ándrés Ruíz", r#""\u00c1ndr\u00e9s Ru\u00edz""#));
        assert!(json("Say \"Hi\" Ana", r#""Say \"Hi\" Ana""#));
        let url = |v, hay| finds_in(v, What::Email, hay, Kind::Text);
        assert!(url("Maria Jelita", "?q=Maria%20Jelita"));
        assert!(url("Maria Jelita", "?q=maria+jelita&x"));
        assert!(url("Ándrés Ruíz", "/%C3%81ndr%C3%A9s%20Ru%C3%ADz"));
        assert!(url("maria@example.org", "mailto:maria%40example.org"));
        assert!(url("001/MoU/2025", "/x/001%2FMoU%2F2025/"));
        assert!(url("Maria Jelita", "?q=kata%20Maria%20Jelita"));
        assert!(url("Yohanes Jehadu", "stories/yohanes_jehadu-lulus/"));
    }

    #[test]
    fn spacing_and_separators_do_not_hide_a_number() {
        for hay in [
            "WBP 2025 0142",
            "WBP\u{2011}2025\u{2011}0142",
            "WBP&ndash;2025&mdash;0142",
            "WBP20250142",
            "WBP2025-0142",
            "wbp_2025_0142",
        ] {
            assert!(finds("WBP-2025-0142", What::Registration, hay), "{hay}");
        }
        assert!(finds("SKB/BB/2025", What::Certificate, "SKB / BB / 2025"));
        assert!(finds("Fransiskus Jemadu", What::Name, "#FransiskusJemadu"));
    }

    #[test]
    fn phones_are_found_by_their_digits_in_any_grouping() {
        let p = "+62 812 3745 0918";
        for hay in [
            "+62 812 3745 0918",
            "tel:+6281237450918",
            "https://wa.me/6281237450918",
            "WA 081237450918.",
            "0812-3745-0918",
            "0812 3745 0918",
            "+62-812-3745-0918",
            "(0812) 37450918",
            "(0812) 3745 0918",
            "62.812.3745.0918",
            "08 123 745 091 8",
            "0812&nbsp;3745&#8209;0918",
            "812 3745 0918",
        ] {
            assert!(finds(p, What::Phone, hay), "{hay}");
        }
        assert!(!finds(p, What::Phone, "id 9081237450918"));
        assert!(!finds(p, What::Phone, "0812 3745"));
        assert!(!finds(p, What::Phone, "0812 3745 09189"));
        assert!(!finds(p, What::Phone, "x0812 3745 0918"));
        assert!(finds("0812-1111-2222", What::Phone, "+62 812 1111 2222"));
    }

    #[test]
    fn a_value_glued_to_letters_or_digits_is_not_a_hit() {
        let reg = What::Registration;
        assert!(!finds("Maria Jelita", What::Name, "AnnaMaria Jelitasari"));
        assert!(!finds("Maria", What::Name, "AnnaMaria"));
        assert!(!finds("Maria", What::Name, "Mariam"));
        assert!(!finds("WBP-2025-0142", reg, "WBP-2025-01425"));
        assert!(!finds("WBP-2025-0142", reg, "XWBP-2025-0142"));
        assert!(!finds("Ándrés", What::Name, "Ándrésé"));
        assert!(!finds("Ándrés", What::Name, "éÁndrés"));
        assert!(finds("WBP-2025-0142", reg, "(WBP-2025-0142)"));
        assert!(finds("Ándrés", What::Name, "«Ándrés»"));
        assert!(finds("Maria", What::Name, "<b>Anna</b> Maria"));
        // What goes before is the character just before, not one further.
        assert!(!glued_before("a«".as_bytes(), 3));
        assert!(glued_before("«é".as_bytes(), 4));
    }

    #[test]
    fn a_tag_edge_may_end_a_word_but_plain_text_does_not() {
        let reg = What::Registration;
        let touching = r#"<span class="f">Rutan WBP-2025-0142</span><span>Pembinaan</span>"#;
        assert!(finds("WBP-2025-0142", reg, touching));
        assert!(finds("WBP-2025-0142", reg, "<i>x</i>WBP-2025-0142<i>2</i>"));
        let name = What::Name;
        let v = "Fransiskus Jemadu";
        assert!(finds(
            v,
            name,
            "<span>Fransiskus Jemadu</span><span>berlatih</span>"
        ));
        assert!(finds(
            v,
            name,
            "<span>Kabar</span><span>Fransiskus Jemadu</span>"
        ));
        assert!(finds(v, name, "<strong>Fran</strong>siskus Jemadu"));
        assert!(finds("Maria", name, "<b>Anna</b>Maria"));
        assert!(!finds("Maria", name, "AnnaMaria"));
        assert!(!finds("Maria", name, "<p>AnnaMaria</p>"));
        assert!(!finds("Maria", name, "<b>AnnaMariam</b>"));
        let phone = "+62 812 3745 0918";
        assert!(finds(phone, What::Phone, "<b>WA</b>081237450918<b>x</b>"));
        assert!(!finds(phone, What::Phone, "WA081237450918"));
    }

    #[test]
    fn an_email_is_found_with_its_at_and_dots_spelled_out() {
        let v = "humas.rdg@skbmail.example";
        for hay in [
            "humas.rdg @ skbmail.example",
            "humas.rdg (at) skbmail (dot) example",
            "humas.rdg(at)skbmail(dot)example",
            "humas.rdg[at]skbmail[dot]example",
            "Humas.Rdg [AT] skbmail.example",
            "humas.rdg at skbmail dot example",
        ] {
            assert!(finds(v, What::Email, hay), "{hay}");
        }
        assert!(!finds(v, What::Email, "humas.rdg (at) skbmail.examples"));
        // Only an email's forms are spelled out.
        assert!(!finds("a.bcd@ef.gh", What::Name, "a.bcd (at) ef.gh"));
    }

    #[test]
    fn short_values_are_not_searched() {
        assert!(forms("C-1").is_empty());
        assert!(forms("Ani").is_empty());
        assert!(!forms("R-001").is_empty());
    }

    #[test]
    fn every_way_of_closing_the_gaps_is_a_form() {
        assert_eq!(
            forms("WBP-2025-0142"),
            [
                "wbp 2025 0142",
                "wbp2025 0142",
                "wbp 20250142",
                "wbp20250142"
            ]
        );
        assert_eq!(forms("Maria").len(), 1);
        assert_eq!(forms("a b c d e f g h").len(), 2);
    }
}
