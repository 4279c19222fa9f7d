//! Protect stage: the internal site sealed under a passphrase, between render
//! and output. Pure but for [`salt`], which keeps the salt in `.rapor-cache/`.
//!
//! The format, which `themes/default/static/protect.js` reads in the browser:
//!
//! - `master = PBKDF2-HMAC-SHA256(passphrase, salt, ITERATIONS)`, 32 bytes; the
//!   salt is 16 random bytes, kept in `.rapor-cache/protect-salt` so that
//!   rebuilds give the same bytes. The browser derives it once, as a
//!   non-extractable WebCrypto key, and keeps only the non-extractable
//!   subkeys (in IndexedDB) between pages.
//! - Subkeys, `HMAC-SHA256(master, label)`: `rapor/v1/aes-256-gcm` (the
//!   AES-256-GCM key), `rapor/v1/names` (file names of sealed files) and
//!   `rapor/v1/nonce` (nonces; never needed to decrypt).
//! - A sealed file is `nonce (12 bytes) ‖ AES-256-GCM ciphertext and tag`, with
//!   the file's path in the site (`trainings/x/index.html`, `media/ab-480.jpg`)
//!   as associated data, so a file cannot be passed off as another.
//! - The nonce is synthetic: the first 12 bytes of
//!   `HMAC-SHA256(nonce key, len(path) as u64 LE ‖ path ‖ plaintext)`. The same
//!   file under the same key gives the same bytes (builds stay reproducible);
//!   two different files get different nonces (a collision needs a 96-bit
//!   HMAC collision).
//! - A page becomes a shell (the theme's `locked.html`) holding its sealed
//!   bytes in base64 inside `<script type="application/json" id="rapor-locked">`.
//! - Any other file (photos, `data/*.json`, `data/*.csv`, a search index)
//!   becomes `sealed/<name>.js`, where `name` is the first 16 bytes of
//!   `HMAC-SHA256(names key, path)` in hex, holding
//!   `raporSealed("<name>","<base64>");`: a page loads it with a `<script>`
//!   element, which works from `file://` where `fetch()` does not.
//! - Left plain: the theme's `assets/`, `robots.txt` and `404.html`, which hold
//!   no content.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::assets::Hashed;
use crate::msg::{Message, msg};
use crate::render::File;
use crate::theme::Theme;
use crate::view::SiteInfo;

pub mod seal;

/// The environment variable holding the passphrase.
pub const PASSPHRASE_VAR: &str = "RAPOR_INTERNAL_PASSPHRASE";
/// PBKDF2 iterations: OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
pub const ITERATIONS: u32 = 600_000;
/// The shortest passphrase accepted, in characters.
pub const MIN_CHARS: usize = 12;
/// Where sealed files go, under the internal site's root.
pub const SEALED_DIR: &str = "sealed";
/// The salt's file in the site's cache folder.
const SALT_FILE: &str = "protect-salt";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;

type HmacSha256 = Hmac<Sha256>;

/// What the environment says about the passphrase.
pub enum Passphrase {
    Missing,
    /// Set, but shorter than [`MIN_CHARS`] (its length in characters).
    TooShort(usize),
    /// Set, but unusable for a reason said in the message (only white
    /// space, or bytes that are not text).
    Refused(Message),
    Given(String),
}

/// Reads [`PASSPHRASE_VAR`]. An empty value counts as missing.
pub fn passphrase_from_env() -> Passphrase {
    match std::env::var(PASSPHRASE_VAR) {
        Ok(p) if p.is_empty() => Passphrase::Missing,
        // Spaces alone would pass the length rule and guard nothing; so would
        // zero-width characters, which no one sees they typed.
        Ok(p) if p.chars().all(|c| c.is_whitespace() || zero_width(c)) => {
            Passphrase::Refused(msg!("protect_blank", how = how_to_set()))
        }
        // Not trimmed: that would change the key. A space pasted at an end is
        // a mistake the staff typing it in the browser would not repeat.
        Ok(p) if p.starts_with(edge) || p.ends_with(edge) => {
            Passphrase::Refused(msg!("protect_edge_space", how = how_to_set()))
        }
        Ok(p) if visible_len(&p) < MIN_CHARS => Passphrase::TooShort(visible_len(&p)),
        Ok(p) => Passphrase::Given(p),
        // Not valid Unicode: the browser could never type it.
        Err(std::env::VarError::NotUnicode(_)) => {
            Passphrase::Refused(msg!("protect_not_text", how = how_to_set()))
        }
        Err(std::env::VarError::NotPresent) => Passphrase::Missing,
    }
}

