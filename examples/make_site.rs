//! Writes a synthetic, contract-valid site folder for benchmarks, or a
//! national portal of such sites for `rapor portal build`.
//!
//!     cargo run --release --example make_site -- OUT_DIR --stories N [--seed S] [--photos] [--force]
//!     cargo run --release --example make_site -- OUT_DIR --portal F [--stories N] [--seed S] [--photos] [--force]
//!
//! Photos are off by default. `--photos` gives about a third of the
//! trainings that are not planned one or two small JPEGs, cleared for
//! publication, as a bundle (`trainings/<id>/index.md` beside them); the
//! other records are the same bytes as without it.
//!
//! With `--portal F` it writes `OUT_DIR/portal.yaml` and F facility sites
//! under `OUT_DIR/facilities/<id>/`, spread over real Indonesian provinces
//! (F/2 of them, rounded up, at most all 38): each a Rutan or Lapas of a town
//! of its province, with its own subset of the skills, about N stories (from
//! N/2 to 3N/2, default 12), its own local partners and some national ones
//! that several facilities share (same id and name). Facility sites keep
//! their internal site in plain files (`protect: false`), so that tests can
//! read it. Photos are off unless `--photos`.
//!
//! The site has `site.yaml`, partners, programmes, trainings, internal
//! rosters, outcomes and N stories, in proportions of a busy facility:
//! max(2, N/200) partners, max(1, N/1000) programmes, max(4, N/20) trainings,
//! a roster for about half of the trainings that are not planned, and an
//! outcome for about 80% of the completed ones. Stories carry 600–900 words
//! of varied Markdown (headings, lists, a blockquote, a table, links). There
//! are no photos unless `--photos`: the benchmark is about text.
//!
//! Refuses to write when OUT_DIR/content already exists, unless `--force`,
//! which deletes OUT_DIR/content first. Deterministic: the same arguments
//! give byte-identical files. Only the standard library is used; the random
//! numbers come from a small splitmix64 generator seeded from `--seed`
//! (default 1), one independent stream per record, so records can be
//! generated in parallel without changing a byte.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "make_site/portal.rs"]
mod portal;

// ---------------------------------------------------------------------------
// Command line

struct Args {
    out: PathBuf,
    stories: usize,
    seed: u64,
    force: bool,
    /// `--portal F`: a portal of F facilities instead of one site.
    portal: Option<usize>,
    photos: bool,
}

const USAGE: &str = "usage: make_site OUT_DIR --stories N [--seed S] [--photos] [--force]\n       make_site OUT_DIR --portal F [--stories N] [--seed S] [--photos] [--force]";

fn parse_args() -> Result<Args, String> {
    let mut out = None;
    let mut stories = None;
    let mut seed = 1u64;
    let mut force = false;
    let mut portal = None;
    let mut photos = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--portal" => {
                let v = args.next().ok_or("--portal needs a number")?;
                let n = v
                    .replace('_', "")
                    .parse::<usize>()
                    .map_err(|_| format!("--portal: `{v}` is not a whole number"))?;
                if n == 0 {
                    return Err("--portal: a portal needs at least one facility".into());
                }
                portal = Some(n);
            }
            "--stories" => {
                let v = args.next().ok_or("--stories needs a number")?;
                let v = v.replace('_', "");
                stories = Some(
                    v.parse::<usize>()
                        .map_err(|_| format!("--stories: `{v}` is not a whole number"))?,
                );
            }
            "--seed" => {
                let v = args.next().ok_or("--seed needs a number")?;
                seed = v
                    .parse::<u64>()
                    .map_err(|_| format!("--seed: `{v}` is not a whole number"))?;
            }
            "--force" => force = true,
            "--photos" => photos = true,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            s => {
                if out.is_some() {
                    return Err(format!("unexpected argument `{s}`"));
                }
                out = Some(PathBuf::from(s));
            }
        }
    }
    let stories = match (stories, portal) {
        (Some(n), _) => n,
        (None, Some(_)) => 12,
        (None, None) => return Err("--stories N is missing".into()),
    };
    Ok(Args {
        out: out.ok_or("OUT_DIR is missing")?,
        stories,
        seed,
        force,
        portal,
        photos,
    })
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("make_site: {e}");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Some(n) = args.portal {
        portal::main(
            &args.out,
            n,
            args.stories,
            args.seed,
            args.force,
            args.photos,
        );
        return;
    }
    let content = args.out.join("content");
    if content.exists() {
        if !args.force {
            eprintln!(
                "make_site: {} already exists; pass --force to replace it",
                content.display()
            );
            std::process::exit(1);
        }
        if let Err(e) = std::fs::remove_dir_all(&content) {
            eprintln!("make_site: cannot delete {}: {e}", content.display());
            std::process::exit(1);
        }
    }
    let started = Instant::now();
    let fac = Fac {
        photos: args.photos,
        ..Fac::bench()
    };
    let counts = generate(&content, args.stories, args.seed, &fac);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "make_site: {} stories ({} draft), {} trainings ({} planned, {} draft), {} rosters ({} participants), {} outcomes, {} partners, {} programmes, 1 site.yaml: {} files, {} bytes in {:.2} s -> {}",
        counts.stories,
        counts.draft_stories,
        counts.trainings,
        counts.planned,
        counts.draft_trainings,
        counts.rosters,
        counts.roster_people,
        counts.outcomes,
        counts.partners,
        counts.programmes,
        counts.files,
        counts.bytes,
        secs,
        content.display()
    );
}

// ---------------------------------------------------------------------------
// Random numbers

/// splitmix64: tiny, fast, and good enough for synthetic text.
struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// An independent stream for record `index` of kind `stream`.
    fn new(seed: u64, stream: u64, index: u64) -> Rng {
        let s = mix(mix(mix(seed ^ 0x5241_504F_5221) ^ stream) ^ index);
        Rng(s)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn usize(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below((hi - lo + 1) as u64) as usize
    }
    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
    fn pick_ref<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    /// `k` distinct indexes of 0..n, in increasing order.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        let mut out: Vec<usize> = Vec::with_capacity(k);
        while out.len() < k {
            let i = self.below(n as u64) as usize;
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out.sort_unstable();
        out
    }
}

const S_PARTNER: u64 = 1;
const S_PROGRAMME: u64 = 2;
const S_TRAINING: u64 = 3;
const S_ROSTER: u64 = 4;
const S_OUTCOME: u64 = 5;
const S_STORY: u64 = 6;
const S_PHOTO: u64 = 7;

// ---------------------------------------------------------------------------
// Dates as days since 1970-01-01 (proleptic Gregorian)

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

struct Day(i64);

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn year_of(day: i64) -> i64 {
    civil_from_days(day).0
}

/// Cycles are half-years: `2025-1` (January–June) and `2025-2`.
fn cycle_of(day: i64) -> String {
    let (y, m, _) = civil_from_days(day);
    format!("{y}-{}", if m <= 6 { 1 } else { 2 })
}

