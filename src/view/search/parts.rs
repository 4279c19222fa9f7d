//! The files of the search index: a small index script that the search
//! page loads, and the parts it names, which the page loads one by one only
//! when a query needs them (see the module comment of `view::search` for
//! the format). Pure: returns bytes and paths, writes nothing.
//!
//! A site of 10,000 stories has some 4 MB of postings and records; a first
//! query must cost a phone a few dozen kilobytes of them, not all. So the
//! terms, sorted, are cut into shards of at most [`SHARD_BYTES`] each (a
//! range of terms, not a fixed prefix: the words of a language crowd some
//! prefixes and leave others empty), and the records shown for results go
//! [`RECORDS_PER_FILE`] to a file.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::assets::Hashed;

/// One searchable page, before indexing.
#[derive(Clone)]
pub struct Doc {
    /// Names the page's folder (see `search.js`'s `URLS`): "s" story, "t"
    /// training, "p" partner; on a portal "f" facility, "r" province, "k"
    /// skill.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    pub snippet: String,
    /// Products and services made, on a training: ranked below the title
    /// and above everything else, and shown when a query matches them.
    pub products: String,
    /// The summary, labels and other short descriptions.
    pub summary: String,
    /// The body, and anything else searchable.
    pub body: String,
}

/// Bytes of a shard file at most, unless it holds a single term whose
/// postings are longer (a word of nearly every page of a huge site).
pub(crate) const SHARD_BYTES: usize = 16 * 1024;

/// Records (what a result shows) in one file, about 0.7 KB for four. The
/// first page of a query's 50 results at 10,000 stories needs 38-50 files
/// whatever their size (results seldom share one), and uses one record of
/// most: files of eight made that 57-75 KB of the 200 KB a first query may
/// cost, and a story's 10-word title passed the 200 KB; four halve it, for
/// twice the files on disk (2,581 at 10,000 stories).
pub(crate) const RECORDS_PER_FILE: usize = 4;

/// Bytes a part file's wrapper adds to its JSON, at most.
const WRAPPER: usize = 40;

/// A built index: the index script the search page loads, and every file
/// of the index (that script first), as paths from the site root.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// `assets/search-index-<hash>.js`.
    pub path: String,
    pub files: Vec<(String, Arc<Vec<u8>>)>,
}

