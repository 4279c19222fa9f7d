//! The leak audit: a build whose public site would show an identity value of
//! the internal data fails, names the content file, line and field that put
//! it there, and leaves the previous output untouched. `rapor audit` finds the
//! same values in an existing output folder.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// The `basic` fixture with distinctive identity values in its roster and in
/// a partner's internal block.
fn site_with_identities() -> tempfile::TempDir {
    let site = site("basic");
    let p = site.path();
    let roster = "content/internal/rosters/jahit-1.yaml";
    write(
        p,
        roster,
        &read(&p.join(roster))
            .replace("Peserta Satu", "Yohanes Jehadu")
            .replace("R-001", "WBP-2025-0142")
            .replace("C-1 }", "\"SKB-RDG/BB/2025/011\" }")
            .replace("Peserta Dua", "\"Fransiska D'Souza\""),
    );
    let partner = "content/partners/mitra-a.yaml";
    write(
        p,
        partner,
        &read(&p.join(partner))
            .replace("Kontak Satu", "Theresia Nurak")
            .replace("+62 811 1111 1111", "+62 812 3745 0918")
            .replace("satu@example.org", "theresia.nurak@example.org")
            .replace("01/PKS/2025", "007/MoU/2025"),
    );
    site
}

/// Edits `file` (replacing `from` with `to`) after a good build, builds
/// again, and checks that the build failed with an error at `place` saying
/// `says`, and that `output/` is byte-identical to the good build's.
fn assert_leak(file: &str, from: &str, to: &str, place: &str, says: &str) {
    let site = site_with_identities();
    let p = site.path();
    let before = tree(&build_ok(p));
    let text = read(&p.join(file));
    assert!(text.contains(from), "{file} has no {from:?}");
    write(p, file, &text.replacen(from, to, 1));
    let out = rapor(p, &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "the build must fail:\n{err}");
    let line = err
        .lines()
        .find(|l| l.starts_with(place))
        .unwrap_or_else(|| panic!("no error at {place}:\n{err}"));
    assert!(line.contains(says), "{line}\nshould say: {says}");
    assert!(
        line.ends_with("remove it: internal data must not appear on the public site"),
        "{line}"
    );
    assert!(
        tree(&p.join("output")) == before,
        "a failed build changed output/"
    );
}

#[test]
fn a_roster_name_in_a_story_body() {
    assert_leak(
        "content/stories/berita.md",
        "Isi berita.",
        "Isi berita tentang Yohanes Jehadu.",
        "content/stories/berita.md:11:20: error: the story body shows",
        "the name of a participant on the roster of jahit-1 (content/internal/rosters/jahit-1.yaml, participants[1].name)",
    );
}

#[test]
fn a_registration_number_in_a_partner_description() {
    assert_leak(
        "content/partners/mitra-a.yaml",
        "Balai latihan",
        "Balai latihan mitra WBP-2025-0142,",
        "content/partners/mitra-a.yaml:3:",
        "the partner field `description` shows the registration number of a participant on the roster of jahit-1 (content/internal/rosters/jahit-1.yaml, participants[1].id)",
    );
}

#[test]
fn a_certificate_number_in_a_training_body() {
    assert_leak(
        "content/trainings/las-1.md",
        "Pengenalan mesin las",
        "Sertifikat SKB-RDG/BB/2025/011: pengenalan mesin las",
        "content/trainings/las-1.md:19:12:",
        "the training body shows the certificate number of a participant on the roster of jahit-1 (content/internal/rosters/jahit-1.yaml, participants[1].certificate_no)",
    );
}

#[test]
fn a_partner_phone_number_typed_another_way_in_a_story() {
    assert_leak(
        "content/stories/berita.md",
        "Ringkasan berita.",
        "Hubungi 0812-3745-0918.",
        "content/stories/berita.md:5:",
        "the story field `summary` shows the phone number of the contact person of partner mitra-a (content/partners/mitra-a.yaml, internal.contact.phone)",
    );
}

#[test]
fn a_contact_email_in_a_training_location() {
    assert_leak(
        "content/trainings/las-1.md",
        "location: Bengkel",
        "location: Bengkel (theresia.nurak@example.org)",
        "content/trainings/las-1.md:10:",
        "the training field `location` shows the email address of the contact person of partner mitra-a",
    );
}

#[test]
fn a_contact_name_in_a_photo_caption() {
    assert_leak(
        "content/trainings/las-1.md",
        "caption: Praktik las",
        "caption: Praktik las bersama Theresia Nurak",
        "content/trainings/las-1.md:15:",
        "the training field `photos.caption` shows the name of the contact person of partner mitra-a (content/partners/mitra-a.yaml, internal.contact.name)",
    );
}

