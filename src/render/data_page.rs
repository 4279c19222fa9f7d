//! The open-data page (`data/index.html`, "Data terbuka"): every data file of
//! the site (`stats.json`, the CSV exports, the workbook), each linked,
//! described in a sentence and given its size. The files are the ones this
//! audience's site writes, so the internal page lists the internal files.

use serde::Serialize;

use super::audience::Audience;
use crate::i18n;
use crate::view::SiteViews;
use crate::vocab::Lang;

/// One file the page lists.
#[derive(Serialize)]
pub(super) struct DataFile {
    /// From the site root, e.g. `data/stats.csv`.
    path: String,
    /// The file's name, e.g. `stats.csv`.
    name: String,
    /// What it holds, in a sentence.
    about: String,
    /// "2,4 KB" / "2.4 KB".
    size: String,
}

/// The label that describes the file at `path`.
fn about_key(path: &str) -> &'static str {
    match path {
        "data/stats.json" => "data_about_stats_json",
        "data/stats.csv" => "data_about_stats_csv",
        "data/trainings.csv" => "data_about_trainings_csv",
        "data/rapor.xlsx" => "data_about_xlsx",
        _ => "data_about_other",
    }
}

/// A size as people read it: bytes under a kilobyte, else KB or MB with one
/// decimal (1 KB = 1024 bytes).
pub(super) fn size(lang: Lang, bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!(
            "{} {}",
            i18n::number(lang, bytes as u64),
            i18n::label(lang, "data_bytes")
        )
    } else if b < KB * KB {
        format!("{}\u{a0}KB", i18n::decimal(lang, b / KB))
    } else {
        format!("{}\u{a0}MB", i18n::decimal(lang, b / KB / KB))
    }
}

/// The files the data page of `a`'s site lists: its `stats.json`, then its
/// exports.
pub(super) fn files<A: Audience>(a: &A, v: &SiteViews) -> Vec<DataFile> {
    let lang = v.site.lang;
    let stats = a.stats_json().len();
    [("data/stats.json", stats)]
        .into_iter()
        .chain(v.exports.iter().map(|(p, b)| (p.as_str(), b.len())))
        .map(|(path, bytes)| DataFile {
            path: path.to_string(),
            name: path.rsplit('/').next().unwrap_or(path).to_string(),
            about: i18n::label(lang, about_key(path)),
            size: size(lang, bytes),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(size(Lang::Id, 512), "512 bita");
        assert_eq!(size(Lang::En, 512), "512 bytes");
        assert_eq!(size(Lang::Id, 2560), "2,5\u{a0}KB");
        assert_eq!(size(Lang::En, 3 * 1024 * 1024), "3.0\u{a0}MB");
    }
}
