//! The leak audit reads as a reader does: an identity value broken up in a
//! way a reader still reads as the value (wrapped, marked up, escaped,
//! spaced, accented, with invisible characters) fails the build, naming the
//! content file, line and field. Each disguise is first shown to reach the
//! public site when its value is not an identity value; the values are shown
//! to be real roster and partner values on the internal site. A record whose
//! file name is a value is refused on the internal site too.

mod common;

use std::path::Path;

use common::*;

const STORY: &str = "content/stories/berita.md";
const PAGE: &str = "output/public/stories/berita/index.html";
const NAME: &str = "the name of a participant on the roster of jahit-1 (content/internal/rosters/jahit-1.yaml, participants[1].name)";
const REG: &str = "the registration number of a participant on the roster of jahit-1 (content/internal/rosters/jahit-1.yaml, participants[1].id)";
const CERT: &str = "the certificate number of a participant on the roster of jahit-1 (content/internal/rosters/jahit-1.yaml, participants[1].certificate_no)";
const PHONE: &str = "the phone number of the contact person of partner mitra-a (content/partners/mitra-a.yaml, internal.contact.phone)";
const EMAIL: &str = "the email address of the contact person of partner mitra-a (content/partners/mitra-a.yaml, internal.contact.email)";

/// The `basic` fixture with distinctive identity values: participant 1 is
/// Fransiskus Jemadu, WBP-2025-0142, certificate SKB/BB/2025; participant
/// 2 is Maria; partner mitra-a's contact phone is +62 812 3456 7890, its
/// email humas.rdg@skbmail.example.
/// With `identities` false, the same site with the fixture's own values, on
/// which any disguise builds.
fn site_with(identities: bool) -> tempfile::TempDir {
    let site = site("basic");
    let p = site.path();
    if identities {
        let roster = "content/internal/rosters/jahit-1.yaml";
        let text = read(&p.join(roster))
            .replace("Peserta Satu", "Fransiskus Jemadu")
            .replace("R-001", "WBP-2025-0142")
            .replace("C-1 }", "\"SKB/BB/2025\" }")
            .replace("Peserta Dua", "Maria");
        write(p, roster, &text);
        let partner = "content/partners/mitra-a.yaml";
        let text = read(&p.join(partner))
            .replace("+62 811 1111 1111", "+62 812 3456 7890")
            .replace("satu@example.org", "humas.rdg@skbmail.example");
        write(p, partner, &text);
    }
    site
}

/// A disguise: `from` in the story replaced by `to`; the control build
/// publishes `shows` in the story page; the build with the identities fails
/// at `place` (a line of `berita.md`) saying `says` and naming `value`.
struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    shows: &'static str,
    place: &'static str,
    says: &'static str,
    value: &'static str,
}

const BODY: &str = "Isi berita.";
const AT_BODY: &str = "content/stories/berita.md:11:";
const IN_BODY: &str = "the story body shows";

const fn body(
    name: &'static str,
    to: &'static str,
    shows: &'static str,
    value: &'static str,
) -> Case {
    Case {
        name,
        from: BODY,
        to,
        shows,
        place: AT_BODY,
        says: IN_BODY,
        value,
    }
}

