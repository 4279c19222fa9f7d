//! `rapor import roster`: spreadsheets from records officers become rosters
//! that build, and bad sheets are refused with their row and column.

mod common;

use std::path::Path;

use common::*;

/// A semicolon CSV as Indonesian Excel saves it: a title row, Indonesian
/// headers, decimal commas. Ten participants of tata-rias-2025, nine passed
/// (as its outcome says).
fn tata_rias_csv() -> String {
    let mut csv = String::from(
        "DAFTAR PESERTA PELATIHAN TATA RIAS;;;;;;;;\n\
         No;No. Registrasi;Nama;Jenis Kelamin;Tahun Lahir;Hadir;Lulus;No. Sertifikat;Nilai Akhir\n",
    );
    for i in 1..=10 {
        let (passed, cert) = if i == 10 {
            ("Tidak", String::new())
        } else {
            ("Ya", format!("SKB-RDG/TR/2025/{i:03}"))
        };
        csv.push_str(&format!(
            "{i};WBP-2025-{:04};Peserta Rias {i};P;{};18;{passed};{cert};80,5\n",
            300 + i,
            1990 + i
        ));
    }
    csv
}

fn import(site: &Path, args: &[&str]) -> std::process::Output {
    rapor_native(site, &[&["import", "roster"], args].concat())
}

fn roster_path(site: &Path, id: &str) -> std::path::PathBuf {
    site.join(format!("content/internal/rosters/{id}.yaml"))
}

