//! `rapor init`: a new site of commented records that builds as it is.

use std::path::{Path, PathBuf};

use super::lines::realign;
use super::records::{outcome, partner, programme, roster, story, training};
use crate::model::Date;
use crate::msg::{Message, msg};
use crate::vocab::Lang;

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
        // `.rapor/` holds the editor's undo history: copies of rosters too.
        (
            ".gitignore",
            "output/\n.rapor-cache/\n.rapor/\n".to_string(),
        ),
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

/// The `site.yaml` of a new site. Its comments are Indonesian only; in
/// English the editor's help comes from the schema instead.
pub(super) fn site_yaml(lang: Lang) -> String {
    match lang {
        Lang::Id => SITE_YAML.to_string(),
        Lang::En => String::new(),
    }
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
  # Boleh diisi (hapus tanda # di depannya): tampil di kepala dan kaki halaman,
  # dan di kop surat serta tanda tangan laporan cetak.
  # logo: media/logo.png        # gambar logo di folder content/
  # parent: Kantor Wilayah Kementerian Imigrasi dan Pemasyarakatan ...
  # address: Jl. ..., Kota, Provinsi
  # phone: (0380) 000000
  # email: humas@contoh.go.id
  # website: https://contoh.go.id/
  # head:                        # yang menandatangani laporan
  #   name: Nama Kepala Rutan
  #   title: Kepala Rutan Contoh
  # signing_place: Kota

# Foto utama beranda (boleh diisi). Tanpa ini, beranda memakai sampul berita
# terbaru. Foto hanya tampil bila public: true (sudah ada persetujuan).
# hero:
#   src: media/kegiatan-utama.jpg
#   alt: Apa yang terlihat di foto
#   public: true

# Bidang keterampilan: kunci (huruf kecil, angka, tanda hubung) lalu nama yang
# ditampilkan, dalam urutan tampil. Kunci ini ditulis pada kolom skill setiap
# pelatihan. Wajib.
skills:
  barbershop: Barbershop
  tata-rias: Tata Rias
  meubel: Pertukangan / Meubel

# Situs internal (hanya untuk petugas): daftar peserta, kontak mitra, catatan.
internal:
  # true (disarankan): situs internal ditulis terenkripsi dengan frasa sandi dari
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
  (untuk petugas, terenkripsi dengan frasa sandi dari `RAPOR_INTERNAL_PASSPHRASE`).
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
