//! Output stage: the only writer of `output/`.
//!
//! A build writes both sites into a folder of its own ([`Stage`]),
//! `output/.build-<pid>-<nonce>/new/{public,internal}`, file by file as
//! they are rendered, and from the photo cache. Nothing of the previous output is moved,
//! linked or changed while that happens, so a build that fails, fills the
//! disk or is killed leaves the previous pair exactly as it was. Only then
//! [`swap`] puts the new pair in place of the old one, both sites together,
//! under a journal that lets the next build undo a swap cut short.
//!
//! One build at a time writes `output/`: [`Guard`] holds an OS lock on
//! `output/.lock` from the start of a build to its end, and only its holder
//! undoes an interrupted swap and removes what other builds left behind.
//!
//! With `internal.protect`, each internal file reaches this stage already
//! sealed (the pipeline seals it as it is rendered), so no plain internal
//! page is ever written here, not even into a build folder that a kill
//! leaves behind; nor is a public file the leak audit stopped.
//!
//! Rapor's other files (the build stamp, the photo cache, an imported
//! roster) are written whole or not at all by [`crate::files::write_atomic`].

use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::msg::{Message, msg};
use crate::render::File;
use crate::stamp::{Meta, Written};

mod fault;
mod swap;

/// The site folders a build owns under `output/`, as one pair.
const SITES: [&str; 2] = ["public", "internal"];

/// The lock file under `output/`; empty, so that it never changes the tree.
const LOCK: &str = ".lock";

/// Names of what builds leave under `output/` besides the sites: their
/// build folders (and the staging and aside folders of earlier versions).
const LEFTOVERS: [&str; 4] = [".build-", ".staging-", ".old-", ".swap."];

/// The right to write `<site>/output`, held for a whole build.
pub struct Guard {
    out: PathBuf,
    /// `output/.lock`, locked; `None` until `output/` exists.
    lock: Option<std::fs::File>,
}

impl Guard {
    /// Locks `<site>/output` when it exists, undoes a swap that an
    /// interrupted build left half done, and removes every folder that
    /// earlier builds left behind. Fails when another build holds the lock.
    /// A site without `output/` yet gets it (and the lock) from [`Stage::new`],
    /// so a build that fails creates nothing.
    pub fn take(site: &Path) -> Result<Guard, Message> {
        let mut guard = Guard {
            out: site.join("output"),
            lock: None,
        };
        if guard.out.is_dir() {
            guard.lock()?;
        }
        Ok(guard)
    }

    fn lock(&mut self) -> Result<(), Message> {
        if self.lock.is_some() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.out)
            .map_err(|e| msg!("io_create", path = self.out.display(), error = e))?;
        let path = self.out.join(LOCK);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| msg!("io_create", path = path.display(), error = e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(msg!("output_busy", output = self.out.display()));
            }
            // A file system without locks: building matters more.
            Err(std::fs::TryLockError::Error(e)) if e.kind() == ErrorKind::Unsupported => {}
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(msg!("output_lock", path = path.display(), error = e));
            }
        }
        self.lock = Some(file);
        swap::recover(&self.out)?;
        remove_leftovers(&self.out);
        fault::stop("recovered");
        Ok(())
    }
}

/// Whether `<site>/output` holds a swap that a build left half done (its
/// journal): then `output/` is incomplete until the next build undoes it.
pub fn interrupted(site: &Path) -> bool {
    site.join("output").join(swap::JOURNAL).exists()
}

/// A build's own folder, `output/.build-<pid>-<nonce>/new/`, written site
/// by site and file by file as the build makes them, then put in place of
/// the previous pair by [`Stage::finish`]. Nothing of the previous output is
/// touched before that; a stage dropped unfinished (the build failed) is
/// removed, and one left by a killed build is removed by the next.
pub struct Stage<'g> {
    guard: &'g mut Guard,
    /// `output/` did not exist before this build: a failed one removes it.
    made_out: bool,
    name: String,
    build: PathBuf,
    sites: Vec<&'static str>,
    written: Files,
    done: bool,
}

/// Each file written and its metadata once written, for the build stamp.
type Files = Arc<Mutex<Vec<(String, Meta)>>>;

/// One site's folder in a [`Stage`]: files are written into it from any thread.
pub struct SiteDir {
    root: PathBuf,
    name: &'static str,
    written: Files,
}

