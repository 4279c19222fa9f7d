//! What an identity value of the internal data is: no public file may show one.

use std::path::PathBuf;

/// The kind of an identity value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum What {
    Name,
    Registration,
    Certificate,
    ContactName,
    Phone,
    Email,
    Agreement,
}

/// One identity value of the internal data, and where it is kept.
#[derive(Debug, Clone)]
pub struct Secret {
    pub value: String,
    pub what: What,
    /// The training (for roster values) or partner it belongs to.
    pub owner: String,
    /// The content file holding it, e.g. `content/internal/rosters/x.yaml`.
    pub file: PathBuf,
    /// Its field in that file, e.g. `participants[3].name`.
    pub field: String,
}
