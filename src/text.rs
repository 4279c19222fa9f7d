//! Small pure text helpers shared by several stages: id checks, slugs and
//! "did you mean" suggestions, and the one HTML escape of text written
//! outside Tera (charts, feeds, serve's pages).

/// `s` safe in HTML or XML text and in double-quoted attributes. Tera's own
/// autoescape covers templates; this is for markup rapor writes by hand.
pub(crate) fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Whether `s` is a valid record id: `^[a-z0-9][a-z0-9-]*$`.
pub fn is_valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A lowercase ASCII slug for anchors and tag URLs: letters and digits kept,
/// common Latin accents folded, everything else collapsed into `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Folds the accented Latin letters found in Indonesian and European names.
pub fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be a plausible typo (at most a third of the word's length, and at least 1).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: like Levenshtein, but a swap of two
/// neighbouring letters (the commonest typo) costs one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// A part of a loaded file's text, shared with it rather than copied: a
/// record's Markdown body, or the YAML a record's error positions are found
/// in again.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    text: std::sync::Arc<str>,
    start: usize,
    end: usize,
}

impl Shared {
    /// `part`, shared with `text` when it was cut from it (else a copy).
    pub fn within(text: &std::sync::Arc<str>, part: &str) -> Self {
        let start = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let end = start.wrapping_add(part.len());
        match text.get(start..end) {
            Some(found) if std::ptr::eq(found, part) => Shared {
                text: text.clone(),
                start,
                end,
            },
            _ => Shared::from(part),
        }
    }
}

impl From<&str> for Shared {
    fn from(part: &str) -> Self {
        Shared {
            text: part.into(),
            start: 0,
            end: part.len(),
        }
    }
}

impl std::ops::Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text[self.start..self.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_cut_from_its_file_shares_the_text_and_any_other_is_copied() {
        let text: std::sync::Arc<str> = "---\ntitle: x\n---\nIsi berita.\n".into();
        let body = Shared::within(&text, &text[17..]);
        assert_eq!(&*body, "Isi berita.\n");
        assert!(std::sync::Arc::ptr_eq(&body.text, &text));
        let yaml = Shared::within(&text, &text[4..13]);
        assert_eq!(&*yaml, "title: x\n");
        assert!(std::sync::Arc::ptr_eq(&yaml.text, &text));
        let elsewhere = String::from("Isi berita.\n");
        let copied = Shared::within(&text, &elsewhere);
        assert_eq!(&*copied, "Isi berita.\n");
        assert!(!std::sync::Arc::ptr_eq(&copied.text, &text));
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("barbershop-2025"));
        assert!(is_valid_id("2025"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("Barbershop"));
        assert!(!is_valid_id("a_b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("kursi tamu"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Hasil & Dampak"), "hasil-dampak");
        assert_eq!(slugify("  Évaluasi  2025 "), "evaluasi-2025");
        assert_eq!(slugify("***"), "");
    }

    #[test]
    fn suggestions() {
        let fields = ["description", "title", "date"];
        assert_eq!(closest("descripton", fields), Some("description"));
        assert_eq!(closest("titel", fields), Some("title"));
        assert_eq!(closest("zzzzzz", fields), None);
    }
}
