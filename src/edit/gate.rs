//! Who may talk to the editor: the same `Host` and `Origin` rules as
//! `rapor serve`, and for every request that changes something the run's
//! secret token, a body type the editor reads (form or JSON) and a bounded
//! size. Pure: a request is described by [`Asked`], so that every refusal is
//! unit-tested without a socket.

use std::net::SocketAddr;

use crate::serve;

/// The largest body of a form or JSON request (a long story is ~50 kB).
pub const MAX_FORM: usize = 2 * 1024 * 1024;
/// The largest photo or spreadsheet that may be uploaded.
pub const MAX_UPLOAD: usize = 40 * 1024 * 1024;
/// The header a script sends the token in.
pub const TOKEN_HEADER: &str = "X-Rapor-Token";
/// The form field a page without script sends the token in.
pub const TOKEN_FIELD: &str = "_token";

/// The parts of a request the gate looks at.
pub struct Asked<'a> {
    pub method: &'a str,
    pub host: Option<&'a str>,
    pub origin: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub length: Option<usize>,
    /// The token in the path (`/<token>/...`): every page and request of
    /// the editor is under it, so that links and a preview's relative
    /// addresses keep it.
    pub path_token: Option<&'a str>,
    /// The token of the `X-Rapor-Token` header, which a write needs too
    /// (a form without script sends it as its `_token` field instead).
    pub token: Option<&'a str>,
}

/// What a request body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    Form,
    Json,
    /// Raw bytes of an uploaded file (photo, spreadsheet).
    Upload,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 421: a `Host` that is not this server (DNS rebinding).
    Host,
    /// 403: another site's page, or no valid token.
    Forbidden,
    /// 405: a method the editor does not answer.
    Method,
    /// 413: a body over the limit, or of unknown length.
    TooLarge,
    /// 415: a body the editor does not read.
    BodyType,
}

impl Refusal {
    pub fn status(&self) -> u16 {
        match self {
            Refusal::Host => 421,
            Refusal::Forbidden => 403,
            Refusal::Method => 405,
            Refusal::TooLarge => 413,
            Refusal::BodyType => 415,
        }
    }
}

/// The gate of one editor run.
pub struct Gate {
    pub local: SocketAddr,
    token: String,
}

