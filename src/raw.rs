//! Raw records: the YAML of each record kind, as close to the text as
//! possible. Every field is optional here so that the model can report every
//! missing field at once, in its own words; unknown keys are refused by serde
//! (`deny_unknown_fields`), except under `internal:`, which is free-form.

use serde::{Deserialize, Deserializer};
use serde_yaml::Value;

use crate::msg::msg;

/// A scalar that the site means as text even when YAML reads it as a number
/// (`cycle: 2025`, `id: 0142`).
#[derive(Debug, Clone, PartialEq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Text(s)),
            Value::Number(n) => Ok(Text(n.to_string())),
            Value::Bool(b) => Ok(Text(b.to_string())),
            Value::Null => Err(D::Error::custom(format!(
                "{}{}",
                crate::parse::OWN_MESSAGE,
                msg!(
                    "yaml_wrong_type",
                    found = msg!("yaml_found_nothing"),
                    expected = msg!("yaml_expected_text")
                )
            ))),
            _ => Err(D::Error::custom(format!(
                "{}{}",
                crate::parse::OWN_MESSAGE,
                msg!(
                    "yaml_wrong_type",
                    found = msg!("yaml_found_collection"),
                    expected = msg!("yaml_expected_text")
                )
            ))),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: Option<String>,
    pub description: Option<String>,
    pub base_url: Option<String>,
    pub language: Option<String>,
    pub facility: Option<RawFacility>,
    /// A mapping, kept as such because its order is the display order.
    pub skills: Option<serde_yaml::Mapping>,
    /// Added to the contract: which folder of `themes/` to use.
    pub theme: Option<String>,
    pub internal: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacility {
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub region: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPartner {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub logo: Option<String>,
    pub since: Option<String>,
    pub contributions: Option<Vec<String>>,
    pub internal: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgramme {
    pub title: Option<String>,
    pub kind: Option<String>,
    pub lead: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub stages: Option<Vec<RawStage>>,
    pub draft: Option<bool>,
    pub internal: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    pub name: Option<String>,
    pub date: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTraining {
    pub title: Option<String>,
    pub skill: Option<String>,
    pub cycle: Option<Text>,
    pub programme: Option<String>,
    pub partners: Option<Vec<String>>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub hours: Option<u32>,
    pub location: Option<String>,
    pub status: Option<String>,
    pub participants: Option<u32>,
    pub cost: Option<RawCost>,
    pub photos: Option<Vec<RawPhoto>>,
    pub draft: Option<bool>,
    pub internal: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCost {
    pub state_budget_idr: Option<u64>,
    pub partner_contribution_idr: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhoto {
    pub src: Option<String>,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub public: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub training: Option<String>,
    pub date: Option<String>,
    pub assessed: Option<u32>,
    pub certified: Option<u32>,
    pub certifier: Option<String>,
    pub products: Option<Vec<RawProduct>>,
    pub services: Option<Vec<RawService>>,
    pub evaluation: Option<RawEvaluation>,
    pub summary: Option<String>,
    pub internal: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    pub name: Option<String>,
    pub quantity: Option<u64>,
    pub unit_value_idr: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    pub name: Option<String>,
    pub quantity: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvaluation {
    pub pre_test_avg: Option<f64>,
    pub post_test_avg: Option<f64>,
    pub satisfaction: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoster {
    pub training: Option<String>,
    pub participants: Option<Vec<RawParticipant>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParticipant {
    pub id: Option<Text>,
    pub name: Option<String>,
    pub gender: Option<String>,
    pub birth_year: Option<u32>,
    pub attendance: Option<u32>,
    pub interest_score: Option<u32>,
    pub pre_test: Option<f64>,
    pub post_test: Option<f64>,
    pub certified: Option<bool>,
    pub certificate_no: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStory {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub programme: Option<String>,
    pub trainings: Option<Vec<String>>,
    pub partners: Option<Vec<String>>,
    pub tags: Option<Vec<String>>,
    pub cover: Option<RawPhoto>,
    pub draft: Option<bool>,
    pub internal: Option<Value>,
}
