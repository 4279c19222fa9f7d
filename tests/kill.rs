//! A failed or killed build never damages the previous output: builds of a
//! protected site killed at random points and at every step of the swap,
//! renames that fail as Windows fails a folder open in Explorer, a full disk.
//! After each, `output/` holds the complete old pair of sites or the
//! complete new pair, byte for byte, no plain internal file lies anywhere
//! under it, and the next build succeeds and leaves nothing behind.
//!
//! Exact points are reached through `RAPOR_FAULT` (src/output/fault.rs),
//! which only debug builds honour; the random kills run in any build.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{copy_dir, rapor_with, read, set_protect, site, stderr, tree};

const PASSPHRASE: &str = "kopi pagi di Ruteng 2025";
/// A roster name: internal only, and only ever sealed under `output/`.
const CANARY: &str = "Peserta Satu";
/// The exit code of a build stopped by `RAPOR_FAULT=stop:<point>`.
const STOPPED: i32 = 99;

/// The two contents a build switches between: a story's body changes and
/// another story comes and goes, so both sites change in bytes and files.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Content {
    A,
    B,
}

impl Content {
    fn other(self) -> Content {
        match self {
            Content::A => Content::B,
            Content::B => Content::A,
        }
    }
}

fn set_content(site: &Path, c: Content) {
    let story = site.join("content/stories/berita.md");
    let text = read(&story);
    let (from, to) = match c {
        Content::A => ("Isi berita yang baru.", "Isi berita."),
        Content::B => ("Isi berita.", "Isi berita yang baru."),
    };
    if text.contains(from) {
        std::fs::write(&story, text.replacen(from, to, 1)).unwrap();
    }
    let extra = site.join("content/stories/kabar-baru.md");
    match c {
        Content::A => {
            let _ = std::fs::remove_file(&extra);
        }
        Content::B => std::fs::write(
            &extra,
            "---\ntitle: Kabar Baru\ndate: 2025-12-01\nauthor: Humas\n---\nKabar baru.\n",
        )
        .unwrap(),
    }
}

/// Both live sites: `public/...` and `internal/...` -> bytes.
type Pair = BTreeMap<String, Vec<u8>>;

fn pair(site: &Path) -> Pair {
    let mut out = Pair::new();
    for name in ["public", "internal"] {
        let dir = site.join("output").join(name);
        if !dir.exists() {
            continue;
        }
        for (path, bytes) in tree(&dir) {
            out.insert(format!("{name}/{path}"), bytes);
        }
    }
    out
}

/// One site of a pair, with its own paths.
fn part(p: &Pair, name: &str) -> Pair {
    let prefix = format!("{name}/");
    p.iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?.to_string(), v.clone())))
        .collect()
}

/// The protected site with its two contents built once, for every test:
/// each works on a copy (with the same salt, so the same sealed bytes).
struct Reference {
    dir: tempfile::TempDir,
    a: Pair,
    b: Pair,
    /// How long a build of it takes, start to exit.
    build_time: Duration,
}

static REFERENCE: OnceLock<Reference> = OnceLock::new();

impl Reference {
    fn new() -> Reference {
        let dir = site("basic");
        set_protect(dir.path(), true);
        set_content(dir.path(), Content::A);
        build(dir.path());
        let a = pair(dir.path());
        set_content(dir.path(), Content::B);
        let started = Instant::now();
        build(dir.path());
        let build_time = started.elapsed();
        let b = pair(dir.path());
        assert_ne!(part(&a, "public"), part(&b, "public"));
        assert_ne!(part(&a, "internal"), part(&b, "internal"));
        assert!(
            a.keys().any(|k| k.starts_with("internal/")),
            "the internal site is written, sealed"
        );
        Reference {
            dir,
            a,
            b,
            build_time,
        }
    }
}

/// A copy of the reference site, with the output of content B in place.
struct Fixture {
    dir: tempfile::TempDir,
    a: Pair,
    b: Pair,
    build_time: Duration,
}

