//! The public site's search: the stemmer (Rust, and its JavaScript copy in
//! themes/default/static/search.js, which must agree word for word), the
//! index file (public records only: no draft, no internal value) and the
//! search page.
//!
//! The JavaScript side runs in `node` (tests/web/stem.mjs). Without node the
//! tests that need it are skipped with a notice, and fail under CI (`CI` set).

mod common;

// The stemmer has no dependency on the rest of the crate, so the test can
// compile it as is and call it directly.
#[allow(dead_code)]
#[path = "../src/view/search/stem.rs"]
mod stem;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;

/// Whether `node` runs; panics under CI when it does not.
fn node_available() -> bool {
    if Command::new("node").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "node is needed under CI to compare the JavaScript stemmer with the Rust one"
    );
    eprintln!("skipping: node is not installed");
    false
}

/// Runs tests/web/stem.mjs with `args`, feeding it `input`; its stdout lines.
fn stem_mjs(args: &[&str], input: &str) -> Vec<String> {
    let mut child = Command::new("node")
        .arg(repo().join("tests/web/stem.mjs"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "stem.mjs failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn words_are_folded_to_lowercase_without_accents() {
    assert_eq!(
        stem::words("Évaluasi PELATIHAN: kursi-tamu, Café"),
        ["evaluasi", "pelatihan", "kursi", "tamu", "cafe"]
    );
    assert_eq!(stem::words("ÀÉÎÕÜ çñ"), ["aeiou", "cn"]);
    assert_eq!(stem::terms("MELATIH dan Pélatihan"), ["latih", "latih"]);
}

/// Every word of the example content, the listed roots, and affixed forms of
/// them: the word list both stemmers are compared on.
fn word_list() -> Vec<String> {
    let mut words = std::collections::BTreeSet::new();
    for (path, bytes) in tree(&repo().join("content")) {
        if path.ends_with(".md") || path.ends_with(".yaml") {
            words.extend(stem::words(&String::from_utf8_lossy(&bytes)));
        }
    }
    let roots: Vec<&str> = stem::ROOTS
        .iter()
        .copied()
        .chain([
            "latih", "baca", "potong", "ajar", "tulis", "susun", "kerja", "olah",
        ])
        .collect();
    let prefixes = [
        "", "di", "ke", "se", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng",
        "peny", "ber", "be", "per", "pel", "ter", "te", "memper", "diper", "keber",
    ];
    let suffixes = [
        "", "i", "kan", "an", "nya", "lah", "kah", "pun", "ku", "mu", "annya",
    ];
    for r in &roots {
        for p in prefixes {
            for s in suffixes {
                words.insert(format!("{p}{r}{s}"));
            }
        }
    }
    for w in [
        "a",
        "ab",
        "abc",
        "meng",
        "peny",
        "ber",
        "te",
        "pelajar",
        "x1y2",
        "mempunyai",
    ] {
        words.insert(w.to_string());
    }
    words.into_iter().collect()
}

#[test]
fn the_javascript_stemmer_agrees_with_the_rust_one() {
    if !node_available() {
        return;
    }
    let words = word_list();
    assert!(words.len() > 5000, "only {} words", words.len());
    let js = stem_mjs(&["stem"], &(words.join("\n") + "\n"));
    assert_eq!(js.len(), words.len(), "one stem per word");
    let differ: Vec<String> = words
        .iter()
        .zip(&js)
        .filter(|(w, j)| stem::stem(w) != **j)
        .map(|(w, j)| format!("{w}: rust {} js {j}", stem::stem(w)))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} words stem differently:\n{}",
        differ.len(),
        words.len(),
        differ[..differ.len().min(40)].join("\n")
    );
}

