//! The browser tests' gate, tests/web/tooling.sh: a CI run without the Node
//! packages or Chromium fails, and a developer's run without them says
//! "skipped", never "ok". Regression: a missing tests/web/node_modules once
//! printed "ok" and nothing was checked.

mod common;

use std::process::{Command, Output};

use common::*;

/// tooling.sh run with `WEB_DIR` pointing at an empty folder (so no
/// node_modules) and `CI` as given.
fn gate_without_node_modules(ci: Option<&str>) -> Output {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("tests/web/tooling.sh"))
        .env("WEB_DIR", empty.path())
        .env_remove("CI");
    if let Some(ci) = ci {
        cmd.env("CI", ci);
    }
    cmd.output().expect("run tests/web/tooling.sh")
}

#[test]
fn missing_node_modules_under_ci_fails() {
    for ci in ["true", "1"] {
        let out = gate_without_node_modules(Some(ci));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "CI={ci}:\n{err}");
        assert!(err.contains("node_modules/playwright-core"), "{err}");
        assert!(err.contains("FAILED"), "{err}");
    }
}

#[test]
fn missing_chromium_under_ci_fails() {
    let out = Command::new("bash")
        .arg(repo().join("tests/web/tooling.sh"))
        .env("CI", "true")
        .env("CHROMIUM_PATH", "/nonexistent/chromium")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("/nonexistent/chromium"), "{err}");
}

#[test]
fn missing_node_modules_elsewhere_is_a_loud_skip_not_ok() {
    for ci in [None, Some("false"), Some("")] {
        let out = gate_without_node_modules(ci);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(77), "CI={ci:?}:\n{err}");
        assert!(err.contains("skipped:"), "{err}");
        // As a word: the temp folder's random name may hold the letters.
        let says_ok = err
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("ok"));
        assert!(!says_ok, "{err}");
    }
}

#[test]
fn run_sh_stops_before_building_when_the_tooling_is_missing() {
    // run.sh is the CI web-check step; it must not report "ok" without a browser.
    let out = Command::new("bash")
        .arg(repo().join("tests/web/run.sh"))
        .arg(env!("CARGO_BIN_EXE_rapor"))
        .env("CI", "true")
        .env("CHROMIUM_PATH", "/nonexistent/chromium")
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(!text.contains("ok: all web checks passed"), "{text}");
}
