//! `rapor serve` from outside: a real server process on a free loopback port,
//! spoken to over TCP, while the test edits the site's files.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A running `rapor serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args(["serve", "--port", "0", "--lang", "en"])
        .args(extra)
        .arg("--site")
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start rapor serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    let addr = loop {
        assert!(Instant::now() < deadline, "the server did not start");
        let line = lines.next().expect("server output").unwrap();
        if let Some(rest) = line.split(" at http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// A minimal HTTP/1.0 GET: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let (status, _, body) = request(
        addr,
        &format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n"),
    );
    (status, body)
}

/// Sends `raw` as it is: (status, head, body).
fn request(addr: &str, raw: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}

/// Polls `path` until its body satisfies `ok`; returns how long it took.
fn wait_for(addr: &str, path: &str, ok: impl Fn(&str) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        let (_, body) = get(addr, path);
        if ok(&body) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{path} never changed:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let p = site.join(rel);
    let text = read(&p);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edit_shows_up_in_the_page_and_the_lists_and_reloads_the_browser() {
    let site = site("basic");
    let server = start(site.path(), &[]);
    assert!(
        server.addr.starts_with("127.0.0.1:"),
        "loopback by default: {}",
        server.addr
    );
    let (status, home) = get(&server.addr, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("Berita Uji") && home.contains("<script src=\"/__rapor/reload.js\">"),
        "live-reload script in pages"
    );

    // Subscribe to live reload before editing.
    let mut events = TcpStream::connect(&server.addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__rapor/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut head = [0u8; 256];
    let n = events.read(&mut head).unwrap();
    assert!(String::from_utf8_lossy(&head[..n]).contains("text/event-stream"));

    edit(
        site.path(),
        "content/stories/berita.md",
        "title: Berita Uji",
        "title: Berita Sudah Diubah",
    );
    let took = wait_for(&server.addr, "/stories/berita/", |b| {
        b.contains("Berita Sudah Diubah")
    });
    assert!(took < Duration::from_secs(2), "edit visible after {took:?}");
    eprintln!("edit visible over HTTP after {took:?}");
    assert!(
        get(&server.addr, "/stories/")
            .1
            .contains("Berita Sudah Diubah"),
        "the list follows"
    );
    assert!(
        get(&server.addr, "/").1.contains("Berita Sudah Diubah"),
        "the home page follows"
    );

    let mut seen = String::new();
    let mut buf = [0u8; 512];
    while !seen.contains("data: reload") {
        let n = events.read(&mut buf).expect("a reload event");
        assert!(n > 0, "event stream closed");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

#[test]
fn a_site_broken_from_the_start_shows_its_problems_and_claims_no_earlier_page() {
    let site = site("basic");
    edit(
        site.path(),
        "content/trainings/las-1.md",
        "hours: 40",
        "hours: [40",
    );
    let server = start(site.path(), &[]);
    let (status, page) = get(&server.addr, "/");
    assert_eq!(status, 500, "{page}");
    assert!(page.contains("the site cannot be built yet"), "{page}");
    assert!(page.contains("content/trainings/las-1.md:9:"), "{page}");
    assert!(!page.contains("previous version"), "{page}");
    // Fixed: the site itself.
    edit(
        site.path(),
        "content/trainings/las-1.md",
        "hours: [40",
        "hours: 40",
    );
    wait_for(&server.addr, "/", |b| {
        b.contains("Las Listrik Dasar") && !b.contains("rapor-overlay")
    });
}

#[test]
fn broken_content_keeps_the_last_good_site_and_shows_the_problem_until_fixed() {
    let site = site("basic");
    let server = start(site.path(), &[]);
    edit(
        site.path(),
        "content/trainings/las-1.md",
        "hours: 40",
        "hours: [40",
    );
    wait_for(&server.addr, "/trainings/las-1/", |b| {
        b.contains("rapor-overlay")
    });
    let (status, page) = get(&server.addr, "/");
    assert_eq!(status, 200, "the server stays up");
    assert!(
        page.contains("Las Listrik Dasar"),
        "the last good site is served"
    );
    assert!(
        page.contains("content/trainings/las-1.md:9:"),
        "the overlay names the file and line:\n{page}"
    );
    edit(
        site.path(),
        "content/trainings/las-1.md",
        "hours: [40",
        "hours: 41",
    );
    wait_for(&server.addr, "/", |b| !b.contains("rapor-overlay"));
    assert!(
        get(&server.addr, "/trainings/las-1/")
            .1
            .contains("<dd>41</dd>")
    );
}

#[test]
fn traversal_is_refused_and_unknown_pages_get_the_404_page() {
    let site = site("basic");
    let server = start(site.path(), &[]);
    for path in [
        "/../content/site.yaml",
        "/%2e%2e/content/site.yaml",
        "/trainings/%2E%2E%2F%2E%2E%2Fcontent/site.yaml",
        "/..%5c..%5ccontent",
    ] {
        let (status, body) = get(&server.addr, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("base_url"), "{path} leaked a file");
    }
    let (status, body) = get(&server.addr, "/tidak-ada/");
    assert_eq!(status, 404);
    assert!(body.contains("<h1>404</h1>"));
}

#[test]
fn internal_serves_the_rosters_and_public_does_not() {
    let site = site("basic");
    let public = start(site.path(), &[]);
    let internal = start(site.path(), &["--internal"]);
    assert!(
        !get(&public.addr, "/trainings/jahit-1/")
            .1
            .contains("Peserta Satu")
    );
    assert!(
        get(&internal.addr, "/trainings/jahit-1/")
            .1
            .contains("Peserta Satu")
    );
}

#[test]
fn foreign_hosts_origins_and_off_site_redirects_are_refused() {
    let site = site("basic");
    let server = start(site.path(), &[]);
    let addr = &server.addr;
    let port = addr.rsplit_once(':').unwrap().1;
    let get_as = |host: &str, path: &str, extra: &str| {
        request(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"),
        )
    };

    // This computer's names for the server are answered, with the policy.
    for host in [addr.to_string(), format!("localhost:{port}")] {
        let (status, head, body) = get_as(&host, "/", "");
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("Berita Uji"));
        assert!(
            head.contains("Content-Security-Policy: default-src 'self'; script-src 'self'")
                && head.contains("frame-ancestors 'none'"),
            "{head}"
        );
    }
    // A DNS-rebinding page's host name, or another port, is refused and
    // shows nothing of the site.
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "localhost:1".to_string(),
    ] {
        let (status, _, body) = get_as(&host, "/", "");
        assert_eq!(status, 421, "{host}");
        assert!(!body.contains("Berita Uji"), "{host}");
    }
    let (status, _, _) = request(addr, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 421, "no Host at all");

    // The event stream and anything but a GET refuse another site's Origin.
    let (status, _, _) = get_as(addr, "/__rapor/events", "Origin: http://evil.example\r\n");
    assert_eq!(status, 403);
    let (status, _, _) = request(
        addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://evil.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 403);

    // A folder without its slash is redirected on this server only.
    for path in ["//stories", "///stories", "/stories", "/%2Fstories"] {
        let (status, head, _) = get_as(addr, path, "");
        let location = head
            .lines()
            .find_map(|l| l.strip_prefix("Location: "))
            .unwrap_or_else(|| panic!("{path}: no Location in {head}"));
        assert_eq!(status, 301, "{path}");
        assert!(
            location.starts_with('/')
                && !location.starts_with("//")
                && !location.starts_with("/\\"),
            "{path} -> {location}"
        );
    }
    let (status, _, _) = get_as(addr, "/\\evil.example/", "");
    assert_eq!(status, 400);
}

/// Internal values a mistake can put where a number, a date or a choice
/// belongs: (file, from, to, the value that must never be shown, the field
/// that must be named).
const INTERNAL_MISTAKES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "content/internal/rosters/jahit-1.yaml",
        "attendance: 10",
        "attendance: Fransiskus Jemadu",
        "Fransiskus",
        "attendance",
    ),
    (
        "content/internal/rosters/jahit-1.yaml",
        "gender: m",
        "gender: Maria Goreti",
        "Goreti",
        "gender",
    ),
    (
        "content/internal/rosters/jahit-1.yaml",
        "id: R-002",
        "id: R-001",
        "R-001",
        "participant 2",
    ),
    (
        "content/internal/rosters/jahit-1.yaml",
        "certificate_no: C-2",
        "certificate_no: C-1",
        "C-1",
        "participant 2",
    ),
    (
        "content/partners/mitra-a.yaml",
        "signed: 2025-01-15",
        "signed: Yohanes Bosco",
        "Bosco",
        "signed",
    ),
];

#[test]
fn diagnostics_of_internal_data_name_the_place_never_the_value() {
    for (file, from, to, secret, field) in INTERNAL_MISTAKES {
        let site = site("basic");
        edit(site.path(), file, from, to);
        let out = rapor(site.path(), &["check"]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{to}: check passed");
        assert!(
            err.contains(&format!("{file}:")),
            "{to}: no place in\n{err}"
        );
        assert!(err.contains(field), "{to}: {field} not named in\n{err}");
        assert!(!err.contains(secret), "{to}: {secret} shown in\n{err}");
    }
    // A public value is still quoted, so that it can be found.
    let site = site("basic");
    edit(
        site.path(),
        "content/trainings/las-1.md",
        "start: 2025-10-01",
        "start: kemarin",
    );
    let err = stderr(&rapor(site.path(), &["check"]));
    assert!(err.contains("kemarin"), "{err}");
}

/// Mistakes in a roster whose message once quoted what was typed: a name
/// typed as a key, a training id that names a person (and the file name
/// built from it), a birth year. (file, from, to, what must never be shown,
/// the place, the field that must be named.)
type Mistake = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
);
const ROSTER_MISTAKES: &[Mistake] = &[
    (
        "content/internal/rosters/jahit-1.yaml",
        "name: Peserta Dua",
        "Fransiskus Jemadu: x",
        &["Fransiskus", "Jemadu"],
        "content/internal/rosters/jahit-1.yaml:4:",
        "`participants[2]`",
    ),
    (
        "content/internal/rosters/jahit-1.yaml",
        "training: jahit-1",
        "training: WBP-2025-0142 Agustinus Ndahur",
        &["WBP-2025-0142", "Agustinus", "Ndahur"],
        "content/internal/rosters/jahit-1.yaml:1:",
        "`training`",
    ),
    (
        "content/internal/rosters/jahit-1.yaml",
        "birth_year: 1985",
        "birth_year: 1885",
        &["1885"],
        "content/internal/rosters/jahit-1.yaml:4:",
        "`birth_year`",
    ),
];

#[test]
fn roster_mistakes_name_the_place_never_the_value_in_both_languages() {
    for (file, from, to, secrets, place, field) in ROSTER_MISTAKES {
        let site = site("basic");
        edit(site.path(), file, from, to);
        for lang in ["en", "id"] {
            for command in ["check", "build"] {
                let out = rapor_native(site.path(), &[command, "--lang", lang]);
                let err = stderr(&out);
                assert!(!out.status.success(), "{to}: {command} passed");
                assert!(err.contains(place), "{to}: no {place} in\n{err}");
                assert!(err.contains(field), "{to}: {field} not named in\n{err}");
                for secret in *secrets {
                    assert!(!err.contains(secret), "{to}: {secret} shown in\n{err}");
                }
            }
        }
    }
}

/// Seen through `serve`, a YAML mistake gets the same plain cause as on the
/// command line, not the parser's English.
#[test]
fn an_unclosed_quote_in_serve_shows_its_plain_cause() {
    let site = site("basic");
    let server = start(site.path(), &[]);
    edit(
        site.path(),
        "content/trainings/las-1.md",
        "location: Bengkel",
        "location: \"Bengkel",
    );
    wait_for(&server.addr, "/", |b| b.contains("rapor-overlay"));
    let (_, page) = get(&server.addr, "/");
    assert!(
        page.contains("content/trainings/las-1.md:10:")
            && page.contains("a quotation mark opened here is never closed"),
        "{page}"
    );
    for library in ["scalar", "while scanning", "end of stream"] {
        assert!(
            !page.contains(library),
            "the parser's words `{library}`:\n{page}"
        );
    }
}

#[test]
fn the_preview_overlay_shows_no_internal_value() {
    let site = site("basic");
    let server = start(site.path(), &[]);
    let (_, first, second, _, _) = INTERNAL_MISTAKES[0];
    edit(site.path(), INTERNAL_MISTAKES[0].0, first, second);
    let (file, from, to, _, _) = INTERNAL_MISTAKES[4];
    edit(site.path(), file, from, to);
    wait_for(&server.addr, "/", |b| {
        b.contains("rapor-overlay")
            && b.contains("jahit-1.yaml:3:")
            && b.contains("mitra-a.yaml:10:")
    });
    let (_, page) = get(&server.addr, "/");
    for (_, _, _, secret, _) in &INTERNAL_MISTAKES[..1] {
        assert!(!page.contains(secret), "{secret} in the overlay:\n{page}");
    }
    assert!(!page.contains("Bosco"), "{page}");
}
