//! [`build`]: the views of one audience's site, from its catalog.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::exports;
use super::impact::impact_view;
use super::photo::{add_photo, card_view, photo_view};
use super::report::{self, ReportView};
use super::training::{Full, planned_view};
use super::types::*;
use super::urls::*;
use crate::i18n::{self, label};
use crate::markdown::{IdSet, Later};
use crate::model::*;
use crate::photos::PhotoMap;
use crate::stats::Stats;
use crate::vocab::{Lang, StageStatus};

/// Everything a theme renders, for one audience.
#[derive(Debug, Clone, Serialize)]
pub struct SiteViews {
    pub site: SiteInfo,
    /// Newest first.
    pub trainings: Vec<TrainingView>,
    pub partners: Vec<PartnerView>,
    /// Newest first.
    pub stories: Vec<StoryView>,
    pub programmes: Vec<ProgrammeView>,
    pub hero: HeroView,
    pub impact: ImpactView,
    /// Every photo cleared for publication, newest record first.
    pub gallery: Vec<GalleryItem>,
    pub report: ReportView,
    /// Data exports: (path, bytes), e.g. `data/trainings.csv`, in the order
    /// the data page lists them.
    #[serde(skip)]
    pub exports: Vec<(String, Vec<u8>)>,
}

/// Builds every view of a catalog. Relations (a partner's trainings, a
/// training's stories) are resolved within the catalog only.
pub fn build(c: &Catalog, stats: &Stats, photos: &PhotoMap) -> SiteViews {
    let lang = c.site.language;
    let l = |k: &str| label(lang, k);
    let partner_names: BTreeMap<&str, &str> = c
        .partners
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let programme_titles: BTreeMap<&str, &str> = c
        .programmes
        .iter()
        .map(|(p, _)| (p.id.as_str(), p.title.as_str()))
        .collect();
    let training_titles: BTreeMap<&str, &str> = c
        .trainings
        .iter()
        .map(|(t, _)| (t.id(), t.title()))
        .collect();
    let skill_labels: BTreeMap<&str, &str> = c
        .site
        .skills
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();

    let partner_link = |id: &String| {
        partner_names.get(id.as_str()).map(|n| Link {
            url: partner_url(id),
            title: n.to_string(),
        })
    };
    let programme_link = |id: &String| {
        programme_titles.get(id.as_str()).map(|t| Link {
            url: programme_url(id),
            title: t.to_string(),
        })
    };
    let training_link = |id: &String| {
        training_titles.get(id.as_str()).map(|t| Link {
            url: training_url(id),
            title: t.to_string(),
        })
    };

    // Reverse relations.
    let mut stories_of_training: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    let mut stories_of_partner: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    let mut stories_sorted: Vec<&(&StoryPublic, bool)> = c.stories.iter().collect();
    stories_sorted.sort_by(|a, b| b.0.date.cmp(&a.0.date).then_with(|| a.0.id.cmp(&b.0.id)));
    for (s, _) in &stories_sorted {
        let link = Link {
            url: story_url(&s.id),
            title: s.title.clone(),
        };
        for t in &s.trainings {
            stories_of_training.entry(t).or_default().push(link.clone());
        }
        for p in &s.partners {
            stories_of_partner.entry(p).or_default().push(link.clone());
        }
    }
    let mut trainings_sorted: Vec<&(TrainingPart, bool)> = c.trainings.iter().collect();
    trainings_sorted
        .sort_by(|a, b| (b.0.start().cmp(&a.0.start())).then_with(|| a.0.id().cmp(b.0.id())));
    let mut trainings_of_partner: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    let mut trainings_of_programme: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    // A planned training on the public site has no partners or programme
    // to be listed under.
    for t in trainings_sorted.iter().filter_map(|(t, _)| t.full()) {
        let link = Link {
            url: training_url(&t.id),
            title: t.title.clone(),
        };
        for p in &t.partners {
            trainings_of_partner
                .entry(p)
                .or_default()
                .push(link.clone());
        }
        if let Some(p) = &t.programme {
            trainings_of_programme
                .entry(p)
                .or_default()
                .push(link.clone());
        }
    }
    let mut outcomes_of: BTreeMap<&str, Vec<&OutcomePublic>> = BTreeMap::new();
    for o in &c.outcomes {
        outcomes_of.entry(o.training.as_str()).or_default().push(o);
    }

    // Pages are independent: build them on every core.
    let trainings: Vec<TrainingView> = trainings_sorted
        .par_iter()
        .map(|&&(t, draft)| {
            let card = TrainingCard {
                id: t.id().to_string(),
                url: training_url(t.id()),
                title: t.title().to_string(),
                skill: t.skill().to_string(),
                skill_label: skill_labels
                    .get(t.skill())
                    .map_or_else(|| t.skill().to_string(), |s| s.to_string()),
                cycle: None,
                status: t.status().key(),
                status_label: l(&format!("status_{}", t.status().key())),
                dates: i18n::date_range(lang, t.start(), t.end()),
                headcount: None,
                draft,
                thumb: None,
            };
            match t {
                TrainingPart::Full(t) => {
                    let stories = stories_of_training.get(t.id.as_str());
                    let outcomes = outcomes_of
                        .get(t.id.as_str())
                        .map_or(&[][..], Vec::as_slice);
                    let full = Full {
                        lang,
                        md: c.md,
                        photos,
                        partner_link: &partner_link,
                        programme_link: &programme_link,
                    };
                    full.training(t, card, outcomes, stories.cloned().unwrap_or_default())
                }
                TrainingPart::Planned(_) => planned_view(card),
            }
        })
        .collect();

    let partners: Vec<PartnerView> = c
        .partners
        .iter()
        .map(|p| {
            let mut ids = IdSet::for_page();
            PartnerView {
                card: PartnerCard {
                    id: p.id.clone(),
                    url: partner_url(&p.id),
                    name: p.name.clone(),
                    kind_label: l(&format!("kind_{}", p.kind.key())),
                    logo: p.logo.as_ref().and_then(|ph| photo_view(ph, photos)),
                    summary: p.description_md.as_deref().map(|d| c.md.excerpt(d, 160)),
                },
                description_html: p.description_md.as_deref().map(|d| c.md.html(d, &mut ids)),
                website: p.website.clone(),
                since: p.since.map(|d| i18n::date(lang, d)),
                contributions: p
                    .contributions
                    .iter()
                    .map(|w| contribution_label(lang, w))
                    .collect(),
                trainings: trainings_of_partner
                    .remove(p.id.as_str())
                    .unwrap_or_default(),
                stories: stories_of_partner.remove(p.id.as_str()).unwrap_or_default(),
            }
        })
        .collect();

    let stories: Vec<StoryView> = stories_sorted
        .par_iter()
        .map(|&&(s, draft)| {
            let body_html = Later(s.body_md.clone());
            let summary = s
                .summary
                .clone()
                .unwrap_or_else(|| c.md.excerpt(&s.body_md, 200));
            StoryView {
                card: StoryCard {
                    id: s.id.clone(),
                    url: story_url(&s.id),
                    title: s.title.clone(),
                    date: i18n::date(lang, s.date),
                    date_iso: s.date.to_string(),
                    summary,
                    author: s.author.clone(),
                    cover: s.cover.as_ref().and_then(|p| photo_view(p, photos)),
                    card: s.cover.as_ref().and_then(|p| card_view(p, photos)),
                    draft,
                },
                body_html,
                trainings: s.trainings.iter().filter_map(training_link).collect(),
                partners: s.partners.iter().filter_map(partner_link).collect(),
                programme: s.programme.as_ref().and_then(programme_link),
                tags: s.tags.clone(),
            }
        })
        .collect();

    let programmes = c
        .programmes
        .iter()
        .map(|&(p, draft)| {
            let mut ids = IdSet::for_page();
            ProgrammeView {
                id: p.id.clone(),
                url: programme_url(&p.id),
                title: p.title.clone(),
                kind: p.kind.clone(),
                lead: p.lead.clone(),
                period: p.start.map(|s| i18n::date_range(lang, s, p.end)),
                stages: p
                    .stages
                    .iter()
                    .map(|s| {
                        let key = match s.status {
                            StageStatus::Done => "done",
                            StageStatus::Doing => "doing",
                            StageStatus::Todo => "todo",
                        };
                        StageView {
                            name: s.name.clone(),
                            date: s.date.map(|d| i18n::date(lang, d)),
                            date_iso: s.date.map(|d| d.to_string()),
                            status: key,
                            status_label: l(&format!("stage_{key}")),
                        }
                    })
                    .collect(),
                body_html: c.md.html(&p.body_md, &mut ids),
                trainings: trainings_of_programme
                    .remove(p.id.as_str())
                    .unwrap_or_default(),
                draft,
            }
        })
        .collect();

    let gallery = gallery(&trainings, &stories);
    let report = report::build(c, stats, &trainings, &partners, lang);
    let exports = exports::files(c, stats);
    SiteViews {
        site: site_info(c.site, photos),
        hero: hero(c.site, &stories, photos),
        gallery,
        report,
        exports,
        trainings,
        partners,
        stories,
        programmes,
        impact: impact_view(stats, lang),
    }
}

