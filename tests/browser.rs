//! Real-browser checks, driven from the test suite: the example site is
//! built, then `tests/web/browser.mjs` opens it in headless Debian Chromium
//! (through playwright-core) over HTTP under a sub-path and from disk, at
//! phone and desktop widths, and fails on console errors, broken images and
//! sideways scrolling.
//!
//! Needs `node`, `tests/web/node_modules` (`npm ci` in tests/web) and
//! `/usr/bin/chromium`. Without them the test is skipped with a notice on a
//! developer's machine, and fails under CI (`CI` set), where `.ci/run`
//! installs them first.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// Whether the browser tooling is here; panics under CI when it is not.
fn browser_available() -> bool {
    let web = repo().join("tests/web");
    let missing: Vec<&str> = [
        (!web.join("node_modules/playwright-core").is_dir())
            .then_some("tests/web/node_modules (run `npm ci` in tests/web)"),
        (!Path::new("/usr/bin/chromium").exists())
            .then_some("/usr/bin/chromium (apt-get install -y chromium)"),
        Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then_some("node"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "browser tests cannot run under CI, missing: {missing:?}"
    );
    eprintln!("skipping browser test, missing: {missing:?}");
    false
}

/// Runs a script of tests/web with `args`; panics with its output on failure.
pub fn node(script: &str, args: &[&Path]) -> String {
    let out = Command::new("node")
        .arg(repo().join("tests/web").join(script))
        .args(args)
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{script} failed:\n{text}");
    text
}

#[test]
fn public_pages_load_cleanly_in_chromium_at_phone_and_desktop_widths() {
    if !browser_available() {
        return;
    }
    let site = site("example");
    let out = build_ok(site.path());
    let report = node("browser.mjs", &[&out.join("public")]);
    assert!(report.contains("browser: ok:"), "{report}");
}
