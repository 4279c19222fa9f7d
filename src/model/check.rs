//! Field checks shared by every record kind: each one reports at the field's
//! line, names the field, and says what a valid value looks like.

use std::collections::BTreeSet;

use super::{Date, NamedAt, Notes, Photo, SrcRef};
use crate::diag::{Diagnostics, Reported};
use crate::msg::{Message, msg};
use crate::parse::Seg;
use crate::raw::RawPhoto;

/// Whether `path` (as shown, `content/...`) is a file of internal data:
/// anything under `content/internal/`.
pub fn private_file(path: &std::path::Path) -> bool {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str()).collect();
    parts
        .windows(2)
        .any(|w| w[0] == "content" && w[1] == "internal")
}

/// Checks one record, reporting into `diags` at positions found in `src`.
pub struct Check<'a> {
    pub src: &'a SrcRef,
    pub diags: &'a mut Diagnostics,
}

impl Check<'_> {
    pub fn err(&mut self, path: &[Seg], message: Message) -> Reported {
        let pos = self.src.pos(path);
        self.diags.error(&self.src.path, pos, message)
    }

    /// A required `field` is absent: reported with `message`, unless the
    /// field failed to decode, whose error was reported already.
    fn missing(&mut self, field: &str, message: Message) -> Reported {
        match self.diags.reported() {
            Some(reported) if self.src.failed(field) => reported,
            _ => self.err(&[], message),
        }
    }

    /// Whether the value at `path` is internal data, which a message names
    /// by its field and line but never quotes.
    pub fn private(&self, path: &[Seg]) -> bool {
        private_file(&self.src.path) || matches!(path.first(), Some(Seg::Key("internal")))
    }

    pub fn warn(&mut self, path: &[Seg], message: Message) {
        let pos = self.src.pos(path);
        self.diags.warning(&self.src.path, pos, message);
    }

    /// A required value; reports "`field` is required" when absent, with
    /// `hint` (a catalogue message such as `hint_date`) after it. A field
    /// that failed to decode was reported then, and is not again.
    pub fn required<T>(
        &mut self,
        value: Option<T>,
        field: &str,
        hint: &Message,
    ) -> Result<T, Reported> {
        match value {
            Some(v) => Ok(v),
            None => Err(self.missing(field, msg!("check_required", field = field, hint = hint))),
        }
    }

    /// Required text that must not be blank.
    pub fn text(&mut self, value: Option<String>, field: &str) -> Result<String, Reported> {
        match value {
            Some(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Some(_) => Err(self.err(&[Seg::Key(field)], msg!("check_empty", field = field))),
            None => Err(self.missing(field, msg!("check_required", field = field, hint = ""))),
        }
    }

    /// Optional text; blank counts as absent.
    pub fn opt_text(value: Option<String>) -> Option<String> {
        value
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// An optional `YYYY-MM-DD` date at `path`: `Ok(None)` when absent.
    pub fn date(&mut self, value: Option<String>, path: &[Seg]) -> Result<Option<Date>, Reported> {
        value.map(|s| self.date_of(s, path)).transpose()
    }

    /// A `YYYY-MM-DD` date at `path`.
    pub fn date_of(&mut self, s: String, path: &[Seg]) -> Result<Date, Reported> {
        match parse_date(&s) {
            Some(d) => Ok(d),
            None => {
                let message = if self.private(path) {
                    msg!("check_date_private", field = path_name(path))
                } else {
                    msg!("check_date", field = path_name(path), value = s)
                };
                Err(self.err(path, message))
            }
        }
    }

    /// An optional one of `allowed`: `Ok(None)` when absent.
    pub fn choice<T: Copy>(
        &mut self,
        value: Option<String>,
        path: &[Seg],
        allowed: &[(&str, T)],
    ) -> Result<Option<T>, Reported> {
        value.map(|s| self.choice_of(s, path, allowed)).transpose()
    }

    /// One of `allowed` (by key), reporting the allowed keys otherwise.
    pub fn choice_of<T: Copy>(
        &mut self,
        s: String,
        path: &[Seg],
        allowed: &[(&str, T)],
    ) -> Result<T, Reported> {
        if let Some((_, v)) = allowed.iter().find(|(k, _)| *k == s.trim()) {
            return Ok(*v);
        }
        let keys: Vec<&str> = allowed.iter().map(|(k, _)| *k).collect();
        if self.private(path) {
            let message = msg!(
                "check_choice_private",
                field = path_name(path),
                allowed = keys.join(", ")
            );
            return Err(self.err(path, message));
        }
        let hint =
            crate::text::closest(&s, keys.iter().copied()).map(|c| msg!("did_you_mean", best = c));
        Err(self.err(
            path,
            msg!(
                "check_choice",
                field = path_name(path),
                value = s,
                hint = hint,
                allowed = keys.join(", ")
            ),
        ))
    }

    /// A reference to another record; `ids` are the existing ones.
    pub fn reference(
        &mut self,
        id: &str,
        path: &[Seg],
        noun: &Message,
        ids: &BTreeSet<&str>,
    ) -> bool {
        if ids.contains(id) {
            return true;
        }
        let hint =
            crate::text::closest(id, ids.iter().copied()).map(|c| msg!("did_you_mean", best = c));
        if self.private(path) {
            // Only an id that exists (a public record's) may be suggested.
            let message = msg!(
                "check_reference_private",
                field = path_name(path),
                noun = noun,
                hint = hint
            );
            self.err(path, message);
            return false;
        }
        self.err(
            path,
            msg!(
                "check_reference",
                field = path_name(path),
                noun = noun,
                id = id,
                hint = hint
            ),
        );
        false
    }

    /// Checks an optional single reference such as `programme: x`.
    pub fn opt_reference(
        &mut self,
        id: Option<&String>,
        field: &str,
        noun: &Message,
        existing: &BTreeSet<&str>,
    ) {
        if let Some(id) = id {
            self.reference(id, &[Seg::Key(field)], noun, existing);
        }
    }

    /// Checks every id of a list field such as `partners: [a, b]`.
    pub fn references(
        &mut self,
        ids: &[String],
        field: &str,
        noun: &Message,
        existing: &BTreeSet<&str>,
    ) {
        for (i, id) in ids.iter().enumerate() {
            self.reference(id, &[Seg::Key(field), Seg::Index(i)], noun, existing);
        }
    }

    /// A photo reference: the file must exist under `content/`, relative to
    /// the folder of the record naming it, and must not leave `content/`.
    pub fn photo(
        &mut self,
        raw: RawPhoto,
        path: &[Seg],
        dir: &str,
        files: &BTreeSet<String>,
        default_public: bool,
    ) -> Result<Photo, Reported> {
        let RawPhoto {
            src,
            alt,
            caption,
            public,
        } = raw;
        let field = path_name(path);
        let mut src_path = path.to_vec();
        src_path.push(Seg::Key("src"));
        let src = match Self::opt_text(src) {
            Some(s) => s,
            None => {
                return Err(self.err(path, msg!("photo_no_src", field = field)));
            }
        };
        let resolved = match resolve(dir, &src) {
            Some(p) => p,
            None => {
                return Err(self.err(&src_path, msg!("photo_outside", field = field, src = src)));
            }
        };
        // Before the file is looked up: on Windows and macOS `Internal/x.jpg`
        // opens `internal/x.jpg`, though the listing spells it otherwise.
        let public = public.unwrap_or(default_public);
        if public && is_internal(&resolved) {
            return Err(self.err(
                &src_path,
                msg!("photo_internal", field = field, path = resolved),
            ));
        }
        if !files.contains(&resolved) {
            return Err(self.err(
                &src_path,
                msg!("photo_missing", field = field, path = resolved),
            ));
        }
        let lower = resolved.to_ascii_lowercase();
        if !(lower.ends_with(".jpg") || lower.ends_with(".jpeg") || lower.ends_with(".png")) {
            return Err(self.err(&src_path, msg!("photo_not_image", field = field, src = src)));
        }
        let alt = Self::opt_text(alt);
        if public && alt.is_none() {
            let mut alt_path = path.to_vec();
            alt_path.push(Seg::Key("alt"));
            self.err(&alt_path, msg!("photo_no_alt", field = field));
        }
        let named_at = NamedAt {
            file: self.src.path.clone(),
            pos: self.src.pos(path),
            field,
        };
        Ok(Photo {
            path: resolved,
            alt,
            caption: Self::opt_text(caption),
            public,
            named_at,
        })
    }

    /// Images of a Markdown body that is shown in public (`![alt](src)` and
    /// raw `<img src>`): none may be a file under `content/internal/`. The
    /// body starts at line `first_line` of the file; `dir` is the record's
    /// folder under `content/`.
    pub fn body_images(&mut self, body: &str, first_line: usize, dir: &str) {
        for (offset, src) in image_sources(body) {
            let Some(resolved) = resolve(dir, &src) else {
                continue; // a web address, or a path no file can have
            };
            if is_internal(&resolved) {
                let line = first_line + body[..offset].matches('\n').count();
                self.diags.error(
                    &self.src.path,
                    crate::diag::Pos::new(line, 1),
                    msg!("body_image_internal", src = src, path = resolved),
                );
            }
        }
    }
}

/// Whether a resolved path (relative to `content/`) is under `internal/`.
/// The folder's name is compared without case: on Windows and macOS
/// `Internal/` is the same folder.
pub fn is_internal(resolved: &str) -> bool {
    resolved
        .split('/')
        .next()
        .is_some_and(|first| first.eq_ignore_ascii_case("internal"))
}

/// (byte offset, source) of every image a Markdown text shows: Markdown
/// images and the `src` of raw `<img>` tags.
fn image_sources(body: &str) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut out = Vec::new();
    // A Markdown image starts with `![`, and a raw one with `<img`: a body
    // with neither (most stories) is not parsed.
    let raw_img = memchr::memchr_iter(b'<', body.as_bytes()).any(|at| {
        body.as_bytes()
            .get(at + 1..at + 4)
            .is_some_and(|name| name.eq_ignore_ascii_case(b"img"))
    });
    if !raw_img && memchr::memmem::find(body.as_bytes(), b"![").is_none() {
        return out;
    }
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.push((range.start, dest_url.to_string()));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for src in html_img_sources(&html) {
                    out.push((range.start, src));
                }
            }
            _ => {}
        }
    }
    out
}

