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
//! language only.
//!
//! The language is process-wide, like a gettext locale: `main` sets it once
//! from `--lang`, else from the site's `language:`, else Indonesian. It lives
//! in an atomic, so rayon's worker threads see it too. This module does no
//! I/O except [`site_language`], the lenient read of `site.yaml` for `main`.

use std::fmt::{Display, Write as _};
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::model::Lang;

mod build;
mod cli;
mod content;
mod import;

/// One message: (key, Indonesian, English).
#[doc(hidden)]
pub type Entry = (&'static str, &'static str, &'static str);

/// One value of a message: its placeholder name and the value.
#[doc(hidden)]
pub type Arg<'a> = (&'static str, &'a dyn Display);

const TABLES: &[&[Entry]] = &[
    content::MESSAGES,
    build::MESSAGES,
    cli::MESSAGES,
    import::MESSAGES,
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

/// A message of the catalogue, in the CLI's language, with its values filled
/// in. The key and the value names are checked at compile time.
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
        $crate::msg::fill(
            ENTRY,
            $crate::msg::lang(),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    }};
}
pub use crate::rapor_msg as msg;

/// [`msg!`] in a given language rather than the CLI's.
macro_rules! msg_in {
    ($lang:expr, $key:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        const ENTRY: &$crate::msg::Entry = $crate::msg::entry($key);
        const _: () = $crate::msg::check_args(ENTRY, &[$(stringify!($name)),*]);
        $crate::msg::fill(
            ENTRY,
            $lang,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    }};
}
pub(crate) use msg_in;

const fn str_eq(a: &str, b: &str) -> bool {
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

/// Renders `entry` in `lang`, substituting `{name}` by the value of `name`.
#[doc(hidden)]
pub fn fill(entry: &Entry, lang: Lang, args: &[Arg]) -> String {
    let template = match lang {
        Lang::Id => entry.1,
        Lang::En => entry.2,
    };
    let t = template.as_bytes();
    let mut out = String::with_capacity(template.len() + 16);
    let mut copied = 0;
    let mut i = 0;
    while i < t.len() {
        if t[i] == b'{'
            && let Some(end) = name_end(t, i + 1)
            && let Some((_, value)) = args.iter().find(|(n, _)| *n == &template[i + 1..end])
        {
            out.push_str(&template[copied..i]);
            let _ = write!(out, "{value}");
            i = end + 1;
            copied = i;
            continue;
        }
        i += 1;
    }
    out.push_str(&template[copied..]);
    out
}

/// Renders the message `key` in `lang`: what the unit tests call (code uses
/// [`msg!`], which checks the key when compiling).
#[cfg(test)]
pub(crate) fn render(lang: Lang, key: &str, args: &[Arg]) -> String {
    let entry = TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|e| e.0 == key)
        .unwrap_or_else(|| panic!("no message `{key}`"));
    fill(entry, lang, args)
}

/// The `language:` of `<site>/content/site.yaml`, read leniently: the
/// top-level `language:` of the YAML tree as far as it parses, so that a
/// site.yaml with mistakes after that line still has them reported in its
/// own language. `None` when there is no such file or key, the value is not
/// `id`/`en`, or a mistake comes before it.
pub fn site_language(site: &Path) -> Option<Lang> {
    let bytes = std::fs::read(site.join("content/site.yaml")).ok()?;
    language_in(&String::from_utf8_lossy(&bytes))
}

fn language_in(text: &str) -> Option<Lang> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = crate::yaml::parse_lenient(text)?;
    let value = root.get("language").filter(|v| v.is_scalar())?;
    match value.text.trim().to_ascii_lowercase().as_str() {
        "id" => Some(Lang::Id),
        "en" => Some(Lang::En),
        _ => None,
    }
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
            let args: Vec<Arg> = names
                .iter()
                .zip(&values)
                .map(|(n, v)| {
                    let n: &'static str = Box::leak(n.to_string().into_boxed_str());
                    (n, v as &dyn Display)
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
        let args: [Arg; 2] = [("field", &"descripton"), ("best", &"description")];
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
        let e: Entry = ("k", "`internal: { protect: {v} }`", "{ {v}");
        assert_eq!(
            fill(&e, Lang::Id, &[("v", &true)]),
            "`internal: { protect: true }`"
        );
        assert_eq!(fill(&e, Lang::En, &[("v", &1)]), "{ 1");
    }

    #[test]
    fn the_macro_uses_the_process_language() {
        // Unit tests never set the language: the default is Indonesian.
        assert_eq!(lang(), Lang::Id);
        let m = msg!(
            "yaml_unknown_field_hint",
            field = "descripton",
            best = "description"
        );
        assert!(m.starts_with("kolom `descripton` tidak dikenal"), "{m}");
    }

    #[test]
    fn site_language_is_read_leniently() {
        assert_eq!(language_in("title: x\nlanguage: en\n"), Some(Lang::En));
        assert_eq!(
            language_in("\u{feff}language: 'en' # English\n"),
            Some(Lang::En)
        );
        assert_eq!(language_in("language: id\r\n"), Some(Lang::Id));
        assert_eq!(language_in("language: \"EN\"\n"), Some(Lang::En));
        // Broken YAML after it does not matter.
        assert_eq!(
            language_in("title: x\nlanguage: en\ntitle: [unclosed\n  : : :\n\t{"),
            Some(Lang::En)
        );
        // A mistake before it, or in the line itself (`language:id` is a
        // plain text, not a key), hides it: the mistake is then reported
        // in the default language.
        assert_eq!(language_in("title: [unclosed\nlanguage: en\n"), None);
        assert_eq!(language_in("language:id\n"), None);
        // Nested keys, other values and no line at all give no language.
        assert_eq!(language_in("facility:\n  language: en\n"), None);
        assert_eq!(language_in("language: fr\n"), None);
        assert_eq!(language_in("languages: en\n"), None);
        assert_eq!(language_in(""), None);
        assert_eq!(language_in("language"), None);
        assert_eq!(language_in("language: \"\n"), None);
    }

    #[test]
    fn site_language_of_a_missing_or_binary_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(site_language(dir.path()), None);
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/site.yaml"),
            b"language: en\n\xff\xfe\x00\n\x80",
        )
        .unwrap();
        assert_eq!(site_language(dir.path()), Some(Lang::En));
    }
}