impl<'g> Stage<'g> {
    /// Locks `output/` (making it) and names a build folder of its own.
    pub fn new(guard: &'g mut Guard) -> Result<Stage<'g>, Message> {
        let made_out = !guard.out.exists();
        guard.lock()?;
        let name = format!(".build-{}-{}", std::process::id(), nonce());
        Ok(Stage {
            build: guard.out.join(&name),
            guard,
            made_out,
            name,
            sites: Vec::new(),
            written: Files::default(),
            done: false,
        })
    }

    /// The folder of the site `name` (one of [`SITES`]), made empty.
    pub fn site(&mut self, name: &'static str) -> Result<SiteDir, Message> {
        if !SITES.contains(&name) || self.sites.contains(&name) {
            return Err(msg!("output_outside", path = name));
        }
        let root = self.build.join(swap::NEW).join(name);
        std::fs::create_dir_all(&root)
            .map_err(|e| msg!("io_create", path = root.display(), error = e))?;
        self.sites.push(name);
        Ok(SiteDir {
            root,
            name,
            written: Arc::clone(&self.written),
        })
    }

    /// Puts the sites written in place of the previous pair, both together.
    /// Gives what was written on Unix, where a file's metadata once written
    /// is the metadata it keeps. Elsewhere a file's times may settle only
    /// when it is closed, and the build stamp walks the output instead.
    pub fn finish(mut self) -> Result<Option<Written>, Message> {
        fault::stop("staged");
        // From here the journal, not this stage, answers for the folder.
        self.done = true;
        swap::swap(&self.guard.out, &self.name, &self.sites)?;
        let files = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        Ok(cfg!(unix).then(|| Written {
            sites: std::mem::take(&mut self.sites),
            files,
        }))
    }
}

impl Drop for Stage<'_> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        // Whatever was written goes; the previous pair was never touched.
        let _ = std::fs::remove_dir_all(&self.build);
        if self.made_out {
            // A build that fails creates nothing: not even `output/`.
            self.guard.lock = None;
            let _ = std::fs::remove_dir_all(&self.guard.out);
        }
    }
}

impl SiteDir {
    /// Writes a rendered file.
    pub fn write(&self, f: &File) -> Result<(), Message> {
        let path = target(&self.root, &f.path)?;
        let meta = fault::before_write()
            .and_then(|()| {
                use std::io::Write as _;
                let mut file = std::fs::File::create(&path)?;
                file.write_all(f.bytes.as_slice())?;
                // The open file's metadata: no second look-up of the path.
                file.metadata()
            })
            .map_err(|e| msg!("io_write", path = path.display(), error = e))?;
        fault::after_write();
        self.wrote(&f.path, &meta);
        Ok(())
    }

    /// Publishes a file already on disk at `rel`: hard-linked when possible,
    /// else copied.
    pub fn link(&self, rel: &str, from: &Path) -> Result<(), Message> {
        let path = target(&self.root, rel)?;
        let done =
            std::fs::hard_link(from, &path).or_else(|_| std::fs::copy(from, &path).map(|_| ()));
        done.and_then(|()| std::fs::symlink_metadata(&path))
            .map(|meta| self.wrote(rel, &meta))
            .map_err(|e| {
                msg!(
                    "io_copy",
                    from = from.display(),
                    to = path.display(),
                    error = e
                )
            })
    }

    fn wrote(&self, rel: &str, meta: &std::fs::Metadata) {
        if cfg!(unix) {
            let entry = (format!("{}/{rel}", self.name), Meta::of(meta));
            self.written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(entry);
        }
    }
}

/// Removes the build folders of earlier builds, whichever process made them:
/// only the holder of the lock calls this, so none of them is still running.
/// What cannot be removed now (a file open elsewhere) is left for next time.
fn remove_leftovers(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !LEFTOVERS.iter().any(|p| name.starts_with(p)) {
            continue;
        }
        let path = entry.path();
        let _ = match entry.file_type() {
            Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
    }
}

