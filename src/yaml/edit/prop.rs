//! Random edits on every record of the example site and the test fixtures:
//! each result must read back (through yaml_serde, not through this
//! module's own reading) as the original with the edit made, and every
//! line the edit did not touch must still be there, in order.

use std::path::Path;

use serde_json::{Value as Json, json};

use super::place::{content_end, dashes, is_flow};
use super::*;
use crate::yaml::tree::{Kind, Node};

/// A small deterministic generator (xorshift), so a failure repeats.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn pool() -> Vec<Json> {
    vec![
        json!("007"),
        json!("yes"),
        json!("2026-01-01"),
        json!("a: b"),
        json!("#x"),
        json!("  leading spaces"),
        json!("two\nlines"),
        json!("ends with a break\n"),
        json!(""),
        json!("it's \"quoted\""),
        json!("x, y [z] {w}"),
        json!("Teks biasa, dengan koma."),
        json!("ünïcødé — ✓"),
        json!("tab\there"),
        json!("trailing space "),
        json!("- dash"),
        json!("null"),
        json!(42),
        json!(-7),
        json!(0),
        json!(3.25),
        json!(81.0),
        json!(true),
        json!(false),
        json!(null),
        json!(["a", "b c", "007"]),
        json!([]),
        json!({}),
        json!({"k": 1, "m": "v: w"}),
        json!([{"a": 1, "b": "x\ny"}, {"a": 2}]),
    ]
}

/// Every record as written, with Windows line breaks, and without its
/// final line break.
fn variants() -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    for (name, text) in records() {
        out.push((format!("{name} (crlf)"), text.replace('\n', "\r\n"), 10));
        if let Some(cut) = text.strip_suffix('\n') {
            out.push((format!("{name} (no final break)"), cut.to_string(), 10));
        }
        out.push((name, text, 40));
    }
    out
}

/// Every `.yaml` record, and the front matter of every `.md` one.
fn records() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["content", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str());
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let yaml = match ext {
                Some("yaml") => text,
                Some("md") => match split_markdown(&text) {
                    Some(fm) => fm.yaml.to_string(),
                    None => continue,
                },
                _ => continue,
            };
            out.push((path.display().to_string(), yaml));
        }
    }
    assert!(out.len() >= 20, "found only {} records", out.len());
    out
}

/// The document as rapor's decoder reads it (not through this module's
/// own reading). yaml_serde would do too, but for one difference: a block
/// scalar on the last line without a break ends in one for saphyr.
fn read(text: &str) -> Json {
    let d = crate::yaml::decode::<Json>(text, false);
    assert!(d.errors.is_empty(), "{:?}\n{text}", d.errors);
    d.value.expect("decoded")
}

/// Every node but the root: its path and value.
fn nodes(v: &Json, path: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, Json)>) {
    let children: Vec<(Step, &Json)> = match v {
        Json::Object(m) => m.iter().map(|(k, v)| (Step::Key(k.clone()), v)).collect(),
        Json::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (Step::Index(i), v))
            .collect(),
        _ => Vec::new(),
    };
    for (step, child) in children {
        path.push(step);
        out.push((path.clone(), child.clone()));
        nodes(child, path, out);
        path.pop();
    }
}

/// The edit made on the JSON value, by its own plain rules.
fn apply_json(root: &mut Json, edit: &Edit) {
    match edit {
        Edit::Set(path, v) => {
            let mut node = root;
            for step in path {
                if node.is_null() {
                    *node = match step {
                        Step::Key(_) => json!({}),
                        Step::Index(_) => json!([]),
                    };
                }
                node = match step {
                    Step::Key(k) => node
                        .as_object_mut()
                        .unwrap()
                        .entry(k.clone())
                        .or_insert(Json::Null),
                    Step::Index(i) => {
                        let a = node.as_array_mut().unwrap();
                        if *i == a.len() {
                            a.push(Json::Null);
                        }
                        &mut a[*i]
                    }
                };
            }
            *node = v.clone();
        }
        Edit::Remove(path) => {
            let (last, parent) = path.split_last().unwrap();
            let mut node = root;
            for step in parent {
                node = match step {
                    Step::Key(k) => &mut node[k.as_str()],
                    Step::Index(i) => &mut node[*i],
                };
            }
            match last {
                Step::Key(k) => drop(node.as_object_mut().unwrap().remove(k)),
                Step::Index(i) => drop(node.as_array_mut().unwrap().remove(*i)),
            }
        }
        Edit::Push(..) => unreachable!("not generated"),
    }
}

