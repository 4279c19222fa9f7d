//! Every stage but the swap: load, model, photos, views, then render with
//! the audit and the sealing on the way to the build folder (or memory),
//! for both sites or one, with what `rapor serve` lends to reuse.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostics, Pos, Reported};
use crate::markdown::memo::Memo;
use crate::model::{Date, Model};
use crate::photos::{self, Mode, PhotoMap, Request};
use crate::render::{self, File, Renderer};
use crate::view::{self, internal, public};
use crate::{audit, load, model, output, protect, theme};

use super::internal_site::{PendingKeys, Plan, internal_plan, stamp_tag};
use super::keep::{Internal, Keep, Public, Sink};
use super::stage::{Clock, failed};

/// What a successful run produced.
#[derive(Debug, Default)]
pub struct Summary {
    pub public_files: usize,
    pub internal_files: usize,
    pub photos: usize,
    /// Photos decoded this run (the rest came from the cache).
    pub photos_decoded: usize,
    pub seconds: f64,
    /// Whether `output/internal` was written, and whether sealed.
    pub internal_written: bool,
    pub internal_sealed: bool,
    /// Nothing changed since the last build, whose output was left as it is.
    pub unchanged: bool,
    /// Records marked `draft: true`: on the internal site only.
    pub drafts: usize,
    /// Public files the leak audit read (when serving, the rest were let
    /// through unchanged since the last rebuild).
    pub audited: usize,
}

/// Which sites a build makes: both, or (a server shows one of them) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sites {
    Both,
    Public,
    Internal,
}

impl Sites {
    fn public(self) -> bool {
        self != Sites::Internal
    }
    fn internal(self) -> bool {
        self != Sites::Public
    }
}

/// What a rebuild of `rapor serve` may reuse from the build before, and
/// keeps for the next: the loaded content, the parsed records, the rendered
/// Markdown and the rendered pages. `serve::Incremental` owns them and lends
/// them to each build.
pub struct Reuse<'a> {
    pub content: &'a mut Option<load::Content>,
    pub parse: &'a mut model::ParseMemo,
    pub md: &'a Memo,
    /// Each search document's stems.
    pub stems: &'a view::search::Memo,
    pub pages: &'a mut [render::PageCache; 2],
    /// The public files the last audit let through.
    pub cleared: &'a mut audit::Cleared,
    /// Changes not yet written, checked with the rest (the editor's save).
    pub overlay: Option<&'a load::Overlay>,
    /// The record files the watcher saw rewritten, and nothing else changed
    /// (paths relative to the site folder): the load reads those alone.
    pub rewritten: Option<&'a [PathBuf]>,
}

/// A site held in memory, for `rapor serve`: path -> bytes, or a photo in the cache.
pub type Memory = BTreeMap<String, Body>;

#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
}

/// The sites a build made in memory, for `rapor serve`.
pub struct InMemory {
    pub public: Memory,
    pub internal: Memory,
    /// Pages rendered (the rest were reused).
    pub rendered: usize,
    /// Public files the leak audit read (the rest it let through before).
    pub audited: usize,
}

/// Builds `sites` into memory (a site not built is empty), reusing what
/// `reuse` remembers and remembering what helps the next rebuild.
pub fn build_memory(
    site: &Path,
    sites: Sites,
    reuse: Reuse<'_>,
    diags: &mut Diagnostics,
) -> Result<InMemory, Reported> {
    let Built {
        public,
        internal,
        summary,
        ..
    } = build_sites(site, Mode::Build, sites, Some(reuse), To::Memory, diags)?;
    let rendered = public.rendered + internal.rendered;
    let memory = |r: Rendered| -> Memory {
        let pages = r.files.into_iter().map(|f| (f.path, Body::Bytes(f.bytes)));
        let photos = r
            .copies
            .into_iter()
            .map(|(path, from)| (path, Body::File(from)));
        pages.chain(photos).collect()
    };
    Ok(InMemory {
        public: memory(public),
        internal: memory(internal),
        rendered,
        audited: summary.audited,
    })
}

