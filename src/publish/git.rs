//! The `git` target: a branch of a repository (GitHub Pages and the like,
//! or a bare repository in a folder), through the `git` program, so that
//! the person's own credentials (Git Credential Manager on Windows, an SSH
//! agent) are used and never seen by rapor.
//!
//! A working copy of the branch is kept in `.rapor-cache/publish/<name>`.
//! Each publish first makes it exactly the branch as it is on the remote,
//! changes files there, and [`Target::finish`] commits and pushes them in
//! one commit: the branch moves from the old site to the new one at once,
//! and a publish cut off before the push left the remote as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::folder::{self, Folder, io};
use super::target::{Error, ErrorKind, Target};
use crate::msg::msg;

/// An open git target.
pub struct Git {
    work: PathBuf,
    /// The working copy's files, changed as any folder target's are.
    files: Folder,
    url: String,
    branch: String,
}

/// Makes the working copy in `work` the remote branch as it is now (an
/// empty one when the branch does not exist yet).
pub fn open(work: &Path, url: &str, branch: &str) -> Result<Git, Error> {
    let g = Git {
        work: work.to_path_buf(),
        files: folder::at(work),
        url: url.to_string(),
        branch: branch.to_string(),
    };
    let heads = g.run_in(
        None,
        &["ls-remote", "--heads", url, &format!("refs/heads/{branch}")],
    )?;
    if heads.trim().is_empty() {
        // No branch yet: an empty working copy, committed as its first.
        g.fresh()?;
    } else if g.update().is_err() {
        // A working copy left broken (a kill mid-fetch): start it again.
        g.fresh()?;
        g.update()?;
    }
    Ok(g)
}

impl Git {
    /// An empty repository in the working folder.
    fn fresh(&self) -> Result<(), Error> {
        if self.work.exists() {
            std::fs::remove_dir_all(&self.work).map_err(|e| io(&self.work, &e))?;
        }
        std::fs::create_dir_all(&self.work).map_err(|e| io(&self.work, &e))?;
        self.git(&["init", "--quiet"])?;
        Ok(())
    }

    /// Makes the working copy the remote branch as it is now: only what
    /// changed since the last publish is fetched, and anything an earlier
    /// publish left behind (an unpushed commit, stray files) is dropped.
    fn update(&self) -> Result<(), Error> {
        if !self.work.join(".git").is_dir() {
            self.fresh()?;
        }
        let branch = format!("refs/heads/{}", self.branch);
        self.git(&["fetch", "--quiet", "--depth", "1", &self.url, &branch])?;
        self.git(&[
            "checkout",
            "--quiet",
            "--force",
            "-B",
            "rapor-publish",
            "FETCH_HEAD",
        ])?;
        self.git(&["clean", "--quiet", "--force", "-d", "-x"])?;
        Ok(())
    }

    fn git(&self, args: &[&str]) -> Result<String, Error> {
        self.run_in(Some(&self.work), args)
    }

    /// Runs git with settings that keep bytes as they are (no line-ending
    /// conversion on Windows), never wait for a password prompt, and do not
    /// depend on the person's git configuration.
    fn run_in(&self, dir: Option<&Path>, args: &[&str]) -> Result<String, Error> {
        let mut cmd = Command::new("git");
        if let Some(d) = dir {
            cmd.current_dir(d);
        }
        cmd.args([
            "-c",
            "core.autocrlf=false",
            "-c",
            "core.safecrlf=false",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "user.name=rapor",
            "-c",
            "user.email=rapor@localhost",
        ])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GCM_INTERACTIVE", "never")
        .stdin(std::process::Stdio::null());
        let out = cmd.output().map_err(|e| Error {
            kind: ErrorKind::Other,
            message: if e.kind() == std::io::ErrorKind::NotFound {
                msg!("publish_git_missing")
            } else {
                msg!("publish_git_failed", error = e)
            },
        })?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Err(Error {
            kind: kind_of(&said),
            message: msg!("publish_git_said", url = self.url, said = said),
        })
    }
}

/// What git's complaint means for the person publishing.
fn kind_of(said: &str) -> ErrorKind {
    let s = said.to_lowercase();
    let auth = [
        "authentication failed",
        "permission denied",
        "could not read username",
        "could not read password",
        "403",
    ];
    let connection = [
        "could not resolve host",
        "unable to access",
        "connection refused",
        "connection timed out",
        "does not appear to be a git repository",
        "could not read from remote repository",
        "not found",
    ];
    if auth.iter().any(|a| s.contains(a)) {
        ErrorKind::Auth
    } else if connection.iter().any(|c| s.contains(c)) {
        ErrorKind::Connection
    } else {
        ErrorKind::Other
    }
}

impl Target for Git {
    fn read(&mut self, rel: &str) -> Result<Option<Vec<u8>>, Error> {
        self.files.read(rel)
    }

    fn put(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.files.put(rel, bytes)
    }

    fn remove(&mut self, rel: &str) -> Result<(), Error> {
        self.files.remove(rel)
    }

    fn finish(&mut self) -> Result<(), Error> {
        self.git(&["add", "--all"])?;
        let staged = self.git(&["status", "--porcelain"])?;
        if staged.trim().is_empty() {
            return Ok(());
        }
        self.git(&["commit", "--quiet", "--message", "rapor publish"])?;
        self.git(&[
            "push",
            "--quiet",
            &self.url,
            &format!("HEAD:refs/heads/{}", self.branch),
        ])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_s_complaints_are_told_apart() {
        assert_eq!(
            kind_of("fatal: Authentication failed for 'https://x/'"),
            ErrorKind::Auth
        );
        assert_eq!(
            kind_of("fatal: '/tmp/nope' does not appear to be a git repository"),
            ErrorKind::Connection
        );
        assert_eq!(kind_of("error: something else"), ErrorKind::Other);
    }
}
