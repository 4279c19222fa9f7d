//! The FTP and FTPS target: files sent over FTP, with explicit TLS
//! (`AUTH TLS`) for the kind `ftps`, the certificate checked against the
//! system's roots (webpki-roots) and the target's own `ca_file`.
//!
//! A file goes up under a temporary name in its folder, then is renamed
//! over the old one, so a visitor never gets half a page.

use std::collections::HashSet;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use suppaftp::types::FileType;
use suppaftp::{FtpError, RustlsConnector, RustlsFtpStream, Status};

use super::target::{Error, ErrorKind, Target};
use crate::msg::{Message, msg};

/// How long a connection or a server's answer may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Where and how to log in.
#[derive(Debug, Clone)]
pub struct FtpOptions {
    pub host: String,
    pub port: u16,
    pub user: String,
    /// The remote folder, relative to the login folder or absolute.
    pub root: String,
    pub password: String,
    /// Explicit TLS (`AUTH TLS`): the kind `ftps`.
    pub tls: bool,
    /// An extra CA certificate (PEM) to trust, besides the system roots.
    pub ca_file: Option<PathBuf>,
}

/// An open FTP or FTPS connection, in the target's root folder.
pub struct Ftp {
    stream: Option<RustlsFtpStream>,
    host: String,
    /// Folders known to exist (made or seen in this publish).
    folders: HashSet<String>,
}

/// Connects, logs in and goes to the root folder (made if missing).
pub fn connect(o: &FtpOptions) -> Result<Ftp, Error> {
    let connect_failed = |error: &dyn std::fmt::Display| Error {
        kind: ErrorKind::Connection,
        message: msg!(
            "remote_connect_failed",
            host = o.host,
            port = o.port,
            error = error
        ),
    };
    let addr: SocketAddr = (o.host.as_str(), o.port)
        .to_socket_addrs()
        .map_err(|e| connect_failed(&e))?
        .next()
        .ok_or_else(|| connect_failed(&"no address"))?;
    let mut stream = RustlsFtpStream::connect_timeout(addr, TIMEOUT).map_err(|e| match e {
        FtpError::ConnectionError(io) => connect_failed(&io),
        other => connect_failed(&other),
    })?;
    set_timeouts(&stream);
    if o.tls {
        let config = tls_config(o)?;
        stream = stream
            .into_secure(RustlsConnector::from(Arc::new(config)), &o.host)
            .map_err(|e| tls_error(&o.host, e))?;
        set_timeouts(&stream);
    }
    let mut ftp = Ftp {
        stream: Some(stream),
        host: o.host.clone(),
        folders: HashSet::new(),
    };
    let s = ftp.stream()?;
    match s.login(o.user.as_str(), o.password.as_str()) {
        Ok(()) => {}
        Err(FtpError::UnexpectedResponse(r))
            if matches!(r.status, Status::NotLoggedIn | Status::NeedPassword) =>
        {
            return Err(Error {
                kind: ErrorKind::Auth,
                message: msg!("remote_auth_failed", host = o.host, user = o.user),
            });
        }
        Err(e) => return Err(lost(&o.host, e)),
    }
    s.transfer_type(FileType::Binary)
        .map_err(|e| lost(&o.host, e))?;
    let root = o.root.trim_end_matches('/');
    if !root.is_empty() && s.cwd(root).is_err() {
        ftp.make_folders(root, true)?;
        let host = ftp.host.clone();
        ftp.stream()?
            .cwd(root)
            .map_err(|e| refused(&host, msg!("remote_action_folder"), root, e))?;
    }
    Ok(ftp)
}

fn set_timeouts(stream: &RustlsFtpStream) {
    let tcp = stream.get_ref();
    // Without these a silent server would hold the publish forever; a
    // socket that refuses them still works, only without the limit.
    let _ = tcp.set_read_timeout(Some(TIMEOUT));
    let _ = tcp.set_write_timeout(Some(TIMEOUT));
}

/// Trusts the system roots and the target's own CA, if it names one.
fn tls_config(o: &FtpOptions) -> Result<rustls::ClientConfig, Error> {
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = &o.ca_file {
        let unreadable = |error: &dyn std::fmt::Display| Error {
            kind: ErrorKind::Other,
            message: msg!("ftp_ca_unreadable", path = path.display(), error = error),
        };
        let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(path)
            .map_err(|e| unreadable(&e))?
            .collect::<Result<_, _>>()
            .map_err(|e| unreadable(&e))?;
        if certs.is_empty() {
            return Err(unreadable(&"no certificate"));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| unreadable(&e))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error(&o.host, FtpError::SecureError(e.to_string())))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(config)
}

