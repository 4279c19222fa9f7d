//! The SFTP target: files sent over SSH (russh, pure Rust), after the
//! server has proved to be the one expected: its host key pinned in the
//! target (`host_key: SHA256:...`) or recorded in a known_hosts file.
//!
//! The SSH client is async; a small single-thread runtime owned by the
//! target runs each step to its end, so the publish stays plain code.
//! A file goes up under a temporary name in its folder, then is renamed
//! over the old one, so a visitor never gets half a page.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::client::{self, AuthResult, Handle};
use russh::keys::{HashAlg, PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};
use russh_sftp::client::SftpSession;
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::protocol::StatusCode;
use tokio::io::AsyncWriteExt;

use super::target::{Error, ErrorKind, Target};
use crate::msg::{Message, msg};

/// How long a connection or a server's answer may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Where and how to log in, and how to know the server.
#[derive(Debug, Clone)]
pub struct SftpOptions {
    pub host: String,
    pub port: u16,
    pub user: String,
    /// The remote folder, relative to the login folder or absolute.
    pub root: String,
    pub password: Option<String>,
    /// A private key (OpenSSH format: ed25519, RSA or ECDSA).
    pub key_file: Option<PathBuf>,
    /// The server's key, as `ssh-keygen -lf` prints it: `SHA256:<base64>`.
    pub host_key: Option<String>,
    /// `None`: the user's `~/.ssh/known_hosts`.
    pub known_hosts: Option<PathBuf>,
}

/// An open SFTP session, in the target's root folder.
pub struct Sftp {
    runtime: tokio::runtime::Runtime,
    ssh: Option<Handle<Verifier>>,
    sftp: Option<SftpSession>,
    host: String,
    /// The root folder, ending in `/` (empty: the login folder).
    root: String,
    /// Folders known to exist (made or seen in this publish).
    folders: HashSet<String>,
}

/// Checks the server's key; a refusal leaves the reason for `connect`.
struct Verifier {
    host: String,
    port: u16,
    host_key: Option<String>,
    known_hosts: Option<PathBuf>,
    refusal: Arc<Mutex<Option<Error>>>,
}

impl client::Handler for Verifier {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let key = match key {
            PublicKeyOrCertificate::PublicKey { key, .. } => key.clone(),
            PublicKeyOrCertificate::Certificate(c) => PublicKey::from(c.public_key().clone()),
        };
        match self.verify(&key) {
            Ok(()) => Ok(true),
            Err(e) => {
                if let Ok(mut slot) = self.refusal.lock() {
                    *slot = Some(e);
                }
                Ok(false)
            }
        }
    }
}

impl Verifier {
    fn verify(&self, key: &PublicKey) -> Result<(), Error> {
        let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
        let identity = |message| Error {
            kind: ErrorKind::Identity,
            message,
        };
        if let Some(pinned) = &self.host_key {
            let pinned = pinned.trim().trim_end_matches('=');
            return if pinned == fingerprint {
                Ok(())
            } else {
                Err(identity(msg!(
                    "sftp_host_key_changed",
                    host = self.host,
                    fingerprint = fingerprint,
                    pinned = pinned
                )))
            };
        }
        let path = match &self.known_hosts {
            Some(p) => Some(p.clone()),
            None => std::env::home_dir().map(|h| h.join(".ssh").join("known_hosts")),
        };
        if let Some(path) = path {
            // `[host]:port` first, as OpenSSH writes it; then the bare host.
            for port in [self.port, 22] {
                match russh::keys::check_known_hosts_path(&self.host, port, key, &path) {
                    Ok(true) => return Ok(()),
                    Ok(false) => {}
                    Err(russh::keys::Error::KeyChanged { .. }) => {
                        return Err(identity(msg!(
                            "sftp_known_hosts_changed",
                            host = self.host,
                            fingerprint = fingerprint,
                            path = path.display()
                        )));
                    }
                    // An unreadable line or file: the key is not known from it.
                    Err(_) => {}
                }
            }
        }
        Err(identity(msg!(
            "sftp_host_key_unknown",
            host = self.host,
            fingerprint = fingerprint
        )))
    }
}