/// One audience's site as built. Its files are written as they are made;
/// only a build into memory keeps them here.
#[derive(Default)]
pub(super) struct Rendered {
    /// Kept in memory (`rapor serve`): rendered pages, and photos in the cache.
    pub(super) files: Vec<File>,
    pub(super) copies: Vec<(String, PathBuf)>,
    /// The path of every file the site has, photos included, as rendered
    /// (before any sealing).
    pub(super) paths: Vec<String>,
    /// The pages, for the next rebuild of `serve`.
    pub(super) cache: render::PageCache,
    /// Pages actually rendered (not reused).
    pub(super) rendered: usize,
}

/// Where a build puts its sites.
pub(super) enum To<'s, 'g> {
    /// Memory, both sites plain: `rapor serve`.
    Memory,
    /// The build folder of `rapor build`, or nowhere (`None`: `rapor
    /// check`); the internal site sealed with these keys when it must be.
    Disk(Option<&'s mut output::Stage<'g>>, &'s mut PendingKeys),
}

/// What became of the internal site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InternalOut {
    Plain,
    /// Sealed; with the key's tag for the build stamp.
    Sealed(String),
    /// Not written (protected without a passphrase, or only checking).
    Skip,
}

/// What every stage produced.
pub(super) struct Built {
    pub(super) summary: Summary,
    pub(super) public: Rendered,
    pub(super) internal: Rendered,
    pub(super) internal_out: InternalOut,
}

