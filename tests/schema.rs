//! `rapor schema`: the JSON Schemas accept the example site's records, refuse
//! typos and wrong choices, and the committed `schemas/` is what rapor writes now.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn schema_ok(site: &Path, args: &[&str]) {
    let out = rapor(site, &[&["schema"], args].concat());
    assert!(
        out.status.success(),
        "rapor schema failed:\n{}",
        stderr(&out)
    );
}

#[test]
fn every_record_of_the_example_site_is_valid() {
    let schemas = repo().join("schemas");
    let mut checked = std::collections::BTreeMap::<&str, usize>::new();
    for (rel, bytes) in tree(&repo().join("content")) {
        let rel = format!("content/{rel}");
        let Some(kind) = record_kind(&rel) else {
            continue;
        };
        let text = String::from_utf8(bytes).unwrap();
        let instance = record_json(&text, rel.ends_with(".md"));
        let errors = schema_errors(&validator(&schemas, kind), &instance);
        assert!(errors.is_empty(), "{rel} against {kind}: {errors:#?}");
        *checked.entry(kind).or_default() += 1;
    }
    // Every kind was tried at least once, so a kind cannot fall out unnoticed.
    for kind in [
        "site",
        "partner",
        "programme",
        "training",
        "outcome",
        "story",
        "roster",
    ] {
        assert!(checked.contains_key(kind), "no {kind} checked: {checked:?}");
    }
}

#[test]
fn a_misspelt_field_is_refused() {
    let schemas = repo().join("schemas");
    let text = read(&repo().join("content/partners/skb-randong.yaml"));
    let mut partner = record_json(&text, false);
    let description = partner["description"].take();
    let map = partner.as_object_mut().unwrap();
    map.remove("description");
    map.insert("descripton".into(), description);
    let errors = schema_errors(&validator(&schemas, "partner"), &partner);
    assert!(
        errors.iter().any(|e| e.contains("descripton")),
        "{errors:#?}"
    );
    // Misspelt inside a nested record too (a photo of a training).
    let training = read(&repo().join("content/trainings/barbershop-2025/index.md"));
    let mut training = record_json(&training, true);
    let photo = training["photos"][0].as_object_mut().unwrap();
    let caption = photo.remove("caption").unwrap();
    photo.insert("captoin".into(), caption);
    assert!(!validator(&schemas, "training").is_valid(&training));
}

#[test]
fn a_wrong_choice_or_date_is_refused() {
    let schemas = repo().join("schemas");
    let text = read(&repo().join("content/trainings/yoga-2025.md"));
    let training = record_json(&text, true);
    let v = validator(&schemas, "training");
    assert!(v.is_valid(&training));
    for (field, value) in [
        ("status", "finished"),
        ("start", "06-10-2025"),
        ("skill", "Yoga Kelas"),
    ] {
        let mut t = training.clone();
        t[field] = value.into();
        assert!(!v.is_valid(&t), "{field}: {value} was accepted");
    }
    let roster = read(&repo().join("content/internal/rosters/barbershop-2025.yaml"));
    let mut roster = record_json(&roster, false);
    roster["participants"][0]["gender"] = "L".into();
    assert!(!validator(&schemas, "roster").is_valid(&roster));
    // A blank choice is what the loader reads as "not given": still valid.
    let mut t = training.clone();
    t["status"] = serde_json::Value::Null;
    assert!(v.is_valid(&t));
}

#[test]
fn the_committed_schemas_are_what_rapor_writes_now() {
    let site = site("example");
    schema_ok(site.path(), &["--vscode"]);
    let written = tree(&site.path().join("schemas"));
    let committed = tree(&repo().join("schemas"));
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &written {
        assert!(
            committed[name] == *bytes,
            "schemas/{name} is out of date: run `rapor schema --vscode` and commit it"
        );
    }
    assert_eq!(
        read(&site.path().join(".vscode/settings.json")),
        read(&repo().join(".vscode/settings.json")),
        ".vscode/settings.json is out of date: run `rapor schema --vscode`"
    );
    // Twice gives the same bytes.
    schema_ok(site.path(), &["--vscode"]);
    assert_eq!(tree(&site.path().join("schemas")), written);
}

#[test]
fn vscode_settings_are_merged_not_replaced() {
    let site = site("example");
    write(
        site.path(),
        ".vscode/settings.json",
        r#"{ "editor.wordWrap": "on", "yaml.schemas": { "other.json": "x.yaml" } }"#,
    );
    schema_ok(site.path(), &["--vscode"]);
    let v: serde_json::Value =
        serde_json::from_str(&read(&site.path().join(".vscode/settings.json"))).unwrap();
    assert_eq!(v["editor.wordWrap"], "on");
    assert_eq!(v["yaml.schemas"]["other.json"], "x.yaml");
    assert_eq!(
        v["yaml.schemas"]["./schemas/outcome.schema.json"],
        "content/outcomes/*.yaml"
    );
    // A settings file with comments is not rewritten (they would be lost).
    let commented = "// mine\n{ \"editor.wordWrap\": \"on\" }\n";
    write(site.path(), ".vscode/settings.json", commented);
    let out = rapor(site.path(), &["schema", "--vscode"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("settings.json"), "{}", stderr(&out));
    assert_eq!(read(&site.path().join(".vscode/settings.json")), commented);
}

#[test]
fn init_writes_schemas_and_vscode_settings_that_fit_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args(["init", "situs"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("situs");
    let schemas = site.join("schemas");
    assert_eq!(tree(&schemas), tree(&repo().join("schemas")));
    let settings: serde_json::Value =
        serde_json::from_str(&read(&site.join(".vscode/settings.json"))).unwrap();
    assert_eq!(
        settings["yaml.schemas"]["./schemas/roster.schema.json"],
        "content/internal/rosters/*.yaml"
    );
    // The records init writes are valid against the schemas it writes.
    for (rel, bytes) in tree(&site.join("content")) {
        let rel = format!("content/{rel}");
        if let Some(kind) = record_kind(&rel) {
            let text = String::from_utf8(bytes).unwrap();
            let errors = schema_errors(
                &validator(&schemas, kind),
                &record_json(&text, rel.ends_with(".md")),
            );
            assert!(errors.is_empty(), "{rel}: {errors:#?}");
        }
    }
}