/// A character of the Unicode category "format" that shows nothing: zero-width
/// spaces and joiners, the word joiner and invisible operators, the
/// byte-order mark, the soft hyphen, the Mongolian vowel separator.
fn zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

fn edge(c: char) -> bool {
    c.is_whitespace() || zero_width(c)
}

/// The characters the length rule counts: zero-width ones add no strength.
fn visible_len(p: &str) -> usize {
    p.chars().filter(|&c| !zero_width(c)).count()
}

/// How to set the passphrase, for messages.
pub fn how_to_set() -> Message {
    msg!("protect_how", min = MIN_CHARS, var = PASSPHRASE_VAR)
}

/// The keys of one build, derived from the passphrase and the salt.
pub struct Keys {
    cipher: Aes256Gcm,
    nonce_key: [u8; 32],
    name_key: [u8; 32],
    salt: [u8; SALT_LEN],
    iterations: u32,
}

impl Keys {
    /// Runs PBKDF2 (about 0.1 s at [`ITERATIONS`] in a release build) and derives the subkeys.
    pub fn derive(passphrase: &str, salt: [u8; SALT_LEN], iterations: u32) -> Keys {
        let mut master = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &salt, iterations, &mut master);
        let aes = mac(&master, &[b"rapor/v1/aes-256-gcm"]);
        let cipher = Aes256Gcm::new_from_slice(&aes).expect("AES-256 takes a 32-byte key");
        Keys {
            cipher,
            nonce_key: mac(&master, &[b"rapor/v1/nonce"]),
            name_key: mac(&master, &[b"rapor/v1/names"]),
            salt,
            iterations,
        }
    }

    /// `nonce ‖ ciphertext ‖ tag` of `plaintext`, bound to `path`.
    pub fn seal(&self, path: &str, plaintext: &[u8]) -> Vec<u8> {
        let len = (path.len() as u64).to_le_bytes();
        let tag = mac(&self.nonce_key, &[&len, path.as_bytes(), plaintext]);
        let nonce: [u8; NONCE_LEN] = tag[..NONCE_LEN].try_into().expect("12 of 32 bytes");
        let sealed = self
            .cipher
            .encrypt(
                &nonce.into(),
                Payload {
                    msg: plaintext,
                    aad: path.as_bytes(),
                },
            )
            .expect("AES-GCM encrypts any message rapor makes");
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// The file name (without folder or extension) of the sealed file of `path`.
    pub fn sealed_name(&self, path: &str) -> String {
        mac(&self.name_key, &[path.as_bytes()])[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

fn mac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut m = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

/// The salt of the site at `site`: read from `.rapor-cache/protect-salt`, or
/// made (random) and stored there. A new cache means a new salt, and so new
/// bytes for every sealed file. Returns whether it was made now.
pub fn salt(site: &Path) -> Result<([u8; SALT_LEN], bool), Message> {
    let path = site.join(crate::photos::CACHE_DIR).join(SALT_FILE);
    if let Ok(text) = std::fs::read_to_string(&path)
        && let Ok(bytes) = BASE64.decode(text.trim())
        && let Ok(salt) = <[u8; SALT_LEN]>::try_from(bytes.as_slice())
    {
        return Ok((salt, false));
    }
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|e| msg!("protect_random", error = e))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| msg!("io_create", path = dir.display(), error = e))?;
    }
    std::fs::write(&path, format!("{}\n", BASE64.encode(salt)))
        .map_err(|e| msg!("io_write", path = path.display(), error = e))?;
    Ok((salt, true))
}

/// The locked page every protected page is shown as until it is unlocked:
/// the theme's `locked.html`, with the site's labels.
pub struct Shell {
    tera: tera::Tera,
    site: SiteInfo,
    labels: BTreeMap<&'static str, &'static str>,
    /// The theme's `protect.js`, named with a hash of its bytes so that a
    /// browser never runs an old one from its cache against a newer format.
    /// Only the sealed site has it: no other page runs it.
    script: File,
}

