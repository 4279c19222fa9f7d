//! `rapor portal build` on small generated portals (`examples/make_site.rs
//! --portal`): figures summed from each facility's own `stats.json`, a page
//! per facility, region and skill, no internal data of any facility, a
//! broken facility named by its file and line, and the same bytes twice.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use serde_json::Value;

/// A generated portal of `n` facilities in `dir`.
fn generate(dir: &Path, n: usize, seed: u64) {
    let out = Command::new(make_site())
        .arg(dir)
        .args(["--portal", &n.to_string(), "--stories", "8"])
        .args(["--seed", &seed.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

fn portal_build(dir: &Path) -> Output {
    rapor(dir, &["portal", "build"])
}

fn portal_ok(dir: &Path) -> PathBuf {
    let out = portal_build(dir);
    assert!(
        out.status.success(),
        "portal build failed:\n{}",
        stderr(&out)
    );
    dir.join("output/public")
}

/// (id, path, region) of every facility of `dir/portal.yaml`.
fn facilities(dir: &Path) -> Vec<(String, PathBuf, String)> {
    let yaml: serde_yaml::Value = serde_yaml::from_str(&read(&dir.join("portal.yaml"))).unwrap();
    yaml["facilities"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("id"), dir.join(s("path")), s("region"))
        })
        .collect()
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap()
}

/// The keys of a facility's `totals` and their values.
fn totals(v: &Value) -> BTreeMap<String, u64> {
    v.as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_u64()?)))
        .collect()
}

#[test]
fn portal_figures_are_the_sums_of_each_facilitys_own_stats_json() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 4, 5);
    let public = portal_ok(dir);
    let portal = json(&public.join("data/stats.json"));

    let mut national: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_region: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    let list = facilities(dir);
    assert_eq!(list.len(), 4);
    for (id, path, region) in &list {
        build_ok(path);
        let own = json(&path.join("output/public/data/stats.json"));
        let own = totals(&own["totals"]);
        assert_eq!(own.len(), TOTAL_KEYS.len(), "{id}: {own:?}");
        let row = portal["by_facility"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["facility"] == id.as_str())
            .unwrap_or_else(|| panic!("no row of {id}"));
        let row_totals: BTreeMap<String, u64> = TOTAL_KEYS
            .iter()
            .map(|k| (k.to_string(), row[k].as_u64().unwrap()))
            .collect();
        assert_eq!(row_totals, own, "the row of {id} carries its own totals");
        for (k, v) in &own {
            *national.entry(k.clone()).or_default() += v;
            *by_region
                .entry(region.clone())
                .or_default()
                .entry(k.clone())
                .or_default() += v;
        }
    }
    assert!(national["trainings"] > 0 && national["participants"] > 0);
    assert_eq!(totals(&portal["totals"]), national);
    let regions = portal["by_region"].as_array().unwrap();
    assert_eq!(regions.len(), 2, "4 facilities in 2 provinces");
    for r in regions {
        let name = r["region"].as_str().unwrap();
        let sums: BTreeMap<String, u64> = TOTAL_KEYS
            .iter()
            .map(|k| (k.to_string(), r[k].as_u64().unwrap()))
            .collect();
        assert_eq!(sums, by_region[name], "{name}");
    }

    // A page per facility, per region and per skill, at the right paths.
    for (id, path, _) in &list {
        let page = read(&public.join(format!("facilities/{id}/index.html")));
        let site = read(&path.join("content/site.yaml"));
        let name = site
            .lines()
            .find_map(|l| l.strip_prefix("  name: "))
            .unwrap();
        assert!(page.contains(name), "{id}'s page names it");
        assert!(
            page.contains(&format!("https://{id}.example.org/")),
            "{id}: its own site"
        );
    }
    for slug in ["nusa-tenggara-timur", "jawa-barat"] {
        let page = read(&public.join(format!("regions/{slug}/index.html")));
        assert!(page.contains("<h1>"), "{slug}");
    }
    let skills = portal["by_skill"].as_array().unwrap();
    assert!(!skills.is_empty());
    for s in skills {
        let key = s["skill"].as_str().unwrap();
        assert!(
            public.join(format!("skills/{key}/index.html")).is_file(),
            "{key}"
        );
    }
    // A national partner that several facilities name the same way.
    let shared = portal["by_partner"].as_array().unwrap();
    let bnsp = shared
        .iter()
        .find(|p| p["partner"] == "bnsp")
        .expect("bnsp works with several facilities");
    assert!(bnsp["facilities"].as_array().unwrap().len() >= 2);
    assert!(
        read(&public.join("partners/index.html")).contains("Badan Nasional Sertifikasi Profesi")
    );
    // A local partner id that facilities share under other names is not shared.
    assert!(!shared.iter().any(|p| p["partner"] == "mitra-0001"));
}

