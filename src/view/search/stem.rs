//! Indonesian-aware folding and stemming for the search index.
//!
//! A dictionary-free stemmer in the style of Nazief–Adriani (with the
//! prefix rules of its "enhanced confix stripping" successor): particles
//! (-lah -kah -tah -pun), possessives (-ku -mu -nya) and one derivational
//! suffix (-kan -an -i) come off the end, then up to three prefixes off the
//! front (di- ke- se- first, then me- pe- be- te- with their sound changes:
//! meng-, meny- -> s, mem- -> p, men- -> t, peng-, pem-, pen-, pel-, ber-,
//! per-, ter-). Without a dictionary a rule cannot ask whether the result
//! is a word, so a few guards stand in for it (a stem keeps three letters
//! and a vowel; -i and -kan come off only behind a prefix; -an behind no
//! prefix leaves four letters), and [`ROOTS`] lists words that the rules
//! would cut wrongly. Where a shorter and a longer reading both exist, a
//! reading that reaches a listed root wins.
//!
//! `themes/default/static/search.js` holds the same algorithm and the same
//! lists for the query side; `tests/search.rs` runs both over a word list
//! and compares them, so a change here must be made there too.
//!
//! This file depends on nothing else in the crate: `tests/search.rs`
//! includes it with `#[path]`.

/// Words that look affixed but are roots (or that the rules would merge with
/// another word), in alphabetical order. Kept short: every entry must also be
/// in search.js.
pub(crate) const ROOTS: &[&str] = &[
    "ajar",
    "aku",
    "ampun",
    "badan",
    "bagi",
    "bahan",
    "baku",
    "beli",
    "beri",
    "besi",
    "bukan",
    "buku",
    "bulan",
    "capai",
    "cari",
    "didik",
    "dinas",
    "diri",
    "entah",
    "ganti",
    "hari",
    "hutan",
    "ikan",
    "ilmu",
    "jadi",
    "jalan",
    "jamu",
    "jumlah",
    "kalah",
    "kali",
    "kamu",
    "kebun",
    "kecil",
    "kelas",
    "kelola",
    "kelompok",
    "keluarga",
    "kembali",
    "kembang",
    "kenal",
    "kepala",
    "kerajinan",
    "keras",
    "kerja",
    "kirim",
    "kopi",
    "kuku",
    "kumpul",
    "kunjung",
    "kurang",
    "kursi",
    "laku",
    "langkah",
    "lari",
    "main",
    "makan",
    "masak",
    "masalah",
    "masuk",
    "masyarakat",
    "mati",
    "menang",
    "milik",
    "minta",
    "minum",
    "mudi",
    "mulai",
    "nikah",
    "nilai",
    "nyanyi",
    "olah",
    "padi",
    "pakai",
    "paku",
    "pangan",
    "patah",
    "pemerintah",
    "perintah",
    "peserta",
    "ramu",
    "roti",
    "rutan",
    "saku",
    "salah",
    "sampai",
    "sehat",
    "sekolah",
    "selesai",
    "semangat",
    "sendiri",
    "seni",
    "siku",
    "suku",
    "tahan",
    "tali",
    "taman",
    "tamu",
    "tangan",
    "tari",
    "telah",
    "teman",
    "temu",
    "teori",
];

/// Words too common to help a search; neither indexed nor searched for.
pub(crate) const STOPWORDS: &[&str] = &[
    "ada", "adalah", "agar", "akan", "an", "and", "antara", "are", "as", "at", "atau", "bagi",
    "bahwa", "be", "by", "dalam", "dan", "dapat", "dari", "dengan", "di", "dia", "for", "from",
    "hingga", "ia", "in", "ini", "is", "it", "itu", "jika", "juga", "karena", "ke", "kepada",
    "maka", "melalui", "namun", "of", "oleh", "on", "or", "pada", "para", "per", "saat", "sebagai",
    "secara", "seperti", "serta", "terhadap", "tersebut", "that", "the", "this", "to", "untuk",
    "was", "with", "yaitu", "yakni", "yang",
];

