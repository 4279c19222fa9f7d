//! What one character or escape reads as, for the audit's normaliser: case
//! and accents folded, invisible characters dropped, separators and
//! look-alike letters read as the plain ones; percent-escapes, backslash
//! escapes (JSON, JavaScript, YAML, Markdown) and HTML character references.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// What a character becomes in normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Folded {
    /// A byte of ASCII to write.
    Byte(u8),
    /// A letter or sign beyond ASCII, kept.
    Char(char),
    /// A separator: white space, a dash, a slash, a dot.
    Sep,
}

/// What an ASCII byte becomes: `SEP` for a separator, `SPECIAL` for a byte
/// that may start an escape (decided by the kind), else the byte to write.
pub(super) const SEP: u8 = 0;
pub(super) const SPECIAL: u8 = 1;
pub(super) static ASCII: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'A'..=b'Z' => c + 32,
            b'&' | b'%' | b'\\' | b'*' | b'`' | b'~' | b'<' | b'[' | b']' | 0x80.. => SPECIAL,
            b' ' | b'-' | b'/' | b'.' | b'_' | b'+' | 0..=0x1f | 0x7f => SEP,
            c => c,
        };
        b += 1;
    }
    t
};

/// `c` folded: each character it decomposes into, lowercased, given to `f`
/// (none when it is invisible).
pub(super) fn fold(c: char, mut f: impl FnMut(Folded)) {
    if c.is_ascii() {
        f(ascii(c as u8));
        return;
    }
    decompose_compatible(c, |d| {
        for l in d.to_lowercase() {
            if l.is_ascii() {
                f(ascii(l as u8));
            } else if is_combining_mark(l) || ignorable(l) {
            } else if l.is_whitespace() || separator(l) {
                f(Folded::Sep);
            } else if let Some(a) = look_alike(l) {
                f(Folded::Byte(a));
            } else {
                f(Folded::Char(l));
            }
        }
    });
}

fn ascii(b: u8) -> Folded {
    match ASCII[b as usize] {
        SEP => Folded::Sep,
        SPECIAL if b == b'`' => Folded::Byte(b'\''),
        SPECIAL => Folded::Byte(b),
        c => Folded::Byte(c),
    }
}

/// Characters a reader does not see: soft hyphen, zero-width characters,
/// joiners, direction marks, variation selectors and tags
/// (Unicode's default-ignorable code points).
fn ignorable(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Dashes, slashes and dots other than ASCII's, read as separators.
fn separator(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{2043}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{02D7}'
                | '\u{058A}'
                | '\u{1806}'
                | '\u{2E17}'
                | '\u{2044}'
                | '\u{2215}'
                | '\u{29F8}'
                | '\u{2216}'
                | '\u{FF3C}'
                | '\u{B7}'
                | '\u{2027}'
                | '\u{2219}'
                | '\u{22C5}'
                | '\u{30FB}'
                | '\u{FF65}'
                | '\u{2022}'
                | '\u{2795}'
    )
}

/// Letters that look like Latin ones (lowercase), and quote marks that
/// stand for an apostrophe.
fn look_alike(c: char) -> Option<u8> {
    Some(match c {
        'а' | 'α' => b'a',
        'в' | 'β' | 'ь' => b'b',
        'с' | 'ϲ' => b'c',
        'ԁ' => b'd',
        'е' | 'ε' | 'є' => b'e',
        'ɡ' => b'g',
        'һ' | 'н' => b'h',
        'і' | 'ι' | 'ı' | 'ӏ' => b'i',
        'ј' | 'ϳ' => b'j',
        'к' | 'κ' => b'k',
        'м' => b'm',
        'п' | 'η' => b'n',
        'о' | 'ο' | 'σ' => b'o',
        'р' | 'ρ' => b'p',
        'ԛ' => b'q',
        'г' => b'r',
        'ѕ' => b's',
        'т' | 'τ' => b't',
        'υ' | 'ц' => b'u',
        'ν' => b'v',
        'ԝ' | 'ω' | 'ш' => b'w',
        'х' | 'χ' => b'x',
        'у' | 'γ' => b'y',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '\u{02B9}'
        | '\u{00B4}' | '\u{FF07}' => b'\'',
        _ => return None,
    })
}

