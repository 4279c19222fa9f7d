//! `make_site --portal F`: a national portal folder of F facility sites,
//! for `rapor portal build` (tests use a few, benchmarks 500).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use super::{Counts, Fac, Partner, Rng, SKILLS, generate, ys};

/// Random streams of the portal's own choices (the facilities' records
/// use the streams of `make_site`, under each facility's own seed).
const S_FACILITY: u64 = 100;
const S_NATIONAL: u64 = 101;

/// Real provinces, each with towns that have a Rutan or a Lapas. No town
/// appears twice, so that facility ids are unique.
const PROVINCES: &[(&str, &[&str])] = &[
    (
        "Nusa Tenggara Timur",
        &["Kupang", "Ruteng", "Ende", "Maumere", "Atambua", "Waingapu"],
    ),
    (
        "Jawa Barat",
        &["Bandung", "Cirebon", "Bogor", "Garut", "Sukabumi"],
    ),
    (
        "Jawa Tengah",
        &["Semarang", "Surakarta", "Pekalongan", "Magelang"],
    ),
    (
        "Jawa Timur",
        &["Surabaya", "Malang", "Madiun", "Jember", "Kediri"],
    ),
    (
        "Sumatera Utara",
        &["Medan", "Pematangsiantar", "Sibolga", "Tebing Tinggi"],
    ),
    (
        "Sulawesi Selatan",
        &["Makassar", "Parepare", "Palopo", "Bulukumba"],
    ),
    ("Bali", &["Denpasar", "Singaraja", "Tabanan"]),
    ("Nusa Tenggara Barat", &["Mataram", "Sumbawa Besar", "Bima"]),
    (
        "Kalimantan Timur",
        &["Samarinda", "Balikpapan", "Tenggarong"],
    ),
    ("Papua", &["Jayapura", "Biak", "Serui"]),
    ("Aceh", &["Banda Aceh", "Lhokseumawe", "Langsa"]),
    ("Sumatera Barat", &["Padang", "Bukittinggi", "Solok"]),
    ("Riau", &["Pekanbaru", "Dumai", "Bengkalis"]),
    ("Kepulauan Riau", &["Tanjung Pinang", "Batam"]),
    ("Jambi", &["Jambi", "Muara Bungo"]),
    (
        "Sumatera Selatan",
        &["Palembang", "Lubuklinggau", "Prabumulih"],
    ),
    (
        "Kepulauan Bangka Belitung",
        &["Pangkalpinang", "Tanjung Pandan"],
    ),
    ("Bengkulu", &["Bengkulu", "Curup"]),
    ("Lampung", &["Bandar Lampung", "Metro", "Kotabumi"]),
    ("DKI Jakarta", &["Cipinang", "Salemba", "Pondok Bambu"]),
    ("Banten", &["Serang", "Tangerang", "Pandeglang"]),
    (
        "Daerah Istimewa Yogyakarta",
        &["Yogyakarta", "Wonosari", "Sleman"],
    ),
    ("Kalimantan Barat", &["Pontianak", "Singkawang", "Sintang"]),
    ("Kalimantan Tengah", &["Palangka Raya", "Sampit"]),
    (
        "Kalimantan Selatan",
        &["Banjarmasin", "Martapura", "Kotabaru"],
    ),
    ("Kalimantan Utara", &["Tarakan", "Nunukan"]),
    ("Sulawesi Utara", &["Manado", "Bitung", "Tondano"]),
    ("Gorontalo", &["Gorontalo", "Limboto"]),
    ("Sulawesi Tengah", &["Palu", "Poso", "Luwuk"]),
    ("Sulawesi Barat", &["Mamuju", "Polewali"]),
    ("Sulawesi Tenggara", &["Kendari", "Baubau", "Raha"]),
    ("Maluku", &["Ambon", "Tual", "Masohi"]),
    ("Maluku Utara", &["Ternate", "Tobelo"]),
    ("Papua Barat", &["Manokwari", "Fakfak"]),
    ("Papua Barat Daya", &["Sorong", "Teminabuan"]),
    ("Papua Selatan", &["Merauke", "Tanah Merah"]),
    ("Papua Tengah", &["Nabire", "Timika"]),
    ("Papua Pegunungan", &["Wamena", "Oksibil"]),
];

/// Partners that work with facilities across the country: (id, name, kind,
/// description). A facility that works with one names it by the same id
/// and name as every other.
pub(super) const NATIONAL: &[(&str, &str, &str, &str)] = &[
    (
        "bnsp",
        "Badan Nasional Sertifikasi Profesi",
        "government",
        "Lembaga negara yang menyelenggarakan sertifikasi kompetensi kerja.",
    ),
    (
        "baznas",
        "Badan Amil Zakat Nasional",
        "other",
        "Lembaga yang menyalurkan dana zakat untuk modal usaha warga binaan.",
    ),
    (
        "kadin-indonesia",
        "Kamar Dagang dan Industri Indonesia",
        "business",
        "Wadah dunia usaha yang membuka jalan pemasaran produk warga binaan.",
    ),
    (
        "yayasan-bina-nusantara",
        "Yayasan Bina Mandiri Nusantara",
        "ngo",
        "Yayasan yang mendampingi warga binaan sebelum dan sesudah bebas.",
    ),
    (
        "politeknik-nasional",
        "Politeknik Negeri Terapan Nasional",
        "education",
        "Perguruan tinggi vokasi yang mengirim instruktur ke lembaga pemasyarakatan.",
    ),
];

