//! The records `rapor new` writes, one function per kind, every field of
//! the contract present with its comment in the record's language.

use super::lines::{Line, cycle_of, front_matter, line, render, title_of};
use crate::model::Date;
use crate::raw::{PARTICIPANT_FIELDS, Sample};
use crate::vocab::Lang;

pub(super) fn training(id: &str, skill: &str, today: Date, lang: Lang) -> String {
    let lines = [
        line(
            format!("title: {}", title_of(id)),
            "wajib: judul pelatihan",
            "required: the training's title",
        ),
        line(
            format!("skill: {skill}"),
            "wajib: salah satu kunci skills di site.yaml",
            "required: a key of skills in site.yaml",
        ),
        line(
            format!("cycle: {}", cycle_of(today)),
            "wajib: siklus/angkatan, misalnya 2025-2",
            "required: the cycle, e.g. 2025-2",
        ),
        line(
            "# programme: pka-2025",
            "id program (berkas di programmes/)",
            "programme id (a file in programmes/)",
        ),
        line(
            "partners: []",
            "id mitra, misalnya [skb-randong]",
            "partner ids, e.g. [skb-randong]",
        ),
        line(
            format!("start: {today}"),
            "wajib: tanggal mulai TTTT-BB-HH",
            "required: start date YYYY-MM-DD",
        ),
        line(
            "# end: 2025-11-14",
            "wajib bila status bukan planned",
            "required unless status is planned",
        ),
        line("hours: 0", "jumlah jam pelatihan", "training hours"),
        line(
            "# location: Aula Rutan",
            "tempat pelatihan",
            "where it takes place",
        ),
        line(
            "status: planned",
            "planned | ongoing | completed",
            "planned | ongoing | completed",
        ),
        line(
            "# participants: 16",
            "jumlah peserta; wajib bila tidak ada daftar peserta",
            "headcount; required when there is no roster",
        ),
        line(
            "cost: { state_budget_idr: 0, partner_contribution_idr: 0 }",
            "biaya dalam rupiah",
            "costs in rupiah",
        ),
        line(
            "photos: []",
            "foto di folder yang sama, lihat contoh di bawah",
            "photos in the same folder, see below",
        ),
        line(
            "",
            "  - { src: foto-1.jpg, alt: Keterangan untuk tunanetra, caption: Teks di bawah foto, public: true }",
            "  - { src: photo-1.jpg, alt: Text for blind readers, caption: Shown below, public: true }",
        ),
        line(
            "",
            "public: true hanya bila ada izin publikasi; tanpa izin, foto hanya tampil di situs internal",
            "public: true only with consent to publish; otherwise internal only",
        ),
        line(
            "draft: true",
            "hapus baris ini atau isi false bila siap terbit",
            "remove or set false when ready to publish",
        ),
        line(
            "internal:",
            "bagian ini hanya tampil di situs internal",
            "this part shows on the internal site only",
        ),
        line("  notes: \"\"", "catatan untuk petugas", "notes for staff"),
    ];
    let body = if lang == Lang::En {
        "Describe the training here: what was taught, by whom, and how it went.\n"
    } else {
        "Tulis uraian pelatihan di sini: materi, instruktur, dan jalannya kegiatan.\n"
    };
    front_matter(&lines, lang, body)
}

pub(super) fn partner(id: &str, today: Date, lang: Lang) -> String {
    let lines = [
        line(
            format!("name: {}", title_of(id)),
            "wajib: nama resmi mitra",
            "required: the partner's official name",
        ),
        line(
            "kind: other",
            "government | business | ngo | education | community | other",
            "government | business | ngo | education | community | other",
        ),
        line(
            "description: \"\"",
            "uraian singkat (Markdown)",
            "a short description (Markdown)",
        ),
        line(
            "# website: https://example.org",
            "situs web mitra",
            "the partner's website",
        ),
        line(
            "# logo: logo.png",
            "berkas logo di folder partners/",
            "logo file in partners/",
        ),
        line(
            format!("since: {today}"),
            "mulai bermitra, TTTT-BB-HH",
            "partner since, YYYY-MM-DD",
        ),
        line(
            "contributions: []",
            "instructors, materials, equipment, certification, venue, marketing, funding",
            "instructors, materials, equipment, certification, venue, marketing, funding",
        ),
        line(
            "internal:",
            "bagian ini hanya tampil di situs internal",
            "this part shows on the internal site only",
        ),
        line("  contact:", "narahubung", "contact person"),
        line("    name: \"\"", "", ""),
        line(
            "    phone: \"\"",
            "tulis dalam tanda kutip, misalnya \"+62 812 0000 0000\"",
            "in quotes, e.g. \"+62 812 0000 0000\"",
        ),
        line("    email: \"\"", "", ""),
        line(
            "  agreement:",
            "perjanjian kerja sama",
            "the cooperation agreement",
        ),
        line(
            "    number: \"\"",
            "nomor perjanjian, dalam tanda kutip",
            "agreement number, in quotes",
        ),
        line(
            format!("    signed: {today}"),
            "tanggal tanda tangan",
            "date signed",
        ),
        line(
            "    # expires: 2026-08-31",
            "tanggal berakhir",
            "expiry date",
        ),
        line("  notes: \"\"", "catatan untuk petugas", "notes for staff"),
    ];
    render(&lines, lang)
}

