//! Each kind of edit on each kind of layout, byte for byte.

use serde_json::json;

use super::path::parse_path;
use super::*;

fn p(s: &str) -> Vec<Step> {
    parse_path(s).unwrap()
}

fn set(text: &str, path: &str, v: serde_json::Value) -> String {
    apply(text, &[Edit::Set(p(path), v)]).unwrap_or_else(|e| panic!("{path}: {e:?}\n{text}"))
}

fn remove(text: &str, path: &str) -> String {
    apply(text, &[Edit::Remove(p(path))]).unwrap_or_else(|e| panic!("{path}: {e:?}\n{text}"))
}

/// The string `s` read back from `key: <written>`.
fn round_trip(s: &str) -> String {
    let text = set("a: 1\n", "a", json!(s));
    let v: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(v["a"], json!(s), "{text}");
    text
}

#[test]
fn a_scalar_is_replaced_and_its_comment_kept() {
    assert_eq!(
        set("a: 1  # note\nb: 2\n", "a", json!(5)),
        "a: 5  # note\nb: 2\n"
    );
    assert_eq!(set("a: x # n\n", "a", json!("y z")), "a: y z # n\n");
    assert_eq!(set("a: x\n", "a", json!(true)), "a: true\n");
    assert_eq!(set("a: x\n", "a", json!(1.5)), "a: 1.5\n");
    assert_eq!(set("a: x\n", "a", json!(81.0)), "a: 81.0\n");
    assert_eq!(set("a: x\n", "a", json!(null)), "a:\n");
}

#[test]
fn the_same_value_changes_nothing() {
    let text = "a: 0x1F  # hex\nb: 'x'\nc: ~\nd: [1, 2]\ne:\n  - f: True\n";
    let same = json!({"a": 31, "b": "x", "c": null, "d": [1, 2], "e": [{"f": true}]});
    assert_eq!(apply(text, &[Edit::Set(vec![], same)]).unwrap(), text);
}

#[test]
fn strings_that_would_be_misread_are_quoted() {
    assert_eq!(round_trip("007"), "a: '007'\n");
    assert_eq!(round_trip("yes"), "a: 'yes'\n");
    assert_eq!(round_trip("12"), "a: '12'\n");
    assert_eq!(round_trip("true"), "a: 'true'\n");
    assert_eq!(round_trip("null"), "a: 'null'\n");
    assert_eq!(round_trip(""), "a: ''\n");
    assert_eq!(round_trip("a: b"), "a: 'a: b'\n");
    assert_eq!(round_trip("#x"), "a: '#x'\n");
    assert_eq!(round_trip("x #y"), "a: 'x #y'\n");
    assert_eq!(round_trip("  lead"), "a: '  lead'\n");
    assert_eq!(round_trip("it's"), "a: it's\n");
    assert_eq!(round_trip("'q"), "a: '''q'\n");
    assert_eq!(round_trip("- x"), "a: '- x'\n");
    assert_eq!(round_trip("tab\there"), "a: \"tab\\there\"\n");
    assert_eq!(round_trip("bell\u{7}"), "a: \"bell\\u0007\"\n");
    // Dates are text in rapor's records and are written bare, as people do.
    assert_eq!(round_trip("2026-01-01"), "a: 2026-01-01\n");
    assert_eq!(round_trip("Rp 5.000"), "a: Rp 5.000\n");
    for s in [
        "-5", "1e3", ".inf", "~", "[x]", "{x}", "*x", "&x", "!x", "%x", "@x", "x:",
    ] {
        round_trip(s);
    }
}

#[test]
fn multi_line_text_is_a_literal_block() {
    assert_eq!(round_trip("one\ntwo"), "a: |-\n  one\n  two\n");
    assert_eq!(round_trip("one\n\ntwo\n"), "a: |\n  one\n\n  two\n");
    round_trip("one\ntwo\n\n");
    round_trip("  indented\nsecond");
    round_trip("cr\r\nlf");
    round_trip("\n");
    let text = set("x:\n  - n: 1\n", "x[0].n", json!("a\nb"));
    assert_eq!(text, "x:\n  - n: |-\n      a\n      b\n");
    // Inside a flow collection: escaped.
    assert_eq!(
        set("c: { n: 1 }\n", "c.n", json!("a\nb")),
        "c: { n: \"a\\nb\" }\n"
    );
}

