//! Writing the portal: `output/public` and, when `portal.yaml` asks for
//! one, `output/internal`, plain or sealed under the passphrase exactly as
//! a facility's protected internal site is ([`crate::protect::seal`]),
//! through the same build folder and swap as a site's ([`output::Stage`]):
//! file by file into the build folder as they are rendered (public ones
//! through the leak audit, [`PortalGate`]), then both together, or nothing.
//! A sealed internal portal's files are sealed before they are written, so
//! no plain internal page is ever on disk.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::config::{FILE, Internal, Portal};
use crate::assets::Hashed;
use crate::audit::PortalGate;
use crate::diag::{Diagnostics, Pos};
use crate::msg::{Message, msg};
use crate::output::{self, SiteDir};
use crate::protect::seal::{ICON, Sealer};
use crate::protect::{self, Keys, Shell};
use crate::render::File;
use crate::theme::Theme;
use crate::view::SiteInfo;

/// How `output/internal` is written.
pub enum Plan {
    /// No internal portal (none asked for, or no passphrase to seal it).
    None,
    Plain,
    Sealed(Box<Keys>, Box<Shell>),
}

/// Decides how the internal portal is written, from `portal.yaml` and the
/// passphrase in the environment, as a facility's build does: a missing
/// passphrase leaves it out (a warning), a refused one is an error.
pub fn plan(dir: &Path, portal: &Portal, theme: &Theme, diags: &mut Diagnostics) -> Option<Plan> {
    match portal.internal {
        None => return Some(Plan::None),
        Some(Internal::Plain) => return Some(Plan::Plain),
        Some(Internal::Sealed) => {}
    }
    let var = Path::new(protect::PASSPHRASE_VAR);
    let passphrase = match protect::passphrase_from_env() {
        protect::Passphrase::Given(p) => p,
        protect::Passphrase::Missing => {
            let (var, how) = (protect::PASSPHRASE_VAR, protect::how_to_set());
            diags.warning(
                Path::new(FILE),
                Pos::default(),
                msg!("portal_internal_no_passphrase", var = var, how = how),
            );
            return Some(Plan::None);
        }
        protect::Passphrase::TooShort(n) => {
            let (min, how) = (protect::MIN_CHARS, protect::how_to_set());
            diags.error(
                var,
                Pos::default(),
                msg!("protect_too_short", n = n, min = min, how = how),
            );
            return None;
        }
        protect::Passphrase::Refused(message) => {
            diags.error(var, Pos::default(), message);
            return None;
        }
    };
    let shell = match Shell::new(theme, &site_info(portal)) {
        Ok(s) => s,
        Err((file, message)) => {
            diags.error(&file, Pos::default(), message);
            return None;
        }
    };
    let salt = match protect::salt(dir) {
        Ok((salt, _)) => salt,
        Err(e) => {
            diags.error(Path::new(crate::photos::CACHE_DIR), Pos::default(), e);
            return None;
        }
    };
    let keys = Keys::derive(&passphrase, salt, crate::pipeline::iterations());
    Some(Plan::Sealed(Box::new(keys), Box::new(shell)))
}

/// What a locked page shows of the portal.
fn site_info(portal: &Portal) -> SiteInfo {
    let kind = crate::i18n::portal_labels(portal.language)
        .get("portal_kind")
        .copied()
        .unwrap_or_default();
    SiteInfo {
        title: portal.title.clone(),
        description: portal.description.clone(),
        facility_name: portal.title.clone(),
        facility_short: kind.to_string(),
        region: None,
        base_url: portal.base_url.clone(),
        lang: portal.language,
        logo: None,
        parent: None,
        address: None,
        phone: None,
        email: None,
        website: None,
        social: Vec::new(),
        head: None,
        signing_place: None,
    }
}

/// Where the portal's files go as they are made: `output/public` behind
/// the leak audit, and `output/internal` as the plan says (sealed file by
/// file before it is written). Nothing replaces the previous pair until
/// [`Out::finish`]; an `Out` dropped unfinished leaves it as it was.
pub struct Out<'g, 'a> {
    stage: output::Stage<'g>,
    gate: PortalGate<'a>,
    public: SiteDir,
    internal: Option<(SiteDir, Option<Sealer<'a>>)>,
}

impl<'g, 'a> Out<'g, 'a> {
    /// Opens the build folder, with `output/internal` in it unless the
    /// plan writes none.
    pub fn new(
        guard: &'g mut output::Guard,
        theme: &Theme,
        plan: &'a Plan,
        gate: PortalGate<'a>,
    ) -> Result<Self, Message> {
        let mut stage = output::Stage::new(guard)?;
        let public = stage.site("public")?;
        let internal = match plan {
            Plan::None => None,
            Plan::Plain => Some((stage.site("internal")?, None)),
            Plan::Sealed(keys, shell) => {
                let css = theme
                    .static_files
                    .iter()
                    .find(|(n, _)| n == "style.css")
                    .map(|(_, b)| Hashed::Style.path(b))
                    .unwrap_or_default();
                // The theme's files that are not hashed go to `assets/`.
                let icon = theme
                    .static_files
                    .iter()
                    .any(|(n, _)| format!("assets/{n}") == ICON)
                    .then(|| ICON.to_string());
                let sealer = Sealer::new(keys, shell, css, icon);
                Some((stage.site("internal")?, Some(sealer)))
            }
        };
        Ok(Out {
            stage,
            gate,
            public,
            internal,
        })
    }

    /// Whether there is an internal portal to write.
    pub fn internal(&self) -> bool {
        self.internal.is_some()
    }

    /// A public file: written only if the audit finds nothing in it.
    pub fn public_file(&self, f: File) -> Result<(), Message> {
        if self.gate.file(&f.path, &f.bytes) {
            self.public.write(&f)?;
        }
        Ok(())
    }

    /// A file of the internal portal, sealed when it must be.
    pub fn internal_file(&self, f: File) -> Result<(), Message> {
        match &self.internal {
            Some((dir, Some(sealer))) => dir.write(&sealer.seal(f)?),
            Some((dir, None)) => dir.write(&f),
            None => Ok(()),
        }
    }

    /// The photos both portals show, from the portal's photo caches:
    /// audited for the public one, sealed for a sealed internal one.
    pub fn photos(&self, copies: &[(String, PathBuf)]) -> Result<(), Message> {
        copies.par_iter().try_for_each(|(path, from)| {
            if self.gate.copy(path, from) {
                self.public.link(path, from)?;
            }
            match &self.internal {
                Some((dir, Some(sealer))) => dir.write(&sealer.seal_copy(path, from)?),
                Some((dir, None)) => dir.link(path, from),
                None => Ok(()),
            }
        })
    }

    /// Reports what the audit found; when it found nothing, adds the
    /// unlock script of a sealed portal and puts the pair in place of the
    /// previous one. `Ok(false)`: nothing was replaced.
    pub fn finish(self, dir: &Path, diags: &mut Diagnostics) -> Result<bool, Message> {
        let Out {
            stage,
            gate,
            internal,
            ..
        } = self;
        if !gate.finish(dir, diags) {
            return Ok(false);
        }
        if let Some((dir, Some(sealer))) = &internal {
            dir.write(&sealer.script())?;
        }
        // Without an internal portal in the pair, the swap also removes an
        // earlier one: no stale copy may linger.
        stage.finish()?;
        Ok(true)
    }
}