#[test]
fn the_javascript_folding_agrees_with_the_rust_one() {
    if !node_available() {
        return;
    }
    let texts = [
        "Évaluasi PELATIHAN: kursi-tamu, Café",
        "àáâãäåāăąçćčďèéêëēĕėęěìíîïīĭįıñńňòóôõöøōŏőùúûüūŭůűųýÿśšşźžżŕřĺľłţťđ",
        "ÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĔĖĘĚÌÍÎÏĪĬĮİÑŃŇÒÓÔÕÖØŌŎŐÙÚÛÜŪŬŮŰŲÝŸŚŠŞŹŽŻŔŘĹĽŁŢŤĐ",
        "WBP-2025/0142 Rp 12.500.000 «kutip» ‘a’ ß æ œ Σ 😀 x",
        "Rutan Ruteng — Nusa Tenggara Timur; pelatihan’nya",
    ];
    let js = stem_mjs(&["words"], &(texts.join("\n") + "\n"));
    for (t, j) in texts.iter().zip(&js) {
        assert_eq!(&stem::words(t).join(" "), j, "words of {t:?}");
    }
}

/// The example site with canaries: a draft story, internal notes and a
/// roster entry, each carrying a word that must never reach the index.
fn canary_site() -> tempfile::TempDir {
    let site = site("example");
    set_protect(site.path(), false);
    let root = site.path();
    write(
        root,
        "content/stories/canary-draft.md",
        "---\ntitle: Qzxdraftjudul di kursi\ndate: 2025-12-20\nsummary: Qzxdraftringkas.\ndraft: true\n---\nQzxdraftisi tentang pelatihan kursi.\n",
    );
    let training = root.join("content/trainings/meubel-2025/index.md");
    let text = read(&training);
    let text = text.replacen(
        "internal:\n  notes: >\n",
        "internal:\n  notes: >\n    Qzxinternalcatatan.\n",
        1,
    );
    assert!(
        text.contains("Qzxinternalcatatan"),
        "the internal notes got the canary"
    );
    std::fs::write(&training, text).unwrap();
    let roster = root.join("content/internal/rosters/meubel-2025.yaml");
    let text = read(&roster);
    let first_name = text
        .lines()
        .find_map(|l| {
            l.trim_start()
                .strip_prefix("name: ")
                .or_else(|| l.split("name: ").nth(1))
        })
        .expect("a name on the roster")
        .split([',', '}'])
        .next()
        .unwrap()
        .trim()
        .to_string();
    std::fs::write(&roster, text.replacen(&first_name, "Qzxrosternama Wbp", 1)).unwrap();
    site
}

/// The search index file of a built public site, and its text.
fn index_of(public: &Path) -> (PathBuf, String) {
    let assets = public.join("assets");
    let found: Vec<PathBuf> = std::fs::read_dir(&assets)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("search-index-") && n.ends_with(".js")
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one index in {}: {found:?}",
        assets.display()
    );
    let text = read(&found[0]);
    (found[0].clone(), text)
}

#[test]
fn the_index_holds_public_stories_trainings_and_partners_only() {
    let site = canary_site();
    let out = build_ok(site.path());
    let (_, index) = index_of(&out.join("public"));
    assert!(
        index.starts_with("window.raporSearchIndex={"),
        "{}",
        &index[..80]
    );
    for public in [
        "[\"s\",\"rutan-ruteng-gandeng-mitra\"",
        "[\"t\",\"meubel-2025\",\"Pelatihan Pertukangan dan Meubel\"",
        "[\"t\",\"barbershop-2025\"",
        "[\"p\",\"elite-jaya-meubel\"",
        "[\"p\",\"skb-randong\"",
        "\"latih\":",
        "\"kursi\":",
    ] {
        assert!(index.contains(public), "the index lacks {public}");
    }
    let lower = index.to_lowercase();
    for absent in [
        "qzxdraft",
        "qzxinternal",
        "qzxrosternama",
        // The example's own draft story and draft training.
        "yoga-untuk-kesehatan-mental",
        "yoga di balik tembok",
        "barbershop-lanjutan-2026",
        "canary-draft",
    ] {
        assert!(!lower.contains(absent), "the index shows {absent}");
    }
    // The canaries are real: the internal site shows them.
    let internal = tree(&out.join("internal"));
    for canary in ["Qzxdraftjudul", "Qzxinternalcatatan", "Qzxrosternama"] {
        assert!(
            internal
                .values()
                .any(|b| String::from_utf8_lossy(b).contains(canary)),
            "{canary} is not on the internal site, so this test would not catch it"
        );
    }
}