#[test]
fn quoting_style_is_kept_where_it_still_holds() {
    assert_eq!(set("a: 'x'\n", "a", json!("y")), "a: 'y'\n");
    assert_eq!(set("a: \"x\"\n", "a", json!("y")), "a: \"y\"\n");
    assert_eq!(set("a: \"x\"\n", "a", json!("y\nz")), "a: \"y\\nz\"\n");
    assert_eq!(set("a: 'x'\n", "a", json!("tab\t")), "a: \"tab\\t\"\n");
    // A plain value that can no longer be plain is quoted.
    assert_eq!(set("a: x\n", "a", json!("x: y")), "a: 'x: y'\n");
    let folded = "notes: >\n  Old text\n  folded.\nnext: 1\n";
    assert_eq!(
        set(folded, "notes", json!("New text.\n")),
        "notes: >\n  New text.\nnext: 1\n"
    );
    assert_eq!(
        set(folded, "notes", json!("Two\nlines\n")),
        "notes: |\n  Two\n  lines\nnext: 1\n"
    );
    assert_eq!(
        set("n: |\n  a\n  b\n\n# after\nm: 1\n", "n", json!("c\n")),
        "n: |\n  c\n\n# after\nm: 1\n"
    );
}

#[test]
fn a_long_folded_text_is_wrapped() {
    let long = "kata ".repeat(40).trim_end().to_string() + "\n";
    let text = set("notes: >\n  x\n", "notes", json!(long));
    assert!(text.lines().all(|l| l.len() <= 76), "{text}");
    assert!(text.lines().count() > 2, "{text}");
}

#[test]
fn keys_are_added_at_the_end_of_their_mapping() {
    let text = "a: 1\nfacility:\n  name: X   # n\n\n# skills\nskills:\n  x: y\n";
    assert_eq!(
        set(text, "facility.region", json!("NTT")),
        "a: 1\nfacility:\n  name: X   # n\n  region: NTT\n\n# skills\nskills:\n  x: y\n"
    );
    assert_eq!(set(text, "b", json!(2)), format!("{text}b: 2\n"));
    let items = "photos:\n  - src: a.jpg\n    alt: A\n  - src: b.jpg\nnext: 1\n";
    assert_eq!(
        set(items, "photos[1].public", json!(true)),
        "photos:\n  - src: a.jpg\n    alt: A\n  - src: b.jpg\n    public: true\nnext: 1\n"
    );
}

#[test]
fn missing_mappings_and_lists_are_made() {
    assert_eq!(
        set("a: 1\n", "cost.state_budget_idr", json!(0)),
        "a: 1\ncost:\n  state_budget_idr: 0\n"
    );
    assert_eq!(
        set("a: 1\n", "photos[0].alt", json!("x")),
        "a: 1\nphotos:\n  - alt: x\n"
    );
    assert_eq!(set("a:\n", "a.b", json!(1)), "a:\n  b: 1\n");
    assert_eq!(set("a: ~ # c\n", "a[0]", json!("x")), "a: [x] # c\n");
    assert_eq!(
        apply("a: 1\n", &[Edit::Push(p("tags"), json!("x"))]).unwrap(),
        "a: 1\ntags: [x]\n"
    );
}

#[test]
fn items_are_appended_to_block_lists() {
    let text = "p:\n  - id: A\n    name: B  # n\n# end\n";
    assert_eq!(
        set(text, "p[1]", json!({"id": "C", "name": "D"})),
        "p:\n  - id: A\n    name: B  # n\n  - id: C\n    name: D\n# end\n"
    );
    let push = Edit::Push(p("p"), json!({"id": "E"}));
    assert_eq!(
        apply(text, &[push]).unwrap(),
        "p:\n  - id: A\n    name: B  # n\n  - id: E\n# end\n"
    );
    // A list as indented as its key.
    assert_eq!(
        set("l:\n- a\n- b\n", "l[2]", json!("c")),
        "l:\n- a\n- b\n- c\n"
    );
    assert_eq!(
        set("l:\n- a\n", "l[1]", json!(["x", "y"])),
        "l:\n- a\n- [x, y]\n"
    );
}

