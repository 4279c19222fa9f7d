//! The commonest mistakes, each at its line with its plain cause; and every
//! problem of a record at once.

use super::decode;

/// A message of the catalogue as text, to compare with a problem's.
macro_rules! text {
    ($($t:tt)*) => {
        crate::msg::msg!($($t)*).to_string()
    };
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct T {
    name: Option<String>,
    since: Option<String>,
    contact: Option<C>,
    contributions: Option<Vec<String>>,
    count: Option<u32>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct C {
    name: Option<String>,
    phone: Option<String>,
}

/// The only problem of `yaml`: its line and message.
fn one(yaml: &str) -> (usize, String) {
    let d = decode::<T>(yaml, false);
    assert_eq!(d.errors.len(), 1, "{yaml:?}: {:?}", d.errors);
    (d.errors[0].pos.line, d.errors[0].message.to_string())
}

#[test]
fn a_tab_in_the_indentation_is_named_at_its_line() {
    assert_eq!(
        one("name: A\n\tcontact:\n  name: x\n"),
        (2, text!("yaml_tab"))
    );
    assert_eq!(
        one("name: A\ncontact:\n\tname: x\n"),
        (3, text!("yaml_tab"))
    );
}

#[test]
fn no_space_after_a_colon_is_found_at_its_own_line() {
    let want = (2, text!("yaml_colon_space"));
    assert_eq!(one("name: A\nsince:2026-01-01\ncount: 3\n"), want);
    assert_eq!(one("name: A\nsince:2026-01-01\n"), want);
}

#[test]
fn an_unclosed_quote_is_found_where_it_opens() {
    let want = (1, text!("yaml_unclosed_quote"));
    assert_eq!(one("name: \"Las\ncount: 3\n"), want);
    assert_eq!(one("name: 'Las\ncount: 3\n"), want);
    // Quotes closed, even with escapes, are fine.
    assert!(
        decode::<T>("name: 'it''s'\nsince: \"a\\\"b\"\n", false)
            .errors
            .is_empty()
    );
}

#[test]
fn wrong_indentation_and_a_missing_dash() {
    let indent = text!("yaml_indent");
    assert_eq!(
        one("contact:\n  name: x\n   phone: y\ncount: 1\n"),
        (3, indent.clone())
    );
    assert_eq!(
        one("contact:\n  name: x\n phone: y\ncount: 1\n"),
        (3, indent)
    );
    let dash = text!("yaml_missing_dash");
    assert_eq!(
        one("contributions:\n  - a\n  b\ncount: 1\n"),
        (3, dash.clone())
    );
    assert_eq!(one("contributions:\n  - a\n  - b\n  c\n"), (4, dash));
}

#[test]
fn a_colon_in_a_value_and_a_duplicated_key() {
    assert_eq!(one("name: Jam: 10\ncount: 1\n"), (1, text!("yaml_colon")));
    assert_eq!(
        one("name: a\nname: b\n"),
        (2, text!("yaml_duplicate_field", field = "name"))
    );
    assert_eq!(
        one("name: [a\ncount: 1\n"),
        (1, text!("yaml_unclosed_list"))
    );
    assert_eq!(one("name: @x\n"), (1, text!("yaml_bad_start")));
}

#[test]
fn every_problem_of_a_record_is_reported_and_the_rest_decodes() {
    let d = decode::<T>(
        "nmae: a\nsince: x\ncount: many\ncontact:\n  phone: [1]\n  name: B\n",
        false,
    );
    let lines: Vec<usize> = d.errors.iter().map(|e| e.pos.line).collect();
    assert_eq!(lines, [1, 3, 5], "{:?}", d.errors);
    assert!(
        d.errors[0].message.to_string().contains("`name`"),
        "{:?}",
        d.errors
    );
    assert!(
        d.errors[2]
            .message
            .to_string()
            .starts_with("`contact.phone`"),
        "{:?}",
        d.errors
    );
    let t = d.value.expect("decoded");
    assert_eq!(t.since.as_deref(), Some("x"));
    assert!(t.count.is_none());
    // The bad field is dropped, its neighbours kept.
    assert_eq!(t.contact.unwrap().name.as_deref(), Some("B"));
    assert_eq!(d.failed.len(), 2);
}

#[test]
fn positions_come_from_the_tree() {
    use super::Seg;
    let d = decode::<serde_yaml::Value>(
        "title: Pelatihan\ncost: { a: 0, b: -5 }\npartners: [x, y]\nphotos:\n  - { src: a.jpg }\n  - src: b.jpg\n    alt: B\ninternal:\n  contact:\n    name: X\nname: top\n",
        false,
    );
    let at = |p: &[Seg]| d.spans.pos(p).map(|p| (p.line, p.col));
    assert_eq!(at(&[Seg::Key("title")]), Some((1, 1)));
    assert_eq!(at(&[Seg::Key("cost"), Seg::Key("b")]), Some((2, 15)));
    assert_eq!(at(&[Seg::Key("partners"), Seg::Index(1)]), Some((3, 15)));
    assert_eq!(
        at(&[Seg::Key("photos"), Seg::Index(1), Seg::Key("alt")]),
        Some((7, 5))
    );
    // Not the nested `name` under internal.contact.
    assert_eq!(at(&[Seg::Key("name")]), Some((11, 1)));
    // The deepest ancestor found, or nothing.
    assert_eq!(at(&[Seg::Key("photos"), Seg::Index(7)]), Some((4, 1)));
    assert_eq!(at(&[Seg::Key("nope")]), None);
}

#[test]
fn private_values_are_not_quoted() {
    let d = decode::<T>("count: Fransiskus\nname: a\nname: b\n", true);
    assert!(
        d.errors
            .iter()
            .all(|e| !e.message.to_string().contains("Fransiskus")),
        "{:?}",
        d.errors
    );
    // A public record's `internal:` block is free-form: a duplicated key
    // there, or a mistake the parser cannot name, may be a participant's
    // name, and is not quoted either.
    let wrapped = "internal:\n  Fransiskus Jemadu: hadir\n  Fransiskus Jemadu: ujian\n";
    let d = decode::<serde_yaml::Value>(wrapped, false);
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    assert!(
        !d.errors[0].message.to_string().contains("Fransiskus"),
        "{:?}",
        d.errors
    );
    // The same mistake outside `internal:` names the key, to be found.
    let d = decode::<serde_yaml::Value>("name: a\nname: b\n", false);
    assert!(
        d.errors[0].message.to_string().contains("name"),
        "{:?}",
        d.errors
    );
    let d = decode::<T>("Maria Goreti: 1\n", true);
    assert!(
        !d.errors[0].message.to_string().contains("Maria"),
        "{:?}",
        d.errors
    );
}
