//! `rapor new` and `rapor init`: records and sites written for the people who
//! keep them. Every field of the contract is present, each with a comment in
//! the site's language, so that a records officer fills in blanks instead of
//! remembering key names.
//!
//! New trainings, stories and programmes start as drafts, so that nothing
//! reaches the public site before someone has filled them in and removed
//! `draft: true`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::model::Date;
use crate::msg::{Message, msg};
use crate::text;
use crate::vocab::Lang;

/// The record kinds `rapor new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Training,
    Partner,
    Outcome,
    Story,
    Programme,
    Roster,
}

/// What `rapor new` needs besides the kind and id.
pub struct NewOptions<'a> {
    pub training: Option<&'a str>,
    pub lang: Option<Lang>,
    pub today: Date,
}

/// A line of a record: YAML text and its comment in both languages.
/// An empty YAML text writes a comment line only.
type Line<'a> = (String, &'a str, &'a str);

fn line<'a>(yaml: impl Into<String>, id: &'a str, en: &'a str) -> Line<'a> {
    (yaml.into(), id, en)
}

/// Renders lines with comments aligned in one column.
fn render(lines: &[Line], lang: Lang) -> String {
    let width = lines
        .iter()
        .map(|(y, _, _)| y.chars().count())
        .filter(|w| *w <= 40)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (yaml, id, en) in lines {
        let comment = if lang == Lang::En { en } else { id };
        if yaml.is_empty() {
            let _ = writeln!(out, "# {comment}");
        } else if comment.is_empty() {
            let _ = writeln!(out, "{yaml}");
        } else {
            let pad = width.saturating_sub(yaml.chars().count());
            let _ = writeln!(out, "{yaml}{:pad$}  # {comment}", "");
        }
    }
    out
}

/// Lines up the trailing comments of YAML lines again after values changed.
/// Only front matter and YAML are touched: a Markdown body has no `  # `.
fn realign(text: &str) -> String {
    let split = |l: &str| -> Option<(String, String)> {
        let (yaml, comment) = l.rsplit_once("  # ")?;
        (!yaml.trim().is_empty()).then(|| (yaml.trim_end().to_string(), comment.to_string()))
    };
    let width = text
        .lines()
        .filter_map(split)
        .map(|(y, _)| y.chars().count())
        .filter(|w| *w <= 40)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for l in text.lines() {
        match split(l) {
            Some((yaml, comment)) => {
                let pad = width.saturating_sub(yaml.chars().count());
                let _ = writeln!(out, "{yaml}{:pad$}  # {comment}", "");
            }
            None => {
                let _ = writeln!(out, "{l}");
            }
        }
    }
    out
}

