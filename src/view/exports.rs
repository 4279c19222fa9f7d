//! Data exports: `data/stats.csv` and `data/trainings.csv`, built from the
//! same catalog as the pages (so the public ones hold public parts only).
//!
//! CSV is written for spreadsheets as people use them: UTF-8 with a byte-order
//! mark (so Excel does not garble "Rp" or accented names), CRLF line ends, and
//! quoting wherever a value holds a comma, quote or line break.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::Catalog;
use crate::model::Status;
use crate::stats::Stats;

/// One CSV field, quoted when it has to be.
fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn row<S: AsRef<str>>(out: &mut String, values: &[S]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, v.as_ref());
    }
    out.push_str("\r\n");
}

fn csv() -> String {
    String::from('\u{feff}')
}

/// `data/stats.csv`: every figure of `stats.json` as one tidy table, one
/// figure per row: table, key, label, measure, value.
pub fn stats_csv(stats: &Stats) -> String {
    let mut out = csv();
    row(&mut out, &["table", "key", "label", "measure", "value"]);
    let t = &stats.totals;
    let totals = [
        ("trainings", t.trainings),
        ("participants", t.participants),
        ("certificates", t.certificates),
        ("training_hours", t.training_hours),
        ("partners", t.partners),
        ("products_units", t.products_units),
        ("products_value_idr", t.products_value_idr),
        ("state_budget_idr", t.state_budget_idr),
        ("partner_contribution_idr", t.partner_contribution_idr),
    ];
    for (measure, value) in totals {
        row(&mut out, &["totals", "", "", measure, &value.to_string()]);
    }
    for r in &stats.by_skill {
        for (measure, value) in [
            ("trainings", r.trainings),
            ("participants", r.participants),
            ("certificates", r.certificates),
            ("training_hours", r.training_hours),
        ] {
            row(
                &mut out,
                &["by_skill", &r.skill, &r.label, measure, &value.to_string()],
            );
        }
    }
    for r in &stats.by_cycle {
        for (measure, value) in [
            ("trainings", r.trainings),
            ("participants", r.participants),
            ("certificates", r.certificates),
        ] {
            row(
                &mut out,
                &["by_cycle", &r.cycle, &r.cycle, measure, &value.to_string()],
            );
        }
    }
    for r in &stats.by_partner {
        for (measure, value) in [("trainings", r.trainings), ("participants", r.participants)] {
            row(
                &mut out,
                &[
                    "by_partner",
                    &r.partner,
                    &r.name,
                    measure,
                    &value.to_string(),
                ],
            );
        }
    }
    out
}

/// `data/trainings.csv`: one row per training of the catalog. Participants
/// are blank for planned trainings (the contract shows them as planned only);
/// on the public site a planned training's row holds its title, skill and
/// dates alone.
pub fn trainings_csv(c: &Catalog) -> String {
    let mut certificates: BTreeMap<&str, u64> = BTreeMap::new();
    for o in &c.outcomes {
        *certificates.entry(o.training.as_str()).or_default() += u64::from(o.certified);
    }
    let mut out = csv();
    row(
        &mut out,
        &[
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
    );
    let mut trainings: Vec<_> = c.trainings.iter().map(|(t, _)| *t).collect();
    trainings.sort_by(|a, b| a.start().cmp(&b.start()).then_with(|| a.id().cmp(b.id())));
    for t in trainings {
        let mut end = String::new();
        if let Some(e) = t.end() {
            let _ = write!(end, "{e}");
        }
        let (id, title, skill, start) = (t.id(), t.title(), t.skill(), t.start().to_string());
        let Some(t) = t.full() else {
            // Planned, on the public site: title, skill and dates only.
            row(
                &mut out,
                &[
                    id,
                    title,
                    skill,
                    "",
                    "",
                    &start,
                    &end,
                    Status::Planned.key(),
                    "",
                    "",
                    "",
                ],
            );
            continue;
        };
        let planned = t.status == Status::Planned;
        let participants = if planned {
            String::new()
        } else {
            t.headcount.to_string()
        };
        let certs = if planned {
            String::new()
        } else {
            certificates
                .get(t.id.as_str())
                .copied()
                .unwrap_or(0)
                .to_string()
        };
        row(
            &mut out,
            &[
                id,
                title,
                skill,
                &t.cycle,
                &t.partners.join(" "),
                &start,
                &end,
                t.status.key(),
                &t.hours.to_string(),
                &participants,
                &certs,
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        row(&mut out, &["plain", "a,b", "say \"hi\"", "two\nlines"]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }
}
