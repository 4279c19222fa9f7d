//! Photos: plan -> process in parallel -> cache.
//!
//! Every image the content names is decoded once, resized to a set of widths
//! (never upscaled), turned upright, converted to sRGB and encoded again. That
//! drops every byte of metadata (EXIF with GPS, XMP, IPTC, comments), and an
//! original file is never published. Output names come from a hash of the
//! photo's bytes, so a file name typed by staff never reaches the output.
//!
//! Results live in `<site>/.rapor-cache/photos/` (a portal keeps each
//! facility's in its own folder instead): a photo whose file has not
//! changed is not decoded again, and entries no photo uses are pruned.

mod cache;
mod card;
mod codec;
mod jpeg;
mod srgb;
mod webp;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostics, Pos};
use crate::model::NamedAt;
use crate::msg::{Message, msg};

pub use cache::CACHE_DIR;
pub use card::card_for;
pub use codec::{preview_bytes, process_bytes};

/// Widths of the published renditions, in pixels. A photo narrower than a
/// width gets its own width instead; nothing is upscaled. 600 and 800 fit a
/// full-width photo on a 390 px phone at 1.5x and 2x (358 px of content, so
/// 537 and 716 pixels), which 480 and 960 would miss by far; 1600 is what
/// the lightbox opens.
pub const WIDTHS: [u32; 5] = [480, 600, 800, 960, 1600];
/// The social-card crop of story covers (stage 4's `og:image`).
pub const CARD: (u32, u32) = (1200, 630);
/// JPEG quality of published photos.
pub const JPEG_QUALITY: u8 = 82;
/// Changes whenever the output for the same input would change, so that old
/// cache entries are not reused. v3: JPEGs are checked to be complete, so a
/// truncated photo that an older rapor cached is decoded (and refused) again.
/// v4: the 600 and 800 px renditions. v5: WebP beside them.
const SETTINGS_ID: &str =
    "rapor-photos-v5;w=480,600,800,960,1600;card=1200x630;q=82;webp=q80m4;lanczos3;srgb";

/// One published file of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// Output path relative to a site root, e.g. `media/3f2a9c-960.jpg`.
    pub file: String,
    pub width: u32,
    pub height: u32,
}

/// A processed photo: its renditions, narrowest first, and where their bytes are.
#[derive(Debug, Clone)]
pub struct Processed {
    pub renditions: Vec<Rendition>,
    /// The same renditions as WebP (each smaller than its JPEG), or empty.
    pub webp: Vec<Rendition>,
    pub card: Option<Rendition>,
    /// Output path -> file in the cache holding its bytes (empty for `check`).
    pub files: BTreeMap<String, PathBuf>,
}

/// Processed photos by their path relative to `content/`.
pub type PhotoMap = BTreeMap<String, Processed>;

/// How much work a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Photos decoded (and, when building, resized and encoded).
    pub decoded: usize,
    /// Photos found unchanged in the cache.
    pub cached: usize,
}

/// One photo the site needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Path relative to `content/`.
    pub path: String,
    /// Whether a social-card crop is needed (story covers).
    pub card: bool,
    /// Where a record names it for publication (`public: true`), if any.
    pub public: Option<NamedAt>,
    /// Where a record names it without consent, if any.
    pub private: Option<NamedAt>,
}

/// Whether processing may write (build) or must only validate (check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Build,
    Check,
}

/// Processes every requested photo: cached ones are looked up, the rest are
/// decoded in parallel. In `Check` mode nothing is written anywhere; photos
/// not in the cache are still decoded, so damaged files are reported. The
/// cache is the site's own, `<site>/.rapor-cache/photos/`.
pub fn process(
    site: &Path,
    requests: &[Request],
    mode: Mode,
    diags: &mut Diagnostics,
) -> (PhotoMap, Work) {
    let cache = site.join(CACHE_DIR).join("photos");
    let (photos, work, saved) = process_in(site, &cache, requests, mode, diags);
    if let Err(e) = saved {
        // The cache only saves time; a failure to save it costs a slower
        // next build, not this one.
        diags.warning(
            Path::new(CACHE_DIR),
            Pos::default(),
            msg!("photo_cache_update", error = e),
        );
    }
    (photos, work)
}

