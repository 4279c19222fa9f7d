//! The public site must hold no byte of internal data. Every internal field of
//! a fixture is filled with a canary; no canary may appear in any public
//! file's bytes or name, in any escaped form. The internal site must show
//! them, which proves the canaries are really wired in.

mod common;

use common::*;

/// (canary, shown on the internal site)
const CANARIES: &[(&str, bool)] = &[
    ("ZqxRosterName Ándrés", true),
    ("ZQX-REG-0001", true),
    ("ZqxCert/77", true),
    ("ZqxContactName O'Brien", true),
    ("+62 899 7777 1234", true),
    ("zqx.mail+tag@example.org", true),
    ("ZqxAgreement/2025 & Co", true),
    ("ZqxPartnerNote <b>", true),
    ("ZqxTrainingNote", true),
    ("ZqxDeepValue", true),
    ("ZqxOutcomeNote", true),
    ("ZqxStoryNote", true),
    ("ZqxProgrammeNote", true),
    ("ZqxSiteNote", false),
    ("ZqxDraftTrainingTitle", true),
    ("ZqxDraftTrainingBody", true),
    ("ZqxDraftLocation", true),
    ("ZqxDraftStoryTitle", true),
    ("ZqxDraftStorySummary", true),
    ("zqxdrafttag", true),
    ("ZqxDraftStoryBody", true),
    ("ZqxDraftProgramme", true),
    ("ZqxPrivateCaption", true),
    ("ZqxPrivateAlt", true),
    ("zqx-private-photo", false),
    ("zqx-private-cover", false),
    ("ZqxCoverAlt", true),
];

fn canary_site() -> tempfile::TempDir {
    let site = site("basic");
    let p = site.path();
    let jpeg = std::fs::read(p.join("content/trainings/jahit-1/private.jpg")).unwrap();
    std::fs::write(p.join("content/trainings/zqx-private-photo.jpg"), &jpeg).unwrap();
    std::fs::write(p.join("content/stories/zqx-private-cover.jpg"), &jpeg).unwrap();
    write(
        p,
        "content/site.yaml",
        &read(&p.join("content/site.yaml")).replace(
            "internal: { protect: false }",
            "internal: { protect: false, note: ZqxSiteNote }",
        ),
    );
    write(
        p,
        "content/internal/rosters/jahit-1.yaml",
        &read(&p.join("content/internal/rosters/jahit-1.yaml"))
            .replace("Peserta Satu", "\"ZqxRosterName Ándrés\"")
            .replace("R-001", "ZQX-REG-0001")
            .replace("C-1", "ZqxCert/77"),
    );
    write(
        p,
        "content/partners/mitra-b.yaml",
        "name: Mitra B\nkind: business\ninternal:\n  contact: { name: \"ZqxContactName O'Brien\", phone: \"+62 899 7777 1234\", email: zqx.mail+tag@example.org }\n  agreement: { number: \"ZqxAgreement/2025 & Co\", signed: 2025-01-01, expires: 2027-01-01 }\n  notes: \"ZqxPartnerNote <b>\"\n",
    );
    write(
        p,
        "content/trainings/las-1.md",
        &read(&p.join("content/trainings/las-1.md")).replace(
            "photos:\n",
            "internal:\n  notes: ZqxTrainingNote\n  nested: { deep: [ZqxDeepValue] }\nphotos:\n  - { src: zqx-private-photo.jpg, alt: ZqxPrivateAlt, caption: ZqxPrivateCaption }\n",
        )
        .replace("programme: prog", "programme: zqx-draft"),
    );
    write(
        p,
        "content/programmes/zqx-draft.md",
        "---\ntitle: ZqxDraftProgramme\ndraft: true\n---\nZqxDraftProgramme body\n",
    );
    write(
        p,
        "content/programmes/prog.md",
        &read(&p.join("content/programmes/prog.md")).replace(
            "lead: Kepala Lapas",
            "lead: Kepala Lapas\ninternal: { notes: ZqxProgrammeNote }",
        ),
    );
    write(
        p,
        "content/outcomes/las-1.yaml",
        &format!(
            "{}internal: {{ notes: ZqxOutcomeNote }}\n",
            read(&p.join("content/outcomes/las-1.yaml"))
        ),
    );
    write(
        p,
        "content/stories/berita.md",
        &read(&p.join("content/stories/berita.md")).replace(
            "tags: [uji]",
            "tags: [uji]\ninternal: { notes: ZqxStoryNote }\ncover: { src: zqx-private-cover.jpg, alt: ZqxCoverAlt, public: false }",
        ),
    );
    write(
        p,
        "content/trainings/zqx-draft.md",
        "---\ntitle: ZqxDraftTrainingTitle\nskill: las\ncycle: 2025-10\nstart: 2025-10-01\nend: 2025-10-02\nlocation: ZqxDraftLocation\nparticipants: 3\ndraft: true\n---\nZqxDraftTrainingBody\n",
    );
    write(
        p,
        "content/stories/zqx-draft.md",
        "---\ntitle: ZqxDraftStoryTitle\ndate: 2025-12-02\nsummary: ZqxDraftStorySummary\ntags: [zqxdrafttag]\ntrainings: [las-1]\ndraft: true\n---\nZqxDraftStoryBody\n",
    );
    // A planned training's headcount is not public either.
    write(
        p,
        "content/trainings/kebun-rencana.md",
        &read(&p.join("content/trainings/kebun-rencana.md"))
            .replace("participants: 7", "participants: 4321"),
    );
    site
}

