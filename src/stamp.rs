//! The build stamp: a fingerprint of everything a build reads and of the
//! output it wrote, kept in `.rapor-cache/build-stamp`, so that `rapor build`
//! with nothing changed leaves the output as it is instead of rebuilding it.
//!
//! Inputs are fingerprinted by metadata (path, size, modification time and
//! inode), as make and cargo do, not by content: reading every file would cost
//! as much as the build's own loading. The output is fingerprinted the same
//! way, so that an output folder edited, emptied or half-deleted by hand is
//! rebuilt. Whatever else a build depends on is in the fingerprint too: the
//! rapor binary, `SOURCE_DATE_EPOCH`, and the passphrase through a value
//! derived from its key (never the passphrase itself, nor anything cheaper
//! to guess it from than the sealed pages).
//!
//! The stamp is only an optimisation: any doubt (no stamp, a stamp of another
//! format, a file changed in the last seconds) means a full build.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Severity};
use crate::photos::CACHE_DIR;

const FILE: &str = "build-stamp";
/// Version 2 stores warnings as message keys and values (1 stored text);
/// version 3 adds the content's own fingerprint, for `rapor publish`;
/// version 4 fingerprints the output by its files alone.
const FORMAT: &str = "rapor-build-stamp 4";
/// Folders of the site a build reads.
const INPUTS: &[&str] = &["content", "themes"];
/// Folders of the site a build writes.
const OUTPUTS: &[&str] = &["output/public", "output/internal"];
/// A file changed this recently may change again within the same tick of the
/// file system's clock without its time or size moving: no stamp then.
const RACY: Duration = Duration::from_secs(2);

/// A fingerprint: a BLAKE3 hash.
pub type Print = [u8; 32];

/// What the last successful build read and wrote, and what it reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The inputs with what stands for the passphrase mixed in.
    pub inputs: Print,
    /// The inputs alone, as [`inputs`] gives them: `rapor publish` compares
    /// it with the content now, to refuse a site older than its content.
    pub content: Print,
    pub output: Print,
    pub public_files: usize,
    pub internal_files: usize,
    pub photos: usize,
    pub internal_written: bool,
    pub internal_sealed: bool,
    /// The warnings of that build, shown again when it is reused.
    pub warnings: Vec<Diagnostic>,
}

