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
