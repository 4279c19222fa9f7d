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

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
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

/// The search index of a built public site.
fn index_of(public: &Path) -> SearchFiles {
    search_files(&tree(public))
}

#[test]
fn the_index_holds_public_stories_trainings_and_partners_only() {
    let site = canary_site();
    let out = build_ok(site.path());
    let files = index_of(&out.join("public"));
    let index = files.text();
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
    let index = index_of(&public);
    assert!(page.contains(&format!("<script src=\"../{}\"></script>", index.path)));
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
        "data-failed=\"Part of the search index could not be loaded.",
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
    assert_eq!(
        (&first.path, &first.script, &first.parts),
        (&again.path, &again.script, &again.parts),
        "same content, same index, parts and names"
    );
    let story = site.path().join("content/stories/berita.md");
    std::fs::write(
        &story,
        read(&story).replace("Berita Uji", "Berita Uji Baru"),
    )
    .unwrap();
    let changed = index_of(&build_ok(site.path()).join("public"));
    assert_ne!(first.path, changed.path);
    assert_ne!(first.manifest["parts"], changed.manifest["parts"]);
    assert!(changed.text().contains("Berita Uji Baru"));
}

#[test]
fn the_javascript_search_finds_word_forms_in_the_built_index() {
    if !node_available() {
        return;
    }
    let site = canary_site();
    let out = build_ok(site.path());
    let index = out.join("public").join(index_of(&out.join("public")).path);
    let index = index.to_string_lossy().into_owned();
    let mut found = stem_mjs(
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
    found.pop(); // the parts read
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

#[test]
fn a_word_no_page_holds_does_not_hide_what_the_others_find() {
    if !node_available() {
        return;
    }
    let site = canary_site();
    let out = build_ok(site.path());
    let index = out.join("public").join(index_of(&out.join("public")).path);
    let index = index.to_string_lossy().into_owned();
    let mut found = stem_mjs(
        &[
            "search",
            &index,
            "Pelatihan Meubel",
            "Pelatihan qzxkeliru Meubel",
            "qzxkeliru",
            "qzxkeliru qzxsalah",
        ],
        "",
    );
    found.pop(); // the parts read
    let [right, misspelt, unknown, both_unknown] = &found[..] else {
        panic!("four lines: {found:?}")
    };
    assert!(right.starts_with("t/meubel-"), "{right}");
    assert_eq!(misspelt, right, "a misspelt word among others");
    assert!(unknown.is_empty(), "{unknown}");
    assert!(both_unknown.is_empty(), "{both_unknown}");
}

#[test]
fn a_query_of_several_words_lists_first_the_first_of_all() {
    if !node_available() {
        return;
    }
    let site = canary_site();
    let out = build_ok(site.path());
    let index = out.join("public").join(index_of(&out.join("public")).path);
    let index = index.to_string_lossy().into_owned();
    let queries = [
        "Pelatihan Meubel",
        "pelatihan kursi",
        "kursi meub",
        "pelatihan mitra kerja ",
    ];
    let args: Vec<&str> = ["first", index.as_str()]
        .into_iter()
        .chain(queries)
        .collect();
    let mut lines = stem_mjs(&args, "");
    lines.pop(); // the parts read
    assert_eq!(lines.len(), queries.len());
    for (q, line) in queries.iter().zip(&lines) {
        let [first, all, _files] = line.split(" | ").collect::<Vec<_>>()[..] else {
            panic!("{q:?}: {line}")
        };
        assert!(!first.is_empty(), "{q:?} found nothing");
        assert_eq!(first, all, "{q:?}: the first 4 are not the first 4 of all");
    }
}

/// Bytes of a shard at most, unless it holds one term (as
/// `SHARD_BYTES` in src/view/search/parts.rs).
const SHARD_BYTES: usize = 16 * 1024;

/// A synthetic site of `stories` stories (examples/make_site.rs, which
/// `cargo test` builds next to the binary), built; its public folder.
fn synthetic_site(stories: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(make_site())
        .arg(dir.path())
        .args(["--stories", &stories.to_string(), "--seed", "3"])
        .output()
        .expect("run make_site");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    set_protect(dir.path(), false);
    let public = build_ok(dir.path()).join("public");
    (dir, public)
}

#[test]
fn the_index_is_cut_into_small_shards_that_hold_each_term_once() {
    let (site, public) = synthetic_site(250);
    let index = index_of(&public);
    let firsts: Vec<&str> = index.manifest["shards"]
        .as_array()
        .expect("shards")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(firsts.len() >= 5, "only {} shards", firsts.len());
    assert_eq!(firsts[0], "");
    assert!(firsts.windows(2).all(|w| w[0] < w[1]), "shards in order");
    // The shard search.js looks a term up in: the last that starts at or
    // before it.
    let shard_of = |term: &str| firsts.iter().rposition(|f| *f <= term).unwrap();
    let mut seen = BTreeSet::new();
    for (i, first) in firsts.iter().enumerate() {
        let id = format!("t{i}");
        let bytes = index.parts[&format!("{id}.js")].len();
        let shard = index.part(&id);
        let terms = shard["terms"].as_object().expect("a shard's terms");
        assert!(!terms.is_empty(), "{id} is empty");
        assert!(
            bytes <= SHARD_BYTES || terms.len() == 1,
            "{id}: {bytes} bytes, {} terms",
            terms.len()
        );
        for (term, postings) in terms {
            assert!(postings.is_string(), "{id}: {term}");
            assert_eq!(shard_of(term), i, "{term} is looked up where it is");
            assert!(seen.insert(term.clone()), "{term} is in two shards");
        }
        if i > 0 {
            assert!(terms.contains_key(*first), "{id} starts at {first}");
        }
    }
    for term in ["latih", "kursi"] {
        assert!(seen.contains(term), "no shard holds {term}");
    }
    // The records: `per` a file, every document once, none left over.
    let n = index.manifest["n"].as_u64().unwrap() as usize;
    let per = index.manifest["per"].as_u64().unwrap() as usize;
    let files = n.div_ceil(per);
    let mut records = Vec::new();
    for j in 0..files {
        let list = index.part(&format!("d{j}"));
        let list = list.as_array().expect("records are a list");
        assert!(list.len() == per || j == files - 1, "d{j}: {}", list.len());
        records.extend(list.iter().cloned());
    }
    assert_eq!(records.len(), n);
    // Each term's best documents, with their records as the record files
    // have them: `top` of each, or all it has when fewer.
    let top = index.manifest["top"].as_u64().expect("top") as usize;
    assert_eq!(top, 4, "as many as the page lists first");
    for i in 0..firsts.len() {
        let shard = index.part(&format!("t{i}"));
        let held = shard["records"].as_object().expect("a shard's records");
        for (term, postings) in shard["terms"].as_object().unwrap() {
            let best = shard["top"][term].as_array().expect("a term's top");
            let count = postings
                .as_str()
                .unwrap()
                .bytes()
                .filter(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(b))
                .count();
            assert_eq!(best.len(), count.min(top), "t{i}: {term}");
            for p in best {
                let doc = p.as_u64().unwrap() >> 3;
                assert_eq!(
                    held[&doc.to_string()],
                    records[doc as usize],
                    "t{i}: {term}: {doc}"
                );
            }
        }
    }
    assert_eq!(
        index.parts.len(),
        firsts.len() + files,
        "no other file among the parts: {:?}",
        index.parts.keys().collect::<Vec<_>>()
    );
    // The same content gives the same bytes.
    let again = index_of(&build_ok(site.path()).join("public"));
    assert_eq!(
        (&index.path, &index.script, &index.parts),
        (&again.path, &again.script, &again.parts)
    );
}

#[test]
fn a_query_reads_only_the_parts_it_needs() {
    if !node_available() {
        return;
    }
    let (_site, public) = synthetic_site(400);
    let index = index_of(&public);
    // The longest word of a story's title, searched for: the story is
    // found, and one shard or two (the word's, and the next when the terms
    // it begins run on into it) and the records of the results are read.
    let story = std::fs::read_dir(public.join("stories"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html" && !n.starts_with("page"))
        .min()
        .expect("a story");
    let page = read(&public.join("stories").join(&story).join("index.html"));
    let title = page
        .split("<h1>")
        .nth(1)
        .and_then(|t| t.split("</h1>").next())
        .expect("the story's title")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let script = public.join(&index.path).to_string_lossy().into_owned();
    let word = title
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .unwrap()
        .to_string();
    let found = stem_mjs(&["search", &script, &word], "");
    let [results, read] = &found[..] else {
        panic!("two lines: {found:?}")
    };
    assert!(
        results.split(' ').any(|r| r == format!("s/{story}")),
        "{word:?} of {title:?} does not find s/{story}: {results}"
    );
    let shards = index.manifest["shards"].as_array().unwrap().len();
    let read: Vec<&str> = read.split(' ').collect();
    let terms = read.iter().filter(|p| p.starts_with('t')).count();
    let records = read.iter().filter(|p| p.starts_with('d')).count();
    assert!(
        (1..=2).contains(&terms) && shards >= 5,
        "read {terms} of {shards} shards: {read:?}"
    );
    let listed = results.split(' ').count();
    assert!(
        records >= 1 && records <= listed,
        "{records} record files for {listed} results"
    );
    let unique: BTreeSet<&&str> = read.iter().collect();
    assert_eq!(unique.len(), read.len(), "a part is read once: {read:?}");
}

#[test]
fn a_one_word_query_lists_its_first_results_from_its_shard_in_the_order_of_all() {
    if !node_available() {
        return;
    }
    let (_site, public) = synthetic_site(400);
    let index = index_of(&public);
    let shards = index.manifest["shards"].as_array().unwrap().len();
    let mut terms = Vec::new();
    for i in 0..shards {
        let shard = index.part(&format!("t{i}"));
        terms.extend(shard["terms"].as_object().unwrap().keys().cloned());
    }
    // Each term as a word typed (which also matches longer terms it
    // begins) and as a word done, and the first three letters of each.
    let mut queries: Vec<String> = terms.clone();
    queries.extend(terms.iter().map(|t| format!("{t} ")));
    let prefixes: BTreeSet<String> = terms
        .iter()
        .filter(|t| t.len() > 3)
        .map(|t| t[..3].to_string())
        .collect();
    queries.extend(prefixes);
    let script = public.join(&index.path).to_string_lossy().into_owned();
    let args: Vec<&str> = std::iter::once("first")
        .chain(std::iter::once(script.as_str()))
        .chain(queries.iter().map(String::as_str))
        .collect();
    let mut lines = stem_mjs(&args, "");
    lines.pop(); // the parts read
    assert_eq!(lines.len(), queries.len());
    let mut full = 0;
    for (q, line) in queries.iter().zip(&lines) {
        let [first, all, files] = line.split(" | ").collect::<Vec<_>>()[..] else {
            panic!("{q:?}: {line}")
        };
        assert_eq!(
            first, all,
            "{q:?}: the first 4 listed are not the first 4 of all"
        );
        assert_eq!(files, "0", "{q:?}: record files read for the first 4");
        full += usize::from(first.split(' ').count() == 4);
    }
    assert!(
        full > queries.len() / 2,
        "only {full} of {} queries have 4 results",
        queries.len()
    );
}
