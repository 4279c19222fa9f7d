//! The open data of a site: the page `data/`, the workbook `data/rapor.xlsx`
//! (opened with calamine and compared, figure by figure, with `stats.json`),
//! the CSV headers in the site's language, and the leak audit reading the
//! workbook's deflated parts.

#![cfg(feature = "spreadsheets")]

mod common;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::*;
use serde_json::Value;

type Sheet = Vec<Vec<Data>>;

fn sheets(bytes: &[u8]) -> Vec<(String, Sheet)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).expect("a sheet");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (n, rows)
        })
        .collect()
}

fn sheet<'a>(all: &'a [(String, Sheet)], name: &str) -> &'a Sheet {
    &all.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

/// A number cell, as the figure it holds: never text.
fn number(d: &Data) -> u64 {
    match d {
        Data::Float(f) => *f as u64,
        Data::Int(i) => *i as u64,
        other => panic!("not a number: {other:?}"),
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

/// The rows of a sheet under its header, by the text of the first column.
fn by_key<'a>(s: &'a Sheet, header: &[&str]) -> Vec<(String, &'a [Data])> {
    let head: Vec<String> = s[0].iter().map(text).collect();
    assert_eq!(head, header);
    s[1..].iter().map(|r| (text(&r[0]), &r[..])).collect()
}

#[test]
fn the_workbook_holds_every_figure_of_stats_json_as_numbers() {
    let site = site("example");
    let out = build_ok(site.path()).join("public");
    let stats: Value = serde_json::from_str(&read(&out.join("data/stats.json"))).unwrap();
    let book = sheets(&std::fs::read(out.join("data/rapor.xlsx")).unwrap());
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Jumlah",
            "Per keterampilan",
            "Per siklus",
            "Per mitra",
            "Pelatihan"
        ]
    );

    let totals = by_key(sheet(&book, "Jumlah"), &["kunci", "nama", "nilai"]);
    let json_totals = stats["totals"].as_object().unwrap();
    assert_eq!(totals.len(), json_totals.len());
    for (key, row) in &totals {
        assert_eq!(number(&row[2]), json_totals[key].as_u64().unwrap(), "{key}");
    }
    assert!(
        totals
            .iter()
            .any(|(k, r)| k == "participants" && text(&r[1]) == "Peserta")
    );

    let tables = [
        (
            "Per keterampilan",
            "by_skill",
            "skill",
            vec![
                "keterampilan",
                "nama",
                "pelatihan",
                "peserta",
                "sertifikat",
                "jam pelatihan",
            ],
            vec![
                "trainings",
                "participants",
                "certificates",
                "training_hours",
            ],
        ),
        (
            "Per siklus",
            "by_cycle",
            "cycle",
            vec!["siklus", "pelatihan", "peserta", "sertifikat"],
            vec!["trainings", "participants", "certificates"],
        ),
        (
            "Per mitra",
            "by_partner",
            "partner",
            vec!["mitra", "nama", "pelatihan", "peserta"],
            vec!["trainings", "participants"],
        ),
    ];
    for (name, table, key, header, measures) in tables {
        let rows = by_key(sheet(&book, name), &header);
        let json = stats[table].as_array().unwrap();
        assert_eq!(rows.len(), json.len(), "{name}");
        assert!(!rows.is_empty(), "{name}");
        for ((k, row), j) in rows.iter().zip(json) {
            assert_eq!(k, j[key].as_str().unwrap(), "{name}");
            let first = row.len() - measures.len();
            for (cell, m) in row[first..].iter().zip(&measures) {
                assert_eq!(number(cell), j[m].as_u64().unwrap(), "{name} {k} {m}");
            }
        }
    }

    // Trainings: the same rows as trainings.csv, figures as numbers and
    // dates as dates.
    let trainings = sheet(&book, "Pelatihan");
    let csv = read(&out.join("data/trainings.csv"));
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(trainings.len(), lines.len());
    let meubel = trainings
        .iter()
        .find(|r| text(&r[0]) == "meubel-2025")
        .expect("the furniture training");
    assert!(
        matches!(&meubel[5], Data::DateTime(d) if d.is_datetime()),
        "{:?}",
        meubel[5]
    );
    let csv_row: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("meubel-2025,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(number(&meubel[8]).to_string(), csv_row[8], "hours");
    assert_eq!(number(&meubel[9]).to_string(), csv_row[9], "participants");
}

