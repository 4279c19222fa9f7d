//! The manifest a target keeps of what rapor put there:
//! `.rapor-publish.json` in the target's root folder, listing each file's
//! path, size and BLAKE3 hash. Only files it lists are ever removed, so
//! whatever else lives in the folder (a hosting's own `cgi-bin/`, a
//! `CNAME`) is left alone.
//!
//! A publish first writes the manifest as pending: every file it may touch
//! is listed, those about to be uploaded without a hash. If the publish is
//! cut off, the next one reads that pending manifest, uploads again every
//! file without a hash and removes what is no longer part of the site.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The manifest's name in the target's root folder.
pub const NAME: &str = ".rapor-publish.json";
const FORMAT: &str = "rapor-publish 1";

/// One file rapor put on the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub size: u64,
    /// The BLAKE3 hash of the bytes, in hex; `None` while an upload of the
    /// file may be under way.
    pub blake3: Option<String>,
}

/// What a target holds of rapor's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    format: String,
    /// `false` while a publish is under way (or was cut off).
    pub complete: bool,
    pub files: BTreeMap<String, Entry>,
}

/// Why a manifest on the target could not be used.
#[derive(Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or not a manifest of this format.
    Format,
}

impl Manifest {
    pub fn new(complete: bool, files: BTreeMap<String, Entry>) -> Self {
        Manifest {
            format: FORMAT.into(),
            complete,
            files,
        }
    }

    /// Reads a manifest; entries whose path could lead outside the target's
    /// folder (`..`, a leading `/`, a drive, a backslash) are dropped: a
    /// manifest on a server is not trusted to name what to remove.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, Unreadable> {
        let mut m: Manifest = serde_json::from_slice(bytes).map_err(|_| Unreadable::Format)?;
        if m.format != FORMAT {
            return Err(Unreadable::Format);
        }
        m.files.retain(|path, _| is_safe_path(path));
        Ok(m)
    }

    /// The manifest's bytes: sorted, one file per line, so that the same
    /// site gives the same manifest.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!(
            "{{\"format\":{},\"complete\":{},\"files\":{{",
            json(&self.format),
            self.complete
        );
        for (i, (path, e)) in self.files.iter().enumerate() {
            let hash = e.blake3.as_deref().map_or("null".to_string(), json);
            let sep = if i == 0 { "\n" } else { ",\n" };
            out.push_str(&format!(
                "{sep}{}:{{\"size\":{},\"blake3\":{hash}}}",
                json(path),
                e.size
            ));
        }
        out.push_str("\n}}\n");
        out.into_bytes()
    }
}

fn json(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// A relative path of the target with `/` between its parts, none of them
/// empty, `.` or `..`, and no character that means something else on
/// Windows (`\`, `:`).
pub fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && path != NAME
        && !path.contains(['\\', ':', '\0'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(size: u64, hash: Option<&str>) -> Entry {
        Entry {
            size,
            blake3: hash.map(str::to_string),
        }
    }

    #[test]
    fn a_manifest_reads_back_what_it_wrote() {
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), entry(10, Some("ab")));
        files.insert("stories/a b/index.html".to_string(), entry(3, None));
        let m = Manifest::new(false, files);
        assert_eq!(Manifest::parse(&m.to_bytes()), Ok(m.clone()));
        assert_eq!(m.to_bytes(), m.clone().to_bytes());
    }

    #[test]
    fn paths_that_leave_the_folder_are_not_trusted() {
        let text = br#"{"format":"rapor-publish 1","complete":true,"files":{
            "../etc/passwd":{"size":1,"blake3":null},
            "/etc/passwd":{"size":1,"blake3":null},
            "a//b":{"size":1,"blake3":null},
            "C:/x":{"size":1,"blake3":null},
            "a\\..\\b":{"size":1,"blake3":null},
            ".rapor-publish.json":{"size":1,"blake3":null},
            "ok/index.html":{"size":1,"blake3":"00"}}}"#;
        let m = Manifest::parse(text).unwrap();
        assert_eq!(m.files.keys().collect::<Vec<_>>(), ["ok/index.html"]);
    }

    #[test]
    fn another_format_is_not_read() {
        assert_eq!(
            Manifest::parse(br#"{"format":"x","complete":true,"files":{}}"#),
            Err(Unreadable::Format)
        );
        assert_eq!(Manifest::parse(b"<html>"), Err(Unreadable::Format));
    }
}
