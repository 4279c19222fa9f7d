//! The editor's pages, as HTML written by hand (a form is a tree of
//! fields, which Tera's macros would make harder to read, not easier).
//! Every value is escaped with [`escape`]; every control has a visible
//! label and a `name` equal to the field's YAML path.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use super::controls::{Cx, dom_id};
use super::formpage::{FormPage, Preview};
use super::records::{KINDS, kind_title};
use super::words::{Word, word};
use crate::load::Kind;
use crate::text::escape_html as escape;
use crate::vocab::Lang;

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
        let _ = writeln!(
            out,
            "<p class=\"banner\" role=\"note\">{}</p>",
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
    let _ = writeln!(
        m,
        "<h1>{}</h1>\n<p><a class=\"button\" href=\"/{token}/publish\">{}</a></p>",
        w(Word::IndexTitle),
        w(Word::PublishTitle)
    );
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
        let name = kind.name();
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
    layout(lang, token, w(Word::IndexTitle), false, &m)
}

/// A record's form, with its problems beside their fields.
pub fn form(p: &FormPage) -> String {
    let w = |x| word(x, p.lang);
    let name = p.kind.name();
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
    // A roster's table needs the page's whole width; its preview follows.
    m.push_str(if p.kind == Kind::Roster {
        "<div class=\"split wide\">\n<div class=\"pane\">\n"
    } else {
        "<div class=\"split\">\n<div class=\"pane\">\n"
    });
    let _ = writeln!(
        m,
        "<div id=\"status\" role=\"status\" aria-live=\"polite\">"
    );
    if let Some(n) = &p.notice {
        let _ = write!(m, "<p class=\"ok\">{}</p>", escape(n));
    }
    m.push_str("</div>\n");
    let _ = writeln!(m, "<div id=\"others\" role=\"alert\">");
    if !p.problems.is_empty() {
        let _ = writeln!(
            m,
            "<p class=\"err-head\">{}</p><ul class=\"errs\">",
            w(Word::NotSaved)
        );
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
        cx.open("id", w(Word::Id), help, true, false, problem);
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
        if !matches!(p.kind, Kind::Site | Kind::Roster) {
            rename_form(&mut m, p, name, id);
        }
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
    if let Some(pv) = &p.preview {
        preview_pane(&mut m, p.lang, pv);
    }
    m.push_str("</div>\n");
    let internal = p.kind == Kind::Roster;
    layout(p.lang, p.token, &title, internal, &m)
}

/// The preview beside a form: the record's public page, or its internal
/// one while an internal field is being edited (the script switches; the
/// buttons let the person choose).
fn preview_pane(m: &mut String, lang: Lang, pv: &Preview) {
    let w = |x| word(x, lang);
    let first = pv.first();
    let shown_internal = pv.public.is_none();
    let _ = write!(
        m,
        "<div class=\"pane preview\" data-public=\"{}\" data-internal=\"{}\">\
         <h2 id=\"pv-h\">{}</h2>",
        escape(pv.public.as_deref().unwrap_or("")),
        escape(&pv.internal),
        w(Word::Preview),
    );
    m.push_str("<div class=\"pv-switch\" role=\"group\" aria-labelledby=\"pv-h\">");
    if pv.public.is_some() {
        let _ = write!(
            m,
            "<button type=\"button\" data-site=\"public\" aria-pressed=\"true\">{}</button>",
            w(Word::PreviewPublic)
        );
    }
    let _ = write!(
        m,
        "<button type=\"button\" data-site=\"internal\" aria-pressed=\"{shown_internal}\">{}</button></div>",
        w(Word::PreviewInternal)
    );
    let note = if shown_internal {
        w(Word::PreviewNoPublic)
    } else {
        ""
    };
    let _ = writeln!(
        m,
        "<p class=\"pv-note\" id=\"pv-note\" aria-live=\"polite\" data-internal-note=\"{}\">{note}</p>\
         <iframe id=\"preview\" title=\"{} ({})\" src=\"{}\"></iframe>\
         <p><a id=\"pv-open\" href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a></p></div>",
        escape(w(Word::PreviewInternalNote)),
        w(Word::Preview),
        w(if shown_internal {
            Word::PreviewInternal
        } else {
            Word::PreviewPublic
        }),
        escape(first),
        escape(first),
        w(Word::OpenPreview),
    );
}

/// A record's id, and the form that changes it.
fn rename_form(m: &mut String, p: &FormPage, name: &str, id: &str) {
    let w = |x| word(x, p.lang);
    let problems = p.problems.fields.get("new_id");
    let (invalid, by) = if problems.is_some() {
        (" aria-invalid=\"true\"", " f-new_id-e")
    } else {
        ("", "")
    };
    let _ = write!(
        m,
        "<form method=\"post\" action=\"/{t}/rename/{name}/{id}\" class=\"rename\">\
         <input type=\"hidden\" name=\"_token\" value=\"{t}\">\
         <div class=\"f\"><label for=\"f-new_id\">{label}</label>\
         <p class=\"help\" id=\"f-new_id-h\">{help}</p><p class=\"err\" id=\"f-new_id-e\">",
        t = p.token,
        label = w(Word::NewId),
        help = w(Word::RenameHelp),
    );
    for e in problems.into_iter().flatten() {
        let _ = write!(m, "{} ", escape(e));
    }
    let _ = writeln!(
        m,
        "</p><input type=\"text\" id=\"f-new_id\" name=\"new_id\" value=\"{}\" \
         pattern=\"[a-z0-9][a-z0-9\\-]*\" aria-describedby=\"f-new_id-h{by}\"{invalid}></div>\
         <button type=\"submit\">{}</button></form>",
        escape(id),
        w(Word::Rename),
    );
}
