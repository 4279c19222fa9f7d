//! Broken input, one case per kind of mistake: `check` and `build` both exit
//! 1 with a message naming the file (and line), never panic, and a failed
//! build leaves the previous output byte-identical.

mod common;

use common::*;

/// How a case breaks the valid `basic` fixture.
enum Edit {
    /// Replace the first occurrence of `from` with `to` in a file.
    Replace(&'static str, &'static str, &'static str),
    /// Write a file (relative to the site folder).
    Write(&'static str, &'static [u8]),
    Remove(&'static str),
}
use Edit::*;

struct Case {
    name: &'static str,
    edits: &'static [Edit],
    /// `content/<path>:<line>:` or just `content/<path>` where the whole file is meant.
    place: &'static str,
    /// A fragment of the message.
    says: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "yaml syntax error in front matter",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "location: Bengkel",
            "location: [Bengkel",
        )],
        place: "content/trainings/las-1.md:10:",
        says: "",
    },
    Case {
        name: "yaml syntax error in a plain yaml file",
        edits: &[Replace(
            "content/outcomes/las-1.yaml",
            "assessed: 9",
            "assessed: 9: 9",
        )],
        place: "content/outcomes/las-1.yaml:3:",
        says: "",
    },
    Case {
        name: "unknown field with a suggestion",
        edits: &[Replace(
            "content/partners/mitra-a.yaml",
            "description:",
            "descripton:",
        )],
        place: "content/partners/mitra-a.yaml:3:",
        says: "unknown field `descripton` — did you mean `description`?",
    },
    Case {
        name: "missing required field",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "title: Las Listrik Dasar\n",
            "",
        )],
        place: "content/trainings/las-1.md:2:",
        says: "`title` is required",
    },
    Case {
        name: "text where a number belongs",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "participants: 10",
            "participants: sepuluh",
        )],
        place: "content/trainings/las-1.md:12:",
        says: "expected a whole number",
    },
    Case {
        name: "impossible date",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "start: 2025-10-01",
            "start: 2025-02-30",
        )],
        place: "content/trainings/las-1.md:7:",
        says: "`start` must be a date written YYYY-MM-DD",
    },
    Case {
        name: "date in the wrong order of parts",
        edits: &[Replace(
            "content/stories/berita.md",
            "date: 2025-11-10",
            "date: 10-11-2025",
        )],
        place: "content/stories/berita.md:3:",
        says: "YYYY-MM-DD",
    },
    Case {
        name: "end before start",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "end: 2025-10-31",
            "end: 2025-09-30",
        )],
        place: "content/trainings/las-1.md:8:",
        says: "`end` (2025-09-30) is before `start` (2025-10-01)",
    },
    Case {
        name: "end missing on a completed training",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "end: 2025-10-31\n",
            "",
        )],
        place: "content/trainings/las-1.md:2:",
        says: "`end` is required unless `status` is planned",
    },
    Case {
        name: "unknown status",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "status: completed",
            "status: complete",
        )],
        place: "content/trainings/las-1.md:11:",
        says: "did you mean `completed`?",
    },
    Case {
        name: "unknown partner kind",
        edits: &[Replace(
            "content/partners/mitra-a.yaml",
            "kind: government",
            "kind: pemerintah",
        )],
        place: "content/partners/mitra-a.yaml:2:",
        says: "use one of: government, business, ngo, education, community, other",
    },
    Case {
        name: "skill that site.yaml does not list",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "skill: las",
            "skill: las-listrik",
        )],
        place: "content/trainings/las-1.md:3:",
        says: "`skill` names the skill (a key of `skills` in site.yaml) `las-listrik`, which does not exist",
    },
    Case {
        name: "unknown partner reference",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "[mitra-a, mitra-b]",
            "[mitra-a, mitra-c]",
        )],
        place: "content/trainings/las-1.md:6:",
        says: "`partners[2]` names the partner `mitra-c`, which does not exist (did you mean `mitra-a`?)",
    },
    Case {
        name: "unknown programme reference",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "programme: prog",
            "programme: program",
        )],
        place: "content/trainings/las-1.md:5:",
        says: "names the programme `program`, which does not exist",
    },
    Case {
        name: "outcome of an unknown training",
        edits: &[Replace(
            "content/outcomes/jahit-1.yaml",
            "training: jahit-1",
            "training: jahit-2",
        )],
        place: "content/outcomes/jahit-1.yaml:1:",
        says: "names the training `jahit-2`, which does not exist",
    },
    Case {
        name: "unknown certifier",
        edits: &[Replace(
            "content/outcomes/las-1.yaml",
            "certifier: mitra-a",
            "certifier: bnsp",
        )],
        place: "content/outcomes/las-1.yaml:5:",
        says: "`certifier` names the partner `bnsp`",
    },
    Case {
        name: "story naming an unknown training",
        edits: &[Replace(
            "content/stories/berita.md",
            "[las-1, las-draft]",
            "[las-1, las-9]",
        )],
        place: "content/stories/berita.md:7:",
        says: "`trainings[2]` names the training `las-9`",
    },
    Case {
        name: "more certified than assessed",
        edits: &[Replace(
            "content/outcomes/las-1.yaml",
            "certified: 8",
            "certified: 12",
        )],
        place: "content/outcomes/las-1.yaml:4:",
        says: "`certified` (12) is more than `assessed` (9)",
    },
    Case {
        name: "more assessed than participants",
        edits: &[Replace(
            "content/outcomes/las-1.yaml",
            "assessed: 9",
            "assessed: 11",
        )],
        place: "content/outcomes/las-1.yaml:3:",
        says: "`assessed` (11) is more than the 10 participants of training `las-1`",
    },
    Case {
        name: "participants disagree with the roster",
        edits: &[Replace(
            "content/trainings/jahit-1/index.md",
            "hours: 20",
            "hours: 20\nparticipants: 4",
        )],
        place: "content/trainings/jahit-1/index.md:9:",
        says: "`participants` is 4 but the roster `content/internal/rosters/jahit-1.yaml` lists 3",
    },
    Case {
        name: "certified count disagrees with the roster",
        edits: &[Replace(
            "content/outcomes/jahit-1.yaml",
            "certified: 2",
            "certified: 3",
        )],
        place: "content/outcomes/jahit-1.yaml:4:",
        says: "marks 2 participants `certified: true`",
    },
    Case {
        name: "negative money",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "state_budget_idr: 1000000",
            "state_budget_idr: -5",
        )],
        place: "content/trainings/las-1.md:13:",
        says: "`cost.state_budget_idr`: wrong kind of value: found the number `-5`, expected a whole number, 0 or more",
    },
    Case {
        name: "photo that does not exist",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "src: foto.jpg",
            "src: fotoo.jpg",
        )],
        place: "content/trainings/las-1.md:15:",
        says: "the photo `content/trainings/fotoo.jpg` does not exist",
    },
    Case {
        name: "photo outside content",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "src: foto.jpg",
            "src: ../../foto.jpg",
        )],
        place: "content/trainings/las-1.md:15:",
        says: "points outside the `content` folder",
    },
    Case {
        name: "public photo without alt text",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "alt: Percikan las di bengkel, ",
            "",
        )],
        place: "content/trainings/las-1.md:15:",
        says: "is public but has no `alt` text",
    },
    Case {
        name: "corrupt photo",
        edits: &[Write(
            "content/trainings/foto.jpg",
            b"\xff\xd8\xff\xe0 not really a jpeg",
        )],
        place: "content/trainings/foto.jpg",
        says: "damaged",
    },
    Case {
        name: "empty photo",
        edits: &[Write("content/trainings/foto.jpg", b"")],
        place: "content/trainings/foto.jpg",
        says: "empty (0 bytes)",
    },
    Case {
        name: "png named jpg is fine but text named jpg is not",
        edits: &[Write("content/trainings/foto.jpg", b"just some text")],
        place: "content/trainings/foto.jpg",
        says: "not a JPEG or PNG photo",
    },
    Case {
        name: "invalid id in a file name",
        edits: &[Write(
            "content/stories/Berita_Lain.md",
            b"---\ntitle: X\ndate: 2025-01-01\n---\n",
        )],
        place: "content/stories/Berita_Lain.md",
        says: "`Berita_Lain` is not a valid id",
    },
    Case {
        name: "same id as a file and as a bundle",
        edits: &[Write(
            "content/trainings/las-1/index.md",
            b"---\ntitle: X\n---\n",
        )],
        place: "content/trainings/las-1.md",
        says: "another training with id `las-1` is already defined in `content/trainings/las-1/index.md`",
    },
    Case {
        name: "file that is not UTF-8",
        edits: &[Write(
            "content/partners/mitra-b.yaml",
            b"name: Mitra \xe9\n",
        )],
        place: "content/partners/mitra-b.yaml:1:13:",
        says: "not UTF-8 text",
    },
    Case {
        name: "markdown without front matter",
        edits: &[Write(
            "content/stories/berita.md",
            b"title: Berita\n\nIsi.\n",
        )],
        place: "content/stories/berita.md:1:",
        says: "must start with a line `---`",
    },
    Case {
        name: "front matter never closed",
        edits: &[Write(
            "content/stories/berita.md",
            b"---\ntitle: Berita\ndate: 2025-01-01\n",
        )],
        place: "content/stories/berita.md:1:",
        says: "never closed",
    },
    Case {
        name: "empty record file",
        edits: &[Write("content/partners/mitra-b.yaml", b"")],
        place: "content/partners/mitra-b.yaml:1:",
        says: "`name` is required",
    },
    Case {
        name: "a list where a mapping belongs",
        edits: &[Write("content/partners/mitra-b.yaml", b"- name: Mitra B\n")],
        place: "content/partners/mitra-b.yaml:1:",
        says: "expected a mapping",
    },
    Case {
        name: "roster named after another training",
        edits: &[Replace(
            "content/internal/rosters/jahit-1.yaml",
            "training: jahit-1",
            "training: las-1",
        )],
        place: "content/internal/rosters/jahit-1.yaml:1:",
        says: "a roster is named after its training's id",
    },
    Case {
        name: "registration number twice in a roster",
        edits: &[Replace(
            "content/internal/rosters/jahit-1.yaml",
            "id: R-002",
            "id: R-001",
        )],
        place: "content/internal/rosters/jahit-1.yaml:4:",
        says: "participant 2: the registration number is the same as participant 1's",
    },
    Case {
        name: "interest score out of range",
        edits: &[Replace(
            "content/internal/rosters/jahit-1.yaml",
            "interest_score: 5",
            "interest_score: 7",
        )],
        place: "content/internal/rosters/jahit-1.yaml:3:",
        says: "participant 1: `interest_score` must be from 1 to 5",
    },
    Case {
        name: "satisfaction out of range",
        edits: &[Replace(
            "content/outcomes/las-1.yaml",
            "satisfaction: 4.5",
            "satisfaction: 45",
        )],
        place: "content/outcomes/las-1.yaml:11:",
        says: "`evaluation.satisfaction` is 45, but must be between 1 and 5",
    },
    Case {
        name: "unknown stage status",
        edits: &[Replace(
            "content/programmes/prog.md",
            "status: doing",
            "status: ongoing",
        )],
        place: "content/programmes/prog.md:9:",
        says: "use one of: done, doing, todo",
    },
    Case {
        name: "site without base_url",
        edits: &[Replace(
            "content/site.yaml",
            "base_url: https://uji.example.org/sub\n",
            "",
        )],
        place: "content/site.yaml:1:",
        says: "`base_url` is required",
    },
    Case {
        name: "missing site.yaml",
        edits: &[Remove("content/site.yaml")],
        place: "content/site.yaml",
        says: "`content/site.yaml` is missing",
    },
    Case {
        name: "a yaml file in a markdown folder",
        edits: &[Write("content/stories/lain.yaml", b"title: X\n")],
        place: "content/stories/lain.yaml",
        says: "rename it to `lain.md`",
    },
    // Invisible control characters are invalid in HTML; a backspace in a
    // name disguises it.
    Case {
        name: "a control character in a Markdown body",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "Pengenalan mesin las",
            "Pengenalan\u{0} mesin las",
        )],
        place: "content/trainings/las-1.md:19:11:",
        says: "an invisible control character (U+0000) at line 19; delete it",
    },
    Case {
        name: "a control character in a YAML value",
        edits: &[Replace(
            "content/partners/mitra-a.yaml",
            "name: Mitra A",
            "name: Mitra\u{8} A",
        )],
        place: "content/partners/mitra-a.yaml:1:12:",
        says: "an invisible control character (U+0008) at line 1",
    },
    Case {
        name: "a control character in a roster",
        edits: &[Replace(
            "content/internal/rosters/jahit-1.yaml",
            "name: Peserta Dua",
            "name: Peserta\u{1b}Dua",
        )],
        place: "content/internal/rosters/jahit-1.yaml:4:",
        says: "(U+001B)",
    },
    // serde counts list items from 0; every message counts from 1.
    Case {
        name: "a participant's value of the wrong kind, counted from 1",
        edits: &[Replace(
            "content/internal/rosters/jahit-1.yaml",
            "birth_year: 1985",
            "birth_year: [1985]",
        )],
        place: "content/internal/rosters/jahit-1.yaml:4:",
        says: "`participants[2].birth_year`",
    },
];

