//! `portal.yaml`: the portal's name and its list of facilities. Read and
//! checked here, with every problem at its line; nothing else reads it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostics, Pos};
use crate::model::Head;
use crate::msg::msg;
use crate::parse::{Seg, from_yaml};
use crate::text::is_valid_id;
use crate::vocab::Lang;

/// The figures the map may be shaded by (`map_figure`), the default first.
pub const MAP_FIGURES: [&str; 4] = [
    "participants",
    "trainings",
    "certificates",
    "training_hours",
];

/// The file, relative to the portal's folder.
pub const FILE: &str = "portal.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPortal {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    skip_failed: Option<bool>,
    map_figure: Option<String>,
    head: Option<RawHead>,
    signing_place: Option<String>,
    internal: Option<RawInternal>,
    facilities: Option<Vec<RawEntry>>,
}

/// `internal: true`, or `internal: { protect: false }` as in a site's
/// `site.yaml`.
#[derive(Debug)]
enum RawInternal {
    On(bool),
    Protect(Option<bool>),
}

impl<'de> Deserialize<'de> for RawInternal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RawInternal;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false or a mapping with `protect`")
            }

            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<RawInternal, E> {
                Ok(RawInternal::On(v))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawInternal, A::Error> {
                let mut protect = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "protect" {
                        return Err(serde::de::Error::unknown_field(&key, &["protect"]));
                    }
                    protect = map.next_value::<Option<bool>>()?;
                }
                Ok(RawInternal::Protect(protect))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The internal portal (`internal` in `portal.yaml`): how `output/internal`
/// is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Internal {
    /// Sealed under the passphrase of `RAPOR_INTERNAL_PASSPHRASE`, as a
    /// facility's protected internal site (the default).
    Sealed,
    /// `protect: false`: plain files, for an intranet or a local folder.
    Plain,
}

/// Who signs the portal's report, as a facility's `facility.head`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    name: Option<String>,
    title: Option<String>,
    nip: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Option<String>,
    path: Option<String>,
    region: Option<String>,
    url: Option<String>,
}

/// The checked `portal.yaml`.
#[derive(Debug, Clone)]
pub struct Portal {
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: Lang,
    /// Build the other facilities when one fails (and say which was left out).
    pub skip_failed: bool,
    /// The figure the map is shaded by, one of [`MAP_FIGURES`].
    pub map_figure: &'static str,
    /// Who signs the printed report, and where.
    pub head: Option<Head>,
    pub signing_place: Option<String>,
    /// Also an internal portal, and how it is written; `None`: none.
    pub internal: Option<Internal>,
    pub facilities: Vec<Entry>,
}

/// One facility of the portal, as `portal.yaml` lists it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    /// As written, relative to the portal's folder: what messages show.
    pub path: PathBuf,
    pub region: String,
    /// The facility's own public site, ending with `/`.
    pub url: Option<String>,
    /// Where the entry is written in `portal.yaml`.
    pub pos: Pos,
}

/// Reads `dir/portal.yaml`; `None` (with the problems in `diags`) when it
/// cannot be used.
pub fn read(dir: &Path, diags: &mut Diagnostics) -> Option<Portal> {
    let file = Path::new(FILE);
    let text = match std::fs::read_to_string(dir.join(FILE)) {
        Ok(t) => t,
        Err(e) => {
            diags.error(
                file,
                Pos::default(),
                msg!("portal_unreadable", dir = dir.display(), error = e),
            );
            return None;
        }
    };
    parse(&text, diags)
}