/// "barbershop-2026" -> "Barbershop 2026": a starting title from an id.
fn title_of(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The cycle a date falls in: "2026-1" for January to June, else "2026-2".
fn cycle_of(d: Date) -> String {
    format!("{}-{}", d.year(), if d.month() <= 6 { 1 } else { 2 })
}

fn front_matter(lines: &[Line], lang: Lang, body: &str) -> String {
    format!("---\n{}---\n{body}", render(lines, lang))
}

pub fn training(id: &str, skill: &str, today: Date, lang: Lang) -> String {
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

pub fn partner(id: &str, today: Date, lang: Lang) -> String {
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

pub fn outcome(training: Option<&str>, today: Date, lang: Lang) -> String {
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

pub fn story(id: &str, today: Date, lang: Lang) -> String {
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

pub fn programme(id: &str, today: Date, lang: Lang) -> String {
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

pub fn roster(training: &str, headcount: u32, lang: Lang) -> String {
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
    let entry: [Line; 10] = [
        line(
            "  - id: \"\"",
            "wajib: nomor registrasi",
            "required: registration number",
        ),
        line(
            "    name: \"\"",
            "wajib: nama lengkap",
            "required: full name",
        ),
        line("    gender: \"\"", "m (laki-laki) | f (perempuan)", "m | f"),
        line("    # birth_year: 1994", "tahun lahir", "year of birth"),
        line(
            "    # attendance: 22",
            "jumlah sesi yang dihadiri",
            "sessions attended",
        ),
        line(
            "    # interest_score: 4",
            "hasil asesmen minat, 1 sampai 5",
            "interest assessment, 1 to 5",
        ),
        line("    # pre_test: 55", "nilai awal", "pre-test score"),
        line("    # post_test: 82", "nilai akhir", "post-test score"),
        line(
            "    certified: false",
            "true bila lulus uji kompetensi",
            "true when certified",
        ),
        line(
            "    # certificate_no: \"\"",
            "nomor sertifikat, bila certified: true",
            "certificate number, when certified",
        ),
    ];
    for _ in 0..headcount.max(1) {
        lines.extend(entry.iter().cloned());
    }
    render(&lines, lang)
}

/// Where a record of `kind` named `id` lives, and the other form it may take
/// (a bundle folder), which must not exist either.
fn paths(site: &Path, kind: Kind, id: &str) -> (PathBuf, Option<PathBuf>) {
    let c = site.join("content");
    let md = |dir: &str| {
        (
            c.join(dir).join(format!("{id}.md")),
            Some(c.join(dir).join(id).join("index.md")),
        )
    };
    match kind {
        Kind::Training => md("trainings"),
        Kind::Story => md("stories"),
        Kind::Programme => md("programmes"),
        Kind::Partner => (c.join("partners").join(format!("{id}.yaml")), None),
        Kind::Outcome => (c.join("outcomes").join(format!("{id}.yaml")), None),
        Kind::Roster => (c.join("internal/rosters").join(format!("{id}.yaml")), None),
    }
}

/// What `content/site.yaml` tells `new`: the language and the first skill.
/// Read leniently: `rapor check` is where a broken site.yaml is reported.
fn site_settings(site: &Path) -> (Lang, Option<String>) {
    let text = std::fs::read_to_string(site.join("content/site.yaml")).unwrap_or_default();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_default();
    let lang = match yaml.get("language").and_then(|v| v.as_str()) {
        Some("en") => Lang::En,
        _ => Lang::Id,
    };
    let skill = yaml
        .get("skills")
        .and_then(|s| s.as_mapping())
        .and_then(|m| m.keys().next())
        .and_then(|k| k.as_str())
        .map(str::to_string);
    (lang, skill)
}

/// A training's front matter, if the training exists.
fn training_front_matter(site: &Path, id: &str) -> Option<serde_yaml::Value> {
    let (file, bundle) = paths(site, Kind::Training, id);
    let text = std::fs::read_to_string(&file)
        .ok()
        .or_else(|| std::fs::read_to_string(bundle?).ok())?;
    let front = crate::parse::split_front_matter(&text).ok()?;
    serde_yaml::from_str(front.yaml).ok()
}

fn trainings_on_disk(site: &Path) -> Vec<String> {
    let dir = site.join("content/trainings");
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() {
                e.path().join("index.md").is_file().then_some(name)
            } else {
                name.strip_suffix(".md").map(str::to_string)
            }
        })
        .collect();
    ids.sort();
    ids
}

/// Writes a new record; returns its path, or a message in plain words.
pub fn new_record(
    site: &Path,
    kind: Kind,
    id: &str,
    opts: &NewOptions,
) -> Result<PathBuf, Message> {
    let (site_lang, skill) = site_settings(site);
    // The comments follow --lang or the site; messages follow the CLI's language.
    let lang = opts.lang.unwrap_or(site_lang);
    if !site.join("content/site.yaml").is_file() {
        return Err(msg!("new_not_site", site = site.display()));
    }
    if !text::is_valid_id(id) {
        return Err(msg!("new_bad_id", id = id));
    }
    let (path, other) = paths(site, kind, id);
    if let Some(existing) = [Some(path.clone()), other]
        .into_iter()
        .flatten()
        .find(|p| p.exists())
    {
        return Err(msg!("new_exists", path = existing.display()));
    }
    // Outcomes and rosters belong to a training that must exist.
    let of_training = match kind {
        Kind::Roster => Some(opts.training.unwrap_or(id)),
        Kind::Outcome => opts
            .training
            .or_else(|| training_front_matter(site, id).map(|_| id)),
        _ => None,
    };
    if kind == Kind::Roster && of_training != Some(id) {
        let t = of_training.unwrap_or(id);
        return Err(msg!("new_roster_name", training = t));
    }
    let mut headcount = 0;
    if let Some(t) = of_training {
        let Some(front) = training_front_matter(site, t) else {
            let known = trainings_on_disk(site);
            let hint = text::closest(t, known.iter().map(String::as_str))
                .map(|c| msg!("new_hint", best = c));
            return Err(msg!("new_no_training", training = t, hint = hint));
        };
        headcount = front
            .get("participants")
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as u32;
    }
    let today = opts.today;
    let text = match kind {
        Kind::Training => training(id, skill.as_deref().unwrap_or("keterampilan"), today, lang),
        Kind::Partner => partner(id, today, lang),
        Kind::Outcome => outcome(of_training, today, lang),
        Kind::Story => story(id, today, lang),
        Kind::Programme => programme(id, today, lang),
        Kind::Roster => roster(id, headcount, lang),
    };
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(path.parent().unwrap_or(site))?;
        // create_new: never overwrite, even if the file appeared meanwhile.
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        f.write_all(text.as_bytes())
    };
    write().map_err(|e| msg!("io_write", path = path.display(), error = e))?;
    Ok(path)
}

/// The files of a new site: a commented `site.yaml`, one record of each kind
/// (made by the same functions as `rapor new`, then filled in so that the
/// site builds and shows something), a README for staff and a `.gitignore`.
fn init_files(today: Date) -> Vec<(String, String)> {
    let fill = |text: String, pairs: &[(&str, &str)]| {
        realign(
            &pairs
                .iter()
                .fold(text, |t, (from, to)| t.replacen(from, to, 1)),
        )
    };
    let lang = Lang::Id;
    let year_start = Date::new(today.year(), 1, 1).unwrap_or(today);
    let training = fill(
        training("pelatihan-contoh", "barbershop", today, lang),
        &[
            (
                "title: Pelatihan Contoh",
                "title: Pelatihan Barbershop Angkatan I",
            ),
            ("# programme: pka-2025", "programme: program-contoh"),
            ("partners: []", "partners: [mitra-contoh]"),
            (&format!("start: {today}"), &format!("start: {year_start}")),
            ("# end: 2025-11-14", &format!("end: {today}")),
            ("hours: 0", "hours: 40"),
            ("# location: Aula Rutan", "location: Aula Rutan"),
            ("status: planned", "status: completed"),
            (
                "partner_contribution_idr: 0",
                "partner_contribution_idr: 5000000",
            ),
            ("draft: true", "draft: false"),
            (
                "Tulis uraian pelatihan di sini: materi, instruktur, dan jalannya kegiatan.",
                "Contoh pelatihan: ganti teks ini dengan uraian materi, instruktur dan\njalannya kegiatan. Daftar peserta ada di content/internal/rosters/.",
            ),
        ],
    );
    let partner = fill(
        partner("mitra-contoh", year_start, lang),
        &[
            ("name: Mitra Contoh", "name: Balai Latihan Contoh"),
            ("kind: other", "kind: government"),
            (
                "description: \"\"",
                "description: Lembaga pelatihan yang mengirim instruktur.",
            ),
            (
                "contributions: []",
                "contributions: [instructors, certification]",
            ),
            ("    name: \"\"", "    name: Nama Narahubung"),
            ("    number: \"\"", "    number: \"001/PKS/2025\""),
        ],
    );
    let outcome = fill(
        outcome(Some("pelatihan-contoh"), today, lang),
        &[
            ("assessed: 0", "assessed: 2"),
            ("certified: 0", "certified: 1"),
            ("# certifier: skb-randong", "certifier: mitra-contoh"),
        ],
    );
    let roster = fill(
        roster("pelatihan-contoh", 2, lang),
        &[
            ("  - id: \"\"", "  - id: WBP-0001"),
            ("    name: \"\"", "    name: Peserta Contoh Satu"),
            ("    gender: \"\"", "    gender: m"),
            ("    certified: false", "    certified: true"),
            (
                "    # certificate_no: \"\"",
                "    certificate_no: \"CONTOH/001\"",
            ),
            ("  - id: \"\"", "  - id: WBP-0002"),
            ("    name: \"\"", "    name: Peserta Contoh Dua"),
            ("    gender: \"\"", "    gender: f"),
        ],
    );
    let story = fill(
        story("berita-contoh", today, lang),
        &[
            (
                "title: Berita Contoh",
                "title: Pelatihan barbershop angkatan pertama selesai",
            ),
            (
                "summary: \"\"",
                "summary: Contoh berita. Ganti dengan berita kegiatan Anda.",
            ),
            ("# programme: pka-2025", "programme: program-contoh"),
            ("trainings: []", "trainings: [pelatihan-contoh]"),
            ("partners: []", "partners: [mitra-contoh]"),
            ("draft: true", "draft: false"),
        ],
    );
    let programme = fill(
        programme("program-contoh", year_start, lang),
        &[
            (
                "title: Program Contoh",
                "title: Program Pembinaan Kemandirian",
            ),
            ("draft: true", "draft: false"),
        ],
    );
    let mut files: Vec<(String, String)> = vec![
        ("content/site.yaml", SITE_YAML.to_string()),
        ("content/partners/mitra-contoh.yaml", partner),
        ("content/programmes/program-contoh.md", programme),
        ("content/trainings/pelatihan-contoh.md", training),
        ("content/outcomes/pelatihan-contoh.yaml", outcome),
        ("content/internal/rosters/pelatihan-contoh.yaml", roster),
        ("content/stories/berita-contoh.md", story),
        ("README.md", STAFF_README.to_string()),
        (".gitignore", "output/\n.rapor-cache/\n".to_string()),
    ]
    .into_iter()
    .map(|(path, text)| (path.to_string(), text))
    .collect();
    // Schemas and VS Code settings: completion and checks while typing.
    for (name, text) in crate::schema::files() {
        files.push((format!("schemas/{name}"), text));
    }
    if let Ok(settings) = crate::schema::vscode_settings(None, "./schemas") {
        files.push((".vscode/settings.json".to_string(), settings));
    }
    files
}

/// Writes a new site into `dir` (which must be empty or absent); returns the
/// files written.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, Message> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(msg!("init_not_empty", dir = dir.display()));
    }
    let mut written = Vec::new();
    for (rel, text) in init_files(today) {
        let path = dir.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| msg!("io_write", path = path.display(), error = e))?;
        written.push(path);
    }
    Ok(written)
}

