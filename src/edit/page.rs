//! The editor's pages, as HTML written by hand (a form is a tree of
//! fields, which Tera's macros would make harder to read, not easier).
//! Every value is escaped with [`escape`]; every control has a visible
//! label and a `name` equal to the field's YAML path.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use super::form::{Field, Input, RefKind};
use super::words::{Word, word};
use crate::load::Kind;
use crate::text::escape_html as escape;
use crate::vocab::Lang;

/// The records a reference may name: (id, title), per kind.
#[derive(Debug, Default, Clone)]
pub struct Choices {
    pub partners: Vec<(String, String)>,
    pub programmes: Vec<(String, String)>,
    pub trainings: Vec<(String, String)>,
    pub skills: Vec<(String, String)>,
}

impl Choices {
    fn of(&self, r: RefKind) -> &[(String, String)] {
        match r {
            RefKind::Partner => &self.partners,
            RefKind::Programme => &self.programmes,
            RefKind::Training => &self.trainings,
            RefKind::Skill => &self.skills,
        }
    }
}

/// Problems of a save: by field path, and those of no field.
#[derive(Debug, Default, Clone)]
pub struct Problems {
    pub fields: BTreeMap<String, Vec<String>>,
    pub others: Vec<String>,
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.others.is_empty()
    }
}

/// Everything a record's form shows.
pub struct FormPage<'a> {
    pub lang: Lang,
    pub token: &'a str,
    pub kind: Kind,
    /// `None` for a new record (its id is typed into the field `id`).
    pub id: Option<&'a str>,
    pub fields: &'a [Field],
    pub values: &'a Value,
    /// The Markdown body, for kinds that have one.
    pub body: Option<&'a str>,
    pub problems: &'a Problems,
    pub choices: &'a Choices,
    pub notice: Option<String>,
    pub undo: usize,
    /// The preview's address, when the record is built.
    pub preview: Option<String>,
    /// The typed id of a new record, kept after a refused save.
    pub new_id: &'a str,
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Site => "site",
        Kind::Partner => "partner",
        Kind::Programme => "programme",
        Kind::Training => "training",
        Kind::Outcome => "outcome",
        Kind::Story => "story",
        Kind::Roster => "roster",
    }
}

pub fn kind_of(name: &str) -> Option<Kind> {
    Some(match name {
        "site" => Kind::Site,
        "partner" => Kind::Partner,
        "programme" => Kind::Programme,
        "training" => Kind::Training,
        "outcome" => Kind::Outcome,
        "story" => Kind::Story,
        "roster" => Kind::Roster,
        _ => return None,
    })
}

pub const KINDS: [Kind; 7] = [
    Kind::Training,
    Kind::Story,
    Kind::Outcome,
    Kind::Partner,
    Kind::Programme,
    Kind::Roster,
    Kind::Site,
];

/// A whole page: the layout around `main`.
pub fn layout(lang: Lang, token: &str, title: &str, internal: bool, main: &str) -> String {
    let w = |x| word(x, lang);
    let mut out = String::with_capacity(main.len() + 2048);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"rapor-token\" content=\"{token}\">\n\
         <title>{title} · {app}</title>\n\
         <link rel=\"stylesheet\" href=\"/_/editor.css\">\n\
         <script src=\"/_/editor.js\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">{skip}</a>\n\
         <header class=\"top\"><a href=\"/{token}/\">{app}</a></header>\n",
        lang = if lang == Lang::En { "en" } else { "id" },
        title = escape(title),
        app = w(Word::App),
        skip = w(Word::Skip),
    );
    if internal {
        let _ = write!(
            out,
            "<p class=\"banner\" role=\"note\">{}</p>\n",
            w(Word::InternalBanner)
        );
    }
    let _ = write!(out, "<main id=\"main\">\n{main}</main>\n</body>\n</html>\n");
    out
}