/// Checks the text of `portal.yaml`.
fn parse(text: &str, diags: &mut Diagnostics) -> Option<Portal> {
    let file = Path::new(FILE);
    // Counted before the decoder's problems: an unknown key alone is an
    // error too, and stops the portal.
    let before = diags.error_count();
    let decoded = from_yaml::<RawPortal>(text, false);
    for e in &decoded.errors {
        diags.error(file, e.pos, e.message.clone());
    }
    let raw = decoded.value?;
    let spans = decoded.spans;
    let at = |path: &[Seg]| spans.pos(path).unwrap_or(Pos::new(1, 1));
    let RawPortal {
        title,
        description,
        base_url,
        language,
        skip_failed,
        map_figure,
        head,
        signing_place,
        internal,
        facilities,
    } = raw;
    let mut required =
        |value: Option<String>, field: &str| match value.map(|v| v.trim().to_string()) {
            Some(v) if !v.is_empty() => Some(v),
            Some(_) => {
                diags.error(
                    file,
                    at(&[Seg::Key(field)]),
                    msg!("check_empty", field = field),
                );
                None
            }
            None if decoded.failed.is_empty() => {
                diags.error(
                    file,
                    Pos::default(),
                    msg!("check_required", field = field, hint = ""),
                );
                None
            }
            None => None,
        };
    let title = required(title, "title");
    let base_url = required(base_url, "base_url").map(|u| slash(&u));
    let language = match language.as_deref().map(str::trim) {
        None => Lang::Id,
        Some(v) => match Lang::ALL.iter().find(|(k, _)| *k == v) {
            Some((_, l)) => *l,
            None => {
                let allowed = Lang::ALL.map(|(k, _)| k).join(", ");
                diags.error(
                    file,
                    at(&[Seg::Key("language")]),
                    msg!(
                        "check_choice",
                        field = "language",
                        value = v,
                        hint = "",
                        allowed = allowed
                    ),
                );
                Lang::Id
            }
        },
    };
    let map_figure = match map_figure.as_deref().map(str::trim) {
        None => MAP_FIGURES[0],
        Some(v) => match MAP_FIGURES.iter().find(|f| **f == v) {
            Some(f) => f,
            None => {
                diags.error(
                    file,
                    at(&[Seg::Key("map_figure")]),
                    msg!(
                        "check_choice",
                        field = "map_figure",
                        value = v,
                        hint = "",
                        allowed = MAP_FIGURES.join(", ")
                    ),
                );
                MAP_FIGURES[0]
            }
        },
    };
    let text = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let head = head.and_then(
        |RawHead { name, title, nip }| match (text(name), text(title)) {
            (Some(name), Some(title)) => Some(Head {
                name,
                title,
                nip: text(nip),
            }),
            _ => {
                diags.error(file, at(&[Seg::Key("head")]), msg!("facility_head_missing"));
                None
            }
        },
    );
    let mut entries = Vec::new();
    let mut ids = BTreeSet::new();
    for (i, raw) in facilities.unwrap_or_default().into_iter().enumerate() {
        let RawEntry {
            id,
            path,
            region,
            url,
        } = raw;
        let pos = at(&[Seg::Key("facilities"), Seg::Index(i)]);
        let field = |f: &str| format!("facilities[{}].{f}", i + 1);
        let key = |f: &'static str| at(&[Seg::Key("facilities"), Seg::Index(i), Seg::Key(f)]);
        let mut need = |v: Option<String>, f: &'static str| match v.map(|v| v.trim().to_string()) {
            Some(v) if !v.is_empty() => Some(v),
            _ => {
                diags.error(
                    file,
                    pos,
                    msg!("check_required", field = field(f), hint = ""),
                );
                None
            }
        };
        let (Some(id), Some(path), Some(region)) =
            (need(id, "id"), need(path, "path"), need(region, "region"))
        else {
            continue;
        };
        if !is_valid_id(&id) {
            diags.error(file, key("id"), msg!("portal_bad_id", id = id));
            continue;
        }
        if !ids.insert(id.clone()) {
            diags.error(file, key("id"), msg!("portal_duplicate_id", id = id));
            continue;
        }
        entries.push(Entry {
            id,
            path: PathBuf::from(path),
            region,
            url: url.map(|u| slash(u.trim())).filter(|u| u != "/"),
            pos,
        });
    }
    if entries.is_empty() && diags.error_count() == before {
        diags.error(file, Pos::default(), msg!("portal_no_facilities"));
    }
    if diags.error_count() > before {
        return None;
    }
    Some(Portal {
        title: title?,
        description: description
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()),
        base_url: base_url?,
        language,
        skip_failed: skip_failed.unwrap_or(false),
        map_figure,
        head,
        signing_place: text(signing_place),
        internal: match internal {
            None | Some(RawInternal::On(false)) => None,
            Some(RawInternal::On(true)) => Some(Internal::Sealed),
            Some(RawInternal::Protect(Some(false))) => Some(Internal::Plain),
            Some(RawInternal::Protect(_)) => Some(Internal::Sealed),
        },
        facilities: entries,
    })
}