/// Accented letters and their plain forms, position by position.
const ACCENTED: &str = "àáâãäåāăąçćčďèéêëēĕėęěìíîïīĭįıñńňòóôõöøōŏőùúûüūŭůűųýÿśšşźžżŕřĺľłţťđ";
const PLAIN: &str = "aaaaaaaaacccdeeeeeeeeeiiiiiiiinnnooooooooouuuuuuuuuyyssszzzrrlllttd";

/// A character lowercased and without its accent.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // As JavaScript's toLowerCase(): a letter whose lowercase is two
    // characters (İ) stays as it is.
    let mut lowered = c.to_lowercase();
    let lower = match (lowered.next(), lowered.next()) {
        (Some(l), None) => l,
        _ => c,
    };
    match ACCENTED.chars().position(|a| a == lower) {
        Some(i) => PLAIN.chars().nth(i).unwrap_or(lower),
        None => lower,
    }
}

/// `text` folded (lowercase, accents removed) with every character that is
/// not an ASCII letter or digit turned into a space: its words are what
/// `split(' ')` gives that is not empty. One allocation for a whole text.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(fold_char) {
        out.push(if c.is_ascii_lowercase() || c.is_ascii_digit() {
            c
        } else {
            ' '
        });
    }
    out
}

/// The words of `text`, folded: runs of ASCII letters and digits.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a folded word is worth indexing: not a stop word nor one letter.
pub(crate) fn searchable(w: &str) -> bool {
    w.len() > 1 && STOPWORDS.binary_search(&w).is_err()
}

/// The search terms of `text`: its searchable words, stemmed.
#[cfg(test)]
pub(crate) fn terms(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| searchable(w))
        .map(|w| stem(&w))
        .collect()
}

fn is_root(w: &str) -> bool {
    ROOTS.binary_search(&w).is_ok()
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether `w` starts like a prefixed word: -i and -kan are cut only there.
fn has_prefix(w: &str) -> bool {
    ["di", "ke", "se", "me", "be", "pe", "te"]
        .iter()
        .any(|p| w.starts_with(p))
}

/// Whether what a rule leaves can be a stem: three letters, a vowel, and no
/// opening pair of consonants that Indonesian roots do not begin with.
fn stem_like(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() < 3 || !b.iter().copied().any(is_vowel) {
        return false;
    }
    let clustered = !is_vowel(b[0]) && !is_vowel(b[1]);
    !clustered || matches!(b[1], b'r' | b'l' | b'y' | b'w' | b'h')
}

/// The stem of one folded word.
pub(crate) fn stem(word: &str) -> String {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) || is_root(word) {
        return word.to_string();
    }
    // Each suffix taken off gives a reading; keep them all for the prefixes.
    let mut forms = vec![word.to_string()];
    let mut current = word.to_string();
    for cut in [particle, possessive, derivational] {
        if let Some(shorter) = cut(&current) {
            if is_root(&shorter) {
                return shorter;
            }
            forms.push(shorter.clone());
            current = shorter;
        }
    }
    // The most stripped reading first: the first whose prefixes come off to a
    // known root wins; with none, the most stripped reading.
    for form in forms.iter().rev() {
        let (stem, known) = strip_prefixes(form);
        if known {
            return stem;
        }
    }
    strip_prefixes(&current).0
}

fn particle(w: &str) -> Option<String> {
    cut_suffix(w, &["lah", "kah", "tah", "pun"], 3)
}

fn possessive(w: &str) -> Option<String> {
    let min = if has_prefix(w) { 3 } else { 4 };
    cut_suffix(w, &["nya", "ku", "mu"], min)
}

