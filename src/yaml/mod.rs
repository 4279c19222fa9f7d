//! The YAML layer of the parse stage: text -> a tree whose nodes know where
//! they are written -> `Raw*` values, with every problem of a file at once.
//!
//! - [`tree`] builds the spanned tree from saphyr-parser's events;
//! - [`scalar`] reads untagged scalars exactly as yaml_serde does;
//! - [`de`] decodes the tree through serde, collecting problems;
//! - [`edit`] rewrites a record's text in place, value by value, for the
//!   editor;
//! - [`syntax`] and [`words`] put syntax errors and decode problems into
//!   plain words through the message catalogue.
//!
//! Positions of fields for later messages (the model's) come from
//! [`Spans`], the same tree; [`locate`] finds entries and values by byte
//! offset for readers of the text (the leak audit). No I/O happens here.

mod de;
pub mod edit;
mod locate;
mod scalar;
mod syntax;
mod tree;
mod words;

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diag::Pos;
use crate::msg::{Message, msg};

pub(crate) use de::OWN_MESSAGE;
pub use de::Step;
pub(crate) use locate::Outline;
pub(crate) use tree::{Kind, Node};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where the nodes of one document are written.
#[derive(Debug, Clone)]
pub struct Spans {
    root: Option<Arc<Node>>,
}

impl Spans {
    /// The places of `text`, read again: what [`decode`] gave for it.
    pub fn of(text: &str) -> Spans {
        Spans {
            root: parse_lenient(text).map(Arc::new),
        }
    }

    /// Where `path` is written (1-based, in the YAML text): a key's place
    /// for a `Key`, an item's for an `Index`. When the exact node is not
    /// there, the deepest ancestor that is, which is still the right line
    /// to look at; `None` when not even the first step is found.
    pub fn pos(&self, path: &[Seg]) -> Option<Pos> {
        let mut node: &Node = self.root.as_deref()?;
        let mut found = None;
        for seg in path {
            let next = match (*seg, &node.kind) {
                (Seg::Key(k), Kind::Map(entries)) => entries
                    .iter()
                    .find(|(key, _)| key.is_scalar() && key.text == k)
                    .map(|(key, v)| (key.span, v)),
                (Seg::Index(i), Kind::Seq(items)) => items.get(i).map(|v| {
                    let mut at = v.span;
                    at.col = v.item_col;
                    (at, v)
                }),
                _ => None,
            };
            let Some((span, next)) = next else { break };
            found = Some(Pos::new(span.line, span.col));
            node = next;
        }
        found
    }
}

/// A YAML problem, positioned inside the YAML text (1-based).
#[derive(Debug, PartialEq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: Message,
}

/// A decoded document: the value (`None` when not even its shape could be
/// read, as after a syntax error), where its nodes are, every problem, and
/// the fields that failed to decode (now absent in `value`), so the model
/// does not report them again as missing.
pub struct Decoded<T> {
    pub value: Option<T>,
    pub spans: Spans,
    pub errors: Vec<YamlError>,
    pub failed: Vec<Vec<Step>>,
}

/// Parses `text` into a tree, leniently: on a syntax error, the top-level
/// mapping as far as it was read.
pub(crate) fn parse_lenient(text: &str) -> Option<Node> {
    match tree::parse(text) {
        Ok(root) => Some(root),
        Err(e) => e.1,
    }
}

/// Decodes one YAML document into `T`. Empty text decodes like an empty
/// mapping so that "every field missing" is reported field by field by the
/// model.
///
/// When `private` (a file under `content/internal/`), or for a field under
/// `internal:`, a message says what kind of value was found but never
/// quotes it: the preview's overlay and the terminal are seen by more eyes
/// than the records.
pub fn decode<T: DeserializeOwned>(text: &str, private: bool) -> Decoded<T> {
    let root = match tree::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let (e, partial) = *e;
            let spans = Spans {
                root: partial.map(Arc::new),
            };
            return Decoded {
                value: None,
                spans,
                errors: vec![tree_error(text, e, private)],
                failed: Vec::new(),
            };
        }
    };
    let decoded = de::decode::<T>(&root);
    let errors = decoded
        .problems
        .iter()
        .map(|p| YamlError {
            pos: Pos::new(p.span.line, p.span.col),
            message: words::problem(p, private),
        })
        .collect();
    let failed = decoded
        .problems
        .into_iter()
        .filter(|p| !matches!(p.cause, de::Cause::UnknownField { .. }))
        .map(|p| p.path)
        .collect();
    Decoded {
        value: decoded.value,
        spans: Spans {
            root: Some(Arc::new(root)),
        },
        errors,
        failed,
    }
}

fn tree_error(text: &str, e: tree::TreeError, private: bool) -> YamlError {
    match e {
        tree::TreeError::Syntax {
            span,
            info,
            internal,
        } => {
            let private = private || internal;
            let (pos, message) = syntax::explain(text, span.line, span.col, &info, private);
            YamlError { pos, message }
        }
        tree::TreeError::Duplicate {
            span,
            key,
            internal,
        } => YamlError {
            pos: Pos::new(span.line, span.col),
            message: if private || internal {
                msg!("yaml_duplicate_field_private")
            } else {
                msg!("yaml_duplicate_field", field = key)
            },
        },
        tree::TreeError::ManyDocuments { span } => YamlError {
            pos: Pos::new(span.line, span.col),
            message: msg!("yaml_many_documents"),
        },
    }
}

#[cfg(test)]
mod tests;