/// The named references a disguise would use: spaces, invisible characters,
/// dashes and punctuation, and the accented letters (read as their base
/// letter, since accents are folded anyway).
pub(super) fn named(name: &str) -> Option<char> {
    const ACCENTS: [&str; 15] = [
        "grave", "acute", "circ", "tilde", "uml", "ring", "cedil", "slash", "caron", "macr",
        "breve", "ogon", "dot", "dblac", "strok",
    ];
    let mut cs = name.chars();
    if let Some(l) = cs.next().filter(char::is_ascii_alphabetic)
        && ACCENTS.contains(&cs.as_str())
    {
        return Some(l);
    }
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" | "rsquo" | "lsquo" | "rsquor" | "sbquo" | "prime" => '\'',
        "ldquo" | "rdquo" | "bdquo" | "Prime" => '"',
        "nbsp" | "ensp" | "emsp" | "emsp13" | "emsp14" | "thinsp" | "hairsp" | "numsp"
        | "puncsp" | "MediumSpace" | "ThinSpace" | "VeryThinSpace" | "NonBreakingSpace"
        | "NewLine" | "Tab" => ' ',
        "shy"
        | "ZeroWidthSpace"
        | "NoBreak"
        | "zwj"
        | "zwnj"
        | "lrm"
        | "rlm"
        | "af"
        | "ic"
        | "it"
        | "InvisibleTimes"
        | "InvisibleComma"
        | "ApplyFunction"
        | "NegativeThinSpace"
        | "NegativeMediumSpace"
        | "NegativeThickSpace"
        | "NegativeVeryThinSpace" => '\u{AD}',
        "ndash" | "mdash" | "minus" | "hyphen" | "dash" | "horbar" | "hybull"
        | "HorizontalLine" => '-',
        "sol" | "frasl" | "setminus" | "bsol" => '/',
        "period" | "middot" | "centerdot" | "CenterDot" | "bull" | "bullet" | "sdot" => '.',
        "lowbar" | "UnderBar" => '_',
        "plus" => '+',
        "hellip" | "mldr" => '…',
        "comma" => ',',
        "colon" => ':',
        "semi" => ';',
        "excl" => '!',
        "quest" => '?',
        "num" => '#',
        "commat" => '@',
        "percnt" => '%',
        "dollar" => '$',
        "ast" | "midast" => '*',
        "equals" => '=',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "lcub" | "lbrace" => '{',
        "rcub" | "rbrace" => '}',
        "verbar" | "vert" | "VerticalLine" => '|',
        "grave" | "DiacriticalGrave" => '`',
        "szlig" => 'ß',
        "aelig" | "AElig" => 'æ',
        "oelig" | "OElig" => 'œ',
        "eth" | "ETH" => 'ð',
        "thorn" | "THORN" => 'þ',
        "imath" | "inodot" => 'i',
        "jmath" => 'j',
        "copy" | "COPY" => '©',
        "reg" | "REG" => '®',
        "deg" => '°',
        _ => return None,
    })
}

