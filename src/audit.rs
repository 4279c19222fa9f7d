//! Leak audit: the last gate before the public site is written.
//!
//! Every identity value of the internal data (participants' names,
//! registration and certificate numbers; partners' contact names, phones and
//! emails; agreement numbers) is searched for in every public file (its
//! bytes and its path), in parallel, as a reader reads them: both the values
//! and the files are normalised the same way first ([`normalise`]: tags,
//! entities and escapes undone, invisible characters dropped, case, accents,
//! dashes and spacing folded) and matched as words ([`needles`]). A hit is
//! traced back to the public content field that put it there by searching the
//! public parts of the content files the same way.
//!
//! It must not change what is built: it only reads and reports. It reads the
//! disk only for the bytes of published photos (from the photo cache), for
//! `rapor audit`, and to reload the content when a build has a hit to trace.

mod chars;
mod needles;
mod normalise;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostics, Pos};
use crate::load::{self, Content, Kind};
use crate::model::{self, Model};
use crate::msg::Message;
use crate::parse::split_front_matter;
use crate::render::File;
use crate::view;
use needles::Needles;
use normalise::Kind as Read;

/// The audit's messages, from the catalogue (`src/msg/cli.rs`).
mod says {
    use super::{Secret, What};
    use crate::msg::{Message, msg};

    pub(super) fn what(s: &Secret) -> Message {
        let o = &s.owner;
        match s.what {
            What::Name => msg!("audit_what_name", owner = o),
            What::Registration => msg!("audit_what_registration", owner = o),
            What::Certificate => msg!("audit_what_certificate", owner = o),
            What::ContactName => msg!("audit_what_contact_name", owner = o),
            What::Phone => msg!("audit_what_phone", owner = o),
            What::Email => msg!("audit_what_email", owner = o),
            What::Agreement => msg!("audit_what_agreement", owner = o),
        }
    }

    pub(super) fn origin(s: &Secret) -> String {
        format!("{}, {}", s.file.display(), s.field)
    }

    /// A public content field shows a value.
    pub(super) fn in_field(noun: &Option<Message>, field: &super::Field, s: &Secret) -> Message {
        let place = match field {
            super::Field::Body => msg!("audit_place_body", noun = noun.clone()),
            super::Field::Key(k) => msg!("audit_place_key", noun = noun.clone(), key = k),
            super::Field::Id => msg!("audit_place_id", noun = noun.clone()),
            super::Field::Theme => msg!("audit_place_theme"),
        };
        msg!(
            "audit_in_field",
            place = place,
            what = what(s),
            origin = origin(s),
            remove = msg!("audit_remove")
        )
    }

    /// The build found a value in output that no public content field explains.
    /// `record`: the content file of the page that shows it, if any.
    pub(super) fn untraced(s: &Secret, others: usize, record: Option<&std::path::Path>) -> Message {
        let more = match others {
            0 => None,
            1 => Some(msg!("audit_and_one_more")),
            n => Some(msg!("audit_and_more", n = n)),
        };
        match record {
            Some(r) => msg!(
                "audit_untraced_record",
                what = what(s),
                origin = origin(s),
                more = more,
                record = r.display(),
                remove = msg!("audit_remove")
            ),
            None => msg!(
                "audit_untraced",
                what = what(s),
                origin = origin(s),
                more = more,
                remove = msg!("audit_remove")
            ),
        }
    }

    /// `rapor audit`: a value found in a file of an existing output folder.
    pub(super) fn in_output(s: &Secret, in_name: bool, from: &[String]) -> Message {
        let source = if from.is_empty() {
            msg!("audit_source_unknown")
        } else {
            msg!("audit_source_from", from = from.join(", "))
        };
        if in_name {
            msg!(
                "audit_in_output_name",
                what = what(s),
                origin = origin(s),
                source = source
            )
        } else {
            msg!(
                "audit_in_output_file",
                what = what(s),
                origin = origin(s),
                source = source
            )
        }
    }

