//! Every stage but writing: load, model, photos, views, render and the
//! audit, for both sites or one, with what `rapor serve` lends to reuse.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::diag::{Diagnostics, Pos, Reported};
use crate::markdown::memo::Memo;
use crate::model::{Date, Model};
use crate::msg::msg;
use crate::photos::{self, Mode, PhotoMap, Request};
use crate::render::{self, File, Renderer};
use crate::view::{internal, public};
use crate::{audit, load, model, protect, theme};

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
    pub pages: &'a mut [render::PageCache; 2],
    /// Changes not yet written, checked with the rest (the editor's save).
    pub overlay: Option<&'a load::Overlay>,
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
        public, internal, ..
    } = build_sites(site, Mode::Build, sites, Some(reuse), diags)?;
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
    })
}

/// One audience's files: rendered pages, and photos copied from the cache.
#[derive(Default)]
pub(super) struct Rendered {
    pub(super) files: Vec<File>,
    pub(super) copies: Vec<(String, PathBuf)>,
    /// The pages, for the next rebuild of `serve`.
    pub(super) cache: render::PageCache,
    /// Pages actually rendered (not reused).
    pub(super) rendered: usize,
}

/// What every stage but writing produced.
pub(super) struct Built {
    pub(super) summary: Summary,
    pub(super) public: Rendered,
    pub(super) internal: Rendered,
    /// The locked page, when `internal.protect` is true.
    pub(super) shell: Option<protect::Shell>,
}

