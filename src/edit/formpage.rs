//! What a record's form shows: its values, problems and the choices of
//! its reference fields. Data only; [`super::page`] writes it as HTML.

use std::collections::BTreeMap;

use serde_json::Value;

use super::form::{Field, RefKind};
use crate::load::Kind;
use crate::vocab::Lang;

/// The records a reference may name: (id, title), per kind.
#[derive(Debug, Default, Clone)]
pub struct Choices {
    pub partners: Vec<(String, String)>,
    pub programmes: Vec<(String, String)>,
    pub trainings: Vec<(String, String)>,
    pub skills: Vec<(String, String)>,
}

impl Choices {
    pub(super) fn of(&self, r: RefKind) -> &[(String, String)] {
        match r {
            RefKind::Partner => &self.partners,
            RefKind::Programme => &self.programmes,
            RefKind::Training => &self.trainings,
            RefKind::Skill => &self.skills,
        }
    }
}

/// Problems of a save: by field path, and those of no field.
#[derive(Debug, Default, Clone)]
pub struct Problems {
    pub fields: BTreeMap<String, Vec<String>>,
    pub others: Vec<String>,
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.others.is_empty()
    }
}

/// Everything a record's form shows.
pub struct FormPage<'a> {
    pub lang: Lang,
    pub token: &'a str,
    pub kind: Kind,
    /// `None` for a new record (its id is typed into the field `id`).
    pub id: Option<&'a str>,
    pub fields: &'a [Field],
    pub values: &'a Value,
    /// The Markdown body, for kinds that have one.
    pub body: Option<&'a str>,
    pub problems: &'a Problems,
    pub choices: &'a Choices,
    pub notice: Option<String>,
    pub undo: usize,
    /// The preview's addresses, when the record is built.
    pub preview: Option<Preview>,
    /// The typed id of a new record, kept after a refused save.
    pub new_id: &'a str,
}

/// Where a record's page is in the preview: the public site's address when
/// the public site has it, and the internal site's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub public: Option<String>,
    pub internal: String,
}

impl Preview {
    /// The page shown first: the public one when there is one.
    pub fn first(&self) -> &str {
        self.public.as_deref().unwrap_or(&self.internal)
    }
}
