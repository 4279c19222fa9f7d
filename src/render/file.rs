//! [`File`]: what rendering produces and `output`, `protect` and `serve`
//! take: bytes at a path of a site.

use std::sync::Arc;

/// One output file, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
}

impl File {
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        File {
            path: path.into(),
            bytes: Arc::new(bytes),
        }
    }
}
