//! Load stage: the only reader of the records in `content/` for a build
//! and for the editor (which lays its unsaved changes over what is read,
//! [`Overlay`]). Photo bytes are read by `photos` (and by the editor, for
//! the preview of one photo), the build stamp looks at files' metadata
//! only, and `rapor new` (scaffold) reads `site.yaml` for its defaults.
//!
//! Walks the folder, decides which record kind each file is, reads records as
//! UTF-8 text and lists every other file (photos) so that later stages can
//! check references without touching the disk. It judges nothing but paths,
//! ids and encodings.

mod reread;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use walkdir::WalkDir;

use crate::diag::{Diagnostics, Pos, Reported};
use crate::msg::{Message, msg};
use crate::text::is_valid_id;
use crate::vocab::Lang;

/// The record kinds of the content contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Site,
    Partner,
    Programme,
    Training,
    Outcome,
    Story,
    Roster,
}

impl Kind {
    /// The folder under `content/` holding this kind, and whether its records
    /// are Markdown with front matter (else plain YAML).
    fn folder(self) -> (&'static str, bool) {
        match self {
            Kind::Site => ("", false),
            Kind::Partner => ("partners", false),
            Kind::Programme => ("programmes", true),
            Kind::Training => ("trainings", true),
            Kind::Outcome => ("outcomes", false),
            Kind::Story => ("stories", true),
            Kind::Roster => ("internal/rosters", false),
        }
    }

    /// The kind's name in schema files and the editor's addresses
    /// (`training`), the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Site => "site",
            Kind::Partner => "partner",
            Kind::Programme => "programme",
            Kind::Training => "training",
            Kind::Outcome => "outcome",
            Kind::Story => "story",
            Kind::Roster => "roster",
        }
    }

    /// The kind with that [`Kind::name`].
    pub fn from_name(name: &str) -> Option<Kind> {
        [
            Kind::Site,
            Kind::Partner,
            Kind::Programme,
            Kind::Training,
            Kind::Outcome,
            Kind::Story,
            Kind::Roster,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }

    /// The kind's name in messages, in the CLI's language.
    pub fn noun(self) -> Message {
        match self {
            Kind::Site => msg!("noun_site"),
            Kind::Partner => msg!("noun_partner"),
            Kind::Programme => msg!("noun_programme"),
            Kind::Training => msg!("noun_training"),
            Kind::Outcome => msg!("noun_outcome"),
            Kind::Story => msg!("noun_story"),
            Kind::Roster => msg!("noun_roster"),
        }
    }

    const RECORDS: [Kind; 6] = [
        Kind::Partner,
        Kind::Programme,
        Kind::Training,
        Kind::Outcome,
        Kind::Story,
        Kind::Roster,
    ];
}

/// One record file, read.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: Kind,
    pub id: String,
    /// Path as shown to the user, relative to the site folder (`content/...`).
    pub path: PathBuf,
    /// Folder of the file relative to `content/`, `/`-separated ("" at the top).
    pub dir: String,
    /// Shared, so that `serve` can keep an unchanged file's text without copying it.
    pub text: Arc<str>,
    /// Size and modification time when read.
    pub stamp: (u64, u128),
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    pub sources: Vec<Source>,
    /// Every regular file under `content/`, relative to it, `/`-separated.
    pub files: BTreeSet<String>,
    /// What a walk of the disk found, without a problem, and nothing laid
    /// over it: only then may [`Content::reread`] stand in for a walk.
    pub(crate) walked: bool,
}

