//! A submitted form -> the changes it makes to a record. Pure.
//!
//! Only what the form sent is looked at, and only what differs from the
//! record becomes a change, so that a save rewrites the values the person
//! edited and nothing else. A field the form did not send is left alone;
//! an emptied optional field is removed; a list the form declares (`_list`)
//! is as long as the items sent.

use serde_json::{Map, Value};

use super::controls::scalar_text;
use super::form::{Field, Input};
use super::formpage::Problems;
pub use super::sent::{Change, Step, Submitted, applied, parse_path};
use super::words::{Word, word};
use crate::vocab::Lang;

/// The changes `form` makes to a record whose values are `current`, and
/// the problems of values that are not even of the right kind (a word in a
/// money field).
pub fn changes(
    fields: &[Field],
    current: &Value,
    form: &Submitted,
    lang: Lang,
) -> (Vec<Change>, Problems) {
    let mut d = Diff {
        form,
        lang,
        changes: Vec::new(),
        problems: Problems::default(),
    };
    for f in fields {
        d.field(f, &f.key, current.get(&f.key));
    }
    (d.changes, d.problems)
}

struct Diff<'a> {
    form: &'a Submitted,
    lang: Lang,
    changes: Vec<Change>,
    problems: Problems,
}

impl Diff<'_> {
    fn problem(&mut self, path: &str, w: Word) {
        self.problems
            .fields
            .entry(path.to_string())
            .or_default()
            .push(word(w, self.lang).to_string());
    }

    fn field(&mut self, f: &Field, path: &str, cur: Option<&Value>) {
        match &f.input {
            Input::Group(inner) => {
                if super::controls::is_photo(inner) {
                    let src = self.form.get(&format!("{path}.src")).map(str::trim);
                    let alt = self.form.get(&format!("{path}.alt")).map(str::trim);
                    if src.is_some_and(|s| !s.is_empty()) && alt.is_some_and(str::is_empty) {
                        self.problem(&format!("{path}.alt"), Word::NeedsAlt);
                    }
                }
                for sub in inner {
                    let p = format!("{path}.{}", sub.key);
                    self.field(sub, &p, cur.and_then(|c| c.get(&sub.key)));
                }
            }
            Input::Items(inner) => self.items(inner, path, cur),
            Input::Pairs => {
                if let Some(Value::Object(map)) = cur {
                    for (k, v) in map {
                        let p = format!("{path}.{k}");
                        if let Some(new) = self.form.get(&p) {
                            let new = new.trim();
                            if new != scalar_text(v) {
                                self.changes.push(Change::Set(p, Value::String(new.into())));
                            }
                        }
                    }
                }
                let key = self
                    .form
                    .get(&format!("_newkey.{path}"))
                    .unwrap_or("")
                    .trim();
                let val = self
                    .form
                    .get(&format!("_newval.{path}"))
                    .unwrap_or("")
                    .trim();
                if !key.is_empty() {
                    if !crate::text::is_valid_id(key) {
                        self.problem(path, Word::BadId);
                    } else if cur.and_then(|c| c.get(key)).is_none() {
                        self.changes.push(Change::Set(
                            format!("{path}.{key}"),
                            Value::String(val.into()),
                        ));
                    }
                }
            }
            Input::Refs(_) | Input::Words => {
                if !self.form.has(path) {
                    return;
                }
                let new: Vec<Value> = if matches!(f.input, Input::Words) {
                    self.form
                        .get(path)
                        .unwrap_or("")
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| Value::String(l.into()))
                        .collect()
                } else {
                    self.form
                        .all(path)
                        .into_iter()
                        .filter(|v| !v.is_empty())
                        .map(|v| Value::String(v.into()))
                        .collect()
                };
                let old: Vec<String> = match cur {
                    Some(Value::Array(a)) => a.iter().map(scalar_text).collect(),
                    _ => Vec::new(),
                };
                let new_text: Vec<String> = new.iter().map(scalar_text).collect();
                if new_text != old {
                    if new.is_empty() && cur.is_none() {
                        return;
                    }
                    self.changes
                        .push(Change::Set(path.into(), Value::Array(new)));
                }
            }
            _ => self.scalar(f, path, cur),
        }
    }

    fn scalar(&mut self, f: &Field, path: &str, cur: Option<&Value>) {
        let Some(raw) = self.form.get(path) else {
            return;
        };
        let raw = raw.replace("\r\n", "\n");
        let text = if matches!(f.input, Input::LongText) {
            raw.trim_end().to_string()
        } else {
            raw.trim().to_string()
        };
        let new = match &f.input {
            Input::Bool => Some(Value::Bool(text == "true")),
            Input::Money | Input::Number => {
                let digits: String = text
                    .chars()
                    .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | ','))
                    .collect();
                let digits = digits.trim_start_matches("Rp").trim().to_string();
                if digits.is_empty() {
                    None
                } else {
                    match digits.parse::<u64>() {
                        Ok(n) => Some(Value::from(n)),
                        Err(_) => {
                            self.problem(path, Word::NotANumber);
                            return;
                        }
                    }
                }
            }
            _ => (!text.is_empty()).then(|| Value::String(text.clone())),
        };
        let same = match (&new, cur) {
            (None, None | Some(Value::Null)) => true,
            // `notes: ""` left empty stays as `rapor new` wrote it.
            (None, Some(Value::String(c))) if c.trim().is_empty() => true,
            (Some(Value::Bool(false)), None | Some(Value::Null)) => true,
            (Some(n), Some(c)) => match (n, c) {
                (Value::Number(a), Value::Number(b)) => a == b,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::String(a), c) if !matches!(c, Value::Array(_) | Value::Object(_)) => {
                    *a == scalar_text(c).trim_end()
                }
                _ => false,
            },
            _ => false,
        };
        if same {
            return;
        }
        self.changes.push(match new {
            Some(v) => Change::Set(path.into(), v),
            None => Change::Remove(path.into()),
        });
    }

    fn items(&mut self, inner: &[Field], path: &str, cur: Option<&Value>) {
        if !self.form.all("_list").contains(&path) {
            return;
        }
        let old: &[Value] = match cur {
            Some(Value::Array(a)) => a,
            _ => &[],
        };
        let sent = self.form.indices(path);
        let photos = inner.iter().any(|f| f.key == "src") && inner.iter().any(|f| f.key == "alt");
        for (pos, &index) in sent.iter().enumerate() {
            let item_path = format!("{path}[{pos}]");
            // A photo needs its alt text in the editor, public or not yet:
            // consent may be given later, by someone else.
            let alt = self.form.get(&format!("{path}[{index}].alt"));
            let no_alt = match alt {
                Some(a) => a.trim().is_empty(),
                None => old.get(pos).is_none_or(|o| o.get("alt").is_none()),
            };
            if photos && no_alt {
                self.problem(&format!("{item_path}.alt"), Word::NeedsAlt);
            }
            match old.get(pos) {
                Some(item) => {
                    // The form may have renumbered; read what it sent at `index`.
                    let sub = Renamed {
                        form: self.form,
                        from: format!("{path}[{index}]"),
                        to: item_path.clone(),
                    };
                    let renamed = sub.submitted();
                    let (changes, problems) =
                        changes_at(inner, &item_path, item, &renamed, self.lang);
                    self.changes.extend(changes);
                    merge(&mut self.problems, problems);
                }
                None => {
                    // A new item: its fields as sent, the empty ones left
                    // out, one change each in the form's order (so that the
                    // file lists them as `rapor new` does).
                    let mut map = Map::new();
                    let from = format!("{path}[{index}]");
                    let renamed = Renamed {
                        form: self.form,
                        from,
                        to: item_path.clone(),
                    }
                    .submitted();
                    let (changes, problems) = changes_at(
                        inner,
                        &item_path,
                        &Value::Object(Map::new()),
                        &renamed,
                        self.lang,
                    );
                    merge(&mut self.problems, problems);
                    for c in changes {
                        if let Change::Set(p, v) = c
                            && let Some(rest) = p.strip_prefix(&format!("{item_path}."))
                        {
                            insert_path(&mut map, rest, v);
                        }
                    }
                    // A box left unticked is written too: a new photo says
                    // `public: false` until someone gives consent.
                    for f in inner.iter().filter(|f| f.input == Input::Bool) {
                        if renamed.get(&format!("{item_path}.{}", f.key)).is_some() {
                            map.entry(f.key.clone()).or_insert(Value::Bool(false));
                        }
                    }
                    let before = self.changes.len();
                    for f in inner {
                        if let Some(v) = map.remove(&f.key) {
                            self.changes
                                .push(Change::Set(format!("{item_path}.{}", f.key), v));
                        }
                    }
                    if self.changes.len() == before {
                        self.changes
                            .push(Change::Set(item_path, Value::Object(map)));
                    }
                }
            }
        }
        for gone in (sent.len()..old.len()).rev() {
            self.changes.push(Change::Remove(format!("{path}[{gone}]")));
        }
    }
}

