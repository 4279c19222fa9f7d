//! Messages of the network targets of `rapor publish` (SFTP, FTP, FTPS):
//! what a server said, in words for the person publishing, and what to do.

use super::Entry;

#[rustfmt::skip]
pub(super) const MESSAGES: &[Entry] = &[
];
