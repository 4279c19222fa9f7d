//! The leak audit of a build, as its public files are made: the gate each
//! file passes ([`Gate`]), and the report of what it found, each value at
//! the public content field that shows it. A portal's gate is one of these
//! over every facility's values ([`super::portal`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::collect::secrets;
use super::needles::Needles;
use super::normalise::Kind as Read;
use super::says;
use super::scan::{self, Blob, Hit, Unreadable};
use super::secrets::{Secret, What};
use super::trace::{Field, trace};
use crate::diag::{Diagnostics, Pos};
use crate::load::{self, Content, Kind};
use crate::model::Model;
use crate::view;

/// The leak audit of a build as its public files are made, one at a time
/// from any thread: [`Gate::file`] says whether a file may be written, and
/// [`Gate::finish`] reports every value found, with the internal site's
/// paths checked too.
pub struct Gate {
    secrets: Vec<Secret>,
    needles: Arc<Needles>,
    hits: Mutex<Vec<Hit>>,
    failed: Mutex<Vec<Unreadable>>,
    /// What an earlier gate let through, searching for the same values.
    earlier: Cleared,
    /// What this one lets through, when it is remembered for the next.
    cleared: Option<Mutex<Passed>>,
    /// Files whose bytes were searched (the rest were let through as before).
    read: AtomicUsize,
}

/// Files a gate let through: rendered ones by path with their bytes, and
/// published photos by path with the cache file they are, its size and its
/// time of change.
#[derive(Default)]
struct Passed {
    rendered: rustc_hash::FxHashMap<String, Arc<Vec<u8>>>,
    copied: rustc_hash::FxHashMap<String, Copied>,
}

type Copied = (PathBuf, u64, std::time::SystemTime);

/// The public files a gate let through, with the values it searched them
/// for. The next rebuild of `rapor serve` lets a file with the same path and
/// the same bytes through without reading it again, but only while it
/// searches for the same values: a name added to a roster audits every file
/// again, cached pages too. A photo is let through unread while it is the
/// same cache file with the same size and time of change. The needles made
/// of the values are kept too.
#[derive(Default)]
pub struct Cleared {
    values: Vec<(String, What)>,
    needles: Option<Arc<Needles>>,
    files: Passed,
}

impl Gate {
    pub fn new(model: &Model) -> Gate {
        Gate::of(secrets(model))
    }

    /// A gate for `model` that remembers what it lets through, and lets
    /// through what `earlier` did if it searched for the same values.
    pub fn remembering(model: &Model, earlier: Cleared) -> Gate {
        Gate::remember(secrets(model), earlier)
    }

    fn remember(secrets: Vec<Secret>, mut earlier: Cleared) -> Gate {
        let same = earlier.values == values(&secrets);
        let mut gate = match earlier.needles.take() {
            Some(needles) if same => Gate::with(secrets, needles),
            _ => Gate::of(secrets),
        };
        if same {
            gate.earlier = earlier;
        }
        gate.cleared = Some(Mutex::default());
        gate
    }

    /// What this gate let through so far, for the next one.
    pub fn remembered(&mut self) -> Cleared {
        let files = self.cleared.as_mut().map(|m| {
            let m = m.get_mut().unwrap_or_else(|e| e.into_inner());
            std::mem::take(m)
        });
        Cleared {
            values: values(&self.secrets),
            needles: Some(self.needles.clone()),
            files: files.unwrap_or_default(),
        }
    }

    /// How many files had their bytes searched.
    pub fn files_read(&self) -> usize {
        self.read.load(Ordering::Relaxed)
    }

    /// [`Gate::file`] for a rendered file, which an earlier gate may have
    /// let through already with the same bytes.
    pub fn rendered(&self, path: &str, bytes: &Arc<Vec<u8>>) -> bool {
        let seen = self.earlier.files.rendered.get(path);
        let clean = match seen {
            Some(old) if Arc::ptr_eq(old, bytes) || old[..] == bytes[..] => true,
            _ => self.file(path, bytes),
        };
        if clean && let Some(cleared) = &self.cleared {
            let passed = &mut locked(cleared).rendered;
            passed.insert(path.to_string(), bytes.clone());
        }
        clean
    }

    /// [`Gate::copy`] for a published photo, which an earlier gate may have
    /// let through already from the same unchanged cache file.
    pub fn copied(&self, path: &str, from: &Path) -> bool {
        let Some(cleared) = &self.cleared else {
            return self.copy(path, from); // a plain build remembers nothing
        };
        let now = std::fs::metadata(from)
            .and_then(|m| Ok((from.to_path_buf(), m.len(), m.modified()?)))
            .ok();
        let clean = match (&now, self.earlier.files.copied.get(path)) {
            (Some(now), Some(old)) if now == old => true,
            _ => self.copy(path, from),
        };
        if clean && let Some(now) = now {
            locked(cleared).copied.insert(path.to_string(), now);
        }
        clean
    }

    /// A gate searching for `secrets`, whoever they belong to (a portal's
    /// gate holds every facility's).
    pub(super) fn of(secrets: Vec<Secret>) -> Gate {
        let needles = Arc::new(Needles::new(&secrets));
        Gate::with(secrets, needles)
    }

