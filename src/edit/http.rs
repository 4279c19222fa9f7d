//! The editor's HTTP side: a request is admitted by the [`gate`], its body
//! read within the gate's bound, then routed by kind and id. Every address
//! is under `/<token>/`; only the editor's own script and stylesheet (no
//! data in them) are outside it.
//!
//! | request | what it does |
//! |---|---|
//! | `GET /<t>/` | every record, by kind |
//! | `GET /<t>/record/<kind>/<id>` | a record's form |
//! | `GET /<t>/new/<kind>` | a new record's form |
//! | `POST /<t>/record/<kind>/<id>`, `POST /<t>/new/<kind>` | save |
//! | `POST /<t>/undo/<kind>/<id>`, `POST /<t>/delete/<kind>/<id>` | undo, delete |
//! | `POST /<t>/rename/<kind>/<id>` (field `new_id`) | a new id |
//! | `POST /<t>/photo/<kind>/<id>?name=<file>` | add a photo (raw bytes) |
//! | `GET /<t>/photo/<kind>/<id>/<src>` | a photo as it will be published |
//! | `POST /<t>/guard`, `POST /<t>/markdown` | leak guard, Markdown preview (JSON) |
//! | `POST /<t>/import/<training>?name=<file>` | a roster from a spreadsheet |
//! | `GET /<t>/publish`, `POST /<t>/publish` (fields `target`, `dry_run`, `password`, `remember`; or `forget`) | build, then publish, in the background |
//! | `GET /<t>/publish/status` | how far the publish is (JSON) |
//! | `GET /<t>/preview/public/...`, `GET /<t>/preview/internal/...` | the built sites |

use std::sync::Arc;

use serde_json::{Value, json};

use super::editor::Editor;
use super::formpage::Problems;
use super::gate::{Asked, Body, MAX_FORM, MAX_UPLOAD, Refusal, TOKEN_FIELD};
use super::submit::Submitted;
use super::words::{Word, word};
use crate::load::Kind;
use crate::serve::{Answer, Request, mime};

const EDITOR_CSS: &str = include_str!("assets/editor.css");
const EDITOR_JS: &str = include_str!("assets/editor.js");

/// The policy of the editor's pages: its own script and styles only, and
/// framed by nothing but itself.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-src 'self'; frame-ancestors 'self'";

/// The request as the router sees it.
pub struct Req<'a> {
    pub method: &'a str,
    /// The path after `/<token>/`.
    pub route: &'a str,
    pub query: &'a str,
    pub body: Option<(Body, Vec<u8>)>,
    pub wants_json: bool,
}