#[test]
fn the_workbook_is_the_same_bytes_for_the_same_content() {
    let a = site("basic");
    let b = site("basic");
    let one = std::fs::read(build_ok(a.path()).join("public/data/rapor.xlsx")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let two = std::fs::read(build_ok(b.path()).join("public/data/rapor.xlsx")).unwrap();
    assert!(one == two, "two builds of the same content differ");
}

fn header(csv: &str) -> &str {
    csv.trim_start_matches('\u{feff}')
        .split("\r\n")
        .next()
        .unwrap()
}

#[test]
fn csv_headers_and_sheet_names_follow_the_site_language() {
    let site = site("basic");
    let p = site.path();
    let out = build_ok(p).join("public");
    assert_eq!(
        header(&read(&out.join("data/trainings.csv"))),
        "id,judul,keterampilan,siklus,mitra,mulai,selesai,status,jam,peserta,sertifikat"
    );
    assert_eq!(
        header(&read(&out.join("data/stats.csv"))),
        "tabel,kunci,nama,ukuran,nilai"
    );

    let yaml = read(&p.join("content/site.yaml")).replace("language: id", "language: en");
    write(p, "content/site.yaml", &yaml);
    let out = build_ok(p).join("public");
    assert_eq!(
        header(&read(&out.join("data/trainings.csv"))),
        "id,title,skill,cycle,partners,start,end,status,hours,participants,certificates"
    );
    assert_eq!(
        header(&read(&out.join("data/stats.csv"))),
        "table,key,label,measure,value"
    );
    let book = sheets(&std::fs::read(out.join("data/rapor.xlsx")).unwrap());
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["Totals", "By skill", "By cycle", "By partner", "Trainings"]
    );
    assert_eq!(text(&sheet(&book, "Trainings")[0][1]), "title");
}

#[test]
fn the_data_page_lists_every_data_file_with_its_size() {
    let site = site("basic");
    let out = build_ok(site.path());
    for audience in ["public", "internal"] {
        let dir = out.join(audience);
        let page = read(&dir.join("data/index.html"));
        assert!(page.contains("<h1>Data terbuka</h1>"), "{audience}");
        for file in ["stats.json", "stats.csv", "trainings.csv", "rapor.xlsx"] {
            let bytes = std::fs::metadata(dir.join("data").join(file))
                .unwrap()
                .len();
            let link = format!("<a href=\"../data/{file}\">{file}</a> (");
            let at = page
                .find(&link)
                .unwrap_or_else(|| panic!("the {audience} data page does not list {file}"));
            let size = &page[at + link.len()..];
            let size = &size[..size.find(')').unwrap()];
            // Below a kilobyte in bytes, else KB with one decimal.
            let shown = if bytes < 1024 {
                format!("{bytes} bita")
            } else {
                format!("{:.1}\u{a0}KB", bytes as f64 / 1024.0).replace('.', ",")
            };
            assert_eq!(size, shown, "{audience} {file}");
        }
    }
    let sitemap = read(&out.join("public/sitemap.xml"));
    assert!(sitemap.contains("<loc>https://uji.example.org/sub/data/</loc>"));
    let footer = read(&out.join("public/index.html"));
    assert!(footer.contains("<a href=\"./data/index.html\">Data terbuka</a>"));
    let impact = read(&out.join("public/impact/index.html"));
    assert!(impact.contains("<a href=\"../data/index.html\">"));
}

