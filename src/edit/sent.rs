//! What a form sent: its fields (`application/x-www-form-urlencoded`),
//! the paths that name them (`photos[0].alt`), and the changes a save
//! makes, applied to a record's values. Pure.

use serde_json::{Map, Value};

/// One step of a field's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// `photos[0].alt` -> [Key(photos), Index(0), Key(alt)]; `None` if malformed.
pub fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() {
            return None;
        }
        steps.push(Step::Key(key.to_string()));
        while let Some(r) = rest.strip_prefix('[') {
            let (n, after) = r.split_once(']')?;
            steps.push(Step::Index(n.parse().ok()?));
            rest = after;
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(steps)
}

/// A change to one value of a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set (or add) the value at the path.
    Set(String, Value),
    /// Remove the key or list item at the path.
    Remove(String),
}

/// The fields of a submitted form, in the order sent.
#[derive(Debug, Default)]
pub struct Submitted {
    pub(super) pairs: Vec<(String, String)>,
}

impl Submitted {
    /// Parses an `application/x-www-form-urlencoded` body.
    pub fn parse(body: &str) -> Self {
        let pairs = body
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        Submitted { pairs }
    }

    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        Submitted { pairs }
    }

    /// The last value sent for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value sent for `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub(super) fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }

    /// The item indices sent under `list` (`list[3].x` -> 3), in order.
    pub(super) fn indices(&self, list: &str) -> Vec<usize> {
        let prefix = format!("{list}[");
        let mut out: Vec<usize> = self
            .pairs
            .iter()
            .filter_map(|(k, _)| {
                let rest = k.strip_prefix(&prefix)?;
                rest.split_once(']')?.0.parse().ok()
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| Some(hex(*bytes.get(i + 1)?)? * 16 + hex(*bytes.get(i + 2)?)?))
            .flatten();
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b'+', None) => out.push(b' '),
            (b, None) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `value` with `changes` applied: what the form shows after a refused
/// save, and what the tests compare a saved file with.
pub fn applied(value: &Value, changes: &[Change]) -> Value {
    let mut v = value.clone();
    for c in changes {
        let (path, new) = match c {
            Change::Set(p, n) => (p, Some(n.clone())),
            Change::Remove(p) => (p, None),
        };
        if let Some(steps) = parse_path(path) {
            set(&mut v, &steps, new);
        }
    }
    v
}

fn set(v: &mut Value, steps: &[Step], new: Option<Value>) {
    let Some((first, rest)) = steps.split_first() else {
        return;
    };
    if rest.is_empty() {
        match (first, v, new) {
            (Step::Key(k), Value::Object(m), Some(n)) => {
                m.insert(k.clone(), n);
            }
            (Step::Key(k), Value::Object(m), None) => {
                m.remove(k);
            }
            (Step::Key(k), v @ Value::Null, Some(n)) => {
                let mut m = Map::new();
                m.insert(k.clone(), n);
                *v = Value::Object(m);
            }
            (Step::Index(i), Value::Array(a), Some(n)) => {
                if *i < a.len() {
                    a[*i] = n;
                } else if *i == a.len() {
                    a.push(n);
                }
            }
            (Step::Index(i), Value::Array(a), None) if *i < a.len() => {
                a.remove(*i);
            }
            (Step::Index(0), v @ Value::Null, Some(n)) => *v = Value::Array(vec![n]),
            _ => {}
        }
        return;
    }
    let next = match (first, v) {
        (Step::Key(k), Value::Object(m)) => m.entry(k.clone()).or_insert(Value::Null),
        (Step::Key(k), v @ Value::Null) => {
            *v = Value::Object(Map::new());
            match v {
                Value::Object(m) => m.entry(k.clone()).or_insert(Value::Null),
                _ => return,
            }
        }
        (Step::Index(i), Value::Array(a)) if *i <= a.len() => {
            if *i == a.len() {
                a.push(Value::Null);
            }
            &mut a[*i]
        }
        (Step::Index(0), v @ Value::Null) => {
            *v = Value::Array(vec![Value::Null]);
            match v {
                Value::Array(a) => &mut a[0],
                _ => return,
            }
        }
        _ => return,
    };
    set(next, rest, new);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_and_forms_decode() {
        assert_eq!(
            parse_path("photos[0].alt"),
            Some(vec![
                Step::Key("photos".into()),
                Step::Index(0),
                Step::Key("alt".into())
            ])
        );
        assert_eq!(parse_path("a..b"), None);
        assert_eq!(parse_path("a[x]"), None);
        assert_eq!(parse_path("a[1]b"), None);
        let s = Submitted::parse("title=Tata+Rias%20%C3%A9&a=1&a=2&bad=%zz&end=%&u=%é");
        assert_eq!(s.get("title"), Some("Tata Rias é"));
        assert_eq!(s.all("a"), ["1", "2"]);
        assert_eq!(s.get("bad"), Some("%zz"));
        assert_eq!(s.get("end"), Some("%"));
        assert_eq!(s.get("u"), Some("%é"));
    }
}
