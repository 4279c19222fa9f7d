//! `rapor new` and `rapor init`: records and sites written for the people who
//! keep them. Every field of the contract is present, each with a comment in
//! the site's language, so that a records officer fills in blanks instead of
//! remembering key names.
//!
//! New trainings, stories and programmes start as drafts, so that nothing
//! reaches the public site before someone has filled them in and removed
//! `draft: true`.
//!
//! One file per job: `lines` lays out commented YAML, `records` writes each
//! kind of record, `init` a whole new site; this file finds where a new
//! record goes and refuses what would break the site.

mod init;
mod lines;
mod records;

use std::path::{Path, PathBuf};

use crate::model::Date;
use crate::msg::{Message, msg};
use crate::text;
use crate::vocab::Lang;

pub use init::init;
use records::{outcome, partner, programme, roster, story};

/// The record kinds `rapor new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Training,
    Partner,
    Outcome,
    Story,
    Programme,
    Roster,
}

/// What `rapor new` needs besides the kind and id.
pub struct NewOptions<'a> {
    pub training: Option<&'a str>,
    pub lang: Option<Lang>,
    pub today: Date,
}

/// Where a record of `kind` named `id` lives, and the other form it may take
/// (a bundle folder), which must not exist either.
fn paths(site: &Path, kind: Kind, id: &str) -> (PathBuf, Option<PathBuf>) {
    let c = site.join("content");
    let md = |dir: &str| {
        (
            c.join(dir).join(format!("{id}.md")),
            Some(c.join(dir).join(id).join("index.md")),
        )
    };
    match kind {
        Kind::Training => md("trainings"),
        Kind::Story => md("stories"),
        Kind::Programme => md("programmes"),
        Kind::Partner => (c.join("partners").join(format!("{id}.yaml")), None),
        Kind::Outcome => (c.join("outcomes").join(format!("{id}.yaml")), None),
        Kind::Roster => (c.join("internal/rosters").join(format!("{id}.yaml")), None),
    }
}

/// What `content/site.yaml` tells `new`: the language and the first skill.
/// Read leniently: `rapor check` is where a broken site.yaml is reported.
fn site_settings(site: &Path) -> (Lang, Option<String>) {
    let text = std::fs::read_to_string(site.join("content/site.yaml")).unwrap_or_default();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_default();
    let lang = crate::load::site_language(site).unwrap_or(Lang::Id);
    let skill = yaml
        .get("skills")
        .and_then(|s| s.as_mapping())
        .and_then(|m| m.keys().next())
        .and_then(|k| k.as_str())
        .map(str::to_string);
    (lang, skill)
}

/// A training's front matter, if the training exists.
fn training_front_matter(site: &Path, id: &str) -> Option<serde_yaml::Value> {
    let (file, bundle) = paths(site, Kind::Training, id);
    let text = std::fs::read_to_string(&file)
        .ok()
        .or_else(|| std::fs::read_to_string(bundle?).ok())?;
    let front = crate::parse::split_front_matter(&text).ok()?;
    serde_yaml::from_str(front.yaml).ok()
}

fn trainings_on_disk(site: &Path) -> Vec<String> {
    let dir = site.join("content/trainings");
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() {
                e.path().join("index.md").is_file().then_some(name)
            } else {
                name.strip_suffix(".md").map(str::to_string)
            }
        })
        .collect();
    ids.sort();
    ids
}

/// The text `rapor new` writes for a record of `kind` named `id`, with its
/// comments in `lang`: `skill` is the site's first, `training` the training
/// of an outcome or roster, `headcount` its declared participants.
pub fn text(
    kind: Kind,
    id: &str,
    skill: &str,
    training: Option<&str>,
    headcount: u32,
    today: Date,
    lang: Lang,
) -> String {
    match kind {
        Kind::Training => records::training(id, skill, today, lang),
        Kind::Partner => partner(id, today, lang),
        Kind::Outcome => outcome(training, today, lang),
        Kind::Story => story(id, today, lang),
        Kind::Programme => programme(id, today, lang),
        Kind::Roster => roster(training.unwrap_or(id), headcount, lang),
    }
}

/// A record of a load kind as `rapor new` (or, for site.yaml, `rapor init`)
/// writes it: the editor reads its comments as the help of each field.
pub fn sample(kind: crate::load::Kind, lang: Lang) -> String {
    use crate::load::Kind as K;
    let today = Date::constant(2026, 1, 1);
    let kind = match kind {
        K::Site => return init::site_yaml(lang),
        K::Partner => Kind::Partner,
        K::Programme => Kind::Programme,
        K::Training => Kind::Training,
        K::Outcome => Kind::Outcome,
        K::Story => Kind::Story,
        K::Roster => Kind::Roster,
    };
    text(
        kind,
        "contoh",
        "keterampilan",
        Some("contoh"),
        0,
        today,
        lang,
    )
}

/// Writes a new record; returns its path, or a message in plain words.
pub fn new_record(
    site: &Path,
    kind: Kind,
    id: &str,
    opts: &NewOptions,
) -> Result<PathBuf, Message> {
    let (site_lang, skill) = site_settings(site);
    // The comments follow --lang or the site; messages follow the CLI's language.
    let lang = opts.lang.unwrap_or(site_lang);
    if !site.join("content/site.yaml").is_file() {
        return Err(msg!("new_not_site", site = site.display()));
    }
    if !text::is_valid_id(id) {
        return Err(msg!("new_bad_id", id = id));
    }
    let (path, other) = paths(site, kind, id);
    if let Some(existing) = [Some(path.clone()), other]
        .into_iter()
        .flatten()
        .find(|p| p.exists())
    {
        return Err(msg!("new_exists", path = existing.display()));
    }
    // Outcomes and rosters belong to a training that must exist.
    let of_training = match kind {
        Kind::Roster => Some(opts.training.unwrap_or(id)),
        Kind::Outcome => opts
            .training
            .or_else(|| training_front_matter(site, id).map(|_| id)),
        _ => None,
    };
    if kind == Kind::Roster && of_training != Some(id) {
        let t = of_training.unwrap_or(id);
        return Err(msg!("new_roster_name", training = t));
    }
    let mut headcount = 0;
    if let Some(t) = of_training {
        let Some(front) = training_front_matter(site, t) else {
            let known = trainings_on_disk(site);
            let hint = text::closest(t, known.iter().map(String::as_str))
                .map(|c| msg!("new_hint", best = c));
            return Err(msg!("new_no_training", training = t, hint = hint));
        };
        headcount = front
            .get("participants")
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as u32;
    }
    let skill = skill.as_deref().unwrap_or("keterampilan");
    let text = text(kind, id, skill, of_training, headcount, opts.today, lang);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(path.parent().unwrap_or(site))?;
        // create_new: never overwrite, even if the file appeared meanwhile.
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        f.write_all(text.as_bytes())
    };
    write().map_err(|e| msg!("io_write", path = path.display(), error = e))?;
    Ok(path)
}
