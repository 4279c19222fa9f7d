//! The build pipeline, stage after stage:
//! load -> model -> photos -> views -> render -> output.
//! `check` runs the same stages and writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::diag::{Diagnostics, Pos, Reported};
use crate::model::{Date, Model};
use crate::msg::msg;
use crate::output::SiteFiles;
use crate::photos::{self, Mode, PhotoMap, Request};
use crate::render::markdown::Memo;
use crate::render::{self, File, Renderer};
use crate::view::{internal, public};
use crate::{audit, load, model, output, protect, stamp, theme};

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
}

/// The result of a run: all diagnostics, and a summary when it succeeded.
pub struct Run {
    pub diags: Diagnostics,
    pub summary: Option<Summary>,
    /// The run failed in the middle of replacing the sites, and could not
    /// put the previous ones back: `output/` is incomplete until a build
    /// succeeds (which first puts them back).
    pub output_incomplete: bool,
}

/// Builds the site at `site`; writes `output/` only when `write` is true and
/// nothing went wrong. With `internal.protect`, the internal site is sealed
/// under the passphrase of `RAPOR_INTERNAL_PASSPHRASE`, or not written at all.
pub fn run(site: &Path, write: bool) -> Run {
    let started = Instant::now();
    // One build at a time writes `output/`, and first undoes what an
    // interrupted one left there; the lock is held until this build ends.
    let mut guard = None;
    if write {
        match output::Guard::take(site) {
            Ok(g) => guard = Some(g),
            Err(e) => {
                let mut diags = Diagnostics::new();
                diags.error(Path::new("output"), Pos::default(), e);
                return Run {
                    diags,
                    summary: None,
                    output_incomplete: output::interrupted(site),
                };
            }
        }
    }
    let mut files = None;
    let mut keys = if write {
        PendingKeys::start(site)
    } else {
        PendingKeys::none()
    };
    if write {
        // Before anything is read, so that an edit made during the build is
        // seen by the next one.
        let last = stamp::read(site);
        let ((inputs, output), tag) = rayon::join(
            || {
                rayon::join(
                    || stamp::inputs(site),
                    || last.as_ref().and_then(|_| stamp::output(site)),
                )
            },
            || last.as_ref().map(|l| key_tag(l, &mut keys)),
        );
        if let (Some(last), Some(inputs), Some(output), Some(tag)) = (last, inputs, output, tag)
            && with_tag(inputs, &tag) == last.inputs
            && output == last.output
        {
            return reuse(last, started);
        }
        stamp::remove(site);
        files = inputs;
    }
    let mut diags = Diagnostics::new();
    let mode = if write { Mode::Build } else { Mode::Check };
    let mut memos = Memos::off();
    let result = build_sites(site, mode, &mut memos, &mut diags).and_then(|built| {
        let Built {
            mut summary,
            public,
            internal,
            shell,
        } = built;
        let internal = internal_output(site, write, shell, internal, &mut keys, &mut diags)?;
        if let Some(guard) = guard.as_mut() {
            let mut sites = vec![SiteFiles {
                name: "public",
                files: public.files,
                copies: public.copies,
            }];
            let skip = matches!(internal, InternalOut::Skip);
            let mut tag = b"none".to_vec();
            summary.internal_files = match internal {
                InternalOut::Plain(r) => {
                    tag = b"plain".to_vec();
                    let n = r.files.len() + r.copies.len();
                    sites.push(SiteFiles {
                        name: "internal",
                        files: r.files,
                        copies: r.copies,
                    });
                    n
                }
                InternalOut::Sealed(files, key_tag) => {
                    tag = key_tag.into_bytes();
                    summary.internal_sealed = true;
                    let n = files.len();
                    sites.push(SiteFiles {
                        name: "internal",
                        files,
                        copies: Vec::new(),
                    });
                    n
                }
                InternalOut::Skip => 0,
            };
            // Without an internal site in the pair, the swap also removes an
            // earlier build's: no plain copy of it may linger.
            let mut clock = Clock::new();
            let written = output::write(guard, &sites);
            clock.lap("output");
            if let Err(e) = written {
                return Err(diags.error(Path::new("output"), Pos::default(), e));
            }
            summary.internal_written = !skip;
            if let (Some(files), Some(output)) = (files, stamp::output(site)) {
                stamp::write(
                    site,
                    &stamp::Stamp {
                        inputs: with_tag(files, &tag),
                        output,
                        public_files: summary.public_files,
                        internal_files: summary.internal_files,
                        photos: summary.photos,
                        internal_written: summary.internal_written,
                        internal_sealed: summary.internal_sealed,
                        warnings: diags.sorted(),
                    },
                );
            }
        }
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    });
    Run {
        output_incomplete: write && result.is_err() && output::interrupted(site),
        diags,
        summary: result.ok(),
    }
}

