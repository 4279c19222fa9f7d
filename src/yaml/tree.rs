//! A YAML document as a tree of nodes that know where they are written.
//!
//! Built from saphyr-parser's events. Scalars keep their source text and
//! whether they were plain, and are resolved to null, bool, int, float or
//! string exactly as yaml_serde resolves an untagged scalar (see
//! [`super::scalar`]), so that what a record means does not change with the
//! parser. Aliases are resolved; a key written twice in one mapping is an
//! error at the second key. No message is worded here.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::scalar::{Resolved, resolve};

/// Where a node is written: 1-based line and column (in characters), and its
/// byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    pub line: usize,
    pub col: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    Int,
    Float(f64),
    Str,
    Seq(Vec<Node>),
    /// Entries in the order written.
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub kind: Kind,
    /// A scalar's text after unquoting (empty for collections).
    pub text: String,
    /// A scalar written without quotes (or a block scalar: false).
    pub plain: bool,
    pub span: Span,
    /// As an item of a block sequence, the column of its `-` (where a
    /// message about the item points, as rapor always has); else its own.
    pub item_col: usize,
}

impl Node {
    /// An empty mapping, for a document with no content.
    pub(crate) fn empty_map() -> Node {
        Node {
            kind: Kind::Map(Vec::new()),
            text: String::new(),
            plain: false,
            span: Span {
                line: 1,
                col: 1,
                ..Span::default()
            },
            item_col: 1,
        }
    }

    /// The value of `key` in a mapping.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.is_scalar() && k.text == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn is_scalar(&self) -> bool {
        !matches!(self.kind, Kind::Seq(_) | Kind::Map(_))
    }
}

/// Why a text is not a YAML tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TreeError {
    /// The parser stopped at `at` (byte offset); `info` is its own words,
    /// kept for the rare mistake without a plain cause.
    /// `internal`: inside the top-level `internal:` block, whose keys and
    /// values are free-form and may be a name; a message must not quote them.
    Syntax {
        span: Span,
        info: String,
        internal: bool,
    },
    /// A key written a second time in the same mapping, at `span`.
    Duplicate {
        span: Span,
        key: String,
        internal: bool,
    },
    /// More than one `---` document in a record.
    ManyDocuments { span: Span },
}

/// Parses one YAML document. Empty text (or only comments) gives an empty
/// mapping. On an error, `partial` holds what was built up to it when the
/// top level is a mapping, so a lenient reader can still look at the keys
/// before the mistake.
pub(crate) fn parse(text: &str) -> Result<Node, Box<(TreeError, Option<Node>)>> {
    let mut b = Builder {
        text,
        ascii: text.is_ascii(),
        byte_of: Vec::new(),
        anchors: HashMap::new(),
        stack: Vec::new(),
        root: None,
        documents: 0,
    };
    if !b.ascii {
        b.byte_of = text.char_indices().map(|(i, _)| i).collect();
        b.byte_of.push(text.len());
    }
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                let span = b.span(span.start, span.end);
                if let Err(e) = b.event(event, span) {
                    return Err(Box::new((e, b.partial())));
                }
            }
            Err(e) => {
                let m = e.marker();
                let at = b.byte(m.index());
                let span = Span {
                    line: m.line(),
                    col: m.col() + 1,
                    start: at,
                    end: at,
                };
                let info = e.info().to_string();
                let internal = b.in_internal();
                let error = TreeError::Syntax {
                    span,
                    info,
                    internal,
                };
                return Err(Box::new((error, b.partial())));
            }
        }
    }
    Ok(b.root.unwrap_or_else(Node::empty_map))
}

/// A collection being built: its node, and for a mapping a key waiting
/// for its value.
struct Open {
    node: Node,
    key: Option<Node>,
    anchor: usize,
}

struct Builder<'a> {
    text: &'a str,
    ascii: bool,
    /// Byte offset of each character, when the text is not ASCII.
    byte_of: Vec<usize>,
    anchors: HashMap<usize, Node>,
    stack: Vec<Open>,
    root: Option<Node>,
    documents: usize,
}

