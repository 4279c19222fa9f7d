//! The shape of `src/`: no file over 600 lines, and no import circle between
//! files or between top-level modules.
//!
//! The import graph is read from the source text: every `crate::...` and
//! `super::...` path (in `use` lines and inline), resolved to the deepest
//! file that exists for it. Comments and string literals are skipped, and a
//! `super::` inside an inline `mod tests { .. }` names the file itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const MAX_LINES: usize = 600;

/// A source file: its path relative to the crate (`src/view/mod.rs`) and its
/// module path (`["view"]`).
struct File {
    rel: String,
    module: Vec<String>,
    text: String,
}

fn source_files() -> Vec<File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack = vec![root.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src/") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .expect("under the crate")
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(&path).expect("read file");
                out.push(File {
                    module: module_of(&rel),
                    rel,
                    text,
                });
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// `src/lib.rs` -> `[]`, `src/view/mod.rs` -> `[view]`, `src/a/b.rs` -> `[a, b]`.
fn module_of(rel: &str) -> Vec<String> {
    let inner = rel.strip_prefix("src/").unwrap_or(rel);
    let inner = inner.strip_suffix(".rs").unwrap_or(inner);
    let mut parts: Vec<String> = inner.split('/').map(str::to_owned).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The text with comments, string and char literals blanked out, so that
/// neither braces nor paths inside them count.
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&b, i) {
            // Raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            'raw: while j < b.len() {
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break 'raw;
                }
                j += 1;
            }
            i = j;
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path that starts with `crate` or `super` (with `use` groups
/// expanded), each paired with how many inline `mod x { .. }` blocks
/// enclose it.
fn paths(code: &str) -> Vec<(Vec<String>, usize)> {
    let b: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    // Brace depth at which each open inline module began.
    let mut inline_mods: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '{' {
            depth += 1;
            i += 1;
            continue;
        }
        if c == '}' {
            depth = depth.saturating_sub(1);
            if inline_mods.last() == Some(&depth) {
                inline_mods.pop();
            }
            i += 1;
            continue;
        }
        if !is_ident(c) || ident_before(&b, i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_ident(b[i]) {
            i += 1;
        }
        let word: String = b[start..i].iter().collect();
        match word.as_str() {
            "mod" => {
                let mut j = i;
                while j < b.len() && b[j].is_whitespace() {
                    j += 1;
                }
                while j < b.len() && is_ident(b[j]) {
                    j += 1;
                }
                while j < b.len() && b[j].is_whitespace() {
                    j += 1;
                }
                if b.get(j) == Some(&'{') {
                    inline_mods.push(depth);
                }
            }
            "use" => {
                let end = (i..b.len()).find(|&j| b[j] == ';').unwrap_or(b.len());
                let tree: String = b[i..end].iter().collect();
                for p in expand_use(&tree) {
                    if matches!(
                        p.first().map(String::as_str),
                        Some("crate" | "super" | "self")
                    ) {
                        out.push((p, inline_mods.len()));
                    }
                }
                i = end;
            }
            "crate" | "super" if b.get(i) == Some(&':') && b.get(i + 1) == Some(&':') => {
                let mut segs = vec![word];
                let mut j = i;
                while b.get(j) == Some(&':') && b.get(j + 1) == Some(&':') {
                    j += 2;
                    let s = j;
                    while j < b.len() && is_ident(b[j]) {
                        j += 1;
                    }
                    if s == j {
                        break;
                    }
                    segs.push(b[s..j].iter().collect());
                }
                i = j;
                out.push((segs, inline_mods.len()));
            }
            _ => {}
        }
    }
    out
}

/// `crate::{a::{self, B}, c}` -> `[crate, a]`, `[crate, a, B]`, `[crate, c]`.
fn expand_use(tree: &str) -> Vec<Vec<String>> {
    fn walk(s: &[char], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut segs: Vec<String> = prefix.to_vec();
        loop {
            while *i < s.len() && s[*i].is_whitespace() {
                *i += 1;
            }
            match s.get(*i) {
                Some('{') => {
                    *i += 1;
                    loop {
                        walk(s, i, &segs, out);
                        while *i < s.len() && s[*i].is_whitespace() {
                            *i += 1;
                        }
                        match s.get(*i) {
                            Some(',') => *i += 1,
                            Some('}') => {
                                *i += 1;
                                return;
                            }
                            _ => return,
                        }
                        while *i < s.len() && s[*i].is_whitespace() {
                            *i += 1;
                        }
                        if s.get(*i) == Some(&'}') {
                            *i += 1;
                            return;
                        }
                    }
                }
                Some(c) if is_ident(*c) || *c == '*' => {
                    let st = *i;
                    while *i < s.len() && (is_ident(s[*i]) || s[*i] == '*') {
                        *i += 1;
                    }
                    let w: String = s[st..*i].iter().collect();
                    if w == "as" {
                        // `a as b`: skip the alias.
                        while *i < s.len() && s[*i].is_whitespace() {
                            *i += 1;
                        }
                        while *i < s.len() && is_ident(s[*i]) {
                            *i += 1;
                        }
                        out.push(segs);
                        return;
                    }
                    // `a::{self, ..}` names `a`; a glob names the module it is in.
                    if (w != "self" || segs.is_empty()) && w != "*" {
                        segs.push(w);
                    }
                    if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
                        *i += 2;
                        continue;
                    }
                    while *i < s.len() && s[*i].is_whitespace() {
                        *i += 1;
                    }
                    if s.get(*i..*i + 2) == Some(&['a', 's']) {
                        continue;
                    }
                    out.push(segs);
                    return;
                }
                _ => {
                    if segs.len() > prefix.len() {
                        out.push(segs);
                    }
                    return;
                }
            }
        }
    }
    let s: Vec<char> = tree.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    walk(&s, &mut i, &[], &mut out);
    out
}

