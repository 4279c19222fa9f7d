//! The JSON-LD of a story page.

use crate::view::StoryView;

/// JSON-LD `NewsArticle` of a story: author, date, publisher (the facility).
pub(super) fn news_article(
    site: &crate::view::SiteInfo,
    s: &StoryView,
    image: Option<&str>,
    logo: Option<&str>,
) -> String {
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
        "inLanguage": if site.lang == crate::vocab::Lang::En { "en" } else { "id" },
    });
    if let Some(img) = image {
        v["image"] = serde_json::Value::String(img.to_string());
    }
    if let Some(logo) = logo {
        v["publisher"]["logo"] = serde_json::json!({ "@type": "ImageObject", "url": logo });
    }
    // No `<` at all inside the script element: `</script` would end it
    // early and `<!--` would change how the rest of the page is read.
    v.to_string().replace('<', "\\u003c")
}