/// A few random hex digits, so that two builds of one process (or of two
/// processes that once had the same id) never share a folder.
fn nonce() -> String {
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        bytes[..4].copy_from_slice(&nanos.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The file to write for `rel`, with its folder created. Paths are made by
/// rapor, but one that climbs out of the output folder is never written.
fn target(root: &Path, rel: &str) -> Result<PathBuf, Message> {
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
    use rayon::prelude::*;

    use super::*;

    fn file(path: &str, body: &str) -> File {
        File {
            path: path.into(),
            bytes: std::sync::Arc::new(body.as_bytes().to_vec()),
        }
    }

    /// One site to write: its folder name under `output/` and its files.
    struct SiteFiles {
        name: &'static str,
        files: Vec<File>,
        copies: Vec<(String, PathBuf)>,
    }

    /// Writes the pair `sites` through a stage, as the builds do.
    fn write(guard: &mut Guard, sites: &[SiteFiles]) -> Result<Option<Written>, Message> {
        let mut stage = Stage::new(guard)?;
        for s in sites {
            let dir = stage.site(s.name)?;
            s.files.par_iter().try_for_each(|f| dir.write(f))?;
            s.copies
                .par_iter()
                .try_for_each(|(path, from)| dir.link(path, from))?;
        }
        stage.finish()
    }

    fn site(name: &'static str, files: &[(&str, &str)]) -> SiteFiles {
        SiteFiles {
            name,
            files: files.iter().map(|(p, b)| file(p, b)).collect(),
            copies: vec![],
        }
    }

    fn write_at(dir: &Path, sites: &[SiteFiles]) -> Result<Option<Written>, Message> {
        write(&mut Guard::take(dir)?, sites)
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn sites_are_swapped_in_whole() {
        let dir = tempfile::tempdir().unwrap();
        let first = [site(
            "public",
            &[("index.html", "one"), ("old/index.html", "x")],
        )];
        write_at(dir.path(), &first).unwrap();
        write_at(dir.path(), &[site("public", &[("index.html", "two")])]).unwrap();
        let out = dir.path().join("output/public");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        assert!(
            !out.join("old").exists(),
            "files of the previous build do not linger"
        );
        assert_eq!(entries(&dir.path().join("output")), [LOCK, "public"]);
    }

    #[test]
    fn a_site_left_out_of_the_pair_is_removed_with_the_swap() {
        let dir = tempfile::tempdir().unwrap();
        let both = [
            site("public", &[("index.html", "p")]),
            site("internal", &[("index.html", "i")]),
        ];
        write_at(dir.path(), &both).unwrap();
        write_at(dir.path(), &[site("public", &[("index.html", "p2")])]).unwrap();
        assert_eq!(entries(&dir.path().join("output")), [LOCK, "public"]);
    }

    #[cfg(unix)]
    #[test]
    fn what_a_stage_wrote_fingerprints_the_output_as_a_walk_of_it_does() {
        let dir = tempfile::tempdir().unwrap();
        let cached = dir.path().join("cached.jpg");
        std::fs::write(&cached, b"jpeg bytes").unwrap();
        // Folder names that sort one way as names and another as paths:
        // "a" before "a-b" in a listing, but "a-b/" before "a/" as text.
        let files = [
            ("a/x/index.html", "1"),
            ("a-b/index.html", "2"),
            ("a.html", "3"),
            ("index.html", "4"),
            ("b/c/d/index.html", "5"),
        ];
        let mut public = site("public", &files);
        public.copies = vec![("a/photo.jpg".into(), cached)];
        let written = write_at(dir.path(), &[public]).unwrap().unwrap();
        assert_eq!(written.files.len(), files.len() + 1);
        let on_disk = crate::stamp::output(dir.path()).unwrap();
        assert_eq!(crate::stamp::written(written), on_disk);
        // Both sites, and a file changed afterwards is seen by the walk.
        let both = [site("public", &files), site("internal", &[("i.html", "i")])];
        let written = write_at(dir.path(), &both).unwrap().unwrap();
        let printed = crate::stamp::written(written);
        assert_eq!(printed, crate::stamp::output(dir.path()).unwrap());
        assert_ne!(printed, on_disk, "a site more, another print");
        std::fs::write(dir.path().join("output/public/a/x/index.html"), "11").unwrap();
        assert_ne!(crate::stamp::output(dir.path()).unwrap(), printed);
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
        write_at(dir.path(), &site).unwrap();
        let published = dir.path().join("output/public/media/a.jpg");
        assert_eq!(std::fs::read(&published).unwrap(), b"jpeg bytes");
        // Removing the cache entry leaves the published file intact.
        std::fs::remove_file(&cached).unwrap();
        assert_eq!(std::fs::read(&published).unwrap(), b"jpeg bytes");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        write_at(dir.path(), &[site("public", &[("index.html", "good")])]).unwrap();
        let bad = [site(
            "public",
            &[("index.html", "new"), ("../escape.html", "x")],
        )];
        assert!(write_at(dir.path(), &bad).is_err());
        let kept = std::fs::read_to_string(dir.path().join("output/public/index.html")).unwrap();
        assert_eq!(kept, "good");
        assert!(!dir.path().join("output/escape.html").exists());
        assert_eq!(entries(&dir.path().join("output")), [LOCK, "public"]);
    }

    #[test]
    fn leftovers_of_any_process_are_removed_but_not_a_running_builds() {
        let dir = tempfile::tempdir().unwrap();
        write_at(dir.path(), &[site("public", &[("index.html", "p")])]).unwrap();
        let out = dir.path().join("output");
        for left in [
            ".build-1-aa/new/public",
            ".staging-7/public",
            ".old-public-7",
        ] {
            std::fs::create_dir_all(out.join(left)).unwrap();
        }
        std::fs::write(out.join(".swap.tmp"), "half").unwrap();
        std::fs::write(out.join(".htaccess"), "the user's").unwrap();
        let running = Guard::take(dir.path()).unwrap();
        assert_eq!(entries(&out), [".htaccess", LOCK, "public"]);
        // While that build runs, another one neither starts nor tidies.
        std::fs::create_dir_all(out.join(".build-2-bb/new")).unwrap();
        let busy = Guard::take(dir.path()).err().unwrap().to_string();
        assert!(busy.contains("output"), "{busy}");
        assert!(out.join(".build-2-bb/new").exists());
        drop(running);
        Guard::take(dir.path()).unwrap();
        assert!(!out.join(".build-2-bb").exists());
    }

    #[test]
    fn a_failed_build_without_output_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        drop(Guard::take(dir.path()).unwrap());
        assert!(!dir.path().join("output").exists());
    }
}