#[test]
fn no_internal_data_of_any_facility_reaches_the_portal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 3, 11);
    // The first facility with a roster gets a canary as a participant's
    // name, and another in a partner's internal notes.
    let (id, site, _) = facilities(dir)
        .into_iter()
        .find(|(_, p, _)| {
            std::fs::read_dir(p.join("content/internal/rosters"))
                .is_ok_and(|mut d| d.next().is_some())
        })
        .expect("a facility with a roster");
    let roster = std::fs::read_dir(site.join("content/internal/rosters"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = read(&roster);
    let first = text
        .lines()
        .find_map(|l| l.strip_prefix("    name: "))
        .unwrap()
        .to_string();
    let name_canary = "Kanariawati Zyxquorth";
    std::fs::write(
        &roster,
        text.replacen(
            &format!("name: {first}"),
            &format!("name: {name_canary}"),
            1,
        ),
    )
    .unwrap();
    let partner = site.join("content/partners/mitra-0001.yaml");
    let note_canary = "kanari-catatan-internal-8841";
    let mut p = read(&partner);
    p.push_str(&format!("  notes: {note_canary}\n"));
    std::fs::write(&partner, p).unwrap();

    // Proven to reach the facility's own internal output...
    build_ok(&site);
    let internal = tree(&site.join("output/internal"));
    let shows = |files: &BTreeMap<String, Vec<u8>>, needle: &str| {
        files
            .iter()
            .find(|(_, b)| String::from_utf8_lossy(b).contains(needle))
            .map(|(k, _)| k.clone())
    };
    assert!(
        shows(&internal, name_canary).is_some(),
        "{id}: the roster name is on its internal site"
    );
    assert!(
        shows(&internal, note_canary).is_some(),
        "{id}: the note is on its internal site"
    );
    // ...and to no file of the portal, nor to any file name.
    let public = portal_ok(dir);
    let files = tree(&public);
    assert!(files.len() > 5);
    for needle in [name_canary, note_canary, first.as_str()] {
        assert_eq!(shows(&files, needle), None, "{needle} is in the portal");
        assert!(!files.keys().any(|k| k.contains(needle)));
    }
}

#[test]
fn a_roster_name_typed_into_a_public_title_disguised_stops_the_portal_at_that_field() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 3, 11);
    // Not the first facility: the value must be named as its own.
    let all = facilities(dir);
    let (id, site, _) = all
        .iter()
        .skip(1)
        .find(|(_, p, _)| {
            std::fs::read_dir(p.join("content/internal/rosters"))
                .is_ok_and(|mut d| d.next().is_some())
        })
        .cloned()
        .expect("a facility other than the first with a roster");
    let roster = std::fs::read_dir(site.join("content/internal/rosters"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let name = read(&roster)
        .lines()
        .find_map(|l| l.strip_prefix("    name: "))
        .unwrap()
        .to_string();
    let (given, family) = name.split_once(' ').expect("a name of two words");
    // Upper case, a no-break space, and the story's title is the portal's
    // "latest news" on the facility's page.
    let disguised = format!("{}\u{a0}{family}", given.to_uppercase());
    let story = std::fs::read_dir(site.join("content/stories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .min()
        .unwrap();
    let text = read(&story);
    let title = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    let leaked = format!(
        "title: \"{disguised} dan {}\"",
        title["title: ".len()..].replace('"', "")
    );
    std::fs::write(&story, text.replacen(title, &leaked, 1)).unwrap();
    assert!(!text.contains("draft: true"), "the story is published");

    let out = portal_build(dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let rel = story.strip_prefix(dir).unwrap().display().to_string();
    let roster_rel = roster.strip_prefix(dir).unwrap().display().to_string();
    assert!(
        err.lines().any(|l| l.starts_with(&format!("{rel}:"))
            && l.contains("`title`")
            && l.contains(&roster_rel)),
        "{id}: the story's title is named, with the roster of {id}:\n{err}"
    );
    let first = all[0].1.strip_prefix(dir).unwrap().display().to_string();
    assert!(!err.contains(&format!("{first}/")), "not {first}'s:\n{err}");
    assert!(!err.contains(&disguised) && !err.contains(&name), "{err}");
    assert!(!dir.join("output").exists(), "nothing is written");
    // Files are audited as they are written: over an earlier portal, a
    // leak leaves that one exactly as it was (the internal one too).
    std::fs::write(&story, &text).unwrap();
    set_internal(dir, "{ protect: false }");
    portal_ok(dir);
    let before = tree(&dir.join("output"));
    assert!(before.keys().any(|k| k.starts_with("internal/")));
    std::fs::write(&story, text.replacen(title, &leaked, 1)).unwrap();
    let out = portal_build(dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        tree(&dir.join("output")),
        before,
        "the earlier portal stays"
    );
}

#[test]
fn a_broken_facility_is_named_by_its_file_and_line_and_left_out_only_when_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 3, 2);
    let list = facilities(dir);
    let (broken, site, _) = &list[1];
    let trainings = site.join("content/trainings");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&trainings)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let file = &files[0];
    let text = read(file);
    let line = 1 + text.lines().position(|l| l.starts_with("hours: ")).unwrap();
    let bad: Vec<String> = text
        .lines()
        .map(|l| match l.starts_with("hours: ") {
            true => "hours: banyak".to_string(),
            false => l.to_string(),
        })
        .collect();
    std::fs::write(file, bad.join("\n") + "\n").unwrap();
    let rel = format!(
        "facilities/{broken}/content/trainings/{}:{line}:",
        file.file_name().unwrap().to_string_lossy()
    );

    let out = portal_build(dir);
    let err = stderr(&out);
    assert!(!out.status.success(), "a broken facility fails the portal");
    assert!(err.contains(&rel), "names the file and line {rel}:\n{err}");
    assert!(
        err.contains("portal.yaml") && err.contains(broken.as_str()),
        "{err}"
    );
    assert!(!dir.join("output/public").exists(), "nothing written");

    let yaml = read(&dir.join("portal.yaml")).replace("skip_failed: false", "skip_failed: true");
    std::fs::write(dir.join("portal.yaml"), yaml).unwrap();
    let out = portal_build(dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(&rel), "still says why");
    assert!(
        stdout(&out).contains(&format!("Left out (1): {broken}")),
        "{}",
        stdout(&out)
    );
    let public = dir.join("output/public");
    let stats = json(&public.join("data/stats.json"));
    assert_eq!(stats["left_out"], serde_json::json!([broken]));
    assert_eq!(stats["by_facility"].as_array().unwrap().len(), 2);
    assert!(!public.join(format!("facilities/{broken}")).exists());
    for (id, _, _) in list.iter().filter(|(id, _, _)| id != broken) {
        assert!(public.join(format!("facilities/{id}/index.html")).is_file());
    }
    assert!(
        read(&public.join("index.html")).contains(broken.as_str()),
        "the home page says who is missing"
    );
}

#[test]
fn the_portal_and_its_test_data_are_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    generate(a.path(), 3, 9);
    generate(b.path(), 3, 9);
    generate(c.path(), 3, 10);
    assert_eq!(
        tree(a.path()),
        tree(b.path()),
        "same seed, same portal folder"
    );
    assert_ne!(
        tree(a.path()),
        tree(c.path()),
        "another seed, another portal"
    );

    let first = tree(&portal_ok(a.path()));
    let again = tree(&portal_ok(a.path()));
    assert_eq!(first, again, "the same bytes twice");
    let elsewhere = tree(&portal_ok(b.path()));
    assert_eq!(first, elsewhere, "and in another folder");
}