pub(super) fn outcome(training: Option<&str>, today: Date, lang: Lang) -> String {
    let reference = match training {
        Some(t) => format!("training: {t}"),
        None => "training:".to_string(),
    };
    let lines = [
        line(
            reference,
            "wajib: id pelatihan",
            "required: the training's id",
        ),
        line(
            format!("date: {today}"),
            "wajib: tanggal uji/penilaian",
            "required: date of the assessment",
        ),
        line(
            "assessed: 0",
            "jumlah peserta yang dinilai",
            "participants assessed",
        ),
        line(
            "certified: 0",
            "jumlah sertifikat kompetensi; tidak boleh lebih dari assessed",
            "competency certificates; at most assessed",
        ),
        line(
            "# certifier: skb-randong",
            "id mitra penerbit sertifikat",
            "id of the certifying partner",
        ),
        line(
            "products: []",
            "hasil karya, lihat contoh di bawah",
            "things made, see below",
        ),
        line(
            "",
            "  - { name: Kursi tamu, quantity: 4, unit_value_idr: 1500000 }",
            "  - { name: Guest chair, quantity: 4, unit_value_idr: 1500000 }",
        ),
        line(
            "services: []",
            "layanan, misalnya [{ name: Potong rambut, quantity: 120 }]",
            "services, e.g. [{ name: Haircut, quantity: 120 }]",
        ),
        line(
            "# evaluation: { pre_test_avg: 54.2, post_test_avg: 81.0, satisfaction: 4.6 }",
            "kepuasan 1 sampai 5",
            "satisfaction 1 to 5",
        ),
        line(
            "summary: \"\"",
            "ringkasan hasil (Markdown)",
            "summary of results (Markdown)",
        ),
        line(
            "internal:",
            "bagian ini hanya tampil di situs internal",
            "this part shows on the internal site only",
        ),
        line("  notes: \"\"", "catatan untuk petugas", "notes for staff"),
    ];
    render(&lines, lang)
}

pub(super) fn story(id: &str, today: Date, lang: Lang) -> String {
    let lines = [
        line(
            format!("title: {}", title_of(id)),
            "wajib: judul berita",
            "required: the headline",
        ),
        line(
            format!("date: {today}"),
            "wajib: tanggal terbit TTTT-BB-HH",
            "required: date YYYY-MM-DD",
        ),
        line("author: Tim Humas", "penulis", "the reporter"),
        line(
            "summary: \"\"",
            "satu atau dua kalimat untuk daftar berita dan kartu berbagi",
            "one or two sentences for lists and social cards",
        ),
        line(
            "# programme: pka-2025",
            "id program terkait",
            "related programme id",
        ),
        line(
            "trainings: []",
            "id pelatihan terkait",
            "related training ids",
        ),
        line("partners: []", "id mitra terkait", "related partner ids"),
        line(
            "tags: []",
            "kata kunci, misalnya [kemandirian]",
            "tags, e.g. [skills]",
        ),
        line(
            "# cover: { src: sampul.jpg, alt: Keterangan foto, public: true }",
            "foto sampul; public: true hanya dengan izin",
            "cover photo; public: true only with consent",
        ),
        line(
            "draft: true",
            "hapus baris ini atau isi false bila siap terbit",
            "remove or set false when ready to publish",
        ),
        line(
            "internal:",
            "bagian ini hanya tampil di situs internal",
            "this part shows on the internal site only",
        ),
        line("  notes: \"\"", "catatan untuk petugas", "notes for staff"),
    ];
    let body = if lang == Lang::En {
        "Write the story here. Never name a participant or give a registration number.\n"
    } else {
        "Tulis isi berita di sini. Jangan menulis nama peserta atau nomor registrasi.\n"
    };
    front_matter(&lines, lang, body)
}

