//! A save: the form's changes written into the record's own text (only the
//! edited values change), the whole site checked in memory with the new
//! text laid over the disk, and only then the file written, atomically,
//! with the old text kept for undo. Creating, deleting and undoing go the
//! same way: nothing reaches the disk while the site would not build.

use std::path::PathBuf;

use serde_json::Value;

use super::editor::Editor;
use super::form::{self, Field};
use super::formpage::Problems;
use super::records::{self, Parts};
use super::submit::{self, Change, Submitted};
use super::words::{Word, word};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::{self, Kind, Overlay};
use crate::yaml::{self, Kind as NodeKind, Node};

/// What a refused save shows again: the problems, and the values as sent.
pub struct Refused {
    pub problems: Problems,
    pub values: Value,
    pub body: Option<String>,
    pub new_id: String,
}

impl Refused {
    fn only(problems: Problems) -> Self {
        Refused {
            problems,
            values: Value::Null,
            body: None,
            new_id: String::new(),
        }
    }

    fn other(text: String) -> Self {
        let mut p = Problems::default();
        p.others.push(text);
        Refused::only(p)
    }
}

/// A save that was written (or had nothing to write).
pub struct Done {
    pub id: String,
    pub changed: bool,
}

/// The text of a record with `changes` made to its YAML and, for a
/// Markdown record, its body replaced by `body`.
pub fn edited(parts: &Parts, changes: &[Change], body: Option<&str>) -> Result<String, String> {
    let mut base = parts.yaml.to_string();
    for c in changes {
        if let Change::Set(key, _) = c
            && let Some(u) = uncommented(&base, key).or_else(|| unflowed(&base, key))
        {
            base = u;
        }
    }
    let yaml = apply_changes(&base, changes)?;
    let mut out = String::with_capacity(parts.head.len() + yaml.len() + parts.tail.len());
    out.push_str(parts.head);
    out.push_str(&yaml);
    if parts.body.is_some() {
        if !yaml.is_empty() && !yaml.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(parts.tail);
        let body = body.or(parts.body).unwrap_or("");
        out.push_str(body);
    }
    Ok(out)
}

/// `yaml` with the commented-out line of a top-level `key` (as `rapor new`
/// writes optional fields: `# end: 2025-11-14  # help`) made a line again,
/// so that setting the key fills in that line, help and all, instead of
/// adding one at the end. `None` when the key is written, has no such line,
/// or uncommenting it would change anything but that key.
fn uncommented(yaml: &str, key: &str) -> Option<String> {
    if key.contains(['.', '[']) {
        return None;
    }
    let before = records::values(yaml).ok()?;
    if before.get(key).is_some() {
        return None;
    }
    let prefix = format!("# {key}:");
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        if line.starts_with(&prefix) {
            let text = format!("{}{}", &yaml[..offset], &yaml[offset + 2..]);
            let mut after = records::values(&text).ok()?;
            // Only a sample scalar: a sample mapping (`# cover: { ...,
            // public: true }`) would lend its values to fields not sent.
            let sample = after.as_object_mut()?.remove(key)?;
            let scalar = !(sample.is_object() || sample.is_array());
            return (scalar && after == before).then_some(text);
        }
        offset += line.len();
    }
    None
}

/// `yaml` with the empty flow list of a top-level key (`photos: []`, as
/// `rapor new` writes it) emptied, when `path` puts a mapping in it
/// (`photos[0].src`), so that its items are written as a block list, one
/// field a line, as the contract's examples are, not all on one line.
fn unflowed(yaml: &str, path: &str) -> Option<String> {
    let (key, rest) = path.split_once("[0].")?;
    if key.contains(['.', '[']) || rest.is_empty() {
        return None;
    }
    let prefix = format!("{key}: []");
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        if line.starts_with(&prefix) {
            let at = offset + key.len() + 1;
            let text = format!("{}{}", &yaml[..at], &yaml[at + 3..]);
            let mut before = records::values(yaml).ok()?;
            let mut after = records::values(&text).ok()?;
            before.as_object_mut()?.remove(key);
            after.as_object_mut()?.remove(key);
            return (after == before).then_some(text);
        }
        offset += line.len();
    }
    None
}