/// The last build's result, for nothing it read or wrote has changed since.
fn reuse(last: stamp::Stamp, started: Instant) -> Run {
    let mut diags = Diagnostics::new();
    for w in last.warnings {
        diags.warning(&w.file, Pos::new(w.line, w.col), w.message);
    }
    let summary = Summary {
        public_files: last.public_files,
        internal_files: last.internal_files,
        photos: last.photos,
        internal_written: last.internal_written,
        internal_sealed: last.internal_sealed,
        unchanged: true,
        seconds: started.elapsed().as_secs_f64(),
        ..Summary::default()
    };
    Run {
        diags,
        summary: Some(summary),
        output_incomplete: false,
    }
}

/// What stands for the passphrase in the build stamp. A plain internal site
/// does not depend on it; a protected one depends on whether there is one
/// and, if so, on its key: a MAC under it, which costs a key derivation to
/// compute, so the stamp tells no more about the passphrase than the sealed
/// pages do.
fn key_tag(last: &stamp::Stamp, keys: &mut PendingKeys) -> Vec<u8> {
    if last.internal_written && !last.internal_sealed {
        return b"plain".to_vec();
    }
    match keys.get() {
        Some(k) => stamp_tag(k).into_bytes(),
        None => b"none".to_vec(),
    }
}

/// The keys of `RAPOR_INTERNAL_PASSPHRASE`, derived on a thread of their own
/// from the start of a build: the derivation is slow on purpose (600,000
/// rounds), and the build has other work to do meanwhile.
struct PendingKeys {
    deriving: Option<std::thread::JoinHandle<protect::Keys>>,
    keys: Option<protect::Keys>,
}

impl PendingKeys {
    /// Starts deriving when there is a usable passphrase and salt.
    fn start(site: &Path) -> Self {
        let deriving = match protect::passphrase_from_env() {
            protect::Passphrase::Given(p) => protect::salt(site).ok().map(|(salt, _)| {
                std::thread::spawn(move || protect::Keys::derive(&p, salt, iterations()))
            }),
            _ => None,
        };
        PendingKeys {
            deriving,
            keys: None,
        }
    }

    fn none() -> Self {
        PendingKeys {
            deriving: None,
            keys: None,
        }
    }

    /// The keys, once derived (waits for them).
    fn get(&mut self) -> Option<&protect::Keys> {
        if let Some(thread) = self.deriving.take() {
            self.keys = thread.join().ok();
        }
        self.keys.as_ref()
    }
}

