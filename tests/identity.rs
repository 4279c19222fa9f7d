//! The facility's identity in site.yaml (a contract addition): the logo in
//! the header, the address and contacts in the footer, the letterhead and
//! the signature block of the printed report; and its mistakes, each named
//! at its line.

mod common;

use common::*;

#[test]
fn the_identity_is_on_every_page_and_the_report_is_signed() {
    let site = site("example");
    let out = build_ok(site.path());
    let home = read(&out.join("public/index.html"));
    let logo = home
        .split("<img class=\"brand-logo\" src=\"./")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the header shows the logo");
    assert!(out.join("public").join(logo).is_file(), "{logo}");
    for needle in [
        "<address class=\"contacts\">",
        "Jl. Motang Rua, Ruteng",
        "href=\"mailto:humas@rutan-ruteng.example.org\"",
        "href=\"https://www.instagram.com/example.rutanruteng/\" rel=\"me\">Instagram</a>",
        "Kantor Wilayah Kementerian Imigrasi dan Pemasyarakatan Nusa Tenggara Timur",
    ] {
        assert!(home.contains(needle), "the home page lacks {needle}");
    }
    for audience in ["public"] {
        let report = read(&out.join(audience).join("report/index.html"));
        for needle in [
            "<p class=\"letterhead-name\">Rumah Tahanan Negara Kelas IIB Ruteng</p>",
            "class=\"letterhead-logo\"",
            "<p>Ruteng, ",
            "<p>Mengetahui,</p>",
            "<p>Kepala Rumah Tahanan Negara Kelas IIB Ruteng</p>",
            "<p class=\"signature-name\">Nama Kepala Rutan</p>",
            "<figcaption class=\"chart-title\">",
        ] {
            assert!(report.contains(needle), "{audience} report lacks {needle}");
        }
    }
}

#[test]
fn without_an_identity_the_report_leaves_the_signature_to_be_written() {
    let site = site("basic");
    let out = build_ok(site.path());
    let home = read(&out.join("public/index.html"));
    assert!(!home.contains("brand-logo") && !home.contains("<address"));
    let report = read(&out.join("public/report/index.html"));
    assert!(report.contains("<p>Mengetahui,</p>"), "{report}");
    assert!(
        report.contains("<p class=\"signature-name\">……"),
        "{report}"
    );
}

#[test]
fn identity_mistakes_are_each_named_at_their_line() {
    let site = site("example");
    let path = site.path().join("content/site.yaml");
    let text = read(&path)
        .replace("  logo: media/logo.png ", "  logo: media/tidak-ada.png ")
        .replace(
            "  email: humas@rutan-ruteng.example.org",
            "  email: humas di rutan",
        )
        .replace(
            "      url: https://www.instagram.com/example.rutanruteng/",
            "      url: instagram.com/rutanruteng",
        )
        .replace(
            "    title: Kepala Rumah Tahanan Negara Kelas IIB Ruteng\n",
            "",
        );
    std::fs::write(&path, &text).unwrap();
    let line = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("{needle} not in site.yaml"))
    };
    let out = rapor(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    for (needle, words) in [
        ("logo: media/tidak-ada.png", "tidak-ada.png"),
        ("email: humas di rutan", "email address"),
        ("url: instagram.com", "must start with https://"),
        ("  head:", "`facility.head` needs `name` and `title`"),
    ] {
        let at = format!("content/site.yaml:{}:", line(needle));
        assert!(
            said.lines().any(|l| l.contains(&at) && l.contains(words)),
            "no error at {at} saying {words}:\n{said}"
        );
    }
    assert!(
        !site.path().join("output").exists(),
        "a failed build wrote output"
    );
}