/// [`process`] with the photo cache in the folder `cache_dir` (which need not
/// be in the site: a portal keeps its facilities' photos in its own folder
/// and writes nothing into theirs), and the failure to save its index
/// returned for the caller to name.
pub fn process_in(
    site: &Path,
    cache_dir: &Path,
    requests: &[Request],
    mode: Mode,
    diags: &mut Diagnostics,
) -> (PhotoMap, Work, std::io::Result<()>) {
    let content = site.join("content");
    let mut cache = cache::Cache::open(cache_dir);
    let planned: Vec<(&Request, cache::Lookup)> = requests
        .iter()
        .map(|r| (r, cache.lookup(&content, r)))
        .collect();
    let misses = planned.iter().filter(|(_, l)| l.needs_decoding()).count();
    let bar = progress_bar(misses);

    let results: Vec<(&Request, Outcome)> = planned
        .into_par_iter()
        .map(|(request, lookup)| {
            let result = match lookup {
                cache::Lookup::Hit(entry) => Ok((entry, false)),
                cache::Lookup::Miss(stat) => {
                    let r = decode_and_store(&content, request, stat, &cache, mode);
                    bar.inc(1);
                    r
                }
            };
            (request, result)
        })
        .collect();
    bar.finish_and_clear();

    let mut out = PhotoMap::new();
    let mut work = Work::default();
    let mut keys: Vec<(&Request, String, u64)> = Vec::new();
    for (request, result) in results {
        match result {
            Ok((entry, decoded)) => {
                keys.push((request, entry.key.clone(), entry.size));
                if decoded {
                    work.decoded += 1;
                } else {
                    work.cached += 1;
                }
                let processed = cache.processed(&entry, request.card, mode);
                cache.remember(&request.path, entry);
                out.insert(request.path.clone(), processed);
            }
            Err(message) => {
                diags.error(
                    &PathBuf::from("content").join(&request.path),
                    Pos::default(),
                    message,
                );
            }
        }
    }
    check_consent(&content, &keys, diags);
    let saved = match mode {
        Mode::Build if !diags.has_errors() => cache.save_and_prune(),
        _ => Ok(()),
    };
    (out, work, saved)
}

/// What the model cannot see, checked on the files themselves: a photo
/// named for publication must not be a link to a file outside `content/` or
/// in `content/internal/`, and must not be the very same picture (same
/// bytes, under another name) as a photo named without consent or as an
/// image kept in `content/internal/`. Each problem is an error at the
/// public use. `keys` are (request, cache key, file size) of the photos
/// that could be read.
fn check_consent(content: &Path, keys: &[(&Request, String, u64)], diags: &mut Diagnostics) {
    let public: Vec<(&NamedAt, &Request, &str, u64)> = keys
        .iter()
        .filter_map(|(r, key, size)| Some((r.public.as_ref()?, *r, key.as_str(), *size)))
        .collect();
    if public.is_empty() {
        return;
    }
    let real_content = std::fs::canonicalize(content).ok();
    for (at, request, _, _) in &public {
        let real = std::fs::canonicalize(content.join(&request.path)).ok();
        let inside = match (&real_content, &real) {
            (Some(root), Some(real)) => real
                .strip_prefix(root)
                .ok()
                .is_some_and(|rel| !under_internal(rel)),
            _ => true, // unreadable files were reported already
        };
        if !inside {
            diags.error(&at.file, at.pos, msg!("photo_outside_content"));
        }
    }
    // The same bytes named without consent elsewhere.
    let mut private: BTreeMap<&str, (&Request, &NamedAt)> = BTreeMap::new();
    for (r, key, _) in keys {
        if let Some(at) = &r.private {
            private.entry(key.as_str()).or_insert((r, at));
        }
    }
    for (at, request, key, _) in &public {
        if let Some((other, other_at)) = private.get(key)
            && other.path != request.path
        {
            let other_text = msg!("photo_same_named_private", place = other_at);
            same_picture(diags, at, &request.path, &other.path, &other_text);
        }
    }
    // The same bytes kept in `content/internal/`: only files of the size of
    // a public photo are read, so this costs a directory walk.
    let sizes: std::collections::BTreeSet<u64> = public.iter().map(|p| p.3).collect();
    let internal = content.join("internal");
    let candidates = walkdir::WalkDir::new(&internal)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.metadata().is_ok_and(|m| sizes.contains(&m.len())));
    for entry in candidates {
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let key = key_of(&bytes);
        let rel = entry.path().strip_prefix(content).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        for (at, request, _, _) in public.iter().filter(|p| p.2 == key) {
            let other_text = msg!("photo_same_internal");
            same_picture(diags, at, &request.path, &rel, &other_text);
        }
    }
}

