//! Helpers shared by the integration tests: copy a fixture site into a temp
//! folder, run the real `rapor` binary on it, and read output trees.

#![allow(dead_code)]

pub mod sealed;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The keys of `totals` in a `stats.json`, in the contract's order.
pub const TOTAL_KEYS: [&str; 9] = [
    "trainings",
    "participants",
    "certificates",
    "training_hours",
    "partners",
    "products_units",
    "products_value_idr",
    "state_budget_idr",
    "partner_contribution_idr",
];

/// The synthetic-site generator (examples/make_site.rs), which `cargo
/// test` builds next to the binary under test.
pub fn make_site() -> PathBuf {
    let rapor = PathBuf::from(env!("CARGO_BIN_EXE_rapor"));
    let exe = rapor
        .parent()
        .unwrap()
        .join("examples")
        .join(format!("make_site{}", std::env::consts::EXE_SUFFIX));
    assert!(exe.exists(), "{} was not built", exe.display());
    exe
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of `tests/fixtures/<name>` (or of the repository's example
/// site when `name` is "example"), in a temp folder.
pub fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = if name == "example" {
        repo()
    } else {
        repo().join("tests/fixtures").join(name)
    };
    copy_dir(&src.join("content"), &dir.path().join("content"));
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Runs `rapor <args> --site <site> --lang en`, with no passphrase in the
/// environment. Messages are asked for in English so that tests can assert
/// on them whatever the fixture's `language:`; tests/messages.rs covers the
/// choice of language itself.
pub fn rapor(site: &Path, args: &[&str]) -> Output {
    rapor_with(site, args, None)
}

/// Runs `rapor <args> --site <site> --lang en` with
/// `RAPOR_INTERNAL_PASSPHRASE` set to `passphrase`, or unset.
pub fn rapor_with(site: &Path, args: &[&str], passphrase: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapor"));
    cmd.args(args)
        .arg("--site")
        .arg(site)
        .args(["--lang", "en"])
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RAPOR_INTERNAL_PASSPHRASE");
    if let Some(p) = passphrase {
        cmd.env("RAPOR_INTERNAL_PASSPHRASE", p);
    }
    cmd.output().expect("run rapor")
}

/// Runs `rapor <args> --site <site>` without `--lang`: messages follow the
/// site's `language` (Indonesian unless it says otherwise).
pub fn rapor_native(site: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args(args)
        .arg("--site")
        .arg(site)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RAPOR_INTERNAL_PASSPHRASE")
        .output()
        .expect("run rapor")
}

/// Sets `internal.protect` of the site at `site`: tests that read the
/// internal site's pages build it plain.
pub fn set_protect(site: &Path, protect: bool) {
    let path = site.join("content/site.yaml");
    let text = read(&path);
    let (from, to) = if protect {
        ("protect: false", "protect: true")
    } else {
        ("protect: true", "protect: false")
    };
    assert!(
        text.contains(from) || text.contains(to),
        "site.yaml sets internal.protect"
    );
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Builds and asserts success; returns the output folder.
pub fn build_ok(site: &Path) -> PathBuf {
    let out = rapor(site, &["build"]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    site.join("output")
}

/// Every file under `dir`: relative path -> bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

pub fn write(site: &Path, rel: &str, text: &str) {
    let p = site.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The schema kind of a record file of the contract (`content/...`, `/`-separated),
/// or `None` for files that are not records (photos).
pub fn record_kind(rel: &str) -> Option<&'static str> {
    let kinds = [
        ("content/site.yaml", "site"),
        ("content/partners/", "partner"),
        ("content/programmes/", "programme"),
        ("content/trainings/", "training"),
        ("content/outcomes/", "outcome"),
        ("content/stories/", "story"),
        ("content/internal/rosters/", "roster"),
    ];
    let is_record = rel.ends_with(".yaml") || rel.ends_with(".md");
    is_record
        .then(|| {
            kinds
                .iter()
                .find(|(p, _)| rel.starts_with(p))
                .map(|(_, k)| *k)
        })
        .flatten()
}

/// A record file's YAML as JSON: the whole file, or a Markdown file's front matter.
pub fn record_json(text: &str, markdown: bool) -> serde_json::Value {
    let yaml = if markdown {
        let rest = text
            .strip_prefix("---\n")
            .expect("front matter starts with ---");
        &rest[..rest.find("\n---\n").expect("front matter ends with ---") + 1]
    } else {
        text
    };
    serde_yaml::from_str(yaml).expect("record is YAML")
}

/// A validator for `schemas/<kind>.schema.json` under `dir`.
pub fn validator(dir: &Path, kind: &str) -> jsonschema::Validator {
    let path = dir.join(format!("{kind}.schema.json"));
    let schema: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The schema errors of `instance`, as text (empty when valid).
pub fn schema_errors(v: &jsonschema::Validator, instance: &serde_json::Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The search index of a built public site (`tree` of `output/public`).
pub struct SearchFiles {
    /// `assets/search-index-<hash>.js`, the script the search page loads.
    pub path: String,
    pub script: String,
    /// Its JSON: `n`, `per`, `parts` (the parts' folder) and `shards`.
    pub manifest: serde_json::Value,
    /// Every file in the parts' folder: file name -> text.
    pub parts: BTreeMap<String, String>,
}

impl SearchFiles {
    /// The index script and all its parts, for a look for a word.
    pub fn text(&self) -> String {
        let mut all = self.script.clone();
        for t in self.parts.values() {
            all.push_str(t);
        }
        all
    }

    /// The data a part hands to the page: `raporSearchPart("<id>",<json>);`.
    pub fn part(&self, id: &str) -> serde_json::Value {
        let text = &self.parts[&format!("{id}.js")];
        let json = text
            .strip_prefix(&format!("raporSearchPart(\"{id}\","))
            .and_then(|t| t.strip_suffix(");\n"))
            .unwrap_or_else(|| {
                panic!(
                    "{id}.js is not a part script: {}",
                    &text[..text.len().min(80)]
                )
            });
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{id}.js: {e}"))
    }
}

/// The one search index of a public site, and the one parts folder it names.
pub fn search_files(public: &BTreeMap<String, Vec<u8>>) -> SearchFiles {
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("UTF-8");
    let scripts: Vec<&String> = public
        .keys()
        .filter(|p| p.starts_with("assets/search-index-") && p.ends_with(".js"))
        .collect();
    assert_eq!(scripts.len(), 1, "one index script: {scripts:?}");
    let path = scripts[0].clone();
    let script = text(&public[&path]);
    let json = script
        .strip_prefix("window.raporSearchIndex=")
        .and_then(|s| s.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("{path} does not set window.raporSearchIndex"));
    let manifest: serde_json::Value = serde_json::from_str(json).expect("the index's JSON");
    let folder = manifest["parts"].as_str().expect("parts").to_string();
    assert!(
        folder.starts_with("assets/search-parts-") && folder.ends_with('/'),
        "{folder}"
    );
    let folders: std::collections::BTreeSet<&str> = public
        .keys()
        .filter(|p| p.starts_with("assets/search-parts-"))
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
        .collect();
    assert_eq!(
        folders.into_iter().collect::<Vec<_>>(),
        [folder.trim_end_matches('/')],
        "one parts folder, the one the index names"
    );
    let parts = public
        .iter()
        .filter_map(|(p, b)| Some((p.strip_prefix(&folder)?.to_string(), text(b))))
        .collect();
    SearchFiles {
        path,
        script,
        manifest,
        parts,
    }
}
