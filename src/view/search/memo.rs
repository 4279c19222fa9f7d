//! What `rapor serve` remembers of the search index between rebuilds: the
//! stems of each document, by a hash of the text they come from, so that an
//! edit stems the edited records only. Stemming every document was most of
//! a rebuild at 10,000 stories (39% of its CPU).

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap as HashMap;

use super::parts::Doc;

/// A document's stems, sorted, each with its level there.
pub(super) type Stems = Arc<[(Arc<str>, u8)]>;

/// Stems remembered between rebuilds; `Memo::default()` remembers nothing
/// (a plain build stems each document once).
#[derive(Default)]
pub struct Memo {
    inner: Option<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    /// hash of the text -> (stems, generation last used)
    stems: HashMap<[u8; 32], (Stems, u64)>,
    generation: u64,
}

impl Memo {
    pub fn on() -> Memo {
        Memo {
            inner: Some(Mutex::default()),
        }
    }

    /// The stems of `d`: remembered, or made by `stem` (and remembered).
    pub(super) fn stems(&self, d: &Doc, stem: impl FnOnce(&Doc) -> Stems) -> Stems {
        let Some(inner) = &self.inner else {
            return stem(d);
        };
        let key = key(d);
        if let Ok(mut m) = inner.lock() {
            let generation = m.generation;
            if let Some((stems, used)) = m.stems.get_mut(&key) {
                *used = generation;
                return stems.clone();
            }
        }
        let stems = stem(d);
        if let Ok(mut m) = inner.lock() {
            let generation = m.generation;
            m.stems.insert(key, (stems.clone(), generation));
        }
        stems
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
    fn len(&self) -> usize {
        self.inner
            .as_ref()
            .and_then(|i| i.lock().ok().map(|m| m.stems.len()))
            .unwrap_or(0)
    }
}

/// The hash of what a document's stems are made of: every field that is
/// stemmed, each with its length, so that no two documents' texts run
/// together the same way.
fn key(d: &Doc) -> [u8; 32] {
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
        let first = memo.stems(&doc("Las", "Isi."), stem);
        let again = memo.stems(&doc("Las", "Isi."), stem);
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
}
