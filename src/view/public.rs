//! The public view: built from [`PublicModel`] alone, so it holds no draft,
//! no `internal:` block, no roster and no photo without consent, and of a
//! planned training no more than its title, skill and dates.

use std::collections::BTreeSet;

use super::search::{self, SearchIndex};
use super::site::{SiteViews, media_of};
use super::types::Catalog;
use crate::markdown::memo::Memo;
use crate::model::{PublicModel, TrainingPart};
use crate::photos::PhotoMap;
use crate::stats::{self, Stats};

/// Everything the public site shows. Only [`build`] makes one.
pub struct PublicSite {
    views: SiteViews,
    stats: Stats,
    search: SearchIndex,
}

impl PublicSite {
    pub fn views(&self) -> &SiteViews {
        &self.views
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The index of `search/`, of the same public parts as the pages.
    pub fn search(&self) -> &SearchIndex {
        &self.search
    }

    /// The processed photo files the public pages show, and the stories'
    /// social-card crops that their `og:image` and the feed name: the only
    /// images that may be written to the public site.
    pub fn media(&self) -> BTreeSet<String> {
        let mut out = media_of(&self.views);
        let cards = self
            .views
            .stories
            .iter()
            .filter_map(|s| s.card.card.as_ref());
        out.extend(cards.map(|c| c.src.clone()));
        out
    }
}

/// `photos` may hold every processed photo of the content: only those the
/// public model hands out are looked up, and the rest are dropped before
/// any view is built. `md` and `stems` remember text between the rebuilds
/// of `rapor serve`.
pub fn build(m: &PublicModel, photos: &PhotoMap, md: &Memo, stems: &search::Memo) -> PublicSite {
    let photos: PhotoMap = m
        .photos()
        .filter_map(|p| Some((p.path.clone(), photos.get(&p.path)?.clone())))
        .collect();
    let photos = &photos;
    let stats = stats::compute(m);
    let held = m.trainings().map(TrainingPart::Full);
    let planned = m.planned().map(TrainingPart::Planned);
    let catalog = Catalog {
        site: m.site(),
        md,
        partners: m.partners().collect(),
        programmes: m.programmes().map(|p| (p, false)).collect(),
        trainings: held.chain(planned).map(|t| (t, false)).collect(),
        outcomes: m.outcomes().collect(),
        stories: m.stories().map(|s| (s, false)).collect(),
    };
    // Both read the catalog only; each has steps that keep one core busy.
    let (views, search) = rayon::join(
        || super::site::build(&catalog, &stats, photos),
        || search::build(&catalog, stems),
    );
    PublicSite {
        views,
        search,
        stats,
    }
}
