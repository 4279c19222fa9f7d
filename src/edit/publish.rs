//! The editor's "Terbitkan" page: the targets of site.yaml, each with a dry
//! run and a publish button (and a password box where the target needs one
//! and its variable is not set). A publish from here first builds the site
//! to disk like `rapor build`, then runs the same [`crate::publish`] as the
//! command line; what it did comes back as the same lines.
//!
//! A publish runs in its own thread, one at a time ([`Job`]): the page
//! shows how far it is (files and bytes, from the same progress the
//! command line's bar shows) and asks `GET /<t>/publish/status` until it is
//! done. Saves wait only while the site is built and checked, not while
//! the files go up a slow line.

use std::fmt::Write as _;
use std::sync::Arc;

use super::editor::Editor;
use super::job::{Job, Outcome, Step};
use super::page::layout;
use super::submit::Submitted;
use super::words::{Word, word};
use crate::model::PublishTarget;
use crate::publish::{self, Failure, Secrets};
use crate::text::escape_html as escape;
use crate::vocab::PublishKind;

impl Editor {
    /// The page: the running publish's progress, or the outcome of the
    /// last one, then the targets.
    pub(super) fn publish_page(&self, busy: bool) -> String {
        let w = |x| word(x, self.lang);
        let token = self.token();
        let mut m = String::new();
        let _ = writeln!(
            m,
            "<h1>{}</h1>\n<p>{}</p>",
            w(Word::PublishTitle),
            w(Word::PublishHelp)
        );
        let running = {
            let job = self.job.lock().unwrap_or_else(|e| e.into_inner());
            if busy {
                let _ = writeln!(
                    m,
                    "<p class=\"problems\" role=\"alert\">{}</p>",
                    w(Word::PublishBusy)
                );
            }
            if job.running() {
                progress_section(&mut m, &job, self.lang, token);
            } else if let Some(o) = &job.outcome {
                outcome_section(&mut m, o, self.lang);
            }
            job.running()
        };
        match publish::targets(&self.site) {
            Ok(targets) if targets.is_empty() => {
                let _ = writeln!(
                    m,
                    "<p class=\"empty\">{}</p>",
                    escape(&crate::msg::msg!("publish_no_targets").render(self.lang))
                );
            }
            Ok(targets) => {
                for t in &targets {
                    target_form(&mut m, self, token, t, running);
                }
            }
            Err(f) => {
                let _ = writeln!(m, "<p class=\"problems\">{}</p>", escape(&f.to_string()));
            }
        }
        layout(self.lang, token, w(Word::PublishTitle), false, &m)
    }

    /// `GET /<t>/publish/status`: the job as the page's script reads it.
    pub(super) fn publish_status(&self) -> serde_json::Value {
        let job = self.job.lock().unwrap_or_else(|e| e.into_inner());
        let p = job.progress.as_ref();
        serde_json::json!({
            "job": job.id,
            "step": job.step.name(),
            "target": job.target,
            "dry_run": job.dry_run,
            "files_done": p.map_or(0, |p| p.files_done),
            "files": p.map_or(0, |p| p.files),
            "bytes_done": p.map_or(0, |p| p.bytes_done),
            "bytes": p.map_or(0, |p| p.bytes),
            "text": job.said(self.lang),
            "ok": job.outcome.as_ref().map(|o| o.ok),
            "lines": job.outcome.as_ref().map_or(&[][..], |o| &o.lines[..]),
        })
    }