#[test]
fn a_region_that_differs_from_the_facilitys_site_yaml_is_an_error_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 3, 4);
    let yaml = read(&dir.join("portal.yaml"));
    let line = 1 + yaml
        .lines()
        .position(|l| l.contains("region: Jawa Barat"))
        .unwrap();
    std::fs::write(
        dir.join("portal.yaml"),
        yaml.replace("region: Jawa Barat", "region: Jawa Tengah"),
    )
    .unwrap();
    let out = portal_build(dir);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("portal.yaml:{line}:")), "{err}");
    assert!(
        err.contains("Jawa Tengah") && err.contains("Jawa Barat"),
        "{err}"
    );
}

#[test]
fn photos_are_off_by_default_and_change_nothing_else_when_on() {
    let plain = tempfile::tempdir().unwrap();
    let with = tempfile::tempdir().unwrap();
    generate(plain.path(), 3, 6);
    let out = Command::new(make_site())
        .arg(with.path())
        .args(["--portal", "3", "--stories", "8", "--seed", "6", "--photos"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let jpgs =
        |files: &BTreeMap<String, Vec<u8>>| files.keys().filter(|k| k.ends_with(".jpg")).count();
    let (a, b) = (tree(plain.path()), tree(with.path()));
    assert_eq!(jpgs(&a), 0, "no photos by default");
    assert!(jpgs(&b) > 0, "photos with --photos");
    let others = |files: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .filter(|(k, _)| !k.contains("/content/trainings/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    assert_eq!(others(&a), others(&b), "only trainings change");
    // A facility with photos builds, and publishes them.
    let (_, site, _) = facilities(with.path())
        .into_iter()
        .find(|(_, p, _)| tree(&p.join("content")).keys().any(|k| k.ends_with(".jpg")))
        .unwrap();
    let public = build_ok(&site).join("public");
    assert!(tree(&public).keys().any(|k| k.ends_with(".jpg")));
    portal_ok(with.path());
}

#[test]
fn the_portal_speaks_the_language_of_its_portal_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 1, 3);
    let out = rapor_native(dir, &["portal", "build"]);
    assert!(
        stdout(&out).starts_with("Portal selesai: 1 Rutan/Lapas"),
        "{}",
        stdout(&out)
    );
    let yaml = read(&dir.join("portal.yaml")).replace("language: id", "language: en");
    std::fs::write(dir.join("portal.yaml"), yaml).unwrap();
    let out = rapor_native(dir, &["portal", "build"]);
    assert!(
        stdout(&out).starts_with("Portal built: 1 facilities"),
        "{}",
        stdout(&out)
    );
    let home = read(&dir.join("output/public/index.html"));
    assert!(home.contains("<html lang=\"en\"") && home.contains("National figures"));
}

/// (shade, name, value) of every province of the home page's map.
fn map_provinces(home: &str) -> Vec<(u32, String, String)> {
    let at = home.find("<svg class=\"map\"").expect("an inline map");
    let svg = &home[at..at + home[at..].find("</svg>").unwrap()];
    svg.match_indices("<path class=\"shade-")
        .map(|(i, _)| {
            let p = &svg[i + 19..];
            let shade = p[..1].parse().unwrap();
            let t = p.find("<title>").unwrap() + 7;
            let title = &p[t..t + p[t..].find("</title>").unwrap()];
            let (name, value) = title.rsplit_once(": ").unwrap();
            (shade, name.to_string(), value.to_string())
        })
        .collect()
}

/// Item 1 of issue 18: a map of the provinces as inline SVG, shaded by a
/// chosen figure, with a table of the same figures beside it.
#[test]
fn the_map_shades_each_province_by_its_figures_and_names_what_it_cannot_draw() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 4, 2);
    let public = portal_ok(dir);
    let home = read(&public.join("index.html"));
    let stats = json(&public.join("data/stats.json"));
    let provinces = map_provinces(&home);
    assert_eq!(provinces.len(), 34, "every province of the map is drawn");
    let at = home.find("<svg class=\"map\"").unwrap();
    let svg = &home[at..at + home[at..].find("</svg>").unwrap()];
    assert!(svg.len() < 40_000, "the map is {} bytes", svg.len());
    assert!(
        !svg.contains("<script") && !svg.contains("href"),
        "no script, no tiles"
    );
    let regions = stats["by_region"].as_array().unwrap();
    for r in regions {
        let name = r["region"].as_str().unwrap();
        let participants = r["participants"].as_u64().unwrap();
        let (shade, _, value) = provinces
            .iter()
            .find(|p| p.1 == name)
            .unwrap_or_else(|| panic!("{name} is not on the map"));
        assert!(*shade >= 1, "{name} has facilities: shaded");
        assert_eq!(value.replace('.', ""), participants.to_string(), "{name}");
        // The table beside the map says the same.
        let row = format!("index.html\">{name}</a></th><td class=\"num\">{value}</td>");
        assert!(home.contains(&row), "{name}: {row}");
    }
    let most = regions
        .iter()
        .map(|r| r["participants"].as_u64().unwrap())
        .max();
    let darkest: Vec<_> = provinces.iter().filter(|p| p.0 == 5).collect();
    assert!(!darkest.is_empty() && most.is_some());
    let shaded = provinces.iter().filter(|p| p.0 > 0).count();
    assert_eq!(
        shaded,
        regions.len(),
        "only the portal's regions are shaded"
    );
    assert!(
        home.contains("MapSVG, CC BY 4.0"),
        "the outline's licence is credited"
    );

    // Another figure, chosen in portal.yaml; a wrong one is refused at its line.
    let yaml = read(&dir.join("portal.yaml"));
    std::fs::write(
        dir.join("portal.yaml"),
        yaml.replace(
            "skip_failed: false",
            "skip_failed: false\nmap_figure: trainings",
        ),
    )
    .unwrap();
    let home = read(&portal_ok(dir).join("index.html"));
    let r = &regions[0];
    let name = r["region"].as_str().unwrap();
    let p = map_provinces(&home)
        .into_iter()
        .find(|p| p.1 == name)
        .unwrap();
    assert_eq!(p.2, r["trainings"].as_u64().unwrap().to_string(), "{name}");
    assert!(
        home.contains("Pelatihan per provinsi"),
        "the title names the figure"
    );
    std::fs::write(
        dir.join("portal.yaml"),
        yaml.replace(
            "skip_failed: false",
            "skip_failed: false\nmap_figure: rupiah",
        ),
    )
    .unwrap();
    let out = portal_build(dir);
    assert!(!out.status.success());
    let line = 1
        + yaml
            .lines()
            .position(|l| l.starts_with("skip_failed"))
            .unwrap()
        + 1;
    assert!(
        stderr(&out).contains(&format!("portal.yaml:{line}:")),
        "{}",
        stderr(&out)
    );

    // A province made in 2022 has no outline: named under the map, still in
    // the tables.
    std::fs::write(dir.join("portal.yaml"), &yaml).unwrap();
    let (id, site, region) = facilities(dir).remove(0);
    let moved = "Papua Selatan";
    let site_yaml = site.join("content/site.yaml");
    let text = read(&site_yaml);
    std::fs::write(
        &site_yaml,
        text.replace(&format!("region: {region}"), &format!("region: {moved}")),
    )
    .unwrap();
    let portal_yaml = read(&dir.join("portal.yaml"));
    let entry = portal_yaml
        .lines()
        .find(|l| l.contains(&format!("id: {id},")))
        .unwrap();
    let fixed = entry.replace(&format!("region: {region}"), &format!("region: {moved}"));
    std::fs::write(dir.join("portal.yaml"), portal_yaml.replace(entry, &fixed)).unwrap();
    let home = read(&portal_ok(dir).join("index.html"));
    let note = home
        .find("class=\"map-not-drawn\"")
        .expect("a note under the map");
    assert!(
        home[note..note + 200].contains(moved),
        "{}",
        &home[note..note + 200]
    );
    assert!(
        home.contains(&format!(">{moved}</a>")),
        "{moved} is still in the tables"
    );
    assert_eq!(map_provinces(&home).len(), 34);
}

