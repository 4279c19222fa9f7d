//! The controls of a record's form, one per kind of field, each with its
//! visible label, help, problems and the YAML path as its `name`.

mod lists;
mod table;

use std::fmt::Write as _;

use serde_json::Value;

use super::form::{Field, Input, RefKind};
use super::formpage::FormPage;
use super::words::{Word, word};
use crate::load::Kind;
use crate::text::escape_html as escape;
use crate::vocab::Lang;

pub(in crate::edit) struct Cx<'a> {
    pub(in crate::edit) p: &'a FormPage<'a>,
    pub(in crate::edit) out: String,
}

impl Cx<'_> {
    pub(in crate::edit) fn problems(&self, path: &str) -> Option<&Vec<String>> {
        self.p.problems.fields.get(path)
    }

    pub(in crate::edit) fn described(&self, path: &str, has_error: bool) -> String {
        let id = dom_id(path);
        let mut by = format!("{id}-h");
        if has_error {
            by.push_str(&format!(" {id}-e"));
        }
        let invalid = if has_error {
            " aria-invalid=\"true\""
        } else {
            ""
        };
        format!(" aria-describedby=\"{by}\"{invalid}")
    }

    /// The label, help and problems of a control; the control follows.
    pub(in crate::edit) fn open(
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
        let _ = write!(
            self.out,
            "<p class=\"help\" id=\"{id}-h\">{}</p>",
            escape(help)
        );
        let _ = write!(self.out, "<p class=\"err\" id=\"{id}-e\">");
        for e in problems.into_iter().flatten() {
            let _ = write!(self.out, "{} ", escape(e));
        }
        self.out.push_str("</p>");
    }

    pub(in crate::edit) fn close(&mut self) {
        self.out.push_str("</div>\n");
    }

    pub(in crate::edit) fn field(&mut self, f: &Field, path: &str, value: Option<&Value>) {
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
            Input::Items(inner) if self.p.kind == Kind::Roster && table::fits_table(inner) => {
                self.table(f, inner, path, value, problems.as_ref())
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
                let _ = write!(
                    self.out,
                    "<p class=\"help\" id=\"{id}-h\">{}</p>",
                    escape(&f.help)
                );
                let _ = write!(self.out, "<p class=\"err\" id=\"{id}-e\">");
                for e in problems.iter().flatten() {
                    let _ = write!(self.out, "{} ", escape(e));
                }
                self.out.push_str("</p>");
                let _ = write!(
                    self.out,
                    "<input type=\"hidden\" name=\"{p_path}\" value=\"\">"
                );
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
                self.open(
                    path,
                    &f.label,
                    &f.help,
                    f.required,
                    f.internal,
                    problems.as_ref(),
                );
                self.control(f, path, &id, &attrs, &text);
                self.close();
            }
        }
    }

    pub(in crate::edit) fn new_link(&mut self, r: RefKind) {
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

    pub(in crate::edit) fn control(
        &mut self,
        f: &Field,
        path: &str,
        id: &str,
        attrs: &str,
        text: &str,
    ) {
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

    pub(in crate::edit) fn select(
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
}

/// `photos[0].alt` -> `f-photos-0-alt`: an HTML id.
pub(in crate::edit) fn dom_id(path: &str) -> String {
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
/// Whether a mapping's fields are those of a photo.
pub(in crate::edit) fn is_photo(fields: &[Field]) -> bool {
    ["src", "alt", "public"]
        .iter()
        .all(|k| fields.iter().any(|f| f.key == *k))
}

/// A scalar as the text of an input; a list as one item per line.
pub(in crate::edit) fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(scalar_text).collect::<Vec<_>>().join("\n"),
        Value::Object(_) => String::new(),
        other => other.to_string(),
    }
}

/// `12500000` -> `12.500.000`; anything else as it is.
pub(in crate::edit) fn money(text: &str) -> String {
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

pub(in crate::edit) fn percent(s: &str) -> String {
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

fn is_date(s: &str) -> bool {
    s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok()
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
