//! A planned training shows on the public site as "planned" with its title,
//! skill and dates, and nothing else (contract rule 3): not its location,
//! partners, programme, cycle, body, hours, costs, headcount, photos or
//! outcomes, in no page, card, export, feed, sitemap or search index, and
//! its photos are not published at all. The leak audit does not guard these
//! (they are not identity values): this test does. Every canary is first
//! shown to be on the internal site, which keeps everything.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

/// Words planted in the planned training's fields.
const WORDS: &[&str] = &[
    "ZqxPlannedLocation",
    "ZqxPlannedBody",
    "ZqxPlannedCaption",
    "ZqxPlannedAlt",
    "ZqxPlannedOutcome",
    "ZqxPlannedProduct",
    "zqxcycle-9",
    "zqx-planned-photo",
];

/// Numbers planted (hours, headcount, costs), and how pages write them.
const NUMBERS: &[(&str, &str)] = &[
    ("98765", "98.765"),
    ("6543", "6.543"),
    ("7654321", "7.654.321"),
    ("8765432", "8.765.432"),
];

const PLANNED: &str = "trainings/kebun-rencana/index.html";

/// The basic fixture with every field of its planned training filled with a
/// canary: a photo cleared for publication, a partner named only there, an
/// outcome, and a story that links it.
fn planned_site() -> tempfile::TempDir {
    let site = site("basic");
    let p = site.path();
    write_jpeg(&p.join("content/trainings/zqx-planned-photo.jpg"));
    write(
        p,
        "content/trainings/kebun-rencana.md",
        "---\ntitle: Berkebun Sayur\nskill: kebun\ncycle: zqxcycle-9\nprogramme: prog\n\
         partners: [mitra-b, mitra-rencana]\nstart: 2026-02-01\nend: 2026-03-15\nhours: 98765\n\
         location: ZqxPlannedLocation\nstatus: planned\nparticipants: 6543\n\
         cost: { state_budget_idr: 7654321, partner_contribution_idr: 8765432 }\n\
         photos:\n  - { src: zqx-planned-photo.jpg, alt: ZqxPlannedAlt, caption: ZqxPlannedCaption, public: true }\n\
         ---\nZqxPlannedBody\n",
    );
    write(
        p,
        "content/partners/mitra-rencana.yaml",
        "name: Mitra Rencana\nkind: community\n",
    );
    write(
        p,
        "content/outcomes/kebun-rencana.yaml",
        "training: kebun-rencana\ndate: 2026-03-20\nassessed: 2\ncertified: 1\n\
         products:\n  - { name: ZqxPlannedProduct, quantity: 3, unit_value_idr: 1000 }\n\
         summary: ZqxPlannedOutcome\n",
    );
    let story = p.join("content/stories/berita.md");
    write(
        p,
        "content/stories/berita.md",
        &read(&story).replace(
            "trainings: [las-1, las-draft]",
            "trainings: [las-1, las-draft, kebun-rencana]",
        ),
    );
    site
}

/// A small JPEG of its own (no other photo of the fixture has its pixels).
fn write_jpeg(path: &Path) {
    let img = image::RgbImage::from_fn(320, 200, |x, y| {
        image::Rgb([(x % 251) as u8, 97, (y * 3 % 256) as u8])
    });
    img.save(path).expect("write jpeg");
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// `needle` as a number of its own: not inside a longer word or hash.
fn contains_number(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).enumerate().any(|(i, w)| {
        let before = i.checked_sub(1).map(|j| haystack[j]);
        let after = haystack.get(i + n.len()).copied();
        let free = |b: Option<u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        w == n && free(before) && free(after)
    })
}

fn is_text(path: &str) -> bool {
    [".html", ".json", ".csv", ".xml", ".js", ".txt"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// The `media/` files an HTML page names.
fn media_named(html: &str) -> BTreeSet<String> {
    html.split("media/")
        .skip(1)
        .filter_map(|rest| {
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))?;
            Some(format!("media/{}", &rest[..end]))
        })
        .collect()
}