/// The changes made in the YAML text itself, keeping every other byte.
fn apply_changes(yaml_text: &str, changes: &[Change]) -> Result<String, String> {
    use crate::yaml::edit::path::parse_path;
    use crate::yaml::edit::{Edit, apply};
    let path = |p: &str| parse_path(p).map_err(|e| format!("{p}: {e:?}"));
    let edits = changes
        .iter()
        .map(|c| {
            Ok(match c {
                Change::Set(p, v) => Edit::Set(path(p)?, v.clone()),
                Change::Remove(p) => Edit::Remove(path(p)?),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    apply(yaml_text, &edits).map_err(|e| format!("{e:?}"))
}

impl Editor {
    /// Saves the form sent for an existing record (`id`) or a new one.
    pub fn save(
        &self,
        kind: Kind,
        id: Option<&str>,
        form: &Submitted,
    ) -> Result<Done, Box<Refused>> {
        let lang = self.lang;
        let content = self.content();
        // The record's current text and where it is, or a new one's.
        let (rel, old_text, new_id) = match id {
            Some(id) => {
                let Some(s) = records::find(&content, kind, id) else {
                    return Err(Box::new(Refused::other(word(Word::NotFound, lang).into())));
                };
                (records::rel(s), Some(s.text.to_string()), id.to_string())
            }
            None => {
                let new_id = form.get("id").unwrap_or("").trim().to_string();
                let mut p = Problems::default();
                if !crate::text::is_valid_id(&new_id) {
                    p.fields
                        .insert("id".into(), vec![word(Word::BadId, lang).into()]);
                } else if records::find(&content, kind, &new_id).is_some() {
                    p.fields
                        .insert("id".into(), vec![word(Word::IdTaken, lang).into()]);
                }
                if !p.is_empty() {
                    let fields = form::fields(kind, lang);
                    let values = self.sent_values(kind, &fields, &Value::Null, form);
                    return Err(Box::new(Refused {
                        problems: p,
                        values,
                        body: form.get("body").map(str::to_string),
                        new_id,
                    }));
                }
                (records::new_rel(kind, &new_id), None, new_id)
            }
        };
        let base = match &old_text {
            Some(t) => t.clone(),
            None => self.new_text(kind, &new_id, form),
        };
        let Some(parts) = records::parts(kind, &base) else {
            return Err(Box::new(Refused::other(format!("content/{rel}: ---"))));
        };
        let current = match records::values(parts.yaml) {
            Ok(v) => v,
            Err(e) => return Err(Box::new(Refused::other(format!("content/{rel}: {e}")))),
        };
        let fields = form::fields(kind, lang);
        let (changes, mut problems) = submit::changes(&fields, &current, form, lang);
        let body = form
            .get("body")
            .filter(|_| parts.body.is_some())
            .map(|b| b.replace("\r\n", "\n"));
        let refuse = |problems: Problems| Refused {
            values: submit::applied(&current, &changes),
            body: body.clone().or(parts.body.map(str::to_string)),
            problems,
            new_id: if id.is_none() {
                new_id.clone()
            } else {
                String::new()
            },
        };
        if !problems.is_empty() {
            return Err(Box::new(refuse(problems)));
        }
        let body_changed = body.as_deref().is_some_and(|b| Some(b) != parts.body);
        if changes.is_empty() && !body_changed && old_text.is_some() {
            return Ok(Done {
                id: new_id,
                changed: false,
            });
        }
        let text = match edited(&parts, &changes, body.as_deref()) {
            Ok(t) => t,
            Err(e) => {
                problems.others.push(e);
                return Err(Box::new(refuse(problems)));
            }
        };
        let overlay = Overlay {
            put: vec![(rel.clone(), text.clone())],
            ..Overlay::default()
        };
        match self.check_and_write(
            &overlay,
            old_text.as_deref().map(|t| (rel.as_str(), t)),
            &fields,
        ) {
            Ok(()) => Ok(Done {
                id: new_id,
                changed: true,
            }),
            Err(p) => Err(Box::new(refuse(p))),
        }
    }

    /// The values a refused new record's form shows again.
    fn sent_values(&self, kind: Kind, fields: &[Field], _: &Value, form: &Submitted) -> Value {
        let text = self.new_text(kind, "x", form);
        let current = records::parts(kind, &text)
            .and_then(|p| records::values(p.yaml).ok())
            .unwrap_or(Value::Null);
        let (changes, _) = submit::changes(fields, &current, form, self.lang);
        submit::applied(&current, &changes)
    }

    /// A new record's text as `rapor new` writes it.
    pub(super) fn new_text(&self, kind: Kind, id: &str, form: &Submitted) -> String {
        let skind = match kind {
            Kind::Partner => crate::scaffold::Kind::Partner,
            Kind::Programme => crate::scaffold::Kind::Programme,
            Kind::Outcome => crate::scaffold::Kind::Outcome,
            Kind::Story => crate::scaffold::Kind::Story,
            Kind::Roster => crate::scaffold::Kind::Roster,
            Kind::Training | Kind::Site => crate::scaffold::Kind::Training,
        };
        let content = self.content();
        let choices = records::choices(&content);
        let skill = choices
            .skills
            .first()
            .map_or("keterampilan", |(k, _)| k.as_str())
            .to_string();
        let training = form.get("training").filter(|t| !t.is_empty());
        let training = match kind {
            Kind::Roster => Some(id),
            _ => training,
        };
        // Today at UTC+8 (WITA), as `rapor new` takes it.
        let today = jiff::tz::Offset::constant(8)
            .to_datetime(jiff::Timestamp::now())
            .date();
        crate::scaffold::text(skind, id, &skill, training, 0, today, self.lang)
    }

    /// Checks the site with `overlay` laid over the disk; if it builds,
    /// writes it and shows the new previews. `old` is the replaced text
    /// (kept for undo). Problems of the edited file go to their fields.
    pub(super) fn check_and_write(
        &self,
        overlay: &Overlay,
        old: Option<(&str, &str)>,
        fields: &[Field],
    ) -> Result<(), Problems> {
        self.check_then(overlay, fields, || {
            if let Some((rel, text)) = old {
                super::history::push(&self.site, rel, text)?;
            }
            for (rel, text) in &overlay.put {
                crate::files::write_durable(&self.content_path(rel), text.as_bytes())?;
            }
            for rel in &overlay.remove {
                let path = self.content_path(rel);
                if path.exists() {
                    std::fs::remove_file(path)?;
                }
            }
            Ok(())
        })
    }

    /// Checks the whole site as `overlay` would make it and, when nothing
    /// is wrong, changes the disk with `write`, holding the build the whole
    /// time so that no other change slips in between.
    pub(super) fn check_then(
        &self,
        overlay: &Overlay,
        fields: &[Field],
        write: impl FnOnce() -> std::io::Result<()>,
    ) -> Result<(), Problems> {
        let Ok(mut inc) = self.work.lock() else {
            return Err(Problems::default());
        };
        let mut diags = Diagnostics::new();
        let built = inc.build_with(&self.site, Some(overlay), &mut diags);
        let errors: Vec<Diagnostic> = diags
            .sorted()
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if built.is_err() || !errors.is_empty() {
            let mut p = Problems::default();
            for d in &errors {
                self.place(d, overlay, fields, &mut p);
            }
            if p.is_empty() {
                p.others.push(word(Word::Refused, self.lang).into());
            }
            return Err(p);
        }
        if let Err(e) = write() {
            let mut p = Problems::default();
            p.others.push(e.to_string());
            return Err(p);
        }
        self.show(built.ok(), &diags);
        Ok(())
    }

    pub(super) fn content_path(&self, rel: &str) -> PathBuf {
        rel.split('/')
            .fold(self.site.join("content"), |p, c| p.join(c))
    }

    /// The content as on disk now.
    pub(super) fn content(&self) -> load::Content {
        let mut diags = Diagnostics::new();
        let previous = self.work.lock().ok();
        load::load_with(
            &self.site,
            previous.as_ref().and_then(|i| i.content()),
            &mut diags,
        )
    }

    /// Puts a diagnostic beside its field when it is about the edited file.
    fn place(&self, d: &Diagnostic, overlay: &Overlay, fields: &[Field], p: &mut Problems) {
        let file = d.file.display().to_string().replace('\\', "/");
        let message = d.message.render(self.lang);
        let edited = overlay
            .put
            .iter()
            .find(|(rel, _)| format!("content/{rel}") == file);
        if let Some((_, text)) = edited {
            let kind = kind_of_rel(&file);
            if let Some(parts) = kind.and_then(|k| records::parts(k, text)) {
                let yaml_line = d.line.saturating_sub(parts.line_offset);
                let root = yaml::parse_lenient(parts.yaml);
                let path = root
                    .as_ref()
                    .and_then(|r| path_at_line(r, yaml_line))
                    .and_then(|path| control_path(fields, &path))
                    .or_else(|| named_field(&message, fields));
                if let Some(path) = path {
                    p.fields.entry(path).or_default().push(message);
                    return;
                }
                if d.line > parts.line_offset + parts.yaml.lines().count() + 1 {
                    p.fields.entry("body".into()).or_default().push(message);
                    return;
                }
            }
        }
        p.others.push(format!("{file}:{}: {message}", d.line));
    }
}

fn kind_of_rel(file: &str) -> Option<Kind> {
    let rel = file.strip_prefix("content/")?;
    let folder = |f: &str| rel.starts_with(f);
    Some(if rel == "site.yaml" {
        Kind::Site
    } else if folder("partners/") {
        Kind::Partner
    } else if folder("programmes/") {
        Kind::Programme
    } else if folder("trainings/") {
        Kind::Training
    } else if folder("outcomes/") {
        Kind::Outcome
    } else if folder("stories/") {
        Kind::Story
    } else if folder("internal/rosters/") {
        Kind::Roster
    } else {
        return None;
    })
}

/// The path of the form control that shows `path`: an item of a list of
/// words or references is shown by the list's control (`partners[1]` ->
/// `partners`), an item of a list of records by its own fields.
fn control_path(fields: &[Field], path: &str) -> Option<String> {
    use super::form::Input;
    let steps = submit::parse_path(path)?;
    let mut fields = fields;
    let mut out = String::new();
    let mut i = 0;
    while i < steps.len() {
        let submit::Step::Key(key) = &steps[i] else {
            return None;
        };
        let f = fields.iter().find(|f| &f.key == key)?;
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
        match &f.input {
            Input::Group(inner) => fields = inner,
            Input::Items(inner) => {
                if let Some(submit::Step::Index(n)) = steps.get(i + 1) {
                    out.push_str(&format!("[{n}]"));
                    i += 1;
                    fields = inner;
                } else {
                    return Some(out);
                }
            }
            _ => return Some(out),
        }
        i += 1;
    }
    Some(out)
}

/// The field a message names in backquotes (`title`), for a problem about
/// a field that is not written at all.
fn named_field(message: &str, fields: &[Field]) -> Option<String> {
    message.split('`').skip(1).step_by(2).find_map(|name| {
        let name = name.trim();
        form::find(fields, name).map(|_| name.to_string())
    })
}

/// The path (`photos[1].alt`) of the deepest entry written on `line`.
pub fn path_at_line(root: &Node, line: usize) -> Option<String> {
    fn walk(node: &Node, line: usize, path: &str, best: &mut Option<String>) {
        match &node.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    let p = if path.is_empty() {
                        k.text.clone()
                    } else {
                        format!("{path}.{}", k.text)
                    };
                    let first = k.span.line;
                    let last = last_line(v).max(first);
                    if (first..=last).contains(&line) {
                        *best = Some(p.clone());
                        walk(v, line, &p, best);
                    }
                }
            }
            NodeKind::Seq(items) => {
                for (i, v) in items.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    if (v.span.line..=last_line(v)).contains(&line) {
                        *best = Some(p.clone());
                        walk(v, line, &p, best);
                    }
                }
            }
            _ => {}
        }
    }
    fn last_line(n: &Node) -> usize {
        match &n.kind {
            NodeKind::Map(e) => e.last().map_or(n.span.line, |(_, v)| last_line(v)),
            NodeKind::Seq(i) => i.last().map_or(n.span.line, last_line),
            _ => n.span.line,
        }
    }
    let mut best = None;
    walk(root, line, "", &mut best);
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_goes_to_the_control_that_shows_it() {
        let f = form::fields(Kind::Training, crate::vocab::Lang::Id);
        assert_eq!(control_path(&f, "partners[1]").as_deref(), Some("partners"));
        assert_eq!(
            control_path(&f, "photos[2].alt").as_deref(),
            Some("photos[2].alt")
        );
        assert_eq!(control_path(&f, "photos[2]").as_deref(), Some("photos[2]"));
        assert_eq!(
            control_path(&f, "cost.state_budget_idr").as_deref(),
            Some("cost.state_budget_idr")
        );
        assert_eq!(control_path(&f, "nonsense"), None);
    }

    #[test]
    fn an_optional_field_fills_its_commented_line() {
        let parts = records::parts(
            Kind::Partner,
            "name: A  # n\n# website: https://x  # site\nkind: other\n",
        )
        .unwrap();
        let set = |k: &str, v: &str| Change::Set(k.into(), serde_json::json!(v));
        assert_eq!(
            edited(&parts, &[set("website", "https://y.example")], None).unwrap(),
            "name: A  # n\nwebsite: https://y.example  # site\nkind: other\n"
        );
        // A commented line that is not the key's own is left alone.
        let parts = records::parts(Kind::Partner, "name: A\n#  website: x\n").unwrap();
        assert_eq!(
            edited(&parts, &[set("website", "https://y.example")], None).unwrap(),
            "name: A\nwebsite: https://y.example\n#  website: x\n"
        );
        // A flow list keeps the comment after it.
        let parts = records::parts(Kind::Training, "---\npartners: []  # ids\n---\nx").unwrap();
        assert_eq!(
            edited(
                &parts,
                &[Change::Set("partners".into(), serde_json::json!(["a"]))],
                None
            )
            .unwrap(),
            "---\npartners: [a]  # ids\n---\nx"
        );
    }

    #[test]
    fn a_first_photo_in_an_empty_flow_list_is_written_as_a_block() {
        let parts = records::parts(
            Kind::Partner,
            "photos: []  # help\n#   - { src: a.jpg }\ndraft: true\n",
        )
        .unwrap();
        let set = |k: &str, v: &str| Change::Set(k.into(), serde_json::json!(v));
        assert_eq!(
            edited(
                &parts,
                &[set("photos[0].src", "x.jpg"), set("photos[0].alt", "X")],
                None
            )
            .unwrap(),
            "photos:  # help\n  - src: x.jpg\n    alt: X\n#   - { src: a.jpg }\ndraft: true\n"
        );
    }

    #[test]
    fn a_line_names_its_field() {
        let text = "title: A\ncost:\n  state_budget_idr: x\nphotos:\n  - src: a.jpg\n    alt: B\n";
        let root = yaml::parse_lenient(text).unwrap();
        assert_eq!(path_at_line(&root, 1).as_deref(), Some("title"));
        assert_eq!(
            path_at_line(&root, 3).as_deref(),
            Some("cost.state_budget_idr")
        );
        assert_eq!(path_at_line(&root, 6).as_deref(), Some("photos[0].alt"));
        assert_eq!(path_at_line(&root, 9), None);
    }
}