/// The file a path names: the deepest module of the path that has a file.
fn resolve(
    from: &[String],
    inline: usize,
    path: &[String],
    modules: &BTreeMap<Vec<String>, String>,
) -> Option<String> {
    // The module the code sits in, inline modules included; they have no file
    // of their own, so `super` from inside one may land on the file itself.
    let mut here: Vec<Option<String>> = from.iter().cloned().map(Some).collect();
    here.extend(std::iter::repeat_n(None, inline));
    let mut segs = path.iter().peekable();
    match segs.peek().map(|s| s.as_str()) {
        Some("crate") => {
            here.clear();
            segs.next();
        }
        Some("self") => {
            segs.next();
        }
        Some("super") => {
            while segs.peek().map(|s| s.as_str()) == Some("super") {
                segs.next();
                here.pop()?;
            }
        }
        _ => return None,
    }
    let mut module: Vec<String> = here.into_iter().flatten().collect();
    let mut best = modules.get(&module).cloned();
    for s in segs {
        module.push(s.clone());
        match modules.get(&module) {
            Some(f) => best = Some(f.clone()),
            None => break,
        }
    }
    best
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// One cycle of the graph, as its nodes in order (the first repeated at the
/// end), or `None` when the graph has no cycle. Self-loops do not count.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    fn visit<'a>(
        n: &'a str,
        graph: &'a Graph,
        marks: &mut BTreeMap<&'a str, Mark>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        marks.insert(n, Mark::OnPath);
        path.push(n);
        for m in graph.get(n).into_iter().flatten() {
            if m == n {
                continue;
            }
            match marks.get(m.as_str()).copied().unwrap_or(Mark::New) {
                Mark::OnPath => {
                    let at = path.iter().position(|p| p == m).expect("on the path");
                    let mut cycle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(m, graph, marks, path) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(n, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for n in graph.keys() {
        if marks.get(n.as_str()).copied().unwrap_or(Mark::New) == Mark::New {
            let mut path = Vec::new();
            if let Some(c) = visit(n, graph, &mut marks, &mut path) {
                return Some(c);
            }
        }
    }
    None
}

/// File -> files it imports, and top-level module -> top-level modules.
fn import_graphs(files: &[File]) -> (Graph, Graph) {
    let modules: BTreeMap<Vec<String>, String> = files
        .iter()
        .filter(|f| f.rel != "src/main.rs")
        .map(|f| (f.module.clone(), f.rel.clone()))
        .collect();
    let top = |rel: &str| -> String {
        let m = module_of(rel);
        m.first().cloned().unwrap_or_else(|| rel.to_owned())
    };
    let mut by_file = Graph::new();
    let mut by_top = Graph::new();
    for f in files {
        by_file.entry(f.rel.clone()).or_default();
        for (path, inline) in paths(&code_only(&f.text)) {
            let Some(to) = resolve(&f.module, inline, &path, &modules) else {
                continue;
            };
            if to == f.rel {
                continue;
            }
            by_file.entry(f.rel.clone()).or_default().insert(to.clone());
            let (a, b) = (top(&f.rel), top(&to));
            if a != b && f.rel != "src/lib.rs" && to != "src/lib.rs" {
                by_top.entry(a).or_default().insert(b);
            }
        }
    }
    (by_file, by_top)
}

#[test]
fn no_file_of_src_is_over_600_lines() {
    let long: Vec<String> = source_files()
        .iter()
        .filter_map(|f| {
            let n = f.text.lines().count();
            (n > MAX_LINES).then(|| format!("{} has {n} lines", f.rel))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these along a seam (at most {MAX_LINES} lines):\n{}",
        long.join("\n")
    );
}

#[test]
fn no_import_circle_between_files() {
    let (by_file, _) = import_graphs(&source_files());
    if let Some(c) = find_cycle(&by_file) {
        panic!("import circle between files: {}", c.join(" -> "));
    }
}

#[test]
fn no_import_circle_between_top_level_modules() {
    let (_, by_top) = import_graphs(&source_files());
    if let Some(c) = find_cycle(&by_top) {
        panic!("import circle between modules: {}", c.join(" -> "));
    }
}

fn graph(edges: &[(&str, &str)]) -> Graph {
    let mut g = Graph::new();
    for (a, b) in edges {
        g.entry(a.to_string()).or_default().insert(b.to_string());
        g.entry(b.to_string()).or_default();
    }
    g
}

#[test]
fn cycle_finder_finds_a_three_node_circle_and_names_it() {
    let g = graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]);
    let c = find_cycle(&g).expect("a -> b -> c -> a is a circle");
    assert_eq!(c.first(), c.last());
    assert_eq!(c.len(), 4);
    let nodes: BTreeSet<&str> = c.iter().map(String::as_str).collect();
    assert_eq!(nodes, BTreeSet::from(["a", "b", "c"]));
}

#[test]
fn cycle_finder_accepts_a_diamond_and_self_loops() {
    let g = graph(&[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "d")]);
    assert_eq!(find_cycle(&g), None);
}

#[test]
fn cycle_finder_finds_a_two_node_circle_behind_an_acyclic_part() {
    let g = graph(&[("a", "b"), ("b", "c"), ("x", "y"), ("y", "x")]);
    let c = find_cycle(&g).expect("x <-> y");
    assert_eq!(c, ["x", "y", "x"]);
}

fn files(list: &[(&str, &str)]) -> Vec<File> {
    list.iter()
        .map(|(rel, text)| File {
            rel: rel.to_string(),
            module: module_of(rel),
            text: text.to_string(),
        })
        .collect()
}

#[test]
fn import_graph_sees_use_groups_inline_paths_and_super() {
    let site = files(&[
        ("src/lib.rs", "mod a; mod b; mod c;"),
        (
            "src/a/mod.rs",
            "mod inner;\nuse crate::{b::{self, X}, c::Y as Z};\n",
        ),
        ("src/a/inner.rs", "use super::Thing;\n"),
        ("src/b.rs", "fn f() { crate::c::g(); }\n"),
        (
            "src/c.rs",
            "// use crate::a::Nope;\nconst S: &str = \"crate::a::x\";\n\
             #[cfg(test)]\nmod tests { use super::*; }\n",
        ),
    ]);
    let (by_file, by_top) = import_graphs(&site);
    let targets = |f: &str| -> Vec<&str> { by_file[f].iter().map(String::as_str).collect() };
    assert_eq!(targets("src/a/mod.rs"), ["src/b.rs", "src/c.rs"]);
    assert_eq!(targets("src/a/inner.rs"), ["src/a/mod.rs"]);
    assert_eq!(targets("src/b.rs"), ["src/c.rs"]);
    assert!(
        targets("src/c.rs").is_empty(),
        "comments, strings, tests' super"
    );
    assert_eq!(find_cycle(&by_file), None);
    assert_eq!(find_cycle(&by_top), None);
}

#[test]
fn import_graph_reports_a_real_circle() {
    let site = files(&[
        ("src/lib.rs", "mod a; mod b;"),
        ("src/a.rs", "use crate::b::B;\n"),
        ("src/b/mod.rs", "mod deep;\n"),
        ("src/b/deep.rs", "pub fn f() -> crate::a::A { todo!() }\n"),
    ]);
    let (by_file, by_top) = import_graphs(&site);
    // Files: a -> b/mod.rs only; b/deep.rs -> a; no file circle...
    assert_eq!(find_cycle(&by_file), None);
    // ...but the modules a and b import each other.
    let c = find_cycle(&by_top).expect("a <-> b");
    assert_eq!(c.len(), 3);

    let site = files(&[
        ("src/lib.rs", "mod a; mod b;"),
        ("src/a.rs", "use crate::b::deep::f;\n"),
        ("src/b/mod.rs", "mod deep;\n"),
        ("src/b/deep.rs", "use crate::a;\n"),
    ]);
    let (by_file, _) = import_graphs(&site);
    let c = find_cycle(&by_file).expect("a.rs <-> b/deep.rs");
    assert!(c.contains(&"src/a.rs".to_string()) && c.contains(&"src/b/deep.rs".to_string()));
}
