//! Raw HTML in Markdown, tried as an attacker would: every attack is planted
//! in a public story's body and in a draft story (internal site only), both
//! sites are built, and no page may carry anything that runs, while the
//! harmless text beside each attack is still shown (so the attack was really
//! planted and rendered). Every page also carries a strict
//! Content-Security-Policy and no inline script, style or event handler.

mod common;

use std::path::Path;

use common::*;

/// (attack, the harmless text that must survive it).
const ATTACKS: &[(&str, &str)] = &[
    ("<script>alert('s1')</script>", "KANARI-SCRIPT"),
    (
        "<img src=x onerror=\"alert('s2')\" alt=\"KANARI-IMG\">",
        "KANARI-IMG",
    ),
    (
        "<iframe src=\"https://evil.example/\"></iframe>",
        "KANARI-IFRAME",
    ),
    (
        "<object data=\"https://evil.example/x.swf\"></object>",
        "KANARI-OBJECT",
    ),
    ("<embed src=\"https://evil.example/x.swf\">", "KANARI-EMBED"),
    (
        "<form action=\"https://evil.example/\"><input name=\"q\"></form>",
        "KANARI-FORM",
    ),
    ("<style>body{display:none}</style>", "KANARI-STYLE"),
    (
        "<p onclick=\"alert('s3')\" style=\"color:red\">KANARI-P</p>",
        "KANARI-P",
    ),
    ("[KANARI-JS](javascript:alert('s4'))", "KANARI-JS"),
    (
        "<a href=\"JaVaScRiPt&#x3A;alert('s5')\">KANARI-ENT</a>",
        "KANARI-ENT",
    ),
    (
        "<a href=\"java\tscript:alert('s6')\">KANARI-TAB</a>",
        "KANARI-TAB",
    ),
    ("[KANARI-VB](vbscript:msgbox)", "KANARI-VB"),
    (
        "[KANARI-DATA](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "KANARI-DATA",
    ),
    (
        "![KANARI-SVG](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "KANARI-SVG",
    ),
    (
        "<svg onload=\"alert('s7')\"><circle r=\"1\"/></svg>",
        "KANARI-SVG2",
    ),
    (
        "<math><mtext><style><img src=x onerror=alert('s8')></style></mtext></math>",
        "KANARI-MATH",
    ),
    ("<base href=\"https://evil.example/\">", "KANARI-BASE"),
    (
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "KANARI-META",
    ),
    ("<div id=\"rapor-locked\">KANARI-ID</div>", "KANARI-ID"),
    ("## Judul {#judul onclick=alert('s9')}", "Judul"),
];

/// What no page may hold, compared case-insensitively.
const FORBIDDEN: &[&str] = &[
    "alert(",
    "<iframe",
    "<object",
    "<embed",
    "javascript:",
    "vbscript:",
    "data:text",
    "data:image/svg",
    "evil.example",
    "msgbox",
    "onerror",
    "onclick",
    "onload",
];

fn body_with_attacks() -> String {
    ATTACKS
        .iter()
        .map(|(attack, canary)| format!("{canary} sebelum.\n\n{attack}\n\n"))
        .collect()
}

fn plant(site: &Path) {
    let story = site.join("content/stories/berita.md");
    let text = read(&story);
    assert!(text.contains("Isi berita."));
    std::fs::write(&story, text.replace("Isi berita.", &body_with_attacks())).unwrap();
    let draft = site.join("content/stories/draf.md");
    let text = read(&draft);
    let (front, _) = text.rsplit_once("---").unwrap();
    assert!(front.contains("draft: true"), "draf.md is a draft");
    std::fs::write(&draft, format!("{front}---\n{}", body_with_attacks())).unwrap();
}

