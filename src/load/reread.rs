//! [`Content::reread`]: the last load with only the files the watcher saw
//! rewritten read again, for `rapor serve` at thousands of records, where
//! walking and stating every file was a sixth of a rebuild.

use std::path::{Path, PathBuf};

use super::{Content, read_text, stamp_of};

/// More rewritten files than this in one batch, and a walk is as cheap.
const AT_MOST: usize = 64;

impl Content {
    /// This load with the records at `rewritten` (paths relative to the site
    /// folder, as the watcher saw them) read again, as a walk would find them
    /// if nothing but those files' bytes changed. `Err(self)` when that
    /// cannot be trusted, for a full load instead: this load was not a clean
    /// walk (it had problems, or an overlay was laid over it), a path is not
    /// one of its records, or it is no longer a plain file, or it cannot be
    /// read as text. A file left changed by an `Err` is read anew, with its
    /// new stamp, so it is still a fair `previous` for the walk.
    pub fn reread(mut self, site: &Path, rewritten: &[PathBuf]) -> Result<Content, Content> {
        if !self.walked || rewritten.len() > AT_MOST {
            return Err(self);
        }
        for rel in rewritten {
            let Some(i) = self.sources.iter().position(|s| s.path == *rel) else {
                return Err(self);
            };
            let abs = site.join(rel);
            let meta = match std::fs::symlink_metadata(&abs) {
                Ok(m) if m.is_file() => m,
                _ => return Err(self),
            };
            let stamp = stamp_of(&meta);
            let Ok(text) = read_text(&abs) else {
                return Err(self);
            };
            let source = &mut self.sources[i];
            source.text = text;
            source.stamp = stamp;
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::diag::Diagnostics;
    use crate::load::{Overlay, load_with};

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        fs::create_dir_all(c.join("stories")).unwrap();
        fs::write(c.join("site.yaml"), "name: Rutan\n").unwrap();
        fs::write(c.join("stories/a.md"), "---\ntitle: A\n---\nsatu\n").unwrap();
        fs::write(c.join("stories/b.md"), "---\ntitle: B\n---\ndua\n").unwrap();
        dir
    }

    fn load(site: &Path) -> Content {
        load_with(site, None, &mut Diagnostics::new())
    }

    /// Each source's path, text and stamp, in the walk's order.
    fn seen(c: &Content) -> Vec<(PathBuf, String, (u64, u128))> {
        c.sources
            .iter()
            .map(|s| (s.path.clone(), s.text.to_string(), s.stamp))
            .collect()
    }

    fn story(name: &str) -> Vec<PathBuf> {
        vec![Path::new("content/stories").join(name)]
    }

    #[test]
    fn a_rewritten_record_is_read_as_a_walk_reads_it() {
        let dir = site();
        let before = load(dir.path());
        // Same length, so a stamp alone might not tell the two texts apart.
        fs::write(
            dir.path().join("content/stories/a.md"),
            "---\ntitle: Z\n---\nsatu\n",
        )
        .unwrap();
        let again = before.reread(dir.path(), &story("a.md")).unwrap();
        assert!(again.sources.iter().any(|s| s.text.contains("title: Z")));
        assert_eq!(seen(&again), seen(&load(dir.path())));
        assert_eq!(again.files, load(dir.path()).files);
    }

    #[test]
    fn anything_but_a_clean_walk_of_known_files_asks_for_a_walk() {
        let dir = site();
        let p = dir.path();
        let b = p.join("content/stories/b.md");
        // Not one of the records: a new file.
        assert!(load(p).reread(p, &story("c.md")).is_err());
        // Gone, or no longer a plain file.
        let with_b = load(p);
        fs::remove_file(&b).unwrap();
        assert!(with_b.reread(p, &story("b.md")).is_err());
        fs::write(&b, "---\ntitle: B\n---\n").unwrap();
        let with_b = load(p);
        assert!(with_b.sources.iter().any(|s| s.path.ends_with("b.md")));
        // A link, which a walk refuses: it may lead out of `content/`.
        #[cfg(unix)]
        {
            let outside = p.join("elsewhere.md");
            fs::write(&outside, "---\ntitle: Luar\n---\n").unwrap();
            fs::remove_file(&b).unwrap();
            std::os::unix::fs::symlink(&outside, &b).unwrap();
            assert!(with_b.reread(p, &story("b.md")).is_err());
            fs::remove_file(&b).unwrap();
            fs::write(&b, "---\ntitle: B\n---\n").unwrap();
        }
        // Not text.
        let fine = load(p);
        fs::write(p.join("content/stories/a.md"), b"title: \xff\n").unwrap();
        assert!(fine.reread(p, &story("a.md")).is_err());
        fs::write(p.join("content/stories/a.md"), "---\ntitle: A\n---\n").unwrap();
        // An overlay laid over the load: its records are not on the disk.
        let mut laid = load(p);
        let overlay = Overlay {
            put: vec![("stories/d.md".into(), "---\ntitle: D\n---\n".into())],
            ..Overlay::default()
        };
        laid.apply(&overlay, &mut Diagnostics::new());
        assert!(laid.reread(p, &story("a.md")).is_err());
        // A load with a problem: the walk must say it again.
        fs::write(
            p.join("content/stories/Bad Name.md"),
            "---\ntitle: X\n---\n",
        )
        .unwrap();
        let mut diags = Diagnostics::new();
        let troubled = load_with(p, None, &mut diags);
        assert!(diags.has_errors());
        assert!(troubled.reread(p, &story("a.md")).is_err());
    }
}