/// The forms a value can take in output: as typed, HTML-escaped, JSON- and
/// URL-escaped, and as a slug.
fn forms(value: &str) -> Vec<String> {
    let html = value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;");
    let html_numeric = value.replace('\'', "&#39;").replace('&', "&amp;");
    let json = value.replace('/', "\\/");
    let url: String = value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02x}")
            }
        })
        .collect();
    let plus = value.replace(' ', "+");
    let slug: String = value
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut all = vec![value.to_string(), html, html_numeric, json, url, plus, slug];
    for w in value.split_whitespace().filter(|w| w.len() >= 6) {
        all.push(w.to_string()); // a distinctive part alone, e.g. the surname
    }
    all.into_iter().map(|s| s.to_lowercase()).collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[test]
fn no_internal_value_reaches_the_public_site_in_any_form() {
    let site = canary_site();
    let out = build_ok(site.path());
    let public = tree(&out.join("public"));
    let internal = tree(&out.join("internal"));
    assert!(public.len() > 10, "the public site was built");
    let mut leaks = Vec::new();
    for (canary, shown_internally) in CANARIES {
        for form in forms(canary) {
            for (path, bytes) in &public {
                if contains(bytes, &form) || contains(path.as_bytes(), &form) {
                    leaks.push(format!("{canary:?} as {form:?} in public/{path}"));
                }
            }
        }
        if *shown_internally {
            let seen = internal
                .values()
                .any(|b| forms(canary).iter().any(|f| contains(b, f)));
            assert!(
                seen,
                "canary {canary:?} is not on the internal site, so this test would not catch it"
            );
        }
    }
    for number in ["4321", "4.321", "4,321"] {
        for (path, bytes) in public
            .iter()
            .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".json"))
        {
            if contains(bytes, number) {
                leaks.push(format!("planned headcount {number} in public/{path}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "internal data leaked:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn private_photo_bytes_never_reach_the_public_site() {
    let site = canary_site();
    let out = build_ok(site.path());
    let public = tree(&out.join("public"));
    let internal = tree(&out.join("internal"));
    let public_media: Vec<&Vec<u8>> = public
        .iter()
        .filter(|(p, _)| p.starts_with("media/"))
        .map(|(_, b)| b)
        .collect();
    let private_only: Vec<&String> = internal
        .iter()
        .filter(|(p, b)| p.starts_with("media/") && !public_media.contains(b))
        .map(|(p, _)| p)
        .collect();
    // zqx-private-photo, zqx-private-cover (same bytes, one file) and jahit's private.jpg.
    assert!(
        !private_only.is_empty(),
        "the internal site shows the private photos"
    );
    for p in &private_only {
        assert!(!public.contains_key(*p), "private photo {p} published");
    }
    let originals = [
        std::fs::read(site.path().join("content/trainings/zqx-private-photo.jpg")).unwrap(),
        std::fs::read(site.path().join("content/trainings/foto.jpg")).unwrap(),
    ];
    for bytes in public.values() {
        assert!(
            !originals.contains(bytes),
            "an original photo file was copied to the public site"
        );
    }
}

#[test]
fn changing_only_internal_content_leaves_the_public_site_byte_identical() {
    let site = canary_site();
    let before = tree(&build_ok(site.path()).join("public"));
    let p = site.path();
    // Rename people, change notes, drop drafts, replace a private photo.
    write(
        p,
        "content/internal/rosters/jahit-1.yaml",
        &read(&p.join("content/internal/rosters/jahit-1.yaml"))
            .replace("Peserta Dua", "Orang Lain")
            .replace("R-002", "R-999"),
    );
    write(
        p,
        "content/outcomes/las-1.yaml",
        &read(&p.join("content/outcomes/las-1.yaml")).replace("ZqxOutcomeNote", "changed"),
    );
    std::fs::remove_file(p.join("content/stories/zqx-draft.md")).unwrap();
    std::fs::remove_file(p.join("content/trainings/zqx-draft.md")).unwrap();
    // Another picture: a copy of a public photo would be refused (the same
    // bytes public in one place and private in another, stage 8 item 2).
    let other =
        std::fs::read(repo().join("content/trainings/barbershop-2025/barbershop-2.jpg")).unwrap();
    std::fs::write(p.join("content/trainings/zqx-private-photo.jpg"), other).unwrap();
    write(
        p,
        "content/partners/mitra-b.yaml",
        &read(&p.join("content/partners/mitra-b.yaml")).replace("ZqxPartnerNote", "another note"),
    );
    let after = tree(&build_ok(site.path()).join("public"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &before {
        assert!(
            bytes == &after[path],
            "public/{path} changed although only internal content did"
        );
    }
}
