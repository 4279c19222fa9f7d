//! The leak audit of a build, as its public files are made: the gate each
//! file passes ([`Gate`]), and the report of what it found, each value at
//! the public content field that shows it. A portal's gate is one of these
//! over every facility's values ([`super::portal`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::collect::secrets;
use super::needles::Needles;
use super::normalise::Kind as Read;
use super::says;
use super::scan::{self, Blob, Hit, Unreadable};
use super::secrets::Secret;
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
    needles: Needles,
    hits: Mutex<Vec<Hit>>,
    failed: Mutex<Vec<Unreadable>>,
}

impl Gate {
    pub fn new(model: &Model) -> Gate {
        Gate::of(secrets(model))
    }

    /// A gate searching for `secrets`, whoever they belong to (a portal's
    /// gate holds every facility's).
    pub(super) fn of(secrets: Vec<Secret>) -> Gate {
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
    pub(super) fn into_found(self) -> Caught {
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
pub(super) struct Caught {
    pub(super) secrets: Vec<Secret>,
    pub(super) needles: Needles,
    pub(super) hits: Vec<Hit>,
    pub(super) failed: Vec<Unreadable>,
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
