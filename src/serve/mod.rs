//! `rapor serve`: builds into memory, serves over HTTP, rebuilds what an edit
//! touches and reloads the browser.
//!
//! The listener is [`listener`]'s. A content error keeps the last good site
//! online and shows the problems over every page until they are fixed.
//!
//! Only this computer's names for the server are answered: a request whose
//! `Host` is another name (a DNS-rebinding page in the browser) is refused,
//! and so is an `Origin` of another site on the event stream or on anything
//! but a GET. Every answer carries the same Content-Security-Policy as the
//! pages' own `<meta>`, plus what only a header can say (`frame-ancestors`).

mod http;
mod incremental;
pub mod listener;
mod state;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Instant;

pub use self::http::{CSP, EVENTS_PATH, OVERLAY_CSS_PATH, RELOAD_JS_PATH};
use self::http::{Hub, handle};
pub use self::http::{admit, decorate, mime, percent_decode, respond, site_path};
pub use self::incremental::{Incremental, Shown};
pub use self::listener::{Answer, Listener, Request};
pub use self::state::State;
use crate::diag::{Diagnostics, Severity};
use crate::msg::{Message, msg};
use crate::watch;

pub struct Options {
    pub shown: Shown,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
}

/// Runs the server until the process is stopped. Errors are for the terminal.
pub fn serve(site: &Path, opts: Options) -> Result<(), Message> {
    // Watch first, so that no edit made from now on is missed.
    let (tx, rx) = mpsc::channel();
    let _watcher = watch::watch(site, tx)?;
    let mut inc = Incremental::new(opts.shown);
    let state = Arc::new(RwLock::new(State::default()));
    let hub = Arc::new(Hub::default());
    rebuild(
        site,
        &mut inc,
        &state,
        &msg!("serve_first_build").to_string(),
    );

    let addr = SocketAddr::new(opts.bind, opts.port);
    let server = Listener::bind(addr).map_err(|e| msg!("serve_listen", addr = addr, error = e))?;
    let local = server
        .local_addr()
        .map_err(|e| msg!("serve_listen", addr = addr, error = e))?;
    if !opts.bind.is_loopback() {
        eprintln!("{}", msg!("serve_open_network", addr = local));
        if opts.shown == Shown::Internal {
            eprintln!();
            eprintln!("{}", msg!("serve_internal_warning", addr = local));
            eprintln!();
        }
    }
    let url = format!(
        "http://{}/",
        if local.ip().is_unspecified() {
            SocketAddr::new([127, 0, 0, 1].into(), local.port())
        } else {
            local
        }
    );
    let started = if opts.shown == Shown::Internal {
        msg!("serve_started_internal", site = site.display(), url = url)
    } else {
        msg!("serve_started_public", site = site.display(), url = url)
    };
    println!("{started}");
    if opts.open {
        open_browser(&url);
    }

    {
        let state = Arc::clone(&state);
        let hub = Arc::clone(&hub);
        std::thread::spawn(move || server.run(move |request| handle(request, &state, &hub, local)));
    }
    while let Ok(mut batch) = rx.recv() {
        // Take whatever else arrived meanwhile: one rebuild for a burst.
        while let Ok(more) = rx.try_recv() {
            batch.merge(more);
        }
        let what: Vec<String> = batch.changes.iter().map(watch::Change::describe).collect();
        let rewritten = batch.rewritten.as_deref();
        rebuild_after(site, &mut inc, &state, &what.join(", "), rewritten);
        hub.reload_all();
    }
    Ok(())
}

/// Rebuilds into memory; on success the new site replaces the old one, on
/// failure the old one stays and the problems are shown.
pub fn rebuild(site: &Path, inc: &mut Incremental, state: &RwLock<State>, what: &str) {
    rebuild_after(site, inc, state, what, None)
}

/// [`rebuild`] after the watcher saw only the record files `rewritten`
/// change ([`Incremental::build_after`]).
fn rebuild_after(
    site: &Path,
    inc: &mut Incremental,
    state: &RwLock<State>,
    what: &str,
    rewritten: Option<&[PathBuf]>,
) {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let built = inc.build_after(site, rewritten, &mut diags);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    // (is an error, the line): the kind word is in the CLI's language.
    let lines: Vec<(bool, String)> = diags
        .sorted()
        .iter()
        .map(|d| (d.severity == Severity::Error, d.to_string()))
        .collect();
    let Ok(mut s) = state.write() else { return };
    // Errors every time; a warning only when it is new.
    for (error, line) in &lines {
        if *error || !s.warnings.contains(line) {
            eprintln!("{line}");
        }
    }
    s.warnings = lines
        .iter()
        .filter(|(error, _)| !error)
        .map(|(_, l)| l.clone())
        .collect();
    match built {
        Ok(built) => {
            let built_pages = built.rendered;
            s.site = match inc.shown() {
                Shown::Public => built.public,
                Shown::Internal => built.internal,
            };
            let fixed = if s.problems.is_empty() {
                String::new()
            } else {
                msg!("serve_fixed").to_string()
            };
            s.problems.clear();
            let line = msg!(
                "serve_rebuilt",
                what = what,
                pages = built_pages,
                ms = format!("{ms:.0}"),
                fixed = fixed
            );
            println!("{line}");
        }
        Err(_) => {
            s.problems = lines
                .into_iter()
                .filter(|(error, _)| *error)
                .map(|(_, l)| l)
                .collect();
            let n = s.problems.len();
            let line = match s.site.is_empty() {
                true => msg!("serve_not_built", what = what, n = n),
                false => msg!("serve_not_rebuilt", what = what, n = n),
            };
            eprintln!("{line}");
        }
    }
}

/// Opens `url` in the default browser, or says where to open it.
pub fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("{}", msg!("serve_no_browser", url = url));
    }
}
