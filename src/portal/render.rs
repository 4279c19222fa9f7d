//! The portal's files: its pages, rendered with the theme's layout in the
//! portal's language, its `data/stats.json` and the theme's assets. Pure:
//! returns files, writes nothing.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use super::config::Portal;
use super::figures::PortalStats;
use super::view::Pages;
use crate::assets::Hashed;
use crate::i18n;
use crate::msg::{Message, msg};
use crate::render::File;
use crate::theme::Theme;

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

/// Every file of the portal, or the template problems (as messages).
pub fn render(
    portal: &Portal,
    theme: &Theme,
    pages: &Pages,
    stats: &PortalStats,
) -> Result<Vec<File>, Vec<Message>> {
    let lang = portal.language;
    let labels = i18n::portal_labels(lang);
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let sources = theme
        .templates
        .iter()
        .map(|(name, source, _)| (name.as_str(), source.as_str()));
    if let Err(e) = tera.add_raw_templates(sources) {
        return Err(vec![msg!("plain", text = chain(&e))]);
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
        },
    );
    globals.insert("t", &labels);
    globals.insert("audience", "portal");
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
            Box::new(move || serde_json::to_value(page)),
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
    jobs.push((
        "portal_partners.html",
        "partners/".to_string(),
        partners_title,
        "partners",
        Box::new(|| serde_json::to_value(&pages.partners)),
    ));

    let about = portal.description.as_deref().unwrap_or(&portal.title);
    let results: Vec<Result<File, Message>> = jobs
        .par_iter()
        .map(|(template, path, title, section, data)| {
            let out = format!("{path}index.html");
            let fail =
                |e: &dyn std::error::Error| msg!("render_while", page = out, error = chain(e));
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
                    canonical: format!("{}{path}", portal.base_url),
                    section,
                    image: None,
                    kind: "website",
                    json_ld: None,
                },
                root: match path.matches('/').count() {
                    0 => "./".to_string(),
                    depth => "../".repeat(depth),
                },
                p: &data,
            };
            let context = Context::from_serialize(&ctx).map_err(|e| fail(&e))?;
            let html = tera.render(template, &context).map_err(|e| fail(&e))?;
            Ok(File::new(out, html.into_bytes()))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 4);
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut json = serde_json::to_string_pretty(stats).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    files.push(File::new("data/stats.json", json.into_bytes()));
    files.push(css);
    for (name, bytes) in &theme.static_files {
        if !Hashed::is_theme_file(name) {
            files.push(File::new(format!("assets/{name}"), bytes.clone()));
        }
    }
    files.push(File::new(
        "robots.txt",
        b"User-agent: *\nAllow: /\n".to_vec(),
    ));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
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