impl Fixture {
    fn new() -> Fixture {
        let r = REFERENCE.get_or_init(Reference::new);
        let dir = tempfile::tempdir().unwrap();
        copy_dir(r.dir.path(), dir.path());
        let f = Fixture {
            dir,
            a: r.a.clone(),
            b: r.b.clone(),
            build_time: r.build_time,
        };
        assert!(pair(f.path()) == f.b);
        f.assert_no_plain_internal();
        f
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn expected(&self, c: Content) -> &Pair {
        match c {
            Content::A => &self.a,
            Content::B => &self.b,
        }
    }

    fn journal(&self) -> bool {
        self.path().join("output/.swap").exists()
    }

    /// No file anywhere under `output/` (live sites, build folders left by a
    /// kill) holds the roster name in plain text.
    fn assert_no_plain_internal(&self) {
        for entry in walkdir::WalkDir::new(self.path().join("output")) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let bytes = std::fs::read(entry.path()).unwrap();
                assert!(
                    !contains(&bytes, CANARY),
                    "plain internal data in {}",
                    entry.path().display()
                );
            }
        }
    }

    /// `output/` holds the lock and the two sites, nothing else.
    fn assert_no_leftovers(&self) {
        let mut names: Vec<String> = std::fs::read_dir(self.path().join("output"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".lock", "internal", "public"]);
    }

    /// What a reader finds after an interrupted build: the old pair or the
    /// new pair, each site folder whole; when a swap was cut short, never
    /// one site of each, and the next build's first step puts the old pair
    /// back. Then the next build succeeds and leaves nothing behind.
    fn assert_old_or_new(&self, old: Content, new: Content, what: &str) -> Content {
        self.assert_no_plain_internal();
        let now = pair(self.path());
        let shown = if self.journal() {
            for name in ["public", "internal"] {
                let site = part(&now, name);
                let whole = [old, new]
                    .iter()
                    .any(|c| site == part(self.expected(*c), name));
                let missing = !self.path().join("output").join(name).exists();
                assert!(whole || missing, "{what}: output/{name} is not whole");
            }
            assert!(
                !(part(&now, "public") == part(self.expected(new), "public")
                    && part(&now, "internal") == part(self.expected(old), "internal")),
                "{what}: a new public site beside an old internal one"
            );
            let recovered = fault(self.path(), "stop:recovered");
            assert_eq!(recovered.status.code(), Some(STOPPED), "{what}");
            assert!(!self.journal(), "{what}: the journal is gone");
            self.assert_no_leftovers();
            let back = pair(self.path());
            assert!(back == *self.expected(old), "{what}: the old pair is back");
            old
        } else if now == *self.expected(old) {
            old
        } else {
            assert!(
                now == *self.expected(new),
                "{what}: output/ is neither the old pair nor the new one"
            );
            new
        };
        self.assert_no_plain_internal();
        build(self.path());
        assert!(pair(self.path()) == *self.expected(new), "{what}: rebuilt");
        self.assert_no_leftovers();
        shown
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn command(site: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapor"));
    cmd.args(["build", "--lang", "en", "--site"])
        .arg(site)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RAPOR_FAULT")
        .env("RAPOR_INTERNAL_PASSPHRASE", PASSPHRASE)
        // Fewer key derivation rounds (debug builds only): dozens of builds.
        .env("RAPOR_TEST_ITERATIONS", "1000");
    cmd
}

fn build(site: &Path) {
    let out = command(site).output().unwrap();
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
}

fn fault(site: &Path, spec: &str) -> Output {
    command(site).env("RAPOR_FAULT", spec).output().unwrap()
}

/// A small seeded generator (SplitMix64): the same kills on every run,
/// another series with `RAPOR_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[test]
fn the_canary_is_in_the_internal_site_when_it_is_plain() {
    let dir = site("basic");
    set_protect(dir.path(), false);
    let out = rapor_with(dir.path(), &["build"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let internal = tree(&dir.path().join("output/internal"));
    assert!(internal.values().any(|b| contains(b, CANARY)));
}

#[cfg(unix)]
#[test]
fn builds_killed_at_random_points_leave_the_old_pair_or_the_new_one() {
    let f = Fixture::new();
    let seed = std::env::var("RAPOR_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_0008);
    let mut rng = Rng(seed);
    // Spread over a whole build, start to exit, and a little past it.
    let span = f.build_time.as_micros() as u64 * 11 / 10;
    let mut current = Content::B;
    let (mut kept, mut replaced, mut staged) = (0, 0, 0);
    for i in 0..24 {
        let next = current.other();
        set_content(f.path(), next);
        let delay = Duration::from_micros(rng.next() % span.max(1));
        let mut child = command(f.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let what = format!("kill {i} after {delay:?} (seed {seed})");
        let out = f.path().join("output");
        if std::fs::read_dir(&out).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".build-")
        }) {
            staged += 1;
        }
        if f.assert_old_or_new(current, next, &what) == current {
            kept += 1;
        } else {
            replaced += 1;
        }
        current = next;
    }
    eprintln!(
        "24 kills over {span} µs: {kept} left the old pair, {replaced} the new one, \
         {staged} a build folder (seed {seed})"
    );
}

/// Every step of writing and swapping, stopped there as a kill would.
#[cfg(all(unix, debug_assertions))]
#[test]
fn a_build_stopped_at_any_step_leaves_the_old_pair_or_the_new_one() {
    let f = Fixture::new();
    let mut current = Content::B;
    let points = [
        ("write:1", false),
        ("write:20", false),
        ("staged", false),
        ("journal", false),
        ("rename:1", false),
        ("rename:2", false),
        ("rename:3", false),
        ("rename:4", false),
        ("swapped", false),
        ("committed", true),
    ];
    for (point, replaced) in points {
        let next = current.other();
        set_content(f.path(), next);
        let out = fault(f.path(), &format!("stop:{point}"));
        assert_eq!(
            out.status.code(),
            Some(STOPPED),
            "{point}: {}",
            stderr(&out)
        );
        let shown = f.assert_old_or_new(current, next, point);
        let expected = if replaced { next } else { current };
        assert_eq!(shown, expected, "{point}");
        current = next;
    }
}

#[cfg(debug_assertions)]
#[test]
fn a_rename_that_fails_puts_the_old_pair_back_and_says_so() {
    let f = Fixture::new();
    let old = f.b.clone();
    set_content(f.path(), Content::A);
    // Renames 1 and 2 move the old sites aside, 3 and 4 bring the new in.
    for (n, folder) in [
        (1, "public"),
        (2, "internal"),
        (3, "public"),
        (4, "internal"),
    ] {
        let out = fault(f.path(), &format!("rename-fail:{n}"));
        assert_eq!(out.status.code(), Some(1), "rename {n}");
        let err = stderr(&out);
        let path = Path::new("output").join(folder);
        assert!(
            err.contains(&format!(
                "cannot replace `{}",
                f.path().join(&path).display()
            )) && err.contains("Access is denied")
                && err.contains("Nothing was changed: the previous output is complete")
                && err.contains("Windows Explorer")
                && err.contains("rapor build failed: 1 problem to fix; output/ was not changed"),
            "rename {n}: {err}"
        );
        assert!(pair(f.path()) == old, "rename {n}: the old pair is intact");
        assert!(!f.journal());
        f.assert_no_leftovers();
    }
    build(f.path());
    assert!(pair(f.path()) == f.a);
}

#[cfg(debug_assertions)]
#[test]
fn a_first_build_that_cannot_rename_claims_no_earlier_output() {
    let site = site("basic");
    let out = fault(site.path(), "rename-fail:1");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("There was no earlier output, and nothing was written"),
        "{err}"
    );
    assert!(!err.contains("previous output"), "{err}");
    assert!(!site.path().join("output/public").exists());
}

#[cfg(debug_assertions)]
#[test]
fn a_swap_that_cannot_be_undone_is_undone_by_the_next_build() {
    let f = Fixture::new();
    set_content(f.path(), Content::A);
    let out = fault(f.path(), "rename-fail:3,undo-fail");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("could not be put back yet")
            && err.contains("run `rapor build` again")
            && err.contains("output/ is incomplete until a build succeeds")
            && !err.contains("was not changed"),
        "{err}"
    );
    assert!(f.journal(), "the journal stays for the next build");
    f.assert_no_plain_internal();
    // Still refused: the next build cannot undo it either, and says so.
    let again = fault(f.path(), "undo-fail");
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("an earlier build stopped while replacing the sites")
            && stderr(&again).contains("output/ is incomplete"),
        "{}",
        stderr(&again)
    );
    let recovered = fault(f.path(), "stop:recovered");
    assert_eq!(recovered.status.code(), Some(STOPPED));
    assert!(pair(f.path()) == f.b, "the old pair is back");
    build(f.path());
    assert!(pair(f.path()) == f.a);
    f.assert_no_leftovers();
}