#[test]
fn the_search_page_is_labelled_and_links_to_files_that_exist() {
    let site = site("example");
    set_protect(site.path(), false);
    let out = build_ok(site.path());
    let public = out.join("public");
    let page = read(&public.join("search/index.html"));
    for needed in [
        "<form role=\"search\"",
        "<label for=\"search-q\">",
        "id=\"search-q\" name=\"q\"",
        "<noscript>",
        "aria-live=\"polite\"",
        "data-kind-s=\"Berita\"",
        "data-kind-t=\"Pelatihan\"",
        "data-kind-p=\"Mitra\"",
        "data-root=\"../\"",
        "aria-current=\"page\">Cari</a>",
    ] {
        assert!(page.contains(needed), "search page lacks {needed}");
    }
    let (index, _) = index_of(&public);
    let index_name = index.file_name().unwrap().to_string_lossy().into_owned();
    assert!(page.contains(&format!("<script src=\"../assets/{index_name}\"></script>")));
    let script = page
        .split("<script src=\"../")
        .nth(2)
        .and_then(|s| s.split('"').next())
        .expect("a second script");
    assert!(script.starts_with("assets/search-") && script.ends_with(".js"));
    assert!(public.join(script).is_file(), "{script} exists");
    // Every public page links to the search page; the internal site has none.
    let home = read(&public.join("index.html"));
    assert!(home.contains("href=\"./search/index.html\""), "nav link");
    let internal_home = read(&out.join("internal/index.html"));
    assert!(!internal_home.contains("search/index.html"));
    assert!(!out.join("internal/search").exists());
}

#[test]
fn an_english_site_gets_english_labels() {
    let site = site("basic");
    let yaml = site.path().join("content/site.yaml");
    std::fs::write(&yaml, read(&yaml).replace("language: id", "language: en")).unwrap();
    let out = build_ok(site.path());
    let page = read(&out.join("public/search/index.html"));
    for needed in [
        "<html lang=\"en\">",
        "<title>Search ·",
        "data-kind-s=\"News\"",
        "data-kind-t=\"Training\"",
        "data-many=\"{n} results for “{q}”.\"",
        ">Search</button>",
    ] {
        assert!(page.contains(needed), "English search page lacks {needed}");
    }
}

#[test]
fn the_index_is_reproducible_and_its_name_follows_its_content() {
    let site = site("basic");
    let first = index_of(&build_ok(site.path()).join("public"));
    let again = index_of(&build_ok(site.path()).join("public"));
    assert_eq!(first, again, "same content, same index and name");
    let story = site.path().join("content/stories/berita.md");
    std::fs::write(
        &story,
        read(&story).replace("Berita Uji", "Berita Uji Baru"),
    )
    .unwrap();
    let changed = index_of(&build_ok(site.path()).join("public"));
    assert_ne!(first.0.file_name(), changed.0.file_name());
    assert!(changed.1.contains("Berita Uji Baru"));
}

#[test]
fn the_javascript_search_finds_word_forms_in_the_built_index() {
    if !node_available() {
        return;
    }
    let site = canary_site();
    let out = build_ok(site.path());
    let (index, _) = index_of(&out.join("public"));
    let index = index.to_string_lossy().into_owned();
    let found = stem_mjs(
        &[
            "search",
            &index,
            "kursi",
            "melatih",
            "Pelatihan Meubel",
            "qzxdraftjudul",
            "yoga",
        ],
        "",
    );
    let [kursi, melatih, both, draft, yoga] = &found[..] else {
        panic!("five lines: {found:?}")
    };
    // A product of the training's outcomes ranks it above the stories that
    // mention chairs in passing.
    assert!(kursi.starts_with("t/meubel-2025 "), "kursi: {kursi}");
    assert!(kursi.contains("p/elite-jaya-meubel"), "kursi: {kursi}");
    for page in [
        "t/meubel-2025",
        "t/barbershop-2025",
        "s/rutan-ruteng-gandeng-mitra",
    ] {
        assert!(melatih.contains(page), "melatih: {melatih}");
    }
    assert!(both.starts_with("t/meubel-"), "a title match first: {both}");
    assert!(draft.is_empty(), "the draft is found: {draft}");
    assert!(yoga.starts_with("t/yoga-2025"), "yoga: {yoga}");
    assert!(
        !yoga.contains("yoga-untuk-kesehatan-mental"),
        "draft story: {yoga}"
    );
}
