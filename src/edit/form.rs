//! The form of each record kind, derived rather than written: the fields
//! and their types come from the kind's JSON Schema (the raw types the
//! loader decodes, [`crate::schema`]), the help texts from the comments
//! `rapor new` writes ([`crate::scaffold::sample`]), and the free-form
//! `internal:` fields from the keys `rapor new` puts there. What neither
//! says (that `partners` names partner records, that `_idr` is money) is
//! the small table of [`input_for`]. A field added to a raw type appears in
//! the form with no change here.

use std::collections::BTreeMap;

use serde_json::Value;

use super::labels;
use crate::load::Kind;
use crate::vocab::{Gender, Lang, PartnerKind, StageStatus, Status};

/// Records another field may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Partner,
    Programme,
    Training,
    /// A key of `skills` in site.yaml.
    Skill,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Text,
    /// Several lines of plain text.
    LongText,
    Date,
    Number,
    /// Whole rupiah, shown with thousands as `12.500.000`.
    Money,
    Bool,
    Choice(Vec<&'static str>),
    /// One record of a kind.
    Ref(RefKind),
    /// Several records of a kind.
    Refs(RefKind),
    /// A list of free words (tags, contributions), one per line.
    Words,
    /// A nested mapping.
    Group(Vec<Field>),
    /// A list of mappings; the fields are those of one item.
    Items(Vec<Field>),
    /// A mapping of keys to text (`skills`).
    Pairs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The YAML key.
    pub key: String,
    pub input: Input,
    pub required: bool,
    /// Under `internal:` or in a roster: never public.
    pub internal: bool,
    pub label: String,
    pub help: String,
}

/// The form of `kind`: its fields in the order `rapor new` writes them,
/// then any the scaffold does not write, in the schema's order.
pub fn fields(kind: Kind, lang: Lang) -> Vec<Field> {
    let schema = crate::schema::value(kind);
    let comments = scaffold_comments(kind, lang);
    let defs = schema.get("definitions").cloned().unwrap_or(Value::Null);
    object_fields(&schema, &defs, "", kind, lang, &comments, false)
}

fn object_fields(
    schema: &Value,
    defs: &Value,
    prefix: &str,
    kind: Kind,
    lang: Lang,
    comments: &Comments,
    internal: bool,
) -> Vec<Field> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, prop) in props {
        let path = join(prefix, key);
        let internal = internal || key == "internal" || kind == Kind::Roster;
        let prop = resolve(prop, defs);
        let input = match input_for(kind, key, &prop, defs, &path, lang, comments, internal) {
            Some(i) => i,
            None => continue,
        };
        let description = prop.get("description").and_then(Value::as_str);
        // A photo's fields as the contract writes them, when `rapor new`
        // writes none of them (the schema lists keys alphabetically).
        let photo_order = ["src", "alt", "caption", "public"]
            .iter()
            .position(|k| k == key)
            .unwrap_or(usize::MAX);
        out.push((
            (comments.position(&path), photo_order),
            Field {
                key: key.clone(),
                required: required.contains(&key.as_str()),
                internal,
                label: labels::label(key, lang),
                help: comments
                    .help(&path)
                    .map(str::to_string)
                    .or_else(|| labels::help(key, lang))
                    .or_else(|| (lang == Lang::En).then(|| description.unwrap_or("").to_string()))
                    .unwrap_or_default(),
                input,
            },
        ));
    }
    // In the order `rapor new` writes them; the others after, as in the schema.
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, f)| f).collect()
}

/// The property itself, with `$ref` and `anyOf: [X, null]` resolved to X.
fn resolve(prop: &Value, defs: &Value) -> Value {
    let lookup = |r: &str| {
        r.rsplit('/')
            .next()
            .and_then(|name| defs.get(name))
            .cloned()
    };
    if let Some(r) = prop.get("$ref").and_then(Value::as_str) {
        let mut def = lookup(r).unwrap_or(Value::Null);
        if let (Some(d), Some(desc)) = (def.as_object_mut(), prop.get("description")) {
            d.insert("description".into(), desc.clone());
        }
        return def;
    }
    if let Some(any) = prop.get("anyOf").and_then(Value::as_array)
        && let Some(one) = any.iter().find(|v| v.get("type") != Some(&"null".into()))
    {
        let mut one = resolve(one, defs);
        if let (Some(d), Some(desc)) = (one.as_object_mut(), prop.get("description")) {
            d.entry("description").or_insert(desc.clone());
        }
        return one;
    }
    prop.clone()
}

