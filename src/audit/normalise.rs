//! How the leak audit reads text: as a reader does, in words.
//!
//! One normaliser serves both sides of the comparison: every identity value
//! ([`Kind::Value`]) and every file it must not appear in. What a reader
//! reads as the same name comes out as the same bytes: tags stripped (inline
//! ones such as `<strong>` join, block ones and `<br>` part words), entities,
//! JSON and YAML escapes and percent-escapes decoded, soft hyphens and
//! zero-width characters dropped, case and accents folded (compatibility
//! decomposition, so `ﬁ`, full-width letters and `²` fold too), common
//! Cyrillic and Greek look-alikes read as Latin, and every run of white space
//! and separators (` `, `-`, `/`, `.`, `_`, `+` and their variants) one
//! space. Other punctuation stays, so that it still parts words.
//!
//! Nothing a file holds is dropped: the inside of every tag (names and
//! attribute values: `alt`, `title`, `href`, `content`), comments and scripts
//! are read too, after the text a reader sees, each apart from its
//! neighbours.
//!
//! Where an inline tag (or a comment or script) joined two words, the text
//! keeps the place as an edge: a value that starts or ends there is read as
//! starting or ending a word, so that `<span>Rutan X</span><span>Pembinaan`
//! still shows `X` on its own, while `<b>Fran</b>siskus` is still
//! `fransiskus`.
//!
//! Pure: bytes in, text out. With a map, each byte of the text is traced to
//! the byte of the input it came from, so that a match can be named by line
//! and field.

use super::markup::Reader;
use super::text_out::{Flags, Normal, Out, chars, unescape_entities};

/// How a file's bytes are read before their characters are folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// An identity value: characters folded, nothing decoded.
    Value,
    /// Plain text, file names and anything else: percent-escapes decoded.
    Text,
    /// HTML and SVG: tags stripped, entities decoded.
    Markup,
    /// XML (feeds): markup whose text may itself be escaped HTML.
    Feed,
    /// JSON and scripts: backslash escapes decoded, then read as markup.
    Json,
    /// Content files (Markdown and YAML): YAML and Markdown escapes decoded,
    /// raw HTML read as markup, emphasis marks (`*`, `` ` ``, `~`) dropped.
    Source,
}

impl Kind {
    /// How an output file is read, from its name.
    pub(super) fn of_path(path: &str) -> Kind {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" | "svg" => Kind::Markup,
            "xml" => Kind::Feed,
            "json" | "js" | "mjs" => Kind::Json,
            _ => Kind::Text,
        }
    }

    fn markup(self) -> bool {
        matches!(self, Kind::Markup | Kind::Feed | Kind::Json | Kind::Source)
    }

    fn escapes(self) -> bool {
        matches!(self, Kind::Json | Kind::Source)
    }
}

/// `bytes` read as `kind`, normalised.
pub(super) fn normalise(bytes: &[u8], kind: Kind) -> Vec<u8> {
    run(bytes, kind, false).joined().text
}

/// As [`normalise`], as two texts: what a reader sees, with its tag edges,
/// and the inside of tags, comments and scripts (the two are joined by a
/// space otherwise).
pub(super) fn normalise_apart(bytes: &[u8], kind: Kind) -> [Normal; 2] {
    let r = run(bytes, kind, false);
    [r.text.normal(), r.hidden.normal()]
}

/// As [`normalise`], with the input offset of every byte of the text.
pub(super) fn normalise_mapped(bytes: &[u8], kind: Kind) -> Normal {
    run(bytes, kind, true).joined()
}

/// The text and the hidden text of `bytes`, read as `kind`.
struct Read {
    text: Out,
    hidden: Out,
}

impl Read {
    fn joined(mut self) -> Normal {
        if !self.hidden.text.is_empty() {
            let at = self.hidden.map.as_ref().map_or(0, |m| m[0]);
            self.text.sep(at);
            self.text.text.extend_from_slice(&self.hidden.text);
            if let (Some(m), Some(h)) = (&mut self.text.map, &self.hidden.map) {
                m.extend_from_slice(h);
            }
        }
        self.text.normal()
    }
}

