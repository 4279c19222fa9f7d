//! One edit on the text: find the node, write the change as a few byte
//! ranges replaced, leave every other byte. A mapping or list set over a
//! block mapping or list becomes edits of its entries, returned to be
//! applied next.

use super::place::{
    after_colon, content_end, dashes, first_on_line, flow_end, is_alias, is_flow, is_inline,
    line_end, line_start, newline, next_line, style,
};
use super::render::{self, Block};
use super::value::V;
use super::{EditError, Op};
use crate::yaml::de::Step;
use crate::yaml::tree::{Kind, Node};

/// Where a node stands, which decides how a new value is written there.
#[derive(Clone, Copy)]
enum Slot<'n> {
    Root,
    /// The value of this key in a block mapping.
    Value(&'n Node),
    /// An item of a block list, with its `-` here.
    Item(usize),
    /// Inside a flow collection.
    Flow,
}

/// The text after `op`, and the edits it was split into, to apply next.
pub(crate) fn apply(text: &str, root: &Node, op: &Op) -> Result<(String, Vec<Op>), EditError> {
    let mut e = Editor {
        text,
        patches: Vec::new(),
    };
    let more = match op {
        Op::Set(path, value) => e.set(root, path, value.clone())?,
        Op::Remove(path) => {
            e.remove(root, path)?;
            Vec::new()
        }
    };
    Ok((e.finish(), more))
}

struct Editor<'t> {
    text: &'t str,
    /// Byte ranges and their new text; they never overlap.
    patches: Vec<(usize, usize, String)>,
}

