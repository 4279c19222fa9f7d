//! [`Audience`]: what each site, public or internal, adds to the shared
//! views. The public audience answers `()` for every page's extra, so no
//! public page context has a place to hold internal data; the files only one
//! site has (feed, sitemap) and the ones that differ (robots, the 404 page's
//! links) are items of the trait too, not comparisons of the site's name.

use serde::Serialize;

use super::feeds;
use super::file::File;
use crate::view::SiteViews;
use crate::view::internal::{HomeExtra, InternalSite, NotesExtra, PartnerExtra, TrainingExtra};
use crate::view::public::PublicSite;
use crate::view::search::SearchIndex;

/// What one audience adds to each kind of page.
pub trait Audience: Sync {
    /// The site's folder under `output/`, and `audience` in the templates.
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

    /// The root the 404 page links from, when it must link absolutely (a
    /// host shows it at any depth); `None` links it relatively like any page.
    fn not_found_root(base_url: &str) -> Option<String>;
    /// The files that tell crawlers and feed readers about the site (sitemap,
    /// feed), given the path of every file rendered so far.
    fn discovery(views: &SiteViews, paths: &[String]) -> Vec<File>;
    /// `robots.txt`.
    fn robots(base_url: &str) -> String;
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

    fn not_found_root(base_url: &str) -> Option<String> {
        Some(base_url.to_string())
    }
    fn discovery(views: &SiteViews, paths: &[String]) -> Vec<File> {
        let base = views.site.base_url.as_str();
        let dated = views
            .stories
            .iter()
            .map(|s| (s.card.url.clone(), s.card.date_iso.clone()))
            .collect();
        let sitemap = feeds::sitemap(
            base,
            paths.iter().map(String::as_str),
            &dated,
            views.report.as_of_iso.as_deref(),
        );
        vec![
            File::new("sitemap.xml", sitemap.into_bytes()),
            File::new("feed.xml", feeds::atom(views).into_bytes()),
        ]
    }
    /// The public site names its sitemap.
    fn robots(base_url: &str) -> String {
        feeds::robots_public(base_url)
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

    fn not_found_root(_: &str) -> Option<String> {
        None
    }
    /// Nothing: the internal site is for staff, not for crawlers or feeds.
    fn discovery(_: &SiteViews, _: &[String]) -> Vec<File> {
        Vec::new()
    }
    /// Every crawler is asked to stay away.
    fn robots(_: &str) -> String {
        "User-agent: *\nDisallow: /\n".to_string()
    }
}

fn json<T: Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
