//! The leak audit of a national portal: every identity value of every
//! facility's internal data, searched for in every file of the portal.

use std::path::Path;

use super::needles::Needles;
use super::says;
use super::scan::{Blob, scan_files};
use super::secrets;
use crate::diag::{Diagnostics, Pos};
use crate::model::Model;
use crate::render::File;

/// Scans the portal's `files` for the identity values of each facility's
/// model (`(its folder as portal.yaml names it, model)`); each value found
/// is reported at the file that shows it, naming the facility's file that
/// keeps it. Returns false when one was found.
pub fn check_portal(
    facilities: &[(&Path, &Model)],
    files: &[File],
    diags: &mut Diagnostics,
) -> bool {
    let mut all = Vec::new();
    for (dir, model) in facilities {
        for mut s in secrets(model) {
            s.file = dir.join(&s.file);
            all.push(s);
        }
    }
    let needles = Needles::new(&all);
    let blobs: Vec<(&str, Blob)> = files
        .iter()
        .map(|f| (f.path.as_str(), Blob::Bytes(&f.bytes[..])))
        .collect();
    let (mut hits, failed, _) = scan_files(&needles, &blobs);
    let public = Path::new("output/public");
    for (file, e) in &failed {
        diags.error(&public.join(file), Pos::default(), says::unreadable(e));
    }
    hits.sort_by(|a, b| (a.secret, &a.file).cmp(&(b.secret, &b.file)));
    hits.dedup_by(|a, b| a.secret == b.secret);
    for h in &hits {
        diags.error(
            &public.join(&h.file),
            h.pos,
            says::in_output(&all[h.secret], h.in_name, &[]),
        );
    }
    hits.is_empty() && failed.is_empty()
}