impl Builder<'_> {
    fn byte(&self, chars: usize) -> usize {
        if self.ascii {
            chars.min(self.text.len())
        } else {
            self.byte_of.get(chars).copied().unwrap_or(self.text.len())
        }
    }

    fn span(&self, start: saphyr_parser::Marker, end: saphyr_parser::Marker) -> Span {
        Span {
            line: start.line(),
            col: start.col() + 1,
            start: self.byte(start.index()),
            end: self.byte(end.index()),
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), TreeError> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(TreeError::ManyDocuments { span });
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain;
                // `!!str 12` is text; other tags are read as if untagged.
                let as_text = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let kind = match resolve(&value, plain && !as_text) {
                    Resolved::Null => Kind::Null,
                    Resolved::Bool(b) => Kind::Bool(b),
                    Resolved::Int => Kind::Int,
                    Resolved::Float(f) => Kind::Float(f),
                    Resolved::Str => Kind::Str,
                };
                let node = Node {
                    kind,
                    text: value.into_owned(),
                    plain,
                    span,
                    item_col: span.col,
                };
                self.add(node, anchor)?;
            }
            Event::SequenceStart(anchor, _) => self.open(Kind::Seq(Vec::new()), span, anchor),
            Event::MappingStart(anchor, _) => self.open(Kind::Map(Vec::new()), span, anchor),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(mut open) = self.stack.pop() {
                    open.node.span.end = span.end.max(open.node.span.start);
                    self.add(open.node, open.anchor)?;
                }
            }
            Event::Alias(id) => {
                // An unknown anchor is a parser error already.
                if let Some(node) = self.anchors.get(&id) {
                    let mut node = node.clone();
                    node.span = span;
                    self.add(node, 0)?;
                }
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
        Ok(())
    }

    fn open(&mut self, kind: Kind, span: Span, anchor: usize) {
        let node = Node {
            kind,
            text: String::new(),
            plain: false,
            span,
            item_col: span.col,
        };
        self.stack.push(Open {
            node,
            key: None,
            anchor,
        });
    }

    /// Whether the node being read is inside the top-level `internal:`
    /// block (or is that key itself): the root mapping's open key.
    fn in_internal(&self) -> bool {
        let root_key = self.stack.first().and_then(|o| o.key.as_ref());
        root_key.is_some_and(|k| k.text == "internal")
    }

    fn add(&mut self, mut node: Node, anchor: usize) -> Result<(), TreeError> {
        let internal = self.stack.len() > 1 && self.in_internal();
        if matches!(self.stack.last().map(|o| &o.node.kind), Some(Kind::Seq(_))) {
            node.item_col = self.dash_col(&node);
        }
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some(top) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match &mut top.node.kind {
            Kind::Seq(items) => items.push(node),
            Kind::Map(entries) => match top.key.take() {
                None => {
                    if let Some((first, _)) = entries.iter().find(|(k, _)| same_key(k, &node)) {
                        let _ = first;
                        return Err(TreeError::Duplicate {
                            span: node.span,
                            key: node.text.clone(),
                            internal,
                        });
                    }
                    top.key = Some(node);
                }
                Some(key) => entries.push((key, node)),
            },
            _ => unreachable!("only collections are open"),
        }
        Ok(())
    }

    /// The column of the `-` before `node` on its line, if there is one.
    fn dash_col(&self, node: &Node) -> usize {
        let before = &self.text.as_bytes()[..node.span.start.min(self.text.len())];
        let spaces = before.iter().rev().take_while(|&&b| b == b' ').count();
        match before.len().checked_sub(spaces + 1).map(|i| before[i]) {
            Some(b'-') if node.span.col > spaces + 1 => node.span.col - spaces - 1,
            _ => node.span.col,
        }
    }

    /// The top-level mapping as built so far, open collections closed.
    fn partial(&mut self) -> Option<Node> {
        while let Some(open) = self.stack.pop() {
            let node = open.node;
            match self.stack.last_mut() {
                None => return Some(node),
                Some(top) => match &mut top.node.kind {
                    Kind::Seq(items) => items.push(node),
                    Kind::Map(entries) => {
                        if let Some(key) = top.key.take() {
                            entries.push((key, node));
                        }
                    }
                    _ => {}
                },
            }
        }
        self.root.take()
    }
}

/// Keys are the same when both are scalars of the same kind and text (YAML
/// compares values; `1` and `"1"` are different keys, as for yaml_serde).
fn same_key(a: &Node, b: &Node) -> bool {
    a.is_scalar() && b.is_scalar() && a.text == b.text && a.kind == b.kind
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_know_their_place() {
        let text = "title: Las\ncost: { a: 1 }\nlist:\n  - x\n  - é: y\n";
        let root = parse(text).unwrap();
        let Kind::Map(entries) = &root.kind else {
            panic!()
        };
        assert_eq!(entries[0].0.span.line, 1);
        assert_eq!(entries[1].1.span.line, 2);
        let list = root.get("list").unwrap();
        let Kind::Seq(items) = &list.kind else {
            panic!()
        };
        assert_eq!((items[1].span.line, items[1].span.col), (5, 5));
        let key = match &items[1].kind {
            Kind::Map(e) => &e[0].0,
            _ => panic!(),
        };
        assert_eq!(&text[key.span.start..key.span.end], "é");
    }

    #[test]
    fn duplicate_keys_are_found_at_the_second() {
        let Err(e) = parse("a: 1\nb: 2\na: 3\n") else {
            panic!()
        };
        let (TreeError::Duplicate { span, key, .. }, _) = *e else {
            panic!()
        };
        assert_eq!((span.line, key.as_str()), (3, "a"));
        // The same key in different mappings is fine.
        assert!(parse("a: { x: 1 }\nb: { x: 1 }\n").is_ok());
    }

    #[test]
    fn aliases_are_resolved_and_empty_text_is_a_mapping() {
        let root = parse("a: &x [1, 2]\nb: *x\n").unwrap();
        assert!(matches!(&root.get("b").unwrap().kind, Kind::Seq(v) if v.len() == 2));
        assert_eq!(parse("# only a comment\n").unwrap(), Node::empty_map());
    }

    #[test]
    fn an_error_keeps_what_came_before() {
        let (e, partial) = *parse("language: en\ntitle: [x\n").unwrap_err();
        assert!(matches!(e, TreeError::Syntax { .. }));
        assert_eq!(partial.unwrap().get("language").unwrap().text, "en");
    }
}
