//! Markdown -> HTML with pulldown-cmark: tables, footnotes, strikethrough and
//! heading anchors. Pure: text in, HTML out.
//!
//! Raw HTML is allowed in Markdown, so every fragment goes through ammonia's
//! allow-list before it reaches a page of either site (see [`sanitise`]):
//! no script, frame, object, form or style element, no event-handler or
//! style attribute, no URL but http(s), mailto, tel, relative ones and a few
//! raster `data:` images.
//!
//! Several Markdown fragments can share one page (a training's body and its
//! outcome's summary), so heading ids and footnote ids are made unique through
//! an [`IdSet`] owned by the page.

pub mod memo;
mod sanitise;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use self::sanitise::{aligned_by_class, needs_sanitising, sanitise};
use crate::text::slugify;

/// A record's Markdown body: the end of its file's text, shared with the
/// loaded file rather than copied, for the bodies of a 100,000-story site
/// are some 600 MB, and a copy of them beside the loaded content made the
/// peak of the model stage.
pub type Body = crate::text::Shared;

/// A fragment that owns its page (a story's body), rendered when its page
/// is: a site of 100,000 stories would otherwise hold every story's HTML
/// from the views to the last page. Serialized for a template (a
/// human-readable serializer) it is the HTML of [`to_html`] with a fresh
/// [`IdSet::for_page`]; for the page fingerprints of `serve` (which are not
/// human-readable) it is the Markdown, which fixes that HTML.
#[derive(Debug, Clone)]
pub struct Later(pub Body);

impl serde::Serialize for Later {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&to_html(&self.0, &mut IdSet::for_page()))
        } else {
            s.serialize_str(&self.0)
        }
    }
}

/// The ids already used on a page.
#[derive(Debug, Default)]
pub struct IdSet {
    used: BTreeSet<String>,
}

impl IdSet {
    /// A page's set, with the ids the theme itself uses reserved.
    pub fn for_page() -> Self {
        let mut s = IdSet::default();
        for id in ["main", "top", "nav", "content", "footer"] {
            s.used.insert(id.to_string());
        }
        s
    }

    /// `base`, or `base-2`, `base-3`... whichever is free, now taken.
    pub fn claim(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "bagian" } else { base };
        let mut id = base.to_string();
        let mut n = 1;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `md` to HTML. Headings are shifted so that the fragment's
/// top level is `<h2>` (the page title is the `<h1>`), and get ids.
pub fn to_html(md: &str, ids: &mut IdSet) -> String {
    let before = ids.used.clone();
    let events: Vec<Event> = Parser::new_ext(md, options()).collect();
    let raw = needs_sanitising(&events);

    // Footnote labels -> (number, unique id), numbered in order of first reference.
    let mut notes: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for e in &events {
        let label = match e {
            Event::FootnoteReference(l) => l,
            Event::Start(Tag::FootnoteDefinition(l)) => l,
            _ => continue,
        };
        if !notes.contains_key(label.as_ref()) {
            let n = notes.len() + 1;
            let id = ids.claim(&format!("catatan-{}", slugify(label)));
            notes.insert(label.to_string(), (n, id));
        }
    }
    let min_level = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2usize.saturating_sub(min_level);

    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    // The page's <h1> is the title; a fragment never skips a level below it.
    let mut last_level = 1usize;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                let text: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let wanted = id.as_deref().map_or_else(|| slugify(&text), slugify);
                let level = shifted(*level, shift, last_level + 1);
                last_level = level as usize;
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(ids.claim(&wanted))),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
                out.extend(events[i + 1..end].iter().cloned());
                out.push(Event::End(TagEnd::Heading(level)));
                i = end + 1;
                continue;
            }
            Event::FootnoteReference(label) => {
                let (n, id) = &notes[label.as_ref()];
                out.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"fnref\"><a href=\"#{id}\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let (n, id) = &notes[label.as_ref()];
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"{id}\"><span class=\"footnote-label\">{n}</span>"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut html_out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    let html_out = aligned_by_class(&html_out);
    if !raw {
        return html_out.into_owned();
    }
    let claimed: HashSet<String> = ids.used.difference(&before).cloned().collect();
    sanitise(&html_out, claimed)
}

