//! What `rapor serve` remembers of the search index between rebuilds: the
//! stems of each document, by a hash of the text they come from, so that an
//! edit stems the edited records only (stemming every document was most of
//! a rebuild at 10,000 stories, 39% of its CPU), and the postings of the
//! last rebuild, patched where documents changed rather than made again.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap as HashMap;

use super::parts::{Doc, posting};

/// A document's stems, sorted, each with its level there.
pub(super) type Stems = Arc<[(Arc<str>, u8)]>;

/// The hash of a document's text.
pub(super) type Key = [u8; 32];

/// Every stem, with its postings in document order.
type Postings = HashMap<Arc<str>, Vec<u32>>;

/// Documents changed since the last rebuild that are patched into its
/// postings, at most; more, or documents added, removed or moved, and the
/// postings are made again.
const PATCH: usize = 256;

/// Stems remembered between rebuilds; `Memo::default()` remembers nothing
/// (a plain build stems each document once).
#[derive(Default)]
pub struct Memo {
    inner: Option<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    /// hash of the text -> (stems, generation last used)
    stems: HashMap<Key, (Stems, u64)>,
    generation: u64,
    /// The documents of the last rebuild, in order, and its postings.
    last: Option<(Vec<(Key, Stems)>, Postings)>,
    /// Rebuilds whose postings were patched.
    patched: usize,
}

impl Memo {
    pub fn on() -> Memo {
        Memo {
            inner: Some(Mutex::default()),
        }
    }

    pub(super) fn is_on(&self) -> bool {
        self.inner.is_some()
    }

    /// The hash of `d`'s text and its stems: remembered, or made by `stem`
    /// (and remembered).
    pub(super) fn stems(&self, d: &Doc, stem: impl FnOnce(&Doc) -> Stems) -> (Key, Stems) {
        let key = key(d);
        let Some(inner) = &self.inner else {
            return (key, stem(d));
        };
        if let Ok(mut m) = inner.lock() {
            let generation = m.generation;
            if let Some((stems, used)) = m.stems.get_mut(&key) {
                *used = generation;
                return (key, stems.clone());
            }
        }
        let stems = stem(d);
        if let Ok(mut m) = inner.lock() {
            let generation = m.generation;
            m.stems.insert(key, (stems.clone(), generation));
        }
        (key, stems)
    }

    /// The postings of `docs` (each document's key and stems, in order),
    /// sorted by stem: the last rebuild's patched where few documents
    /// changed, else made anew.
    pub(super) fn postings(&self, docs: Vec<(Key, Stems)>) -> Vec<(Arc<str>, Vec<u32>)> {
        let Some(Ok(mut m)) = self.inner.as_ref().map(|i| i.lock()) else {
            return sorted(&postings_of(&docs));
        };
        let patched = m.last.take().and_then(|(before, mut postings)| {
            patch(&before, &docs, &mut postings).then_some(postings)
        });
        let postings = match patched {
            Some(postings) => {
                m.patched += 1;
                postings
            }
            None => postings_of(&docs),
        };
        let out = sorted(&postings);
        m.last = Some((docs, postings));
        out
    }

    /// Forgets the documents the last build did not have, so that memory
    /// follows the content rather than the number of edits.
    pub fn sweep(&self) {
        if let Some(Ok(mut m)) = self.inner.as_ref().map(|i| i.lock()) {
            let current = m.generation;
            m.stems.retain(|_, v| v.1 == current);
            m.generation += 1;
        }
    }

    #[cfg(test)]
    pub(super) fn patched(&self) -> usize {
        self.inner
            .as_ref()
            .and_then(|i| i.lock().ok().map(|m| m.patched))
            .unwrap_or(0)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner
            .as_ref()
            .and_then(|i| i.lock().ok().map(|m| m.stems.len()))
            .unwrap_or(0)
    }
}

/// The postings of `docs`, made anew: each document's in turn, as the
/// index of a plain build adds them.
fn postings_of(docs: &[(Key, Stems)]) -> Postings {
    let mut postings = Postings::default();
    for (n, (_, stems)) in docs.iter().enumerate() {
        let n = u32::try_from(n).unwrap_or(u32::MAX >> 3);
        for (stem, level) in stems.iter() {
            postings
                .entry(stem.clone())
                .or_default()
                .push(posting(n, *level));
        }
    }
    postings
}

/// Patches `postings`, made of `before`, into those of `docs`: false (and
/// `postings` spoilt) when the documents are not the same ones in the same
/// order with at most [`PATCH`] of them changed.
fn patch(before: &[(Key, Stems)], docs: &[(Key, Stems)], postings: &mut Postings) -> bool {
    if before.len() != docs.len() || u32::try_from(docs.len()).map_or(true, |n| n > u32::MAX >> 3) {
        return false;
    }
    let changed: Vec<usize> = (0..docs.len())
        .filter(|&n| before[n].0 != docs[n].0)
        .take(PATCH + 1)
        .collect();
    if changed.len() > PATCH {
        return false;
    }
    for n in changed {
        let doc = n as u32;
        for (stem, level) in before[n].1.iter() {
            let p = posting(doc, *level);
            let Some(list) = postings.get_mut(stem) else {
                return false;
            };
            let Ok(at) = list.binary_search(&p) else {
                return false;
            };
            list.remove(at);
            if list.is_empty() {
                postings.remove(stem);
            }
        }
        for (stem, level) in docs[n].1.iter() {
            let p = posting(doc, *level);
            let list = postings.entry(stem.clone()).or_default();
            let at = list.partition_point(|&q| q < p);
            list.insert(at, p);
        }
    }
    true
}

