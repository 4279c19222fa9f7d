//! A serde `Deserializer` over the spanned tree that collects problems
//! instead of stopping at the first.
//!
//! An unknown key is recorded at the key and its entry skipped. A value that
//! cannot be decoded is recorded at the value, and the field that holds it
//! is then read as absent: the decode runs again with that field skipped
//! (every `Raw*` field is an `Option`, so it becomes `None`). A valid file is
//! decoded in one pass; each bad value costs one more.
//!
//! Errors are structured ([`Problem`]); wording is [`super::words`]' job.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

use super::scalar::{self, Int};
use super::tree::{Kind, Node, Span};

/// One step of a path, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// What was found where something else was wanted.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found {
    Nothing,
    Bool(bool),
    Number(String),
    Text(String),
    List,
    Mapping,
    /// Something serde named in its own words (rare: a type rapor's
    /// records do not use).
    Other(String),
}

/// The kind of value a field wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    Byte,
    Count,
    Integer,
    Number,
    Text,
    Bool,
    List,
    Mapping,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cause {
    WrongType {
        found: Found,
        want: Want,
    },
    /// serde's `Expected` for a type this module does not know by hint.
    WrongTypeOther {
        found: Found,
        expected: String,
    },
    BadValue {
        found: Found,
        expected: String,
    },
    TooLarge {
        value: String,
        max: u128,
    },
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField {
        field: &'static str,
    },
    /// A message rapor's own deserialisers wrote, already in plain words.
    Own(String),
    /// Anything else serde reports.
    Other(String),
}

/// A problem of one value, at its place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub span: Span,
    pub path: Vec<Step>,
    pub cause: Cause,
}

/// Marks a message that rapor's own deserialisers wrote, already in plain
/// words: it is shown as it is.
pub(crate) const OWN_MESSAGE: &str = "rapor: ";

/// The error passed through serde while decoding: a cause, and where it
/// happened once a node claims it.
/// Boxed: it travels through every `Result` of the decode, which should
/// stay small on the happy path.
pub(crate) type Error = Box<ErrorInner>;

#[derive(Debug)]
pub(crate) struct ErrorInner {
    cause: Cause,
    at: Option<(Span, Vec<Step>)>,
    /// The field to skip on the next pass, set by the innermost mapping
    /// entry the error passes through.
    skip: Option<Vec<Step>>,
}

fn error(cause: Cause) -> Error {
    Box::new(ErrorInner {
        cause,
        at: None,
        skip: None,
    })
}

impl fmt::Display for ErrorInner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.cause)
    }
}

impl std::error::Error for ErrorInner {}

