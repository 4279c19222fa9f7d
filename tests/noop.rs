//! A build with nothing changed reuses the last output; any change to what a
//! build reads or wrote makes it build again.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::*;

/// Moves every file and folder under `dir` a minute into the past: files
/// the build stamp trusts (a file changed in the last seconds is not).
fn age(dir: &Path) {
    let then = SystemTime::now() - Duration::from_secs(60);
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.unwrap();
        let file = if entry.file_type().is_dir() {
            std::fs::File::open(entry.path())
        } else {
            std::fs::File::options().write(true).open(entry.path())
        };
        file.unwrap().set_modified(then).unwrap();
    }
}

fn mtime(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

const UNCHANGED: &str = "Nothing changed since the last build";

#[test]
fn a_second_build_with_nothing_changed_leaves_the_output_alone() {
    let site = site("basic");
    age(&site.path().join("content"));
    let first = rapor(site.path(), &["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(!stdout(&first).contains(UNCHANGED));
    let home = site.path().join("output/public/index.html");
    let before = (tree(&site.path().join("output")), mtime(&home));

    let second = rapor(site.path(), &["build"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stdout(&second).contains(UNCHANGED), "{}", stdout(&second));
    // The warnings of the build it reuses are shown again.
    assert_eq!(stderr(&first), stderr(&second));
    assert!(stderr(&second).contains("protect"), "{}", stderr(&second));
    assert_eq!(before, (tree(&site.path().join("output")), mtime(&home)));
}

#[test]
fn an_edit_a_deleted_output_file_or_a_new_passphrase_builds_again() {
    let site = site("basic");
    let content = site.path().join("content");
    age(&content);
    assert!(rapor(site.path(), &["build"]).status.success());

    // An edit to a story (written now, so not trusted: a full build).
    let story = walkdir::WalkDir::new(content.join("stories"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("the fixture has a story");
    let text = read(&story).replace("\n---\n", "\n---\n\nKalimat baru yang tersimpan.\n\n");
    std::fs::write(&story, text).unwrap();
    let edited = rapor(site.path(), &["build"]);
    assert!(!stdout(&edited).contains(UNCHANGED));
    let public = site.path().join("output/public");
    let pages = tree(&public);
    assert!(
        pages
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Kalimat baru yang tersimpan")),
        "the edit reached the output"
    );
    // Once the edit is old enough to trust, the next build is a no-op...
    age(&content);
    assert!(!stdout(&rapor(site.path(), &["build"])).contains(UNCHANGED));
    assert!(stdout(&rapor(site.path(), &["build"])).contains(UNCHANGED));

    // ...until an output file goes missing: the build puts it back.
    std::fs::remove_file(public.join("index.html")).unwrap();
    let repaired = rapor(site.path(), &["build"]);
    assert!(!stdout(&repaired).contains(UNCHANGED));
    assert!(public.join("index.html").exists());

    // A protected site built without a passphrase, then with one: the second
    // build must write the internal site.
    set_protect(site.path(), true);
    age(&content);
    let without = rapor(site.path(), &["build"]);
    assert!(without.status.success(), "{}", stderr(&without));
    assert!(!site.path().join("output/internal").exists());
    assert!(stdout(&rapor(site.path(), &["build"])).contains(UNCHANGED));
    let with = rapor_with(site.path(), &["build"], Some("a passphrase of some length"));
    assert!(with.status.success(), "{}", stderr(&with));
    assert!(!stdout(&with).contains(UNCHANGED));
    assert!(site.path().join("output/internal/index.html").exists());
    // The same passphrase again: nothing to do; another one: a new build.
    let again = rapor_with(site.path(), &["build"], Some("a passphrase of some length"));
    assert!(stdout(&again).contains(UNCHANGED), "{}", stdout(&again));
    let other = rapor_with(site.path(), &["build"], Some("another passphrase, longer"));
    assert!(!stdout(&other).contains(UNCHANGED));
}

#[test]
fn check_never_uses_or_writes_the_stamp() {
    let site = site("basic");
    age(&site.path().join("content"));
    let checked = rapor(site.path(), &["check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(!site.path().join(".rapor-cache/build-stamp").exists());
    assert!(rapor(site.path(), &["build"]).status.success());
    assert!(site.path().join(".rapor-cache/build-stamp").exists());
    let checked = rapor(site.path(), &["check"]);
    assert!(!stdout(&checked).contains(UNCHANGED));
}

/// The words of `text` (letters only, four or more), to compare languages.
fn words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Builds the `basic` fixture (which warns: no passphrase for the internal
/// site) in `first`, then again, with nothing changed, in `second`; returns
/// the stderr of the reused build and that of a full build in `second`.
fn replayed(first: &str, second: &str) -> (String, String, String) {
    let run = |site: &Path, lang: &str| rapor_native(site, &["build", "--lang", lang]);
    let site = site("basic");
    age(&site.path().join("content"));
    let built = run(site.path(), first);
    assert!(built.status.success(), "{}", stderr(&built));
    let again = run(site.path(), second);
    assert!(again.status.success(), "{}", stderr(&again));
    let unchanged = if second == "en" {
        UNCHANGED
    } else {
        "Tidak ada yang berubah"
    };
    assert!(
        stdout(&again).contains(unchanged),
        "a no-op: {}",
        stdout(&again)
    );
    let fresh = self::site("basic");
    let full = run(fresh.path(), second);
    assert!(full.status.success(), "{}", stderr(&full));
    assert!(!stderr(&built).is_empty(), "the fixture warns");
    (stderr(&built), stderr(&again), stderr(&full))
}

#[test]
fn warnings_replayed_from_the_stamp_speak_the_language_of_the_reusing_build() {
    // Regression: the stamp kept the warnings as text, so `--lang en` then a
    // no-op `--lang id` printed English lines (with an Indonesian kind word).
    for (first, second) in [("en", "id"), ("id", "en")] {
        let (built, again, full) = replayed(first, second);
        assert_eq!(again, full, "{first} then {second}");
        assert_ne!(built, again, "{first} then {second}: the languages differ");
        let foreign: Vec<String> = words(&built).difference(&words(&full)).cloned().collect();
        assert!(!foreign.is_empty());
        for w in words(&again) {
            assert!(
                !foreign.contains(&w),
                "{first} then {second}: `{w}` in {again}"
            );
        }
    }
}
