//! What becomes of each file of a site as it is rendered: audited (the
//! public site) or sealed (a protected internal one), then written into the
//! build folder, kept in memory (`rapor serve`) or, when only checking,
//! dropped. So a build never holds a whole site.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::audit::Gate;
use crate::msg::Message;
use crate::output::SiteDir;
use crate::protect::seal::Sealer;
use crate::render::File;

/// Where one site's files end up.
pub(super) enum Sink {
    /// Kept, for `rapor serve`.
    Memory(Mutex<Vec<File>>, Mutex<Vec<(String, PathBuf)>>),
    /// Written into the build folder.
    Dir(SiteDir),
    /// Dropped: checking, or an internal site that is not written.
    Nowhere,
}

impl Sink {
    pub(super) fn memory() -> Sink {
        Sink::Memory(Mutex::default(), Mutex::default())
    }

    fn file(&self, f: File) -> Result<(), Message> {
        match self {
            Sink::Memory(files, _) => locked(files).push(f),
            Sink::Dir(dir) => dir.write(&f)?,
            Sink::Nowhere => {}
        }
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<(), Message> {
        match self {
            Sink::Memory(_, copies) => locked(copies).push((path.to_string(), from.to_path_buf())),
            Sink::Dir(dir) => dir.link(path, from)?,
            Sink::Nowhere => {}
        }
        Ok(())
    }

    /// What a memory sink holds: files and photos (empty for the others).
    pub(super) fn into_memory(self) -> (Vec<File>, Vec<(String, PathBuf)>) {
        match self {
            Sink::Memory(files, copies) => (inner(files), inner(copies)),
            _ => (Vec::new(), Vec::new()),
        }
    }
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn inner<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// One site's way from a rendered file to its sink.
pub(super) trait Keep: Sync {
    /// A rendered file.
    fn file(&self, f: File) -> Result<(), Message>;
    /// A photo in the cache, published at `path`.
    fn copy(&self, path: &str, from: &Path) -> Result<(), Message>;
}

/// The public site: a file goes on only if the leak audit finds no internal
/// value in it (and the build then fails, with every such value reported).
pub(super) struct Public<'a> {
    pub(super) gate: &'a Gate,
    pub(super) sink: &'a Sink,
}

impl Keep for Public<'_> {
    fn file(&self, f: File) -> Result<(), Message> {
        if self.gate.rendered(&f.path, &f.bytes) {
            self.sink.file(f)?;
        }
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<(), Message> {
        if self.gate.copied(path, from) {
            self.sink.copy(path, from)?;
        }
        Ok(())
    }
}

/// The internal site: plain, or sealed file by file before it goes on.
pub(super) struct Internal<'a> {
    pub(super) sealer: Option<Sealer<'a>>,
    pub(super) sink: &'a Sink,
}

impl Keep for Internal<'_> {
    fn file(&self, f: File) -> Result<(), Message> {
        match &self.sealer {
            Some(s) => self.sink.file(s.seal(f)?),
            None => self.sink.file(f),
        }
    }

    fn copy(&self, path: &str, from: &Path) -> Result<(), Message> {
        match &self.sealer {
            Some(s) => self.sink.file(s.seal_copy(path, from)?),
            None => self.sink.copy(path, from),
        }
    }
}

impl Internal<'_> {
    /// Adds what the site needs once every file is in: the unlock script of
    /// a sealed site.
    pub(super) fn finish(&self) -> Result<(), Message> {
        match &self.sealer {
            Some(s) => self.sink.file(s.script()),
            None => Ok(()),
        }
    }
}