/// Connects, checks the server's key, logs in and opens SFTP.
pub fn connect(o: &SftpOptions) -> Result<Sftp, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| connect_failed(o, &e))?;
    let refusal = Arc::new(Mutex::new(None));
    let verifier = Verifier {
        host: o.host.clone(),
        port: o.port,
        host_key: o.host_key.clone(),
        known_hosts: o.known_hosts.clone(),
        refusal: refusal.clone(),
    };
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(TIMEOUT * 3),
        ..Default::default()
    });
    let (ssh, sftp) = runtime.block_on(async {
        let addr = (o.host.as_str(), o.port);
        let ssh = match tokio::time::timeout(TIMEOUT, client::connect(config, addr, verifier)).await
        {
            Err(_) => return Err(connect_failed(o, &"timeout")),
            Ok(Ok(ssh)) => ssh,
            Ok(Err(e)) => {
                let refused = refusal.lock().ok().and_then(|mut r| r.take());
                return Err(refused.unwrap_or_else(|| connect_failed(o, &e)));
            }
        };
        let mut ssh = ssh;
        login(&mut ssh, o).await?;
        let channel = within(ssh.channel_open_session())
            .await
            .map_err(|e| lost(&o.host, &e))?;
        within(channel.request_subsystem(true, "sftp"))
            .await
            .map_err(|e| no_sftp(&o.host, &e))?;
        let sftp =
            match tokio::time::timeout(TIMEOUT, SftpSession::new(channel.into_stream())).await {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => return Err(no_sftp(&o.host, &e)),
                Err(_) => return Err(no_sftp(&o.host, &"timeout")),
            };
        sftp.set_timeout(TIMEOUT.as_secs());
        Ok((ssh, sftp))
    })?;
    let root = o.root.trim_end_matches('/');
    let mut target = Sftp {
        runtime,
        ssh: Some(ssh),
        sftp: Some(sftp),
        host: o.host.clone(),
        root: if root.is_empty() {
            String::new()
        } else {
            format!("{root}/")
        },
        folders: HashSet::new(),
    };
    if !root.is_empty() {
        target.make_folders(root)?;
    }
    Ok(target)
}

/// Runs one step of the SSH client with the time limit.
async fn within<T>(f: impl Future<Output = Result<T, russh::Error>>) -> Result<T, russh::Error> {
    match tokio::time::timeout(TIMEOUT, f).await {
        Ok(r) => r,
        Err(_) => Err(russh::Error::ConnectionTimeout),
    }
}

/// Whether the key at `path` is locked by a passphrase (the editor then
/// asks for it as the target's password).
pub fn key_is_locked(path: &std::path::Path) -> bool {
    matches!(
        russh::keys::load_secret_key(path, None),
        Err(russh::keys::Error::KeyIsEncrypted)
    )
}

/// Logs in with the key if there is one, else with the password.
async fn login(ssh: &mut Handle<Verifier>, o: &SftpOptions) -> Result<(), Error> {
    let refused = || Error {
        kind: ErrorKind::Auth,
        message: msg!("remote_auth_failed", host = o.host, user = o.user),
    };
    let mut tried = false;
    // The password of a target with a key protected by a passphrase is
    // that passphrase: it unlocks the key here and is never sent.
    let mut password = o.password.as_deref();
    if let Some(path) = &o.key_file {
        tried = true;
        let key = match russh::keys::load_secret_key(path, None) {
            Err(russh::keys::Error::KeyIsEncrypted) => {
                let Some(phrase) = password.take() else {
                    return Err(Error {
                        kind: ErrorKind::Auth,
                        message: msg!("remote_key_locked", path = path.display()),
                    });
                };
                russh::keys::load_secret_key(path, Some(phrase)).map_err(|_| Error {
                    kind: ErrorKind::Auth,
                    message: msg!("remote_key_phrase_wrong", path = path.display()),
                })?
            }
            r => r.map_err(|e| Error {
                kind: ErrorKind::Auth,
                message: msg!("remote_key_unreadable", path = path.display(), error = e),
            })?,
        };
        let hash = within(ssh.best_supported_rsa_hash())
            .await
            .map_err(|e| lost(&o.host, &e))?
            .flatten();
        let key = PrivateKeyWithHashAlg::new(Arc::new(key), hash);
        let result = within(ssh.authenticate_publickey(o.user.as_str(), key))
            .await
            .map_err(|e| lost(&o.host, &e))?;
        if matches!(result, AuthResult::Success) {
            return Ok(());
        }
    }
    if let Some(password) = password {
        tried = true;
        let result = within(ssh.authenticate_password(o.user.as_str(), password))
            .await
            .map_err(|e| lost(&o.host, &e))?;
        if matches!(result, AuthResult::Success) {
            return Ok(());
        }
    }
    if !tried {
        return Err(Error {
            kind: ErrorKind::Auth,
            message: msg!("remote_no_credentials", host = o.host, user = o.user),
        });
    }
    Err(refused())
}

fn connect_failed(o: &SftpOptions, error: &dyn std::fmt::Display) -> Error {
    Error {
        kind: ErrorKind::Connection,
        message: msg!(
            "remote_connect_failed",
            host = o.host,
            port = o.port,
            error = error
        ),
    }
}

fn lost(host: &str, error: &dyn std::fmt::Display) -> Error {
    Error {
        kind: ErrorKind::Connection,
        message: msg!("remote_connection_lost", host = host, error = error),
    }
}

fn no_sftp(host: &str, error: &dyn std::fmt::Display) -> Error {
    Error {
        kind: ErrorKind::Other,
        message: msg!("sftp_no_subsystem", host = host, error = error),
    }
}