/// A national partner's file, as one facility keeps it: the same id, name,
/// kind and description everywhere, its own contact (a regional office).
pub(super) fn national_partner(seed: u64, n: usize) -> (Partner, String) {
    let (id, name, kind, description) = NATIONAL[n];
    let mut r = Rng::new(seed, S_NATIONAL, n as u64);
    let mut s = String::new();
    let _ = writeln!(s, "name: {}", ys(name, false));
    let _ = writeln!(s, "kind: {kind}");
    let _ = writeln!(s, "description: {}", ys(description, false));
    let _ = writeln!(s, "website: https://{id}.example.org/");
    s.push_str("contributions: [instructors, certification]\n");
    let female = r.chance(500);
    let contact = super::person_name(&mut r, female);
    s.push_str("internal:\n");
    let _ = writeln!(
        s,
        "  contact: {{ name: {}, phone: \"+62 811 {:04} {:04}\" }}",
        ys(&contact, true),
        r.below(10_000),
        r.below(10_000)
    );
    (Partner { id: id.to_string() }, s)
}

fn slug(s: &str) -> String {
    s.to_ascii_lowercase().replace(' ', "-")
}

/// Writes `out/portal.yaml` and `out/facilities/<id>/content/` for
/// `facilities` facilities of about `stories` stories each.
pub(super) fn main(
    out: &Path,
    facilities: usize,
    stories: usize,
    seed: u64,
    force: bool,
    photos: bool,
) {
    let yaml = out.join("portal.yaml");
    let dir = out.join("facilities");
    if yaml.exists() || dir.exists() {
        if !force {
            eprintln!(
                "make_site: {} already holds a portal; pass --force to replace it",
                out.display()
            );
            std::process::exit(1);
        }
        let _ = std::fs::remove_file(&yaml);
        if let Err(e) = std::fs::remove_dir_all(&dir).or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Ok(()),
            _ => Err(e),
        }) {
            eprintln!("make_site: cannot delete {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
    let started = Instant::now();
    let regions = facilities.div_ceil(2).min(PROVINCES.len());
    let mut p = String::new();
    p.push_str("# A national portal written by examples/make_site.rs --portal. Synthetic data.\n");
    p.push_str("title: Portal Nasional Pembinaan Kemandirian Warga Binaan\n");
    p.push_str("base_url: https://portal.example.org/\n");
    p.push_str("language: id\n");
    p.push_str("skip_failed: false\n");
    // Who signs the portal's printed report (made up).
    p.push_str("head:\n  name: Nama Pejabat Contoh\n  title: Direktur Pembinaan (contoh)\n");
    p.push_str("signing_place: Jakarta\n");
    p.push_str("facilities:\n");
    let mut total = Counts::default();
    for f in 0..facilities {
        let (region, towns) = PROVINCES[f % regions];
        let k = f / regions;
        let town = towns[k % towns.len()];
        let again = k / towns.len();
        let mut r = Rng::new(seed, S_FACILITY, f as u64);
        let fseed = r.next();
        let lapas = r.chance(600);
        let (word, long, classes) = if lapas {
            (
                "lapas",
                "Lembaga Pemasyarakatan",
                &["Kelas I", "Kelas IIA", "Kelas IIB"][..],
            )
        } else {
            (
                "rutan",
                "Rumah Tahanan Negara",
                &["Kelas I", "Kelas IIA", "Kelas IIB"][..],
            )
        };
        let class = r.pick(classes);
        let (id, place) = match again {
            0 => (format!("{word}-{}", slug(town)), town.to_string()),
            n => (
                format!("{word}-{}-{}", slug(town), n + 1),
                format!("{town} {}", n + 1),
            ),
        };
        let short = format!("{} {place}", if lapas { "Lapas" } else { "Rutan" });
        let n_skills = r.usize(4, SKILLS.len());
        let skills = r.distinct(SKILLS.len(), n_skills);
        let mut national = vec![f % 2];
        let extras = r.usize(0, 2);
        for extra in r.distinct(NATIONAL.len(), extras) {
            if !national.contains(&extra) {
                national.push(extra);
            }
        }
        national.sort_unstable();
        let fac = Fac {
            header: "# Facility site of a test portal, written by examples/make_site.rs --portal. Synthetic data.",
            title: format!("Pembinaan Kemandirian {short}"),
            description: "Pelatihan keterampilan bagi warga binaan bersama mitra (data sintetis).",
            base_url: format!("https://{id}.example.org/"),
            name: format!("{long} {class} {place}"),
            short,
            region: region.to_string(),
            skills,
            places: towns.to_vec(),
            national,
            protect: false,
            photos,
        };
        let n_stories = r.usize(stories / 2, stories + stories / 2);
        let c = generate(&dir.join(&id).join("content"), n_stories, fseed, &fac);
        total.files += c.files;
        total.bytes += c.bytes;
        total.stories += c.stories;
        total.trainings += c.trainings;
        total.partners += c.partners;
        let _ = write!(
            p,
            "  - {{ id: {id}, path: facilities/{id}, region: {}",
            ys(region, true)
        );
        if f % 3 != 2 {
            let _ = write!(p, ", url: {}", fac.base_url);
        }
        p.push_str(" }\n");
    }
    if let Err(e) = std::fs::write(&yaml, &p) {
        eprintln!("make_site: cannot write {}: {e}", yaml.display());
        std::process::exit(1);
    }
    println!(
        "make_site: portal of {facilities} facilities in {regions} regions: {} stories, {} trainings, {} partners; {} files, {} bytes in {:.2} s -> {}",
        total.stories,
        total.trainings,
        total.partners,
        total.files + 1,
        total.bytes + p.len() as u64,
        started.elapsed().as_secs_f64(),
        out.display()
    );
}
