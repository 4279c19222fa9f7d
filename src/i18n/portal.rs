//! Labels of the national portal's pages (`rapor portal build`), on top of
//! the theme's own: (key, Indonesian, English).

pub(super) const LABELS: &[(&str, &str, &str)] = &[
    ("portal_kind", "Portal nasional", "National portal"),
    ("portal_national", "Capaian nasional", "National figures"),
    ("portal_regions", "Provinsi", "Provinces"),
    ("portal_region", "Provinsi", "Province"),
    ("portal_facilities", "Rutan dan Lapas", "Facilities"),
    ("portal_facility", "Rutan/Lapas", "Facility"),
    ("portal_skills", "Keterampilan", "Skills"),
    ("portal_shared_partners", "Mitra bersama", "Shared partners"),
    ("portal_shared_partner", "mitra bersama", "shared partner"),
    (
        "portal_shared_intro",
        "Mitra yang bekerja sama dengan lebih dari satu Rutan atau Lapas, dengan jumlah pelatihan dan peserta dari angka setiap Rutan/Lapas.",
        "Partners that work with more than one facility, with the trainings and participants from each facility's own figures.",
    ),
    (
        "portal_partner_intro",
        "Mitra ini bekerja sama dengan beberapa Rutan dan Lapas di portal ini. Angkanya dari angka yang diterbitkan setiap Rutan/Lapas.",
        "This partner works with several facilities of this portal. Its figures are those each facility publishes.",
    ),
    (
        "portal_partner_facility_page",
        "Halaman Rutan/Lapas di portal",
        "The facility's page on the portal",
    ),
    (
        "portal_partner_own_page",
        "Halaman mitra di situs Rutan/Lapas",
        "The partner's page on the facility's site",
    ),
    ("portal_photos", "Foto kegiatan", "Photos"),
    (
        "portal_own_site",
        "Situs Rutan/Lapas ini",
        "This facility's own site",
    ),
    (
        "portal_left_out",
        "Tidak dimuat karena datanya masih bermasalah:",
        "Left out because their records still have problems:",
    ),
    (
        "portal_footer",
        "Angka portal adalah jumlah angka yang diterbitkan setiap Rutan/Lapas, tanpa data pribadi warga binaan.",
        "The portal's figures are the sums of the figures each facility publishes, with no personal data of inmates.",
    ),
    ("portal_data", "Data (JSON)", "Data (JSON)"),
    ("portal_open_data", "Data terbuka:", "Open data:"),
    ("search_kind_f", "Rutan/Lapas", "Facility"),
    ("search_kind_r", "Provinsi", "Province"),
    ("search_kind_k", "Keterampilan", "Skill"),
    (
        "portal_data_xlsx",
        "Buku kerja Excel (.xlsx)",
        "Excel workbook (.xlsx)",
    ),
    (
        "portal_data_regions",
        "Per provinsi (CSV)",
        "By province (CSV)",
    ),
    (
        "portal_data_facilities",
        "Per Rutan/Lapas (CSV)",
        "By facility (CSV)",
    ),
    ("portal_map", "Peta provinsi", "Map of the provinces"),
    (
        "portal_map_title",
        "Peta Indonesia: {figure} per provinsi; angkanya ada di tabel di sampingnya",
        "Map of Indonesia: {figure} by province; the figures are in the table beside it",
    ),
    (
        "portal_map_table",
        "Angka yang diwarnai di peta, per provinsi",
        "The figures the map shades, by province",
    ),
    (
        "portal_map_not_drawn",
        "Tidak ada garis batasnya di peta (angkanya tetap di tabel):",
        "Not outlined on the map (their figures are still in the tables):",
    ),
    (
        "portal_map_credit",
        "Garis provinsi: MapSVG, CC BY 4.0, disederhanakan.",
        "Province outlines: MapSVG, CC BY 4.0, simplified.",
    ),
];
