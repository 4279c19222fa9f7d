//! Tracing a hit back to the public content field that put it there.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::needles::Needles;
use super::normalise::Kind as Read;
use super::scan::line_col;
use crate::diag::Pos;
use crate::load::{Content, Kind};
use crate::model::Model;
use crate::msg::Message;
use crate::parse::split_front_matter;
use crate::yaml::{Outline, Seg};

/// Where a public content field shows a secret.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Field {
    Body,
    Key(String),
    Id,
    Theme,
}

#[derive(Debug, Clone)]
pub(super) struct Place {
    pub(super) file: PathBuf,
    pub(super) pos: Pos,
    pub(super) noun: Option<Message>,
    pub(super) field: Field,
}

/// The places in the public parts of the content (and in the site's theme
/// overrides) that show each of the `wanted` secrets, one per file and field.
pub(super) fn trace(
    site: &Path,
    content: &Content,
    model: &Model,
    needles: &Needles,
    wanted: &BTreeSet<usize>,
) -> BTreeMap<usize, Vec<Place>> {
    let drafts: BTreeSet<(Kind, &str)> = model
        .trainings
        .iter()
        .filter(|t| t.draft)
        .map(|t| (Kind::Training, t.public.id.as_str()))
        .chain(
            model
                .stories
                .iter()
                .filter(|s| s.draft)
                .map(|s| (Kind::Story, s.public.id.as_str())),
        )
        .chain(
            model
                .programmes
                .iter()
                .filter(|p| p.draft)
                .map(|p| (Kind::Programme, p.public.id.as_str())),
        )
        .collect();
    // Outcomes of drafts and planned trainings are not published either.
    let published: BTreeSet<&str> = model.public().outcomes().map(|o| o.id.as_str()).collect();
    let unpublished = model
        .outcomes
        .iter()
        .map(|o| o.public.id.as_str())
        .filter(|id| !published.contains(id))
        .map(|id| (Kind::Outcome, id));
    let drafts: BTreeSet<(Kind, &str)> = drafts.into_iter().chain(unpublished).collect();
    let sources = content
        .sources
        .iter()
        .filter(|s| s.kind != Kind::Roster && !drafts.contains(&(s.kind, s.id.as_str())));
    let mut places: BTreeMap<usize, BTreeMap<(PathBuf, Field), Place>> = BTreeMap::new();
    let mut add = |secret: usize, place: Place| {
        if wanted.contains(&secret) {
            places
                .entry(secret)
                .or_default()
                .entry((place.file.clone(), place.field.clone()))
                .or_insert(place);
        }
    };
    for src in sources {
        let noun = src.kind.noun();
        for (secret, _) in needles.scan(src.id.as_bytes(), Read::Text) {
            let place = Place {
                file: src.path.clone(),
                pos: Pos::default(),
                noun: Some(noun.clone()),
                field: Field::Id,
            };
            add(secret, place);
        }
        let text = src.text.strip_prefix('\u{feff}').unwrap_or(&src.text);
        let markdown = matches!(src.kind, Kind::Programme | Kind::Training | Kind::Story);
        let (yaml_start, yaml_end) = match split_front_matter(text) {
            Ok(fm) if markdown => {
                let start = fm.yaml.as_ptr() as usize - text.as_ptr() as usize;
                (start, start + fm.yaml.len())
            }
            _ => (0, text.len()),
        };
        let yaml = Outline::new(&text[yaml_start..yaml_end]);
        let masked = mask_internal(text, yaml_start, &yaml);
        let mut found = Vec::new();
        needles.each(masked.as_bytes(), Read::Source, |secret, offset| {
            found.push((secret, offset))
        });
        found.sort_unstable();
        for (secret, offset) in found {
            let field = if offset >= yaml_end {
                Field::Body
            } else {
                // A value in a comment, an anchor or a tag is never shown.
                let path = yaml.path_at(offset - yaml_start);
                let Some(path) = path.filter(|p| !p.is_empty()) else {
                    continue;
                };
                Field::Key(field_name(&path))
            };
            let pos = line_col(&masked.as_bytes()[..offset]);
            let file = src.path.clone();
            add(
                secret,
                Place {
                    file,
                    pos,
                    noun: Some(noun.clone()),
                    field,
                },
            );
        }
    }
    // A site's own templates can hard-code a value.
    let themes = site.join("themes");
    for entry in walkdir::WalkDir::new(&themes).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let file = entry.path().strip_prefix(site).unwrap_or(entry.path());
        let kind = Read::of_path(&file.to_string_lossy());
        for (secret, offset) in needles.scan(&bytes, kind) {
            let place = Place {
                file: file.to_path_buf(),
                pos: line_col(&bytes[..offset]),
                noun: None,
                field: Field::Theme,
            };
            add(secret, place);
        }
    }
    places
        .into_iter()
        .map(|(secret, p)| (secret, p.into_values().collect()))
        .collect()
}

