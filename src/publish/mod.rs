//! `rapor publish`: uploads `output/public` (and a sealed internal site to a
//! target marked internal) to the targets named in `content/site.yaml`.
//!
//! Nothing private leaves: a publish runs only on a build that is complete
//! and newer than the content (the build stamp says so, and the build ran
//! the leak audit), scans the public files once more for internal values,
//! and sends the internal site only to a target marked `internal: true`,
//! only sealed. Each target is brought to the built site through the same
//! plan ([`plan`]) whatever its kind: changed files up, assets first, then
//! what the site no longer has removed, with the target's manifest
//! ([`manifest`]) marking a publish under way until it is done.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::PublishTarget;
use crate::msg::{Message, msg};
use crate::vocab::PublishKind;

mod folder;
pub mod ftp;
mod git;
pub mod keyring;
pub mod manifest;
mod open;
pub mod plan;
pub mod report;
pub mod sftp;
pub mod target;

pub use open::{DEFAULT_PASSWORD_ENV, Secrets, local_path};
pub use plan::Plan;
pub use target::{Error, ErrorKind, Target};

/// What to publish, and how.
pub struct Options<'a> {
    /// The target's name; `None` publishes to every target, in order.
    pub target: Option<&'a str>,
    /// Only say what would change.
    pub dry_run: bool,
    /// Passwords given for this run (by the editor's form), by target name;
    /// otherwise they come from each target's `password_env`.
    pub secrets: &'a Secrets,
    /// Called as each file goes up or is removed.
    pub progress: &'a mut dyn FnMut(&Progress),
}

/// How far one target's publish is.
#[derive(Debug, Clone)]
pub struct Progress {
    pub target: String,
    pub files_done: usize,
    pub files: usize,
    pub bytes_done: u64,
    pub bytes: u64,
    /// The file now being sent or removed.
    pub path: String,
}

/// What a publish did (or, in a dry run, would do) on one target.
#[derive(Debug, Clone)]
pub struct Done {
    pub target: String,
    pub internal: bool,
    pub plan: Plan,
    pub dry_run: bool,
    /// Said along the way (a manifest that could not be read).
    pub notes: Vec<Message>,
}

/// Why a publish did not happen, or stopped.
#[derive(Debug)]
pub enum Failure {
    /// site.yaml (or any record) has problems: what `rapor check` says.
    Content(Vec<Diagnostic>),
    /// Refused before anything was sent: the build is missing or old, the
    /// audit found internal data, there is no such target.
    Refused(Message),
    /// A target failed; the targets before it in `done` went through.
    Target {
        target: String,
        error: Error,
        done: Vec<Done>,
    },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Content(d) => {
                for line in d {
                    writeln!(f, "{line}")?;
                }
                write!(f, "{}", msg!("publish_content_problems", n = d.len()))
            }
            Failure::Refused(m) => write!(f, "{m}"),
            Failure::Target { target, error, .. } => {
                write!(
                    f,
                    "{}",
                    msg!(
                        "publish_target_failed",
                        target = target,
                        error = error.message
                    )
                )
            }
        }
    }
}

/// The targets of the site's `publish:` (with what `rapor check` would
/// say when the content has problems).
pub fn targets(site: &Path) -> Result<Vec<PublishTarget>, Failure> {
    loaded(site).map(|(_, model)| model.site.publish.clone())
}

/// The site's content and model, or its problems.
fn loaded(site: &Path) -> Result<(crate::load::Content, crate::model::Model), Failure> {
    let mut diags = Diagnostics::new();
    let content = crate::load::load_with(site, None, &mut diags);
    let model = crate::model::build_with(&content, None, &mut diags);
    let errors: Vec<Diagnostic> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    match model {
        Ok(m) if errors.is_empty() => Ok((content, m)),
        _ => Err(Failure::Content(errors)),
    }
}

/// Publishes the site at `site` as `opts` says.
pub fn publish(site: &Path, opts: Options) -> Result<Vec<Done>, Failure> {
    prepare(site, opts.target)?.send(opts.dry_run, opts.secrets, opts.progress)
}

/// A publish checked and ready to send: each chosen target with the
/// folder it receives. Nothing has been sent yet.
pub struct Ready {
    site: PathBuf,
    sends: Vec<(PublishTarget, PathBuf)>,
}

/// Checks everything that can be checked before a byte is sent: the
/// target exists, the last build is complete, newer than the content and
/// passes the leak audit, and an internal target gets a sealed site.
/// (The editor holds its saves back while this runs, then lets them go
/// while the files are sent.)
pub fn prepare(site: &Path, target: Option<&str>) -> Result<Ready, Failure> {
    let (content, model) = loaded(site)?;
    let all = &model.site.publish;
    let chosen: Vec<&PublishTarget> = match target {
        Some(name) => match all.iter().find(|t| t.name == name) {
            Some(t) => vec![t],
            None => return Err(Failure::Refused(no_such_target(name, all))),
        },
        None if all.is_empty() => return Err(Failure::Refused(msg!("publish_no_targets"))),
        None => all.iter().collect(),
    };
    let built = fresh_build(site, &content, &model)?;
    let sends = chosen
        .into_iter()
        .map(|t| Ok((t.clone(), source_of(site, t, &built)?)))
        .collect::<Result<_, Failure>>()?;
    Ok(Ready {
        site: site.to_path_buf(),
        sends,
    })
}

