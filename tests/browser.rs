//! Real-browser checks, driven from the test suite: the example site is
//! built, then `tests/web/browser.mjs` opens it in headless Debian Chromium
//! (through playwright-core) over HTTP under a sub-path and from disk, at
//! phone and desktop widths, and fails on console errors, broken images and
//! sideways scrolling.
//!
//! Needs `node`, `tests/web/node_modules` (`npm ci` in tests/web) and
//! `/usr/bin/chromium`; `tests/web/tooling.sh` decides. Under CI (`CI=true`)
//! a missing piece fails the run, where `.ci/run` installs them first. On a
//! developer's machine it prints "skipped: ... missing" and the check does
//! not run. The test has its own `main` (`harness = false` in Cargo.toml)
//! so that a skip is reported as a skip: libtest would print "ok" for it.
//! tests/web_tooling.rs holds the gate's own tests.

mod common;

use std::path::Path;
use std::process::{Command, ExitCode};

use common::*;

/// Runs a script of tests/web with `args`; panics with its output on failure.
fn node(script: &str, args: &[&Path]) -> String {
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

fn public_pages_load_cleanly_in_chromium_at_phone_and_desktop_widths() {
    let site = site("example");
    let out = build_ok(site.path());
    let report = node("browser.mjs", &[&out.join("public")]);
    assert!(report.contains("browser: ok:"), "{report}");
}

fn main() -> ExitCode {
    // tooling.sh prints what is missing itself, on the inherited stderr.
    let gate = Command::new("bash")
        .arg(repo().join("tests/web/tooling.sh"))
        .status()
        .expect("run tests/web/tooling.sh");
    match gate.code() {
        Some(0) => {}
        Some(77) => {
            eprintln!("browser: SKIPPED, nothing was checked in Chromium");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("browser: FAILED: the browser tooling is missing");
            return ExitCode::FAILURE;
        }
    }
    public_pages_load_cleanly_in_chromium_at_phone_and_desktop_widths();
    eprintln!("browser: public pages load cleanly in Chromium at phone and desktop widths");
    ExitCode::SUCCESS
}
