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

mod chars;
mod collect;
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
mod zipped;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use self::collect::secrets;
pub use self::guard::{Found, Guard};
use self::needles::Needles;
use self::normalise::Kind as Read;
pub use self::portal::{PortalGate, check_portal};
use self::scan::{Blob, Hit, scan_files};
pub use self::secrets::{Secret, What};
use self::trace::{Field, trace};
use crate::diag::{Diagnostics, Pos};
use crate::load::{self, Content, Kind};
use crate::model::{self, Model};
use crate::render::File;
use crate::view;

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

/// The leak audit of a build as its public files are made, one at a time
/// from any thread: [`Gate::file`] says whether a file may be written, and
/// [`Gate::finish`] reports every value found, with the internal site's
/// paths checked too.
pub struct Gate {
    secrets: Vec<Secret>,
    needles: Needles,
    hits: std::sync::Mutex<Vec<Hit>>,
    failed: std::sync::Mutex<Vec<scan::Unreadable>>,
}

impl Gate {
    pub fn new(model: &Model) -> Gate {
        Gate::of(secrets(model))
    }

    /// A gate searching for `secrets`, whoever they belong to (a portal's
    /// gate holds every facility's).
    fn of(secrets: Vec<Secret>) -> Gate {
        let needles = Needles::new(&secrets);
        Gate {
            secrets,
            needles,
            hits: Default::default(),
            failed: Default::default(),
        }
    }

    /// Audits a public file: true when it shows no internal value and may
    /// be written.
    pub fn file(&self, path: &str, bytes: &[u8]) -> bool {
        self.blob(path, &Blob::Bytes(bytes))
    }

    /// Audits a published photo, read from `from`.
    pub fn copy(&self, path: &str, from: &Path) -> bool {
        self.blob(path, &Blob::Disk(from))
    }

    fn blob(&self, path: &str, blob: &Blob<'_>) -> bool {
        match scan::scan_file(&self.needles, path, blob) {
            Ok((hits, _)) if hits.is_empty() => true,
            Ok((hits, _)) => {
                locked(&self.hits).extend(hits);
                false
            }
            Err(e) => {
                locked(&self.failed).push(e);
                false
            }
        }
    }

    /// What the gate searched for and found, for its caller to report:
    /// the hits in no particular order, the unreadable files by path.
    fn into_found(self) -> Caught {
        let Gate {
            secrets,
            needles,
            hits,
            failed,
        } = self;
        let mut failed = inner(failed);
        failed.sort_by(|a, b| a.0.cmp(&b.0));
        Caught {
            secrets,
            needles,
            hits: inner(hits),
            failed,
        }
    }

    /// Checks the paths of the internal site's files (`internal`) and
    /// reports what was found; false when anything was.
    pub fn finish(
        self,
        site: &Path,
        model: &Model,
        internal: &[&str],
        diags: &mut Diagnostics,
    ) -> bool {
        let Caught {
            secrets,
            needles,
            mut hits,
            failed,
        } = self.into_found();
        // In the order of the files, whichever thread found them (a file's
        // own hits stay in their order).
        hits.sort_by(|a, b| (&a.file, a.secret).cmp(&(&b.file, b.secret)));
        report(
            site, model, &secrets, &needles, &hits, &failed, internal, diags,
        )
    }
}

/// What a [`Gate`] found, with what it searched for.
struct Caught {
    secrets: Vec<Secret>,
    needles: Needles,
    hits: Vec<Hit>,
    failed: Vec<scan::Unreadable>,
}

