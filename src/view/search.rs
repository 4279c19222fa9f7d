//! The search index of the public site, built from a [`Catalog`] of public
//! parts (so no draft and no internal field can reach it) and written as
//! scripts that hand their data to the page: a `<script>` element loads
//! them from `file://` too, where `fetch()` of a JSON file is refused.
//!
//! Format (read by `themes/default/static/search.js`; files in [`parts`]):
//!
//! ```text
//! assets/search-index-<hash>.js, loaded with the search page:
//! window.raporSearchIndex = {
//!   "v": 4,
//!   "n": documents,
//!   "per": records a file,
//!   "top": records a shard holds for each of its terms, at most,
//!   "parts": "assets/search-parts-<hash>/",
//!   "shards": ["", first term of shard 1, ...]
//! };
//! <parts>t<i>.js, shard i, the terms from shards[i] up to shards[i+1]:
//! raporSearchPart("t<i>", {
//!   "terms": { stem: postings, ... },
//!   "top": { stem: [doc * 8 + level, ...], ... },
//!   "records": { doc: record, ... }
//! });
//! <parts>d<j>.js, the records of documents j * per to j * per + per - 1:
//! raporSearchPart("d<j>", [record, ...]);
//! record: [kind, id, title, snippet, products?]
//! ```
//!
//! A shard's `top` lists, for each of its terms, its best `top` documents
//! (the highest level first, then in document order) and `records` holds
//! their records, so the page lists a one-word query's first results
//! without waiting for a record file ([`parts::TOP`]).
//!
//! `kind` is "s" story, "t" training, "p" partner (on a portal "f"
//! facility, "r" province, "k" skill). The folder's name is a
//! hash of every part, so a browser never mixes parts of two builds. A
//! document's page follows from its kind and id as in `view::story_url`
//! (`stories/<id>/index.html`, relative to the site root). `products`, on a
//! training whose outcomes made any, names them: the page shows the text
//! around a match in the snippet or the products, so a search for a product
//! shows why the training was found. `postings` lists the documents holding
//! the stem, in order, each as `gap * 8 + level`, where `gap` is the step
//! from the previous document's number (for the first, its number plus one)
//! and `level` says where and how often the document has the stem:
//! `field * 2 + often`, `field` the best place it appears in ([`Field`]:
//! 3 title, 2 products, 1 summary, 0 body) and `often` 1 when it is one of
//! the document's most frequent stems ([`KEYWORDS`], seen [`OFTEN`] times or
//! more). Each is written as a base-32 variable-length
//! number: digits most significant first, the last one from `0-9a-v`, the
//! others from `w-zA-Z-_`. Stems and stop words are those of [`stem`].

mod memo;
mod parts;
pub mod stem;

use std::collections::BTreeMap;

// FxHash: the index hashes millions of short words; SipHash's protection
// against crafted keys buys nothing on the site's own text.
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use rayon::prelude::*;

pub use self::memo::Memo;
use self::memo::Stems;
pub use self::parts::{Doc, SearchIndex};
use super::types::Catalog;
use crate::i18n;
use crate::markdown::excerpt;
use crate::model::{OutcomePublic, PartnerPublic, StoryPublic, TrainingPart};
use crate::vocab::Status;

/// Characters of a result's snippet, at most.
const SNIPPET: usize = 160;

/// Where in a document a word is: the better the place, the higher a
/// document holding the word ranks.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Body = 0,
    Summary = 1,
    /// What the training's outcomes made (products and services).
    Products = 2,
    Title = 3,
}

/// Times a stem must appear in a document to count as frequent there.
const OFTEN: u32 = 3;

/// A document's frequent stems are its [`KEYWORDS`] most frequent ones (and
/// any as frequent as the last of them): what the page is about. Marking
/// every stem seen three times instead made the gzipped index of the
/// 10,000-story bench site 51% larger than with a title flag alone; this
/// makes it 21% larger, most of that for the fields.
const KEYWORDS: usize = 10;

/// Documents whose text is made and stemmed at a time: the text of a whole
/// 100,000-story site, and every document's stems beside it, would be
/// gigabytes; a chunk's is a few megabytes.
const CHUNK: usize = 2048;

