//! The Markdown memo of `rapor serve`: fragments rendered once, reused
//! while their text and the ids before them are unchanged.

use super::{IdSet, excerpt, plain_excerpt, to_html, to_plain};

/// Remembers rendered fragments between the rebuilds of `rapor serve`, so an
/// edit re-renders the Markdown of the edited record only. A plain build
/// remembers within itself only, for the public and the internal views share
/// text. `Memo::default()` remembers nothing.
#[derive(Default)]
pub struct Memo {
    inner: Option<std::sync::Mutex<MemoInner>>,
    /// Whether plain text is remembered too: between rebuilds, yes; within
    /// one build, no, for it is made about once per fragment and a large
    /// site's would be hundreds of megabytes.
    plain_too: bool,
}

#[derive(Default)]
struct MemoInner {
    /// key -> (html, ids the fragment claimed, sweep generation last used)
    html: std::collections::HashMap<u64, (std::sync::Arc<str>, Vec<String>, u64)>,
    plain: std::collections::HashMap<u64, (String, u64)>,
    generation: u64,
}

impl Memo {
    /// Remembers HTML and plain text, between the rebuilds of `serve`.
    pub fn on() -> Self {
        Memo {
            inner: Some(Default::default()),
            plain_too: true,
        }
    }

    /// Remembers HTML only, within one build.
    pub fn within_build() -> Self {
        Memo {
            inner: Some(Default::default()),
            plain_too: false,
        }
    }

    fn key(md: &str, ids: Option<&IdSet>) -> u64 {
        // blake3 is several times faster than SipHash on long texts.
        let mut h = blake3::Hasher::new();
        h.update(md.as_bytes());
        for id in ids.iter().flat_map(|i| &i.used) {
            h.update(b"\0");
            h.update(id.as_bytes());
        }
        let bytes = h.finalize();
        u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or_default())
    }

    /// [`to_html`], remembered. The result depends on the ids already used
    /// on the page, so they are part of the key.
    pub fn html(&self, md: &str, ids: &mut IdSet) -> std::sync::Arc<str> {
        let Some(inner) = &self.inner else {
            return to_html(md, ids).into();
        };
        let key = Self::key(md, Some(ids));
        if let Ok(mut m) = inner.lock() {
            let generation = m.generation;
            if let Some((html, claimed, used)) = m.html.get_mut(&key) {
                *used = generation;
                ids.used.extend(claimed.iter().cloned());
                return html.clone();
            }
        }
        let before = ids.used.clone();
        let html: std::sync::Arc<str> = to_html(md, ids).into();
        let claimed: Vec<String> = ids.used.difference(&before).cloned().collect();
        if let Ok(mut m) = inner.lock() {
            let generation = m.generation;
            m.html.insert(key, (html.clone(), claimed, generation));
        }
        html
    }

    /// [`to_plain`], remembered.
    pub fn plain(&self, md: &str) -> String {
        let Some(inner) = self.inner.as_ref().filter(|_| self.plain_too) else {
            return to_plain(md);
        };
        let key = Self::key(md, None);
        if let Ok(mut m) = inner.lock() {
            let generation = m.generation;
            if let Some((text, used)) = m.plain.get_mut(&key) {
                *used = generation;
                return text.clone();
            }
        }
        let text = to_plain(md);
        if let Ok(mut m) = inner.lock() {
            let generation = m.generation;
            m.plain.insert(key, (text.clone(), generation));
        }
        text
    }

    /// [`excerpt`] of [`Self::plain`]: remembered between rebuilds, read
    /// only as far as it needs within one build.
    pub fn excerpt(&self, md: &str, max: usize) -> String {
        if self.inner.is_some() && self.plain_too {
            excerpt(&self.plain(md), max)
        } else {
            plain_excerpt(md, max)
        }
    }

    /// Forgets every fragment: a plain build, once both views are built,
    /// has no more use for them.
    pub fn clear(&self) {
        if let Some(Ok(mut m)) = self.inner.as_ref().map(|i| i.lock()) {
            m.html = Default::default();
            m.plain = Default::default();
        }
    }

    /// Forgets fragments the last build did not use, so memory follows the
    /// content rather than the number of edits.
    pub fn sweep(&self) {
        if let Some(Ok(mut m)) = self.inner.as_ref().map(|i| i.lock()) {
            let current = m.generation;
            m.html.retain(|_, v| v.2 == current);
            m.plain.retain(|_, v| v.1 == current);
            m.generation += 1;
        }
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    #[test]
    fn a_remembered_fragment_claims_the_same_ids() {
        let memo = Memo::on();
        let mut a = IdSet::for_page();
        let first = memo.html("## Hasil\n", &mut a);
        let mut b = IdSet::for_page();
        let again = memo.html("## Hasil\n", &mut b);
        assert_eq!(first, again);
        // The id was claimed on the second page too, so a clash is still avoided.
        assert!(memo.html("## Hasil\n", &mut b).contains("id=\"hasil-2\""));
    }

    #[test]
    fn sweeping_forgets_what_the_last_build_did_not_use() {
        let memo = Memo::on();
        memo.html("old", &mut IdSet::for_page());
        memo.sweep(); // the build that rendered "old" ends
        memo.html("new", &mut IdSet::for_page());
        memo.sweep(); // "old" was not used in this build
        let inner = memo.inner.as_ref().unwrap().lock().unwrap();
        assert_eq!(inner.html.len(), 1);
    }
}
