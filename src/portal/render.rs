//! The portal's files: its pages, rendered with the theme's layout in the
//! portal's language, its `data/stats.json` and the theme's assets. Pure:
//! hands each file to the caller as it is made, writes nothing.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use super::config::Portal;
use super::figures::PortalStats;
use super::internal::FacilityInternal;
use super::view::{FacilityPage, Pages, StoryItem};
use crate::assets::Hashed;
use crate::i18n;
use crate::msg::{Message, msg};
use crate::render::{
    FEED_ENTRIES, FeedEntry, FeedHead, File, Put, atom_feed, robots_public, sitemap,
};

/// The portal's 404 page.
const NOT_FOUND: &str = "404.html";
use crate::theme::Theme;
use crate::view::portal_files;

/// What `base.html` shows of the site, for the portal.
#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: &'a str,
    facility_short: &'a str,
    facility_name: &'a str,
    logo: Option<()>,
    region: Option<()>,
    parent: Option<()>,
    address: Option<()>,
    phone: Option<()>,
    email: Option<()>,
    website: Option<()>,
    social: [(); 0],
    head: Option<HeadCtx<'a>>,
    signing_place: Option<&'a str>,
}

/// Who signs the report (`head` in `portal.yaml`).
#[derive(Serialize)]
struct HeadCtx<'a> {
    name: &'a str,
    title: &'a str,
    nip: Option<&'a str>,
}

#[derive(Serialize)]
struct Meta<'a> {
    title: &'a str,
    description: &'a str,
    path: &'a str,
    canonical: String,
    section: &'static str,
    image: Option<()>,
    kind: &'static str,
    json_ld: Option<()>,
}

#[derive(Serialize)]
struct Ctx<'a, D: Serialize> {
    page: Meta<'a>,
    root: String,
    p: &'a D,
}

/// One page to render: template, folder path (`facilities/x/`), title,
/// navigation section, and its context.
type Job<'a> = (
    &'static str,
    String,
    String,
    &'static str,
    Box<dyn Fn() -> serde_json::Result<serde_json::Value> + Sync + 'a>,
);

/// Which portal is rendered.
#[derive(Clone, Copy)]
pub enum Audience<'a> {
    Public,
    /// The internal portal: the same pages, each facility's with its
    /// internal part, and no search, feed, sitemap, robots.txt or 404 page
    /// (nothing there is for a search engine or a stranger).
    Internal(&'a BTreeMap<String, FacilityInternal>),
}

/// Why the portal's files were not all made.
pub enum Failed {
    /// Template problems, one message each.
    Render(Vec<Message>),
    /// `put` refused a file (it could not be written).
    Put(Message),
}

