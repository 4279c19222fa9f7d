//! Interface language: the label catalogue of the theme, and the way dates,
//! numbers and rupiah are written. Indonesian is the default; English is the
//! alternative. Templates read labels as `t.<key>` and never hard-code words.

mod columns;

use std::collections::BTreeMap;

pub use self::columns::{column, sheet};

use crate::model::Date;
use crate::vocab::Lang;

/// (key, Indonesian, English). One table so that a label cannot exist in one
/// language only.
const LABELS: &[(&str, &str, &str)] = &[
    ("lang_code", "id", "en"),
    ("skip_to_content", "Langsung ke isi", "Skip to content"),
    ("nav_label", "Navigasi utama", "Main navigation"),
    ("nav_home", "Beranda", "Home"),
    ("nav_trainings", "Pelatihan", "Trainings"),
    ("nav_partners", "Mitra", "Partners"),
    ("nav_stories", "Berita", "News"),
    ("nav_impact", "Dampak", "Impact"),
    ("nav_photos", "Foto", "Photos"),
    (
        "photos_intro",
        "Foto yang sudah mendapat izin publikasi, dari setiap pelatihan dan berita.",
        "Photos cleared for publication, from every training and story.",
    ),
    ("nav_programmes", "Program", "Programme"),
    ("breadcrumb", "Jejak halaman", "Breadcrumb"),
    ("headline", "Capaian program", "Programme at a glance"),
    ("participants", "Peserta", "Participants"),
    (
        "certificates",
        "Sertifikat kompetensi",
        "Competency certificates",
    ),
    ("trainings", "Pelatihan", "Trainings"),
    ("training_hours", "Jam pelatihan", "Training hours"),
    ("partners", "Mitra", "Partners"),
    (
        "partner_contribution",
        "Kontribusi mitra",
        "Partner contribution",
    ),
    ("state_budget", "Anggaran negara", "State budget"),
    (
        "budget_compare",
        "Kontribusi mitra dibandingkan anggaran negara",
        "Partner contribution beside the state budget",
    ),
    ("products_units", "Produk dihasilkan", "Products made"),
    ("products_value", "Nilai produk", "Value of products"),
    ("latest_stories", "Berita terbaru", "Latest news"),
    ("latest_trainings", "Pelatihan terbaru", "Latest trainings"),
    ("all_stories", "Semua berita", "All news"),
    ("all_trainings", "Semua pelatihan", "All trainings"),
    ("all_partners", "Semua mitra", "All partners"),
    ("read_more", "Baca selengkapnya", "Read more"),
    ("skill", "Keterampilan", "Skill"),
    ("cycle", "Siklus", "Cycle"),
    ("dates", "Tanggal", "Dates"),
    ("location", "Tempat", "Location"),
    ("hours", "Jam pelatihan", "Training hours"),
    ("status", "Status", "Status"),
    ("status_planned", "Direncanakan", "Planned"),
    ("status_ongoing", "Sedang berjalan", "Ongoing"),
    ("status_completed", "Selesai", "Completed"),
    ("draft", "Draf", "Draft"),
    (
        "draft_note",
        "Draf: tidak tampil di situs publik.",
        "Draft: not shown on the public site.",
    ),
    (
        "planned_note",
        "Pelatihan ini masih direncanakan; data peserta belum ada.",
        "This training is still planned; there are no participant figures yet.",
    ),
    ("programme", "Program", "Programme"),
    ("cost", "Biaya", "Cost"),
    ("impact_title", "Dampak program", "Programme impact"),
    (
        "impact_intro",
        "Angka dihitung dari pelatihan yang sedang berjalan atau selesai.",
        "Figures count trainings that are ongoing or completed.",
    ),
    ("totals", "Ringkasan", "Summary"),
    ("figure", "Ukuran", "Measure"),
    ("value", "Nilai", "Value"),
    ("training", "Pelatihan", "Training"),
    ("partner", "Mitra", "Partner"),
    ("report_title", "Laporan program", "Programme report"),
    (
        "report_intro",
        "Laporan berkala program pembinaan kemandirian, siap dicetak atau disimpan sebagai PDF.",
        "A periodic report of the programme, ready to print or save as PDF.",
    ),
    ("report_link", "Laporan siap cetak", "Printable report"),
    ("report_as_of", "Data per", "Data as of"),
    ("social", "Media sosial", "Social media"),
    ("signature", "Pengesahan", "Signature"),
    ("acknowledged", "Mengetahui,", "Acknowledged by,"),
    ("head_of", "Kepala", "Head of"),
    ("report_cycles", "Laporan per siklus", "Reports per cycle"),
    ("report_cycle", "Laporan siklus", "Report of cycle"),
    (
        "report_whole",
        "Laporan seluruh periode",
        "The report of the whole period",
    ),
    (
        "report_print_hint",
        "Untuk mencetak atau menyimpan sebagai PDF, pilih Cetak di menu peramban (Ctrl+P) dan ukuran kertas A4.",
        "To print or save as PDF, choose Print in the browser menu (Ctrl+P) and A4 paper.",
    ),
    ("report_charts", "Grafik", "Charts"),
    (
        "report_charts_note",
        "Angka lengkap per keterampilan, siklus dan mitra ada di halaman",
        "The full figures by skill, cycle and partner are on the page",
    ),
    (
        "report_rosters",
        "Ringkasan daftar peserta (internal)",
        "Roster summary (internal)",
    ),
    ("by_skill", "Menurut keterampilan", "By skill"),
    (
        "chart_by_skill",
        "Peserta menurut keterampilan",
        "Participants by skill",
    ),
    (
        "chart_by_cycle",
        "Peserta dan sertifikat menurut siklus",
        "Participants and certificates by cycle",
    ),
    ("by_cycle", "Menurut siklus", "By cycle"),
    ("by_partner", "Menurut mitra", "By partner"),
    (
        "download_data",
        "Unduh data (JSON)",
        "Download the data (JSON)",
    ),
    ("outcomes", "Hasil pelatihan", "Training results"),
    ("assessed", "Peserta diuji", "Participants assessed"),
    ("certified", "Bersertifikat", "Certified"),
    (
        "roster_participants",
        "Orang dalam daftar peserta",
        "People on the rosters",
    ),
    (
        "roster_certified",
        "Bersertifikat menurut daftar peserta",
        "Certified on the rosters",
    ),
    ("certifier", "Penerbit sertifikat", "Certificate issuer"),
    ("evaluation", "Evaluasi", "Evaluation"),
    ("pre_test_avg", "Rata-rata pre-test", "Pre-test average"),
    ("post_test_avg", "Rata-rata post-test", "Post-test average"),
    (
        "satisfaction",
        "Kepuasan peserta (1–5)",
        "Participant satisfaction (1–5)",
    ),
    ("products", "Produk", "Products"),
    ("services", "Layanan", "Services"),
    ("item", "Nama", "Name"),
    ("quantity", "Jumlah", "Quantity"),
    ("unit_value", "Nilai satuan", "Unit value"),
    ("photos", "Foto", "Photos"),
    (
        "photo_private",
        "Belum ada izin publikasi: hanya tampil di situs internal.",
        "No consent for publication: shown on the internal site only.",
    ),
    ("kind_government", "Pemerintah", "Government"),
    ("kind_business", "Usaha", "Business"),
    (
        "kind_ngo",
        "Lembaga swadaya masyarakat",
        "Non-governmental organisation",
    ),
    ("kind_education", "Pendidikan", "Education"),
    ("kind_community", "Komunitas", "Community"),
    ("kind_other", "Lainnya", "Other"),
    ("partner_kind", "Jenis mitra", "Kind of partner"),
    ("website", "Situs web", "Website"),
    ("since", "Bermitra sejak", "Partner since"),
    ("contributions", "Bentuk dukungan", "Contributions"),
    (
        "partner_trainings",
        "Pelatihan bersama mitra ini",
        "Trainings with this partner",
    ),
    ("stages", "Tahapan", "Stages"),
    ("stage_done", "Selesai", "Done"),
    ("stage_doing", "Berjalan", "In progress"),
    ("stage_todo", "Belum dimulai", "Not started"),
    ("lead", "Penanggung jawab", "Lead"),
    ("period", "Periode", "Period"),
    ("programme_kind", "Jenis", "Kind"),
    (
        "programme_trainings",
        "Pelatihan dalam program ini",
        "Trainings in this programme",
    ),
    ("author", "Penulis", "Reporter"),
    ("published", "Terbit", "Published"),
    ("tags", "Label", "Tags"),
    ("related", "Terkait", "Related"),
    ("related_stories", "Berita terkait", "Related news"),
    ("roster", "Daftar peserta", "Participant roster"),
    ("reg_no", "No. registrasi", "Registration no."),
    ("name", "Nama", "Name"),
    ("gender", "Jenis kelamin", "Gender"),
    ("gender_m", "Laki-laki", "Male"),
    ("gender_f", "Perempuan", "Female"),
    ("birth_year", "Tahun lahir", "Birth year"),
    ("attendance", "Kehadiran", "Attendance"),
    ("interest_score", "Skor minat", "Interest score"),
    ("pre_test", "Pre-test", "Pre-test"),
    ("post_test", "Post-test", "Post-test"),
    ("certificate_no", "No. sertifikat", "Certificate no."),
    ("yes", "Ya", "Yes"),
    ("no", "Tidak", "No"),
    (
        "internal_banner",
        "Situs internal: berisi data pribadi warga binaan. Jangan disebarluaskan.",
        "Internal site: contains personal data of inmates. Do not share.",
    ),
    ("internal_notes", "Catatan internal", "Internal notes"),
    ("note", "Catatan", "Notes"),
    ("contact", "Narahubung", "Contact"),
    ("phone", "Telepon", "Phone"),
    ("email", "Surel", "Email"),
    (
        "agreement",
        "Perjanjian kerja sama",
        "Cooperation agreement",
    ),
    ("agreement_no", "Nomor", "Number"),
    ("signed", "Ditandatangani", "Signed"),
    ("expires", "Berlaku sampai", "Valid until"),
    ("expired", "Sudah berakhir", "Expired"),
    ("expiring", "Segera berakhir", "Expires soon"),
    ("as_of", "Per tanggal", "As of"),
    ("attention", "Perlu perhatian", "Needs attention"),
    ("drafts", "Draf", "Drafts"),
    (
        "roster_figures",
        "Angka dari daftar peserta",
        "Figures from the rosters",
    ),
    ("pass_rate", "Tingkat kelulusan", "Pass rate"),
    (
        "attendance_avg",
        "Rata-rata kehadiran (sesi)",
        "Average attendance (sessions)",
    ),
    (
        "interest_avg",
        "Rata-rata skor minat",
        "Average interest score",
    ),
    ("no_items", "Belum ada data.", "Nothing here yet."),
    ("page_word", "halaman", "page"),
    (
        "pager_label",
        "Halaman daftar berita",
        "Pages of the news list",
    ),
    ("pager_page", "Halaman", "Page"),
    ("pager_of", "dari", "of"),
    ("pager_newer", "Berita lebih baru", "Newer news"),
    ("pager_older", "Berita lebih lama", "Older news"),
    ("none", "—", "—"),
    (
        "footer_note",
        "Laporan program pembinaan kemandirian, dibuat dengan rapor.",
        "Programme report, made with rapor.",
    ),
    ("data_note", "Data terbuka", "Open data"),
    // --- The open-data page (data.html).
    (
        "data_intro",
        "Angka program ini dapat diunduh dan dipakai ulang. Setiap berkas berisi angka yang sama dengan halaman Dampak.",
        "The programme's figures, to download and reuse. Every file holds the same figures as the Impact page.",
    ),
    ("data_files", "Berkas data", "Data files"),
    (
        "data_link",
        "Data terbuka (CSV, Excel, JSON)",
        "Open data (CSV, Excel, JSON)",
    ),
    ("data_bytes", "bita", "bytes"),
    (
        "data_about_stats_json",
        "Semua angka dampak dalam format JSON, untuk program dan aplikasi.",
        "Every impact figure as JSON, for programs and apps.",
    ),
    (
        "data_about_stats_csv",
        "Semua angka dampak sebagai satu tabel CSV, satu angka per baris.",
        "Every impact figure as one CSV table, one figure per row.",
    ),
    (
        "data_about_trainings_csv",
        "Satu baris per pelatihan: keterampilan, siklus, mitra, tanggal, jam, peserta dan sertifikat (CSV).",
        "One row per training: skill, cycle, partners, dates, hours, participants and certificates (CSV).",
    ),
    (
        "data_about_xlsx",
        "Buku kerja Excel dengan satu lembar per tabel: jumlah, per keterampilan, per siklus, per mitra, dan pelatihan.",
        "An Excel workbook with one sheet per table: totals, by skill, by cycle, by partner, and trainings.",
    ),
    (
        "data_about_other",
        "Berkas data situs ini.",
        "A data file of this site.",
    ),
    ("contrib_instructors", "Instruktur", "Instructors"),
    ("contrib_materials", "Bahan", "Materials"),
    ("contrib_equipment", "Peralatan", "Equipment"),
    ("contrib_certification", "Sertifikasi", "Certification"),
    ("contrib_venue", "Tempat", "Venue"),
    ("contrib_marketing", "Pemasaran", "Marketing"),
    ("contrib_funding", "Pendanaan", "Funding"),
    // --- The search page (search.html and search.js).
    ("nav_search", "Cari", "Search"),
    ("search_title", "Pencarian", "Search"),
    (
        "search_label",
        "Cari berita, pelatihan dan mitra",
        "Search news, trainings and partners",
    ),
    ("search_submit", "Cari", "Search"),
    (
        "search_hint",
        "Ketik satu kata atau lebih. Imbuhan tidak berpengaruh: “melatih” juga menemukan “pelatihan”.",
        "Type one or more words. Indonesian word forms match each other: “melatih” also finds “pelatihan”.",
    ),
    (
        "search_noscript",
        "Pencarian hanya bekerja bila JavaScript aktif. Semua halaman tetap dapat dibuka lewat menu di atas.",
        "Search works only with JavaScript turned on. Every page can still be reached from the menu above.",
    ),
    (
        "search_none",
        "Tidak ada hasil untuk “{q}”.",
        "No results for “{q}”.",
    ),
    ("search_one", "1 hasil untuk “{q}”.", "1 result for “{q}”."),
    (
        "search_many",
        "{n} hasil untuk “{q}”.",
        "{n} results for “{q}”.",
    ),
    ("search_more", "Tampilkan lebih banyak", "Show more"),
    (
        "search_failed",
        "Sebagian indeks pencarian tidak dapat dimuat. Periksa sambungan, lalu coba lagi.",
        "Part of the search index could not be loaded. Check the connection and try again.",
    ),
    ("search_kind_s", "Berita", "News"),
    ("search_kind_t", "Pelatihan", "Training"),
    ("search_kind_p", "Mitra", "Partner"),
    // --- The locked page of the protected internal site (locked.html and
    // protect.js): asked for the passphrase, shown while unlocking, and when
    // unlocking fails.
    (
        "locked_title",
        "Situs internal terkunci",
        "Internal site locked",
    ),
    (
        "locked_heading",
        "Halaman ini terkunci",
        "This page is locked",
    ),
    (
        "locked_intro",
        "Halaman situs internal berisi data pribadi warga binaan dan hanya untuk petugas. Masukkan frasa sandi situs internal untuk membukanya. Peramban ini tetap membukanya sampai Anda menekan Kunci, atau setelah dua jam tanpa membuka halaman internal.",
        "Pages of the internal site hold inmates' personal data and are for staff only. Enter the internal site's passphrase to open them. This browser keeps them open until you press Lock, or after two hours without opening an internal page.",
    ),
    ("locked_label", "Frasa sandi", "Passphrase"),
    ("lock_button", "Kunci", "Lock"),
    (
        "lock_title",
        "Kunci situs internal di semua tab peramban ini",
        "Lock the internal site in every tab of this browser",
    ),
    ("locked_submit", "Buka", "Unlock"),
    ("locked_working", "Membuka…", "Unlocking…"),
    (
        "locked_wrong",
        "Frasa sandi salah. Periksa huruf besar dan kecil, lalu coba lagi.",
        "Wrong passphrase. Check upper and lower case, then try again.",
    ),
    (
        "locked_failed",
        "Halaman ini tidak dapat dibuka: sebagian berkas situs hilang atau rusak. Salin ulang seluruh folder situs internal.",
        "This page cannot be opened: some of the site's files are missing or damaged. Copy the whole internal site folder again.",
    ),
    (
        "locked_unsupported",
        "Peramban ini tidak dapat membuka halaman terkunci di alamat ini. Buka berkas langsung dari disk, atau lewat alamat https:// atau http://localhost, dengan Chrome, Edge, Firefox atau Safari versi terbaru.",
        "This browser cannot open locked pages at this address. Open the files straight from disk, or over https:// or http://localhost, in a recent Chrome, Edge, Firefox or Safari.",
    ),
    (
        "locked_noscript",
        "Halaman terkunci hanya dapat dibuka bila JavaScript aktif.",
        "Locked pages can only be opened with JavaScript turned on.",
    ),
];

/// The labels of `lang`, as handed to templates (`t.key`).
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|&(k, id, en)| (k, if lang == Lang::En { en } else { id }))
        .collect()
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
        let mut keys: Vec<_> = LABELS.iter().map(|l| l.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a label key is defined twice");
    }
}
