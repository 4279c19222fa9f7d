//! The protected internal site from outside: with a passphrase no internal
//! value, private photo or private file name is readable in `output/internal`,
//! and decrypting it (with the crates called here, following the format in
//! src/protect.rs) gives back exactly the plain site; without a passphrase it
//! is not written; a short one is refused.

mod common;

use std::path::Path;

use common::sealed::Opener;
use common::*;

const PASSPHRASE: &str = "kopi pagi di Ruteng 2025";

/// Values only the internal site may show, planted in the basic fixture.
const CANARIES: &[&str] = &[
    "ZqxRosterName",
    "ZQX-REG-0001",
    "ZqxCert/77",
    "ZqxContactName",
    "zqx.mail+tag@example.org",
    "ZqxPartnerNote",
    "ZqxDraftTrainingTitle",
    "ZqxDraftTrainingBody",
    "ZqxDraftStoryTitle",
    "ZqxPrivateCaption",
    "ZqxPrivateAlt",
];
/// File names of private photos: not shown anywhere, not even internally.
const PRIVATE_NAMES: &[&str] = &["zqx-private-photo", "private.jpg"];

fn canary_site(protect: bool) -> tempfile::TempDir {
    let site = site("basic");
    let p = site.path();
    set_protect(p, protect);
    let jpeg = std::fs::read(p.join("content/trainings/jahit-1/private.jpg")).unwrap();
    std::fs::write(p.join("content/trainings/zqx-private-photo.jpg"), &jpeg).unwrap();
    write(
        p,
        "content/internal/rosters/jahit-1.yaml",
        &read(&p.join("content/internal/rosters/jahit-1.yaml"))
            .replace("Peserta Satu", "ZqxRosterName")
            .replace("R-001", "ZQX-REG-0001")
            .replace("C-1", "ZqxCert/77"),
    );
    write(
        p,
        "content/partners/mitra-b.yaml",
        "name: Mitra B\nkind: business\ninternal:\n  contact: { name: ZqxContactName, email: zqx.mail+tag@example.org }\n  notes: ZqxPartnerNote\n",
    );
    write(
        p,
        "content/trainings/las-1.md",
        &read(&p.join("content/trainings/las-1.md")).replace(
            "photos:\n",
            "photos:\n  - { src: zqx-private-photo.jpg, alt: ZqxPrivateAlt, caption: ZqxPrivateCaption }\n",
        ),
    );
    write(
        p,
        "content/trainings/zqx-draft.md",
        "---\ntitle: ZqxDraftTrainingTitle\nskill: las\ncycle: 2025-10\nstart: 2025-10-01\nend: 2025-10-02\nparticipants: 3\ndraft: true\n---\nZqxDraftTrainingBody\n",
    );
    write(
        p,
        "content/stories/zqx-draft.md",
        "---\ntitle: ZqxDraftStoryTitle\ndate: 2025-12-02\ndraft: true\n---\nBody.\n",
    );
    site
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

fn build_sealed(site: &Path) -> std::process::Output {
    let out = rapor_with(site, &["build"], Some(PASSPHRASE));
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    out
}

#[test]
fn a_sealed_internal_site_holds_no_private_data_and_opens_to_the_plain_one() {
    let sealed_site = canary_site(true);
    let out = build_sealed(sealed_site.path());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("internal files (encrypted)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let sealed = tree(&sealed_site.path().join("output/internal"));
    assert!(sealed.len() > 10);

    let mut leaks = Vec::new();
    for (path, bytes) in &sealed {
        for canary in CANARIES.iter().chain(PRIVATE_NAMES) {
            if contains(bytes, canary) || contains(path.as_bytes(), canary) {
                leaks.push(format!("{canary:?} in internal/{path}"));
            }
        }
        // No JPEG anywhere, whole or inside another file.
        if bytes.windows(3).any(|w| w == [0xFF, 0xD8, 0xFF]) {
            leaks.push(format!("JPEG bytes in internal/{path}"));
        }
        let allowed = path.ends_with(".html")
            || path.starts_with("assets/")
            || path == "robots.txt"
            || (path.starts_with("sealed/") && path.ends_with(".js"));
        if !allowed {
            leaks.push(format!("a plain file internal/{path}"));
        }
    }
    assert!(
        leaks.is_empty(),
        "readable internal data:\n{}",
        leaks.join("\n")
    );

    // The same content built plain: every file of it comes out of the sealed
    // site byte for byte, and nothing else is there.
    let plain_site = canary_site(false);
    build_ok(plain_site.path());
    let plain = tree(&plain_site.path().join("output/internal"));
    let opener = Opener::new(sealed_site.path(), PASSPHRASE);
    let mut opened = 0;
    for (path, bytes) in &plain {
        let got = opener.unseal(&sealed, path);
        assert!(
            got.as_ref() == Some(bytes),
            "internal/{path} does not open to the plain file"
        );
        opened += 1;
    }
    let shells = sealed.keys().filter(|p| p.ends_with(".html")).count();
    let sealed_files = sealed.keys().filter(|p| p.starts_with("sealed/")).count();
    let plain_pages = plain.keys().filter(|p| p.ends_with(".html")).count();
    assert_eq!(shells, plain_pages);
    // The unlock script, which only the sealed site runs, named with a hash
    // of its bytes.
    let scripts: Vec<&String> = sealed
        .keys()
        .filter(|p| p.starts_with("assets/protect-") && p.ends_with(".js"))
        .collect();
    assert_eq!(scripts.len(), 1, "the unlock script is published once");
    assert!(!plain.keys().any(|p| p.contains("protect")));
    assert_eq!(
        sealed.len(),
        opened + 1,
        "no file without a plain counterpart but the unlock script"
    );
    assert!(sealed_files >= 4, "photos and data files are sealed");
    // The canaries are really there, once opened.
    let training = opener
        .unseal(&sealed, "trainings/jahit-1/index.html")
        .unwrap();
    assert!(contains(&training, "ZqxRosterName") && contains(&training, "ZQX-REG-0001"));
    // And a wrong passphrase opens nothing.
    let wrong = Opener::new(sealed_site.path(), "kopi pagi di Ruteng 2026");
    assert_eq!(wrong.unseal(&sealed, "index.html"), None);
}

#[test]
fn locked_pages_are_generic_and_not_indexed() {
    let site = canary_site(true);
    build_sealed(site.path());
    let internal = site.path().join("output/internal");
    let shell = read(&internal.join("trainings/zqx-draft/index.html"));
    assert!(shell.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(shell.contains("<title>Situs internal terkunci · Uji Lapas</title>"));
    assert!(
        shell.contains("type=\"password\"") && shell.contains("<label for=\"rapor-passphrase\">")
    );
    assert!(shell.contains("rel=\"icon\"") && shell.contains("rel=\"stylesheet\""));
    assert_eq!(
        read(&internal.join("robots.txt")),
        "User-agent: *\nDisallow: /\n"
    );
}

#[test]
fn a_rebuild_gives_the_same_bytes_and_a_new_cache_a_new_salt() {
    let site = site("basic");
    set_protect(site.path(), true);
    build_sealed(site.path());
    let first = tree(&site.path().join("output/internal"));
    build_sealed(site.path());
    assert!(
        first == tree(&site.path().join("output/internal")),
        "a no-op rebuild changed the sealed site"
    );
    std::fs::remove_dir_all(site.path().join(".rapor-cache")).unwrap();
    build_sealed(site.path());
    let fresh = tree(&site.path().join("output/internal"));
    assert_ne!(first["index.html"], fresh["index.html"]);
    assert!(
        first
            .keys()
            .filter(|p| p.starts_with("sealed/"))
            .all(|p| !fresh.contains_key(p)),
        "a new salt renames every sealed file"
    );
}

#[test]
fn without_a_passphrase_the_public_site_builds_and_no_internal_site_remains() {
    let site = site("basic");
    // An earlier plain build left an internal site behind.
    build_ok(site.path());
    assert!(site.path().join("output/internal/index.html").is_file());
    set_protect(site.path(), true);
    let out = rapor(site.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for needed in [
        "warning:",
        "RAPOR_INTERNAL_PASSPHRASE is not set",
        "export RAPOR_INTERNAL_PASSPHRASE=",
        "$env:RAPOR_INTERNAL_PASSPHRASE = ",
    ] {
        assert!(err.contains(needed), "{needed:?} missing from:\n{err}");
    }
    assert!(site.path().join("output/public/index.html").is_file());
    assert!(
        !site.path().join("output/internal").exists(),
        "no stale plain copy lingers"
    );
    // It said so, since there was a copy to remove.
    assert!(err.contains("its earlier copy is removed"), "{err}");
    // An empty value is no passphrase either; now there is no copy, and no
    // message claims one.
    let out = rapor_with(site.path(), &["build"], Some(""));
    let err = stderr(&out);
    assert!(out.status.success() && err.contains("is not set"), "{err}");
    assert!(!err.contains("earlier copy"), "{err}");
}

#[test]
fn a_short_passphrase_is_refused_and_nothing_is_written() {
    let site = site("basic");
    set_protect(site.path(), true);
    let out = rapor_with(site.path(), &["build"], Some("elevenchars"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("RAPOR_INTERNAL_PASSPHRASE: error: the passphrase has 11 characters; it needs at least 12"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path().join("output").exists());
    // Twelve characters, counted as characters and not bytes, are enough.
    let out = rapor_with(site.path(), &["check"], Some("ÁáÁáÁáÁáÁáÁá"));
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn protect_false_writes_plain_files_with_a_warning() {
    let site = site("basic");
    let out = rapor_with(site.path(), &["build"], Some(PASSPHRASE));
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(
            "warning: `internal.protect` is false: output/internal is written as plain files"
        ),
        "{}",
        stderr(&out)
    );
    let page = read(
        &site
            .path()
            .join("output/internal/trainings/jahit-1/index.html"),
    );
    assert!(page.contains("Peserta Satu"), "the roster is in plain text");
    assert!(!site.path().join("output/internal/sealed").exists());
}