/// Renders every file of the portal into `put` as soon as it is made, so
/// that the portal is never held whole; returns the paths of its files,
/// sorted.
pub fn render(
    portal: &Portal,
    theme: &Theme,
    pages: &Pages,
    stats: &PortalStats,
    audience: Audience<'_>,
    put: &Put<'_>,
) -> Result<Vec<String>, Failed> {
    let extras = match audience {
        Audience::Public => None,
        Audience::Internal(x) => Some(x),
    };
    let public = extras.is_none();
    let lang = portal.language;
    let labels = i18n::portal_labels(lang);
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let sources = theme
        .templates
        .iter()
        .map(|(name, source, _)| (name.as_str(), source.as_str()));
    if let Err(e) = tera.add_raw_templates(sources) {
        return Err(Failed::Render(vec![msg!("plain", text = chain(&e))]));
    }
    let static_file = |name: &str| {
        theme
            .static_files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
    };
    let css_bytes = static_file("style.css").unwrap_or_default();
    let css = File {
        path: Hashed::Style.path(&css_bytes),
        bytes: Arc::new(css_bytes),
    };
    let kind = labels.get("portal_kind").copied().unwrap_or_default();
    let globals = tera.global_context();
    globals.insert(
        "site",
        &SiteCtx {
            title: &portal.title,
            description: portal.description.as_deref(),
            base_url: &portal.base_url,
            facility_short: kind,
            facility_name: &portal.title,
            logo: None,
            region: None,
            parent: None,
            address: None,
            phone: None,
            email: None,
            website: None,
            social: [],
            head: portal.head.as_ref().map(|h| HeadCtx {
                name: &h.name,
                title: &h.title,
                nip: h.nip.as_deref(),
            }),
            signing_place: portal.signing_place.as_deref(),
        },
    );
    globals.insert("t", &labels);
    globals.insert("audience", if public { "portal" } else { "internal" });
    globals.insert("css", &css.path);

    let mut jobs: Vec<Job> = Vec::new();
    let home_title = portal.title.clone();
    jobs.push((
        "portal_index.html",
        String::new(),
        home_title,
        "home",
        Box::new(|| serde_json::to_value(&pages.home)),
    ));
    for (path, page) in &pages.regions {
        jobs.push((
            "portal_region.html",
            path.clone(),
            page.name.clone(),
            "regions",
            Box::new(move || serde_json::to_value(page)),
        ));
    }
    for (path, page) in &pages.facilities {
        jobs.push((
            "portal_facility.html",
            path.clone(),
            page.name.clone(),
            "facilities",
            Box::new(move || {
                let mut value = serde_json::to_value(page)?;
                let internal = extras.and_then(|x| x.get(&page.id));
                if let (Some(obj), Some(x)) = (value.as_object_mut(), internal) {
                    obj.insert("internal".to_string(), serde_json::to_value(x)?);
                }
                Ok(value)
            }),
        ));
    }
    for (path, page) in &pages.skills {
        jobs.push((
            "portal_skill.html",
            path.clone(),
            page.label.clone(),
            "skills",
            Box::new(move || serde_json::to_value(page)),
        ));
    }
    let partners_title = labels
        .get("portal_shared_partners")
        .copied()
        .unwrap_or_default()
        .to_string();
    for (path, page) in &pages.partner_pages {
        jobs.push((
            "portal_partner.html",
            path.clone(),
            page.name.clone(),
            "partners",
            Box::new(move || serde_json::to_value(page)),
        ));
    }
    jobs.push((
        "portal_partners.html",
        "partners/".to_string(),
        partners_title,
        "partners",
        Box::new(|| serde_json::to_value(&pages.partners)),
    ));

    // The printable report: the home page's figures and tables, the shared
    // partners, and the date of the newest story.
    let (feed, dated, newest) = feed(portal, pages);
    let as_of = newest
        .as_deref()
        .and_then(|d| d.parse().ok())
        .map(|d| i18n::date(lang, d));
    let report_title = labels
        .get("report_title")
        .copied()
        .unwrap_or_default()
        .to_string();
    jobs.push((
        "portal_report.html",
        "report/".to_string(),
        report_title,
        "report",
        Box::new(move || {
            Ok(serde_json::json!({
                "home": serde_json::to_value(&pages.home)?,
                "partners": serde_json::to_value(&pages.partners)?,
                "as_of": as_of,
            }))
        }),
    ));
    // The search page, with the facility site's search script.
    let search = super::search::index(pages);
    let search_js = static_file("search.js")
        .filter(|_| public)
        .map(|bytes| File {
            path: Hashed::Search.path(&bytes),
            bytes: Arc::new(bytes),
        });
    if let Some(script) = &search_js {
        let (index, script) = (search.path.clone(), script.path.clone());
        jobs.push((
            "portal_search.html",
            "search/".to_string(),
            labels
                .get("search_title")
                .copied()
                .unwrap_or_default()
                .to_string(),
            "search",
            Box::new(move || Ok(serde_json::json!({ "index": index, "script": script }))),
        ));
    }
    // A host shows the 404 page at any depth: it links from the portal's
    // full address.
    if public {
        jobs.push((
            "portal_404.html",
            NOT_FOUND.to_string(),
            "404".to_string(),
            "none",
            Box::new(|| Ok(serde_json::Value::Null)),
        ));
    }

    let about = portal.description.as_deref().unwrap_or(&portal.title);
    let results: Vec<Result<String, Failed>> = jobs
        .par_iter()
        .map(|(template, path, title, section, data)| {
            let not_found = path == NOT_FOUND;
            let out = if not_found {
                path.clone()
            } else {
                format!("{path}index.html")
            };
            let fail = |e: &dyn std::error::Error| {
                Failed::Render(vec![msg!("render_while", page = out, error = chain(e))])
            };
            let data = data().map_err(|e| fail(&e))?;
            let description = if path.is_empty() {
                about.to_string()
            } else {
                format!("{title} · {about}")
            };
            let ctx = Ctx {
                page: Meta {
                    title,
                    description: &description,
                    path,
                    canonical: format!("{}{}", portal.base_url, if not_found { "" } else { path }),
                    section,
                    image: None,
                    kind: "website",
                    json_ld: None,
                },
                root: match path.matches('/').count() {
                    _ if not_found => portal.base_url.clone(),
                    0 => "./".to_string(),
                    depth => "../".repeat(depth),
                },
                p: &data,
            };
            let context = Context::from_serialize(&ctx).map_err(|e| fail(&e))?;
            let html = tera.render(template, &context).map_err(|e| fail(&e))?;
            put(File::new(out.clone(), html.into_bytes())).map_err(Failed::Put)?;
            Ok(out)
        })
        .collect();
    let mut paths = Vec::with_capacity(results.len() + 16);
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(path) => paths.push(path),
            Err(Failed::Render(e)) => errors.extend(e),
            Err(put) => return Err(put),
        }
    }
    if !errors.is_empty() {
        return Err(Failed::Render(errors));
    }
    let mut files = Vec::new();
    let mut json = serde_json::to_string_pretty(stats).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    files.push(File::new("data/stats.json", json.into_bytes()));
    files.push(css);
    if let Some(script) = search_js {
        files.extend(search.files.iter().map(|(path, bytes)| File {
            path: path.clone(),
            bytes: bytes.clone(),
        }));
        files.push(script);
    }
    for (name, bytes) in &theme.static_files {
        if !Hashed::is_theme_file(name) {
            files.push(File::new(format!("assets/{name}"), bytes.clone()));
        }
    }
    if public {
        let pages_written = paths.iter().chain(files.iter().map(|f| &f.path));
        let sitemap = File::new(
            "sitemap.xml",
            sitemap(
                &portal.base_url,
                pages_written.map(String::as_str),
                &dated,
                newest.as_deref(),
            )
            .into_bytes(),
        );
        files.push(sitemap);
        files.push(File::new("feed.xml", feed.into_bytes()));
        files.push(File::new(
            "robots.txt",
            robots_public(&portal.base_url).into_bytes(),
        ));
    }
    let regions: Vec<(&str, u64, &crate::stats::Totals)> = stats
        .by_region
        .iter()
        .map(|r| (r.region.as_str(), r.facilities.len() as u64, &r.totals))
        .collect();
    let facilities: Vec<(&str, &str, &str, &crate::stats::Totals)> = stats
        .by_facility
        .iter()
        .map(|r| {
            (
                r.facility.as_str(),
                r.name.as_str(),
                r.region.as_str(),
                &r.totals,
            )
        })
        .collect();
    let dated = newest.as_deref().and_then(|d| d.parse().ok());
    for (path, bytes) in portal_files(&stats.totals, &regions, &facilities, lang, dated) {
        files.push(File::new(path, bytes));
    }
    for f in files {
        paths.push(f.path.clone());
        put(f).map_err(Failed::Put)?;
    }
    paths.sort();
    Ok(paths)
}