fn types(prop: &Value) -> Vec<&str> {
    match prop.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn input_for(
    kind: Kind,
    key: &str,
    prop: &Value,
    defs: &Value,
    path: &str,
    lang: Lang,
    comments: &Comments,
    internal: bool,
) -> Option<Input> {
    let t = types(prop);
    let has = |x: &str| t.contains(&x);
    // What the schema cannot say: references, money, choices.
    let reference = match key {
        "partners" => Some(RefKind::Partner),
        "programme" => Some(RefKind::Programme),
        "training" | "trainings" => Some(RefKind::Training),
        "skill" => Some(RefKind::Skill),
        _ => None,
    };
    if let Some(r) = reference {
        return Some(if has("array") {
            Input::Refs(r)
        } else {
            Input::Ref(r)
        });
    }
    let choices: Option<Vec<&'static str>> = match (kind, key) {
        (Kind::Training, "status") => Some(Status::ALL.iter().map(|(k, _)| *k).collect()),
        (Kind::Programme, "status") => Some(StageStatus::ALL.iter().map(|(k, _)| *k).collect()),
        (Kind::Partner, "kind") => Some(PartnerKind::ALL.iter().map(|(k, _)| *k).collect()),
        (_, "gender") => Some(Gender::ALL.iter().map(|(k, _)| *k).collect()),
        (Kind::Site, "language") => Some(Lang::ALL.iter().map(|(k, _)| *k).collect()),
        _ => None,
    };
    if let Some(c) = choices {
        return Some(Input::Choice(c));
    }
    if has("object") || prop.get("properties").is_some() {
        if prop.get("properties").is_none() {
            // A mapping of free keys: `skills`.
            return Some(Input::Pairs);
        }
        let inner = object_fields(prop, defs, path, kind, lang, comments, internal);
        return Some(Input::Group(inner));
    }
    if has("array") {
        let items = resolve(prop.get("items").unwrap_or(&Value::Null), defs);
        if items.get("properties").is_some() {
            let item_path = format!("{path}[]");
            let inner = object_fields(&items, defs, &item_path, kind, lang, comments, internal);
            return Some(Input::Items(inner));
        }
        return Some(Input::Words);
    }
    if has("boolean") && !has("string") {
        return Some(Input::Bool);
    }
    if has("integer") || (has("number") && !has("string")) {
        return Some(if key.ends_with("_idr") {
            Input::Money
        } else {
            Input::Number
        });
    }
    if prop.get("format").and_then(Value::as_str) == Some("date") {
        return Some(Input::Date);
    }
    if has("string") {
        let long = matches!(
            key,
            "description" | "summary" | "notes" | "caption" | "body"
        );
        return Some(if long { Input::LongText } else { Input::Text });
    }
    if t.is_empty() && key == "internal" {
        // Free-form in the schema: the fields `rapor new` writes there.
        let inner = comments.internal_fields(path, lang);
        return (!inner.is_empty()).then_some(Input::Group(inner));
    }
    // A value of several types (`cycle`: text or number): typed as text.
    (!t.is_empty()).then_some(Input::Text)
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// The comments of a record as `rapor new` writes it, by YAML path
/// (`cost`, `internal.notes`, `participants[].name`), in the order written.
#[derive(Debug, Default)]
pub struct Comments {
    by_path: BTreeMap<String, String>,
    order: Vec<String>,
}

impl Comments {
    /// The comment of `path`, without the "required:" the form shows apart.
    fn help(&self, path: &str) -> Option<&str> {
        let c = self.by_path.get(path)?.as_str();
        let c = ["wajib: ", "required: "]
            .iter()
            .find_map(|p| c.strip_prefix(p))
            .unwrap_or(c);
        (!c.is_empty()).then_some(c)
    }

    /// Where `path` is written in the sample (after every written one if not).
    fn position(&self, path: &str) -> usize {
        self.order
            .iter()
            .position(|p| p == path)
            .unwrap_or(usize::MAX)
    }

    /// Text fields for the keys under `path` (an `internal:` block).
    fn internal_fields(&self, path: &str, lang: Lang) -> Vec<Field> {
        let prefix = format!("{path}.");
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for p in &self.order {
            let Some(rest) = p.strip_prefix(&prefix) else {
                continue;
            };
            match rest.split_once('.') {
                None => groups.push((rest.to_string(), Vec::new())),
                Some((head, tail)) if !tail.contains('.') => {
                    if let Some(g) = groups.iter_mut().find(|(k, _)| k == head) {
                        g.1.push(tail.to_string());
                    }
                }
                Some(_) => {}
            }
        }
        groups
            .into_iter()
            .map(|(key, subs)| {
                let path = format!("{prefix}{key}");
                let input = if subs.is_empty() {
                    if matches!(key.as_str(), "notes" | "description") {
                        Input::LongText
                    } else {
                        Input::Text
                    }
                } else {
                    Input::Group(
                        subs.iter()
                            .map(|s| Field {
                                key: s.clone(),
                                input: Input::Text,
                                required: false,
                                internal: true,
                                label: labels::label(s, lang),
                                help: self.help(&format!("{path}.{s}")).unwrap_or("").to_string(),
                            })
                            .collect(),
                    )
                };
                Field {
                    label: labels::label(&key, lang),
                    help: self.help(&path).unwrap_or("").to_string(),
                    key,
                    input,
                    required: false,
                    internal: true,
                }
            })
            .collect()
    }
}

/// Reads the comments of the sample record `rapor new` writes for `kind`.
pub fn scaffold_comments(kind: Kind, lang: Lang) -> Comments {
    let text = crate::scaffold::sample(kind, lang);
    let yaml = match crate::parse::split_front_matter(&text) {
        Ok(front) => front.yaml.to_string(),
        Err(_) => text,
    };
    comments_of(&yaml)
}

/// Comments by path in a commented YAML text. A commented-out line
/// (`# programme: pka-2025  # help`) counts as its key: `rapor new` writes
/// optional fields that way.
pub fn comments_of(yaml: &str) -> Comments {
    let mut c = Comments::default();
    // (indent, path) of the open mappings.
    let mut stack: Vec<(usize, String)> = Vec::new();
    // Comment lines just above a key, for a key without its own comment.
    let mut above: Vec<&str> = Vec::new();
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start().len();
        let mut body = line.trim_start();
        if body.is_empty() {
            above.clear();
            continue;
        }
        if let Some(rest) = body.strip_prefix("# ") {
            body = rest;
        }
        let looks_like_key = body.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        });
        if line.trim_start().starts_with('#') && !looks_like_key {
            above.push(body);
            continue;
        }
        let list_item = body.strip_prefix("- ");
        let (in_list, body) = match list_item {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let Some((key, rest)) = body.split_once(':') else {
            continue;
        };
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            continue;
        }
        let own = rest
            .rsplit_once("  # ")
            .map_or(String::new(), |(_, c)| c.trim().to_string());
        let comment = if own.is_empty() { above.join(" ") } else { own };
        above.clear();
        // Entries are (indent of the key, path); a list item is an entry
        // of its own at the `-`, holding the item's keys.
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let mut parent = stack.last().map(|(_, p)| p.clone()).unwrap_or_default();
        let key_indent = if in_list {
            parent = format!("{parent}[]");
            stack.push((indent, parent.clone()));
            indent + 2
        } else {
            indent
        };
        let path = join(&parent, key);
        if !c.by_path.contains_key(&path) {
            c.by_path.insert(path.clone(), comment);
            c.order.push(path.clone());
        }
        let value = rest.split("  # ").next().unwrap_or("").trim();
        if value.is_empty() {
            // A mapping (or list) opens: its keys are deeper.
            stack.push((key_indent, path));
        }
    }
    c
}

