//! Short labels of the fields in the editor's forms, by YAML key. The help
//! under a label comes from the comments `rapor new` writes; a key with no
//! label here is shown as itself, made readable ("short_name" -> "Short
//! name"), so a new field never lacks one.

use crate::vocab::Lang;

#[rustfmt::skip]
const LABELS: &[(&str, &str, &str)] = &[
    // (key, Indonesian, English)
    ("agreement", "Perjanjian kerja sama", "Agreement"),
    ("alt", "Teks pengganti (untuk tunanetra)", "Alt text (for blind readers)"),
    ("assessed", "Peserta yang diuji", "Participants assessed"),
    ("attendance", "Kehadiran (sesi)", "Attendance (sessions)"),
    ("author", "Penulis", "Author"),
    ("base_url", "Alamat situs publik", "Public site address"),
    ("birth_year", "Tahun lahir", "Birth year"),
    ("caption", "Keterangan foto", "Caption"),
    ("certificate_no", "Nomor sertifikat", "Certificate number"),
    ("certified", "Bersertifikat", "Certified"),
    ("certifier", "Penerbit sertifikat", "Certifier"),
    ("contact", "Narahubung", "Contact person"),
    ("contributions", "Bentuk dukungan", "Contributions"),
    ("cost", "Biaya", "Cost"),
    ("cover", "Foto sampul", "Cover photo"),
    ("cycle", "Siklus / angkatan", "Cycle"),
    ("date", "Tanggal", "Date"),
    ("description", "Uraian", "Description"),
    ("draft", "Masih draf (belum terbit)", "Draft (not published)"),
    ("email", "Surel", "Email"),
    ("end", "Tanggal selesai", "End date"),
    ("evaluation", "Evaluasi", "Evaluation"),
    ("expires", "Berlaku sampai", "Expires"),
    ("facility", "Satuan kerja", "Facility"),
    ("gender", "Jenis kelamin", "Gender"),
    ("hero", "Foto utama beranda", "Home page photo"),
    ("hours", "Jumlah jam", "Hours"),
    ("id", "Nomor registrasi", "Registration number"),
    ("interest_score", "Skor minat (1-5)", "Interest score (1-5)"),
    ("internal", "Bagian internal", "Internal part"),
    ("kind", "Jenis", "Kind"),
    ("language", "Bahasa situs", "Site language"),
    ("lead", "Penanggung jawab", "Lead"),
    ("location", "Tempat", "Location"),
    ("logo", "Logo", "Logo"),
    ("name", "Nama", "Name"),
    ("notes", "Catatan untuk petugas", "Notes for staff"),
    ("participants", "Peserta", "Participants"),
    ("partner_contribution_idr", "Sumbangan mitra (Rp)", "Partner contribution (Rp)"),
    ("partners", "Mitra", "Partners"),
    ("phone", "Telepon", "Phone"),
    ("photos", "Foto", "Photos"),
    ("post_test", "Nilai akhir", "Post-test score"),
    ("pre_test", "Nilai awal", "Pre-test score"),
    ("products", "Produk", "Products"),
    ("programme", "Program", "Programme"),
    ("protect", "Kunci situs internal dengan frasa sandi", "Lock the internal site with a passphrase"),
    ("public", "Boleh tampil di situs publik", "May appear on the public site"),
    ("region", "Provinsi / wilayah", "Region"),
    ("services", "Layanan", "Services"),
    ("short_name", "Nama singkat", "Short name"),
    ("signed", "Ditandatangani", "Signed"),
    ("since", "Bermitra sejak", "Partner since"),
    ("skill", "Bidang keterampilan", "Skill"),
    ("skills", "Bidang keterampilan", "Skills"),
    ("src", "Berkas foto", "Photo file"),
    ("stages", "Tahapan", "Stages"),
    ("start", "Tanggal mulai", "Start date"),
    ("state_budget_idr", "Anggaran negara (Rp)", "State budget (Rp)"),
    ("status", "Status", "Status"),
    ("summary", "Ringkasan", "Summary"),
    ("tags", "Label", "Tags"),
    ("theme", "Tema tampilan", "Theme"),
    ("title", "Judul", "Title"),
    ("training", "Pelatihan", "Training"),
    ("trainings", "Pelatihan", "Trainings"),
    ("unit", "Satuan", "Unit"),
    ("value_idr", "Nilai (Rp)", "Value (Rp)"),
    ("website", "Situs web", "Website"),
];

/// Help for keys `rapor new` writes no comment for.
#[rustfmt::skip]
const HELP: &[(&str, &str, &str)] = &[
    ("public", "Foto ini boleh tampil di situs publik: semua orang di foto sudah setuju.",
        "This photo may appear on the public site: everyone in it has agreed."),
    ("alt", "Apa yang tampak di foto, untuk pembaca tunanetra. Jangan menyebut nama.",
        "What the photo shows, for blind readers. Never a name."),
    ("src", "Nama berkas foto di folder catatan ini.", "The photo's file name in this record's folder."),
];

/// The label of a field.
pub fn label(key: &str, lang: Lang) -> String {
    match LABELS.iter().find(|(k, _, _)| *k == key) {
        Some((_, id, en)) => if lang == Lang::En { en } else { id }.to_string(),
        None => readable(key),
    }
}

/// Help for a field `rapor new` writes no comment for.
pub fn help(key: &str, lang: Lang) -> Option<String> {
    HELP.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, id, en)| if lang == Lang::En { en } else { id }.to_string())
}

/// "short_name" -> "Short name".
fn readable(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_label_in_both_languages() {
        assert_eq!(label("title", Lang::Id), "Judul");
        assert_eq!(label("title", Lang::En), "Title");
        assert_eq!(label("new_field_x", Lang::Id), "New field x");
        let mut keys: Vec<&str> = LABELS.iter().map(|l| l.0).collect();
        let sorted = {
            let mut k = keys.clone();
            k.sort();
            k
        };
        assert_eq!(keys, sorted, "keep the table sorted");
        keys.dedup();
        assert_eq!(keys.len(), LABELS.len(), "a key twice");
    }
}
