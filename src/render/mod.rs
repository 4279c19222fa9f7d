//! Render stage: views -> files (bytes), with one Tera instance per audience.
//!
//! [`Audience`] decides what a page may carry beyond the shared views: the
//! public audience answers `()` everywhere, so no public page context has a
//! place to hold internal data. Pure: returns files, writes nothing.

pub mod charts;
mod feeds;
mod fingerprint;
pub mod markdown;

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::i18n;
use crate::msg::msg;
use crate::theme::Theme;
use crate::view::internal::{HomeExtra, InternalSite, NotesExtra, PartnerExtra, TrainingExtra};
use crate::view::public::PublicSite;
use crate::view::search::SearchIndex;
use crate::view::{
    ImpactView, PartnerCard, PartnerView, ProgrammeView, SiteViews, StoryCard, StoryView,
    TrainingCard, TrainingView,
};

/// One output file, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
}

/// A template problem, reported against the template file.
#[derive(Debug, Clone)]
pub struct TemplateError {
    pub file: PathBuf,
    pub message: String,
}

/// What one audience adds to each kind of page.
pub trait Audience: Sync {
    const NAME: &'static str;
    type Training<'a>: Serialize
    where
        Self: 'a;
    type Partner<'a>: Serialize
    where
        Self: 'a;
    type Notes<'a>: Serialize
    where
        Self: 'a;
    type Home<'a>: Serialize
    where
        Self: 'a;

    fn views(&self) -> &SiteViews;
    fn training(&self, id: &str) -> Self::Training<'_>;
    fn partner(&self, id: &str) -> Self::Partner<'_>;
    fn story(&self, id: &str) -> Self::Notes<'_>;
    fn programme(&self, id: &str) -> Self::Notes<'_>;
    fn home(&self) -> Self::Home<'_>;
    /// `data/stats.json` of this audience.
    fn stats_json(&self) -> String;
    /// The index of the search page, on a site that has one.
    fn search(&self) -> Option<&SearchIndex>;
}

impl Audience for PublicSite {
    const NAME: &'static str = "public";
    type Training<'a> = ();
    type Partner<'a> = ();
    type Notes<'a> = ();
    type Home<'a> = ();

    fn views(&self) -> &SiteViews {
        PublicSite::views(self)
    }
    fn training(&self, _: &str) {}
    fn partner(&self, _: &str) {}
    fn story(&self, _: &str) {}
    fn programme(&self, _: &str) {}
    fn home(&self) {}
    fn stats_json(&self) -> String {
        json(self.stats())
    }
    fn search(&self) -> Option<&SearchIndex> {
        Some(PublicSite::search(self))
    }
}

impl Audience for InternalSite {
    const NAME: &'static str = "internal";
    type Training<'a> = Option<&'a TrainingExtra>;
    type Partner<'a> = Option<&'a PartnerExtra>;
    type Notes<'a> = Option<&'a NotesExtra>;
    type Home<'a> = &'a HomeExtra;

    fn views(&self) -> &SiteViews {
        InternalSite::views(self)
    }
    fn training(&self, id: &str) -> Option<&TrainingExtra> {
        self.trainings.get(id)
    }
    fn partner(&self, id: &str) -> Option<&PartnerExtra> {
        self.partners.get(id)
    }
    fn story(&self, id: &str) -> Option<&NotesExtra> {
        self.stories.get(id)
    }
    fn programme(&self, id: &str) -> Option<&NotesExtra> {
        self.programmes.get(id)
    }
    fn home(&self) -> &HomeExtra {
        &self.home
    }
    fn stats_json(&self) -> String {
        json(self.stats())
    }
    // The internal site is sealed file by file; its pages have no search yet.
    fn search(&self) -> Option<&SearchIndex> {
        None
    }
}

