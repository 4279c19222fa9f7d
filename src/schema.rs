//! `rapor schema`: JSON Schemas of the record kinds, for editors.
//!
//! The schemas are derived from the raw types of [`crate::raw`] (the types the
//! loader decodes), so they cannot drift from what `rapor check` accepts. The
//! output is deterministic: keys sorted, two-space indentation, a final newline.
//! Editors validate YAML files with them; Markdown front matter cannot be
//! validated by the VS Code YAML extension, so those kinds get a schema file
//! (for reference and other tools) but no file pattern.

use crate::msg::{Message, msg};
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use crate::load::Kind;
use crate::raw::{RawOutcome, RawPartner, RawProgramme, RawRoster, RawSite, RawStory, RawTraining};

/// One record kind: its schema file's stem and, for YAML records, the files
/// it applies to (the contract's layout, relative to the site folder).
pub struct KindSchema {
    pub kind: &'static str,
    pub glob: Option<&'static str>,
    title: &'static str,
    schema: fn(schemars::SchemaGenerator) -> schemars::Schema,
}

fn root<T: schemars::JsonSchema>(g: schemars::SchemaGenerator) -> schemars::Schema {
    g.into_root_schema_for::<T>()
}

/// Every record kind of the contract, in the contract's order.
pub const KINDS: [KindSchema; 7] = [
    KindSchema {
        kind: "site",
        glob: Some("content/site.yaml"),
        title: "rapor site settings (content/site.yaml)",
        schema: root::<RawSite>,
    },
    KindSchema {
        kind: "partner",
        glob: Some("content/partners/*.yaml"),
        title: "rapor partner (content/partners/<id>.yaml)",
        schema: root::<RawPartner>,
    },
    KindSchema {
        kind: "programme",
        glob: None,
        title: "rapor programme (front matter of content/programmes/<id>.md)",
        schema: root::<RawProgramme>,
    },
    KindSchema {
        kind: "training",
        glob: None,
        title: "rapor training (front matter of content/trainings/<id>.md)",
        schema: root::<RawTraining>,
    },
    KindSchema {
        kind: "outcome",
        glob: Some("content/outcomes/*.yaml"),
        title: "rapor outcome (content/outcomes/<id>.yaml)",
        schema: root::<RawOutcome>,
    },
    KindSchema {
        kind: "story",
        glob: None,
        title: "rapor story (front matter of content/stories/<id>.md)",
        schema: root::<RawStory>,
    },
    KindSchema {
        kind: "roster",
        glob: Some("content/internal/rosters/*.yaml"),
        title: "rapor roster, INTERNAL (content/internal/rosters/<training-id>.yaml)",
        schema: root::<RawRoster>,
    },
];

impl KindSchema {
    /// `<kind>.schema.json`.
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.kind)
    }

    /// The schema, as the bytes written to disk.
    pub fn text(&self) -> String {
        to_text(&self.value())
    }

    /// The schema as JSON.
    pub fn value(&self) -> Value {
        // Draft 7: the draft the VS Code YAML extension has supported longest.
        let generator = SchemaSettings::draft07().into_generator();
        let mut schema = (self.schema)(generator).to_value();
        if let Value::Object(map) = &mut schema {
            map.insert("title".into(), self.title.into());
        }
        schema
    }
}

/// The schema of a record kind, as JSON: what the editor builds its forms from.
pub fn value(kind: Kind) -> Value {
    let name = kind.name();
    KINDS
        .iter()
        .find(|k| k.kind == name)
        .map(KindSchema::value)
        .unwrap_or(Value::Null)
}