#[test]
fn flow_collections_are_rewritten_whole() {
    let text = "partners: [a, b]  # who\ncost: { x: 0, y: 1 }\n";
    assert_eq!(
        set(text, "partners[2]", json!("c")),
        "partners: [a, b, c]  # who\ncost: { x: 0, y: 1 }\n"
    );
    assert_eq!(
        remove(text, "partners[0]"),
        "partners: [b]  # who\ncost: { x: 0, y: 1 }\n"
    );
    assert_eq!(
        set(text, "cost.x", json!(5)),
        "partners: [a, b]  # who\ncost: { x: 5, y: 1 }\n"
    );
    assert_eq!(
        set(text, "cost.z", json!("a, b")),
        "partners: [a, b]  # who\ncost: { x: 0, y: 1, z: 'a, b' }\n"
    );
    assert_eq!(
        remove(text, "cost.y"),
        "partners: [a, b]  # who\ncost: { x: 0 }\n"
    );
    assert_eq!(
        set("s:\n  - { n: a, d: 1 }\n", "s[0].d", json!(2)),
        "s:\n  - { n: a, d: 2 }\n"
    );
    assert_eq!(set("t: []\n", "t[0]", json!({"a": 1})), "t: [{a: 1}]\n");
}

#[test]
fn keys_and_items_are_removed_with_their_lines() {
    let text = "# head\na: 1  # c\nb:\n  x: 1\n  y: |\n    t\n# about c\nc: 3\n";
    assert_eq!(
        remove(text, "a"),
        "# head\nb:\n  x: 1\n  y: |\n    t\n# about c\nc: 3\n"
    );
    assert_eq!(remove(text, "b"), "# head\na: 1  # c\n# about c\nc: 3\n");
    assert_eq!(
        remove(text, "b.y"),
        "# head\na: 1  # c\nb:\n  x: 1\n# about c\nc: 3\n"
    );
    assert_eq!(
        remove(text, "b.x"),
        "# head\na: 1  # c\nb:\n  y: |\n    t\n# about c\nc: 3\n"
    );
    assert_eq!(remove(text, "nothing"), text);
    let list = "p:\n  - src: a\n    alt: A\n  - src: b\n";
    assert_eq!(remove(list, "p[0]"), "p:\n  - src: b\n");
    assert_eq!(remove(list, "p[1]"), "p:\n  - src: a\n    alt: A\n");
    assert_eq!(remove(list, "p[0].src"), "p:\n  - alt: A\n  - src: b\n");
    assert_eq!(
        remove(list, "p[1].src"),
        "p:\n  - src: a\n    alt: A\n  - {}\n"
    );
    // The comment on the item's line stays, after the empty list.
    assert_eq!(
        remove("p:\n  - a  # c\nq: 1\n", "p[0]"),
        "p: []  # c\nq: 1\n"
    );
    assert_eq!(remove("a:\n  b: 1\n", "a.b"), "a: {}\n");
    assert_eq!(remove("a: 1\n", "a"), "");
    assert_eq!(remove("l:\n- - a\n  - b\n", "l[0][0]"), "l:\n- - b\n");
}

#[test]
fn a_whole_subtree_is_changed_entry_by_entry() {
    let text = "p:\n  - id: A  # first\n    n: 1\n  # between\n  - id: B\n    n: 2\n";
    let new = json!([{"id": "A", "n": 5}, {"id": "B", "n": 2}, {"id": "C"}]);
    assert_eq!(
        set(text, "p", new),
        "p:\n  - id: A  # first\n    n: 5\n  # between\n  - id: B\n    n: 2\n  - id: C\n"
    );
    assert_eq!(
        set(text, "p", json!([{"id": "A", "n": 1}])),
        "p:\n  - id: A  # first\n    n: 1\n  # between\n"
    );
    assert_eq!(set(text, "p", json!("none")), "p: none\n");
    let noted = "p:  # who\n  - a\n  - b\nq: 1\n";
    assert_eq!(set(noted, "p", json!("none")), "p: none  # who\nq: 1\n");
    assert_eq!(
        set(noted, "p", json!({"k": 1})),
        "p:  # who\n  k: 1\nq: 1\n"
    );
    assert_eq!(
        set("a: x # c\nb: 1\n", "a", json!({"k": [1, 2]})),
        "a: # c\n  k: [1, 2]\nb: 1\n"
    );
}