/// Reads the content folder of `site`. Problems go to `diags`; the records
/// that could be read are returned regardless so that later stages can report
/// their own problems in the same run. With `previous` (the last load of
/// `serve`), a file whose size and modification time have not changed is
/// taken from there instead of being read again.
pub fn load_with(site: &Path, previous: Option<&Content>, diags: &mut Diagnostics) -> Content {
    let root = site.join("content");
    let mut content = Content::default();
    let errors_before = diags.error_count();
    if !root.is_dir() {
        diags.error(
            Path::new("content"),
            Pos::default(),
            msg!("load_no_content", site = site.display()),
        );
        return content;
    }
    let known: HashMap<&Path, &Source> = previous
        .map(|c| c.sources.iter().map(|s| (s.path.as_path(), s)).collect())
        .unwrap_or_default();
    // First the walk, which decides what each file is; then the reading, in parallel.
    let mut seen: BTreeMap<(Kind, String), PathBuf> = BTreeMap::new();
    let mut to_read = Vec::new();
    let walker = WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| shown(site, p))
                    .unwrap_or_else(|| "content".into());
                diags.error(&path, Pos::default(), msg!("load_walk", error = err));
                continue;
            }
        };
        // Not followed: a link can lead out of `content/` or into
        // `content/internal/`, and the walk would not see where it points.
        if entry.path_is_symlink() && entry.depth() > 0 {
            let path = shown(site, entry.path());
            let shown_path = path.display().to_string().replace('\\', "/");
            let message = msg!("load_symlink", path = shown_path);
            diags.error(&path, Pos::default(), message);
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&root) else {
            continue;
        };
        let Some(rel_str) = rel.to_str().map(|s| s.replace('\\', "/")) else {
            diags.error(
                &shown(site, entry.path()),
                Pos::default(),
                msg!("load_name_not_utf8"),
            );
            continue;
        };
        content.files.insert(rel_str.clone());
        let path = shown(site, entry.path());
        let Ok(Some((kind, id))) = classify(&rel_str, &path, diags) else {
            continue;
        };
        if let Some(first) = seen.get(&(kind, id.clone())) {
            diags.error(
                &path,
                Pos::default(),
                msg!(
                    "load_duplicate_id",
                    noun = kind.noun(),
                    id = id,
                    first = first.display()
                ),
            );
            continue;
        }
        seen.insert((kind, id.clone()), path.clone());
        let stamp = entry.metadata().map(|m| stamp_of(&m)).unwrap_or_default();
        let dir = rel_str.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let reuse = known
            .get(path.as_path())
            .filter(|s| s.stamp == stamp && stamp != (0, 0));
        to_read.push((
            kind,
            id,
            path,
            dir,
            stamp,
            entry.into_path(),
            reuse.map(|s| Arc::clone(&s.text)),
        ));
    }
    let read: Vec<Result<Source, (PathBuf, Pos, Message)>> = to_read
        .into_par_iter()
        .map(|(kind, id, path, dir, stamp, abs, reuse)| {
            let text = match reuse {
                Some(text) => text,
                None => read_text(&abs).map_err(|(pos, message)| (path.clone(), pos, message))?,
            };
            Ok(Source {
                kind,
                id,
                path,
                dir,
                text,
                stamp,
            })
        })
        .collect();
    for r in read {
        match r {
            Ok(source) => content.sources.push(source),
            Err((path, pos, message)) => {
                diags.error(&path, pos, message);
            }
        }
    }
    if !seen.contains_key(&(Kind::Site, String::new())) {
        diags.error(
            Path::new("content/site.yaml"),
            Pos::default(),
            msg!("load_no_site_yaml"),
        );
    }
    content.walked = diags.error_count() == errors_before;
    content
}

/// Changes laid over what was read from disk: the editor checks a save on
/// the whole site before it writes anything. Paths are relative to
/// `content/`, `/`-separated.
#[derive(Debug, Default, Clone)]
pub struct Overlay {
    /// Records written or replaced: (path, text).
    pub put: Vec<(String, String)>,
    /// Record files (or bundles' `index.md`) gone, and their photos moved
    /// with them (a record made a bundle).
    pub remove: Vec<String>,
    /// Other files that will exist (an uploaded photo).
    pub files: Vec<String>,
}

impl Content {
    /// `content` as it would be with `overlay` written. A record the
    /// overlay puts is classified like a file on disk; its stamp is never
    /// reused, so that the next load reads the disk again.
    pub fn apply(&mut self, overlay: &Overlay, diags: &mut Diagnostics) {
        self.walked = false;
        let shown_of = |rel: &str| {
            rel.split('/')
                .fold(PathBuf::from("content"), |p, c| p.join(c))
        };
        for rel in &overlay.remove {
            let path = shown_of(rel);
            self.sources.retain(|s| s.path != path);
            self.files.remove(rel);
        }
        for rel in &overlay.files {
            self.files.insert(rel.clone());
        }
        for (rel, text) in &overlay.put {
            let path = shown_of(rel);
            self.files.insert(rel.clone());
            let Ok(Some((kind, id))) = classify(rel, &path, diags) else {
                continue;
            };
            let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
            let source = Source {
                kind,
                id,
                path: path.clone(),
                dir,
                text: Arc::from(text.as_str()),
                stamp: (0, 0),
            };
            match self.sources.iter_mut().find(|s| s.path == path) {
                Some(s) => *s = source,
                None => self.sources.push(source),
            }
        }
    }
}

