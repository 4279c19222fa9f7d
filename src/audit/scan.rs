//! Searching files for the values: every file, in parallel, as a reader reads it.

use std::path::Path;

use rayon::prelude::*;

use super::needles::Needles;
use super::normalise::Kind as Read;
use super::zipped;
use crate::diag::Pos;

/// A secret found in an output file.
#[derive(Debug, Clone)]
pub(super) struct Hit {
    /// Path relative to the output folder, `/`-separated.
    pub(super) file: String,
    pub(super) secret: usize,
    pub(super) pos: Pos,
    /// Found in the file's path rather than its bytes.
    pub(super) in_name: bool,
}

/// A file that could not be read: its path and why.
pub(super) type Unreadable = (String, std::io::Error);

/// An output file to scan: in memory, or on disk.
pub(super) enum Blob<'a> {
    Bytes(&'a [u8]),
    Disk(&'a Path),
}

/// Scans every file (its path and bytes) in parallel; unreadable files are
/// returned apart.
pub(super) fn scan_files(
    needles: &Needles,
    files: &[(&str, Blob<'_>)],
) -> (Vec<Hit>, Vec<Unreadable>, u64) {
    let results: Vec<Result<(Vec<Hit>, u64), Unreadable>> = files
        .par_iter()
        .map(|(path, blob)| scan_file(needles, path, blob))
        .collect();
    let mut hits = Vec::new();
    let mut failed = Vec::new();
    let mut bytes = 0;
    for r in results {
        match r {
            Ok((h, n)) => {
                hits.extend(h);
                bytes += n;
            }
            Err(e) => failed.push(e),
        }
    }
    (hits, failed, bytes)
}

/// Scans one file, its path and its bytes: the values it shows, and how
/// many bytes were read.
pub(super) fn scan_file(
    needles: &Needles,
    path: &str,
    blob: &Blob<'_>,
) -> Result<(Vec<Hit>, u64), Unreadable> {
    let read;
    let bytes = match blob {
        Blob::Bytes(b) => *b,
        Blob::Disk(p) => {
            read = std::fs::read(p).map_err(|e| (path.to_string(), e))?;
            &read[..]
        }
    };
    // A package's parts are deflated: read their XML instead.
    let inflated;
    let (bytes, kind) = if zipped::is_package(path) {
        inflated = zipped::parts(bytes).map_err(|e| (path.to_string(), e))?;
        (&inflated[..], Read::Feed)
    } else {
        (bytes, Read::of_path(path))
    };
    let mut hits = Vec::new();
    let in_name = needles.scan(path.as_bytes(), Read::Text);
    for &secret in in_name.keys() {
        hits.push(Hit {
            file: path.to_string(),
            secret,
            pos: Pos::default(),
            in_name: true,
        });
    }
    for (secret, offset) in needles.scan(bytes, kind) {
        if in_name.contains_key(&secret) {
            continue;
        }
        hits.push(Hit {
            file: path.to_string(),
            secret,
            pos: text_pos(path, bytes, offset),
            in_name: false,
        });
    }
    Ok((hits, bytes.len() as u64))
}

/// Line and column of `offset` in a text file; none in an image.
pub(super) fn text_pos(path: &str, bytes: &[u8], offset: usize) -> Pos {
    let text = [
        ".html", ".xml", ".json", ".csv", ".js", ".txt", ".css", ".svg",
    ];
    if !text.iter().any(|e| path.ends_with(e)) {
        return Pos::default();
    }
    line_col(&bytes[..offset])
}

pub(super) fn line_col(before: &[u8]) -> Pos {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    Pos::new(line, col)
}