#[test]
fn crlf_and_no_final_newline_are_kept() {
    let text = "a: 1\r\nb:\r\n  c: x\r\n";
    assert_eq!(
        set(text, "b.d", json!("y\nz")),
        "a: 1\r\nb:\r\n  c: x\r\n  d: |-\r\n    y\r\n    z\r\n"
    );
    assert_eq!(remove(text, "b.c"), "a: 1\r\nb: {}\r\n");
    assert_eq!(set("a: 1", "b", json!(2)), "a: 1\nb: 2");
    assert_eq!(remove("a: 1\nb: 2", "b"), "a: 1");
    assert_eq!(remove("a: 1\r\nb: 2", "b"), "a: 1");
    assert_eq!(set("a: 1", "a", json!(2)), "a: 2");
}

#[test]
fn empty_documents_get_their_first_key() {
    assert_eq!(set("", "a", json!(1)), "a: 1\n");
    assert_eq!(set("# only\n", "a.b", json!(1)), "# only\na:\n  b: 1\n");
    assert_eq!(set("# only", "a", json!(1)), "# only\na: 1");
    assert_eq!(set("{}\n", "a", json!(1)), "{a: 1}\n");
}

#[test]
fn keys_that_need_quotes_get_them() {
    let text = set(
        "a: 1\n",
        "internal",
        json!({"catatan petugas": "x", "1": "y", "k: v": 1}),
    );
    let v: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(v["internal"]["k: v"], json!(1), "{text}");
    assert!(text.contains("  catatan petugas: x\n"), "{text}");
}

#[test]
fn bad_paths_are_errors_not_panics() {
    let text = "a: 1\nl: [x]\nm:\n  - k: v\n";
    let err = |e: Edit| apply(text, &[e]).unwrap_err();
    assert_eq!(
        err(Edit::Set(p("l[5]"), json!(1))),
        EditError::OutOfRange {
            at: p("l[5]"),
            len: 1
        }
    );
    assert_eq!(
        err(Edit::Set(p("m[2].k"), json!(1))),
        EditError::OutOfRange {
            at: p("m[2]"),
            len: 1
        }
    );
    assert_eq!(
        err(Edit::Set(p("a.b"), json!(1))),
        EditError::WrongShape { at: p("a") }
    );
    assert_eq!(
        err(Edit::Set(p("a[0]"), json!(1))),
        EditError::WrongShape { at: p("a") }
    );
    assert_eq!(
        err(Edit::Set(p("l.k"), json!(1))),
        EditError::WrongShape { at: p("l") }
    );
    assert_eq!(
        err(Edit::Remove(p("m[1]"))),
        EditError::OutOfRange {
            at: p("m[1]"),
            len: 1
        }
    );
    // A list made new has only an item 0.
    assert_eq!(
        err(Edit::Set(p("new[1]"), json!(1))),
        EditError::OutOfRange {
            at: p("new[1]"),
            len: 0
        }
    );
    assert_eq!(err(Edit::Remove(vec![])), EditError::Root);
    assert_eq!(err(Edit::Set(vec![], json!(1))), EditError::Root);
    assert_eq!(
        err(Edit::Push(p("a"), json!(1))),
        EditError::WrongShape { at: p("a") }
    );
    assert_eq!(apply("a: [x\n", &[]), Err(EditError::NotReadable));
    let alias = "a: &x {k: 1}\nb: *x\n";
    assert_eq!(
        apply(alias, &[Edit::Set(p("b.k"), json!(2))]),
        Err(EditError::Unsupported { at: p("b") })
    );
}