/// The start page: every record, by kind, with a link to create one.
pub fn index(
    lang: Lang,
    token: &str,
    records: &BTreeMap<Kind, Vec<(String, String)>>,
    problems: &[String],
) -> String {
    let w = |x| word(x, lang);
    let mut m = String::new();
    let _ = writeln!(m, "<h1>{}</h1>", w(Word::IndexTitle));
    if !problems.is_empty() {
        let _ = writeln!(
            m,
            "<section class=\"problems\" aria-labelledby=\"p-h\"><h2 id=\"p-h\">{}</h2><ul>",
            w(Word::SiteProblems)
        );
        for p in problems {
            let _ = writeln!(m, "<li>{}</li>", escape(p));
        }
        m.push_str("</ul></section>\n");
    }
    for kind in KINDS {
        let name = kind_name(kind);
        let list = records.get(&kind).map(Vec::as_slice).unwrap_or(&[]);
        let _ = writeln!(
            m,
            "<section class=\"kind\" aria-labelledby=\"k-{name}\"><h2 id=\"k-{name}\">{}</h2>",
            escape(&kind_title(kind, lang))
        );
        if kind != Kind::Site {
            let _ = writeln!(
                m,
                "<p><a class=\"button\" href=\"/{token}/new/{name}\">{}</a></p>",
                w(Word::CreateNew)
            );
        }
        if list.is_empty() {
            let _ = writeln!(m, "<p class=\"empty\">{}</p>", w(Word::NoneYet));
        } else {
            m.push_str("<ul class=\"records\">\n");
            for (id, title) in list {
                let _ = writeln!(
                    m,
                    "<li><a href=\"/{token}/record/{name}/{id}\">{}</a> <span class=\"id\">{}</span></li>",
                    escape(title),
                    escape(id),
                );
            }
            m.push_str("</ul>\n");
        }
        m.push_str("</section>\n");
    }
    layout(lang, token, &w(Word::IndexTitle), false, &m)
}

pub fn kind_title(kind: Kind, lang: Lang) -> String {
    let x = match kind {
        Kind::Site => Word::KindSite,
        Kind::Partner => Word::KindPartner,
        Kind::Programme => Word::KindProgramme,
        Kind::Training => Word::KindTraining,
        Kind::Outcome => Word::KindOutcome,
        Kind::Story => Word::KindStory,
        Kind::Roster => Word::KindRoster,
    };
    word(x, lang).to_string()
}