#[test]
fn an_agreement_number_in_an_outcome_summary() {
    assert_leak(
        "content/outcomes/las-1.yaml",
        "peserta **lulus**.",
        "peserta **lulus** (perjanjian 007/MoU/2025).",
        "content/outcomes/las-1.yaml:12:",
        "the outcome field `summary` shows the agreement number of partner mitra-a (content/partners/mitra-a.yaml, internal.agreement.number)",
    );
}

#[test]
fn a_name_with_an_apostrophe_in_a_story_title_shown_escaped() {
    // Pages show it as `D&#39;Souza`; the feed and JSON-LD in other forms.
    assert_leak(
        "content/stories/berita.md",
        "title: Berita Uji",
        "title: Selamat untuk Fransiska D'Souza",
        "content/stories/berita.md:2:",
        "the story field `title` shows the name of a participant on the roster of jahit-1 (content/internal/rosters/jahit-1.yaml, participants[2].name)",
    );
}

#[test]
fn a_name_as_a_story_id_becomes_a_slug_in_urls() {
    let site = site_with_identities();
    let p = site.path();
    let before = tree(&build_ok(p));
    std::fs::rename(
        p.join("content/stories/berita.md"),
        p.join("content/stories/yohanes-jehadu-lulus.md"),
    )
    .unwrap();
    let out = rapor(p, &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with(
            "content/stories/yohanes-jehadu-lulus.md: error: the story's id (its file or folder name, which becomes its web address) shows the name of a participant on the roster of jahit-1"
        )),
        "{err}"
    );
    assert!(tree(&p.join("output")) == before);
}

#[test]
fn a_value_in_a_theme_file_is_traced_to_the_theme() {
    let site = site_with_identities();
    let p = site.path();
    let css = String::from_utf8(rapor_style_css()).unwrap();
    write(
        p,
        "themes/default/static/style.css",
        &format!("{css}\n/* by Theresia Nurak */\n"),
    );
    let out = rapor(p, &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("themes/default/static/style.css:")
                && l.contains(
                    "this theme file shows the name of the contact person of partner mitra-a"
                )),
        "{err}"
    );
    assert!(!p.join("output").exists(), "nothing was written");
}

fn rapor_style_css() -> Vec<u8> {
    std::fs::read(repo().join("themes/default/static/style.css")).unwrap()
}

