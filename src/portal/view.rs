//! The portal's pages as typed contexts, built from each facility's public
//! model alone ([`crate::model::PublicModel`]) and the summed figures: no
//! page context has a place for anything internal. Pure: no I/O.

use serde::Serialize;

use super::config::Portal;
use super::facility::Loaded;
use super::figures::PortalStats;
use super::map::{MapView, map};
use crate::i18n::{self, label};
use crate::stats::Totals;
use crate::text::slugify;
use crate::view::{Figure, totals_figures};
use crate::vocab::{Lang, Status};

/// Latest stories shown on a facility's page.
const LATEST_STORIES: usize = 5;

/// A link: its text and its address (relative to the portal's root, or
/// absolute to a facility's own site).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// One row of a table of figures: what it names, and the figures written out.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub link: Link,
    /// The region, on rows of facilities.
    pub region: Option<Link>,
    pub cells: Vec<String>,
}

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
pub struct TrainingItem {
    pub title: String,
    /// On the facility's own site, when the portal knows its address.
    pub url: Option<String>,
    pub skill: String,
    pub dates: String,
    pub status: &'static str,
    pub status_label: String,
    pub participants: Option<String>,
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
    /// Works with other facilities of the portal too.
    pub shared: bool,
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
}

pub fn facility_url(id: &str) -> String {
    format!("facilities/{id}/")
}

pub fn region_url(region: &str) -> String {
    format!("regions/{}/", slugify(region))
}

pub fn skill_url(key: &str) -> String {
    format!("skills/{}/", slugify(key))
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
    let partners = stats
        .by_partner
        .iter()
        .map(|p| PartnerRow {
            name: p.name.clone(),
            id: p.partner.clone(),
            facilities: p.facilities.iter().map(|f| facility_link(f)).collect(),
            cells: vec![n(p.trainings), n(p.participants)],
        })
        .collect();
    let facilities = loaded
        .iter()
        .map(|f| {
            let shared = |id: &str, name: &str| {
                stats
                    .by_partner
                    .iter()
                    .any(|p| p.partner == id && p.name == name)
            };
            let page = facility_page(f, lang, &shared);
            (facility_url(&f.entry.id), page)
        })
        .collect();
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
    }
}

/// A facility's page: its figures, trainings, latest news and partners,
/// all from its public model.
fn facility_page(f: &Loaded, lang: Lang, shared: &dyn Fn(&str, &str) -> bool) -> FacilityPage {
    let m = f.model.public();
    let site = m.site();
    let own = f.entry.url.clone().or_else(|| Some(site.base_url.clone()));
    let on_own = |path: String| own.as_ref().map(|u| format!("{u}{path}"));
    let skill_label = |k: &str| {
        site.skills
            .iter()
            .find(|(key, _)| key == k)
            .map_or_else(|| k.to_string(), |(_, l)| l.clone())
    };
    let status = |s: Status| match s {
        Status::Planned => ("planned", label(lang, "status_planned")),
        Status::Ongoing => ("ongoing", label(lang, "status_ongoing")),
        Status::Completed => ("completed", label(lang, "status_completed")),
    };
    let mut trainings: Vec<_> = m.trainings().collect();
    trainings.sort_by(|a, b| (b.start, &a.id).cmp(&(a.start, &b.id)));
    let trainings = trainings
        .into_iter()
        .map(|t| {
            let (key, word) = status(t.status);
            TrainingItem {
                title: t.title.clone(),
                url: on_own(format!("trainings/{}/", t.id)),
                skill: skill_label(&t.skill),
                dates: i18n::date_range(lang, t.start, t.end),
                status: key,
                status_label: word,
                participants: Some(i18n::number(lang, u64::from(t.headcount))),
            }
        })
        .collect();
    let mut planned: Vec<_> = m.planned().collect();
    planned.sort_by(|a, b| (a.start, a.id).cmp(&(b.start, b.id)));
    let planned = planned
        .into_iter()
        .map(|t| {
            let (key, word) = status(Status::Planned);
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
                shared: shared(&p.id, &p.name),
            })
            .collect(),
    }
}