const CASES: &[Case] = &[
    body(
        "wrapped across two lines",
        "Isi berita tentang Fransiskus\nJemadu.",
        "Fransiskus\nJemadu",
        NAME,
    ),
    body(
        "a soft hyphen entity",
        "Isi Fran&shy;siskus Jemadu.",
        "Fran\u{ad}siskus Jemadu",
        NAME,
    ),
    body(
        "a soft hyphen",
        "Isi Fran\u{ad}siskus Jemadu.",
        "Fran\u{ad}siskus Jemadu",
        NAME,
    ),
    body(
        "bold inside the name",
        "Isi **Fran**siskus Jemadu.",
        "<strong>Fran</strong>siskus",
        NAME,
    ),
    body(
        "emphasis inside the name",
        "Isi *Fransis*kus Jemadu.",
        "<em>Fransis</em>kus",
        NAME,
    ),
    body(
        "raw inline tags inside the name",
        "Isi Fran<b>sis</b>kus Jemadu.",
        "Fran<b>sis</b>kus",
        NAME,
    ),
    body(
        "one span per word",
        "Isi <span>Fransiskus</span> <span>Jemadu</span>.",
        "<span>Fransiskus</span> <span>Jemadu</span>",
        NAME,
    ),
    body(
        "a span touching the next span",
        "Isi <span>Fransiskus Jemadu</span><span>berlatih</span>.",
        "<span>Fransiskus Jemadu</span><span>berlatih</span>",
        NAME,
    ),
    body(
        "a span touching the one before",
        "Isi <span>Kabar</span><span>Fransiskus Jemadu</span>.",
        "<span>Kabar</span><span>Fransiskus Jemadu</span>",
        NAME,
    ),
    body(
        "a line break between the words",
        "Isi Fransiskus<br>Jemadu.",
        "Fransiskus<br",
        NAME,
    ),
    body(
        "an nbsp entity",
        "Isi Fransiskus&nbsp;Jemadu.",
        "Fransiskus\u{a0}Jemadu",
        NAME,
    ),
    body(
        "a numeric nbsp",
        "Isi Fransiskus&#160;Jemadu.",
        "Fransiskus\u{a0}Jemadu",
        NAME,
    ),
    body(
        "a no-break space",
        "Isi Fransiskus\u{a0}Jemadu.",
        "Fransiskus\u{a0}Jemadu",
        NAME,
    ),
    body(
        "a narrow no-break space",
        "Isi Fransiskus\u{202f}Jemadu.",
        "Fransiskus\u{202f}Jemadu",
        NAME,
    ),
    body(
        "a zero-width space",
        "Isi Fran\u{200b}siskus Jemadu.",
        "Fran\u{200b}siskus",
        NAME,
    ),
    body(
        "zero-width joiners",
        "Isi Fran\u{200c}sis\u{200d}kus Jemadu.",
        "Fran\u{200c}sis\u{200d}kus",
        NAME,
    ),
    body(
        "a word joiner",
        "Isi Fransiskus Je\u{2060}madu.",
        "Je\u{2060}madu",
        NAME,
    ),
    body(
        "a byte order mark",
        "Isi Fransis\u{feff}kus Jemadu.",
        "Fransis\u{feff}kus",
        NAME,
    ),
    body(
        "accents",
        "Isi Fransískus Jemadú.",
        "Fransískus Jemadú",
        NAME,
    ),
    body(
        "an accent as an entity",
        "Isi Frans&iacute;skus Jemadu.",
        "Fransískus",
        NAME,
    ),
    body(
        "a combining accent",
        "Isi Fransi\u{301}skus Jemadu.",
        "Fransi\u{301}skus",
        NAME,
    ),
    body(
        "capitals",
        "Isi FRANSISKUS jemadu.",
        "FRANSISKUS jemadu",
        NAME,
    ),
    body(
        "a Cyrillic look-alike",
        "Isi Fr\u{430}nsiskus Jemadu.",
        "Fr\u{430}nsiskus",
        NAME,
    ),
    body(
        "underscores as in a slug",
        "Isi Fransiskus_Jemadu.",
        "Fransiskus_Jemadu",
        NAME,
    ),
    body(
        "closed up as a hashtag",
        "Isi #FransiskusJemadu.",
        "#FransiskusJemadu",
        NAME,
    ),
    body(
        "a link's title",
        "Isi [foto](https://example.org/ \"Fransiskus Jemadu\").",
        "title=\"Fransiskus Jemadu\"",
        NAME,
    ),
    body(
        "a link's address with +",
        "Isi [cari](https://example.org/?q=Fransiskus+Jemadu).",
        "q=Fransiskus+Jemadu",
        NAME,
    ),
    body(
        "a percent-encoded address",
        "Isi [profil](https://example.org/Fransiskus%20Jemadu).",
        "Fransiskus%20Jemadu",
        NAME,
    ),
    body(
        "an en dash",
        "Isi WBP\u{2013}2025\u{2013}0142.",
        "WBP\u{2013}2025",
        REG,
    ),
    body(
        "an em dash",
        "Isi WBP\u{2014}2025\u{2014}0142.",
        "WBP\u{2014}2025",
        REG,
    ),
    body(
        "a minus sign",
        "Isi WBP\u{2212}2025\u{2212}0142.",
        "WBP\u{2212}2025",
        REG,
    ),
    body(
        "a non-breaking hyphen",
        "Isi WBP\u{2011}2025\u{2011}0142.",
        "WBP\u{2011}2025",
        REG,
    ),
    body(
        "spaces for dashes",
        "Isi WBP 2025 0142.",
        "WBP 2025 0142",
        REG,
    ),
    body("dashes closed up", "Isi WBP20250142.", "WBP20250142", REG),
    body(
        "an invisible character in a number",
        "Isi WBP-20\u{200b}25-0142.",
        "WBP-20\u{200b}25",
        REG,
    ),
    body(
        "spaced slashes",
        "Isi SKB / BB / 2025.",
        "SKB / BB / 2025",
        CERT,
    ),
    body(
        "a phone in fours",
        "Hubungi 0812 3456 7890.",
        "0812 3456 7890",
        PHONE,
    ),
    body(
        "a phone with its country code",
        "Hubungi +62 812-3456-7890.",
        "+62 812-3456-7890",
        PHONE,
    ),
    body(
        "a phone with its area in brackets",
        "Hubungi (0812) 34567890.",
        "(0812) 34567890",
        PHONE,
    ),
    body(
        "a phone in dots",
        "Hubungi 0812.3456.7890.",
        "0812.3456.7890",
        PHONE,
    ),
    body(
        "an email with a spaced at",
        "Surel humas.rdg @ skbmail.example saja.",
        "humas.rdg @ skbmail.example",
        EMAIL,
    ),
    body(
        "an email with its at and dots in brackets",
        "Surel humas.rdg (at) skbmail (dot) example saja.",
        "humas.rdg (at) skbmail (dot) example",
        EMAIL,
    ),
    body(
        "an email with its at and dots in square brackets",
        "Surel humas.rdg&#91;at&#93;skbmail&#91;dot&#93;example saja.",
        "humas.rdg[at]skbmail[dot]example",
        EMAIL,
    ),
    Case {
        name: "a title in capitals with a no-break space",
        from: "title: Berita Uji",
        to: "title: \"Selamat FRANSISKUS\\u00a0JEMADU\"",
        shows: "FRANSISKUS\u{a0}JEMADU",
        place: "content/stories/berita.md:2:",
        says: "the story field `title` shows",
        value: NAME,
    },
    Case {
        name: "a summary wrapped across lines",
        from: "summary: Ringkasan berita.",
        to: "summary: >-\n  Ringkasan tentang Fransiskus\n  Jemadu.",
        shows: "Fransiskus Jemadu",
        place: "content/stories/berita.md:6:",
        says: "the story field `summary` shows",
        value: NAME,
    },
];