impl Gate {
    pub fn new(local: SocketAddr, token: String) -> Self {
        Gate { local, token }
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether `given` is this run's token, compared in constant time.
    pub fn is_token(&self, given: &str) -> bool {
        let (a, b) = (self.token.as_bytes(), given.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    /// Admits a request, or says why not. A GET needs a known `Host` (and,
    /// if the browser names one, a same-origin `Origin`) and the token in
    /// its path: the editor shows internal records. A POST needs all of
    /// that and the `Origin`, the token again in the header (a script's
    /// request) or, for a form body, in its `_token` field (checked by the
    /// caller with [`Gate::is_token`] once the bounded body is read), a body
    /// type and a bounded length. Returns the body type of a POST.
    pub fn admit(&self, r: &Asked) -> Result<Option<Body>, Refusal> {
        // The host and origin rules of `serve`, for a read; a write is
        // judged below with the origin required.
        let known = |h: &str| serve::admit("GET", Some(h), None, "/", self.local).is_none();
        if !r.host.is_some_and(known) {
            return Err(Refusal::Host);
        }
        let same_origin = |o: &str| {
            o.strip_prefix("http://")
                .is_some_and(|h| !h.contains('/') && known(h))
        };
        if !r.path_token.is_some_and(|t| self.is_token(t)) {
            return Err(Refusal::Forbidden);
        }
        let token_ok = r.token.is_some_and(|t| self.is_token(t));
        match r.method {
            "GET" | "HEAD" => {
                if r.origin.is_some_and(|o| !same_origin(o)) {
                    return Err(Refusal::Forbidden);
                }
                Ok(None)
            }
            "POST" => {
                // A browser always sends `Origin` on a POST; a request
                // without it is not from the editor's page.
                if !r.origin.is_some_and(same_origin) {
                    return Err(Refusal::Forbidden);
                }
                let body = match r
                    .content_type
                    .map(|t| {
                        t.split(';')
                            .next()
                            .unwrap_or("")
                            .trim()
                            .to_ascii_lowercase()
                    })
                    .as_deref()
                {
                    Some("application/x-www-form-urlencoded") => Body::Form,
                    Some("application/json") => Body::Json,
                    Some("application/octet-stream") => Body::Upload,
                    _ => return Err(Refusal::BodyType),
                };
                // Only a form may carry its token in the body.
                if !token_ok && body != Body::Form {
                    return Err(Refusal::Forbidden);
                }
                let limit = if body == Body::Upload {
                    MAX_UPLOAD
                } else {
                    MAX_FORM
                };
                match r.length {
                    Some(n) if n <= limit => Ok(Some(body)),
                    _ => Err(Refusal::TooLarge),
                }
            }
            _ => Err(Refusal::Method),
        }
    }
}

/// A new token: 32 random bytes as hex.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate() -> Gate {
        Gate::new("127.0.0.1:4100".parse().unwrap(), "t0k".into())
    }

    fn post<'a>() -> Asked<'a> {
        Asked {
            method: "POST",
            host: Some("127.0.0.1:4100"),
            origin: Some("http://127.0.0.1:4100"),
            content_type: Some("application/x-www-form-urlencoded"),
            length: Some(10),
            path_token: Some("t0k"),
            token: Some("t0k"),
        }
    }

    #[test]
    fn a_write_from_the_editors_page_is_admitted() {
        assert_eq!(gate().admit(&post()), Ok(Some(Body::Form)));
        let json = Asked {
            content_type: Some("application/json; charset=utf-8"),
            ..post()
        };
        assert_eq!(gate().admit(&json), Ok(Some(Body::Json)));
        let localhost = Asked {
            host: Some("localhost:4100"),
            origin: Some("http://localhost:4100"),
            ..post()
        };
        assert_eq!(gate().admit(&localhost), Ok(Some(Body::Form)));
    }

    #[test]
    fn foreign_hosts_origins_and_missing_tokens_are_refused() {
        let g = gate();
        let cases = [
            (
                Asked {
                    host: Some("evil.example:4100"),
                    ..post()
                },
                Refusal::Host,
            ),
            (
                Asked {
                    host: None,
                    ..post()
                },
                Refusal::Host,
            ),
            (
                Asked {
                    host: Some("127.0.0.1:4101"),
                    ..post()
                },
                Refusal::Host,
            ),
            (
                Asked {
                    origin: Some("http://evil.example"),
                    ..post()
                },
                Refusal::Forbidden,
            ),
            (
                Asked {
                    origin: Some("null"),
                    ..post()
                },
                Refusal::Forbidden,
            ),
            (
                Asked {
                    origin: None,
                    ..post()
                },
                Refusal::Forbidden,
            ),
            (
                Asked {
                    origin: Some("http://127.0.0.1:4100/x"),
                    ..post()
                },
                Refusal::Forbidden,
            ),
            (
                Asked {
                    token: Some("t0K"),
                    content_type: Some("application/json"),
                    ..post()
                },
                Refusal::Forbidden,
            ),
            (
                Asked {
                    token: None,
                    content_type: Some("application/octet-stream"),
                    ..post()
                },
                Refusal::Forbidden,
            ),
            (
                Asked {
                    content_type: Some("text/plain"),
                    ..post()
                },
                Refusal::BodyType,
            ),
            (
                Asked {
                    content_type: None,
                    ..post()
                },
                Refusal::BodyType,
            ),
            (
                Asked {
                    length: None,
                    ..post()
                },
                Refusal::TooLarge,
            ),
            (
                Asked {
                    length: Some(MAX_FORM + 1),
                    ..post()
                },
                Refusal::TooLarge,
            ),
            (
                Asked {
                    path_token: None,
                    ..post()
                },
                Refusal::Forbidden,
            ),
            (
                Asked {
                    path_token: Some("t0"),
                    ..post()
                },
                Refusal::Forbidden,
            ),
            (
                Asked {
                    method: "PUT",
                    ..post()
                },
                Refusal::Method,
            ),
            (
                Asked {
                    method: "DELETE",
                    ..post()
                },
                Refusal::Method,
            ),
        ];
        for (asked, refusal) in cases {
            assert_eq!(g.admit(&asked), Err(refusal), "{:?}", asked.host);
        }
    }

    #[test]
    fn a_read_needs_the_token_too() {
        let g = gate();
        let get = Asked {
            method: "GET",
            origin: None,
            content_type: None,
            length: None,
            ..post()
        };
        assert_eq!(g.admit(&get), Ok(None));
        let header_only = Asked {
            path_token: None,
            ..get
        };
        assert_eq!(g.admit(&header_only), Err(Refusal::Forbidden));
        let get = Asked {
            method: "GET",
            origin: Some("http://evil.example"),
            content_type: None,
            length: None,
            ..post()
        };
        assert_eq!(g.admit(&get), Err(Refusal::Forbidden));
    }

    #[test]
    fn uploads_may_be_larger_than_forms_but_bounded() {
        let up = Asked {
            content_type: Some("application/octet-stream"),
            length: Some(MAX_FORM + 1),
            ..post()
        };
        assert_eq!(gate().admit(&up), Ok(Some(Body::Upload)));
        let huge = Asked {
            length: Some(MAX_UPLOAD + 1),
            ..up
        };
        assert_eq!(gate().admit(&huge), Err(Refusal::TooLarge));
    }

    #[test]
    fn tokens_are_long_random_and_compared_whole() {
        let a = new_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token().unwrap());
        let g = Gate::new("127.0.0.1:1".parse().unwrap(), a.clone());
        assert!(g.is_token(&a));
        assert!(!g.is_token(&a[..63]));
        assert!(!g.is_token(""));
    }
}
