//! The leak audit of a national portal: every identity value of every
//! facility's internal data, searched for in every file of the portal, and
//! each one found traced to the public field of its facility that shows it,
//! as a facility's own build does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::needles::Needles;
use super::says;
use super::scan::{Blob, scan_files};
use super::secrets;
use super::trace::trace;
use crate::diag::{Diagnostics, Pos};
use crate::load;
use crate::model::Model;
use crate::render::File;

/// Scans the portal's `files`, and its photos (`copies`: published path,
/// file in a facility's photo cache), for the identity values of each facility's
/// model (`(its folder as portal.yaml names it, model)`, the folder relative
/// to the portal's `dir`). Each value found is reported at the facility's
/// content file and field that show it (a story's title, say), or, when no
/// public field does, at the portal file. Returns false when one was found.
pub fn check_portal(
    dir: &Path,
    facilities: &[(&Path, &Model)],
    files: &[File],
    copies: &[(String, PathBuf)],
    diags: &mut Diagnostics,
) -> bool {
    // One scan for all: each secret remembers its facility and its index
    // among that facility's own secrets.
    let mut all = Vec::new();
    let mut owner = Vec::new();
    for (f, (_, model)) in facilities.iter().enumerate() {
        for (i, s) in secrets(model).into_iter().enumerate() {
            all.push(s);
            owner.push((f, i));
        }
    }
    let needles = Needles::new(&all);
    let blobs: Vec<(&str, Blob)> = files
        .iter()
        .map(|f| (f.path.as_str(), Blob::Bytes(&f.bytes[..])))
        .chain(
            copies
                .iter()
                .map(|(p, from)| (p.as_str(), Blob::Disk(from))),
        )
        .collect();
    let (mut hits, failed, _) = scan_files(&needles, &blobs);
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
