//! The CLI's words: every diagnostic, warning and progress line rapor
//! prints, in Indonesian and English, from one catalogue.
//!
//! The catalogue is a set of tables of `(key, Indonesian, English)`, split by
//! the stage that speaks ([`content`]: reading and checking records;
//! [`build`]: photos, themes, rendering, output, the internal site's
//! protection; [`cli`]: the commands' own lines). Templates name their values
//! `{name}`; a `{` not followed by a name and `}` is printed as it is.
//!
//! Code asks for a message with [`msg!`]: `msg!("unknown_field", field = f)`.
//! The key and the names of the values are checked when compiling, against
//! both languages, so a message cannot be missing, nor miss a value in one
//! language only. What it gives is a [`Message`]: the key and the values,
//! not yet words. A value is text (the user's data, a number, a library's
//! error) or another message; it is put into words only when displayed, so a
//! message kept for later (a diagnostic, the build stamp's warnings) speaks
//! the language of whoever prints it. Text rapor has no key for travels as
//! the value of `plain`.
//!
//! The language is process-wide, like a gettext locale: `main` sets it once
//! from `--lang`, else from the site's `language:`, else Indonesian. It lives
//! in an atomic, so rayon's worker threads see it too. This module does no
//! I/O (the site's own `language:` is read by [`crate::load::site_language`]).

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

use serde::{Deserialize, Serialize};

use crate::vocab::Lang;

mod build;
mod cli;
mod content;
mod import;
mod portal;
mod publish;
mod remote;

/// One message: (key, Indonesian, English).
#[doc(hidden)]
pub type Entry = (&'static str, &'static str, &'static str);

/// One value of a message, filled in where the template says `{name}`:
/// either text (the user's data, a number, an error of the system: words
/// rapor has no translation of) or another message, rendered in the same
/// language as the one it is part of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arg {
    Text(String),
    Msg(Message),
}

/// A message of the catalogue with its values, not yet in any language: it
/// is rendered in the CLI's language when displayed, so that a message kept
/// (in a diagnostic, in the build stamp) speaks the language of whoever
/// prints it. Built with [`msg!`]; `to_string()` gives the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Wire", into = "Wire")]
pub struct Message {
    entry: &'static Entry,
    args: Vec<(&'static str, Arg)>,
}

/// A message as stored: its key and values by name.
#[derive(Serialize, Deserialize)]
struct Wire {
    key: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    args: Vec<(String, Arg)>,
}

impl From<Message> for Wire {
    fn from(m: Message) -> Self {
        Wire {
            key: m.entry.0.to_string(),
            args: m
                .args
                .into_iter()
                .map(|(n, a)| (n.to_string(), a))
                .collect(),
        }
    }
}

impl TryFrom<Wire> for Message {
    type Error = String;

    /// A stored message of a key this rapor does not know, or with values
    /// its template does not show, is refused (the stamp is then ignored).
    fn try_from(w: Wire) -> Result<Self, String> {
        let entry = TABLES
            .iter()
            .flat_map(|t| t.iter())
            .find(|e| e.0 == w.key)
            .ok_or_else(|| format!("unknown message key `{}`", w.key))?;
        let mut args = Vec::with_capacity(w.args.len());
        for (name, arg) in w.args {
            let name = static_name(entry.1, &name)
                .filter(|_| has_placeholder(entry.2, &name))
                .ok_or_else(|| format!("message `{}` has no value `{name}`", w.key))?;
            args.push((name, arg));
        }
        let names: Vec<&str> = args.iter().map(|(n, _)| *n).collect();
        if !placeholders_in(entry.1, &names) || !placeholders_in(entry.2, &names) {
            return Err(format!("message `{}` misses a value", w.key));
        }
        Ok(Message { entry, args })
    }
}

/// `name` as a slice of `template` (so `'static`), if `{name}` is in it.
fn static_name(template: &'static str, name: &str) -> Option<&'static str> {
    let t = template.as_bytes();
    (0..t.len()).find_map(|i| {
        let end = (t[i] == b'{').then(|| name_end(t, i + 1)).flatten()?;
        (template[i + 1..end] == *name).then(|| &template[i + 1..end])
    })
}

impl Message {
    /// What [`msg!`] calls, after checking `args` against `entry`.
    #[doc(hidden)]
    pub fn new(entry: &'static Entry, args: Vec<(&'static str, Arg)>) -> Self {
        Message { entry, args }
    }

    /// The catalogue key, e.g. `yaml_tab`.
    pub fn key(&self) -> &'static str {
        self.entry.0
    }

