//! The page of one training: every public field, or, for a planned training
//! on the public site, its title, skill and dates alone (contract rule 3).

use std::sync::Arc;

use super::photo::photo_view;
use super::types::{
    EvaluationView, Link, OutcomeView, PhotoView, ProductRow, ServiceRow, TrainingCard,
    TrainingView,
};
use crate::i18n;
use crate::markdown::IdSet;
use crate::markdown::memo::Memo;
use crate::model::{OutcomePublic, TrainingPublic};
use crate::photos::PhotoMap;
use crate::vocab::{Lang, Status};

/// What the view of a whole training needs from the site's other records.
pub(super) struct Full<'a, P, G> {
    pub lang: Lang,
    pub md: &'a Memo,
    pub photos: &'a PhotoMap,
    pub partner_link: &'a P,
    pub programme_link: &'a G,
}

impl<P, G> Full<'_, P, G>
where
    P: Fn(&String) -> Option<Link>,
    G: Fn(&String) -> Option<Link>,
{
    /// Every public field of `t`, whatever its status: on the public site
    /// only trainings that count are given whole, and the internal site
    /// shows a planned training's plans as they are.
    pub fn training(
        &self,
        t: &TrainingPublic,
        mut card: TrainingCard,
        outcomes: &[&OutcomePublic],
        stories: Vec<Link>,
    ) -> TrainingView {
        let lang = self.lang;
        let mut ids = IdSet::for_page();
        let photos: Vec<PhotoView> = t
            .photos
            .iter()
            .filter_map(|p| photo_view(p, self.photos))
            .collect();
        let outcomes: Vec<OutcomeView> = outcomes
            .iter()
            .map(|o| outcome_view(o, lang, self.partner_link, self.md, &mut ids))
            .collect();
        let money = t.cost.state_budget_idr > 0 || t.cost.partner_contribution_idr > 0;
        let planned = t.status == Status::Planned;
        card.cycle = Some(t.cycle.clone());
        // A planned training's `participants` is the headcount planned for;
        // `0` there means it is not known yet.
        card.headcount =
            (!planned || t.headcount > 0).then(|| i18n::number(lang, u64::from(t.headcount)));
        card.thumb = photos.first().cloned();
        TrainingView {
            card,
            planned,
            location: t.location.clone(),
            hours: (t.hours > 0).then(|| i18n::number(lang, u64::from(t.hours))),
            state_budget: (!planned || money).then(|| i18n::idr(lang, t.cost.state_budget_idr)),
            partner_contribution: (!planned || money)
                .then(|| i18n::idr(lang, t.cost.partner_contribution_idr)),
            partners: t.partners.iter().filter_map(self.partner_link).collect(),
            programme: t.programme.as_ref().and_then(self.programme_link),
            photos,
            body_html: self.md.html(&t.body_md, &mut ids),
            outcomes,
            stories,
        }
    }
}

/// A planned training on the public site: its card (title, skill, dates,
/// status) and nothing else, for there is nothing else to give.
pub(super) fn planned_view(card: TrainingCard) -> TrainingView {
    TrainingView {
        card,
        planned: true,
        location: None,
        hours: None,
        state_budget: None,
        partner_contribution: None,
        partners: Vec::new(),
        programme: None,
        photos: Vec::new(),
        body_html: Arc::from(""),
        outcomes: Vec::new(),
        stories: Vec::new(),
    }
}
pub(super) fn outcome_view(
    o: &OutcomePublic,
    lang: Lang,
    partner_link: &impl Fn(&String) -> Option<Link>,
    md: &Memo,
    ids: &mut IdSet,
) -> OutcomeView {
    let n = |v: u64| i18n::number(lang, v);
    OutcomeView {
        date: i18n::date(lang, o.date),
        assessed: n(u64::from(o.assessed)),
        certified: n(u64::from(o.certified)),
        certifier: o.certifier.as_ref().and_then(partner_link),
        products: o
            .products
            .iter()
            .map(|p| ProductRow {
                name: p.name.clone(),
                quantity: n(p.quantity),
                unit_value: i18n::idr(lang, p.unit_value_idr),
                value: i18n::idr(lang, p.value_idr()),
            })
            .collect(),
        services: o
            .services
            .iter()
            .map(|s| ServiceRow {
                name: s.name.clone(),
                quantity: n(s.quantity),
            })
            .collect(),
        evaluation: o.evaluation.map(|e| EvaluationView {
            pre_test_avg: e.pre_test_avg.map(|v| i18n::decimal(lang, v)),
            post_test_avg: e.post_test_avg.map(|v| i18n::decimal(lang, v)),
            satisfaction: e.satisfaction.map(|v| i18n::decimal(lang, v)),
        }),
        summary_html: o.summary_md.as_deref().map(|s| md.html(s, ids)),
    }
}