/// The index of the public stories, trainings and partners of `c`, with
/// the stems `memo` remembers.
pub fn build(c: &Catalog, memo: &Memo) -> SearchIndex {
    let sources = Sources::of(c);
    index_from(&sources.order, |s| sources.doc(s), memo)
}

/// The index of `docs`, in their order (the order of equally good results):
/// a portal's pages.
pub fn index_of(docs: Vec<Doc>) -> SearchIndex {
    index_from(&docs, Doc::clone, &Memo::default())
}

/// A document with its stems, each with its [`level`] there. A plain build
/// keeps them as made: only a memo shares them.
type Stemmed = (Doc, Vec<(Arc<str>, u8)>);

/// The index of the documents `doc` makes of `sources`, in their order. The
/// documents are made chunk by chunk; of each, only what a result shows
/// is kept once its stems are counted, and each stem is kept once, with its
/// postings.
fn index_from<S: Sync>(sources: &[S], doc: impl Fn(&S) -> Doc + Sync, memo: &Memo) -> SearchIndex {
    if memo.is_on() {
        return remembered(sources, doc, memo);
    }
    let mut records: Vec<Doc> = Vec::with_capacity(sources.len());
    let mut terms = Terms::default();
    let stem_chunk = |chunk: &[S]| -> Vec<Stemmed> {
        chunk
            .par_iter()
            .map_init(HashMap::default, |words, s| {
                let mut d = doc(s);
                let stems = stems_of(&d, words);
                d.summary = String::new();
                d.body = String::new();
                (d, stems)
            })
            .collect()
    };
    // Adding a chunk's stems to the terms is one thread's work: it is done
    // while the next chunk is stemmed, in order, so the index is the same.
    let mut stemmed: Option<Vec<Stemmed>> = None;
    for chunk in sources.chunks(CHUNK).map(Some).chain([None]) {
        let (next, ()) = rayon::join(
            || chunk.map(stem_chunk),
            || {
                for (d, stems) in stemmed.take().into_iter().flatten() {
                    let n = u32::try_from(records.len()).unwrap_or(u32::MAX >> 3);
                    for (stem, level) in stems.iter() {
                        terms.add(stem, parts::posting(n, *level));
                    }
                    records.push(d);
                }
            },
        );
        stemmed = next;
    }
    parts::write(&records, terms.sorted())
}

/// [`index_from`] when serving: every document at once, its stems found in
/// `memo` unless its text changed, and the postings of the last rebuild
/// patched where documents changed.
fn remembered<S: Sync>(sources: &[S], doc: impl Fn(&S) -> Doc + Sync, memo: &Memo) -> SearchIndex {
    let stemmed: Vec<(Doc, memo::Key, Stems)> = sources
        .par_iter()
        .map_init(HashMap::default, |words, s| {
            let mut d = doc(s);
            let (key, stems) = memo.stems(&d, |d| stems_of(d, words).into());
            d.summary = String::new();
            d.body = String::new();
            (d, key, stems)
        })
        .collect();
    let mut records = Vec::with_capacity(stemmed.len());
    let mut docs = Vec::with_capacity(stemmed.len());
    for (d, key, stems) in stemmed {
        records.push(d);
        docs.push((key, stems));
    }
    parts::write(&records, memo.postings(docs))
}

/// Every stem seen, once, with its postings in document order.
#[derive(Default)]
struct Terms {
    number: HashMap<Arc<str>, usize>,
    postings: Vec<(Arc<str>, Vec<u32>)>,
}

impl Terms {
    fn add(&mut self, stem: &Arc<str>, posting: u32) {
        match self.number.get(stem) {
            Some(&i) => self.postings[i].1.push(posting),
            None => {
                self.number.insert(stem.clone(), self.postings.len());
                self.postings.push((stem.clone(), vec![posting]));
            }
        }
    }

    fn sorted(self) -> Vec<(Arc<str>, Vec<u32>)> {
        drop(self.number);
        let mut all = self.postings;
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        all
    }
}

/// What the index of a site is made of, in the order in which equally good
/// results are listed: stories newest first, then trainings newest first,
/// then partners.
struct Sources<'a> {
    c: &'a Catalog<'a>,
    order: Vec<Source<'a>>,
    skills: BTreeMap<&'a str, &'a str>,
    outcomes_of: HashMap<&'a str, Vec<&'a OutcomePublic>>,
}

