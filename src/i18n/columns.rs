//! Column headers and sheet names of the data exports (`data/*.csv`,
//! `data/rapor.xlsx`), in the site's language. Headers stay short and
//! lower-case so that a script can name a column as easily as a person reads
//! it; the English ones are the headers the exports always had.

use crate::vocab::Lang;

/// (key, Indonesian, English).
const COLUMNS: &[(&str, &str, &str)] = &[
    // stats.csv: one figure per row.
    ("table", "tabel", "table"),
    ("key", "kunci", "key"),
    ("label", "nama", "label"),
    ("measure", "ukuran", "measure"),
    ("value", "nilai", "value"),
    // trainings.csv and the tables of the workbook.
    ("id", "id", "id"),
    ("title", "judul", "title"),
    ("skill", "keterampilan", "skill"),
    ("cycle", "siklus", "cycle"),
    ("partner", "mitra", "partner"),
    ("partners", "mitra", "partners"),
    ("name", "nama", "name"),
    ("start", "mulai", "start"),
    ("end", "selesai", "end"),
    ("status", "status", "status"),
    ("hours", "jam", "hours"),
    ("trainings", "pelatihan", "trainings"),
    ("participants", "peserta", "participants"),
    ("certificates", "sertifikat", "certificates"),
    ("training_hours", "jam pelatihan", "training hours"),
    // A portal's tables: a row per province or facility, with every total.
    ("region", "provinsi", "province"),
    ("facilities", "rutan/lapas", "facilities"),
    ("products_units", "produk (unit)", "products (units)"),
    (
        "products_value_idr",
        "nilai produk (rupiah)",
        "products value (rupiah)",
    ),
    (
        "state_budget_idr",
        "anggaran negara (rupiah)",
        "state budget (rupiah)",
    ),
    (
        "partner_contribution_idr",
        "kontribusi mitra (rupiah)",
        "partner contribution (rupiah)",
    ),
];

/// Sheet names of the workbook: (key, Indonesian, English), at most 31
/// characters and none of `[]:*?/\`, as Excel asks.
const SHEETS: &[(&str, &str, &str)] = &[
    ("totals", "Jumlah", "Totals"),
    ("by_skill", "Per keterampilan", "By skill"),
    ("by_cycle", "Per siklus", "By cycle"),
    ("by_partner", "Per mitra", "By partner"),
    ("trainings", "Pelatihan", "Trainings"),
    ("by_region", "Per provinsi", "By province"),
    ("by_facility", "Per Rutan-Lapas", "By facility"),
];

fn pick(
    table: &[(&str, &'static str, &'static str)],
    lang: Lang,
    key: &str,
) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|&(_, id, en)| if lang == Lang::En { en } else { id })
}

/// The header of column `key`; the key itself when unknown.
pub fn column(lang: Lang, key: &'static str) -> &'static str {
    pick(COLUMNS, lang, key).unwrap_or(key)
}

/// The name of sheet `key`; the key itself when unknown.
pub fn sheet(lang: Lang, key: &'static str) -> &'static str {
    pick(SHEETS, lang, key).unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_names_excel_accepts() {
        for &(_, id, en) in SHEETS {
            for name in [id, en] {
                assert!(name.chars().count() <= 31, "{name}");
                assert!(
                    !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn english_headers_are_the_old_ones() {
        assert_eq!(column(Lang::En, "title"), "title");
        assert_eq!(column(Lang::Id, "title"), "judul");
        assert_eq!(sheet(Lang::Id, "by_skill"), "Per keterampilan");
    }
}
