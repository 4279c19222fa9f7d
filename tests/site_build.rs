//! End-to-end: the real binary on fixture sites and on the example site.

mod common;

use common::*;
use serde_json::{Value, json};

fn stats(out: &std::path::Path, audience: &str) -> Value {
    serde_json::from_str(&read(&out.join(audience).join("data/stats.json"))).unwrap()
}

#[test]
fn basic_fixture_stats_follow_the_contract_exactly() {
    let site = site("basic");
    let out = build_ok(site.path());
    let s = stats(&out, "public");
    // las-1 (10 people, 8 certified) and jahit-1 (roster of 3, 2 certified)
    // count; the planned and the draft training (and its outcome) do not.
    assert_eq!(
        s,
        json!({
            "totals": {
                "trainings": 2, "participants": 13, "certificates": 10,
                "training_hours": 60, "partners": 2, "products_units": 5,
                "products_value_idr": 950000, "state_budget_idr": 1000000,
                "partner_contribution_idr": 3000000
            },
            "by_skill": [
                {"skill": "las", "label": "Las Listrik", "trainings": 1, "participants": 10, "certificates": 8, "training_hours": 40},
                {"skill": "jahit", "label": "Menjahit", "trainings": 1, "participants": 3, "certificates": 2, "training_hours": 20},
                {"skill": "kebun", "label": "Berkebun", "trainings": 0, "participants": 0, "certificates": 0, "training_hours": 0}
            ],
            "by_cycle": [
                {"cycle": "2025-10", "trainings": 1, "participants": 10, "certificates": 8},
                {"cycle": "2025-2", "trainings": 1, "participants": 3, "certificates": 2}
            ],
            "by_partner": [
                {"partner": "mitra-a", "name": "Mitra A", "trainings": 2, "participants": 13},
                {"partner": "mitra-b", "name": "Mitra B", "trainings": 1, "participants": 10}
            ]
        })
    );
    let internal = stats(&out, "internal");
    assert_eq!(
        internal["totals"], s["totals"],
        "the internal stats extend the public ones"
    );
    assert_eq!(internal["rosters"]["participants"], 3);
    assert_eq!(internal["rosters"]["female"], 2);
    assert_eq!(internal["rosters"]["male"], 1);
    assert_eq!(internal["rosters"]["pass_rate_pct"], 66.7);
}

#[test]
fn example_site_stats_match_its_records() {
    let site = site("example");
    let out = build_ok(site.path());
    let s = stats(&out, "public");
    assert_eq!(
        s["totals"],
        json!({
            "trainings": 4, "participants": 58, "certificates": 34, "training_hours": 172,
            "partners": 2, "products_units": 16, "products_value_idr": 12750000,
            "state_budget_idr": 0, "partner_contribution_idr": 42050000
        })
    );
    let skills: Vec<&str> = s["by_skill"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["skill"].as_str().unwrap())
        .collect();
    assert_eq!(skills, ["barbershop", "tata-rias", "yoga", "meubel"]);
}

#[test]
fn public_pages_exist_for_public_records_only() {
    let site = site("basic");
    let out = build_ok(site.path()).join("public");
    for page in [
        "index.html",
        "trainings/index.html",
        "trainings/las-1/index.html",
        "trainings/jahit-1/index.html",
        "trainings/kebun-rencana/index.html",
        "partners/index.html",
        "partners/mitra-a/index.html",
        "partners/mitra-b/index.html",
        "stories/index.html",
        "stories/berita/index.html",
        "programmes/prog/index.html",
        "impact/index.html",
        "data/stats.json",
    ] {
        assert!(out.join(page).is_file(), "missing public page {page}");
    }
    assert!(
        !out.join("trainings/las-draft").exists(),
        "a draft training was published"
    );
    assert!(
        !out.join("stories/draf").exists(),
        "a draft story was published"
    );

    let story = read(&out.join("stories/berita/index.html"));
    assert!(
        story.contains("href=\"../../trainings/las-1/index.html\""),
        "links are relative and name the file"
    );
    assert!(
        !story.contains("Las Lanjutan"),
        "a link to a draft training leaked"
    );

    let planned = read(&out.join("trainings/kebun-rencana/index.html"));
    assert!(planned.contains("Direncanakan"));
    assert!(
        !planned.contains("<dt>Peserta</dt>"),
        "a planned training shows no participants"
    );
}