/// A locked page before and after its sealed JSON.
type Halves = Arc<(String, String)>;

/// What `locked.html` gets.
#[derive(Serialize)]
struct ShellCtx<'a> {
    site: &'a SiteInfo,
    t: &'a BTreeMap<&'static str, &'static str>,
    /// Relative prefix from this page to the site root: "./", "../", ...
    root: String,
    css: &'a str,
    script: &'a str,
    icon: Option<&'a str>,
    /// The JSON the script reads: path, salt, iterations and sealed page.
    locked: String,
}

/// What a locked page's script reads, as JSON. `salt` and `sealed` are
/// Base64 and written as they are: a sealed page is most of its file, and
/// nothing in Base64 needs escaping.
struct Locked<'a> {
    v: u32,
    path: &'a str,
    salt: &'a str,
    iterations: u32,
    sealed: String,
}

impl Locked<'_> {
    fn json(&self) -> String {
        let path = serde_json::Value::from(self.path).to_string();
        let mut out = String::with_capacity(self.sealed.len() + path.len() + 96);
        out.push_str(&format!(
            "{{\"v\":{},\"path\":{path},\"salt\":\"{}\",\"iterations\":{},\"sealed\":\"",
            self.v, self.salt, self.iterations
        ));
        out.push_str(&self.sealed);
        out.push_str("\"}");
        out
    }
}

impl Shell {
    pub fn new(theme: &Theme, site: &SiteInfo) -> Result<Shell, (PathBuf, Message)> {
        let Some((_, source, file)) = theme.templates.iter().find(|(n, _, _)| n == "locked.html")
        else {
            return Err((PathBuf::from("themes"), msg!("protect_no_locked")));
        };
        let name = Hashed::Protect.theme_file();
        let Some((_, js)) = theme
            .static_files
            .iter()
            .find(|(n, _)| Some(n.as_str()) == name)
        else {
            return Err((PathBuf::from("themes"), msg!("protect_no_js")));
        };
        let script = File {
            path: Hashed::Protect.path(js),
            bytes: Arc::new(js.clone()),
        };
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates([("locked.html", source.as_str())])
            .map_err(|e| (file.clone(), msg!("plain", text = e)))?;
        Ok(Shell {
            tera,
            site: site.clone(),
            labels: crate::i18n::labels(site.lang),
            script,
        })
    }
}

/// Where a file of the internal site goes.
enum Kind {
    /// No content: the theme's files, `robots.txt`, `404.html`.
    Plain,
    Page,
    Sealed,
}