/// A `%XX` escape (or a run of them forming one UTF-8 character).
pub(super) fn percent(s: &[u8]) -> Option<(char, usize)> {
    let byte = |at: usize| -> Option<u8> {
        if s.get(at) != Some(&b'%') {
            return None;
        }
        let hex = std::str::from_utf8(s.get(at + 1..at + 3)?).ok()?;
        u8::from_str_radix(hex, 16).ok()
    };
    let first = byte(0)?;
    if first < 0x80 {
        return Some((first as char, 3));
    }
    let len = match first {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut buf = [first, 0, 0, 0];
    for (k, slot) in buf.iter_mut().enumerate().take(len).skip(1) {
        *slot = byte(3 * k)?;
    }
    let c = std::str::from_utf8(&buf[..len]).ok()?.chars().next()?;
    Some((c, 3 * len))
}

/// A JSON, JavaScript, YAML or Markdown backslash escape.
pub(super) fn backslash(s: &[u8]) -> Option<(char, usize)> {
    let hex = |from: usize, n: usize| -> Option<u32> {
        let h = std::str::from_utf8(s.get(from..from + n)?).ok()?;
        u32::from_str_radix(h, 16).ok()
    };
    let c = match *s.get(1)? {
        b'u' => {
            let u = hex(2, 4)?;
            if (0xD800..0xDC00).contains(&u) {
                // A surrogate pair, as JSON writes characters beyond the BMP.
                if s.get(6..8) == Some(b"\\u")
                    && let Some(lo) = hex(8, 4).filter(|l| (0xDC00..0xE000).contains(l))
                {
                    let c = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    return Some((char::from_u32(c)?, 12));
                }
                return Some(('\u{FFFD}', 6));
            }
            return Some((char::from_u32(u).unwrap_or('\u{FFFD}'), 6));
        }
        b'x' => return Some((char::from_u32(hex(2, 2)?)?, 4)),
        b'U' => return Some((char::from_u32(hex(2, 8)?)?, 10)),
        b'n' | b't' | b'r' | b'b' | b'f' | b'v' | b'0' | b'N' | b'L' | b'P' | b' ' => ' ',
        b'\n' => ' ',
        b'_' => '\u{A0}',
        c if c.is_ascii_punctuation() => c as char,
        _ => return None,
    };
    Some((c, 2))
}

/// An HTML character reference at the start of `s` (`&amp;`, `&#160;`,
/// `&#xA0;`, `&eacute;`), and its length.
pub(super) fn entity(s: &[u8]) -> Option<(char, usize)> {
    if s.get(1) == Some(&b'#') {
        let (radix, from) = match s.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let digits = s[from..]
            .iter()
            .take(8)
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if digits == 0 {
            return None;
        }
        let n = std::str::from_utf8(&s[from..from + digits]).ok()?;
        let c = u32::from_str_radix(n, radix)
            .ok()
            .and_then(char::from_u32)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        let end = from + digits;
        let len = if s.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return Some((c, len));
    }
    let name_len = s[1..]
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = std::str::from_utf8(&s[1..1 + name_len]).ok()?;
    let c = named(name)?;
    if s.get(1 + name_len) == Some(&b';') {
        Some((c, name_len + 2))
    } else if matches!(
        name,
        "amp" | "lt" | "gt" | "quot" | "nbsp" | "shy" | "AMP" | "LT" | "GT"
    ) {
        Some((c, name_len + 1)) // browsers read these without the `;`
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(c: char) -> Vec<Folded> {
        let mut v = Vec::new();
        fold(c, |f| v.push(f));
        v
    }

    #[test]
    fn characters_fold_to_what_a_reader_reads() {
        assert_eq!(folded('É'), [Folded::Byte(b'e')]);
        assert_eq!(folded('ﬁ'), [Folded::Byte(b'f'), Folded::Byte(b'i')]);
        assert_eq!(folded('\u{2011}'), [Folded::Sep]);
        assert_eq!(folded('\u{a0}'), [Folded::Sep]);
        assert_eq!(folded('\u{200b}'), []);
        assert_eq!(folded('\u{ad}'), []);
        assert_eq!(folded('о'), [Folded::Byte(b'o')]);
        assert_eq!(folded('ß'), [Folded::Char('ß')]);
    }

    #[test]
    fn named_references_of_accented_letters_read_as_the_letter() {
        assert_eq!(named("iacute"), Some('i'));
        assert_eq!(named("Scaron"), Some('S'));
        assert_eq!(named("nbsp"), Some(' '));
        assert_eq!(named("middot"), Some('.'));
        assert_eq!(named("ndash"), Some('-'));
        assert_eq!(named("nosuch"), None);
    }
}
