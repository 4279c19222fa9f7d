//! The build pipeline, stage after stage:
//! load -> model -> photos -> views -> render -> output.
//! `check` runs the same stages and writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diag::{Diagnostics, Pos};
use crate::model::{Date, Model};
use crate::output::SiteFiles;
use crate::photos::{self, Mode, PhotoMap, Request};
use crate::render::{self, File, Renderer};
use crate::view::{internal, public};
use crate::{load, model, output, theme};

/// What a successful run produced.
#[derive(Debug, Default)]
pub struct Summary {
    pub public_files: usize,
    pub internal_files: usize,
    pub photos: usize,
    /// Photos decoded this run (the rest came from the cache).
    pub photos_decoded: usize,
    pub seconds: f64,
}

/// The result of a run: all diagnostics, and a summary when it succeeded.
pub struct Run {
    pub diags: Diagnostics,
    pub summary: Option<Summary>,
}

/// Builds the site at `site`; writes `output/` only when `write` is true and
/// nothing went wrong.
pub fn run(site: &Path, write: bool) -> Run {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let result = run_inner(site, write, &mut diags);
    let summary = result.map(|mut s| {
        s.seconds = started.elapsed().as_secs_f64();
        s
    });
    Run { diags, summary }
}

/// One audience's files: rendered pages, and photos copied from the cache.
struct Rendered {
    files: Vec<File>,
    copies: Vec<(String, PathBuf)>,
}

fn run_inner(site: &Path, write: bool, diags: &mut Diagnostics) -> Option<Summary> {
    let content = load::load(site, diags);
    let model = model::build(&content, diags)?;
    let theme = theme::load(site, &model.site.public.theme, diags);
    let mode = if write { Mode::Build } else { Mode::Check };
    let (photos, work) = photos::process(site, &photo_requests(&model), mode, diags);
    if diags.has_errors() {
        return None;
    }
    if model.site.protect {
        diags.warning(
            Path::new("content/site.yaml"),
            Pos::default(),
            "`internal.protect` is true, but this version of rapor cannot encrypt yet: output/internal is written as plain files; keep it off any public host",
        );
    }
    let public_site = public::build(&model.public(), &photos);
    let internal_site = internal::build(&model, &photos, as_of(&model));

    let public = render_site(&public_site, &theme, &photos, public_site.media(), diags);
    let internal = render_site(
        &internal_site,
        &theme,
        &photos,
        internal_site.media(),
        diags,
    );
    let (public, internal) = (public?, internal?);
    let summary = Summary {
        public_files: public.files.len() + public.copies.len(),
        internal_files: internal.files.len() + internal.copies.len(),
        photos: photos.len(),
        photos_decoded: work.decoded,
        seconds: 0.0,
    };
    if write {
        let sites = [
            SiteFiles {
                name: "public",
                files: public.files,
                copies: public.copies,
            },
            SiteFiles {
                name: "internal",
                files: internal.files,
                copies: internal.copies,
            },
        ];
        if let Err(e) = output::write(site, &sites) {
            diags.error(Path::new("output"), Pos::default(), e);
            return None;
        }
    }
    Some(summary)
}

fn render_site<A: render::Audience>(
    audience: &A,
    theme: &theme::Theme,
    photos: &PhotoMap,
    media: BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Option<Rendered> {
    let report = |diags: &mut Diagnostics, errors: Vec<render::TemplateError>| {
        for e in errors {
            diags.error(&e.file, Pos::default(), e.message);
        }
    };
    let renderer = match Renderer::new(theme, A::NAME, audience.views()) {
        Ok(r) => r,
        Err(errors) => {
            report(diags, errors);
            return None;
        }
    };
    let files = match render::render(&renderer, audience) {
        Ok(f) => f,
        Err(errors) => {
            report(diags, errors);
            return None;
        }
    };
    // Only the photo files this audience's pages show are written.
    let cached: BTreeMap<&str, &PathBuf> = photos
        .values()
        .flat_map(|p| p.files.iter())
        .map(|(out, from)| (out.as_str(), from))
        .collect();
    let copies = media
        .into_iter()
        .filter_map(|m| {
            cached
                .get(m.as_str())
                .map(|from| (m.clone(), from.to_path_buf()))
        })
        .collect();
    Some(Rendered { files, copies })
}

/// Every photo the content names, public or not, each processed once. Covers
/// cleared for publication also get a social-card crop.
fn photo_requests(model: &Model) -> Vec<Request> {
    let mut requests = BTreeMap::new();
    let mut add = |path: &String, card: bool| {
        let entry = requests.entry(path.clone()).or_insert(false);
        *entry |= card;
    };
    for t in &model.trainings {
        for p in t.public.photos.iter().chain(&t.internal.private_photos) {
            add(&p.path, false);
        }
    }
    for s in &model.stories {
        if let Some(p) = &s.public.cover {
            add(&p.path, !s.draft);
        }
        if let Some(p) = &s.internal.private_cover {
            add(&p.path, false);
        }
    }
    for p in &model.partners {
        if let Some(logo) = &p.public.logo {
            add(&logo.path, false);
        }
    }
    requests
        .into_iter()
        .map(|(path, card)| Request { path, card })
        .collect()
}

/// The date agreements are judged against: SOURCE_DATE_EPOCH when set (the
/// reproducible-builds convention), else the latest date in the content.
fn as_of(model: &Model) -> Date {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| {
            let days = jiff::Span::new().try_days(secs.div_euclid(86_400)).ok()?;
            Date::constant(1970, 1, 1).checked_add(days).ok()
        });
    from_env
        .or_else(|| internal::latest_content_date(model))
        .unwrap_or(Date::constant(2000, 1, 1))
}