#[test]
fn every_leak_of_a_build_is_reported_once_per_value_and_field() {
    let site = site_with_identities();
    let p = site.path();
    let story = "content/stories/berita.md";
    write(
        p,
        story,
        &read(&p.join(story))
            .replace(
                "Isi berita.",
                "Yohanes Jehadu, lagi Yohanes Jehadu, dan WBP-2025-0142.\n\nTheresia Nurak.",
            )
            .replace("title: Berita Uji", "title: Berita Yohanes Jehadu"),
    );
    let out = rapor(p, &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    // The name in the title and in the body (once, at its first place), the
    // registration number and the contact name in the body.
    assert_eq!(errors.len(), 4, "{err}");
    assert!(
        errors[0].starts_with("content/stories/berita.md:2:15: "),
        "{err}"
    );
    assert!(
        errors[1].starts_with("content/stories/berita.md:11:1: "),
        "{err}"
    );
    assert!(
        err.contains("rapor build failed: 4 problems to fix"),
        "{err}"
    );
}

#[test]
fn a_value_glued_inside_a_longer_word_or_number_is_not_a_leak() {
    let site = site_with_identities();
    let p = site.path();
    let story = "content/stories/berita.md";
    write(
        p,
        story,
        &read(&p.join(story)).replace(
            "Isi berita.",
            "Isi berita: AYohanes Jehadu, Yohanes Jehadunya, nomor WBP-2025-01423, telepon 90812-3745-0918.",
        ),
    );
    let out = rapor(p, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = read(&p.join("output/public/stories/berita/index.html"));
    assert!(page.contains("Yohanes Jehadunya"), "the text was published");
}

#[test]
fn audit_passes_a_clean_output_folder() {
    let site = site_with_identities();
    build_ok(site.path());
    let out = rapor(site.path(), &["audit"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout.starts_with("No internal data found: ") && stdout.contains("identity values"),
        "{stdout}"
    );
}

#[test]
fn audit_finds_a_value_planted_in_an_output_file() {
    let site = site_with_identities();
    let p = site.path();
    build_ok(p);
    // Only the escaped form: as an HTML template would have written it.
    write(
        p,
        "output/public/extra/index.html",
        "<!doctype html>\n<p>Oleh Fransiska D&#39;Souza</p>\n",
    );
    let out = rapor(p, &["audit"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with(
            "output/public/extra/index.html:2:9: error: this public file shows the name of a participant on the roster of jahit-1 (content/internal/rosters/jahit-1.yaml, participants[2].name)"
        )),
        "{err}"
    );
}

#[test]
fn audit_names_the_content_field_a_value_came_from() {
    let site = site_with_identities();
    let p = site.path();
    build_ok(p);
    // The content changed after the build: the output was made before the audit existed.
    let story = "content/stories/berita.md";
    write(
        p,
        story,
        &read(&p.join(story)).replace("Isi berita.", "Isi berita WBP-2025-0142."),
    );
    write(
        p,
        "output/public/stories/berita/index.html",
        "<p>Isi berita WBP-2025-0142.</p>\n",
    );
    let out = rapor(p, &["audit"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("output/public/stories/berita/index.html:1:15: error: this public file shows the registration number")
            && err.contains("it comes from content/stories/berita.md:11:12"),
        "{err}"
    );
}

#[test]
fn audit_finds_a_value_in_a_file_name() {
    let site = site_with_identities();
    let p = site.path();
    build_ok(p);
    write(p, "output/public/media/wbp-2025-0142.jpg", "not a photo");
    let out = rapor(p, &["audit"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with(
            "output/public/media/wbp-2025-0142.jpg: error: the name of this public file shows the registration number"
        )),
        "{err}"
    );
}

#[test]
fn audit_scans_the_folder_it_is_given() {
    let site = site_with_identities();
    let p = site.path();
    let other = tempfile::tempdir().unwrap();
    write(other.path(), "feed.xml", "<name>Theresia Nurak</name>");
    let dir = other.path().to_str().unwrap();
    let out = rapor(p, &["audit", dir]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let shown = Path::new(dir).join("feed.xml");
    assert!(
        err.starts_with(&format!("{}:1:7: error: ", shown.display())),
        "{err}"
    );
    // Bad usage is exit code 2.
    assert_eq!(rapor(p, &["audit", "a", "b"]).status.code(), Some(2));
    // A missing folder is a problem, not a pass.
    let missing = rapor(p, &["audit"]);
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
}

/// Puts a participant's name into the body of a public story: the story's
/// file and its text before.
fn plant_leak(p: &Path) -> (&'static str, String) {
    let story = "content/stories/berita.md";
    let text = read(&p.join(story));
    let leaked = text.replacen("Isi berita.", "Isi berita tentang Yohanes Jehadu.", 1);
    assert_ne!(leaked, text, "the story changed");
    write(p, story, &leaked);
    (story, text)
}

#[test]
fn a_leak_and_a_refused_passphrase_are_reported_together() {
    let site = site_with_identities();
    let p = site.path();
    set_protect(p, true);
    plant_leak(p);
    let out = rapor_with(p, &["build"], Some("elevenchars"));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("it needs at least 12"), "{err}");
    assert!(
        err.contains("content/stories/berita.md:11:20: error: the story body shows"),
        "the public site is audited even when the internal one is refused:\n{err}"
    );
    assert!(
        !p.join("output").exists(),
        "nothing is written, not even a build folder"
    );
}

#[test]
fn a_build_killed_while_writing_leaves_no_leaked_value_anywhere_under_output() {
    // A value that leaks into a public page is never written: files go into
    // the build folder one at a time, each public one past the audit and
    // each internal one sealed, so a kill at any point leaves no readable
    // copy of it, in the public site or the internal one.
    let site = site_with_identities();
    let p = site.path();
    set_protect(p, true);
    let (story, text) = plant_leak(p);
    let mut stopped = 0;
    for n in [1, 3, 10, 25, 50, 80] {
        let out = Command::new(env!("CARGO_BIN_EXE_rapor"))
            .args(["build", "--lang", "en", "--site"])
            .arg(p)
            .env("RAPOR_INTERNAL_PASSPHRASE", "a passphrase long enough")
            .env("RAPOR_TEST_ITERATIONS", "1000")
            .env("RAPOR_FAULT", format!("stop:write:{n}"))
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        match out.status.code() {
            Some(99) => stopped += 1,
            code => assert_eq!(code, Some(1), "{}", stderr(&out)),
        }
        let files = tree(&p.join("output"));
        for (path, bytes) in &files {
            let plain = String::from_utf8_lossy(bytes);
            assert!(
                !plain.contains("Yohanes Jehadu"),
                "{path} (stopped at write {n})"
            );
            assert!(
                !plain.contains("WBP-2025-0142"),
                "{path} (stopped at write {n})"
            );
        }
    }
    assert!(stopped >= 3, "the kills happened while writing: {stopped}");
    // The values are planted: a plain internal site shows them.
    write(p, story, &text);
    set_protect(p, false);
    build_ok(p);
    let internal = tree(&p.join("output/internal"));
    for value in ["Yohanes Jehadu", "WBP-2025-0142"] {
        assert!(
            internal
                .iter()
                .any(|(_, b)| String::from_utf8_lossy(b).contains(value)),
            "{value} is not on the internal site"
        );
    }
}
