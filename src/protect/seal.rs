//! Sealing an internal site's files under the keys: a page becomes a
//! locked shell around its sealed bytes, any other file with content a
//! `sealed/<name>.js`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::{Halves, Keys, Kind, Locked, SEALED_DIR, Shell, ShellCtx, kind};
use crate::msg::{Message, msg};
use crate::render::File;

/// The site's icon, which a locked page shows too.
pub const ICON: &str = "assets/favicon.svg";

/// Seals an internal site's files one at a time, from any thread, as they
/// are rendered: pages become locked shells, every other file with content
/// a `sealed/<name>.js`; [`Sealer::script`] is the unlock script the shells
/// run.
pub struct Sealer<'a> {
    keys: &'a Keys,
    shell: &'a Shell,
    /// The site's stylesheet and icon, which locked pages link too.
    css: String,
    icon: Option<String>,
    salt: String,
    /// The locked page around its sealed JSON, by folder depth.
    halves: std::sync::Mutex<BTreeMap<usize, Option<Halves>>>,
}

impl<'a> Sealer<'a> {
    pub fn new(keys: &'a Keys, shell: &'a Shell, css: String, icon: Option<String>) -> Self {
        Sealer {
            keys,
            shell,
            css,
            icon,
            salt: BASE64.encode(keys.salt),
            halves: Default::default(),
        }
    }

    /// The file to write for the rendered `f`, which is freed.
    pub fn seal(&self, f: File) -> Result<File, Message> {
        match kind(&f.path) {
            Kind::Plain => Ok(f),
            Kind::Page => self.page(&f),
            Kind::Sealed => Ok(self.sealed(&f.path, &f.bytes)),
        }
    }

    /// The sealed file of a photo in the cache, to be published at `path`.
    pub fn seal_copy(&self, path: &str, from: &Path) -> Result<File, Message> {
        let bytes =
            std::fs::read(from).map_err(|e| msg!("io_read", path = from.display(), error = e))?;
        Ok(self.sealed(path, &bytes))
    }

    /// The script that unlocks the pages.
    pub fn script(&self) -> File {
        self.shell.script.clone()
    }

    fn render(&self, root: String, locked: String, path: &str) -> Result<String, Message> {
        let ctx = ShellCtx {
            site: &self.shell.site,
            t: &self.shell.labels,
            root,
            css: &self.css,
            script: &self.shell.script.path,
            icon: self.icon.as_deref(),
            locked,
        };
        let context = tera::Context::from_serialize(&ctx).map_err(|e| msg!("plain", text = e))?;
        self.shell
            .tera
            .render("locked.html", &context)
            .map_err(|e| msg!("protect_locked_render", path = path, error = e))
    }

    fn page(&self, f: &File) -> Result<File, Message> {
        // The shell differs between pages only in its root prefix and the
        // sealed JSON: it is rendered once per folder depth around a marker,
        // and each page is the two halves around its JSON. A theme whose
        // shell does not show `locked` exactly once is rendered page by page.
        const MARK: &str = "\u{1}rapor-locked\u{1}";
        let locked = Locked {
            v: 1,
            path: &f.path,
            salt: &self.salt,
            iterations: self.keys.iterations,
            sealed: BASE64.encode(self.keys.seal(&f.path, &f.bytes)),
        };
        // Base64 and plain paths only: nothing that could end the script element.
        let json = locked.json();
        let depth = f.path.matches('/').count();
        let root = match depth {
            0 => "./".to_string(),
            depth => "../".repeat(depth),
        };
        let known = self.halves.lock().ok().and_then(|m| m.get(&depth).cloned());
        let split = match known {
            Some(split) => split,
            None => {
                let html = self.render(root.clone(), MARK.to_string(), &f.path)?;
                let split = match html.split_once(MARK) {
                    Some((a, b)) if !b.contains(MARK) => {
                        Some(Arc::new((a.to_string(), b.to_string())))
                    }
                    _ => None,
                };
                if let Ok(mut m) = self.halves.lock() {
                    m.insert(depth, split.clone());
                }
                split
            }
        };
        let html = match split {
            Some(halves) => [halves.0.as_str(), &json, &halves.1].concat(),
            None => self.render(root, json, &f.path)?,
        };
        Ok(File {
            path: f.path.clone(),
            bytes: Arc::new(html.into_bytes()),
        })
    }

    fn sealed(&self, path: &str, bytes: &[u8]) -> File {
        let name = self.keys.sealed_name(path);
        let body = format!(
            "raporSealed(\"{name}\",\"{}\");\n",
            BASE64.encode(self.keys.seal(path, bytes))
        );
        File {
            path: format!("{SEALED_DIR}/{name}.js"),
            bytes: Arc::new(body.into_bytes()),
        }
    }
}
