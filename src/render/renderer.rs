//! [`Renderer`]: one Tera instance with a theme's templates for one
//! audience, and the making of one page from its context (or, in `rapor
//! serve`, taking it from the previous build when its inputs are unchanged).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use tera::{Context, Tera};

use super::audience::Audience;
use super::file::File;
use super::fingerprint;
use crate::assets::Hashed;
use crate::i18n;
use crate::msg::{Message, msg};
use crate::theme::Theme;
use crate::view::SiteViews;

/// A template problem, reported against the template file.
#[derive(Debug, Clone)]
pub struct TemplateError {
    pub file: PathBuf,
    pub message: Message,
}

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
    pub(super) base: &'a str,
    /// Absolute URL of the page's image: a story's cover card, or for other
    /// pages the card of the newest story that has one.
    pub(super) image: Option<String>,
    pub(super) json_ld: Option<String>,
    pub(super) kind: &'static str,
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

/// Pages of the previous build of `rapor serve`: path -> (fingerprint of
/// everything the page was made from, its bytes).
pub type PageCache = HashMap<String, (blake3::Hash, Arc<Vec<u8>>)>;

/// A Tera instance with a theme's templates, for one audience.
pub struct Renderer {
    tera: Tera,
    /// Where the 404 page links from (see [`Audience::not_found_root`]).
    not_found_root: Option<String>,
    pub(super) css: File,
    /// The theme's files that every page may use (the favicon, a theme's
    /// own images and fonts).
    pub(super) assets: Vec<File>,
    /// `assets/search-<hash>.js`, when the theme has `search.js`: written
    /// only beside a search page.
    pub(super) search_js: Option<File>,
    /// `assets/lightbox-<hash>.js`, when the theme has `lightbox.js`: pages
    /// with photos run it.
    pub(super) lightbox_js: Option<File>,
    /// Fingerprint of what every page shares: templates, stylesheet, site, labels.
    globals: blake3::Hash,
    /// When set, a page whose inputs did not change is taken from here.
    previous: Option<PageCache>,
    /// `assets/card-<hash>.png`: what a page without an image of its own
    /// shows when shared, and a story's publisher logo when the site has none.
    pub(super) card: Option<String>,
    card_file: Option<File>,
    /// What a page without a description of its own says it is about (the
    /// site's description, else the facility's name), after its title.
    about: String,
    /// Pages actually rendered (not taken from `previous`).
    rendered: AtomicUsize,
}

impl Renderer {
    /// The stylesheet's path, which a locked page links too.
    pub fn css_path(&self) -> &str {
        &self.css.path
    }

    /// Whether the theme gives every page the file at `path`.
    pub fn has_asset(&self, path: &str) -> bool {
        self.assets.iter().any(|f| f.path == path)
    }