/// What the server answered to a request it refused, or a lost connection.
fn refused(host: &str, action: Message, path: &str, e: SftpError) -> Error {
    match e {
        SftpError::Status(s) => Error {
            kind: ErrorKind::Other,
            message: msg!(
                "remote_server_said",
                host = host,
                action = action,
                path = path,
                reply = format!("{}: {}", s.status_code, s.error_message)
            ),
        },
        other => lost(host, &other),
    }
}

fn is_missing(e: &SftpError) -> bool {
    matches!(e, SftpError::Status(s) if s.status_code == StatusCode::NoSuchFile)
}

/// The folder of a path (`a/b` for `a/b/c.html`, empty at the root).
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

impl Sftp {
    fn session(&self) -> Result<&SftpSession, Error> {
        self.sftp
            .as_ref()
            .ok_or_else(|| lost(&self.host, &"closed"))
    }

    /// Makes `dir` (a full remote path) and the folders above it.
    fn make_folders(&mut self, dir: &str) -> Result<(), Error> {
        let mut sofar = String::new();
        for (i, part) in dir.split('/').enumerate() {
            if part.is_empty() {
                if i == 0 {
                    sofar.push('/');
                }
                continue;
            }
            if !sofar.is_empty() && !sofar.ends_with('/') {
                sofar.push('/');
            }
            sofar.push_str(part);
            if self.folders.contains(&sofar) {
                continue;
            }
            let sftp = self.session()?;
            let made = self.runtime.block_on(sftp.create_dir(sofar.as_str()));
            if let Err(e) = made {
                // Most often it exists: then it is a folder we can use.
                let exists = self.runtime.block_on(sftp.metadata(sofar.as_str()));
                match exists {
                    Ok(m) if m.is_dir() => {}
                    _ => return Err(refused(&self.host, msg!("remote_action_folder"), &sofar, e)),
                }
            }
            self.folders.insert(sofar.clone());
        }
        Ok(())
    }
}

impl Target for Sftp {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        let full = format!("{}{path}", self.root);
        let sftp = self.session()?;
        match self.runtime.block_on(sftp.read(full.as_str())) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if is_missing(&e) => Ok(None),
            Err(e) => Err(refused(&self.host, msg!("remote_action_read"), path, e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let dir = parent(path);
        if !dir.is_empty() {
            let full_dir = format!("{}{dir}", self.root);
            self.make_folders(&full_dir)?;
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        let full = format!("{}{path}", self.root);
        let temp = match dir {
            "" => format!("{}.{name}.rapor-tmp", self.root),
            _ => format!("{}{dir}/.{name}.rapor-tmp", self.root),
        };
        let sftp = self.session()?;
        let host = &self.host;
        let action = || msg!("remote_action_put");
        self.runtime.block_on(async {
            // `create` truncates or makes the file; `write` alone needs it to exist.
            let mut file = sftp
                .create(temp.as_str())
                .await
                .map_err(|e| refused(host, action(), path, e))?;
            let written = async {
                file.write_all(bytes).await?;
                file.shutdown().await
            };
            written
                .await
                .map_err(|e| refused(host, action(), path, SftpError::from(e)))?;
            if let Err(first) = sftp.rename(temp.as_str(), full.as_str()).await {
                // SFTP (version 3) will not rename over a file: remove the
                // old one, then rename; the gap is one round trip.
                let second = match sftp.remove_file(full.as_str()).await {
                    Ok(()) => sftp.rename(temp.as_str(), full.as_str()).await,
                    Err(e) => Err(e),
                };
                if second.is_err() {
                    let _ = sftp.remove_file(temp.as_str()).await;
                    return Err(refused(host, action(), path, first));
                }
            }
            Ok(())
        })
    }

    fn remove(&mut self, path: &str) -> Result<(), Error> {
        let full = format!("{}{path}", self.root);
        let sftp = self.session()?;
        match self.runtime.block_on(sftp.remove_file(full.as_str())) {
            Ok(()) => {}
            Err(e) if is_missing(&e) => {}
            Err(e) => return Err(refused(&self.host, msg!("remote_action_remove"), path, e)),
        }
        // Folders left empty go too; the first that is not empty stops it.
        let mut dir = parent(path);
        let mut gone = Vec::new();
        while !dir.is_empty() {
            let full_dir = format!("{}{dir}", self.root);
            if self
                .runtime
                .block_on(sftp.remove_dir(full_dir.as_str()))
                .is_err()
            {
                break;
            }
            gone.push(full_dir);
            dir = parent(dir);
        }
        for d in gone {
            self.folders.remove(&d);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Error> {
        if let Some(sftp) = self.sftp.take() {
            let _ = self.runtime.block_on(sftp.close());
        }
        if let Some(ssh) = self.ssh.take() {
            // Everything is written; a server that drops the line first
            // changes nothing.
            let _ =
                self.runtime
                    .block_on(ssh.disconnect(russh::Disconnect::ByApplication, "", "en"));
        }
        Ok(())
    }
}
