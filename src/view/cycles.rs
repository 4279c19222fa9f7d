//! A report per training cycle (`report/<cycle>/`): a facility reports after
//! every cycle, so each cycle gets the report's letterhead, its own figures
//! (the impact page's per-cycle row of stats.json, and the hours of its
//! trainings that count), its trainings, outcomes, photos and the stories
//! about them, and the signature block.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

use super::types::{Catalog, Figure, GalleryItem, Link, OutcomeView, TrainingView};
use crate::i18n;
use crate::stats::Stats;
use crate::vocab::Lang;

#[derive(Debug, Clone, Serialize)]
pub struct CycleReport {
    pub cycle: String,
    /// `report/<slug>/`.
    pub url: String,
    pub period: Option<String>,
    pub figures: Vec<Figure>,
    /// Oldest first, as in the whole report.
    pub trainings: Vec<ReportTraining>,
    pub outcomes: Vec<CycleOutcome>,
    pub photos: Vec<GalleryItem>,
    pub stories: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
/// A row of a report's training table (the whole period's and a cycle's).
pub struct ReportTraining {
    pub link: Link,
    pub skill: String,
    pub dates: String,
    pub status: String,
    pub hours: String,
    /// Blank for planned trainings, as in `trainings.csv`.
    pub participants: String,
    pub certificates: String,
    pub partners: String,
    /// Which cycle it belongs to (for the cycle's own report).
    #[serde(skip)]
    pub cycle: Option<String>,
}

/// An outcome of one of the cycle's trainings.
#[derive(Debug, Clone, Serialize)]
pub struct CycleOutcome {
    pub training: Link,
    pub outcome: OutcomeView,
}

/// One report per cycle that has a training that counts (the cycles of
/// `stats.json`'s `by_cycle`).
pub(super) fn build(
    c: &Catalog,
    stats: &Stats,
    trainings: &[TrainingView],
    rows: &[ReportTraining],
    lang: Lang,
) -> Vec<CycleReport> {
    let n = |v: u64| i18n::number(lang, v);
    let fig = |key: &'static str, value: u64| Figure {
        key,
        label: i18n::label(lang, key),
        value: n(value),
    };
    let mut slugs = BTreeSet::new();
    stats
        .by_cycle
        .iter()
        .map(|row| {
            let cycle = row.cycle.as_str();
            let counted: Vec<_> = c
                .trainings
                .iter()
                .filter(|(_, draft)| !draft)
                .filter_map(|(t, _)| t.full())
                .filter(|t| t.is_counted() && t.cycle == cycle)
                .collect();
            let hours: u64 = counted.iter().map(|t| u64::from(t.hours)).sum();
            let first = counted.iter().map(|t| t.start).min();
            let last = counted.iter().filter_map(|t| t.end.or(Some(t.start))).max();
            let of_cycle: Vec<&TrainingView> = trainings
                .iter()
                .rev()
                .filter(|t| !t.card.draft && t.card.cycle.as_deref() == Some(cycle))
                .collect();
            let link = |t: &TrainingView| Link {
                url: t.card.url.clone(),
                title: t.card.title.clone(),
            };
            // Each story once, in order; a set, since a cycle of a large
            // site has thousands (a scan of the list made this quadratic).
            let mut seen: HashSet<&str> = HashSet::new();
            let stories: Vec<Link> = of_cycle
                .iter()
                .flat_map(|t| &t.stories)
                .filter(|s| seen.insert(s.url.as_str()))
                .cloned()
                .collect();
            CycleReport {
                cycle: cycle.to_string(),
                url: format!("report/{}/", unique_slug(cycle, &mut slugs)),
                period: first.map(|f| i18n::date_range(lang, f, last)),
                figures: vec![
                    fig("trainings", row.trainings),
                    fig("participants", row.participants),
                    fig("certificates", row.certificates),
                    fig("training_hours", hours),
                ],
                trainings: rows
                    .iter()
                    .filter(|r| r.cycle.as_deref() == Some(cycle))
                    .cloned()
                    .collect(),
                outcomes: of_cycle
                    .iter()
                    .flat_map(|t| {
                        t.outcomes.iter().map(|o| CycleOutcome {
                            training: link(t),
                            outcome: o.clone(),
                        })
                    })
                    .collect(),
                photos: of_cycle
                    .iter()
                    .flat_map(|t| {
                        t.photos.iter().filter(|p| p.public).map(|p| GalleryItem {
                            photo: p.clone(),
                            link: link(t),
                        })
                    })
                    .take(12)
                    .collect(),
                stories,
            }
        })
        .collect()
}

/// The cycle as a folder name; two cycles written alike ("2025/2" and
/// "2025-2") get "-2" after the second.
fn unique_slug(cycle: &str, taken: &mut BTreeSet<String>) -> String {
    let base = match crate::text::slugify(cycle) {
        s if s.is_empty() => "siklus".to_string(),
        s => s,
    };
    let mut slug = base.clone();
    let mut i = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{i}");
        i += 1;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_that_slug_alike_get_their_own_folders() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique_slug("2025-2", &mut taken), "2025-2");
        assert_eq!(unique_slug("2025/2", &mut taken), "2025-2-2");
        assert_eq!(unique_slug("Siklus I", &mut taken), "siklus-i");
        assert_eq!(unique_slug("…", &mut taken), "siklus");
    }
}
