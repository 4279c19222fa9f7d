//! Output stage: the only writer of `output/`.
//!
//! Both sites are written into a staging folder inside `output/` and swapped
//! in with renames only after every file was written, so a failed build
//! leaves the previous output exactly as it was.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::render::File;

/// One site to write: its folder name under `output/` and its files.
pub struct SiteFiles {
    pub name: &'static str,
    pub files: Vec<File>,
    /// Files whose bytes are already on disk (processed photos in the cache):
    /// (output path, source). Hard-linked when possible, else copied.
    pub copies: Vec<(String, PathBuf)>,
}

/// Writes `sites` under `<site>/output/` atomically per site folder.
pub fn write(site: &Path, sites: &[SiteFiles]) -> Result<(), String> {
    let out = site.join("output");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
    let staging = out.join(format!(".staging-{}", std::process::id()));
    let result = write_staged(&out, &staging, sites);
    // Whatever happened, leave no half-written folder behind.
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn write_staged(out: &Path, staging: &Path, sites: &[SiteFiles]) -> Result<(), String> {
    if staging.exists() {
        std::fs::remove_dir_all(staging)
            .map_err(|e| format!("cannot clear `{}`: {e}", staging.display()))?;
    }
    for s in sites {
        let root = staging.join(s.name);
        std::fs::create_dir_all(&root)
            .map_err(|e| format!("cannot create `{}`: {e}", root.display()))?;
        s.files.par_iter().try_for_each(|f| write_file(&root, f))?;
        s.copies
            .par_iter()
            .try_for_each(|(path, from)| copy_file(&root, path, from))?;
    }
    for s in sites {
        let target = out.join(s.name);
        let old = out.join(format!(".old-{}-{}", s.name, std::process::id()));
        if target.exists() {
            std::fs::rename(&target, &old).map_err(|e| {
                format!("cannot move the previous `{}` aside: {e}", target.display())
            })?;
        }
        if let Err(e) = std::fs::rename(staging.join(s.name), &target) {
            // Put the previous site back so the output stays whole.
            let _ = std::fs::rename(&old, &target);
            return Err(format!(
                "cannot move the new site into `{}`: {e}",
                target.display()
            ));
        }
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

fn write_file(root: &Path, f: &File) -> Result<(), String> {
    let path = target(root, &f.path)?;
    std::fs::write(&path, &f.bytes).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn copy_file(root: &Path, rel: &str, from: &Path) -> Result<(), String> {
    let path = target(root, rel)?;
    if std::fs::hard_link(from, &path).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, &path).map(|_| ()).map_err(|e| {
        format!(
            "cannot copy `{}` to `{}`: {e}",
            from.display(),
            path.display()
        )
    })
}

/// The file to write for `rel`, with its folder created. Paths are made by
/// rapor, but one that climbs out of the output folder is never written.
fn target(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let relp = PathBuf::from(rel);
    if relp
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(format!(
            "refusing to write outside the output folder: `{rel}`"
        ));
    }
    let path = root.join(relp);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> File {
        File {
            path: path.into(),
            bytes: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn sites_are_swapped_in_whole() {
        let dir = tempfile::tempdir().unwrap();
        let first = [SiteFiles {
            name: "public",
            files: vec![file("index.html", "one"), file("old/index.html", "x")],
            copies: vec![],
        }];
        write(dir.path(), &first).unwrap();
        let second = [SiteFiles {
            name: "public",
            files: vec![file("index.html", "two")],
            copies: vec![],
        }];
        write(dir.path(), &second).unwrap();
        let out = dir.path().join("output/public");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        assert!(
            !out.join("old").exists(),
            "files of the previous build do not linger"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("output"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn copies_are_linked_or_copied_into_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let cached = dir.path().join("cached.jpg");
        std::fs::write(&cached, b"jpeg bytes").unwrap();
        let site = [SiteFiles {
            name: "public",
            files: vec![],
            copies: vec![("media/a.jpg".into(), cached.clone())],
        }];
        write(dir.path(), &site).unwrap();
        let published = dir.path().join("output/public/media/a.jpg");
        assert_eq!(std::fs::read(&published).unwrap(), b"jpeg bytes");
        // Removing the cache entry leaves the published file intact.
        std::fs::remove_file(&cached).unwrap();
        assert_eq!(std::fs::read(&published).unwrap(), b"jpeg bytes");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[SiteFiles {
                name: "public",
                files: vec![file("index.html", "good")],
                copies: vec![],
            }],
        )
        .unwrap();
        let bad = [SiteFiles {
            name: "public",
            files: vec![file("index.html", "new"), file("../escape.html", "x")],
            copies: vec![],
        }];
        assert!(write(dir.path(), &bad).is_err());
        let kept = std::fs::read_to_string(dir.path().join("output/public/index.html")).unwrap();
        assert_eq!(kept, "good");
        assert!(!dir.path().join("output/escape.html").exists());
    }
}