    /// Starts a publish to the target named in the form (a dry run when
    /// asked) in its own thread; `None` while another is under way.
    pub(super) fn start_publish(self: &Arc<Self>, form: &Submitted) -> Option<u64> {
        let name = form.get("target").unwrap_or("").to_string();
        let dry_run = form.get("dry_run").is_some();
        let typed = form.get("password").filter(|p| !p.is_empty());
        let remember = typed.is_some() && form.get("remember").is_some();
        let mut secrets = Secrets::none();
        if let Some(p) = typed {
            secrets = secrets.with(&name, p.to_string());
        }
        let id = {
            let mut job = self.job.lock().unwrap_or_else(|e| e.into_inner());
            if job.running() {
                return None;
            }
            *job = Job {
                id: job.id + 1,
                step: Step::Building,
                target: name.clone(),
                dry_run,
                progress: None,
                outcome: None,
            };
            job.id
        };
        let ed = Arc::clone(self);
        let run = move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                ed.publish_now(&name, dry_run, &secrets, remember)
            }))
            .unwrap_or_else(|_| Outcome {
                ok: false,
                lines: vec![word(Word::PublishStopped, ed.lang).to_string()],
            });
            ed.set_job(|j| {
                j.step = Step::Done;
                j.outcome = Some(outcome);
            });
        };
        if std::thread::Builder::new()
            .name("publish".into())
            .spawn(run)
            .is_err()
        {
            self.set_job(|j| {
                j.step = Step::Done;
                j.outcome = Some(Outcome {
                    ok: false,
                    lines: vec![word(Word::PublishStopped, self.lang).to_string()],
                });
            });
        }
        Some(id)
    }

    /// "Lupakan kata sandi": the keyring forgets the target's password; the
    /// page says so. Refused while a publish runs.
    pub(super) fn forget_password(&self, form: &Submitted) -> bool {
        let name = form.get("target").unwrap_or("");
        let said = match publish::targets(&self.site) {
            Ok(targets) => match targets.iter().find(|t| t.name == name) {
                Some(t) => match publish::keyring::forget(t) {
                    Ok(true) => crate::msg::msg!("publish_keyring_forgot", target = t.name),
                    Ok(false) => crate::msg::msg!("publish_keyring_nothing", target = t.name),
                    Err(e) => e,
                },
                None => publish::no_such_target(name, &targets),
            },
            Err(f) => return self.set_outcome(false, vec![f.to_string()]),
        };
        self.set_outcome(true, vec![said.render(self.lang)])
    }

    /// Shows `lines` as the last outcome unless a publish runs.
    fn set_outcome(&self, ok: bool, lines: Vec<String>) -> bool {
        let mut job = self.job.lock().unwrap_or_else(|e| e.into_inner());
        if job.running() {
            return false;
        }
        job.outcome = Some(Outcome { ok, lines });
        true
    }

    fn set_job(&self, change: impl FnOnce(&mut Job)) {
        change(&mut self.job.lock().unwrap_or_else(|e| e.into_inner()));
    }

    /// Builds the site to disk and checks it (saves wait meanwhile), then
    /// publishes to the target `name`.
    /// With `remember`, a password typed for a publish that went through
    /// is kept in the keyring.
    fn publish_now(&self, name: &str, dry_run: bool, secrets: &Secrets, remember: bool) -> Outcome {
        let ready = {
            // Held even when a panic poisoned it: no save may slip in.
            let _held = self.work.lock().unwrap_or_else(|e| e.into_inner());
            if let Err(lines) = self.build_to_disk() {
                return Outcome { ok: false, lines };
            }
            publish::prepare(&self.site, Some(name))
        };
        self.set_job(|j| j.step = Step::Sending);
        let chosen: Vec<PublishTarget> = ready
            .as_ref()
            .map(|r| r.targets().cloned().collect())
            .unwrap_or_default();
        let result = ready.and_then(|r| {
            r.send(dry_run, secrets, &mut |p| {
                self.set_job(|j| j.progress = Some(p.clone()));
            })
        });
        let kept = match (&result, remember && !dry_run) {
            (Ok(_), true) => chosen
                .iter()
                .filter_map(|t| Some((t, secrets.typed(&t.name)?)))
                .map(|(t, p)| match publish::keyring::remember(t, p) {
                    Ok(()) => crate::msg::msg!("publish_keyring_kept", target = t.name),
                    Err(e) => e,
                })
                .map(|m| m.render(self.lang))
                .collect(),
            _ => Vec::new(),
        };
        let said = |done: &[publish::Done]| -> Vec<String> {
            done.iter()
                .flat_map(|d| publish::report::lines(d, d.dry_run))
                .map(|m| m.render(self.lang))
                .collect()
        };
        match result {
            Ok(done) => Outcome {
                ok: true,
                lines: said(&done).into_iter().chain(kept).collect(),
            },
            Err(Failure::Target {
                target,
                error,
                done,
            }) => {
                let mut lines = said(&done);
                let f = Failure::Target {
                    target,
                    error,
                    done: Vec::new(),
                };
                lines.push(render_failure(&f, self.lang));
                Outcome { ok: false, lines }
            }
            Err(f) => Outcome {
                ok: false,
                lines: vec![render_failure(&f, self.lang)],
            },
        }
    }

    /// `rapor build` (the caller holds the editor's build, so that no save
    /// slips in before the publish is checked). The build stamp trusts no file changed in the last two seconds (a
    /// save a moment ago): then it waits them out and builds once more, so
    /// that the stamp says the site is as new as its content.
    fn build_to_disk(&self) -> Result<(), Vec<String>> {
        for attempt in 0..2 {
            let run = crate::pipeline::run(&self.site, true);
            if run.summary.is_none() {
                return Err(self.error_lines(&run.diags));
            }
            let fresh = crate::stamp::read(&self.site)
                .is_some_and(|s| crate::stamp::inputs(&self.site) == Some(s.content));
            if fresh || attempt == 1 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2100));
        }
        Ok(())
    }
}

fn outcome_section(m: &mut String, o: &Outcome, lang: crate::vocab::Lang) {
    let (class, head) = if o.ok {
        ("ok", word(Word::PublishResult, lang))
    } else {
        ("problems", word(Word::PublishFailed, lang))
    };
    let _ = writeln!(
        m,
        "<section class=\"{class}\" role=\"status\" aria-labelledby=\"r-h\"><h2 id=\"r-h\">{head}</h2><ul class=\"lines\">"
    );
    for l in &o.lines {
        let _ = writeln!(m, "<li>{}</li>", escape(l));
    }
    m.push_str("</ul></section>\n");
}