// ---------------------------------------------------------------------------
// YAML scalars

/// `s` as a YAML scalar: plain when that is certainly read back as the same
/// text, double-quoted otherwise. `flow` is for values inside `{ }` or `[ ]`,
/// where a comma would end the value.
fn ys(s: &str, flow: bool) -> String {
    let plain = !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_alphabetic())
        && !s.ends_with(' ')
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, ' ' | '.' | '-' | '(' | ')' | '/' | '\'')
                || (c == ',' && !flow)
        })
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "y" | "n"
        );
    if plain {
        return s.to_string();
    }
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

// ---------------------------------------------------------------------------
// Vocabulary

const SKILLS: [(&str, &str); 8] = [
    ("barbershop", "Barbershop"),
    ("tata-rias", "Tata Rias"),
    ("yoga", "Yoga"),
    ("meubel", "Pertukangan / Meubel"),
    ("las", "Las Listrik"),
    ("jahit", "Menjahit"),
    ("pertanian", "Pertanian"),
    ("kuliner", "Kuliner"),
];

const PLACES: &[&str] = &[
    "Ruteng",
    "Borong",
    "Labuan Bajo",
    "Bajawa",
    "Ende",
    "Maumere",
    "Larantuka",
    "Kupang",
    "Atambua",
    "Waingapu",
    "Kefamenanu",
    "Soe",
    "Lewoleba",
    "Mbay",
    "Kalabahi",
    "Waikabubak",
];

const PARTNER_KINDS: &[(&str, &[&str])] = &[
    (
        "government",
        &[
            "UPTD SKB",
            "Balai Latihan Kerja",
            "Dinas Tenaga Kerja",
            "Dinas Pertanian",
            "Puskesmas",
        ],
    ),
    (
        "business",
        &[
            "CV Maju Jaya",
            "UD Sumber Rejeki",
            "PT Karya Flores",
            "Toko Mebel Sinar",
            "Salon Cantika",
        ],
    ),
    (
        "ngo",
        &[
            "Yayasan Harapan Baru",
            "Yayasan Pelita Kasih",
            "Lembaga Bina Mandiri",
        ],
    ),
    (
        "education",
        &[
            "Politeknik",
            "SMK Negeri",
            "Universitas Katolik",
            "Lembaga Kursus Terampil",
        ],
    ),
    (
        "community",
        &[
            "Komunitas Yoga",
            "Kelompok Tani Subur",
            "Paguyuban Penjahit",
            "Ikatan Pemangkas Rambut",
        ],
    ),
    (
        "other",
        &[
            "Paroki Santo Yosef",
            "Koperasi Serba Usaha",
            "Badan Amil Zakat",
        ],
    ),
];

const CONTRIBUTIONS: &[&str] = &[
    "instructors",
    "materials",
    "equipment",
    "certification",
    "venue",
    "marketing",
    "funding",
];

const FIRST_M: &[&str] = &[
    "Yohanes",
    "Gregorius",
    "Stefanus",
    "Fransiskus",
    "Agustinus",
    "Kornelis",
    "Yosef",
    "Petrus",
    "Paulus",
    "Aloysius",
    "Bernadus",
    "Emilianus",
    "Hironimus",
    "Kristoforus",
    "Lukas",
    "Markus",
    "Matias",
    "Nikolaus",
    "Oktavianus",
    "Rofinus",
    "Sebastianus",
    "Vinsensius",
    "Wilhelmus",
    "Arnoldus",
    "Dominikus",
    "Florianus",
    "Hendrikus",
    "Klemens",
    "Marselinus",
    "Yakobus",
];
const FIRST_F: &[&str] = &[
    "Maria",
    "Theresia",
    "Agnes",
    "Anastasia",
    "Benedikta",
    "Elisabeth",
    "Fransiska",
    "Katarina",
    "Margareta",
    "Regina",
    "Veronika",
    "Yuliana",
    "Bernadeta",
    "Skolastika",
    "Yasinta",
    "Helena",
];
const LAST: &[&str] = &[
    "Jehadu",
    "Lalong",
    "Nandur",
    "Jelahu",
    "Hambur",
    "Dagur",
    "Jemadu",
    "Ngganggus",
    "Pandur",
    "Sehadun",
    "Nggarang",
    "Jebarus",
    "Lamut",
    "Dahur",
    "Nabit",
    "Jampur",
    "Mandut",
    "Ngalu",
    "Sungkang",
    "Lagur",
    "Jelamu",
    "Dangku",
    "Harun",
    "Lando",
    "Mbete",
    "Nurak",
    "Jelita",
    "Wangge",
    "Tukan",
    "Kelen",
    "Bataona",
    "Hurint",
    "Ndona",
    "Rangga",
    "Ndiwa",
];

const SUBJECTS: &[&str] = &[
    "warga binaan",
    "para peserta",
    "petugas pembinaan",
    "instruktur dari mitra",
    "tim humas",
    "kepala seksi pembinaan",
    "wali pemasyarakatan",
    "kelompok kerja",
    "peserta angkatan pertama",
    "peserta angkatan kedua",
    "pendamping lapangan",
    "petugas bengkel kerja",
    "pengurus koperasi",
    "tim asesor",
    "pembimbing kemasyarakatan",
    "perwakilan mitra",
    "kepala rutan",
    "kepala lapas",
    "regu dapur",
    "kelompok tani binaan",
    "para instruktur",
    "tim penilai",
    "petugas kesehatan",
    "relawan yayasan",
    "pengelola kegiatan kerja",
    "peserta perempuan",
    "peserta muda",
];

const VERBS: &[&str] = &[
    "mengikuti",
    "mempelajari",
    "menyiapkan",
    "mendampingi",
    "menghasilkan",
    "memperbaiki",
    "melatih",
    "menilai",
    "mencatat",
    "mengembangkan",
    "membuka",
    "menjual",
    "menata",
    "membersihkan",
    "memeriksa",
    "mendukung",
    "merancang",
    "menyusun",
    "mempraktikkan",
    "mengolah",
    "merawat",
    "menanam",
    "memanen",
    "memotong",
    "menjahit",
    "mengelas",
    "mengamplas",
    "mengecat",
    "mengukur",
    "menyerahkan",
    "membahas",
    "mengevaluasi",
    "memamerkan",
    "menawarkan",
    "mengemas",
    "menguji",
    "mengulang",
    "meninjau",
    "memantau",
    "menyepakati",
    "memperkenalkan",
    "menunjukkan",
    "membagikan",
    "mengajarkan",
    "menerapkan",
    "menyempurnakan",
    "merapikan",
];