/// A value of the internal data that reached the workbook is found there,
/// though the workbook's parts are deflated and its bytes never show it.
#[test]
fn the_audit_finds_internal_data_inside_the_workbook() {
    // The site whose roster holds the name.
    let secret_site = site("basic");
    let p = secret_site.path();
    let roster = "content/internal/rosters/jahit-1.yaml";
    write(
        p,
        roster,
        &read(&p.join(roster)).replace("Peserta Satu", "Yohanes Jehadu"),
    );
    // A site that shows the same name in a public field (a partner's name),
    // so that its workbook holds it.
    let other = site("basic");
    let partner = "content/partners/mitra-a.yaml";
    let text = read(&other.path().join(partner));
    assert!(text.contains("name: Mitra A"));
    write(
        other.path(),
        partner,
        &text.replace("name: Mitra A", "name: Yohanes Jehadu"),
    );
    let leaked = std::fs::read(build_ok(other.path()).join("public/data/rapor.xlsx")).unwrap();
    assert!(
        !leaked.windows(7).any(|w| w == b"Yohanes"),
        "the workbook is deflated: its bytes do not show the name"
    );

    let scanned = tempfile::tempdir().unwrap();
    let dir = scanned.path();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("data/rapor.xlsx"), &leaked).unwrap();
    let out = rapor(p, &["audit", dir.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let shown = Path::new(dir).join("data/rapor.xlsx");
    assert!(
        err.contains(&format!(
            "{}: error: this public file shows the name of a participant on the roster of jahit-1",
            shown.display()
        )),
        "{err}"
    );

    // The site's own workbook passes.
    let clean = std::fs::read(build_ok(p).join("public/data/rapor.xlsx")).unwrap();
    std::fs::write(dir.join("data/rapor.xlsx"), &clean).unwrap();
    let out = rapor(p, &["audit", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    // And a build that would publish it fails.
    let partner_text = read(&p.join(partner));
    write(
        p,
        partner,
        &partner_text.replace("name: Mitra A", "name: Yohanes Jehadu"),
    );
    let out = rapor(p, &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// Item 1 of issue 18: a portal has open data too: a workbook of its
/// national totals and a sheet per province and per facility with every
/// total of `stats.json` as numbers, and the same rows as CSV.
#[test]
fn a_portals_workbook_and_csvs_hold_its_stats_json_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = std::process::Command::new(make_site())
        .arg(dir)
        .args(["--portal", "3", "--stories", "4", "--seed", "8"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = rapor(dir, &["portal", "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = dir.join("output/public");
    let stats: Value = serde_json::from_str(&read(&public.join("data/stats.json"))).unwrap();
    let book = sheets(&std::fs::read(public.join("data/portal.xlsx")).unwrap());
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Jumlah", "Per provinsi", "Per Rutan-Lapas"]);
    let keys = TOTAL_KEYS;
    for (key, row) in by_key(sheet(&book, "Jumlah"), &["kunci", "nama", "nilai"]) {
        assert_eq!(
            number(&row[2]),
            stats["totals"][&key].as_u64().unwrap(),
            "{key}"
        );
    }
    let regions = sheet(&book, "Per provinsi");
    assert_eq!(text(&regions[0][0]), "provinsi");
    assert_eq!(
        regions.len() - 1,
        stats["by_region"].as_array().unwrap().len()
    );
    for (r, row) in stats["by_region"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&regions[1..])
    {
        assert_eq!(text(&row[0]), r["region"].as_str().unwrap());
        assert_eq!(
            number(&row[1]),
            r["facilities"].as_array().unwrap().len() as u64
        );
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(number(&row[2 + i]), r[k].as_u64().unwrap(), "{k}");
        }
    }
    let facilities = sheet(&book, "Per Rutan-Lapas");
    let rows = stats["by_facility"].as_array().unwrap();
    assert_eq!(facilities.len() - 1, rows.len());
    let csv = read(&public.join("data/facilities.csv"));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("id,nama,provinsi,pelatihan,peserta"),
        "{}",
        lines[0]
    );
    for ((f, row), line) in rows.iter().zip(&facilities[1..]).zip(&lines[1..]) {
        assert_eq!(text(&row[0]), f["facility"].as_str().unwrap());
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(number(&row[3 + i]), f[k].as_u64().unwrap(), "{k}");
        }
        assert!(
            line.ends_with(&format!(",{}", f["partner_contribution_idr"])),
            "{line}"
        );
    }
    assert!(read(&public.join("data/regions.csv")).contains("provinsi,rutan/lapas,pelatihan"));
    let home = read(&public.join("index.html"));
    for file in [
        "data/portal.xlsx",
        "data/regions.csv",
        "data/facilities.csv",
    ] {
        assert!(
            home.contains(&format!("href=\"./{file}\"")),
            "the home page links {file}"
        );
    }
}