#[test]
fn edits_apply_in_order() {
    let text = "t: A\nl:\n  - a\n  - b\n";
    let edits = [
        Edit::Set(p("t"), json!("B")),
        Edit::Remove(p("l[0]")),
        Edit::Set(p("l[1]"), json!("c")),
        Edit::Set(p("n"), json!(1)),
    ];
    assert_eq!(
        apply(text, &edits).unwrap(),
        "t: B\nl:\n  - b\n  - c\nn: 1\n"
    );
}

#[test]
fn markdown_front_matter_is_split_and_joined_byte_for_byte() {
    for text in [
        "---\ntitle: A\n---\n# Body\n",
        "\u{feff}---\r\ntitle: A\r\n---\r\nbody",
        "---\n---\n",
        "--- \ntitle: A\n---  \nbody\n---\nmore",
    ] {
        let fm = split_markdown(text).unwrap();
        assert_eq!(fm.join(fm.yaml), text);
    }
    assert_eq!(split_markdown("title: A\n"), None);
    assert_eq!(split_markdown("---\ntitle: A\n"), None);
    let md = "---\ntitle: A  # t\nskill: x\n---\nBody *stays*.\n";
    assert_eq!(
        apply_markdown(md, &[Edit::Set(p("title"), json!("B"))]).unwrap(),
        "---\ntitle: B  # t\nskill: x\n---\nBody *stays*.\n"
    );
    assert_eq!(
        apply_markdown("---\n---\nx", &[Edit::Set(p("a"), json!(1))]).unwrap(),
        "---\na: 1\n---\nx"
    );
    assert_eq!(apply_markdown("x", &[]), Err(EditError::NoFrontMatter));
}

#[test]
fn empty_items_and_block_scalar_items_have_their_place() {
    let text = "l:\n  - \n  -   # c\n  - |\n    text\n  - x\nm:\n";
    assert_eq!(
        set(text, "l[0]", json!("a")),
        "l:\n  - a\n  -   # c\n  - |\n    text\n  - x\nm:\n"
    );
    assert_eq!(
        set(text, "l[1]", json!("b")),
        "l:\n  - \n  - b   # c\n  - |\n    text\n  - x\nm:\n"
    );
    assert_eq!(
        set(text, "l[2]", json!("one")),
        "l:\n  - \n  -   # c\n  - one\n  - x\nm:\n"
    );
    assert_eq!(remove(text, "l[2]"), "l:\n  - \n  -   # c\n  - x\nm:\n");
    assert_eq!(
        remove(text, "l[0]"),
        "l:\n  -   # c\n  - |\n    text\n  - x\nm:\n"
    );
    assert_eq!(
        set(text, "m", json!(["p"])),
        "l:\n  - \n  -   # c\n  - |\n    text\n  - x\nm: [p]\n"
    );
}

#[test]
fn an_edit_that_would_change_an_alias_too_is_refused() {
    // `b` repeats `a` through the anchor: changing `a` alone cannot be
    // written, and the file is left alone rather than changed in meaning.
    let text = "a: &x [1, 2]\nb: *x\n";
    assert!(matches!(
        apply(text, &[Edit::Set(p("a[0]"), json!(5))]),
        Err(EditError::Unsafe | EditError::Unsupported { .. })
    ));
    // Replacing the alias itself is fine.
    assert_eq!(set(text, "b", json!(3)), "a: &x [1, 2]\nb: 3\n");
}

/// The editor may send the whole record back: only the changed field's
/// line differs.
#[test]
fn a_whole_record_sent_back_changes_only_its_edited_line() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/internal/rosters/barbershop-2025.yaml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut record: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    record["participants"][2]["name"] = json!("Nama Baru");
    let got = apply(&text, &[Edit::Set(vec![], record)]).unwrap();
    let before: Vec<&str> = text.lines().collect();
    let after: Vec<&str> = got.lines().collect();
    assert_eq!(before.len(), after.len());
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.ends_with("name: Nama Baru"), "{changed:?}");
}
