//! Each site holds only files it uses: every file under `assets/`, `media/`,
//! `sealed/` and `data/` is named by a page of that site (or by its feed or
//! stylesheet, or, for the search index's parts, by the index), or is one
//! of the contract's data files. So the unlock script
//! is not on the public site, the search script not on the internal site
//! (which has no search page), and no sealed photo or file lies unused.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::sealed::Opener;
use common::*;

const PASSPHRASE: &str = "kopi pagi di Ruteng 2025";

/// Files at the root of a site that no page needs to name.
const ROOT_FILES: &[&str] = &[
    "index.html",
    "404.html",
    "robots.txt",
    "sitemap.xml",
    "feed.xml",
];

/// The contract's data files: published for whoever asks, linked or not.
fn is_data(path: &str) -> bool {
    path.starts_with("data/")
}

/// `target` as a path from the site root, seen from the file at `from`;
/// `None` for links elsewhere (another host, `mailto:`, `data:`, a fragment).
fn resolve(from: &str, target: &str, base: &str) -> Option<String> {
    let target = target.split(['#', '?']).next()?.trim();
    let relative = match target.strip_prefix(base) {
        Some(rest) => rest.to_string(),
        None if target.is_empty() || target.contains(':') || target.starts_with("//") => {
            return None;
        }
        None => {
            let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
            format!("{dir}/{target}")
        }
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut path = parts.join("/");
    if relative.ends_with('/') || path.is_empty() {
        path = format!("{path}{}index.html", if path.is_empty() { "" } else { "/" });
    }
    Some(path)
}

/// Every URL a page, feed or stylesheet names: `href`, `src`, each URL of a
/// `srcset`, `content` (social-card images) and CSS `url(...)`.
fn urls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "srcset=\"", "content=\""] {
        for rest in text.split(attr).skip(1) {
            let Some(value) = rest.split('"').next() else {
                continue;
            };
            if attr == "srcset=\"" {
                let list = value.split(',').filter_map(|c| c.split_whitespace().next());
                out.extend(list.map(str::to_string));
            } else {
                out.push(value.replace("&amp;", "&"));
            }
        }
    }
    for rest in text.split("url(").skip(1) {
        if let Some(value) = rest.split(')').next() {
            out.push(value.trim_matches(['"', '\'']).to_string());
        }
    }
    out
}

/// The files of a plain site that no page names.
fn unused(site: &BTreeMap<String, Vec<u8>>, base: &str) -> Vec<String> {
    let mut named = BTreeSet::new();
    for (path, bytes) in site {
        let names = [".html", ".xml", ".css"].iter().any(|e| path.ends_with(e));
        if names {
            let text = String::from_utf8_lossy(bytes);
            named.extend(urls(&text).iter().filter_map(|u| resolve(path, u, base)));
        }
    }
    // The search index names its parts: its shards and its record files.
    if site.keys().any(|p| p.starts_with("assets/search-index-")) {
        let index = search_files(site);
        let folder = index.manifest["parts"].as_str().unwrap().to_string();
        let shards = index.manifest["shards"].as_array().unwrap().len();
        let n = index.manifest["n"].as_u64().unwrap() as usize;
        let per = index.manifest["per"].as_u64().unwrap() as usize;
        named.extend((0..shards).map(|i| format!("{folder}t{i}.js")));
        named.extend((0..n.div_ceil(per)).map(|j| format!("{folder}d{j}.js")));
    }
    site.keys()
        .filter(|p| {
            ["assets/", "media/", "sealed/"]
                .iter()
                .any(|d| p.starts_with(d))
        })
        .filter(|p| !named.contains(*p) && !is_data(p) && !ROOT_FILES.contains(&p.as_str()))
        .cloned()
        .collect()
}

fn base_url(site: &std::path::Path) -> String {
    let yaml = read(&site.join("content/site.yaml"));
    let line = yaml
        .lines()
        .find_map(|l| l.strip_prefix("base_url:"))
        .expect("base_url");
    let base = line.trim().trim_matches('"').to_string();
    if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    }
}

fn check_plain_sites(fixture: &str) {
    let site = site(fixture);
    set_protect(site.path(), false);
    let out = build_ok(site.path());
    let base = base_url(site.path());
    let public = tree(&out.join("public"));
    let internal = tree(&out.join("internal"));
    assert!(
        public.keys().any(|p| p.starts_with("media/")),
        "photos are published"
    );
    assert!(internal.keys().any(|p| p.starts_with("media/")));

    assert_eq!(
        unused(&public, &base),
        Vec::<String>::new(),
        "unused public files"
    );
    assert_eq!(
        unused(&internal, &base),
        Vec::<String>::new(),
        "unused internal files"
    );
    assert!(
        !public.keys().any(|p| p.contains("protect")),
        "the unlock script is not on the public site"
    );
    assert!(
        public.keys().any(|p| p.starts_with("assets/search-")),
        "the public site has its search"
    );
    assert!(
        !internal
            .keys()
            .any(|p| p.contains("search") || p.contains("protect")),
        "the internal site has no search page and, plain, nothing to unlock"
    );
}

#[test]
fn every_file_of_the_basic_sites_is_used() {
    check_plain_sites("basic");
}

#[test]
fn every_file_of_the_example_sites_is_used() {
    check_plain_sites("example");
}

#[test]
fn every_file_of_a_sealed_site_is_used() {
    let site = site("basic");
    set_protect(site.path(), true);
    let out = rapor_with(site.path(), &["build"], Some(PASSPHRASE));
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    let base = base_url(site.path());
    let sealed = tree(&site.path().join("output/internal"));
    let opener = Opener::new(site.path(), PASSPHRASE);
    // What the shells name (the stylesheet, the unlock script, the icon) and
    // what the pages name once opened.
    let mut named = BTreeSet::new();
    for (path, bytes) in sealed.iter().filter(|(p, _)| p.ends_with(".html")) {
        let shell = String::from_utf8_lossy(bytes);
        named.extend(urls(&shell).iter().filter_map(|u| resolve(path, u, &base)));
        if path == "404.html" {
            continue; // plain: nothing to open
        }
        let page = opener
            .unseal(&sealed, path)
            .unwrap_or_else(|| panic!("{path} does not open"));
        let page = String::from_utf8_lossy(&page);
        for target in urls(&page).iter().filter_map(|u| resolve(path, u, &base)) {
            let plain = target.starts_with("assets/") || target.ends_with(".html");
            if !plain {
                named.insert(format!("sealed/{}.js", opener.sealed_name(&target)));
            }
            named.insert(target);
        }
    }
    // The data files, sealed: published whether or not a page names them.
    for data in ["data/stats.json", "data/stats.csv", "data/trainings.csv"] {
        named.insert(format!("sealed/{}.js", opener.sealed_name(data)));
    }
    let unused: Vec<&String> = sealed
        .keys()
        .filter(|p| {
            ["assets/", "media/", "sealed/"]
                .iter()
                .any(|d| p.starts_with(d))
        })
        .filter(|p| !named.contains(*p))
        .collect();
    assert!(
        unused.is_empty(),
        "unused files in the sealed site: {unused:?}"
    );
    assert!(sealed.keys().any(|p| p.starts_with("assets/protect-")));
    assert!(!sealed.keys().any(|p| p.contains("search")));
    assert!(
        sealed.keys().filter(|p| p.starts_with("sealed/")).count() > 3,
        "photos and data files are sealed"
    );
}
