//! The editor's publish under way, or the last one: its step, how far it
//! is, and what it said. Kept by [`super::editor::Editor`], moved by the
//! publish thread ([`super::publish`]), read by the page and its script.

use crate::msg::msg;
use crate::publish;
use crate::vocab::Lang;

/// What a publish from the editor said, and whether it went through.
#[derive(Clone)]
pub(super) struct Outcome {
    pub(super) ok: bool,
    pub(super) lines: Vec<String>,
}

/// The editor's publish under way, or the last one.
#[derive(Default)]
pub(super) struct Job {
    /// Counts the publishes started; 0 before the first.
    pub(super) id: u64,
    pub(super) step: Step,
    pub(super) target: String,
    pub(super) dry_run: bool,
    pub(super) progress: Option<publish::Progress>,
    pub(super) outcome: Option<Outcome>,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    #[default]
    Idle,
    /// Building the site and checking it (saves wait).
    Building,
    /// Connecting, then sending and removing files.
    Sending,
    Done,
}

impl Step {
    pub(super) fn name(self) -> &'static str {
        match self {
            Step::Idle => "idle",
            Step::Building => "building",
            Step::Sending => "sending",
            Step::Done => "done",
        }
    }
}

impl Job {
    pub(super) fn running(&self) -> bool {
        matches!(self.step, Step::Building | Step::Sending)
    }

    /// How far it is, in words: "Mengirim 3 dari 12 berkas (120 KB dari 1,2 MB)".
    pub(super) fn said(&self, lang: Lang) -> String {
        let m = match (self.step, &self.progress) {
            (Step::Building, _) => msg!("edit_publish_building"),
            (Step::Sending, None) => {
                msg!("edit_publish_connecting", target = self.target)
            }
            (_, Some(p)) => msg!(
                "edit_publish_sending",
                target = p.target,
                done = p.files_done,
                files = p.files,
                sent = publish::report::size(p.bytes_done, lang),
                size = publish::report::size(p.bytes, lang)
            ),
            _ => return String::new(),
        };
        m.render(lang)
    }
}
