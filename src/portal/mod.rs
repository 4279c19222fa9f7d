//! `rapor portal build`: a national portal over many facility sites.
//!
//! `DIR/portal.yaml` ([`config`]) names the portal and lists its facilities.
//! Each facility is read with the same loader and checks as `rapor build`
//! ([`facility`]); its own figures come from `stats::compute`, the code of
//! its `stats.json`, and the portal only sums them ([`figures`]). Pages are
//! built from each facility's public model alone ([`view`]) and rendered
//! with the theme's layout ([`render`]), with the public photos each
//! facility's own photo stage made (cached in the portal's folder: a
//! facility's is only read); each file is searched for the
//! identity values of every facility as it is written into the build
//! folder, and the pair replaces the previous one only when none was
//! found, through the same build folder and swap as a site's ([`write`]). When
//! `portal.yaml` asks for it, an internal portal ([`internal`]) goes to
//! `output/internal`, sealed under the passphrase as a facility's is.

mod config;
mod facility;
mod figures;
mod internal;
mod items;
mod map;
mod partners;
mod render;
mod search;
mod view;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diag::{Diagnostics, Pos};
use crate::msg::{Message, msg};
use crate::output;
use crate::text::slugify;
use crate::vocab::Lang;
use crate::{audit, theme};

use self::config::FILE;
pub use self::config::language;
use self::facility::Loaded;
use self::render::{Audience, Failed};
use self::write::{Out, Plan};

/// What a portal build did.
#[derive(Debug, Default)]
pub struct Summary {
    pub facilities: usize,
    pub regions: usize,
    pub files: usize,
    /// Files of `output/internal`, when it was written, and whether sealed.
    pub internal: Option<(usize, bool)>,
    /// Facilities left out (`skip_failed: true`) for problems in their content.
    pub left_out: Vec<String>,
    pub seconds: f64,
}

/// Every problem found, and the summary when the portal was built.
pub struct Run {
    pub diags: Diagnostics,
    pub summary: Option<Summary>,
}

/// What `rapor portal` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Action {
    /// Build `output/public` of the portal in `--site DIR` (its portal.yaml's folder).
    Build,
}

/// `rapor portal ACTION --site DIR`: every problem on stderr, the summary on
/// stdout; returns the exit code (1 when nothing was written).
pub fn cli(dir: &Path, action: Action) -> u8 {
    let run = match action {
        Action::Build => build(dir),
    };
    for d in run.diags.sorted() {
        eprintln!("{d}");
    }
    match run.lines(dir) {
        Ok(lines) => {
            for l in lines {
                println!("{l}");
            }
            0
        }
        Err(e) => {
            eprintln!("rapor portal build: {e}");
            1
        }
    }
}

impl Run {
    /// What the command line prints: the summary's lines, or why nothing
    /// was written.
    pub fn lines(&self, dir: &Path) -> Result<Vec<String>, Message> {
        let Some(s) = &self.summary else {
            let n = self.diags.error_count();
            let problems = match n {
                1 => msg!("problems_one", n = n),
                _ => msg!("problems_many", n = n),
            };
            return Err(msg!("portal_failed", problems = problems));
        };
        let mut seconds = format!("{:.2}", s.seconds);
        if crate::msg::lang() == Lang::Id {
            seconds = seconds.replace('.', ",");
        }
        let mut lines = vec![
            msg!(
                "portal_done",
                facilities = s.facilities,
                regions = s.regions,
                files = s.files,
                seconds = seconds,
                output = dir.join("output/public").display()
            )
            .to_string(),
        ];
        if let Some((files, sealed)) = s.internal {
            let output = dir.join("output/internal");
            let output = output.display();
            lines.push(
                match sealed {
                    true => msg!(
                        "portal_done_internal_sealed",
                        files = files,
                        output = output
                    ),
                    false => msg!("portal_done_internal_plain", files = files, output = output),
                }
                .to_string(),
            );
        }
        if !s.left_out.is_empty() {
            let ids = s.left_out.join(", ");
            let n = s.left_out.len();
            lines.push(msg!("portal_done_left_out", n = n, ids = ids).to_string());
        }
        Ok(lines)
    }
}

/// Builds the portal in `dir` into `dir/output/public`.
pub fn build(dir: &Path) -> Run {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let summary = run(dir, &mut diags).map(|mut s| {
        s.seconds = started.elapsed().as_secs_f64();
        s
    });
    Run { diags, summary }
}

