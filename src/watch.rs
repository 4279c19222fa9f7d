//! Watching the site for `rapor serve`: which changes matter, and what kind
//! of change each one is. [`classify`] is pure; [`watch`] wires notify to it.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::msg::{Message, msg};

/// What a changed path is, as far as rebuilding is concerned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// `content/site.yaml`: everything may change.
    Site,
    /// A record file (`content/stories/x.md`, `content/partners/y.yaml`, ...).
    Record { folder: String, id: String },
    /// A photo or other attachment under `content/`.
    Photo(String),
    /// A template or stylesheet under `themes/`.
    Theme(String),
    /// The watcher lost events: anything may have changed.
    Lost,
    /// Not something a build reads: output, the cache, editor backups.
    Ignored,
}

impl Change {
    /// A short description for the terminal.
    pub fn describe(&self) -> String {
        match self {
            Change::Site => "site.yaml".into(),
            Change::Record { folder, id } => format!("{folder}/{id}"),
            Change::Photo(p) => msg!("change_photo", path = p).to_string(),
            Change::Theme(t) => msg!("change_theme", path = t).to_string(),
            Change::Lost => msg!("change_lost").to_string(),
            Change::Ignored => msg!("change_nothing").to_string(),
        }
    }
}

/// Classifies a changed path, given relative to the site folder.
pub fn classify(rel: &Path) -> Change {
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let Some(name) = parts.last() else {
        return Change::Ignored;
    };
    let editor_noise = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp");
    if editor_noise || parts.iter().any(|p| p.starts_with('.') && *p != ".") {
        return Change::Ignored;
    }
    match parts.as_slice() {
        ["content", "site.yaml"] => Change::Site,
        ["content", rest @ ..] => classify_content(rest),
        ["themes", rest @ ..] if !rest.is_empty() => Change::Theme(rest.join("/")),
        _ => Change::Ignored,
    }
}

fn classify_content(rest: &[&str]) -> Change {
    let ext = |f: &str| f.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let record = |folder: &str, file: &str, id: &str| {
        let folder = folder.to_string();
        match ext(file).as_deref() {
            Some("md" | "yaml" | "yml") => Change::Record {
                folder,
                id: id.to_string(),
            },
            Some("jpg" | "jpeg" | "png" | "heic") => Change::Photo(format!("{folder}/{file}")),
            _ => Change::Ignored,
        }
    };
    match rest {
        ["internal", "rosters", file] => record("internal/rosters", file, stem(file)),
        [folder, bundle, file] if *file == "index.md" => record(folder, file, bundle),
        [folder, bundle, file] => match ext(file).as_deref() {
            Some("jpg" | "jpeg" | "png" | "heic") => {
                Change::Photo(format!("{folder}/{bundle}/{file}"))
            }
            _ => Change::Ignored,
        },
        [folder, file] => record(folder, file, stem(file)),
        _ => Change::Ignored,
    }
}

fn stem(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

/// One debounced batch of changes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// What changed, sorted, each once.
    pub changes: Vec<Change>,
    /// When nothing happened but record files' bytes being rewritten in
    /// place: those files, relative to the site folder, for a build to read
    /// alone instead of walking `content/`. `None` for anything else: a
    /// file made, removed or renamed, a photo or a theme, or events the
    /// watcher lost (then every file must be looked at again).
    pub rewritten: Option<Vec<PathBuf>>,
}

impl Batch {
    /// Adds a later batch: one rebuild for a burst.
    pub fn merge(&mut self, later: Batch) {
        self.changes.extend(later.changes);
        self.changes.sort();
        self.changes.dedup();
        self.rewritten = match (self.rewritten.take(), later.rewritten) {
            (Some(mut a), Some(b)) => {
                a.extend(b);
                a.sort();
                a.dedup();
                Some(a)
            }
            _ => None,
        };
    }
}

/// The batch of `events` (kind, paths, and whether the backend lost some),
/// paths made relative to `root`, the site folder.
fn batch_of<'e>(
    root: &Path,
    events: impl IntoIterator<Item = (&'e EventKind, &'e [PathBuf], bool)>,
) -> Batch {
    let mut changes = Vec::new();
    let mut rewritten = Some(Vec::new());
    for (kind, paths, lost) in events {
        if lost {
            changes.push(Change::Lost);
            rewritten = None;
        }
        // Reading a file raises an access event on Linux.
        if matches!(kind, EventKind::Access(_)) {
            continue;
        }
        let in_place = matches!(
            kind,
            EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Metadata(_))
        );
        for path in paths {
            let rel = relative(root, path);
            let change = classify(&rel);
            if change == Change::Ignored {
                continue;
            }
            match (&change, in_place, rewritten.as_mut()) {
                (Change::Record { .. } | Change::Site, true, Some(r)) => r.push(rel),
                _ => rewritten = None,
            }
            changes.push(change);
        }
    }
    changes.sort();
    changes.dedup();
    if let Some(r) = rewritten.as_mut() {
        r.sort();
        r.dedup();
    }
    Batch { changes, rewritten }
}