/// The passphrase's PBKDF2 rounds: [`protect::ITERATIONS`]. Only a debug
/// build, never a release, takes fewer from `RAPOR_TEST_ITERATIONS`, so
/// that tests running dozens of protected builds (tests/kill.rs) stay quick;
/// the count goes into the sealed pages, which open with it all the same.
fn iterations() -> u32 {
    #[cfg(debug_assertions)]
    if let Some(n) = std::env::var("RAPOR_TEST_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    protect::ITERATIONS
}

fn stamp_tag(keys: &protect::Keys) -> String {
    keys.sealed_name("rapor:build-stamp")
}

fn with_tag(files: stamp::Print, tag: &[u8]) -> stamp::Print {
    let mut h = blake3::Hasher::new();
    h.update(&files);
    h.update(tag);
    *h.finalize().as_bytes()
}

/// What becomes of the internal site.
enum InternalOut {
    /// `internal.protect: false`: written as rendered.
    Plain(Rendered),
    /// Sealed under the passphrase; with the key's tag for the build stamp.
    Sealed(Vec<File>, String),
    /// Protected, but there is no passphrase (or only checking).
    Skip,
}

/// Decides, from `internal.protect` and the environment, how the internal
/// site is written, and seals it when it must be.
fn internal_output(
    site: &Path,
    write: bool,
    shell: Option<protect::Shell>,
    internal: Rendered,
    keys: &mut PendingKeys,
    diags: &mut Diagnostics,
) -> Result<InternalOut, Reported> {
    let site_yaml = Path::new("content/site.yaml");
    let Some(shell) = shell else {
        diags.warning(site_yaml, Pos::default(), msg!("protect_plain"));
        return Ok(InternalOut::Plain(internal));
    };
    match protect::passphrase_from_env() {
        protect::Passphrase::Given(_) => {}
        protect::Passphrase::Missing => {
            let (var, how) = (protect::PASSPHRASE_VAR, protect::how_to_set());
            let message = if write {
                msg!("protect_no_passphrase_build", var = var, how = how)
            } else {
                msg!("protect_no_passphrase_check", var = var, how = how)
            };
            diags.warning(site_yaml, Pos::default(), message);
            return Ok(InternalOut::Skip);
        }
        protect::Passphrase::TooShort(n) => {
            return Err(diags.error(
                Path::new(protect::PASSPHRASE_VAR),
                Pos::default(),
                msg!(
                    "protect_too_short",
                    n = n,
                    min = protect::MIN_CHARS,
                    how = protect::how_to_set()
                ),
            ));
        }
        protect::Passphrase::Refused(message) => {
            return Err(diags.error(Path::new(protect::PASSPHRASE_VAR), Pos::default(), message));
        }
    };
    if !write {
        return Ok(InternalOut::Skip);
    }
    let mut clock = Clock::new();
    let Some(keys) = keys.get() else {
        // Only a salt that cannot be read or made stops the derivation.
        let cache = Path::new(crate::photos::CACHE_DIR);
        return Err(match protect::salt(site) {
            Err(e) => diags.error(cache, Pos::default(), e),
            Ok(_) => failed(diags, "key derivation"),
        });
    };
    clock.lap("key derivation (wait)");
    let sealed = protect::seal_site(keys, &shell, internal.files, internal.copies);
    clock.lap("sealing");
    match sealed {
        Ok(files) => Ok(InternalOut::Sealed(files, stamp_tag(keys))),
        Err(e) => Err(diags.error(Path::new("output/internal"), Pos::default(), e)),
    }
}

/// What `rapor serve` keeps between rebuilds so that an edit redoes only
/// what it touches: parsed records, rendered Markdown and rendered pages.
pub struct Memos {
    content: Option<load::Content>,
    parse: Option<model::ParseMemo>,
    md: Memo,
    pages: Option<[render::PageCache; 2]>,
    /// Pages rendered by the last build (the rest were reused).
    pub rendered: usize,
    /// `Some(true)`: build the internal site only; `Some(false)`: the public
    /// one only (a server shows one of them); `None`: both.
    pub only_internal: Option<bool>,
}

impl Memos {
    /// Nothing remembered between builds: a plain build. Within the build,
    /// the public and the internal views render the same Markdown, so it is
    /// remembered for the second of them.
    pub fn off() -> Self {
        Memos {
            content: None,
            parse: None,
            md: Memo::on(),
            pages: None,
            rendered: 0,
            only_internal: None,
        }
    }

    /// Everything remembered, for `rapor serve`.
    pub fn on() -> Self {
        Memos {
            content: None,
            parse: Some(model::ParseMemo::default()),
            md: Memo::on(),
            pages: Some(Default::default()),
            rendered: 0,
            only_internal: None,
        }
    }
}

/// A site held in memory, for `rapor serve`: path -> bytes, or a photo in the cache.
pub type Memory = BTreeMap<String, Body>;

#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
}