pub(super) fn handle(mut request: Request, ed: &Arc<Editor>) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let header = |name: &'static str| request.header(name).map(str::to_string);
    let method = request.method().to_string();
    let (host, origin) = (header("Host"), header("Origin"));
    let content_type = header("Content-Type");
    let token = header(super::TOKEN_HEADER);
    let wants_json = header("Accept").is_some_and(|a| a.contains("application/json"));
    let length = request.body_length();
    let (path_token, route) = match path.strip_prefix('/').and_then(|p| p.split_once('/')) {
        Some((t, rest)) => (Some(t.to_string()), rest.to_string()),
        None => (None, String::new()),
    };
    // The editor's own assets: no data, no token, but still only this host.
    if method == "GET" && path.starts_with("/_/") {
        let known = ed.gate.admit(&Asked {
            method: "GET",
            host: host.as_deref(),
            origin: None,
            content_type: None,
            length: None,
            path_token: Some(ed.gate.token()),
            token: None,
        });
        let answer = match (known, path) {
            (Err(r), _) => refusal(ed, &r),
            (Ok(_), "/_/editor.css") => asset("editor.css", EDITOR_CSS),
            (Ok(_), "/_/editor.js") => asset("editor.js", EDITOR_JS),
            _ => text(404, "404\n"),
        };
        return send(request, answer);
    }
    let asked = Asked {
        method: &method,
        host: host.as_deref(),
        origin: origin.as_deref(),
        content_type: content_type.as_deref(),
        length,
        path_token: path_token.as_deref(),
        token: token.as_deref(),
    };
    let body_type = match ed.gate.admit(&asked) {
        Ok(b) => b,
        Err(r) => return send(request, refusal(ed, &r)),
    };
    let mut body = None;
    if let Some(kind) = body_type {
        let limit = if kind == Body::Upload {
            MAX_UPLOAD
        } else {
            MAX_FORM
        };
        let Some(bytes) = request.read_body(limit) else {
            return send(request, refusal(ed, &Refusal::TooLarge));
        };
        // A form without script carries the token in its body.
        if kind == Body::Form && !token.as_deref().is_some_and(|t| ed.gate.is_token(t)) {
            let form = Submitted::parse(&String::from_utf8_lossy(&bytes));
            if !form.get(TOKEN_FIELD).is_some_and(|t| ed.gate.is_token(t)) {
                return send(request, refusal(ed, &Refusal::Forbidden));
            }
        }
        body = Some((kind, bytes));
    }
    let req = Req {
        method: &method,
        route: &route,
        query,
        body,
        wants_json,
    };
    let answer = route_request(ed, &req);
    send(request, answer)
}

fn send(request: Request, answer: Answer) {
    let has_csp = answer
        .headers
        .iter()
        .any(|(n, _)| *n == "Content-Security-Policy");
    let mut extra = vec![
        ("X-Content-Type-Options", "nosniff"),
        // `no-referrer` would make a form's `Origin` "null", which the gate refuses.
        ("Referrer-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ];
    if !has_csp {
        extra.push(("Content-Security-Policy", CSP));
    }
    request.respond(answer, &extra);
}

fn refusal(ed: &Editor, r: &Refusal) -> Answer {
    text(
        r.status(),
        &format!("{} {}\n", r.status(), word(Word::Refused, ed.lang)),
    )
}

pub(super) fn text(status: u16, body: &str) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
        body: body.as_bytes().to_vec(),
    }
}

pub(super) fn html(status: u16, body: String) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
        body: body.into_bytes(),
    }
}

pub(super) fn json_answer(status: u16, v: &Value) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type", "application/json".into())],
        body: serde_json::to_vec(v).unwrap_or_default(),
    }
}

fn asset(name: &str, body: &str) -> Answer {
    Answer {
        status: 200,
        headers: vec![("Content-Type", mime(name).into())],
        body: body.as_bytes().to_vec(),
    }
}

pub(super) fn redirect(to: String) -> Answer {
    Answer {
        status: 303,
        headers: vec![("Location", to)],
        body: Vec::new(),
    }
}

fn query_value(query: &str, name: &str) -> Option<String> {
    Submitted::parse(query).get(name).map(str::to_string)
}

/// `record/training/x` -> (Kind::Training, "x"), when both are well formed.
fn kind_and_id(rest: &str) -> Option<(Kind, &str)> {
    let (kind, id) = rest.split_once('/')?;
    let kind = Kind::from_name(kind)?;
    let ok = if kind == Kind::Site {
        id == "site"
    } else {
        crate::text::is_valid_id(id)
    };
    ok.then_some((kind, id))
}