fn json<T: Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The page-independent part of every page's context.
#[derive(Serialize)]
struct Meta<'a> {
    title: &'a str,
    description: &'a str,
    /// This page's URL relative to the site root ("" for the home page).
    path: &'a str,
    /// The absolute URL (from `base_url`).
    canonical: String,
    /// Which navigation item is current.
    section: &'static str,
    /// Absolute URL of the social-card image, if any.
    image: Option<&'a str>,
    /// `article` for stories, `website` otherwise (`og:type`).
    kind: &'static str,
    /// JSON-LD for the page, ready to embed in a script element.
    json_ld: Option<&'a str>,
}

/// What social cards need besides the page itself.
pub struct Social<'a> {
    base: &'a str,
    /// Absolute URL of the page's image: a story's cover card, or for other
    /// pages the card of the newest story that has one.
    image: Option<String>,
    json_ld: Option<String>,
    kind: &'static str,
}

#[derive(Serialize)]
struct Ctx<'a, D: Serialize, X: Serialize> {
    page: Meta<'a>,
    /// Relative prefix from this page to the site root: "./", "../", "../../".
    root: String,
    #[serde(flatten)]
    data: D,
    internal: X,
}

/// Stories on one page of the list of stories.
pub const STORIES_PER_PAGE: usize = 30;

/// Where a page of a paged list sits among the others; links are relative
/// to the site root, like every view URL.
#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// The page path of the `n`th page of the list of stories (1-based).
fn stories_page_path(n: usize) -> String {
    if n == 1 {
        "stories/".to_string()
    } else {
        format!("stories/page/{n}/")
    }
}

fn stories_page_url(n: usize) -> String {
    format!("{}index.html", stories_page_path(n))
}

#[derive(Serialize)]
struct HomeData<'a> {
    figures: &'a [crate::view::Figure],
    budget: &'a crate::view::BudgetView,
    stories: Vec<&'a StoryCard>,
    trainings: Vec<&'a TrainingCard>,
    programmes: Vec<ProgrammeCard<'a>>,
}

/// What a list shows of a programme. Lists get cards, never whole records,
/// so that editing a record's text re-renders that record's page only.
#[derive(Serialize)]
struct ProgrammeCard<'a> {
    url: &'a str,
    title: &'a str,
    kind: &'a Option<String>,
    period: &'a Option<String>,
    draft: bool,
}

#[derive(Serialize)]
struct CycleGroup<'a> {
    /// The cycle, or "" for the planned trainings of the public site, which
    /// show no cycle.
    cycle: &'a str,
    heading: String,
    trainings: Vec<&'a TrainingCard>,
}

/// Pages of the previous build of `rapor serve`: path -> (fingerprint of
/// everything the page was made from, its bytes).
pub type PageCache = HashMap<String, (blake3::Hash, Arc<Vec<u8>>)>;

/// A Tera instance with a theme's templates, for one audience.
pub struct Renderer {
    tera: Tera,
    audience: &'static str,
    css: File,
    /// The theme's files that every page may use (the favicon, a theme's
    /// own images and fonts).
    assets: Vec<File>,
    /// `assets/search-<hash>.js`, when the theme has `search.js`: written
    /// only beside a search page.
    search_js: Option<File>,
    /// Fingerprint of what every page shares: templates, stylesheet, site, labels.
    globals: blake3::Hash,
    /// When set, a page whose inputs did not change is taken from here.
    previous: Option<PageCache>,
    /// Pages actually rendered (not taken from `previous`).
    rendered: AtomicUsize,
}

