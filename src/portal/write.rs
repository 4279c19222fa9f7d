//! Writing the portal: `output/public` and, when `portal.yaml` asks for
//! one, `output/internal`, plain or sealed under the passphrase exactly as
//! a facility's protected internal site is ([`crate::protect::seal`]),
//! through the same build folder and swap as a site's ([`output::Stage`]):
//! file by file into the build folder, then both together, or nothing.
//! A sealed internal portal's files are sealed before they are written, so
//! no plain internal page is ever on disk.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::config::{FILE, Internal, Portal};
use crate::assets::Hashed;
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

/// One portal to write: its files, and its photos in the facilities' caches.
pub struct Side<'a> {
    pub files: &'a [File],
    pub copies: &'a [(String, PathBuf)],
}

/// Writes `public` and, as `plan` says, `internal` in place of the
/// previous pair; returns the number of internal files written.
pub fn write(
    guard: &mut output::Guard,
    theme: &Theme,
    public: Side<'_>,
    internal: Option<Side<'_>>,
    plan: &Plan,
) -> Result<usize, Message> {
    let mut stage = output::Stage::new(guard)?;
    let dir = stage.site("public")?;
    plain(&dir, &public)?;
    let mut written = 0;
    if let Some(side) = internal.filter(|_| !matches!(plan, Plan::None)) {
        let dir = stage.site("internal")?;
        match plan {
            Plan::Sealed(keys, shell) => {
                let css = theme
                    .static_files
                    .iter()
                    .find(|(n, _)| n == "style.css")
                    .map(|(_, b)| Hashed::Style.path(b))
                    .unwrap_or_default();
                let icon = side
                    .files
                    .iter()
                    .any(|f| f.path == ICON)
                    .then(|| ICON.to_string());
                let sealer = Sealer::new(keys, shell, css, icon);
                side.files
                    .par_iter()
                    .try_for_each(|f| dir.write(&sealer.seal(f.clone())?))?;
                side.copies
                    .par_iter()
                    .try_for_each(|(path, from)| dir.write(&sealer.seal_copy(path, from)?))?;
                dir.write(&sealer.script())?;
                written = side.files.len() + side.copies.len() + 1;
            }
            _ => {
                plain(&dir, &side)?;
                written = side.files.len() + side.copies.len();
            }
        }
    }
    // Without an internal portal in the pair, the swap also removes an
    // earlier one: no stale copy may linger.
    stage.finish()?;
    Ok(written)
}

fn plain(dir: &SiteDir, side: &Side<'_>) -> Result<(), Message> {
    side.files.par_iter().try_for_each(|f| dir.write(f))?;
    side.copies
        .par_iter()
        .try_for_each(|(path, from)| dir.link(path, from))
}