    /// The message in `lang`, whatever the CLI's language.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        let _ = self.write_in(&mut out, lang);
        out
    }

    fn write_in(&self, out: &mut impl std::fmt::Write, lang: Lang) -> std::fmt::Result {
        let template = match lang {
            Lang::Id => self.entry.1,
            Lang::En => self.entry.2,
        };
        let t = template.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while i < t.len() {
            if t[i] == b'{'
                && let Some(end) = name_end(t, i + 1)
                && let Some((_, value)) =
                    self.args.iter().find(|(n, _)| *n == &template[i + 1..end])
            {
                out.write_str(&template[copied..i])?;
                match value {
                    Arg::Text(s) => out.write_str(s)?,
                    Arg::Msg(m) => m.write_in(out, lang)?,
                }
                i = end + 1;
                copied = i;
                continue;
            }
            i += 1;
        }
        out.write_str(&template[copied..])
    }
}

impl Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write_in(f, lang())
    }
}

/// How [`msg!`] turns a value into an [`Arg`]: a [`Message`] (or a
/// reference to one, or an optional one, absent being empty) nests; anything
/// else that displays is text. The inherent methods win over the trait's
/// blanket one, so the choice is made by the value's type, at compile time.
#[doc(hidden)]
pub struct ArgOf<'a, T: ?Sized>(pub &'a T);

impl ArgOf<'_, Message> {
    pub fn __arg(&self) -> Arg {
        Arg::Msg(self.0.clone())
    }
}

impl ArgOf<'_, &Message> {
    pub fn __arg(&self) -> Arg {
        Arg::Msg((*self.0).clone())
    }
}

impl ArgOf<'_, Option<Message>> {
    pub fn __arg(&self) -> Arg {
        match self.0 {
            Some(m) => Arg::Msg(m.clone()),
            None => Arg::Text(String::new()),
        }
    }
}

#[doc(hidden)]
pub trait ArgFromDisplay {
    fn __arg(&self) -> Arg;
}

impl<T: Display + ?Sized> ArgFromDisplay for ArgOf<'_, T> {
    fn __arg(&self) -> Arg {
        Arg::Text(self.0.to_string())
    }
}

const TABLES: &[&[Entry]] = &[
    content::MESSAGES,
    build::MESSAGES,
    cli::MESSAGES,
    import::MESSAGES,
    publish::MESSAGES,
    portal::MESSAGES,
    remote::MESSAGES,
];

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on (once, in `main`).
pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Id => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language messages are written in: Indonesian unless set otherwise.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Id,
    }
}

/// "3 problems to fix", in the CLI's language.
pub fn problems(n: usize) -> Message {
    if n == 1 {
        msg!("problems_one", n = n)
    } else {
        msg!("problems_many", n = n)
    }
}

/// A message of the catalogue with its values: a [`Message`], rendered in
/// the CLI's language when displayed. The key and the value names are
/// checked at compile time.
///
/// Exported (under a name of its own, then re-exported here as `msg`) so
/// that the command line in `src/main.rs`, a crate of its own, speaks
/// through the same catalogue.
#[doc(hidden)]
#[macro_export]
macro_rules! rapor_msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        const ENTRY: &$crate::msg::Entry = $crate::msg::entry($key);
        const _: () = $crate::msg::check_args(ENTRY, &[$(stringify!($name)),*]);
        #[allow(unused_imports)]
        use $crate::msg::ArgFromDisplay as _;
        $crate::msg::Message::new(
            ENTRY,
            ::std::vec![$((stringify!($name), $crate::msg::ArgOf(&$value).__arg())),*],
        )
    }};
}
pub use crate::rapor_msg as msg;