/// The index files of `docs`, whose stems `postings` lists, sorted, each
/// with its documents in order as [`posting`]s.
pub(super) fn write(docs: &[Doc], postings: Vec<(Arc<str>, Vec<u32>)>) -> SearchIndex {
    let terms: Vec<(Arc<str>, String)> = postings
        .into_par_iter()
        .map(|(s, list)| (s, encode(&list)))
        .collect();
    let (firsts, shards) = shards(&terms);
    let records = records(docs);

    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(shards.len() + records.len());
    for (i, json) in shards.into_iter().enumerate() {
        parts.push(part(&format!("t{i}"), &json));
    }
    for (i, json) in records.into_iter().enumerate() {
        parts.push(part(&format!("d{i}"), &json));
    }
    let mut hash = blake3::Hasher::new();
    for (name, bytes) in &parts {
        hash.update(name.as_bytes());
        hash.update(&(bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let folder = Hashed::SearchParts.path_for(&hash.finalize());

    #[derive(Serialize)]
    struct Index<'a> {
        v: u32,
        /// Documents in all.
        n: usize,
        /// Records a file.
        per: usize,
        /// The parts' folder, from the site root, with its slash.
        parts: String,
        /// The first term of each shard (the first shard's as "").
        shards: Vec<&'a str>,
    }
    let index = Index {
        v: 3,
        n: docs.len(),
        per: RECORDS_PER_FILE,
        parts: format!("{folder}/"),
        shards: firsts,
    };
    // JSON is a JavaScript expression; serde_json escapes nothing that could
    // end it early, and no file is ever inlined into a page.
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".into());
    let script = format!("window.raporSearchIndex={json};\n").into_bytes();
    let path = Hashed::SearchIndex.path(&script);
    let mut files = vec![(path.clone(), Arc::new(script))];
    files.extend(
        parts
            .into_iter()
            .map(|(name, bytes)| (format!("{folder}/{name}"), Arc::new(bytes))),
    );
    SearchIndex { path, files }
}

/// A part file: a script that hands its data to the search page, which
/// loads it with a `<script>` element (from `file://` too, where `fetch()`
/// is refused).
fn part(id: &str, json: &str) -> (String, Vec<u8>) {
    let text = format!("raporSearchPart(\"{id}\",{json});\n");
    (format!("{id}.js"), text.into_bytes())
}

/// Sorted terms cut into shards: each shard's first term ("" for the
/// first) and its JSON object `{"term":"postings",...}`.
fn shards(terms: &[(Arc<str>, String)]) -> (Vec<&str>, Vec<String>) {
    let mut firsts = Vec::new();
    let mut shards: Vec<String> = Vec::new();
    let mut current = String::new();
    for (term, list) in terms {
        let entry = format!("{}:\"{list}\"", json_string(term));
        if !current.is_empty() && current.len() + 1 + entry.len() + 1 + WRAPPER > SHARD_BYTES {
            current.push('}');
            shards.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            firsts.push(if firsts.is_empty() { "" } else { &**term });
            current.push('{');
        } else {
            current.push(',');
        }
        current.push_str(&entry);
    }
    if !current.is_empty() {
        current.push('}');
        shards.push(current);
    }
    (firsts, shards)
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The records, [`RECORDS_PER_FILE`] to a file, each a JSON array of
/// `[kind, id, title, snippet, products?]`.
fn records(docs: &[Doc]) -> Vec<String> {
    docs.par_chunks(RECORDS_PER_FILE)
        .map(|chunk| {
            let list: Vec<Vec<&str>> = chunk
                .iter()
                .map(|d| {
                    let mut r = vec![d.kind, d.id.as_str(), d.title.as_str(), d.snippet.as_str()];
                    if !d.products.is_empty() {
                        r.push(d.products.as_str());
                    }
                    r
                })
                .collect();
            serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
        })
        .collect()
}

const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// A document's number and a stem's level in it, in one number: the index
/// holds tens of millions of them at 100,000 stories.
pub(super) fn posting(doc: u32, level: u8) -> u32 {
    doc << 3 | u32::from(level & 7)
}

/// Postings as base-32 variable-length numbers (see the module comment).
fn encode(list: &[u32]) -> String {
    let mut out = String::new();
    let mut previous: Option<usize> = None;
    for &p in list {
        let (doc, level) = ((p >> 3) as usize, (p & 7) as u8);
        let gap = match previous {
            Some(p) => doc - p,
            None => doc + 1,
        };
        previous = Some(doc);
        let mut v = gap * 8 + usize::from(level & 7);
        let mut digits = vec![DIGITS[v % 32]];
        v /= 32;
        while v > 0 {
            digits.push(DIGITS[32 + v % 32]);
            v /= 32;
        }
        out.extend(digits.iter().rev().map(|&b| b as char));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads postings back, as search.js does.
    fn decode(s: &str) -> Vec<(usize, u8)> {
        let mut out = Vec::new();
        let (mut v, mut doc) = (0usize, 0usize);
        let mut first = true;
        for b in s.bytes() {
            let i = DIGITS.iter().position(|&d| d == b).unwrap();
            v = v * 32 + i % 32;
            if i < 32 {
                let gap = v / 8;
                doc = if first { gap - 1 } else { doc + gap };
                first = false;
                out.push((doc, (v % 8) as u8));
                v = 0;
            }
        }
        out
    }

    #[test]
    fn postings_round_trip() {
        let list = vec![(0, 7), (1, 0), (17, 6), (40_000, 1), (40_001, 5)];
        let packed: Vec<u32> = list.iter().map(|&(d, l)| posting(d as u32, l)).collect();
        let s = encode(&packed);
        assert_eq!(decode(&s), list);
        assert_eq!(encode(&[posting(0, 0), posting(1, 3)]), "8b");
    }

    #[test]
    fn shards_keep_every_term_once_in_order_and_stay_small() {
        // 2,000 terms of 30 postings each, and one term too long for a shard.
        let mut terms: Vec<(String, String)> = (0..2000)
            .map(|i| (format!("t{i:05}"), "a".repeat(30)))
            .collect();
        terms.push(("zzz".into(), "b".repeat(SHARD_BYTES * 2)));
        let terms: Vec<(Arc<str>, String)> = terms
            .iter()
            .map(|(t, l)| (t.as_str().into(), l.clone()))
            .collect();
        let (firsts, shards) = shards(&terms);
        assert_eq!(firsts.len(), shards.len());
        assert!(shards.len() > 3, "{} shards", shards.len());
        assert_eq!(firsts[0], "");
        let mut seen = Vec::new();
        for (i, json) in shards.iter().enumerate() {
            let map: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(json).unwrap();
            let keys: Vec<String> = map.keys().cloned().collect();
            assert!(
                json.len() + WRAPPER <= SHARD_BYTES || keys.len() == 1,
                "shard {i}: {} bytes, {} terms",
                json.len(),
                keys.len()
            );
            if i > 0 {
                assert_eq!(keys[0], firsts[i], "shard {i} starts at its first term");
            }
            seen.extend(keys);
        }
        let all: Vec<&str> = terms.iter().map(|(t, _)| &**t).collect();
        assert_eq!(seen, all, "every term once, in order");
        assert_eq!(super::shards(&[]), (Vec::new(), Vec::new()));
    }
}
