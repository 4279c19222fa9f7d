//! [`Editor`]: the state of one editor run, shared by the request
//! threads: the site, the gate, the incremental build that checks saves
//! and makes the previews, and the last good previews.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use super::gate;
use crate::audit::Guard;
use crate::diag::{Diagnostics, Severity};
use crate::pipeline::Memory;
use crate::serve::Incremental;
use crate::vocab::Lang;

/// The editor of one site, shared by the request threads.
pub struct Editor {
    pub(super) site: PathBuf,
    pub(super) lang: Lang,
    pub(super) gate: gate::Gate,
    /// One save (or rebuild) at a time.
    pub(super) work: Mutex<Incremental>,
    pub(super) shown: RwLock<Previews>,
    /// The leak guard of the last build's internal values, made on the
    /// first keystroke after a build, not on every one.
    pub(super) guard: Mutex<KeptGuard>,
    /// The publish under way from the "Terbitkan" page, or the last one.
    pub(super) job: Mutex<super::job::Job>,
}

/// The cached leak guard, and which build it belongs to.
#[derive(Default)]
pub(super) struct KeptGuard {
    /// Counts the builds: a guard made from content read before a build
    /// is not kept after it.
    pub(super) build: u64,
    pub(super) guard: Option<Arc<Guard>>,
}

/// The last good build of both sites, and the problems of the last build.
#[derive(Default)]
pub(super) struct Previews {
    pub(super) public: Memory,
    pub(super) internal: Memory,
    pub(super) problems: Vec<String>,
}

impl Editor {
    /// Builds the previews once, ready to answer.
    pub fn new(site: &Path, lang: Lang, local: SocketAddr, token: String) -> Self {
        let ed = Editor {
            site: site.to_path_buf(),
            lang,
            gate: gate::Gate::new(local, token),
            work: Mutex::new(Incremental::both()),
            shown: RwLock::new(Previews::default()),
            guard: Mutex::new(KeptGuard::default()),
            job: Mutex::new(super::job::Job::default()),
        };
        ed.rebuild();
        ed
    }

    pub fn token(&self) -> &str {
        self.gate.token()
    }

    /// Rebuilds the previews from disk (after a change made outside the
    /// editor); a failed build keeps the last good previews.
    pub fn rebuild(&self) {
        let Ok(mut inc) = self.work.lock() else {
            return;
        };
        let mut diags = Diagnostics::new();
        let built = inc.build(&self.site, &mut diags);
        self.show(built.ok(), &diags);
    }

    /// A problem as the editor's pages print it: `content/x.yaml:3: ...`.
    pub(super) fn problem_line(&self, d: &crate::diag::Diagnostic) -> String {
        let file = d.file.display().to_string().replace('\\', "/");
        format!("{file}:{}: {}", d.line, d.message.render(self.lang))
    }

    /// The errors of a run, a line each.
    pub(super) fn error_lines(&self, diags: &Diagnostics) -> Vec<String> {
        diags
            .sorted()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| self.problem_line(d))
            .collect()
    }

    pub(super) fn show(&self, built: Option<crate::pipeline::InMemory>, diags: &Diagnostics) {
        let problems = self.error_lines(diags);
        if let Ok(mut g) = self.guard.lock() {
            // The values may have changed: the next keystroke makes it anew.
            g.build += 1;
            g.guard = None;
        }
        let Ok(mut s) = self.shown.write() else {
            return;
        };
        if let Some(b) = built {
            s.public = b.public;
            s.internal = b.internal;
        }
        s.problems = problems;
    }
}
