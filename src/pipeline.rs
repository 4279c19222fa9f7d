//! The build pipeline, stage after stage:
//! load -> model -> photos -> views -> render -> output.
//! `check` runs the same stages and writes nothing.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::diag::{Diagnostics, Pos};
use crate::model::{Date, Model};
use crate::output::SiteFiles;
use crate::photos::{self, PhotoMap};
use crate::render::{self, File, Renderer};
use crate::view::{internal, public};
use crate::{load, model, output, theme};

/// What a successful run produced.
#[derive(Debug, Default)]
pub struct Summary {
    pub public_files: usize,
    pub internal_files: usize,
    pub photos: usize,
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

fn run_inner(site: &Path, write: bool, diags: &mut Diagnostics) -> Option<Summary> {
    let content = load::load(site, diags);
    let model = model::build(&content, diags)?;
    let theme = theme::load(site, &model.site.public.theme, diags);
    let photos = photos::process(site, &photo_paths(&model), diags);
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

    let public_files = render_site(&public_site, &theme, &photos, public_site.media(), diags);
    let internal_files = render_site(
        &internal_site,
        &theme,
        &photos,
        internal_site.media(),
        diags,
    );
    let (public_files, internal_files) = (public_files?, internal_files?);
    let summary = Summary {
        public_files: public_files.len(),
        internal_files: internal_files.len(),
        photos: photos.len(),
        seconds: 0.0,
    };
    if write {
        let sites = [
            SiteFiles {
                name: "public",
                files: public_files,
            },
            SiteFiles {
                name: "internal",
                files: internal_files,
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
    media: std::collections::BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Option<Vec<File>> {
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
    let mut files = match render::render(&renderer, audience) {
        Ok(f) => f,
        Err(errors) => {
            report(diags, errors);
            return None;
        }
    };
    // Only the photos this audience's pages show are written.
    let by_file: std::collections::BTreeMap<&str, &Arc<Vec<u8>>> = photos
        .values()
        .map(|p| (p.file.as_str(), &p.bytes))
        .collect();
    for m in media {
        if let Some(bytes) = by_file.get(m.as_str()) {
            files.push(File {
                path: m,
                bytes: bytes.to_vec(),
            });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Some(files)
}

/// Every photo the content names, public or not (each processed once).
fn photo_paths(model: &Model) -> Vec<String> {
    let mut paths = std::collections::BTreeSet::new();
    for t in &model.trainings {
        paths.extend(
            t.public
                .photos
                .iter()
                .chain(&t.internal.private_photos)
                .map(|p| p.path.clone()),
        );
    }
    for s in &model.stories {
        paths.extend(
            s.public
                .cover
                .iter()
                .chain(&s.internal.private_cover)
                .map(|p| p.path.clone()),
        );
    }
    for p in &model.partners {
        paths.extend(p.public.logo.iter().map(|l| l.path.clone()));
    }
    paths.into_iter().collect()
}

/// The date agreements are judged against: SOURCE_DATE_EPOCH when set (the
/// reproducible-builds convention), else the latest date in the content.
fn as_of(model: &Model) -> Date {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| {
            Date::constant(1970, 1, 1)
                .checked_add(jiff::Span::new().try_days(secs.div_euclid(86_400)).ok()?)
                .ok()
        });
    from_env
        .or_else(|| internal::latest_content_date(model))
        .unwrap_or(Date::constant(2000, 1, 1))
}
