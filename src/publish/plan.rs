//! The plan of one publish: which files of the built site are new or
//! changed since the target's manifest, in the order they go up (assets,
//! then pages, deepest first, so that a page never links to a file not yet
//! there), and which files of rapor's the site no longer has.

use std::collections::BTreeMap;
use std::path::Path;

use super::manifest::{Entry, Manifest, is_safe_path};

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    pub size: u64,
    pub blake3: String,
}

/// The files of a built site folder (`output/public`), by `/` path.
pub fn scan(dir: &Path) -> std::io::Result<BTreeMap<String, Local>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .map_err(std::io::Error::other)?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let path = parts.join("/");
        if !is_safe_path(&path) {
            continue;
        }
        let bytes = std::fs::read(entry.path())?;
        out.insert(
            path,
            Local {
                size: bytes.len() as u64,
                blake3: blake3::hash(&bytes).to_hex().to_string(),
            },
        );
    }
    Ok(out)
}

/// What a publish does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// New and changed files, in upload order.
    pub upload: Vec<String>,
    /// Files of rapor's on the target that the site no longer has.
    pub remove: Vec<String>,
    /// Files already there as they are.
    pub unchanged: usize,
    /// The bytes to upload.
    pub bytes: u64,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.upload.is_empty() && self.remove.is_empty()
    }
}

/// Compares the site with the target's manifest.
pub fn make(local: &BTreeMap<String, Local>, there: &Manifest) -> Plan {
    let mut plan = Plan::default();
    for (path, l) in local {
        let same = there
            .files
            .get(path)
            .is_some_and(|e| e.size == l.size && e.blake3.as_deref() == Some(l.blake3.as_str()));
        if same {
            plan.unchanged += 1;
        } else {
            plan.upload.push(path.clone());
            plan.bytes += l.size;
        }
    }
    plan.upload.sort_by_key(|p| order(p));
    plan.remove = there
        .files
        .keys()
        .filter(|p| !local.contains_key(*p))
        .cloned()
        .collect();
    plan
}

/// Sort key of an upload: every file that is not a page first, then
/// pages from the deepest folder up, the home page last.
fn order(path: &str) -> (bool, std::cmp::Reverse<usize>, String) {
    let page = path.ends_with(".html");
    let depth = if page { path.matches('/').count() } else { 0 };
    (page, std::cmp::Reverse(depth), path.to_string())
}

/// The manifest written before any file changes: all rapor may own after
/// this publish, the files about to change without a hash.
pub fn pending(local: &BTreeMap<String, Local>, there: &Manifest, plan: &Plan) -> Manifest {
    let mut files = there.files.clone();
    for path in &plan.upload {
        files.insert(
            path.clone(),
            Entry {
                size: local[path].size,
                blake3: None,
            },
        );
    }
    Manifest::new(false, files)
}

/// The manifest of a publish that went through.
pub fn done(local: &BTreeMap<String, Local>) -> Manifest {
    let files = local
        .iter()
        .map(|(p, l)| {
            (
                p.clone(),
                Entry {
                    size: l.size,
                    blake3: Some(l.blake3.clone()),
                },
            )
        })
        .collect();
    Manifest::new(true, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(files: &[(&str, &str)]) -> BTreeMap<String, Local> {
        files
            .iter()
            .map(|(p, text)| {
                (
                    p.to_string(),
                    Local {
                        size: text.len() as u64,
                        blake3: blake3::hash(text.as_bytes()).to_hex().to_string(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn a_first_publish_sends_assets_then_pages_deepest_first() {
        let site = local(&[
            ("index.html", "home"),
            ("stories/index.html", "list"),
            ("stories/a/index.html", "story"),
            ("assets/site.css", "css"),
            ("stories/a/photo.jpg", "jpg"),
        ]);
        let plan = make(&site, &Manifest::default());
        assert_eq!(
            plan.upload,
            [
                "assets/site.css",
                "stories/a/photo.jpg",
                "stories/a/index.html",
                "stories/index.html",
                "index.html"
            ]
        );
        assert!(plan.remove.is_empty());
        assert_eq!(plan.bytes, 4 + 4 + 5 + 3 + 3);
    }

    #[test]
    fn only_changes_go_up_and_only_rapor_s_files_come_down() {
        let before = local(&[("index.html", "home"), ("old/index.html", "gone")]);
        let there = done(&before);
        let now = local(&[("index.html", "home 2"), ("new.css", "x")]);
        let plan = make(&now, &there);
        assert_eq!(plan.upload, ["new.css", "index.html"]);
        assert_eq!(plan.remove, ["old/index.html"]);
        assert!(make(&now, &done(&now)).is_empty());
    }

    #[test]
    fn a_cut_off_publish_is_completed_by_the_next() {
        let before = local(&[("index.html", "home"), ("old/index.html", "gone")]);
        let now = local(&[("index.html", "home 2"), ("a.css", "x")]);
        let plan = make(&now, &done(&before));
        // Cut off after the pending manifest: everything it meant to do is
        // still to do, and the removed page is still rapor's to remove.
        let cut = pending(&now, &done(&before), &plan);
        let again = make(&now, &cut);
        assert_eq!(again.upload, plan.upload);
        assert_eq!(again.remove, ["old/index.html"]);
    }
}