/// The `language` of `dir/portal.yaml`, for the messages of `rapor portal`
/// when `--lang` is not given; `None` when there is none to read.
pub fn language(dir: &Path) -> Option<Lang> {
    let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
    let raw = from_yaml::<RawPortal>(&text, false).value?;
    let code = raw.language?;
    Lang::ALL
        .iter()
        .find(|(k, _)| *k == code.trim())
        .map(|(_, l)| *l)
}

fn slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let mut d = Diagnostics::new();
        assert!(parse(text, &mut d).is_none(), "{text}");
        d.sorted().iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn a_portal_names_its_facilities() {
        let text = "title: Portal\nbase_url: https://p.example.org\nlanguage: en\nfacilities:\n  - { id: rutan-a, path: a, region: Bali }\n  - id: lapas-b\n    path: sites/b\n    region: Jawa Barat\n    url: https://b.example.org\n";
        let mut d = Diagnostics::new();
        let p = parse(text, &mut d).expect("valid");
        assert!(!d.has_errors());
        assert_eq!(p.base_url, "https://p.example.org/");
        assert_eq!(p.language, Lang::En);
        assert!(!p.skip_failed);
        let ids: Vec<&str> = p.facilities.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["rutan-a", "lapas-b"]);
        assert_eq!(p.facilities[1].pos, Pos::new(6, 3));
        assert_eq!(
            p.facilities[1].url.as_deref(),
            Some("https://b.example.org/")
        );
        assert_eq!(p.facilities[0].url, None);
    }

    #[test]
    fn an_internal_portal_is_sealed_unless_it_says_protect_false() {
        let with = |internal: &str| {
            let text = format!(
                "title: P\nbase_url: https://p.example.org/\n{internal}facilities:\n  - {{ id: a, path: a, region: Bali }}\n"
            );
            let mut d = Diagnostics::new();
            let p = parse(&text, &mut d);
            assert!(!d.has_errors(), "{internal}: {:?}", d.sorted());
            p.expect("valid").internal
        };
        assert_eq!(with(""), None);
        assert_eq!(with("internal: false\n"), None);
        assert_eq!(with("internal: true\n"), Some(Internal::Sealed));
        assert_eq!(
            with("internal: { protect: true }\n"),
            Some(Internal::Sealed)
        );
        assert_eq!(
            with("internal: { protect: false }\n"),
            Some(Internal::Plain)
        );
        let bad = "title: P\nbase_url: https://p.example.org/\ninternal: { protekt: false }\nfacilities:\n  - { id: a, path: a, region: Bali }\n";
        // Refused, at its line (the key not quoted: it is under `internal`).
        let all = problems(bad);
        assert!(
            all.iter()
                .any(|p| p.starts_with("portal.yaml:3:") && p.contains("`protect`")),
            "{all:?}"
        );
        // Regression: an unknown key alone once left the portal built.
        let typo = "title: P\nbase_url: https://p.example.org/\nskip_faild: true\nfacilities:\n  - { id: a, path: a, region: Bali }\n";
        assert!(problems(typo)[0].starts_with("portal.yaml:3:1:"));
    }

    #[test]
    fn every_problem_is_named_at_its_line() {
        let text = "title: Portal\nbase_url: https://p.example.org/\nskip_faild: true\nfacilities:\n  - { id: A, path: a, region: Bali }\n  - { id: b, path: b, region: Bali }\n  - { id: b, path: c, region: Bali }\n  - { id: c, region: Bali }\n";
        let all = problems(text);
        let at = |prefix: &str| all.iter().any(|p| p.starts_with(prefix));
        assert!(at("portal.yaml:3:1:"), "the unknown key: {all:?}");
        assert!(at("portal.yaml:5:"), "the bad id: {all:?}");
        assert!(at("portal.yaml:7:"), "the id used twice: {all:?}");
        assert!(at("portal.yaml:8:"), "the missing path: {all:?}");
        assert!(
            problems("base_url: x\nfacilities: []\n")
                .iter()
                .any(|p| p.contains("`title`")),
            "title is required"
        );
    }
}
