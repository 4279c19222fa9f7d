//! The internal site's output: plain, sealed under the passphrase, or not
//! written; and the keys that seal it, derived while the rest builds.

use std::path::Path;

use crate::diag::{Diagnostics, Pos, Reported};
use crate::msg::msg;
use crate::{protect, stamp};

use super::stage::{Clock, failed};

/// What stands for the passphrase in the build stamp. A plain internal site
/// does not depend on it; a protected one depends on whether there is one
/// and, if so, on its key: a MAC under it, which costs a key derivation to
/// compute, so the stamp tells no more about the passphrase than the sealed
/// pages do.
pub(super) fn key_tag(last: &stamp::Stamp, keys: &mut PendingKeys) -> Vec<u8> {
    if last.internal_written && !last.internal_sealed {
        return b"plain".to_vec();
    }
    match keys.get() {
        Some(k) => stamp_tag(k).into_bytes(),
        None => b"none".to_vec(),
    }
}

/// The keys of `RAPOR_INTERNAL_PASSPHRASE`, derived on a thread of their own
/// from the start of a build: the derivation is slow on purpose (600,000
/// rounds), and the build has other work to do meanwhile.
pub(super) struct PendingKeys {
    pub(super) deriving: Option<std::thread::JoinHandle<protect::Keys>>,
    pub(super) keys: Option<protect::Keys>,
}

impl PendingKeys {
    /// Starts deriving when there is a usable passphrase and salt.
    pub(super) fn start(site: &Path) -> Self {
        let deriving = match protect::passphrase_from_env() {
            protect::Passphrase::Given(p) => protect::salt(site).ok().map(|(salt, _)| {
                std::thread::spawn(move || protect::Keys::derive(&p, salt, iterations()))
            }),
            _ => None,
        };
        PendingKeys {
            deriving,
            keys: None,
        }
    }

    pub(super) fn none() -> Self {
        PendingKeys {
            deriving: None,
            keys: None,
        }
    }

    /// The keys, once derived (waits for them).
    pub(super) fn get(&mut self) -> Option<&protect::Keys> {
        if let Some(thread) = self.deriving.take() {
            self.keys = thread.join().ok();
        }
        self.keys.as_ref()
    }
}

/// The passphrase's PBKDF2 rounds: [`protect::ITERATIONS`]. Only a debug
/// build, never a release, takes fewer from `RAPOR_TEST_ITERATIONS`, so
/// that tests running dozens of protected builds (tests/kill.rs) stay quick;
/// the count goes into the sealed pages, which open with it all the same.
pub(crate) fn iterations() -> u32 {
    #[cfg(debug_assertions)]
    if let Some(n) = std::env::var("RAPOR_TEST_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    protect::ITERATIONS
}

pub(super) fn stamp_tag(keys: &protect::Keys) -> String {
    keys.sealed_name("rapor:build-stamp")
}

pub(super) fn with_tag(files: stamp::Print, tag: &[u8]) -> stamp::Print {
    let mut h = blake3::Hasher::new();
    h.update(&files);
    h.update(tag);
    *h.finalize().as_bytes()
}

/// What becomes of the internal site.
pub(super) enum Plan<'k> {
    /// `internal.protect: false`: written as rendered.
    Plain,
    /// Sealed under the passphrase's keys, file by file.
    Sealed(&'k protect::Keys),
    /// Protected, but there is no passphrase (or only checking).
    Skip,
}

/// Decides, from `internal.protect` (a `shell` to lock pages with) and the
/// environment, how the internal site is written; waits for the keys when
/// it must be sealed.
pub(super) fn internal_plan<'k>(
    site: &Path,
    write: bool,
    shell: Option<&protect::Shell>,
    keys: &'k mut PendingKeys,
    diags: &mut Diagnostics,
) -> Result<Plan<'k>, Reported> {
    let site_yaml = Path::new("content/site.yaml");
    if shell.is_none() {
        diags.warning(site_yaml, Pos::default(), msg!("protect_plain"));
        return Ok(Plan::Plain);
    }
    match protect::passphrase_from_env() {
        protect::Passphrase::Given(_) => {}
        protect::Passphrase::Missing => {
            let (var, how) = (protect::PASSPHRASE_VAR, protect::how_to_set());
            // Only a copy that is there is said to be removed.
            let earlier = site.join("output").join("internal").exists();
            let message = if write && earlier {
                msg!("protect_no_passphrase_build_removes", var = var, how = how)
            } else if write {
                msg!("protect_no_passphrase_build", var = var, how = how)
            } else {
                msg!("protect_no_passphrase_check", var = var, how = how)
            };
            diags.warning(site_yaml, Pos::default(), message);
            return Ok(Plan::Skip);
        }
        protect::Passphrase::TooShort(n) => {
            return Err(diags.error(
                Path::new(protect::PASSPHRASE_VAR),
                Pos::default(),
                msg!(
                    "protect_too_short",
                    n = n,
                    min = protect::MIN_CHARS,
                    how = protect::how_to_set()
                ),
            ));
        }
        protect::Passphrase::Refused(message) => {
            return Err(diags.error(Path::new(protect::PASSPHRASE_VAR), Pos::default(), message));
        }
    };
    if !write {
        return Ok(Plan::Skip);
    }
    let mut clock = Clock::new();
    let Some(keys) = keys.get() else {
        // Only a salt that cannot be read or made stops the derivation.
        let cache = Path::new(crate::photos::CACHE_DIR);
        return Err(match protect::salt(site) {
            Err(e) => diags.error(cache, Pos::default(), e),
            Ok(_) => failed(diags, "key derivation"),
        });
    };
    clock.lap("key derivation (wait)");
    Ok(Plan::Sealed(keys))
}
