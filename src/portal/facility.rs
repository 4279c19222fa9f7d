//! Reading the facilities of a portal: each one's content with the same
//! loader and checks as `rapor build`, and its photos with the same photo
//! stage, its problems named by the facility's own files (under the path
//! `portal.yaml` gives it). A facility's folder is only read (it may be a
//! share mounted read-only): its photos are cached in the portal's folder,
//! one cache per facility ([`photo_cache`]).

use rayon::prelude::*;

use super::config::{Entry, FILE, Portal};
use crate::diag::{Diagnostics, Pos, Severity};
use crate::load;
use crate::model::{self, Model};
use crate::msg::msg;
use crate::photos::{self, Mode, PhotoMap};
use crate::pipeline::photo_requests;
use crate::stats::{self, Stats};
use std::path::{Path, PathBuf};

/// The folder, in the portal's, of the photo caches of its facilities.
const PHOTO_CACHES: &str = "portal-photos";

/// Where the portal keeps the photos of the facility `id`, relative to the
/// portal's folder: `.rapor-cache/portal-photos/<id>/`.
fn photo_cache(id: &str) -> PathBuf {
    Path::new(photos::CACHE_DIR).join(PHOTO_CACHES).join(id)
}

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
    prune_photo_caches(dir, portal, diags);
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
                let cache = photo_cache(&entry.id);
                let (photos, _, saved) =
                    photos::process_in(&site, &dir.join(&cache), &requests, Mode::Build, &mut own);
                if let Err(e) = saved {
                    // A slower next portal build, not a failed one.
                    let message = msg!("photo_cache_update", error = e);
                    diags.warning(&cache, Pos::default(), message);
                }
                photos
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

/// Removes the photo caches of facilities `portal.yaml` no longer lists:
/// the photos of a facility that left the portal do not stay in its folder.
fn prune_photo_caches(dir: &Path, portal: &Portal, diags: &mut Diagnostics) {
    let caches = dir.join(photos::CACHE_DIR).join(PHOTO_CACHES);
    let Ok(entries) = std::fs::read_dir(&caches) else {
        return; // none yet
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let listed = portal.facilities.iter().any(|f| *f.id == *name);
        if !listed && let Err(err) = std::fs::remove_dir_all(e.path()) {
            let shown = Path::new(photos::CACHE_DIR).join(PHOTO_CACHES).join(&name);
            diags.warning(
                &shown,
                Pos::default(),
                msg!("photo_cache_update", error = err),
            );
        }
    }
}
