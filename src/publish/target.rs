//! What every kind of publish target can do, so that the plan (what to
//! upload, in what order, what to remove) is made once and carried out the
//! same way on a folder, an SFTP or FTP server and a git branch.
//!
//! Paths are relative to the target's root folder, with `/` between parts
//! on every system (`stories/pelatihan-barbershop/index.html`), never
//! starting with `/` and never holding `..`: the plan checks that before a
//! target sees them.

use crate::msg::Message;

/// A connection to a target, open for one publish.
pub trait Target {
    /// The bytes of a file of the target, or `None` when it does not exist.
    /// Used for the manifest only: files are small.
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Error>;

    /// Writes a file, creating its folders. A reader of the target never
    /// sees a half-written file where the kind allows it (upload to a
    /// temporary name in the same folder, then rename over the old one).
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Error>;

    /// Removes a file; a file already gone is not an error. Folders left
    /// empty are removed too where the kind allows it.
    fn remove(&mut self, path: &str) -> Result<(), Error>;

    /// Makes the changes visible and closes the connection (a git target
    /// commits and pushes here; the others have nothing left to do).
    fn finish(&mut self) -> Result<(), Error>;
}

/// Why a target failed, in words for the person publishing: what happened
/// and what to do (a wrong password, a host key to pin, a lost connection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: Message,
}

/// What a failure means for the publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server refused the user, password or key: nothing was changed.
    Auth,
    /// The server's identity could not be verified (an unknown SSH host key,
    /// an FTPS certificate that does not verify): nothing was sent.
    Identity,
    /// The connection failed or was lost: the next publish completes it.
    Connection,
    /// Anything else the target said (no permission, disk full).
    Other,
}
