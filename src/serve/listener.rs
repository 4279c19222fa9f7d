//! The HTTP/1.1 listener under `rapor serve` and `rapor edit`: a thread per
//! connection and one request per connection (`Connection: close`), with the
//! request's head, its body and the number of connections bounded.
//!
//! It replaces tiny_http, whose thread pool can leave a new connection
//! queued behind browsers' idle keep-alive connections until one of them
//! closes: a page then waited for a script for minutes. Here every accepted
//! connection has its own thread at once, no connection outlives its answer
//! (the event stream of `serve` excepted), and a client that sends nothing
//! is dropped after [`READ_TIMEOUT`]. httparse reads the head.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The largest request head (request line and headers) read.
const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 64;
/// Connections open at once; one more is answered 503 and closed. Loopback
/// pages need a handful; this bounds what a misbehaving client can hold.
const MAX_CONNECTIONS: usize = 128;
/// How long a read may wait for the client.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// After the answer, how long unread request bytes are drained so that the
/// client reads the answer instead of a reset connection.
const DRAIN_TIMEOUT: Duration = Duration::from_millis(500);
const MAX_DRAIN: u64 = 64 * 1024 * 1024;

/// An answer to a request, built apart from the connection (so it can be
/// tested).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// A listening socket.
pub struct Listener {
    socket: TcpListener,
}

impl Listener {
    pub fn bind(addr: SocketAddr) -> io::Result<Listener> {
        Ok(Listener {
            socket: TcpListener::bind(addr)?,
        })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.socket.local_addr()
    }

    /// Accepts connections until the process ends, calling `handle` with
    /// each request on the connection's own thread.
    pub fn run(self, handle: impl Fn(Request) + Send + Sync + 'static) {
        let handle = Arc::new(handle);
        let open = Arc::new(AtomicUsize::new(0));
        for stream in self.socket.incoming() {
            let Ok(stream) = stream else {
                // Out of file descriptors, say: wait instead of spinning.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            };
            let counted = Open::count(&open);
            if open.load(Ordering::Acquire) > MAX_CONNECTIONS {
                // Not drained: the accept loop never waits on a client.
                let _ = stream.set_write_timeout(Some(DRAIN_TIMEOUT));
                let _ = (&stream).write_all(&status_only(503));
                drop(counted);
                continue;
            }
            let handle = Arc::clone(&handle);
            let spawned = std::thread::Builder::new().spawn(move || {
                let _counted = counted;
                match Request::read(stream) {
                    Ok(request) => handle(request),
                    Err((stream, Some(status))) => refuse(stream, status),
                    Err((_, None)) => {}
                }
            });
            // The closure, and with it the count, is dropped when no thread
            // could be made.
            drop(spawned);
        }
    }
}

/// Counts a connection as open while it lives.
struct Open(Arc<AtomicUsize>);

impl Open {
    fn count(open: &Arc<AtomicUsize>) -> Open {
        open.fetch_add(1, Ordering::AcqRel);
        Open(Arc::clone(open))
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// One request: its head, read; its body, still on the connection.
pub struct Request {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    length: Option<usize>,
    expects_continue: bool,
    /// Body bytes that arrived with the head.
    early: Vec<u8>,
    stream: TcpStream,
}

impl Request {
    /// Reads a request's head. On failure, the status to answer (`None`:
    /// the client went away or said nothing).
    fn read(stream: TcpStream) -> Result<Request, (TcpStream, Option<u16>)> {
        if stream.set_read_timeout(Some(READ_TIMEOUT)).is_err()
            || stream.set_write_timeout(Some(READ_TIMEOUT)).is_err()
        {
            return Err((stream, None));
        }
        let mut buf = Vec::with_capacity(2048);
        let mut chunk = [0u8; 4096];
        let mut reader = &stream;
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(0) | Err(_) => return Err((stream, None)),
                Ok(n) => n,
            };
            buf.extend_from_slice(&chunk[..n]);
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut parsed = httparse::Request::new(&mut headers);
            match parsed.parse(&buf) {
                Ok(httparse::Status::Complete(end)) => {
                    let head = Head::of(&parsed);
                    let early = buf[end..].to_vec();
                    return match head {
                        Ok(h) => Ok(Request {
                            method: h.method,
                            url: h.url,
                            headers: h.headers,
                            length: h.length,
                            expects_continue: h.expects_continue,
                            early,
                            stream,
                        }),
                        Err(status) => Err((stream, Some(status))),
                    };
                }
                Ok(httparse::Status::Partial) if buf.len() < MAX_HEAD => {}
                Ok(httparse::Status::Partial) => return Err((stream, Some(431))),
                Err(httparse::Error::TooManyHeaders) => return Err((stream, Some(431))),
                Err(_) => return Err((stream, Some(400))),
            }
        }
    }

    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request target as sent: path and query, still percent-encoded.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A header's value (the first, if sent more than once); names are
    /// compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body's length as announced by `Content-Length`.
    pub fn body_length(&self) -> Option<usize> {
        self.length
    }

