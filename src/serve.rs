//! `rapor serve`: builds into memory, serves over HTTP, rebuilds what an edit
//! touches and reloads the browser.
//!
//! HTTP parsing is tiny_http's. A content error keeps the last good site
//! online and shows the problems over every page until they are fixed.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::diag::{Diagnostics, Severity};
use crate::msg::msg;
use crate::pipeline::{self, Body, Memory, Memos};
use crate::watch;

/// The path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__rapor/events";

pub struct Options {
    pub internal: bool,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
}

/// What the server shows: the last good site, and the problems of the last
/// build if it failed.
#[derive(Default)]
pub struct State {
    pub site: Memory,
    pub problems: Vec<String>,
    /// Warnings of the last build, so that they are printed once.
    pub warnings: Vec<String>,
}

/// Live-reload clients.
#[derive(Default)]
struct Hub {
    clients: Mutex<Vec<Sender<()>>>,
}

impl Hub {
    fn subscribe(&self) -> Receiver<()> {
        let (tx, rx) = mpsc::channel();
        if let Ok(mut c) = self.clients.lock() {
            c.push(tx);
        }
        rx
    }

    fn reload_all(&self) {
        if let Ok(mut c) = self.clients.lock() {
            c.retain(|tx| tx.send(()).is_ok());
        }
    }
}

/// Runs the server until the process is stopped. Errors are for the terminal.
pub fn serve(site: &Path, opts: Options) -> Result<(), String> {
    // Watch first, so that no edit made from now on is missed.
    let (tx, rx) = mpsc::channel();
    let _watcher = watch::watch(site, tx)?;
    let mut memos = Memos::on();
    memos.only_internal = Some(opts.internal);
    let state = Arc::new(RwLock::new(State::default()));
    let hub = Arc::new(Hub::default());
    rebuild(
        site,
        opts.internal,
        &mut memos,
        &state,
        &msg!("serve_first_build"),
    );

    let addr = SocketAddr::new(opts.bind, opts.port);
    let server =
        tiny_http::Server::http(addr).map_err(|e| msg!("serve_listen", addr = addr, error = e))?;
    let local = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| msg!("serve_no_ip"))?;
    if !opts.bind.is_loopback() {
        eprintln!("{}", msg!("serve_open_network", addr = local));
        if opts.internal {
            eprintln!();
            eprintln!("{}", msg!("serve_internal_warning", addr = local));
            eprintln!();
        }
    }
    let url = format!(
        "http://{}/",
        if local.ip().is_unspecified() {
            SocketAddr::new([127, 0, 0, 1].into(), local.port())
        } else {
            local
        }
    );
    let started = if opts.internal {
        msg!("serve_started_internal", site = site.display(), url = url)
    } else {
        msg!("serve_started_public", site = site.display(), url = url)
    };
    println!("{started}");
    if opts.open {
        open_browser(&url);
    }

    {
        let state = Arc::clone(&state);
        let hub = Arc::clone(&hub);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let state = Arc::clone(&state);
                let hub = Arc::clone(&hub);
                std::thread::spawn(move || handle(request, &state, &hub));
            }
        });
    }
    while let Ok(mut changes) = rx.recv() {
        // Take whatever else arrived meanwhile: one rebuild for a burst.
        while let Ok(more) = rx.try_recv() {
            changes.extend(more);
        }
        changes.sort();
        changes.dedup();
        let what: Vec<String> = changes.iter().map(watch::Change::describe).collect();
        rebuild(site, opts.internal, &mut memos, &state, &what.join(", "));
        hub.reload_all();
    }
    Ok(())
}

