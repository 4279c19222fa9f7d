//! The JSON-LD of a story page.

use serde::Serialize;

use crate::view::StoryView;

/// JSON-LD `NewsArticle` of a story: author, date, publisher (the facility).
pub(super) fn news_article(
    site: &crate::view::SiteInfo,
    s: &StoryView,
    image: Option<&str>,
    logo: Option<&str>,
) -> String {
    let c = &s.card;
    let article = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        author: Organization {
            kind: "Organization",
            logo: None,
            name: c.author.as_deref().unwrap_or(&site.facility_name),
        },
        date_modified: &c.date_iso,
        date_published: &c.date_iso,
        description: &c.summary,
        headline: &c.title,
        image,
        in_language: if site.lang == crate::vocab::Lang::En {
            "en"
        } else {
            "id"
        },
        main_entity_of_page: format!("{}{}", site.base_url, crate::view::pretty(&c.url)),
        publisher: Organization {
            kind: "Organization",
            logo: logo.map(|url| ImageObject {
                kind: "ImageObject",
                url,
            }),
            name: &site.facility_name,
        },
    };
    let json = serde_json::to_string(&article).expect("strings and options always serialise");
    // No `<` at all inside the script element: `</script` would end it
    // early and `<!--` would change how the rest of the page is read.
    json.replace('<', "\\u003c")
}

// The fields in the order of their names, as a JSON object with sorted keys
// writes them (the order the pages have always had).
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Organization<'a>,
    #[serde(rename = "dateModified")]
    date_modified: &'a str,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(rename = "inLanguage")]
    in_language: &'static str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: String,
    publisher: Organization<'a>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject<'a>>,
    name: &'a str,
}

#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}
