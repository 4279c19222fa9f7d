//! A publish in words, for the command line and the editor alike: the
//! files a dry run would send and remove, and one summary line per target.

use super::{Done, Progress};
use crate::msg::{Message, msg};
use crate::vocab::Lang;

/// The lines that tell what happened on one target (in a dry run, what
/// would happen, file by file, then the summary).
pub fn lines(d: &Done, list_files: bool) -> Vec<Message> {
    let mut out = d.notes.clone();
    if list_files {
        for path in &d.plan.upload {
            out.push(msg!("publish_line_upload", path = path));
        }
        for path in &d.plan.remove {
            out.push(msg!("publish_line_remove", path = path));
        }
    }
    out.push(summary(d));
    out
}

/// "hosting: 12 files sent (340 KB), 2 removed, 180 unchanged".
pub fn summary(d: &Done) -> Message {
    let p = &d.plan;
    let size = size(p.bytes, crate::msg::lang());
    match (d.dry_run, p.is_empty()) {
        (_, true) => msg!(
            "publish_nothing",
            target = d.target,
            unchanged = p.unchanged
        ),
        (true, false) => msg!(
            "publish_would",
            target = d.target,
            upload = p.upload.len(),
            size = size,
            remove = p.remove.len(),
            unchanged = p.unchanged
        ),
        (false, false) => msg!(
            "publish_done",
            target = d.target,
            upload = p.upload.len(),
            size = size,
            remove = p.remove.len(),
            unchanged = p.unchanged
        ),
    }
}

/// A progress bar's message: "hosting: 3/12 files".
pub fn progress(p: &Progress) -> Message {
    msg!(
        "publish_progress",
        target = p.target,
        done = p.files_done,
        files = p.files
    )
}

/// Bytes as people read them: "340 KB", "1,2 MB" (decimal comma in
/// Indonesian).
pub fn size(bytes: u64, lang: Lang) -> String {
    let text = if bytes < 1000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{} KB", (bytes + 500) / 1000)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    };
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_as_people_read_them() {
        assert_eq!(size(12, Lang::Id), "12 B");
        assert_eq!(size(340_400, Lang::Id), "340 KB");
        assert_eq!(size(1_250_000, Lang::Id), "1,2 MB");
        assert_eq!(size(1_250_000, Lang::En), "1.2 MB");
    }
}