/// Rebuilds into memory; on success the new site replaces the old one, on
/// failure the old one stays and the problems are shown.
pub fn rebuild(site: &Path, internal: bool, memos: &mut Memos, state: &RwLock<State>, what: &str) {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let built = pipeline::build_memory(site, memos, &mut diags);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    // (is an error, the line): the kind word is in the CLI's language.
    let lines: Vec<(bool, String)> = diags
        .sorted()
        .iter()
        .map(|d| (d.severity == Severity::Error, d.to_string()))
        .collect();
    let Ok(mut s) = state.write() else { return };
    // Errors every time; a warning only when it is new.
    for (error, line) in &lines {
        if *error || !s.warnings.contains(line) {
            eprintln!("{line}");
        }
    }
    s.warnings = lines
        .iter()
        .filter(|(error, _)| !error)
        .map(|(_, l)| l.clone())
        .collect();
    match built {
        Some((public, internal_site)) => {
            s.site = if internal { internal_site } else { public };
            let fixed = if s.problems.is_empty() {
                String::new()
            } else {
                msg!("serve_fixed")
            };
            s.problems.clear();
            let line = msg!(
                "serve_rebuilt",
                what = what,
                pages = memos.rendered,
                ms = format!("{ms:.0}"),
                fixed = fixed
            );
            println!("{line}");
        }
        None => {
            s.problems = lines
                .into_iter()
                .filter(|(error, _)| *error)
                .map(|(_, l)| l)
                .collect();
            let line = msg!("serve_not_rebuilt", what = what, n = s.problems.len());
            eprintln!("{line}");
        }
    }
}

fn handle(request: tiny_http::Request, state: &RwLock<State>, hub: &Hub) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS_PATH {
        events(request, hub);
        return;
    }
    let Ok(s) = state.read() else { return };
    let response = respond(&s, path);
    drop(s);
    let mut r = tiny_http::Response::from_data(response.body).with_status_code(response.status);
    for (name, value) in response.headers {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            r.add_header(h);
        }
    }
    let _ = request.respond(r);
}

/// An HTTP answer, independent of the HTTP library (so it can be tested).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// Answers a GET of `path` (the URL path, still percent-encoded).
pub fn respond(state: &State, path: &str) -> Answer {
    let Some(key) = site_path(path) else {
        return plain(400, "400 bad request: this path is not allowed\n");
    };
    let not_found = || {
        let mut page = state
            .site
            .get("404.html")
            .and_then(read_body)
            .unwrap_or_else(|| b"404 not found\n".to_vec());
        if state.site.contains_key("404.html") {
            page = decorate(&page, &state.problems);
        }
        Answer {
            status: 404,
            headers: vec![("Content-Type", mime("404.html").into())],
            body: page,
        }
    };
    let body = match state.site.get(&key) {
        Some(b) => b,
        None => {
            // `/trainings/x` -> `/trainings/x/`, so that relative links work.
            let dir = format!("{}/index.html", key.trim_end_matches("/index.html"));
            if !key.ends_with(".html") && state.site.contains_key(&dir) {
                return Answer {
                    status: 301,
                    headers: vec![("Location", format!("{path}/"))],
                    body: Vec::new(),
                };
            }
            if state.site.is_empty() && !state.problems.is_empty() {
                // Nothing was ever built: show the problems alone.
                let page = decorate(
                    b"<!doctype html><html lang=\"id\"><title>rapor</title><body></body></html>",
                    &state.problems,
                );
                return Answer {
                    status: 500,
                    headers: vec![("Content-Type", mime("x.html").into())],
                    body: page,
                };
            }
            return not_found();
        }
    };
    let Some(mut bytes) = read_body(body) else {
        return not_found();
    };
    if key.ends_with(".html") {
        bytes = decorate(&bytes, &state.problems);
    }
    Answer {
        status: 200,
        headers: vec![
            ("Content-Type", mime(&key).into()),
            ("Cache-Control", "no-store".into()),
        ],
        body: bytes,
    }
}

fn plain(status: u16, text: &str) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
        body: text.as_bytes().to_vec(),
    }
}

fn read_body(body: &Body) -> Option<Vec<u8>> {
    match body {
        Body::Bytes(b) => Some(b.to_vec()),
        Body::File(p) => std::fs::read(p).ok(),
    }
}

