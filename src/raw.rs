//! Raw records: the YAML of each record kind, as close to the text as
//! possible. Every field is optional here so that the model can report every
//! missing field at once, in its own words; unknown keys are refused by serde
//! (`deny_unknown_fields`), except under `internal:`, which is free-form.
//!
//! The JSON Schemas of `rapor schema` are derived from these types, so an
//! editor's completion and checks cannot drift from what the loader reads.
//! The `///` comments on fields are the descriptions an editor shows.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};
use serde_yaml::Value;

use crate::msg::msg;
use crate::vocab::{Gender, Lang, PartnerKind, StageStatus, Status};

mod facility;
mod fields;
mod publish;

pub use facility::{RawFacility, RawHead};
pub use fields::{FieldDef, PARTICIPANT_FIELDS, Sample, participant_field, participant_index};
pub use publish::{RawPublishTarget, SECRET_KEYS};

/// The dates the loader accepts: `YYYY-MM-DD` (it also checks the day exists).
pub const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// Record ids, as in the contract.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";

/// Schema transforms for fields that are plain strings to serde but have a
/// shape the model checks. They only narrow the string part of a schema, so
/// a blank value (`end:`), which the loader reads as absent, stays valid.
mod shape {
    use schemars::Schema;

    fn narrow(s: &mut Schema, key: &str, value: serde_json::Value) {
        s.insert(key.to_string(), value);
    }

    pub(super) fn date(s: &mut Schema) {
        narrow(s, "pattern", super::DATE_PATTERN.into());
        narrow(s, "format", "date".into());
    }

    pub(super) fn id(s: &mut Schema) {
        narrow(s, "pattern", super::ID_PATTERN.into());
    }

    pub(super) fn url(s: &mut Schema) {
        narrow(s, "pattern", "^https?://".into());
    }

    pub(super) fn skills(s: &mut Schema) {
        narrow(
            s,
            "propertyNames",
            serde_json::json!({ "pattern": super::ID_PATTERN }),
        );
        narrow(s, "minProperties", 1.into());
    }

    /// The range of numbers [`super::PARTICIPANT_FIELDS`] gives.
    pub(super) fn participant(s: &mut Schema) {
        let fields = super::PARTICIPANT_FIELDS;
        let Some(properties) = s
            .get_mut("properties")
            .and_then(serde_json::Value::as_object_mut)
        else {
            return;
        };
        for f in fields {
            if let (Some((min, max)), Some(p)) = (f.range, properties.get_mut(f.key))
                && let Some(p) = p.as_object_mut()
            {
                p.insert("minimum".to_string(), min.into());
                p.insert("maximum".to_string(), max.into());
            }
        }
    }

    pub(super) fn ids(s: &mut Schema) {
        narrow(
            s,
            "items",
            serde_json::json!({ "type": "string", "pattern": super::ID_PATTERN }),
        );
    }

    /// One of the model's keys (or nothing: the model's default).
    pub(super) fn choice<T: 'static>(
        keys: &'static [(&'static str, T)],
    ) -> impl FnMut(&mut Schema) {
        move |s: &mut Schema| {
            let mut values: Vec<serde_json::Value> =
                keys.iter().map(|(k, _)| (*k).into()).collect();
            values.push(serde_json::Value::Null);
            narrow(s, "enum", values.into());
        }
    }
}

/// A scalar that the site means as text even when YAML reads it as a number
/// (`cycle: 2025`, `id: 0142`).
#[derive(Debug, Clone, PartialEq)]
pub struct Text(pub String);

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Text; a number or true/false is read as text too.",
            "type": ["string", "number", "boolean"]
        })
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Text(s)),
            Value::Number(n) => Ok(Text(n.to_string())),
            Value::Bool(b) => Ok(Text(b.to_string())),
            other => {
                let found = if other.is_null() {
                    msg!("yaml_found_nothing")
                } else {
                    msg!("yaml_found_collection")
                };
                Err(D::Error::custom(format!(
                    "{}{}",
                    crate::yaml::OWN_MESSAGE,
                    msg!(
                        "yaml_wrong_type",
                        found = found,
                        expected = msg!("yaml_expected_text")
                    )
                )))
            }
        }
    }
}

