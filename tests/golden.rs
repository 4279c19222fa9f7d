//! The output of the example site and of the `basic` fixture, pinned by
//! content hash. Refactors of the pipeline must not change a byte of what
//! users publish; a change that means to (a new page, a fixed template)
//! re-pins the manifest on purpose:
//!
//!     RAPOR_BLESS=1 cargo test --test golden
//!
//! and the diff of `tests/golden/*.sha256` shows which files changed.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

/// `sha256  path` for every file under `out`, sorted by path. Rapor's own
/// bookkeeping (the build stamp and lock) is left out: it is not published.
fn manifest(out: &Path) -> String {
    let mut text = String::new();
    for (path, bytes) in tree(out) {
        if path.starts_with(".") || path.contains("/.") {
            continue;
        }
        let hash = Sha256::digest(&bytes);
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        writeln!(text, "{hex}  {path}").unwrap();
    }
    text
}

fn check(name: &str, fixture: &str, english: bool) {
    let dir = site(fixture);
    // Plain: a sealed internal site has a salt of its own in each folder.
    set_protect(dir.path(), false);
    if english {
        let path = dir.path().join("content/site.yaml");
        let text = read(&path);
        assert!(text.contains("language: id"), "site.yaml sets its language");
        std::fs::write(&path, text.replace("language: id", "language: en")).unwrap();
    }
    let got = manifest(&build_ok(dir.path()));
    let pinned = repo().join("tests/golden").join(format!("{name}.sha256"));
    if std::env::var_os("RAPOR_BLESS").is_some() {
        std::fs::write(&pinned, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&pinned)
        .unwrap_or_else(|e| panic!("{}: {e}; run with RAPOR_BLESS=1", pinned.display()));
    if got != want {
        let diff: Vec<String> = diff_lines(&want, &got);
        panic!(
            "the {name} site's output changed ({} lines differ):\n{}\n\
             If the change is meant, re-pin with RAPOR_BLESS=1.",
            diff.len(),
            diff.join("\n")
        );
    }
}

fn diff_lines(want: &str, got: &str) -> Vec<String> {
    let want: std::collections::BTreeSet<&str> = want.lines().collect();
    let got: std::collections::BTreeSet<&str> = got.lines().collect();
    let gone = want.difference(&got).map(|l| format!("- {l}"));
    let new = got.difference(&want).map(|l| format!("+ {l}"));
    gone.chain(new).collect()
}

#[test]
fn the_example_sites_output_is_unchanged() {
    check("example", "example", false);
}

#[test]
fn the_example_sites_output_in_english_is_unchanged() {
    check("example-en", "example", true);
}

#[test]
fn the_basic_fixtures_output_is_unchanged() {
    check("basic", "basic", false);
}
