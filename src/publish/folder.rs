//! The `folder` target: a folder of this computer, a USB stick or a shared
//! drive. Each file is written whole (a temporary name, then renamed over
//! the old one), so a stick pulled out mid-way holds old files and new
//! ones, never half of one; the manifest says what is left to do.

use std::path::{Path, PathBuf};

use super::target::{Error, ErrorKind, Target};
use crate::msg::msg;

/// An open folder target.
pub struct Folder {
    root: PathBuf,
}

/// Opens the folder `root`; it is made if missing, but only inside a folder
/// that exists: a stick that is not plugged in is an error, not a new
/// folder on the computer's own disk. With `create` false (a dry run) a
/// missing folder is left missing: it reads as empty.
pub fn open(root: &Path, create: bool) -> Result<Folder, Error> {
    if !root.is_dir() {
        let parent_exists = root
            .parent()
            .is_some_and(|p| p.as_os_str().is_empty() || p.is_dir());
        if !parent_exists {
            return Err(Error {
                kind: ErrorKind::Connection,
                message: msg!("publish_folder_missing", folder = root.display()),
            });
        }
        if create {
            std::fs::create_dir(root).map_err(|e| io(root, &e))?;
        }
    }
    Ok(Folder {
        root: root.to_path_buf(),
    })
}

/// A folder target at `root` as it is, for a working copy that its owner
/// makes and empties itself (the git target's).
pub(super) fn at(root: &Path) -> Folder {
    Folder {
        root: root.to_path_buf(),
    }
}

/// A file of the target could not be read or written.
pub(super) fn io(path: &Path, e: &std::io::Error) -> Error {
    Error {
        kind: ErrorKind::Other,
        message: msg!("publish_folder_io", path = path.display(), error = e),
    }
}

impl Folder {
    fn path(&self, rel: &str) -> PathBuf {
        rel.split('/')
            .fold(self.root.clone(), |p, part| p.join(part))
    }
}

impl Target for Folder {
    fn read(&mut self, rel: &str) -> Result<Option<Vec<u8>>, Error> {
        let path = self.path(rel);
        match std::fs::read(&path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(&path, &e)),
        }
    }

    fn put(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path(rel);
        crate::files::write_durable(&path, bytes).map_err(|e| io(&path, &e))
    }

    fn remove(&mut self, rel: &str) -> Result<(), Error> {
        let path = self.path(rel);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path, &e)),
        }
        // Folders left empty go too, up to the root; one that holds
        // anything else stays (remove_dir refuses it).
        let mut dir = path.parent();
        while let Some(d) = dir {
            if d == self.root || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_put_read_and_removed_with_their_empty_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("situs");
        let mut f = open(&root, true).unwrap();
        f.put("stories/a b/index.html", b"x").unwrap();
        f.put("stories/keep.txt", b"k").unwrap();
        assert_eq!(f.read("stories/a b/index.html").unwrap().unwrap(), b"x");
        assert_eq!(f.read("nothing").unwrap(), None);
        f.remove("stories/a b/index.html").unwrap();
        f.remove("stories/a b/index.html").unwrap();
        assert!(!root.join("stories/a b").exists());
        assert!(root.join("stories/keep.txt").exists());
    }

    #[test]
    fn a_folder_on_a_missing_drive_is_not_made() {
        let tmp = tempfile::tempdir().unwrap();
        let e = open(&tmp.path().join("no-stick/situs"), true)
            .err()
            .unwrap();
        assert_eq!(e.kind, ErrorKind::Connection);
        assert!(!tmp.path().join("no-stick").exists());
    }
}