/// A product worth too much on its own is one error, at the product; the
/// site's total of product values does not report it again, and when the
/// total itself overflows the message quotes the product's value, not one
/// of its fields.
#[test]
fn a_product_too_large_is_reported_once_and_a_total_quotes_the_right_value() {
    let one = site("basic");
    apply(
        one.path(),
        &[Replace(
            "content/outcomes/las-1.yaml",
            "quantity: 3, unit_value_idr: 150000",
            "quantity: 3, unit_value_idr: 4611686018427387904",
        )],
    );
    let err = stderr(&rapor(one.path(), &["check"]));
    assert!(
        err.contains("content/outcomes/las-1.yaml:7:") && err.contains("too large to be a real"),
        "{err}"
    );
    assert!(!err.contains("site's total"), "a knock-on error:\n{err}");

    let two = site("basic");
    let max = "quantity: 1, unit_value_idr: 9223372036854775807";
    apply(
        two.path(),
        &[
            Replace("content/outcomes/las-1.yaml", "quantity: 3, unit_value_idr: 150000", max),
            Replace("content/outcomes/las-1.yaml", "quantity: 2, unit_value_idr: 250000", max),
            Write(
                "content/outcomes/jahit-1.yaml",
                b"training: jahit-1\ndate: 2025-03-25\nassessed: 3\ncertified: 2\nproducts:\n  - { name: Baju, quantity: 2, unit_value_idr: 1 }\n",
            ),
        ],
    );
    let err = stderr(&rapor(two.path(), &["check"]));
    assert!(
        err.contains("content/outcomes/las-1.yaml:8:")
            || err.contains("content/outcomes/jahit-1.yaml:6:"),
        "{err}"
    );
    let line = err
        .lines()
        .find(|l| l.contains("site's total"))
        .unwrap_or_else(|| panic!("no total overflow in\n{err}"));
    assert!(
        line.contains("`quantity` × `unit_value_idr` = 9223372036854775807")
            || line.contains("`quantity` × `unit_value_idr` = 2"),
        "{line}"
    );
    assert!(!line.contains(".unit_value_idr` ("), "{line}");
}