/// Watches `content/` and `themes/` of `site`, sending the relevant changes
/// of each debounced batch. Events the watcher could not deliver are sent
/// as [`Change::Lost`], never dropped. The returned watcher must be kept
/// alive.
pub fn watch(site: &Path, tx: Sender<Batch>) -> Result<impl Drop, Message> {
    let root = site.to_path_buf();
    let handler = move |result: DebounceEventResult| {
        let batch = match result {
            Ok(events) => batch_of(
                &root,
                events.iter().map(|e| {
                    (
                        &e.event.kind,
                        e.event.paths.as_slice(),
                        e.event.need_rescan(),
                    )
                }),
            ),
            Err(_) => Batch {
                changes: vec![Change::Lost],
                rewritten: None,
            },
        };
        if !batch.changes.is_empty() {
            let _ = tx.send(batch);
        }
    };
    let mut debouncer = new_debouncer(Duration::from_millis(25), None, handler)
        .map_err(|e| msg!("plain", text = e))?;
    for dir in ["content", "themes"] {
        let path = site.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| msg!("watch_cannot", path = path.display(), error = e))?;
        }
    }
    Ok(debouncer)
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(p: &str) -> Change {
        classify(Path::new(p))
    }

    #[test]
    fn records_photos_and_themes_are_told_apart() {
        assert_eq!(c("content/site.yaml"), Change::Site);
        assert_eq!(
            c("content/stories/berita.md"),
            Change::Record {
                folder: "stories".into(),
                id: "berita".into()
            }
        );
        assert_eq!(
            c("content/trainings/las-1/index.md"),
            Change::Record {
                folder: "trainings".into(),
                id: "las-1".into()
            }
        );
        assert_eq!(
            c("content/internal/rosters/las-1.yaml"),
            Change::Record {
                folder: "internal/rosters".into(),
                id: "las-1".into()
            }
        );
        assert_eq!(
            c("content/trainings/las-1/foto.JPG"),
            Change::Photo("trainings/las-1/foto.JPG".into())
        );
        assert_eq!(
            c("content/partners/logo.png"),
            Change::Photo("partners/logo.png".into())
        );
        assert_eq!(
            c("themes/default/templates/story.html"),
            Change::Theme("default/templates/story.html".into())
        );
    }

    /// The batch of events given as (kind, path under the site, lost).
    fn b(events: &[(EventKind, &str, bool)]) -> Batch {
        let root = Path::new("/situs");
        let owned: Vec<(EventKind, Vec<PathBuf>, bool)> = events
            .iter()
            .map(|(k, p, lost)| (*k, vec![root.join(p)], *lost))
            .collect();
        batch_of(root, owned.iter().map(|(k, p, l)| (k, p.as_slice(), *l)))
    }

    #[test]
    fn only_records_rewritten_in_place_may_be_read_alone() {
        use notify::event::{
            AccessKind, CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode,
        };
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let story = "content/stories/berita.md";
        let rewritten = |events: &[(EventKind, &str, bool)]| b(events).rewritten;
        assert_eq!(
            rewritten(&[(data, story, false), (data, "content/site.yaml", false)]),
            Some(vec![
                PathBuf::from("content/site.yaml"),
                PathBuf::from(story)
            ])
        );
        let touched = EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime));
        assert!(rewritten(&[(touched, story, false)]).is_some());
        // Reading and editor noise change nothing.
        let read = EventKind::Access(AccessKind::Any);
        let noise = [
            (read, story, false),
            (data, "content/stories/.berita.md.swp", false),
        ];
        assert_eq!(
            b(&noise),
            Batch {
                changes: vec![],
                rewritten: Some(vec![])
            }
        );
        // Made, removed, renamed, a photo, a theme, lost events: walk.
        for other in [
            (EventKind::Create(CreateKind::File), story),
            (EventKind::Remove(RemoveKind::File), story),
            (EventKind::Modify(ModifyKind::Name(RenameMode::Both)), story),
            (EventKind::Any, story),
            (data, "content/trainings/las-1/foto.jpg"),
            (data, "themes/default/templates/story.html"),
        ] {
            assert_eq!(
                rewritten(&[(data, story, false), (other.0, other.1, false)]),
                None,
                "{other:?}"
            );
        }
        let lost = b(&[(data, story, true)]);
        assert_eq!(lost.rewritten, None);
        assert!(lost.changes.contains(&Change::Lost));
    }

    #[test]
    fn a_burst_reads_alone_only_what_each_batch_allows() {
        let data = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any));
        let made = EventKind::Create(notify::event::CreateKind::File);
        let mut burst = b(&[(data, "content/stories/a.md", false)]);
        burst.merge(b(&[(data, "content/stories/b.md", false)]));
        burst.merge(b(&[(data, "content/stories/a.md", false)]));
        let both = ["content/stories/a.md", "content/stories/b.md"].map(PathBuf::from);
        assert_eq!(burst.rewritten, Some(both.to_vec()));
        assert_eq!(burst.changes.len(), 2);
        burst.merge(b(&[(made, "content/stories/c.md", false)]));
        assert_eq!(burst.rewritten, None);
        burst.merge(b(&[(data, "content/stories/a.md", false)]));
        assert_eq!(burst.rewritten, None);
    }

    #[test]
    fn output_caches_and_editor_files_are_ignored() {
        for p in [
            "output/public/index.html",
            ".rapor-cache/photos/x-480.jpg",
            "content/stories/.berita.md.swp",
            "content/stories/berita.md~",
            "content/.git/HEAD",
            "content/stories/notes.txt",
            "README.md",
            "themes",
        ] {
            assert_eq!(c(p), Change::Ignored, "{p}");
        }
    }
}