fn shifted(level: HeadingLevel, shift: usize, deepest: usize) -> HeadingLevel {
    let n = (level as usize + shift).min(deepest).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// Plain text of a Markdown fragment (for descriptions and summaries), its
/// words parted by single spaces.
pub fn to_plain(md: &str) -> String {
    plain_upto(md, usize::MAX)
}

/// [`excerpt`] of the plain text of `md`, read only as far as the excerpt
/// needs: a story's summary is some 200 characters of a body of 5,000.
pub fn plain_excerpt(md: &str, max: usize) -> String {
    // Four bytes or fewer make a character: past this many bytes the text
    // has more than `max` characters, which is all `excerpt` asks.
    excerpt(
        &plain_upto(md, max.saturating_add(1).saturating_mul(4)),
        max,
    )
}

/// The plain text of `md`, stopped once it is `bytes` long or longer: what
/// it holds is the start of [`to_plain`]'s text.
fn plain_upto(md: &str, bytes: usize) -> String {
    let mut out = Words::default();
    for e in Parser::new_ext(md, options()) {
        if out.text.len() >= bytes {
            break;
        }
        match e {
            Event::Text(t) | Event::Code(t) => out.push(&t),
            // Blocks and table cells end words too ("Minggu | Materi" is two).
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => out.space = true,
            _ => {}
        }
    }
    out.text
}

/// Text gathered word by word: each run of white space (as
/// [`char::is_whitespace`] has it, the no-break space too) one space, none
/// at either end. The same text as `split_whitespace` and `join(" ")` give,
/// in one pass without a list of the words.
#[derive(Default)]
struct Words {
    text: String,
    /// White space came since the last word.
    space: bool,
}

impl Words {
    fn push(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while let Some(len) = white_at(s, i) {
                i += len;
            }
            self.space |= i > start;
            if i == bytes.len() {
                break;
            }
            // A word, to the next white space: ASCII letters in a tight loop.
            let from = i;
            loop {
                i += bytes[i..]
                    .iter()
                    .position(|&b| b >= 0x80 || b == b' ' || (b'\t'..=b'\r').contains(&b))
                    .unwrap_or(bytes.len() - i);
                if i == bytes.len() || white_at(s, i).is_some() {
                    break;
                }
                i += s[i..].chars().next().map_or(1, char::len_utf8);
            }
            if std::mem::take(&mut self.space) && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(&s[from..i]);
        }
    }
}