fn kind(path: &str) -> Kind {
    if path.starts_with("assets/") || path == "robots.txt" || path == "404.html" {
        Kind::Plain
    } else if path.ends_with(".html") {
        Kind::Page
    } else {
        Kind::Sealed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Few iterations: the format is the same, the tests stay fast.
    const FAST: u32 = 1_000;
    const SALT: [u8; SALT_LEN] = *b"0123456789abcdef";

    #[test]
    fn a_locked_pages_json_is_json_with_its_path_escaped() {
        let locked = Locked {
            v: 1,
            path: "berita/a\"b\\c</script>/index.html",
            salt: "c2FsdA==",
            iterations: 600_000,
            sealed: "AAEC+/8=".to_string(),
        };
        let json = locked.json();
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        let want = serde_json::json!({
            "v": 1,
            "path": "berita/a\"b\\c</script>/index.html",
            "salt": "c2FsdA==",
            "iterations": 600_000,
            "sealed": "AAEC+/8=",
        });
        assert_eq!(read, want);
        assert!(json.starts_with("{\"v\":1,\"path\":"), "{json}");
    }

    /// Decrypts with the crates called directly, following the format in the
    /// module's documentation rather than [`Keys`].
    fn open_independently(
        passphrase: &str,
        iterations: u32,
        path: &str,
        sealed: &[u8],
    ) -> Option<Vec<u8>> {
        let mut master = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &SALT, iterations, &mut master);
        let mut m = HmacSha256::new_from_slice(&master).unwrap();
        m.update(b"rapor/v1/aes-256-gcm");
        let key = m.finalize().into_bytes();
        let cipher = Aes256Gcm::new_from_slice(&key).unwrap();
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().unwrap();
        cipher
            .decrypt(
                &nonce.into(),
                Payload {
                    msg: body,
                    aad: path.as_bytes(),
                },
            )
            .ok()
    }

    #[test]
    fn sealed_bytes_open_with_the_passphrase_only() {
        let keys = Keys::derive("correct horse battery", SALT, FAST);
        let text = b"<main>Yohanes Jehadu WBP-2025-0142</main>";
        let sealed = keys.seal("trainings/x/index.html", text);
        assert!(!sealed.windows(7).any(|w| w == b"Yohanes"));
        assert_eq!(sealed.len(), NONCE_LEN + text.len() + 16);
        let opened = open_independently(
            "correct horse battery",
            FAST,
            "trainings/x/index.html",
            &sealed,
        );
        assert_eq!(opened.as_deref(), Some(&text[..]));
        assert_eq!(
            open_independently(
                "correct horse batterz",
                FAST,
                "trainings/x/index.html",
                &sealed
            ),
            None,
            "a wrong passphrase fails"
        );
        assert_eq!(
            open_independently(
                "correct horse battery",
                FAST + 1,
                "trainings/x/index.html",
                &sealed
            ),
            None,
            "other iterations give another key"
        );
    }

    #[test]
    fn tampered_or_moved_ciphertext_fails() {
        let keys = Keys::derive("correct horse battery", SALT, FAST);
        let sealed = keys.seal("data/stats.json", b"{\"participants\": 16}");
        for i in [0, NONCE_LEN, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            assert_eq!(
                open_independently("correct horse battery", FAST, "data/stats.json", &bad),
                None,
                "byte {i} flipped"
            );
        }
        assert_eq!(
            open_independently("correct horse battery", FAST, "data/other.json", &sealed),
            None,
            "the path is bound to the ciphertext"
        );
    }

    #[test]
    fn nonces_differ_for_different_plaintexts_and_repeat_for_the_same() {
        let keys = Keys::derive("correct horse battery", SALT, FAST);
        let nonce = |path: &str, text: &[u8]| keys.seal(path, text)[..NONCE_LEN].to_vec();
        let a = nonce("index.html", b"one");
        assert_eq!(a, nonce("index.html", b"one"), "deterministic");
        assert_ne!(a, nonce("index.html", b"two"));
        assert_ne!(a, nonce("other.html", b"one"));
        // The length prefix keeps ("ab", "c") and ("a", "bc") apart.
        assert_ne!(nonce("ab", b"c"), nonce("a", b"bc"));
        let other_salt = Keys::derive("correct horse battery", *b"fedcba9876543210", FAST);
        assert_ne!(
            keys.seal("index.html", b"one"),
            other_salt.seal("index.html", b"one")
        );
    }

    #[test]
    fn sealed_names_hide_the_path() {
        let keys = Keys::derive("correct horse battery", SALT, FAST);
        let name = keys.sealed_name("media/zqx-private-photo-480.jpg");
        assert_eq!(name.len(), 32);
        assert!(name.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(name, keys.sealed_name("media/zqx-private-photo-960.jpg"));
    }

    #[test]
    fn files_are_sorted_into_plain_pages_and_sealed() {
        assert!(matches!(kind("assets/style-1.css"), Kind::Plain));
        assert!(matches!(kind("404.html"), Kind::Plain));
        assert!(matches!(kind("robots.txt"), Kind::Plain));
        assert!(matches!(kind("index.html"), Kind::Page));
        assert!(matches!(kind("trainings/x/index.html"), Kind::Page));
        assert!(matches!(kind("data/stats.json"), Kind::Sealed));
        assert!(matches!(kind("data/trainings.csv"), Kind::Sealed));
        assert!(matches!(kind("media/a-480.jpg"), Kind::Sealed));
        assert!(matches!(kind("search/index.json"), Kind::Sealed));
    }

    #[test]
    fn a_salt_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (first, made) = salt(dir.path()).unwrap();
        assert!(made);
        let (again, made) = salt(dir.path()).unwrap();
        assert!(!made);
        assert_eq!(first, again);
        std::fs::remove_dir_all(dir.path().join(".rapor-cache")).unwrap();
        assert_ne!(
            salt(dir.path()).unwrap().0,
            first,
            "a new cache, a new salt"
        );
    }
}