fn found_of(u: &Unexpected) -> Found {
    match *u {
        Unexpected::Bool(b) => Found::Bool(b),
        Unexpected::Unsigned(n) => Found::Number(n.to_string()),
        Unexpected::Signed(n) => Found::Number(n.to_string()),
        Unexpected::Float(n) => Found::Number(n.to_string()),
        Unexpected::Str(s) => Found::Text(s.to_string()),
        Unexpected::Unit | Unexpected::Option => Found::Nothing,
        Unexpected::Seq => Found::List,
        Unexpected::Map => Found::Mapping,
        ref other => Found::Other(other.to_string()),
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        let text = msg.to_string();
        match text.strip_prefix(OWN_MESSAGE) {
            Some(own) => error(Cause::Own(own.to_string())),
            None => error(Cause::Other(text)),
        }
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        error(Cause::WrongTypeOther {
            found: found_of(&unexp),
            expected: exp.to_string(),
        })
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        error(Cause::BadValue {
            found: found_of(&unexp),
            expected: exp.to_string(),
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        error(Cause::UnknownField {
            field: field.to_string(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        error(Cause::MissingField { field })
    }
}

/// What a decode found: the value (unless the document itself could not be
/// read as `T`), and every problem, in the order of the text.
pub(crate) struct Decoded<T> {
    pub value: Option<T>,
    pub problems: Vec<Problem>,
}

/// Decodes `root` into `T`, collecting every problem.
pub(crate) fn decode<T: DeserializeOwned>(root: &Node) -> Decoded<T> {
    let mut skip: Vec<Vec<Step>> = Vec::new();
    let mut fatal: Vec<Problem> = Vec::new();
    loop {
        let state = State {
            skip: &skip,
            soft: RefCell::new(Vec::new()),
        };
        let de = De {
            node: root,
            path: Vec::new(),
            state: &state,
        };
        match T::deserialize(de) {
            Ok(value) => {
                let mut problems = fatal;
                problems.extend(state.soft.into_inner());
                problems.sort_by_key(|p| (p.span.start, p.span.line));
                return Decoded {
                    value: Some(value),
                    problems,
                };
            }
            Err(e) => {
                let e = *e;
                let (span, path) = e.at.unwrap_or((root.span, Vec::new()));
                fatal.push(Problem {
                    span,
                    path,
                    cause: e.cause,
                });
                match e.skip {
                    Some(field) if !skip.contains(&field) => skip.push(field),
                    _ => {
                        let mut problems = fatal;
                        problems.extend(state.soft.into_inner());
                        problems.sort_by_key(|p| (p.span.start, p.span.line));
                        return Decoded {
                            value: None,
                            problems,
                        };
                    }
                }
            }
        }
    }
}

struct State<'s> {
    skip: &'s [Vec<Step>],
    /// Problems that did not stop this pass (unknown keys).
    soft: RefCell<Vec<Problem>>,
}

struct De<'n, 's> {
    node: &'n Node,
    path: Vec<Step>,
    state: &'s State<'s>,
}

impl De<'_, '_> {
    fn found(&self) -> Found {
        match &self.node.kind {
            Kind::Null => Found::Nothing,
            Kind::Bool(b) => Found::Bool(*b),
            Kind::Int | Kind::Float(_) => Found::Number(self.node.text.clone()),
            Kind::Str => Found::Text(self.node.text.clone()),
            Kind::Seq(_) => Found::List,
            Kind::Map(_) => Found::Mapping,
        }
    }

    fn wrong(&self, want: Want) -> Error {
        self.claim(error(Cause::WrongType {
            found: self.found(),
            want,
        }))
    }

    /// Places an error that has no place yet at this node.
    fn claim(&self, mut e: Error) -> Error {
        if e.at.is_none() {
            e.at = Some((self.node.span, self.path.clone()));
        }
        e
    }

    fn plain_text(&self) -> Option<&str> {
        (self.node.plain && matches!(self.node.kind, Kind::Int)).then_some(self.node.text.as_str())
    }

    fn signed(&self, min: i64, max: i64) -> Result<i64, Error> {
        let Some(text) = self.plain_text() else {
            return Err(self.wrong(Want::Integer));
        };
        match scalar::parse_signed_int(text, i64::from_str_radix) {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(self.too_large(max as u128)),
        }
    }

    fn too_large(&self, max: u128) -> Error {
        self.claim(error(Cause::TooLarge {
            value: self.node.text.clone(),
            max,
        }))
    }

    fn child<'m>(&self, node: &'m Node, step: Step) -> De<'m, '_> {
        let mut path = self.path.clone();
        path.push(step);
        De {
            node,
            path,
            state: self.state,
        }
    }
}

macro_rules! unsigned {
    ($name:ident, $t:ty, $visit:ident, $want:expr) => {
        fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n = self.unsigned_checked(<$t>::MAX as u64, $want)?;
            visitor.$visit(n as $t).map_err(|e| self.claim(e))
        }
    };
}

macro_rules! signed {
    ($name:ident, $t:ty, $visit:ident) => {
        fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n = self.signed(<$t>::MIN as i64, <$t>::MAX as i64)?;
            visitor.$visit(n as $t).map_err(|e| self.claim(e))
        }
    };
}

impl De<'_, '_> {
    fn unsigned_checked(&self, max: u64, want: Want) -> Result<u64, Error> {
        let Some(text) = self.plain_text() else {
            return Err(self.wrong(want));
        };
        match scalar::parse_unsigned_int(text, u64::from_str_radix) {
            Some(n) if n <= max => Ok(n),
            Some(_) => Err(self.too_large(max.into())),
            None => match scalar::int(text) {
                Some(Int::U128(_)) => Err(self.too_large(max.into())),
                _ => Err(self.wrong(want)),
            },
        }
    }
}

impl<'de> de::Deserializer<'de> for De<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = self.node;
        let out = match &node.kind {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(*b),
            Kind::Int => match scalar::int(&node.text) {
                Some(Int::U64(n)) => visitor.visit_u64(n),
                Some(Int::I64(n)) => visitor.visit_i64(n),
                Some(Int::U128(n)) => visitor.visit_u128(n),
                Some(Int::I128(n)) => visitor.visit_i128(n),
                None => visitor.visit_str(&node.text),
            },
            Kind::Float(f) => visitor.visit_f64(*f),
            Kind::Str => visitor.visit_str(&node.text),
            Kind::Seq(_) => return self.deserialize_seq(visitor),
            Kind::Map(_) => return self.deserialize_map(visitor),
        };
        out.map_err(|e| self.claim(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            Kind::Bool(b) if self.node.plain => visitor.visit_bool(b).map_err(|e| self.claim(e)),
            _ => Err(self.wrong(Want::Bool)),
        }
    }

    unsigned!(deserialize_u8, u8, visit_u8, Want::Byte);
    unsigned!(deserialize_u16, u16, visit_u16, Want::Count);
    unsigned!(deserialize_u32, u32, visit_u32, Want::Count);
    unsigned!(deserialize_u64, u64, visit_u64, Want::Count);
    signed!(deserialize_i8, i8, visit_i8);
    signed!(deserialize_i16, i16, visit_i16);
    signed!(deserialize_i32, i32, visit_i32);
    signed!(deserialize_i64, i64, visit_i64);

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let f = match self.node.kind {
            Kind::Float(f) if self.node.plain => Some(f),
            Kind::Int if self.node.plain => scalar::parse_f64(&self.node.text),
            _ => None,
        };
        match f {
            Some(f) => visitor.visit_f64(f).map_err(|e| self.claim(e)),
            None => Err(self.wrong(Want::Number)),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    /// Any scalar reads as its text, as in yaml_serde (`title: 2025`).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_scalar() {
            visitor
                .visit_str(&self.node.text)
                .map_err(|e| self.claim(e))
        } else {
            Err(self.wrong(Want::Text))
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if matches!(self.node.kind, Kind::Null) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            Kind::Null => visitor.visit_unit(),
            _ => Err(self.wrong(Want::Text)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items: &[Node] = match &self.node.kind {
            Kind::Seq(items) => items,
            Kind::Null if self.node.text.is_empty() => &[],
            _ => return Err(self.wrong(Want::List)),
        };
        let access = SeqAccess {
            de: &self,
            items,
            next: 0,
        };
        visitor.visit_seq(access).map_err(|e| self.claim(e))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.map(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.map(Some(fields), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Records spell choices as text and the model reads them; a unit
        // variant written as a plain scalar is all serde may ask for.
        if self.node.is_scalar() {
            visitor
                .visit_enum(self.node.text.as_str().into_deserializer())
                .map_err(|e: Error| self.claim(e))
        } else {
            Err(self.wrong(Want::Text))
        }
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit_struct tuple tuple_struct ignored_any
    }
}

impl De<'_, '_> {
    fn map<'de, V: Visitor<'de>>(
        self,
        fields: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let entries: &[(Node, Node)] = match &self.node.kind {
            Kind::Map(entries) => entries,
            Kind::Null if self.node.text.is_empty() => &[],
            _ => return Err(self.wrong(Want::Mapping)),
        };
        let access = MapAccess {
            de: &self,
            entries,
            next: 0,
            fields,
        };
        visitor.visit_map(access).map_err(|e| self.claim(e))
    }
}

struct SeqAccess<'a, 'n, 's> {
    de: &'a De<'n, 's>,
    items: &'n [Node],
    next: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.get(self.next) else {
            return Ok(None);
        };
        let de = self.de.child(item, Step::Index(self.next));
        self.next += 1;
        seed.deserialize(de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct MapAccess<'a, 'n, 's> {
    de: &'a De<'n, 's>,
    entries: &'n [(Node, Node)],
    next: usize,
    /// A struct's fields; `None` for a free-form mapping.
    fields: Option<&'static [&'static str]>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        while let Some((key, _)) = self.entries.get(self.next) {
            let step = Step::Key(key.text.clone());
            let mut path = self.de.path.clone();
            path.push(step.clone());
            let skipped = self.de.state.skip.contains(&path);
            // Every struct of the records refuses unknown keys; the key is
            // recorded here, before serde's field visitor would stop the
            // whole struct at it.
            let unknown = self
                .fields
                .is_some_and(|f| !key.is_scalar() || !f.contains(&key.text.as_str()));
            if unknown {
                self.de.state.soft.borrow_mut().push(Problem {
                    span: key.span,
                    path,
                    cause: Cause::UnknownField {
                        field: key.text.clone(),
                        expected: self.fields.unwrap_or_default(),
                    },
                });
            }
            if skipped || unknown {
                self.next += 1;
                continue;
            }
            return seed.deserialize(self.de.child(key, step)).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, value) = &self.entries[self.next];
        self.next += 1;
        let de = self.de.child(value, Step::Key(key.text.clone()));
        let path = de.path.clone();
        seed.deserialize(de).map_err(|mut e| {
            if e.skip.is_none() {
                e.skip = Some(path.clone());
            }
            // An empty value is written nowhere: point at its key.
            if let Some((span, _)) = &mut e.at
                && *span == value.span
                && matches!(value.kind, Kind::Null)
            {
                *span = key.span;
            }
            e
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() - self.next)
    }
}
