//! Places in a YAML text by byte offset, from the spanned tree: the whole
//! entry of a top-level key, and the keys that lead to the value at an
//! offset. For readers of content files as text (the leak audit), which
//! must tell a public field from the `internal:` block without a second,
//! hand-written reading of YAML.

use std::ops::Range;

use super::Seg;
use super::tree::{self, Kind, Node};

/// A YAML text's top-level entries and values, by byte offset.
#[derive(Debug)]
pub(crate) struct Outline {
    /// The tree, or on a syntax error the top-level mapping as far as it
    /// was read.
    root: Option<Node>,
    /// Where what the tree says stops being sure: the text's length when it
    /// parsed; after a mistake, the start of the top-level entry being read
    /// when it happened (or 0), since the parser's picture of that entry and
    /// of everything after it is cut short.
    sure: usize,
    len: usize,
}

impl Outline {
    pub(crate) fn new(text: &str) -> Outline {
        let len = text.len();
        match tree::parse(text) {
            Ok(root) => Outline {
                root: Some(root),
                sure: len,
                len,
            },
            Err(e) => {
                let (_, partial) = *e;
                let sure = match partial.as_ref().map(|n| &n.kind) {
                    Some(Kind::Map(entries)) => entries.last().map_or(0, |(k, _)| k.span.start),
                    _ => 0,
                };
                Outline {
                    root: partial,
                    sure,
                    len,
                }
            }
        }
    }

    /// The part of the text the tree cannot vouch for (empty when it
    /// parsed): from the top-level entry that holds a syntax error to the
    /// end, where a public field cannot be told from an internal one.
    pub(crate) fn unsure(&self) -> Range<usize> {
        self.sure..self.len
    }

    /// The byte range of the top-level entry `key` (a scalar key of the root
    /// mapping): from its key to the next top-level key, so that the
    /// comments and blank lines after its value go with it, or to the end of
    /// the text. `None` when there is no such entry in what is sure.
    pub(crate) fn entry(&self, key: &str) -> Option<Range<usize>> {
        let Some(Kind::Map(entries)) = self.root.as_ref().map(|r| &r.kind) else {
            return None;
        };
        let i = entries
            .iter()
            .position(|(k, _)| k.is_scalar() && k.text == key)?;
        let start = entries[i].0.span.start;
        if start >= self.sure {
            return None;
        }
        let end = entries.get(i + 1).map_or(self.len, |(k, _)| k.span.start);
        Some(start..end.min(self.sure))
    }

