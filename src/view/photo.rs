//! Photos for templates: the renditions made by `photos`, as views.

use std::collections::BTreeSet;

use super::types::{PhotoView, Source};
use crate::model::Photo;
use crate::photos::PhotoMap;

/// A photo for a template. The public flag is the photo's own consent flag.
pub fn photo_view(p: &Photo, photos: &PhotoMap) -> Option<PhotoView> {
    let done = photos.get(&p.path)?;
    let largest = done.renditions.last()?;
    // The rendition closest to 960 px serves browsers that ignore srcset.
    let default = done
        .renditions
        .iter()
        .min_by_key(|r| r.width.abs_diff(960))
        .unwrap_or(largest);
    Some(PhotoView {
        src: default.file.clone(),
        width: largest.width,
        height: largest.height,
        srcset: done.renditions.iter().map(source).collect(),
        webp: done.webp.iter().map(source).collect(),
        large: source(largest),
        alt: p.alt.clone().unwrap_or_default(),
        caption: p.caption.clone(),
        public: p.public,
    })
}

/// The social-card crop of a photo, when one was made.
pub fn card_view(p: &Photo, photos: &PhotoMap) -> Option<Source> {
    photos.get(&p.path)?.card.as_ref().map(source)
}

fn source(r: &crate::photos::Rendition) -> Source {
    Source {
        src: r.file.clone(),
        width: r.width,
        height: r.height,
    }
}

/// Adds every rendition of a photo to a set of media files.
pub fn add_photo(out: &mut BTreeSet<String>, p: &PhotoView) {
    out.extend(p.srcset.iter().chain(&p.webp).map(|s| s.src.clone()));
}