const OBJECTS: &[&str] = &[
    "modul latihan",
    "bahan baku",
    "peralatan kerja",
    "mesin jahit",
    "kursi kayu",
    "meja belajar",
    "rak buku",
    "pagar besi",
    "teralis jendela",
    "kue kering",
    "roti manis",
    "sayuran organik",
    "bibit cabai",
    "pupuk kompos",
    "model potongan rambut",
    "teknik rias wajah",
    "gerakan pernapasan",
    "rencana usaha",
    "laporan kegiatan",
    "jadwal latihan",
    "daftar kebutuhan",
    "hasil uji kompetensi",
    "sertifikat kompetensi",
    "contoh produk",
    "standar keselamatan kerja",
    "catatan harian",
    "kemasan produk",
    "anggaran bahan",
    "lembar penilaian",
    "materi dasar",
    "materi lanjutan",
    "pola baju",
    "kain tenun",
    "kebun sayur",
    "bengkel kerja",
    "ruang latihan",
    "alat cukur",
    "kuas dan bedak",
    "matras yoga",
    "papan kayu",
    "kawat las",
    "resep makanan lokal",
    "produk kerajinan",
    "peluang kerja",
    "jejaring pemasaran",
    "kesepakatan kerja sama",
    "program kemandirian",
    "sambungan las",
    "lemari kecil",
    "sambal kemasan",
    "kopi Manggarai",
    "tas anyaman",
];

const ADJECTIVES: &[&str] = &[
    "baru",
    "dasar",
    "sederhana",
    "rapi",
    "kuat",
    "bersih",
    "lengkap",
    "praktis",
    "layak jual",
    "berkualitas",
    "terjangkau",
    "menarik",
    "tahan lama",
    "sesuai standar",
    "buatan sendiri",
];

const ADVERBIALS: &[&str] = &[
    "setiap pagi",
    "selama enam minggu",
    "di bawah pengawasan instruktur",
    "dengan penuh semangat",
    "secara bergantian",
    "sejak awal bulan",
    "di aula rutan",
    "di bengkel kerja",
    "di halaman belakang",
    "bersama petugas",
    "menjelang uji kompetensi",
    "dua kali seminggu",
    "pada sesi terakhir",
    "tanpa biaya dari negara",
    "sesuai jadwal yang disepakati",
    "dengan peralatan pinjaman mitra",
    "dalam kelompok kecil",
    "sebelum matahari terik",
    "setelah apel pagi",
    "hingga sore hari",
    "dengan hasil yang memuaskan",
    "untuk pertama kalinya",
    "menurut rencana kerja",
    "di depan para tamu",
    "pada akhir siklus",
    "tanpa banyak kendala",
    "dengan teliti",
    "secara mandiri",
];

const OPENERS: &[&str] = &[
    "Selain itu",
    "Setelah itu",
    "Sementara itu",
    "Pada minggu berikutnya",
    "Meskipun begitu",
    "Dengan cara ini",
    "Menurut catatan petugas",
    "Dalam evaluasi terakhir",
    "Sejak pelatihan dimulai",
    "Di sisi lain",
    "Untuk itu",
    "Pada akhirnya",
    "Bulan lalu",
    "Dalam pertemuan dengan mitra",
    "Menurut instruktur",
];

const REASONS: &[&str] = &[
    "supaya keterampilan itu berguna setelah bebas",
    "agar produk bisa dijual melalui koperasi",
    "karena permintaan pasar di kota terus naik",
    "sehingga peserta lebih percaya diri",
    "karena alat yang tersedia masih terbatas",
    "agar hasilnya dapat dinilai secara adil",
    "sehingga biaya pelatihan tetap rendah",
    "supaya keluarga dapat melihat perubahan nyata",
    "karena mitra ingin melanjutkan kerja sama",
    "sehingga jam terbang peserta bertambah",
    "agar setiap peserta mendapat giliran berlatih",
    "karena keselamatan kerja menjadi prioritas",
];

const HEADINGS: &[&str] = &[
    "Dari latihan ke layanan",
    "Peran mitra",
    "Persiapan kelas",
    "Hasil yang terukur",
    "Langkah berikutnya",
    "Suara peserta",
    "Tantangan di lapangan",
    "Sertifikasi kompetensi",
    "Jejaring pemasaran",
    "Keselamatan kerja",
    "Bahan dan peralatan",
    "Jadwal dan tempat",
    "Pendampingan setelah bebas",
    "Catatan petugas",
    "Produk yang dihasilkan",
    "Dukungan keluarga",
    "Evaluasi bersama",
    "Rencana siklus berikutnya",
];

const LIST_ITEMS: &[&str] = &[
    "peralatan kerja dipinjamkan mitra",
    "bahan habis pakai dibeli dari kas kegiatan",
    "jadwal latihan disesuaikan dengan jam kunjungan",
    "peserta dipilih melalui asesmen minat",
    "instruktur hadir dua kali seminggu",
    "hasil karya dipamerkan di ruang tunggu",
    "uji kompetensi dilakukan oleh lembaga bersertifikat",
    "produk dijual melalui koperasi",
    "setiap sesi dicatat dalam buku harian kegiatan",
    "keselamatan kerja diperiksa sebelum latihan",
    "peserta yang berhalangan mendapat sesi pengganti",
    "mitra menyediakan modul cetak",
    "petugas pengamanan mendampingi kegiatan di luar blok",
];

const STEPS: &[&str] = &[
    "Asesmen minat warga binaan",
    "Pemetaan mitra dan kebutuhan alat",
    "Penyusunan jadwal latihan",
    "Pelaksanaan materi dasar",
    "Praktik dengan pengawasan instruktur",
    "Uji kompetensi",
    "Penyerahan sertifikat",
    "Pameran dan penjualan produk",
    "Evaluasi bersama mitra",
    "Penyusunan rencana siklus berikutnya",
];

const TABLE_ROWS: &[&str] = &[
    "Peserta",
    "Sesi latihan",
    "Jam pelatihan",
    "Produk selesai",
    "Layanan diberikan",
    "Instruktur",
    "Mitra terlibat",
    "Hari kerja",
];

const QUOTE_BY: &[&str] = &[
    "kata kepala seksi pembinaan",
    "ujar seorang instruktur",
    "kata perwakilan mitra",
    "tutur wali pemasyarakatan",
    "kata kepala rutan",
    "ujar pendamping lapangan",
];

const TAGS: &[&str] = &[
    "kemandirian",
    "kemitraan",
    "pembinaan",
    "sertifikasi",
    "pelatihan",
    "keterampilan",
    "kesehatan",
    "wirausaha",
    "reintegrasi",
    "kerajinan",
    "pertanian",
    "kuliner",
    "barbershop",
    "tata-rias",
    "yoga",
    "meubel",
    "las",
    "jahit",
    "koperasi",
    "pameran",
    "evaluasi",
    "asesmen",
    "keluarga",
    "perempuan",
    "pemuda",
    "lingkungan",
    "pemasaran",
    "produk",
    "instruktur",
    "kunjungan",
];

