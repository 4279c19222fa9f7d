//! The network targets of `rapor publish` against real servers on
//! loopback: OpenSSH for SFTP, pyftpdlib for FTP and FTPS.

mod servers;

use std::path::Path;

use rapor::publish::ftp::{self, FtpOptions};
use rapor::publish::sftp::{self, SftpOptions};
use rapor::publish::target::{ErrorKind, Target};

/// The round trip every target must pass: nested folders, a name with
/// spaces, overwrite, removal (of a missing file too), empty folders gone.
fn round_trip(t: &mut dyn Target, root: &Path) {
    assert_eq!(t.read("nothing.json").unwrap(), None);
    t.put("index.html", b"<p>home</p>").unwrap();
    t.put("stories/a b/index.html", b"first").unwrap();
    t.put("stories/a b/index.html", b"second").unwrap();
    t.put("assets/css/site.css", b"body{}").unwrap();
    assert_eq!(
        t.read("stories/a b/index.html").unwrap().unwrap(),
        b"second"
    );
    assert_eq!(
        std::fs::read(root.join("stories/a b/index.html")).unwrap(),
        b"second"
    );
    assert_eq!(
        std::fs::read(root.join("index.html")).unwrap(),
        b"<p>home</p>"
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(root.join("stories/a b"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["index.html"]);
    t.remove("stories/a b/index.html").unwrap();
    t.remove("stories/a b/index.html").unwrap();
    t.remove("never/was.html").unwrap();
    assert!(!root.join("stories").exists(), "empty folders are removed");
    assert!(root.join("assets/css/site.css").exists());
    assert_eq!(t.read("stories/a b/index.html").unwrap(), None);
    t.finish().unwrap();
}

fn sftp_options(s: &servers::Sshd) -> SftpOptions {
    SftpOptions {
        host: "127.0.0.1".into(),
        port: s.port,
        user: s.user.clone(),
        root: s.root.join("site").display().to_string(),
        password: None,
        key_file: Some(s.user_key.clone()),
        host_key: Some(s.fingerprint.clone()),
        known_hosts: Some(s.dir.path().join("no_known_hosts")),
    }
}

#[test]
fn sftp() {
    let s = servers::sshd();
    let o = sftp_options(&s);
    let mut t = sftp::connect(&o).unwrap();
    round_trip(&mut t, &s.root.join("site"));

    // An unknown key: refused, with the fingerprint to pin.
    let unknown = SftpOptions {
        host_key: None,
        ..o.clone()
    };
    let e = sftp::connect(&unknown)
        .err()
        .expect("unknown host key refused");
    assert_eq!(e.kind, ErrorKind::Identity);
    let text = e.message.to_string();
    assert!(text.contains(&s.fingerprint), "{text}");

    let wrong = SftpOptions {
        host_key: Some("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into()),
        ..o.clone()
    };
    let e = sftp::connect(&wrong)
        .err()
        .expect("wrong pinned key refused");
    assert_eq!(e.kind, ErrorKind::Identity);

    // Known from a known_hosts file, in both forms.
    for host in ["127.0.0.1".to_string(), format!("[127.0.0.1]:{}", s.port)] {
        let file = s.dir.path().join("known_hosts");
        std::fs::write(&file, format!("{host} {}\n", s.host_public)).unwrap();
        let known = SftpOptions {
            host_key: None,
            known_hosts: Some(file),
            ..o.clone()
        };
        sftp::connect(&known)
            .unwrap_or_else(|e| panic!("{host}: {}", e.message))
            .finish()
            .unwrap();
    }

    // A wrong password (and no key) is refused as Auth; nothing written.
    let bad = SftpOptions {
        key_file: None,
        password: Some("not-the-password".into()),
        root: s.root.join("other").display().to_string(),
        ..o.clone()
    };
    let e = sftp::connect(&bad).err().expect("wrong password refused");
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(!e.message.to_string().contains("not-the-password"));
    assert!(!s.root.join("other").exists());
}

fn ftp_options(f: &servers::Ftpd, tls: bool) -> FtpOptions {
    FtpOptions {
        host: "127.0.0.1".into(),
        port: f.port,
        user: f.user.clone(),
        root: "site".into(),
        password: f.password.clone(),
        tls,
        ca_file: f.ca.clone(),
    }
}

#[test]
fn ftp() {
    let f = servers::ftpd(false);
    let o = ftp_options(&f, false);
    let mut t = ftp::connect(&o).unwrap();
    round_trip(&mut t, &f.root.join("site"));

    let bad = FtpOptions {
        password: "not-the-password".into(),
        root: "other".into(),
        ..o
    };
    let e = ftp::connect(&bad).err().expect("wrong password refused");
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(!e.message.to_string().contains("not-the-password"));
    assert!(!f.root.join("other").exists());
}

#[test]
fn ftps() {
    let f = servers::ftpd(true);
    let o = ftp_options(&f, true);
    let mut t = ftp::connect(&o).unwrap_or_else(|e| panic!("{}", e.message));
    round_trip(&mut t, &f.root.join("site"));

    let untrusted = FtpOptions {
        ca_file: None,
        ..o.clone()
    };
    let e = ftp::connect(&untrusted)
        .err()
        .expect("untrusted certificate");
    assert_eq!(e.kind, ErrorKind::Identity, "{}", e.message);
}

#[test]
fn closed_port_is_a_connection_error() {
    let port = servers::free_port();
    let e = ftp::connect(&FtpOptions {
        host: "127.0.0.1".into(),
        port,
        user: "u".into(),
        root: String::new(),
        password: "p".into(),
        tls: false,
        ca_file: None,
    })
    .err()
    .expect("nothing listens");
    assert_eq!(e.kind, ErrorKind::Connection);
    let e = sftp::connect(&SftpOptions {
        host: "127.0.0.1".into(),
        port,
        user: "u".into(),
        root: String::new(),
        password: Some("p".into()),
        key_file: None,
        host_key: None,
        known_hosts: None,
    })
    .err()
    .expect("nothing listens");
    assert_eq!(e.kind, ErrorKind::Connection);
}