/// The story page of a site built with `story` as its story.
fn published(story: &str) -> String {
    let site = site_with(false);
    let p = site.path();
    write(p, STORY, story);
    build_ok(p);
    read(&p.join(PAGE))
}

#[test]
fn every_disguise_reaches_the_public_site_of_a_site_without_the_value() {
    let original = read(&repo().join("tests/fixtures/basic").join(STORY));
    for c in CASES {
        assert!(original.contains(c.from), "{}: no {:?}", c.name, c.from);
        let page = published(&original.replacen(c.from, c.to, 1));
        assert!(
            page.contains(c.shows),
            "{}: the page does not show {:?}",
            c.name,
            c.shows
        );
    }
}

#[test]
fn the_values_are_real_roster_and_partner_values() {
    let site = site_with(true);
    let p = site.path();
    let out = build_ok(p);
    let internal = tree(&out.join("internal"));
    let shows = |v: &str| {
        internal
            .values()
            .any(|b| String::from_utf8_lossy(b).contains(v))
    };
    for v in [
        "Fransiskus Jemadu",
        "WBP-2025-0142",
        "SKB/BB/2025",
        "+62 812 3456 7890",
        "humas.rdg@skbmail.example",
    ] {
        assert!(shows(v), "the internal site does not show {v}");
    }
    let public = tree(&out.join("public"));
    assert!(
        !public
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Jemadu")),
        "the clean site does not show the name"
    );
}

#[test]
fn every_disguise_of_a_value_fails_the_build_naming_file_line_and_field() {
    let mut failures = Vec::new();
    for c in CASES {
        let site = site_with(true);
        let p = site.path();
        let text = read(&p.join(STORY));
        write(p, STORY, &text.replacen(c.from, c.to, 1));
        let out = rapor(p, &["build"]);
        let err = stderr(&out);
        let named = err
            .lines()
            .any(|l| l.starts_with(c.place) && l.contains(c.says) && l.contains(c.value));
        let written = p.join("output").exists();
        if out.status.code() != Some(1) || !named || written {
            failures.push(format!("{} (output written: {written}):\n{err}", c.name));
        }
    }
    assert!(failures.is_empty(), "not refused:\n{}", failures.join("\n"));
}

#[test]
fn a_value_inside_a_longer_word_or_number_still_builds() {
    let site = site_with(true);
    let p = site.path();
    let text = read(&p.join(STORY)).replace(
        BODY,
        "Isi: AnnaMaria, Mariam, Mariana, Fransiskus saja, Jemadunya, WBP-2025-01425, 0812 3456 78901.",
    );
    write(p, STORY, &text);
    build_ok(p);
    let page = read(&p.join(PAGE));
    for v in ["AnnaMaria", "Mariam,", "Mariana", "WBP-2025-01425"] {
        assert!(page.contains(v), "{v} was published");
    }
}

