//! [`Incremental`]: what `rapor serve` keeps between rebuilds so that an
//! edit redoes only what it touches. Owned here, lent to each build as a
//! [`pipeline::Reuse`]; a plain `rapor build` has none of it.

use std::path::{Path, PathBuf};

use crate::audit::Cleared;
use crate::diag::{Diagnostics, Reported};
use crate::load::{Content, Overlay};
use crate::markdown::memo::Memo;
use crate::model::ParseMemo;
use crate::pipeline::{self, InMemory, Reuse, Sites};
use crate::render::PageCache;
use crate::view::search;

/// The site a server shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Public,
    Internal,
}

/// The loaded content, the parsed records, the rendered Markdown and the
/// rendered pages of the last build, and which site is built.
pub struct Incremental {
    shown: Shown,
    /// Both sites for the editor's previews; else the shown one.
    both: bool,
    content: Option<Content>,
    parse: ParseMemo,
    md: Memo,
    stems: search::Memo,
    /// Empty until a build got as far as rendering.
    pages: [PageCache; 2],
    /// What the last build's leak audit let through.
    cleared: Cleared,
}

impl Incremental {
    pub fn new(shown: Shown) -> Self {
        Incremental {
            shown,
            both: false,
            content: None,
            parse: ParseMemo::default(),
            md: Memo::on(),
            stems: search::Memo::on(),
            pages: Default::default(),
            cleared: Cleared::default(),
        }
    }

    /// Builds both sites at each rebuild: the editor previews either.
    pub fn both() -> Self {
        Incremental {
            both: true,
            ..Incremental::new(Shown::Public)
        }
    }

    /// Builds the shown site into memory, reusing what the last build left.
    pub fn build(&mut self, site: &Path, diags: &mut Diagnostics) -> Result<InMemory, Reported> {
        self.build_with(site, None, diags)
    }

    /// [`Incremental::build`] after the watcher saw only the record files
    /// `rewritten` change (paths relative to the site folder): the load
    /// reads those again instead of walking `content/`, unless the last
    /// load cannot stand in for a walk (`load::Content::reread`).
    pub fn build_after(
        &mut self,
        site: &Path,
        rewritten: Option<&[PathBuf]>,
        diags: &mut Diagnostics,
    ) -> Result<InMemory, Reported> {
        self.build_from(site, None, rewritten, diags)
    }

    /// [`Incremental::build`] with changes laid over the files on disk:
    /// what the site would be once they are written.
    pub fn build_with(
        &mut self,
        site: &Path,
        overlay: Option<&Overlay>,
        diags: &mut Diagnostics,
    ) -> Result<InMemory, Reported> {
        self.build_from(site, overlay, None, diags)
    }

    fn build_from(
        &mut self,
        site: &Path,
        overlay: Option<&Overlay>,
        rewritten: Option<&[PathBuf]>,
        diags: &mut Diagnostics,
    ) -> Result<InMemory, Reported> {
        let sites = match (self.both, self.shown) {
            (true, _) => Sites::Both,
            (false, Shown::Public) => Sites::Public,
            (false, Shown::Internal) => Sites::Internal,
        };
        let reuse = Reuse {
            content: &mut self.content,
            parse: &mut self.parse,
            md: &self.md,
            stems: &self.stems,
            pages: &mut self.pages,
            cleared: &mut self.cleared,
            overlay,
            rewritten,
        };
        pipeline::build_memory(site, sites, reuse, diags)
    }

    /// What the last build loaded (with its overlay, if any).
    pub fn content(&self) -> Option<&Content> {
        self.content.as_ref()
    }