fn text(tree: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        tree.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn a_planned_training_shows_only_title_skill_and_dates_in_public() {
    let site = planned_site();
    let out = build_ok(site.path());
    let public = tree(&out.join("public"));
    let internal = tree(&out.join("internal"));

    // The canaries are planted: the internal site shows every one of them.
    let internal_page = text(&internal, PLANNED);
    for word in WORDS.iter().filter(|w| !w.starts_with("zqx-")) {
        assert!(
            internal_page.contains(word),
            "{word} is not on the internal page"
        );
    }
    for (_, shown) in NUMBERS {
        assert!(
            internal_page.contains(shown),
            "{shown} is not on the internal page"
        );
    }
    for link in ["mitra-rencana", "programmes/prog/"] {
        assert!(
            internal_page.contains(link),
            "{link} is not on the internal page"
        );
    }
    let partner = text(&internal, "partners/mitra-rencana/index.html");
    assert!(
        partner.contains("kebun-rencana"),
        "the internal partner page lists it"
    );
    // The planned photo's renditions, found through the internal page.
    let jahit = text(&internal, "trainings/jahit-1/index.html");
    let planned_media: BTreeSet<String> = media_named(&internal_page)
        .difference(&media_named(&jahit))
        .cloned()
        .collect();
    assert!(
        !planned_media.is_empty(),
        "no rendition of the planned photo"
    );
    let planned_bytes: Vec<&Vec<u8>> = planned_media
        .iter()
        .map(|m| {
            internal
                .get(m)
                .unwrap_or_else(|| panic!("internal {m} missing"))
        })
        .collect();

    // None of it is anywhere in the public site, in bytes or file names.
    let mut leaks = Vec::new();
    for (path, bytes) in &public {
        for word in WORDS {
            if contains(bytes, word) || contains(path.as_bytes(), word) {
                leaks.push(format!("{word} in public/{path}"));
            }
        }
        if is_text(path) {
            for (raw, shown) in NUMBERS {
                if contains_number(bytes, raw) || contains(bytes, shown) {
                    leaks.push(format!("{raw} in public/{path}"));
                }
            }
        }
        for m in &planned_media {
            let name = m.trim_start_matches("media/");
            if path.contains(name) || contains(bytes, name) {
                leaks.push(format!("the planned photo {m} named in public/{path}"));
            }
        }
        if planned_bytes.contains(&bytes) {
            leaks.push(format!("the planned photo's bytes in public/{path}"));
        }
    }
    assert!(
        leaks.is_empty(),
        "a planned training leaked:\n{}",
        leaks.join("\n")
    );

    // Its own page: the title, skill, dates and a clear "planned".
    let page = text(&public, PLANNED);
    for shown in [
        "Berkebun Sayur",
        "Berkebun",
        "1 Februari – 15 Maret 2026",
        "Direncanakan",
    ] {
        assert!(
            page.contains(shown),
            "{shown:?} missing from the planned page"
        );
    }
    for absent in [
        "<dt>Peserta</dt>",
        "<dt>Mitra</dt>",
        "<dt>Lokasi</dt>",
        "<img",
        "Siklus",
    ] {
        assert!(!page.contains(absent), "{absent:?} on the planned page");
    }
    // No partner or programme page names it: its partners are not public.
    for (path, bytes) in &public {
        if path.starts_with("partners/") || path.starts_with("programmes/") {
            assert!(
                !contains(bytes, "kebun-rencana"),
                "public/{path} lists the planned training"
            );
        }
    }
    assert!(public.contains_key("partners/mitra-rencana/index.html"));
    // A story that links it may: by its title.
    let story = text(&public, "stories/berita/index.html");
    assert!(story.contains("trainings/kebun-rencana/index.html\">Berkebun Sayur</a>"));
    // It is listed, as planned, where trainings are listed.
    let list = text(&public, "trainings/index.html");
    assert!(list.contains("Direncanakan") && list.contains("Berkebun Sayur"));
    let csv = text(&public, "data/trainings.csv");
    assert!(
        csv.contains(
            "\r\nkebun-rencana,Berkebun Sayur,kebun,,,2026-02-01,2026-03-15,planned,,,\r\n"
        ),
        "{csv}"
    );
    let index = search_files(&public).text();
    assert!(index.contains("[\"t\",\"kebun-rencana\",\"Berkebun Sayur\",\"Berkebun · 1 Februari"));
    let sitemap = text(&public, "sitemap.xml");
    assert!(sitemap.contains("/trainings/kebun-rencana/</loc>"));
    // The public statistics do not count it.
    let stats = text(&public, "data/stats.json");
    assert!(!stats.contains("kebun-rencana") && !stats.contains("mitra-rencana"));
}

#[test]
fn a_planned_training_changes_no_public_byte_when_its_hidden_fields_change() {
    let site = planned_site();
    let before = tree(&build_ok(site.path()).join("public"));
    let p = site.path();
    let path = p.join("content/trainings/kebun-rencana.md");
    write(
        p,
        "content/trainings/kebun-rencana.md",
        &read(&path)
            .replace("ZqxPlannedLocation", "Elsewhere")
            .replace("hours: 98765", "hours: 12")
            .replace("ZqxPlannedBody", "Another plan.")
            .replace("partners: [mitra-b, mitra-rencana]", "partners: [mitra-a]")
            .replace("programme: prog\n", "")
            .replace("cycle: zqxcycle-9", "cycle: 2027-1"),
    );
    std::fs::remove_file(p.join("content/outcomes/kebun-rencana.yaml")).unwrap();
    let after = tree(&build_ok(site.path()).join("public"));
    let changed: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(changed.is_empty(), "public files changed: {changed:?}");
}