/// Item 1 of issue 18: the portal has a facility site's feed, sitemap,
/// robots.txt and 404 page. The feed holds the newest stories of every
/// facility, newest first, linked to each facility's own site.
#[test]
fn the_portal_has_a_feed_of_every_facilitys_news_a_sitemap_and_a_404_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 3, 5);
    let public = portal_ok(dir);
    let base = "https://portal.example.org/";
    let feed = read(&public.join("feed.xml"));
    assert!(
        feed.starts_with("<?xml") && feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
    );
    // Every facility's own newest story is in the portal's feed, linked to
    // the same address as in the facility's own feed.
    let mut newest_of_all = String::new();
    for (id, site, _) in facilities(dir) {
        let own = build_ok(&site).join("public/feed.xml");
        let own = read(&own);
        let first = &own[own
            .find("<entry>")
            .unwrap_or_else(|| panic!("{id} has stories"))..];
        let link = &first[first.find("<id>").unwrap() + 4..first.find("</id>").unwrap()];
        let date = &first[first.find("<published>").unwrap() + 11..][..10];
        assert!(
            feed.contains(&format!("<id>{link}</id>")),
            "{id}: {link} missing from the portal's feed"
        );
        if date > newest_of_all.as_str() {
            newest_of_all = date.to_string();
        }
    }
    let dates: Vec<&str> = feed
        .match_indices("<published>")
        .map(|(i, _)| &feed[i + 11..i + 21])
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    assert_eq!(dates[0], newest_of_all);
    assert!(feed.contains(&format!("<updated>{newest_of_all}T00:00:00Z</updated>")));
    // The sitemap names every page with a date, and nothing else.
    let sitemap = read(&public.join("sitemap.xml"));
    let pages: Vec<String> = tree(&public)
        .into_keys()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| format!("{base}{}", p.trim_end_matches("index.html")))
        .collect();
    assert!(pages.len() > 5);
    for page in &pages {
        assert!(
            sitemap.contains(&format!("<loc>{page}</loc><lastmod>")),
            "{page}"
        );
    }
    assert_eq!(sitemap.matches("<loc>").count(), pages.len(), "{sitemap}");
    assert!(read(&public.join("robots.txt")).contains(&format!("Sitemap: {base}sitemap.xml")));
    // The 404 page links from the portal's full address (a host shows it at
    // any depth), and every page names the feed.
    let not_found = read(&public.join("404.html"));
    assert!(
        not_found.contains(&format!("href=\"{base}index.html\"")),
        "{not_found}"
    );
    assert!(!not_found.contains("href=\"./") && !not_found.contains("href=\"../"));
    let home = read(&public.join("index.html"));
    assert!(home.contains("type=\"application/atom+xml\"") && home.contains("href=\"./feed.xml\""));
    // The search page runs the facility site's search over the portal's
    // pages: its index names a document per facility, province, skill and
    // shared partner.
    let search = read(&public.join("search/index.html"));
    let script = |prefix: &str| {
        let at = search
            .find(&format!("src=\"../assets/{prefix}-"))
            .expect(prefix)
            + 5;
        search[at..at + search[at..].find('"').unwrap()].to_string()
    };
    let index = read(&public.join("search").join(script("search-index")));
    assert!(public.join("search").join(script("search")).is_file());
    let n: usize = index[index.find("\"n\":").unwrap() + 4..]
        .split([',', '}'])
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let pages = |section: &str| {
        tree(&public.join(section))
            .keys()
            .filter(|k| k.ends_with("index.html"))
            .count()
    };
    // Every facility, province, skill and shared partner (not the list of
    // partners, `partners/index.html`).
    assert!(pages("partners") > 1, "shared partners' pages");
    assert_eq!(
        n,
        pages("facilities") + pages("regions") + pages("skills") + pages("partners") - 1,
        "{index}"
    );
    assert!(
        home.contains("href=\"./search/index.html\""),
        "the navigation links the search"
    );
}

