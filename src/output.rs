//! Output stage: the only writer of `output/`.
//!
//! Both sites are written into a staging folder inside `output/` and swapped
//! in with renames only after every file was written, so a failed build
//! leaves the previous output exactly as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::msg::msg;
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
    std::fs::create_dir_all(&out)
        .map_err(|e| msg!("io_create", path = out.display(), error = e))?;
    let staging = out.join(format!(".staging-{}", std::process::id()));
    let result = write_staged(&out, &staging, sites);
    // Whatever happened, leave no half-written folder behind.
    let _ = std::fs::remove_dir_all(&staging);
    result
}

/// Removes `<site>/output/<name>` if it exists: a site that must not be
/// written must not linger from an earlier build either.
pub fn remove(site: &Path, name: &str) -> Result<(), String> {
    let dir = site.join("output").join(name);
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(msg!("io_remove", path = dir.display(), error = e)),
    }
}

fn write_staged(out: &Path, staging: &Path, sites: &[SiteFiles]) -> Result<(), String> {
    if staging.exists() {
        std::fs::remove_dir_all(staging)
            .map_err(|e| msg!("io_clear", path = staging.display(), error = e))?;
    }
    let mut reused = Vec::new();
    for s in sites {
        let root = staging.join(s.name);
        std::fs::create_dir_all(&root)
            .map_err(|e| msg!("io_create", path = root.display(), error = e))?;
        s.files.par_iter().try_for_each(|f| write_file(&root, f))?;
        let previous = out.join(s.name);
        let (dirs, rest) = reusable_dirs(&previous, &root, &s.copies);
        rest.par_iter()
            .try_for_each(|(path, from)| copy_file(&root, path, from))?;
        reused.push((previous, root, dirs, s));
    }
    // Last, when nothing can fail any more but renames: folders of photos the
    // previous build published unchanged are moved over whole, rather than
    // every file being linked again and the old ones deleted.
    for (previous, root, dirs, s) in reused {
        for dir in dirs {
            if std::fs::rename(previous.join(&dir), root.join(&dir)).is_err() {
                let prefix = format!("{dir}/");
                s.copies
                    .iter()
                    .filter(|(path, _)| path.starts_with(&prefix))
                    .try_for_each(|(path, from)| copy_file(&root, path, from))?;
            }
        }
    }
    for s in sites {
        let target = out.join(s.name);
        let old = out.join(format!(".old-{}-{}", s.name, std::process::id()));
        if target.exists() {
            std::fs::rename(&target, &old)
                .map_err(|e| msg!("io_move_aside", path = target.display(), error = e))?;
        }
        if let Err(e) = std::fs::rename(staging.join(s.name), &target) {
            // Put the previous site back so the output stays whole.
            let _ = std::fs::rename(&old, &target);
            return Err(msg!("io_move_in", path = target.display(), error = e));
        }
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Splits `copies` into folders that the previous site holds with exactly the
/// same file names (photo names are content hashes, so the same name means
/// the same bytes) and the copies still to make.
fn reusable_dirs<'a>(
    previous: &Path,
    staged: &Path,
    copies: &'a [(String, PathBuf)],
) -> (Vec<String>, Vec<&'a (String, PathBuf)>) {
    let mut by_dir: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (path, _) in copies {
        if let Some((dir, name)) = path.rsplit_once('/') {
            by_dir.entry(dir).or_default().insert(name);
        }
    }
    let mut dirs = Vec::new();
    for (dir, names) in &by_dir {
        let Ok(entries) = std::fs::read_dir(previous.join(dir)) else {
            continue;
        };
        let found: BTreeSet<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        let same = found.len() == names.len() && names.iter().all(|n| found.contains(*n));
        if same && !staged.join(dir).exists() {
            dirs.push(dir.to_string());
        }
    }
    let rest = copies
        .iter()
        .filter(|(path, _)| {
            !dirs.iter().any(|d| {
                path.strip_prefix(d.as_str())
                    .is_some_and(|r| r.starts_with('/'))
            })
        })
        .collect();
    (dirs, rest)
}

fn write_file(root: &Path, f: &File) -> Result<(), String> {
    let path = target(root, &f.path)?;
    std::fs::write(&path, f.bytes.as_slice())
        .map_err(|e| msg!("io_write", path = path.display(), error = e))
}

fn copy_file(root: &Path, rel: &str, from: &Path) -> Result<(), String> {
    let path = target(root, rel)?;
    if std::fs::hard_link(from, &path).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, &path).map(|_| ()).map_err(|e| {
        msg!(
            "io_copy",
            from = from.display(),
            to = path.display(),
            error = e
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
        return Err(msg!("output_outside", path = rel));
    }
    let path = root.join(relp);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| msg!("io_create", path = parent.display(), error = e))?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> File {
        File {
            path: path.into(),
            bytes: std::sync::Arc::new(body.as_bytes().to_vec()),
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
    fn unchanged_photo_folders_are_moved_over_and_changed_ones_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.jpg");
        let b = dir.path().join("b.jpg");
        std::fs::write(&a, b"A").unwrap();
        std::fs::write(&b, b"B").unwrap();
        let site = |copies: Vec<(String, PathBuf)>| {
            [SiteFiles {
                name: "public",
                files: vec![file("index.html", "x")],
                copies,
            }]
        };
        write(dir.path(), &site(vec![("media/a.jpg".into(), a.clone())])).unwrap();
        // Same set: the folder is reused, and the bytes are intact.
        write(dir.path(), &site(vec![("media/a.jpg".into(), a.clone())])).unwrap();
        let media = dir.path().join("output/public/media");
        assert_eq!(std::fs::read(media.join("a.jpg")).unwrap(), b"A");
        // Another set: exactly the new files, nothing left over.
        write(dir.path(), &site(vec![("media/b.jpg".into(), b.clone())])).unwrap();
        let names: Vec<_> = std::fs::read_dir(&media)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.jpg")]);
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