const SITE_YAML: &str = "\
# Pengaturan situs rapor.
#
# Petunjuk singkat:
# - Baris yang diawali tanda # adalah catatan dan tidak dibaca oleh rapor.
# - Jangan mengganti nama kunci (kata sebelum titik dua). Salah ketik nama kunci
#   membuat rapor berhenti dengan pesan galat, supaya data tidak hilang diam-diam.
# - Tanggal selalu ditulis TTTT-BB-HH, misalnya 2025-12-13.

# Judul situs, tampil di setiap halaman. Wajib.
title: Pembinaan Kemandirian Warga Binaan

# Satu kalimat tentang isi situs; dipakai mesin pencari dan kartu berbagi.
description: Laporan pelatihan keterampilan bagi warga binaan bersama mitra.

# Alamat situs publik, diakhiri garis miring. Wajib. Ganti dengan alamat Anda.
base_url: https://example.org/

# Bahasa tampilan: id (Bahasa Indonesia) atau en (Inggris).
language: id

# Identitas satuan kerja. name wajib diisi dengan nama resmi.
facility:
  name: Rumah Tahanan Negara Contoh
  short_name: Rutan Contoh
  region: Nusa Tenggara Timur

# Bidang keterampilan: kunci (huruf kecil, angka, tanda hubung) lalu nama yang
# ditampilkan, dalam urutan tampil. Kunci ini ditulis pada kolom skill setiap
# pelatihan. Wajib.
skills:
  barbershop: Barbershop
  tata-rias: Tata Rias
  meubel: Pertukangan / Meubel

