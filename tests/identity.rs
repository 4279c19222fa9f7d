//! The facility's identity in site.yaml (a contract addition): the logo in
//! the header, the address and contacts in the footer, the letterhead and
//! the signature block of the printed report; and its mistakes, each named
//! at its line.

mod common;

use common::*;

#[test]
fn the_identity_is_on_every_page_and_the_report_is_signed() {
    let site = site("example");
    set_protect(site.path(), false);
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
    for audience in ["public", "internal"] {
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

/// Sharing: every public page has a description; a page without an image
/// of its own (a story without a cover) shares the site's card, the logo
/// on the site's colour; every NewsArticle names an image and the
/// publisher's logo; every sitemap entry has a lastmod.
#[test]
fn every_page_can_be_shared_with_a_description_and_an_image() {
    for (name, logo) in [("example", true), ("basic", false)] {
        let s = site(name);
        let public = build_ok(s.path()).join("public");
        let pages: Vec<_> = tree(&public)
            .into_iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .collect();
        assert!(pages.len() > 10, "{name}");
        let mut articles = 0;
        for (path, bytes) in &pages {
            let page = String::from_utf8_lossy(bytes);
            assert!(
                page.contains("<meta name=\"description\" content=\""),
                "{name}: {path} has no description"
            );
            if path == "404.html" {
                continue;
            }
            assert!(
                page.contains("<meta property=\"og:image\""),
                "{name}: {path}"
            );
            if let Some(ld) = page.split("\"@type\":\"NewsArticle\"").nth(1) {
                articles += 1;
                let ld = ld.split("</script>").next().unwrap();
                assert!(ld.contains("\"image\":\"https://"), "{name}: {path}: {ld}");
                assert!(
                    ld.contains("\"logo\":{\"@type\":\"ImageObject\",\"url\":\"https://"),
                    "{name}: {path}: {ld}"
                );
            }
        }
        assert!(articles > 0, "{name}: no story page");
        let cards: Vec<_> = std::fs::read_dir(public.join("assets"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("card-") && n.ends_with(".png"))
            .collect();
        assert_eq!(cards.len(), 1, "{name}: {cards:?}");
        let png = std::fs::read(public.join("assets").join(&cards[0])).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height, big-endian, at bytes 16..24.
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((w, h), (1200, 630), "{name}");
        // The site's colour at the edge; the logo, when there is one, in the middle.
        let img = image::load_from_memory(&png).unwrap().to_rgba8();
        let brand = image::Rgba([0x0f, 0x52, 0x57, 0xff]);
        assert_eq!(*img.get_pixel(5, 5), brand, "{name}");
        let other = img.pixels().filter(|p| **p != brand).count();
        assert_eq!(
            other > 10_000,
            logo,
            "{name}: {other} pixels not the site's colour"
        );
        let sitemap = read(&public.join("sitemap.xml"));
        let urls = sitemap.matches("<url>").count();
        assert!(urls > 5, "{sitemap}");
        assert_eq!(sitemap.matches("<lastmod>").count(), urls, "{sitemap}");
        assert!(!sitemap.contains("<lastmod></lastmod>"), "{sitemap}");
    }
    // The internal site is never shared: no card there.
    let s = site("example");
    set_protect(s.path(), false);
    let out = build_ok(s.path());
    let internal = tree(&out.join("internal"));
    assert!(!internal.keys().any(|p| p.starts_with("assets/card-")));
}