/// The bar and the sentence of a publish under way; the script asks for
/// the status and moves them, and reloads the page when it is done.
fn progress_section(m: &mut String, job: &Job, lang: crate::vocab::Lang, token: &str) {
    let head = word(Word::PublishRunning, lang);
    let bar = match &job.progress {
        Some(p) if p.bytes > 0 => format!(" max=\"{}\" value=\"{}\"", p.bytes, p.bytes_done),
        Some(p) if p.files > 0 => format!(" max=\"{}\" value=\"{}\"", p.files, p.files_done),
        _ => String::new(),
    };
    let _ = writeln!(
        m,
        "<section class=\"running\" aria-labelledby=\"p-h\" data-publish-job=\"{}\">\
         <h2 id=\"p-h\">{head} {}</h2>\
         <progress id=\"pub-bar\" aria-labelledby=\"p-h\"{bar}></progress>\
         <p id=\"pub-text\" role=\"status\">{}</p>\
         <p><a href=\"/{token}/publish\">{}</a></p></section>",
        job.id,
        escape(&job.target),
        escape(&job.said(lang)),
        word(Word::PublishReload, lang),
    );
}

fn render_failure(f: &Failure, lang: crate::vocab::Lang) -> String {
    match f {
        Failure::Content(d) => d
            .iter()
            .map(|x| {
                format!(
                    "{}:{}: {}",
                    x.file.display(),
                    x.line,
                    x.message.render(lang)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Failure::Refused(m) => m.render(lang),
        Failure::Target { target, error, .. } => crate::msg::msg!(
            "publish_target_failed",
            target = target,
            error = error.message
        )
        .render(lang),
    }
}

/// One target: what it is, its password box if needed, and its buttons.
fn target_form(m: &mut String, ed: &Editor, token: &str, t: &PublishTarget, running: bool) {
    let w = |x| word(x, ed.lang);
    let name = escape(&t.name);
    let place = match t.kind {
        PublishKind::Git => t.url.clone().unwrap_or_default(),
        PublishKind::Folder => t.path.clone().unwrap_or_default(),
        _ => format!(
            "{}@{}:{}",
            t.user.as_deref().unwrap_or(""),
            t.host.as_deref().unwrap_or(""),
            t.path.as_deref().unwrap_or("")
        ),
    };
    let _ = write!(
        m,
        "<section class=\"kind\" aria-labelledby=\"t-{name}\"><h2 id=\"t-{name}\">{name}</h2>\
         <p>{} · {}</p>\
         <form method=\"post\" action=\"/{token}/publish\" class=\"publish\">\
         <input type=\"hidden\" name=\"_token\" value=\"{token}\">\
         <input type=\"hidden\" name=\"target\" value=\"{name}\">",
        publish::kind_name(t.kind),
        escape(&place),
    );
    let locked_key = |k: &str| publish::sftp::key_is_locked(&publish::local_path(&ed.site, k));
    let wants_password = matches!(t.kind, PublishKind::Ftp | PublishKind::Ftps)
        || (t.kind == PublishKind::Sftp && t.key_file.as_deref().is_none_or(locked_key));
    let var = t
        .password_env
        .as_deref()
        .unwrap_or(publish::DEFAULT_PASSWORD_ENV);
    let remembered =
        wants_password && std::env::var_os(var).is_none() && publish::keyring::recall(t).is_some();
    if remembered {
        let _ = write!(m, "<p class=\"help\">{}</p>", w(Word::PublishRemembered));
    } else if wants_password && std::env::var_os(var).is_none() {
        let _ = write!(
            m,
            "<div class=\"f\"><label for=\"pw-{name}\">{}</label>\
             <p class=\"help\" id=\"pw-{name}-h\">{}</p>\
             <input type=\"password\" id=\"pw-{name}\" name=\"password\" autocomplete=\"current-password\" \
             aria-describedby=\"pw-{name}-h\"></div>\
             <p class=\"check\"><input type=\"checkbox\" id=\"rm-{name}\" name=\"remember\" value=\"1\">\
             <label for=\"rm-{name}\">{}</label></p>",
            w(Word::PublishPassword),
            w(Word::PublishPasswordHelp),
            w(Word::PublishRemember),
        );
    }
    let off = if running { " disabled" } else { "" };
    let _ = writeln!(
        m,
        "<p class=\"actions\"><button type=\"submit\" name=\"dry_run\" value=\"1\" class=\"secondary\"{off}>{}</button> \
         <button type=\"submit\"{off}>{}</button></p></form>",
        w(Word::PublishDryRun),
        w(Word::Publish),
    );
    if remembered {
        let _ = write!(
            m,
            "<form method=\"post\" action=\"/{token}/publish\" class=\"forget\">\
             <input type=\"hidden\" name=\"_token\" value=\"{token}\">\
             <input type=\"hidden\" name=\"target\" value=\"{name}\">\
             <button type=\"submit\" name=\"forget\" value=\"1\" class=\"secondary\"{off}>{}</button></form>",
            w(Word::PublishForget),
        );
    }
    m.push_str("</section>\n");
}
