//! What the editor answers with: the start page, a record's form (as on
//! disk, or as sent after a refused save), and the built sites of the
//! preview.

use serde_json::{Value, json};

use super::editor::Editor;
use super::formpage::{FormPage, Preview, Problems};
use super::http::{html, json_answer, problems_json, redirect, text};
use super::page;
use super::records;
use super::save::Refused;
use super::submit::Submitted;
use crate::load::Kind;
use crate::serve::{Answer, mime, site_path};

impl Editor {
    pub(super) fn index_page(&self) -> String {
        let content = self.content();
        let listing = records::listing(&content);
        let problems = self
            .shown
            .read()
            .map(|s| s.problems.clone())
            .unwrap_or_default();
        page::index(self.lang, self.token(), &listing, &problems)
    }

    /// A record's form with its values on disk (or, after a refused save,
    /// as sent).
    pub(super) fn form_page(
        &self,
        kind: Kind,
        id: Option<&str>,
        refused: Option<Refused>,
        notice: Option<String>,
    ) -> Option<String> {
        let content = self.content();
        let source = match id {
            Some(id) => Some(records::find(&content, kind, id)?),
            None => None,
        };
        let fields = super::form::fields(kind, self.lang);
        let choices = records::choices(&content);
        let text = match source {
            Some(s) => s.text.to_string(),
            None => self.new_text(kind, "baru", &Submitted::default()),
        };
        let parts = records::parts(kind, &text);
        let (values, body, problems, new_id) = match refused {
            Some(r) => (r.values, r.body, r.problems, r.new_id),
            None => {
                let mut problems = Problems::default();
                let values = match parts.as_ref().map(|p| records::values(p.yaml)) {
                    Some(Ok(v)) => v,
                    Some(Err(e)) => {
                        problems.others.push(e);
                        serde_json::Value::Null
                    }
                    None => {
                        problems.others.push("---".into());
                        serde_json::Value::Null
                    }
                };
                let body = parts.as_ref().and_then(|p| p.body).map(str::to_string);
                (values, body, problems, String::new())
            }
        };
        // A new record's title is the person's to write, not the
        // placeholder `rapor new` makes from its id.
        let mut values = values;
        if id.is_none()
            && let Some(map) = values.as_object_mut()
        {
            for key in ["title", "name"] {
                if map
                    .get(key)
                    .and_then(Value::as_str)
                    .is_some_and(|t| t == "Baru")
                {
                    map.insert(key.into(), Value::String(String::new()));
                }
            }
        }
        let preview = id.map(|id| self.preview_urls(kind, id));
        let undo = id.map_or(0, |id| self.undo_count(kind, id));
        Some(page::form(&FormPage {
            lang: self.lang,
            token: self.token(),
            kind,
            id,
            fields: &fields,
            values: &values,
            body: body.as_deref().filter(|_| records::is_markdown(kind)),
            problems: &problems,
            choices: &choices,
            notice,
            undo,
            preview,
            new_id: &new_id,
        }))
    }

    pub(super) fn new_page(&self, kind: Kind, _training: Option<&str>) -> Option<String> {
        self.form_page(kind, None, None, None)
    }

    pub(super) fn refused(
        &self,
        kind: Kind,
        id: Option<&str>,
        refused: Refused,
        json: bool,
    ) -> Answer {
        if json {
            return json_answer(422, &problems_json(&refused.problems));
        }
        match self.form_page(kind, id, Some(refused), None) {
            Some(p) => html(422, p),
            None => text(404, "404\n"),
        }
    }

