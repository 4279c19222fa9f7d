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

/// A password login, and a key locked by a passphrase: the passphrase
/// (the target's password) opens the key; without it, or wrong, the
/// message says which; nothing is written.
#[test]
fn sftp_logs_in_with_a_password_and_with_a_locked_key() {
    let s = servers::sshd();
    let (user, password) = servers::password_login(&s);
    let by_password = SftpOptions {
        user,
        password: Some(password.clone()),
        key_file: None,
        root: s.root.join("by-password").display().to_string(),
        ..sftp_options(&s)
    };
    let mut t =
        sftp::connect(&by_password).unwrap_or_else(|e| panic!("password login: {}", e.message));
    round_trip(&mut t, &s.root.join("by-password"));

    let locked = |password: Option<&str>, folder: &str| SftpOptions {
        key_file: Some(s.locked_key.clone()),
        password: password.map(str::to_string),
        root: s.root.join(folder).display().to_string(),
        ..sftp_options(&s)
    };
    let e = sftp::connect(&locked(None, "no-phrase"))
        .err()
        .expect("a locked key without its passphrase");
    assert_eq!(e.kind, ErrorKind::Auth);
    let said = e.message.to_string();
    assert!(
        said.contains("passphrase") || said.contains("frasa sandi"),
        "{said}"
    );
    let e = sftp::connect(&locked(Some("bukan frasanya"), "wrong-phrase"))
        .err()
        .expect("a locked key with a wrong passphrase");
    assert_eq!(e.kind, ErrorKind::Auth);
    let said = e.message.to_string();
    assert!(said.contains("wrong") || said.contains("salah"), "{said}");
    assert!(!e.message.to_string().contains("bukan frasanya"));
    assert!(!s.root.join("no-phrase").exists() && !s.root.join("wrong-phrase").exists());
    let mut t = sftp::connect(&locked(Some(servers::LOCKED_KEY_PHRASE), "by-key"))
        .unwrap_or_else(|e| panic!("locked key with its passphrase: {}", e.message));
    round_trip(&mut t, &s.root.join("by-key"));
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

// `rapor publish` itself, end to end, to the same servers.

#[path = "common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::process::{Command, Output};

const MANIFEST: &str = ".rapor-publish.json";

/// A copy of the example site publishing to `target`, built (file times
/// set back: the build stamp does not trust a file changed a moment ago).
fn built_site(target: &str) -> tempfile::TempDir {
    let site = common::site("example");
    let yaml = site.path().join("content/site.yaml");
    let text = common::read(&yaml);
    std::fs::write(&yaml, format!("{text}publish:\n{target}")).unwrap();
    build(site.path());
    site
}

fn build(site: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for e in walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .flatten()
    {
        if let Ok(f) = std::fs::File::open(e.path()) {
            let _ = f.set_modified(past);
        }
    }
    let out = publish_cmd(site, &["build"], None);
    assert!(out.status.success(), "{}", common::stderr(&out));
}

fn publish_cmd(site: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapor"));
    cmd.args(args)
        .arg("--site")
        .arg(site)
        .args(["--lang", "en"])
        .env_remove("RAPOR_INTERNAL_PASSPHRASE")
        .env_remove("RAPOR_PUBLISH_PASSWORD");
    if let Some(p) = password {
        cmd.env("RAPOR_TEST_FTP_PASSWORD", p);
    }
    cmd.output().unwrap()
}

fn published(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = common::tree(root);
    t.remove(MANIFEST);
    t
}

#[test]
fn rapor_publish_over_sftp_sends_the_site_then_only_a_changed_story() {
    let s = servers::sshd();
    let target = format!(
        "  - name: hosting\n    kind: sftp\n    host: 127.0.0.1\n    port: {}\n    user: {}\n    path: {}\n    key_file: {}\n    host_key: {}\n",
        s.port,
        s.user,
        s.root.display(),
        s.user_key.display(),
        s.fingerprint
    );
    let site = built_site(&target);
    let out = publish_cmd(site.path(), &["publish"], None);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let public = common::tree(&site.path().join("output/public"));
    assert_eq!(published(&s.root), public);

    let story = site
        .path()
        .join("content/stories/sertifikat-kompetensi-wbp.md");
    std::fs::write(
        &story,
        common::read(&story).replacen("title: ", "title: Kabar baru ", 1),
    )
    .unwrap();
    build(site.path());
    let out = publish_cmd(site.path(), &["publish", "--dry-run"], None);
    let said = common::stdout(&out);
    let mut listed: Vec<&str> = said
        .lines()
        .filter_map(|l| l.trim().strip_prefix("+ "))
        .collect();
    let now = common::tree(&site.path().join("output/public"));
    let mut changed: Vec<&str> = now
        .iter()
        .filter(|(p, b)| public.get(*p) != Some(*b))
        .map(|(p, _)| p.as_str())
        .collect();
    listed.sort();
    changed.sort();
    assert!(changed.contains(&"stories/sertifikat-kompetensi-wbp/index.html"));
    assert_eq!(listed, changed, "only the changed files are sent");
    let out = publish_cmd(site.path(), &["publish"], None);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(
        published(&s.root),
        common::tree(&site.path().join("output/public"))
    );

    // The story removed: gone from the server too.
    std::fs::remove_file(&story).unwrap();
    build(site.path());
    let out = publish_cmd(site.path(), &["publish"], None);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(!s.root.join("stories/sertifikat-kompetensi-wbp").exists());
}

#[test]
fn an_unknown_sftp_host_is_refused_with_the_fingerprint_to_pin() {
    let s = servers::sshd();
    let empty = s.dir.path().join("known_hosts_empty");
    std::fs::write(&empty, "").unwrap();
    let target = format!(
        "  - name: hosting\n    kind: sftp\n    host: 127.0.0.1\n    port: {}\n    user: {}\n    path: {}\n    key_file: {}\n    known_hosts: {}\n",
        s.port,
        s.user,
        s.root.display(),
        s.user_key.display(),
        empty.display()
    );
    let site = built_site(&target);
    let out = publish_cmd(site.path(), &["publish"], None);
    assert!(!out.status.success());
    let said = common::stderr(&out);
    assert!(said.contains(&s.fingerprint), "{said}");
    assert!(published(&s.root).is_empty(), "something was sent");
}

#[test]
fn rapor_publish_over_ftp_and_ftps_refuses_a_wrong_password_and_changes_nothing() {
    for tls in [false, true] {
        let f = servers::ftpd(tls);
        let mut target = format!(
            "  - name: hosting\n    kind: {}\n    host: 127.0.0.1\n    port: {}\n    user: {}\n    path: situs\n    password_env: RAPOR_TEST_FTP_PASSWORD\n",
            if tls { "ftps" } else { "ftp" },
            f.port,
            f.user
        );
        if let Some(ca) = &f.ca {
            target.push_str(&format!("    ca_file: {}\n", ca.display()));
        }
        let site = built_site(&target);
        let out = publish_cmd(site.path(), &["publish"], Some("salah-sekali"));
        assert!(!out.status.success());
        let said = common::stderr(&out);
        assert!(said.contains("hosting"), "{said}");
        assert!(
            !said.contains("salah-sekali"),
            "the password was repeated: {said}"
        );
        assert!(published(&f.root).is_empty(), "something was sent");

        let out = publish_cmd(site.path(), &["publish"], None);
        assert!(!out.status.success(), "published without a password");
        assert!(common::stderr(&out).contains("RAPOR_TEST_FTP_PASSWORD"));

        let out = publish_cmd(site.path(), &["publish"], Some(&f.password));
        assert!(out.status.success(), "{}", common::stderr(&out));
        assert_eq!(
            published(&f.root.join("situs")),
            common::tree(&site.path().join("output/public"))
        );
    }
}
