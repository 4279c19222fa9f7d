//! Real servers on loopback for the publish tests: Debian's OpenSSH server
//! (`openssh-server`) and pyftpdlib (`pip install pyftpdlib pyopenssl`),
//! each in a throwaway folder with throwaway keys, on a free port, stopped
//! when dropped. A server that cannot start panics naming what to install:
//! a test that silently skips proves nothing.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free loopback port (free when asked; the server binds it next).
pub fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    l.local_addr().expect("local address").port()
}

fn run(cmd: &mut Command, install: &str) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?} ({e}): install {install}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Waits until something listens on `port`, or panics with the server's
/// own words.
fn wait_for(port: u16, child: &mut Child, what: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            panic!("{what} exited ({status}) before listening: {err}");
        }
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("{what} did not listen on port {port} within 15 s");
}

/// The passphrase of [`Sshd::locked_key`].
pub const LOCKED_KEY_PHRASE: &str = "frasa sandi kunci 2025";

/// The throwaway account of the password-login test.
pub const PASSWORD_USER: &str = "rapor-publish-test";

/// An OpenSSH server for the current user, with SFTP.
pub struct Sshd {
    child: Child,
    pub dir: tempfile::TempDir,
    pub port: u16,
    pub user: String,
    /// The host key's fingerprint, `SHA256:...` as `ssh-keygen -lf` prints it.
    pub fingerprint: String,
    /// The host's public key line (`ssh-ed25519 AAAA...`), for known_hosts.
    pub host_public: String,
    /// A private key the server accepts for `user`.
    pub user_key: PathBuf,
    /// Another key the server accepts for `user`, locked with
    /// [`LOCKED_KEY_PHRASE`].
    pub locked_key: PathBuf,
    /// An empty folder to publish into (absolute).
    pub root: PathBuf,
}

