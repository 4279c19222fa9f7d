//! What the server shows, shared between the rebuilds and the requests.

use crate::pipeline::Memory;

/// What the server shows: the last good site, and the problems of the last
/// build if it failed.
#[derive(Default)]
pub struct State {
    pub site: Memory,
    pub problems: Vec<String>,
    /// Warnings of the last build, so that they are printed once.
    pub warnings: Vec<String>,
}