/// Builds both sites into memory, remembering what helps the next rebuild.
pub fn build_memory(
    site: &Path,
    memos: &mut Memos,
    diags: &mut Diagnostics,
) -> Result<(Memory, Memory), Reported> {
    let Built {
        public, internal, ..
    } = build_sites(site, Mode::Build, memos, diags)?;
    let memory = |r: Rendered| -> Memory {
        let pages = r.files.into_iter().map(|f| (f.path, Body::Bytes(f.bytes)));
        let photos = r
            .copies
            .into_iter()
            .map(|(path, from)| (path, Body::File(from)));
        pages.chain(photos).collect()
    };
    Ok((memory(public), memory(internal)))
}

/// One audience's files: rendered pages, and photos copied from the cache.
#[derive(Default)]
struct Rendered {
    files: Vec<File>,
    copies: Vec<(String, PathBuf)>,
    /// The pages, for the next rebuild of `serve`.
    cache: render::PageCache,
    /// Pages actually rendered (not reused).
    rendered: usize,
}

/// What every stage but writing produced.
struct Built {
    summary: Summary,
    public: Rendered,
    internal: Rendered,
    /// The locked page, when `internal.protect` is true.
    shell: Option<protect::Shell>,
}

/// Every stage but writing: the summary and both sites' files.
fn build_sites(
    site: &Path,
    mode: Mode,
    memos: &mut Memos,
    diags: &mut Diagnostics,
) -> Result<Built, Reported> {
    let mut clock = Clock::new();
    let content = load::load_with(site, memos.content.as_ref(), diags);
    clock.lap("load");
    let model = model::build_with(&content, memos.parse.as_mut(), diags);
    if memos.parse.is_some() {
        memos.content = Some(content); // the next load reads changed files only
    }
    let model = model?;
    clock.lap("model");
    let theme = theme::load(site, &model.site.public.theme, diags);
    let (photos, work) = photos::process(site, &photo_requests(&model), mode, diags);
    clock.lap("photos");
    if let Some(reported) = diags.reported() {
        return Err(reported);
    }
    // Pages of the previous rebuild, when serving.
    let [old_public, old_internal] = match memos.pages.take() {
        Some([a, b]) => [Some(a), Some(b)],
        None => [None, None],
    };
    let keep = old_public.is_some();
    let public = if memos.only_internal != Some(true) {
        let view = public::build(&model.public(), &photos, &memos.md);
        clock.lap("public views");
        let r = render_site(&view, &theme, &photos, view.media(), old_public, diags);
        clock.lap("public render");
        r
    } else {
        Ok(Rendered::default())
    };
    let mut shell = None;
    let internal = if memos.only_internal != Some(false) {
        let view = internal::build(&model, &photos, as_of(&model), &memos.md);
        clock.lap("internal views");
        if !keep {
            memos.md.clear(); // both views are built: free the remembered text
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
        memos.md.sweep();
    }
    let (public, internal) = (public?, internal?);
    memos.rendered = public.rendered + internal.rendered;
    if keep {
        memos.pages = Some([public.cache.clone(), internal.cache.clone()]);
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
        ..Summary::default()
    };
    Ok(Built {
        summary,
        public,
        internal,
        shell,
    })
}

fn render_site<A: render::Audience>(
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
            reported = Some(diags.error(&e.file, Pos::default(), msg!("plain", text = e.message)));
        }
        reported.unwrap_or_else(|| failed(diags, "render"))
    };
    let renderer = match Renderer::new(theme, A::NAME, audience.views()) {
        Ok(r) => match previous {
            Some(p) => r.with_previous(p),
            None => r,
        },
        Err(errors) => return Err(report(diags, errors)),
    };
    let (files, cache) = match render::render(&renderer, audience) {
        Ok(r) => r,
        Err(errors) => return Err(report(diags, errors)),
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
    Ok(Rendered {
        files,
        copies,
        cache,
        rendered: renderer.rendered(),
    })
}

