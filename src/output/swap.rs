//! Putting a written pair of sites in place of the previous pair, and
//! undoing that when it is cut short.
//!
//! `output/public` and `output/internal` stay real folders (the contract's
//! paths), so the swap is a few renames: every old site folder into
//! `<build>/old/`, then every new one out of `<build>/new/`. Before the first
//! rename, a journal `output/.swap` (written aside, flushed to disk, renamed
//! into place) names the build folder and which sites the old and the new
//! pair hold; removing it after the last rename is what commits the swap.
//!
//! A build killed while the journal exists is undone by the next one
//! ([`recover`]): each site back to where it was, judged by which folders
//! exist, so that undoing is safe to repeat when it is itself cut short. A
//! rename that fails (Windows refuses to rename a folder that Explorer has
//! open) undoes the renames before it at once. The old folders all leave
//! before a new one arrives, so nothing but the old pair or the new pair is
//! ever found there together; for the microseconds in between, a site
//! folder is missing, and the journal says why.

use std::io::Write as _;
use std::path::Path;

use super::{SITES, fault};
use crate::msg::{Message, msg};

/// Where a build folder keeps the new pair, and the old one once swapped out.
pub(super) const NEW: &str = "new";
const OLD: &str = "old";

pub(super) const JOURNAL: &str = ".swap";
/// The journal while it is written: a leftover, removed by the next build.
const JOURNAL_TMP: &str = ".swap.tmp";
const FORMAT: &str = "rapor-swap 1";

/// What a swap is about to do: enough to undo any part of it.
#[derive(Debug, PartialEq, Eq)]
struct Journal {
    /// The build folder's name under `output/`.
    build: String,
    /// The site folders that `output/` held before.
    old: Vec<String>,
    /// The site folders of the new pair.
    new: Vec<String>,
}

impl Journal {
    fn text(&self) -> String {
        format!(
            "{FORMAT}\nbuild {}\nold {}\nnew {}\n",
            self.build,
            self.old.join(" "),
            self.new.join(" ")
        )
    }

    fn parse(text: &str) -> Option<Journal> {
        let mut lines = text.lines();
        if lines.next()? != FORMAT {
            return None;
        }
        let mut field = |key: &str| {
            let line = lines.next()?;
            let rest = line.strip_prefix(key)?;
            (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim())
        };
        let build = field("build")?.to_string();
        let sites = |list: &str| -> Option<Vec<String>> {
            list.split_whitespace()
                .map(|s| SITES.contains(&s).then(|| s.to_string()))
                .collect()
        };
        let old = sites(field("old")?)?;
        let new = sites(field("new")?)?;
        // A plain folder name of ours: never a path that leads elsewhere.
        let plain = build.starts_with(".build-") && !build.contains(['/', '\\']) && build != "..";
        plain.then_some(Journal { build, old, new })
    }
}

/// Swaps the pair in `<out>/<build>/new/` (site folders `new`) for the
/// pair in `out`, then removes the build folder with the old pair in it. On
/// error, the previous pair is back in place, or, if even that failed, the
/// journal stays for the next build to finish undoing.
pub(super) fn swap(out: &Path, build: &str, new: &[&str]) -> Result<(), Message> {
    let dir = out.join(build);
    let old: Vec<&str> = SITES
        .into_iter()
        .filter(|s| out.join(s).symlink_metadata().is_ok())
        .collect();
    let journal = Journal {
        build: build.to_string(),
        old: old.iter().map(|s| s.to_string()).collect(),
        new: new.iter().map(|s| s.to_string()).collect(),
    };
    let prepared = std::fs::create_dir_all(dir.join(OLD))
        .and_then(|()| write_journal(out, &journal))
        .map_err(|e| msg!("io_write", path = out.join(JOURNAL).display(), error = e));
    if let Err(e) = prepared {
        let _ = std::fs::remove_file(out.join(JOURNAL));
        let _ = std::fs::remove_dir_all(&dir);
        return Err(e);
    }
    fault::stop("journal");
    // (from, to, the site folder it concerns)
    let steps: Vec<_> = old
        .iter()
        .map(|s| (out.join(s), dir.join(OLD).join(s), *s))
        .chain(new.iter().map(|s| (dir.join(NEW).join(s), out.join(s), *s)))
        .collect();
    for (i, (from, to, site)) in steps.iter().enumerate() {
        let renamed = fault::rename(i + 1).and_then(|()| std::fs::rename(from, to));
        if let Err(error) = renamed {
            let path = out.join(site);
            for (from, to, _) in steps[..i].iter().rev() {
                let undone = fault::undo().and_then(|()| std::fs::rename(to, from));
                if let Err(undo) = undone {
                    return Err(msg!(
                        "output_swap_stuck",
                        path = path.display(),
                        error = error,
                        undo = undo,
                        output = out.display()
                    ));
                }
            }
            let _ = std::fs::remove_file(out.join(JOURNAL));
            let _ = std::fs::remove_dir_all(&dir);
            // Only an output that was there is said to be kept.
            if old.is_empty() {
                return Err(msg!(
                    "output_first_failed",
                    path = path.display(),
                    error = error,
                    output = out.display()
                ));
            }
            return Err(msg!(
                "output_swap_failed",
                path = path.display(),
                error = error
            ));
        }
        fault::stop(&format!("rename:{}", i + 1));
    }
    fault::stop("swapped");
    let committed = std::fs::remove_file(out.join(JOURNAL)).and_then(|()| sync_dir(out));
    if let Err(e) = committed {
        // The journal still stands: the next build undoes this swap, so
        // this build must not report success.
        return Err(msg!(
            "io_remove",
            path = out.join(JOURNAL).display(),
            error = e
        ));
    }
    fault::stop("committed");
    // The old pair goes; what cannot be removed now, the next build removes.
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Undoes the swap that an interrupted build left half done, if any: the
/// previous pair back in `out`, the journal removed.
pub(super) fn recover(out: &Path) -> Result<(), Message> {
    let path = out.join(JOURNAL);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(msg!("io_read", path = path.display(), error = e)),
    };
    let Some(journal) = Journal::parse(&text) else {
        return Err(msg!("output_journal_bad", path = path.display()));
    };
    let failed =
        |e: std::io::Error| msg!("output_recover_failed", output = out.display(), error = e);
    let dir = out.join(&journal.build);
    if dir.is_dir() {
        // New folders that arrived go back first (their old ones all left
        // before any arrived), then the old folders return.
        for site in journal.new.iter().rev() {
            let staged = dir.join(NEW).join(site);
            let live = out.join(site);
            if !exists(&staged) && exists(&live) {
                fault::undo()
                    .and_then(|()| std::fs::rename(&live, &staged))
                    .map_err(failed)?;
            }
        }
        for site in journal.old.iter().rev() {
            let aside = dir.join(OLD).join(site);
            if exists(&aside) {
                fault::undo()
                    .and_then(|()| std::fs::rename(&aside, out.join(site)))
                    .map_err(failed)?;
            }
        }
    }
    std::fs::remove_file(&path)
        .and_then(|()| sync_dir(out))
        .map_err(|e| msg!("io_remove", path = path.display(), error = e))
}

fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Writes the journal so that it is on disk, whole, before any rename.
fn write_journal(out: &Path, journal: &Journal) -> std::io::Result<()> {
    let tmp = out.join(JOURNAL_TMP);
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(journal.text().as_bytes())?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, out.join(JOURNAL))?;
    sync_dir(out)
}

/// Flushes a folder's entries (the renames in it) to disk. Windows cannot
/// open a folder as a file; NTFS journals its renames itself.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal(old: &[&str], new: &[&str]) -> Journal {
        Journal {
            build: ".build-12-ab".into(),
            old: old.iter().map(|s| s.to_string()).collect(),
            new: new.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn the_journal_reads_back_and_refuses_what_it_did_not_write() {
        for j in [
            journal(&["public", "internal"], &["public"]),
            journal(&[], &["public", "internal"]),
        ] {
            assert_eq!(Journal::parse(&j.text()), Some(j));
        }
        for bad in [
            "",
            "rapor-swap 1\nbuild .build-1\nold public\n",
            "rapor-swap 1\nbuild ../../home\nold\nnew public\n",
            "rapor-swap 1\nbuild .build-1/../..\nold\nnew public\n",
            "rapor-swap 1\nbuild .build-1\nold content\nnew public\n",
            "rapor-swap 2\nbuild .build-1\nold\nnew public\n",
        ] {
            assert_eq!(Journal::parse(bad), None, "{bad:?}");
        }
    }

    /// A tree of `out` without the lock: path -> bytes.
    fn tree(out: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(out)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(out).unwrap().to_string_lossy();
                (rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    fn put(path: &Path, body: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }

    /// Every point a swap can be cut at, undone from what is on disk: the
    /// old pair comes back, whichever sites each pair holds.
    #[test]
    fn a_swap_cut_short_after_any_rename_is_undone() {
        let pairs: [(&[&str], &[&str]); 4] = [
            (&["public", "internal"], &["public", "internal"]),
            (&["public", "internal"], &["public"]),
            (&["public"], &["public", "internal"]),
            (&[], &["public", "internal"]),
        ];
        for (old, new) in pairs {
            for cut in 0..=old.len() + new.len() {
                let dir = tempfile::tempdir().unwrap();
                let out = dir.path();
                for s in old {
                    put(&out.join(s).join("index.html"), &format!("old {s}"));
                }
                let before = tree(out);
                let j = journal(old, new);
                let build = out.join(&j.build);
                for s in new {
                    put(&build.join(NEW).join(s).join("index.html"), "new");
                }
                std::fs::create_dir_all(build.join(OLD)).unwrap();
                write_journal(out, &j).unwrap();
                let steps: Vec<_> = old
                    .iter()
                    .map(|s| (out.join(s), build.join(OLD).join(s)))
                    .chain(new.iter().map(|s| (build.join(NEW).join(s), out.join(s))))
                    .collect();
                for (from, to) in &steps[..cut] {
                    std::fs::rename(from, to).unwrap();
                }
                recover(out).unwrap();
                std::fs::remove_dir_all(&build).unwrap();
                assert_eq!(tree(out), before, "{old:?} -> {new:?}, cut after {cut}");
                // Undoing again finds nothing to do.
                recover(out).unwrap();
                assert_eq!(tree(out), before);
            }
        }
    }
}
