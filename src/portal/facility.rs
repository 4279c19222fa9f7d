//! Reading the facilities of a portal: each one's content with the same
//! loader and checks as `rapor build`, and its photos with the same photo
//! stage (into the facility's own photo cache), its problems named by the
//! facility's own files (under the path `portal.yaml` gives it).

use rayon::prelude::*;

use super::config::{Entry, FILE, Portal};
use crate::diag::{Diagnostics, Pos, Severity};
use crate::load;
use crate::model::{self, Model};
use crate::msg::msg;
use crate::photos::{self, Mode, PhotoMap};
use crate::pipeline::photo_requests;
use crate::stats::{self, Stats};
use std::path::Path;

/// A facility that passed every check: its model and its own figures,
/// those of its `output/public/data/stats.json`, and its photos as its own
/// build processes them (every photo it names, public or not: only the
/// views decide which are shown).
pub struct Loaded {
    pub entry: Entry,
    pub model: Model,
    pub stats: Stats,
    pub photos: PhotoMap,
}

/// Every facility of `portal`, in its order: loaded, or `Err` with its
/// entry when its content has problems (reported in `diags`, each at the
/// facility's file and line).
pub fn load_all(
    dir: &Path,
    portal: &Portal,
    diags: &mut Diagnostics,
) -> Vec<Result<Loaded, Entry>> {
    let results: Vec<(Result<Loaded, Entry>, Diagnostics)> = portal
        .facilities
        .par_iter()
        .map(|entry| {
            let mut own = Diagnostics::new();
            let loaded = load_one(dir, entry, &mut own);
            (loaded.ok_or_else(|| entry.clone()), own)
        })
        .collect();
    results
        .into_iter()
        .map(|(r, own)| {
            diags.extend(own);
            r
        })
        .collect()
}

fn load_one(dir: &Path, entry: &Entry, diags: &mut Diagnostics) -> Option<Loaded> {
    let site = dir.join(&entry.path);
    let mut own = Diagnostics::new();
    let content = load::load_with(&site, None, &mut own);
    let model = model::build_with(&content, None, &mut own);
    drop(content);
    // The same requests as the facility's own build, so that its cache
    // keeps what that build needs, and the same consent checks on the files.
    let photos = match &model {
        Ok(m) if !own.has_errors() => {
            let requests = photo_requests(m);
            if requests.is_empty() {
                PhotoMap::new()
            } else {
                photos::process(&site, &requests, Mode::Build, &mut own).0
            }
        }
        _ => PhotoMap::new(),
    };
    // The facility's messages name its files as seen from the portal.
    for d in own.sorted() {
        let file = entry.path.join(&d.file);
        let pos = Pos::new(d.line, d.col);
        match d.severity {
            Severity::Error => {
                diags.error(&file, pos, d.message);
            }
            Severity::Warning => diags.warning(&file, pos, d.message),
        }
    }
    let model = model.ok()?;
    if own.has_errors() {
        return None;
    }
    let region = model.site.public.facility.region.as_deref().unwrap_or("");
    if region != entry.region {
        diags.error(
            Path::new(FILE),
            entry.pos,
            msg!(
                "portal_region",
                id = entry.id,
                region = entry.region,
                site = region,
                file = entry.path.join("content/site.yaml").display()
            ),
        );
        return None;
    }
    // The same definition code as the facility's own `stats.json`.
    let stats = stats::compute(&model.public());
    Some(Loaded {
        entry: entry.clone(),
        model,
        stats,
        photos,
    })
}