/// Item 1 of issue 18: the portal's report, as a facility's: the national
/// figures and every table under a letterhead, signed by `head` of
/// portal.yaml; a head without a title is refused at its line.
#[test]
fn the_portals_report_holds_its_figures_and_the_signature_portal_yaml_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 3, 9);
    let public = portal_ok(dir);
    let report = read(&public.join("report/index.html"));
    let stats = json(&public.join("data/stats.json"));
    assert!(
        report.contains("class=\"letterhead-name\">Portal Nasional"),
        "a letterhead"
    );
    assert!(report.contains("<p>Jakarta, ") && report.contains("Mengetahui,"));
    assert!(report.contains("class=\"signature-name\">Nama Pejabat Contoh</p>"));
    assert!(report.contains("Direktur Pembinaan (contoh)"));
    for f in stats["by_facility"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap();
        assert!(
            report.contains(&format!(">{name}</a>")),
            "{name} in the report"
        );
    }
    // The national participants, written as the page writes numbers.
    let participants = stats["totals"]["participants"]
        .as_u64()
        .unwrap()
        .to_string();
    let mut dotted = String::new();
    for (i, c) in participants.chars().enumerate() {
        if i > 0 && (participants.len() - i).is_multiple_of(3) {
            dotted.push('.');
        }
        dotted.push(c);
    }
    assert!(
        report.contains(&format!(">{dotted}<")),
        "{dotted} participants"
    );
    assert!(read(&public.join("index.html")).contains("href=\"./report/index.html\""));
    let yaml = read(&dir.join("portal.yaml"));
    let line = 1 + yaml.lines().position(|l| l.starts_with("head:")).unwrap();
    std::fs::write(
        dir.join("portal.yaml"),
        yaml.replace("  title: Direktur Pembinaan (contoh)\n", ""),
    )
    .unwrap();
    let out = portal_build(dir);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("portal.yaml:{line}:")),
        "{}",
        stderr(&out)
    );
}