fn run(bytes: &[u8], kind: Kind, mapped: bool) -> Read {
    if kind == Kind::Feed {
        // An Atom or RSS `content` holds HTML written as `&lt;p&gt;`: decode
        // the entities once, then read what they held as markup.
        let decoded = unescape_entities(bytes);
        let mut r = run(&decoded.text, Kind::Markup, mapped);
        for out in [&mut r.text, &mut r.hidden] {
            for m in out.map.iter_mut().flatten() {
                *m = decoded.map.get(*m).copied().unwrap_or(bytes.len());
            }
        }
        return r;
    }
    let mut r = Reader {
        src: bytes,
        text_flags: Flags {
            entities: true,
            percent: true,
            backslash: kind.escapes(),
            marks: kind == Kind::Source,
        },
        text: Out::new(bytes.len(), mapped),
        hidden: Out::new(if kind.markup() { bytes.len() / 4 } else { 0 }, mapped),
    };
    if kind.markup() {
        r.markup();
    } else {
        let flags = Flags {
            percent: kind != Kind::Value,
            ..Flags::default()
        };
        chars(r.src, 0, r.src.len(), flags, &mut r.text);
    }
    r.text.trim();
    r.hidden.trim();
    Read {
        text: r.text,
        hidden: r.hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str, kind: Kind) -> String {
        String::from_utf8(normalise(s.as_bytes(), kind)).unwrap()
    }

    fn html(s: &str) -> String {
        n(s, Kind::Markup)
    }

    #[test]
    fn values_fold_case_accents_and_separators() {
        assert_eq!(n("Fransiskus  Jemadu", Kind::Value), "fransiskus jemadu");
        assert_eq!(n("Fransískus JÉMADU", Kind::Value), "fransiskus jemadu");
        assert_eq!(n("WBP-2025-0142", Kind::Value), "wbp 2025 0142");
        assert_eq!(n("SKB / BB / 2025", Kind::Value), "skb bb 2025");
        assert_eq!(n("+62 812-3456-7890", Kind::Value), "62 812 3456 7890");
        assert_eq!(n("D\u{2019}Souza", Kind::Value), "d'souza");
        // A value is not decoded: `%20` in a value is what it says.
        assert_eq!(n("A%20B", Kind::Value), "a%20b");
    }

    #[test]
    fn dashes_spaces_and_invisible_characters_fold() {
        for s in [
            "WBP\u{2013}2025\u{2014}0142",
            "WBP\u{2212}2025\u{2011}0142",
            "WBP 2025 0142",
            "WBP\u{a0}2025\u{202f}0142",
            "WBP_2025+0142",
            "WBP . 2025 / 0142",
        ] {
            assert_eq!(html(s), "wbp 2025 0142", "{s}");
        }
        for s in [
            "Fran\u{ad}siskus",
            "Fran\u{200b}sis\u{200c}kus",
            "Fran\u{200d}sis\u{2060}kus\u{feff}",
            "Fran&shy;siskus",
            "Fran&#173;siskus",
            "Fran&#xAD;siskus",
            "Fran&ZeroWidthSpace;siskus",
        ] {
            assert_eq!(html(s), "fransiskus", "{s}");
        }
    }

    #[test]
    fn tags_part_or_join_words_as_a_browser_shows_them() {
        assert_eq!(
            html("<strong>Fran</strong>siskus"),
            "fransiskus strong strong"
        );
        assert_eq!(
            html("<span>Fransiskus</span> <span>Jemadu</span>"),
            "fransiskus jemadu span span span span"
        );
        assert!(html("<p>Fransiskus<br>Jemadu</p>").starts_with("fransiskus jemadu "));
        assert!(html("<td>Anna</td><td>Maria</td>").starts_with("anna maria "));
        assert!(html("Fran<wbr>siskus").starts_with("fransiskus "));
        assert!(html("Fran<!-- x -->siskus").starts_with("fransiskus "));
        assert!(html("Fran<script>x</script>siskus").starts_with("fransiskus "));
        assert!(html("Fransiskus\n  Jemadu").starts_with("fransiskus jemadu"));
    }

    #[test]
    fn tags_that_join_words_leave_an_edge() {
        let edges = |s: &str| normalise_mapped(s.as_bytes(), Kind::Markup).edges;
        // `rutan x` + `pembinaan`: an edge between `x` and `p` (and one at
        // the end, where the last tag closed).
        assert_eq!(edges("<span>Rutan X</span><span>Pembinaan</span>"), [7, 16]);
        assert_eq!(edges("<b>Fran</b>siskus"), [4]);
        assert_eq!(edges("Fran<!-- x -->siskus"), [4]);
        // A block tag parts the words: no edge needed.
        assert!(edges("<p>Anna</p><p>Maria</p>").is_empty());
        assert!(edges("AnnaMaria").is_empty());
        let [text, _] = normalise_apart(b"<i>Anna</i>Maria", Kind::Markup);
        assert_eq!(text.edges, [4]);
    }

    #[test]
    fn attributes_comments_and_scripts_are_read_apart_from_the_text() {
        let t = html(r#"<p>Foto<img alt="Fransiskus Jemadu" src="a.jpg">bersama</p>"#);
        assert!(t.starts_with("foto bersama "), "{t}");
        assert!(
            t.contains(" img alt=\"fransiskus jemadu\" src=\"a jpg\""),
            "{t}"
        );
        let t = html("<p>a</p><!-- Fransiskus\nJemadu --><p>b</p>");
        assert!(t.contains(" fransiskus jemadu "), "{t}");
        let t = html(
            r#"<script type="application/ld+json">{"name":"Fran\u00adsiskus <b>x</b>"}</script>"#,
        );
        assert!(t.contains("\"fransiskus <b>x< b>\""), "{t}");
        let t = html(r#"<a href="/tags/Frans%C3%ADskus+Jemadu/">x</a>"#);
        assert!(t.contains("tags fransiskus jemadu"), "{t}");
    }

    #[test]
    fn entities_and_escapes_are_decoded() {
        assert_eq!(html("Frans&iacute;skus&nbsp;Jemadu"), "fransiskus jemadu");
        assert_eq!(html("Fransiskus&#160;Jemadu"), "fransiskus jemadu");
        assert_eq!(html("Maria O&#39;Neil &amp; Co"), "maria o'neil & co");
        assert_eq!(html("a &lt;b&gt; c"), "a <b> c");
        assert_eq!(
            n(
                r#"{"t":"Fransiskus\u00a0Jemadu","u":"Fr\u00e1n\/x"}"#,
                Kind::Json
            ),
            r#"{"t":"fransiskus jemadu","u":"fran x"}"#
        );
        assert_eq!(n(r#""\ud83d\ude00 ok""#, Kind::Json), "\"\u{1f600} ok\"");
        assert_eq!(n("Ma%72ia%20Jelita", Kind::Text), "maria jelita");
        // Not an escape: kept as it is.
        assert_eq!(html("100% &foo; a<3"), "100% &foo; a<3");
    }

    #[test]
    fn look_alike_letters_and_compatibility_forms_fold() {
        assert_eq!(html("Fr\u{430}nsisk\u{3c5}s"), "fransiskus");
        assert_eq!(html("ＦＲＡＮＳＩＳＫＵＳ"), "fransiskus");
        assert_eq!(html("\u{2168}"), "ix");
        assert_eq!(html("I\u{307}"), "i");
    }

    #[test]
    fn feeds_read_escaped_html_as_markup() {
        let t = n(
            "<summary>&lt;strong&gt;Fran&lt;/strong&gt;siskus</summary>",
            Kind::Feed,
        );
        assert!(t.starts_with("fransiskus "), "{t}");
    }

    #[test]
    fn markdown_marks_are_dropped_in_content_files() {
        assert_eq!(n("**Fran**siskus", Kind::Source), "fransiskus");
        assert_eq!(n("`Fran`~~sis~~kus", Kind::Source), "fransiskus");
        assert_eq!(
            n("title: \"Fran\\u00adsiskus\"", Kind::Source),
            "title: \"fransiskus\""
        );
        // Elsewhere they are text.
        assert_eq!(html("**Fran**siskus"), "**fran**siskus");
    }

    #[test]
    fn the_map_leads_back_to_the_input() {
        let src = "<p>Isi <b>Fran</b>&shy;siskus\u{a0}Jemadu</p>";
        let n = normalise_mapped(src.as_bytes(), Kind::Markup);
        assert_eq!(n.text.len(), n.map.len());
        let text = String::from_utf8(n.text.clone()).unwrap();
        let at = text.find("fransiskus jemadu").unwrap();
        assert_eq!(n.map[at], src.find("Fran").unwrap());
        let j = text.find("jemadu").unwrap();
        assert_eq!(n.map[j], src.find("Jemadu").unwrap());
        let feed = "<x>&lt;b&gt;Fran&lt;/b&gt;siskus</x>";
        let n = normalise_mapped(feed.as_bytes(), Kind::Feed);
        assert_eq!(n.map[0], feed.find("Fran").unwrap());
    }

    #[test]
    fn binary_bytes_are_boundaries_not_letters() {
        let t = normalise(b"\xff\xd8Maria\xffJelita\x00", Kind::Text);
        assert_eq!(t, b"\0\0maria\0jelita");
    }
}