/// A record's form, with its problems beside their fields.
pub fn form(p: &FormPage) -> String {
    let w = |x| word(x, p.lang);
    let name = kind_name(p.kind);
    let title = if p.id.is_none() {
        format!("{} · {}", w(Word::NewRecord), kind_title(p.kind, p.lang))
    } else {
        p.values
        .get("title")
        .or_else(|| p.values.get("name"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| p.id.map(str::to_string))
        .unwrap_or_else(|| w(Word::NewRecord).to_string())
    };
    let action = match p.id {
        Some(id) => format!("/{}/record/{name}/{id}", p.token),
        None => format!("/{}/new/{name}", p.token),
    };
    let mut m = String::new();
    let _ = writeln!(
        m,
        "<p class=\"crumb\"><a href=\"/{}/\">{}</a> › {}</p>\n<h1>{}</h1>",
        p.token,
        w(Word::IndexTitle),
        escape(&kind_title(p.kind, p.lang)),
        escape(&title)
    );
    m.push_str("<div class=\"split\">\n<div class=\"pane\">\n");
    let _ = writeln!(m, "<div id=\"status\" role=\"status\" aria-live=\"polite\">");
    if let Some(n) = &p.notice {
        let _ = write!(m, "<p class=\"ok\">{}</p>", escape(n));
    }
    m.push_str("</div>\n");
    let _ = writeln!(m, "<div id=\"others\" role=\"alert\">");
    if !p.problems.is_empty() {
        let _ = writeln!(m, "<p class=\"err-head\">{}</p><ul class=\"errs\">", w(Word::NotSaved));
        for (path, list) in &p.problems.fields {
            for e in list {
                let _ = writeln!(
                    m,
                    "<li><a href=\"#{}\">{}</a></li>",
                    dom_id(path),
                    escape(e)
                );
            }
        }
        for e in &p.problems.others {
            let _ = writeln!(m, "<li>{}</li>", escape(e));
        }
        m.push_str("</ul>\n");
    }
    m.push_str("</div>\n");
    let _ = writeln!(
        m,
        "<form method=\"post\" action=\"{action}\" class=\"record\" data-kind=\"{name}\" novalidate>\n\
         <input type=\"hidden\" name=\"_token\" value=\"{}\">",
        p.token
    );
    if p.kind == Kind::Roster
        && let Some(id) = p.id
    {
        let _ = writeln!(
            m,
            "<div class=\"drop\" data-import=\"{}\"><label for=\"f-import\">{}</label>\
             <input type=\"file\" id=\"f-import\" accept=\".xlsx,.xls,.ods,.csv\">\
             <p class=\"help\">{}</p></div>",
            escape(id),
            w(Word::ImportRoster),
            w(Word::ImportHelp)
        );
    }
    let mut cx = Cx {
        p,
        out: String::new(),
    };
    if p.id.is_none() && p.kind != Kind::Site {
        let help = w(Word::IdHelp);
        let problem = p.problems.fields.get("id");
        cx.open("id", &w(Word::Id), help, true, false, problem);
        let _ = write!(
            cx.out,
            "<input type=\"text\" id=\"f-id\" name=\"id\" value=\"{}\" autocomplete=\"off\" \
             pattern=\"[a-z0-9][a-z0-9\\-]*\"{}>",
            escape(p.new_id),
            cx.described("id", problem.is_some())
        );
        cx.close();
    }
    for f in p.fields {
        cx.field(f, &f.key, p.values.get(&f.key));
    }
    if let Some(body) = p.body {
        cx.markdown(body);
    }
    m.push_str(&cx.out);
    let _ = writeln!(
        m,
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">{}</button></div>\n</form>",
        w(Word::Save)
    );
    if let Some(id) = p.id {
        let _ = writeln!(
            m,
            "<form method=\"post\" action=\"/{t}/undo/{name}/{id}\" class=\"undo\">\
             <input type=\"hidden\" name=\"_token\" value=\"{t}\">\
             <button type=\"submit\"{dis}>{label} ({n})</button></form>",
            t = p.token,
            dis = if p.undo == 0 { " disabled" } else { "" },
            label = w(Word::Undo),
            n = p.undo,
        );
        if p.kind != Kind::Site {
            let _ = writeln!(
                m,
                "<form method=\"post\" action=\"/{t}/delete/{name}/{id}\" class=\"delete\">\
                 <input type=\"hidden\" name=\"_token\" value=\"{t}\">\
                 <button type=\"submit\">{label}</button></form>",
                t = p.token,
                label = w(Word::Delete),
            );
        }
    }
    m.push_str("</div>\n");
    if let Some(url) = &p.preview {
        let _ = writeln!(
            m,
            "<div class=\"pane preview\"><h2 id=\"pv-h\">{h}</h2>\
             <iframe id=\"preview\" title=\"{h}\" src=\"{}\"></iframe>\
             <p><a href=\"{}\" target=\"_blank\" rel=\"noopener\">{o}</a></p></div>",
            escape(url),
            escape(url),
            h = w(Word::Preview),
            o = w(Word::OpenPreview),
        );
    }
    m.push_str("</div>\n");
    let internal = p.kind == Kind::Roster;
    layout(p.lang, p.token, &title, internal, &m)
}

/// `photos[0].alt` -> `f-photos-0-alt`: an HTML id.
pub fn dom_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' => id.push(c),
            '-' => id.push_str("--"),
            _ => {
                if !id.ends_with('-') {
                    id.push('-');
                }
            }
        }
    }
    id.trim_end_matches('-').to_string()
}

struct Cx<'a> {
    p: &'a FormPage<'a>,
    out: String,
}