/// Every stage but the swap: the summary, and both sites' files put where
/// `to` says as they are rendered.
pub(super) fn build_sites(
    site: &Path,
    mode: Mode,
    sites: Sites,
    mut reuse: Option<Reuse<'_>>,
    to: To<'_, '_>,
    diags: &mut Diagnostics,
) -> Result<Built, Reported> {
    let mut clock = Clock::new();
    let previous = reuse.as_mut().and_then(|r| r.content.take());
    let rewritten = reuse.as_ref().and_then(|r| r.rewritten);
    let mut content = match (previous, rewritten) {
        (Some(previous), Some(rewritten)) => previous
            .reread(site, rewritten)
            .unwrap_or_else(|previous| load::load_with(site, Some(&previous), diags)),
        (previous, _) => load::load_with(site, previous.as_ref(), diags),
    };
    if let Some(o) = reuse.as_ref().and_then(|r| r.overlay) {
        content.apply(o, diags);
    }
    clock.lap("load");
    let model = model::build_with(&content, reuse.as_mut().map(|r| &mut *r.parse), diags);
    match reuse.as_mut() {
        Some(r) => *r.content = Some(content), // the next load reads changed files only
        None => drop(content),                 // the model holds what the rest needs
    }
    // Within a plain build the public and the internal views render the
    // same Markdown, so it is remembered for the second of them.
    let own_md;
    let md = match &reuse {
        Some(r) => r.md,
        None => {
            own_md = Memo::within_build();
            &own_md
        }
    };
    let model = model?;
    clock.lap("model");
    let theme = theme::load(site, &model.site.public.theme, diags);
    let (photos, work) = photos::process(site, &photo_requests(&model), mode, diags);
    clock.lap("photos");
    if let Some(reported) = diags.reported() {
        return Err(reported);
    }
    // Pages of the previous rebuild, when serving.
    let [old_public, old_internal] = match reuse.as_mut() {
        Some(r) => std::mem::take(r.pages).map(Some),
        None => [None, None],
    };
    let keep = reuse.is_some();
    let (mut stage, keys) = match to {
        To::Memory => (None, None),
        To::Disk(stage, keys) => (stage, Some(keys)),
    };
    let (memory, writing) = (keys.is_none(), stage.is_some());
    let mut sink = |name: &'static str, diags: &mut Diagnostics| -> Result<Sink, Reported> {
        match stage.as_mut() {
            _ if memory => Ok(Sink::memory()),
            Some(s) => s
                .site(name)
                .map(Sink::Dir)
                .map_err(|e| diags.error(Path::new("output"), Pos::default(), e)),
            None => Ok(Sink::Nowhere),
        }
    };
    // The leak audit reads every public file as it is made, and lets only
    // a clean one be written (when serving, a file it let through last
    // time, unchanged and searched for the same values, is not read again).
    let mut gate = match reuse.as_mut() {
        Some(r) => audit::Gate::remembering(&model, std::mem::take(r.cleared)),
        None => audit::Gate::new(&model),
    };
    let public = if sites.public() {
        let off = view::search::Memo::default();
        let stems = reuse.as_ref().map_or(&off, |r| r.stems);
        let view = public::build(&model.public(), &photos, md, stems);
        clock.lap("public views");
        let sink = sink("public", diags)?;
        let keep = Public {
            gate: &gate,
            sink: &sink,
        };
        let r = site_renderer(&view, &theme, &photos, old_public, diags)
            .and_then(|r| render_site(&r, &view, &photos, view.media(), &keep, diags));
        clock.lap("public render");
        r.map(|r| r.holding(sink))
    } else {
        Ok(Rendered::default())
    };
    let mut internal_out = InternalOut::Plain;
    let internal = if sites.internal() {
        let view = internal::build(&model, &photos, as_of(&model), md);
        clock.lap("internal views");
        if !keep {
            md.clear(); // both views are built: free the remembered text
        }
        let mut shell = None;
        if model.site.protect {
            match protect::Shell::new(&theme, &view.views().site) {
                Ok(s) => shell = Some(s),
                Err((file, message)) => {
                    diags.error(&file, Pos::default(), message);
                }
            }
        }
        // A refused passphrase is reported and the internal site is not
        // made; the public site is still audited, so that the run reports
        // every problem together.
        let plan = match keys {
            Some(keys) => {
                internal_plan(site, writing, shell.as_ref(), keys, diags).unwrap_or(Plan::Skip)
            }
            None => Plan::Plain,
        };
        let (sink, sealing) = match plan {
            Plan::Plain => (sink("internal", diags)?, None),
            Plan::Sealed(k) => (sink("internal", diags)?, Some(k)),
            Plan::Skip => (Sink::Nowhere, None),
        };
        internal_out = match (&plan, sealing) {
            (Plan::Skip, _) => InternalOut::Skip,
            (_, Some(k)) => InternalOut::Sealed(stamp_tag(k)),
            _ => InternalOut::Plain,
        };
        let r = site_renderer(&view, &theme, &photos, old_internal, diags).and_then(|r| {
            let sealer = sealing.zip(shell.as_ref()).map(|(keys, shell)| {
                let icon = r
                    .has_asset(protect::seal::ICON)
                    .then(|| protect::seal::ICON.to_string());
                protect::seal::Sealer::new(keys, shell, r.css_path().to_string(), icon)
            });
            let keep = Internal {
                sealer,
                sink: &sink,
            };
            let rendered = render_site(&r, &view, &photos, view.media(), &keep, diags)?;
            keep.finish()
                .map_err(|e| diags.error(Path::new("output/internal"), Pos::default(), e))?;
            Ok(rendered)
        });
        clock.lap("internal render");
        r.map(|r| r.holding(sink))
    } else {
        Ok(Rendered::default())
    };
    if let Some(r) = &reuse {
        md.sweep();
        r.stems.sweep();
    }
    let (public, internal) = (public?, internal?);
    if let Some(r) = reuse {
        *r.pages = [public.cache.clone(), internal.cache.clone()];
        *r.cleared = gate.remembered();
    }
    // The last gate: no internal value may reach the public files, nor the
    // name of any file.
    let internal_paths: Vec<&str> = internal.paths.iter().map(String::as_str).collect();
    let audited = gate.files_read();
    let clean = gate.finish(site, &model, &internal_paths, diags);
    clock.lap("audit");
    if let Some(reported) = diags.reported() {
        return Err(reported);
    }
    if !clean {
        return Err(failed(diags, "audit"));
    }
    let summary = Summary {
        public_files: public.paths.len(),
        internal_files: internal.paths.len(),
        photos: photos.len(),
        photos_decoded: work.decoded,
        drafts: model.trainings.iter().filter(|t| t.draft).count()
            + model.stories.iter().filter(|s| s.draft).count()
            + model.programmes.iter().filter(|p| p.draft).count(),
        audited,
        ..Summary::default()
    };
    Ok(Built {
        summary,
        public,
        internal,
        internal_out,
    })
}

impl Rendered {
    /// With what a memory sink holds.
    fn holding(mut self, sink: Sink) -> Rendered {
        (self.files, self.copies) = sink.into_memory();
        self
    }
}

