//! Watching the site for `rapor serve`: which changes matter, and what kind
//! of change each one is. [`classify`] is pure; [`watch`] wires notify to it.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::RecursiveMode;
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

/// Watches `content/` and `themes/` of `site`, sending the relevant changes
/// of each debounced batch. Reading a file raises an access event on Linux:
/// those are ignored, or a server that reads what it watches would rebuild
/// forever. The returned watcher must be kept alive.
pub fn watch(site: &Path, tx: Sender<Vec<Change>>) -> Result<impl Drop, Message> {
    let root = site.to_path_buf();
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut changes: Vec<Change> = events
            .iter()
            .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
            .flat_map(|e| e.event.paths.iter())
            .map(|p| classify(&relative(&root, p)))
            .filter(|c| *c != Change::Ignored)
            .collect();
        changes.sort();
        changes.dedup();
        if !changes.is_empty() {
            let _ = tx.send(changes);
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
