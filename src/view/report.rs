//! The printable programme report (`report/`): one page with the facility,
//! the period, the programmes and their stages, the headline figures, every
//! training, the partners and a few photos, laid out for A4.

use std::collections::BTreeMap;

use serde::Serialize;

pub use super::cycles::{CycleReport, ReportTraining};
use super::types::{Catalog, GalleryItem, Link, PartnerView, TrainingView};
use crate::i18n;
use crate::stats::Stats;
use crate::vocab::{Lang, Status};

/// At most this many photos: a report is read on paper, not browsed.
const PHOTOS: usize = 6;

#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// From the first start to the last end of the trainings that count.
    pub period: Option<String>,
    /// The latest date in the public content: what the report is current to.
    pub as_of: Option<String>,
    /// The same date as `YYYY-MM-DD` (the sitemap's `lastmod`).
    pub as_of_iso: Option<String>,
    /// Every training, oldest first (a report reads as a chronicle).
    pub trainings: Vec<ReportTraining>,
    pub partners: Vec<ReportPartner>,
    /// The first cleared photo of each training that counts, newest first.
    pub photos: Vec<GalleryItem>,
    /// A report per training cycle (`report/<cycle>/`), oldest first. Each
    /// is given to its own page only: a page lists them by `cycle_links`,
    /// so that a story's new title re-renders its cycle's report alone.
    #[serde(skip)]
    pub cycles: Vec<CycleReport>,
    pub cycle_links: Vec<CycleLink>,
}

/// A cycle's report, as the report and the impact page link it.
#[derive(Debug, Clone, Serialize)]
pub struct CycleLink {
    pub cycle: String,
    pub url: String,
    pub period: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportPartner {
    pub link: Link,
    pub kind: String,
    pub contributions: String,
    pub trainings: String,
}

pub fn build(
    c: &Catalog,
    stats: &Stats,
    trainings: &[TrainingView],
    partners: &[PartnerView],
    lang: Lang,
) -> ReportView {
    let n = |v: u64| i18n::number(lang, v);
    let mut certificates: BTreeMap<&str, u64> = BTreeMap::new();
    for o in &c.outcomes {
        *certificates.entry(o.training.as_str()).or_default() += u64::from(o.certified);
    }
    let counted: Vec<_> = c
        .trainings
        .iter()
        .filter(|(_, draft)| !draft)
        .filter_map(|(t, _)| t.full())
        .filter(|t| t.is_counted())
        .collect();
    let first = counted.iter().map(|t| t.start).min();
    let last = counted.iter().filter_map(|t| t.end.or(Some(t.start))).max();
    let period = first.map(|f| i18n::date_range(lang, f, last));
    let latest = counted
        .iter()
        .filter_map(|t| t.end)
        .chain(c.stories.iter().filter(|(_, d)| !d).map(|(s, _)| s.date))
        .chain(c.outcomes.iter().map(|o| o.date))
        .max();

    let planned: BTreeMap<&str, bool> = c
        .trainings
        .iter()
        .map(|(t, _)| (t.id(), t.status() == Status::Planned))
        .collect();
    // The views list trainings newest first; drafts (internal only) are
    // not part of a report.
    let rows: Vec<ReportTraining> = trainings
        .iter()
        .rev()
        .filter(|t| !t.card.draft)
        .map(|t| {
            let id = t.card.id.as_str();
            let is_planned = planned.get(id).copied().unwrap_or(true);
            let blank_if_planned = |v: String| if is_planned { String::new() } else { v };
            ReportTraining {
                link: Link {
                    url: t.card.url.clone(),
                    title: t.card.title.clone(),
                },
                skill: t.card.skill_label.clone(),
                dates: t.card.dates.clone(),
                status: t.card.status_label.clone(),
                hours: t.hours.clone().unwrap_or_default(),
                participants: blank_if_planned(t.card.headcount.clone().unwrap_or_default()),
                certificates: blank_if_planned(n(certificates.get(id).copied().unwrap_or(0))),
                partners: t
                    .partners
                    .iter()
                    .map(|p| p.title.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                cycle: t.card.cycle.clone(),
            }
        })
        .collect();
    let partners = partners
        .iter()
        .map(|p| ReportPartner {
            link: Link {
                url: p.card.url.clone(),
                title: p.card.name.clone(),
            },
            kind: p.card.kind_label.clone(),
            contributions: p.contributions.join(", "),
            // The impact page's and stats.json's count (trainings that
            // count), not the list of the partner's page, which on the
            // internal site also holds drafts: one figure, one value.
            trainings: n(stats
                .by_partner
                .iter()
                .find(|r| r.partner == p.card.id)
                .map_or(0, |r| r.trainings)),
        })
        .collect();
    let photos = trainings
        .iter()
        .filter(|t| !t.card.draft)
        .filter(|t| !planned.get(t.card.id.as_str()).copied().unwrap_or(true))
        .filter_map(|t| {
            let photo = t.photos.iter().find(|p| p.public)?;
            Some(GalleryItem {
                photo: photo.clone(),
                link: Link {
                    url: t.card.url.clone(),
                    title: t.card.title.clone(),
                },
            })
        })
        .take(PHOTOS)
        .collect();
    let cycles = super::cycles::build(c, stats, trainings, &rows, lang);
    let cycle_links = cycles
        .iter()
        .map(|c| CycleLink {
            cycle: c.cycle.clone(),
            url: c.url.clone(),
            period: c.period.clone(),
        })
        .collect();
    ReportView {
        period,
        as_of: latest.map(|d| i18n::date(lang, d)),
        as_of_iso: latest.map(|d| d.to_string()),
        cycles,
        cycle_links,
        trainings: rows,
        partners,
        photos,
    }
}