    /// The keys and item numbers leading to the scalar (a value or a key)
    /// whose text holds byte `offset`, e.g. `photos`, `0`, `caption`.
    /// `None` when no scalar does: the offset is in a comment, between
    /// values, in an anchor or tag, or past what is sure.
    pub(crate) fn path_at(&self, offset: usize) -> Option<Vec<Seg<'_>>> {
        if offset >= self.sure {
            return None;
        }
        let mut node = self.root.as_ref()?;
        let mut path = Vec::new();
        let holds = |n: &Node| n.span.start <= offset && offset < n.span.end;
        loop {
            let next = match &node.kind {
                Kind::Map(entries) => entries.iter().find_map(|(k, v)| {
                    let key = Seg::Key(k.text.as_str());
                    if holds(k) {
                        Some((key, k))
                    } else {
                        holds(v).then_some((key, v))
                    }
                }),
                Kind::Seq(items) => items
                    .iter()
                    .enumerate()
                    .find(|(_, v)| holds(v))
                    .map(|(i, v)| (Seg::Index(i), v)),
                _ => return holds(node).then_some(path),
            };
            let (seg, child) = next?;
            path.push(seg);
            node = child;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(path: Option<Vec<Seg>>) -> Option<String> {
        let path = path?;
        let names: Vec<String> = path
            .iter()
            .map(|s| match s {
                Seg::Key(k) => k.to_string(),
                Seg::Index(i) => i.to_string(),
            })
            .collect();
        Some(names.join("."))
    }

    #[test]
    fn a_top_level_entry_reaches_to_the_next_key() {
        let text = "name: Ümit\u{a0}Kaya\ninternal:\n  contact: { name: José }\n  # note\u{a0}é\n\ndescription: é\n";
        let o = Outline::new(text);
        assert!(o.unsure().is_empty());
        let r = o.entry("internal").unwrap();
        assert_eq!(r.start, text.find("internal").unwrap());
        assert_eq!(r.end, text.find("description").unwrap());
        assert_eq!(o.entry("description").unwrap().end, text.len());
        assert_eq!(o.entry("name").unwrap(), 0..text.find("internal").unwrap());
        assert_eq!(o.entry("contact"), None, "only top-level keys");
    }

    #[test]
    fn flow_quoted_and_block_forms_have_entries() {
        for text in [
            "a: 1\ninternal: { notes: \"é, x\" }\nb: 2\n",
            "a: 1\n'internal': [é]\nb: 2\n",
            "a: 1\ninternal: |\n  é\n  x\nb: 2\n",
            "a: 1\n\"internal\":\n  - x: é\nb: 2\n",
        ] {
            let r = Outline::new(text).entry("internal").unwrap();
            assert_eq!(&text[r.end..], "b: 2\n", "{text}");
            assert!(text[r.start..].starts_with(['i', '\'', '"']), "{text}");
        }
        // A flow mapping at the top has entries too.
        let text = "{ a: é, internal: x, b: y }";
        let r = Outline::new(text).entry("internal").unwrap();
        assert!(text[r].starts_with("internal: x, "));
    }

    #[test]
    fn the_path_at_an_offset_names_keys_and_items() {
        let text = "title: A\u{a0}é\nsummary: Kata Yohanes\nphotos:\n  - { src: a.jpg, caption: Yohanés }\n  - src: b.jpg\n    caption: \"Ümit Kaya\"\n# Yohanes in a comment\n";
        let o = Outline::new(text);
        let at = |needle: &str| keys(o.path_at(text.find(needle).unwrap()));
        assert_eq!(at("A\u{a0}"), Some("title".into()));
        // After the no-break space: the same value.
        assert_eq!(at("é\n"), Some("title".into()));
        assert_eq!(at("Kata"), Some("summary".into()));
        assert_eq!(at("Yohanés"), Some("photos.0.caption".into()));
        assert_eq!(at("Kaya"), Some("photos.1.caption".into()));
        assert_eq!(at("b.jpg"), Some("photos.1.src".into()));
        assert_eq!(at("summary"), Some("summary".into()), "a key names itself");
        assert_eq!(at("in a comment"), None);
        assert_eq!(keys(o.path_at(text.len())), None);
    }

    #[test]
    fn a_block_scalar_is_found_on_its_lines() {
        let text = "summary: >\n  Kata\n  Yohanés\nnext: 1\n";
        let o = Outline::new(text);
        let at = text.find("Yohanés").unwrap() + 2;
        assert_eq!(keys(o.path_at(at)), Some("summary".into()));
    }

    #[test]
    fn after_a_mistake_only_the_entries_before_it_are_sure() {
        let text = "name: é\ninternal:\n  a: [x\ndescription: y\n";
        let o = Outline::new(text);
        assert!(!o.unsure().is_empty());
        // The entry holding the mistake, and all after it, are unsure.
        assert_eq!(o.unsure(), text.find("internal").unwrap()..text.len());
        assert_eq!(o.entry("internal"), None);
        assert_eq!(
            keys(o.path_at(text.find('é').unwrap())),
            Some("name".into())
        );
        assert_eq!(keys(o.path_at(text.find('y').unwrap())), None);
        // A mistake after the internal block leaves it sure.
        let text = "internal: { a: é }\nname: x\ntitle: [y\n";
        let o = Outline::new(text);
        let r = o.entry("internal").unwrap();
        assert_eq!(r, 0..text.find("name").unwrap());
        assert_eq!(o.unsure().start, text.find("title").unwrap());
        // Not a mapping at all: nothing is sure.
        let o = Outline::new("[a, b\n");
        assert_eq!(o.unsure(), 0..6);
    }
}