    pub fn new<A: Audience>(theme: &Theme, views: &SiteViews) -> Result<Self, Vec<TemplateError>> {
        let audience = A::NAME;
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // All at once: templates include and extend each other.
        let sources = theme
            .templates
            .iter()
            .map(|(name, source, _)| (name.as_str(), source.as_str()));
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(vec![templates_error(theme, &e)]);
        }
        let static_file = |h: Hashed| {
            let name = h.theme_file()?;
            let (_, bytes) = theme.static_files.iter().find(|(n, _)| n == name)?;
            Some(File {
                path: h.path(bytes),
                bytes: Arc::new(bytes.clone()),
            })
        };
        let css = static_file(Hashed::Style).unwrap_or_else(|| File {
            path: Hashed::Style.path(b""),
            bytes: Arc::new(Vec::new()),
        });
        // Scripts that pages name carry a hash of their bytes too, so that a
        // cached old copy is never run against new pages.
        let search_js = static_file(Hashed::Search);
        let lightbox_js = static_file(Hashed::Lightbox);
        // Each script goes only where a page runs it: the search script
        // beside the search page, the unlock script into the sealed site
        // (`protect::Shell` takes it from the theme).
        let assets = theme
            .static_files
            .iter()
            .filter(|(n, _)| !Hashed::is_theme_file(n))
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
        globals.insert(
            "lightbox_js",
            &lightbox_js.as_ref().map_or("", |f| f.path.as_str()),
        );
        let mut g = blake3::Hasher::new();
        for (name, source, _) in &theme.templates {
            g.update(name.as_bytes());
            g.update(source.as_bytes());
        }
        g.update(&css.bytes);
        if let Some(js) = &lightbox_js {
            g.update(js.path.as_bytes());
        }
        g.update(audience.as_bytes());
        let _ = serde_json::to_writer(&mut g, &views.site);
        Ok(Renderer {
            not_found_root: A::not_found_root(&views.site.base_url),
            tera,
            css,
            assets,
            search_js,
            lightbox_js,
            globals: g.finalize(),
            previous: None,
            card: None,
            card_file: None,
            about: views
                .site
                .description
                .clone()
                .unwrap_or_else(|| views.site.facility_name.clone()),
            rendered: AtomicUsize::new(0),
        })
    }

    /// Pages without an image of their own share the card `bytes` (a PNG),
    /// published as `assets/card-<hash>.png`.
    pub fn with_card(mut self, bytes: Arc<Vec<u8>>) -> Self {
        let file = File {
            path: crate::assets::Hashed::Card.path(&bytes),
            bytes,
        };
        self.card = Some(file.path.clone());
        self.card_file = Some(file);
        self
    }

    /// The site's sharing card, when it has one.
    pub fn card_file(&self) -> Option<File> {
        self.card_file.clone()
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

    pub(super) fn page<D: Serialize, X: Serialize>(
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
        // Every page has a description, for search engines and shared links.
        let own;
        let description = if description.is_empty() {
            own = format!("{title} · {}", self.about);
            own.as_str()
        } else {
            description
        };
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
            root: match (&self.not_found_root, path.matches('/').count()) {
                (Some(root), _) if path == "404.html" => root.clone(),
                (_, 0) => "./".to_string(),
                (_, depth) => "../".repeat(depth),
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
            message: msg!("render_while", page = out, error = error_chain(&e)),
        })?;
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| TemplateError {
                file: PathBuf::from(format!("templates/{template}")),
                message: msg!("render_while", page = out, error = error_chain(&e)),
            })?;
        let file = File {
            path: out,
            bytes: Arc::new(html.into_bytes()),
        };
        Ok((file, fingerprint))
    }
}

/// Why a theme's templates did not load, against the template file it
/// names (else `themes`).
fn templates_error(theme: &Theme, e: &tera::Error) -> TemplateError {
    let (name, message) = match syntax_error(e) {
        Some((name, message)) => (Some(name), message),
        None => {
            let chain = error_chain(e);
            // Name the template file when the message names a template.
            let named = theme
                .templates
                .iter()
                .find(|(n, _, _)| chain.contains(&format!("--> {n}:")))
                .map(|(n, _, _)| n.clone());
            (named, msg!("plain", text = chain))
        }
    };
    let file = theme
        .templates
        .iter()
        .find(|(n, _, _)| name.as_ref() == Some(n))
        .map_or_else(|| PathBuf::from("themes"), |(_, _, f)| f.clone());
    TemplateError { file, message }
}

/// A template's syntax error anywhere in the chain: (template name, the
/// message with its line and column, then tera's picture of the line). The
/// report's own `error: ` is left out: the diagnostic already says it.
fn syntax_error(e: &tera::Error) -> Option<(String, Message)> {
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
            );
            let message = if picture.trim().is_empty() {
                message
            } else {
                msg!(
                    "theme_syntax_shown",
                    error = message,
                    picture = picture.trim_end()
                )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Lang;

    #[test]
    fn a_template_error_speaks_the_language_it_is_printed_in() {
        let theme = Theme {
            templates: vec![(
                "story.html".to_string(),
                "<p>\n{{ broken( }}\n".to_string(),
                PathBuf::from("themes/x/templates/story.html"),
            )],
            static_files: Vec::new(),
        };
        let mut tera = Tera::default();
        let sources = theme
            .templates
            .iter()
            .map(|(n, s, _)| (n.as_str(), s.as_str()));
        let e = tera.add_raw_templates(sources).unwrap_err();
        let e = templates_error(&theme, &e);
        assert_eq!(e.file, PathBuf::from("themes/x/templates/story.html"));
        let en = e.message.render(Lang::En);
        let id = e.message.render(Lang::Id);
        assert!(
            en.starts_with("a template syntax error at line 2, column "),
            "{en}"
        );
        assert!(
            id.starts_with("penulisan templat salah di baris 2, kolom "),
            "{id}"
        );
        // Tera's picture of the line follows, in either language.
        assert!(en.contains("broken(") && id.contains("broken("), "{en}");
    }
}
