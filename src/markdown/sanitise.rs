//! The allow-list every Markdown fragment with raw HTML goes through
//! (ammonia), and the checks that let plain Markdown skip it.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use pulldown_cmark::{Event, Tag};

/// Whether a fragment holds anything that pulldown-cmark passes on as
/// written: raw HTML, heading attributes (`{onclick=...}`) or a link or
/// image URL outside the allow-list. Plain Markdown, which pulldown-cmark
/// escapes itself, skips the sanitiser: it costs about three times the
/// Markdown rendering.
pub(super) fn needs_sanitising(events: &[Event]) -> bool {
    events.iter().any(|e| match e {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        Event::Start(Tag::Link { dest_url, .. }) => !plain_url(dest_url, false),
        Event::Start(Tag::Image { dest_url, .. }) => !plain_url(dest_url, true),
        _ => false,
    })
}

/// A URL the allow-list keeps as it is: relative, or http(s), mailto, tel,
/// or (for an image) a raster `data:` image.
fn plain_url(url: &str, image: bool) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let Some((scheme, _)) = url.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // `a/b:c`, `?x:y`, `#x:y`: a relative URL with a colon later on.
        return true;
    }
    matches!(scheme, "http" | "https" | "mailto" | "tel")
        || (image && DATA_IMAGES.iter().any(|p| url.starts_with(p)))
}

/// pulldown-cmark aligns table cells with a `style` attribute, which the
/// Content-Security-Policy (no inline styles) would ignore: a class instead.
pub(super) fn aligned_by_class(html: &str) -> Cow<'_, str> {
    const STYLE: &str = " style=\"text-align: ";
    let mut found = memchr::memmem::find_iter(html.as_bytes(), STYLE).peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(html);
    }
    // One pass: `<th style="text-align: left">` -> `<th class="align-left">`.
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    for at in found {
        let (before, after) = (&html[done..at], &html[at + STYLE.len()..]);
        let cell = before.ends_with("<th") || before.ends_with("<td");
        let side = ["left", "center", "right"].into_iter().find(|side| {
            after
                .strip_prefix(side)
                .is_some_and(|a| a.starts_with("\">"))
        });
        out.push_str(before);
        match side.filter(|_| cell) {
            Some(side) => {
                out.push_str(" class=\"align-");
                out.push_str(side);
                // The closing quote stays: `"` then `>`.
                done = at + STYLE.len() + side.len();
            }
            None => {
                out.push_str(STYLE);
                done = at + STYLE.len();
            }
        }
    }
    out.push_str(&html[done..]);
    Cow::Owned(out)
}

/// Elements a fragment may hold: text-level and block markup, lists, tables
/// and images. Everything else is dropped (its text kept), and the content of
/// `script`, `style` and the like is dropped with it.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements dropped with everything inside them.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math",
    "textarea", "select", "title", "xmp", "noembed", "noframes",
];

/// Attributes per element, beyond the generic `class`, `id` (only the ids
/// this fragment's headings and footnotes were given), `lang`, `title` and `dir`.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["alt", "src", "width", "height"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("ol", &["start", "reversed"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("details", &["open"]),
];

/// The only `data:` URLs kept: raster images in an `<img>`. SVG is not one
/// of them, for an SVG document can carry script.
const DATA_IMAGES: &[&str] = &[
    "data:image/png;",
    "data:image/png,",
    "data:image/jpeg;",
    "data:image/jpeg,",
    "data:image/gif;",
    "data:image/gif,",
    "data:image/webp;",
    "data:image/webp,",
];

/// `html` through the allow-list. `ids` are the ids rapor gave this
/// fragment's headings and footnotes: any other `id` is dropped, so that raw
/// HTML cannot take the id of an element the theme or its scripts use.
pub(super) fn sanitise(html: &str, ids: HashSet<String>) -> String {
    let ids = Arc::new(ids);
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(
            ["class", "id", "lang", "title", "dir"]
                .into_iter()
                .collect(),
        )
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(
            ["http", "https", "mailto", "tel", "data"]
                .into_iter()
                .collect(),
        )
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| {
            keep_attribute(&ids, element, attribute, value)
        });
    b.clean(html).to_string()
}

fn keep_attribute<'u>(
    ids: &HashSet<String>,
    element: &str,
    attribute: &str,
    value: &'u str,
) -> Option<Cow<'u, str>> {
    if attribute == "id" {
        return ids.contains(value).then_some(Cow::Borrowed(value));
    }
    if matches!(attribute, "href" | "src" | "cite") {
        // As a browser reads a URL: without white space or control
        // characters anywhere, whatever the case.
        let url: String = value
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
            .take(32)
            .collect::<String>()
            .to_ascii_lowercase();
        if url.starts_with("data:") {
            let image = element == "img"
                && attribute == "src"
                && DATA_IMAGES.iter().any(|p| url.starts_with(p));
            return image.then_some(Cow::Borrowed(value));
        }
        if url.starts_with("javascript:") || url.starts_with("vbscript:") {
            return None;
        }
    }
    Some(Cow::Borrowed(value))
}