const AUTHORS: &[&str] = &[
    "Tim Humas",
    "Seksi Pembinaan",
    "Redaksi",
    "Subseksi Kegiatan Kerja",
    "Tim Humas dan Pelaporan",
];

const LOCATIONS: &[&str] = &[
    "Aula Lapas",
    "Bengkel Kerja",
    "Lapangan Olahraga",
    "Dapur Bersama",
    "Kebun Belakang",
    "Ruang Keterampilan",
    "Ruang Kelas Blok B",
    "Gedung Serbaguna",
];

const PROGRAMME_KINDS: &[&str] = &[
    "Aksi Perubahan PKA",
    "Aksi Perubahan PKP",
    "Program Kerja Tahunan",
];
const LEADS: &[&str] = &[
    "Kepala Lapas",
    "Kepala Seksi Pembinaan",
    "Kepala Subseksi Kegiatan Kerja",
];
const STAGE_NAMES: &[&str] = &[
    "Konsultasi mentor",
    "Inventarisasi masalah",
    "Sosialisasi",
    "Asesmen minat WBP",
    "Pemetaan mitra",
    "Penandatanganan perjanjian",
    "Pelaksanaan pelatihan",
    "Sertifikasi kompetensi",
    "Pameran produk",
    "Evaluasi dampak dan keberlanjutan",
];

/// Products (name, unit value range in thousands of rupiah) and services per skill.
fn products_of(skill: &str) -> (&'static [(&'static str, u64, u64)], &'static [&'static str]) {
    match skill {
        "barbershop" => (&[], &["Potong rambut", "Cukur jenggot"]),
        "tata-rias" => (&[], &["Rias pengantin", "Rias wisuda", "Tata rambut"]),
        "yoga" => (&[], &["Kelas yoga untuk petugas"]),
        "meubel" => (
            &[
                ("Kursi kayu", 400, 900),
                ("Meja kayu", 800, 1600),
                ("Rak buku", 400, 800),
                ("Lemari kecil", 900, 2000),
            ],
            &["Perbaikan mebel kantor"],
        ),
        "las" => (
            &[
                ("Pagar besi", 800, 2500),
                ("Teralis jendela", 300, 900),
                ("Rak besi", 250, 600),
            ],
            &["Servis pagar", "Las pintu gerbang"],
        ),
        "jahit" => (
            &[
                ("Kemeja", 90, 180),
                ("Seragam", 120, 250),
                ("Tas kain", 40, 120),
            ],
            &["Permak pakaian"],
        ),
        "pertanian" => (
            &[
                ("Sayuran (ikat)", 5, 15),
                ("Cabai (kg)", 30, 80),
                ("Pupuk kompos (karung)", 20, 50),
            ],
            &[],
        ),
        _ => (
            &[
                ("Kue kering (toples)", 40, 90),
                ("Roti manis (bungkus)", 10, 25),
                ("Sambal kemasan", 15, 35),
            ],
            &["Katering acara kantor"],
        ),
    }
}

// ---------------------------------------------------------------------------
// Text

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A noun phrase, sometimes with an adjective, sometimes emphasised.
fn object(r: &mut Rng, emphasis: bool) -> String {
    let mut o = r.pick(OBJECTS).to_string();
    if r.chance(250) {
        o.push(' ');
        o.push_str(r.pick(ADJECTIVES));
    }
    if emphasis {
        match r.below(40) {
            0 => o = format!("**{o}**"),
            1 => o = format!("*{o}*"),
            _ => {}
        }
    }
    o
}

/// One sentence, without trailing space. Returns its word count.
fn sentence(r: &mut Rng, out: &mut String, emphasis: bool) -> usize {
    let start = out.len();
    let mut s = String::with_capacity(120);
    match r.below(5) {
        0 => {
            let _ = write!(
                s,
                "{}, {} {} {}",
                r.pick(OPENERS),
                r.pick(SUBJECTS),
                r.pick(VERBS),
                object(r, emphasis)
            );
            if r.chance(500) {
                s.push(' ');
                s.push_str(r.pick(ADVERBIALS));
            }
        }
        1 => {
            let _ = write!(
                s,
                "{} {} {} {}, {}",
                capitalise(r.pick(SUBJECTS)),
                r.pick(VERBS),
                object(r, emphasis),
                r.pick(ADVERBIALS),
                r.pick(REASONS)
            );
        }
        2 => {
            let _ = write!(
                s,
                "{} {} {} dan {}, lalu {} {} {}",
                capitalise(r.pick(SUBJECTS)),
                r.pick(VERBS),
                object(r, emphasis),
                object(r, false),
                r.pick(SUBJECTS),
                r.pick(VERBS),
                object(r, emphasis)
            );
        }
        3 => {
            let _ = write!(
                s,
                "{} {} {} {}",
                capitalise(r.pick(ADVERBIALS)),
                r.pick(SUBJECTS),
                r.pick(VERBS),
                object(r, emphasis)
            );
        }
        _ => {
            let _ = write!(
                s,
                "{} {} {} {}",
                capitalise(r.pick(SUBJECTS)),
                r.pick(VERBS),
                object(r, emphasis),
                r.pick(ADVERBIALS)
            );
        }
    }
    s.push('.');
    out.push_str(&s);
    out[start..].split_whitespace().count()
}

/// A paragraph of 2–6 sentences, stopping early (after one sentence at the
/// least) once `budget` words are written. Returns its word count.
fn paragraph(r: &mut Rng, out: &mut String, budget: usize) -> usize {
    let n = r.usize(2, 6);
    let mut words = 0;
    for i in 0..n {
        if i >= 1 && words >= budget {
            break;
        }
        if i > 0 {
            out.push(' ');
        }
        words += sentence(r, out, true);
    }
    out.push_str("\n\n");
    words
}

/// A short plain sentence for titles and summaries (no Markdown).
fn plain_sentence(r: &mut Rng) -> String {
    let mut s = String::new();
    sentence(r, &mut s, false);
    s
}

fn title(r: &mut Rng, short: &str) -> String {
    let who = match r.below(4) {
        0 => short.to_string(),
        1 => capitalise(r.pick(SUBJECTS)),
        2 => "Warga binaan".to_string(),
        _ => "Mitra dan petugas".to_string(),
    };
    let mut t = format!("{who} {} {}", r.pick(VERBS), r.pick(OBJECTS));
    if r.chance(400) {
        t.push(' ');
        t.push_str(r.pick(ADVERBIALS));
    }
    t
}

// ---------------------------------------------------------------------------
// The model being generated

