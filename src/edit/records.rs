//! The records as the editor sees them: found by kind and id among what
//! the load stage read, split into YAML and Markdown body, and decoded to
//! JSON values for the forms.

use std::collections::BTreeMap;

use serde_json::Value;

use super::formpage::Choices;
use super::words::{Word, word};
use crate::load::{Content, Kind, Source};
use crate::parse::split_front_matter;
use crate::vocab::Lang;

/// A record's id in addresses: site.yaml has none of its own.
pub fn id_of(s: &Source) -> &str {
    if s.kind == Kind::Site { "site" } else { &s.id }
}

pub fn find<'a>(content: &'a Content, kind: Kind, id: &str) -> Option<&'a Source> {
    content
        .sources
        .iter()
        .find(|s| s.kind == kind && id_of(s) == id)
}

/// A source's path relative to `content/`, `/`-separated.
pub fn rel(s: &Source) -> String {
    let p = s.path.display().to_string().replace('\\', "/");
    p.strip_prefix("content/").unwrap_or(&p).to_string()
}

/// Where `rapor new` writes a record of `kind` named `id`, relative to `content/`.
pub fn new_rel(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Site => "site.yaml".into(),
        Kind::Partner => format!("partners/{id}.yaml"),
        Kind::Programme => format!("programmes/{id}.md"),
        Kind::Training => format!("trainings/{id}.md"),
        Kind::Outcome => format!("outcomes/{id}.yaml"),
        Kind::Story => format!("stories/{id}.md"),
        Kind::Roster => format!("internal/rosters/{id}.yaml"),
    }
}

pub fn is_markdown(kind: Kind) -> bool {
    matches!(kind, Kind::Programme | Kind::Training | Kind::Story)
}

/// A record's text in parts.
pub struct Parts<'a> {
    /// Text before the YAML (`---\n`), kept byte for byte.
    pub head: &'a str,
    pub yaml: &'a str,
    /// The closing `---` line and the body, for Markdown records.
    pub tail: &'a str,
    pub body: Option<&'a str>,
    /// Lines before the YAML in the file.
    pub line_offset: usize,
}

/// Splits a record into its parts; `None` for a Markdown file whose front
/// matter is missing or not closed.
pub fn parts(kind: Kind, text: &str) -> Option<Parts<'_>> {
    if !is_markdown(kind) {
        return Some(Parts {
            head: "",
            yaml: text,
            tail: "",
            body: None,
            line_offset: 0,
        });
    }
    let front = split_front_matter(text).ok()?;
    let start = front.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + front.yaml.len();
    let body_start = front.body.as_ptr() as usize - text.as_ptr() as usize;
    Some(Parts {
        head: &text[..start],
        yaml: front.yaml,
        tail: &text[end..body_start],
        body: Some(front.body),
        line_offset: text[..start].matches('\n').count(),
    })
}

/// The YAML decoded to JSON values (dates and ids stay strings).
pub fn values(yaml: &str) -> Result<Value, String> {
    if yaml.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    serde_yaml::from_str::<Value>(yaml).map_err(|e| e.to_string())
}

fn title(s: &Source) -> String {
    let Some(p) = parts(s.kind, &s.text) else {
        return s.id.clone();
    };
    let v = values(p.yaml).unwrap_or(Value::Null);
    let t = match s.kind {
        Kind::Partner => v.get("name"),
        Kind::Site => v.get("title"),
        Kind::Outcome | Kind::Roster => v.get("training"),
        _ => v.get("title"),
    };
    t.and_then(Value::as_str).unwrap_or(&s.id).to_string()
}

/// (id, title) of every record, by kind, sorted by id.
pub fn listing(content: &Content) -> BTreeMap<Kind, Vec<(String, String)>> {
    let mut out: BTreeMap<Kind, Vec<(String, String)>> = BTreeMap::new();
    for s in &content.sources {
        out.entry(s.kind)
            .or_default()
            .push((id_of(s).to_string(), title(s)));
    }
    for list in out.values_mut() {
        list.sort();
    }
    out
}

/// What reference fields may name.
pub fn choices(content: &Content) -> Choices {
    let of = |kind: Kind| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = content
            .sources
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| (s.id.clone(), title(s)))
            .collect();
        v.sort();
        v
    };
    let skills = content
        .sources
        .iter()
        .find(|s| s.kind == Kind::Site)
        .and_then(|s| values(&s.text).ok())
        .and_then(|v| v.get("skills").cloned())
        .and_then(|v| match v {
            Value::Object(m) => Some(
                m.into_iter()
                    .map(|(k, v)| (k, v.as_str().unwrap_or("").to_string()))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default();
    Choices {
        partners: of(Kind::Partner),
        programmes: of(Kind::Programme),
        trainings: of(Kind::Training),
        skills,
    }
}

pub const KINDS: [Kind; 7] = [
    Kind::Training,
    Kind::Story,
    Kind::Outcome,
    Kind::Partner,
    Kind::Programme,
    Kind::Roster,
    Kind::Site,
];

/// A kind's heading in the editor.
pub fn kind_title(kind: Kind, lang: Lang) -> String {
    let x = match kind {
        Kind::Site => Word::KindSite,
        Kind::Partner => Word::KindPartner,
        Kind::Programme => Word::KindProgramme,
        Kind::Training => Word::KindTraining,
        Kind::Outcome => Word::KindOutcome,
        Kind::Story => Word::KindStory,
        Kind::Roster => Word::KindRoster,
    };
    word(x, lang).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_record_splits_and_joins_byte_for_byte() {
        let text = "---\r\ntitle: A\r\n---\r\nBody\r\n";
        let p = parts(Kind::Story, text).unwrap();
        assert_eq!(p.yaml, "title: A\r\n");
        assert_eq!(p.body, Some("Body\r\n"));
        assert_eq!(
            format!("{}{}{}{}", p.head, p.yaml, p.tail, p.body.unwrap()),
            text
        );
        assert_eq!(p.line_offset, 1);
        assert!(parts(Kind::Story, "title: A\n").is_none());
        let y = parts(Kind::Partner, "name: B\n").unwrap();
        assert_eq!((y.yaml, y.line_offset), ("name: B\n", 0));
    }
}
