//! `rapor init` and `rapor new`, tried the way a new records officer would.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn run(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run rapor")
}

fn ok(args: &[&str], cwd: &Path) -> String {
    let out = run(args, cwd);
    assert!(
        out.status.success(),
        "rapor {args:?} failed:\n{}",
        stderr(&out)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Replaces `from` once in the file at `rel` under `site`.
fn fill(site: &Path, rel: &str, from: &str, to: &str) {
    let text = read(&site.join(rel));
    assert!(text.contains(from), "{rel} has no `{from}`:\n{text}");
    write(site, rel, &text.replacen(from, to, 1));
}

#[test]
fn init_then_build_works_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    ok(&["init", "situs"], dir.path());
    let site = dir.path().join("situs");
    for rel in [
        "content/site.yaml",
        "content/partners/mitra-contoh.yaml",
        "content/programmes/program-contoh.md",
        "content/trainings/pelatihan-contoh.md",
        "content/outcomes/pelatihan-contoh.yaml",
        "content/internal/rosters/pelatihan-contoh.yaml",
        "content/stories/berita-contoh.md",
        "README.md",
        ".gitignore",
    ] {
        assert!(site.join(rel).is_file(), "init did not write {rel}");
    }
    // The editor's undo history keeps copies of rosters: never committed.
    let ignored = read(&site.join(".gitignore"));
    for dir in ["output/", ".rapor/", ".rapor-cache/"] {
        assert!(ignored.lines().any(|l| l == dir), "{dir} not in .gitignore");
    }
    assert!(
        read(&site.join("content/site.yaml")).contains("# Judul situs"),
        "site.yaml is commented"
    );
    let out = build_ok(&site);
    let training = read(&out.join("public/trainings/pelatihan-contoh/index.html"));
    assert!(training.contains("Pelatihan Barbershop Angkatan I"));
    assert!(
        read(&out.join("public/stories/berita-contoh/index.html")).contains("Balai Latihan Contoh")
    );
    // The example roster is internal only.
    assert!(
        !tree(&out.join("public"))
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Peserta Contoh Satu"))
    );

    // A second init into the same folder refuses and changes nothing.
    let before = tree(&site.join("content"));
    let again = run(&["init", "situs"], dir.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("tidak kosong"),
        "{}",
        stderr(&again)
    );
    assert_eq!(tree(&site.join("content")), before);
}

#[test]
fn every_new_record_builds_once_its_placeholders_are_filled() {
    let dir = tempfile::tempdir().unwrap();
    ok(&["init", "s"], dir.path());
    let site = dir.path().join("s");
    let new = |args: &[&str]| {
        ok(
            &[&["new"], args, &["--site", site.to_str().unwrap()]].concat(),
            dir.path(),
        )
    };

    new(&["training", "meubel-2027"]);
    new(&["partner", "mitra-baru"]);
    new(&["story", "berita-baru"]);
    new(&["programme", "program-baru"]);
    // Fill in what a training needs for a roster: a headcount of 3.
    fill(
        &site,
        "content/trainings/meubel-2027.md",
        "# participants: 16",
        "participants: 3",
    );
    new(&["outcome", "meubel-2027-hasil", "--training", "meubel-2027"]);
    new(&["roster", "meubel-2027"]);

    let training = read(&site.join("content/trainings/meubel-2027.md"));
    assert!(training.contains("title: Meubel 2027"));
    assert!(
        training.contains("skill: barbershop"),
        "the site's first skill"
    );
    assert!(
        training.contains("draft: true"),
        "new trainings start as drafts"
    );
    assert!(
        training.contains("# wajib: tanggal mulai"),
        "comments in the site's language"
    );
    for field in [
        "title",
        "skill",
        "cycle",
        "programme",
        "partners",
        "start",
        "end",
        "hours",
        "location",
        "status",
        "participants",
        "cost",
        "photos",
        "draft",
        "internal",
    ] {
        assert!(
            training.contains(&format!("{field}:")),
            "training lacks {field}"
        );
    }
    let outcome = read(&site.join("content/outcomes/meubel-2027-hasil.yaml"));
    assert!(
        outcome.contains("training: meubel-2027"),
        "--training pre-fills the reference"
    );
    let roster = read(&site.join("content/internal/rosters/meubel-2027.yaml"));
    assert_eq!(
        roster.matches("  - id: \"\"").count(),
        3,
        "one empty entry per head:\n{roster}"
    );

    // Unfilled roster entries are reported, with the file.
    let check = rapor(&site, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("content/internal/rosters/meubel-2027.yaml:"),
        "{}",
        stderr(&check)
    );

    for (n, name) in ["Satu", "Dua", "Tiga"].iter().enumerate() {
        fill(
            &site,
            "content/internal/rosters/meubel-2027.yaml",
            "  - id: \"\"",
            &format!("  - id: WBP-{n}"),
        );
        fill(
            &site,
            "content/internal/rosters/meubel-2027.yaml",
            "    name: \"\"",
            &format!("    name: Peserta {name}"),
        );
        fill(
            &site,
            "content/internal/rosters/meubel-2027.yaml",
            "    gender: \"\"",
            "    gender: f",
        );
    }
    // Plain internal files, to look at them here.
    fill(
        &site,
        "content/site.yaml",
        "protect: true",
        "protect: false",
    );
    let out = build_ok(&site);
    // Drafts stay internal until someone publishes them.
    assert!(!out.join("public/trainings/meubel-2027").exists());
    assert!(!out.join("public/stories/berita-baru").exists());
    assert!(
        out.join("internal/trainings/meubel-2027/index.html")
            .is_file()
    );
    assert!(out.join("public/partners/mitra-baru/index.html").is_file());
}

#[test]
fn new_refuses_to_overwrite_bad_ids_and_unknown_trainings() {
    let dir = tempfile::tempdir().unwrap();
    ok(&["init", "s"], dir.path());
    let site = dir.path().join("s");
    let s = site.to_str().unwrap();
    let before = tree(&site.join("content"));

    let again = run(
        &["new", "training", "pelatihan-contoh", "--site", s],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("sudah ada"), "{}", stderr(&again));
    let bad = run(&["new", "story", "Berita Baru", "--site", s], dir.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("huruf kecil"), "{}", stderr(&bad));
    let missing = run(
        &["new", "roster", "pelatihan-contoh2", "--site", s],
        dir.path(),
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("maksudnya pelatihan-contoh?"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(tree(&site.join("content")), before, "nothing was written");
}

#[test]
fn comments_follow_the_site_language_or_lang() {
    let dir = tempfile::tempdir().unwrap();
    ok(&["init", "s"], dir.path());
    let site = dir.path().join("s");
    let s = site.to_str().unwrap();
    ok(
        &["new", "partner", "mitra-en", "--lang", "en", "--site", s],
        dir.path(),
    );
    let partner = read(&site.join("content/partners/mitra-en.yaml"));
    assert!(
        partner.contains("# required: the partner's official name"),
        "{partner}"
    );
    fill(&site, "content/site.yaml", "language: id", "language: en");
    ok(&["new", "story", "story-en", "--site", s], dir.path());
    let story = read(&site.join("content/stories/story-en.md"));
    assert!(story.contains("# required: the headline"), "{story}");
    assert!(story.contains("Never name a participant"));
}