    pub(super) fn after(
        &self,
        kind: Kind,
        id: &str,
        result: Result<(), Problems>,
        n: &str,
        json: bool,
    ) -> Answer {
        let at = format!("/{}/record/{}/{id}", self.token(), kind.name());
        match result {
            Ok(()) if json => json_answer(200, &json!({"ok": true, "location": at})),
            Ok(()) => redirect(format!("{at}?n={n}")),
            Err(p) if json => json_answer(422, &problems_json(&p)),
            Err(p) => {
                let r = Refused {
                    problems: p,
                    values: Value::Null,
                    body: None,
                    new_id: String::new(),
                };
                let content = self.content();
                let stored = records::find(&content, kind, id).map(|s| s.text.to_string());
                let values = stored
                    .as_deref()
                    .and_then(|t| {
                        records::parts(kind, t).and_then(|p| records::values(p.yaml).ok())
                    })
                    .unwrap_or(Value::Null);
                let body = stored
                    .as_deref()
                    .and_then(|t| records::parts(kind, t).and_then(|p| p.body.map(str::to_string)));
                let r = Refused { values, body, ..r };
                match self.form_page(kind, Some(id), Some(r), None) {
                    Some(p) => html(422, p),
                    None => text(404, "404\n"),
                }
            }
        }
    }

    /// The addresses of a record's page in the preview: on the public site
    /// when it has the page (not a draft, never a roster), and always on
    /// the internal site, which the form shows while an internal field is
    /// being edited.
    pub fn preview_urls(&self, kind: Kind, id: &str) -> Preview {
        let page = match kind {
            Kind::Site => String::new(),
            Kind::Partner => format!("partners/{id}/"),
            Kind::Programme => format!("programmes/{id}/"),
            Kind::Training | Kind::Roster => format!("trainings/{id}/"),
            Kind::Story => format!("stories/{id}/"),
            Kind::Outcome => {
                let content = self.content();
                let training = records::find(&content, kind, id)
                    .and_then(|s| records::values(&s.text).ok())
                    .and_then(|v| {
                        v.get("training")
                            .and_then(Value::as_str)
                            .map(str::to_string)
                    })
                    .unwrap_or_default();
                format!("trainings/{training}/")
            }
        };
        let key = format!("{page}index.html");
        let public =
            kind != Kind::Roster && self.shown.read().is_ok_and(|s| s.public.contains_key(&key));
        let t = self.token();
        Preview {
            public: public.then(|| format!("/{t}/preview/public/{page}")),
            internal: format!("/{t}/preview/internal/{page}"),
        }
    }

    pub fn undo_count(&self, kind: Kind, id: &str) -> usize {
        let content = self.content();
        records::find(&content, kind, id)
            .map_or(0, |s| super::history::count(&self.site, &records::rel(s)))
    }

    pub(super) fn preview(&self, which: &str, path: &str) -> Answer {
        let Ok(shown) = self.shown.read() else {
            return text(503, "503\n");
        };
        let site = match which {
            "public" => &shown.public,
            "internal" => &shown.internal,
            _ => return text(404, "404\n"),
        };
        let Some(key) = site_path(&format!("/{path}")) else {
            return text(400, "400\n");
        };
        let body = site.get(&key).or_else(|| {
            (!key.ends_with(".html"))
                .then(|| site.get(&format!("{}/index.html", key.trim_end_matches('/'))))
                .flatten()
        });
        if body.is_none()
            && !key.ends_with(".html")
            && site.contains_key(&format!("{key}/index.html"))
        {
            return redirect(format!("/{}/preview/{which}/{path}/", self.token()));
        }
        let bytes = match body {
            Some(crate::pipeline::Body::Bytes(b)) => b.to_vec(),
            Some(crate::pipeline::Body::File(p)) => std::fs::read(p).unwrap_or_default(),
            None => return text(404, "404\n"),
        };
        let name = if key.ends_with('/') || key.is_empty() {
            "index.html"
        } else {
            &key
        };
        Answer {
            status: 200,
            headers: vec![
                ("Content-Type", mime(name).into()),
                // The site's own policy, framed only by the editor.
                ("Content-Security-Policy", PREVIEW_CSP.into()),
            ],
            body: bytes,
        }
    }
}

const PREVIEW_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'self'";