/// Every stage but writing: the summary and both sites' files.
pub(super) fn build_sites(
    site: &Path,
    mode: Mode,
    sites: Sites,
    mut reuse: Option<Reuse<'_>>,
    diags: &mut Diagnostics,
) -> Result<Built, Reported> {
    let mut clock = Clock::new();
    let previous = reuse.as_ref().and_then(|r| r.content.as_ref());
    let mut content = load::load_with(site, previous, diags);
    if let Some(o) = reuse.as_ref().and_then(|r| r.overlay) {
        content.apply(o, diags);
    }
    clock.lap("load");
    let model = model::build_with(&content, reuse.as_mut().map(|r| &mut *r.parse), diags);
    if let Some(r) = reuse.as_mut() {
        *r.content = Some(content); // the next load reads changed files only
    }
    // Within a plain build the public and the internal views render the
    // same Markdown, so it is remembered for the second of them.
    let own_md;
    let md = match &reuse {
        Some(r) => r.md,
        None => {
            own_md = Memo::on();
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
    let public = if sites.public() {
        let view = public::build(&model.public(), &photos, md);
        clock.lap("public views");
        let r = render_site(&view, &theme, &photos, view.media(), old_public, diags);
        clock.lap("public render");
        r
    } else {
        Ok(Rendered::default())
    };
    let mut shell = None;
    let internal = if sites.internal() {
        let view = internal::build(&model, &photos, as_of(&model), md);
        clock.lap("internal views");
        if !keep {
            md.clear(); // both views are built: free the remembered text
        }
        if model.site.protect {
            match protect::Shell::new(&theme, &view.views().site) {
                Ok(s) => shell = Some(s),
                Err((file, message)) => {
                    diags.error(&file, Pos::default(), message);
                }
            }
        }
        let r = render_site(&view, &theme, &photos, view.media(), old_internal, diags);
        clock.lap("internal render");
        r
    } else {
        Ok(Rendered::default())
    };
    if keep {
        md.sweep();
    }
    let (public, internal) = (public?, internal?);
    if let Some(r) = reuse {
        *r.pages = [public.cache.clone(), internal.cache.clone()];
    }
    // The last gate: no internal value may reach the public files, nor the
    // name of any file.
    let internal_paths: Vec<&str> = (internal.files.iter().map(|f| f.path.as_str()))
        .chain(internal.copies.iter().map(|(p, _)| p.as_str()))
        .collect();
    let clean = audit::check_build(
        site,
        &model,
        &public.files,
        &public.copies,
        &internal_paths,
        diags,
    );
    clock.lap("audit");
    if let Some(reported) = diags.reported() {
        return Err(reported);
    }
    if !clean {
        return Err(failed(diags, "audit"));
    }
    let summary = Summary {
        public_files: public.files.len() + public.copies.len(),
        internal_files: internal.files.len() + internal.copies.len(),
        photos: photos.len(),
        photos_decoded: work.decoded,
        drafts: model.trainings.iter().filter(|t| t.draft).count()
            + model.stories.iter().filter(|s| s.draft).count()
            + model.programmes.iter().filter(|p| p.draft).count(),
        ..Summary::default()
    };
    Ok(Built {
        summary,
        public,
        internal,
        shell,
    })
}

pub(super) fn render_site<A: render::Audience>(
    audience: &A,
    theme: &theme::Theme,
    photos: &PhotoMap,
    media: BTreeSet<String>,
    previous: Option<render::PageCache>,
    diags: &mut Diagnostics,
) -> Result<Rendered, Reported> {
    let report = |diags: &mut Diagnostics, errors: Vec<render::TemplateError>| {
        let mut reported = None;
        for e in errors {
            reported = Some(diags.error(&e.file, Pos::default(), e.message));
        }
        reported.unwrap_or_else(|| failed(diags, "render"))
    };
    // Only the photo files this audience's pages show are written.
    let cached: BTreeMap<&str, &PathBuf> = photos
        .values()
        .flat_map(|p| p.files.iter())
        .map(|(out, from)| (out.as_str(), from))
        .collect();
    // The site's sharing card, from the logo's largest rendition (only the
    // public site is shared).
    let card = (A::NAME == "public").then(|| {
        let logo = audience.views().site.logo.as_ref();
        let src = logo.and_then(|l| l.srcset.last()).map(|l| l.src.as_str());
        let bytes = crate::photos::card_for(src, |src| {
            cached.get(src).and_then(|from| std::fs::read(from).ok())
        });
        render::File {
            path: crate::assets::Hashed::Card.path(&bytes),
            bytes,
        }
    });
    let renderer = match Renderer::new::<A>(theme, audience.views()) {
        Ok(r) => match previous {
            Some(p) => r.with_previous(p),
            None => r,
        },
        Err(errors) => return Err(report(diags, errors)),
    };
    let renderer = match &card {
        Some(c) => renderer.with_card(c.path.clone()),
        None => renderer,
    };
    let (mut files, cache) = match render::render(&renderer, audience) {
        Ok(r) => r,
        Err(errors) => return Err(report(diags, errors)),
    };
    files.extend(card);
    let copies = media
        .into_iter()
        .filter_map(|m| {
            cached
                .get(m.as_str())
                .map(|from| (m.clone(), from.to_path_buf()))
        })
        .collect();
    Ok(Rendered {
        files,
        copies,
        cache,
        rendered: renderer.rendered(),
    })
}

/// Stage timings on stderr when `RAPOR_TIMINGS` is set: where a build spends
/// its time, without a profiler.
pub(super) struct Clock {
    pub(super) on: bool,
    pub(super) last: Instant,
}

impl Clock {
    pub(super) fn new() -> Self {
        Clock {
            on: std::env::var_os("RAPOR_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    pub(super) fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!(
                "timing: {stage:<16} {:8.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
            self.last = Instant::now();
        }
    }
}

/// Every photo the content names, public or not, each processed once. Covers
/// cleared for publication also get a social-card crop.
pub(super) fn photo_requests(model: &Model) -> Vec<Request> {
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
pub(super) fn as_of(model: &Model) -> Date {
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

/// The error of a stage that failed without saying why (a bug): the errors
/// already reported if there are any, else one that says which stage.
pub(super) fn failed(diags: &mut Diagnostics, stage: &str) -> Reported {
    match diags.reported() {
        Some(reported) => reported,
        None => diags.error(
            Path::new("."),
            Pos::default(),
            msg!("stage_failed", stage = stage),
        ),
    }
}
