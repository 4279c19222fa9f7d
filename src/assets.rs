//! The files under `assets/` whose names carry a hash of their bytes, so
//! that a browser's cached old copy is never used with new pages: the one
//! place that names them, for the renderer and the search index that write
//! them and for the pages and the sealed site that link to them. Pure.

/// A file whose name changes with its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hashed {
    /// The theme's `style.css`.
    Style,
    /// The theme's `search.js`, beside the search page.
    Search,
    /// The public site's search index (`view::search`): the small script
    /// the search page loads, which names the shards and records.
    SearchIndex,
    /// The folder of the search index's shards and records, named by a hash
    /// of all of them (`assets/search-parts-<hash>`, no extension): they are
    /// too many to name one by one in the index script.
    SearchParts,
    /// The theme's `protect.js`, which unlocks the sealed internal site.
    Protect,
    /// The theme's `lightbox.js`, which opens photos large in a dialog.
    Lightbox,
    /// The site's sharing card (`photos::card_for`).
    Card,
}

/// Hex digits of the hash in a name.
const HASH_CHARS: usize = 10;

impl Hashed {
    /// The theme's static files that are written under a hashed name.
    pub(crate) const THEME: [Hashed; 4] = [
        Hashed::Style,
        Hashed::Search,
        Hashed::Protect,
        Hashed::Lightbox,
    ];

    fn stem_ext(self) -> (&'static str, &'static str) {
        match self {
            Hashed::Style => ("style", "css"),
            Hashed::Search => ("search", "js"),
            Hashed::SearchIndex => ("search-index", "js"),
            Hashed::SearchParts => ("search-parts", ""),
            Hashed::Protect => ("protect", "js"),
            Hashed::Lightbox => ("lightbox", "js"),
            Hashed::Card => ("card", "png"),
        }
    }

    /// The theme's static file it is made from (`style.css`), if any.
    pub(crate) fn theme_file(self) -> Option<&'static str> {
        match self {
            Hashed::Style => Some("style.css"),
            Hashed::Search => Some("search.js"),
            Hashed::Protect => Some("protect.js"),
            Hashed::Lightbox => Some("lightbox.js"),
            Hashed::SearchIndex | Hashed::SearchParts | Hashed::Card => None,
        }
    }

    /// Whether the theme's static file `name` is written under a hashed name.
    pub(crate) fn is_theme_file(name: &str) -> bool {
        Hashed::THEME.iter().any(|h| h.theme_file() == Some(name))
    }

    /// Its path in the output for `bytes`: `assets/<stem>-<hash>.<ext>`
    /// (a folder's without the `.<ext>`).
    pub(crate) fn path(self, bytes: &[u8]) -> String {
        self.path_for(&blake3::hash(bytes))
    }

    /// Its path for a hash made elsewhere (of many files, for a folder).
    pub(crate) fn path_for(self, hash: &blake3::Hash) -> String {
        let (stem, ext) = self.stem_ext();
        let hash = hash.to_hex();
        let dot = if ext.is_empty() { "" } else { "." };
        format!("assets/{stem}-{}{dot}{ext}", &hash[..HASH_CHARS])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_with_the_bytes_and_never_meet() {
        let all = [
            Hashed::Style,
            Hashed::Search,
            Hashed::SearchIndex,
            Hashed::SearchParts,
            Hashed::Protect,
            Hashed::Lightbox,
        ];
        for h in all {
            let p = h.path(b"a");
            assert_ne!(p, h.path(b"b"));
            for other in all {
                assert_eq!(other.path(b"a") == p, other == h, "{other:?} {p}");
            }
        }
        let css = Hashed::Style.path(b"body{}");
        assert!(css.starts_with("assets/style-") && css.ends_with(".css"));
        assert_eq!(css.len(), "assets/style-.css".len() + 10);
        let parts = Hashed::SearchParts.path(b"a");
        assert!(parts.starts_with("assets/search-parts-") && !parts.contains('.'));
        assert!(Hashed::is_theme_file("search.js") && !Hashed::is_theme_file("favicon.svg"));
    }
}
