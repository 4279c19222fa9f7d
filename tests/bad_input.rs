//! Stage 8, items 2 and 8: bad input gets a clear error, never a wrong site,
//! and no internal file is ever published. Each case breaks the valid
//! `basic` fixture after a first good build; the build must then exit
//! non-zero with a message naming the place, and leave `output/` exactly as
//! the good build wrote it (compared by a hash of the whole tree).

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

/// How a case breaks the site.
enum Edit {
    /// Replace the first occurrence of `from` with `to` in a file.
    Replace(&'static str, &'static str, &'static str),
    /// Write a file (relative to the site folder).
    Write(&'static str, Bytes),
}
use Edit::*;

/// Bytes of a planted file.
#[derive(Clone, Copy)]
enum Bytes {
    Literal(&'static [u8]),
    /// The first `n` bytes of a real camera-sized JPEG of the example site.
    JpegCut(usize),
    /// The JPEG's first 1,000 bytes (its header), then noise.
    JpegThenGarbage,
    /// A copy of the public fixture photo `content/trainings/foto.jpg`.
    SameAsPublicPhoto,
}

struct Case {
    name: &'static str,
    edits: &'static [Edit],
    /// Every fragment must appear in stderr (`--lang en`).
    says: &'static [&'static str],
}

const BIG_JPEG: &str = "content/trainings/barbershop-2025/barbershop-1.jpg";

const CASES: &[Case] = &[
    // ---- item 8: images that do not decode completely
    Case {
        name: "a JPEG cut at half its length",
        edits: &[Write("content/trainings/foto.jpg", Bytes::JpegCut(40_000))],
        says: &["content/trainings/foto.jpg: error:", "truncated"],
    },
    Case {
        name: "a JPEG missing only its last bytes",
        edits: &[Write("content/trainings/foto.jpg", Bytes::JpegCut(83_100))],
        says: &["content/trainings/foto.jpg: error:", "truncated"],
    },
    Case {
        name: "a JPEG header followed by garbage",
        edits: &[Write("content/trainings/foto.jpg", Bytes::JpegThenGarbage)],
        says: &["content/trainings/foto.jpg: error:", "JPEG"],
    },
    Case {
        name: "a zero-length photo",
        edits: &[Write("content/trainings/foto.jpg", Bytes::Literal(b""))],
        says: &["content/trainings/foto.jpg: error:", "empty"],
    },
    // ---- item 8: sums that overflow
    Case {
        name: "money summed past the largest total",
        edits: &[
            Replace(
                "content/trainings/jahit-1/index.md",
                "cost: { partner_contribution_idr: 500000 }",
                "cost: { state_budget_idr: 5, partner_contribution_idr: 500000 }",
            ),
            Replace(
                "content/trainings/las-1.md",
                "state_budget_idr: 1000000",
                "state_budget_idr: 18446744073709551615",
            ),
        ],
        says: &[
            "content/trainings/las-1.md:13:",
            "`cost.state_budget_idr` (18446744073709551615)",
            "too large",
        ],
    },
    Case {
        name: "product units summed past the largest total",
        edits: &[
            Replace(
                "content/outcomes/las-1.yaml",
                "quantity: 3, unit_value_idr: 150000",
                "quantity: 18446744073709551615, unit_value_idr: 0",
            ),
            Replace(
                "content/outcomes/las-1.yaml",
                "quantity: 2, unit_value_idr: 250000",
                "quantity: 2, unit_value_idr: 0",
            ),
        ],
        says: &[
            "content/outcomes/las-1.yaml:8:",
            "`products[2].quantity` (2)",
            "too large",
        ],
    },
    // ---- item 8: YAML the officer typed
    Case {
        name: "a tab used for indentation",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "cost: { state_budget_idr: 1000000, partner_contribution_idr: 2500000 }",
            "cost:\n\tstate_budget_idr: 1000000",
        )],
        says: &["content/trainings/las-1.md:14:1:", "indented with a tab"],
    },
    Case {
        name: "a count too large for its field",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "hours: 40",
            "hours: 99999999999",
        )],
        says: &[
            "content/trainings/las-1.md:9:",
            "`hours`: the number 99999999999 is too large for this field; the most it can hold is 4294967295",
        ],
    },
    Case {
        name: "money too large for any field",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "state_budget_idr: 1000000",
            "state_budget_idr: 99999999999999999999999",
        )],
        says: &[
            "content/trainings/las-1.md:13:",
            "the number 99999999999999999999999 is too large",
        ],
    },
    // ---- item 2: internal files for public use
    Case {
        name: "a cover in content/internal/ through ..",
        edits: &[
            Write("content/internal/photos/x.jpg", Bytes::JpegCut(usize::MAX)),
            Replace(
                "content/stories/berita.md",
                "tags: [uji]\n",
                "tags: [uji]\ncover: { src: ../internal/photos/x.jpg, alt: Sampul, public: true }\n",
            ),
        ],
        says: &[
            "content/stories/berita.md:10:",
            "`cover.src`: the photo `content/internal/photos/x.jpg` is in `content/internal/`",
        ],
    },
    Case {
        name: "a cover in content/internal/ through internal/../internal",
        edits: &[
            Write("content/internal/x.jpg", Bytes::JpegCut(usize::MAX)),
            Replace(
                "content/stories/berita.md",
                "tags: [uji]\n",
                "tags: [uji]\ncover: { src: ./../internal/../internal/x.jpg, alt: Sampul, public: true }\n",
            ),
        ],
        says: &[
            "content/stories/berita.md:10:",
            "the photo `content/internal/x.jpg` is in `content/internal/`",
        ],
    },
    Case {
        name: "a training photo in content/internal/ with backslashes",
        edits: &[
            Write("content/internal/x.jpg", Bytes::JpegCut(usize::MAX)),
            Replace(
                "content/trainings/las-1.md",
                "src: foto.jpg",
                "src: '..\\internal\\x.jpg'",
            ),
        ],
        says: &[
            "content/trainings/las-1.md:15:",
            "`photos[1].src`: the photo `content/internal/x.jpg` is in `content/internal/`",
        ],
    },
    Case {
        name: "a partner logo in a folder named INTERNAL",
        edits: &[
            Write("content/INTERNAL/logo.png", Bytes::Literal(b"")),
            Replace(
                "content/partners/mitra-a.yaml",
                "logo: mitra-a.png",
                "logo: ../INTERNAL/logo.png",
            ),
        ],
        says: &[
            "content/partners/mitra-a.yaml:5:",
            "`logo.src`: the photo `content/INTERNAL/logo.png` is in `content/internal/`",
        ],
    },
    Case {
        name: "a cover in Internal/ that the listing spells internal/",
        edits: &[
            Write("content/internal/x.jpg", Bytes::JpegCut(usize::MAX)),
            Replace(
                "content/stories/berita.md",
                "tags: [uji]\n",
                "tags: [uji]\ncover: { src: ../Internal/x.jpg, alt: Sampul, public: true }\n",
            ),
        ],
        says: &[
            "content/stories/berita.md:10:",
            "the photo `content/Internal/x.jpg` is in `content/internal/`",
        ],
    },
    Case {
        name: "a cover by absolute path",
        edits: &[
            Write("content/internal/x.jpg", Bytes::JpegCut(usize::MAX)),
            Replace(
                "content/stories/berita.md",
                "tags: [uji]\n",
                "tags: [uji]\ncover: { src: /content/internal/x.jpg, alt: Sampul, public: true }\n",
            ),
        ],
        says: &[
            "content/stories/berita.md:10:",
            "points outside the `content` folder",
        ],
    },
    Case {
        name: "an image of a public story body in content/internal/",
        edits: &[
            Write("content/internal/x.jpg", Bytes::JpegCut(usize::MAX)),
            Replace(
                "content/stories/berita.md",
                "Isi berita.",
                "Isi berita.\n\n![foto](../internal/x.jpg)\n\n<p><img alt=\"b\" src='../internal/x.jpg'></p>",
            ),
        ],
        says: &[
            "content/stories/berita.md:13:1: error: the image `../internal/x.jpg` points to `content/internal/x.jpg`",
            "content/stories/berita.md:15:1: error: the image `../internal/x.jpg`",
        ],
    },
    Case {
        name: "the same photo file public in one training and private in another",
        edits: &[Replace(
            "content/trainings/jahit-1/index.md",
            "{ src: private.jpg",
            "{ src: ../foto.jpg",
        )],
        says: &[
            "content/trainings/las-1.md:15:3: error: `photos[1]`: the photo `content/trainings/foto.jpg` is public here, but content/trainings/jahit-1/index.md:12:3 `photos[2]` marks it without consent",
        ],
    },
    Case {
        name: "the same bytes public under one name and private under another",
        edits: &[Write(
            "content/trainings/jahit-1/private.jpg",
            Bytes::SameAsPublicPhoto,
        )],
        says: &[
            "content/trainings/las-1.md:15:3: error: `photos[1]`: the photo `content/trainings/foto.jpg` is public, but it is the very same picture as `content/trainings/jahit-1/private.jpg`, marked without consent for publication at content/trainings/jahit-1/index.md:12:3 `photos[2]`",
        ],
    },
    Case {
        name: "the same bytes public and kept in content/internal/",
        edits: &[Write(
            "content/internal/originals/las.jpg",
            Bytes::SameAsPublicPhoto,
        )],
        says: &[
            "content/trainings/las-1.md:15:3:",
            "the very same picture as `content/internal/originals/las.jpg`, which is kept in `content/internal/`",
        ],
    },
];

