//! Faults that tests inject into writing the output, through the
//! environment variable `RAPOR_FAULT` (a comma-separated list). Honoured in
//! debug builds only: a release build compiles every hook to nothing.
//!
//! - `stop:<point>` ends the process there at once, as `kill -9` would:
//!   nothing more is written, renamed or removed. Points: `write:<n>` (after
//!   the n-th file is written), `staged`, `journal`, `rename:<n>` (after the
//!   n-th rename of the swap), `swapped`, `committed`, `recovered`. The exit
//!   code is [`STOPPED`], so a test knows the point was reached.
//! - `rename-fail:<n>`: the n-th rename of the swap fails, as Windows fails
//!   to rename a folder that Explorer has open.
//! - `undo-fail`: every rename that undoes a swap fails too.
//! - `write-fail:<n>`: writing the n-th file fails, as on a full disk.

use std::io::{Error, ErrorKind};

/// The exit code of a process stopped by `stop:<point>`.
pub(super) const STOPPED: i32 = 99;

#[cfg(debug_assertions)]
fn has(fault: &str) -> bool {
    static SPEC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SPEC.get_or_init(|| std::env::var("RAPOR_FAULT").unwrap_or_default())
        .split(',')
        .any(|f| f.trim() == fault)
}

#[cfg(not(debug_assertions))]
fn has(_: &str) -> bool {
    false
}

/// Counts files: attempted (for `write-fail`) and written (for `stop:write`).
#[cfg(debug_assertions)]
static ATTEMPTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
#[cfg(debug_assertions)]
static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[cfg(debug_assertions)]
fn count(counter: &std::sync::atomic::AtomicUsize) -> usize {
    counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1
}

/// Ends the process at `point` when asked to.
pub(super) fn stop(point: &str) {
    if cfg!(debug_assertions) && has(&format!("stop:{point}")) {
        std::process::exit(STOPPED);
    }
}

/// Before a file is written: fails as a full disk does when asked to.
pub(super) fn before_write() -> std::io::Result<()> {
    #[cfg(debug_assertions)]
    if has(&format!("write-fail:{}", count(&ATTEMPTS))) {
        return Err(Error::new(
            ErrorKind::StorageFull,
            "No space left on device (os error 28)",
        ));
    }
    Ok(())
}

/// After a file is written.
pub(super) fn after_write() {
    #[cfg(debug_assertions)]
    stop(&format!("write:{}", count(&WRITES)));
}

/// Before the `n`-th rename of a swap.
pub(super) fn rename(n: usize) -> std::io::Result<()> {
    if cfg!(debug_assertions) && has(&format!("rename-fail:{n}")) {
        return Err(denied());
    }
    Ok(())
}

/// Before a rename that undoes a swap.
pub(super) fn undo() -> std::io::Result<()> {
    if cfg!(debug_assertions) && has("undo-fail") {
        return Err(denied());
    }
    Ok(())
}

/// The error Windows gives for a folder that another program has open.
fn denied() -> Error {
    Error::new(
        ErrorKind::PermissionDenied,
        "Access is denied. (os error 5)",
    )
}