/// The `src` values of `<img>` tags in a piece of raw HTML (quoted or not).
fn html_img_sources(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img") {
        let start = from + i;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        let mut at = 0;
        while let Some(j) = tag[at..].find("src") {
            let k = at + j;
            at = k + 3;
            let before_ok = tag[..k].ends_with(|c: char| c.is_ascii_whitespace());
            let rest = tag[at..].trim_start();
            let Some(value) = rest.strip_prefix('=') else {
                continue;
            };
            if !before_ok {
                continue;
            }
            let value = value.trim_start();
            let skip = tag.len() - value.len();
            let original = &html[start + skip..end];
            let v = match original.chars().next() {
                Some(q @ ('"' | '\'')) => original[1..].split(q).next().unwrap_or(""),
                _ => original
                    .split(|c: char| c.is_ascii_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            out.push(v.to_string());
        }
        from = end;
    }
    out
}

/// `YYYY-MM-DD` exactly, and a real calendar day.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i16>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !b
        .iter()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    Date::new(y, m as i8, d as i8).ok()
}

/// Joins `dir` and `src` lexically; `None` if `..` climbs out of `content/`
/// or the path is absolute.
pub fn resolve(dir: &str, src: &str) -> Option<String> {
    // Backslashes are Windows's separators: `..\internal\x.jpg` is the
    // same path as `../internal/x.jpg`, and is judged as such.
    let src = src.replace('\\', "/");
    if src.starts_with('/') || src.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in src.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The dotted name of a field path, as written in the file: `photos[1].alt`.
pub fn path_name(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    out
}

/// Flattens a free-form `internal:` value into labelled lines.
pub fn flatten_notes(value: Option<&serde_yaml::Value>) -> Notes {
    let mut out = Vec::new();
    if let Some(v) = value {
        flatten_into(v, String::new(), &mut out);
    }
    out
}

fn flatten_into(value: &serde_yaml::Value, prefix: String, out: &mut Notes) {
    use serde_yaml::Value;
    match value {
        Value::Mapping(m) => {
            for (k, v) in m {
                let key = scalar_text(k).unwrap_or_else(|| "?".into());
                let label = if prefix.is_empty() {
                    key
                } else {
                    format!("{prefix}.{key}")
                };
                flatten_into(v, label, out);
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten_into(v, format!("{prefix}[{}]", i + 1), out);
            }
        }
        Value::Tagged(t) => flatten_into(&t.value, prefix, out),
        other => {
            if let Some(text) = scalar_text(other) {
                out.push((
                    if prefix.is_empty() {
                        "notes".into()
                    } else {
                        prefix
                    },
                    text,
                ));
            }
        }
    }
}

/// A YAML scalar as text (`None` for collections and null).
pub fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    use serde_yaml::Value;
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The ids references are checked against: every record that exists, even
/// one with problems of its own, so that one mistake is not reported again as
/// a "missing" record everywhere it is named.
pub(super) struct Refs<'a> {
    pub(super) partners: BTreeSet<&'a str>,
    pub(super) programmes: BTreeSet<&'a str>,
    pub(super) trainings: BTreeSet<&'a str>,
    /// `None` when site.yaml could not be read (skills are then not checked).
    pub(super) skills: Option<BTreeSet<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_iso_and_real() {
        assert_eq!(
            parse_date("2025-10-06"),
            Some(Date::new(2025, 10, 6).unwrap())
        );
        assert_eq!(
            parse_date("2024-02-29"),
            Some(Date::new(2024, 2, 29).unwrap())
        );
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("06-10-2025"), None);
        assert_eq!(parse_date("2025-1-06"), None);
        assert_eq!(parse_date("20251006"), None);
        assert_eq!(parse_date("2025-+1-06"), None);
    }

    #[test]
    fn photo_paths_resolve_and_stay_inside_content() {
        assert_eq!(
            resolve("trainings/x", "a.jpg").as_deref(),
            Some("trainings/x/a.jpg")
        );
        assert_eq!(
            resolve("trainings", "../photos/a.jpg").as_deref(),
            Some("photos/a.jpg")
        );
        assert_eq!(resolve("trainings", "../../etc/passwd"), None);
        assert_eq!(resolve("", "../a.jpg"), None);
        assert_eq!(resolve("stories", "/etc/passwd"), None);
        assert_eq!(resolve("stories", "C:/x.jpg"), None);
    }

    #[test]
    fn backslashes_separate_and_internal_is_found_in_any_case() {
        assert_eq!(
            resolve("stories", "..\\internal\\x.jpg").as_deref(),
            Some("internal/x.jpg")
        );
        assert_eq!(
            resolve("stories", "./../internal/../internal/x.jpg").as_deref(),
            Some("internal/x.jpg")
        );
        assert!(is_internal("internal/x.jpg"));
        assert!(is_internal("Internal/photos/x.jpg"));
        assert!(!is_internal("stories/internal/x.jpg"));
        assert!(!is_internal("internals/x.jpg"));
    }

    #[test]
    fn body_images_are_found_in_markdown_and_raw_html() {
        let body = "a\n\n![x](../internal/a.jpg)\n\n<IMG alt=\"q\" SRC='b.png'><img src=c.jpg>\n<p data-src=\"no\">";
        let found: Vec<String> = image_sources(body).into_iter().map(|(_, s)| s).collect();
        assert_eq!(found, ["../internal/a.jpg", "b.png", "c.jpg"]);
    }

    #[test]
    fn a_body_with_one_kind_of_image_is_still_read() {
        let only = |body: &str| image_sources(body).into_iter().map(|(_, s)| s);
        let md = only("teks\n\n![x][foto]\n\n[foto]: ../internal/a.jpg\n");
        assert!(md.eq(["../internal/a.jpg".to_string()]));
        let raw = only("teks <ImG\nsrc=\"../internal/b.png\">");
        assert!(raw.eq(["../internal/b.png".to_string()]));
        let none = only("teks < img src=x.png> dan !\\[bukan](gambar.png)");
        assert_eq!(none.count(), 0);
    }

    #[test]
    fn path_names_read_like_the_file() {
        assert_eq!(
            path_name(&[Seg::Key("photos"), Seg::Index(1), Seg::Key("alt")]),
            "photos[2].alt"
        );
    }

    #[test]
    fn notes_are_flattened_in_order() {
        let v: serde_yaml::Value =
            serde_yaml::from_str("notes: a\nextra: { when: 2025, who: [x, y] }").unwrap();
        let n = flatten_notes(Some(&v));
        assert_eq!(
            n,
            vec![
                ("notes".into(), "a".into()),
                ("extra.when".into(), "2025".into()),
                ("extra.who[1]".into(), "x".into()),
                ("extra.who[2]".into(), "y".into()),
            ]
        );
    }
}
