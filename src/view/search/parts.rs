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

/// The documents whose records a shard holds for each of its terms: the
/// term's best [`TOP`], so that a one-word query lists its first results
/// from its shard, without waiting for their record files (`search.js`
/// lists 4 before it announces the count). The best by the term's level in
/// them (see `view::search`), then in document order: the order of the
/// term's own scores on the page, which ranks a word's expansions by the
/// best of their scores, so the first 4 of a one-word query are among the
/// first 4 of its terms (see `firstFromShards` in `search.js`).
pub(crate) const TOP: usize = 4;

/// One stem of the index, ready for its shard.
struct Term {
    stem: Arc<str>,
    /// Its postings, encoded.
    postings: String,
    /// Its [`TOP`] best postings, best first.
    top: Vec<u32>,
}

/// The index files of `docs`, whose stems `postings` lists, sorted, each
/// with its documents in order as [`posting`]s.
pub(super) fn write(docs: &[Doc], postings: Vec<(Arc<str>, Vec<u32>)>) -> SearchIndex {
    let terms: Vec<Term> = postings
        .into_par_iter()
        .map(|(stem, list)| Term {
            stem,
            postings: encode(&list),
            top: top(&list),
        })
        .collect();
    let records: Vec<String> = docs.par_iter().map(record).collect();
    let (firsts, shards) = shards(&terms, &records);

    let files = records.len().div_ceil(RECORDS_PER_FILE);
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(shards.len() + files);
    for (i, json) in shards.into_iter().enumerate() {
        parts.push(part(&format!("t{i}"), &json));
    }
    for (i, chunk) in records.chunks(RECORDS_PER_FILE).enumerate() {
        parts.push(part(&format!("d{i}"), &format!("[{}]", chunk.join(","))));
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
        /// Records a shard holds for each of its terms, at most.
        top: usize,
        /// The parts' folder, from the site root, with its slash.
        parts: String,
        /// The first term of each shard (the first shard's as "").
        shards: Vec<&'a str>,
    }
    let index = Index {
        v: 4,
        n: docs.len(),
        per: RECORDS_PER_FILE,
        top: TOP,
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

/// The [`TOP`] best of a term's postings (in document order): by level,
/// then document order.
fn top(list: &[u32]) -> Vec<u32> {
    let mut best: Vec<u32> = Vec::with_capacity(TOP + 1);
    for &p in list {
        let level = p & 7;
        if best.len() == TOP {
            let worst = best[TOP - 1] & 7;
            if worst == 7 {
                break; // nothing beats it
            }
            if worst >= level {
                continue;
            }
        }
        // After the equally good ones: they come first in document order.
        let at = best
            .iter()
            .position(|&b| b & 7 < level)
            .unwrap_or(best.len());
        best.insert(at, p);
        best.truncate(TOP);
    }
    best
}

/// A shard's JSON as it is made: `{"terms":{stem:postings,...},
/// "top":{stem:[posting,...],...},"records":{doc:record,...}}`.
#[derive(Default)]
struct Shard<'a> {
    terms: String,
    top: String,
    records: std::collections::BTreeMap<u32, &'a str>,
    /// Bytes of `records`' entries, with their commas.
    record_bytes: usize,
}

/// Bytes of a shard's JSON besides its entries: `{"terms":{},"top":{},"records":{}}`.
const FRAME: usize = 34;

impl<'a> Shard<'a> {
    fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Bytes of the shard's JSON, give or take a comma.
    fn len(&self) -> usize {
        FRAME + self.terms.len() + self.top.len() + self.record_bytes
    }

    fn entry(doc: u32, record: &str) -> usize {
        doc.to_string().len() + 3 + record.len() + 1
    }

    /// Bytes `term` would add, with the records it needs that the shard
    /// does not hold yet.
    fn cost(&self, term: &Term, entry: &str, top: &str, records: &[String]) -> usize {
        let new: usize = term
            .top
            .iter()
            .map(|p| p >> 3)
            .filter(|d| !self.records.contains_key(d))
            .map(|d| Self::entry(d, &records[d as usize]))
            .sum();
        entry.len() + 1 + top.len() + 1 + new
    }

    fn add(&mut self, term: &Term, entry: &str, top: &str, records: &'a [String]) {
        for d in term.top.iter().map(|p| p >> 3) {
            let record = records[d as usize].as_str();
            if self.records.insert(d, record).is_none() {
                self.record_bytes += Self::entry(d, record);
            }
        }
        for (list, text) in [(&mut self.terms, entry), (&mut self.top, top)] {
            if !list.is_empty() {
                list.push(',');
            }
            list.push_str(text);
        }
    }

    fn json(self) -> String {
        let records: Vec<String> = self
            .records
            .iter()
            .map(|(d, r)| format!("\"{d}\":{r}"))
            .collect();
        format!(
            "{{\"terms\":{{{}}},\"top\":{{{}}},\"records\":{{{}}}}}",
            self.terms,
            self.top,
            records.join(",")
        )
    }
}

/// Sorted terms cut into shards: each shard's first term ("" for the
/// first) and its JSON (see [`Shard`]). `records` holds each document's
/// record, by number.
fn shards<'t>(terms: &'t [Term], records: &[String]) -> (Vec<&'t str>, Vec<String>) {
    let mut firsts = Vec::new();
    let mut shards: Vec<String> = Vec::new();
    let mut current = Shard::default();
    for term in terms {
        let name = json_string(&term.stem);
        let entry = format!("{name}:\"{}\"", term.postings);
        let tops: Vec<String> = term.top.iter().map(u32::to_string).collect();
        let top = format!("{name}:[{}]", tops.join(","));
        let cost = current.cost(term, &entry, &top, records);
        if !current.is_empty() && current.len() + cost + WRAPPER > SHARD_BYTES {
            shards.push(std::mem::take(&mut current).json());
        }
        if current.is_empty() {
            firsts.push(if firsts.is_empty() { "" } else { &*term.stem });
        }
        current.add(term, &entry, &top, records);
    }
    if !current.is_empty() {
        shards.push(current.json());
    }
    (firsts, shards)
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A document's record, what its result shows: the JSON array
/// `[kind, id, title, snippet, products?]`.
fn record(d: &Doc) -> String {
    let mut r = vec![d.kind, d.id.as_str(), d.title.as_str(), d.snippet.as_str()];
    if !d.products.is_empty() {
        r.push(d.products.as_str());
    }
    serde_json::to_string(&r).unwrap_or_else(|_| "[]".into())
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
    use std::collections::BTreeSet;

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

    /// `n` terms of `postings` documents each (every `step`th, levels
    /// cycling), and one term too long for a shard.
    fn terms(n: usize, postings: u32, step: u32) -> Vec<Term> {
        let mut terms: Vec<Term> = (0..n)
            .map(|i| {
                let list: Vec<u32> = (0..postings)
                    .map(|k| posting(k * step, ((i as u32 + k) % 8) as u8))
                    .collect();
                Term {
                    stem: format!("t{i:05}").into(),
                    postings: encode(&list),
                    top: top(&list),
                }
            })
            .collect();
        let long: Vec<u32> = (0..SHARD_BYTES as u32).map(|d| posting(d, 0)).collect();
        terms.push(Term {
            stem: "zzz".into(),
            postings: encode(&long),
            top: top(&long),
        });
        terms
    }

    /// A record for each of `n` documents, of about a real one's size.
    fn records(n: usize) -> Vec<String> {
        (0..n)
            .map(|d| {
                format!(
                    "[\"s\",\"story-{d}\",\"Title {d}\",\"{}\"]",
                    "snippet ".repeat(20)
                )
            })
            .collect()
    }

    #[test]
    fn a_terms_top_is_its_best_levels_then_the_first_documents() {
        let list = [
            (0, 1),
            (1, 6),
            (2, 3),
            (3, 6),
            (4, 0),
            (5, 7),
            (6, 6),
            (9, 6),
        ];
        let packed: Vec<u32> = list.iter().map(|&(d, l)| posting(d, l)).collect();
        let docs = |t: Vec<u32>| t.iter().map(|p| (p >> 3, p & 7)).collect::<Vec<_>>();
        assert_eq!(docs(top(&packed)), [(5, 7), (1, 6), (3, 6), (6, 6)]);
        assert_eq!(docs(top(&packed[..3])), [(1, 6), (2, 3), (0, 1)]);
        // Four titles found: nothing after them is looked at, or can beat them.
        let titles: Vec<u32> = (0..100).map(|d| posting(d, 7)).collect();
        assert_eq!(docs(top(&titles)), [(0, 7), (1, 7), (2, 7), (3, 7)]);
        assert!(top(&[]).is_empty());
    }

    #[test]
    fn shards_keep_every_term_once_in_order_and_stay_small() {
        let terms = terms(2000, 30, 7);
        let records = records(30 * 7);
        let (firsts, shards) = shards(&terms, &records);
        assert_eq!(firsts.len(), shards.len());
        assert!(shards.len() > 3, "{} shards", shards.len());
        assert_eq!(firsts[0], "");
        let mut seen = Vec::new();
        for (i, json) in shards.iter().enumerate() {
            let shard: serde_json::Value = serde_json::from_str(json).unwrap();
            let map = shard["terms"].as_object().unwrap();
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
        let all: Vec<&str> = terms.iter().map(|t| &*t.stem).collect();
        assert_eq!(seen, all, "every term once, in order");
        assert_eq!(super::shards(&[], &[]), (Vec::new(), Vec::new()));
    }

    #[test]
    fn a_shard_holds_the_top_of_each_term_and_their_records() {
        let terms = terms(300, 12, 3);
        let records = records(12 * 3);
        let (_, shards) = shards(&terms, &records);
        let mut checked = 0;
        for json in &shards {
            let shard: serde_json::Value = serde_json::from_str(json).unwrap();
            let tops = shard["top"].as_object().unwrap();
            let held = shard["records"].as_object().unwrap();
            assert_eq!(
                tops.keys().collect::<Vec<_>>(),
                shard["terms"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .collect::<Vec<_>>(),
                "a top for every term"
            );
            for (stem, list) in tops {
                let term = terms.iter().find(|t| &*t.stem == stem).unwrap();
                let list: Vec<u32> = list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_u64().unwrap() as u32)
                    .collect();
                assert_eq!(list, term.top, "{stem}");
                assert_eq!(list.len(), TOP, "{stem}: every term has more");
                for d in list.iter().map(|p| p >> 3) {
                    let record = &held[&d.to_string()];
                    assert_eq!(
                        record.to_string(),
                        records[d as usize],
                        "{stem}: document {d}"
                    );
                }
                checked += 1;
            }
            // Only the records of its terms' tops, each once (a JSON object).
            let wanted: BTreeSet<u64> = tops
                .values()
                .flat_map(|l| {
                    l.as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p.as_u64().unwrap() >> 3)
                })
                .collect();
            let keys: BTreeSet<u64> = held.keys().map(|k| k.parse().unwrap()).collect();
            assert_eq!(keys, wanted);
        }
        assert_eq!(checked, terms.len());
    }
}