impl Cx<'_> {
    fn problems(&self, path: &str) -> Option<&Vec<String>> {
        self.p.problems.fields.get(path)
    }

    fn described(&self, path: &str, has_error: bool) -> String {
        let id = dom_id(path);
        let mut by = format!("{id}-h");
        if has_error {
            by.push_str(&format!(" {id}-e"));
        }
        let invalid = if has_error { " aria-invalid=\"true\"" } else { "" };
        format!(" aria-describedby=\"{by}\"{invalid}")
    }

    /// The label, help and problems of a control; the control follows.
    fn open(
        &mut self,
        path: &str,
        label: &str,
        help: &str,
        required: bool,
        internal: bool,
        problems: Option<&Vec<String>>,
    ) {
        let w = |x| word(x, self.p.lang);
        let id = dom_id(path);
        // A roster is internal as a whole: its banner says so once.
        let internal = internal && self.p.kind != Kind::Roster;
        let class = if internal { "f internal" } else { "f" };
        let _ = write!(
            self.out,
            "<div class=\"{class}\" data-path=\"{}\"><label for=\"{id}\">{}{}{}</label>",
            escape(path),
            escape(label),
            if required {
                format!(" <span class=\"req\">({})</span>", w(Word::Required))
            } else {
                String::new()
            },
            if internal {
                format!(" <span class=\"tag\">{}</span>", w(Word::Internal))
            } else {
                String::new()
            },
        );
        let _ = write!(self.out, "<p class=\"help\" id=\"{id}-h\">{}</p>", escape(help));
        let _ = write!(self.out, "<p class=\"err\" id=\"{id}-e\">");
        for e in problems.into_iter().flatten() {
            let _ = write!(self.out, "{} ", escape(e));
        }
        self.out.push_str("</p>");
    }

    fn close(&mut self) {
        self.out.push_str("</div>\n");
    }

    fn field(&mut self, f: &Field, path: &str, value: Option<&Value>) {
        let problems = self.problems(path).cloned();
        let has_error = problems.is_some();
        let id = dom_id(path);
        let attrs = self.described(path, has_error);
        let p_path = escape(path);
        let text = value.map(scalar_text).unwrap_or_default();
        let w = |x| word(x, self.p.lang);
        match &f.input {
            Input::Group(inner) => {
                let tagged = f.internal && self.p.kind != Kind::Roster;
                let class = if tagged { "group internal" } else { "group" };
                let _ = write!(
                    self.out,
                    "<fieldset class=\"{class}\" data-path=\"{p_path}\"><legend>{}{}</legend>",
                    escape(&f.label),
                    if tagged {
                        format!(" <span class=\"tag\">{}</span>", w(Word::Internal))
                    } else {
                        String::new()
                    }
                );
                if !f.help.is_empty() {
                    let _ = write!(self.out, "<p class=\"help\">{}</p>", escape(&f.help));
                }
                for e in problems.iter().flatten() {
                    let _ = write!(self.out, "<p class=\"err\" id=\"{id}-e\">{}</p>", escape(e));
                }
                // A single photo (a story's cover): its picture, and a box
                // to choose one.
                let photo = is_photo(inner);
                if photo {
                    self.thumb(value);
                }
                for sub in inner {
                    let sub_path = format!("{path}.{}", sub.key);
                    let v = value.and_then(|v| v.get(&sub.key));
                    let mut sub = sub.clone();
                    if photo && sub.key == "public" {
                        sub.label = w(Word::Consent).to_string();
                        sub.help = w(Word::ConsentHelp).to_string();
                    }
                    self.field(&sub, &sub_path, v);
                }
                if photo {
                    let _ = write!(
                        self.out,
                        "<div class=\"drop\" data-drop data-single=\"{p_path}\"><label for=\"{id}-file\">{}</label>\
                         <input type=\"file\" id=\"{id}-file\" accept=\"image/jpeg,image/png\" data-upload>\
                         <p class=\"help\">{}</p></div>",
                        w(Word::ChoosePhoto),
                        w(Word::DropHelp)
                    );
                }
                self.out.push_str("</fieldset>\n");
            }
            Input::Items(inner) => self.items(f, inner, path, value, problems.as_ref()),
            Input::Pairs => {
                let _ = write!(
                    self.out,
                    "<fieldset class=\"group\" data-path=\"{p_path}\"><legend>{}</legend>",
                    escape(&f.label)
                );
                if !f.help.is_empty() {
                    let _ = write!(self.out, "<p class=\"help\">{}</p>", escape(&f.help));
                }
                for e in problems.iter().flatten() {
                    let _ = write!(self.out, "<p class=\"err\" id=\"{id}-e\">{}</p>", escape(e));
                }
                if let Some(Value::Object(map)) = value {
                    for (k, v) in map {
                        let sub = format!("{path}.{k}");
                        let sid = dom_id(&sub);
                        let _ = write!(
                            self.out,
                            "<div class=\"f\"><label for=\"{sid}\">{}</label>\
                             <input type=\"text\" id=\"{sid}\" name=\"{}\" value=\"{}\"></div>",
                            escape(k),
                            escape(&sub),
                            escape(&scalar_text(v))
                        );
                    }
                }
                let (nk, nv) = (format!("_newkey.{path}"), format!("_newval.{path}"));
                let _ = write!(
                    self.out,
                    "<div class=\"f pair\"><label for=\"{a}\">{}</label>\
                     <input type=\"text\" id=\"{a}\" name=\"{nk}\" pattern=\"[a-z0-9][a-z0-9\\-]*\">\
                     <label for=\"{b}\">{}</label><input type=\"text\" id=\"{b}\" name=\"{nv}\"></div>",
                    w(Word::NewKey),
                    w(Word::NewValue),
                    a = dom_id(&nk),
                    b = dom_id(&nv),
                );
                self.out.push_str("</fieldset>\n");
            }
            Input::Refs(r) => {
                let chosen: Vec<String> = match value {
                    Some(Value::Array(a)) => a.iter().map(scalar_text).collect(),
                    _ => Vec::new(),
                };
                let _ = write!(
                    self.out,
                    "<fieldset class=\"group refs\" id=\"{id}\" data-path=\"{p_path}\"{attrs}>\
                     <legend>{}</legend>",
                    escape(&f.label)
                );
                let _ = write!(self.out, "<p class=\"help\" id=\"{id}-h\">{}</p>", escape(&f.help));
                let _ = write!(self.out, "<p class=\"err\" id=\"{id}-e\">");
                for e in problems.iter().flatten() {
                    let _ = write!(self.out, "{} ", escape(e));
                }
                self.out.push_str("</p>");
                let _ = write!(self.out, "<input type=\"hidden\" name=\"{p_path}\" value=\"\">");
                let mut options: Vec<(String, String)> = self.p.choices.of(*r).to_vec();
                for c in &chosen {
                    if !options.iter().any(|(id, _)| id == c) {
                        options.push((c.clone(), c.clone()));
                    }
                }
                for (i, (oid, title)) in options.iter().enumerate() {
                    let cid = format!("{id}-{i}");
                    let checked = if chosen.contains(oid) { " checked" } else { "" };
                    let _ = write!(
                        self.out,
                        "<div class=\"check\"><input type=\"checkbox\" id=\"{cid}\" name=\"{p_path}\" \
                         value=\"{}\"{checked}><label for=\"{cid}\">{}</label></div>",
                        escape(oid),
                        escape(title)
                    );
                }
                self.new_link(*r);
                self.out.push_str("</fieldset>\n");
            }
            _ => {
                self.open(path, &f.label, &f.help, f.required, f.internal, problems.as_ref());
                self.control(f, path, &id, &attrs, &text);
                self.close();
            }
        }
    }

    fn new_link(&mut self, r: RefKind) {
        let w = |x| word(x, self.p.lang);
        let (kind, label) = match r {
            RefKind::Partner => ("partner", Word::NewPartner),
            RefKind::Programme => ("programme", Word::NewProgramme),
            RefKind::Training => ("training", Word::NewTraining),
            RefKind::Skill => ("site", Word::EditSkills),
        };
        let href = if r == RefKind::Skill {
            format!("/{}/record/site/site", self.p.token)
        } else {
            format!("/{}/new/{kind}", self.p.token)
        };
        let _ = write!(
            self.out,
            "<p class=\"more\"><a href=\"{href}\" target=\"_blank\" rel=\"noopener\">{}</a></p>",
            w(label)
        );
    }

    fn control(&mut self, f: &Field, path: &str, id: &str, attrs: &str, text: &str) {
        let name = escape(path);
        let w = |x| word(x, self.p.lang);
        let guard = if f.internal { "" } else { " data-guard" };
        match &f.input {
            Input::LongText => {
                let _ = write!(
                    self.out,
                    "<textarea id=\"{id}\" name=\"{name}\" rows=\"4\"{attrs}{guard}>{}</textarea>",
                    escape(text)
                );
            }
            Input::Words => {
                let _ = write!(
                    self.out,
                    "<textarea id=\"{id}\" name=\"{name}\" rows=\"3\" data-words{attrs}{guard}>{}</textarea>",
                    escape(text)
                );
            }
            Input::Date => {
                // A value that is not a date stays visible as text, so that
                // saving another field does not lose it.
                let t = if text.is_empty() || is_date(text) {
                    "date"
                } else {
                    "text"
                };
                let _ = write!(
                    self.out,
                    "<input type=\"{t}\" id=\"{id}\" name=\"{name}\" value=\"{}\"{attrs}>",
                    escape(text)
                );
            }
            Input::Money => {
                let shown = money(text);
                let _ = write!(
                    self.out,
                    "<span class=\"money\"><span aria-hidden=\"true\">Rp</span>\
                     <input type=\"text\" inputmode=\"numeric\" id=\"{id}\" name=\"{name}\" \
                     value=\"{}\" data-money{attrs}></span>",
                    escape(&shown)
                );
            }
            Input::Number => {
                let _ = write!(
                    self.out,
                    "<input type=\"text\" inputmode=\"numeric\" id=\"{id}\" name=\"{name}\" value=\"{}\"{attrs}>",
                    escape(text)
                );
            }
            Input::Bool => {
                let checked = if text == "true" { " checked" } else { "" };
                let _ = write!(
                    self.out,
                    "<input type=\"hidden\" name=\"{name}\" value=\"false\">\
                     <input type=\"checkbox\" id=\"{id}\" name=\"{name}\" value=\"true\"{checked}{attrs}>"
                );
            }
            Input::Choice(options) => {
                let mut all: Vec<(String, String)> = options
                    .iter()
                    .map(|o| (o.to_string(), choice_label(o, self.p.lang)))
                    .collect();
                if !text.is_empty() && !options.contains(&text) {
                    all.push((text.to_string(), text.to_string()));
                }
                self.select(id, &name, attrs, text, &all, !f.required || text.is_empty());
            }
            Input::Ref(r) => {
                let mut all = self.p.choices.of(*r).to_vec();
                if !text.is_empty() && !all.iter().any(|(i, _)| i == text) {
                    all.push((text.to_string(), text.to_string()));
                }
                self.select(id, &name, attrs, text, &all, true);
                self.new_link(*r);
            }
            _ => {
                let _ = write!(
                    self.out,
                    "<input type=\"text\" id=\"{id}\" name=\"{name}\" value=\"{}\"{attrs}{guard}>",
                    escape(text)
                );
            }
        }
        let _ = w;
    }

    fn select(
        &mut self,
        id: &str,
        name: &str,
        attrs: &str,
        current: &str,
        options: &[(String, String)],
        empty: bool,
    ) {
        let _ = write!(self.out, "<select id=\"{id}\" name=\"{name}\"{attrs}>");
        if empty {
            let _ = write!(self.out, "<option value=\"\">—</option>");
        }
        for (value, label) in options {
            let sel = if value == current { " selected" } else { "" };
            let _ = write!(
                self.out,
                "<option value=\"{}\"{sel}>{}</option>",
                escape(value),
                escape(label)
            );
        }
        self.out.push_str("</select>");
    }

    fn items(
        &mut self,
        f: &Field,
        inner: &[Field],
        path: &str,
        value: Option<&Value>,
        problems: Option<&Vec<String>>,
    ) {
        let w = |x| word(x, self.p.lang);
        let list: &[Value] = match value {
            Some(Value::Array(a)) => a,
            _ => &[],
        };
        let id = dom_id(path);
        let photos = f.key == "photos";
        let class = if f.internal && self.p.kind != Kind::Roster {
            "group items internal"
        } else {
            "group items"
        };
        let _ = write!(
            self.out,
            "<fieldset class=\"{class}\" id=\"{id}\" data-path=\"{}\" data-list><legend>{}</legend>",
            escape(path),
            escape(&f.label)
        );
        let _ = write!(
            self.out,
            "<input type=\"hidden\" name=\"_list\" value=\"{}\">",
            escape(path)
        );
        if !f.help.is_empty() {
            let _ = write!(self.out, "<p class=\"help\">{}</p>", escape(&f.help));
        }
        for e in problems.into_iter().flatten() {
            let _ = write!(self.out, "<p class=\"err\" id=\"{id}-e\">{}</p>", escape(e));
        }
        let noun = escape(&f.label);
        for (i, item) in list.iter().enumerate() {
            self.item(f, inner, path, i, Some(item), &noun, photos);
        }
        // The empty item a script copies for "add".
        let mut template = Cx {
            p: self.p,
            out: String::new(),
        };
        template.item(f, inner, path, usize::MAX, None, &noun, photos);
        let _ = write!(
            self.out,
            "<template data-item>{}</template>",
            template.out
        );
        if photos {
            let _ = write!(
                self.out,
                "<div class=\"drop\" data-drop><label for=\"{id}-file\">{}</label>\
                 <input type=\"file\" id=\"{id}-file\" accept=\"image/jpeg,image/png\" multiple data-upload>\
                 <p class=\"help\">{}</p></div>",
                w(Word::AddPhotos),
                w(Word::DropHelp)
            );
        } else {
            let _ = write!(
                self.out,
                "<button type=\"button\" class=\"add\" data-add>{} {noun}</button>",
                w(Word::Add)
            );
        }
        self.out.push_str("</fieldset>\n");
    }

    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        f: &Field,
        inner: &[Field],
        path: &str,
        i: usize,
        value: Option<&Value>,
        noun: &str,
        photos: bool,
    ) {
        let w = |x| word(x, self.p.lang);
        // The template's index is filled in by the script.
        let index = if i == usize::MAX {
            "__i__".to_string()
        } else {
            i.to_string()
        };
        let item_path = format!("{path}[{index}]");
        let _ = write!(
            self.out,
            "<fieldset class=\"item\" data-item-path=\"{}\"><legend>{noun} {}</legend>",
            escape(&item_path),
            if i == usize::MAX {
                "__n__".to_string()
            } else {
                (i + 1).to_string()
            }
        );
        if photos {
            self.thumb(value);
        }
        for sub in inner {
            let sub_path = format!("{item_path}.{}", sub.key);
            let v = value.and_then(|v| v.get(&sub.key));
            let mut sub = sub.clone();
            if photos && sub.key == "public" {
                // The consent box says what ticking it means.
                sub.label = w(Word::Consent).to_string();
                sub.help = w(Word::ConsentHelp).to_string();
            }
            self.field(&sub, &sub_path, v);
        }
        let _ = write!(
            self.out,
            "<button type=\"button\" class=\"remove\" data-remove>{} {noun} {}</button></fieldset>",
            w(Word::Remove),
            if i == usize::MAX {
                "__n__".to_string()
            } else {
                (i + 1).to_string()
            }
        );
        let _ = f;
    }

    /// A photo as it will be published, beside its fields.
    fn thumb(&mut self, value: Option<&Value>) {
        let Some(src) = value.and_then(|v| v.get("src")).and_then(Value::as_str) else {
            return;
        };
        let _ = write!(
            self.out,
            "<img class=\"thumb\" alt=\"\" loading=\"lazy\" src=\"/{}/photo/{}/{}/{}\">",
            self.p.token,
            kind_name(self.p.kind),
            escape(self.p.id.unwrap_or("")),
            escape(&percent(src))
        );
    }

    fn markdown(&mut self, body: &str) {
        let w = |x| word(x, self.p.lang);
        let problems = self.problems("body").cloned();
        self.open(
            "body",
            &w(Word::Body),
            &w(Word::BodyHelp),
            false,
            false,
            problems.as_ref(),
        );
        let _ = write!(
            self.out,
            "<div class=\"toolbar\" role=\"toolbar\" aria-label=\"{}\" data-for=\"f-body\">\
             <button type=\"button\" data-md=\"bold\">{}</button>\
             <button type=\"button\" data-md=\"heading\">{}</button>\
             <button type=\"button\" data-md=\"list\">{}</button>\
             <button type=\"button\" data-md=\"link\">{}</button>\
             <button type=\"button\" data-md=\"preview\" aria-pressed=\"false\">{}</button></div>",
            w(Word::Toolbar),
            w(Word::Bold),
            w(Word::Heading),
            w(Word::List),
            w(Word::Link),
            w(Word::ShowPreview),
        );
        let attrs = self.described("body", problems.is_some());
        let _ = write!(
            self.out,
            "<textarea id=\"f-body\" name=\"body\" rows=\"14\" data-guard{attrs}>{}</textarea>\
             <div class=\"md-preview\" id=\"md-preview\" hidden></div>",
            escape(body)
        );
        self.close();
    }
}

