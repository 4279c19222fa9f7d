//! The language of rapor's own lines: `--lang`, else the site's `language:`,
//! else Indonesian; mistakes are reported in it with a suggestion, and a
//! broken site.yaml never stops that (nor panics).

mod common;

use std::path::Path;

use common::*;

fn replace(site: &Path, rel: &str, from: &str, to: &str) {
    let text = read(&site.join(rel));
    assert!(text.contains(from), "{rel} lacks {from:?}");
    write(site, rel, &text.replacen(from, to, 1));
}

/// The `basic` fixture (`language: id`) with a typo in a partner's
/// `description` and in a training's `location`.
fn site_with_typos() -> tempfile::TempDir {
    let site = site("basic");
    replace(
        site.path(),
        "content/partners/mitra-a.yaml",
        "description:",
        "descripton:",
    );
    replace(
        site.path(),
        "content/trainings/las-1.md",
        "location: Bengkel",
        "locaton: Bengkel",
    );
    site
}

fn has_line(err: &str, start: &str, says: &str) -> bool {
    err.lines()
        .any(|l| l.starts_with(start) && l.contains(says))
}

#[test]
fn a_typo_is_reported_in_indonesian_with_a_suggestion_when_the_site_is_indonesian() {
    let site = site_with_typos();
    for verb in ["check", "build"] {
        let out = rapor_native(site.path(), &[verb]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            has_line(
                &err,
                "content/partners/mitra-a.yaml:3:1: galat: ",
                "kolom `descripton` tidak dikenal — mungkin maksudnya `description`?"
            ),
            "{err}"
        );
        assert!(
            has_line(
                &err,
                "content/trainings/las-1.md:10:1: galat: ",
                "kolom `locaton` tidak dikenal — mungkin maksudnya `location`?"
            ),
            "{err}"
        );
        assert!(err.contains("2 masalah perlu diperbaiki"), "{err}");
        for english in ["error:", "unknown field", "did you mean", "problems to fix"] {
            assert!(!err.contains(english), "English `{english}` in:\n{err}");
        }
    }
    let build = rapor_native(site.path(), &["build"]);
    assert!(
        stderr(&build)
            .contains("rapor build gagal: 2 masalah perlu diperbaiki; output/ tidak diubah"),
        "{}",
        stderr(&build)
    );
}