    /// A record's id makes the address of an internal page.
    pub(super) fn internal_id(noun: &Message, s: &Secret) -> Message {
        msg!(
            "audit_internal_id",
            noun = noun,
            what = what(s),
            origin = origin(s),
            rename = msg!("audit_rename")
        )
    }

    /// The path of an internal file shows a value.
    pub(super) fn internal_path(s: &Secret) -> Message {
        msg!(
            "audit_internal_path",
            what = what(s),
            origin = origin(s),
            rename = msg!("audit_rename")
        )
    }

    pub(super) fn more_files(s: &Secret, n: usize) -> Message {
        msg!(
            "audit_more_files",
            what = what(s),
            origin = origin(s),
            n = n
        )
    }

    pub(super) fn unreadable(e: &std::io::Error) -> Message {
        msg!("audit_unreadable", error = e)
    }

    pub(super) fn no_folder(dir: &std::path::Path) -> Message {
        msg!("audit_no_folder", dir = dir.display())
    }
}

/// The kind of an identity value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Name,
    Registration,
    Certificate,
    ContactName,
    Phone,
    Email,
    Agreement,
}

/// One identity value of the internal data, and where it is kept.
#[derive(Debug, Clone)]
pub struct Secret {
    pub value: String,
    pub what: What,
    /// The training (for roster values) or partner it belongs to.
    pub owner: String,
    /// The content file holding it, e.g. `content/internal/rosters/x.yaml`.
    pub file: PathBuf,
    /// Its field in that file, e.g. `participants[3].name`.
    pub field: String,
}

/// Every identity value of the model that is long enough to search for,
/// each value once (the first place it is kept names it).
pub fn secrets(model: &Model) -> Vec<Secret> {
    let mut out = Vec::new();
    for t in &model.trainings {
        let Some(roster) = &t.internal.roster else {
            continue;
        };
        for (i, p) in roster.participants.iter().enumerate() {
            let n = i + 1;
            let mut add = |value: &str, what, field: &str| {
                out.push(Secret {
                    value: value.trim().to_string(),
                    what,
                    owner: t.public.id.clone(),
                    file: roster.src.path.clone(),
                    field: format!("participants[{n}].{field}"),
                });
            };
            add(&p.name, What::Name, "name");
            add(&p.id, What::Registration, "id");
            if let Some(c) = &p.certificate_no {
                add(c, What::Certificate, "certificate_no");
            }
        }
    }
    for p in &model.partners {
        let file = PathBuf::from(format!("content/partners/{}.yaml", p.public.id));
        let mut add = |value: &Option<String>, what, field: &str| {
            if let Some(v) = value {
                out.push(Secret {
                    value: v.trim().to_string(),
                    what,
                    owner: p.public.id.clone(),
                    file: file.clone(),
                    field: field.to_string(),
                });
            }
        };
        if let Some(c) = &p.internal.contact {
            add(&c.name, What::ContactName, "internal.contact.name");
            add(&c.phone, What::Phone, "internal.contact.phone");
            add(&c.email, What::Email, "internal.contact.email");
        }
        if let Some(a) = &p.internal.agreement {
            add(&a.number, What::Agreement, "internal.agreement.number");
        }
    }
    // Values too short to search are dropped, and a value kept twice (as
    // a reader reads it) is named by its first place.
    let mut seen = BTreeSet::new();
    out.retain(|s| {
        needles::forms(&s.value)
            .into_iter()
            .next()
            .is_some_and(|f| seen.insert(f))
    });
    out
}

/// A secret found in an output file.
#[derive(Debug, Clone)]
struct Hit {
    /// Path relative to the output folder, `/`-separated.
    file: String,
    secret: usize,
    pos: Pos,
    /// Found in the file's path rather than its bytes.
    in_name: bool,
}

/// A file that could not be read: its path and why.
type Unreadable = (String, std::io::Error);

