//! The portal's map: Indonesia's provinces as inline SVG (no script, no
//! tiles), each shaded by one figure of its facilities, for a template to
//! draw beside a table of the same figures. Pure: no I/O.
//!
//! The outlines are `provinces.tsv` (MapSVG's map, CC BY 4.0, simplified to
//! about 29 KB). A region is matched to its province by slug, with the
//! other names people write for a few provinces ("DKI Jakarta" or
//! "Jakarta"). A region the map has no outline for, such as the provinces
//! made from Papua in 2022, is named under the map, and its figures stay in
//! the table.

use serde::Serialize;

use super::figures::PortalStats;
use crate::i18n;
use crate::stats::Totals;
use crate::text::slugify;
use crate::vocab::Lang;

const PROVINCES: &str = include_str!("provinces.tsv");

/// Shades of a map, besides the shade of a province with no facility.
const SHADES: u64 = 5;

/// Other ways of writing a province's name, as slugs: (written, the map's).
const ALIASES: &[(&str, &str)] = &[
    ("jakarta", "dki-jakarta"),
    ("daerah-khusus-ibukota-jakarta", "dki-jakarta"),
    ("jakarta-raya", "dki-jakarta"),
    ("yogyakarta", "di-yogyakarta"),
    ("daerah-istimewa-yogyakarta", "di-yogyakarta"),
    ("bangka-belitung", "kepulauan-bangka-belitung"),
    ("nanggroe-aceh-darussalam", "aceh"),
    ("ntt", "nusa-tenggara-timur"),
    ("ntb", "nusa-tenggara-barat"),
];

#[derive(Debug, Clone, Serialize)]
pub struct Province {
    pub name: String,
    /// SVG path data.
    pub d: &'static str,
    /// 0 with no facility, else 1 (least) to 5 (most).
    pub shade: u64,
    /// The figure written out, with no facility "0".
    pub value: String,
    /// The region's page, when the portal has facilities there.
    pub url: Option<String>,
}

/// One step of the legend: its shade and the values it stands for.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub shade: u64,
    pub range: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MapView {
    /// The figure's key and label.
    pub figure: &'static str,
    pub label: String,
    pub provinces: Vec<Province>,
    pub legend: Vec<Step>,
    /// Regions of the portal with no outline on the map.
    pub not_drawn: Vec<String>,
}

/// The outlines: (name, path data), in the file's order.
fn outlines() -> impl Iterator<Item = (&'static str, &'static str)> {
    PROVINCES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
}

/// The map's slug for a region as written.
fn province_slug(region: &str) -> String {
    let slug = slugify(region);
    ALIASES
        .iter()
        .find(|(written, _)| *written == slug)
        .map_or(slug, |(_, map)| (*map).to_string())
}

/// The figure of `totals` a map shows: one of
/// [`super::config::MAP_FIGURES`].
fn value(totals: &Totals, figure: &str) -> u64 {
    match figure {
        "trainings" => totals.trainings,
        "certificates" => totals.certificates,
        "training_hours" => totals.training_hours,
        _ => totals.participants,
    }
}

/// The shade of `v` on a map whose largest value is `max`: equal steps of
/// the largest, so that twice the shade is about twice the figure.
fn shade(v: u64, max: u64) -> u64 {
    if v == 0 || max == 0 {
        return 0;
    }
    (v * SHADES).div_ceil(max).clamp(1, SHADES)
}

/// The map of `stats` by `figure` (one of [`super::config::MAP_FIGURES`]).
pub fn map(stats: &PortalStats, figure: &'static str, lang: Lang) -> MapView {
    let n = |v: u64| i18n::number(lang, v);
    let regions: Vec<(String, &str, u64)> = stats
        .by_region
        .iter()
        .map(|r| {
            (
                province_slug(&r.region),
                r.slug.as_str(),
                value(&r.totals, figure),
            )
        })
        .collect();
    let max = regions.iter().map(|r| r.2).max().unwrap_or(0);
    let mut drawn = vec![false; regions.len()];
    let provinces: Vec<Province> = outlines()
        .map(|(name, d)| {
            let slug = slugify(name);
            // Two regions written two ways for one province add up.
            let mut v = 0;
            let mut url = None;
            for (i, r) in regions.iter().enumerate().filter(|(_, r)| r.0 == slug) {
                drawn[i] = true;
                v += r.2;
                url.get_or_insert_with(|| format!("regions/{}/index.html", r.1));
            }
            Province {
                name: name.to_string(),
                d,
                shade: shade(v, max),
                value: n(v),
                url,
            }
        })
        .collect();
    let none = provinces.iter().any(|p: &Province| p.shade == 0);
    let legend = (0..=SHADES)
        .filter(|s| if *s == 0 { none } else { max > 0 })
        .filter_map(|s| {
            if s == 0 {
                return Some(Step {
                    shade: 0,
                    range: n(0),
                });
            }
            // The values of shade s: above (s-1)/5 of the largest, up to s/5.
            let low = ((s - 1) * max) / SHADES + 1;
            let high = (s * max) / SHADES;
            (low <= high).then(|| Step {
                shade: s,
                range: if low == high {
                    n(low)
                } else {
                    format!("{}–{}", n(low), n(high))
                },
            })
        })
        .collect();
    let not_drawn = stats
        .by_region
        .iter()
        .zip(&drawn)
        .filter(|(_, d)| !**d)
        .map(|(r, _)| r.region.clone())
        .collect();
    MapView {
        figure,
        label: i18n::label(lang, figure),
        provinces,
        legend,
        not_drawn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outline_is_a_closed_path_and_the_map_stays_small() {
        let all: Vec<_> = outlines().collect();
        assert_eq!(all.len(), 34);
        for (name, d) in &all {
            assert!(d.starts_with('M') && d.ends_with('z'), "{name}");
            assert!(
                d.chars()
                    .all(|c| c.is_ascii_digit() || " .-Mlz".contains(c)),
                "{name}: only moves, lines and numbers"
            );
        }
        assert!(PROVINCES.len() < 32 * 1024);
    }

    #[test]
    fn names_people_write_find_their_province() {
        let names: Vec<String> = outlines().map(|(n, _)| slugify(n)).collect();
        for written in [
            "Nusa Tenggara Timur",
            "DKI Jakarta",
            "Jakarta",
            "Daerah Istimewa Yogyakarta",
            "Bangka Belitung",
            "NTT",
        ] {
            assert!(names.contains(&province_slug(written)), "{written}");
        }
        assert!(!names.contains(&province_slug("Papua Selatan")));
    }

    #[test]
    fn shades_grow_with_the_figure_and_zero_is_its_own() {
        assert_eq!(shade(0, 100), 0);
        assert_eq!(shade(1, 100), 1);
        assert_eq!(shade(20, 100), 1);
        assert_eq!(shade(21, 100), 2);
        assert_eq!(shade(100, 100), 5);
        assert_eq!(shade(3, 3), 5);
    }
}
