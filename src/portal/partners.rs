//! A page per shared partner: a partner that more than one facility names
//! with the same id and name, with each facility's figures for it and its
//! trainings there, from each facility's public model alone. Pure: no I/O.

use std::collections::BTreeSet;

use serde::Serialize;

use super::facility::Loaded;
use super::figures::{PortalStats, SharedPartnerRow};
use super::items::{
    Link, Row, TrainingItem, facility_url, own_site, region_url, skill_label, training_item,
};
use crate::i18n::{self, label};
use crate::view::{Figure, PhotoView, photo_view};
use crate::vocab::Lang;

#[derive(Debug, Clone, Serialize)]
pub struct PartnerPage {
    pub id: String,
    pub name: String,
    /// Its website, as the first facility that gives one writes it.
    pub website: Option<String>,
    /// Its logo, as the first facility that publishes one has it.
    pub logo: Option<PhotoView>,
    pub figures: Vec<Figure>,
    /// The table of its facilities and their figures for it.
    pub rows: Vec<Row>,
    pub facilities: Vec<PartnerAt>,
}

/// What one facility does with the partner.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerAt {
    pub facility: Link,
    pub region: Link,
    /// The partner's page on the facility's own site.
    pub own_page: String,
    /// Trainings and participants, from the facility's own `by_partner`.
    pub cells: Vec<String>,
    pub trainings: Vec<TrainingItem>,
}

/// The page of each row of `by_partner`, in its order: `partners/<id>/`,
/// or, for a second partner of the same id under another name,
/// `partners/<id>-2/` (the first number no other page has).
pub fn partner_urls(stats: &PortalStats) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let ids: BTreeSet<&str> = stats
        .by_partner
        .iter()
        .map(|p| p.partner.as_str())
        .collect();
    stats
        .by_partner
        .iter()
        .map(|p| {
            let mut folder = p.partner.clone();
            let mut n = 1;
            while taken.contains(&folder) || (n > 1 && ids.contains(folder.as_str())) {
                n += 1;
                folder = format!("{}-{n}", p.partner);
            }
            taken.insert(folder.clone());
            format!("partners/{folder}/")
        })
        .collect()
}

/// A shared partner's page.
pub fn partner_page(row: &SharedPartnerRow, loaded: &[Loaded], lang: Lang) -> PartnerPage {
    let n = |v: u64| i18n::number(lang, v);
    let mut website = None;
    let mut logo = None;
    let mut facilities = Vec::new();
    for f in loaded
        .iter()
        .filter(|f| row.facilities.contains(&f.entry.id))
    {
        let m = f.model.public();
        let Some(p) = m.partner(&row.partner).filter(|p| p.name == row.name) else {
            continue;
        };
        if website.is_none() {
            website.clone_from(&p.website);
        }
        if logo.is_none() {
            logo = p.logo.as_ref().and_then(|l| photo_view(l, &f.photos));
        }
        let own = own_site(f);
        let on_own = |path: String| Some(format!("{own}{path}"));
        let site = m.site();
        let label_of = |k: &str| skill_label(site, k);
        let mut trainings: Vec<_> = m
            .trainings()
            .filter(|t| t.partners.contains(&row.partner))
            .collect();
        trainings.sort_by(|a, b| (b.start, &a.id).cmp(&(a.start, &b.id)));
        let own_row = f.stats.by_partner.iter().find(|r| r.partner == row.partner);
        facilities.push(PartnerAt {
            facility: Link {
                title: site.facility.name.clone(),
                url: facility_url(&f.entry.id),
            },
            region: Link {
                title: f.entry.region.clone(),
                url: region_url(&f.entry.region),
            },
            own_page: format!("{own}{}", crate::view::partner_url(&p.id)),
            cells: vec![
                n(own_row.map_or(0, |r| r.trainings)),
                n(own_row.map_or(0, |r| r.participants)),
            ],
            trainings: trainings
                .into_iter()
                .map(|t| training_item(t, lang, &on_own, &label_of))
                .collect(),
        });
    }
    let fig = |key: &'static str, value: u64| Figure {
        key,
        label: label(lang, key),
        value: n(value),
    };
    PartnerPage {
        id: row.partner.clone(),
        name: row.name.clone(),
        website,
        logo: logo.filter(|l| l.public),
        figures: vec![
            fig("trainings", row.trainings),
            fig("participants", row.participants),
        ],
        rows: facilities
            .iter()
            .map(|at| Row {
                link: at.facility.clone(),
                region: Some(at.region.clone()),
                cells: at.cells.clone(),
            })
            .collect(),
        facilities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Totals;

    fn row(id: &str, name: &str) -> SharedPartnerRow {
        SharedPartnerRow {
            partner: id.to_string(),
            name: name.to_string(),
            facilities: vec!["a".into(), "b".into()],
            trainings: 0,
            participants: 0,
        }
    }

    #[test]
    fn two_shared_partners_of_one_id_get_pages_of_their_own() {
        let stats = PortalStats {
            totals: Totals::default(),
            by_region: Vec::new(),
            by_facility: Vec::new(),
            by_skill: Vec::new(),
            // Sorted by id and name, as `figures` gives them; `bnsp-2` is
            // another partner's own id.
            by_partner: vec![
                row("bnsp", "Badan A"),
                row("bnsp", "Badan B"),
                row("bnsp-2", "Badan C"),
                row("kadin", "Kadin"),
            ],
            left_out: Vec::new(),
        };
        assert_eq!(
            partner_urls(&stats),
            [
                "partners/bnsp/",
                "partners/bnsp-3/",
                "partners/bnsp-2/",
                "partners/kadin/"
            ]
        );
    }
}