/// Site settings: `content/site.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Site")]
pub struct RawSite {
    /// Required. The site's title, shown on every page.
    #[schemars(required)]
    pub title: Option<String>,
    /// One sentence about the site, for search engines and share cards.
    pub description: Option<String>,
    /// Required. The public site's address, e.g. https://example.org/ (canonical links, feeds, sitemap).
    #[schemars(required, transform = shape::url)]
    pub base_url: Option<String>,
    /// Language of the pages: id (Indonesian, the default) or en (English).
    #[schemars(transform = shape::choice(&Lang::ALL))]
    pub language: Option<String>,
    /// Required. The facility that keeps these records.
    #[schemars(required)]
    pub facility: Option<RawFacility>,
    /// The photo at the top of the home page (needs `public: true` to appear on the public site). Without it the home page shows the newest story's cover.
    pub hero: Option<RawPhoto>,
    /// Required. Skill key (lowercase letters, digits, dashes) -> label, in display order.
    // A mapping, kept as such because its order is the display order.
    #[schemars(required, with = "Option<std::collections::BTreeMap<String, Text>>", transform = shape::skills)]
    pub skills: Option<serde_yaml::Mapping>,
    /// The folder of `themes/` to use instead of the built-in theme.
    #[schemars(transform = shape::id)]
    pub theme: Option<String>,
    /// Settings of the internal site.
    #[schemars(with = "Option<SiteInternal>")]
    pub internal: Option<Value>,
    /// Where `rapor publish` uploads the site (passwords stay out of this file).
    pub publish: Option<Vec<RawPublishTarget>>,
}

// `internal:` of site.yaml, for the schema only: the loader reads `protect`
// and ignores other keys, as everywhere under `internal:`.
/// Settings of the internal site (shown to staff only).
#[derive(JsonSchema)]
#[allow(dead_code)]
struct SiteInternal {
    /// true (the default): the internal site is written only encrypted, with the passphrase from RAPOR_INTERNAL_PASSPHRASE. false writes it in plain files.
    protect: Option<bool>,
}

/// A partner organisation: `content/partners/<id>.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Partner")]
pub struct RawPartner {
    /// Required. The partner's official name.
    #[schemars(required)]
    pub name: Option<String>,
    /// The kind of organisation (default: other).
    #[schemars(transform = shape::choice(&PartnerKind::ALL))]
    pub kind: Option<String>,
    /// What the partner is and does (Markdown).
    pub description: Option<String>,
    /// The partner's website, starting with https://.
    #[schemars(transform = shape::url)]
    pub website: Option<String>,
    /// A logo image, relative to this file.
    pub logo: Option<String>,
    /// Partner since (YYYY-MM-DD).
    #[schemars(transform = shape::date)]
    pub since: Option<String>,
    /// What the partner gives, in free words: instructors, materials, equipment, certification, venue, marketing, funding.
    pub contributions: Option<Vec<String>>,
    /// Internal only: contact, agreement and notes, shown on the internal site only.
    #[schemars(with = "Option<PartnerInternal>")]
    pub internal: Option<Value>,
}

// `internal:` of a partner, for the schema only: free-form, with the keys
// the internal site shows in their own places.
/// Internal only: contact, agreement and notes.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct PartnerInternal {
    /// The contact person.
    contact: Option<Contact>,
    /// The cooperation agreement (MoU / PKS).
    agreement: Option<Agreement>,
    /// Free text for staff.
    notes: Option<serde_json::Value>,
}

/// The contact person.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct Contact {
    name: Option<String>,
    phone: Option<Text>,
    email: Option<String>,
}

/// The cooperation agreement (MoU / PKS).
#[derive(JsonSchema)]
#[allow(dead_code)]
struct Agreement {
    /// The agreement's number.
    number: Option<Text>,
    /// Date signed (YYYY-MM-DD).
    #[schemars(transform = shape::date)]
    signed: Option<String>,
    /// Date it expires (YYYY-MM-DD).
    #[schemars(transform = shape::date)]
    expires: Option<String>,
}

/// A programme (change project): the front matter of `content/programmes/<id>.md`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Programme")]
pub struct RawProgramme {
    /// Required. The programme's title.
    #[schemars(required)]
    pub title: Option<String>,
    /// The kind of programme, e.g. Aksi Perubahan PKA.
    pub kind: Option<String>,
    /// Who leads it.
    pub lead: Option<String>,
    /// First day (YYYY-MM-DD).
    #[schemars(transform = shape::date)]
    pub start: Option<String>,
    /// Last day (YYYY-MM-DD).
    #[schemars(transform = shape::date)]
    pub end: Option<String>,
    /// The programme's stages, in order.
    pub stages: Option<Vec<RawStage>>,
    /// true: shown on the internal site only.
    pub draft: Option<bool>,
    /// Internal only: free-form notes for staff.
    #[schemars(with = "Option<serde_json::Value>")]
    pub internal: Option<Value>,
}