/// A generated portal of `n` facilities with photos (`--photos`).
fn generate_with_photos(dir: &Path, n: usize, seed: u64) {
    let out = Command::new(make_site())
        .arg(dir)
        .args(["--portal", &n.to_string(), "--stories", "8", "--photos"])
        .args(["--seed", &seed.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

fn text_of(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files.get(path).unwrap_or_else(|| panic!("{path}")).clone()).unwrap()
}

/// Files of `files` whose bytes or name contain `needle`.
fn holding(files: &BTreeMap<String, Vec<u8>>, needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(k, b)| k.contains(needle) || String::from_utf8_lossy(b).contains(needle))
        .map(|(k, _)| k.clone())
        .collect()
}

#[test]
fn each_shared_partner_has_a_page_linked_from_its_facilities_the_list_the_sitemap_and_search() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 4, 5);
    let public = portal_ok(dir);
    let files = tree(&public);
    let stats = json(&public.join("data/stats.json"));
    let shared = stats["by_partner"].as_array().unwrap();
    assert!(
        !shared.is_empty(),
        "the generator gives facilities shared partners"
    );
    let sitemap = text_of(&files, "sitemap.xml");
    let list = text_of(&files, "partners/index.html");
    let search = search_files(&files).text();
    let mut built: BTreeMap<String, Value> = BTreeMap::new();
    let mut seen_figures = false;
    for row in shared {
        let (id, name) = (
            row["partner"].as_str().unwrap(),
            row["name"].as_str().unwrap(),
        );
        let path = format!("partners/{id}/index.html");
        let page = text_of(&files, &path);
        assert!(page.contains(&format!("<h1>{name}</h1>")), "{path}");
        assert!(list.contains(&format!("href=\"../partners/{id}/index.html\"")));
        assert!(
            sitemap.contains(&format!("partners/{id}/")),
            "{id} in the sitemap"
        );
        assert!(
            search.contains(&format!("[\"p\",\"{id}\",\"{name}\"")),
            "{name} in the search index"
        );
        for f in row["facilities"].as_array().unwrap() {
            let f = f.as_str().unwrap();
            // Linked both ways.
            assert!(page.contains(&format!("href=\"../../facilities/{f}/index.html\"")));
            let facility = text_of(&files, &format!("facilities/{f}/index.html"));
            assert!(
                facility.contains(&format!("href=\"../../partners/{id}/index.html\"")),
                "{f} links {id}"
            );
            // Its figures at that facility are the facility's own.
            let (_, site, _) = facilities(dir)
                .into_iter()
                .find(|(i, _, _)| i == f)
                .unwrap();
            let own = built
                .entry(f.to_string())
                .or_insert_with(|| json(&build_ok(&site).join("public/data/stats.json")));
            // A partner with no training there has no row of its own: 0 and 0.
            let r = own["by_partner"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["partner"] == id);
            let n = |k: &str| r.map_or(0, |r| r[k].as_u64().unwrap());
            let (trainings, participants) = (n("trainings"), n("participants"));
            seen_figures |= trainings > 0;
            let cells =
                format!("<td class=\"num\">{trainings}</td><td class=\"num\">{participants}</td>");
            // Its trainings there are listed, linked to the facility's site.
            let own_site = facility_url(dir, f);
            let linked = page.contains(&format!("<li><a href=\"{own_site}trainings/"));
            assert!(
                trainings == 0 || linked,
                "{id} at {f}: its trainings, linked"
            );
            let row_of = page
                .lines()
                .find(|l| {
                    l.contains(&format!("facilities/{f}/index.html\">")) && l.contains("<tr>")
                })
                .unwrap_or_else(|| panic!("{id}: a row for {f}"));
            assert!(row_of.contains(&cells), "{id} at {f}: {row_of}");
        }
    }
    assert!(seen_figures, "some shared partner has trainings to count");
    // A partner only one facility names has no page.
    let pages = files
        .keys()
        .filter(|k| k.starts_with("partners/") && k.ends_with("/index.html"))
        .count();
    assert_eq!(
        pages,
        shared.len() + 1,
        "the list and one page per shared partner"
    );
}