/// The error of a stage that failed without reporting why (a bug): the
/// errors already reported if there are any, else one that says so.
fn failed(diags: &mut Diagnostics, stage: &str) -> Reported {
    match diags.reported() {
        Some(reported) => reported,
        None => diags.error(
            Path::new("."),
            Pos::default(),
            msg!("stage_failed", stage = stage),
        ),
    }
}

/// Stage timings on stderr when `RAPOR_TIMINGS` is set: where a build spends
/// its time, without a profiler.
struct Clock {
    on: bool,
    last: Instant,
}

impl Clock {
    fn new() -> Self {
        Clock {
            on: std::env::var_os("RAPOR_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
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
fn photo_requests(model: &Model) -> Vec<Request> {
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
    requests.into_values().collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(from: &Path, to: &Path) {
        for e in walkdir::WalkDir::new(from) {
            let e = e.unwrap();
            let dest = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
    }

    /// Pages whose bytes were made anew (not reused) between two builds.
    fn rerendered(before: &Memory, after: &Memory) -> Vec<String> {
        after
            .iter()
            .filter(|(path, body)| match (before.get(*path), body) {
                (Some(Body::Bytes(a)), Body::Bytes(b)) => !Arc::ptr_eq(a, b),
                _ => true,
            })
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, _)| path.clone())
            .collect()
    }

    #[test]
    fn an_edited_story_re_renders_only_the_pages_that_show_it() {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic/content");
        copy(&fixture, &dir.path().join("content"));
        let mut memos = Memos::on();
        memos.only_internal = Some(false);
        let mut diags = Diagnostics::new();
        let (first, _) = build_memory(dir.path(), &mut memos, &mut diags).unwrap();
        let pages = first.keys().filter(|p| p.ends_with(".html")).count();
        assert_eq!(memos.rendered, pages, "a first build renders every page");

        let (same, _) = build_memory(dir.path(), &mut memos, &mut diags).unwrap();
        assert_eq!(memos.rendered, 0, "nothing changed, nothing rendered");
        assert!(rerendered(&first, &same).is_empty());

        let story = dir.path().join("content/stories/berita.md");
        let text = std::fs::read_to_string(&story)
            .unwrap()
            .replace("Isi berita.", "Isi berita yang baru.");
        std::fs::write(&story, text).unwrap();
        let (after, _) = build_memory(dir.path(), &mut memos, &mut diags).unwrap();
        // The body shows on the story's page only; the search page names the
        // index, whose file name follows its content.
        assert_eq!(
            rerendered(&same, &after),
            ["search/index.html", "stories/berita/index.html"]
        );

        let text = std::fs::read_to_string(&story)
            .unwrap()
            .replace("title: Berita Uji", "title: Judul Baru");
        std::fs::write(&story, text).unwrap();
        let (titled, _) = build_memory(dir.path(), &mut memos, &mut diags).unwrap();
        // The title also shows in the lists and on the pages that link the story.
        assert_eq!(
            rerendered(&after, &titled),
            [
                "index.html",
                "partners/mitra-a/index.html",
                "search/index.html",
                "stories/berita/index.html",
                "stories/index.html",
                "trainings/las-1/index.html",
            ]
        );
        assert!(!diags.has_errors());
    }
}
