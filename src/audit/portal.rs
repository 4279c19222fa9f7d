//! The leak audit of a national portal: every identity value of every
//! facility's internal data, searched for in every file of the portal, and
//! each one found traced to the public field of its facility that shows it,
//! as a facility's own build does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::needles::Needles;
use super::says;
use super::scan::{Blob, Hit, Unreadable, scan_file};
use super::secrets;
use super::secrets::Secret;
use super::trace::trace;
use crate::diag::{Diagnostics, Pos};
use crate::load;
use crate::model::Model;
use crate::render::File;

/// Scans the portal's `files`, and its photos (`copies`: published path,
/// file in a facility's photo cache), for the identity values of each
/// facility's model (`(its folder as portal.yaml names it, model)`, the
/// folder relative to the portal's `dir`). Each value found is reported at
/// the facility's content file and field that show it (a story's title,
/// say), or, when no public field does, at the portal file. Returns false
/// when one was found.
pub fn check_portal(
    dir: &Path,
    facilities: &[(&Path, &Model)],
    files: &[File],
    copies: &[(String, PathBuf)],
    diags: &mut Diagnostics,
) -> bool {
    let gate = PortalGate::new(facilities);
    files.par_iter().for_each(|f| {
        gate.file(&f.path, &f.bytes);
    });
    copies.par_iter().for_each(|(p, from)| {
        gate.copy(p, from);
    });
    gate.finish(dir, diags)
}

/// The portal's leak audit as its public files are made, one at a time
/// from any thread: [`PortalGate::file`] says whether a file may be
/// written, and [`PortalGate::finish`] reports every value found. One scan
/// for all facilities: each secret remembers its facility and its index
/// among that facility's own secrets.
pub struct PortalGate<'a> {
    facilities: &'a [(&'a Path, &'a Model)],
    all: Vec<Secret>,
    owner: Vec<(usize, usize)>,
    needles: Needles,
    hits: Mutex<Vec<Hit>>,
    failed: Mutex<Vec<Unreadable>>,
}

impl<'a> PortalGate<'a> {
    pub fn new(facilities: &'a [(&'a Path, &'a Model)]) -> Self {
        let mut all = Vec::new();
        let mut owner = Vec::new();
        for (f, (_, model)) in facilities.iter().enumerate() {
            for (i, s) in secrets(model).into_iter().enumerate() {
                all.push(s);
                owner.push((f, i));
            }
        }
        let needles = Needles::new(&all);
        PortalGate {
            facilities,
            all,
            owner,
            needles,
            hits: Mutex::default(),
            failed: Mutex::default(),
        }
    }

    /// Audits a public file: true when it shows no facility's identity
    /// value and may be written.
    pub fn file(&self, path: &str, bytes: &[u8]) -> bool {
        self.blob(path, &Blob::Bytes(bytes))
    }

    /// Audits a published photo, read from `from`.
    pub fn copy(&self, path: &str, from: &Path) -> bool {
        self.blob(path, &Blob::Disk(from))
    }

    fn blob(&self, path: &str, blob: &Blob<'_>) -> bool {
        match scan_file(&self.needles, path, blob) {
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

    /// Reports what was found; false when anything was.
    pub fn finish(self, dir: &Path, diags: &mut Diagnostics) -> bool {
        let PortalGate {
            facilities,
            all,
            owner,
            hits,
            failed,
            ..
        } = self;
        let mut hits = hits.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut failed = failed.into_inner().unwrap_or_else(|e| e.into_inner());
        failed.sort_by(|a, b| a.0.cmp(&b.0));
        let public = Path::new("output/public");
        for (file, e) in &failed {
            diags.error(&public.join(file), Pos::default(), says::unreadable(e));
        }
        hits.sort_by(|a, b| (a.secret, &a.file).cmp(&(b.secret, &b.file)));
        hits.dedup_by(|a, b| a.secret == b.secret);
        // Rare: read the facilities that leak again to say where from.
        let mut wanted: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for h in &hits {
            let (f, i) = owner[h.secret];
            wanted.entry(f).or_default().insert(i);
        }
        let mut traced = BTreeSet::new();
        for (f, local) in &wanted {
            let (folder, model) = facilities[*f];
            let site = dir.join(folder);
            let content = load::load_with(&site, None, &mut Diagnostics::new());
            let own = secrets(model);
            let places = trace(&site, &content, model, &Needles::new(&own), local);
            for (i, places) in places {
                traced.insert((*f, i));
                for p in places {
                    let message = says::in_field(&p.noun, &p.field, &own[i]);
                    diags.error(&folder.join(&p.file), p.pos, message);
                }
            }
        }
        for h in hits.iter().filter(|h| !traced.contains(&owner[h.secret])) {
            let (f, _) = owner[h.secret];
            let mut s = all[h.secret].clone();
            s.file = facilities[f].0.join(&s.file);
            diags.error(
                &public.join(&h.file),
                h.pos,
                says::in_output(&s, h.in_name, &[]),
            );
        }
        hits.is_empty() && failed.is_empty()
    }
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
