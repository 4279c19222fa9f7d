//! Photos added in the editor: stored beside their record under a safe
//! name, and shown back as they will be published (turned upright, the
//! metadata gone), by the same code as the build's renditions.

use std::path::Path;

use super::editor::Editor;
use super::records;
use crate::load::Kind;

/// Where an uploaded photo went: its `src` as the record names it.
pub struct Stored {
    pub src: String,
}

impl Editor {
    /// Stores `bytes` as a photo of the record; refused (with the reason)
    /// if it is not a JPEG or PNG photo rapor can publish.
    pub fn add_photo(
        &self,
        kind: Kind,
        id: &str,
        name: &str,
        bytes: &[u8],
    ) -> Result<Stored, String> {
        if !matches!(kind, Kind::Training | Kind::Story) {
            return Err(super::words::word(super::words::Word::NotFound, self.lang).into());
        }
        let content = self.content();
        let Some(source) = records::find(&content, kind, id) else {
            return Err(super::words::word(super::words::Word::NotFound, self.lang).into());
        };
        let encoded =
            crate::photos::process_bytes(bytes, false, false).map_err(|m| m.render(self.lang))?;
        let ext = if encoded.ext == "png" { "png" } else { "jpg" };
        let rel = records::rel(source);
        let bundle = rel.ends_with("/index.md");
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        // Beside a single-file record, in a folder other records share: the
        // record's id goes first so that names cannot collide.
        let stem = safe_stem(name);
        let stem = if bundle { stem } else { format!("{id}-{stem}") };
        let mut n = 1;
        let src = loop {
            let candidate = if n == 1 {
                format!("{stem}.{ext}")
            } else {
                format!("{stem}-{n}.{ext}")
            };
            if !content.files.contains(&format!("{dir}/{candidate}")) {
                break candidate;
            }
            n += 1;
        };
        let path = self.content_path(&format!("{dir}/{src}"));
        crate::files::write_durable(&path, bytes).map_err(|e| e.to_string())?;
        Ok(Stored { src })
    }

    /// A photo of a record as the public site would show it: a JPEG or PNG
    /// rendition, upright and without metadata. `src` must be a file the
    /// record's folder holds.
    pub fn photo_preview(
        &self,
        kind: Kind,
        id: &str,
        src: &str,
    ) -> Option<(Vec<u8>, &'static str)> {
        let content = self.content();
        let source = records::find(&content, kind, id)?;
        let rel = records::rel(source);
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        if src.contains(['/', '\\']) || src.starts_with('.') {
            return None;
        }
        let file = format!("{dir}/{src}");
        if !content.files.contains(&file) {
            return None;
        }
        let bytes = std::fs::read(self.content_path(&file)).ok()?;
        let encoded = crate::photos::preview_bytes(&bytes, 480).ok()?;
        let mime = if encoded.ext == "png" {
            "image/png"
        } else {
            "image/jpeg"
        };
        // The narrowest rendition at least 480 px wide, else the widest.
        let pick = encoded.renditions.into_iter().next()?;
        Some((pick.1, mime))
    }
}

/// A file name reduced to what is safe everywhere: `Foto Kelas (1).JPG` ->
/// `foto-kelas-1`.
pub fn safe_stem(name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = crate::text::slugify(&stem);
    if slug.is_empty() {
        "foto".into()
    } else {
        slug.chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_are_made_safe() {
        assert_eq!(safe_stem("Foto Kelas (1).JPG"), "foto-kelas-1");
        assert_eq!(safe_stem("../../etc/passwd"), "passwd");
        assert_eq!(safe_stem("..\\..\\x.jpg"), "x");
        assert_eq!(safe_stem(""), "foto");
        assert_eq!(safe_stem("Ñoño é.png"), "nono-e");
    }
}