#[test]
fn a_semicolon_csv_with_indonesian_headers_imports_and_builds() {
    let site = site("example");
    set_protect(site.path(), false);
    let csv = site.path().join("peserta.csv");
    // Windows-1252, as Excel on Windows saves "CSV (semicolon delimited)".
    let bytes: Vec<u8> = tata_rias_csv()
        .replace("Peserta Rias 1;", "Peserta Rias José;")
        .chars()
        .map(|c| if c == 'é' { 0xe9 } else { c as u8 })
        .collect();
    std::fs::write(&csv, bytes).unwrap();
    let out = import(
        site.path(),
        &[csv.to_str().unwrap(), "--training", "tata-rias-2025"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("10 peserta, 9 lulus"), "{stdout}");
    let roster = read(&roster_path(site.path(), "tata-rias-2025"));
    assert!(
        roster.starts_with("# DAFTAR PESERTA — INTERNAL."),
        "{roster}"
    );
    // Written by the YAML serialiser: a list item at the key's own indent.
    assert!(roster.contains("\ntraining: tata-rias-2025\nparticipants:\n- id: WBP-2025-0301\n  name: Peserta Rias José\n  gender: f\n  birth_year: 1991\n  attendance: 18\n  post_test: 80.5\n  certified: true\n  certificate_no: SKB-RDG/TR/2025/001\n"), "{roster}");
    let out = build_ok(site.path());
    let page = read(&out.join("internal/trainings/tata-rias-2025/index.html"));
    assert!(page.contains("Peserta Rias José"));
    assert!(page.contains("Peserta Rias 10"));
    // Nothing of the roster reaches the public site.
    for (name, bytes) in tree(&out.join("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Peserta Rias"),
            "{name} shows a participant"
        );
    }
    // The same sheet gives the same bytes.
    let first = read(&roster_path(site.path(), "tata-rias-2025"));
    let again = import(
        site.path(),
        &[
            csv.to_str().unwrap(),
            "--training",
            "tata-rias-2025",
            "--force",
        ],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(read(&roster_path(site.path(), "tata-rias-2025")), first);
}

#[cfg(feature = "spreadsheets")]
#[test]
fn an_xlsx_with_english_headers_imports_and_its_count_is_the_headcount() {
    let site = site("example");
    // Without `participants:`, the training's headcount comes from the roster.
    let training = site.path().join("content/trainings/yoga-2025.md");
    let text = read(&training);
    assert!(text.contains("participants: 20\n"));
    std::fs::write(&training, text.replace("participants: 20\n", "")).unwrap();
    assert!(!rapor(site.path(), &["check"]).status.success());

    let xlsx = site.path().join("yoga.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Peserta").unwrap();
    let headers = [
        "Registration number",
        "Name",
        "Sex",
        "Attendance",
        "Passed",
        "Pre-test",
        "Post-test",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=18u32 {
        let row = i;
        sheet
            .write_string(row, 0, format!("WBP-2025-{:04}", 500 + i))
            .unwrap();
        sheet
            .write_string(row, 1, format!("Yoga Participant {i}"))
            .unwrap();
        sheet
            .write_string(row, 2, if i % 2 == 0 { "F" } else { "M" })
            .unwrap();
        sheet.write_number(row, 3, 12.0).unwrap();
        sheet.write_string(row, 4, "No").unwrap();
        sheet.write_number(row, 5, 55.0).unwrap();
        sheet.write_number(row, 6, 74.5).unwrap();
    }
    book.save(&xlsx).unwrap();

    // The outcome says 19 were assessed: 18 participants cannot be right,
    // and the import says so before writing anything.
    let out = import(
        site.path(),
        &[
            xlsx.to_str().unwrap(),
            "--training",
            "yoga-2025",
            "--sheet",
            "peserta",
            "--lang",
            "en",
        ],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("rapor check would fail"), "{err}");
    assert!(err.contains("content/outcomes/yoga-2025.yaml"), "{err}");
    assert!(!roster_path(site.path(), "yoga-2025").exists());

    let outcome = site.path().join("content/outcomes/yoga-2025.yaml");
    std::fs::write(
        &outcome,
        read(&outcome).replace("assessed: 19", "assessed: 18"),
    )
    .unwrap();
    let out = import(
        site.path(),
        &[
            xlsx.to_str().unwrap(),
            "--training",
            "yoga-2025",
            "--lang",
            "en",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("18 participants, 0 certified"));
    let out = build_ok(site.path());
    let stats: serde_json::Value =
        serde_json::from_str(&read(&out.join("public/data/stats.json"))).unwrap();
    let yoga = stats["by_skill"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"] == "yoga")
        .unwrap();
    assert_eq!(yoga["participants"], 18, "{yoga}");
}

#[test]
fn bad_rows_are_all_reported_with_row_and_column_and_nothing_is_written() {
    let site = site("example");
    let csv = site.path().join("peserta.csv");
    let text = tata_rias_csv()
        .replace(";Ya;SKB-RDG/TR/2025/003;", ";mungkin;SKB-RDG/TR/2025/003;")
        .replace(";Peserta Rias 5;", ";;")
        .replace(";1997;", ";97;");
    std::fs::write(&csv, text).unwrap();
    let out = import(
        site.path(),
        &[csv.to_str().unwrap(), "--training", "tata-rias-2025"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Row numbers as the spreadsheet shows them: title row 1, header row 2.
    assert!(
        err.contains("peserta.csv: baris 5, kolom \"Lulus\" (G): \"mungkin\" bukan ya/tidak"),
        "{err}"
    );
    assert!(
        err.contains("peserta.csv: baris 7, kolom \"Nama\" (C): kosong, padahal wajib diisi"),
        "{err}"
    );
    assert!(
        err.contains(
            "baris 9, kolom \"Tahun Lahir\" (E): \"97\" harus angka dari 1900 sampai 2100"
        ),
        "{err}"
    );
    assert!(
        err.contains("3 masalah; tidak ada berkas yang ditulis"),
        "{err}"
    );
    assert!(!roster_path(site.path(), "tata-rias-2025").exists());
}

#[test]
fn unknown_and_missing_columns_are_named_with_suggestions() {
    let site = site("example");
    let csv = site.path().join("peserta.csv");
    std::fs::write(&csv, "Nma,Jenis Klamin,Lulus\nAna,P,Ya\n").unwrap();
    let out = import(
        site.path(),
        &[csv.to_str().unwrap(), "--training", "tata-rias-2025"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("kolom \"Nma\" (A): nama kolom tidak dikenal (maksudnya \"Nama\"?)"),
        "{err}"
    );
    assert!(err.contains("(maksudnya \"Jenis Kelamin\"?)"), "{err}");
    assert!(
        err.contains("kolom wajib \"No. Registrasi\" tidak ada"),
        "{err}"
    );
}

#[test]
fn an_existing_roster_is_kept_unless_forced() {
    let site = site("example");
    let before = read(&roster_path(site.path(), "barbershop-2025"));
    let csv = site.path().join("peserta.csv");
    std::fs::write(&csv, "Nama;No Reg\nAna;WBP-1\n").unwrap();
    let out = import(
        site.path(),
        &[csv.to_str().unwrap(), "--training", "barbershop-2025"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("sudah ada; tambahkan --force"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&roster_path(site.path(), "barbershop-2025")), before);
}

#[test]
fn an_unknown_training_is_refused_with_the_nearest_id() {
    let site = site("example");
    let csv = site.path().join("peserta.csv");
    std::fs::write(&csv, tata_rias_csv()).unwrap();
    let out = import(
        site.path(),
        &[csv.to_str().unwrap(), "--training", "tata-rias-2052"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("pelatihan \"tata-rias-2052\" tidak ada di content/trainings/ (maksudnya tata-rias-2025?)"),
        "{}",
        stderr(&out)
    );
    assert!(!roster_path(site.path(), "tata-rias-2052").exists());
    assert!(!roster_path(site.path(), "tata-rias-2025").exists());
}

/// Built with `--no-default-features`, rapor has no calamine: an .xlsx gets a
/// plain answer, and CSV still imports (the first test of this file).
#[cfg(not(feature = "spreadsheets"))]
#[test]
fn a_build_without_spreadsheets_says_so_for_an_xlsx() {
    let site = site("example");
    let xlsx = site.path().join("yoga.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "Name").unwrap();
    book.save(&xlsx).unwrap();
    for (lang, words) in [
        ("en", "this build of rapor has no spreadsheet support"),
        ("id", "dibangun tanpa dukungan lembar kerja"),
    ] {
        let out = import(
            site.path(),
            &[
                xlsx.to_str().unwrap(),
                "--training",
                "yoga-2025",
                "--lang",
                lang,
            ],
        );
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(err.contains(words), "{err}");
    }
    assert!(!roster_path(site.path(), "yoga-2025").exists());
}
