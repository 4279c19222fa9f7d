//! Writing a file whole or not at all; a leaf below every stage that
//! writes (the output, the photo cache, the build stamp, the importer, the
//! editor).

use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder
/// (created if needed), so that a reader or a kill never sees half a file.
/// Each call has its own temporary name: two threads may store the same
/// photo at once. Not synced: the files it writes can be made again.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write(path, bytes, false)
}

/// [`write_atomic`] for a person's own records (the editor's saves): the
/// new text is on the disk (synced) before it replaces the old, so that a
/// crash or power cut leaves either the old file or the new one, never an
/// empty one.
pub(crate) fn write_durable(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write(path, bytes, true)
}

fn write(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    use std::io::Write;
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.tmp{}-{n}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if sync {
            f.sync_all()?;
        }
        drop(f);
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable once the folder is synced (not
        // possible on Windows, where the rename is journalled).
        #[cfg(unix)]
        if sync {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