/// The home page's photo and news link. Drafts are passed over, so that
/// both sites open on the same picture.
fn hero(site: &SitePublic, stories: &[StoryView], photos: &PhotoMap) -> HeroView {
    let link = |s: &StoryView| Link {
        url: s.card.url.clone(),
        title: s.card.title.clone(),
    };
    let mut published = stories.iter().filter(|s| !s.card.draft);
    let latest = published.clone().next().map(link);
    let chosen = site.hero.as_ref().and_then(|p| photo_view(p, photos));
    let (photo, photo_story) = match chosen {
        Some(p) => (Some(p), None),
        None => published
            .find_map(|s| Some((s.card.cover.clone()?, s)))
            .map_or((None, None), |(p, s)| (Some(p), Some(link(s)))),
    };
    HeroView {
        photo,
        photo_story,
        latest,
    }
}

/// The photo page: training photos, then story covers, each linked to its record.
fn gallery(trainings: &[TrainingView], stories: &[StoryView]) -> Vec<GalleryItem> {
    let of_trainings = trainings.iter().flat_map(|t| {
        let link = Link {
            url: t.card.url.clone(),
            title: t.card.title.clone(),
        };
        t.photos.iter().map(move |p| GalleryItem {
            photo: p.clone(),
            link: link.clone(),
        })
    });
    let of_stories = stories.iter().filter_map(|s| {
        let link = Link {
            url: s.card.url.clone(),
            title: s.card.title.clone(),
        };
        s.card
            .cover
            .clone()
            .map(|photo| GalleryItem { photo, link })
    });
    of_trainings
        .chain(of_stories)
        .filter(|g| g.photo.public)
        .collect()
}