impl<'t> Editor<'t> {
    fn finish(mut self) -> String {
        self.patches.sort_by_key(|p| (p.0, p.1));
        let mut out = String::with_capacity(self.text.len() + 64);
        let mut at = 0;
        for (start, end, new) in &self.patches {
            out.push_str(&self.text[at..*start]);
            out.push_str(new);
            at = *end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    fn patch(&mut self, start: usize, end: usize, new: String) {
        self.patches.push((start, end, new));
    }

    fn nl(&self) -> &'static str {
        newline(self.text)
    }

    /// Sets the value at `path`: follows it as far as it is written, then
    /// adds a key, appends an item, or replaces the node found.
    fn set(&mut self, root: &Node, path: &[Step], value: V) -> Result<Vec<Op>, EditError> {
        let mut node = root;
        let mut slot = Slot::Root;
        for (i, step) in path.iter().enumerate() {
            if is_alias(self.text, node) {
                return Err(EditError::Unsupported {
                    at: path[..i].to_vec(),
                });
            }
            let inside = if matches!(slot, Slot::Flow) || is_flow(self.text, node) {
                Some(Slot::Flow)
            } else {
                None
            };
            match (step, &node.kind) {
                (Step::Key(k), Kind::Map(entries)) => match find(entries, k) {
                    Some(j) => {
                        let (key, v) = &entries[j];
                        slot = inside.unwrap_or(Slot::Value(key));
                        node = v;
                    }
                    None => {
                        let v = V::nest(path, i + 1, value)?;
                        self.insert_key(node, k, v)?;
                        return Ok(Vec::new());
                    }
                },
                (Step::Index(j), Kind::Seq(items)) if *j < items.len() => {
                    slot = match inside {
                        Some(s) => s,
                        None => Slot::Item(self.dashes(node, &path[..i])?[*j]),
                    };
                    node = &items[*j];
                }
                (Step::Index(j), Kind::Seq(items)) if *j == items.len() => {
                    let v = V::nest(path, i + 1, value)?;
                    self.append(node, &path[..i], v)?;
                    return Ok(Vec::new());
                }
                (Step::Index(_), Kind::Seq(items)) => {
                    return Err(EditError::OutOfRange {
                        at: path[..=i].to_vec(),
                        len: items.len(),
                    });
                }
                (_, Kind::Null) => {
                    let v = V::nest(path, i, value)?;
                    return self.replace(node, slot, &path[..i], v);
                }
                _ => {
                    return Err(EditError::WrongShape {
                        at: path[..i].to_vec(),
                    });
                }
            }
        }
        self.replace(node, slot, path, value)
    }

    fn dashes(&self, seq: &Node, at: &[Step]) -> Result<Vec<usize>, EditError> {
        dashes(self.text, seq).ok_or_else(|| EditError::Unsupported { at: at.to_vec() })
    }

    /// Writes `v` in place of `node`.
    fn replace(
        &mut self,
        node: &Node,
        slot: Slot<'_>,
        path: &[Step],
        v: V,
    ) -> Result<Vec<Op>, EditError> {
        if V::of_node(node) == v {
            return Ok(Vec::new());
        }
        let text = self.text;
        let old = style(text, node);
        if matches!(slot, Slot::Flow) {
            let new = if v.is_scalar() {
                render::scalar(&v, old, true)
            } else {
                render::flow(&v, padded(text, node))
            };
            let end = if is_flow(text, node) {
                flow_end(text, node)
            } else {
                node.span.end
            };
            self.patch(node.span.start, end, new);
            return Ok(Vec::new());
        }
        let block = !is_inline(text, node) && !node.is_scalar();
        match (&node.kind, &v) {
            (Kind::Map(_), V::Map(new))
                if block && (!new.is_empty() || matches!(slot, Slot::Root)) =>
            {
                return Ok(diff(node, path, v));
            }
            (Kind::Seq(_), V::Seq(new)) if block && !new.is_empty() => {
                return Ok(diff(node, path, v));
            }
            _ => {}
        }
        let (marker, rendered) = match slot {
            Slot::Value(key) => {
                let marker = after_colon(text, key)
                    .ok_or_else(|| EditError::Unsupported { at: path.to_vec() })?;
                let indent = key.span.start - line_start(text, key.span.start);
                (marker, render::value(&v, indent + 2, old))
            }
            Slot::Item(dash) => (
                dash + 1,
                render::item(&v, dash - line_start(text, dash), old),
            ),
            Slot::Root => {
                if node.span.start == node.span.end && matches!(v, V::Map(_)) {
                    return Ok(diff(node, path, v));
                }
                return Err(EditError::Root);
            }
            Slot::Flow => unreachable!("written above"),
        };
        let rendered = if is_flow(text, node) && !v.is_scalar() {
            Block {
                inline: format!(" {}", render::flow(&v, padded(text, node))),
                lines: Vec::new(),
            }
        } else {
            rendered
        };
        let nl = self.nl();
        let lines: String = rendered.lines.iter().map(|l| format!("{nl}{l}")).collect();
        if is_inline(text, node) {
            let end = if node.span.start == node.span.end {
                // An empty value: its span is no guide to where it is.
                let eol = line_end(text, marker);
                if text[marker..eol].trim().is_empty() {
                    eol
                } else {
                    marker
                }
            } else {
                content_end(text, node)
            };
            self.patch(marker, end, rendered.inline);
            if !lines.is_empty() {
                let eol = line_end(text, end);
                self.patch(eol, eol, lines);
            }
        } else {
            let end = content_end(text, node);
            let eol = line_end(text, marker);
            if text[marker..eol].trim_start().starts_with('#') && eol < end {
                // `key:  # note` above a block collection keeps its note.
                self.patch(marker, marker, rendered.inline);
                self.patch(eol, end, lines);
            } else {
                self.patch(marker, end, rendered.inline + &lines);
            }
        }
        Ok(Vec::new())
    }

    /// Adds `key: v` at the end of `map`.
    fn insert_key(&mut self, map: &Node, key: &str, v: V) -> Result<(), EditError> {
        let text = self.text;
        let Kind::Map(entries) = &map.kind else {
            unreachable!("only called on a mapping");
        };
        if is_flow(text, map) {
            let mut all = V::of_node(map);
            if let V::Map(e) = &mut all {
                e.push((key.to_string(), v));
            }
            self.patch(
                map.span.start,
                flow_end(text, map),
                render::flow(&all, padded(text, map)),
            );
            return Ok(());
        }
        let Some((first, _)) = entries.first() else {
            // An empty document: the new key is its first line.
            let nl = self.nl();
            let lines = render::entry_lines(key, &v, 0).join(nl);
            let new = if text.is_empty() || text.ends_with('\n') {
                format!("{lines}{nl}")
            } else {
                format!("{nl}{lines}")
            };
            self.patch(text.len(), text.len(), new);
            return Ok(());
        };
        let indent = first.span.start - line_start(text, first.span.start);
        let lines = render::entry_lines(key, &v, indent);
        self.insert_lines(content_end(text, map), &lines);
        Ok(())
    }

    /// Adds `v` as the last item of `seq`.
    fn append(&mut self, seq: &Node, at: &[Step], v: V) -> Result<(), EditError> {
        let text = self.text;
        if is_flow(text, seq) {
            let mut all = V::of_node(seq);
            if let V::Seq(items) = &mut all {
                items.push(v);
            }
            self.patch(
                seq.span.start,
                flow_end(text, seq),
                render::flow(&all, padded(text, seq)),
            );
            return Ok(());
        }
        let first = self.dashes(seq, at)?[0];
        let lines = render::item_lines(&v, first - line_start(text, first));
        self.insert_lines(content_end(text, seq), &lines);
        Ok(())
    }

    /// Puts `lines` after the line holding `pos`.
    fn insert_lines(&mut self, pos: usize, lines: &[String]) {
        let nl = self.nl();
        let at = next_line(self.text, pos);
        let joined = lines.join(nl);
        if at == self.text.len() && !self.text.ends_with('\n') {
            self.patch(at, at, format!("{nl}{joined}"));
        } else {
            self.patch(at, at, format!("{joined}{nl}"));
        }
    }

    fn remove(&mut self, root: &Node, path: &[Step]) -> Result<(), EditError> {
        let Some((last, parent_path)) = path.split_last() else {
            return Err(EditError::Root);
        };
        let text = self.text;
        let mut node = root;
        let mut slot = Slot::Root;
        for (i, step) in parent_path.iter().enumerate() {
            if is_alias(text, node) {
                return Err(EditError::Unsupported {
                    at: path[..i].to_vec(),
                });
            }
            let inside = matches!(slot, Slot::Flow) || is_flow(text, node);
            match (step, &node.kind) {
                (Step::Key(k), Kind::Map(entries)) => match find(entries, k) {
                    Some(j) => {
                        slot = if inside {
                            Slot::Flow
                        } else {
                            Slot::Value(&entries[j].0)
                        };
                        node = &entries[j].1;
                    }
                    None => return Ok(()),
                },
                (Step::Index(j), Kind::Seq(items)) if *j < items.len() => {
                    slot = if inside {
                        Slot::Flow
                    } else {
                        Slot::Item(self.dashes(node, &path[..i])?[*j])
                    };
                    node = &items[*j];
                }
                (Step::Index(_), Kind::Seq(items)) => {
                    return Err(EditError::OutOfRange {
                        at: path[..=i].to_vec(),
                        len: items.len(),
                    });
                }
                (Step::Key(_), Kind::Null) => return Ok(()),
                _ => {
                    return Err(EditError::WrongShape {
                        at: path[..i].to_vec(),
                    });
                }
            }
        }
        if is_alias(text, node) {
            return Err(EditError::Unsupported {
                at: parent_path.to_vec(),
            });
        }
        let (index, len) = match (last, &node.kind) {
            (Step::Key(k), Kind::Map(entries)) => match find(entries, k) {
                Some(j) => (j, entries.len()),
                None => return Ok(()),
            },
            (Step::Index(j), Kind::Seq(items)) if *j < items.len() => (*j, items.len()),
            (Step::Index(_), Kind::Seq(items)) => {
                return Err(EditError::OutOfRange {
                    at: path.to_vec(),
                    len: items.len(),
                });
            }
            (Step::Key(_), Kind::Null) => return Ok(()),
            _ => {
                return Err(EditError::WrongShape {
                    at: parent_path.to_vec(),
                });
            }
        };
        let mut all = V::of_node(node);
        match &mut all {
            V::Map(e) => drop(e.remove(index)),
            V::Seq(i) => drop(i.remove(index)),
            _ => {}
        }
        if matches!(slot, Slot::Flow) || is_flow(text, node) {
            self.patch(
                node.span.start,
                flow_end(text, node),
                render::flow(&all, padded(text, node)),
            );
            return Ok(());
        }
        if len == 1 && !matches!(slot, Slot::Root) {
            self.replace(node, slot, parent_path, all)?;
            return Ok(());
        }
        // The item's own lines go; or, for the first of a mapping or list
        // that starts on its parent's `- ` line, everything up to the next.
        let (start, end, next) = match &node.kind {
            Kind::Map(entries) => {
                let (key, value) = &entries[index];
                let next = entries.get(index + 1).map(|(k, _)| k.span.start);
                (
                    key.span.start,
                    content_end(text, value).max(key.span.end),
                    next,
                )
            }
            Kind::Seq(items) => {
                let d = self.dashes(node, parent_path)?;
                (
                    d[index],
                    content_end(text, &items[index]),
                    d.get(index + 1).copied(),
                )
            }
            _ => unreachable!("matched above"),
        };
        if first_on_line(text, start) {
            let mut from = line_start(text, start);
            let to = next_line(text, end);
            if to == text.len() && !text.ends_with('\n') && from > 0 {
                // The last line had no break: neither shall the new last.
                from = text[..from - 1]
                    .strip_suffix('\r')
                    .map_or(from - 1, str::len);
            }
            self.patch(from, to, String::new());
        } else if let Some(next) = next {
            self.patch(start, next, String::new());
        } else {
            return Err(EditError::Unsupported { at: path.to_vec() });
        }
        Ok(())
    }
}

fn find(entries: &[(Node, Node)], key: &str) -> Option<usize> {
    entries
        .iter()
        .position(|(k, _)| k.is_scalar() && k.text == key)
}

/// Whether a flow collection is written `{ a: 1 }` rather than `{a: 1}`.
fn padded(text: &str, node: &Node) -> bool {
    text.as_bytes().get(node.span.start + 1) == Some(&b' ')
}

/// The edits that turn the block collection `node` (at `path`) into `v`,
/// entry by entry: changed entries first, then new ones at the end, then
/// removals (of list items from the last), so that each finds its place.
fn diff(node: &Node, path: &[Step], v: V) -> Vec<Op> {
    let at = |s: Step| {
        let mut p = path.to_vec();
        p.push(s);
        p
    };
    let mut ops = Vec::new();
    match (&node.kind, v) {
        (Kind::Map(old), V::Map(new)) => {
            let has = |k: &str| old.iter().any(|(key, _)| key.text == k);
            let (kept, added): (Vec<_>, Vec<_>) = new.iter().cloned().partition(|(k, _)| has(k));
            for (k, v) in kept.into_iter().chain(added) {
                ops.push(Op::Set(at(Step::Key(k)), v));
            }
            for (key, _) in old {
                if !new.iter().any(|(k, _)| *k == key.text) {
                    ops.push(Op::Remove(at(Step::Key(key.text.clone()))));
                }
            }
        }
        (Kind::Seq(old), V::Seq(new)) => {
            let n = new.len();
            for (i, v) in new.into_iter().enumerate() {
                ops.push(Op::Set(at(Step::Index(i)), v));
            }
            for i in (n..old.len()).rev() {
                ops.push(Op::Remove(at(Step::Index(i))));
            }
        }
        _ => {}
    }
    ops
}