fn run(dir: &Path, diags: &mut Diagnostics) -> Option<Summary> {
    let mut guard = match output::Guard::take(dir) {
        Ok(g) => g,
        Err(e) => {
            diags.error(Path::new("output"), Pos::default(), e);
            return None;
        }
    };
    let portal = config::read(dir, diags)?;
    let mut loaded: Vec<Loaded> = Vec::new();
    let mut left_out = Vec::new();
    let mut failed = false;
    for result in facility::load_all(dir, &portal, diags) {
        match result {
            Ok(f) => loaded.push(f),
            Err(entry) => {
                let (id, path) = (&entry.id, entry.path.display());
                if portal.skip_failed {
                    diags.warning(
                        Path::new(FILE),
                        entry.pos,
                        msg!("portal_left_out", id = id, path = path),
                    );
                    left_out.push(entry.id.clone());
                } else {
                    diags.error(
                        Path::new(FILE),
                        entry.pos,
                        msg!("portal_facility_failed", id = id, path = path),
                    );
                    failed = true;
                }
            }
        }
    }
    if failed {
        return None;
    }
    if loaded.is_empty() {
        diags.error(Path::new(FILE), Pos::default(), msg!("portal_none_left"));
        return None;
    }
    if !distinct_slugs(&loaded, diags) {
        return None;
    }
    let Some(stats) = figures::compute(&loaded, left_out.clone()) else {
        diags.error(Path::new(FILE), Pos::default(), msg!("portal_overflow"));
        return None;
    };
    let mut theme_diags = Diagnostics::new();
    let theme = theme::load(dir, "default", &mut theme_diags);
    let theme_failed = theme_diags.has_errors();
    diags.extend(theme_diags);
    if theme_failed {
        return None;
    }
    let pages = view::build(&portal, &loaded, &stats);
    let copies = media(&loaded, &pages.media);
    // The internal portal's passphrase is judged before anything is made;
    // a refused one stops the portal.
    let plan = write::plan(dir, &portal, &theme, diags)?;
    let models: Vec<(&Path, &crate::model::Model)> = loaded
        .iter()
        .map(|f| (f.entry.path.as_path(), &f.model))
        .collect();
    // The last gate, on the way out: no facility's identity values in any
    // public file.
    let gate = audit::PortalGate::new(&models);
    let out = match Out::new(&mut guard, &theme, &plan, gate) {
        Ok(out) => out,
        Err(e) => {
            diags.error(Path::new("output"), Pos::default(), e);
            return None;
        }
    };
    let failed = |f: Failed, diags: &mut Diagnostics| match f {
        Failed::Render(messages) => {
            for m in messages {
                diags.error(Path::new("themes"), Pos::default(), m);
            }
        }
        Failed::Put(e) => {
            diags.error(Path::new("output"), Pos::default(), e);
        }
    };
    let public = render::render(&portal, &theme, &pages, &stats, Audience::Public, &|f| {
        out.public_file(f)
    });
    let public = match public {
        Ok(paths) => paths,
        Err(f) => {
            failed(f, diags);
            return None;
        }
    };
    let mut internal_paths = Vec::new();
    if out.internal() {
        // Its pages from each facility's internal view too.
        let extras = internal::build(&loaded);
        let audience = Audience::Internal(&extras);
        match render::render(&portal, &theme, &pages, &stats, audience, &|f| {
            out.internal_file(f)
        }) {
            Ok(paths) => internal_paths = paths,
            Err(f) => {
                failed(f, diags);
                return None;
            }
        }
    }
    if let Err(e) = out.photos(&copies) {
        diags.error(Path::new("output"), Pos::default(), e);
        return None;
    }
    match out.finish(dir, diags) {
        Ok(true) => {}
        Ok(false) => return None,
        Err(e) => {
            diags.error(Path::new("output"), Pos::default(), e);
            return None;
        }
    }
    let written = match plan {
        Plan::Sealed(..) => internal_paths.len() + copies.len() + 1,
        _ => internal_paths.len() + copies.len(),
    };
    let n_files = public.len() + copies.len();
    Some(Summary {
        facilities: loaded.len(),
        regions: stats.by_region.len(),
        files: n_files,
        internal: match plan {
            Plan::None => None,
            Plan::Plain => Some((written, false)),
            Plan::Sealed(..) => Some((written, true)),
        },
        left_out,
        seconds: 0.0,
    })
}

/// The photo files the pages show, each with its file in the portal's
/// photo cache of the facility that has it (the same name is the same
/// picture).
fn media(loaded: &[Loaded], shown: &std::collections::BTreeSet<String>) -> Vec<(String, PathBuf)> {
    let mut out: BTreeMap<&str, &PathBuf> = BTreeMap::new();
    for f in loaded {
        for (path, from) in f.photos.values().flat_map(|p| &p.files) {
            if shown.contains(path) {
                out.entry(path.as_str()).or_insert(from);
            }
        }
    }
    out.into_iter()
        .map(|(path, from)| (path.to_string(), from.clone()))
        .collect()
}

/// Two provinces written differently must not share a page address.
fn distinct_slugs(loaded: &[Loaded], diags: &mut Diagnostics) -> bool {
    let mut by_slug: BTreeMap<String, &str> = BTreeMap::new();
    let mut ok = true;
    for f in loaded {
        let region = f.entry.region.as_str();
        let slug = slugify(region);
        match by_slug.get(&slug) {
            Some(other) if *other != region => {
                diags.error(
                    Path::new(FILE),
                    f.entry.pos,
                    msg!(
                        "portal_region_slug",
                        region = region,
                        other = other,
                        slug = slug
                    ),
                );
                ok = false;
            }
            Some(_) => {}
            None => {
                by_slug.insert(slug, region);
            }
        }
    }
    ok
}
