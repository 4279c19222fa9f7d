//! The home page's hero: the site's chosen photo (`hero:` in site.yaml,
//! only with consent), else the newest story's cover, and the way to the
//! news.

mod common;

use common::*;

/// The `<img>` of the hero, and its figure's caption.
fn hero_of(home: &str) -> (String, String) {
    let at = home
        .find("<figure class=\"hero-figure\">")
        .expect("a hero figure");
    let figure = &home[at..at + home[at..].find("</figure>").unwrap()];
    let img = figure
        .split("<img")
        .nth(1)
        .unwrap()
        .split('>')
        .next()
        .unwrap();
    (img.to_string(), figure.to_string())
}

#[test]
fn the_home_page_opens_on_the_newest_cover_and_leads_to_the_news() {
    let site = site("example");
    let out = build_ok(site.path());
    let home = read(&out.join("public/index.html"));
    let (img, figure) = hero_of(&home);
    assert!(
        img.contains("fetchpriority=\"high\"") && !img.contains("lazy"),
        "{img}"
    );
    let src = img
        .split("src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(out.join("public").join(src).is_file(), "{src} not written");
    // The newest story (stories are listed newest first) is the one named.
    let stories = read(&out.join("public/stories/index.html"));
    let newest = stories
        .split("<h2 class=\"card-title\"><a href=\"")
        .nth(1)
        .or_else(|| stories.split("class=\"card-title\"><a href=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .expect("a story on the news page");
    let slug = newest.trim_start_matches("../");
    assert!(figure.contains(slug), "{figure}\nshould name {slug}");
    let action = format!("<a class=\"button\" href=\"./{slug}\">Baca berita terbaru");
    assert!(home.contains(&action), "no {action} in the hero");
}

#[test]
fn a_chosen_photo_is_used_only_with_consent() {
    let site = site("example");
    let path = site.path().join("content/site.yaml");
    let chosen =
        "hero:\n  src: trainings/barbershop-2025/barbershop-1.jpg\n  alt: HERO-ALT-CANARY\n";
    let text = read(&path).replace("skills:", &format!("{chosen}skills:"));
    std::fs::write(&path, &text).unwrap();
    // Without `public: true`: a warning at its line, and the photo is not used.
    let run = rapor(site.path(), &["build"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let line = text.lines().position(|l| l == "hero:").unwrap() + 1;
    let said = stderr(&run);
    let at = format!("content/site.yaml:{line}:");
    assert!(
        said.lines()
            .any(|l| l.contains(&at) && l.contains("no consent for publication")),
        "no warning at {at}:\n{said}"
    );
    let out = site.path().join("output");
    for (file, bytes) in tree(&out.join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("HERO-ALT-CANARY"), "{file} names the photo");
    }
    // With consent it leads the home page.
    std::fs::write(
        &path,
        text.replace("HERO-ALT-CANARY\n", "HERO-ALT-CANARY\n  public: true\n"),
    )
    .unwrap();
    let out = build_ok(site.path());
    let (img, figure) = hero_of(&read(&out.join("public/index.html")));
    assert!(img.contains("alt=\"HERO-ALT-CANARY\""), "{img}");
    assert!(
        !figure.contains("stories/"),
        "a chosen photo is no story's cover: {figure}"
    );
}