#[test]
fn internal_site_shows_rosters_contacts_drafts_and_private_photos() {
    let site = site("basic");
    let out = build_ok(site.path()).join("internal");
    let jahit = read(&out.join("trainings/jahit-1/index.html"));
    for name in [
        "Peserta Satu",
        "Peserta Dua",
        "Peserta Tiga",
        "R-001",
        "C-2",
    ] {
        assert!(
            jahit.contains(name),
            "roster value {name} missing from the internal page"
        );
    }
    assert!(
        jahit.contains("Belum ada izin publikasi"),
        "private photo is marked"
    );
    let partner = read(&out.join("partners/mitra-a/index.html"));
    assert!(partner.contains("Kontak Satu") && partner.contains("01/PKS/2025"));
    // Judged against the latest content date (2025-12-01), expiring 2025-12-31.
    assert!(
        partner.contains("badge-expiring"),
        "agreement expiry is highlighted"
    );
    let draft = read(&out.join("trainings/las-draft/index.html"));
    assert!(draft.contains("Draf"));
    assert!(out.join("stories/draf/index.html").is_file());
    let home = read(&out.join("index.html"));
    assert!(home.contains("noindex"), "internal pages are not indexed");
    assert_eq!(
        read(&out.join("robots.txt")),
        "User-agent: *\nDisallow: /\n"
    );
}

#[test]
fn indonesian_formats_on_pages() {
    let site = site("basic");
    let out = build_ok(site.path()).join("public");
    let home = read(&out.join("index.html"));
    assert!(home.contains("<html lang=\"id\">"));
    assert!(home.contains("Rp\u{a0}3.000.000"), "rupiah with dots");
    let story = read(&out.join("stories/berita/index.html"));
    assert!(story.contains("10 November 2025"));
    let training = read(&out.join("trainings/las-1/index.html"));
    assert!(
        training.contains("1–31 Oktober 2025"),
        "date range in Indonesian"
    );
    assert!(training.contains("80,5"), "decimal comma");
}

#[test]
fn english_switches_labels_and_formats() {
    let site = site("basic");
    let yaml = read(&site.path().join("content/site.yaml")).replace("language: id", "language: en");
    write(site.path(), "content/site.yaml", &yaml);
    let out = build_ok(site.path()).join("public");
    let home = read(&out.join("index.html"));
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("Partner contribution"));
    assert!(home.contains("Rp\u{a0}3,000,000"));
    let story = read(&out.join("stories/berita/index.html"));
    assert!(story.contains("10 November 2025") && story.contains("News"));
    assert!(!home.contains("Beranda"));
}

