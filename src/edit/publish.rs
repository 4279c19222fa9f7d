//! The editor's "Terbitkan" page: the targets of site.yaml, each with a dry
//! run and a publish button (and a password box where the target needs one
//! and its variable is not set). A publish from here first builds the site
//! to disk like `rapor build`, then runs the same [`crate::publish`] as the
//! command line; what it did comes back as the same lines.

use std::fmt::Write as _;

use super::editor::Editor;
use super::page::layout;
use super::submit::Submitted;
use super::words::{Word, word};
use crate::model::PublishTarget;
use crate::publish::{self, Failure, Secrets};
use crate::text::escape_html as escape;
use crate::vocab::PublishKind;

/// What a publish from the editor said, and whether it went through.
pub(super) struct Outcome {
    pub(super) ok: bool,
    pub(super) lines: Vec<String>,
}

impl Editor {
    /// The page, with the outcome of the last request if there is one.
    pub(super) fn publish_page(&self, outcome: Option<&Outcome>) -> String {
        let w = |x| word(x, self.lang);
        let token = self.token();
        let mut m = String::new();
        let _ = writeln!(
            m,
            "<h1>{}</h1>\n<p>{}</p>",
            w(Word::PublishTitle),
            w(Word::PublishHelp)
        );
        if let Some(o) = outcome {
            let (class, head) = if o.ok {
                ("ok", w(Word::PublishResult))
            } else {
                ("problems", w(Word::PublishFailed))
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
                    target_form(&mut m, self, token, t);
                }
            }
            Err(f) => {
                let _ = writeln!(m, "<p class=\"problems\">{}</p>", escape(&f.to_string()));
            }
        }
        layout(self.lang, token, w(Word::PublishTitle), false, &m)
    }

    /// Builds the site to disk, then publishes to the target named in the
    /// form (a dry run when asked).
    pub(super) fn publish_now(&self, form: &Submitted) -> Outcome {
        let name = form.get("target").unwrap_or("").to_string();
        let dry_run = form.get("dry_run").is_some();
        let mut secrets = Secrets::none();
        if let Some(p) = form.get("password").filter(|p| !p.is_empty()) {
            secrets = secrets.with(&name, p.to_string());
        }
        if let Err(lines) = self.build_to_disk() {
            return Outcome { ok: false, lines };
        }
        let result = publish::publish(
            &self.site,
            publish::Options {
                target: Some(&name),
                dry_run,
                secrets: &secrets,
                progress: &mut |_| {},
            },
        );
        let said = |done: &[publish::Done]| -> Vec<String> {
            done.iter()
                .flat_map(|d| publish::report::lines(d, d.dry_run))
                .map(|m| m.render(self.lang))
                .collect()
        };
        match result {
            Ok(done) => Outcome {
                ok: true,
                lines: said(&done),
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

    /// `rapor build`, holding the editor's build so that no save slips in.
    /// The build stamp trusts no file changed in the last two seconds (a
    /// save a moment ago): then it waits them out and builds once more, so
    /// that the stamp says the site is as new as its content.
    fn build_to_disk(&self) -> Result<(), Vec<String>> {
        let _held = self.work.lock();
        for attempt in 0..2 {
            let run = crate::pipeline::run(&self.site, true);
            if run.summary.is_none() {
                return Err(run
                    .diags
                    .sorted()
                    .iter()
                    .filter(|d| d.severity == crate::diag::Severity::Error)
                    .map(|d| {
                        let file = d.file.display().to_string().replace('\\', "/");
                        format!("{file}:{}: {}", d.line, d.message.render(self.lang))
                    })
                    .collect());
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
fn target_form(m: &mut String, ed: &Editor, token: &str, t: &PublishTarget) {
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
    let wants_password = matches!(t.kind, PublishKind::Ftp | PublishKind::Ftps)
        || (t.kind == PublishKind::Sftp && t.key_file.is_none());
    let var = t
        .password_env
        .as_deref()
        .unwrap_or(publish::DEFAULT_PASSWORD_ENV);
    if wants_password && std::env::var_os(var).is_none() {
        let _ = write!(
            m,
            "<div class=\"f\"><label for=\"pw-{name}\">{}</label>\
             <p class=\"help\" id=\"pw-{name}-h\">{}</p>\
             <input type=\"password\" id=\"pw-{name}\" name=\"password\" autocomplete=\"current-password\" \
             aria-describedby=\"pw-{name}-h\"></div>",
            w(Word::PublishPassword),
            w(Word::PublishPasswordHelp),
        );
    }
    let _ = writeln!(
        m,
        "<p class=\"actions\"><button type=\"submit\" name=\"dry_run\" value=\"1\" class=\"secondary\">{}</button> \
         <button type=\"submit\">{}</button></p></form></section>",
        w(Word::PublishDryRun),
        w(Word::Publish),
    );
}