    /// The whole body, or `None` when it is longer than `limit` bytes (it is
    /// then not read) or does not arrive.
    pub fn read_body(&mut self, limit: usize) -> Option<Vec<u8>> {
        let length = self.length.unwrap_or(0);
        if length > limit {
            return None;
        }
        if self.expects_continue && length > self.early.len() {
            self.stream
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .ok()?;
        }
        let mut body = std::mem::take(&mut self.early);
        body.truncate(length);
        let missing = length - body.len();
        let read = (&self.stream)
            .take(missing as u64)
            .read_to_end(&mut body)
            .ok()?;
        (read == missing).then_some(body)
    }

    /// Sends the answer with `extra` headers after its own, and closes the
    /// connection.
    pub fn respond(self, answer: Answer, extra: &[(&str, &str)]) {
        let mut head = format!("HTTP/1.1 {} {}\r\n", answer.status, reason(answer.status));
        let headers = answer
            .headers
            .iter()
            .map(|(n, v)| (*n, v.as_str()))
            .chain(extra.iter().copied());
        for (name, value) in headers {
            // A value never ends the head early.
            if !value.contains(['\r', '\n']) {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            answer.body.len()
        ));
        let mut stream = &self.stream;
        let sent = stream.write_all(head.as_bytes()).and_then(|()| {
            if self.method == "HEAD" {
                Ok(())
            } else {
                stream.write_all(&answer.body)
            }
        });
        if sent.is_ok() {
            close(&self.stream);
        }
    }

    /// The connection itself, for an answer that streams (`serve`'s event
    /// stream); the caller writes the status line and headers. It is no
    /// longer read, so it has no read timeout.
    pub fn into_stream(self) -> TcpStream {
        let _ = self.stream.set_read_timeout(None);
        let _ = self.stream.set_write_timeout(Some(READ_TIMEOUT));
        self.stream
    }
}

/// What a request's head says, checked.
struct Head {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    length: Option<usize>,
    expects_continue: bool,
}

impl Head {
    fn of(parsed: &httparse::Request) -> Result<Head, u16> {
        let (Some(method), Some(url)) = (parsed.method, parsed.path) else {
            return Err(400);
        };
        let mut headers = Vec::with_capacity(parsed.headers.len());
        for h in parsed.headers.iter() {
            let Ok(value) = std::str::from_utf8(h.value) else {
                return Err(400);
            };
            headers.push((h.name.to_string(), value.trim().to_string()));
        }
        fn named<'h>(
            headers: &'h [(String, String)],
            name: &'static str,
        ) -> impl Iterator<Item = &'h str> {
            headers
                .iter()
                .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
        // Bodies come with a length: browsers never chunk a request.
        if named(&headers, "Transfer-Encoding").next().is_some() {
            return Err(411);
        }
        let lengths: Vec<_> = named(&headers, "Content-Length")
            .map(|v| v.parse::<usize>())
            .collect();
        let length = match lengths.as_slice() {
            [] => None,
            [Ok(n)] => Some(*n),
            _ => return Err(400),
        };
        let expects_continue =
            named(&headers, "Expect").any(|v| v.eq_ignore_ascii_case("100-continue"));
        Ok(Head {
            method: method.to_ascii_uppercase(),
            url: url.to_string(),
            headers,
            length,
            expects_continue,
        })
    }
}

/// Answers a request that could not be read, and closes.
fn refuse(stream: TcpStream, status: u16) {
    let _ = stream.set_write_timeout(Some(READ_TIMEOUT));
    if (&stream).write_all(&status_only(status)).is_ok() {
        close(&stream);
    }
}

/// A whole answer that is only its status.
fn status_only(status: u16) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 4\r\nConnection: close\r\n\r\n{status}\n",
        reason(status),
    )
    .into_bytes()
}