/// One stage of a programme.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Stage")]
pub struct RawStage {
    /// Required. What the stage is.
    #[schemars(required)]
    pub name: Option<String>,
    /// When (YYYY-MM-DD).
    #[schemars(transform = shape::date)]
    pub date: Option<String>,
    /// done, doing or todo (the default).
    #[schemars(transform = shape::choice(&StageStatus::ALL))]
    pub status: Option<String>,
}

/// A training: the front matter of `content/trainings/<id>.md` (or `<id>/index.md`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Training")]
pub struct RawTraining {
    /// Required. The training's title.
    #[schemars(required)]
    pub title: Option<String>,
    /// Required. A key of `skills` in site.yaml.
    #[schemars(required, transform = shape::id)]
    pub skill: Option<String>,
    /// Required. The cycle, e.g. 2025-2; cycles sort as text.
    #[schemars(required)]
    pub cycle: Option<Text>,
    /// The id of the programme that organises it (a file in programmes/).
    #[schemars(transform = shape::id)]
    pub programme: Option<String>,
    /// Partner ids (files in partners/).
    #[schemars(transform = shape::ids)]
    pub partners: Option<Vec<String>>,
    /// Required. First day (YYYY-MM-DD).
    #[schemars(required, transform = shape::date)]
    pub start: Option<String>,
    /// Last day (YYYY-MM-DD); required unless status is planned.
    #[schemars(transform = shape::date)]
    pub end: Option<String>,
    /// Training hours.
    pub hours: Option<u32>,
    /// Where it takes place.
    pub location: Option<String>,
    /// planned, ongoing or completed. A planned training is shown publicly without participants.
    #[schemars(transform = shape::choice(&Status::ALL))]
    pub status: Option<String>,
    /// Headcount; required when there is no roster, and equal to the roster's size when there is one.
    pub participants: Option<u32>,
    /// Costs in whole rupiah.
    pub cost: Option<RawCost>,
    /// Photos, relative to this file.
    pub photos: Option<Vec<RawPhoto>>,
    /// true: shown on the internal site only.
    pub draft: Option<bool>,
    /// Internal only: free-form notes for staff.
    #[schemars(with = "Option<serde_json::Value>")]
    pub internal: Option<Value>,
}

/// Costs in whole rupiah.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Cost")]
pub struct RawCost {
    /// Paid from the state budget (rupiah).
    pub state_budget_idr: Option<u64>,
    /// Given by partners (rupiah).
    pub partner_contribution_idr: Option<u64>,
}

/// A photo, relative to the file that names it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Photo")]
pub struct RawPhoto {
    /// Required. The image file, relative to this file (e.g. barbershop-1.jpg).
    #[schemars(required)]
    pub src: Option<String>,
    /// What the photo shows, for readers who cannot see it.
    pub alt: Option<String>,
    /// Text shown under the photo.
    pub caption: Option<String>,
    /// true only when consent for publication has been given; otherwise the photo is internal.
    pub public: Option<bool>,
}

/// What a training produced: `content/outcomes/<id>.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Outcome")]
pub struct RawOutcome {
    /// Required. The training's id.
    #[schemars(required, transform = shape::id)]
    pub training: Option<String>,
    /// Required. Date of the assessment (YYYY-MM-DD).
    #[schemars(required, transform = shape::date)]
    pub date: Option<String>,
    /// Participants assessed.
    pub assessed: Option<u32>,
    /// Competency certificates issued (at most `assessed`).
    pub certified: Option<u32>,
    /// The partner id of the certifier.
    #[schemars(transform = shape::id)]
    pub certifier: Option<String>,
    /// Things made.
    pub products: Option<Vec<RawProduct>>,
    /// Services given.
    pub services: Option<Vec<RawService>>,
    /// Test averages and satisfaction.
    pub evaluation: Option<RawEvaluation>,
    /// What came of the training (Markdown).
    pub summary: Option<String>,
    /// Internal only: free-form notes for staff.
    #[schemars(with = "Option<serde_json::Value>")]
    pub internal: Option<Value>,
}

/// A kind of thing made.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Product")]
pub struct RawProduct {
    /// Required. What it is.
    #[schemars(required)]
    pub name: Option<String>,
    /// How many.
    pub quantity: Option<u64>,
    /// Value of one, in whole rupiah.
    pub unit_value_idr: Option<u64>,
}