fn locked<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn inner<T>(m: std::sync::Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// Reports the values `hits` found, the files that could not be read, and
/// the internal paths that show a value; false when there is any.
#[allow(clippy::too_many_arguments)]
fn report(
    site: &Path,
    model: &Model,
    secrets: &[Secret],
    needles: &Needles,
    hits: &[Hit],
    failed: &[scan::Unreadable],
    internal: &[&str],
    diags: &mut Diagnostics,
) -> bool {
    let names = scan_names(needles, internal);
    let public = Path::new("output/public");
    for (file, e) in failed {
        diags.error(&public.join(file), Pos::default(), says::unreadable(e));
    }
    if hits.is_empty() && names.is_empty() {
        return failed.is_empty();
    }
    // Rare: read the content again to say where each value came from.
    let content = load::load_with(site, None, &mut Diagnostics::new());
    let wanted = hits.iter().map(|h| h.secret).collect();
    let places = trace(site, &content, model, needles, &wanted);
    let mut by_secret: BTreeMap<usize, Vec<&Hit>> = BTreeMap::new();
    for h in hits {
        by_secret.entry(h.secret).or_default().push(h);
    }
    // Ids already reported for the public site are not reported again.
    let mut ids_named = BTreeSet::new();
    for (secret, mut hits) in by_secret {
        let s = &secrets[secret];
        match places.get(&secret) {
            Some(places) => {
                for p in places {
                    if p.field == Field::Id {
                        ids_named.insert((p.file.clone(), secret));
                    }
                    diags.error(&p.file, p.pos, says::in_field(&p.noun, &p.field, s));
                }
            }
            None => {
                hits.sort_by(|a, b| a.file.cmp(&b.file));
                let first = hits[0];
                let file = public.join(&first.file);
                let record = hits.iter().find_map(|h| record_of(&content, &h.file));
                diags.error(&file, first.pos, says::untraced(s, hits.len() - 1, record));
            }
        }
    }
    report_names(&content, needles, secrets, &names, &ids_named, diags);
    false
}

/// The content file of the record whose page (or a file in its page's
/// folder) is the public file `path`, if any. The page addresses come from
/// the view, which alone names them.
fn record_of<'a>(content: &'a Content, path: &str) -> Option<&'a Path> {
    content
        .sources
        .iter()
        .find(|s| {
            let url = match s.kind {
                Kind::Story => view::story_url(&s.id),
                Kind::Training => view::training_url(&s.id),
                Kind::Programme => view::programme_url(&s.id),
                Kind::Partner => view::partner_url(&s.id),
                _ => return false,
            };
            path.starts_with(view::pretty(&url))
        })
        .map(|s| s.path.as_path())
}

/// The secrets each internal path shows, by secret: the paths that show it.
fn scan_names(needles: &Needles, paths: &[&str]) -> BTreeMap<usize, Vec<String>> {
    let found: Vec<(usize, &str)> = paths
        .par_iter()
        .flat_map_iter(|p| {
            let secrets = needles.scan(p.as_bytes(), Read::Text).into_keys();
            secrets.map(move |s| (s, *p))
        })
        .collect();
    let mut by_secret: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (secret, path) in found {
        by_secret.entry(secret).or_default().push(path.to_string());
    }
    by_secret
}

/// Internal paths that show a value: named by the record whose id (file
/// name, drafts included) makes them, or else by the first such path.
fn report_names(
    content: &Content,
    needles: &Needles,
    secrets: &[Secret],
    names: &BTreeMap<usize, Vec<String>>,
    ids_named: &BTreeSet<(PathBuf, usize)>,
    diags: &mut Diagnostics,
) {
    let mut traced = BTreeSet::new();
    for src in content.sources.iter().filter(|s| s.kind != Kind::Roster) {
        for secret in needles.scan(src.id.as_bytes(), Read::Text).into_keys() {
            if !names.contains_key(&secret) {
                continue;
            }
            traced.insert(secret);
            if !ids_named.contains(&(src.path.clone(), secret)) {
                let noun = src.kind.noun();
                let message = says::internal_id(&noun, &secrets[secret]);
                diags.error(&src.path, Pos::default(), message);
            }
        }
    }
    let internal = Path::new("output/internal");
    for (secret, paths) in names {
        if !traced.contains(secret) {
            let s = &secrets[*secret];
            diags.error(
                &internal.join(&paths[0]),
                Pos::default(),
                says::internal_path(s),
            );
        }
    }
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