/// Every HTML page under `dir`: (path, text).
fn pages(dir: &Path) -> Vec<(String, String)> {
    tree(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

fn assert_harmless(page: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in FORBIDDEN {
        assert!(!lower.contains(bad), "{page} holds {bad:?}");
    }
    // No element or attribute that runs or restyles the page.
    for (i, _) in lower.match_indices("<script") {
        let tag = &lower[i..lower[i..].find('>').map_or(lower.len(), |e| i + e)];
        assert!(
            tag.contains(" src=")
                || tag.contains("application/json")
                || tag.contains("application/ld+json"),
            "{page}: inline script {tag}"
        );
    }
    assert!(!lower.contains("<style"), "{page}: <style>");
    assert!(!lower.contains(" style="), "{page}: a style attribute");
    assert!(!has_handler(&lower), "{page}: an event-handler attribute");
}

/// ` on<letters>=` inside a tag: an event handler.
fn has_handler(html: &str) -> bool {
    let mut in_tag = false;
    let b = html.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            c if in_tag && c.is_ascii_whitespace() && html[i + 1..].starts_with("on") => {
                let name: String = html[i + 3..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                if !name.is_empty() && html[i + 3 + name.len()..].trim_start().starts_with('=') {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[test]
fn raw_html_attacks_in_stories_are_harmless_on_both_sites() {
    let site = site("basic");
    plant(site.path());
    let out = build_ok(site.path());

    let public = read(&out.join("public/stories/berita/index.html"));
    let internal = read(&out.join("internal/stories/berita/index.html"));
    let draft = read(&out.join("internal/stories/draf/index.html"));
    assert!(!out.join("public/stories/draf/index.html").exists());
    for (page, html) in [
        ("public berita", &public),
        ("internal berita", &internal),
        ("internal draf", &draft),
    ] {
        for (_, canary) in ATTACKS {
            assert!(html.contains(canary), "{page}: the text {canary} was lost");
        }
    }
    for site_dir in ["public", "internal"] {
        for (page, html) in pages(&out.join(site_dir)) {
            assert_harmless(&format!("{site_dir}/{page}"), &html);
            assert!(
                !html.contains("id=\"rapor-locked\""),
                "{page}: a theme id taken"
            );
        }
    }
}

const CSP_META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// The policy a page declares, checked for what matters.
fn assert_strict_policy(page: &str, html: &str) {
    let at = html
        .find(CSP_META)
        .unwrap_or_else(|| panic!("{page} has no Content-Security-Policy"));
    let head_end = html.find("</head>").unwrap_or(html.len());
    assert!(at < head_end, "{page}: the policy is outside <head>");
    // Before any script or stylesheet, or they would escape it.
    for before in ["<script", "<link rel=\"stylesheet\""] {
        if let Some(i) = html.find(before) {
            assert!(at < i, "{page}: {before} comes before the policy");
        }
    }
    let rest = &html[at + CSP_META.len()..];
    let policy = &rest[..rest.find('"').unwrap()];
    let directives: Vec<&str> = policy.split(';').map(str::trim).collect();
    for wanted in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(
            directives.contains(&wanted),
            "{page}: no {wanted} in {policy}"
        );
    }
    assert!(
        directives.iter().any(|d| d.starts_with("form-action ")),
        "{page}: no form-action in {policy}"
    );
    assert!(!policy.contains("unsafe"), "{page}: {policy}");
}

#[test]
fn every_page_of_both_sites_has_a_strict_policy_and_nothing_inline() {
    let site = site("basic");
    let out = build_ok(site.path());
    let mut n = 0;
    for site_dir in ["public", "internal"] {
        for (page, html) in pages(&out.join(site_dir)) {
            let page = format!("{site_dir}/{page}");
            assert_strict_policy(&page, &html);
            assert_harmless(&page, &html);
            n += 1;
        }
    }
    assert!(n > 20, "only {n} pages");

    // The protected site: the locked shells, 404 included.
    set_protect(site.path(), true);
    let built = rapor_with(site.path(), &["build"], Some("uji-kata-sandi-panjang"));
    assert!(built.status.success(), "{}", stderr(&built));
    let locked = pages(&out.join("internal"));
    assert!(locked.len() > 10);
    for (page, html) in &locked {
        let page = format!("internal (protected)/{page}");
        assert_strict_policy(&page, html);
        assert_harmless(&page, html);
        if html.contains("id=\"rapor-unlock\"") {
            assert!(
                html.contains("form-action 'none'"),
                "{page}: the unlock form could be sent"
            );
        }
    }
}

#[test]
fn the_unlock_form_cannot_send_the_passphrase() {
    let site = site("basic");
    set_protect(site.path(), true);
    let built = rapor_with(site.path(), &["build"], Some("uji-kata-sandi-panjang"));
    assert!(built.status.success(), "{}", stderr(&built));
    let page = read(
        &site
            .path()
            .join("output/internal/trainings/las-1/index.html"),
    );
    let form = &page[page.find("<form").unwrap()..page.find("</form>").unwrap()];
    let input = &form[form.find("<input").unwrap()..];
    let input = &input[..input.find('>').unwrap()];
    assert!(input.contains("type=\"password\""), "{input}");
    assert!(
        !input.contains(" name="),
        "a named field is sent in a URL: {input}"
    );
    assert!(!form.contains(" action="), "{form}");
    let button = &form[form.find("<button").unwrap()..];
    let button = &button[..button.find('>').unwrap()];
    assert!(
        button.contains(" disabled"),
        "Enter works only with protect.js: {button}"
    );
}

#[test]
fn every_internal_page_has_a_lock_button() {
    let site = site("basic");
    let out = build_ok(site.path());
    let mut n = 0;
    for (page, html) in pages(&out.join("internal")) {
        if page == "404.html" {
            continue;
        }
        assert!(
            html.contains("id=\"rapor-lock\"") && html.contains(">Kunci</button>"),
            "internal/{page} has no Kunci button"
        );
        n += 1;
    }
    assert!(n > 10);
    for (page, html) in pages(&out.join("public")) {
        assert!(
            !html.contains("rapor-lock"),
            "public/{page} has a lock button"
        );
    }
}

#[test]
fn a_title_cannot_break_out_of_the_structured_data() {
    let site = site("basic");
    let story = site.path().join("content/stories/berita.md");
    let text = read(&story);
    let title = "Berita </script><script>x()</script><!-- <script>";
    std::fs::write(
        &story,
        text.replace("title: Berita Uji", &format!("title: '{title}'")),
    )
    .unwrap();
    let out = build_ok(site.path());
    let page = read(&out.join("public/stories/berita/index.html"));
    let open = "<script type=\"application/ld+json\">";
    let start = page.find(open).expect("structured data") + open.len();
    let json = &page[start..start + page[start..].find("</script>").unwrap()];
    assert!(!json.contains('<'), "{json}");
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["headline"], title, "the title is still the title");
    assert_eq!(
        page.matches("<script").count(),
        page.matches("</script>").count()
    );
}
