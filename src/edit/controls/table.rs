//! A list of flat records (a roster's participants) as a table: a row per
//! item, a column per field, typed like a spreadsheet. Each cell keeps its
//! own label (visible on a phone, where the rows become cards; for screen
//! readers everywhere) so that every control is named like in the forms.

use std::fmt::Write as _;

use serde_json::Value;

use super::{Cx, dom_id, scalar_text};
use crate::edit::form::{Field, Input};
use crate::edit::words::{Word, word};
use crate::text::escape_html as escape;

/// Whether a list's items are flat enough to be rows of a table.
pub(super) fn fits_table(inner: &[Field]) -> bool {
    inner.iter().all(|f| {
        !matches!(
            f.input,
            Input::Group(_) | Input::Items(_) | Input::Pairs | Input::Refs(_) | Input::LongText
        )
    })
}

impl Cx<'_> {
    pub(super) fn table(
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
        let noun = escape(&f.label);
        let _ = write!(
            self.out,
            "<fieldset class=\"group items table\" id=\"{id}\" data-path=\"{}\" data-list>\
             <legend>{noun}</legend><input type=\"hidden\" name=\"_list\" value=\"{}\">",
            escape(path),
            escape(path)
        );
        if !f.help.is_empty() {
            let _ = write!(self.out, "<p class=\"help\">{}</p>", escape(&f.help));
        }
        for e in problems.into_iter().flatten() {
            let _ = write!(self.out, "<p class=\"err\" id=\"{id}-e\">{}</p>", escape(e));
        }
        // What each column holds, once, for every cell to point at.
        self.out.push_str("<details class=\"columns\"><summary>");
        self.out.push_str(w(Word::ColumnHelp));
        self.out.push_str("</summary><dl>");
        for sub in inner {
            let _ = write!(
                self.out,
                "<dt>{}</dt><dd id=\"{}\">{}</dd>",
                escape(&sub.label),
                column_help_id(&id, &sub.key),
                escape(&sub.help)
            );
        }
        self.out.push_str("</dl></details>");
        let _ = write!(
            self.out,
            "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"{id}-cap\" tabindex=\"0\">\
             <table class=\"grid\"><caption id=\"{id}-cap\">{noun}</caption><thead><tr><th scope=\"col\">No.</th>"
        );
        for sub in inner {
            let req = if sub.required {
                format!(" <span class=\"req\">({})</span>", w(Word::Required))
            } else {
                String::new()
            };
            let _ = write!(
                self.out,
                "<th scope=\"col\">{}{req}</th>",
                escape(&sub.label)
            );
        }
        let _ = write!(
            self.out,
            "<th scope=\"col\"><span class=\"cell-label\">{}</span></th></tr></thead><tbody data-items>",
            w(Word::Remove)
        );
        for (i, item) in list.iter().enumerate() {
            self.row(inner, path, &id, i, Some(item), &noun);
        }
        // The empty row a script copies for "add".
        let mut template = Cx {
            p: self.p,
            out: String::new(),
        };
        template.row(inner, path, &id, usize::MAX, None, &noun);
        let _ = writeln!(
            self.out,
            "<template data-item>{}</template></tbody></table></div>\
             <button type=\"button\" class=\"add\" data-add>{} {noun}</button></fieldset>",
            template.out,
            w(Word::Add)
        );
    }

    fn row(
        &mut self,
        inner: &[Field],
        path: &str,
        list_id: &str,
        i: usize,
        value: Option<&Value>,
        noun: &str,
    ) {
        let w = |x| word(x, self.p.lang);
        // The template's index and number are filled in by the script.
        let (index, n) = if i == usize::MAX {
            ("__i__".to_string(), "__n__".to_string())
        } else {
            (i.to_string(), (i + 1).to_string())
        };
        let item_path = format!("{path}[{index}]");
        let _ = write!(
            self.out,
            "<tr class=\"item\" data-item-path=\"{}\"><th scope=\"row\" data-number>{n}</th>",
            escape(&item_path)
        );
        for sub in inner {
            let sub_path = format!("{item_path}.{}", sub.key);
            let cell_id = dom_id(&sub_path);
            let problems = self.problems(&sub_path).cloned();
            let mut by = column_help_id(list_id, &sub.key);
            let mut attrs = String::new();
            if problems.is_some() {
                by.push_str(&format!(" {cell_id}-e"));
                attrs.push_str(" aria-invalid=\"true\"");
            }
            let attrs = format!(" aria-describedby=\"{by}\"{attrs}");
            let text = value
                .and_then(|v| v.get(&sub.key))
                .map(scalar_text)
                .unwrap_or_default();
            let _ = write!(
                self.out,
                "<td data-path=\"{}\"><label class=\"cell-label\" for=\"{cell_id}\">{}</label>",
                escape(&sub_path),
                escape(&sub.label)
            );
            self.control(sub, &sub_path, &cell_id, &attrs, &text);
            let _ = write!(self.out, "<p class=\"err\" id=\"{cell_id}-e\">");
            for e in problems.iter().flatten() {
                let _ = write!(self.out, "{} ", escape(e));
            }
            self.out.push_str("</p></td>");
        }
        let _ = write!(
            self.out,
            "<td><button type=\"button\" class=\"remove\" data-remove>{} {noun} {n}</button></td></tr>",
            w(Word::Remove)
        );
    }
}

fn column_help_id(list_id: &str, key: &str) -> String {
    format!("{list_id}-col-{}", dom_id(key).trim_start_matches("f-"))
}