/// Whether a mapping's fields are those of a photo.
pub fn is_photo(fields: &[Field]) -> bool {
    ["src", "alt", "public"]
        .iter()
        .all(|k| fields.iter().any(|f| f.key == *k))
}

fn choice_label(key: &str, lang: Lang) -> String {
    let x = match key {
        "planned" => Word::Planned,
        "ongoing" => Word::Ongoing,
        "completed" => Word::Completed,
        "done" => Word::Done,
        "m" => Word::Male,
        "f" => Word::Female,
        "id" => Word::LangId,
        "en" => Word::LangEn,
        "government" => Word::Government,
        "business" => Word::Business,
        "ngo" => Word::Ngo,
        "education" => Word::Education,
        "community" => Word::Community,
        "other" => Word::Other,
        _ => return key.to_string(),
    };
    format!("{} ({key})", word(x, lang))
}

/// A scalar as the text of an input; a list as one item per line.
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(scalar_text).collect::<Vec<_>>().join("\n"),
        Value::Object(_) => String::new(),
        other => other.to_string(),
    }
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok()
}

/// `12500000` -> `12.500.000`; anything else as it is.
pub fn money(text: &str) -> String {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_string();
    }
    let digits = text.as_bytes();
    let mut out = String::new();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(*d as char);
    }
    out
}

fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_shown_with_thousands() {
        assert_eq!(money("12500000"), "12.500.000");
        assert_eq!(money("0"), "0");
        assert_eq!(money("100"), "100");
        assert_eq!(money("1000"), "1.000");
        assert_eq!(money("abc"), "abc");
    }

    #[test]
    fn dom_ids_are_unique_per_path() {
        assert_eq!(dom_id("photos[0].alt"), "f-photos-0-alt");
        assert_eq!(dom_id("cost.state_budget_idr"), "f-cost-state_budget_idr");
        assert_ne!(dom_id("a-b"), dom_id("a.b"));
    }
}
