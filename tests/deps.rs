//! Dependency hygiene, offline, in `cargo test`: what `cargo deny` would check
//! for licences, banned crates and duplicate versions, from
//! `cargo metadata --locked --offline` (this machine has no registry access,
//! so `cargo deny` itself, which fetches an advisory database, cannot run).
//!
//! The graph is the one the host builds with default features, dev- and
//! build-dependencies included: everything a `cargo test` here compiles.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

/// Licences any crate of the tree may be under (SPDX identifiers). A crate
/// passes when one alternative of its `OR` expression is made only of these.
const ALLOWED_LICENCES: &[&str] = &[
    "MIT",
    "MIT-0",
    "Apache-2.0",
    "Apache-2.0 WITH LLVM-exception",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "0BSD",
    "ISC",
    "Zlib",
    "Unicode-3.0",
    "Unlicense",
    "BSL-1.0",
    "CC0-1.0",
    // cssparser and dtoa-short (through ammonia): file-level copyleft only,
    // compatible with shipping a binary.
    "MPL-2.0",
    // jpeg-encoder ports parts of libjpeg: a permissive licence asking for
    // credit in the documentation.
    "IJG",
    // webpki-roots (FTPS): Mozilla's list of root certificates, as data
    // under a permissive licence for data.
    "CDLA-Permissive-2.0",
];

/// Crates that must not come back: unmaintained or replaced on purpose.
const BANNED: &[(&str, &str)] = &[
    ("serde_yaml", "unmaintained; rapor uses yaml_serde"),
    (
        "serde_yml",
        "unsound fork of serde_yaml; rapor uses yaml_serde",
    ),
    (
        "openssl",
        "a C library to install; rapor's TLS (FTPS) is rustls",
    ),
    (
        "openssl-sys",
        "a C library to install; rapor's TLS (FTPS) is rustls",
    ),
    ("native-tls", "pulls in OpenSSL on Linux"),
    (
        "atty",
        "unmaintained, unsound; std::io::IsTerminal replaces it",
    ),
];

/// Crates allowed in two versions at once, each with the reason it cannot be
/// one yet. Anything else duplicated fails: bump or pin until it is one.
const DUPLICATES_ALLOWED: &[(&str, &str)] = &[
    // blake3 1.8 wants 0.4, zip 9 (calamine, rust_xlsxwriter) wants 0.6.
    ("constant_time_eq", "blake3 and zip"),
    // tera and jsonschema (through ahash) are still on 0.3; rapor, tempfile
    // and zip on 0.4.
    ("getrandom", "ahash (tera, jsonschema) and rapor"),
    // dashmap 6 (through russh-sftp) is on 0.14; indexmap and the rest on
    // the current one.
    ("hashbrown", "dashmap (russh-sftp) and indexmap"),
    // russh 0.65 moved to 0.5; the JSON Schema checks of the tests use 0.4.
    ("num-bigint", "russh and jsonschema (tests)"),
    // png pins 0.8 directly and 0.9 through flate2.
    ("miniz_oxide", "png and flate2"),
    // clap_derive moved to syn 3; strum and zeroize macros are on syn 2.
    ("syn", "clap_derive and strum, zeroize"),
];

/// The host's target triple, from `rustc -vV`.
fn host() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .arg("-vV")
        .output()
        .expect("run rustc -vV");
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names its host")
        .to_string()
}

/// name -> versions -> licence, for every package of the resolved graph.
fn packages() -> BTreeMap<String, BTreeMap<String, Option<String>>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // Other platforms' crates (windows-sys and the like) are not downloaded
    // here, and offline metadata would fail on them.
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host()])
        .arg("--manifest-path")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let resolved: BTreeSet<&str> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let mut all: BTreeMap<String, BTreeMap<String, Option<String>>> = BTreeMap::new();
    for p in meta["packages"].as_array().unwrap() {
        if !resolved.contains(p["id"].as_str().unwrap()) {
            continue;
        }
        all.entry(p["name"].as_str().unwrap().to_string())
            .or_default()
            .insert(
                p["version"].as_str().unwrap().to_string(),
                p["license"].as_str().map(str::to_string),
            );
    }
    all
}