fn derivational(w: &str) -> Option<String> {
    let prefixed = has_prefix(w);
    if w.ends_with("kan") {
        // Without a prefix a word in -kan is a root (ikan, bukan) or an
        // imperative; either way it stays.
        return if prefixed {
            cut_suffix(w, &["kan"], 3)
        } else {
            None
        };
    }
    if w.ends_with("an") {
        return cut_suffix(w, &["an"], if prefixed { 3 } else { 4 });
    }
    // -i only behind a prefix, and not off loanwords in -si (evaluasi).
    let loan = w.len() >= 3 && w.ends_with("si") && is_vowel(w.as_bytes()[w.len() - 3]);
    if w.ends_with('i') && prefixed && !loan {
        return cut_suffix(w, &["i"], 3);
    }
    None
}

/// `w` without the first of `suffixes` it ends with, if at least `min`
/// letters remain.
fn cut_suffix(w: &str, suffixes: &[&str], min: usize) -> Option<String> {
    let s = suffixes.iter().find(|s| w.ends_with(*s))?;
    let rest = &w[..w.len() - s.len()];
    (rest.len() >= min).then(|| rest.to_string())
}

/// Up to three prefixes off `w`: di-/ke-/se- only outermost, no kind twice.
/// Stops at a known root; says whether it reached one.
fn strip_prefixes(w: &str) -> (String, bool) {
    let mut current = w.to_string();
    let mut used: Vec<&str> = Vec::new();
    for _ in 0..3 {
        if is_root(&current) {
            return (current, true);
        }
        match strip_prefix(&current, used.is_empty()) {
            Some((kind, rest)) if !used.contains(&kind) && stem_like(&rest) => {
                used.push(kind);
                current = rest;
            }
            _ => break,
        }
    }
    let known = is_root(&current);
    (current, known)
}

/// Picks between the two readings of an ambiguous prefix (mem+V is me-mV or
/// me-pV): the listed root, else the common one.
fn either(known: String, common: String) -> String {
    if is_root(&known) { known } else { common }
}

