//! The build pipeline, stage after stage:
//! load -> model -> photos -> views -> render -> output.
//! `check` runs the same stages and writes nothing.

mod internal_site;
mod keep;
mod stage;
mod stages;

use std::path::Path;
use std::time::Instant;

use crate::diag::{Diagnostics, Pos};
use crate::photos::Mode;
use crate::{output, stamp};

pub(crate) use self::internal_site::iterations;
use self::internal_site::{PendingKeys, key_tag, with_tag};
use self::stage::Clock;
pub use self::stages::{Body, InMemory, Memory, Reuse, Sites, Summary, build_memory};
use self::stages::{Built, InternalOut, To, build_sites};
pub(crate) use self::stages::{as_of, photo_requests};

/// The result of a run: all diagnostics, and a summary when it succeeded.
pub struct Run {
    pub diags: Diagnostics,
    pub summary: Option<Summary>,
    /// The run failed in the middle of replacing the sites, and could not
    /// put the previous ones back: `output/` is incomplete until a build
    /// succeeds (which first puts them back).
    pub output_incomplete: bool,
}

/// Builds the site at `site`; writes `output/` only when `write` is true and
/// nothing went wrong. With `internal.protect`, the internal site is sealed
/// under the passphrase of `RAPOR_INTERNAL_PASSPHRASE`, or not written at all.
pub fn run(site: &Path, write: bool) -> Run {
    let started = Instant::now();
    // One build at a time writes `output/`, and first undoes what an
    // interrupted one left there; the lock is held until this build ends.
    let mut guard = None;
    if write {
        match output::Guard::take(site) {
            Ok(g) => guard = Some(g),
            Err(e) => {
                let mut diags = Diagnostics::new();
                diags.error(Path::new("output"), Pos::default(), e);
                return Run {
                    diags,
                    summary: None,
                    output_incomplete: output::interrupted(site),
                };
            }
        }
    }
    let mut files = None;
    let mut keys = if write {
        PendingKeys::start(site)
    } else {
        PendingKeys::none()
    };
    if write {
        // Before anything is read, so that an edit made during the build is
        // seen by the next one.
        let last = stamp::read(site);
        let mut clock = Clock::new();
        let ((inputs, output), tag) = rayon::join(
            || {
                rayon::join(
                    || stamp::inputs(site),
                    || last.as_ref().and_then(|_| stamp::output(site)),
                )
            },
            || last.as_ref().map(|l| key_tag(l, &mut keys)),
        );
        clock.lap("stamp (before)");
        if let (Some(last), Some(inputs), Some(output), Some(tag)) = (last, inputs, output, tag)
            && with_tag(inputs, &tag) == last.inputs
            && output == last.output
        {
            return reuse(last, started);
        }
        stamp::remove(site);
        files = inputs;
    }
    let mut diags = Diagnostics::new();
    let mode = if write { Mode::Build } else { Mode::Check };
    // The build folder the sites are written into as they are made.
    let mut stage = match guard.as_mut().map(output::Stage::new) {
        Some(Err(e)) => {
            diags.error(Path::new("output"), Pos::default(), e);
            return Run {
                diags,
                summary: None,
                output_incomplete: output::interrupted(site),
            };
        }
        Some(Ok(stage)) => Some(stage),
        None => None,
    };
    let to = To::Disk(stage.as_mut(), &mut keys);
    let result = build_sites(site, mode, Sites::Both, None, to, &mut diags).and_then(|built| {
        let Built {
            mut summary,
            internal_out,
            ..
        } = built;
        let Some(stage) = stage.take() else {
            summary.seconds = started.elapsed().as_secs_f64();
            return Ok(summary);
        };
        let tag = match &internal_out {
            InternalOut::Plain => b"plain".to_vec(),
            InternalOut::Sealed(key_tag) => key_tag.clone().into_bytes(),
            InternalOut::Skip => b"none".to_vec(),
        };
        summary.internal_sealed = matches!(internal_out, InternalOut::Sealed(_));
        summary.internal_written = internal_out != InternalOut::Skip;
        summary.internal_files = match internal_out {
            // The sealed site adds the script that unlocks it.
            InternalOut::Sealed(_) => summary.internal_files + 1,
            InternalOut::Plain => summary.internal_files,
            InternalOut::Skip => 0,
        };
        // Without an internal site in the pair, the swap also removes an
        // earlier build's: no plain copy of it may linger.
        let mut clock = Clock::new();
        let written = match stage.finish() {
            Ok(written) => written,
            Err(e) => return Err(diags.error(Path::new("output"), Pos::default(), e)),
        };
        clock.lap("output");
        let output = match written {
            Some(written) => Some(stamp::written(written)),
            None => stamp::output(site),
        };
        clock.lap("stamp (after)");
        if let (Some(files), Some(output)) = (files, output) {
            stamp::write(
                site,
                &stamp::Stamp {
                    inputs: with_tag(files, &tag),
                    content: files,
                    output,
                    public_files: summary.public_files,
                    internal_files: summary.internal_files,
                    photos: summary.photos,
                    internal_written: summary.internal_written,
                    internal_sealed: summary.internal_sealed,
                    warnings: diags.sorted(),
                },
            );
        }
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    });
    Run {
        output_incomplete: write && result.is_err() && output::interrupted(site),
        diags,
        summary: result.ok(),
    }
}

/// The last build's result, for nothing it read or wrote has changed since.
fn reuse(last: stamp::Stamp, started: Instant) -> Run {
    let mut diags = Diagnostics::new();
    for w in last.warnings {
        diags.warning(&w.file, Pos::new(w.line, w.col), w.message);
    }
    let summary = Summary {
        public_files: last.public_files,
        internal_files: last.internal_files,
        photos: last.photos,
        internal_written: last.internal_written,
        internal_sealed: last.internal_sealed,
        unchanged: true,
        seconds: started.elapsed().as_secs_f64(),
        ..Summary::default()
    };
    Run {
        diags,
        summary: Some(summary),
        output_incomplete: false,
    }
}