#[test]
fn lang_en_reports_the_same_mistakes_in_english() {
    let site = site_with_typos();
    let out = rapor_native(site.path(), &["check", "--lang", "en"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        has_line(
            &err,
            "content/partners/mitra-a.yaml:3:1: error: ",
            "unknown field `descripton` — did you mean `description`?"
        ),
        "{err}"
    );
    assert!(
        has_line(
            &err,
            "content/trainings/las-1.md:10:1: error: ",
            "unknown field `locaton` — did you mean `location`?"
        ),
        "{err}"
    );
    assert!(err.contains("rapor check: 2 problems to fix"), "{err}");
    assert!(!err.contains("galat"), "{err}");
}

#[test]
fn the_site_language_en_gives_english_and_lang_overrides_it() {
    let site = site_with_typos();
    replace(
        site.path(),
        "content/site.yaml",
        "language: id",
        "language: en",
    );
    let en = stderr(&rapor_native(site.path(), &["check"]));
    assert!(
        en.contains("error: unknown field `descripton` — did you mean `description`?"),
        "{en}"
    );
    let id = stderr(&rapor_native(site.path(), &["check", "--lang", "id"]));
    assert!(
        id.contains("galat: kolom `descripton` tidak dikenal — mungkin maksudnya `description`?"),
        "{id}"
    );
}

#[test]
fn a_broken_site_yaml_is_still_reported_in_the_right_language() {
    let cases: &[(&str, &[u8], &str)] = &[
        // Not YAML at all: the default language.
        (
            "syntax",
            b"title: [Uji\n  : : :\n\t- {\n",
            "content/site.yaml:",
        ),
        // Not UTF-8: the default language, and the place of the bad byte.
        (
            "binary",
            b"title: Uji\n\xff\xfe\x00\x80\n",
            "content/site.yaml:2:",
        ),
        // A language no one knows: reported, in the default language.
        (
            "unknown language",
            b"language: fr\ntitle: Uji\n",
            "content/site.yaml:1:",
        ),
        // Empty.
        ("empty", b"", "content/site.yaml:"),
    ];
    for (name, bytes, place) in cases {
        let site = site("basic");
        write(site.path(), "content/site.yaml", "");
        std::fs::write(site.path().join("content/site.yaml"), bytes).unwrap();
        let out = rapor_native(site.path(), &["check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(has_line(&err, place, ": galat: "), "{name}: {err}");
        assert!(err.contains("masalah perlu diperbaiki"), "{name}: {err}");
        assert!(!err.contains(": error: "), "{name}: {err}");
    }

    // Broken after it says `language: en`: read from the tree as far as it
    // parses, so English. (A mistake before `language:` hides it; the
    // mistake is then reported in the default language.)
    let site = site("basic");
    write(
        site.path(),
        "content/site.yaml",
        "language: en\ntitle: [Uji\nskills: : :\n",
    );
    let err = stderr(&rapor_native(site.path(), &["check"]));
    assert!(err.contains("content/site.yaml:"), "{err}");
    assert!(err.contains(": error: "), "{err}");
    assert!(!err.contains("galat"), "{err}");

    // No content folder, no site.yaml: Indonesian.
    let empty = tempfile::tempdir().unwrap();
    let err = stderr(&rapor_native(empty.path(), &["build"]));
    assert!(err.contains("tidak ada folder `content`"), "{err}");
}

#[test]
fn a_successful_build_summarises_in_indonesian_by_default() {
    let site = site("basic");
    let out = rapor_native(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(summary.starts_with("Selesai: "), "{summary}");
    assert!(summary.contains(" berkas publik dan "), "{summary}");
    assert!(summary.contains("(TIDAK terenkripsi)"), "{summary}");
    assert!(summary.contains(" detik: "), "{summary}");
    // The basic fixture writes its internal site plain, with a warning.
    let err = stderr(&out);
    assert!(
        err.contains("content/site.yaml: peringatan: `internal.protect` bernilai false"),
        "{err}"
    );

    let check = rapor_native(site.path(), &["check"]);
    assert_eq!(stdout(&check).trim(), "Tidak ada masalah.");

    let english = rapor_native(site.path(), &["build", "--lang", "en"]);
    assert!(
        stdout(&english).starts_with("Built "),
        "{}",
        stdout(&english)
    );
    assert!(
        stderr(&english).contains("content/site.yaml: warning: `internal.protect` is false"),
        "{}",
        stderr(&english)
    );
}

#[test]
fn a_bad_lang_flag_is_a_usage_error() {
    let site = site("basic");
    let out = rapor_native(site.path(), &["check", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Runs the binary with exactly `args` (no `--site`, no `--lang` added),
/// in `dir`.
fn rapor_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run rapor")
}

#[test]
fn help_is_indonesian_by_default_and_english_with_lang_en() {
    let empty = tempfile::tempdir().unwrap();
    let out = rapor_in(empty.path(), &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout).to_string();
    for word in [
        "Cara pakai: rapor [PILIHAN] [PERINTAH]",
        "Perintah:",
        "Pilihan:",
        "Membangun output/public",
        "Tampilkan bantuan ini.",
    ] {
        assert!(help.contains(word), "no {word:?} in:\n{help}");
    }
    for english in [
        "Usage:",
        "Options:",
        "Commands:",
        "Print help",
        "[default:",
        "possible values",
    ] {
        assert!(!help.contains(english), "{english:?} in:\n{help}");
    }
    // A command's help: its own words, defaults and choices in Indonesian.
    let serve =
        String::from_utf8_lossy(&rapor_in(empty.path(), &["serve", "--help"]).stdout).to_string();
    assert!(
        serve.contains("Nomor port (0 memilih port yang bebas). [bawaan: 8787]"),
        "{serve}"
    );
    let new = String::from_utf8_lossy(&rapor_in(empty.path(), &["new", "-h"]).stdout).to_string();
    assert!(new.contains("rapor new [PILIHAN] <JENIS> <KODE>"), "{new}");
    assert!(new.contains("[pilihan: training, partner"), "{new}");

    let en = String::from_utf8_lossy(&rapor_in(empty.path(), &["--lang", "en", "--help"]).stdout)
        .to_string();
    assert!(
        en.contains("Usage: rapor [OPTIONS] [COMMAND]") && en.contains("Build output/public"),
        "{en}"
    );
    assert!(!en.contains("Cara pakai"), "{en}");
    // The site's own language counts, as for every other message.
    let site = site("basic");
    replace(
        site.path(),
        "content/site.yaml",
        "language: id",
        "language: en",
    );
    let by_site = rapor_in(site.path(), &["--help"]);
    assert!(String::from_utf8_lossy(&by_site.stdout).contains("Usage:"));
}

#[test]
fn usage_mistakes_are_said_in_plain_indonesian_with_the_commands_usage() {
    let empty = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["biuld"],
            &[
                "rapor: `biuld` bukan perintah rapor; maksudnya `build`?",
                "Bantuan: rapor --help",
            ],
        ),
        (
            &["build", "--frobnicate"],
            &[
                "pilihan `--frobnicate` tidak dikenal",
                "Cara pakai: rapor build [PILIHAN]",
                "Bantuan: rapor build --help",
            ],
        ),
        (
            &["serve", "--port", "abc"],
            &[
                "`abc` tidak sah untuk --port",
                "0 sampai 65535",
                "Bantuan: rapor serve --help",
            ],
        ),
        (&["serve", "--bind", "nope"], &["bukan alamat IP"]),
        (
            &["new", "traning", "x"],
            &["`traning` tidak bisa dipakai untuk <JENIS>; pilihannya: training, partner"],
        ),
        (
            &["new"],
            &[
                "belum diisi: <JENIS>, <KODE>",
                "Cara pakai: rapor new [PILIHAN] <JENIS> <KODE>",
            ],
        ),
        (
            &["import", "roster", "a.csv"],
            &[
                "belum diisi: --training <KODE>",
                "Bantuan: rapor import roster --help",
            ],
        ),
        (
            &["publish", "--dry-run", "--remember"],
            &[
                "--dry-run tidak bisa dipakai bersama --remember",
                "Cara pakai: rapor publish [PILIHAN] [TUJUAN]",
            ],
        ),
    ];
    for (args, says) in cases {
        let out = rapor_in(empty.path(), args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        for s in *says {
            assert!(err.contains(s), "{args:?}: no {s:?} in:\n{err}");
        }
        for english in [
            "error:",
            "Usage:",
            "For more information",
            "tip:",
            "invalid",
        ] {
            assert!(!err.contains(english), "{args:?}: {english:?} in:\n{err}");
        }
    }
    let en = rapor_in(empty.path(), &["--lang", "en", "biuld"]);
    let err = String::from_utf8_lossy(&en.stderr).to_string();
    assert!(
        err.contains("`biuld` is not a rapor command; did you mean `build`?")
            && err.contains("Usage: rapor [OPTIONS] [COMMAND]"),
        "{err}"
    );
}