impl Renderer {
    pub fn new(
        theme: &Theme,
        audience: &'static str,
        views: &SiteViews,
    ) -> Result<Self, Vec<TemplateError>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // All at once: templates include and extend each other.
        let sources = theme
            .templates
            .iter()
            .map(|(name, source, _)| (name.as_str(), source.as_str()));
        if let Err(e) = tera.add_raw_templates(sources) {
            let (name, message) = match syntax_error(&e) {
                Some((name, message)) => (Some(name), message),
                None => (None, error_chain(&e)),
            };
            // Name the template file when the message names a template.
            let file = theme
                .templates
                .iter()
                .find(|(n, _, _)| match &name {
                    Some(name) => n == name,
                    None => message.contains(&format!("--> {n}:")),
                })
                .map_or_else(|| PathBuf::from("themes"), |(_, _, f)| f.clone());
            return Err(vec![TemplateError { file, message }]);
        }
        let css_bytes = theme
            .static_files
            .iter()
            .find(|(n, _)| n == "style.css")
            .map(|(_, b)| b.clone())
            .unwrap_or_default();
        let css = File {
            path: hashed_name("style", "css", &css_bytes),
            bytes: Arc::new(css_bytes),
        };
        // Scripts that pages name carry a hash of their bytes too, so that a
        // cached old copy is never run against new pages.
        let search_js = theme
            .static_files
            .iter()
            .find(|(n, _)| n == "search.js")
            .map(|(_, b)| File {
                path: hashed_name("search", "js", b),
                bytes: Arc::new(b.clone()),
            });
        // Each script goes only where a page runs it: the search script
        // beside the search page, the unlock script into the sealed site
        // (`protect::Shell` takes it from the theme).
        let assets = theme
            .static_files
            .iter()
            .filter(|(n, _)| !matches!(n.as_str(), "style.css" | "search.js" | "protect.js"))
            .map(|(n, b)| File {
                path: format!("assets/{n}"),
                bytes: Arc::new(b.clone()),
            })
            .collect();
        let lang = views.site.lang;
        let globals = tera.global_context();
        globals.insert("site", &views.site);
        globals.insert("t", &i18n::labels(lang));
        globals.insert("audience", &audience);
        globals.insert("css", &css.path);
        let mut g = blake3::Hasher::new();
        for (name, source, _) in &theme.templates {
            g.update(name.as_bytes());
            g.update(source.as_bytes());
        }
        g.update(&css.bytes);
        g.update(audience.as_bytes());
        let _ = serde_json::to_writer(&mut g, &views.site);
        Ok(Renderer {
            audience,
            tera,
            css,
            assets,
            search_js,
            globals: g.finalize(),
            previous: None,
            rendered: AtomicUsize::new(0),
        })
    }

    /// Reuse the pages of a previous build whose inputs did not change.
    pub fn with_previous(mut self, previous: PageCache) -> Self {
        self.previous = Some(previous);
        self
    }

    /// How many pages were rendered rather than reused.
    pub fn rendered(&self) -> usize {
        self.rendered.load(Ordering::Relaxed)
    }

    fn page<D: Serialize, X: Serialize>(
        &self,
        template: &str,
        path: &str,
        meta: (&str, &str, &'static str),
        data: D,
        internal: X,
        social: &Social,
    ) -> Result<(File, Option<blake3::Hash>), TemplateError> {
        let base_url = social.base;
        let (title, description, section) = meta;
        let ctx = Ctx {
            page: Meta {
                title,
                description,
                path,
                canonical: format!("{base_url}{}", crate::view::pretty(path)),
                section,
                image: social.image.as_deref(),
                kind: social.kind,
                json_ld: social.json_ld.as_deref(),
            },
            // A host shows the 404 page at any depth, where no relative
            // prefix is right: it links absolutely.
            root: match path.matches('/').count() {
                _ if path == "404.html" && self.audience == "public" => base_url.to_string(),
                0 => "./".to_string(),
                depth => "../".repeat(depth),
            },
            data,
            internal,
        };
        let out = if path.ends_with(".html") {
            path.to_string()
        } else {
            format!("{path}index.html")
        };
        let fingerprint = self.previous.as_ref().map(|_| {
            let seed = [self.globals.as_bytes().as_slice(), template.as_bytes()].concat();
            fingerprint::of(&seed, &ctx)
        });
        if let (Some(fp), Some(previous)) = (fingerprint, &self.previous)
            && let Some((old, bytes)) = previous.get(&out)
            && *old == fp
        {
            return Ok((
                File {
                    path: out,
                    bytes: bytes.clone(),
                },
                fingerprint,
            ));
        }
        self.rendered.fetch_add(1, Ordering::Relaxed);
        let context = Context::from_serialize(&ctx).map_err(|e| TemplateError {
            file: PathBuf::from(template),
            message: error_chain(&e),
        })?;
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| TemplateError {
                file: PathBuf::from(format!("templates/{template}")),
                message: msg!("render_while", page = out, error = error_chain(&e)).to_string(),
            })?;
        let file = File {
            path: out,
            bytes: Arc::new(html.into_bytes()),
        };
        Ok((file, fingerprint))
    }
}