#[test]
fn two_builds_in_different_folders_are_byte_identical() {
    let a = site("example");
    let b = site("example");
    // Plain, so that the internal site is compared too (a sealed one has a
    // salt of its own in each folder; tests/protect.rs checks its rebuilds).
    set_protect(a.path(), false);
    set_protect(b.path(), false);
    let ta = tree(&build_ok(a.path()));
    let tb = tree(&build_ok(b.path()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
    // And a rebuild in place gives the same bytes again.
    let again = tree(&build_ok(a.path()));
    assert_eq!(ta, again);
}

#[test]
fn check_writes_nothing() {
    let site = site("basic");
    let out = rapor(site.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.path().join("output").exists());
}

#[test]
fn published_photos_are_re_encoded_upright_and_stripped() {
    let site = site("basic");
    let out = build_ok(site.path());
    let public = tree(&out.join("public"));
    let media: Vec<(&String, &Vec<u8>)> = public
        .iter()
        .filter(|(p, _)| p.starts_with("media/"))
        .collect();
    // foto.jpg, jahit.jpg and the logo, each with its WebP beside it (all
    // three are smaller as WebP); never private.jpg.
    let webp = media.iter().filter(|m| m.0.ends_with(".webp")).count();
    let others = media.len() - webp;
    let names = || media.iter().map(|m| m.0).collect::<Vec<_>>();
    assert_eq!(others, 3, "{:?}", names());
    assert_eq!(webp, 3, "{:?}", names());
    for (path, bytes) in &media {
        for needle in [&b"Exif"[..], b"FixtureCam", b"FIXTURE-SOFTWARE-TAG"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{path} keeps metadata"
            );
        }
    }
    let names: Vec<&String> = public.keys().collect();
    for original in ["foto.jpg", "jahit.jpg", "private.jpg", "mitra-a.png"] {
        assert!(
            !names.iter().any(|n| n.ends_with(original)),
            "original file name {original} published"
        );
    }
    // foto.jpg is stored 96×64 with EXIF orientation 6: published 64×96.
    let las = read(&out.join("public/trainings/las-1/index.html"));
    assert!(
        las.contains("width=\"64\" height=\"96\""),
        "orientation applied: {las}"
    );
    // The internal site has the private photo as well.
    let internal_media = tree(&out.join("internal"))
        .keys()
        .filter(|p| p.starts_with("media/") && !p.ends_with(".webp"))
        .count();
    assert_eq!(internal_media, 4);
}

#[test]
fn a_site_theme_overrides_one_template() {
    let site = site("basic");
    write(
        site.path(),
        "themes/default/templates/story.html",
        "{% extends \"base.html\" %}{% block content %}<p>CUSTOM {{ story.title }}</p>{% endblock content %}",
    );
    let out = build_ok(site.path()).join("public");
    assert!(read(&out.join("stories/berita/index.html")).contains("<p>CUSTOM Berita Uji</p>"));
    // Other templates still come from the built-in theme.
    assert!(read(&out.join("index.html")).contains("class=\"figures\""));
}

#[test]
fn a_broken_theme_template_is_reported_with_its_file() {
    let site = site("basic");
    write(
        site.path(),
        "themes/default/templates/story.html",
        "{% if %}",
    );
    let out = rapor(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("themes/default/templates/story.html"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2_and_content_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    // Not at a console (stdin is not a terminal): the usage, not the editor.
    let no_command = std::process::Command::new(env!("CARGO_BIN_EXE_rapor"))
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(no_command.status.code(), Some(2));
    let bad_flag = rapor(dir.path(), &["build", "--frobnicate"]);
    assert_eq!(bad_flag.status.code(), Some(2));
    let empty = rapor(dir.path(), &["build"]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stderr(&empty).contains("no `content` folder"),
        "{}",
        stderr(&empty)
    );
}

#[test]
fn feed_sitemap_robots_and_csv_exports_hold_public_records_only() {
    let site = site("basic");
    let out = build_ok(site.path()).join("public");
    let feed = read(&out.join("feed.xml"));
    assert!(feed.starts_with("<?xml"));
    assert!(
        feed.contains(
            "<link href=\"https://uji.example.org/sub/stories/berita/\" rel=\"alternate\""
        )
    );
    assert!(
        feed.contains("<updated>2025-11-10T00:00:00Z</updated>"),
        "dated by the newest public story"
    );
    assert!(feed.contains("<summary>Ringkasan berita.</summary>"));
    assert!(!feed.contains("Berita Draf"));
    assert_eq!(feed.matches("<entry>").count(), 1);

    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://uji.example.org/sub/</loc>"));
    assert!(sitemap.contains("<loc>https://uji.example.org/sub/trainings/las-1/</loc>"));
    assert!(!sitemap.contains("las-draft") && !sitemap.contains("404"));
    assert_eq!(
        read(&out.join("robots.txt")),
        "User-agent: *\nAllow: /\nSitemap: https://uji.example.org/sub/sitemap.xml\n"
    );

    let trainings = read(&out.join("data/trainings.csv"));
    assert!(
        trainings.starts_with('\u{feff}'),
        "a BOM, so Excel reads UTF-8"
    );
    let rows: Vec<&str> = trainings
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(
        rows[0], "id,judul,keterampilan,siklus,mitra,mulai,selesai,status,jam,peserta,sertifikat",
        "headers in the site's language"
    );
    assert_eq!(
        rows[1],
        "jahit-1,Menjahit,jahit,2025-2,mitra-a,2025-03-01,2025-03-20,completed,20,3,2"
    );
    assert_eq!(
        rows[2],
        "las-1,Las Listrik Dasar,las,2025-10,mitra-a mitra-b,2025-10-01,2025-10-31,completed,40,10,8"
    );
    assert_eq!(
        rows[3], "kebun-rencana,Berkebun Sayur,kebun,,,2026-02-01,,planned,,,",
        "planned: title, skill and dates only"
    );
    assert_eq!(rows.len(), 4, "the draft is left out");

    let stats = read(&out.join("data/stats.csv"));
    assert!(stats.contains("\r\ntotals,,,participants,13\r\n"));
    assert!(stats.contains("\r\nby_partner,mitra-a,Mitra A,trainings,2\r\n"));
    assert!(stats.contains("\r\nby_skill,kebun,Berkebun,trainings,0\r\n"));
}

#[test]
fn stories_carry_social_cards_and_news_article_json_ld() {
    let site = site("example");
    set_protect(site.path(), false);
    let out = build_ok(site.path());
    let page = read(&out.join("public/stories/rutan-ruteng-gandeng-mitra/index.html"));
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    let image = page
        .split("<meta property=\"og:image\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let local = image
        .strip_prefix("https://rutan-ruteng.example.org/")
        .expect("absolute, from base_url");
    assert!(
        local.ends_with("-card.jpg") && out.join("public").join(local).is_file(),
        "{image}"
    );
    let json = page
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let ld: Value = serde_json::from_str(json).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["datePublished"], "2025-12-13");
    assert_eq!(
        ld["publisher"]["name"],
        "Rumah Tahanan Negara Kelas IIB Ruteng"
    );
    let home = read(&out.join("public/index.html"));
    assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
    assert!(
        home.contains("-card.jpg"),
        "other pages use the newest story's card"
    );
    assert!(
        !read(&out.join("internal/index.html")).contains("og:"),
        "internal pages are not for sharing"
    );
}

/// The `<svg>` elements of a page.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap() + 6])
        .collect()
}

/// The numbers written at the ends of a chart's bars, in order.
fn bar_values(svg: &str) -> Vec<String> {
    svg.split("<text class=\"chart-value\"")
        .skip(1)
        .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_string())
        .collect()
}

#[test]
fn impact_charts_are_accessible_svg_beside_their_figures() {
    let site = site("basic");
    let out = build_ok(site.path());
    let impact = read(&out.join("public/impact/index.html"));
    let charts = svgs(&impact);
    assert_eq!(charts.len(), 3, "budget, by skill, by cycle");
    for svg in &charts {
        assert!(svg.contains("role=\"img\" aria-label=\""), "{svg}");
        assert!(svg.contains("<title>"), "{svg}");
        assert!(!svg.contains("<script"), "charts need no JavaScript");
    }
    let [budget, by_skill, by_cycle] = [charts[0], charts[1], charts[2]];
    assert!(budget.contains("aria-label=\"Kontribusi mitra dibandingkan anggaran negara\""));
    assert_eq!(
        bar_values(budget),
        ["Rp\u{a0}3.000.000", "Rp\u{a0}1.000.000"]
    );
    assert!(by_skill.contains("aria-label=\"Peserta menurut keterampilan\""));
    // Every skill of site.yaml, in its order, zeros included (as stats.json).
    assert_eq!(bar_values(by_skill), ["10", "3", "0"]);
    let labels: Vec<&str> = by_skill
        .split("class=\"chart-label\"")
        .skip(1)
        .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
        .collect();
    assert_eq!(labels, ["Las Listrik", "Menjahit", "Berkebun"]);
    // Participants and certificates of each cycle, side by side.
    assert_eq!(bar_values(by_cycle), ["10", "8", "3", "2"]);
    // Bar lengths follow the values: 10 participants is the longest bar.
    let widths: Vec<u32> = by_skill
        .split("<rect class=\"series-1\" x=\"0\" y=\"")
        .skip(1)
        .map(|r| {
            let w = &r[r.find("width=\"").unwrap() + 7..];
            w[..w.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert!(
        widths[0] > widths[1] && widths[1] > widths[2] && widths[2] == 0,
        "{widths:?}"
    );
    // The same figures are in a table beside each chart.
    assert!(impact.contains("<th scope=\"row\">Las Listrik</th><td class=\"num\">1</td><td class=\"num\">10</td><td class=\"num\">8</td>"));

    let english = site_with(site.path(), "language: id", "language: en");
    let impact = read(&english.join("public/impact/index.html"));
    assert!(impact.contains("aria-label=\"Participants by skill\""));
    assert!(impact.contains(">Rp\u{a0}3,000,000</text>"));
}

/// Rebuilds `site` after replacing `from` with `to` in its site.yaml.
fn site_with(site: &std::path::Path, from: &str, to: &str) -> std::path::PathBuf {
    let text = read(&site.join("content/site.yaml"));
    assert!(text.contains(from), "site.yaml has no `{from}`");
    write(site, "content/site.yaml", &text.replace(from, to));
    build_ok(site)
}

#[test]
fn the_report_gathers_the_programme_for_print_and_staff_get_roster_summaries() {
    let site = site("basic");
    let out = build_ok(site.path());
    let public = read(&out.join("public/report/index.html"));
    for expected in [
        "<h1>Laporan program</h1>",
        // The period runs from the first start to the last end of the
        // trainings that count (jahit-1 in March, las-1 in October).
        "1 Maret – 31 Oktober 2025",
        "Program Uji",
        "Konsultasi",
        "Evaluasi",
        "Las Listrik Dasar",
        "Menjahit",
        "Berkebun Sayur",
        "Mitra A",
        "Mitra B",
    ] {
        assert!(public.contains(expected), "the report lacks {expected}");
    }
    assert!(
        !public.contains("Las Lanjutan"),
        "a draft training is not reported"
    );
    assert!(
        !public.contains("Ringkasan daftar peserta"),
        "rosters are internal"
    );
    // Trainings oldest first, like a chronicle.
    let (jahit, las) = (
        public.find(">Menjahit</a>").unwrap(),
        public.find(">Las Listrik Dasar</a>").unwrap(),
    );
    assert!(jahit < las);
    // Photos chosen for the report come from public photos only.
    assert!(public.contains("class=\"report-photos\""));

    let internal = read(&out.join("internal/report/index.html"));
    assert!(internal.contains("Ringkasan daftar peserta (internal)"));
    assert!(internal.contains("Tingkat kelulusan"));
    assert!(
        internal.contains("66,7%"),
        "the roster's pass rate is summarised"
    );
    assert!(
        !internal.contains("Las Lanjutan"),
        "drafts stay out of the report"
    );

    // Laid out for A4 paper.
    let css_name = public
        .split("rel=\"stylesheet\" href=\"../")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let css = read(&out.join("public").join(css_name));
    assert!(css.contains("@page { size: A4;"));
    assert!(css.contains("@media print"));
    // Reachable from the impact page and every footer.
    assert!(read(&out.join("public/impact/index.html")).contains("href=\"../report/index.html\""));
}

#[test]
fn a_long_list_of_stories_comes_in_pages_and_the_feed_keeps_the_newest() {
    let site = site("basic");
    // 64 more stories, a day apart: with the fixture's one, 65 public stories.
    for i in 1..=64u32 {
        let date = format!("2024-{:02}-{:02}", 1 + (i - 1) / 28, 1 + (i - 1) % 28);
        write(
            site.path(),
            &format!("content/stories/tambahan-{i:02}.md"),
            &format!("---\ntitle: Berita tambahan {i:02}\ndate: {date}\n---\nIsi {i}.\n"),
        );
    }
    let out = build_ok(site.path()).join("public");
    let first = read(&out.join("stories/index.html"));
    let second = read(&out.join("stories/page/2/index.html"));
    let third = read(&out.join("stories/page/3/index.html"));
    assert!(!out.join("stories/page/4").exists());
    assert!(!out.join("stories/page/1").exists(), "page 1 is /stories/");
    let cards = |html: &str| html.matches("<li class=\"card\">").count();
    assert_eq!((cards(&first), cards(&second), cards(&third)), (30, 30, 5));
    // Newest first: the fixture's story (2025) opens page 1, the oldest
    // added one closes page 3.
    assert!(first.contains("Berita Uji"));
    assert!(third.contains("Berita tambahan 01"));
    assert!(!first.contains("Berita Draf"));
    // Each page links to its neighbours, relatively, and says where it is.
    assert!(first.contains("Halaman 1 dari 3"));
    assert!(first.contains("rel=\"next\" href=\"../stories/page/2/index.html\""));
    assert!(!first.contains("rel=\"prev\""));
    assert!(second.contains("rel=\"prev\" href=\"../../../stories/index.html\""));
    assert!(second.contains("rel=\"next\" href=\"../../../stories/page/3/index.html\""));
    assert!(!third.contains("rel=\"next\""));
    assert!(second.contains("<title>Berita (halaman 2)"));

    let feed = read(&out.join("feed.xml"));
    assert_eq!(feed.matches("<entry>").count(), 50);
    assert!(feed.contains("Berita Uji"));
    assert!(
        !feed.contains("Berita tambahan 15<"),
        "the 15 oldest are left out"
    );
    assert!(feed.contains("Berita tambahan 16<"));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("stories/page/3/</loc>"));
    assert!(sitemap.contains("stories/tambahan-01/</loc>"));
}

/// A build says how many drafts it kept off the public site.
#[test]
fn a_build_says_how_many_drafts_stay_off_the_public_site() {
    let site = common::site("example");
    let out = common::rapor(site.path(), &["build"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(
        said.contains("2 draft(s) not published on the public site"),
        "{said}"
    );
}