/// A kind of service given.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Service")]
pub struct RawService {
    /// Required. What it is.
    #[schemars(required)]
    pub name: Option<String>,
    /// How many times.
    pub quantity: Option<u64>,
}

/// Test averages and satisfaction.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Evaluation")]
pub struct RawEvaluation {
    /// Average pre-test score, 0 to 100.
    #[schemars(range(min = 0, max = 100))]
    pub pre_test_avg: Option<f64>,
    /// Average post-test score, 0 to 100.
    #[schemars(range(min = 0, max = 100))]
    pub post_test_avg: Option<f64>,
    /// Average satisfaction, 1 to 5.
    #[schemars(range(min = 1, max = 5))]
    pub satisfaction: Option<f64>,
}

/// INTERNAL. The participants of one training: `content/internal/rosters/<training-id>.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Roster")]
pub struct RawRoster {
    /// Required. The training's id; equals this file's name.
    #[schemars(required, transform = shape::id)]
    pub training: Option<String>,
    /// Required. One entry per participant.
    #[schemars(required)]
    pub participants: Option<Vec<RawParticipant>>,
}

// The ranges of numbers and the import's column headers come from
// PARTICIPANT_FIELDS; `required` stays an attribute (it also makes the
// field's schema non-null), and a test holds it to the table's.
/// One participant of a roster.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Participant", transform = shape::participant)]
pub struct RawParticipant {
    /// Required. The registration number, unique within the roster.
    #[schemars(required)]
    pub id: Option<Text>,
    /// Required. Full name.
    #[schemars(required)]
    pub name: Option<String>,
    /// m (male) or f (female).
    #[schemars(transform = shape::choice(&Gender::ALL))]
    pub gender: Option<String>,
    /// Year of birth.
    pub birth_year: Option<u32>,
    /// Sessions attended.
    pub attendance: Option<u32>,
    /// Interest assessment, 1 to 5.
    pub interest_score: Option<u32>,
    /// Pre-test score, 0 to 100.
    pub pre_test: Option<f64>,
    /// Post-test score, 0 to 100.
    pub post_test: Option<f64>,
    /// true when certified competent.
    pub certified: Option<bool>,
    /// Certificate number, only when certified is true.
    pub certificate_no: Option<Text>,
}

/// A news item: the front matter of `content/stories/<id>.md` (or `<id>/index.md`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Story")]
pub struct RawStory {
    /// Required. The headline.
    #[schemars(required)]
    pub title: Option<String>,
    /// Required. Date of the story (YYYY-MM-DD).
    #[schemars(required, transform = shape::date)]
    pub date: Option<String>,
    /// Shown as the reporter.
    pub author: Option<String>,
    /// One or two sentences.
    pub summary: Option<String>,
    /// A programme id.
    #[schemars(transform = shape::id)]
    pub programme: Option<String>,
    /// Training ids.
    #[schemars(transform = shape::ids)]
    pub trainings: Option<Vec<String>>,
    /// Partner ids.
    #[schemars(transform = shape::ids)]
    pub partners: Option<Vec<String>>,
    /// Tags, free words.
    pub tags: Option<Vec<String>>,
    /// The cover photo, relative to this file.
    pub cover: Option<RawPhoto>,
    /// true: shown on the internal site only.
    pub draft: Option<bool>,
    /// Internal only: free-form notes for staff.
    #[schemars(with = "Option<serde_json::Value>")]
    pub internal: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field added to `RawParticipant` but not to the table would be
    /// refused by the importer's headers and missing from `rapor new roster`.
    #[test]
    fn the_participant_table_lists_exactly_the_fields_of_raw_participant() {
        let schema = schemars::schema_for!(RawParticipant).to_value();
        let properties: Vec<&str> = schema
            .get("properties")
            .and_then(|p| p.as_object())
            .expect("a participant's schema has properties")
            .keys()
            .map(String::as_str)
            .collect();
        let mut keys: Vec<&str> = PARTICIPANT_FIELDS.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        assert_eq!(properties, keys);
        let required: Vec<&str> = PARTICIPANT_FIELDS
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key)
            .collect();
        assert_eq!(schema["required"], serde_json::json!(required));
        assert_eq!(schema["properties"]["birth_year"]["maximum"], 2100);
        assert_eq!(schema["properties"]["pre_test"]["minimum"], 0);
    }
}