/// The fields of one list item, sent under `from`, read as if sent under `to`.
struct Renamed<'a> {
    form: &'a Submitted,
    from: String,
    to: String,
}

impl Renamed<'_> {
    fn submitted(&self) -> Submitted {
        let pairs = self
            .form
            .pairs
            .iter()
            .filter_map(|(k, v)| {
                let rest = k.strip_prefix(&self.from)?;
                (rest.starts_with('.') || rest.starts_with('['))
                    .then(|| (format!("{}{rest}", self.to), v.clone()))
            })
            .chain(
                self.form
                    .pairs
                    .iter()
                    .filter(|(k, _)| k == "_list")
                    .map(|(k, v)| (k.clone(), v.replace(&self.from, &self.to))),
            )
            .collect();
        Submitted::from_pairs(pairs)
    }
}

fn changes_at(
    inner: &[Field],
    prefix: &str,
    item: &Value,
    form: &Submitted,
    lang: Lang,
) -> (Vec<Change>, Problems) {
    let mut d = Diff {
        form,
        lang,
        changes: Vec::new(),
        problems: Problems::default(),
    };
    for f in inner {
        d.field(f, &format!("{prefix}.{}", f.key), item.get(&f.key));
    }
    (d.changes, d.problems)
}

fn merge(into: &mut Problems, from: Problems) {
    for (k, v) in from.fields {
        into.fields.entry(k).or_default().extend(v);
    }
    into.others.extend(from.others);
}

