//! The photo cache: `<site>/.rapor-cache/photos/`, or the folder a portal
//! gives a facility's photos in its own.
//!
//! Renditions are stored under a key made from the photo's bytes and the
//! settings (`<key>-<width>.jpg`, `<key>-<width>.webp`, `<key>-card.jpg`). `index.json` remembers,
//! per photo path, the file's size and modification time and its key, so an
//! unchanged photo is found without reading it. Entries no photo uses any
//! more are deleted after each build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::codec::Encoded;
use super::{Mode, Processed, Rendition, Request, card_size, rendition_sizes};
use crate::files::write_atomic;

/// The cache folder inside a site (git-ignored).
pub const CACHE_DIR: &str = ".rapor-cache";

/// What the cache knows about one photo file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub size: u64,
    pub mtime_ns: u64,
    pub key: String,
    /// Upright size of the source.
    pub width: u32,
    pub height: u32,
    pub ext: String,
    /// Whether the renditions have WebP files too.
    #[serde(default)]
    pub webp: bool,
}

/// Size and modification time of a photo file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    pub mtime_ns: u64,
}

pub enum Lookup {
    /// Unchanged since it was processed, and every file is in the cache.
    Hit(Entry),
    /// Must be read (and decoded unless its bytes are known under another name).
    Miss(Stat),
}

impl Lookup {
    pub fn needs_decoding(&self) -> bool {
        matches!(self, Lookup::Miss(_))
    }
}

pub struct Cache {
    dir: PathBuf,
    old: BTreeMap<String, Entry>,
    by_key: BTreeMap<String, Entry>,
    new: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize, Default)]
struct Index {
    /// The settings the entries were made with: entries of other settings
    /// are not reused, even for unchanged files (their keys are stale).
    #[serde(default)]
    settings: String,
    photos: BTreeMap<String, Entry>,
}

impl Cache {
    /// Opens the cache in the folder `dir` (a site's is
    /// `<site>/.rapor-cache/photos`); a missing or unreadable index is an
    /// empty cache.
    pub fn open(dir: &Path) -> Cache {
        let dir = dir.to_path_buf();
        let old = std::fs::read(dir.join("index.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<Index>(&b).ok())
            .filter(|i| i.settings == super::SETTINGS_ID)
            .unwrap_or_default()
            .photos;
        let by_key = old.values().map(|e| (e.key.clone(), e.clone())).collect();
        Cache {
            dir,
            old,
            by_key,
            new: BTreeMap::new(),
        }
    }

    pub fn lookup(&self, content: &Path, request: &Request) -> Lookup {
        let stat = stat(&content.join(&request.path)).unwrap_or_default();
        match self.old.get(&request.path) {
            Some(e)
                if e.size == stat.size
                    && e.mtime_ns == stat.mtime_ns
                    && self.has_files(e, request.card) =>
            {
                Lookup::Hit(e.clone())
            }
            _ => Lookup::Miss(stat),
        }
    }

    /// An entry for bytes already processed under another path or date.
    pub fn complete_entry(&self, key: &str, stat: Stat, card: bool) -> Option<Entry> {
        let known = self.by_key.get(key)?;
        if !self.has_files(known, card) {
            return None;
        }
        Some(Entry {
            size: stat.size,
            mtime_ns: stat.mtime_ns,
            ..known.clone()
        })
    }

    fn has_files(&self, e: &Entry, card: bool) -> bool {
        let mut names = file_names(e);
        if !card {
            names.retain(|(n, _)| !n.ends_with("-card.jpg"));
        }
        names.iter().all(|(n, _)| self.dir.join(n).is_file())
    }

    /// Writes an encoded photo's files; each is written aside and renamed, so
    /// a cache file is never seen half-written.
    pub fn store(&self, e: &Entry, encoded: &Encoded) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        for (width, bytes) in &encoded.renditions {
            write_atomic(
                &self.dir.join(format!("{}-{width}.{}", e.key, e.ext)),
                bytes,
            )?;
        }
        for (width, bytes) in &encoded.webp {
            write_atomic(&self.dir.join(format!("{}-{width}.webp", e.key)), bytes)?;
        }
        if let Some(card) = &encoded.card {
            write_atomic(&self.dir.join(format!("{}-card.jpg", e.key)), card)?;
        }
        Ok(())
    }

    /// What the rest of rapor needs to know about a cached photo.
    pub fn processed(&self, e: &Entry, card: bool, mode: Mode) -> Processed {
        let sizes = rendition_sizes(e.width, e.height);
        let of = |ext: &str| -> Vec<Rendition> {
            sizes
                .iter()
                .map(|&(w, h)| Rendition {
                    file: format!("media/{}-{w}.{ext}", e.key),
                    width: w,
                    height: h,
                })
                .collect()
        };
        let renditions = of(&e.ext);
        let webp = if e.webp { of("webp") } else { Vec::new() };
        let card = card.then(|| {
            let (w, h) = card_size(e.width, e.height);
            Rendition {
                file: format!("media/{}-card.jpg", e.key),
                width: w,
                height: h,
            }
        });
        let files = match mode {
            Mode::Check => BTreeMap::new(),
            Mode::Build => renditions
                .iter()
                .chain(&webp)
                .chain(&card)
                .map(|r| {
                    let name = r.file.trim_start_matches("media/");
                    (r.file.clone(), self.dir.join(name))
                })
                .collect(),
        };
        Processed {
            renditions,
            webp,
            card,
            files,
        }
    }

    pub fn remember(&mut self, path: &str, e: Entry) {
        self.new.insert(path.to_string(), e);
    }

    /// Saves the index of this build's photos and deletes every cache file
    /// that none of them uses.
    pub fn save_and_prune(&self) -> std::io::Result<()> {
        if self.new == self.old && !self.new.is_empty() {
            return Ok(()); // nothing changed since the last build
        }
        std::fs::create_dir_all(&self.dir)?;
        let index = Index {
            settings: super::SETTINGS_ID.to_string(),
            photos: self.new.clone(),
        };
        let json = serde_json::to_vec_pretty(&index).map_err(std::io::Error::other)?;
        write_atomic(&self.dir.join("index.json"), &json)?;
        let keep: BTreeSet<&str> = self.new.values().map(|e| e.key.as_str()).collect();
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == "index.json" {
                continue;
            }
            let key = name.split(['-', '.']).next().unwrap_or_default();
            if !keep.contains(key) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

/// The cache files of an entry: (file name, width).
fn file_names(e: &Entry) -> Vec<(String, u32)> {
    let mut names: Vec<(String, u32)> = rendition_sizes(e.width, e.height)
        .into_iter()
        .flat_map(|(w, _)| {
            let webp = e.webp.then(|| (format!("{}-{w}.webp", e.key), w));
            std::iter::once((format!("{}-{w}.{}", e.key, e.ext), w)).chain(webp)
        })
        .collect();
    names.push((format!("{}-card.jpg", e.key), 0));
    names
}

fn stat(path: &Path) -> Option<Stat> {
    let m = std::fs::metadata(path).ok()?;
    let mtime = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(Stat {
        size: m.len(),
        mtime_ns: u64::try_from(mtime.as_nanos()).unwrap_or(u64::MAX),
    })
}