/// `assets/<stem>-<hash>.<ext>`: a name that changes with the bytes.
fn hashed_name(stem: &str, ext: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    format!("assets/{stem}-{}.{ext}", &hash[..10])
}

/// JSON-LD `NewsArticle` of a story: author, date, publisher (the facility).
fn news_article(site: &crate::view::SiteInfo, s: &StoryView, image: Option<&str>) -> String {
    let c = &s.card;
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": c.title,
        "description": c.summary,
        "datePublished": c.date_iso,
        "dateModified": c.date_iso,
        "mainEntityOfPage": format!("{}{}", site.base_url, crate::view::pretty(&c.url)),
        "author": { "@type": "Organization", "name": c.author.as_deref().unwrap_or(&site.facility_name) },
        "publisher": { "@type": "Organization", "name": site.facility_name },
        "inLanguage": if site.lang == crate::model::Lang::En { "en" } else { "id" },
    });
    if let Some(img) = image {
        v["image"] = serde_json::Value::String(img.to_string());
    }
    // No `<` at all inside the script element: `</script` would end it
    // early and `<!--` would change how the rest of the page is read.
    v.to_string().replace('<', "\\u003c")
}

/// A template's syntax error anywhere in the chain: (template name, the
/// message with its line and column, then tera's picture of the line). The
/// report's own `error: ` is left out: the diagnostic already says it.
fn syntax_error(e: &tera::Error) -> Option<(String, String)> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(tera::ErrorKind::SyntaxError(r)) =
            err.downcast_ref::<tera::Error>().map(tera::Error::kind)
        {
            let span = r.span();
            let report = err.to_string();
            // The report's first line repeats the message; the rest shows the line.
            let picture = report.split_once('\n').map_or("", |(_, rest)| rest);
            let message = msg!(
                "theme_syntax",
                line = span.start_line,
                col = span.start_col + 1,
                message = r.message()
            )
            .to_string();
            let message = if picture.trim().is_empty() {
                message
            } else {
                format!("{message}\n{}", picture.trim_end())
            };
            return Some((r.filename().to_string(), message));
        }
        current = err.source();
    }
    None
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

