//! The tables of the exports, once, for both the CSV files and the
//! workbook: what each row holds and of which type, before any format.

use std::collections::BTreeMap;

use crate::i18n;
use crate::model::Date;
use crate::stats::{Stats, Totals};
use crate::view::types::Catalog;
use crate::vocab::{Lang, Status};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    /// Text from the content, or a key.
    Text(String),
    /// A figure rapor counted.
    Number(u64),
    Date(Date),
    /// No value (a planned training's participants).
    Blank,
}

/// One table: a sheet of the workbook; `trainings` is also a CSV file.
#[derive(Debug, Clone)]
pub(super) struct Table {
    /// The sheet's key (see `i18n::sheet`).
    pub(super) sheet: &'static str,
    /// The columns' keys (see `i18n::column`).
    pub(super) columns: Vec<&'static str>,
    pub(super) rows: Vec<Vec<Value>>,
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The totals of `stats.json`: (key, label key).
const TOTALS: [(&str, &str); 9] = [
    ("trainings", "trainings"),
    ("participants", "participants"),
    ("certificates", "certificates"),
    ("training_hours", "training_hours"),
    ("partners", "partners"),
    ("products_units", "products_units"),
    ("products_value_idr", "products_value"),
    ("state_budget_idr", "state_budget"),
    ("partner_contribution_idr", "partner_contribution"),
];

fn total_of(t: &Totals, key: &str) -> u64 {
    match key {
        "trainings" => t.trainings,
        "participants" => t.participants,
        "certificates" => t.certificates,
        "training_hours" => t.training_hours,
        "partners" => t.partners,
        "products_units" => t.products_units,
        "products_value_idr" => t.products_value_idr,
        "state_budget_idr" => t.state_budget_idr,
        _ => t.partner_contribution_idr,
    }
}

/// Every figure of `stats.json`, one per item: (table, key, label,
/// measure, value), as `stats.csv` lists them.
pub(super) fn figures(stats: &Stats) -> Vec<(&str, &str, &str, &'static str, u64)> {
    let mut out = Vec::new();
    for (key, _) in TOTALS {
        out.push(("totals", "", "", key, total_of(&stats.totals, key)));
    }
    for r in &stats.by_skill {
        for (measure, value) in [
            ("trainings", r.trainings),
            ("participants", r.participants),
            ("certificates", r.certificates),
            ("training_hours", r.training_hours),
        ] {
            out.push((
                "by_skill",
                r.skill.as_str(),
                r.label.as_str(),
                measure,
                value,
            ));
        }
    }
    for r in &stats.by_cycle {
        for (measure, value) in [
            ("trainings", r.trainings),
            ("participants", r.participants),
            ("certificates", r.certificates),
        ] {
            out.push((
                "by_cycle",
                r.cycle.as_str(),
                r.cycle.as_str(),
                measure,
                value,
            ));
        }
    }
    for r in &stats.by_partner {
        for (measure, value) in [("trainings", r.trainings), ("participants", r.participants)] {
            out.push((
                "by_partner",
                r.partner.as_str(),
                r.name.as_str(),
                measure,
                value,
            ));
        }
    }
    out
}

/// The "totals" sheet: a row per total of `stats.json` (key, label, value).
fn totals_table(t: &Totals, lang: Lang) -> Table {
    Table {
        sheet: "totals",
        columns: vec!["key", "label", "value"],
        rows: TOTALS
            .iter()
            .map(|&(key, label)| {
                vec![
                    text(key),
                    Value::Text(i18n::label(lang, label)),
                    Value::Number(total_of(t, key)),
                ]
            })
            .collect(),
    }
}

/// The tables of `stats.json`: totals, by skill, by cycle, by partner.
pub(super) fn of_stats(stats: &Stats, lang: Lang) -> Vec<Table> {
    let totals = totals_table(&stats.totals, lang);
    let by_skill = Table {
        sheet: "by_skill",
        columns: vec![
            "skill",
            "label",
            "trainings",
            "participants",
            "certificates",
            "training_hours",
        ],
        rows: stats
            .by_skill
            .iter()
            .map(|r| {
                vec![
                    text(&r.skill),
                    text(&r.label),
                    Value::Number(r.trainings),
                    Value::Number(r.participants),
                    Value::Number(r.certificates),
                    Value::Number(r.training_hours),
                ]
            })
            .collect(),
    };
    let by_cycle = Table {
        sheet: "by_cycle",
        columns: vec!["cycle", "trainings", "participants", "certificates"],
        rows: stats
            .by_cycle
            .iter()
            .map(|r| {
                vec![
                    text(&r.cycle),
                    Value::Number(r.trainings),
                    Value::Number(r.participants),
                    Value::Number(r.certificates),
                ]
            })
            .collect(),
    };
    let by_partner = Table {
        sheet: "by_partner",
        columns: vec!["partner", "name", "trainings", "participants"],
        rows: stats
            .by_partner
            .iter()
            .map(|r| {
                vec![
                    text(&r.partner),
                    text(&r.name),
                    Value::Number(r.trainings),
                    Value::Number(r.participants),
                ]
            })
            .collect(),
    };
    vec![totals, by_skill, by_cycle, by_partner]
}

/// A portal's tables: its national totals, and a row per province and per
/// facility with every total of `stats.json`. `regions` are (name, number
/// of facilities, totals); `facilities` (id, name, province, totals).
pub(super) fn of_portal(
    totals: &Totals,
    regions: &[(&str, u64, &Totals)],
    facilities: &[(&str, &str, &str, &Totals)],
    lang: Lang,
) -> Vec<Table> {
    let keys = || TOTALS.iter().map(|(k, _)| *k);
    let numbers = |t: &Totals| {
        keys()
            .map(|k| Value::Number(total_of(t, k)))
            .collect::<Vec<_>>()
    };
    let national = totals_table(totals, lang);
    let by_region = Table {
        sheet: "by_region",
        columns: ["region", "facilities"].into_iter().chain(keys()).collect(),
        rows: regions
            .iter()
            .map(|(name, n, t)| {
                let mut row = vec![text(name), Value::Number(*n)];
                row.extend(numbers(t));
                row
            })
            .collect(),
    };
    let by_facility = Table {
        sheet: "by_facility",
        columns: ["id", "name", "region"].into_iter().chain(keys()).collect(),
        rows: facilities
            .iter()
            .map(|(id, name, region, t)| {
                let mut row = vec![text(id), text(name), text(region)];
                row.extend(numbers(t));
                row
            })
            .collect(),
    };
    vec![national, by_region, by_facility]
}

/// One row per training of the catalog, oldest first. Participants and
/// certificates are blank for planned trainings (the contract shows them as
/// planned only); on the public site a planned training's row holds its
/// title, skill and dates alone.
pub(super) fn trainings(c: &Catalog) -> Table {
    let mut certificates: BTreeMap<&str, u64> = BTreeMap::new();
    for o in &c.outcomes {
        *certificates.entry(o.training.as_str()).or_default() += u64::from(o.certified);
    }
    let mut trainings: Vec<_> = c.trainings.iter().map(|(t, _)| *t).collect();
    trainings.sort_by(|a, b| a.start().cmp(&b.start()).then_with(|| a.id().cmp(b.id())));
    let rows = trainings
        .into_iter()
        .map(|t| {
            let end = t.end().map_or(Value::Blank, Value::Date);
            let (id, title, skill, start) =
                (text(t.id()), text(t.title()), text(t.skill()), t.start());
            let Some(t) = t.full() else {
                // Planned, on the public site: title, skill and dates only.
                return vec![
                    id,
                    title,
                    skill,
                    Value::Blank,
                    Value::Blank,
                    Value::Date(start),
                    end,
                    text(Status::Planned.key()),
                    Value::Blank,
                    Value::Blank,
                    Value::Blank,
                ];
            };
            let planned = t.status == Status::Planned;
            let blank_if_planned = |n: u64| {
                if planned {
                    Value::Blank
                } else {
                    Value::Number(n)
                }
            };
            let certs = certificates.get(t.id.as_str()).copied().unwrap_or(0);
            vec![
                id,
                title,
                skill,
                text(&t.cycle),
                text(&t.partners.join(" ")),
                Value::Date(start),
                end,
                text(t.status.key()),
                Value::Number(u64::from(t.hours)),
                blank_if_planned(u64::from(t.headcount)),
                blank_if_planned(certs),
            ]
        })
        .collect();
    Table {
        sheet: "trainings",
        columns: vec![
            "id",
            "title",
            "skill",
            "cycle",
            "partners",
            "start",
            "end",
            "status",
            "hours",
            "participants",
            "certificates",
        ],
        rows,
    }
}

/// The newest date of the content (a training's start or end, an outcome,
/// a story): the workbook's creation date, so that the same content makes
/// the same bytes whatever the clock says.
pub(super) fn newest_date(c: &Catalog) -> Option<Date> {
    let trainings = c
        .trainings
        .iter()
        .flat_map(|(t, _)| [Some(t.start()), t.end()])
        .flatten();
    let outcomes = c.outcomes.iter().map(|o| o.date);
    let stories = c.stories.iter().map(|(s, _)| s.date);
    trainings.chain(outcomes).chain(stories).max()
}