#[cfg(debug_assertions)]
#[test]
fn a_full_disk_keeps_the_old_pair() {
    let f = Fixture::new();
    set_content(f.path(), Content::A);
    let out = fault(f.path(), "write-fail:7");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("No space left on device") && err.contains("cannot write"),
        "{err}"
    );
    assert!(pair(f.path()) == f.b);
    f.assert_no_leftovers();
    build(f.path());
    assert!(pair(f.path()) == f.a);
}

#[test]
fn a_build_beside_a_running_one_is_refused_and_keeps_its_folder() {
    let f = Fixture::new();
    let out = f.path().join("output");
    // Another build is running: it holds the lock and has a build folder.
    let running: PathBuf = out.join(".build-4242-0123456789ab/new/public");
    std::fs::create_dir_all(&running).unwrap();
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(out.join(".lock"))
        .unwrap();
    lock.try_lock().unwrap();
    set_content(f.path(), Content::A);
    let busy = command(f.path()).output().unwrap();
    assert_eq!(busy.status.code(), Some(1));
    assert!(
        stderr(&busy).contains("another rapor build is writing"),
        "{}",
        stderr(&busy)
    );
    assert!(running.exists(), "the running build's folder is kept");
    assert!(pair(f.path()) == f.b);
    // Once it has ended (here: died without tidying), the next build tidies.
    drop(lock);
    build(f.path());
    assert!(pair(f.path()) == f.a);
    f.assert_no_leftovers();
}