/// `text` with the top-level `internal:` entry of its YAML (which starts
/// at `start`) blanked out, keeping every byte offset and line where it
/// was. A YAML text with a syntax error is blanked from the entry that holds
/// it to its end too: there the tree cannot tell a public field from an
/// internal one, and a value found nowhere else is still reported, at the
/// public file that shows it.
fn mask_internal(text: &str, start: usize, yaml: &Outline) -> String {
    let mut out = text.to_string();
    let shift = |r: Range<usize>| r.start + start..r.end + start;
    let ranges = yaml
        .entry("internal")
        .into_iter()
        .chain(Some(yaml.unsure()));
    for r in ranges.map(shift) {
        let blank: String = text[r.clone()]
            .chars()
            // Keep byte offsets: a multi-byte character becomes as many spaces.
            .flat_map(|c| {
                let (blank, n) = if c == '\n' {
                    ('\n', 1)
                } else {
                    (' ', c.len_utf8())
                };
                std::iter::repeat_n(blank, n)
            })
            .collect();
        out.replace_range(r, &blank);
    }
    out
}

/// A field as the audit names it: its keys, without item numbers
/// (`photos.caption`).
fn field_name(path: &[Seg]) -> String {
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(*k),
            Seg::Index(_) => None,
        })
        .collect();
    keys.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(yaml: &str) -> String {
        mask_internal(yaml, 0, &Outline::new(yaml))
    }

    #[test]
    fn the_internal_block_is_masked_and_offsets_kept() {
        let yaml = "name: A\ninternal:\n  contact: { name: Ümit\u{a0}Kaya }\n  # note\ndescription: Ümit\n";
        let masked = mask(yaml);
        assert_eq!(masked.len(), yaml.len());
        assert_eq!(masked.lines().count(), yaml.lines().count());
        assert!(!masked.contains("Kaya") && !masked.contains("note"));
        assert!(masked.starts_with("name: A\n"));
        assert!(masked.ends_with("description: Ümit\n"));
        for inline in [
            "name: A\ninternal: { notes: secret }\nx: 1\n",
            "name: A\n\"internal\": [secret]\nx: 1\n",
            "name: A\ninternal: |\n  secret\n\nx: 1\n",
        ] {
            let masked = mask(inline);
            assert!(!masked.contains("secret"), "{inline}");
            assert!(masked.ends_with("x: 1\n"), "{inline}");
        }
    }

    #[test]
    fn only_the_top_level_internal_block_is_masked() {
        let yaml = "photos:\n  - internal: Kaya\n    caption: x\nnotes: { internal: Ümit }\n";
        assert_eq!(mask(yaml), yaml);
    }

    #[test]
    fn front_matter_is_masked_where_it_starts() {
        let text = "---\ntitle: é\ninternal: { a: Kaya }\n---\nBody Kaya\n";
        let start = 4;
        let end = text.rfind("---").unwrap();
        let masked = mask_internal(text, start, &Outline::new(&text[start..end]));
        assert_eq!(masked.len(), text.len());
        assert!(masked.starts_with("---\ntitle: é\n"));
        assert!(masked.ends_with("---\nBody Kaya\n"));
        assert_eq!(masked.matches("Kaya").count(), 1);
    }

    #[test]
    fn yaml_that_does_not_parse_is_masked_from_its_mistake() {
        // Nothing after the mistake is taken for public.
        let yaml = "name: Ümit\ninternal:\n  a: [Kaya\ndescription: x\n";
        let masked = mask(yaml);
        assert_eq!(masked.len(), yaml.len());
        assert!(masked.starts_with("name: Ümit\n"));
        assert!(!masked.contains("Kaya") && !masked.contains("description"));
        let yaml = "title: [Kaya\ninternal: { a: Kaya }\n";
        assert!(!mask(yaml).contains("Kaya"));
    }

    #[test]
    fn fields_are_named_from_the_yaml() {
        let yaml = "title: A\nsummary: Kata Yohanes\nphotos:\n  - { src: a.jpg, caption: Yohanés }\n  - caption: |\n      Ümit\u{a0}Kaya\n# Kaya\n";
        let o = Outline::new(yaml);
        let at = |at: usize| o.path_at(at).map(|p| field_name(&p));
        let find = |needle: &str| yaml.find(needle).unwrap();
        assert_eq!(at(find("Kata")).as_deref(), Some("summary"));
        assert_eq!(at(find("Yohanés")).as_deref(), Some("photos.caption"));
        assert_eq!(at(find("Kaya")).as_deref(), Some("photos.caption"));
        assert_eq!(at(find("A\n")).as_deref(), Some("title"));
        assert_eq!(at(yaml.rfind("Kaya").unwrap()), None, "a comment");
    }
}