pub fn sshd() -> Sshd {
    const INSTALL: &str = "the Debian package openssh-server";
    let sshd = Path::new("/usr/sbin/sshd");
    assert!(
        sshd.exists(),
        "{} is missing: install {INSTALL}",
        sshd.display()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    for name in ["host_key", "user_key"] {
        run(
            Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", "rapor-test", "-f"])
                .arg(d.join(name)),
            INSTALL,
        );
    }
    run(
        Command::new("ssh-keygen")
            .args([
                "-q",
                "-t",
                "ed25519",
                "-N",
                LOCKED_KEY_PHRASE,
                "-C",
                "rapor-test-locked",
                "-f",
            ])
            .arg(d.join("locked_key")),
        INSTALL,
    );
    let keys = [d.join("user_key.pub"), d.join("locked_key.pub")]
        .iter()
        .map(|k| std::fs::read_to_string(k).expect("a public key"))
        .collect::<String>();
    std::fs::write(d.join("authorized_keys"), keys).expect("authorized_keys");
    let out = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(d.join("host_key.pub"))
        .output()
        .expect("ssh-keygen -lf");
    let listed = String::from_utf8_lossy(&out.stdout);
    let fingerprint = listed
        .split_whitespace()
        .nth(1)
        .expect("a fingerprint from ssh-keygen -lf")
        .to_string();
    let host_public = std::fs::read_to_string(d.join("host_key.pub"))
        .expect("host key")
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let root = d.join("root");
    std::fs::create_dir(&root).expect("root folder");
    // sshd wants its privilege separation folder even when run by hand.
    let _ = std::fs::create_dir_all("/run/sshd");
    let port = free_port();
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {hk}\nPidFile {pid}\n\
         AuthorizedKeysFile {ak}\nStrictModes no\nUsePAM no\nPermitRootLogin yes\n\
         PasswordAuthentication yes\nKbdInteractiveAuthentication no\n\
         Subsystem sftp internal-sftp\nLogLevel ERROR\n",
        hk = d.join("host_key").display(),
        pid = d.join("sshd.pid").display(),
        ak = d.join("authorized_keys").display(),
    );
    std::fs::write(d.join("sshd_config"), config).expect("sshd_config");
    let mut child = Command::new(sshd)
        .args(["-D", "-e", "-f"])
        .arg(d.join("sshd_config"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start sshd ({e}): install {INSTALL}"));
    wait_for(port, &mut child, "sshd");
    let user = std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(whoami);
    Sshd {
        child,
        user_key: d.join("user_key"),
        locked_key: d.join("locked_key"),
        dir,
        port,
        user,
        fingerprint,
        host_public,
        root,
    }
}

/// An account that logs in to [`sshd`] with a password, and that password:
/// [`PASSWORD_USER`] (made when missing, which needs root, as on CI) with a
/// new password for this run, or the account named by
/// `RAPOR_TEST_SSH_USER` with the password in `RAPOR_TEST_SSH_PASSWORD`.
/// `root`'s folders are opened to it.
pub fn password_login(s: &Sshd) -> (String, String) {
    for dir in [s.dir.path(), s.root.as_path()] {
        run(Command::new("chmod").arg("0777").arg(dir), "coreutils");
    }
    if let (Ok(user), Ok(password)) = (
        std::env::var("RAPOR_TEST_SSH_USER"),
        std::env::var("RAPOR_TEST_SSH_PASSWORD"),
    ) {
        return (user, password);
    }
    let uid = Command::new("id").arg("-u").output().expect("id -u");
    assert!(
        String::from_utf8_lossy(&uid.stdout).trim() == "0",
        "the SFTP password test makes the throwaway account {PASSWORD_USER} and needs root \
         (CI runs as root); or set RAPOR_TEST_SSH_USER and RAPOR_TEST_SSH_PASSWORD to an \
         account of this machine"
    );
    let known = Command::new("id").arg(PASSWORD_USER).output().expect("id");
    if !known.status.success() {
        run(
            Command::new("useradd").args(["-M", "-s", "/bin/sh", PASSWORD_USER]),
            "the Debian package passwd",
        );
    }
    let password = format!(
        "sandi-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    );
    let mut chpasswd = Command::new("chpasswd")
        .stdin(Stdio::piped())
        .spawn()
        .expect("chpasswd (the Debian package passwd)");
    std::io::Write::write_all(
        chpasswd.stdin.as_mut().expect("stdin"),
        format!("{PASSWORD_USER}:{password}\n").as_bytes(),
    )
    .expect("chpasswd input");
    assert!(
        chpasswd.wait().expect("chpasswd").success(),
        "chpasswd failed"
    );
    (PASSWORD_USER.to_string(), password)
}

fn whoami() -> String {
    let out = Command::new("id").arg("-un").output().expect("id -un");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A pyftpdlib server with one user, plain or with explicit TLS.
pub struct Ftpd {
    child: Child,
    pub dir: tempfile::TempDir,
    pub port: u16,
    pub user: String,
    pub password: String,
    /// The user's home folder, where the server puts files.
    pub root: PathBuf,
    /// The CA that signed the server's certificate (TLS only).
    pub ca: Option<PathBuf>,
}

const FTPD: &str = r#"
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer
port, root, user, password, cert, key = sys.argv[1:7]
auth = DummyAuthorizer()
auth.add_user(user, password, root, perm="elradfmwMT")
if cert:
    handler = TLS_FTPHandler
    handler.certfile = cert
    handler.keyfile = key
    handler.tls_control_required = True
    handler.tls_data_required = True
else:
    handler = FTPHandler
handler.authorizer = auth
server = FTPServer(("127.0.0.1", int(port)), handler)
server.serve_forever()
"#;

pub fn ftpd(tls: bool) -> Ftpd {
    const INSTALL: &str = "python3 with `pip install pyftpdlib pyopenssl`";
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let root = d.join("home");
    std::fs::create_dir(&root).expect("home folder");
    let (cert, key, ca) = if tls {
        let (cert, key, ca) = certificates(d);
        (cert, key, Some(ca))
    } else {
        (PathBuf::new(), PathBuf::new(), None)
    };
    let port = free_port();
    let (user, password) = ("rapor".to_string(), "s3cret-pass".to_string());
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(FTPD)
        .arg(port.to_string())
        .arg(&root)
        .args([&user, &password])
        .arg(&cert)
        .arg(&key)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start python3 ({e}): install {INSTALL}"));
    wait_for(
        port,
        &mut child,
        "pyftpdlib (pip install pyftpdlib pyopenssl)",
    );
    Ftpd {
        child,
        dir,
        port,
        user,
        password,
        root,
        ca,
    }
}

/// A throwaway CA, and a certificate it signed for 127.0.0.1 and localhost:
/// (certificate, key, CA certificate).
fn certificates(d: &Path) -> (PathBuf, PathBuf, PathBuf) {
    const INSTALL: &str = "the Debian package openssl";
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    run(
        Command::new("openssl")
            .args(["req", "-x509", "-days", "2", "-subj", "/CN=rapor test CA"])
            .args(ec)
            .args(["-addext", "basicConstraints=critical,CA:TRUE"])
            .args(["-addext", "keyUsage=critical,keyCertSign,cRLSign"])
            .arg("-keyout")
            .arg(d.join("ca.key"))
            .arg("-out")
            .arg(d.join("ca.pem")),
        INSTALL,
    );
    run(
        Command::new("openssl")
            .args(["req", "-subj", "/CN=localhost"])
            .args(ec)
            .arg("-keyout")
            .arg(d.join("server.key"))
            .arg("-out")
            .arg(d.join("server.csr")),
        INSTALL,
    );
    std::fs::write(
        d.join("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
         extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n",
    )
    .expect("ext.cnf");
    run(
        Command::new("openssl")
            .args(["x509", "-req", "-days", "2", "-CAcreateserial"])
            .arg("-in")
            .arg(d.join("server.csr"))
            .arg("-CA")
            .arg(d.join("ca.pem"))
            .arg("-CAkey")
            .arg(d.join("ca.key"))
            .arg("-extfile")
            .arg(d.join("ext.cnf"))
            .arg("-out")
            .arg(d.join("server.pem")),
        INSTALL,
    );
    (d.join("server.pem"), d.join("server.key"), d.join("ca.pem"))
}

impl Drop for Ftpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