fn contribution_label(lang: Lang, word: &str) -> String {
    let key = format!("contrib_{}", word.trim().to_lowercase());
    let l = label(lang, &key);
    if l == key { word.to_string() } else { l }
}

pub fn site_info(s: &SitePublic, photos: &PhotoMap) -> SiteInfo {
    let f = &s.facility;
    SiteInfo {
        title: s.title.clone(),
        description: s.description.clone(),
        facility_name: s.facility.name.clone(),
        facility_short: s
            .facility
            .short_name
            .clone()
            .unwrap_or_else(|| s.facility.name.clone()),
        region: s.facility.region.clone(),
        base_url: s.base_url.clone(),
        lang: s.language,
        logo: f.logo.as_ref().and_then(|p| photo_view(p, photos)),
        parent: f.parent.clone(),
        address: f.address.clone(),
        phone: f.phone.clone(),
        email: f.email.clone(),
        website: f.website.clone(),
        social: f
            .social
            .iter()
            .map(|(name, url)| Link {
                url: url.clone(),
                title: name.clone(),
            })
            .collect(),
        head: f.head.as_ref().map(|h| HeadView {
            name: h.name.clone(),
            title: h.title.clone(),
            nip: h.nip.clone(),
        }),
        signing_place: f.signing_place.clone().or_else(|| f.region.clone()),
    }
}

/// Every processed photo file that the pages of `views` show. Social-card
/// crops are not among them: only the public site's social cards and feed
/// name those (see `PublicSite::media`).
pub fn media_of(views: &SiteViews) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in &views.trainings {
        for p in t.photos.iter().chain(&t.card.thumb) {
            add_photo(&mut out, p);
        }
    }
    for p in &views.partners {
        if let Some(logo) = &p.card.logo {
            add_photo(&mut out, logo);
        }
    }
    for s in &views.stories {
        if let Some(cover) = &s.card.cover {
            add_photo(&mut out, cover);
        }
    }
    for p in views.site.logo.iter().chain(&views.hero.photo) {
        add_photo(&mut out, p);
    }
    out
}