/// The key of a URL path in the in-memory site, or `None` for a path that
/// tries to leave the site (`..`, encoded or not), or holds a backslash or a
/// NUL byte.
pub fn site_path(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains('\\') || p.contains('\0') || p.contains(':') => return None,
            p => parts.push(p),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The MIME type for a file name.
pub fn mime(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script and, when the last build failed, the overlay
/// listing its problems, just before `</body>`.
pub fn decorate(html: &[u8], problems: &[String]) -> Vec<u8> {
    let mut extra = String::from(concat!(
        "<script>(function(){var s=new EventSource('/__rapor/events');",
        "s.onmessage=function(){location.reload();};})();</script>"
    ));
    if !problems.is_empty() {
        extra.push_str(
            "<div id=\"rapor-overlay\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;\
             background:#2b0b0e;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.2rem;z-index:2147483647;\
             border-top:4px solid #e5484d\"><strong>",
        );
        extra.push_str(&escape(&msg!("serve_overlay")));
        extra.push_str("</strong><ul style=\"margin:.5rem 0 0;padding-left:1.2rem\">");
        for p in problems {
            extra.push_str("<li>");
            extra.push_str(&escape(p));
            extra.push_str("</li>");
        }
        extra.push_str("</ul></div>");
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A Server-Sent Events stream: one `reload` message after each rebuild.
fn events(request: tiny_http::Request, hub: &Hub) {
    let rx = hub.subscribe();
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: rapor live reload\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(()) => "data: reload\n\n",
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n",
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // A closed browser tab ends this thread at the next write.
        if w.write_all(message.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("{}", msg!("serve_no_browser", url = url));
    }
}

/// A site from (path, text) pairs, for tests.
#[cfg(test)]
fn memory(pages: &[(&str, &str)]) -> Memory {
    pages
        .iter()
        .map(|(k, v)| (k.to_string(), Body::Bytes(Arc::new(v.as_bytes().to_vec()))))
        .collect::<std::collections::BTreeMap<_, _>>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State {
            site: memory(&[
                ("index.html", "<html><body>home</body></html>"),
                ("trainings/x/index.html", "<html><body>x</body></html>"),
                ("assets/style.css", "body{}"),
                ("404.html", "<html><body>missing</body></html>"),
            ]),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn traversal_is_refused_encoded_or_not() {
        for p in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/trainings/%2E%2E/%2e%2e/x",
            "/a\\..\\b",
            "/%00",
            "/%zz",
            "/c:/x",
        ] {
            assert_eq!(site_path(p), None, "{p}");
            assert_eq!(respond(&state(), p).status, 400, "{p}");
        }
        assert_eq!(
            site_path("/trainings/x/").as_deref(),
            Some("trainings/x/index.html")
        );
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/assets/style.css").as_deref(),
            Some("assets/style.css")
        );
    }

    #[test]
    fn pages_get_types_redirects_and_a_404() {
        let s = state();
        let css = respond(&s, "/assets/style.css");
        assert_eq!(
            (css.status, css.headers[0].1.as_str()),
            (200, "text/css; charset=utf-8")
        );
        let dir = respond(&s, "/trainings/x");
        assert_eq!(dir.status, 301);
        assert_eq!(dir.headers[0].1, "/trainings/x/");
        let missing = respond(&s, "/nope/");
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8_lossy(&missing.body).contains("missing"));
        assert_eq!(mime("a.JPG"), "image/jpeg");
    }

    #[test]
    fn html_gets_the_reload_script_and_the_overlay_while_broken() {
        let mut s = state();
        let ok = String::from_utf8(respond(&s, "/").body).unwrap();
        assert!(ok.contains("new EventSource('/__rapor/events')"));
        assert!(!ok.contains("rapor-overlay"));
        s.problems = vec!["content/stories/x.md:3:1: error: <bad> & worse".into()];
        let broken = String::from_utf8(respond(&s, "/trainings/x/").body).unwrap();
        assert!(broken.contains("rapor-overlay"));
        assert!(broken.contains("content/stories/x.md:3:1: error: &lt;bad&gt; &amp; worse"));
        assert!(broken.find("rapor-overlay").unwrap() < broken.find("</body>").unwrap());
        let css = respond(&s, "/assets/style.css");
        assert_eq!(css.body, b"body{}", "only HTML is decorated");
    }
}
