//! Publish passwords kept in the operating system's keyring (Windows
//! Credential Manager, the macOS Keychain, the Secret Service on Linux), so
//! that a records officer types the hosting password once and never writes
//! it in a file.
//!
//! One entry per account, not per site: the service is `rapor` and the
//! user names the kind, login, host and port ("sftp://rutan@files.example.id:22"),
//! so two sites published to the same account share it. A password is
//! remembered only after it worked (the publish went through).
//!
//! Where no keyring answers (a server without a Secret Service), nothing
//! is remembered and publishing still works with the environment variable
//! or the password typed in the editor.

use std::sync::{Arc, OnceLock};

use crate::model::PublishTarget;
use crate::msg::{Message, msg};
use crate::vocab::PublishKind;

const SERVICE: &str = "rapor";

/// The keyring's name for `t`'s account; `None` for the kinds that take
/// no password (a folder, git).
pub fn account(t: &PublishTarget) -> Option<String> {
    let (scheme, port) = match t.kind {
        PublishKind::Sftp => ("sftp", t.port.unwrap_or(22)),
        PublishKind::Ftp => ("ftp", t.port.unwrap_or(21)),
        PublishKind::Ftps => ("ftps", t.port.unwrap_or(21)),
        PublishKind::Folder | PublishKind::Git => return None,
    };
    Some(format!(
        "{scheme}://{}@{}:{port}",
        t.user.as_deref().unwrap_or(""),
        t.host.as_deref().unwrap_or("")
    ))
}

/// The password remembered for `t`, if a keyring holds one.
pub fn recall(t: &PublishTarget) -> Option<String> {
    let entry = entry(t).ok()?;
    entry.get_password().ok().filter(|p| !p.is_empty())
}

/// Keeps `password` for `t`'s account.
pub fn remember(t: &PublishTarget, password: &str) -> Result<(), Message> {
    let entry = entry(t)?;
    entry
        .set_password(password)
        .map_err(|e| msg!("publish_keyring_failed", target = t.name, error = e))
}

/// Removes what is kept for `t`; `false` when nothing was.
pub fn forget(t: &PublishTarget) -> Result<bool, Message> {
    let entry = entry(t)?;
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring_core::Error::NoEntry) => Ok(false),
        Err(e) => Err(msg!("publish_keyring_failed", target = t.name, error = e)),
    }
}

fn entry(t: &PublishTarget) -> Result<keyring_core::Entry, Message> {
    let Some(user) = account(t) else {
        return Err(msg!("publish_keyring_no_password", target = t.name));
    };
    if !store_ready() {
        return Err(msg!("publish_keyring_none", target = t.name));
    }
    keyring_core::Entry::new(SERVICE, &user)
        .map_err(|e| msg!("publish_keyring_failed", target = t.name, error = e))
}

/// Whether a keyring answers: a store already set (the tests set the mock
/// one), else the platform's, tried once per run.
fn store_ready() -> bool {
    static TRIED: OnceLock<()> = OnceLock::new();
    TRIED.get_or_init(|| {
        if keyring_core::get_default_store().is_none()
            && let Some(store) = platform_store()
        {
            keyring_core::set_default_store(store);
        }
    });
    keyring_core::get_default_store().is_some()
}

#[cfg(windows)]
fn platform_store() -> Option<Arc<keyring_core::CredentialStore>> {
    let s = windows_native_keyring_store::Store::new().ok()?;
    Some(s)
}

#[cfg(target_os = "macos")]
fn platform_store() -> Option<Arc<keyring_core::CredentialStore>> {
    let s = apple_native_keyring_store::keychain::Store::new().ok()?;
    Some(s)
}

#[cfg(target_os = "linux")]
fn platform_store() -> Option<Arc<keyring_core::CredentialStore>> {
    // Without a session bus there is no Secret Service to ask.
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS")?;
    let s = zbus_secret_service_keyring_store::Store::new().ok()?;
    Some(s)
}

#[cfg(not(any(windows, target_os = "macos", target_os = "linux")))]
fn platform_store() -> Option<Arc<keyring_core::CredentialStore>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(kind: PublishKind) -> PublishTarget {
        PublishTarget {
            name: "hosting".into(),
            kind,
            host: Some("files.example.id".into()),
            port: None,
            user: Some("rutan".into()),
            path: None,
            password_env: None,
            key_file: None,
            host_key: None,
            known_hosts: None,
            ca_file: None,
            url: None,
            branch: "gh-pages".into(),
            internal: false,
        }
    }

    #[test]
    fn a_password_is_kept_per_account_recalled_and_forgotten() {
        keyring_core::set_default_store(keyring_core::mock::Store::new().unwrap());
        let sftp = target(PublishKind::Sftp);
        assert_eq!(
            account(&sftp).as_deref(),
            Some("sftp://rutan@files.example.id:22")
        );
        assert_eq!(recall(&sftp), None);
        remember(&sftp, "rahasia-123").unwrap();
        assert_eq!(recall(&sftp).as_deref(), Some("rahasia-123"));
        // Another site's target on the same account finds it too; another
        // port is another account.
        let same = PublishTarget {
            name: "lain".into(),
            ..target(PublishKind::Sftp)
        };
        assert_eq!(recall(&same).as_deref(), Some("rahasia-123"));
        let other = PublishTarget {
            port: Some(2222),
            ..target(PublishKind::Sftp)
        };
        assert_eq!(recall(&other), None);
        // The editor and the command line read it through the secrets of
        // a run: a typed password first, then the variable, then this.
        let secrets = super::super::Secrets::none();
        let var_free = PublishTarget {
            password_env: Some("RAPOR_TEST_KEYRING_NO_SUCH_VARIABLE".into()),
            ..target(PublishKind::Sftp)
        };
        assert_eq!(secrets.password(&var_free).as_deref(), Some("rahasia-123"));
        let typed = super::super::Secrets::none().with("hosting", "diketik".into());
        assert_eq!(typed.password(&var_free).as_deref(), Some("diketik"));
        assert_eq!(forget(&sftp), Ok(true));
        assert_eq!(forget(&sftp), Ok(false));
        assert_eq!(recall(&sftp), None);
        // A folder takes no password: nothing to keep.
        assert!(remember(&target(PublishKind::Folder), "x").is_err());
    }
}