/// Ends the answer, then reads what the client still sends (a body not
/// read) for a moment, so that closing does not reset the connection
/// before the client has read the answer.
fn close(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(DRAIN_TIMEOUT));
    let _ = io::copy(&mut stream.take(MAX_DRAIN), &mut io::sink());
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A listener on a free loopback port that echoes what it read.
    fn echo() -> SocketAddr {
        let listener = Listener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            listener.run(|mut r| {
                let body = r.read_body(1000);
                let text = match &body {
                    Some(b) => format!(
                        "{} {} {} {}",
                        r.method(),
                        r.url(),
                        r.header("x-name").unwrap_or("-"),
                        String::from_utf8_lossy(b)
                    ),
                    None => "too large".to_string(),
                };
                let status = if body.is_some() { 200 } else { 413 };
                r.respond(
                    Answer {
                        status,
                        headers: vec![("Content-Type", "text/plain".into())],
                        body: text.into_bytes(),
                    },
                    &[("X-Extra", "1")],
                );
            });
        });
        addr
    }

    fn exchange(addr: SocketAddr, raw: &[u8]) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(raw).unwrap();
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[test]
    fn a_request_and_its_body_are_read_and_answered_once() {
        let addr = echo();
        let a = exchange(
            addr,
            b"POST /t/x?a=1 HTTP/1.1\r\nHost: h\r\nX-Name: v\r\nContent-Length: 5\r\n\r\nhello",
        );
        assert!(a.starts_with("HTTP/1.1 200 OK\r\n"), "{a}");
        assert!(a.contains("\r\nConnection: close\r\n"), "{a}");
        assert!(a.contains("\r\nX-Extra: 1\r\n"), "{a}");
        assert!(a.ends_with("\r\n\r\nPOST /t/x?a=1 v hello"), "{a}");
    }

    #[test]
    fn a_body_sent_after_100_continue_arrives() {
        let addr = echo();
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(
            b"PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n",
        )
        .unwrap();
        let mut interim = [0u8; 25];
        s.read_exact(&mut interim).unwrap();
        assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
        s.write_all(b"abc").unwrap();
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        assert!(answer.ends_with("PUT / - abc"), "{answer}");
    }

    #[test]
    fn a_head_request_gets_the_length_but_no_body() {
        let addr = echo();
        let a = exchange(addr, b"HEAD /p HTTP/1.1\r\nHost: h\r\n\r\n");
        assert!(a.starts_with("HTTP/1.1 200 OK\r\n"), "{a}");
        assert!(a.contains("Content-Length: 10\r\n"), "{a}");
        assert!(a.ends_with("\r\n\r\n"), "{a}");
    }

    #[test]
    fn a_body_over_the_limit_is_refused_and_the_answer_still_arrives() {
        let addr = echo();
        let mut raw = b"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 200000\r\n\r\n".to_vec();
        raw.extend(std::iter::repeat_n(b'x', 200_000));
        let a = exchange(addr, &raw);
        assert!(a.starts_with("HTTP/1.1 413 "), "{a}");
        assert!(a.ends_with("too large"), "{a}");
    }

    #[test]
    fn malformed_heads_are_refused_without_calling_the_handler() {
        let addr = echo();
        for (raw, status) in [
            (&b"NOT HTTP\r\n\r\n"[..], "400"),
            (b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", "400"),
            (
                b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                "400",
            ),
            (
                b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "411",
            ),
        ] {
            let a = exchange(addr, raw);
            assert!(a.starts_with(&format!("HTTP/1.1 {status} ")), "{a}");
        }
        let mut huge = b"GET / HTTP/1.1\r\n".to_vec();
        huge.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        assert!(exchange(addr, &huge).starts_with("HTTP/1.1 431 "));
    }

    #[test]
    fn a_header_value_cannot_split_the_answer() {
        let listener = Listener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            listener.run(|r| {
                let answer = Answer {
                    status: 302,
                    headers: vec![("Location", "/a\r\nSet-Cookie: x=1".into())],
                    body: Vec::new(),
                };
                r.respond(answer, &[]);
            });
        });
        let a = exchange(addr, b"GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assert!(!a.contains("Set-Cookie"), "{a}");
    }

    #[test]
    fn many_connections_at_once_are_each_answered() {
        // What tiny_http's pool did not do: a connection kept open by one
        // client never keeps another waiting.
        let addr = echo();
        let idle: Vec<TcpStream> = (0..20).map(|_| TcpStream::connect(addr).unwrap()).collect();
        let answers: Vec<_> = (0..20)
            .map(|i| {
                std::thread::spawn(move || {
                    exchange(
                        addr,
                        format!("GET /{i} HTTP/1.1\r\nHost: h\r\n\r\n").as_bytes(),
                    )
                })
            })
            .collect();
        for (i, a) in answers.into_iter().enumerate() {
            let a = a.join().unwrap();
            assert!(a.ends_with(&format!("GET /{i} - ")), "{a}");
        }
        drop(idle);
    }
}
