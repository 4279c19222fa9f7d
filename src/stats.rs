//! Stats stage: impact figures, exactly as the contract defines them.
//!
//! [`compute`] takes the public model only, so `stats.json` cannot depend on
//! anything internal; [`compute_internal`] adds the roster-based figures that
//! only staff see. Pure functions, no I/O.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{Model, PublicModel, Training};
use crate::vocab::Gender;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub trainings: u64,
    pub participants: u64,
    pub certificates: u64,
    pub training_hours: u64,
    pub partners: u64,
    pub products_units: u64,
    pub products_value_idr: u64,
    pub state_budget_idr: u64,
    pub partner_contribution_idr: u64,
}

impl Totals {
    /// `self` plus `other`, figure by figure: how a portal sums the totals
    /// of its facilities. `None` when a sum does not fit.
    pub fn plus(&self, other: &Totals) -> Option<Totals> {
        Some(Totals {
            trainings: self.trainings.checked_add(other.trainings)?,
            participants: self.participants.checked_add(other.participants)?,
            certificates: self.certificates.checked_add(other.certificates)?,
            training_hours: self.training_hours.checked_add(other.training_hours)?,
            partners: self.partners.checked_add(other.partners)?,
            products_units: self.products_units.checked_add(other.products_units)?,
            products_value_idr: self
                .products_value_idr
                .checked_add(other.products_value_idr)?,
            state_budget_idr: self.state_budget_idr.checked_add(other.state_budget_idr)?,
            partner_contribution_idr: self
                .partner_contribution_idr
                .checked_add(other.partner_contribution_idr)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkillRow {
    pub skill: String,
    pub label: String,
    pub trainings: u64,
    pub participants: u64,
    pub certificates: u64,
    pub training_hours: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CycleRow {
    pub cycle: String,
    pub trainings: u64,
    pub participants: u64,
    pub certificates: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerRow {
    pub partner: String,
    pub name: String,
    pub trainings: u64,
    pub participants: u64,
}

/// `output/public/data/stats.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub totals: Totals,
    pub by_skill: Vec<SkillRow>,
    pub by_cycle: Vec<CycleRow>,
    pub by_partner: Vec<PartnerRow>,
}

/// The contract's statistics, from the public part of the content alone.
pub fn compute(m: &PublicModel) -> Stats {
    let counted: Vec<_> = m.trainings().filter(|t| t.is_counted()).collect();
    let mut certificates_of: BTreeMap<&str, u64> = BTreeMap::new();
    let mut totals = Totals::default();
    for o in m.outcomes() {
        add(
            certificates_of.entry(o.training.as_str()).or_default(),
            u64::from(o.certified),
        );
        for p in &o.products {
            add(&mut totals.products_units, p.quantity);
            add(&mut totals.products_value_idr, p.value_idr());
        }
    }
    let certs = |id: &str| certificates_of.get(id).copied().unwrap_or(0);

    let mut by_skill: Vec<SkillRow> = m
        .site()
        .skills
        .iter()
        .map(|(k, label)| SkillRow {
            skill: k.clone(),
            label: label.clone(),
            trainings: 0,
            participants: 0,
            certificates: 0,
            training_hours: 0,
        })
        .collect();
    let mut by_cycle: BTreeMap<&str, CycleRow> = BTreeMap::new();
    let mut by_partner: BTreeMap<&str, PartnerRow> = BTreeMap::new();
    let mut partners = BTreeSet::new();

    for t in &counted {
        let people = u64::from(t.headcount);
        let certificates = certs(&t.id);
        let hours = u64::from(t.hours);
        totals.trainings += 1;
        add(&mut totals.participants, people);
        add(&mut totals.certificates, certificates);
        add(&mut totals.training_hours, hours);
        add(&mut totals.state_budget_idr, t.cost.state_budget_idr);
        add(
            &mut totals.partner_contribution_idr,
            t.cost.partner_contribution_idr,
        );
        if let Some(row) = by_skill.iter_mut().find(|r| r.skill == t.skill) {
            row.trainings += 1;
            add(&mut row.participants, people);
            add(&mut row.certificates, certificates);
            add(&mut row.training_hours, hours);
        }
        let cycle = by_cycle.entry(&t.cycle).or_insert_with(|| CycleRow {
            cycle: t.cycle.clone(),
            trainings: 0,
            participants: 0,
            certificates: 0,
        });
        cycle.trainings += 1;
        add(&mut cycle.participants, people);
        add(&mut cycle.certificates, certificates);
        for p in &t.partners {
            partners.insert(p.as_str());
            let name = m.partner(p).map_or_else(|| p.clone(), |x| x.name.clone());
            let row = by_partner.entry(p).or_insert_with(|| PartnerRow {
                partner: p.clone(),
                name,
                trainings: 0,
                participants: 0,
            });
            row.trainings += 1;
            add(&mut row.participants, people);
        }
    }
    totals.partners = partners.len() as u64;
    Stats {
        totals,
        by_skill,
        by_cycle: by_cycle.into_values().collect(),
        by_partner: by_partner.into_values().collect(),
    }
}

/// Adds `value` to a total, checked. The model refuses content whose sums
/// overflow (`model::build` sums every training and outcome, more than any
/// figure here counts), so a built model never reaches the `expect`; should
/// one ever, the build stops rather than publish a wrapped total.
fn add(total: &mut u64, value: u64) {
    *total = total
        .checked_add(value)
        .expect("the model checked that every total fits");
}

/// Figures from rosters, for staff only.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RosterStats {
    /// Trainings that have a roster (counted trainings only).
    pub trainings_with_roster: u64,
    pub participants: u64,
    pub male: u64,
    pub female: u64,
    pub gender_unknown: u64,
    pub certified: u64,
    /// certified / participants, in percent, one decimal.
    pub pass_rate_pct: Option<f64>,
    /// Mean sessions attended, one decimal.
    pub attendance_avg: Option<f64>,
    pub pre_test_avg: Option<f64>,
    pub post_test_avg: Option<f64>,
    pub interest_avg: Option<f64>,
}

/// `output/internal/data/stats.json`: the public figures plus roster figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InternalStats {
    #[serde(flatten)]
    pub public: Stats,
    pub rosters: RosterStats,
    /// Per training with a roster, the same figures.
    pub by_training: Vec<TrainingRosterRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingRosterRow {
    pub training: String,
    #[serde(flatten)]
    pub figures: RosterStats,
}

pub fn compute_internal(model: &Model, public: Stats) -> InternalStats {
    let counted: Vec<&Training> = model.trainings.iter().filter(|t| t.is_counted()).collect();
    let by_training: Vec<TrainingRosterRow> = counted
        .iter()
        .filter(|t| t.internal.roster.is_some())
        .map(|t| TrainingRosterRow {
            training: t.public.id.clone(),
            figures: roster_figures(std::slice::from_ref(t)),
        })
        .collect();
    InternalStats {
        public,
        rosters: roster_figures(&counted),
        by_training,
    }
}

fn roster_figures(trainings: &[&Training]) -> RosterStats {
    let mut s = RosterStats::default();
    let (mut att, mut pre, mut post, mut interest) = (
        Mean::default(),
        Mean::default(),
        Mean::default(),
        Mean::default(),
    );
    for t in trainings {
        let Some(r) = &t.internal.roster else {
            continue;
        };
        s.trainings_with_roster += 1;
        for p in &r.participants {
            s.participants += 1;
            match p.gender {
                Some(Gender::M) => s.male += 1,
                Some(Gender::F) => s.female += 1,
                None => s.gender_unknown += 1,
            }
            s.certified += u64::from(p.certified);
            att.add(p.attendance.map(f64::from));
            pre.add(p.pre_test);
            post.add(p.post_test);
            interest.add(p.interest_score.map(f64::from));
        }
    }
    s.pass_rate_pct =
        (s.participants > 0).then(|| round1(100.0 * s.certified as f64 / s.participants as f64));
    s.attendance_avg = att.get();
    s.pre_test_avg = pre.get();
    s.post_test_avg = post.get();
    s.interest_avg = interest.get();
    s
}

#[derive(Default)]
struct Mean {
    sum: f64,
    n: u64,
}

impl Mean {
    fn add(&mut self, v: Option<f64>) {
        if let Some(v) = v {
            self.sum += v;
            self.n += 1;
        }
    }
    fn get(&self) -> Option<f64> {
        (self.n > 0).then(|| round1(self.sum / self.n as f64))
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