/// The fingerprint of the inputs, or `None` when a file changed too recently
/// to be trusted (or the folders cannot be read: the build will say why).
/// The passphrase is not part of it: the pipeline mixes in a value derived
/// from its key, which is known only later.
pub fn inputs(site: &Path) -> Option<Print> {
    let scanned_at = SystemTime::now();
    let mut h = blake3::Hasher::new();
    h.update(FORMAT.as_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    // A rebuilt binary may render differently even at the same version.
    let exe = std::env::current_exe().ok()?;
    meta_into(
        &mut h,
        b"exe",
        false,
        &Meta::of(&std::fs::metadata(exe).ok()?),
    );
    let epoch = std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default();
    h.update(&(epoch.len() as u64).to_le_bytes());
    h.update(epoch.as_bytes());
    let newest = tree_into(&mut h, site, INPUTS)?;
    if newest + RACY > scanned_at {
        return None;
    }
    Some(*h.finalize().as_bytes())
}

/// The fingerprint of the output folders as they are on disk now: the
/// metadata of their files (not of their folders), as [`written`] gives it
/// from what a build wrote.
pub fn output(site: &Path) -> Option<Print> {
    let mut h = blake3::Hasher::new();
    for dir in OUTPUTS {
        let root = site.join(dir);
        h.update(b"\0dir\0");
        h.update(dir.as_bytes());
        if !std::fs::metadata(&root).is_ok_and(|m| m.is_dir()) {
            h.update(b"\0absent");
            continue;
        }
        walk_into(&mut h, &root, &mut String::new(), &mut None)?;
    }
    Some(*h.finalize().as_bytes())
}

/// What a build wrote into `output/`: the sites it made and each file's
/// path under `output/` (`public/index.html`) with its metadata once
/// written. A site folder holds nothing else, so this fingerprints the
/// output as [`output`] would after the build, without walking tens of
/// thousands of files again.
#[derive(Debug, Default)]
pub struct Written {
    pub sites: Vec<&'static str>,
    pub files: Vec<(String, Meta)>,
}

/// The fingerprint [`output`] gives of the folders `written` describes.
pub fn written(written: Written) -> Print {
    // The walk's order: depth first, names in order within a folder, which
    // is the order of the paths with the separator below every other byte.
    let swap = |b: &mut u8| match *b {
        b'/' => *b = 0,
        0 => *b = b'/',
        _ => {}
    };
    let mut files: Vec<(Vec<u8>, Meta)> = written
        .files
        .into_iter()
        .map(|(path, meta)| {
            let mut key = path.into_bytes();
            key.iter_mut().for_each(swap);
            (key, meta)
        })
        .collect();
    files.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    files
        .iter_mut()
        .for_each(|(key, _)| key.iter_mut().for_each(swap));
    let mut h = blake3::Hasher::new();
    for dir in OUTPUTS {
        h.update(b"\0dir\0");
        h.update(dir.as_bytes());
        let site = dir.trim_start_matches("output/").as_bytes();
        if !written.sites.iter().any(|s| s.as_bytes() == site) {
            h.update(b"\0absent");
            continue;
        }
        for (path, meta) in &files {
            if let Some(rel) = path.strip_prefix(site).filter(|r| r.starts_with(b"/")) {
                meta_into(&mut h, rel, false, meta);
            }
        }
    }
    *h.finalize().as_bytes()
}

/// Hashes the metadata of every file and folder under each of `dirs`, in
/// name order; returns the newest modification time seen. A missing folder
/// counts as such, not as an error.
fn tree_into(h: &mut blake3::Hasher, site: &Path, dirs: &[&str]) -> Option<SystemTime> {
    let mut newest = Some(SystemTime::UNIX_EPOCH);
    for dir in dirs {
        let root = site.join(dir);
        h.update(b"\0dir\0");
        h.update(dir.as_bytes());
        match std::fs::metadata(&root) {
            Ok(meta) => meta_into(h, b"", true, &Meta::of(&meta)),
            Err(_) => {
                h.update(b"\0absent");
                continue;
            }
        }
        walk_into(h, &root, &mut String::new(), &mut newest)?;
    }
    newest
}

/// One folder, depth first. `DirEntry::metadata` asks the file system
/// relative to the open folder, which is several times cheaper than a stat
/// of the whole path for each of tens of thousands of files. With `newest`
/// (the inputs), folders are hashed too and the newest time kept; without
/// (the output), only files are: a folder's time moves as the build fills
/// it, and a file added, changed or removed shows in the files alone.
fn walk_into(
    h: &mut blake3::Hasher,
    dir: &Path,
    rel: &mut String,
    newest: &mut Option<SystemTime>,
) -> Option<()> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let meta = entry.metadata().ok()?;
        let len = rel.len();
        rel.push('/');
        rel.push_str(&entry.file_name().to_string_lossy());
        if let Some(newest) = newest {
            meta_into(h, rel.as_bytes(), meta.is_dir(), &Meta::of(&meta));
            if let Ok(m) = meta.modified() {
                *newest = (*newest).max(m);
            }
        } else if !meta.is_dir() {
            meta_into(h, rel.as_bytes(), false, &Meta::of(&meta));
        }
        if meta.is_dir() {
            walk_into(h, &entry.path(), rel, newest)?;
        }
        rel.truncate(len);
    }
    Some(())
}

/// What the stamp keeps of a file's metadata: enough to see it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    len: u64,
    /// Modification time, in nanoseconds since 1970.
    modified: u128,
    /// A file replaced by another of the same size and time is told apart
    /// by its inode on Unix, by its creation time on Windows.
    id: u64,
}

impl Meta {
    pub fn of(meta: &std::fs::Metadata) -> Meta {
        let modified = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(SystemTime::UNIX_EPOCH).ok())
            .unwrap_or_default()
            .as_nanos();
        #[cfg(unix)]
        let id = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(windows)]
        let id = std::os::windows::fs::MetadataExt::creation_time(meta);
        #[cfg(not(any(unix, windows)))]
        let id = 0;
        Meta {
            len: meta.len(),
            modified,
            id,
        }
    }
}

