//! Lists of records (photos, products, participants), a single photo and
//! the Markdown body with its toolbar.

use std::fmt::Write as _;

use serde_json::Value;

use super::Cx;
use super::{dom_id, percent};
use crate::edit::form::Field;
use crate::edit::words::{Word, word};
use crate::load::Kind;
use crate::text::escape_html as escape;

impl Cx<'_> {
    pub(super) fn items(
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
        let _ = write!(self.out, "<template data-item>{}</template>", template.out);
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
    pub(super) fn item(
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
    pub(super) fn thumb(&mut self, value: Option<&Value>) {
        let Some(src) = value.and_then(|v| v.get("src")).and_then(Value::as_str) else {
            return;
        };
        let _ = write!(
            self.out,
            "<img class=\"thumb\" alt=\"\" loading=\"lazy\" src=\"/{}/photo/{}/{}/{}\">",
            self.p.token,
            self.p.kind.name(),
            escape(self.p.id.unwrap_or("")),
            escape(&percent(src))
        );
    }

    pub(in crate::edit) fn markdown(&mut self, body: &str) {
        let w = |x| word(x, self.p.lang);
        let problems = self.problems("body").cloned();
        self.open(
            "body",
            w(Word::Body),
            w(Word::BodyHelp),
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