/// `a == b`, in constants.
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The entry of `key`; used in constants, where an unknown key fails the build.
#[doc(hidden)]
pub const fn entry(key: &str) -> &'static Entry {
    let mut t = 0;
    while t < TABLES.len() {
        let table = TABLES[t];
        let mut i = 0;
        while i < table.len() {
            if str_eq(table[i].0, key) {
                return &table[i];
            }
            i += 1;
        }
        t += 1;
    }
    panic!("msg!: this key is not in the message catalogue (src/msg/)");
}

/// The end (exclusive) of a placeholder name starting at `start` (just after
/// `{`), if a name and then `}` follow: `[a-z_][a-z0-9_]*`.
const fn name_end(t: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    while i < t.len() {
        let c = t[i];
        let ok = c.is_ascii_lowercase() || c == b'_' || (i > start && c.is_ascii_digit());
        if c == b'}' && i > start {
            return Some(i);
        }
        if !ok {
            return None;
        }
        i += 1;
    }
    None
}

const fn bytes_eq(a: &[u8], from: usize, to: usize, b: &str) -> bool {
    let b = b.as_bytes();
    if to - from != b.len() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if a[from + i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `template` has the placeholder `{name}`.
const fn has_placeholder(template: &str, name: &str) -> bool {
    let t = template.as_bytes();
    let mut i = 0;
    while i < t.len() {
        if t[i] == b'{'
            && let Some(end) = name_end(t, i + 1)
            && bytes_eq(t, i + 1, end, name)
        {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether every placeholder of `template` is one of `names`.
const fn placeholders_in(template: &str, names: &[&str]) -> bool {
    let t = template.as_bytes();
    let mut i = 0;
    while i < t.len() {
        if t[i] == b'{'
            && let Some(end) = name_end(t, i + 1)
        {
            let mut found = false;
            let mut n = 0;
            while n < names.len() {
                if bytes_eq(t, i + 1, end, names[n]) {
                    found = true;
                }
                n += 1;
            }
            if !found {
                return false;
            }
            i = end;
        }
        i += 1;
    }
    true
}

/// Compile-time check of a `msg!` call: the values given are exactly the
/// placeholders of the message, in both languages.
#[doc(hidden)]
pub const fn check_args(entry: &Entry, names: &[&str]) {
    let mut n = 0;
    while n < names.len() {
        if !has_placeholder(entry.1, names[n]) || !has_placeholder(entry.2, names[n]) {
            panic!("msg!: a value is given that this message does not show");
        }
        n += 1;
    }
    if !placeholders_in(entry.1, names) || !placeholders_in(entry.2, names) {
        panic!("msg!: this message shows a value that is not given");
    }
}

/// Renders the message `key` in `lang`: what the unit tests call (code uses
/// [`msg!`], which checks the key when compiling).
#[cfg(test)]
pub(crate) fn render(lang: Lang, key: &str, args: &[(&'static str, &str)]) -> String {
    let entry = TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|e| e.0 == key)
        .unwrap_or_else(|| panic!("no message `{key}`"));
    let args = args
        .iter()
        .map(|(n, v)| (*n, Arg::Text(v.to_string())))
        .collect();
    Message::new(entry, args).render(lang)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn all() -> impl Iterator<Item = &'static Entry> {
        TABLES.iter().flat_map(|t| t.iter())
    }

    fn placeholders(template: &str) -> BTreeSet<&str> {
        let t = template.as_bytes();
        let mut out = BTreeSet::new();
        for i in 0..t.len() {
            if t[i] == b'{'
                && let Some(end) = name_end(t, i + 1)
            {
                out.insert(&template[i + 1..end]);
            }
        }
        out
    }

    #[test]
    fn every_key_is_unique() {
        let mut seen = BTreeSet::new();
        for (key, _, _) in all() {
            assert!(seen.insert(*key), "`{key}` is in the catalogue twice");
        }
        assert!(seen.len() > 100, "{} messages", seen.len());
    }

    #[test]
    fn both_languages_show_the_same_values() {
        for (key, id, en) in all() {
            assert_eq!(placeholders(id), placeholders(en), "`{key}`");
        }
    }

    #[test]
    fn no_message_is_empty_or_untranslated() {
        for (key, id, en) in all() {
            assert!(!id.trim().is_empty() && !en.trim().is_empty(), "`{key}`");
            // Words, not just values: a message the same in both languages
            // was probably not translated.
            let words = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
            if words(en) > 12 {
                assert_ne!(id, en, "`{key}` is not translated");
            }
        }
    }

    #[test]
    fn rendering_fills_every_value() {
        for (key, id, en) in all() {
            let names: Vec<&str> = placeholders(id).into_iter().collect();
            let values: Vec<String> = names.iter().map(|n| format!("<{n}>")).collect();
            let args: Vec<(&'static str, &str)> = names
                .iter()
                .zip(&values)
                .map(|(n, v)| {
                    let n: &'static str = Box::leak(n.to_string().into_boxed_str());
                    (n, v.as_str())
                })
                .collect();
            for (lang, template) in [(Lang::Id, id), (Lang::En, en)] {
                let out = render(lang, key, &args);
                for (n, v) in names.iter().zip(&values) {
                    assert!(out.contains(v.as_str()), "`{key}` lost `{n}`: {out}");
                    assert!(!out.contains(&format!("{{{n}}}")), "`{key}`: {out}");
                }
                if names.is_empty() {
                    assert_eq!(out, *template);
                }
            }
        }
    }

    #[test]
    fn unknown_field_suggests_in_both_languages() {
        let args = [("field", "descripton"), ("best", "description")];
        assert_eq!(
            render(Lang::Id, "yaml_unknown_field_hint", &args),
            "kolom `descripton` tidak dikenal — mungkin maksudnya `description`?"
        );
        assert_eq!(
            render(Lang::En, "yaml_unknown_field_hint", &args),
            "unknown field `descripton` — did you mean `description`?"
        );
    }

    #[test]
    fn braces_without_a_name_are_kept() {
        static E: Entry = ("k", "`internal: { protect: {v} }`", "{ {v}");
        let m = |v: &str| Message::new(&E, vec![("v", Arg::Text(v.into()))]);
        assert_eq!(m("true").render(Lang::Id), "`internal: { protect: true }`");
        assert_eq!(m("1").render(Lang::En), "{ 1");
    }

    #[test]
    fn the_macro_uses_the_process_language() {
        // Unit tests never set the language: the default is Indonesian.
        assert_eq!(lang(), Lang::Id);
        let m = msg!(
            "yaml_unknown_field_hint",
            field = "descripton",
            best = "description"
        )
        .to_string();
        assert!(m.starts_with("kolom `descripton` tidak dikenal"), "{m}");
    }

    #[test]
    fn a_nested_message_speaks_the_language_it_is_rendered_in() {
        let m = msg!(
            "yaml_wrong_type",
            found = msg!("yaml_found_nothing"),
            expected = msg!("yaml_expected_list")
        );
        let (id, en) = (m.render(Lang::Id), m.render(Lang::En));
        assert_eq!(
            id,
            render(
                Lang::Id,
                "yaml_wrong_type",
                &[
                    ("found", &render(Lang::Id, "yaml_found_nothing", &[])),
                    ("expected", &render(Lang::Id, "yaml_expected_list", &[])),
                ]
            )
        );
        assert_eq!(
            en,
            render(
                Lang::En,
                "yaml_wrong_type",
                &[
                    ("found", &render(Lang::En, "yaml_found_nothing", &[])),
                    ("expected", &render(Lang::En, "yaml_expected_list", &[])),
                ]
            )
        );
        assert_ne!(id, en);
    }

    #[test]
    fn a_message_stores_its_key_and_values_not_its_text() {
        let m = msg!(
            "check_choice",
            field = "status",
            value = "don",
            hint = Some(msg!("did_you_mean", best = "done")),
            allowed = "planned, done"
        );
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            json.contains("\"check_choice\"") && json.contains("\"did_you_mean\""),
            "{json}"
        );
        assert!(
            !json.contains(m.entry.1) && !json.contains("did you mean"),
            "{json}"
        );
        let back: Message = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        // A key or a value this rapor does not know is refused.
        assert!(serde_json::from_str::<Message>(&json.replace("check_choice", "nope")).is_err());
        assert!(serde_json::from_str::<Message>(&json.replace("\"allowed\"", "\"x\"")).is_err());
        assert!(serde_json::from_str::<Message>(r#"{"key":"check_choice"}"#).is_err());
    }
}