/// Pretty JSON with every object's keys sorted and a final newline, whatever
/// order serde_json's map keeps.
fn to_text(value: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                Value::Object(
                    keys.into_iter()
                        .map(|k| (k.clone(), sorted(&m[k])))
                        .collect(),
                )
            }
            Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    let mut text = serde_json::to_string_pretty(&sorted(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema files: (file name, bytes), in the order of [`KINDS`].
pub fn files() -> Vec<(String, String)> {
    KINDS.iter().map(|k| (k.file_name(), k.text())).collect()
}

/// `.vscode/settings.json` with `yaml.schemas` mapping the schemas in
/// `dir` (as written in the settings, relative to the site folder) to the
/// YAML files of the contract. `existing` is the current file, whose other
/// settings are kept; it must be plain JSON (comments cannot be kept).
pub fn vscode_settings(existing: Option<&str>, dir: &str) -> Result<String, Message> {
    let mut settings = match existing.map(str::trim) {
        None | Some("") => Map::new(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => m,
            _ => {
                return Err(msg!("schema_settings_not_json"));
            }
        },
    };
    let schemas = settings
        .entry("yaml.schemas")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(schemas) = schemas else {
        return Err(msg!("schema_settings_not_mapping"));
    };
    let dir = dir.trim_end_matches('/');
    for k in &KINDS {
        let key = format!("{dir}/{}", k.file_name());
        match k.glob {
            Some(glob) => schemas.insert(key, glob.into()),
            None => schemas.remove(&key),
        };
    }
    Ok(to_text(&Value::Object(settings)))
}

/// How `dir` is written in `.vscode/settings.json` of `site`: relative to
/// the site folder (`./schemas`) when inside it, else absolute.
fn settings_dir(site: &Path, dir: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (site_abs, dir_abs) = (abs(site), abs(dir));
    let shown = match dir_abs.strip_prefix(&site_abs) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => format!("./{}", rel.display()),
        Err(_) => dir_abs.display().to_string(),
    };
    shown.replace('\\', "/")
}

/// `rapor schema [DIR] [--vscode]`: writes the schemas into `dir` (default
/// `<site>/schemas`) and, with `vscode`, merges `<site>/.vscode/settings.json`.
/// Returns the files written.
pub fn write(site: &Path, dir: Option<&Path>, vscode: bool) -> Result<Vec<PathBuf>, Message> {
    let dir = dir.map_or_else(|| site.join("schemas"), Path::to_path_buf);
    let mut planned: Vec<(PathBuf, String)> = files()
        .into_iter()
        .map(|(name, text)| (dir.join(name), text))
        .collect();
    if vscode {
        let path = site.join(".vscode/settings.json");
        let existing = match std::fs::read_to_string(&path) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(msg!("io_read", path = path.display(), error = e)),
        };
        let text = vscode_settings(existing.as_deref(), &settings_dir(site, &dir))?;
        planned.push((path, text));
    }
    // Everything is computed before anything is written.
    let mut written = Vec::new();
    for (path, text) in planned {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| msg!("io_create", path = parent.display(), error = e))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| msg!("io_write", path = path.display(), error = e))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(kind: &str) -> Value {
        let k = KINDS.iter().find(|k| k.kind == kind).unwrap();
        serde_json::from_str(&k.text()).unwrap()
    }

    #[test]
    fn unknown_fields_are_refused_where_the_loader_refuses_them() {
        let t = schema("training");
        assert_eq!(t["additionalProperties"], Value::Bool(false));
        assert_eq!(
            t["definitions"]["Photo"]["additionalProperties"],
            Value::Bool(false)
        );
        // `internal:` is free-form in every record.
        assert_ne!(
            t["properties"]["internal"]["additionalProperties"],
            Value::Bool(false)
        );
        let site = schema("site");
        assert!(
            site["definitions"]["SiteInternal"]
                .get("additionalProperties")
                .is_none()
        );
    }

    #[test]
    fn choices_are_the_models_keys() {
        let t = schema("training");
        assert_eq!(
            t["properties"]["status"]["enum"],
            serde_json::json!(["planned", "ongoing", "completed", null])
        );
        let p = schema("partner");
        let kinds: Vec<&str> = crate::vocab::PartnerKind::ALL
            .iter()
            .map(|(k, _)| *k)
            .collect();
        let mut expected: Vec<Value> = kinds.into_iter().map(Value::from).collect();
        expected.push(Value::Null);
        assert_eq!(p["properties"]["kind"]["enum"], Value::Array(expected));
    }

    #[test]
    fn required_fields_follow_the_contract() {
        assert_eq!(
            schema("site")["required"],
            serde_json::json!(["title", "base_url", "facility", "skills"])
        );
        assert_eq!(
            schema("roster")["definitions"]["Participant"]["required"],
            serde_json::json!(["id", "name"])
        );
    }

    #[test]
    fn output_is_sorted_and_ends_with_a_newline() {
        let text = KINDS[0].text();
        assert!(text.ends_with("}\n"));
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(to_text(&v), text);
    }

    #[test]
    fn vscode_settings_keep_other_settings_and_map_yaml_records_only() {
        let existing = r#"{"editor.tabSize": 2, "yaml.schemas": {"other.json": "x.yaml", "./schemas/training.schema.json": "old"}}"#;
        let text = vscode_settings(Some(existing), "./schemas").unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["editor.tabSize"], 2);
        let s = &v["yaml.schemas"];
        assert_eq!(s["other.json"], "x.yaml");
        assert_eq!(
            s["./schemas/partner.schema.json"],
            "content/partners/*.yaml"
        );
        assert_eq!(
            s["./schemas/roster.schema.json"],
            "content/internal/rosters/*.yaml"
        );
        assert!(s.get("./schemas/training.schema.json").is_none());
        assert!(vscode_settings(Some("// comment\n{}"), "./schemas").is_err());
    }

    #[test]
    fn settings_name_the_folder_relative_to_the_site() {
        assert_eq!(
            settings_dir(Path::new("/a/site"), Path::new("/a/site/schemas")),
            "./schemas"
        );
        assert_eq!(
            settings_dir(Path::new("/a/site"), Path::new("/b/schemas")),
            "/b/schemas"
        );
    }
}