/// An output file to scan: in memory, or on disk.
enum Blob<'a> {
    Bytes(&'a [u8]),
    Disk(&'a Path),
}

/// Scans every file (its path and bytes) in parallel; unreadable files are
/// returned apart.
fn scan_files(needles: &Needles, files: &[(&str, Blob<'_>)]) -> (Vec<Hit>, Vec<Unreadable>, u64) {
    let results: Vec<Result<(Vec<Hit>, u64), Unreadable>> = files
        .par_iter()
        .map(|(path, blob)| {
            let read;
            let bytes = match blob {
                Blob::Bytes(b) => *b,
                Blob::Disk(p) => {
                    read = std::fs::read(p).map_err(|e| (path.to_string(), e))?;
                    &read[..]
                }
            };
            let mut hits = Vec::new();
            let in_name = needles.scan(path.as_bytes(), Read::Text);
            for &secret in in_name.keys() {
                hits.push(Hit {
                    file: path.to_string(),
                    secret,
                    pos: Pos::default(),
                    in_name: true,
                });
            }
            for (secret, offset) in needles.scan(bytes, Read::of_path(path)) {
                if in_name.contains_key(&secret) {
                    continue;
                }
                hits.push(Hit {
                    file: path.to_string(),
                    secret,
                    pos: text_pos(path, bytes, offset),
                    in_name: false,
                });
            }
            Ok((hits, bytes.len() as u64))
        })
        .collect();
    let mut hits = Vec::new();
    let mut failed = Vec::new();
    let mut bytes = 0;
    for r in results {
        match r {
            Ok((h, n)) => {
                hits.extend(h);
                bytes += n;
            }
            Err(e) => failed.push(e),
        }
    }
    (hits, failed, bytes)
}

/// Line and column of `offset` in a text file; none in an image.
fn text_pos(path: &str, bytes: &[u8], offset: usize) -> Pos {
    let text = [
        ".html", ".xml", ".json", ".csv", ".js", ".txt", ".css", ".svg",
    ];
    if !text.iter().any(|e| path.ends_with(e)) {
        return Pos::default();
    }
    line_col(&bytes[..offset])
}

fn line_col(before: &[u8]) -> Pos {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    Pos::new(line, col)
}

/// Where a public content field shows a secret.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Body,
    Key(String),
    Id,
    Theme,
}

#[derive(Debug, Clone)]
struct Place {
    file: PathBuf,
    pos: Pos,
    noun: Option<Message>,
    field: Field,
}

/// The places in the public parts of the content (and in the site's theme
/// overrides) that show each of the `wanted` secrets, one per file and field.
fn trace(
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

/// The audit of a build, before anything is written: every public file and
/// photo of `files` and `copies`, and the path of every file of the internal
/// site (`internal`), which may show no identity value either: a file name
/// travels in addresses, histories and logs even when the file is sealed.
/// Returns false when internal data was found (each value reported once per
/// content field that shows it).
pub fn check_build(
    site: &Path,
    model: &Model,
    files: &[File],
    copies: &[(String, PathBuf)],
    internal: &[&str],
    diags: &mut Diagnostics,
) -> bool {
    let secrets = secrets(model);
    let needles = Needles::new(&secrets);
    let blobs: Vec<(&str, Blob)> = files
        .iter()
        .map(|f| (f.path.as_str(), Blob::Bytes(&f.bytes[..])))
        .chain(
            copies
                .iter()
                .map(|(p, from)| (p.as_str(), Blob::Disk(from.as_path()))),
        )
        .collect();
    let (hits, failed, _) = scan_files(&needles, &blobs);
    let names = scan_names(&needles, internal);
    let public = Path::new("output/public");
    for (file, e) in &failed {
        diags.error(&public.join(file), Pos::default(), says::unreadable(e));
    }
    if hits.is_empty() && names.is_empty() {
        return failed.is_empty();
    }
    // Rare: read the content again to say where each value came from.
    let content = load::load_with(site, None, &mut Diagnostics::new());
    let wanted = hits.iter().map(|h| h.secret).collect();
    let places = trace(site, &content, model, &needles, &wanted);
    let mut by_secret: BTreeMap<usize, Vec<&Hit>> = BTreeMap::new();
    for h in &hits {
        by_secret.entry(h.secret).or_default().push(h);
    }
    // Ids already reported for the public site are not reported again.
    let mut ids_named = BTreeSet::new();
    for (secret, mut hits) in by_secret {
        let s = &secrets[secret];
        match places.get(&secret) {
            Some(places) => {
                for p in places {
                    if p.field == Field::Id {
                        ids_named.insert((p.file.clone(), secret));
                    }
                    diags.error(&p.file, p.pos, says::in_field(&p.noun, &p.field, s));
                }
            }
            None => {
                hits.sort_by(|a, b| a.file.cmp(&b.file));
                let first = hits[0];
                let file = public.join(&first.file);
                let record = hits.iter().find_map(|h| record_of(&content, &h.file));
                diags.error(&file, first.pos, says::untraced(s, hits.len() - 1, record));
            }
        }
    }
    report_names(&content, &needles, &secrets, &names, &ids_named, diags);
    false
}

/// The content file of the record whose page (or a file in its page's
/// folder) is the public file `path`, if any. The page addresses come from
/// the view, which alone names them.
fn record_of<'a>(content: &'a Content, path: &str) -> Option<&'a Path> {
    content
        .sources
        .iter()
        .find(|s| {
            let url = match s.kind {
                Kind::Story => view::story_url(&s.id),
                Kind::Training => view::training_url(&s.id),
                Kind::Programme => view::programme_url(&s.id),
                Kind::Partner => view::partner_url(&s.id),
                _ => return false,
            };
            path.starts_with(view::pretty(&url))
        })
        .map(|s| s.path.as_path())
}

/// The secrets each internal path shows, by secret: the paths that show it.
fn scan_names(needles: &Needles, paths: &[&str]) -> BTreeMap<usize, Vec<String>> {
    let found: Vec<(usize, &str)> = paths
        .par_iter()
        .flat_map_iter(|p| {
            let secrets = needles.scan(p.as_bytes(), Read::Text).into_keys();
            secrets.map(move |s| (s, *p))
        })
        .collect();
    let mut by_secret: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (secret, path) in found {
        by_secret.entry(secret).or_default().push(path.to_string());
    }
    by_secret
}

/// Internal paths that show a value: named by the record whose id (file
/// name, drafts included) makes them, or else by the first such path.
fn report_names(
    content: &Content,
    needles: &Needles,
    secrets: &[Secret],
    names: &BTreeMap<usize, Vec<String>>,
    ids_named: &BTreeSet<(PathBuf, usize)>,
    diags: &mut Diagnostics,
) {
    let mut traced = BTreeSet::new();
    for src in content.sources.iter().filter(|s| s.kind != Kind::Roster) {
        for secret in needles.scan(src.id.as_bytes(), Read::Text).into_keys() {
            if !names.contains_key(&secret) {
                continue;
            }
            traced.insert(secret);
            if !ids_named.contains(&(src.path.clone(), secret)) {
                let noun = src.kind.noun();
                let message = says::internal_id(&noun, &secrets[secret]);
                diags.error(&src.path, Pos::default(), message);
            }
        }
    }
    let internal = Path::new("output/internal");
    for (secret, paths) in names {
        if !traced.contains(secret) {
            let s = &secrets[*secret];
            diags.error(
                &internal.join(&paths[0]),
                Pos::default(),
                says::internal_path(s),
            );
        }
    }
}

/// What `rapor audit` checked.
#[derive(Debug)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub values: usize,
    pub forms: usize,
}

