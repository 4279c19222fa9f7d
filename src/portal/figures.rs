//! The portal's figures: each facility's own totals (from `stats::compute`,
//! the definitions of its `stats.json`), summed exactly per region, per
//! skill and for the nation. Pure: no I/O.

use std::collections::BTreeMap;

use serde::Serialize;

use super::facility::Loaded;
use crate::stats::{SkillRow, Totals};
use crate::text::slugify;

/// The portal's `data/stats.json`.
#[derive(Debug, Clone, Serialize)]
pub struct PortalStats {
    /// The sum of every facility's `totals`.
    pub totals: Totals,
    pub by_region: Vec<RegionRow>,
    pub by_facility: Vec<FacilityRow>,
    pub by_skill: Vec<PortalSkillRow>,
    /// Partners that work with more than one facility (same id and name).
    pub by_partner: Vec<SharedPartnerRow>,
    /// Facilities of `portal.yaml` left out because their content has problems.
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacilityRow {
    pub facility: String,
    pub name: String,
    pub region: String,
    #[serde(flatten)]
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionRow {
    pub region: String,
    pub slug: String,
    /// Facility ids, in the portal's order.
    pub facilities: Vec<String>,
    #[serde(flatten)]
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize)]
pub struct PortalSkillRow {
    #[serde(flatten)]
    pub row: SkillRow,
    /// Facilities whose `site.yaml` lists the skill.
    pub facilities: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedPartnerRow {
    pub partner: String,
    pub name: String,
    pub facilities: Vec<String>,
    /// Sums of the facilities' own `by_partner` rows.
    pub trainings: u64,
    pub participants: u64,
}

/// The figures of `loaded`; `None` when a sum does not fit in 64 bits.
pub fn compute(loaded: &[Loaded], left_out: Vec<String>) -> Option<PortalStats> {
    let mut totals = Totals::default();
    let mut by_facility = Vec::with_capacity(loaded.len());
    let mut regions: BTreeMap<&str, RegionRow> = BTreeMap::new();
    for f in loaded {
        let t = &f.stats.totals;
        totals = totals.plus(t)?;
        by_facility.push(FacilityRow {
            facility: f.entry.id.clone(),
            name: f.model.site.public.facility.name.clone(),
            region: f.entry.region.clone(),
            totals: t.clone(),
        });
        let region = regions
            .entry(f.entry.region.as_str())
            .or_insert_with(|| RegionRow {
                region: f.entry.region.clone(),
                slug: slugify(&f.entry.region),
                facilities: Vec::new(),
                totals: Totals::default(),
            });
        region.facilities.push(f.entry.id.clone());
        region.totals = region.totals.plus(t)?;
    }
    Some(PortalStats {
        totals,
        by_region: regions.into_values().collect(),
        by_facility,
        by_skill: skills(loaded)?,
        by_partner: shared_partners(loaded)?,
        left_out,
    })
}

/// Every skill of any facility, in the order first met (facilities in the
/// portal's order, skills in each one's order), with the label the first
/// facility gives it.
fn skills(loaded: &[Loaded]) -> Option<Vec<PortalSkillRow>> {
    let mut rows: Vec<PortalSkillRow> = Vec::new();
    for f in loaded {
        for r in &f.stats.by_skill {
            let i = match rows.iter().position(|x| x.row.skill == r.skill) {
                Some(i) => i,
                None => {
                    rows.push(PortalSkillRow {
                        row: SkillRow {
                            skill: r.skill.clone(),
                            label: r.label.clone(),
                            trainings: 0,
                            participants: 0,
                            certificates: 0,
                            training_hours: 0,
                        },
                        facilities: Vec::new(),
                    });
                    rows.len() - 1
                }
            };
            let row = &mut rows[i];
            row.facilities.push(f.entry.id.clone());
            let s = &mut row.row;
            s.trainings = s.trainings.checked_add(r.trainings)?;
            s.participants = s.participants.checked_add(r.participants)?;
            s.certificates = s.certificates.checked_add(r.certificates)?;
            s.training_hours = s.training_hours.checked_add(r.training_hours)?;
        }
    }
    Some(rows)
}

/// Partners that more than one facility names with the same id and name,
/// sorted by id and name.
fn shared_partners(loaded: &[Loaded]) -> Option<Vec<SharedPartnerRow>> {
    let mut by_key: BTreeMap<(&str, &str), SharedPartnerRow> = BTreeMap::new();
    for f in loaded {
        let public = f.model.public();
        for p in public.partners() {
            let row = by_key
                .entry((p.id.as_str(), p.name.as_str()))
                .or_insert_with(|| SharedPartnerRow {
                    partner: p.id.clone(),
                    name: p.name.clone(),
                    facilities: Vec::new(),
                    trainings: 0,
                    participants: 0,
                });
            row.facilities.push(f.entry.id.clone());
            if let Some(r) = f.stats.by_partner.iter().find(|r| r.partner == p.id) {
                row.trainings = row.trainings.checked_add(r.trainings)?;
                row.participants = row.participants.checked_add(r.participants)?;
            }
        }
    }
    Some(
        by_key
            .into_values()
            .filter(|r| r.facilities.len() > 1)
            .collect(),
    )
}