/// The own site of facility `id` of `dir/portal.yaml`: its `url`, else its
/// `base_url`.
fn facility_url(dir: &Path, id: &str) -> String {
    let yaml: serde_yaml::Value = serde_yaml::from_str(&read(&dir.join("portal.yaml"))).unwrap();
    let entry = yaml["facilities"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|f| f["id"].as_str() == Some(id))
        .unwrap();
    if let Some(url) = entry["url"].as_str() {
        return if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
    }
    let path = dir
        .join(entry["path"].as_str().unwrap())
        .join("content/site.yaml");
    let site: serde_yaml::Value = serde_yaml::from_str(&read(&path)).unwrap();
    let url = site["base_url"].as_str().unwrap();
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// A small JPEG of its own picture (`seed` changes every pixel).
fn jpeg(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(200, 150, |x, y| {
        image::Rgb([seed, (x % 256) as u8, (y % 256) as u8])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&img)
        .unwrap();
    out
}

/// The first training file of `site` with a `photos:` list, and its text.
fn training_with_photos(site: &Path) -> (PathBuf, String) {
    walkdir::WalkDir::new(site.join("content/trainings"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| (e.path().to_path_buf(), read(e.path())))
        .find(|(_, t)| t.contains("\nphotos:\n") && !t.contains("draft: true"))
        .expect("a training with photos")
}

#[test]
fn a_facilitys_public_photos_are_on_its_portal_page_and_a_photo_without_consent_is_nowhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate_with_photos(dir, 3, 6);
    let (id, site, _) = facilities(dir)
        .into_iter()
        .find(|(_, p, _)| tree(&p.join("content")).keys().any(|k| k.ends_with(".jpg")))
        .unwrap();
    // A photo without consent, beside the public ones of a training.
    let (file, text) = training_with_photos(&site);
    let (name, caption) = ("kanari-privat-7731.jpg", "Kanari foto tanpa izin 7731");
    std::fs::write(file.parent().unwrap().join(name), jpeg(7)).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "\nphotos:\n",
            &format!("\nphotos:\n  - {{ src: {name}, alt: Foto peserta, caption: {caption}, public: false }}\n"),
            1,
        ),
    )
    .unwrap();
    // Proven planted: the facility's own internal site shows it, its public
    // site does not; what only the internal site has is the private photo.
    set_protect(&site, false);
    let out = build_ok(&site);
    let (own_public, own_internal) = (tree(&out.join("public")), tree(&out.join("internal")));
    assert!(!holding(&own_internal, caption).is_empty(), "planted");
    let private: Vec<&String> = own_internal
        .keys()
        .filter(|k| k.starts_with("media/") && !own_public.contains_key(*k))
        .collect();
    assert!(!private.is_empty(), "the private photo's renditions");

    let public = portal_ok(dir);
    let files = tree(&public);
    let page = text_of(&files, &format!("facilities/{id}/index.html"));
    assert!(page.contains("<h2 id=\"photos\">"), "{id} shows its photos");
    assert!(page.contains("srcset=") && page.contains("image/webp"));
    assert!(page.contains("alt=\"Peserta pelatihan"), "alt text kept");
    let media: Vec<&String> = files.keys().filter(|k| k.starts_with("media/")).collect();
    assert!(!media.is_empty());
    // None is the photo without consent.
    for m in private {
        assert!(!files.contains_key(m), "{m} reached the portal");
        assert!(holding(&files, m).is_empty(), "{m} is named in the portal");
    }
    for needle in [name, caption, "kanari-privat"] {
        assert!(
            holding(&files, needle).is_empty(),
            "{needle} is in the portal"
        );
    }
    // Each photo of the page is a file the portal has, byte for byte the
    // rendition the facility's own public site publishes.
    let mut shown = 0;
    for src in page.split("src=\"../../").skip(1) {
        let src = src.split('"').next().unwrap();
        assert_eq!(files.get(src), own_public.get(src), "{src}");
        assert!(files.contains_key(src), "{src}");
        shown += 1;
    }
    assert!(shown > 0);
}

/// Plants `canary` as the internal notes of the first training of `site`
/// that has none, and returns its title line.
fn plant_training_note(site: &Path, canary: &str) {
    let (file, text) = walkdir::WalkDir::new(site.join("content/trainings"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| (e.path().to_path_buf(), read(e.path())))
        .find(|(_, t)| !t.contains("\ninternal:") && !t.contains("draft: true"))
        .expect("a training without internal notes");
    let end = text[3..].find("\n---").unwrap() + 3;
    let planted = format!(
        "{}\ninternal: {{ notes: {canary} }}{}",
        &text[..end],
        &text[end..]
    );
    std::fs::write(file, planted).unwrap();
}

fn set_internal(dir: &Path, value: &str) {
    let path = dir.join("portal.yaml");
    let text = read(&path);
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("internal:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, format!("internal: {value}\n{text}")).unwrap();
}

#[test]
fn an_internal_portal_shows_internal_notes_sealed_and_none_of_it_reaches_the_public_portal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate(dir, 3, 11);
    let (id, site, _) = facilities(dir).into_iter().next().unwrap();
    let canary = "kanari-portal-internal-5090";
    plant_training_note(&site, canary);
    // Planted: the facility's own internal site shows it.
    let own = build_ok(&site);
    assert!(!holding(&tree(&own.join("internal")), canary).is_empty());

    // Without `internal`, there is no internal portal.
    portal_ok(dir);
    assert!(!dir.join("output/internal").exists());

    // Plain, for reading: the facility's page shows the note.
    set_internal(dir, "{ protect: false }");
    let out = portal_build(dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Internal portal:"),
        "{}",
        stdout(&out)
    );
    let internal = tree(&dir.join("output/internal"));
    let page = text_of(&internal, &format!("facilities/{id}/index.html"));
    assert!(page.contains(canary), "the note on the internal portal");
    assert!(page.contains("internal-banner"));
    assert!(!internal.contains_key("sitemap.xml") && !internal.contains_key("feed.xml"));
    let public = tree(&dir.join("output/public"));
    assert!(public.len() > 5);
    assert!(
        holding(&public, canary).is_empty(),
        "the note in output/public"
    );
    assert!(!text_of(&public, &format!("facilities/{id}/index.html")).contains("internal-banner"));

    // Sealed: no passphrase, no internal portal (and the plain one goes).
    set_internal(dir, "true");
    let out = portal_build(dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("RAPOR_INTERNAL_PASSPHRASE"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("output/internal").exists(), "no stale plain copy");
    // A passphrase too short is refused, and nothing is written.
    let out = rapor_with(dir, &["portal", "build"], Some("short"));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("RAPOR_INTERNAL_PASSPHRASE"),
        "{}",
        stderr(&out)
    );
    // With one, every internal file is sealed, and opens to the note.
    let passphrase = "kata sandi portal yang panjang";
    let out = rapor_with(dir, &["portal", "build"], Some(passphrase));
    assert!(out.status.success(), "{}", stderr(&out));
    let sealed = tree(&dir.join("output/internal"));
    assert!(holding(&sealed, canary).is_empty(), "sealed: no plain note");
    let path = format!("facilities/{id}/index.html");
    assert!(text_of(&sealed, &path).contains("rapor-locked"));
    let opener = common::sealed::Opener::new(dir, passphrase);
    let opened = String::from_utf8(opener.unseal(&sealed, &path).unwrap()).unwrap();
    assert!(opened.contains(canary), "the sealed page opens to the note");
    let public = tree(&dir.join("output/public"));
    assert!(
        holding(&public, canary).is_empty(),
        "the note in output/public"
    );
}

/// Every entry under `dir`, folders too: whether a folder, its bytes, and
/// when it was last modified (a folder's changes when an entry is made or
/// removed in it, even one removed again).
fn snapshot(dir: &Path) -> BTreeMap<String, (bool, Vec<u8>, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            let bytes = match meta.is_file() {
                true => std::fs::read(e.path()).unwrap(),
                false => Vec::new(),
            };
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, (meta.is_dir(), bytes, meta.modified().unwrap()))
        })
        .collect()
}

