//! `rapor publish` from outside, to a folder and to a bare git repository:
//! what goes up, what comes down, what is refused, and a publish cut off
//! half-way that the next one completes. (SFTP, FTP and FTPS, against real
//! servers on loopback, are in tests/publish_remote.rs.)

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use common::*;

const PASSPHRASE: &str = "frasa sandi panjang petugas rutan";
const MANIFEST: &str = ".rapor-publish.json";
/// A name of the roster: on the internal site, never in a published file.
const CANARY: &str = "Fransiskus Jemadu";

/// Runs rapor in English with the passphrase set (cheap rounds: a debug
/// build takes them from RAPOR_TEST_ITERATIONS).
fn run(site: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args(args)
        .arg("--site")
        .arg(site)
        .args(["--lang", "en"])
        .env("RAPOR_INTERNAL_PASSPHRASE", PASSPHRASE)
        .env("RAPOR_TEST_ITERATIONS", "1000")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RAPOR_PUBLISH_PASSWORD")
        // Never the keyring of the person running the tests.
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .expect("run rapor")
}

/// The build stamp trusts no file changed in the last two seconds; the
/// tests change files and build at once, so their times are set back.
fn settle(site: &Path) {
    let past = SystemTime::now() - Duration::from_secs(60);
    for dir in ["content", "themes"] {
        for e in walkdir::WalkDir::new(site.join(dir)).into_iter().flatten() {
            if let Ok(f) = std::fs::File::open(e.path()) {
                let _ = f.set_modified(past);
            }
        }
    }
}