impl Ready {
    /// The targets this publish goes to, in order.
    pub fn targets(&self) -> impl Iterator<Item = &PublishTarget> {
        self.sends.iter().map(|(t, _)| t)
    }

    /// Brings each target to the built site, in order; the first target
    /// that fails stops the run.
    pub fn send(
        self,
        dry_run: bool,
        secrets: &Secrets,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<Vec<Done>, Failure> {
        let mut done = Vec::new();
        for (t, source) in &self.sends {
            match publish_one(&self.site, t, source, dry_run, secrets, &mut *progress) {
                Ok(d) => done.push(d),
                Err(error) => {
                    return Err(Failure::Target {
                        target: t.name.clone(),
                        error,
                        done,
                    });
                }
            }
        }
        Ok(done)
    }
}

/// "there is no publish target \"x\"; there are: a, b".
pub fn no_such_target(name: &str, all: &[PublishTarget]) -> Message {
    let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
    if names.is_empty() {
        return msg!("publish_no_targets");
    }
    msg!(
        "publish_no_such_target",
        name = name,
        names = names.join(", ")
    )
}

/// The last build, if it is complete and newer than the content; the
/// public files are scanned once more for internal values.
fn fresh_build(
    site: &Path,
    content: &crate::load::Content,
    model: &crate::model::Model,
) -> Result<crate::stamp::Stamp, Failure> {
    let Some(stamp) = crate::stamp::read(site) else {
        return Err(Failure::Refused(msg!("publish_not_built")));
    };
    if crate::stamp::inputs(site) != Some(stamp.content) {
        return Err(Failure::Refused(msg!("publish_stale")));
    }
    if crate::stamp::output(site) != Some(stamp.output) {
        return Err(Failure::Refused(msg!("publish_output_changed")));
    }
    let mut diags = Diagnostics::new();
    if crate::audit::audit_loaded(site, content, model, None, &mut diags).is_none() {
        return Err(Failure::Refused(msg!(
            "publish_audit_failed",
            n = diags.error_count()
        )));
    }
    Ok(stamp)
}

/// The folder a target receives: the public site, or the sealed internal
/// one for a target marked internal.
fn source_of(
    site: &Path,
    t: &PublishTarget,
    built: &crate::stamp::Stamp,
) -> Result<PathBuf, Failure> {
    if !t.internal {
        return Ok(site.join("output").join("public"));
    }
    if !(built.internal_written && built.internal_sealed) {
        return Err(Failure::Refused(msg!(
            "publish_internal_not_sealed",
            target = t.name
        )));
    }
    Ok(site.join("output").join("internal"))
}

fn publish_one(
    site: &Path,
    t: &PublishTarget,
    source: &Path,
    dry_run: bool,
    secrets: &Secrets,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Done, Error> {
    let local = plan::scan(source).map_err(|e| Error {
        kind: ErrorKind::Other,
        message: msg!("publish_folder_io", path = source.display(), error = e),
    })?;
    let mut target = open::connect(site, t, secrets, dry_run)?;
    let mut notes = Vec::new();
    let there = match target.read(manifest::NAME)? {
        None => manifest::Manifest::default(),
        Some(bytes) => manifest::Manifest::parse(&bytes).unwrap_or_else(|_| {
            // Not knowing what is rapor's, nothing is removed this time.
            notes.push(msg!("publish_manifest_unreadable", name = manifest::NAME));
            manifest::Manifest::default()
        }),
    };
    let plan = plan::make(&local, &there);
    let done = Done {
        target: t.name.clone(),
        internal: t.internal,
        plan: plan.clone(),
        dry_run,
        notes,
    };
    if dry_run || (plan.is_empty() && there.complete) {
        target.finish()?;
        return Ok(done);
    }
    target.put(
        manifest::NAME,
        &plan::pending(&local, &there, &plan).to_bytes(),
    )?;
    let files = plan.upload.len() + plan.remove.len();
    let mut p = Progress {
        target: t.name.clone(),
        files_done: 0,
        files,
        bytes_done: 0,
        bytes: plan.bytes,
        path: String::new(),
    };
    for path in &plan.upload {
        p.path.clone_from(path);
        progress(&p);
        let bytes = read_local(source, path)?;
        target.put(path, &bytes)?;
        p.files_done += 1;
        p.bytes_done += bytes.len() as u64;
    }
    for path in &plan.remove {
        p.path.clone_from(path);
        progress(&p);
        target.remove(path)?;
        p.files_done += 1;
    }
    target.put(manifest::NAME, &plan::done(&local).to_bytes())?;
    target.finish()?;
    p.path.clear();
    progress(&p);
    Ok(done)
}

fn read_local(source: &Path, rel: &str) -> Result<Vec<u8>, Error> {
    let path = rel.split('/').fold(source.to_path_buf(), |p, c| p.join(c));
    std::fs::read(&path).map_err(|e| Error {
        kind: ErrorKind::Other,
        message: msg!("publish_folder_io", path = path.display(), error = e),
    })
}

/// The kind's word, as site.yaml writes it.
pub fn kind_name(kind: PublishKind) -> &'static str {
    PublishKind::ALL
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("folder", |(n, _)| n)
}