/// A failed TLS handshake: a certificate that does not verify is a matter
/// of identity; anything else, of the connection.
fn tls_error(host: &str, e: FtpError) -> Error {
    let text = e.to_string();
    if text.contains("certificate") || text.contains("Certificate") {
        return Error {
            kind: ErrorKind::Identity,
            message: msg!("ftp_cert_untrusted", host = host, error = text),
        };
    }
    lost(host, e)
}

fn lost(host: &str, e: FtpError) -> Error {
    Error {
        kind: ErrorKind::Connection,
        message: msg!("remote_connection_lost", host = host, error = e),
    }
}

/// What the server answered to a command it refused, or a lost connection.
fn refused(host: &str, action: Message, path: &str, e: FtpError) -> Error {
    match e {
        FtpError::UnexpectedResponse(r) => Error {
            kind: ErrorKind::Other,
            message: msg!(
                "remote_server_said",
                host = host,
                action = action,
                path = path,
                reply = String::from_utf8_lossy(&r.body).trim()
            ),
        },
        other => lost(host, other),
    }
}

/// Whether the server says the file or folder is not there (550).
fn is_missing(e: &FtpError) -> bool {
    matches!(e, FtpError::UnexpectedResponse(r) if r.status == Status::FileUnavailable)
}

/// The folder of a path (`a/b` for `a/b/c.html`, empty at the root).
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

impl Ftp {
    fn stream(&mut self) -> Result<&mut RustlsFtpStream, Error> {
        let host = &self.host;
        self.stream.as_mut().ok_or_else(|| Error {
            kind: ErrorKind::Connection,
            message: msg!("remote_connection_lost", host = host, error = "closed"),
        })
    }

    /// Makes `dir` and the folders above it; an answer of "exists" is fine,
    /// and a folder that still cannot be entered is reported by the upload.
    fn make_folders(&mut self, dir: &str, absolute_ok: bool) -> Result<(), Error> {
        let mut sofar = String::new();
        for (i, part) in dir.split('/').enumerate() {
            if part.is_empty() && i == 0 && absolute_ok {
                sofar.push('/');
                continue;
            }
            if part.is_empty() {
                continue;
            }
            if !sofar.is_empty() && !sofar.ends_with('/') {
                sofar.push('/');
            }
            sofar.push_str(part);
            if self.folders.contains(&sofar) {
                continue;
            }
            let host = self.host.clone();
            match self.stream()?.mkdir(&sofar) {
                Ok(()) => {}
                Err(FtpError::UnexpectedResponse(_)) => {} // most often: it exists
                Err(e) => return Err(lost(&host, e)),
            }
            self.folders.insert(sofar.clone());
        }
        Ok(())
    }
}

impl Target for Ftp {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        let host = self.host.clone();
        match self.stream()?.retr_as_buffer(path) {
            Ok(cursor) => Ok(Some(cursor.into_inner())),
            Err(e) if is_missing(&e) => Ok(None),
            Err(e) => Err(refused(&host, msg!("remote_action_read"), path, e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let dir = parent(path);
        if !dir.is_empty() {
            self.make_folders(dir, false)?;
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        let temp = if dir.is_empty() {
            format!(".{name}.rapor-tmp")
        } else {
            format!("{dir}/.{name}.rapor-tmp")
        };
        let host = self.host.clone();
        let s = self.stream()?;
        let action = || msg!("remote_action_put");
        s.put_file(&temp, &mut &bytes[..])
            .map_err(|e| refused(&host, action(), path, e))?;
        if let Err(first) = s.rename(temp.as_str(), path) {
            // Some servers (IIS) refuse to rename over a file: remove it first.
            if s.rm(path).is_err() || s.rename(temp.as_str(), path).is_err() {
                let _ = s.rm(&temp);
                return Err(refused(&host, action(), path, first));
            }
        }
        Ok(())
    }

    fn remove(&mut self, path: &str) -> Result<(), Error> {
        let host = self.host.clone();
        let Ftp {
            stream, folders, ..
        } = self;
        let Some(s) = stream.as_mut() else {
            return Err(lost(&host, FtpError::BadResponse));
        };
        match s.rm(path) {
            Ok(()) => {}
            Err(e) if is_missing(&e) => {}
            Err(e) => return Err(refused(&host, msg!("remote_action_remove"), path, e)),
        }
        // Folders left empty go too; the first that is not empty stops it.
        let mut dir = parent(path);
        while !dir.is_empty() {
            if s.rmdir(dir).is_err() {
                break;
            }
            folders.remove(dir);
            dir = parent(dir);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Error> {
        if let Some(mut s) = self.stream.take() {
            // The files are all there; a server that drops the line at
            // QUIT instead of answering changes nothing.
            let _ = s.quit();
        }
        Ok(())
    }
}