pub(super) fn programme(id: &str, today: Date, lang: Lang) -> String {
    let stage = |name_id: &'static str, name_en: &'static str| -> Line<'static> {
        let name = if lang == Lang::En { name_en } else { name_id };
        line(format!("  - {{ name: {name}, status: todo }}"), "", "")
    };
    let lines = [
        line(
            format!("title: {}", title_of(id)),
            "wajib: nama program",
            "required: the programme's name",
        ),
        line(
            "kind: \"\"",
            "jenis, misalnya Aksi Perubahan PKA",
            "kind, e.g. a leadership change project",
        ),
        line("lead: \"\"", "penanggung jawab", "who leads it"),
        line(format!("start: {today}"), "tanggal mulai", "start date"),
        line("# end: 2025-12-13", "tanggal selesai", "end date"),
        line(
            "stages:",
            "tahapan berurutan; status: done | doing | todo; date: TTTT-BB-HH",
            "stages in order; status: done | doing | todo; date: YYYY-MM-DD",
        ),
        stage("Konsultasi mentor", "Mentor consultation"),
        stage("Inventarisasi masalah", "Problem inventory"),
        stage("Sosialisasi", "Socialisation"),
        stage("Asesmen minat", "Interest assessment"),
        stage("Pemetaan mitra", "Partner mapping"),
        line(
            "draft: true",
            "hapus baris ini atau isi false bila siap terbit",
            "remove or set false when ready to publish",
        ),
        line(
            "internal:",
            "bagian ini hanya tampil di situs internal",
            "this part shows on the internal site only",
        ),
        line("  notes: \"\"", "catatan untuk petugas", "notes for staff"),
    ];
    let body = if lang == Lang::En {
        "Describe the programme: its aim, how it runs, and what it achieved.\n"
    } else {
        "Uraikan program: tujuan, cara pelaksanaan, dan hasilnya.\n"
    };
    front_matter(&lines, lang, body)
}

pub(super) fn roster(training: &str, headcount: u32, lang: Lang) -> String {
    let mut lines = vec![
        line(
            "",
            "DAFTAR PESERTA — INTERNAL. Jangan disalin ke berita atau keterangan foto.",
            "ROSTER — INTERNAL. Never copy it into a story or a caption.",
        ),
        line(
            format!("training: {training}"),
            "wajib: sama dengan nama berkas",
            "required: equals the file name",
        ),
        line(
            "participants:",
            "satu entri per peserta",
            "one entry per participant",
        ),
    ];
    // One entry per participant, every field of the table with its comment;
    // the first (the required registration number) opens the list item.
    let entry: Vec<Line> = PARTICIPANT_FIELDS
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let lead = if i == 0 { "  - " } else { "    " };
            let yaml = match f.sample {
                Sample::Value(v) => format!("{lead}{}: {v}", f.key),
                Sample::Example(v) => format!("{lead}# {}: {v}", f.key),
            };
            let (_, id, en) = *f.help;
            line(yaml, id, en)
        })
        .collect();
    for _ in 0..headcount.max(1) {
        lines.extend(entry.iter().cloned());
    }
    render(&lines, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_is_valid_yaml_in_both_languages() {
        let d = Date::constant(2026, 11, 28);
        for lang in [Lang::Id, Lang::En] {
            for text in [
                partner("p", d, lang),
                outcome(Some("t"), d, lang),
                roster("t", 2, lang),
            ] {
                let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
                assert!(v.is_mapping(), "{text}");
            }
            for text in [
                training("t", "s", d, lang),
                story("s", d, lang),
                programme("p", d, lang),
            ] {
                let front = crate::parse::split_front_matter(&text).unwrap();
                let v: serde_yaml::Value = serde_yaml::from_str(front.yaml).unwrap();
                assert_eq!(v["draft"], serde_yaml::Value::Bool(true), "{text}");
            }
        }
    }
}
