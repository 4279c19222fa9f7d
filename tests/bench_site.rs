//! The benchmark corpus (`examples/make_site.rs`) must be what the benchmarks
//! claim: a contract-valid site that rapor builds, deterministic by seed, with
//! stories of 600-900 words of varied Markdown.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn generate(dir: &Path, stories: usize, seed: u64) {
    let out = Command::new(make_site())
        .arg(dir)
        .args([
            "--stories",
            &stories.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_corpus_is_deterministic_by_seed_and_builds() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    generate(a.path(), 40, 7);
    generate(b.path(), 40, 7);
    generate(c.path(), 40, 8);
    let content = |d: &Path| tree(&d.join("content"));
    assert_eq!(
        content(a.path()),
        content(b.path()),
        "same seed, same bytes"
    );
    assert_ne!(
        content(a.path()),
        content(c.path()),
        "another seed, another site"
    );

    let files = content(a.path());
    let stories: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("stories/") && k.ends_with(".md"))
        .collect();
    assert_eq!(stories.len(), 40);
    for kind in ["trainings/", "partners/", "internal/rosters/", "outcomes/"] {
        assert!(
            files.keys().any(|k| k.starts_with(kind)),
            "the corpus has {kind}"
        );
    }
    for s in &stories {
        let text = String::from_utf8_lossy(&files[*s]);
        let body = text.split("\n---\n").nth(1).unwrap_or_default();
        let words = body.split_whitespace().count();
        assert!((550..=1000).contains(&words), "{s}: {words} words");
    }
    let all: String = stories
        .iter()
        .map(|s| String::from_utf8_lossy(&files[*s]).into_owned())
        .collect();
    for (what, mark) in [
        ("heading", "\n## "),
        ("list", "\n- "),
        ("quote", "\n> "),
        ("table", "\n| "),
        ("link", "]("),
    ] {
        assert!(all.contains(mark), "the stories have a {what}");
    }

    let built = rapor_with(a.path(), &["build"], Some("a benchmark passphrase"));
    assert!(built.status.success(), "{}", stderr(&built));
    let public = tree(&a.path().join("output/public"));
    let pages = public
        .keys()
        .filter(|k| k.starts_with("stories/") && k.ends_with("/index.html"))
        .count();
    // Drafts are not published; every other story has its page.
    assert!((30..=40).contains(&pages), "{pages} story pages");
    assert!(a.path().join("output/internal/sealed").is_dir());
}