/// Puts `v` at a dotted path of plain keys inside `map`.
fn insert_path(map: &mut Map<String, Value>, path: &str, v: Value) {
    match path.split_once('.') {
        None => {
            map.insert(path.to_string(), v);
        }
        Some((head, rest)) => {
            let entry = map
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = entry {
                insert_path(inner, rest, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::form::fields;
    use crate::load::Kind;
    use serde_json::json;

    fn training() -> Value {
        json!({
            "title": "Barbershop", "skill": "barbershop", "cycle": "2025-2",
            "partners": ["skb-randong"], "start": "2025-10-06", "hours": 48,
            "cost": {"state_budget_idr": 0, "partner_contribution_idr": 12500000},
            "photos": [
                {"src": "a.jpg", "alt": "A", "public": true},
                {"src": "b.jpg", "alt": "B", "public": false}
            ],
            "draft": false,
            "internal": {"notes": "secret"}
        })
    }

    fn run(pairs: &[(&str, &str)]) -> (Vec<Change>, Problems) {
        let form = Submitted::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        changes(
            &fields(Kind::Training, Lang::Id),
            &training(),
            &form,
            Lang::Id,
        )
    }

    #[test]
    fn only_what_differs_is_changed() {
        let (c, p) = run(&[
            ("title", "Barbershop"),
            ("hours", "48"),
            ("cost.partner_contribution_idr", "12.500.000"),
            ("cost.state_budget_idr", "0"),
            ("draft", "false"),
            ("partners", ""),
            ("partners", "skb-randong"),
            ("internal.notes", "secret\r\n"),
        ]);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c, []);
    }

    #[test]
    fn edits_become_sets_and_removals() {
        let (c, p) = run(&[
            ("title", "Barbershop Angkatan II"),
            ("hours", ""),
            ("cost.state_budget_idr", "Rp 1.000.000"),
            ("draft", "false"),
            ("draft", "true"),
            ("partners", ""),
            ("location", "Aula"),
        ]);
        assert!(p.is_empty(), "{p:?}");
        for expected in [
            Change::Set("title".into(), json!("Barbershop Angkatan II")),
            Change::Set("partners".into(), json!([])),
            Change::Set("location".into(), json!("Aula")),
            Change::Remove("hours".into()),
            Change::Set("cost.state_budget_idr".into(), json!(1000000)),
            Change::Set("draft".into(), json!(true)),
        ] {
            assert!(c.contains(&expected), "{expected:?} not in {c:?}");
        }
        assert_eq!(c.len(), 6, "{c:?}");
    }

    #[test]
    fn a_word_in_a_money_field_is_a_problem_of_that_field() {
        let (c, p) = run(&[("cost.state_budget_idr", "dua juta")]);
        assert_eq!(c, []);
        assert!(p.fields.contains_key("cost.state_budget_idr"), "{p:?}");
    }

    #[test]
    fn list_items_are_added_edited_and_removed() {
        // The second photo removed, the first's consent withdrawn, one new.
        let (c, p) = run(&[
            ("_list", "photos"),
            ("photos[0].src", "a.jpg"),
            ("photos[0].alt", "A"),
            ("photos[0].public", "false"),
            ("photos[2].src", "c.jpg"),
            ("photos[2].alt", "C"),
            ("photos[2].public", "false"),
        ]);
        assert!(p.is_empty(), "{p:?}");
        assert!(
            c.contains(&Change::Set("photos[0].public".into(), json!(false))),
            "{c:?}"
        );
        // The new item takes position 1 (was b.jpg): its changed fields.
        assert!(
            c.contains(&Change::Set("photos[1].src".into(), json!("c.jpg"))),
            "{c:?}"
        );
        let after = applied(&training(), &c);
        assert_eq!(after["photos"].as_array().unwrap().len(), 2);
        assert_eq!(after["photos"][1]["alt"], "C");
        // Everything removed.
        let (c, _) = run(&[("_list", "photos")]);
        assert_eq!(
            c,
            [
                Change::Remove("photos[1]".into()),
                Change::Remove("photos[0]".into())
            ]
        );
    }

    #[test]
    fn a_new_item_is_one_change() {
        let form = Submitted::from_pairs(vec![
            ("_list".into(), "photos".into()),
            ("photos[0].src".into(), "a.jpg".into()),
            ("photos[0].alt".into(), "A".into()),
            ("photos[0].public".into(), "false".into()),
            ("photos[0].caption".into(), "".into()),
        ]);
        let mut v = training();
        v["photos"] = json!([]);
        let (c, _) = changes(&fields(Kind::Training, Lang::Id), &v, &form, Lang::Id);
        assert_eq!(
            c,
            [
                Change::Set("photos[0].src".into(), json!("a.jpg")),
                Change::Set("photos[0].alt".into(), json!("A")),
                Change::Set("photos[0].public".into(), json!(false)),
            ]
        );
    }
}