# Situs internal (hanya untuk petugas): daftar peserta, kontak mitra, catatan.
internal:
  # true (disarankan): situs internal ditulis terenkripsi dengan kata sandi dari
  # variabel lingkungan RAPOR_INTERNAL_PASSPHRASE. Isi false hanya bila situs
  # internal disimpan di jaringan kantor atau folder lokal yang sudah aman.
  protect: true
";

const STAFF_README: &str = "\
# Situs laporan program pembinaan kemandirian

Folder ini adalah situs rapor. Catatan program ada di `content/`:

| Folder | Isi |
|---|---|
| `content/site.yaml` | pengaturan situs: judul, satuan kerja, bidang keterampilan |
| `content/trainings/` | satu berkas per pelatihan |
| `content/partners/` | satu berkas per mitra |
| `content/outcomes/` | hasil uji kompetensi dan karya per pelatihan |
| `content/stories/` | berita |
| `content/programmes/` | program dan tahapannya |
| `content/internal/rosters/` | daftar peserta: RAHASIA, hanya untuk situs internal |

Perintah yang sering dipakai:

- `rapor check` memeriksa catatan tanpa menulis apa pun.
- `rapor build` membuat `output/public/` (untuk diunggah) dan `output/internal/`
  (untuk petugas, terenkripsi dengan kata sandi dari `RAPOR_INTERNAL_PASSPHRASE`).
