//! Interface language: the label catalogue of the theme, and the way dates,
//! numbers and rupiah are written. Indonesian is the default; English is the
//! alternative. Templates read labels as `t.<key>` and never hard-code words.

mod columns;
mod labels;
mod portal;

use std::collections::BTreeMap;

pub use self::columns::{column, sheet};

use crate::model::Date;
use crate::vocab::Lang;

use self::labels::LABELS;

/// The labels of `lang`, as handed to templates (`t.key`).
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|&(k, id, en)| (k, if lang == Lang::En { en } else { id }))
        .collect()
}

/// The labels of `lang` for the national portal's pages: the theme's, and
/// the portal's own.
pub fn portal_labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let mut labels = labels(lang);
    for &(k, id, en) in portal::LABELS {
        labels.insert(k, if lang == Lang::En { en } else { id });
    }
    labels
}

/// A label by key; the key itself when unknown (a visible, harmless fallback).
pub fn label(lang: Lang, key: &str) -> String {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|&(_, id, en)| if lang == Lang::En { en } else { id })
        .unwrap_or(key)
        .to_string()
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(lang: Lang, d: Date) -> &'static str {
    let i = (d.month() as usize).clamp(1, 12) - 1;
    if lang == Lang::En {
        MONTHS_EN[i]
    } else {
        MONTHS_ID[i]
    }
}

/// "13 Desember 2025" / "13 December 2025".
pub fn date(lang: Lang, d: Date) -> String {
    format!("{} {} {}", d.day(), month(lang, d), d.year())
}

/// A range, shortened when the ends share a month or year:
/// "6 Oktober – 14 November 2025", "6–10 Oktober 2025".
pub fn date_range(lang: Lang, start: Date, end: Option<Date>) -> String {
    match end {
        None => date(lang, start),
        Some(e) if e == start => date(lang, start),
        Some(e) if e.year() == start.year() && e.month() == start.month() => {
            format!(
                "{}–{} {} {}",
                start.day(),
                e.day(),
                month(lang, e),
                e.year()
            )
        }
        Some(e) if e.year() == start.year() => {
            format!("{} {} – {}", start.day(), month(lang, start), date(lang, e))
        }
        Some(e) => format!("{} – {}", date(lang, start), date(lang, e)),
    }
}

/// Whole numbers with thousands separators: "1.234" (id) / "1,234" (en).
pub fn number(lang: Lang, n: u64) -> String {
    let sep = if lang == Lang::En { ',' } else { '.' };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal with one digit after the separator: "81,0" (id) / "81.0" (en).
pub fn decimal(lang: Lang, v: f64) -> String {
    let s = format!("{v:.1}");
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

/// Rupiah: "Rp 12.500.000" (id) / "Rp 12,500,000" (en).
pub fn idr(lang: Lang, n: u64) -> String {
    format!("Rp\u{a0}{}", number(lang, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_formats() {
        let d = Date::new(2025, 12, 13).unwrap();
        assert_eq!(date(Lang::Id, d), "13 Desember 2025");
        assert_eq!(date(Lang::En, d), "13 December 2025");
        assert_eq!(number(Lang::Id, 1234), "1.234");
        assert_eq!(number(Lang::Id, 12_500_000), "12.500.000");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Id, 0), "0");
        assert_eq!(number(Lang::Id, 999), "999");
        assert_eq!(idr(Lang::Id, 12_500_000), "Rp\u{a0}12.500.000");
        assert_eq!(decimal(Lang::Id, 81.04), "81,0");
        assert_eq!(decimal(Lang::En, 4.65), "4.7");
    }

    #[test]
    fn ranges_share_month_and_year() {
        let d = |m, d| Date::new(2025, m, d).unwrap();
        assert_eq!(
            date_range(Lang::Id, d(10, 6), Some(d(11, 14))),
            "6 Oktober – 14 November 2025"
        );
        assert_eq!(
            date_range(Lang::Id, d(10, 6), Some(d(10, 10))),
            "6–10 Oktober 2025"
        );
        assert_eq!(date_range(Lang::Id, d(10, 6), None), "6 Oktober 2025");
        let next = Date::new(2026, 1, 9).unwrap();
        assert_eq!(
            date_range(Lang::En, d(12, 1), Some(next)),
            "1 December 2025 – 9 January 2026"
        );
    }

    #[test]
    fn every_key_is_unique() {
        let mut keys: Vec<_> = LABELS.iter().chain(portal::LABELS).map(|l| l.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a label key is defined twice");
    }
}
