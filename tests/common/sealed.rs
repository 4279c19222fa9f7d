//! Opening a sealed internal site in a test, with the crates called here and
//! following the format in src/protect.rs (not rapor's own code), so that a
//! mistake in rapor's sealing cannot hide itself.

use std::collections::BTreeMap;
use std::path::Path;

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::read;

/// The keys of a sealed site, derived here from the documented format.
pub struct Opener {
    cipher: Aes256Gcm,
    names: [u8; 32],
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
    m.update(data);
    m.finalize().into_bytes().into()
}

impl Opener {
    pub fn new(site: &Path, passphrase: &str) -> Opener {
        let salt = BASE64
            .decode(read(&site.join(".rapor-cache/protect-salt")).trim())
            .unwrap();
        let mut master = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &salt, 600_000, &mut master);
        Opener {
            cipher: Aes256Gcm::new_from_slice(&hmac(&master, b"rapor/v1/aes-256-gcm")).unwrap(),
            names: hmac(&master, b"rapor/v1/names"),
        }
    }

    pub fn open(&self, path: &str, sealed: &[u8]) -> Option<Vec<u8>> {
        let (nonce, body) = sealed.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().unwrap();
        let payload = Payload {
            msg: body,
            aad: path.as_bytes(),
        };
        self.cipher.decrypt(&nonce.into(), payload).ok()
    }

    pub fn sealed_name(&self, path: &str) -> String {
        hmac(&self.names, path.as_bytes())[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The plain file at `path` of a sealed site `tree`: a page from its
    /// shell, another file from `sealed/<name>.js`, a plain file as it is.
    pub fn unseal(&self, tree: &BTreeMap<String, Vec<u8>>, path: &str) -> Option<Vec<u8>> {
        let is_plain = path.starts_with("assets/") || path == "robots.txt" || path == "404.html";
        if is_plain {
            return tree.get(path).cloned();
        }
        if path.ends_with(".html") {
            let shell = String::from_utf8(tree.get(path)?.clone()).unwrap();
            let json = shell
                .split("<script type=\"application/json\" id=\"rapor-locked\">")
                .nth(1)?
                .split("</script>")
                .next()?;
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(v["path"], path);
            assert_eq!(v["iterations"], 600_000);
            let sealed = BASE64.decode(v["sealed"].as_str()?).unwrap();
            return self.open(path, &sealed);
        }
        let name = self.sealed_name(path);
        let js = String::from_utf8(tree.get(&format!("sealed/{name}.js"))?.clone()).unwrap();
        let prefix = format!("raporSealed(\"{name}\",\"");
        let b64 = js.strip_prefix(&prefix)?.strip_suffix("\");\n")?;
        self.open(path, &BASE64.decode(b64).unwrap())
    }
}
