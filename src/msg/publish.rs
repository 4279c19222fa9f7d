//! Messages of `rapor publish`: the targets of `site.yaml`, the plan (what
//! is uploaded and removed), the refusals that keep private data home, and
//! the summary.

use super::Entry;

#[rustfmt::skip]
pub(super) const MESSAGES: &[Entry] = &[
];
