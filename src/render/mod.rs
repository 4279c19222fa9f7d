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

use crate::msg::Message;

pub use self::audience::Audience;
pub use self::feeds::{FEED_ENTRIES, FeedEntry, FeedHead, atom_feed, robots_public, sitemap};
pub use self::file::File;
use self::pages::{Cx, Job, KINDS};
use self::renderer::Social;
pub use self::renderer::{PageCache, Renderer, TemplateError};

/// Where rendered files go, one at a time, from any thread: written,
/// sealed, audited or kept. An error stops the files that follow.
pub type Put<'a> = dyn Fn(File) -> Result<(), Message> + Sync + 'a;

/// Renders every file of one audience's site into `put` as soon as it is
/// made, so that a build never holds every page: the paths of the files
/// put, in order, and the cache of pages for the next build.
pub fn render_to<A: Audience>(
    r: &Renderer,
    a: &A,
    put: &Put<'_>,
) -> Result<(Vec<String>, PageCache), Vec<TemplateError>> {
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
    let put_err = |message: Message| TemplateError {
        file: std::path::PathBuf::from(format!("output/{}", A::NAME)),
        message,
    };
    let results: Vec<_> = jobs
        .par_iter()
        .map(|job| {
            let (f, fingerprint) = job()?;
            let path = f.path.clone();
            let cached = fingerprint.map(|fp| (fp, f.bytes.clone()));
            put(f).map_err(put_err)?;
            Ok((path, cached))
        })
        .collect();
    let mut paths = Vec::with_capacity(results.len() + 4);
    let mut cache = PageCache::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((path, cached)) => {
                if let Some(entry) = cached {
                    cache.insert(path.clone(), entry);
                }
                paths.push(path);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rest = vec![File::new("data/stats.json", a.stats_json().into_bytes())];
    if let (Some(index), Some(script)) = (a.search(), &r.search_js) {
        rest.extend(index.files.iter().map(|(path, bytes)| File {
            path: path.clone(),
            bytes: bytes.clone(),
        }));
        rest.push(script.clone());
    }
    rest.push(r.css.clone());
    rest.extend(r.lightbox_js.iter().cloned());
    rest.extend(r.assets.iter().cloned());
    for (path, bytes) in &v.exports {
        rest.push(File::new(path.clone(), bytes.clone()));
    }
    paths.extend(rest.iter().map(|f| f.path.clone()));
    let discovery = A::discovery(v, &paths);
    paths.extend(discovery.iter().map(|f| f.path.clone()));
    let robots = File::new("robots.txt", A::robots(base).into_bytes());
    paths.push(robots.path.clone());
    for f in rest.into_iter().chain(discovery).chain([robots]) {
        put(f).map_err(|e| vec![put_err(e)])?;
    }
    Ok((paths, cache))
}