    fn with(secrets: Vec<Secret>, needles: Arc<Needles>) -> Gate {
        Gate {
            secrets,
            needles,
            hits: Default::default(),
            failed: Default::default(),
            earlier: Cleared::default(),
            cleared: None,
            read: AtomicUsize::new(0),
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
        self.read.fetch_add(1, Ordering::Relaxed);
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
    pub(super) fn into_found(self) -> Caught {
        let Gate {
            secrets,
            needles,
            hits,
            failed,
            ..
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
pub(super) struct Caught {
    pub(super) secrets: Vec<Secret>,
    pub(super) needles: Arc<Needles>,
    pub(super) hits: Vec<Hit>,
    pub(super) failed: Vec<Unreadable>,
}

/// What the needles are made of: each value and its kind, in order.
fn values(secrets: &[Secret]) -> Vec<(String, What)> {
    secrets.iter().map(|s| (s.value.clone(), s.what)).collect()
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn inner<T>(m: Mutex<T>) -> T {
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
    failed: &[Unreadable],
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

#[cfg(test)]
mod tests {
    use super::*;

    fn name(value: &str) -> Secret {
        Secret {
            value: value.into(),
            what: What::Name,
            owner: "las-1".into(),
            file: "content/internal/rosters/las-1.yaml".into(),
            field: "participants[0].name".into(),
        }
    }

    fn page(text: &str) -> Arc<Vec<u8>> {
        Arc::new(format!("<p>{text}</p>").into_bytes())
    }

    #[test]
    fn a_file_let_through_before_is_not_read_again_while_the_values_stay() {
        let mut first = Gate::remember(vec![name("Yohanes Jehalu")], Cleared::default());
        let kept = page("Pelatihan las selesai.");
        assert!(first.rendered("a.html", &kept));
        assert!(first.rendered("b.html", &page("Berita baru.")));
        assert_eq!(first.files_read(), 2);

        let mut second = Gate::remember(vec![name("Yohanes Jehalu")], first.remembered());
        // The same bytes, whether the same page or a copy of it.
        assert!(second.rendered("a.html", &kept));
        assert!(second.rendered("b.html", &page("Berita baru.")));
        assert_eq!(second.files_read(), 0);
        // Changed bytes, or a path it did not let through, are read.
        assert!(second.rendered("b.html", &page("Berita yang diubah.")));
        assert!(second.rendered("c.html", &kept));
        assert_eq!(second.files_read(), 2);
        // What it let through is remembered for the next, whichever way.
        let third = Gate::remember(vec![name("Yohanes Jehalu")], second.remembered());
        assert!(third.rendered("c.html", &kept));
        assert_eq!(third.files_read(), 0);
    }

    #[test]
    fn a_new_value_reads_every_file_again_and_finds_it_in_an_unchanged_one() {
        let story = page("Terima kasih kepada Maria Nggoro atas bantuannya.");
        let mut first = Gate::remember(vec![name("Yohanes Jehalu")], Cleared::default());
        assert!(first.rendered("stories/a/index.html", &story));

        // A roster now names her: the page did not change, but it shows her.
        let values = vec![name("Yohanes Jehalu"), name("Maria Nggoro")];
        let second = Gate::remember(values, first.remembered());
        assert!(!second.rendered("stories/a/index.html", &story));
        assert_eq!(second.files_read(), 1);
        let found = second.into_found();
        assert_eq!(found.hits.len(), 1);
        assert_eq!(found.hits[0].secret, 1);
    }

    #[test]
    fn a_file_that_showed_a_value_is_never_let_through_unread() {
        let values = || vec![name("Yohanes Jehalu")];
        let leak = page("Peserta: Yohanes Jehalu.");
        let mut first = Gate::remember(values(), Cleared::default());
        assert!(!first.rendered("x.html", &leak));
        let second = Gate::remember(values(), first.remembered());
        assert!(!second.rendered("x.html", &leak));
        assert_eq!(second.files_read(), 1);
    }

    #[test]
    fn a_gate_that_does_not_remember_keeps_nothing() {
        let mut gate = Gate::of(vec![name("Yohanes Jehalu")]);
        assert!(gate.rendered("a.html", &page("Halo.")));
        let next = Gate::remember(vec![name("Yohanes Jehalu")], gate.remembered());
        assert!(next.rendered("a.html", &page("Halo.")));
        assert_eq!(next.files_read(), 1);
    }

    #[test]
    fn a_photo_is_read_again_when_its_cache_file_changes_or_the_values_do() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("a-960.webp");
        std::fs::write(&from, b"RIFF....WEBP plain").unwrap();
        let values = || vec![name("Yohanes Jehalu")];
        let mut first = Gate::remember(values(), Cleared::default());
        assert!(first.copied("photos/a-960.webp", &from));
        assert_eq!(first.files_read(), 1);

        let mut second = Gate::remember(values(), first.remembered());
        assert!(second.copied("photos/a-960.webp", &from));
        assert_eq!(second.files_read(), 0, "the same cache file, unchanged");

        // Rewritten with the name in its metadata (another size).
        std::fs::write(&from, b"RIFF....WEBP Exif Yohanes Jehalu").unwrap();
        let mut third = Gate::remember(values(), second.remembered());
        assert!(!third.copied("photos/a-960.webp", &from));
        assert_eq!(third.files_read(), 1);

        std::fs::write(&from, b"RIFF....WEBP Maria Nggoro").unwrap();
        let mut fourth = Gate::remember(values(), third.remembered());
        assert!(fourth.copied("photos/a-960.webp", &from));
        let both = vec![name("Yohanes Jehalu"), name("Maria Nggoro")];
        let fifth = Gate::remember(both, fourth.remembered());
        assert!(
            !fifth.copied("photos/a-960.webp", &from),
            "a new value reads it again"
        );
    }
}
