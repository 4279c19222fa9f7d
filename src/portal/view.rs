//! The portal's pages as typed contexts, built from each facility's public
//! model alone ([`crate::model::PublicModel`]) and the summed figures: no
//! page context has a place for anything internal. Pure: no I/O.

use std::collections::BTreeSet;

use serde::Serialize;

use super::config::Portal;
use super::facility::Loaded;
use super::figures::PortalStats;
use super::map::{MapView, map};
use super::partners::{PartnerPage, partner_page, partner_urls};
use crate::i18n::{self, label};
use crate::stats::Totals;
use crate::view::{Figure, PhotoView, add_photo, photo_view, totals_figures};
use crate::vocab::{Lang, Status};

pub use super::items::{Link, Row, TrainingItem};
pub use super::items::{facility_url, region_url, skill_url};
use super::items::{own_site, skill_label, status, training_item};

/// Latest stories shown on a facility's page.
const LATEST_STORIES: usize = 5;
/// Photos shown on a facility's page: of its newest trainings first.
const PHOTOS: usize = 6;

#[derive(Debug, Clone, Serialize)]
pub struct HomePage {
    pub figures: Vec<Figure>,
    pub regions: Vec<Row>,
    pub facilities: Vec<Row>,
    pub skills: Vec<Row>,
    pub shared_partners: usize,
    pub left_out: Vec<String>,
    pub map: MapView,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionPage {
    pub name: String,
    pub slug: String,
    pub figures: Vec<Figure>,
    pub facilities: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoryItem {
    pub title: String,
    pub url: Option<String>,
    pub date: String,
    pub date_iso: String,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerItem {
    pub name: String,
    /// Its page on the portal, when it works with other facilities too.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacilityPage {
    pub id: String,
    pub name: String,
    pub title: String,
    pub region: Link,
    pub own_site: Option<String>,
    pub figures: Vec<Figure>,
    pub skills: Vec<Row>,
    pub trainings: Vec<TrainingItem>,
    pub planned: Vec<TrainingItem>,
    pub stories: Vec<StoryItem>,
    pub partners: Vec<PartnerItem>,
    /// Photos cleared for publication, of its newest trainings.
    pub photos: Vec<PhotoView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillPage {
    pub key: String,
    pub label: String,
    pub figures: Vec<Figure>,
    pub facilities: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerRow {
    pub name: String,
    pub id: String,
    /// Its page on the portal.
    pub url: String,
    pub facilities: Vec<Link>,
    pub cells: Vec<String>,
}

/// Every page of the portal, with its path under `output/public`.
pub struct Pages {
    pub home: HomePage,
    pub regions: Vec<(String, RegionPage)>,
    pub facilities: Vec<(String, FacilityPage)>,
    pub skills: Vec<(String, SkillPage)>,
    pub partners: Vec<PartnerRow>,
    pub partner_pages: Vec<(String, PartnerPage)>,
    /// Every photo file the pages show (`media/…`), each once.
    pub media: BTreeSet<String>,
}

/// The pages of the portal.
pub fn build(portal: &Portal, loaded: &[Loaded], stats: &PortalStats) -> Pages {
    let lang = portal.language;
    let n = |v: u64| i18n::number(lang, v);
    let cells = |t: &Totals| vec![n(t.trainings), n(t.participants), n(t.certificates)];
    let name_of = |id: &str| {
        loaded.iter().find(|f| f.entry.id == id).map_or_else(
            || id.to_string(),
            |f| f.model.site.public.facility.name.clone(),
        )
    };
    let facility_link = |id: &str| Link {
        title: name_of(id),
        url: facility_url(id),
    };
    let region_link = |r: &str| Link {
        title: r.to_string(),
        url: region_url(r),
    };
    let facility_rows: Vec<Row> = stats
        .by_facility
        .iter()
        .map(|r| Row {
            link: facility_link(&r.facility),
            region: Some(region_link(&r.region)),
            cells: cells(&r.totals),
        })
        .collect();
    let regions = stats
        .by_region
        .iter()
        .map(|r| {
            let rows = facility_rows
                .iter()
                .zip(&stats.by_facility)
                .filter(|(_, f)| f.region == r.region)
                .map(|(row, _)| row.clone())
                .collect();
            let page = RegionPage {
                name: r.region.clone(),
                slug: r.slug.clone(),
                figures: totals_figures(&r.totals, lang),
                facilities: rows,
            };
            (region_url(&r.region), page)
        })
        .collect();
    let skills: Vec<(String, SkillPage)> = stats
        .by_skill
        .iter()
        .map(|s| {
            let rows = loaded
                .iter()
                .filter_map(|f| {
                    let r = f.stats.by_skill.iter().find(|r| r.skill == s.row.skill)?;
                    Some(Row {
                        link: facility_link(&f.entry.id),
                        region: Some(region_link(&f.entry.region)),
                        cells: vec![
                            n(r.trainings),
                            n(r.participants),
                            n(r.certificates),
                            n(r.training_hours),
                        ],
                    })
                })
                .collect();
            let fig = |key: &'static str, value: u64| Figure {
                key,
                label: label(lang, key),
                value: n(value),
            };
            let page = SkillPage {
                key: s.row.skill.clone(),
                label: s.row.label.clone(),
                figures: vec![
                    fig("participants", s.row.participants),
                    fig("certificates", s.row.certificates),
                    fig("trainings", s.row.trainings),
                    fig("training_hours", s.row.training_hours),
                ],
                facilities: rows,
            };
            (skill_url(&s.row.skill), page)
        })
        .collect();
    let urls = partner_urls(stats);
    let partners = stats
        .by_partner
        .iter()
        .zip(&urls)
        .map(|(p, url)| PartnerRow {
            name: p.name.clone(),
            id: p.partner.clone(),
            url: url.clone(),
            facilities: p.facilities.iter().map(|f| facility_link(f)).collect(),
            cells: vec![n(p.trainings), n(p.participants)],
        })
        .collect();
    let partner_pages: Vec<(String, PartnerPage)> = stats
        .by_partner
        .iter()
        .zip(&urls)
        .map(|(p, url)| (url.clone(), partner_page(p, loaded, lang)))
        .collect();
    let facilities: Vec<(String, FacilityPage)> = loaded
        .iter()
        .map(|f| {
            let shared = |id: &str, name: &str| {
                stats
                    .by_partner
                    .iter()
                    .zip(&urls)
                    .find(|(p, _)| p.partner == id && p.name == name)
                    .map(|(_, url)| url.clone())
            };
            let page = facility_page(f, lang, &shared);
            (facility_url(&f.entry.id), page)
        })
        .collect();
    let mut media = BTreeSet::new();
    let photos = facilities.iter().flat_map(|(_, f)| &f.photos);
    let logos = partner_pages.iter().filter_map(|(_, p)| p.logo.as_ref());
    for p in photos.chain(logos) {
        add_photo(&mut media, p);
    }
    let home = HomePage {
        figures: totals_figures(&stats.totals, lang),
        regions: stats
            .by_region
            .iter()
            .map(|r| Row {
                link: region_link(&r.region),
                region: None,
                cells: {
                    let mut c = vec![n(r.facilities.len() as u64)];
                    c.extend(cells(&r.totals));
                    c
                },
            })
            .collect(),
        facilities: facility_rows,
        skills: skills
            .iter()
            .zip(&stats.by_skill)
            .map(|((url, page), s)| Row {
                link: Link {
                    title: page.label.clone(),
                    url: url.clone(),
                },
                region: None,
                cells: vec![n(s.row.trainings), n(s.row.participants)],
            })
            .collect(),
        shared_partners: stats.by_partner.len(),
        left_out: stats.left_out.clone(),
        map: map(stats, portal.map_figure, lang),
    };
    Pages {
        home,
        regions,
        facilities,
        skills,
        partners,
        media,
        partner_pages,
    }
}

/// A facility's page: its figures, trainings, latest news and partners,
/// all from its public model.
fn facility_page(
    f: &Loaded,
    lang: Lang,
    shared: &dyn Fn(&str, &str) -> Option<String>,
) -> FacilityPage {
    let m = f.model.public();
    let site = m.site();
    let own = Some(own_site(f));
    let on_own = |path: String| own.as_ref().map(|u| format!("{u}{path}"));
    let skill_label = |k: &str| skill_label(site, k);
    let mut trainings: Vec<_> = m.trainings().collect();
    trainings.sort_by(|a, b| (b.start, &a.id).cmp(&(a.start, &b.id)));
    // Only photos the facility publishes: a training's public photos are
    // those whose record says `public: true` (contract rule 4).
    let photos = trainings
        .iter()
        .flat_map(|t| &t.photos)
        .filter(|p| p.public)
        .filter_map(|p| photo_view(p, &f.photos))
        .take(PHOTOS)
        .collect();
    let trainings = trainings
        .into_iter()
        .map(|t| training_item(t, lang, &on_own, &skill_label))
        .collect();
    let mut planned: Vec<_> = m.planned().collect();
    planned.sort_by(|a, b| (a.start, a.id).cmp(&(b.start, b.id)));
    let planned = planned
        .into_iter()
        .map(|t| {
            let (key, word) = status(lang, Status::Planned);
            TrainingItem {
                title: t.title.to_string(),
                url: on_own(format!("trainings/{}/", t.id)),
                skill: skill_label(t.skill),
                dates: i18n::date_range(lang, t.start, t.end),
                status: key,
                status_label: word,
                participants: None,
            }
        })
        .collect();
    let mut stories: Vec<_> = m.stories().collect();
    stories.sort_by(|a, b| (b.date, &a.id).cmp(&(a.date, &b.id)));
    let stories = stories
        .into_iter()
        .take(LATEST_STORIES)
        .map(|s| StoryItem {
            title: s.title.clone(),
            url: on_own(format!("stories/{}/", s.id)),
            date: i18n::date(lang, s.date),
            date_iso: s.date.to_string(),
            summary: s.summary.clone(),
        })
        .collect();
    let n = |v: u64| i18n::number(lang, v);
    FacilityPage {
        id: f.entry.id.clone(),
        name: site.facility.name.clone(),
        title: site.title.clone(),
        region: Link {
            title: f.entry.region.clone(),
            url: region_url(&f.entry.region),
        },
        own_site: own.clone(),
        figures: totals_figures(&f.stats.totals, lang),
        skills: f
            .stats
            .by_skill
            .iter()
            .map(|r| Row {
                link: Link {
                    title: r.label.clone(),
                    url: skill_url(&r.skill),
                },
                region: None,
                cells: vec![
                    n(r.trainings),
                    n(r.participants),
                    n(r.certificates),
                    n(r.training_hours),
                ],
            })
            .collect(),
        trainings,
        planned,
        stories,
        partners: m
            .partners()
            .map(|p| PartnerItem {
                name: p.name.clone(),
                url: shared(&p.id, &p.name),
            })
            .collect(),
        photos,
    }
}
