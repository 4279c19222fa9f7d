//! Leak audit: the last gate before the public site is written.
//!
//! Every identity value of the internal data (participants' names,
//! registration and certificate numbers; partners' contact names, phones and
//! emails; agreement numbers) is searched for in every public file (its
//! bytes and its path), in parallel, as a reader reads them: both the values
//! and the files are normalised the same way first ([`normalise`]: tags,
//! entities and escapes undone, invisible characters dropped, case, accents,
//! dashes and spacing folded) and matched as words ([`needles`]). A hit is
//! traced back to the public content field that put it there by searching the
//! public parts of the content files the same way.
//!
//! It must not change what is built: it only reads and reports. It reads the
//! disk only for the bytes of published photos (from the photo cache), for
//! `rapor audit`, and to reload the content when a build has a hit to trace.

mod boundary;
mod chars;
mod collect;
mod gate;
mod guard;
mod markup;
mod needles;
mod normalise;
mod portal;
mod says;
mod scan;
mod secrets;
mod text_out;
mod trace;
mod walk;
mod zipped;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use self::collect::secrets;
pub use self::gate::{Cleared, Gate};
pub use self::guard::{Found, Guard};
use self::needles::Needles;
pub use self::portal::{PortalGate, check_portal};
use self::scan::{Blob, scan_files};
pub use self::secrets::{Secret, What};
use self::trace::trace;
use crate::diag::{Diagnostics, Pos};
use crate::load::{self, Content};
use crate::model::{self, Model};
use crate::render::File;

/// The audit of a build, before anything is written: every public file and
/// photo of `files` and `copies`, and the path of every file of the internal
/// site (`internal`), which may show no identity value either: a file name
/// travels in addresses, histories and logs even when the file is sealed.
/// Returns false when internal data was found (each value reported once per
/// content field that shows it).
pub fn check_build(
    site: &Path,
    model: &Model,
    files: &[File],
    copies: &[(String, PathBuf)],
    internal: &[&str],
    diags: &mut Diagnostics,
) -> bool {
    let gate = Gate::new(model);
    files.par_iter().for_each(|f| {
        gate.file(&f.path, &f.bytes);
    });
    copies.par_iter().for_each(|(p, from)| {
        gate.copy(p, from);
    });
    gate.finish(site, model, internal, diags)
}

/// What `rapor audit` checked.
#[derive(Debug)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub values: usize,
    pub forms: usize,
}

/// At most this many files are named for one value by `rapor audit`.
const FILES_PER_VALUE: usize = 20;

/// `rapor audit`: scans an existing output folder (`dir`, default the site's
/// `output/public`) for the identity values of the site's content.
pub fn audit_dir(site: &Path, dir: Option<&Path>, diags: &mut Diagnostics) -> Option<Summary> {
    let content = load::load_with(site, None, diags);
    let model = model::build_with(&content, None, diags).ok()?;
    audit_loaded(site, &content, &model, dir, diags)
}

/// [`audit_dir`] for a caller that has loaded the content already
/// (`rapor publish`).
pub fn audit_loaded(
    site: &Path,
    content: &Content,
    model: &Model,
    dir: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<Summary> {
    let (root, shown) = match dir {
        Some(d) => (d.to_path_buf(), d.to_path_buf()),
        None => (site.join("output/public"), PathBuf::from("output/public")),
    };
    if !root.is_dir() {
        diags.error(&shown, Pos::default(), says::no_folder(&shown));
        return None;
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().unwrap_or(&root).to_path_buf();
                let io = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder loop"));
                diags.error(&p, Pos::default(), says::unreadable(&io));
                continue;
            }
        };
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            paths.push((rel, entry.into_path()));
        }
    }
    let secrets = secrets(model);
    let needles = Needles::new(&secrets);
    let blobs: Vec<(&str, Blob)> = paths
        .iter()
        .map(|(rel, abs)| (rel.as_str(), Blob::Disk(abs.as_path())))
        .collect();
    let (mut hits, failed, bytes) = scan_files(&needles, &blobs);
    for (file, e) in &failed {
        diags.error(&shown.join(file), Pos::default(), says::unreadable(e));
    }
    let wanted = hits.iter().map(|h| h.secret).collect();
    let places = if hits.is_empty() {
        BTreeMap::new()
    } else {
        trace(site, content, model, &needles, &wanted)
    };
    hits.sort_by(|a, b| (a.secret, &a.file).cmp(&(b.secret, &b.file)));
    let mut per_value: BTreeMap<usize, usize> = BTreeMap::new();
    for h in &hits {
        let n = per_value.entry(h.secret).or_default();
        *n += 1;
        if *n > FILES_PER_VALUE {
            continue;
        }
        let from: Vec<String> = places
            .get(&h.secret)
            .into_iter()
            .flatten()
            .map(|p| match p.pos.line {
                0 => p.file.display().to_string(),
                l => format!("{}:{l}:{}", p.file.display(), p.pos.col),
            })
            .collect();
        let s = &secrets[h.secret];
        diags.error(
            &shown.join(&h.file),
            h.pos,
            says::in_output(s, h.in_name, &from),
        );
    }
    for (secret, n) in per_value {
        if n > FILES_PER_VALUE {
            let s = &secrets[secret];
            diags.error(
                &shown,
                Pos::default(),
                says::more_files(s, n - FILES_PER_VALUE),
            );
        }
    }
    if diags.has_errors() {
        return None;
    }
    Some(Summary {
        files: paths.len(),
        bytes,
        values: secrets.len(),
        forms: needles.patterns(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The audit stage at scale, on a built site named by
    /// `RAPOR_AUDIT_BENCH` (e.g. the 10,000 stories of `examples/make_site`):
    /// `cargo test --release --lib audit::tests::bench -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_the_audit_of_a_built_site() {
        let Some(site) = std::env::var_os("RAPOR_AUDIT_BENCH") else {
            return;
        };
        let site = Path::new(&site);
        let mut diags = Diagnostics::new();
        let content = load::load_with(site, None, &mut diags);
        let model = model::build_with(&content, None, &mut diags).expect("the site builds");
        let root = site.join("output/public");
        let files: Vec<File> = walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| File {
                path: e
                    .path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                bytes: std::sync::Arc::new(std::fs::read(e.path()).unwrap()),
            })
            .collect();
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        // CPU time too (of the whole process, in ms): on a shared machine it
        // moves less than the wall clock.
        let cpu = || -> f64 {
            let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
            let f: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split(' ').collect();
            let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            (ticks(12) + ticks(13)) * 10.0
        };
        let (mut wall, mut cpus) = (Vec::new(), Vec::new());
        for _ in 0..7 {
            let (started, cpu0) = (std::time::Instant::now(), cpu());
            let clean = check_build(site, &model, &files, &[], &[], &mut Diagnostics::new());
            wall.push(started.elapsed().as_secs_f64() * 1000.0);
            cpus.push(cpu() - cpu0);
            assert!(clean);
        }
        wall.sort_by(f64::total_cmp);
        cpus.sort_by(f64::total_cmp);
        eprintln!(
            "audit of {} files ({} MB): median {:.1} ms wall, {:.0} ms CPU; wall {wall:.1?}",
            files.len(),
            bytes / 1_000_000,
            wall[wall.len() / 2],
            cpus[cpus.len() / 2],
        );
    }
}