    pub fn shown(&self) -> Shown {
        self.shown
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diag::Diagnostics;
    use crate::pipeline::{Body, Memory};

    fn copy(from: &Path, to: &Path) {
        for e in walkdir::WalkDir::new(from) {
            let e = e.unwrap();
            let dest = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
    }

    /// The basic fixture's content in a folder of its own, and a server's
    /// memory of it, empty.
    fn fixture() -> (tempfile::TempDir, Incremental) {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic/content");
        copy(&fixture, &dir.path().join("content"));
        (dir, Incremental::new(Shown::Public))
    }

    /// Makes words the story's summary shows a participant's name. No figure
    /// changes, so no page is rendered again. Returns the roster's path.
    fn name_words_an_unchanged_page_shows(site: &Path) -> PathBuf {
        let rel = PathBuf::from("content/internal/rosters/jahit-1.yaml");
        let roster = site.join(&rel);
        let text = std::fs::read_to_string(&roster).unwrap();
        std::fs::write(&roster, text.replace("Peserta Tiga", "Ringkasan Berita")).unwrap();
        rel
    }

    fn berita_is_named(diags: &Diagnostics) {
        let named = diags.sorted();
        assert!(
            named.iter().any(|d| d.file.ends_with("stories/berita.md")),
            "{named:?}"
        );
    }

    /// Pages whose bytes were made anew (not reused) between two builds.
    fn rerendered(before: &Memory, after: &Memory) -> Vec<String> {
        after
            .iter()
            .filter(|(path, body)| match (before.get(*path), body) {
                (Some(Body::Bytes(a)), Body::Bytes(b)) => !Arc::ptr_eq(a, b),
                _ => true,
            })
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// What the rebuilds remembered makes the same site as a first build.
    fn same_as_a_first_build(site: &Path, built: &Memory) {
        let mut diags = Diagnostics::new();
        let fresh = Incremental::new(Shown::Public)
            .build(site, &mut diags)
            .unwrap()
            .public;
        assert_eq!(built.len(), fresh.len());
        for (path, body) in &fresh {
            match (body, built.get(path)) {
                (Body::Bytes(a), Some(Body::Bytes(b))) => assert_eq!(a, b, "{path}"),
                (Body::File(a), Some(Body::File(b))) => assert_eq!(a, b, "{path}"),
                _ => panic!("{path} differs"),
            }
        }
    }

    #[test]
    fn a_roster_name_is_found_in_pages_that_did_not_change() {
        let (dir, mut inc) = fixture();
        let mut diags = Diagnostics::new();
        inc.build(dir.path(), &mut diags).unwrap();
        assert!(!diags.has_errors());
        name_words_an_unchanged_page_shows(dir.path());
        assert!(inc.build(dir.path(), &mut diags).is_err());
        berita_is_named(&diags);
    }

    #[test]
    fn an_edited_story_re_renders_only_the_pages_that_show_it() {
        let (dir, mut inc) = fixture();
        let mut diags = Diagnostics::new();
        let built = inc.build(dir.path(), &mut diags).unwrap();
        let first = built.public;
        let pages = first.keys().filter(|p| p.ends_with(".html")).count();
        assert_eq!(built.rendered, pages, "a first build renders every page");

        let built = inc.build(dir.path(), &mut diags).unwrap();
        let same = built.public;
        assert_eq!(built.rendered, 0, "nothing changed, nothing rendered");
        // Every file is as the audit let it through last time, photos too.
        assert!(same.values().any(|b| matches!(b, Body::File(_))));
        assert_eq!(built.audited, 0);
        assert!(rerendered(&first, &same).is_empty());

        let story = dir.path().join("content/stories/berita.md");
        let text = std::fs::read_to_string(&story)
            .unwrap()
            .replace("Isi berita.", "Isi berita yang baru.");
        std::fs::write(&story, text).unwrap();
        let built = inc.build(dir.path(), &mut diags).unwrap();
        let after = built.public;
        // The story's page and the search index it changed (the search
        // page names the index, and its shards and record files).
        let changed = after
            .iter()
            .filter(|(path, body)| match (same.get(*path), body) {
                (Some(Body::Bytes(a)), Body::Bytes(b)) => a != b,
                (Some(Body::File(a)), Body::File(b)) => a != b,
                _ => true,
            })
            .count();
        assert_eq!(built.audited, changed);
        same_as_a_first_build(dir.path(), &after);
        // The body shows on the story's page only; the search page names the
        // index, whose file name follows its content.
        assert_eq!(
            rerendered(&same, &after),
            ["search/index.html", "stories/berita/index.html"]
        );

        let text = std::fs::read_to_string(&story)
            .unwrap()
            .replace("title: Berita Uji", "title: Judul Baru");
        std::fs::write(&story, text).unwrap();
        let titled = inc.build(dir.path(), &mut diags).unwrap().public;
        // The title also shows in the lists and on the pages that link the story.
        assert_eq!(
            rerendered(&after, &titled),
            [
                "index.html",
                "partners/mitra-a/index.html",
                // The report of the story's training's cycle lists it.
                "report/2025-10/index.html",
                "search/index.html",
                "stories/berita/index.html",
                "stories/index.html",
                "trainings/las-1/index.html",
            ]
        );
        assert!(!diags.has_errors());
        same_as_a_first_build(dir.path(), &titled);
    }

    /// The watcher's word for what changed stands in for the walk, and the
    /// site it gives is the one a first build makes, for the audit too.
    #[test]
    fn records_read_alone_build_the_site_a_walk_builds() {
        let (dir, mut inc) = fixture();
        let mut diags = Diagnostics::new();
        inc.build(dir.path(), &mut diags).unwrap();

        let rel = PathBuf::from("content/stories/berita.md");
        let story = dir.path().join(&rel);
        let time = std::fs::metadata(&story).unwrap().modified().unwrap();
        let text = std::fs::read_to_string(&story).unwrap();
        std::fs::write(
            &story,
            text.replace("title: Berita Uji", "title: Berita Ujx"),
        )
        .unwrap();
        // The same size and time: only reading the file tells the texts apart.
        let file = std::fs::File::options().write(true).open(&story).unwrap();
        file.set_modified(time).unwrap();
        let built = inc
            .build_after(dir.path(), Some(&[rel]), &mut diags)
            .unwrap();
        let page = match built.public.get("stories/berita/index.html") {
            Some(Body::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
            _ => panic!("no story page"),
        };
        assert!(page.contains("Berita Ujx"));
        assert!(!diags.has_errors());
        same_as_a_first_build(dir.path(), &built.public);

        // A roster rewritten: its new name is looked for in unchanged pages.
        let rel = name_words_an_unchanged_page_shows(dir.path());
        assert!(
            inc.build_after(dir.path(), Some(&[rel]), &mut diags)
                .is_err()
        );
        berita_is_named(&diags);
    }
}