fn stamp_of(m: &std::fs::Metadata) -> (u64, u128) {
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    (m.len(), mtime)
}

/// Reads a record as UTF-8; the error says where the first invalid byte is.
fn read_text(path: &Path) -> Result<Arc<str>, (Pos, Message)> {
    let bytes =
        std::fs::read(path).map_err(|e| (Pos::default(), msg!("load_unreadable", error = e)))?;
    match String::from_utf8(bytes) {
        Ok(t) => Ok(Arc::from(t)),
        Err(err) => {
            let good = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let good = String::from_utf8_lossy(good);
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err((Pos::new(line, col), msg!("load_not_utf8")))
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') || n.ends_with('~'))
}

fn shown(site: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(site).unwrap_or(path).to_path_buf()
}

/// Decides what a file under `content/` is. `Ok(None)` for files that are
/// not records (photos, notes); an error for files that look like records in
/// the wrong form.
fn classify(
    rel: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<(Kind, String)>, Reported> {
    if rel == "site.yaml" {
        return Ok(Some((Kind::Site, String::new())));
    }
    if rel == "site.yml" {
        return Err(diags.error(path, Pos::default(), msg!("load_site_yml")));
    }
    for kind in Kind::RECORDS {
        let (folder, markdown) = kind.folder();
        let Some(rest) = rel.strip_prefix(folder).and_then(|r| r.strip_prefix('/')) else {
            continue;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let ext = if markdown { "md" } else { "yaml" };
        let (id, file_ext) = match parts.as_slice() {
            [file] => match file.rsplit_once('.') {
                Some((stem, e)) => (stem, e),
                None => return Ok(None),
            },
            // A bundle: <id>/index.md, with its photos beside it.
            [bundle, "index.md"] if markdown => (*bundle, "md"),
            _ => return Ok(None),
        };
        let wrong_form = match (markdown, file_ext) {
            (true, "yaml" | "yml") => Some(msg!("load_should_be_md", noun = kind.noun(), id = id)),
            (false, "yml") => Some(msg!("load_rename_yaml", id = id)),
            (false, "md") => Some(msg!("load_should_be_yaml", noun = kind.noun(), id = id)),
            _ => None,
        };
        if let Some(message) = wrong_form {
            return Err(diags.error(path, Pos::default(), message));
        }
        if file_ext != ext {
            return Ok(None); // a photo or another attachment
        }
        if !is_valid_id(id) {
            return Err(diags.error(path, Pos::default(), msg!("load_bad_id", id = id)));
        }
        return Ok(Some((kind, id.to_string())));
    }
    Ok(None)
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
    use super::*;

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

    fn class(rel: &str) -> (Option<(Kind, String)>, Vec<String>) {
        let mut d = Diagnostics::new();
        let r = classify(rel, Path::new(rel), &mut d);
        // An error, and only an error, comes with its diagnostic.
        assert_eq!(r.is_err(), d.has_errors(), "{rel}");
        let r = r.ok().flatten();
        (
            r,
            d.sorted()
                .into_iter()
                .map(|d| d.message.to_string())
                .collect(),
        )
    }

    #[test]
    fn records_and_bundles_are_classified() {
        assert_eq!(class("site.yaml").0, Some((Kind::Site, String::new())));
        assert_eq!(
            class("trainings/barbershop-2025.md").0,
            Some((Kind::Training, "barbershop-2025".into()))
        );
        assert_eq!(
            class("trainings/meubel-2025/index.md").0,
            Some((Kind::Training, "meubel-2025".into()))
        );
        assert_eq!(
            class("internal/rosters/meubel-2025.yaml").0,
            Some((Kind::Roster, "meubel-2025".into()))
        );
        assert_eq!(class("trainings/meubel-2025/foto-1.jpg").0, None);
        assert_eq!(class("partners/logo.png").0, None);
        assert_eq!(class("README.md").0, None);
    }

    #[test]
    fn wrong_forms_are_errors() {
        let (r, msgs) = class("partners/skb.yml");
        assert!(r.is_none());
        assert!(msgs[0].contains("skb.yaml"), "{msgs:?}");
        let (_, msgs) = class("trainings/x.yaml");
        assert!(msgs[0].contains("Markdown"), "{msgs:?}");
        let (_, msgs) = class("stories/Berita_Baru.md");
        assert!(msgs[0].contains("bukan id yang sah"), "{msgs:?}");
    }
}