/// The theme puts the short name in a span that touches the next one
/// (`<span>Rutan X</span><span>Pembinaan`): the value still stands apart.
#[test]
fn a_short_name_that_is_a_value_fails_the_build() {
    const SITE: &str = "content/site.yaml";
    for value in ["WBP-2025-0142", "Fransiskus Jemadu"] {
        let with = |identities: bool| {
            let site = site_with(identities);
            let p = site.path();
            let text = read(&p.join(SITE));
            assert!(text.contains("short_name: Lapas Uji"));
            write(
                p,
                SITE,
                &text.replace("short_name: Lapas Uji", &format!("short_name: {value}")),
            );
            site
        };
        let clean = with(false);
        let out = build_ok(clean.path());
        let public = tree(&out.join("public"));
        assert!(
            public
                .values()
                .any(|b| String::from_utf8_lossy(b).contains(&format!("{value}</span><span"))),
            "{value}: the public site does not show the short name against a span"
        );
        let site = with(true);
        let p = site.path();
        let out = rapor(p, &["build"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{value}: built:\n{err}");
        assert!(err.contains(SITE), "{value}: {SITE} not named:\n{err}");
        assert!(!p.join("output").exists(), "{value}: output written");
    }
}

/// A value split across the parts of a story (table cells, tags) is found
/// on its page but in no one field: the error names the story's file.
#[test]
fn a_value_split_across_a_story_names_the_story() {
    let cases = [
        (
            BODY,
            "| Nama | Marga |\n|---|---|\n| Fransiskus | Jemadu |\n",
        ),
        ("tags: [uji]", "tags: [fransiskus, jemadu]"),
    ];
    for (from, to) in cases {
        let original = read(&repo().join("tests/fixtures/basic").join(STORY));
        let page = published(&original.replacen(from, to, 1));
        assert!(
            page.contains("Fransiskus") || page.contains("fransiskus"),
            "{to}: not published"
        );
        let site = site_with(true);
        let p = site.path();
        write(p, STORY, &read(&p.join(STORY)).replacen(from, to, 1));
        let out = rapor(p, &["build"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{to}: built:\n{err}");
        assert!(
            err.contains(&format!("probably from {STORY}")) && err.contains(NAME),
            "{to}: the story is not named:\n{err}"
        );
    }
}

/// Renames the story to `id.md`, as a draft, and builds.
fn draft_named(p: &Path, id: &str, passphrase: Option<&str>) -> std::process::Output {
    let text = read(&p.join(STORY)).replace("title: Berita Uji", "title: Berita Uji\ndraft: true");
    std::fs::remove_file(p.join(STORY)).unwrap();
    write(p, &format!("content/stories/{id}.md"), &text);
    rapor_with(p, &["build"], passphrase)
}

fn assert_refused_id(out: &std::process::Output, id: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = format!(
        "content/stories/{id}.md: error: the story's id (its file or folder name) becomes the address of its page on the internal site and shows {NAME}; rename it"
    );
    assert!(
        err.lines().any(|l| l.starts_with(&line)),
        "{err}\nshould say: {line}"
    );
}

#[test]
fn a_draft_story_named_after_a_participant_is_refused() {
    let site = site_with(true);
    let p = site.path();
    // A draft with another name is on the internal site, under its name.
    let out = draft_named(p, "kabar-lapas", None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        p.join("output/internal/stories/kabar-lapas/index.html")
            .exists()
    );
    std::fs::remove_file(p.join("content/stories/kabar-lapas.md")).unwrap();
    write(
        p,
        STORY,
        &read(&repo().join("tests/fixtures/basic").join(STORY)),
    );
    let before = tree(&p.join("output"));
    let out = draft_named(p, "selamat-fransiskus-jemadu", None);
    assert_refused_id(&out, "selamat-fransiskus-jemadu");
    assert!(tree(&p.join("output")) == before, "output/ is untouched");
}

#[test]
fn a_draft_story_named_after_a_participant_is_refused_on_a_protected_site() {
    let site = site_with(true);
    let p = site.path();
    set_protect(p, true);
    let out = draft_named(
        p,
        "fransiskus-jemadu",
        Some("kata sandi yang panjang sekali"),
    );
    assert_refused_id(&out, "fransiskus-jemadu");
    assert!(!p.join("output").exists());
}
