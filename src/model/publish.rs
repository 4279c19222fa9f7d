//! `publish:` of site.yaml, checked: each target has what its kind needs,
//! names are unique, no secret is written in the file, and the internal
//! site never shares a place with the public one.

use super::check::Check;
use crate::diag::Reported;
use crate::msg::msg;
use crate::parse::Seg;
use crate::raw::{RawPublishTarget, SECRET_KEYS};
use crate::vocab::PublishKind;

/// A place `rapor publish` uploads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishTarget {
    pub name: String,
    pub kind: PublishKind,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub user: Option<String>,
    /// The remote folder (for `folder`, a folder of this computer).
    pub path: Option<String>,
    /// The environment variable holding the password.
    pub password_env: Option<String>,
    pub key_file: Option<String>,
    pub host_key: Option<String>,
    pub known_hosts: Option<String>,
    pub ca_file: Option<String>,
    pub url: Option<String>,
    /// `git`: the branch pushed to (default `gh-pages`).
    pub branch: String,
    /// Receives the sealed internal site instead of the public one.
    pub internal: bool,
}

impl PublishTarget {
    /// Where the files land, to tell two targets apart: the same place
    /// means the same kind of server, host, port, user and folder.
    pub fn place(&self) -> String {
        let folder = self
            .path
            .as_deref()
            .unwrap_or("")
            .trim_matches(|c| c == '/' || c == '\\');
        match self.kind {
            PublishKind::Git => {
                format!("git {} {}", self.url.as_deref().unwrap_or(""), self.branch)
            }
            PublishKind::Folder => format!("folder {}", folder.replace('\\', "/")),
            _ => format!(
                "{} {}:{} {}",
                self.host.as_deref().unwrap_or("").to_lowercase(),
                self.port.unwrap_or(0),
                self.user.as_deref().unwrap_or(""),
                folder
            ),
        }
    }
}

/// The targets of `publish:`, in their order; each problem is reported at
/// its line, and a target with a problem is left out.
pub(super) fn targets(raw: Option<Vec<RawPublishTarget>>, c: &mut Check) -> Vec<PublishTarget> {
    let mut out: Vec<PublishTarget> = Vec::new();
    for (i, t) in raw.unwrap_or_default().into_iter().enumerate() {
        let at = |key: &'static str| [Seg::Key("publish"), Seg::Index(i), Seg::Key(key)];
        let Ok(target) = target(t, i, c) else {
            continue;
        };
        if out.iter().any(|o| o.name == target.name) {
            c.err(&at("name"), msg!("publish_name_twice", name = target.name));
            continue;
        }
        if let Some(other) = out
            .iter()
            .find(|o| o.internal != target.internal && o.place() == target.place())
        {
            c.err(
                &at("path"),
                msg!(
                    "publish_internal_same_place",
                    name = target.name,
                    other = other.name
                ),
            );
            continue;
        }
        out.push(target);
    }
    out
}

fn target(t: RawPublishTarget, i: usize, c: &mut Check) -> Result<PublishTarget, Reported> {
    let at = |key: &'static str| [Seg::Key("publish"), Seg::Index(i), Seg::Key(key)];
    let secrets = [&t.password, &t.passphrase, &t.token, &t.secret, &t.key];
    let mut refused = None;
    for (key, value) in SECRET_KEYS.iter().zip(secrets) {
        if value.is_some() {
            // The value is never quoted: it is someone's password.
            refused = Some(c.err(&at(key), msg!("publish_secret_in_file", field = key)));
        }
    }
    let name = match Check::opt_text(t.name) {
        Some(n) if crate::text::is_valid_id(&n) => Ok(n),
        Some(n) => Err(c.err(&at("name"), msg!("publish_name_id", value = n))),
        None => Err(c.err(
            &[Seg::Key("publish"), Seg::Index(i)],
            msg!("publish_name_missing"),
        )),
    };
    let kind = match t.kind {
        Some(k) => c.choice_of(k, &at("kind"), &PublishKind::ALL),
        None => Err(c.err(
            &[Seg::Key("publish"), Seg::Index(i)],
            msg!("publish_kind_missing"),
        )),
    };
    let (name, kind) = (name?, kind?);
    let host = Check::opt_text(t.host);
    let user = Check::opt_text(t.user);
    let path = Check::opt_text(t.path);
    let url = Check::opt_text(t.url);
    let mut need = |present: bool, field: &'static str| {
        if !present {
            refused = Some(c.err(
                &[Seg::Key("publish"), Seg::Index(i)],
                msg!("publish_field_needed", name = name, field = field),
            ));
        }
    };
    match kind {
        PublishKind::Folder => need(path.is_some(), "path"),
        PublishKind::Git => need(url.is_some(), "url"),
        PublishKind::Sftp | PublishKind::Ftp | PublishKind::Ftps => {
            need(host.is_some(), "host");
            need(user.is_some(), "user");
        }
    }
    if let Some(p) = &path
        && p.split(['/', '\\']).any(|part| part == "..")
        && kind != PublishKind::Folder
    {
        refused = Some(c.err(&at("path"), msg!("publish_path_up", value = p)));
    }
    if url.as_deref().is_some_and(has_password) {
        // https://user:token@host/...: a secret in the file, not quoted.
        refused = Some(c.err(&at("url"), msg!("publish_url_secret")));
    }
    let password_env = Check::opt_text(t.password_env);
    if let Some(v) = &password_env
        && !is_env_name(v)
    {
        // Most likely the password itself, typed in the wrong place: not quoted.
        refused = Some(c.err(&at("password_env"), msg!("publish_env_name")));
    }
    if let Some(k) = &t.host_key
        && !k.trim().starts_with("SHA256:")
    {
        refused = Some(c.err(&at("host_key"), msg!("publish_host_key")));
    }
    if let Some(r) = refused {
        return Err(r);
    }
    Ok(PublishTarget {
        name,
        kind,
        host,
        port: t.port,
        user,
        path,
        password_env,
        key_file: Check::opt_text(t.key_file),
        host_key: Check::opt_text(t.host_key),
        known_hosts: Check::opt_text(t.known_hosts),
        ca_file: Check::opt_text(t.ca_file),
        url,
        branch: Check::opt_text(t.branch).unwrap_or_else(|| "gh-pages".into()),
        internal: t.internal.unwrap_or(false),
    })
}

/// Whether an address carries a password: `https://user:secret@host/`.
fn has_password(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    let authority = rest.split('/').next().unwrap_or("");
    authority
        .rsplit_once('@')
        .is_some_and(|(user, _)| user.contains(':'))
}

/// An environment variable's name as people write them: `RAPOR_PASSWORD`.
fn is_env_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_environment_variable_name_is_not_a_password() {
        assert!(is_env_name("RAPOR_PUBLISH_PASSWORD"));
        assert!(is_env_name("_X1"));
        assert!(!is_env_name("rahasia123"));
        assert!(!is_env_name("Rahasia"));
        assert!(!is_env_name("1ABC"));
        assert!(!is_env_name(""));
    }

    #[test]
    fn an_address_with_a_password_is_told_apart() {
        assert!(has_password("https://rutan:ghp_abc@github.com/a/b.git"));
        assert!(!has_password("https://rutan@github.com/a/b.git"));
        assert!(!has_password("git@github.com:a/b.git"));
        assert!(!has_password("https://github.com/a/b:c@d"));
    }
}