/// One prefix off `w`: its kind and what remains.
fn strip_prefix(w: &str, outermost: bool) -> Option<(&'static str, String)> {
    let b = w.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let vowel = |i: usize| is_vowel(at(i));
    let from = |i: usize| w[i..].to_string();
    if outermost {
        for p in ["di", "ke", "se"] {
            if w.starts_with(p) {
                return Some((p, from(2)));
            }
        }
    }
    if w.starts_with("me") {
        let rest = if w.starts_with("meng") {
            match at(4) {
                b'g' | b'h' | b'q' | b'k' => from(4),
                _ if vowel(4) => either(format!("k{}", from(4)), from(4)),
                _ => return None,
            }
        } else if w.starts_with("meny") && vowel(4) {
            either(from(2), format!("s{}", from(4)))
        } else if w.starts_with("mem") {
            match at(3) {
                b'b' | b'f' | b'v' | b'p' => from(3),
                b'r' if vowel(4) => either(from(2), format!("p{}", from(3))),
                _ if vowel(3) => either(from(2), format!("p{}", from(3))),
                _ => return None,
            }
        } else if w.starts_with("men") {
            match at(3) {
                b'c' | b'd' | b'j' | b's' | b'z' => from(3),
                _ if vowel(3) => either(from(2), format!("t{}", from(3))),
                _ => return None,
            }
        } else if matches!(at(2), b'l' | b'r' | b'w' | b'y') && vowel(3) {
            from(2)
        } else {
            return None;
        };
        return Some(("me", rest));
    }
    if w.starts_with("pe") {
        let rest = if w.starts_with("peng") {
            match at(4) {
                b'g' | b'h' | b'q' | b'k' => from(4),
                _ if vowel(4) => either(format!("k{}", from(4)), from(4)),
                _ => return None,
            }
        } else if w.starts_with("peny") && vowel(4) {
            either(from(2), format!("s{}", from(4)))
        } else if w.starts_with("pem") {
            match at(3) {
                b'b' | b'f' | b'v' => from(3),
                b'r' if vowel(4) => either(from(2), format!("p{}", from(3))),
                _ if vowel(3) => either(from(2), format!("p{}", from(3))),
                _ => return None,
            }
        } else if w.starts_with("pen") {
            match at(3) {
                b'c' | b'd' | b'j' | b'z' => from(3),
                _ if vowel(3) => either(from(2), format!("t{}", from(3))),
                _ => return None,
            }
        } else if w.starts_with("pelajar") || (w.starts_with("per") && at(3) != b'r') {
            // pel-ajar is the one pel- that is not pe- + l.
            from(3)
        } else if matches!(at(2), b'l' | b'w' | b'y') && vowel(3) {
            from(2)
        } else if !matches!(at(2), b'r' | b'w' | b'y' | b'l' | b'm' | b'n') && !vowel(2) {
            // pe + consonant: pedagang, petani, pekerja.
            from(2)
        } else {
            return None;
        };
        return Some(("pe", rest));
    }
    if w.starts_with("be") {
        let rest = if w.starts_with("belajar") || (w.starts_with("ber") && at(3) != b'r') {
            from(3)
        } else if !vowel(2)
            && !matches!(at(2), b'r' | b'l')
            && w.get(3..).is_some_and(|s| s.starts_with("er"))
        {
            // be + C + er: bekerja.
            from(2)
        } else {
            return None;
        };
        return Some(("be", rest));
    }
    if w.starts_with("te") {
        let rest = if w.starts_with("ter") && at(3) != b'r' {
            from(3)
        } else if !vowel(2) && at(2) != b'r' && w.get(3..).is_some_and(|s| s.starts_with("er")) {
            from(2)
        } else {
            return None;
        };
        return Some(("te", rest));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(ROOTS.windows(2).all(|w| w[0] < w[1]), "ROOTS out of order");
        assert!(
            STOPWORDS.windows(2).all(|w| w[0] < w[1]),
            "STOPWORDS out of order"
        );
    }

    #[test]
    fn the_issue_examples_and_other_word_forms() {
        for (word, want) in [
            ("melatih", "latih"),
            ("pelatihan", "latih"),
            ("dilatih", "latih"),
            ("latihan", "latih"),
            ("berlatih", "latih"),
            ("terlatih", "latih"),
            ("pelatihannya", "latih"),
            ("membaca", "baca"),
            ("pemotongan", "potong"),
            ("kursi", "kursi"),
            ("kursinya", "kursi"),
            ("mengajar", "ajar"),
            ("pengajaran", "ajar"),
            ("belajar", "ajar"),
            ("pelajaran", "ajar"),
            ("menjahit", "jahit"),
            ("penjahit", "jahit"),
            ("menulis", "tulis"),
            ("penulis", "tulis"),
            ("menyusun", "susun"),
            ("penyusunan", "susun"),
            ("pembinaan", "bina"),
            ("binaan", "bina"),
            ("bekerja", "kerja"),
            ("pekerjaan", "kerja"),
            ("kemandirian", "mandiri"),
            ("kegiatan", "giat"),
            ("peralatan", "alat"),
            ("diperkenalkan", "kenal"),
            ("memberikan", "beri"),
            ("sekolahnya", "sekolah"),
            ("evaluasi", "evaluasi"),
            ("meubel", "meubel"),
            ("ikan", "ikan"),
            ("2025", "2025"),
        ] {
            assert_eq!(stem(word), want, "stem of {word}");
        }
        // Whatever penyuluhan becomes, the verb must become the same.
        assert_eq!(stem("penyuluhan"), stem("menyuluh"));
        assert_eq!(stem("penyuluhan"), "suluh");
    }

    #[test]
    fn folding() {
        assert_eq!(
            words("Évaluasi KURSI-tamu, café"),
            ["evaluasi", "kursi", "tamu", "cafe"]
        );
        assert_eq!(terms("Pelatihan dan PELATIHAN"), ["latih", "latih"]);
    }
}