fn meta_into(h: &mut blake3::Hasher, name: &[u8], is_dir: bool, meta: &Meta) {
    h.update(&(name.len() as u64).to_le_bytes());
    h.update(name);
    h.update(&[u8::from(is_dir)]);
    h.update(&meta.len.to_le_bytes());
    h.update(&meta.modified.to_le_bytes());
    h.update(&meta.id.to_le_bytes());
}

fn path(site: &Path) -> PathBuf {
    site.join(CACHE_DIR).join(FILE)
}

/// The stamp of the last build, if there is a readable one.
pub fn read(site: &Path) -> Option<Stamp> {
    parse(&std::fs::read_to_string(path(site)).ok()?)
}

/// Forgets the stamp, before a build changes the output.
pub fn remove(site: &Path) {
    let _ = std::fs::remove_file(path(site));
}

/// Saves the stamp (a failure only costs the next build its shortcut).
pub fn write(site: &Path, stamp: &Stamp) {
    let _ = crate::files::write_atomic(&path(site), format(stamp).as_bytes());
}

/// The stamp's text: the format line, then the stamp as JSON. Warnings are
/// kept as message keys and values, so that a build reusing the stamp says
/// them in its own language, not in the language of the build that wrote it.
fn format(s: &Stamp) -> String {
    let json = serde_json::to_string(s).unwrap_or_default();
    format!("{FORMAT}\n{json}\n")
}

fn parse(text: &str) -> Option<Stamp> {
    let (format, json) = text.split_once('\n')?;
    if format != FORMAT {
        return None;
    }
    let stamp: Stamp = serde_json::from_str(json).ok()?;
    stamp
        .warnings
        .iter()
        .all(|w| w.severity == Severity::Warning)
        .then_some(stamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::msg;

    fn sample() -> Stamp {
        Stamp {
            inputs: [7; 32],
            content: [8; 32],
            output: [9; 32],
            public_files: 12,
            internal_files: 30,
            photos: 4,
            internal_written: true,
            internal_sealed: false,
            warnings: vec![Diagnostic {
                severity: Severity::Warning,
                file: PathBuf::from("content/site.yaml"),
                line: 0,
                col: 0,
                message: msg!("check_empty", field = "two lines\n  of advice\twith a tab"),
            }],
        }
    }

    #[test]
    fn a_stamp_reads_back_as_written() {
        let s = sample();
        let back = parse(&format(&s)).unwrap();
        assert_eq!(back.inputs, s.inputs);
        assert_eq!(back.public_files, 12);
        assert_eq!(back.internal_files, 30);
        assert!(back.internal_written && !back.internal_sealed);
        assert_eq!(back, s);
        assert_eq!(back.warnings[0].file, PathBuf::from("content/site.yaml"));
    }

    #[test]
    fn a_damaged_or_foreign_stamp_is_ignored() {
        let text = format(&sample());
        assert!(parse(&text.replace(FORMAT, "rapor-build-stamp 1")).is_none());
        assert!(parse(&text.replace("\"inputs\":[7,", "\"inputs\":[\"z\",")).is_none());
        // A message key this rapor does not know (an older or newer one).
        assert!(parse(&text.replace("check_empty", "no_such_key")).is_none());
        assert!(parse(&text.replace("\"warning\"", "\"error\"")).is_none());
        assert!(parse(&text[..text.len() / 2]).is_none());
        assert!(parse("").is_none());
    }

    #[test]
    fn inputs_change_with_a_file_and_not_without() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        let file = content.join("site.yaml");
        std::fs::write(&file, "title: a\n").unwrap();
        // Age the files so that the scan trusts them.
        let old = SystemTime::now() - Duration::from_secs(60);
        let age = |p: &Path| {
            std::fs::File::options()
                .write(true)
                .open(p)
                .or_else(|_| std::fs::File::open(p))
                .unwrap()
                .set_modified(old)
                .unwrap()
        };
        age(&file);
        age(&content);
        let a = inputs(dir.path()).unwrap();
        assert_eq!(inputs(dir.path()).unwrap(), a, "same files, same print");
        std::fs::write(&file, "title: b\n").unwrap();
        assert!(
            inputs(dir.path()).is_none(),
            "a file changed just now is not trusted"
        );
        // An edit moves the time (here to another second than before).
        let older = old - Duration::from_secs(1);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(older)
            .unwrap();
        assert_ne!(inputs(dir.path()).unwrap(), a, "an edit counts");
    }
}