/// The field at `path` (`cost.state_budget_idr`, `photos[0].alt`) of a form.
pub fn find<'a>(fields: &'a [Field], path: &str) -> Option<&'a Field> {
    let mut fields = fields;
    let mut found = None;
    for part in path.split('.') {
        let key = part.split('[').next().unwrap_or(part);
        let f = fields.iter().find(|f| f.key == key)?;
        fields = match &f.input {
            Input::Group(inner) | Input::Items(inner) => inner,
            _ => &[],
        };
        found = Some(f);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_training_form_follows_rapor_new_and_knows_references() {
        let f = fields(Kind::Training, Lang::Id);
        let keys: Vec<&str> = f.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(&keys[..3], ["title", "skill", "cycle"], "{keys:?}");
        assert!(keys.contains(&"internal"), "{keys:?}");
        let get = |p: &str| find(&f, p).unwrap_or_else(|| panic!("no {p}"));
        assert_eq!(get("partners").input, Input::Refs(RefKind::Partner));
        assert_eq!(get("skill").input, Input::Ref(RefKind::Skill));
        assert_eq!(get("start").input, Input::Date);
        assert!(get("start").required);
        assert_eq!(get("cost.state_budget_idr").input, Input::Money);
        assert_eq!(get("photos.public").input, Input::Bool);
        assert_eq!(get("draft").input, Input::Bool);
        assert_eq!(
            get("status").input,
            Input::Choice(vec!["planned", "ongoing", "completed"])
        );
        assert_eq!(get("internal.notes").input, Input::LongText);
        assert!(get("internal.notes").internal);
        assert!(!get("title").internal);
        // The help text is the comment `rapor new` writes.
        assert_eq!(get("title").help, "judul pelatihan");
        assert_eq!(get("title").label, "Judul");
    }

    #[test]
    fn every_kind_has_a_form_and_english_help() {
        for kind in [
            Kind::Site,
            Kind::Partner,
            Kind::Programme,
            Kind::Training,
            Kind::Outcome,
            Kind::Story,
            Kind::Roster,
        ] {
            let id = fields(kind, Lang::Id);
            let en = fields(kind, Lang::En);
            assert!(!id.is_empty(), "{kind:?}");
            assert_eq!(id.len(), en.len());
            assert!(en.iter().any(|f| !f.help.is_empty()), "{kind:?}");
        }
        let roster = fields(Kind::Roster, Lang::En);
        let p = find(&roster, "participants.name").unwrap();
        assert!(p.internal && p.required);
        let partner = fields(Kind::Partner, Lang::Id);
        assert_eq!(
            find(&partner, "internal.contact.name").unwrap().input,
            Input::Text
        );
        let site = fields(Kind::Site, Lang::Id);
        assert_eq!(find(&site, "skills").unwrap().input, Input::Pairs);
        assert_eq!(find(&site, "facility.name").unwrap().input, Input::Text);
    }

    #[test]
    fn comments_are_read_by_path_commented_out_or_not() {
        let c = comments_of(
            "title: X  # the title\n# programme: p  # a programme\ncost:  # money\n  \
             state: 0  # state\ninternal:\n  contact:  # who\n    name: \"\"\n  notes: \"\"  # n\n\
             participants:\n  - id: A  # reg\n    name: B  # name\n",
        );
        assert_eq!(c.help("title"), Some("the title"));
        assert_eq!(c.help("programme"), Some("a programme"));
        assert_eq!(c.help("cost.state"), Some("state"));
        assert_eq!(c.help("internal.contact"), Some("who"));
        assert_eq!(c.help("internal.notes"), Some("n"));
        assert_eq!(c.help("participants[].id"), Some("reg"));
        assert_eq!(c.help("participants[].name"), Some("name"));
        assert!(c.by_path.contains_key("internal.contact.name"));
    }
}