/// What differs between two snapshots, by path.
fn changes(
    before: &BTreeMap<String, (bool, Vec<u8>, std::time::SystemTime)>,
    after: &BTreeMap<String, (bool, Vec<u8>, std::time::SystemTime)>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (path, now) in after {
        match before.get(path) {
            None => out.push(format!("made: {path}")),
            Some(was) if was != now => out.push(format!("changed: {path}")),
            Some(_) => {}
        }
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        out.push(format!("removed: {path}"));
    }
    out
}

/// Makes every file and folder under `dir` read-only, or writable again.
#[cfg(unix)]
fn set_read_only(dir: &Path, read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    // Folders last when locking, first when unlocking, so that each can
    // still be reached.
    let mut entries: Vec<(PathBuf, bool)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            (e.path().to_path_buf(), e.file_type().is_dir())
        })
        .collect();
    if read_only {
        entries.reverse();
    }
    for (path, is_dir) in entries {
        let mode = match (is_dir, read_only) {
            (true, true) => 0o555,
            (true, false) => 0o755,
            (false, true) => 0o444,
            (false, false) => 0o644,
        };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[test]
#[cfg(unix)]
fn the_portal_builds_from_read_only_facility_folders_and_writes_nothing_into_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    generate_with_photos(dir, 3, 6);
    let all = facilities(dir);
    let with_photos: Vec<&(String, PathBuf, String)> = all
        .iter()
        .filter(|(_, p, _)| tree(&p.join("content")).keys().any(|k| k.ends_with(".jpg")))
        .collect();
    assert!(!with_photos.is_empty(), "a facility has photos to cache");
    // As a mounted share: nothing under a facility's folder may be made or
    // changed. Run as root, the permission bits stop nothing, so the
    // snapshots are the proof.
    let before: Vec<_> = all.iter().map(|(_, p, _)| snapshot(p)).collect();
    for (_, p, _) in &all {
        set_read_only(p, true);
    }
    let out = portal_build(dir);
    let after: Vec<_> = all.iter().map(|(_, p, _)| snapshot(p)).collect();
    for (_, p, _) in &all {
        set_read_only(p, false);
    }
    assert!(out.status.success(), "{}", stderr(&out));
    for ((id, _, _), (was, now)) in all.iter().zip(before.iter().zip(&after)) {
        let changed = changes(was, now);
        assert!(
            changed.is_empty(),
            "{id}'s folder was written: {changed:#?}"
        );
    }
    // Its photos are published, from the portal's own cache of each.
    let files = tree(&dir.join("output/public"));
    assert!(files.keys().any(|k| k.starts_with("media/")), "photos");
    let caches = dir.join(".rapor-cache/portal-photos");
    for (id, _, _) in &with_photos {
        let cache = caches.join(id);
        assert!(cache.join("index.json").is_file(), "{id}'s photo cache");
        assert!(
            std::fs::read_dir(&cache).unwrap().count() > 1,
            "{id}'s renditions"
        );
    }
    // A second build finds them there and publishes the same bytes.
    let cached = snapshot(&caches);
    assert_eq!(tree(&portal_ok(dir)), files);
    assert_eq!(changes(&cached, &snapshot(&caches)), Vec::<String>::new());
    // A facility that leaves the portal takes its photos out of its folder.
    let (gone, _, _) = with_photos[0];
    let yaml = read(&dir.join("portal.yaml"));
    let mut doc: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    doc["facilities"]
        .as_sequence_mut()
        .unwrap()
        .retain(|f| f["id"].as_str() != Some(gone.as_str()));
    std::fs::write(
        dir.join("portal.yaml"),
        serde_yaml::to_string(&doc).unwrap(),
    )
    .unwrap();
    portal_ok(dir);
    assert!(!caches.join(gone).exists(), "{gone}'s photos stay");
    let others = all.iter().filter(|(id, _, _)| id != gone);
    for (id, _, _) in others.filter(|f| with_photos.contains(f)) {
        assert!(caches.join(id).join("index.json").is_file(), "{id} kept");
    }
}