/// The facility a site is generated for: what its site.yaml says, and
/// which skills, towns and national partners its records draw on.
struct Fac {
    /// The first line of site.yaml, a comment.
    header: &'static str,
    title: String,
    description: &'static str,
    base_url: String,
    name: String,
    short: String,
    region: String,
    /// Indexes into `SKILLS`, in order.
    skills: Vec<usize>,
    /// Towns that local partners' names are drawn from.
    places: Vec<&'static str>,
    /// Indexes into `portal::NATIONAL`: partners this facility shares with others.
    national: Vec<usize>,
    protect: bool,
    /// Trainings get photos (`--photos`).
    photos: bool,
}

impl Fac {
    /// The benchmark's one facility.
    fn bench() -> Fac {
        let short = "Lapas Nusa Bunga";
        Fac {
            header: "# Benchmark site written by examples/make_site.rs. Synthetic data.",
            title: format!("Pembinaan Kemandirian {short}"),
            description: "Pelatihan keterampilan bagi warga binaan bersama mitra (data sintetis untuk uji kecepatan).",
            base_url: "https://bench.example.org/".into(),
            name: "Lembaga Pemasyarakatan Kelas IIA Nusa Bunga".into(),
            short: short.into(),
            region: "Nusa Tenggara Timur".into(),
            skills: (0..SKILLS.len()).collect(),
            places: PLACES.to_vec(),
            national: Vec::new(),
            protect: true,
            photos: false,
        }
    }
}

struct Partner {
    id: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Planned,
    Ongoing,
    Completed,
}

struct Person {
    certified: bool,
}

struct Training {
    id: String,
    num: usize,
    /// Photos beside it (then it is written as a bundle).
    photos: usize,
    skill: usize,
    partners: Vec<usize>,
    start: i64,
    end: Option<i64>,
    status: Status,
    draft: bool,
    /// The roster's participants, when the training has one.
    roster: Option<Vec<Person>>,
    headcount: u32,
}

#[derive(Default)]
struct Counts {
    stories: usize,
    draft_stories: usize,
    trainings: usize,
    planned: usize,
    draft_trainings: usize,
    rosters: usize,
    roster_people: usize,
    outcomes: usize,
    partners: usize,
    programmes: usize,
    files: usize,
    bytes: u64,
}

fn write(path: &Path, text: &str, counts: &mut Counts) {
    write_bytes(path, text.as_bytes(), counts);
}

fn write_bytes(path: &Path, text: &[u8], counts: &mut Counts) {
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("make_site: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    counts.files += 1;
    counts.bytes += text.len() as u64;
}

fn generate(content: &Path, n_stories: usize, seed: u64, fac: &Fac) -> Counts {
    let mut counts = Counts::default();
    for dir in [
        "partners",
        "programmes",
        "trainings",
        "outcomes",
        "stories",
        "internal/rosters",
    ] {
        if let Err(e) = std::fs::create_dir_all(content.join(dir)) {
            eprintln!(
                "make_site: cannot create {}: {e}",
                content.join(dir).display()
            );
            std::process::exit(1);
        }
    }
    write(&content.join("site.yaml"), &site_yaml(fac), &mut counts);

    let n_partners = (n_stories / 200).max(2);
    let mut partners: Vec<Partner> = (0..n_partners)
        .map(|i| {
            let (p, text) = partner(seed, i, &fac.places);
            write(
                &content.join(format!("partners/{}.yaml", p.id)),
                &text,
                &mut counts,
            );
            p
        })
        .collect();
    for &n in &fac.national {
        let (p, text) = portal::national_partner(seed, n);
        write(
            &content.join(format!("partners/{}.yaml", p.id)),
            &text,
            &mut counts,
        );
        partners.push(p);
    }
    counts.partners = partners.len();

    let n_programmes = (n_stories / 1000).max(1);
    let programmes: Vec<String> = (0..n_programmes)
        .map(|i| {
            let (id, text) = programme(seed, i);
            write(
                &content.join(format!("programmes/{id}.md")),
                &text,
                &mut counts,
            );
            id
        })
        .collect();
    counts.programmes = programmes.len();

    let n_trainings = (n_stories / 20).max(4);
    let mut trainings = Vec::with_capacity(n_trainings);
    for i in 0..n_trainings {
        let (t, text) = training(seed, i, fac, &partners, &programmes);
        if t.photos == 0 {
            write(
                &content.join(format!("trainings/{}.md", t.id)),
                &text,
                &mut counts,
            );
        } else {
            let dir = content.join(format!("trainings/{}", t.id));
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("make_site: cannot create {}: {e}", dir.display());
                std::process::exit(1);
            }
            write(&dir.join("index.md"), &text, &mut counts);
            for k in 1..=t.photos {
                let bytes = photo(seed, i, k);
                write_bytes(&dir.join(format!("foto-{k}.jpg")), &bytes, &mut counts);
            }
        }
        counts.planned += usize::from(t.status == Status::Planned);
        counts.draft_trainings += usize::from(t.draft);
        if let Some(roster) = &t.roster {
            let text = roster_yaml(seed, &t, roster.len());
            write(
                &content.join(format!("internal/rosters/{}.yaml", t.id)),
                &text,
                &mut counts,
            );
            counts.rosters += 1;
            counts.roster_people += roster.len();
        }
        let mut r = Rng::new(seed, S_OUTCOME, i as u64);
        if t.status == Status::Completed && r.chance(800) {
            let text = outcome(&mut r, &t, &partners);
            write(
                &content.join(format!("outcomes/{}.yaml", t.id)),
                &text,
                &mut counts,
            );
            counts.outcomes += 1;
        }
        trainings.push(t);
    }
    counts.trainings = trainings.len();

    // Stories: the bulk of the work, in parallel; each story has its own
    // random stream, so the result does not depend on the split.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 16);
    let chunk = n_stories.div_ceil(threads).max(1);
    let ctx = StoryCtx {
        seed,
        short: &fac.short,
        trainings: &trainings,
        partners: &partners,
        programmes: &programmes,
        dir: content.join("stories"),
    };
    let parts: Vec<Counts> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..n_stories)
            .step_by(chunk)
            .map(|from| {
                let ctx = &ctx;
                s.spawn(move || {
                    let mut c = Counts::default();
                    let mut buf = String::with_capacity(16 * 1024);
                    for i in from..(from + chunk).min(n_stories) {
                        buf.clear();
                        let (id, draft) = story(ctx, i, &mut buf);
                        write(&ctx.dir.join(format!("{id}.md")), &buf, &mut c);
                        c.stories += 1;
                        c.draft_stories += usize::from(draft);
                    }
                    c
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("story thread"))
            .collect()
    });
    for c in parts {
        counts.files += c.files;
        counts.bytes += c.bytes;
        counts.stories += c.stories;
        counts.draft_stories += c.draft_stories;
    }
    counts
}

// ---------------------------------------------------------------------------
// Records