/// Postings as the index files take them: sorted by stem.
fn sorted(postings: &Postings) -> Vec<(Arc<str>, Vec<u32>)> {
    let mut all: Vec<(Arc<str>, Vec<u32>)> = postings
        .iter()
        .map(|(s, p)| (s.clone(), p.clone()))
        .collect();
    all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    all
}

/// The hash of what a document's stems are made of: every field that is
/// stemmed, each with its length, so that no two documents' texts run
/// together the same way.
fn key(d: &Doc) -> Key {
    let mut h = blake3::Hasher::new();
    for field in [&d.title, &d.products, &d.summary, &d.body] {
        h.update(&(field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    *h.finalize().as_bytes()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn doc(title: &str, body: &str) -> Doc {
        Doc {
            kind: "s",
            id: "a".into(),
            title: title.into(),
            snippet: String::new(),
            products: String::new(),
            summary: String::new(),
            body: body.into(),
        }
    }

    #[test]
    fn a_document_is_stemmed_again_only_when_its_text_changes() {
        let memo = Memo::on();
        let made = AtomicUsize::new(0);
        let stem = |d: &Doc| -> Stems {
            made.fetch_add(1, Ordering::Relaxed);
            vec![(Arc::from(d.title.as_str()), 6)].into()
        };
        let (_, first) = memo.stems(&doc("Las", "Isi."), stem);
        let (_, again) = memo.stems(&doc("Las", "Isi."), stem);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(made.load(Ordering::Relaxed), 1);
        // Text moved from one field to the next is another document.
        memo.stems(&doc("LasIsi.", ""), stem);
        memo.stems(&doc("Las", "Isi baru."), stem);
        assert_eq!(made.load(Ordering::Relaxed), 3);
        // A sweep keeps what the build since the last sweep used.
        memo.sweep();
        memo.stems(&doc("Las", "Isi baru."), stem);
        memo.sweep();
        assert_eq!(memo.len(), 1);
    }

    #[test]
    fn a_memo_that_is_off_remembers_nothing() {
        let memo = Memo::default();
        let made = AtomicUsize::new(0);
        let stem = |_: &Doc| -> Stems {
            made.fetch_add(1, Ordering::Relaxed);
            Vec::new().into()
        };
        memo.stems(&doc("Las", ""), stem);
        memo.stems(&doc("Las", ""), stem);
        assert_eq!(made.load(Ordering::Relaxed), 2);
        assert_eq!(memo.len(), 0);
    }

    /// A document's key and stems: `words` of a small vocabulary.
    fn stemmed(words: &[(usize, u8)]) -> (Key, Stems) {
        let mut stems: Vec<(Arc<str>, u8)> = words
            .iter()
            .map(|&(w, level)| (Arc::from(format!("w{w:03}").as_str()), level))
            .collect();
        stems.sort_by(|a, b| a.0.cmp(&b.0));
        stems.dedup_by(|a, b| a.0 == b.0);
        let text = format!("{stems:?}");
        (*blake3::hash(text.as_bytes()).as_bytes(), stems.into())
    }

    #[test]
    fn patched_postings_are_those_made_anew() {
        // A small xorshift, so that the test is the same every run.
        let mut next = crate::testing::numbers(0x9e37_79b9_7f4a_7c15);
        let random_doc = |next: &mut dyn FnMut(usize) -> usize| {
            let words: Vec<(usize, u8)> =
                (0..next(12)).map(|_| (next(60), next(8) as u8)).collect();
            stemmed(&words)
        };
        let memo = Memo::on();
        let mut docs: Vec<(Key, Stems)> = (0..400).map(|_| random_doc(&mut next)).collect();
        let mut expect_patched = 0;
        for round in 0..60 {
            let patchable = round > 0 && round % 10 != 0;
            if round % 10 == 0 && round > 0 {
                // Documents added, or too many changed: made anew.
                match round % 20 {
                    0 => docs.push(random_doc(&mut next)),
                    // Each with a word of its own, so that each differs.
                    _ => (0..PATCH + 1).for_each(|i| docs[i] = stemmed(&[(1000 * round + i, 1)])),
                }
            } else {
                for _ in 0..next(6) {
                    let at = next(docs.len());
                    docs[at] = random_doc(&mut next);
                }
            }
            if patchable {
                expect_patched += 1;
            }
            let got = memo.postings(docs.clone());
            assert_eq!(got, sorted(&postings_of(&docs)), "round {round}");
            assert!(got.iter().all(|(_, list)| !list.is_empty()));
            assert_eq!(memo.patched(), expect_patched, "round {round}");
        }
    }
}