fn apply(site: &std::path::Path, edits: &[Edit]) {
    for e in edits {
        match e {
            Replace(file, from, to) => {
                let path = site.join(file);
                let text = read(&path);
                assert!(text.contains(from), "fixture {file} lacks {from:?}");
                std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
            }
            Write(file, bytes) => {
                let path = site.join(file);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, bytes).unwrap();
            }
            Remove(file) => std::fs::remove_file(site.join(file)).unwrap(),
        }
    }
}

#[test]
fn every_kind_of_mistake_is_reported_with_its_place_and_keeps_the_output() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = site("basic");
        let good = tree(&build_ok(site.path()));
        apply(site.path(), case.edits);
        for verb in ["check", "build"] {
            let out = rapor(site.path(), &[verb]);
            let err = stderr(&out);
            let mut problems = Vec::new();
            if out.status.code() != Some(1) {
                problems.push(format!("exit {:?}", out.status.code()));
            }
            if err.contains("panicked") {
                problems.push("panicked".into());
            }
            let hit = err
                .lines()
                .any(|l| l.starts_with(case.place) && l.contains(case.says));
            if !hit {
                problems.push(format!(
                    "no line starting `{}` saying `{}`",
                    case.place, case.says
                ));
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{} ({verb}): {}\n{err}",
                    case.name,
                    problems.join("; ")
                ));
            }
        }
        assert_eq!(
            tree(&site.path().join("output")),
            good,
            "{}: the previous output changed",
            case.name
        );
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn all_problems_of_a_build_are_reported_together() {
    let site = site("basic");
    apply(
        site.path(),
        &[
            Replace("content/trainings/las-1.md", "skill: las", "skill: lass"),
            Replace(
                "content/trainings/las-1.md",
                "start: 2025-10-01",
                "start: 2025-10-41",
            ),
            Replace(
                "content/partners/mitra-a.yaml",
                "kind: government",
                "kind: gov",
            ),
            Replace(
                "content/outcomes/las-1.yaml",
                "certifier: mitra-a",
                "certifier: x",
            ),
        ],
    );
    let out = rapor(site.path(), &["check"]);
    let err = stderr(&out);
    for place in [
        "content/trainings/las-1.md:3:",
        "content/trainings/las-1.md:7:",
        "content/partners/mitra-a.yaml:2:",
        "content/outcomes/las-1.yaml:5:",
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(place)),
            "missing {place} in:\n{err}"
        );
    }
    assert!(err.contains("4 problems to fix"), "{err}");
}