fn build(site: &Path) {
    settle(site);
    let out = run(site, &["build"]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
}

fn publish(site: &Path, args: &[&str]) -> Output {
    let mut all = vec!["publish"];
    all.extend_from_slice(args);
    run(site, &all)
}

fn publish_ok(site: &Path, args: &[&str]) -> String {
    let out = publish(site, args);
    assert!(
        out.status.success(),
        "publish failed:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// Where no keyring answers (no session bus, as on CI), `--forget` says
/// so in words; `--remember` cannot go with `--dry-run`.
#[test]
fn without_a_keyring_forget_says_so_and_remember_needs_a_real_publish() {
    let site =
        site_with("  - name: hosting\n    kind: ftp\n    host: 127.0.0.1\n    user: rutan\n");
    let out = publish(site.path(), &["hosting", "--forget"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("no password store"),
        "{}",
        stderr(&out)
    );
    let out = publish(site.path(), &["hostnig", "--forget"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("there are: hosting"),
        "{}",
        stderr(&out)
    );
    let out = publish(site.path(), &["hosting", "--remember", "--dry-run"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--dry-run"), "{}", stderr(&out));
}

/// A copy of the example site with `targets` as its `publish:` list.
fn site_with(targets: &str) -> tempfile::TempDir {
    let site = site("example");
    let path = site.path().join("content/site.yaml");
    let text = read(&path);
    std::fs::write(&path, format!("{text}publish:\n{targets}")).unwrap();
    site
}

fn folder_target(dir: &Path) -> String {
    format!(
        "  - name: usb\n    kind: folder\n    path: {}\n",
        dir.display()
    )
}

/// Every file of `dir` but the manifest.
fn published(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = tree(dir);
    t.remove(MANIFEST);
    t
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&read(&dir.join(MANIFEST))).unwrap()
}

fn assert_no_canary(files: &BTreeMap<String, Vec<u8>>) {
    for (name, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(CANARY), "{name} holds internal data");
        assert!(!name.contains("internal"), "{name} is an internal file");
    }
}

#[test]
fn a_folder_gets_the_public_site_then_only_what_changed() {
    let to = tempfile::tempdir().unwrap();
    let dest = to.path().join("situs");
    let site = site_with(&folder_target(&dest));
    build(site.path());
    // Proven planted: the canary is on the internal site (sealed there).
    assert!(
        read(
            &site
                .path()
                .join("content/internal/rosters/barbershop-2025.yaml")
        )
        .contains(CANARY)
    );
    let public = tree(&site.path().join("output/public"));

    // A dry run lists every file and changes nothing.
    let said = publish_ok(site.path(), &["--dry-run"]);
    assert!(said.contains("+ index.html"), "{said}");
    assert!(said.contains("dry run"), "{said}");
    assert!(!dest.exists(), "a dry run made the folder");

    // The first publish: every public file, and nothing else.
    let said = publish_ok(site.path(), &[]);
    assert!(
        said.contains(&format!("usb: {} files sent", public.len())),
        "{said}"
    );
    assert_eq!(published(&dest), public);
    assert_no_canary(&tree(&dest));
    let m = manifest(&dest);
    assert_eq!(m["complete"], true);
    assert_eq!(m["files"].as_object().unwrap().len(), public.len());

    // Files of someone else's in the folder stay.
    write(&dest, "CNAME", "rutanruteng.example.id\n");
    write(&dest, "stories/catatan.txt", "bukan milik rapor\n");

    // Nothing changed: nothing sent.
    let said = publish_ok(site.path(), &[]);
    assert!(said.contains("up to date"), "{said}");

    // One story edited: only the files whose bytes changed go up.
    let story = site
        .path()
        .join("content/stories/sertifikat-kompetensi-wbp.md");
    let text = read(&story);
    std::fs::write(&story, text.replacen("title: ", "title: Kabar baru ", 1)).unwrap();
    build(site.path());
    let now = tree(&site.path().join("output/public"));
    let changed: Vec<&String> = now
        .iter()
        .filter(|(p, b)| public.get(*p) != Some(*b))
        .map(|(p, _)| p)
        .collect();
    assert!(changed.iter().any(|p| p.starts_with("stories/sertifikat")));
    assert!(changed.len() < now.len() / 2, "{changed:?}");
    let said = publish_ok(site.path(), &["--dry-run"]);
    let listed: Vec<&str> = said
        .lines()
        .filter_map(|l| l.trim().strip_prefix("+ "))
        .collect();
    let mut expected: Vec<&str> = changed.iter().map(|s| s.as_str()).collect();
    let mut got = listed.clone();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    // Assets and deeper pages go before the pages that link to them.
    assert_eq!(listed.last(), Some(&"index.html"), "{listed:?}");
    publish_ok(site.path(), &[]);
    let mut wanted = now.clone();
    wanted.insert("CNAME".into(), b"rutanruteng.example.id\n".to_vec());
    wanted.insert(
        "stories/catatan.txt".into(),
        b"bukan milik rapor\n".to_vec(),
    );
    assert_eq!(published(&dest), wanted);

    // A story removed: its page goes, someone else's files stay.
    std::fs::remove_file(&story).unwrap();
    build(site.path());
    let said = publish_ok(site.path(), &[]);
    assert!(said.contains("removed"), "{said}");
    assert!(!dest.join("stories/sertifikat-kompetensi-wbp").exists());
    assert!(dest.join("CNAME").exists());
    assert!(dest.join("stories/catatan.txt").exists());
    let mut wanted = tree(&site.path().join("output/public"));
    wanted.insert("CNAME".into(), b"rutanruteng.example.id\n".to_vec());
    wanted.insert(
        "stories/catatan.txt".into(),
        b"bukan milik rapor\n".to_vec(),
    );
    assert_eq!(published(&dest), wanted);
}

#[test]
fn a_publish_cut_off_half_way_is_completed_by_the_next() {
    let to = tempfile::tempdir().unwrap();
    let dest = to.path().join("situs");
    let site = site_with(&folder_target(&dest));
    build(site.path());
    // A folder where a page must go: the upload fails after others went up.
    std::fs::create_dir_all(dest.join("partners/index.html/stuck")).unwrap();
    let out = publish(site.path(), &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("usb"), "{}", stderr(&out));
    let m = manifest(&dest);
    assert_eq!(
        m["complete"], false,
        "the manifest must say it is unfinished"
    );
    assert!(dest.join("assets").is_dir(), "assets went up first");
    assert!(!dest.join("index.html").exists(), "the home page goes last");

    std::fs::remove_dir_all(dest.join("partners/index.html")).unwrap();
    publish_ok(site.path(), &[]);
    assert_eq!(manifest(&dest)["complete"], true);
    assert_eq!(published(&dest), tree(&site.path().join("output/public")));
}

#[test]
fn a_manifest_on_the_target_cannot_make_rapor_remove_other_files() {
    let to = tempfile::tempdir().unwrap();
    let dest = to.path().join("situs");
    let site = site_with(&folder_target(&dest));
    build(site.path());
    publish_ok(site.path(), &[]);
    write(to.path(), "keep.txt", "outside\n");
    let text = read(&dest.join(MANIFEST)).replacen(
        "\"files\":{",
        "\"files\":{\n\"../keep.txt\":{\"size\":8,\"blake3\":null},",
        1,
    );
    std::fs::write(dest.join(MANIFEST), text).unwrap();
    publish_ok(site.path(), &[]);
    assert!(to.path().join("keep.txt").exists());

    // A manifest that is not one: everything again, nothing removed.
    std::fs::write(dest.join(MANIFEST), "<html>").unwrap();
    write(&dest, "old/index.html", "x");
    let said = publish_ok(site.path(), &[]);
    assert!(said.contains("cannot be read"), "{said}");
    assert!(dest.join("old/index.html").exists());
    assert_eq!(manifest(&dest)["complete"], true);
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    stdout(&out)
}

fn bare(dir: &Path) -> PathBuf {
    let repo = dir.join("pages.git");
    let out = Command::new("git")
        .args(["init", "--quiet", "--bare"])
        .arg(&repo)
        .output()
        .expect("git is installed");
    assert!(out.status.success());
    repo
}

/// The files of `branch` in the bare repository `repo`.
fn branch_files(repo: &Path, branch: &str) -> BTreeMap<String, Vec<u8>> {
    let names = git(repo, &["ls-tree", "-r", "--name-only", branch]);
    names
        .lines()
        .filter(|n| *n != MANIFEST)
        .map(|n| {
            let out = Command::new("git")
                .arg("-C")
                .arg(repo)
                .args(["show", &format!("{branch}:{n}")])
                .output()
                .unwrap();
            (n.to_string(), out.stdout)
        })
        .collect()
}

#[test]
fn a_git_branch_moves_to_the_new_site_in_one_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = bare(tmp.path());
    let site = site_with(&format!(
        "  - name: pages\n    kind: git\n    url: {}\n",
        repo.display()
    ));
    build(site.path());
    publish_ok(site.path(), &[]);
    let public = tree(&site.path().join("output/public"));
    assert_eq!(branch_files(&repo, "gh-pages"), public);
    assert_eq!(git(&repo, &["rev-list", "--count", "gh-pages"]).trim(), "1");

    // Someone adds a file of their own to the branch: it stays.
    let clone = tmp.path().join("clone");
    let out = Command::new("git")
        .args(["clone", "--quiet", "--branch", "gh-pages"])
        .arg(&repo)
        .arg(&clone)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    write(&clone, "CNAME", "rutanruteng.example.id\n");
    git(&clone, &["add", "CNAME"]);
    git(
        &clone,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "cname",
        ],
    );
    git(&clone, &["push", "--quiet", "origin", "gh-pages"]);

    // A push the server refuses: the branch stays as it was.
    let story = site
        .path()
        .join("content/stories/sertifikat-kompetensi-wbp.md");
    std::fs::write(
        &story,
        read(&story).replacen("title: ", "title: Kabar baru ", 1),
    )
    .unwrap();
    build(site.path());
    let hook = repo.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'ditolak server' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let before = git(&repo, &["rev-parse", "gh-pages"]);
    let out = publish(site.path(), &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("ditolak server"), "{}", stderr(&out));
    assert_eq!(git(&repo, &["rev-parse", "gh-pages"]), before);

    // The next publish goes through, in one more commit, keeping CNAME.
    std::fs::remove_file(&hook).unwrap();
    publish_ok(site.path(), &[]);
    let mut wanted = tree(&site.path().join("output/public"));
    wanted.insert("CNAME".into(), b"rutanruteng.example.id\n".to_vec());
    assert_eq!(branch_files(&repo, "gh-pages"), wanted);
    assert_eq!(git(&repo, &["rev-list", "--count", "gh-pages"]).trim(), "3");
    assert_no_canary(&branch_files(&repo, "gh-pages"));
}

#[test]
fn a_site_older_than_its_content_or_never_built_is_not_published() {
    let to = tempfile::tempdir().unwrap();
    let dest = to.path().join("situs");
    let site = site_with(&folder_target(&dest));
    settle(site.path());

    let out = publish(site.path(), &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("rapor build"), "{}", stderr(&out));

    build(site.path());
    let story = site
        .path()
        .join("content/stories/sertifikat-kompetensi-wbp.md");
    std::fs::write(&story, read(&story).replacen("title: ", "title: Baru ", 1)).unwrap();
    settle(site.path());
    let out = publish(site.path(), &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("changed since the last build"),
        "{}",
        stderr(&out)
    );

    // A file slipped into the built site by hand is not what was checked.
    build(site.path());
    write(
        site.path(),
        "output/public/catatan.html",
        &format!("<p>{CANARY}</p>"),
    );
    let out = publish(site.path(), &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("output folder changed"),
        "{}",
        stderr(&out)
    );
    assert!(!dest.exists(), "nothing may be sent");
}

#[test]
fn passwords_are_refused_in_site_yaml_and_never_repeated() {
    let ftp = "  - name: hosting\n    kind: ftp\n    host: files.example.id\n    user: rutan\n";
    for (target, field) in [
        (format!("{ftp}    password: rahasia-Kanwil-2026\n"), "password"),
        (format!("{ftp}    password_env: rahasia-Kanwil-2026\n"), "password_env"),
        (
            "  - name: pages\n    kind: git\n    url: https://rutan:rahasia-Kanwil-2026@github.com/r/s.git\n".to_string(),
            "url",
        ),
    ] {
        let site = site_with(&target);
        let out = run(site.path(), &["check"]);
        assert!(!out.status.success(), "{field} was accepted");
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert!(said.contains(field), "{said}");
        assert!(said.contains("content/site.yaml:"), "{said}");
        assert!(!said.contains("rahasia"), "the secret was repeated: {said}");
        let out = publish(site.path(), &[]);
        assert!(!out.status.success());
        assert!(!format!("{}{}", stdout(&out), stderr(&out)).contains("rahasia"));
    }
}

#[test]
fn the_internal_site_goes_only_sealed_and_only_to_its_own_target() {
    let to = tempfile::tempdir().unwrap();
    let (public_dir, internal_dir) = (to.path().join("publik"), to.path().join("internal"));
    let targets = format!(
        "{}  - name: kantor\n    kind: folder\n    path: {}\n    internal: true\n",
        folder_target(&public_dir),
        internal_dir.display()
    );
    // The same folder for both is refused by the checks.
    let same = site_with(&format!(
        "{}  - name: kantor\n    kind: folder\n    path: {}\n    internal: true\n",
        folder_target(&public_dir),
        public_dir.display()
    ));
    let out = run(same.path(), &["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("same place"), "{}", stderr(&out));

    let site = site_with(&targets);
    build(site.path());
    let said = publish_ok(site.path(), &[]);
    assert!(said.contains("usb:") && said.contains("kantor:"), "{said}");
    assert_eq!(
        published(&public_dir),
        tree(&site.path().join("output/public"))
    );
    let internal = published(&internal_dir);
    assert_eq!(internal, tree(&site.path().join("output/internal")));
    // Sealed: the canary is nowhere in plain text.
    assert_no_canary(
        &internal
            .into_iter()
            .map(|(k, v)| (k.replace("internal", "i"), v))
            .collect(),
    );

    // Without a passphrase the internal site is not written sealed: refused.
    set_protect(site.path(), false);
    build(site.path());
    let out = publish(site.path(), &["kantor"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not sealed"), "{}", stderr(&out));
}

#[test]
fn an_unknown_target_or_a_folder_inside_the_site_is_refused() {
    let site = site_with("  - name: salah\n    kind: folder\n    path: output/salinan\n");
    build(site.path());
    let out = publish(site.path(), &["hosting"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("there are: salah"),
        "{}",
        stderr(&out)
    );
    let out = publish(site.path(), &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("inside this site"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path().join("output/salinan").exists());
}