- `rapor serve` menampilkan situs di komputer ini dan memperbaruinya setiap kali
  berkas disimpan.
- `rapor new training ID` (juga `partner`, `outcome`, `story`, `programme`,
  `roster`) membuat catatan baru berisi semua kolom beserta penjelasannya.
- `rapor import roster daftar.xlsx --training ID` membuat daftar peserta dari
  Excel atau CSV; kesalahan disebut per baris dan kolom.

Buka folder ini di VS Code dengan ekstensi YAML dari Red Hat: folder `schemas/`
dan `.vscode/settings.json` membuat nama kolom muncul sebagai saran dan salah
ketik langsung ditandai (kecuali di bagian atas berkas `.md`; untuk itu pakai
`rapor check`).

Contoh catatan di folder ini boleh diubah atau dihapus. Jangan pernah menulis
nama atau nomor registrasi warga binaan di berita, deskripsi, atau keterangan
foto: rapor menolak membangun situs bila itu terjadi.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_cycles_come_from_the_id_and_date() {
        assert_eq!(title_of("barbershop-2026"), "Barbershop 2026");
        assert_eq!(title_of("tata-rias"), "Tata Rias");
        assert_eq!(cycle_of(Date::constant(2026, 6, 30)), "2026-1");
        assert_eq!(cycle_of(Date::constant(2026, 7, 1)), "2026-2");
    }

    #[test]
    fn comments_line_up_after_values_change() {
        let text = "a: 1  # one\nlonger_key: value  # two\n# note\n  # c: 3  # three\nbody text\n";
        assert_eq!(
            realign(text),
            "a: 1               # one\nlonger_key: value  # two\n# note\n  # c: 3           # three\nbody text\n"
        );
    }

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