/// The length of the white space character at `s[i..]`, if it is one.
fn white_at(s: &str, i: usize) -> Option<usize> {
    match *s.as_bytes().get(i)? {
        b' ' | b'\t'..=b'\r' => Some(1),
        0..=0x7f => None,
        _ => s[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
    }
}

/// At most `max` characters, cut at a word boundary, with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::sanitise::needs_sanitising;

    #[test]
    fn a_later_body_is_html_for_a_template() {
        let later = Later(Body::from("## Hasil\n"));
        let json = serde_json::to_value(&later).unwrap();
        assert!(
            json.as_str().unwrap().contains("<h2 id=\"hasil\""),
            "{json}"
        );
    }

    #[test]
    fn headings_get_unique_ids_and_start_at_h2() {
        let mut ids = IdSet::for_page();
        let html = to_html("# Hasil\n\ntext\n\n## Hasil\n\n# Main\n", &mut ids);
        assert!(html.contains("<h2 id=\"hasil\">Hasil</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"hasil-2\">Hasil</h3>"), "{html}");
        // `main` is reserved for the page's <main>.
        assert!(html.contains("<h2 id=\"main-2\">Main</h2>"), "{html}");
        let again = to_html("## Hasil\n", &mut ids);
        assert!(again.contains("id=\"hasil-3\""), "{again}");
    }

    #[test]
    fn heading_levels_are_never_skipped() {
        let mut ids = IdSet::for_page();
        let html = to_html("## A\n\n#### B\n\n###### C\n\n## D\n", &mut ids);
        assert!(html.contains("<h2 id=\"a\">A</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"b\">B</h3>"), "{html}");
        assert!(html.contains("<h4 id=\"c\">C</h4>"), "{html}");
        assert!(html.contains("<h2 id=\"d\">D</h2>"), "{html}");
    }

    #[test]
    fn explicit_heading_ids_are_kept() {
        let mut ids = IdSet::for_page();
        let html = to_html("## Tahap satu {#tahap-1}\n", &mut ids);
        assert!(
            html.contains("<h2 id=\"tahap-1\">Tahap satu</h2>"),
            "{html}"
        );
    }

    #[test]
    fn tables_strikethrough_and_footnotes() {
        let mut ids = IdSet::for_page();
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~lama~~ baru[^1]\n\n[^1]: Sumber: catatan.\n";
        let html = to_html(md, &mut ids);
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>lama</del>"), "{html}");
        assert!(html.contains("<a href=\"#catatan-1\">1</a>"), "{html}");
        assert!(html.contains("id=\"catatan-1\""), "{html}");
        // A second fragment on the same page gets other ids.
        let second = to_html("x[^1]\n\n[^1]: y\n", &mut ids);
        assert!(second.contains("id=\"catatan-1-2\""), "{second}");
    }

    #[test]
    fn raw_text_is_escaped() {
        let mut ids = IdSet::for_page();
        assert!(to_html("a < b & c", &mut ids).contains("a &lt; b &amp; c"));
    }

    #[test]
    fn raw_html_keeps_its_text_and_loses_what_could_run() {
        let md = concat!(
            "Halo <b>tebal</b> <script>alert('s')</script> teks.\n\n",
            "<img src=x onerror=\"alert('e')\" alt=\"foto\">\n\n",
            "<iframe src=\"https://evil.example/\"></iframe><object data=\"x\"></object>",
            "<embed src=\"x\"><form action=\"https://evil.example/\"><input name=q></form>\n\n",
            "<style>body{display:none}</style><p style=\"color:red\" onclick=\"alert(1)\">aman</p>\n\n",
            "[klik](javascript:alert(1)) [vb](VBScript:msgbox) [d](data:text/html,<script>x</script>)\n\n",
            "<a href=\"jav&#x09;ascript:alert(1)\">tab</a> <svg onload=alert(1)><circle/></svg>\n\n",
            "![vektor](data:image/svg+xml;base64,PHN2Zz4=) ![png](data:image/png;base64,iVBORw0KGgo=)\n\n",
            "<div id=\"rapor-locked\">x</div> <a href=\"https://example.org/\">luar</a>\n",
        );
        let html = to_html(md, &mut IdSet::for_page());
        for bad in [
            "<script",
            "alert",
            "<iframe",
            "<object",
            "<embed",
            "<form",
            "<input",
            "<style",
            "style=",
            "onerror",
            "onclick",
            "onload",
            "javascript",
            "vbscript",
            "data:text",
            "svg",
            "rapor-locked",
        ] {
            assert!(
                !html.to_ascii_lowercase().contains(bad),
                "{bad} in {html:?}"
            );
        }
        for kept in [
            "<b>tebal</b>",
            "teks.",
            "alt=\"foto\"",
            ">aman</p>",
            ">klik</a>",
            "tab</a>",
            "src=\"data:image/png;base64,iVBORw0KGgo=\"",
            "href=\"https://example.org/\"",
        ] {
            assert!(html.contains(kept), "{kept} missing from {html}");
        }
    }

    #[test]
    fn only_plain_markdown_skips_the_sanitiser() {
        let raw = |md: &str| needs_sanitising(&Parser::new_ext(md, options()).collect::<Vec<_>>());
        for plain in [
            "## Judul\n\nTeks **tebal** dan [tautan](https://example.org/) ke [sini](../x/).\n",
            "![foto](media/a.jpg) [surat](mailto:a@example.org) [tel](tel:+62811) [x](a/b:c)\n",
            "| a | b |\n|:-:|--|\n| 1 | 2 |\n\nx[^1]\n\n[^1]: catatan\n",
            "a < b & c > d\n",
        ] {
            assert!(!raw(plain), "{plain}");
        }
        for attack in [
            "<b>x</b>",
            "x <span>y</span>",
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](data:text/html,x)",
            "![x](data:image/svg+xml,x)",
            "[x](vbscript:x)",
            "## h {onclick=alert(1)}",
            "<!-- komentar -->",
        ] {
            assert!(raw(attack), "{attack}");
        }
    }

    #[test]
    fn aligned_table_cells_get_a_class_not_a_style() {
        let html = to_html("| a | b |\n|:-:|--:|\n| 1 | 2 |\n", &mut IdSet::for_page());
        assert!(html.contains("<th class=\"align-center\">a</th>"), "{html}");
        assert!(html.contains("<td class=\"align-right\">2</td>"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn only_a_table_cells_alignment_style_becomes_a_class() {
        use crate::markdown::sanitise::aligned_by_class;
        let cases = [
            ("<p>x</p>", "<p>x</p>"),
            (
                "<th style=\"text-align: left\">a</th><td style=\"text-align: right\">",
                "<th class=\"align-left\">a</th><td class=\"align-right\">",
            ),
            // Not a cell, or not one of the three sides: left as it is.
            (
                "<p style=\"text-align: left\"><td style=\"text-align: justify\">",
                "<p style=\"text-align: left\"><td style=\"text-align: justify\">",
            ),
            (
                "a<td style=\"text-align: center\">b style=\"text-align: ",
                "a<td class=\"align-center\">b style=\"text-align: ",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(aligned_by_class(html), want, "{html}");
        }
    }

    #[test]
    fn heading_attributes_cannot_add_handlers() {
        let html = to_html(
            "## Judul {#judul onclick=alert(1) .besar}\n",
            &mut IdSet::for_page(),
        );
        assert!(html.contains("id=\"judul\""), "{html}");
        assert!(!html.contains("onclick"), "{html}");
    }

    /// Every kind of white space, in every place, as `split_whitespace` and
    /// `join` would part the words.
    #[test]
    fn words_are_parted_as_split_whitespace_parts_them() {
        let spaces = [
            " ", "  ", "\t", "\n", "\r\n", "\u{b}", "\u{a0}", "\u{2003}", "\u{3000}", " \u{a0} ",
        ];
        let words = ["", "a", "Ānā", "é", "x\u{1c}y", "“kata”", "ß\u{200b}z"];
        let mut pieces = Vec::new();
        for w in words {
            for sp in spaces {
                pieces.push(format!("{sp}{w}"));
                pieces.push(format!("{w}{sp}"));
                pieces.push(format!("{w}{sp}{w}{sp}"));
            }
        }
        for a in &pieces {
            for b in &pieces {
                let mut out = Words::default();
                out.push(a);
                out.space |= b.len() % 3 == 0; // a block's end between them
                out.push(b);
                let joined = if b.len() % 3 == 0 {
                    format!("{a} {b}")
                } else {
                    format!("{a}{b}")
                };
                let expected = joined.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(out.text, expected, "{a:?} then {b:?}");
            }
        }
    }

    /// The excerpt read from the start of a text is the excerpt of all of
    /// it, whatever its length and letters.
    #[test]
    fn an_excerpt_of_the_start_is_the_excerpt_of_the_whole() {
        let words = [
            "Warga",
            "binaan",
            "Ānā",
            "“kursi”",
            "ß",
            "多",
            "**tebal**",
            "`kode`",
        ];
        for n in 0..120 {
            let md: String = (0..n)
                .map(|i| words[(i * 7 + n) % words.len()])
                .collect::<Vec<_>>()
                .join(if n % 3 == 0 { "\n" } else { " " });
            let md = format!("## Judul\n\n{md}\n\n- satu\n- dua\n");
            for max in [1, 5, 20, 60, 200] {
                assert_eq!(
                    plain_excerpt(&md, max),
                    excerpt(&to_plain(&md), max),
                    "{md:?} {max}"
                );
            }
        }
    }

    #[test]
    fn plain_text_and_excerpts() {
        assert_eq!(
            to_plain("**Sanggar** Kegiatan\nBelajar."),
            "Sanggar Kegiatan Belajar."
        );
        assert_eq!(excerpt("satu dua tiga empat", 9), "satu dua…");
        assert_eq!(
            to_plain("## Materi\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y\n"),
            "Materi a b 1 2 x y"
        );
        assert_eq!(excerpt("pendek", 50), "pendek");
    }
}
