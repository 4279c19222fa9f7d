//! Edits a record's YAML text in place, for the browser editor: a save
//! changes only the values that were edited, and every other byte
//! (comments, key order, blank lines, quoting, line endings) stays as the
//! person left it.
//!
//! Each edit is applied to the text by itself and the text read again, so
//! that the next edit finds every node where it now is. At the end, the new
//! text must read back as the value the edits asked for; if it does not (a
//! layout this module does not rewrite), the edit fails and nothing is
//! returned, rather than a record that means something else. Pure: no I/O,
//! and no message is worded here (the caller words [`EditError`]).

pub mod path;
mod place;
mod render;
mod step;
mod value;

#[cfg(test)]
mod prop;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;

use crate::yaml::de::Step;
use crate::yaml::tree;
use value::V;

/// One change to a document, at a path of keys and list indices.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Sets the value at the path. A missing key is added at the end of its
    /// mapping, an index equal to a list's length appends to it, and
    /// missing mappings and lists on the way are made. A mapping or list
    /// set over one is changed entry by entry, so comments inside survive.
    Set(Vec<Step>, serde_json::Value),
    /// Removes a key (nothing happens when it is not there) or a list item.
    Remove(Vec<Step>),
    /// Appends to the list at the path (made when missing). The editor
    /// sends indices; the tests append.
    #[cfg(test)]
    Push(Vec<Step>, serde_json::Value),
}

/// Why an edit could not be made. Paths are the prefix of the edit's path
/// where it failed.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The text is not one YAML document rapor reads.
    NotReadable,
    /// A Markdown record without front matter between `---` lines.
    #[cfg(test)]
    NoFrontMatter,
    /// A path that is not of the form `a.b[0].c`; `at` is the byte offset
    /// of the fault.
    BadPath { at: usize },
    /// An index past the end of a list of `len` items.
    OutOfRange { at: Vec<Step>, len: usize },
    /// The path goes on through a scalar, asks a key of a list or an index
    /// of a mapping.
    WrongShape { at: Vec<Step> },
    /// Removing the document itself, or setting it to something other than
    /// a mapping.
    Root,
    /// Through an alias or a key that is not a plain word: the editor does
    /// not rewrite these.
    Unsupported { at: Vec<Step> },
    /// The rewritten text would not read back as the edits asked (a layout
    /// the editor cannot rewrite); the file must be left alone.
    Unsafe,
}

/// An edit with its value as the editor compares values.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Set(Vec<Step>, V),
    Remove(Vec<Step>),
}

/// Applies `edits` in order to the YAML `text` and returns the new text.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let root = tree::parse(text).map_err(|_| EditError::NotReadable)?;
    let mut want = V::of_node(&root);
    let mut queue = VecDeque::new();
    for edit in edits {
        let op = match edit {
            Edit::Set(path, v) => Op::Set(path.clone(), V::of_json(v)),
            Edit::Remove(path) => Op::Remove(path.clone()),
            #[cfg(test)]
            Edit::Push(path, v) => {
                let len = push_index(&want, path)?;
                let mut path = path.clone();
                path.push(Step::Index(len));
                Op::Set(path, V::of_json(v))
            }
        };
        value::apply(&mut want, &op)?;
        queue.push_back(op);
    }
    let mut text = text.to_string();
    while let Some(op) = queue.pop_front() {
        let root = tree::parse(&text).map_err(|_| EditError::Unsafe)?;
        let (next, more) = step::apply(&text, &root, &op)?;
        text = next;
        for op in more.into_iter().rev() {
            queue.push_front(op);
        }
    }
    let root = tree::parse(&text).map_err(|_| EditError::Unsafe)?;
    if V::of_node(&root) != want {
        return Err(EditError::Unsafe);
    }
    Ok(text)
}

/// The length of the list at `path` (0 when missing), for a push.
#[cfg(test)]
fn push_index(root: &V, path: &[Step]) -> Result<usize, EditError> {
    let mut node = root;
    for (i, step) in path.iter().enumerate() {
        node = match (step, node) {
            (Step::Key(k), V::Map(entries)) => match entries.iter().find(|(key, _)| key == k) {
                Some((_, v)) => v,
                None => return Ok(0),
            },
            (Step::Index(j), V::Seq(items)) if *j < items.len() => &items[*j],
            (Step::Index(j), V::Seq(items)) if *j == items.len() => return Ok(0),
            (Step::Index(_), V::Seq(items)) => {
                return Err(EditError::OutOfRange {
                    at: path[..=i].to_vec(),
                    len: items.len(),
                });
            }
            (_, V::Null) => return Ok(0),
            _ => {
                return Err(EditError::WrongShape {
                    at: path[..i].to_vec(),
                });
            }
        };
    }
    match node {
        V::Seq(items) => Ok(items.len()),
        V::Null => Ok(0),
        _ => Err(EditError::WrongShape { at: path.to_vec() }),
    }
}

/// A Markdown record split at its front matter, by the same rules as the
/// parse stage reads it (for the tests: the editor splits records with
/// `parse::split_front_matter`); [`FrontMatter::join`] puts it back together byte
/// for byte.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// A byte-order mark if any, and the opening `---` line.
    pub head: &'a str,
    pub yaml: &'a str,
    /// The closing `---` line and the body.
    pub tail: &'a str,
}

#[cfg(test)]
impl FrontMatter<'_> {
    /// The file with `yaml` as its front matter. A line break is added
    /// after YAML that lacks one, so the closing `---` stays on its line.
    pub fn join(&self, yaml: &str) -> String {
        let mut out = String::with_capacity(self.head.len() + yaml.len() + self.tail.len());
        out.push_str(self.head);
        out.push_str(yaml);
        if !yaml.is_empty() && !yaml.ends_with('\n') {
            out.push_str(if self.head.ends_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            });
        }
        out.push_str(self.tail);
        out
    }
}

/// Splits `---\n<yaml>---\n<body>`; `None` without front matter.
#[cfg(test)]
pub fn split_markdown(text: &str) -> Option<FrontMatter<'_>> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut lines = text[bom..].split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let yaml_start = bom + first.len();
    let mut offset = yaml_start;
    for line in lines {
        if line.trim_end() == "---" {
            return Some(FrontMatter {
                head: &text[..yaml_start],
                yaml: &text[yaml_start..offset],
                tail: &text[offset..],
            });
        }
        offset += line.len();
    }
    None
}

/// [`apply`] to the front matter of a Markdown record; the body is kept
/// byte for byte.
#[cfg(test)]
pub fn apply_markdown(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let fm = split_markdown(text).ok_or(EditError::NoFrontMatter)?;
    Ok(fm.join(&apply(fm.yaml, edits)?))
}
