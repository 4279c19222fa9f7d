//! Answering requests: the site from memory, the live-reload script and
//! event stream, and the checks that keep other sites and names out.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, RwLock};
use std::time::Duration;

use super::listener::{Answer, Request};
use super::state::State;
use crate::msg::{Message, msg};
use crate::pipeline::Body;
use crate::text::escape_html as escape;

/// The path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__rapor/events";
/// The live-reload script, a file so that no page needs inline script.
pub const RELOAD_JS_PATH: &str = "/__rapor/reload.js";
/// The problems overlay's style, a file so that no page needs inline style.
pub const OVERLAY_CSS_PATH: &str = "/__rapor/overlay.css";

/// The policy of every answer. It is the union of what the pages' `<meta>`
/// policies allow (public: `data:` images; internal: `blob:` photos decrypted
/// in the browser), which the browser enforces as well, so a page gets the
/// stricter of the two.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

const RELOAD_JS: &str = "(function(){var s=new EventSource('/__rapor/events');\
    s.onmessage=function(){location.reload();};})();\n";
const OVERLAY_CSS: &str = "#rapor-overlay{position:fixed;inset:auto 0 0 0;max-height:60vh;\
    overflow:auto;background:#2b0b0e;color:#fff;font:14px/1.5 ui-monospace,monospace;\
    padding:1rem 1.2rem;z-index:2147483647;border-top:4px solid #e5484d}\
    #rapor-overlay ul{margin:.5rem 0 0;padding-left:1.2rem}\n";

/// Live-reload clients.
#[derive(Default)]
pub(super) struct Hub {
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

    pub(super) fn reload_all(&self) {
        if let Ok(mut c) = self.clients.lock() {
            c.retain(|tx| tx.send(()).is_ok());
        }
    }
}

pub(super) fn handle(request: Request, state: &RwLock<State>, hub: &Hub, local: SocketAddr) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let method = request.method().to_string();
    let refused = admit(
        &method,
        request.header("Host"),
        request.header("Origin"),
        path,
        local,
    );
    let response = match refused {
        Some(answer) => answer,
        None if path == EVENTS_PATH => {
            events(request, hub);
            return;
        }
        None => {
            let Ok(s) = state.read() else { return };
            let answer = respond(&s, path);
            drop(s);
            answer
        }
    };
    request.respond(
        response,
        &[
            ("Content-Security-Policy", CSP),
            ("X-Content-Type-Options", "nosniff"),
        ],
    );
}

/// `None` when the request may be answered, else the refusal. `local` is the
/// address the server listens on.
///
/// The `Host` must be one of this computer's names for the server, with its
/// port: `localhost`, `127.0.0.1`, `[::1]` or the address listened on (any
/// IP address when listening on all of them, for other computers reach it by
/// one of its addresses; a DNS-rebinding attack needs a host name, never an
/// address). An `Origin`, when the browser sends one on the event stream or
/// on anything but a GET, must be such a host too.
pub fn admit(
    method: &str,
    host: Option<&str>,
    origin: Option<&str>,
    path: &str,
    local: SocketAddr,
) -> Option<Answer> {
    let known = |host: &str| is_local_host(host, local);
    if !host.is_some_and(known) {
        return Some(plain(421, "421 misdirected request: unknown host\n"));
    }
    let reading = method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD");
    if let Some(origin) = origin
        && (!reading || path == EVENTS_PATH)
    {
        let same = origin
            .strip_prefix("http://")
            .is_some_and(|h| !h.contains('/') && known(h));
        if !same {
            return Some(plain(403, "403 forbidden: another site's request\n"));
        }
    }
    if !reading {
        return Some(plain(405, "405 method not allowed\n"));
    }
    None
}

fn is_local_host(host: &str, local: SocketAddr) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let (name, port) = match host.rsplit_once(':') {
        // `[::1]:8000`, `localhost:8000`; not the colons inside `[::1]`.
        Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
        _ => (host.as_str(), Some(80)),
    };
    if port != Some(local.port()) {
        return false;
    }
    let ip = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name)
        .parse::<IpAddr>();
    match ip {
        Ok(ip) => ip.is_loopback() || ip == local.ip() || local.ip().is_unspecified(),
        Err(_) => name == "localhost",
    }
}

