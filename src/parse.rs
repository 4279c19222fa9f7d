//! Parse stage: text -> raw records.
//!
//! Splits Markdown files into front matter and body; the YAML itself is
//! decoded into the `Raw*` types of [`crate::raw`] by [`crate::yaml`]. It does not
//! judge values (that is `model`) and does no I/O.

use crate::diag::Pos;

/// The first invisible control character of a record's text, with its place
/// (1-based): C0 controls but tab, line feed and carriage return, DEL, and
/// the C1 controls. Written into a page they are invalid HTML, and a
/// backspace inside a name can disguise it from a reader and a search.
pub fn control_char(text: &str) -> Option<(Pos, char)> {
    // Read as bytes: a C0 control or DEL is one byte, and a C1 control is
    // 0xC2 then 0x80..=0x9F (no other character is encoded so).
    let bytes = text.as_bytes();
    let control = |i: usize| {
        matches!(bytes[i], 0..=8 | 0xb | 0xc | 0xe..=0x1f | 0x7f)
            || (bytes[i] == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    };
    // Most text has none: a chunk with no byte that may begin one is passed
    // whole (a loop without an early exit, which the compiler vectorises).
    let maybe =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0x7f) | (b == 0xc2);
    let at = bytes
        .chunks(32)
        .enumerate()
        .filter(|(_, chunk)| chunk.iter().fold(false, |any, &b| any | maybe(b)))
        .find_map(|(n, chunk)| (n * 32..n * 32 + chunk.len()).find(|&i| control(i)))?;
    let c = text[at..].chars().next()?;
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

pub use crate::yaml::{Seg, Spans, decode as from_yaml};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::msg;

    /// The first problem of a text that has one.
    /// The first problem of `yaml`, its message as text.
    struct Problem {
        pos: Pos,
        message: String,
    }

    fn err<T: serde::de::DeserializeOwned>(yaml: &str, private: bool) -> Problem {
        let mut d = from_yaml::<T>(yaml, private);
        assert!(!d.errors.is_empty(), "no error for {yaml:?}");
        let e = d.errors.remove(0);
        Problem {
            pos: e.pos,
            message: e.message.to_string(),
        }
    }

    fn ok<T: serde::de::DeserializeOwned>(yaml: &str) -> T {
        let d = from_yaml::<T>(yaml, false);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        d.value.expect("decoded")
    }

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
        let e = err::<T>("hours: 4294967296\n", false);
        assert!(e.message.contains("4294967296"), "{}", e.message);
        assert!(e.message.contains("4294967295"), "{}", e.message);
        let e = err::<T>("money: 99999999999999999999999\n", false);
        assert!(!e.message.contains("u128"), "{}", e.message);
        assert!(e.message.contains("18446744073709551615"), "{}", e.message);
        let e = err::<T>("hours: 1\nnested:\n\ta: 1\n", false);
        assert_eq!(e.pos.line, 3, "{}", e.message);
        assert_eq!(e.message, msg!("yaml_tab").to_string());
        // A tab after the indentation, inside a value, is not the problem.
        let _: T = ok("hours: 1\t# comment\n");
        // Private data: the limit is said, the number is not.
        let e = err::<T>("hours: 4294967296\n", true);
        assert!(!e.message.contains("4294967296"), "{}", e.message);
        assert!(e.message.contains("4294967295"), "{}", e.message);
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
        let e = err::<T>("title: A\nparticipants: many\n", false);
        assert_eq!(e.pos.line, 2);
        assert!(e.message.contains("`participants`"), "{}", e.message);
        // Unit tests run in the default language, Indonesian.
        assert!(
            e.message
                .contains("tertulis teks \"many\", seharusnya bilangan bulat"),
            "{}",
            e.message
        );

        let e = err::<T>("title: A\ndescripton: x\n", false);
        assert_eq!(e.pos.line, 2);
        assert_eq!(
            e.message,
            "kolom `descripton` tidak dikenal — mungkin maksudnya `description`?"
        );

        let e = err::<T>("title: A\nzzz: x\n", false);
        assert!(
            e.message
                .contains("kolom yang boleh ada di sini: title, description, participants"),
            "{}",
            e.message
        );

        let e = err::<T>("title: [unclosed\n", false);
        assert!(e.pos.line >= 1);

        let e = err::<T>("title: a\ndescription: Jam: 10\n", false);
        assert_eq!(e.pos.line, 2);
        assert!(
            e.message.starts_with("tanda `:` tidak boleh"),
            "{}",
            e.message
        );

        let e = err::<T>("title: \"Las\ndescription: x\n", false);
        assert!(e.message.contains("tanda kutip"), "{}", e.message);
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct L {
        tags: Option<Vec<String>>,
    }

    #[test]
    fn lists_and_duplicates_are_explained() {
        let e = err::<L>("tags: satu\n", false);
        assert!(e.message.ends_with("seharusnya daftar"), "{}", e.message);
        let e = err::<T>("title: A\ntitle: B\n", false);
        assert_eq!(
            e.message,
            "kolom `title` tertulis dua kali; simpan satu saja"
        );
        // At the second one: the first is where it belongs.
        assert_eq!(e.pos.line, 2);
    }

    #[test]
    fn negative_count_is_explained() {
        let e = err::<T>("participants: -3\n", false);
        assert!(e.message.contains("-3"), "{}", e.message);
        assert!(e.message.contains("0 atau lebih"), "{}", e.message);
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
        let e = err::<T>("count: Fransiskus Jemadu\n", true);
        assert!(!e.message.contains("Fransiskus"), "{}", e.message);
        assert_eq!(e.pos.line, 1);
        let e = err::<T>("internal:\n  phone: Maria Goreti\n", false);
        assert!(!e.message.contains("Maria"), "{}", e.message);
        assert!(
            e.message.contains("phone"),
            "the field is named: {}",
            e.message
        );
        // A public field's value is still quoted, so it can be found.
        let e = err::<T>("count: banyak\n", false);
        assert!(e.message.contains("banyak"), "{}", e.message);
    }

    /// The byte scan finds what reading characters would: every character
    /// up to U+2FFF, between accented letters and Word's punctuation.
    #[test]
    fn control_characters_are_found_as_characters_would_find_them() {
        let by_chars = |t: &str| {
            t.chars().find(|&c| {
                matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
            })
        };
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let text = format!("Ānā “é”{c}\u{a0}ß");
            let found = control_char(&text).map(|(_, c)| c);
            assert_eq!(found, by_chars(&text), "U+{:04X}", c as u32);
        }
        // In long text, at every place in and across the chunks scanned whole.
        for c in [
            '\u{1}', '\u{1f}', '\u{7f}', '\u{85}', '\u{9f}', '\u{a0}', '\t', 'é',
        ] {
            for before in 0..70 {
                let text = format!("{}{c}{}\u{a0}\r\n", "a".repeat(before), "é".repeat(40));
                let found = control_char(&text).map(|(p, c)| (p.col, c));
                let expected = by_chars(&text).map(|c| (before + 1, c));
                assert_eq!(found, expected, "U+{:04X} after {before}", c as u32);
            }
        }
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
        let e = err::<L>("tags: [a, [b]]\n", false);
        assert!(e.message.starts_with("`tags[2]`"), "{}", e.message);
    }

    #[test]
    fn unknown_keys_of_internal_data_are_not_quoted() {
        let e = err::<T>("title: A\nFransiskus Jemadu: x\n", true);
        assert!(!e.message.contains("Fransiskus"), "{}", e.message);
        assert_eq!(e.pos.line, 2);
        // A known field close to the key is suggested: it is the schema's.
        let e = err::<T>("titel: A\n", true);
        assert!(!e.message.contains("titel"), "{}", e.message);
        assert!(e.message.contains("`title`"), "{}", e.message);
    }

    #[test]
    fn empty_yaml_is_an_empty_mapping() {
        let t: T = ok("  \n");
        assert!(t.title.is_none());
    }
}