/// The portal's Atom feed: the newest stories of every facility (as its
/// page lists them), newest first, each linked to the facility's own site
/// when the portal knows it, else to its page on the portal. Also the date
/// of each facility's page (its newest story) and the newest of all, for
/// the sitemap.
fn feed(portal: &Portal, pages: &Pages) -> (String, BTreeMap<String, String>, Option<String>) {
    let base = &portal.base_url;
    let mut stories: Vec<(&FacilityPage, &StoryItem, &str)> = pages
        .facilities
        .iter()
        .flat_map(|(path, f)| f.stories.iter().map(move |s| (f, s, path.as_str())))
        .collect();
    stories.sort_by(|a, b| {
        (b.1.date_iso.as_str(), a.0.id.as_str(), a.1.title.as_str()).cmp(&(
            a.1.date_iso.as_str(),
            b.0.id.as_str(),
            b.1.title.as_str(),
        ))
    });
    let newest = stories.first().map(|s| s.1.date_iso.clone());
    let mut dated = BTreeMap::new();
    for (_, s, path) in &stories {
        dated
            .entry((*path).to_string())
            .or_insert_with(|| s.date_iso.clone());
    }
    let entries: Vec<FeedEntry> = stories
        .iter()
        .take(FEED_ENTRIES)
        .map(|(f, s, path)| FeedEntry {
            title: &s.title,
            url: s.url.clone().unwrap_or_else(|| format!("{base}{path}")),
            date_iso: &s.date_iso,
            author: &f.name,
            summary: s.summary.as_deref(),
            image: None,
        })
        .collect();
    let head = FeedHead {
        lang: portal.language,
        title: &portal.title,
        subtitle: portal.description.as_deref(),
        base,
        updated: newest.as_deref().unwrap_or("2000-01-01"),
        author: &portal.title,
    };
    (atom_feed(&head, &entries), dated, newest)
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}
