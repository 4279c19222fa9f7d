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

/// `feed.xml`: the [`FEED_ENTRIES`] newest stories of the views, newest first.
pub fn atom(v: &SiteViews) -> String {
    let base = &v.site.base_url;
    let updated = v
        .stories
        .iter()
        .map(|s| s.card.date_iso.as_str())
        .max()
        .unwrap_or("2000-01-01");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        if v.site.lang == crate::vocab::Lang::En {
            "en"
        } else {
            "id"
        }
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml(&v.site.title)));
    if let Some(d) = &v.site.description {
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
    out.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(&v.site.facility_name)
    ));
    for s in v.stories.iter().take(FEED_ENTRIES) {
        let c = &s.card;
        let url = format!("{base}{}", crate::view::pretty(&c.url));
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&c.title)));
        out.push_str(&format!(
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
            xml(&url)
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml(&url)));
        out.push_str(&format!(
            "    <published>{}T00:00:00Z</published>\n",
            c.date_iso
        ));
        out.push_str(&format!(
            "    <updated>{}T00:00:00Z</updated>\n",
            c.date_iso
        ));
        let author = c.author.as_deref().unwrap_or(&v.site.facility_name);
        out.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml(author)
        ));
        out.push_str(&format!("    <summary>{}</summary>\n", xml(&c.summary)));
        if let Some(img) = c
            .card
            .as_ref()
            .map(|k| &k.src)
            .or(c.cover.as_ref().map(|p| &p.src))
        {
            out.push_str(&format!(
                "    <link rel=\"enclosure\" type=\"image/jpeg\" href=\"{}\"/>\n",
                xml(&format!("{base}{img}"))
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