fn same_picture(diags: &mut Diagnostics, at: &NamedAt, path: &str, other: &str, how: &Message) {
    diags.error(
        &at.file,
        at.pos,
        msg!(
            "photo_same_picture_private",
            field = at.field,
            path = path,
            other_path = other,
            other = how
        ),
    );
}

/// Whether a path relative to `content/` starts with `internal` (in any case:
/// on Windows and macOS `Internal` is the same folder).
fn under_internal(rel: &Path) -> bool {
    rel.components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .is_some_and(|c| c.eq_ignore_ascii_case("internal"))
}

/// A photo's cache entry and whether it was decoded this run, or why it failed.
type Outcome = Result<(cache::Entry, bool), Message>;

fn decode_and_store(
    content: &Path,
    request: &Request,
    stat: cache::Stat,
    cache: &cache::Cache,
    mode: Mode,
) -> Outcome {
    let bytes = std::fs::read(content.join(&request.path))
        .map_err(|e| msg!("photo_unreadable", error = e))?;
    let key = key_of(&bytes);
    if let Some(entry) = cache.complete_entry(&key, stat, request.card) {
        return Ok((entry, false)); // the same picture under another name or date
    }
    let encoded = codec::process_bytes(&bytes, request.card, mode == Mode::Build)?;
    let entry = cache::Entry {
        size: stat.size,
        mtime_ns: stat.mtime_ns,
        key,
        width: encoded.source_width,
        height: encoded.source_height,
        ext: encoded.ext.to_string(),
        webp: !encoded.webp.is_empty(),
    };
    if mode == Mode::Build {
        cache
            .store(&entry, &encoded)
            .map_err(|e| msg!("photo_cache_write", error = e))?;
    }
    Ok((entry, true))
}

/// The cache key of a photo: its bytes and the settings that shaped its output.
fn key_of(bytes: &[u8]) -> String {
    let mut h = blake3::Hasher::new();
    h.update(SETTINGS_ID.as_bytes());
    h.update(bytes);
    h.finalize().to_hex()[..20].to_string()
}

/// The widths a photo of `width`×`height` (upright) is published at, with heights.
pub fn rendition_sizes(width: u32, height: u32) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = WIDTHS
        .iter()
        .map(|&w| w.min(width))
        .map(|w| (w, scaled(height, w, width)))
        .collect();
    out.dedup();
    out
}

/// The card's size: 1200×630, or the largest crop of that shape that needs
/// no upscaling.
pub fn card_size(width: u32, height: u32) -> (u32, u32) {
    let (cw, ch) = CARD;
    let scale = (f64::from(width) / f64::from(cw))
        .min(f64::from(height) / f64::from(ch))
        .min(1.0);
    let w = ((f64::from(cw) * scale).round() as u32).max(1);
    let h = ((f64::from(ch) * scale).round() as u32).max(1);
    (w, h)
}

fn scaled(height: u32, new_width: u32, width: u32) -> u32 {
    let h =
        (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width.max(1));
    (h as u32).max(1)
}

/// A progress bar on stderr, only for a person at a terminal and real work.
fn progress_bar(work: usize) -> indicatif::ProgressBar {
    if work < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let style =
        indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
    indicatif::ProgressBar::new(work as u64)
        .with_style(style)
        .with_prefix(msg!("progress_photos").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renditions_never_upscale() {
        assert_eq!(
            rendition_sizes(4000, 3000),
            vec![(480, 360), (600, 450), (800, 600), (960, 720), (1600, 1200)]
        );
        assert_eq!(
            rendition_sizes(800, 600),
            vec![(480, 360), (600, 450), (800, 600)]
        );
        assert_eq!(
            rendition_sizes(700, 500),
            vec![(480, 343), (600, 429), (700, 500)]
        );
        assert_eq!(rendition_sizes(300, 200), vec![(300, 200)]);
        assert_eq!(
            rendition_sizes(3000, 4000),
            vec![
                (480, 640),
                (600, 800),
                (800, 1067),
                (960, 1280),
                (1600, 2133)
            ]
        );
    }

    #[test]
    fn cards_are_1200_by_630_or_a_smaller_crop_of_that_shape() {
        assert_eq!(card_size(4000, 3000), (1200, 630));
        assert_eq!(card_size(600, 800), (600, 315));
        assert_eq!(card_size(1000, 300), (571, 300));
    }

    #[test]
    fn keys_depend_on_bytes() {
        assert_eq!(key_of(b"a"), key_of(b"a"));
        assert_ne!(key_of(b"a"), key_of(b"b"));
        assert_eq!(key_of(b"a").len(), 20);
    }
}