/// A YAML mistake as a new user makes it: the line it is on, and a fragment
/// of its plain cause in Indonesian (the default) and in English.
struct YamlCase {
    name: &'static str,
    edits: &'static [Edit],
    place: &'static str,
    id: &'static str,
    en: &'static str,
}

const MITRA: &str = "content/partners/mitra-a.yaml";

const YAML_CASES: &[YamlCase] = &[
    YamlCase {
        name: "a tab before `contact:`",
        edits: &[Replace(MITRA, "  contact: {", "\tcontact: {")],
        place: "content/partners/mitra-a.yaml:9:",
        id: "menjorok dengan karakter tab",
        en: "indented with a tab",
    },
    YamlCase {
        name: "no space after the colon",
        edits: &[Replace(MITRA, "since: 2025-01-15", "since:2025-01-15")],
        place: "content/partners/mitra-a.yaml:6:",
        id: "setelah tanda `:` harus ada spasi",
        en: "a `:` must be followed by a space",
    },
    YamlCase {
        name: "an unclosed quote",
        edits: &[Replace(
            "content/trainings/las-1.md",
            "location: Bengkel",
            "location: \"Bengkel",
        )],
        place: "content/trainings/las-1.md:10:",
        id: "tanda kutip yang dibuka di sini tidak pernah ditutup",
        en: "a quotation mark opened here is never closed",
    },
    YamlCase {
        name: "wrong indentation",
        edits: &[Replace(MITRA, "  agreement:", "   agreement:")],
        place: "content/partners/mitra-a.yaml:10:",
        id: "indentasi baris ini tidak cocok",
        en: "indentation does not match",
    },
    YamlCase {
        name: "a missing `-` in a list",
        edits: &[Replace(
            MITRA,
            "contributions: [instructors, certification]",
            "contributions:\n  - instructors\n  certification",
        )],
        place: "content/partners/mitra-a.yaml:9:",
        id: "tidak diawali `- `",
        en: "does not start with `- `",
    },
    YamlCase {
        name: "a value with `: ` in it",
        edits: &[Replace(
            MITRA,
            "description: Balai latihan",
            "description: Jam: 08.00, Balai latihan",
        )],
        place: "content/partners/mitra-a.yaml:3:",
        id: "apit nilainya dengan tanda kutip",
        en: "put the value in quotes",
    },
    YamlCase {
        name: "a duplicated key",
        edits: &[Replace(
            MITRA,
            "kind: government\n",
            "kind: government\nname: Mitra B\n",
        )],
        place: "content/partners/mitra-a.yaml:3:",
        id: "kolom `name` tertulis dua kali",
        en: "the field `name` is written twice",
    },
];