/// Renders every file of one audience's site.
/// Renders every file of one audience's site, with the cache of pages for the
/// next build (empty unless the renderer was given a previous one).
pub fn render<A: Audience>(
    r: &Renderer,
    a: &A,
) -> Result<(Vec<File>, PageCache), Vec<TemplateError>> {
    let v = a.views();
    let base = v.site.base_url.as_str();
    let l = |k: &str| i18n::label(v.site.lang, k);
    let description = v.site.description.clone().unwrap_or_default();

    let site_image = v
        .stories
        .iter()
        .find_map(|s| s.card.card.as_ref())
        .map(|c| format!("{base}{}", c.src));
    let site_social = Social {
        base,
        image: site_image,
        json_ld: None,
        kind: "website",
    };
    let social = &site_social;

    type Job<'a> =
        Box<dyn Fn() -> Result<(File, Option<blake3::Hash>), TemplateError> + Sync + Send + 'a>;
    let mut jobs: Vec<Job> = Vec::new();

    let home_title = v.site.title.clone();
    let description_ref = &description;
    jobs.push(Box::new(move || {
        let latest_stories = v.stories.iter().take(3).map(|s| &s.card).collect();
        let latest_trainings = v.trainings.iter().take(4).map(|t| &t.card).collect();
        let programmes = v
            .programmes
            .iter()
            .map(|p| ProgrammeCard {
                url: &p.url,
                title: &p.title,
                kind: &p.kind,
                period: &p.period,
                draft: p.draft,
            })
            .collect();
        let data = HomeData {
            figures: &v.impact.figures,
            budget: &v.impact.budget,
            stories: latest_stories,
            trainings: latest_trainings,
            programmes,
        };
        r.page(
            "index.html",
            "",
            (&home_title, description_ref, "home"),
            data,
            a.home(),
            social,
        )
    }));

    let trainings_title = l("nav_trainings");
    jobs.push(Box::new(move || {
        let mut groups: BTreeMap<&str, Vec<&TrainingCard>> = BTreeMap::new();
        for t in &v.trainings {
            let cycle = t.card.cycle.as_deref().unwrap_or_default();
            groups.entry(cycle).or_default().push(&t.card);
        }
        // Planned trainings without a cycle lie ahead: they come first.
        let planned = groups.remove("").map(|trainings| CycleGroup {
            cycle: "",
            heading: l("status_planned"),
            trainings,
        });
        let cycles = groups
            .into_iter()
            .rev()
            .map(|(cycle, trainings)| CycleGroup {
                cycle,
                heading: format!("{} {cycle}", l("cycle")),
                trainings,
            });
        let groups: Vec<CycleGroup> = planned.into_iter().chain(cycles).collect();
        #[derive(Serialize)]
        struct D<'a> {
            groups: Vec<CycleGroup<'a>>,
        }
        r.page(
            "trainings.html",
            "trainings/",
            (&trainings_title, "", "trainings"),
            D { groups },
            (),
            social,
        )
    }));
    for t in &v.trainings {
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                training: &'a TrainingView,
            }
            let desc = format!(
                "{} · {} · {}",
                t.card.skill_label, t.card.dates, t.card.status_label
            );
            r.page(
                "training.html",
                &t.card.url,
                (&t.card.title, &desc, "trainings"),
                D { training: t },
                a.training(&t.card.id),
                social,
            )
        }));
    }

    let partners_title = l("nav_partners");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            partners: Vec<&'a PartnerCard>,
        }
        r.page(
            "partners.html",
            "partners/",
            (&partners_title, "", "partners"),
            D {
                partners: v.partners.iter().map(|p| &p.card).collect(),
            },
            (),
            social,
        )
    }));
    for p in &v.partners {
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                partner: &'a PartnerView,
            }
            let desc = p.card.summary.clone().unwrap_or_default();
            r.page(
                "partner.html",
                &p.card.url,
                (&p.card.name, &desc, "partners"),
                D { partner: p },
                a.partner(&p.card.id),
                social,
            )
        }));
    }

    // The list of stories comes in pages, so that a phone on a slow line
    // never downloads ten thousand cards at once.
    let chunks: Vec<&[StoryView]> = if v.stories.is_empty() {
        vec![&[]]
    } else {
        v.stories.chunks(STORIES_PER_PAGE).collect()
    };
    let total = chunks.len();
    for (i, chunk) in chunks.into_iter().enumerate() {
        let n = i + 1;
        let title = if n == 1 {
            l("nav_stories")
        } else {
            format!("{} ({} {n})", l("nav_stories"), l("page_word"))
        };
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                stories: Vec<&'a StoryCard>,
                pager: Pager,
            }
            let pager = Pager {
                current: n,
                total,
                prev: (n > 1).then(|| stories_page_url(n - 1)),
                next: (n < total).then(|| stories_page_url(n + 1)),
            };
            r.page(
                "stories.html",
                &stories_page_path(n),
                (&title, "", "stories"),
                D {
                    stories: chunk.iter().map(|s| &s.card).collect(),
                    pager,
                },
                (),
                social,
            )
        }));
    }
    for s in &v.stories {
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                story: &'a StoryView,
            }
            let image = s.card.card.as_ref().map(|c| format!("{base}{}", c.src));
            let story_social = Social {
                base,
                json_ld: Some(news_article(&v.site, s, image.as_deref())),
                image,
                kind: "article",
            };
            r.page(
                "story.html",
                &s.card.url,
                (&s.card.title, &s.card.summary, "stories"),
                D { story: s },
                a.story(&s.card.id),
                &story_social,
            )
        }));
    }
    for p in &v.programmes {
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                programme: &'a ProgrammeView,
            }
            let desc = p.kind.clone().unwrap_or_default();
            r.page(
                "programme.html",
                &p.url,
                (&p.title, &desc, "programmes"),
                D { programme: p },
                a.programme(&p.id),
                social,
            )
        }));
    }
    let photos_title = l("nav_photos");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            gallery: &'a [crate::view::GalleryItem],
        }
        r.page(
            "photos.html",
            "photos/",
            (&photos_title, "", "photos"),
            D {
                gallery: &v.gallery,
            },
            (),
            social,
        )
    }));
    let impact_title = l("impact_title");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            impact: &'a ImpactView,
        }
        r.page(
            "impact.html",
            "impact/",
            (&impact_title, &l("impact_intro"), "impact"),
            D { impact: &v.impact },
            a.home(),
            social,
        )
    }));
    let report_title = l("report_title");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            report: &'a crate::view::report::ReportView,
            impact: &'a ImpactView,
            programmes: &'a [crate::view::ProgrammeView],
        }
        r.page(
            "report.html",
            "report/",
            (&report_title, &l("report_intro"), "report"),
            D {
                report: &v.report,
                impact: &v.impact,
                programmes: &v.programmes,
            },
            a.home(),
            social,
        )
    }));
    if let (Some(index), Some(script)) = (a.search(), &r.search_js) {
        let search_title = l("search_title");
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                /// The index script and the search script, from the site root.
                index: &'a str,
                script: &'a str,
            }
            r.page(
                "search.html",
                "search/",
                (&search_title, "", "search"),
                D {
                    index: &index.path,
                    script: &script.path,
                },
                (),
                social,
            )
        }));
    }
    let not_found = "404";
    jobs.push(Box::new(move || {
        r.page(
            "404.html",
            "404.html",
            (not_found, "", "none"),
            (),
            (),
            social,
        )
    }));

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
    files.push(File {
        path: "data/stats.json".into(),
        bytes: Arc::new(a.stats_json().into_bytes()),
    });
    if let (Some(index), Some(script)) = (a.search(), &r.search_js) {
        files.push(File {
            path: index.path.clone(),
            bytes: Arc::new(index.script.clone().into_bytes()),
        });
        files.push(script.clone());
    }
    files.push(r.css.clone());
    files.extend(r.assets.iter().cloned());
    for (path, text) in &v.exports {
        files.push(File {
            path: path.clone(),
            bytes: Arc::new(text.clone().into_bytes()),
        });
    }
    if A::NAME == "public" {
        let sitemap = feeds::sitemap(base, files.iter().map(|f| f.path.as_str()));
        files.push(File {
            path: "sitemap.xml".into(),
            bytes: Arc::new(sitemap.into_bytes()),
        });
        files.push(File {
            path: "feed.xml".into(),
            bytes: Arc::new(feeds::atom(v).into_bytes()),
        });
    }
    files.push(robots::<A>(base));
    Ok((files, cache))
}

/// The internal site asks every crawler to stay away; the public one names
/// its sitemap.
fn robots<A: Audience>(base: &str) -> File {
    let body = if A::NAME == "internal" {
        "User-agent: *\nDisallow: /\n".to_string()
    } else {
        feeds::robots_public(base)
    };
    File {
        path: "robots.txt".into(),
        bytes: Arc::new(body.as_bytes().to_vec()),
    }
}