/// At most this many files are named for one value by `rapor audit`.
const FILES_PER_VALUE: usize = 20;

/// `rapor audit`: scans an existing output folder (`dir`, default the site's
/// `output/public`) for the identity values of the site's content.
pub fn audit_dir(site: &Path, dir: Option<&Path>, diags: &mut Diagnostics) -> Option<Summary> {
    let content = load::load_with(site, None, diags);
    let model = model::build_with(&content, None, diags).ok()?;
    let (root, shown) = match dir {
        Some(d) => (d.to_path_buf(), d.to_path_buf()),
        None => (site.join("output/public"), PathBuf::from("output/public")),
    };
    if !root.is_dir() {
        diags.error(&shown, Pos::default(), says::no_folder(&shown));
        return None;
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().unwrap_or(&root).to_path_buf();
                let io = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder loop"));
                diags.error(&p, Pos::default(), says::unreadable(&io));
                continue;
            }
        };
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            paths.push((rel, entry.into_path()));
        }
    }
    let secrets = secrets(&model);
    let needles = Needles::new(&secrets);
    let blobs: Vec<(&str, Blob)> = paths
        .iter()
        .map(|(rel, abs)| (rel.as_str(), Blob::Disk(abs.as_path())))
        .collect();
    let (mut hits, failed, bytes) = scan_files(&needles, &blobs);
    for (file, e) in &failed {
        diags.error(&shown.join(file), Pos::default(), says::unreadable(e));
    }
    let wanted = hits.iter().map(|h| h.secret).collect();
    let places = if hits.is_empty() {
        BTreeMap::new()
    } else {
        trace(site, &content, &model, &needles, &wanted)
    };
    hits.sort_by(|a, b| (a.secret, &a.file).cmp(&(b.secret, &b.file)));
    let mut per_value: BTreeMap<usize, usize> = BTreeMap::new();
    for h in &hits {
        let n = per_value.entry(h.secret).or_default();
        *n += 1;
        if *n > FILES_PER_VALUE {
            continue;
        }
        let from: Vec<String> = places
            .get(&h.secret)
            .into_iter()
            .flatten()
            .map(|p| match p.pos.line {
                0 => p.file.display().to_string(),
                l => format!("{}:{l}:{}", p.file.display(), p.pos.col),
            })
            .collect();
        let s = &secrets[h.secret];
        diags.error(
            &shown.join(&h.file),
            h.pos,
            says::in_output(s, h.in_name, &from),
        );
    }
    for (secret, n) in per_value {
        if n > FILES_PER_VALUE {
            let s = &secrets[secret];
            diags.error(
                &shown,
                Pos::default(),
                says::more_files(s, n - FILES_PER_VALUE),
            );
        }
    }
    if diags.has_errors() {
        return None;
    }
    Some(Summary {
        files: paths.len(),
        bytes,
        values: secrets.len(),
        forms: needles.patterns(),
    })
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

    /// The audit stage at scale, on a built site named by
    /// `RAPOR_AUDIT_BENCH` (e.g. the 10,000 stories of `examples/make_site`):
    /// `cargo test --release --lib audit::tests::bench -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_the_audit_of_a_built_site() {
        let Some(site) = std::env::var_os("RAPOR_AUDIT_BENCH") else {
            return;
        };
        let site = Path::new(&site);
        let mut diags = Diagnostics::new();
        let content = load::load_with(site, None, &mut diags);
        let model = model::build_with(&content, None, &mut diags).expect("the site builds");
        let root = site.join("output/public");
        let files: Vec<File> = walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| File {
                path: e
                    .path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                bytes: std::sync::Arc::new(std::fs::read(e.path()).unwrap()),
            })
            .collect();
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        // CPU time too (of the whole process, in ms): on a shared machine it
        // moves less than the wall clock.
        let cpu = || -> f64 {
            let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
            let f: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split(' ').collect();
            let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            (ticks(12) + ticks(13)) * 10.0
        };
        let (mut wall, mut cpus) = (Vec::new(), Vec::new());
        for _ in 0..7 {
            let (started, cpu0) = (std::time::Instant::now(), cpu());
            let clean = check_build(site, &model, &files, &[], &[], &mut Diagnostics::new());
            wall.push(started.elapsed().as_secs_f64() * 1000.0);
            cpus.push(cpu() - cpu0);
            assert!(clean);
        }
        wall.sort_by(f64::total_cmp);
        cpus.sort_by(f64::total_cmp);
        eprintln!(
            "audit of {} files ({} MB): median {:.1} ms wall, {:.0} ms CPU; wall {wall:.1?}",
            files.len(),
            bytes / 1_000_000,
            wall[wall.len() / 2],
            cpus[cpus.len() / 2],
        );
    }
}