fn site_yaml(fac: &Fac) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", fac.header);
    let _ = writeln!(s, "title: {}", ys(&fac.title, false));
    let _ = writeln!(s, "description: {}", ys(fac.description, false));
    let _ = writeln!(s, "base_url: {}", fac.base_url);
    s.push_str("language: id\n");
    s.push_str("facility:\n");
    let _ = writeln!(s, "  name: {}", ys(&fac.name, false));
    let _ = writeln!(s, "  short_name: {}", ys(&fac.short, false));
    let _ = writeln!(s, "  region: {}", ys(&fac.region, false));
    s.push_str("skills:\n");
    for &k in &fac.skills {
        let (k, v) = SKILLS[k];
        let _ = writeln!(s, "  {k}: {}", ys(v, false));
    }
    // The contract's default: the internal site is sealed (the benchmarks set
    // RAPOR_INTERNAL_PASSPHRASE), so they measure the encryption too.
    let _ = writeln!(s, "internal: {{ protect: {} }}", fac.protect);
    s
}

fn person_name(r: &mut Rng, female: bool) -> String {
    let first = if female {
        r.pick(FIRST_F)
    } else {
        r.pick(FIRST_M)
    };
    format!("{first} {}", r.pick(LAST))
}

fn partner(seed: u64, i: usize, places: &[&str]) -> (Partner, String) {
    let mut r = Rng::new(seed, S_PARTNER, i as u64);
    let id = format!("mitra-{:04}", i + 1);
    let (kind, names) = r.pick(PARTNER_KINDS);
    let name = format!("{} {} {}", r.pick(names), r.pick(places), i + 1);
    let since = days_from_civil(2021, 1, 1) + r.range(0, 5 * 365);
    let mut s = String::with_capacity(1024);
    let _ = writeln!(s, "name: {}", ys(&name, false));
    let _ = writeln!(s, "kind: {kind}");
    let mut desc = plain_sentence(&mut r);
    desc.push(' ');
    desc.push_str(&plain_sentence(&mut r));
    let _ = writeln!(s, "description: {}", ys(&desc, false));
    if r.chance(500) {
        let _ = writeln!(s, "website: https://{id}.example.org/");
    }
    let _ = writeln!(s, "since: {}", Day(since));
    let k = r.usize(1, 3);
    let picks = r.distinct(CONTRIBUTIONS.len(), k);
    let list: Vec<&str> = picks.iter().map(|&j| CONTRIBUTIONS[j]).collect();
    let _ = writeln!(s, "contributions: [{}]", list.join(", "));
    let female = r.chance(500);
    let contact = person_name(&mut r, female);
    let email = format!(
        "{}@example.org",
        contact.to_ascii_lowercase().replace(' ', ".")
    );
    s.push_str("internal:\n");
    let _ = writeln!(
        s,
        "  contact: {{ name: {}, phone: \"+62 812 {:04} {:04}\", email: {email} }}",
        ys(&contact, true),
        r.below(10_000),
        r.below(10_000)
    );
    let signed = since;
    let expires = signed + r.range(365, 3 * 365);
    let _ = writeln!(
        s,
        "  agreement: {{ number: \"{:03}/PKS/{}\", signed: {}, expires: {} }}",
        i + 1,
        year_of(signed),
        Day(signed),
        Day(expires)
    );
    (Partner { id }, s)
}

