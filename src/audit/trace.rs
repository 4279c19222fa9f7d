//! Tracing a hit back to the public content field that put it there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::needles::Needles;
use super::normalise::Kind as Read;
use super::scan::line_col;
use crate::diag::Pos;
use crate::load::{Content, Kind};
use crate::model::Model;
use crate::msg::Message;
use crate::parse::split_front_matter;

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
        let masked = mask_internal(text, yaml_start, yaml_end);
        let mut found = Vec::new();
        needles.each(masked.as_bytes(), Read::Source, |secret, offset| {
            found.push((secret, offset))
        });
        found.sort_unstable();
        for (secret, offset) in found {
            let field = if offset >= yaml_end {
                Field::Body
            } else {
                Field::Key(yaml_field(
                    &masked[yaml_start..yaml_end],
                    offset - yaml_start,
                ))
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

/// `text` with the `internal:` block of its YAML (between `start` and `end`)
/// blanked out, keeping every byte offset and line where it was.
fn mask_internal(text: &str, start: usize, end: usize) -> String {
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    let mut inside = false;
    for line in text[start..end].split_inclusive('\n') {
        let top = line.starts_with(|c: char| !c.is_whitespace() && c != '#');
        if top {
            inside = line.starts_with("internal:");
        }
        if inside {
            out.extend(line.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
            // Keep byte offsets: a multi-byte character became one space.
            let lost = line.len() - line.chars().count();
            out.extend(std::iter::repeat_n(' ', lost));
        } else {
            out.push_str(line);
        }
    }
    out.push_str(&text[end..]);
    out
}

/// The field at `offset` in `yaml`: the top-level key, with the key written
/// before it on the same line when it is nested (`photos.caption`).
fn yaml_field(yaml: &str, offset: usize) -> String {
    let before = &yaml[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let key_of = |line: &str| -> Option<String> {
        let (k, _) = line.split_once(':')?;
        let k = k.trim().trim_start_matches(['-', '{', ',', ' ']).trim();
        (!k.is_empty() && !k.contains(char::is_whitespace)).then(|| k.to_string())
    };
    let top = before
        .lines()
        .rev()
        .find(|l| l.starts_with(|c: char| !c.is_whitespace() && c != '#' && c != '-'))
        .and_then(key_of)
        .unwrap_or_default();
    let here = &before[line_start..];
    let inner = here
        .rfind(['{', ','])
        .map(|i| &here[i + 1..])
        .or(Some(here))
        .and_then(key_of);
    match inner {
        Some(k) if k != top && !top.is_empty() => format!("{top}.{k}"),
        Some(k) if top.is_empty() => k,
        _ => top,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_internal_block_is_masked_and_offsets_kept() {
        let yaml =
            "name: A\ninternal:\n  contact: { name: Ümit Kaya }\n  # note\ndescription: Ümit\n";
        let masked = mask_internal(yaml, 0, yaml.len());
        assert_eq!(masked.len(), yaml.len());
        assert_eq!(masked.lines().count(), yaml.lines().count());
        assert!(!masked.contains("Kaya"));
        assert!(masked.ends_with("description: Ümit\n"));
        let inline = "name: A\ninternal: { notes: secret }\nx: 1\n";
        assert!(!mask_internal(inline, 0, inline.len()).contains("secret"));
    }

    #[test]
    fn fields_are_named_from_the_yaml() {
        let yaml =
            "title: A\nsummary: Kata Yohanes\nphotos:\n  - { src: a.jpg, caption: Yohanes }\n";
        let at = |needle: &str| yaml.find(needle).unwrap();
        assert_eq!(yaml_field(yaml, at("Kata")), "summary");
        assert_eq!(
            yaml_field(yaml, yaml.rfind("Yohanes").unwrap()),
            "photos.caption"
        );
        assert_eq!(yaml_field(yaml, at("A\n")), "title");
    }
}