fn route_request(ed: &Arc<Editor>, r: &Req) -> Answer {
    let not_found = || text(404, &format!("404 {}\n", word(Word::NotFound, ed.lang)));
    let form_body = || -> Submitted {
        match &r.body {
            Some((Body::Form, b)) => Submitted::parse(&String::from_utf8_lossy(b)),
            _ => Submitted::default(),
        }
    };
    let json_body = || -> Value {
        match &r.body {
            Some((Body::Json, b)) => serde_json::from_slice(b).unwrap_or(Value::Null),
            _ => Value::Null,
        }
    };
    let (verb, rest) = r.route.split_once('/').unwrap_or((r.route, ""));
    match (r.method, verb) {
        ("GET" | "HEAD", "") => html(200, ed.index_page()),
        ("GET" | "HEAD", "record") => match kind_and_id(rest) {
            Some((kind, id)) => match ed.form_page(kind, Some(id), None, notice(ed, r.query)) {
                Some(p) => html(200, p),
                None => not_found(),
            },
            None => not_found(),
        },
        ("GET" | "HEAD", "new") => match Kind::from_name(rest).filter(|k| *k != Kind::Site) {
            Some(kind) => {
                let prefill = query_value(r.query, "training");
                match ed.new_page(kind, prefill.as_deref()) {
                    Some(p) => html(200, p),
                    None => not_found(),
                }
            }
            None => not_found(),
        },
        ("POST", "record") | ("POST", "new") => {
            let target = if verb == "record" {
                kind_and_id(rest).map(|(k, id)| (k, Some(id)))
            } else {
                Kind::from_name(rest)
                    .filter(|k| *k != Kind::Site)
                    .map(|k| (k, None))
            };
            let Some((kind, id)) = target else {
                return not_found();
            };
            let form = form_body();
            match ed.save(kind, id, &form) {
                Ok(done) => {
                    let at = format!("/{}/record/{}/{}", ed.token(), kind.name(), done.id);
                    if r.wants_json {
                        let p = ed.preview_urls(kind, &done.id);
                        let preview = json!({ "public": p.public, "internal": p.internal });
                        json_answer(
                            200,
                            &json!({
                                "ok": true,
                                "changed": done.changed,
                                "location": at,
                                "preview": preview,
                                "undo": ed.undo_count(kind, &done.id),
                                "message": word(if done.changed { Word::Saved } else { Word::Unchanged }, ed.lang),
                            }),
                        )
                    } else {
                        let n = if done.changed { "saved" } else { "unchanged" };
                        redirect(format!("{at}?n={n}"))
                    }
                }
                Err(refused) => ed.refused(kind, id, *refused, r.wants_json),
            }
        }
        ("POST", "undo") => match kind_and_id(rest) {
            Some((kind, id)) => {
                let result = ed.undo(kind, id);
                ed.after(kind, id, result, "undone", r.wants_json)
            }
            None => not_found(),
        },
        ("POST", "delete") => match kind_and_id(rest).filter(|(k, _)| *k != Kind::Site) {
            Some((kind, id)) => match ed.delete(kind, id) {
                Ok(()) => {
                    if r.wants_json {
                        json_answer(
                            200,
                            &json!({"ok": true, "location": format!("/{}/", ed.token())}),
                        )
                    } else {
                        redirect(format!("/{}/?n=deleted", ed.token()))
                    }
                }
                Err(p) => ed.after(kind, id, Err(p), "", r.wants_json),
            },
            None => not_found(),
        },
        ("POST", "rename") => match kind_and_id(rest) {
            Some((kind, id)) => {
                let form = form_body();
                let new_id = form.get("new_id").unwrap_or("").trim().to_string();
                match ed.rename(kind, id, &new_id) {
                    Ok(()) => {
                        let at = format!("/{}/record/{}/{new_id}", ed.token(), kind.name());
                        if r.wants_json {
                            json_answer(200, &json!({"ok": true, "location": at}))
                        } else {
                            redirect(format!("{at}?n=renamed"))
                        }
                    }
                    Err(p) => ed.after(kind, id, Err(p), "", r.wants_json),
                }
            }
            None => not_found(),
        },
        ("POST", "photo") => {
            let Some((kind, id)) = kind_and_id(rest) else {
                return not_found();
            };
            let Some((Body::Upload, bytes)) = &r.body else {
                return text(415, "415\n");
            };
            let name = query_value(r.query, "name").unwrap_or_default();
            match ed.add_photo(kind, id, &name, bytes) {
                Ok(s) => json_answer(
                    200,
                    &json!({
                        "ok": true,
                        "src": s.src,
                        "thumb": format!("/{}/photo/{}/{id}/{}", ed.token(), kind.name(), s.src),
                    }),
                ),
                Err(e) => json_answer(422, &json!({"ok": false, "message": e})),
            }
        }
        ("GET" | "HEAD", "photo") => {
            let Some((kind_id, src)) = rest.rsplit_once('/') else {
                return not_found();
            };
            let Some((kind, id)) = kind_and_id(kind_id) else {
                return not_found();
            };
            let src = crate::serve::percent_decode(src).unwrap_or_default();
            match ed.photo_preview(kind, id, &src) {
                Some((bytes, mime)) => Answer {
                    status: 200,
                    headers: vec![("Content-Type", mime.into())],
                    body: bytes,
                },
                None => not_found(),
            }
        }
        ("POST", "guard") => {
            let v = json_body();
            let t = v.get("text").and_then(Value::as_str).unwrap_or("");
            json_answer(200, &ed.guard(t))
        }
        ("POST", "markdown") => {
            let v = json_body();
            let t = v.get("text").and_then(Value::as_str).unwrap_or("");
            {
                let html = crate::markdown::to_html(t, &mut crate::markdown::IdSet::for_page());
                json_answer(200, &json!({ "html": html }))
            }
        }
        ("POST", "import") => {
            let Some((Body::Upload, bytes)) = &r.body else {
                return text(415, "415\n");
            };
            if !crate::text::is_valid_id(rest) {
                return not_found();
            }
            let name = query_value(r.query, "name").unwrap_or_default();
            match ed.import_roster(rest, &name, bytes) {
                Ok(()) => json_answer(
                    200,
                    &json!({
                        "ok": true,
                        "location": format!("/{}/record/roster/{rest}?n=saved", ed.token()),
                    }),
                ),
                Err(p) => json_answer(422, &problems_json(&p)),
            }
        }
        ("GET" | "HEAD", "publish") if rest.is_empty() => html(200, ed.publish_page(false)),
        ("GET" | "HEAD", "publish") if rest == "status" => json_answer(200, &ed.publish_status()),
        ("POST", "publish") if rest.is_empty() && form_body().get("forget").is_some() => {
            match ed.forget_password(&form_body()) {
                true if r.wants_json => json_answer(200, &ed.publish_status()),
                true => redirect(format!("/{}/publish", ed.token())),
                false => html(409, ed.publish_page(true)),
            }
        }
        ("POST", "publish") if rest.is_empty() => match ed.start_publish(&form_body()) {
            Some(job) if r.wants_json => json_answer(202, &json!({"ok": true, "job": job})),
            Some(_) => redirect(format!("/{}/publish", ed.token())),
            None if r.wants_json => json_answer(
                409,
                &json!({"ok": false, "lines": [word(Word::PublishBusy, ed.lang)]}),
            ),
            None => html(409, ed.publish_page(true)),
        },
        ("GET" | "HEAD", "preview") => {
            let (which, path) = rest.split_once('/').unwrap_or((rest, ""));
            ed.preview(which, path)
        }
        ("GET" | "HEAD", _) => not_found(),
        _ => text(405, "405\n"),
    }
}

fn notice(ed: &Editor, query: &str) -> Option<String> {
    let w = match query_value(query, "n").as_deref() {
        Some("saved") => Word::Saved,
        Some("unchanged") => Word::Unchanged,
        Some("undone") => Word::Undone,
        Some("deleted") => Word::Deleted,
        Some("renamed") => Word::Renamed,
        _ => return None,
    };
    Some(word(w, ed.lang).to_string())
}

pub(super) fn problems_json(p: &Problems) -> Value {
    json!({ "ok": false, "fields": p.fields, "others": p.others })
}
