//! One figure, one value: every count shown on more than one page (the
//! home page's, the impact page's and the report's figures; a partner's
//! trainings on the impact page and in the report) is the value of
//! `stats.json`, on the public and the internal site alike, with a draft
//! training (internal only) in the content to tempt the internal pages.

mod common;

use std::collections::BTreeMap;

use common::*;

/// A number as a page writes it ("12.750.000", "Rp 42.050.000", "1,200").
fn number(text: &str) -> u64 {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number in {text:?}"))
}

/// The headline figures of a page: `figure-<key>` -> value.
fn figures(page: &str) -> BTreeMap<String, u64> {
    page.split("<li class=\"figure figure-")
        .skip(1)
        .map(|rest| {
            let key = rest.split('"').next().unwrap().to_string();
            let value = rest
                .split("<span class=\"figure-value\">")
                .nth(1)
                .and_then(|v| v.split("</span>").next())
                .unwrap();
            (key, number(value))
        })
        .collect()
}

/// The `stats.json` total a figure shows.
fn total_of(key: &str) -> String {
    match key {
        "products_value" | "partner_contribution" | "state_budget" => format!("{key}_idr"),
        k => k.to_string(),
    }
}

/// The rows of the table after `marker` that link a partner: id -> the
/// numbers of the row's cells.
fn partner_rows(page: &str, marker: &str) -> BTreeMap<String, Vec<u64>> {
    let table = page
        .split(marker)
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .unwrap_or_else(|| panic!("no {marker} table"));
    table
        .split("<tr>")
        .filter_map(|row| {
            let id = row
                .split("partners/")
                .nth(1)?
                .split('/')
                .next()?
                .to_string();
            let nums = row
                .split("<td class=\"num\">")
                .skip(1)
                .map(|c| number(c.split("</td>").next().unwrap()))
                .collect();
            Some((id, nums))
        })
        .collect()
}

#[test]
fn every_figure_shown_twice_has_one_value() {
    let site = site("example");
    set_protect(site.path(), false);
    // A draft training of a partner: the internal site lists it, no figure
    // counts it.
    let trainings = site.path().join("content/trainings");
    let first = trainings.join("yoga-2025.md");
    let text: String = read(&first)
        .lines()
        .filter(|l| !l.starts_with("draft:"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replacen("---\n", "---\ndraft: true\n", 1);
    assert!(text.contains("partners:"), "{}", first.display());
    std::fs::write(trainings.join("draft-copy.md"), text).unwrap();
    let out = build_ok(site.path());
    let stats: serde_json::Value =
        serde_json::from_str(&read(&out.join("public/data/stats.json"))).unwrap();
    let totals = &stats["totals"];
    let by_partner: BTreeMap<String, (u64, u64)> = stats["by_partner"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = r["partner"].as_str().unwrap().to_string();
            let n = |k: &str| r[k].as_u64().unwrap();
            (id, (n("trainings"), n("participants")))
        })
        .collect();
    assert!(!by_partner.is_empty());
    for audience in ["public", "internal"] {
        let dir = out.join(audience);
        // The internal site's roster figures have no stats.json key: they
        // must agree from page to page.
        let mut seen: BTreeMap<String, (u64, &str)> = BTreeMap::new();
        for page in ["index.html", "impact/index.html", "report/index.html"] {
            let shown = figures(&read(&dir.join(page)));
            assert!(
                shown.contains_key("participants"),
                "{audience}/{page}: {shown:?}"
            );
            for (key, value) in &shown {
                if let Some((before, other)) = seen.get(key) {
                    assert_eq!(
                        before, value,
                        "{audience}: figure {key} is {before} on {other}, {value} on {page}"
                    );
                }
                seen.insert(key.clone(), (*value, page));
                match totals.get(total_of(key)) {
                    Some(want) => assert_eq!(
                        want.as_u64(),
                        Some(*value),
                        "{audience}/{page}: figure {key} is {value}, stats.json says {want}"
                    ),
                    None => assert_eq!(audience, "internal", "{page}: figure {key} unknown"),
                }
            }
        }
        // Each cycle's report shows its row of by_cycle.
        let cycles = stats["by_cycle"].as_array().unwrap();
        assert!(!cycles.is_empty());
        for row in cycles {
            let cycle = row["cycle"].as_str().unwrap();
            let page = read(&dir.join("report").join(cycle).join("index.html"));
            let shown = figures(&page);
            for key in ["trainings", "participants", "certificates"] {
                assert_eq!(
                    shown.get(key).copied(),
                    row[key].as_u64(),
                    "{audience} report of cycle {cycle}: {key}"
                );
            }
            let link = format!("report/{cycle}/index.html");
            for from in ["report/index.html", "impact/index.html"] {
                assert!(
                    read(&dir.join(from)).contains(&link),
                    "{audience}/{from} lacks {link}"
                );
            }
        }
        let impact = partner_rows(&read(&dir.join("impact/index.html")), "id=\"by-partner\"");
        let report = partner_rows(
            &read(&dir.join("report/index.html")),
            "id=\"report-partners\"",
        );
        assert_eq!(
            impact.len(),
            by_partner.len(),
            "{audience} impact: {impact:?}"
        );
        for (id, (trainings, participants)) in &by_partner {
            assert_eq!(
                impact[id],
                vec![*trainings, *participants],
                "{audience} impact page, partner {id}"
            );
            assert_eq!(
                report.get(id),
                Some(&vec![*trainings]),
                "{audience} report, partner {id}"
            );
        }
    }
}