fn programme(seed: u64, i: usize) -> (String, String) {
    let mut r = Rng::new(seed, S_PROGRAMME, i as u64);
    let id = format!("program-{:03}", i + 1);
    let start = days_from_civil(2023, 1, 1) + r.range(0, 3 * 365);
    let n_stages = r.usize(4, 8);
    let mut s = String::with_capacity(2048);
    s.push_str("---\n");
    let _ = writeln!(
        s,
        "title: {}",
        ys(
            &format!(
                "Penguatan {} dalam Pembinaan Kemandirian {}",
                r.pick(OBJECTS)
                    .split(' ')
                    .map(capitalise)
                    .collect::<Vec<_>>()
                    .join(" "),
                i + 1
            ),
            false
        )
    );
    let _ = writeln!(s, "kind: {}", r.pick(PROGRAMME_KINDS));
    let _ = writeln!(s, "lead: {}", r.pick(LEADS));
    let _ = writeln!(s, "start: {}", Day(start));
    let mut day = start;
    let mut stages = String::new();
    let done = r.usize(1, n_stages);
    for k in 0..n_stages {
        day += r.range(5, 30);
        let status = if k + 1 < done {
            "done"
        } else if k + 1 == done {
            "doing"
        } else {
            "todo"
        };
        let _ = writeln!(
            stages,
            "  - {{ name: {}, date: {}, status: {status} }}",
            ys(STAGE_NAMES[k * STAGE_NAMES.len() / n_stages], true),
            Day(day)
        );
    }
    let _ = writeln!(s, "end: {}", Day(day + r.range(0, 20)));
    s.push_str("stages:\n");
    s.push_str(&stages);
    s.push_str("---\n");
    let target = r.usize(80, 150);
    let mut words = 0;
    while words < target {
        words += paragraph(&mut r, &mut s, target - words);
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    (id, s)
}

fn training(
    seed: u64,
    i: usize,
    fac: &Fac,
    partners: &[Partner],
    programmes: &[String],
) -> (Training, String) {
    let mut r = Rng::new(seed, S_TRAINING, i as u64);
    let num = i + 1;
    let id = format!("pelatihan-{num:05}");
    let skill = fac.skills[r.below(fac.skills.len() as u64) as usize];
    let roll = r.below(1000);
    let status = if roll < 50 {
        Status::Planned
    } else if roll < 170 {
        Status::Ongoing
    } else {
        Status::Completed
    };
    let start = match status {
        Status::Planned => days_from_civil(2026, 7, 1) + r.range(0, 180),
        Status::Ongoing => days_from_civil(2026, 3, 1) + r.range(0, 110),
        Status::Completed => days_from_civil(2023, 1, 2) + r.range(0, 1200),
    };
    let end = match status {
        Status::Planned => None,
        _ => Some(start + r.range(14, 60)),
    };
    let draft = r.chance(30);
    let k = if r.chance(300) { 2 } else { 1 };
    let tp = r.distinct(partners.len(), k);
    let hours = r.range(4, 40) * 2;
    let has_roster = status != Status::Planned && r.chance(500);
    let roster = has_roster.then(|| {
        let mut rr = Rng::new(seed, S_ROSTER, i as u64);
        let n = rr.usize(8, 20);
        (0..n)
            .map(|_| Person {
                certified: rr.chance(800),
            })
            .collect::<Vec<_>>()
    });
    let headcount = match &roster {
        Some(p) => p.len() as u32,
        None => r.range(8, 30) as u32,
    };

    let mut s = String::with_capacity(2048);
    s.push_str("---\n");
    let _ = writeln!(
        s,
        "title: {}",
        ys(
            &format!("Pelatihan {} Angkatan {num}", SKILLS[skill].1),
            false
        )
    );
    let _ = writeln!(s, "skill: {}", SKILLS[skill].0);
    let _ = writeln!(s, "cycle: {}", cycle_of(start));
    if r.chance(500) {
        let _ = writeln!(s, "programme: {}", r.pick_ref(programmes));
    }
    let ids: Vec<&str> = tp.iter().map(|&j| partners[j].id.as_str()).collect();
    let _ = writeln!(s, "partners: [{}]", ids.join(", "));
    let _ = writeln!(s, "start: {}", Day(start));
    if let Some(end) = end {
        let _ = writeln!(s, "end: {}", Day(end));
    }
    let _ = writeln!(s, "hours: {hours}");
    let _ = writeln!(s, "location: {}", ys(r.pick(LOCATIONS), false));
    let _ = writeln!(
        s,
        "status: {}",
        match status {
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
            Status::Completed => "completed",
        }
    );
    if roster.is_none() {
        let _ = writeln!(s, "participants: {headcount}");
    }
    let state = if r.chance(600) {
        0
    } else {
        r.range(1, 100) * 50_000
    };
    let partner_idr = r.range(0, 400) * 50_000;
    let _ = writeln!(
        s,
        "cost: {{ state_budget_idr: {state}, partner_contribution_idr: {partner_idr} }}"
    );
    // Its own stream, so that photos change nothing else.
    let mut pr = Rng::new(seed, S_PHOTO, i as u64);
    let photos = if fac.photos && status != Status::Planned && pr.chance(333) {
        pr.usize(1, 2)
    } else {
        0
    };
    if photos > 0 {
        s.push_str("photos:\n");
        for k in 1..=photos {
            let _ = writeln!(
                s,
                "  - {{ src: foto-{k}.jpg, alt: {}, public: true }}",
                ys(
                    &format!("Peserta pelatihan {} berlatih", SKILLS[skill].1),
                    true
                )
            );
        }
    }
    if draft {
        s.push_str("draft: true\n");
    }
    if r.chance(200) {
        let _ = writeln!(
            s,
            "internal: {{ notes: {} }}",
            ys(&plain_sentence(&mut r), true)
        );
    }
    s.push_str("---\n");
    let target = r.usize(100, 185);
    let mut words = 0;
    if r.chance(300) {
        let _ = write!(s, "## {}\n\n", r.pick(HEADINGS));
    }
    while words < target {
        words += paragraph(&mut r, &mut s, target - words);
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    let t = Training {
        id,
        num,
        photos,
        skill,
        partners: tp,
        start,
        end,
        status,
        draft,
        roster,
        headcount,
    };
    (t, s)
}

fn roster_yaml(seed: u64, t: &Training, n: usize) -> String {
    // Its own stream, so the names do not depend on anything else.
    let mut r = Rng::new(seed, S_ROSTER ^ 0xFF, t.num as u64);
    let people = t.roster.as_deref().unwrap_or(&[]);
    let year = year_of(t.start);
    let sessions = 16;
    let mut s = String::with_capacity(n * 260);
    s.push_str("# DAFTAR PESERTA - INTERNAL. Data sintetis.\n");
    let _ = writeln!(s, "training: {}", t.id);
    s.push_str("participants:\n");
    let code = SKILLS[t.skill].0.to_ascii_uppercase().replace('-', "");
    for (k, p) in people.iter().enumerate() {
        let female = r.chance(250);
        let pre = r.range(20, 70);
        let post = (pre + r.range(0, 35)).min(100);
        let _ = writeln!(s, "  - id: WBP-{year}-{:05}-{:02}", t.num, k + 1);
        let _ = writeln!(s, "    name: {}", ys(&person_name(&mut r, female), false));
        let _ = writeln!(s, "    gender: {}", if female { "f" } else { "m" });
        let _ = writeln!(s, "    birth_year: {}", r.range(1960, 2005));
        let _ = writeln!(
            s,
            "    attendance: {}",
            r.range(sessions * 6 / 10, sessions)
        );
        let _ = writeln!(s, "    interest_score: {}", r.range(1, 5));
        let _ = writeln!(s, "    pre_test: {pre}");
        let _ = writeln!(s, "    post_test: {post}");
        let _ = writeln!(s, "    certified: {}", p.certified);
        if p.certified {
            let _ = writeln!(
                s,
                "    certificate_no: \"SRT/{code}/{year}/{:05}-{:02}\"",
                t.num,
                k + 1
            );
        }
    }
    s
}

fn outcome(r: &mut Rng, t: &Training, partners: &[Partner]) -> String {
    let headcount = i64::from(t.headcount);
    let (assessed, certified) = match &t.roster {
        Some(people) => {
            let c = people.iter().filter(|p| p.certified).count() as i64;
            (r.range(c, headcount), c)
        }
        None => {
            let a = r.range(headcount * 7 / 10, headcount);
            (a, r.range(a * 6 / 10, a))
        }
    };
    let end = t.end.unwrap_or(t.start);
    let mut s = String::with_capacity(1024);
    let _ = writeln!(s, "training: {}", t.id);
    let _ = writeln!(s, "date: {}", Day(end + r.range(1, 10)));
    let _ = writeln!(s, "assessed: {assessed}");
    let _ = writeln!(s, "certified: {certified}");
    if r.chance(700) {
        let _ = writeln!(s, "certifier: {}", partners[r.pick(&t.partners)].id);
    }
    let (products, services) = products_of(SKILLS[t.skill].0);
    if !products.is_empty() {
        s.push_str("products:\n");
        let k = r.usize(1, products.len());
        for j in r.distinct(products.len(), k) {
            let (name, lo, hi) = products[j];
            let _ = writeln!(
                s,
                "  - {{ name: {}, quantity: {}, unit_value_idr: {} }}",
                ys(name, true),
                r.range(1, 40),
                r.range(lo as i64, hi as i64) * 1000
            );
        }
    }
    if !services.is_empty() && r.chance(800) {
        s.push_str("services:\n");
        let k = r.usize(1, services.len());
        for j in r.distinct(services.len(), k) {
            let _ = writeln!(
                s,
                "  - {{ name: {}, quantity: {} }}",
                ys(services[j], true),
                r.range(5, 200)
            );
        }
    }
    let pre = r.range(300, 650);
    let post = (pre + r.range(50, 350)).min(1000);
    let _ = writeln!(
        s,
        "evaluation: {{ pre_test_avg: {}.{}, post_test_avg: {}.{}, satisfaction: {}.{} }}",
        pre / 10,
        pre % 10,
        post / 10,
        post % 10,
        r.range(3, 4),
        r.range(0, 9)
    );
    let summary = format!(
        "{} Dari {assessed} peserta yang diuji, {certified} dinyatakan kompeten.",
        plain_sentence(r)
    );
    let _ = writeln!(s, "summary: {}", ys(&summary, false));
    s
}

struct StoryCtx<'a> {
    seed: u64,
    short: &'a str,
    trainings: &'a [Training],
    partners: &'a [Partner],
    programmes: &'a [String],
    dir: PathBuf,
}

/// Writes story `i` into `s`; returns its id and whether it is a draft.
fn story(ctx: &StoryCtx, i: usize, s: &mut String) -> (String, bool) {
    let mut r = Rng::new(ctx.seed, S_STORY, i as u64);
    let id = format!("berita-{:06}", i + 1);
    let first = days_from_civil(2023, 1, 1);
    let last = days_from_civil(2026, 6, 30);
    let date = first + r.range(0, last - first);
    let draft = r.chance(20);

    s.push_str("---\n");
    let _ = writeln!(s, "title: {}", ys(&title(&mut r, ctx.short), false));
    let _ = writeln!(s, "date: {}", Day(date));
    let _ = writeln!(s, "author: {}", r.pick(AUTHORS));
    let _ = writeln!(s, "summary: {}", ys(&plain_sentence(&mut r), false));
    if r.chance(250) {
        let _ = writeln!(s, "programme: {}", r.pick_ref(ctx.programmes));
    }
    let mut linked = Vec::new();
    if !r.chance(150) {
        let k = if r.chance(300) { 2 } else { 1 };
        linked = r.distinct(ctx.trainings.len(), k);
        let ids: Vec<&str> = linked
            .iter()
            .map(|&j| ctx.trainings[j].id.as_str())
            .collect();
        let _ = writeln!(s, "trainings: [{}]", ids.join(", "));
    }
    if r.chance(400) {
        let k = if r.chance(300) { 2 } else { 1 };
        let ps = r.distinct(ctx.partners.len(), k);
        let ids: Vec<&str> = ps.iter().map(|&j| ctx.partners[j].id.as_str()).collect();
        let _ = writeln!(s, "partners: [{}]", ids.join(", "));
    }
    let k = r.usize(1, 3);
    let tags: Vec<&str> = r
        .distinct(TAGS.len(), k)
        .into_iter()
        .map(|j| TAGS[j])
        .collect();
    let _ = writeln!(s, "tags: [{}]", tags.join(", "));
    if draft {
        s.push_str("draft: true\n");
    }
    s.push_str("---\n");

    // Body: intro, then 2–4 sections; the special blocks are spread over
    // the sections.
    let target = r.usize(610, 860);
    let sections = r.usize(2, 4);
    let headings = r.distinct(HEADINGS.len(), sections);
    let place = |r: &mut Rng| r.below(sections as u64) as usize;
    let bullets_at = place(&mut r);
    let numbered_at = place(&mut r);
    let quote_at = place(&mut r);
    let table_at = place(&mut r);
    let links = r.usize(1, 2);
    let link_at: Vec<usize> = (0..links).map(|_| place(&mut r)).collect();
    let share = target / (sections + 1);
    let mut words = 0;
    while words < share {
        words += paragraph(&mut r, s, share - words);
    }
    for (sec, &h) in headings.iter().enumerate() {
        let _ = write!(s, "## {}\n\n", HEADINGS[h]);
        words += HEADINGS[h].split_whitespace().count();
        let goal = share * (sec + 2);
        let budget = |words: usize| goal.saturating_sub(words);
        words += paragraph(&mut r, s, budget(words));
        if bullets_at == sec {
            s.push_str(&capitalise(r.pick(SUBJECTS)));
            s.push_str(" mencatat beberapa hal penting.\n\n");
            words += 5;
            let k = r.usize(3, 5);
            for j in r.distinct(LIST_ITEMS.len(), k) {
                let _ = writeln!(s, "- {}", capitalise(LIST_ITEMS[j]));
                words += LIST_ITEMS[j].split_whitespace().count();
            }
            s.push('\n');
        }
        if numbered_at == sec {
            s.push_str("Urutan kegiatan yang ditempuh:\n\n");
            words += 4;
            let n = r.usize(3, 5);
            let from = r.below((STEPS.len() - n + 1) as u64) as usize;
            for (k, step) in STEPS[from..from + n].iter().enumerate() {
                let _ = writeln!(s, "{}. {step}", k + 1);
                words += step.split_whitespace().count() + 1;
            }
            s.push('\n');
        }
        if quote_at == sec {
            let mut q = String::new();
            let w = sentence(&mut r, &mut q, false);
            let by = r.pick(QUOTE_BY);
            let _ = write!(s, "> \"{},\" {by}.\n\n", q.trim_end_matches('.'));
            words += w + by.split_whitespace().count();
        }
        if table_at == sec {
            s.push_str("| Uraian | Jumlah |\n| --- | ---: |\n");
            words += 2;
            let k = r.usize(3, 5);
            for j in r.distinct(TABLE_ROWS.len(), k) {
                let _ = writeln!(s, "| {} | {} |", TABLE_ROWS[j], r.range(2, 120));
                words += TABLE_ROWS[j].split_whitespace().count() + 1;
            }
            s.push('\n');
        }
        for _ in link_at.iter().filter(|&&a| a == sec) {
            let what = r.pick(OBJECTS);
            let slug = what.replace(' ', "-").to_ascii_lowercase();
            let t = match linked.first() {
                Some(&j) => ctx.trainings[j].id.as_str(),
                None => "umum",
            };
            let _ = write!(
                s,
                "Keterangan lebih lanjut tentang {what} dapat dibaca pada [halaman {what}](https://example.org/{slug}/{t}). ",
            );
            words += 8 + 2 * what.split_whitespace().count();
            words += paragraph(&mut r, s, 0);
        }
        while words < goal {
            words += paragraph(&mut r, s, budget(words));
        }
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    (id, draft)
}

/// A small deterministic JPEG: a gradient with a disc, 320×240.
fn photo(seed: u64, training: usize, k: usize) -> Vec<u8> {
    let mut r = Rng::new(seed, S_PHOTO ^ 0xF0, (training * 4 + k) as u64);
    let (w, h) = (320u32, 240u32);
    let base = [r.below(200) as u8, r.below(200) as u8, r.below(200) as u8];
    let (cx, cy, rad) = (r.range(60, 260), r.range(60, 180), r.range(20, 60));
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (i64::from(x) - cx, i64::from(y) - cy);
        if dx * dx + dy * dy < rad * rad {
            return image::Rgb([230, 200, 90]);
        }
        let shade = |c: u8, v: u32| c.saturating_add((v * 55 / w.max(h)) as u8);
        image::Rgb([shade(base[0], x), shade(base[1], y), shade(base[2], x + y)])
    });
    let mut jpeg = Vec::new();
    if let Err(e) =
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80).encode_image(&img)
    {
        eprintln!("make_site: cannot encode a photo: {e}");
        std::process::exit(1);
    }
    jpeg
}
