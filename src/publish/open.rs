//! Opening a target of site.yaml: its kind's connection, with the password
//! from this run (the editor's form), from the environment variable the
//! target names or from the keyring ([`super::keyring`]), and its paths
//! resolved against the site folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::target::{Error, ErrorKind, Target};
use crate::model::PublishTarget;
use crate::msg::msg;
use crate::vocab::PublishKind;

/// The variable a password is read from when a target names none.
pub const DEFAULT_PASSWORD_ENV: &str = "RAPOR_PUBLISH_PASSWORD";

/// Passwords given for one run, by target name: never written anywhere.
#[derive(Default)]
pub struct Secrets {
    given: BTreeMap<String, String>,
}

impl Secrets {
    /// No password given: each comes from its target's `password_env`.
    pub fn none() -> Self {
        Secrets::default()
    }

    /// The password typed for `target` (the editor asks for it).
    pub fn with(mut self, target: &str, password: String) -> Self {
        self.given.insert(target.to_string(), password);
        self
    }

    /// The password typed for the target named `name` in this run.
    pub fn typed(&self, name: &str) -> Option<&str> {
        self.given.get(name).map(String::as_str)
    }

    /// The password of `t`: given for this run, else from its variable,
    /// else what the keyring remembers.
    pub(super) fn password(&self, t: &PublishTarget) -> Option<String> {
        if let Some(p) = self.given.get(&t.name) {
            return Some(p.clone());
        }
        Self::from_env(t).or_else(|| super::keyring::recall(t))
    }

    /// The password in `t`'s environment variable, if it is set.
    pub fn from_env(t: &PublishTarget) -> Option<String> {
        let var = t.password_env.as_deref().unwrap_or(DEFAULT_PASSWORD_ENV);
        std::env::var(var).ok().filter(|p| !p.is_empty())
    }

    /// The password `t` cannot go without.
    fn required(&self, t: &PublishTarget) -> Result<String, Error> {
        self.password(t).ok_or_else(|| Error {
            kind: ErrorKind::Auth,
            message: msg!(
                "publish_password_missing",
                target = t.name,
                var = t.password_env.as_deref().unwrap_or(DEFAULT_PASSWORD_ENV)
            ),
        })
    }
}

/// Opens `t` for one publish.
/// A dry run changes nothing on the target: a missing folder is not made.
pub fn connect(
    site: &Path,
    t: &PublishTarget,
    secrets: &Secrets,
    dry_run: bool,
) -> Result<Box<dyn Target>, Error> {
    match t.kind {
        PublishKind::Folder => {
            let root = local_path(site, t.path.as_deref().unwrap_or(""));
            refuse_inside_site(site, &root)?;
            Ok(Box::new(super::folder::open(&root, !dry_run)?))
        }
        PublishKind::Git => {
            let url = git_url(site, t.url.as_deref().unwrap_or(""));
            let work = site
                .join(crate::photos::CACHE_DIR)
                .join("publish")
                .join(&t.name);
            Ok(Box::new(super::git::open(&work, &url, &t.branch)?))
        }
        PublishKind::Sftp => {
            let key_file = t.key_file.as_deref().map(|k| local_path(site, k));
            // With a key, a password (the key's passphrase, when it is
            // locked) is only asked for when one is there.
            let password = match key_file {
                Some(_) => secrets.password(t),
                None => Some(secrets.required(t)?),
            };
            let o = super::sftp::SftpOptions {
                host: t.host.clone().unwrap_or_default(),
                port: t.port.unwrap_or(22),
                user: t.user.clone().unwrap_or_default(),
                root: t.path.clone().unwrap_or_default(),
                password,
                key_file,
                host_key: t.host_key.clone(),
                known_hosts: t.known_hosts.as_deref().map(|k| local_path(site, k)),
            };
            Ok(Box::new(super::sftp::connect(&o)?))
        }
        PublishKind::Ftp | PublishKind::Ftps => {
            let o = super::ftp::FtpOptions {
                host: t.host.clone().unwrap_or_default(),
                port: t.port.unwrap_or(21),
                user: t.user.clone().unwrap_or_default(),
                root: t.path.clone().unwrap_or_default(),
                password: secrets.required(t)?,
                tls: t.kind == PublishKind::Ftps,
                ca_file: t.ca_file.as_deref().map(|c| local_path(site, c)),
            };
            Ok(Box::new(super::ftp::connect(&o)?))
        }
    }
}

/// A folder of this computer as site.yaml writes it: `~` is the user's
/// home folder, a relative path is relative to the site folder.
pub fn local_path(site: &Path, written: &str) -> PathBuf {
    let home = || {
        std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map(PathBuf::from)
    };
    if let Some(rest) = written
        .strip_prefix("~/")
        .or_else(|| written.strip_prefix("~\\"))
        && let Some(h) = home()
    {
        return h.join(rest);
    }
    let p = PathBuf::from(written);
    if p.is_absolute() { p } else { site.join(p) }
}

/// A git address: a folder written relative to the site becomes absolute
/// (git runs in its own working copy); addresses are kept as they are.
fn git_url(site: &Path, url: &str) -> String {
    let scp_like = url
        .split_once(':')
        .is_some_and(|(host, _)| host.len() > 1 && !host.contains(['/', '\\']));
    if url.contains("://") || scp_like {
        return url.to_string();
    }
    let p = local_path(site, url);
    std::path::absolute(&p)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// A folder target inside the site's own `content/` or `output/` would
/// feed the site its own copy: refused.
fn refuse_inside_site(site: &Path, root: &Path) -> Result<(), Error> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let root = abs(root);
    for dir in ["content", "output", "themes"] {
        if root.starts_with(abs(&site.join(dir))) {
            return Err(Error {
                kind: ErrorKind::Other,
                message: msg!("publish_folder_in_site", folder = root.display(), dir = dir),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_addresses_are_kept_and_folders_made_absolute() {
        let site = Path::new("/srv/situs");
        assert_eq!(
            git_url(site, "https://github.com/a/b.git"),
            "https://github.com/a/b.git"
        );
        assert_eq!(
            git_url(site, "git@github.com:a/b.git"),
            "git@github.com:a/b.git"
        );
        assert!(git_url(site, "../terbit.git").ends_with("terbit.git"));
        assert!(Path::new(&git_url(site, "../terbit.git")).is_absolute());
    }
}
