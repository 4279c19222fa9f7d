//! Render stage: views -> files (bytes), with one Tera instance per audience.
//!
//! [`Audience`] decides what a page may carry beyond the shared views: the
//! public audience answers `()` everywhere, so no public page context has a
//! place to hold internal data. Pure: returns files, writes nothing.

mod article;
mod audience;
mod data_page;
mod feeds;
mod file;
mod fingerprint;
mod pages;
mod renderer;

use rayon::prelude::*;

pub use self::audience::Audience;
pub use self::feeds::{FEED_ENTRIES, FeedEntry, FeedHead, atom_feed, robots_public, sitemap};
pub use self::file::File;
use self::pages::{Cx, Job, KINDS};
use self::renderer::Social;
pub use self::renderer::{PageCache, Renderer, TemplateError};

/// Renders every file of one audience's site, with the cache of pages for the
/// next build (empty unless the renderer was given a previous one).
pub fn render<A: Audience>(
    r: &Renderer,
    a: &A,
) -> Result<(Vec<File>, PageCache), Vec<TemplateError>> {
    let v = a.views();
    let base = v.site.base_url.as_str();
    let description = v.site.description.clone().unwrap_or_default();
    let social = Social {
        base,
        // The card of the newest story that has one, else the site's own.
        image: v
            .stories
            .iter()
            .find_map(|s| s.card.card.as_ref())
            .map(|c| c.src.as_str())
            .or(r.card.as_deref())
            .map(|src| format!("{base}{src}")),
        json_ld: None,
        kind: "website",
    };
    let cx = Cx {
        r,
        a,
        v,
        description: &description,
        social: &social,
    };
    let mut jobs: Vec<Job> = Vec::new();
    for kind in KINDS {
        kind.jobs(cx, &mut jobs);
    }

    let results: Vec<_> = jobs.par_iter().map(|job| job()).collect();
    let mut files = Vec::with_capacity(results.len() + 4);
    let mut cache = PageCache::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((f, fingerprint)) => {
                if let Some(fp) = fingerprint {
                    cache.insert(f.path.clone(), (fp, f.bytes.clone()));
                }
                files.push(f);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    files.push(File::new("data/stats.json", a.stats_json().into_bytes()));
    if let (Some(index), Some(script)) = (a.search(), &r.search_js) {
        files.extend(index.files.iter().map(|(path, bytes)| File {
            path: path.clone(),
            bytes: bytes.clone(),
        }));
        files.push(script.clone());
    }
    files.push(r.css.clone());
    files.extend(r.lightbox_js.iter().cloned());
    files.extend(r.assets.iter().cloned());
    for (path, bytes) in &v.exports {
        files.push(File::new(path.clone(), bytes.clone()));
    }
    let discovery = A::discovery(v, &files);
    files.extend(discovery);
    files.push(File::new("robots.txt", A::robots(base).into_bytes()));
    Ok((files, cache))
}
