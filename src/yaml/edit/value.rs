//! What a document means, as the editor compares it: the value of a node,
//! of the editor's JSON, and of a document after a list of edits. The text
//! is rewritten only where this value changes, and a rewritten text is
//! accepted only when it reads back as the value the edits asked for.

use serde_json::Value as Json;

use super::{EditError, Op};
use crate::yaml::de::Step;
use crate::yaml::scalar::{Int, int};
use crate::yaml::tree::{Kind, Node};

/// A YAML value. Integers of any width YAML reads; mappings keep their
/// keys in the order written but compare as sets, since a record's meaning
/// does not depend on key order (and the editor's JSON has none).
#[derive(Debug, Clone)]
pub(crate) enum V {
    Null,
    Bool(bool),
    Int(i128),
    /// Above `i128::MAX`.
    BigInt(u128),
    Float(f64),
    Str(String),
    Seq(Vec<V>),
    Map(Vec<(String, V)>),
}

impl PartialEq for V {
    fn eq(&self, other: &V) -> bool {
        match (self, other) {
            (V::Null, V::Null) => true,
            (V::Bool(a), V::Bool(b)) => a == b,
            (V::Int(a), V::Int(b)) => a == b,
            (V::BigInt(a), V::BigInt(b)) => a == b,
            (V::Float(a), V::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (V::Str(a), V::Str(b)) => a == b,
            (V::Seq(a), V::Seq(b)) => a == b,
            (V::Map(a), V::Map(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.iter().any(|(l, w)| k == l && v == w))
            }
            _ => false,
        }
    }
}

impl V {
    pub(crate) fn is_scalar(&self) -> bool {
        !matches!(self, V::Seq(_) | V::Map(_))
    }

    /// What a node of the spanned tree means. A key is its text (rapor's
    /// keys are words).
    pub(crate) fn of_node(node: &Node) -> V {
        match &node.kind {
            Kind::Null => V::Null,
            Kind::Bool(b) => V::Bool(*b),
            Kind::Int => match int(&node.text) {
                Some(Int::U64(u)) => V::Int(i128::from(u)),
                Some(Int::I64(i)) => V::Int(i128::from(i)),
                Some(Int::I128(i)) => V::Int(i),
                Some(Int::U128(u)) => i128::try_from(u).map_or(V::BigInt(u), V::Int),
                None => V::Str(node.text.clone()),
            },
            Kind::Float(f) => V::Float(*f),
            Kind::Str => V::Str(node.text.clone()),
            Kind::Seq(items) => V::Seq(items.iter().map(V::of_node).collect()),
            Kind::Map(entries) => V::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.text.clone(), V::of_node(v)))
                    .collect(),
            ),
        }
    }

    pub(crate) fn of_json(json: &Json) -> V {
        match json {
            Json::Null => V::Null,
            Json::Bool(b) => V::Bool(*b),
            Json::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => V::Int(i128::from(i)),
                (_, Some(u)) => V::Int(i128::from(u)),
                _ => V::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Json::String(s) => V::Str(s.clone()),
            Json::Array(items) => V::Seq(items.iter().map(V::of_json).collect()),
            Json::Object(map) => V::Map(
                map.iter()
                    .map(|(k, v)| (k.clone(), V::of_json(v)))
                    .collect(),
            ),
        }
    }

    /// The value the missing end `path[from..]` of a path takes so that
    /// `value` ends up there: `[a, 0]` and `x` give `{a: [x]}`. A new list
    /// has only an item 0.
    pub(crate) fn nest(path: &[Step], from: usize, value: V) -> Result<V, EditError> {
        if let Some(i) = (from..path.len()).find(|&i| matches!(path[i], Step::Index(j) if j > 0)) {
            return Err(EditError::OutOfRange {
                at: path[..=i].to_vec(),
                len: 0,
            });
        }
        Ok(path[from..]
            .iter()
            .rev()
            .fold(value, |inner, step| match step {
                Step::Key(k) => V::Map(vec![(k.clone(), inner)]),
                Step::Index(_) => V::Seq(vec![inner]),
            }))
    }
}

/// Applies `op` to a document's value, with the same rules (and errors) as
/// the text is edited by: what the result must read back as.
pub(crate) fn apply(root: &mut V, op: &Op) -> Result<(), EditError> {
    match op {
        Op::Set(path, value) => set(root, path, 0, value.clone()),
        Op::Remove(path) => {
            let Some((last, parent)) = path.split_last() else {
                return Err(EditError::Root);
            };
            let Some(node) = walk(root, parent, path)? else {
                return Ok(());
            };
            match (last, node) {
                (Step::Key(k), V::Map(entries)) => {
                    entries.retain(|(key, _)| key != k);
                    Ok(())
                }
                (Step::Index(i), V::Seq(items)) if *i < items.len() => {
                    items.remove(*i);
                    Ok(())
                }
                (Step::Index(_), V::Seq(items)) => Err(EditError::OutOfRange {
                    at: path.to_vec(),
                    len: items.len(),
                }),
                (Step::Key(_), V::Null) => Ok(()),
                _ => Err(EditError::WrongShape {
                    at: parent.to_vec(),
                }),
            }
        }
    }
}

/// The node at `path` for a removal: `None` when a key on the way is
/// missing (nothing to remove).
fn walk<'v>(
    mut node: &'v mut V,
    path: &[Step],
    full: &[Step],
) -> Result<Option<&'v mut V>, EditError> {
    for (i, step) in path.iter().enumerate() {
        node = match (step, node) {
            (Step::Key(k), V::Map(entries)) => match entries.iter_mut().find(|(key, _)| key == k) {
                Some((_, v)) => v,
                None => return Ok(None),
            },
            (Step::Index(j), V::Seq(items)) => {
                let len = items.len();
                match items.get_mut(*j) {
                    Some(v) => v,
                    None => {
                        return Err(EditError::OutOfRange {
                            at: full[..=i].to_vec(),
                            len,
                        });
                    }
                }
            }
            (Step::Key(_), V::Null) => return Ok(None),
            _ => {
                return Err(EditError::WrongShape {
                    at: full[..i].to_vec(),
                });
            }
        };
    }
    Ok(Some(node))
}

fn set(node: &mut V, path: &[Step], at: usize, value: V) -> Result<(), EditError> {
    let Some(step) = path.get(at) else {
        *node = value;
        return Ok(());
    };
    if matches!(node, V::Null) {
        *node = V::nest(path, at, value)?;
        return Ok(());
    }
    match (step, node) {
        (Step::Key(k), V::Map(entries)) => match entries.iter_mut().position(|(key, _)| key == k) {
            Some(i) => set(&mut entries[i].1, path, at + 1, value),
            None => {
                entries.push((k.clone(), V::nest(path, at + 1, value)?));
                Ok(())
            }
        },
        (Step::Index(i), V::Seq(items)) if *i < items.len() => {
            set(&mut items[*i], path, at + 1, value)
        }
        (Step::Index(i), V::Seq(items)) if *i == items.len() => {
            items.push(V::nest(path, at + 1, value)?);
            Ok(())
        }
        (Step::Index(_), V::Seq(items)) => Err(EditError::OutOfRange {
            at: path[..=at].to_vec(),
            len: items.len(),
        }),
        _ => Err(EditError::WrongShape {
            at: path[..at].to_vec(),
        }),
    }
}
