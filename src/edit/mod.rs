//! `rapor edit`: a local editor in the browser, for records officers who
//! should never have to write YAML.
//!
//! - [`gate`]: who may ask (loopback, `Host`, `Origin`, the run's token,
//!   bounded bodies);
//! - [`form`] and [`labels`]: each kind's form, derived from the JSON
//!   Schemas and the comments `rapor new` writes;
//! - [`page`] and [`words`]: the pages, in Indonesian or English;
//! - [`submit`]: a sent form -> the changes it makes;
//! - [`save`]: the changes checked on the whole site in memory, then
//!   written in place (comments and layout kept) with an undo history;
//! - [`photo`]: uploads beside the record and their published look;
//! - [`guard`]: internal names and numbers found in public text as it is
//!   typed.
//!
//! Records are named by kind and id in every address; no request carries
//! a file path. The preview is the site as `rapor serve` builds it, in
//! memory, refreshed by each save and by any change on disk.

mod actions;
mod answers;
mod controls;
mod editor;
mod form;
mod formpage;
mod gate;
mod guard;
mod history;
mod http;
mod job;
mod labels;
mod page;
mod photo;
mod publish;
mod records;
mod save;
mod sent;
mod submit;
mod words;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, mpsc};

use crate::msg::{Message, msg};
use crate::vocab::Lang;
use crate::watch;

pub use self::editor::Editor;
pub use self::gate::{MAX_FORM, MAX_UPLOAD, TOKEN_FIELD, TOKEN_HEADER};

pub struct Options {
    pub port: u16,
    pub open: bool,
    /// The language of the editor's pages: `--lang`, else the site's.
    pub lang: Lang,
}

/// Runs the editor until the process is stopped.
pub fn edit(site: &Path, opts: Options) -> Result<(), Message> {
    if !site.join("content/site.yaml").is_file() {
        return Err(msg!("new_not_site", site = site.display()));
    }
    let (tx, rx) = mpsc::channel();
    let _watcher = watch::watch(site, tx)?;
    // Loopback only, always: the editor reads and writes internal records.
    let addr = SocketAddr::new(Ipv4Addr::LOCALHOST.into(), opts.port);
    let server = crate::serve::Listener::bind(addr)
        .map_err(|e| msg!("serve_listen", addr = addr, error = e))?;
    let local = server
        .local_addr()
        .map_err(|e| msg!("serve_listen", addr = addr, error = e))?;
    let token = gate::new_token().map_err(|e| msg!("protect_random", error = e))?;
    let editor = Arc::new(Editor::new(site, opts.lang, local, token));
    let url = format!("http://{local}/{}/", editor.token());
    println!("{}", msg!("edit_started", site = site.display(), url = url));
    if opts.open {
        crate::serve::open_browser(&url);
    }
    {
        let editor = Arc::clone(&editor);
        std::thread::spawn(move || server.run(move |request| http::handle(request, &editor)));
    }
    while let Ok(batch) = rx.recv() {
        while rx.try_recv().is_ok() {}
        if batch.changes.iter().any(|c| *c != watch::Change::Ignored) {
            editor.rebuild();
        }
    }
    Ok(())
}