#[test]
fn yaml_mistakes_have_their_line_and_a_plain_cause_in_both_languages() {
    let mut failures = Vec::new();
    for case in YAML_CASES {
        let site = site("basic");
        apply(site.path(), case.edits);
        for (lang, out, says) in [
            ("id", rapor_native(site.path(), &["check"]), case.id),
            ("en", rapor(site.path(), &["check"]), case.en),
        ] {
            let err = stderr(&out);
            let hit = err
                .lines()
                .any(|l| l.starts_with(case.place) && l.contains(says));
            if out.status.code() != Some(1) || !hit {
                failures.push(format!(
                    "{} ({lang}): want `{}` saying `{says}`:\n{err}",
                    case.name, case.place
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_typo_a_bad_date_and_a_wrong_type_in_one_file_are_reported_in_one_run() {
    let site = site("basic");
    apply(
        site.path(),
        &[
            Replace(MITRA, "description:", "descripton:"),
            Replace(MITRA, "since: 2025-01-15", "since: 2025-02-30"),
            Replace(
                MITRA,
                "contributions: [instructors, certification]",
                "contributions: 5",
            ),
        ],
    );
    let err = stderr(&rapor(site.path(), &["check"]));
    for (line, says) in [
        (3, "did you mean `description`?"),
        (6, "`since` must be a date"),
        (
            7,
            "`contributions`: wrong kind of value: found the number `5`, expected a list",
        ),
    ] {
        let place = format!("{MITRA}:{line}:");
        assert!(
            err.lines()
                .any(|l| l.starts_with(&place) && l.contains(says)),
            "missing {place} {says} in:\n{err}"
        );
    }
    assert!(err.contains("3 problems to fix"), "{err}");
}

#[test]
fn a_field_that_failed_to_decode_is_not_also_reported_missing() {
    let site = site("basic");
    apply(
        site.path(),
        &[Replace(
            "content/trainings/las-1.md",
            "title: Las Listrik Dasar",
            "title: [Las, Listrik]",
        )],
    );
    let err = stderr(&rapor(site.path(), &["check"]));
    assert!(
        err.contains("content/trainings/las-1.md:2:") && err.contains("expected text"),
        "{err}"
    );
    assert!(
        !err.contains("`title` is required"),
        "reported twice:\n{err}"
    );
}