/// The renderer of one audience's site, with the site's sharing card (the
/// public site's only).
pub(super) fn site_renderer<A: render::Audience>(
    audience: &A,
    theme: &theme::Theme,
    photos: &PhotoMap,
    previous: Option<render::PageCache>,
    diags: &mut Diagnostics,
) -> Result<Renderer, Reported> {
    // The site's sharing card, from the logo's largest rendition (only the
    // public site is shared).
    let card = (A::NAME == "public").then(|| {
        let logo = audience.views().site.logo.as_ref();
        let src = logo.and_then(|l| l.srcset.last()).map(|l| l.src.as_str());
        crate::photos::card_for(src, |src| {
            photo_files(photos)
                .get(src)
                .and_then(|from| std::fs::read(from).ok())
        })
    });
    let renderer = match Renderer::new::<A>(theme, audience.views()) {
        Ok(r) => match previous {
            Some(p) => r.with_previous(p),
            None => r,
        },
        Err(errors) => return Err(report(diags, errors)),
    };
    Ok(match card {
        Some(bytes) => renderer.with_card(bytes),
        None => renderer,
    })
}

/// Every processed photo file: output path -> its file in the cache.
fn photo_files(photos: &PhotoMap) -> BTreeMap<&str, &PathBuf> {
    photos
        .values()
        .flat_map(|p| p.files.iter())
        .map(|(out, from)| (out.as_str(), from))
        .collect()
}

fn report(diags: &mut Diagnostics, errors: Vec<render::TemplateError>) -> Reported {
    let mut reported = None;
    for e in errors {
        reported = Some(diags.error(&e.file, Pos::default(), e.message));
    }
    reported.unwrap_or_else(|| failed(diags, "render"))
}

/// Renders one audience's site into `keep`, file by file, with the photos
/// its pages show (`media`, from the cache).
pub(super) fn render_site<A: render::Audience>(
    renderer: &Renderer,
    audience: &A,
    photos: &PhotoMap,
    media: BTreeSet<String>,
    keep: &dyn Keep,
    diags: &mut Diagnostics,
) -> Result<Rendered, Reported> {
    let (mut paths, cache) = match render::render_to(renderer, audience, &|f| keep.file(f)) {
        Ok(r) => r,
        Err(errors) => return Err(report(diags, errors)),
    };
    if let Some(card) = renderer.card_file() {
        paths.push(card.path.clone());
        keep.file(card)
            .map_err(|e| diags.error(Path::new("output"), Pos::default(), e))?;
    }
    // Only the photo files this audience's pages show are published.
    let cached = photo_files(photos);
    let media: Vec<(String, &PathBuf)> = media
        .into_iter()
        .filter_map(|m| cached.get(m.as_str()).map(|from| (m, *from)))
        .collect();
    media
        .par_iter()
        .try_for_each(|(path, from)| keep.copy(path, from))
        .map_err(|e| diags.error(Path::new("output"), Pos::default(), e))?;
    paths.extend(media.into_iter().map(|(path, _)| path));
    Ok(Rendered {
        paths,
        cache,
        rendered: renderer.rendered(),
        ..Rendered::default()
    })
}

/// Every photo the content names, public or not, each processed once. Covers
/// cleared for publication also get a social-card crop.
pub(crate) fn photo_requests(model: &Model) -> Vec<Request> {
    let mut requests: BTreeMap<String, Request> = BTreeMap::new();
    let mut add = |p: &crate::model::Photo, card: bool| {
        let r = requests.entry(p.path.clone()).or_insert_with(|| Request {
            path: p.path.clone(),
            card: false,
            public: None,
            private: None,
        });
        r.card |= card;
        let use_ = if p.public {
            &mut r.public
        } else {
            &mut r.private
        };
        use_.get_or_insert_with(|| p.named_at.clone());
    };
    for t in &model.trainings {
        for p in t.public.photos.iter().chain(&t.internal.private_photos) {
            add(p, false);
        }
    }
    for s in &model.stories {
        if let Some(p) = &s.public.cover {
            add(p, !s.draft);
        }
        if let Some(p) = &s.internal.private_cover {
            add(p, false);
        }
    }
    for p in &model.partners {
        if let Some(logo) = &p.public.logo {
            add(logo, false);
        }
    }
    let site = &model.site.public;
    for p in site.facility.logo.iter().chain(&site.hero) {
        add(p, false);
    }
    requests.into_values().collect()
}

/// The date agreements are judged against: SOURCE_DATE_EPOCH when set (the
/// reproducible-builds convention), else the latest date in the content.
pub(crate) fn as_of(model: &Model) -> Date {
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