/// Answers a GET of `path` (the URL path, still percent-encoded).
pub fn respond(state: &State, path: &str) -> Answer {
    if path == RELOAD_JS_PATH || path == OVERLAY_CSS_PATH {
        let (name, body) = if path == RELOAD_JS_PATH {
            ("reload.js", RELOAD_JS)
        } else {
            ("overlay.css", OVERLAY_CSS)
        };
        return Answer {
            status: 200,
            headers: vec![
                ("Content-Type", mime(name).into()),
                ("Cache-Control", "no-store".into()),
            ],
            body: body.as_bytes().to_vec(),
        };
    }
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
                // Always a path on this server: `//evil.example` would be
                // another host to the browser.
                let path = path.trim_start_matches(['/', '\\']);
                return Answer {
                    status: 301,
                    headers: vec![("Location", format!("/{path}/"))],
                    body: Vec::new(),
                };
            }
            if state.site.is_empty() && !state.problems.is_empty() {
                // Nothing was ever built: show the problems alone, and do
                // not speak of an earlier version.
                let page = decorate_with(
                    b"<!doctype html><html lang=\"id\"><title>rapor</title><body></body></html>",
                    &state.problems,
                    msg!("serve_overlay_none"),
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

pub fn percent_decode(s: &str) -> Option<String> {
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
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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
    decorate_with(html, problems, msg!("serve_overlay"))
}

/// [`decorate`], the overlay headed by `heading`.
fn decorate_with(html: &[u8], problems: &[String], heading: Message) -> Vec<u8> {
    let mut extra = format!("<script src=\"{RELOAD_JS_PATH}\"></script>");
    if !problems.is_empty() {
        extra.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{OVERLAY_CSS_PATH}\">\
             <div id=\"rapor-overlay\" role=\"alert\"><strong>"
        ));
        extra.push_str(&escape(&heading.to_string()));
        extra.push_str("</strong><ul>");
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

/// A Server-Sent Events stream: one `reload` message after each rebuild.
fn events(request: Request, hub: &Hub) {
    let rx = hub.subscribe();
    let mut w = request.into_stream();
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
/// A site from (path, text) pairs, for tests.
#[cfg(test)]
fn memory(pages: &[(&str, &str)]) -> crate::pipeline::Memory {
    pages
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                Body::Bytes(std::sync::Arc::new(v.as_bytes().to_vec())),
            )
        })
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
        assert!(ok.contains("<script src=\"/__rapor/reload.js\"></script>"));
        assert!(
            !ok.contains("<script>") && !ok.contains("style="),
            "nothing inline: {ok}"
        );
        let js = String::from_utf8(respond(&s, RELOAD_JS_PATH).body).unwrap();
        assert!(js.contains("new EventSource('/__rapor/events')"));
        assert!(!ok.contains("rapor-overlay"));
        s.problems = vec!["content/stories/x.md:3:1: error: <bad> & worse".into()];
        let broken = String::from_utf8(respond(&s, "/trainings/x/").body).unwrap();
        assert!(broken.contains("rapor-overlay"));
        assert!(
            !broken.contains("style="),
            "the overlay's style is a file: {broken}"
        );
        assert_eq!(
            respond(&s, OVERLAY_CSS_PATH).headers[0].1,
            "text/css; charset=utf-8"
        );
        assert!(broken.contains("content/stories/x.md:3:1: error: &lt;bad&gt; &amp; worse"));
        assert!(broken.find("rapor-overlay").unwrap() < broken.find("</body>").unwrap());
        let css = respond(&s, "/assets/style.css");
        assert_eq!(css.body, b"body{}", "only HTML is decorated");
    }

    #[test]
    fn a_redirect_never_leaves_the_server() {
        let s = State {
            site: memory(&[("evil.example/index.html", "<html><body>x</body></html>")]),
            ..State::default()
        };
        for p in [
            "//evil.example",
            "///evil.example",
            "/evil.example",
            "/./evil.example",
        ] {
            let a = respond(&s, p);
            let location = &a.headers[0].1;
            assert_eq!(a.status, 301, "{p}");
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{p} -> {location}"
            );
        }
        assert_eq!(respond(&s, "/\\evil.example").status, 400);
    }

    #[test]
    fn foreign_hosts_and_origins_are_refused() {
        let local: SocketAddr = "127.0.0.1:8000".parse().unwrap();
        let ok = |host: &str| admit("GET", Some(host), None, "/", local).is_none();
        for host in [
            "localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "LOCALHOST:8000",
        ] {
            assert!(ok(host), "{host}");
        }
        for host in [
            "evil.example:8000",
            "localhost.evil.example:8000",
            "localhost:8001",
            "localhost",
            "10.0.0.5:8000",
            "",
        ] {
            assert!(!ok(host), "{host}");
            assert_eq!(
                admit("GET", Some(host), None, "/", local).unwrap().status,
                421
            );
        }
        assert_eq!(admit("GET", None, None, "/", local).unwrap().status, 421);
        // Listening on every address: other computers use this one's address.
        let all: SocketAddr = "0.0.0.0:8000".parse().unwrap();
        assert!(admit("GET", Some("10.0.0.5:8000"), None, "/", all).is_none());
        assert!(admit("GET", Some("evil.example:8000"), None, "/", all).is_some());

        let host = Some("127.0.0.1:8000");
        let events =
            |origin| admit("GET", host, Some(origin), EVENTS_PATH, local).map(|a| a.status);
        assert_eq!(events("http://127.0.0.1:8000"), None);
        assert_eq!(events("http://localhost:8000"), None);
        assert_eq!(events("http://evil.example"), Some(403));
        assert_eq!(events("null"), Some(403));
        assert_eq!(events("http://127.0.0.1:8000.evil.example"), Some(403));
        let post = |origin| admit("POST", host, origin, "/", local).map(|a| a.status);
        assert_eq!(post(Some("http://evil.example")), Some(403));
        assert_eq!(post(None), Some(405));
        // A plain page may be linked from anywhere.
        assert_eq!(
            admit("GET", host, Some("http://evil.example"), "/", local).map(|a| a.status),
            None
        );
    }
}
