//! The addresses of pages, as views and feeds write them.

/// A page's URL without its file name: the "pretty" form used wherever a
/// URL is absolute (canonical links, feeds, the sitemap, JSON-LD).
pub fn pretty(url: &str) -> &str {
    url.strip_suffix("index.html").unwrap_or(url)
}

/// Links between pages name the `index.html` file, so that a site opened
/// from disk (`file://`) works as well as one on a web server.
pub fn training_url(id: &str) -> String {
    format!("trainings/{id}/index.html")
}
pub fn partner_url(id: &str) -> String {
    format!("partners/{id}/index.html")
}
pub fn story_url(id: &str) -> String {
    format!("stories/{id}/index.html")
}
pub fn programme_url(id: &str) -> String {
    format!("programmes/{id}/index.html")
}
