//! The public site's machine-readable files: the Atom feed of stories, the
//! sitemap of public pages and `robots.txt`. Absolute URLs come from
//! `base_url`; dates come from the content, never the clock.

use std::collections::BTreeMap;

use crate::view::SiteViews;

/// XML text: the HTML escape, and `'` too, as feeds have always been written.
fn xml(s: &str) -> String {
    crate::text::escape_html(s).replace('\'', "&apos;")
}

/// Entries in `feed.xml`. Feed readers poll the whole file again and again,
/// often on mobile data, and show the newest entries only; older stories
/// stay on the site and in the sitemap.
pub const FEED_ENTRIES: usize = 50;

/// What a feed says about itself. `base` is the site's absolute address,
/// `updated` the date of its newest entry.
pub struct FeedHead<'a> {
    pub lang: crate::vocab::Lang,
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub base: &'a str,
    pub updated: &'a str,
    pub author: &'a str,
}

/// One story of a feed, with absolute addresses.
pub struct FeedEntry<'a> {
    pub title: &'a str,
    pub url: String,
    pub date_iso: &'a str,
    pub author: &'a str,
    pub summary: Option<&'a str>,
    pub image: Option<String>,
}

/// `feed.xml`: the [`FEED_ENTRIES`] newest stories of the views, newest first.
pub fn atom(v: &SiteViews) -> String {
    let base = &v.site.base_url;
    let updated = v
        .stories
        .iter()
        .map(|s| s.card.date_iso.as_str())
        .max()
        .unwrap_or("2000-01-01");
    let head = FeedHead {
        lang: v.site.lang,
        title: &v.site.title,
        subtitle: v.site.description.as_deref(),
        base,
        updated,
        author: &v.site.facility_name,
    };
    let entries: Vec<FeedEntry> = v
        .stories
        .iter()
        .take(FEED_ENTRIES)
        .map(|s| {
            let c = &s.card;
            FeedEntry {
                title: &c.title,
                url: format!("{base}{}", crate::view::pretty(&c.url)),
                date_iso: &c.date_iso,
                author: c.author.as_deref().unwrap_or(&v.site.facility_name),
                summary: Some(&c.summary),
                image: c
                    .card
                    .as_ref()
                    .map(|k| &k.src)
                    .or(c.cover.as_ref().map(|p| &p.src))
                    .map(|img| format!("{base}{img}")),
            }
        })
        .collect();
    atom_feed(&head, &entries)
}

/// An Atom feed of `entries`, in their order (a facility's stories, or a
/// portal's newest stories of every facility).
pub fn atom_feed(head: &FeedHead, entries: &[FeedEntry]) -> String {
    let base = head.base;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        if head.lang == crate::vocab::Lang::En {
            "en"
        } else {
            "id"
        }
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml(head.title)));
    if let Some(d) = head.subtitle {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", xml(d)));
    }
    out.push_str(&format!(
        "  <link href=\"{}feed.xml\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        xml(base)
    ));
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        xml(base)
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml(base)));
    out.push_str(&format!(
        "  <updated>{}T00:00:00Z</updated>\n",
        head.updated
    ));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(head.author)
    ));
    for e in entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(e.title)));
        out.push_str(&format!(
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
            xml(&e.url)
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml(&e.url)));
        out.push_str(&format!(
            "    <published>{}T00:00:00Z</published>\n",
            e.date_iso
        ));
        out.push_str(&format!(
            "    <updated>{}T00:00:00Z</updated>\n",
            e.date_iso
        ));
        out.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml(e.author)
        ));
        if let Some(summary) = e.summary {
            out.push_str(&format!("    <summary>{}</summary>\n", xml(summary)));
        }
        if let Some(img) = &e.image {
            out.push_str(&format!(
                "    <link rel=\"enclosure\" type=\"image/jpeg\" href=\"{}\"/>\n",
                xml(img)
            ));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// `sitemap.xml` of the given page files (`trainings/x/index.html`), as
/// pretty URLs; the 404 page is left out.
/// `lastmod` of a page: a story's own date, else `site_date` (the newest
/// date of the public content, what every other page is current to).
pub fn sitemap<'a>(
    base: &str,
    pages: impl Iterator<Item = &'a str>,
    dated: &BTreeMap<String, String>,
    site_date: Option<&str>,
) -> String {
    let mut urls: Vec<(String, Option<&str>)> = pages
        .filter(|p| p.ends_with("index.html"))
        .map(|p| {
            let dir = p.trim_end_matches("index.html");
            let date = dated.get(dir).map(String::as_str).or(site_date);
            (format!("{base}{dir}"), date)
        })
        .collect();
    urls.sort();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (u, date) in urls {
        match date {
            Some(d) => out.push_str(&format!(
                "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
                xml(&u),
                xml(d)
            )),
            None => out.push_str(&format!("  <url><loc>{}</loc></url>\n", xml(&u))),
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// The public `robots.txt`, naming the sitemap.
pub fn robots_public(base: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_pretty_urls_and_skips_the_404_page() {
        let map = sitemap(
            "https://x.org/",
            [
                "index.html",
                "stories/a/index.html",
                "404.html",
                "data/stats.json",
            ]
            .into_iter(),
            &BTreeMap::from([("stories/a/".to_string(), "2025-11-25".to_string())]),
            Some("2025-12-13"),
        );
        assert!(map.contains("<loc>https://x.org/</loc><lastmod>2025-12-13</lastmod>"));
        assert!(map.contains("<loc>https://x.org/stories/a/</loc><lastmod>2025-11-25</lastmod>"));
        assert!(!map.contains("404") && !map.contains("stats.json"));
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            xml("a & <b> \"c\" 'd'"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
    }
}