#[derive(Clone, Copy)]
enum Source<'a> {
    Story(&'a StoryPublic),
    Training(&'a TrainingPart<'a>),
    Partner(&'a PartnerPublic),
}

impl<'a> Sources<'a> {
    fn of(c: &'a Catalog<'a>) -> Self {
        let mut stories: Vec<_> = c.stories.iter().map(|(s, _)| *s).collect();
        stories.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let mut trainings: Vec<_> = c.trainings.iter().map(|(t, _)| t).collect();
        trainings.sort_by(|a, b| b.start().cmp(&a.start()).then_with(|| a.id().cmp(b.id())));
        let mut order: Vec<Source> = stories.into_iter().map(Source::Story).collect();
        order.extend(trainings.into_iter().map(Source::Training));
        order.extend(c.partners.iter().map(|p| Source::Partner(p)));
        let skills = c
            .site
            .skills
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mut outcomes_of: HashMap<&str, Vec<_>> = HashMap::default();
        for o in &c.outcomes {
            outcomes_of.entry(o.training.as_str()).or_default().push(*o);
        }
        Sources {
            c,
            order,
            skills,
            outcomes_of,
        }
    }

    /// The document of one source, with its text. Plain text comes from
    /// the catalog's memo: a build makes it anew, a rebuild of `rapor serve`
    /// makes only the edited records'.
    fn doc(&self, source: &Source) -> Doc {
        let plain = |md: &str| self.c.md.plain(md);
        match *source {
            Source::Story(s) => {
                let body = plain(&s.body_md);
                let summary = s.summary.clone().unwrap_or_default();
                let snippet = if summary.is_empty() { &body } else { &summary };
                Doc {
                    kind: "s",
                    id: s.id.clone(),
                    title: s.title.clone(),
                    snippet: excerpt(snippet, SNIPPET),
                    products: String::new(),
                    summary: [summary.as_str(), &s.tags.join(" ")].join("\n"),
                    body,
                }
            }
            Source::Training(t) => self.training(t),
            Source::Partner(p) => {
                let description = p.description_md.as_deref().map(plain).unwrap_or_default();
                Doc {
                    kind: "p",
                    id: p.id.clone(),
                    title: p.name.clone(),
                    snippet: excerpt(&description, SNIPPET),
                    products: String::new(),
                    summary: p.contributions.join(" "),
                    body: description,
                }
            }
        }
    }

    fn training(&self, t: &TrainingPart) -> Doc {
        let skill = self.skills.get(t.skill()).copied().unwrap_or(t.skill());
        let Some(t) = t.full() else {
            // Planned, on the public site: its title, skill and dates only.
            let dates = i18n::date_range(self.c.site.language, t.start(), t.end());
            return Doc {
                kind: "t",
                id: t.id().to_string(),
                title: t.title().to_string(),
                snippet: format!("{skill} · {dates}"),
                products: String::new(),
                summary: [skill, dates.as_str()].join("\n"),
                body: String::new(),
            };
        };
        let plain = |md: &str| self.c.md.plain(md);
        let body = plain(&t.body_md);
        let mut summary = vec![skill.to_string(), t.location.clone().unwrap_or_default()];
        let mut products: Vec<&str> = Vec::new();
        // What the training page shows of its outcomes (none while planned).
        if t.status != Status::Planned {
            for o in self.outcomes_of.get(t.id.as_str()).into_iter().flatten() {
                products.extend(o.products.iter().map(|p| p.name.as_str()));
                products.extend(o.services.iter().map(|s| s.name.as_str()));
                summary.extend(o.summary_md.as_deref().map(plain));
            }
        }
        let snippet = if body.is_empty() {
            skill.to_string()
        } else {
            excerpt(&body, SNIPPET)
        };
        Doc {
            kind: "t",
            id: t.id.clone(),
            title: t.title.clone(),
            snippet,
            products: products.join(" · "),
            summary: summary.join("\n"),
            body,
        }
    }
}

/// The stems of one document, sorted, each with its level (see the module
/// comment: the best field it appears in, and whether it appears often).
/// `memo` remembers the stems of words this thread has seen: a site repeats
/// its words far more often than it has distinct ones. Words are gathered in
/// a hash map rather than sorted: a story has some 800 words but only a few
/// hundred distinct ones, and sorting them all was most of the index's cost.
fn stems_of(d: &Doc, memo: &mut HashMap<String, Option<Arc<str>>>) -> Vec<(Arc<str>, u8)> {
    let fields = [
        (stem::fold(&d.title), Field::Title),
        (stem::fold(&d.products), Field::Products),
        (stem::fold(&d.summary), Field::Summary),
        (stem::fold(&d.body), Field::Body),
    ];
    // word -> (best field, times)
    let mut words: HashMap<&str, (Field, u32)> =
        HashMap::with_capacity_and_hasher(512, Default::default());
    for (text, field) in &fields {
        // One letter is never searchable, and most of what `split` gives
        // is the empty strings between folded punctuation.
        for w in text.split(' ').filter(|w| w.len() > 1) {
            let (best, times) = words.entry(w).or_insert((*field, 0));
            *best = (*best).max(*field);
            *times += 1;
        }
    }
    let mut stems: HashMap<Arc<str>, (Field, u32)> =
        HashMap::with_capacity_and_hasher(words.len(), Default::default());
    for (w, (field, times)) in words {
        // A word's stem, or None for a stop word: decided once per thread.
        let stemmed = match memo.get(w) {
            Some(s) => s.clone(),
            None => {
                let s = stem::searchable(w).then(|| Arc::<str>::from(stem::stem(w)));
                memo.insert(w.to_string(), s.clone());
                s
            }
        };
        let Some(s) = stemmed else {
            continue;
        };
        let e = stems.entry(s).or_insert((Field::Body, 0));
        e.0 = e.0.max(field);
        e.1 += times;
    }
    // The KEYWORDS-th largest count, without ordering all of them.
    let mut counts: Vec<u32> = stems.values().map(|&(_, times)| times).collect();
    let nth = match counts.len() {
        n if n >= KEYWORDS => {
            *counts
                .select_nth_unstable_by(KEYWORDS - 1, |a, b| b.cmp(a))
                .1
        }
        _ => 0,
    };
    let often = nth.max(OFTEN);
    let mut stems: Vec<(Arc<str>, u8)> = stems
        .into_iter()
        .map(|(s, (field, times))| (s, level(field, times >= often)))
        .collect();
    stems.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    stems
}

/// A posting's level: `field * 2 + often`.
fn level(field: Field, often: bool) -> u8 {
    field as u8 * 2 + u8::from(often)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_beats_products_beats_a_summary_beats_the_body() {
        assert!(level(Field::Title, false) > level(Field::Products, true));
        assert!(level(Field::Products, false) > level(Field::Summary, true));
        assert!(level(Field::Summary, false) > level(Field::Body, true));
        assert!(level(Field::Body, true) > level(Field::Body, false));
    }

    #[test]
    fn a_served_index_is_the_index_of_a_plain_build() {
        // More documents than a chunk, with shared and own words.
        let docs: Vec<Doc> = (0..CHUNK + 300)
            .map(|i| Doc {
                kind: "s",
                id: format!("berita-{i}"),
                title: format!("Pelatihan menjahit angkatan {i}"),
                snippet: String::new(),
                products: if i % 7 == 0 {
                    "Kursi jati".into()
                } else {
                    String::new()
                },
                summary: format!("Warga binaan belajar {}", ["las", "cukur", "rias"][i % 3]),
                body: format!(
                    "Isi berita {i} tentang kerajinan dan keterampilan kerja {}",
                    i % 11
                ),
            })
            .collect();
        let plain = index_from(&docs, Doc::clone, &Memo::default());
        let memo = Memo::on();
        let served = index_from(&docs, Doc::clone, &memo);
        assert_eq!(plain.path, served.path);
        assert_eq!(plain.files, served.files);
        // And after an edit, patched, as a plain build of the edited documents.
        let mut edited = docs.clone();
        edited[5].title = "Judul yang baru sekali".into();
        edited[CHUNK + 10].body = "Tanpa kata yang sama".into();
        let served = index_from(&edited, Doc::clone, &memo);
        assert_eq!(memo.patched(), 1);
        let plain = index_from(&edited, Doc::clone, &Memo::default());
        assert_eq!(plain.files, served.files);
    }
}