fn bytes_of(site: &Path, b: Bytes) -> Vec<u8> {
    let jpeg = || std::fs::read(repo().join(BIG_JPEG)).expect("example JPEG");
    match b {
        Bytes::Literal(b) => b.to_vec(),
        Bytes::JpegCut(n) => {
            let j = jpeg();
            j[..n.min(j.len())].to_vec()
        }
        Bytes::JpegThenGarbage => {
            let mut j = jpeg()[..1000].to_vec();
            j.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8));
            j
        }
        Bytes::SameAsPublicPhoto => std::fs::read(site.join("content/trainings/foto.jpg")).unwrap(),
    }
}

fn apply(site: &Path, edits: &[Edit]) {
    for e in edits {
        match e {
            Replace(file, from, to) => {
                let p = site.join(file);
                let text = read(&p);
                assert!(text.contains(from), "{file} has {from:?}");
                std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
            }
            Write(file, b) => {
                let bytes = bytes_of(site, *b);
                let p = site.join(file);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, bytes).unwrap();
            }
        }
    }
}

/// One hash of every file of a tree, names and bytes.
fn tree_hash(dir: &Path) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    for (name, bytes) in tree(dir) {
        h.update(name.as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    h.finalize()
}

/// After a first good build, applies `edits` and runs `run`: the run must
/// fail (exit 1, no panic) and leave `output/` untouched. Returns its output,
/// or what went wrong.
fn try_fails_keeping_output(
    site: &Path,
    edits: &[Edit],
    run: impl Fn(&Path) -> Output,
) -> Result<Output, String> {
    let out = site.join("output");
    let before = tree_hash(&out);
    assert!(tree(&out).len() > 10, "the first build wrote a site");
    apply(site, edits);
    let o = run(site);
    let err = stderr(&o);
    if o.status.code() != Some(1) {
        return Err(format!(
            "the build must fail with exit 1, got {:?}:\n{err}",
            o.status
        ));
    }
    if err.contains("panicked") {
        return Err(format!("panic:\n{err}"));
    }
    if tree_hash(&out) != before {
        return Err("output/ was changed".into());
    }
    Ok(o)
}

fn fails_keeping_output(site: &Path, edits: &[Edit], run: impl Fn(&Path) -> Output) -> Output {
    try_fails_keeping_output(site, edits, run).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_bad_input_is_refused_with_its_place_and_keeps_the_output() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = site("basic");
        build_ok(site.path());
        let o = match try_fails_keeping_output(site.path(), case.edits, |s| rapor(s, &["build"])) {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!("{}: {e}", case.name));
                continue;
            }
        };
        let err = stderr(&o);
        for s in case.says {
            if !err.contains(s) {
                failures.push(format!("{}: expected {s:?} in\n{err}", case.name));
            }
        }
        // Plain words: no Rust type names, no serde wording.
        for word in [
            "u32",
            "u64",
            "i64",
            "u128",
            "invalid value: integer",
            "as u128",
        ] {
            if err.contains(word) {
                failures.push(format!("{}: the message says {word:?}:\n{err}", case.name));
            }
        }
        // `check` refuses the same input.
        let c = rapor(site.path(), &["check"]);
        if c.status.success() {
            failures.push(format!("{}: `check` passed", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The Indonesian messages of a few cases (the site's own language).
#[test]
fn the_messages_are_indonesian_by_default() {
    let cases: [(&[Edit], &str); 4] = [
        (
            &[Replace(
                "content/trainings/las-1.md",
                "cost: { state_budget_idr: 1000000, partner_contribution_idr: 2500000 }",
                "cost:\n\tstate_budget_idr: 1000000",
            )],
            "content/trainings/las-1.md:14:1: galat: baris ini menjorok dengan karakter tab",
        ),
        (
            &[Replace(
                "content/trainings/las-1.md",
                "hours: 40",
                "hours: 99999999999",
            )],
            "angka 99999999999 terlalu besar untuk kolom ini; paling besar 4294967295",
        ),
        (
            &[Write("content/trainings/foto.jpg", Bytes::JpegCut(40_000))],
            "content/trainings/foto.jpg: galat: foto JPEG ini rusak atau terpotong",
        ),
        (
            &[
                Write("content/internal/x.jpg", Bytes::JpegCut(usize::MAX)),
                Replace(
                    "content/stories/berita.md",
                    "tags: [uji]\n",
                    "tags: [uji]\ncover: { src: ../internal/x.jpg, alt: Sampul, public: true }\n",
                ),
            ],
            "ada di folder `content/internal/`, yang tidak pernah terbit",
        ),
    ];
    for (edits, says) in cases {
        let site = site("basic");
        build_ok(site.path());
        let o = fails_keeping_output(site.path(), edits, |s| rapor_native(s, &["build"]));
        assert!(stderr(&o).contains(says), "{says:?} in\n{}", stderr(&o));
    }
}

/// Regression: a truncated JPEG that an older rapor cached (it was padded
/// with grey and accepted) must not be taken from the cache, even when the
/// file has not changed since.
#[test]
fn a_truncated_jpeg_is_refused_even_when_its_file_is_unchanged_and_cached() {
    let site = site("basic");
    let cut = bytes_of(site.path(), Bytes::JpegCut(40_000));
    std::fs::write(site.path().join("content/trainings/foto.jpg"), &cut).unwrap();
    // What an older rapor left: an index of other settings naming this file.
    let photo = site.path().join("content/trainings/foto.jpg");
    let meta = std::fs::metadata(&photo).unwrap();
    let mtime = meta
        .modified()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let index = format!(
        r#"{{"photos":{{"trainings/foto.jpg":{{"size":{},"mtime_ns":{mtime},"key":"0123456789abcdef0123","width":1200,"height":800,"ext":"jpg"}}}}}}"#,
        meta.len()
    );
    let cache = site.path().join(".rapor-cache/photos");
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::write(cache.join("index.json"), index).unwrap();
    for w in [480, 960, 1200] {
        std::fs::write(cache.join(format!("0123456789abcdef0123-{w}.jpg")), b"x").unwrap();
    }
    let o = rapor(site.path(), &["build"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o)
            .contains("content/trainings/foto.jpg: error: this JPEG photo is damaged or truncated")
    );
}

/// A CSV cell a spreadsheet would run as a formula starts with `'`, in every
/// CSV of both sites; figures rapor counted stay numbers.
#[test]
fn formula_text_in_csv_exports_is_written_as_text() {
    let site = site("basic");
    let s = site.path();
    let planted = [
        (
            "content/trainings/las-1.md",
            "title: Las Listrik Dasar",
            "title: '=HYPERLINK(\"http://evil.example\",\"klik\")'",
            "=HYPERLINK(\"http://evil.example\",\"klik\")",
        ),
        (
            "content/partners/mitra-a.yaml",
            "name: Mitra A",
            "name: '@SUM(1)'",
            "@SUM(1)",
        ),
        (
            "content/site.yaml",
            "las: Las Listrik",
            "las: \"+cmd|' /C calc'!A0\"",
            "+cmd|' /C calc'!A0",
        ),
        (
            "content/trainings/las-1.md",
            "cycle: 2025-10",
            "cycle: '-2+3'",
            "-2+3",
        ),
    ];
    for (file, from, to, _) in planted {
        let p = s.join(file);
        let text = read(&p);
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    }
    build_ok(s);
    let mut seen = std::collections::BTreeSet::new();
    for csv in [
        "output/public/data/trainings.csv",
        "output/public/data/stats.csv",
        "output/internal/data/trainings.csv",
        "output/internal/data/stats.csv",
    ] {
        let text = read(&s.join(csv));
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        for record in reader.records() {
            let record = record.unwrap();
            for (header, cell) in headers.iter().zip(record.iter()) {
                for (_, _, _, value) in planted {
                    if cell.trim_start_matches('\'') == value {
                        assert_eq!(cell, format!("'{value}"), "{csv} {header}");
                        seen.insert(value);
                    }
                }
                let figure = matches!(header, "value" | "hours" | "participants" | "certificates");
                if figure {
                    assert!(
                        cell.is_empty() || cell.bytes().all(|b| b.is_ascii_digit()),
                        "{csv} {header}: {cell:?} stays a plain number"
                    );
                } else {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{csv} {header}: {cell:?} could run as a formula"
                    );
                }
            }
        }
        assert!(
            text.contains("\"'"),
            "{csv}: a planted value is quoted with a leading '"
        );
    }
    // Proof that every planted value reached a CSV.
    assert_eq!(seen.len(), planted.len(), "planted values seen: {seen:?}");
}

/// The internal site of the fixture, protected, built once with a good
/// passphrase; then a bad one must fail and keep that output.
#[test]
fn a_passphrase_of_spaces_or_not_text_is_refused_in_plain_words() {
    let site = site("basic");
    let s = site.path();
    set_protect(s, true);
    let good = rapor_with(s, &["build"], Some("korek api di dalam saku"));
    assert!(good.status.success(), "{}", stderr(&good));
    let o = fails_keeping_output(s, &[], |s| {
        rapor_with(s, &["build"], Some("                "))
    });
    assert!(
        stderr(&o).contains("RAPOR_INTERNAL_PASSPHRASE: error: the passphrase is only spaces"),
        "{}",
        stderr(&o)
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let o = fails_keeping_output(s, &[], |s| {
            std::process::Command::new(env!("CARGO_BIN_EXE_rapor"))
                .args(["build", "--lang", "en", "--site"])
                .arg(s)
                .env_remove("SOURCE_DATE_EPOCH")
                .env(
                    "RAPOR_INTERNAL_PASSPHRASE",
                    std::ffi::OsString::from_vec(b"korek api \xff\xfe di saku".to_vec()),
                )
                .output()
                .unwrap()
        });
        let err = stderr(&o);
        assert!(
            err.contains("the passphrase is not valid text") && !err.contains("0 characters"),
            "{err}"
        );
    }
}

/// Invisible characters are no passphrase, and one with a space at an end
/// is refused rather than trimmed (trimming would change the key).
#[test]
fn a_passphrase_of_invisible_characters_or_with_spaces_at_its_ends_is_refused() {
    let site = site("basic");
    let s = site.path();
    set_protect(s, true);
    let good = rapor_with(s, &["build"], Some("korek api di dalam saku"));
    assert!(good.status.success(), "{}", stderr(&good));
    let blank = "the passphrase is only spaces or invisible characters";
    let edge = "the passphrase starts or ends with a space";
    let zero_width_padded = format!("ab{}c", "\u{200B}".repeat(12));
    for (passphrase, says) in [
        ("\u{200B}".repeat(12), blank),
        ("\u{FEFF}".repeat(12), blank),
        ("\u{2060}\u{200C}\u{200D}\u{00AD}".repeat(4), blank),
        (" \u{3000}\u{00A0}".repeat(5), blank),
        (" korek api di dalam saku".into(), edge),
        ("korek api di dalam saku\t".into(), edge),
        ("korek api di dalam saku\u{200B}".into(), edge),
        (zero_width_padded, "the passphrase has 3 characters"),
    ] {
        let o = fails_keeping_output(s, &[], |s| rapor_with(s, &["build"], Some(&passphrase)));
        assert!(
            stderr(&o).contains(&format!("RAPOR_INTERNAL_PASSPHRASE: error: {says}")),
            "{passphrase:?}: {}",
            stderr(&o)
        );
    }
}

/// Every symbolic link under `content/` is an error naming it: a linked
/// story bundle, a dangling link to a Markdown file, a linked photo. None is
/// followed, for a link can lead out of `content/` or into `internal/`.
#[cfg(unix)]
#[test]
fn every_symbolic_link_under_content_is_named_as_such() {
    use std::os::unix::fs::symlink;
    let site = site("basic");
    let s = site.path();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(elsewhere.path().join("bundle")).unwrap();
    std::fs::write(
        elsewhere.path().join("bundle/index.md"),
        "---\ntitle: X\ndate: 2025-01-01\n---\nx\n",
    )
    .unwrap();
    symlink(
        elsewhere.path().join("bundle"),
        s.join("content/stories/bundle"),
    )
    .unwrap();
    symlink("nowhere.md", s.join("content/stories/dangling.md")).unwrap();
    symlink("../trainings/foto.jpg", s.join("content/stories/foto.jpg")).unwrap();
    for lang in ["en", "id"] {
        let o = rapor_native(s, &["check", "--lang", lang]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        for link in ["bundle", "dangling.md", "foto.jpg"] {
            let place = format!("content/stories/{link}: ");
            let line = err
                .lines()
                .find(|l| l.starts_with(&place))
                .unwrap_or_else(|| panic!("{link} not named in\n{err}"));
            let says = if lang == "en" {
                "is a symbolic link; rapor does not follow links"
            } else {
                "adalah tautan simbolik"
            };
            assert!(line.contains(says), "{line}");
        }
    }
}

/// A theme's template syntax error names the template's file and line, and
/// says "error" once.
#[test]
fn a_template_syntax_error_names_its_file_and_line() {
    let site = site("basic");
    write(
        site.path(),
        "themes/default/templates/story.html",
        "<p>\n{{ broken( }}\n",
    );
    let out = rapor(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "themes/default/templates/story.html: error: a template syntax error at line 2, column"
        ),
        "{err}"
    );
    assert!(!err.contains("error: error"), "{err}");
}

/// A photo that is a symbolic link into `content/internal/` is never read
/// for the public site.
#[cfg(unix)]
#[test]
fn a_photo_linked_into_internal_is_refused() {
    let site = site("basic");
    let s = site.path();
    build_ok(s);
    std::fs::create_dir_all(s.join("content/internal/p")).unwrap();
    std::fs::copy(
        repo().join(BIG_JPEG),
        s.join("content/internal/p/secret.jpg"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        "../../internal/p/secret.jpg",
        s.join("content/stories/link.jpg"),
    )
    .unwrap();
    let o = fails_keeping_output(
        s,
        &[Replace(
            "content/stories/berita.md",
            "tags: [uji]\n",
            "tags: [uji]\ncover: { src: link.jpg, alt: Sampul, public: true }\n",
        )],
        |s| rapor(s, &["build"]),
    );
    assert!(
        stderr(&o).contains("content/stories/berita.md:10:"),
        "{}",
        stderr(&o)
    );
}
