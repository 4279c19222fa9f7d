//! The impact figures and charts, from the statistics.

use super::types::*;
use super::urls::partner_url;
use crate::i18n::{self, label};
use crate::stats::{Stats, Totals};
use crate::vocab::Lang;

pub(super) fn impact_view(stats: &Stats, lang: Lang) -> ImpactView {
    let n = |v: u64| i18n::number(lang, v);
    let t = &stats.totals;
    let figures = totals_figures(t, lang);
    ImpactView {
        figures,
        charts: charts_view(stats, lang),
        budget: BudgetView {
            partner: i18n::idr(lang, t.partner_contribution_idr),
            state: i18n::idr(lang, t.state_budget_idr),
            chart: budget_chart(stats, lang),
        },
        by_skill: stats
            .by_skill
            .iter()
            .map(|r| Row {
                key: r.skill.clone(),
                label: r.label.clone(),
                url: None,
                cells: vec![
                    n(r.trainings),
                    n(r.participants),
                    n(r.certificates),
                    n(r.training_hours),
                ],
            })
            .collect(),
        by_cycle: stats
            .by_cycle
            .iter()
            .map(|r| Row {
                key: r.cycle.clone(),
                label: r.cycle.clone(),
                url: None,
                cells: vec![n(r.trainings), n(r.participants), n(r.certificates)],
            })
            .collect(),
        by_partner: stats
            .by_partner
            .iter()
            .map(|r| Row {
                key: r.partner.clone(),
                label: r.name.clone(),
                url: Some(partner_url(&r.partner)),
                cells: vec![n(r.trainings), n(r.participants)],
            })
            .collect(),
    }
}

fn charts_view(stats: &Stats, lang: Lang) -> ChartsView {
    use crate::charts::{Series, bars};
    let n = |v: u64| (v, i18n::number(lang, v));
    let l = |key: &str| label(lang, key);
    let (participants, certificates) = (l("participants"), l("certificates"));
    let skills: Vec<String> = stats.by_skill.iter().map(|r| r.label.clone()).collect();
    let by_skill = bars(
        &l("chart_by_skill"),
        &skills,
        &[Series {
            name: &participants,
            class: "series-1",
            values: stats.by_skill.iter().map(|r| n(r.participants)).collect(),
        }],
    );
    let cycles: Vec<String> = stats.by_cycle.iter().map(|r| r.cycle.clone()).collect();
    let by_cycle = bars(
        &l("chart_by_cycle"),
        &cycles,
        &[
            Series {
                name: &participants,
                class: "series-1",
                values: stats.by_cycle.iter().map(|r| n(r.participants)).collect(),
            },
            Series {
                name: &certificates,
                class: "series-2",
                values: stats.by_cycle.iter().map(|r| n(r.certificates)).collect(),
            },
        ],
    );
    ChartsView { by_skill, by_cycle }
}

fn budget_chart(stats: &Stats, lang: Lang) -> String {
    use crate::charts::{Series, bars};
    let l = |key: &str| label(lang, key);
    let t = &stats.totals;
    let money = |v: u64| (v, i18n::idr(lang, v));
    if t.partner_contribution_idr == 0 && t.state_budget_idr == 0 {
        String::new()
    } else {
        bars(
            &l("budget_compare"),
            &[l("partner_contribution"), l("state_budget")],
            &[Series {
                name: "",
                class: "series-1",
                values: vec![money(t.partner_contribution_idr), money(t.state_budget_idr)],
            }],
        )
    }
}

/// The headline figures of a site's totals, labelled and written in `lang`
/// (also the portal's, of summed totals).
pub fn totals_figures(t: &Totals, lang: Lang) -> Vec<Figure> {
    let n = |v: u64| i18n::number(lang, v);
    let fig = |key: &'static str, value: String| Figure {
        key,
        label: label(lang, key),
        value,
    };
    vec![
        fig("participants", n(t.participants)),
        fig("certificates", n(t.certificates)),
        fig("trainings", n(t.trainings)),
        fig("training_hours", n(t.training_hours)),
        fig("partners", n(t.partners)),
        fig("products_units", n(t.products_units)),
        fig("products_value", i18n::idr(lang, t.products_value_idr)),
        fig(
            "partner_contribution",
            i18n::idr(lang, t.partner_contribution_idr),
        ),
        fig("state_budget", i18n::idr(lang, t.state_budget_idr)),
    ]
}