/// Lines (0-based, inclusive) of `path`'s entry in the original text: from
/// its key or `-` to its content's end; the whole flow collection when it
/// is inside one; its parent's too when `whole_parent`.
fn touched(text: &str, root: &Node, path: &[Step], whole_parent: bool) -> (usize, usize) {
    let line = |pos: usize| text[..pos].matches('\n').count();
    let mut node = root;
    let mut range = (0, line(text.len()));
    let mut parent_range = range;
    for step in path {
        if is_flow(text, node) {
            return (line(node.span.start), line(node.span.end));
        }
        let (start, child) = match (step, &node.kind) {
            (Step::Key(k), Kind::Map(e)) => {
                let (key, v) = e.iter().find(|(key, _)| &key.text == k).unwrap();
                (key.span.start, v)
            }
            (Step::Index(i), Kind::Seq(items)) => (dashes(text, node).unwrap()[*i], &items[*i]),
            _ => panic!("{path:?}"),
        };
        parent_range = range;
        range = (line(start), line(content_end(text, child).max(start)));
        node = child;
    }
    if whole_parent {
        return (parent_range.0, parent_range.1.max(range.1));
    }
    range
}

/// The lines of the flow collection that holds `path`'s node, or is it.
fn flow_range(text: &str, root: &Node, path: &[Step]) -> Option<(usize, usize)> {
    let line = |pos: usize| text[..pos].matches('\n').count();
    let mut node = root;
    for step in path {
        if is_flow(text, node) {
            break;
        }
        node = match (step, &node.kind) {
            (Step::Key(k), Kind::Map(e)) => &e.iter().find(|(key, _)| &key.text == k)?.1,
            (Step::Index(i), Kind::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    is_flow(text, node).then(|| (line(node.span.start), line(node.span.end)))
}

/// Whether `sub` appears in `all` in order.
fn subsequence(sub: &[&str], all: &[&str]) -> Option<usize> {
    let mut it = all.iter();
    for (i, s) in sub.iter().enumerate() {
        if !it.any(|a| a == s) {
            return Some(i);
        }
    }
    None
}

fn check(name: &str, text: &str, edits: &[Edit], touched_lines: &[(usize, usize)]) {
    let got = apply(text, edits).unwrap_or_else(|e| panic!("{name}: {edits:?}: {e:?}\n{text}"));
    let mut want = read(text);
    for e in edits {
        apply_json(&mut want, e);
    }
    let back = read(&got);
    assert_eq!(
        back, want,
        "{name}: {edits:?}\n--- before\n{text}--- after\n{got}"
    );
    if text.ends_with('\n') {
        let theirs: Json = serde_yaml::from_str(&got).unwrap();
        assert_eq!(theirs, back, "{name}: yaml_serde reads otherwise\n{got}");
    }
    let before: Vec<&str> = text.split_inclusive('\n').collect();
    let kept: Vec<&str> = before
        .iter()
        .enumerate()
        .filter(|(i, _)| !touched_lines.iter().any(|(a, b)| a <= i && i <= b))
        .map(|(_, l)| l.trim_end_matches(['\n', '\r']))
        .collect();
    let after: Vec<&str> = got
        .split_inclusive('\n')
        .map(|l| l.trim_end_matches(['\n', '\r']))
        .collect();
    if let Some(i) = subsequence(&kept, &after) {
        panic!(
            "{name}: {edits:?}: untouched line {:?} is gone\n--- before\n{text}--- after\n{got}",
            kept[i]
        );
    }
}

#[test]
fn random_edits_on_every_record_change_only_what_they_edit() {
    let pool = pool();
    let mut made = 0;
    for (name, text, rounds) in variants() {
        let root = tree::parse(&text).unwrap();
        let value = read(&text);
        let mut all = Vec::new();
        nodes(&value, &mut Vec::new(), &mut all);
        if all.is_empty() {
            continue;
        }
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (text.len() as u64 + 1));
        for round in 0..rounds {
            let (path, old) = all[rng.below(all.len())].clone();
            let new = pool[rng.below(pool.len())].clone();
            let (edits, lines) = match round % 5 {
                // Replace a value (a scalar, a whole mapping or list).
                0 | 1 => {
                    let t = touched(&text, &root, &path, false);
                    (vec![Edit::Set(path, new)], vec![t])
                }
                2 => {
                    let single = match &path[..path.len() - 1] {
                        [] => false,
                        parent => {
                            let len = |v: &Json| {
                                v.as_object()
                                    .map(|m| m.len())
                                    .or(v.as_array().map(Vec::len))
                            };
                            let mut p = &value;
                            for s in parent {
                                p = match s {
                                    Step::Key(k) => &p[k.as_str()],
                                    Step::Index(i) => &p[*i],
                                };
                            }
                            len(p) == Some(1)
                        }
                    };
                    let mut t = vec![touched(&text, &root, &path, single)];
                    // The first key of an item's mapping takes the next
                    // key onto its `- ` line.
                    let (a, b) = t[0];
                    t.push((a, b + 1));
                    (vec![Edit::Remove(path)], t)
                }
                // A new key in a mapping, a new item at the end of a list.
                _ => {
                    let mut at = path.clone();
                    match &old {
                        Json::Object(_) => at.push(Step::Key(format!("baru_{round}"))),
                        Json::Array(a) => at.push(Step::Index(a.len())),
                        _ => {
                            at.pop();
                            at.push(Step::Key(format!("baru_{round}")));
                            if matches!(path.last(), Some(Step::Index(_))) {
                                continue;
                            }
                        }
                    }
                    let parent = &at[..at.len() - 1];
                    let lines = flow_range(&text, &root, parent).into_iter().collect();
                    (vec![Edit::Set(at, new)], lines)
                }
            };
            check(&name, &text, &edits, &lines);
            made += 1;
        }
        // Several values at once.
        let leaves: Vec<_> = all
            .iter()
            .filter(|(_, v)| !v.is_object() && !v.is_array())
            .collect();
        if leaves.len() >= 3 {
            let mut edits = Vec::new();
            let mut lines = Vec::new();
            for _ in 0..3 {
                let (path, _) = leaves[rng.below(leaves.len())];
                let new = pool[rng.below(pool.len())].clone();
                lines.push(touched(&text, &root, path, false));
                edits.push(Edit::Set(path.clone(), new));
            }
            check(&name, &text, &edits, &lines);
        }
    }
    assert!(made > 1000, "only {made} edits made");
}

/// Paths that go on past what is written, or through a scalar: an error
/// or a right result, never a panic.
#[test]
fn paths_past_the_document_are_errors_or_right() {
    let mut rng = Rng(7);
    for (name, text) in records() {
        let value = read(&text);
        let mut all = Vec::new();
        nodes(&value, &mut Vec::new(), &mut all);
        for _ in 0..30.min(all.len() * 3) {
            let (mut path, _) = all[rng.below(all.len())].clone();
            for _ in 0..rng.below(3) + 1 {
                path.push(match rng.below(3) {
                    0 => Step::Key("x".into()),
                    _ => Step::Index(rng.below(4)),
                });
            }
            let edit = Edit::Set(path, json!("v"));
            match apply(&text, std::slice::from_ref(&edit)) {
                Ok(got) => {
                    let mut want = read(&text);
                    apply_json(&mut want, &edit);
                    assert_eq!(read(&got), want, "{name}: {edit:?}\n{got}");
                }
                Err(EditError::OutOfRange { .. } | EditError::WrongShape { .. }) => {}
                Err(e) => panic!("{name}: {edit:?}: {e:?}"),
            }
        }
    }
}