/// Whether an SPDX expression is satisfied by the allow-list: `OR` (and the
/// old `/`) needs one side, `AND` both, parentheses group.
fn licence_allowed(expr: &str) -> bool {
    let spaced = expr
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut pos = 0;
    let ok = or_expr(&tokens, &mut pos);
    ok && pos == tokens.len()
}

fn or_expr(t: &[&str], pos: &mut usize) -> bool {
    let mut ok = and_expr(t, pos);
    while t.get(*pos) == Some(&"OR") {
        *pos += 1;
        ok |= and_expr(t, pos);
    }
    ok
}

fn and_expr(t: &[&str], pos: &mut usize) -> bool {
    let mut ok = term(t, pos);
    while t.get(*pos) == Some(&"AND") {
        *pos += 1;
        ok &= term(t, pos);
    }
    ok
}

fn term(t: &[&str], pos: &mut usize) -> bool {
    if t.get(*pos) == Some(&"(") {
        *pos += 1;
        let ok = or_expr(t, pos);
        assert_eq!(t.get(*pos), Some(&")"), "unbalanced licence expression");
        *pos += 1;
        return ok;
    }
    let Some(id) = t.get(*pos) else {
        return false;
    };
    *pos += 1;
    let id = if t.get(*pos) == Some(&"WITH") {
        let exception = t.get(*pos + 1).copied().unwrap_or("");
        *pos += 2;
        format!("{id} WITH {exception}")
    } else {
        id.to_string()
    };
    ALLOWED_LICENCES.contains(&id.as_str())
}

#[test]
fn licence_expressions_are_read_as_spdx() {
    assert!(licence_allowed("MIT OR Apache-2.0"));
    assert!(licence_allowed("MIT/Apache-2.0"));
    assert!(licence_allowed("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(licence_allowed("Apache-2.0 WITH LLVM-exception OR GPL-3.0"));
    assert!(!licence_allowed("GPL-3.0"));
    assert!(!licence_allowed("MIT AND GPL-3.0"));
    assert!(!licence_allowed("(MIT OR Apache-2.0) AND GPL-2.0"));
}

#[test]
fn every_dependency_is_under_an_allowed_licence() {
    let bad: Vec<String> = packages()
        .into_iter()
        .flat_map(|(name, versions)| {
            versions
                .into_iter()
                .filter_map(move |(v, licence)| match licence {
                    Some(l) if licence_allowed(&l) => None,
                    Some(l) => Some(format!("{name} {v}: {l}")),
                    None => Some(format!("{name} {v}: no licence field")),
                })
        })
        .filter(|p| !p.starts_with("rapor "))
        .collect();
    assert!(bad.is_empty(), "licences not on the allow-list: {bad:#?}");
}

#[test]
fn no_banned_crate_is_in_the_tree() {
    let all = packages();
    let found: Vec<String> = BANNED
        .iter()
        .filter(|(name, _)| all.contains_key(*name))
        .map(|(name, why)| format!("{name}: {why}"))
        .collect();
    assert!(found.is_empty(), "banned crates in the tree: {found:#?}");
}

#[test]
fn no_crate_is_in_two_versions_unless_allowed() {
    let all = packages();
    let duplicated: BTreeSet<&str> = all
        .iter()
        .filter(|(_, versions)| versions.len() > 1)
        .map(|(name, _)| name.as_str())
        .collect();
    let allowed: BTreeSet<&str> = DUPLICATES_ALLOWED.iter().map(|(n, _)| *n).collect();
    let new: Vec<_> = duplicated.difference(&allowed).collect();
    assert!(new.is_empty(), "crates in two versions: {new:?}");
    // A stale entry would let the duplicate come back unnoticed.
    let stale: Vec<_> = allowed.difference(&duplicated).collect();
    assert!(
        stale.is_empty(),
        "DUPLICATES_ALLOWED names crates no longer duplicated: {stale:?}"
    );
}
