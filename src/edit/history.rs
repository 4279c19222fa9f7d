//! The undo history of the editor: the last [`KEEP`] texts of each record
//! file before a save, under `.rapor/undo/` in the site folder (outside
//! `content/`, so never built nor published).

use std::path::{Path, PathBuf};

/// Saves kept per file.
pub const KEEP: usize = 20;

fn dir(site: &Path, rel: &str) -> PathBuf {
    // One folder per record file: its path with `/` spelled `~`.
    site.join(".rapor/undo").join(rel.replace('/', "~"))
}

fn numbered(site: &Path, rel: &str) -> Vec<(u64, PathBuf)> {
    let mut v: Vec<(u64, PathBuf)> = std::fs::read_dir(dir(site, rel))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_str()?.strip_suffix(".txt")?.parse().ok()?;
            Some((n, e.path()))
        })
        .collect();
    v.sort();
    v
}

/// Keeps `text` as the state before a save of `rel`.
pub fn push(site: &Path, rel: &str, text: &str) -> std::io::Result<()> {
    let all = numbered(site, rel);
    let next = all.last().map_or(1, |(n, _)| n + 1);
    crate::files::write_durable(
        &dir(site, rel).join(format!("{next:06}.txt")),
        text.as_bytes(),
    )?;
    let excess = (all.len() + 1).saturating_sub(KEEP);
    for (_, p) in all.into_iter().take(excess) {
        std::fs::remove_file(p)?;
    }
    Ok(())
}

/// How many saves of `rel` can be undone.
pub fn count(site: &Path, rel: &str) -> usize {
    numbered(site, rel).len()
}

/// The text before the last save, if any (still kept: [`forget_last`]
/// removes it once the undo is written).
pub fn last(site: &Path, rel: &str) -> Option<String> {
    let (_, p) = numbered(site, rel).pop()?;
    std::fs::read_to_string(p).ok()
}

pub fn forget_last(site: &Path, rel: &str) -> std::io::Result<()> {
    match numbered(site, rel).pop() {
        Some((_, p)) => std::fs::remove_file(p),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_twenty_saves_are_kept_newest_last() {
        let site = std::env::temp_dir().join(format!("rapor-undo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        for i in 0..25 {
            push(&site, "trainings/x.md", &format!("v{i}")).unwrap();
        }
        assert_eq!(count(&site, "trainings/x.md"), KEEP);
        assert_eq!(last(&site, "trainings/x.md").as_deref(), Some("v24"));
        forget_last(&site, "trainings/x.md").unwrap();
        assert_eq!(last(&site, "trainings/x.md").as_deref(), Some("v23"));
        assert_eq!(count(&site, "trainings/y.md"), 0);
        let _ = std::fs::remove_dir_all(&site);
    }
}
