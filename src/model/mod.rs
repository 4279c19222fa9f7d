//! Model stage: validated, typed records with ids resolved.
//!
//! Every record keeps its public part and its internal part in separate
//! fields. `view::public` is built from [`Model::public`], which hands out the
//! public parts alone, so internal data cannot reach the public site by
//! accident. No I/O happens here: `build` turns loaded text into a model.

mod build;
mod check;
mod facility;
mod public;
mod publish;
mod records;
mod roster;
mod story;

use std::path::PathBuf;
use std::sync::Arc;

pub use build::{ParseMemo, build_with};
pub use jiff::civil::Date;
pub use public::{PlannedTraining, PublicModel, TrainingPart};
pub use publish::PublishTarget;

use crate::diag::Pos;
pub use crate::markdown::Body;
use crate::parse::{Seg, Spans};
use crate::text::Shared;
use crate::vocab::{Gender, Lang, PartnerKind, StageStatus, Status};
use crate::yaml::Step;

/// Where a record came from, to report problems found after parsing.
#[derive(Debug, Clone)]
pub struct SrcRef {
    pub path: PathBuf,
    /// The tree of the YAML, while its record is checked; a record kept in
    /// the model keeps only the text and reads it again to place a later
    /// error (the tree is several times the text: at 100,000 records the
    /// trees of the trainings, outcomes and rosters were some 280 MB).
    spans: Option<Spans>,
    yaml: Shared,
    /// Lines of the YAML text.
    yaml_lines: usize,
    line_offset: usize,
    /// Fields that failed to decode and were reported then: the model does
    /// not report them again as missing.
    failed: Arc<[Vec<Step>]>,
}

impl SrcRef {
    pub fn new(path: PathBuf, yaml: Shared, line_offset: usize, spans: Spans) -> Self {
        SrcRef {
            path,
            spans: Some(spans),
            yaml_lines: yaml.matches('\n').count(),
            yaml,
            line_offset,
            failed: Arc::from(Vec::new()),
        }
    }

    /// Marks the fields that failed to decode (see [`SrcRef::failed`]).
    pub fn with_failed(mut self, failed: Vec<Vec<Step>>) -> Self {
        self.failed = failed.into();
        self
    }

    /// Whether the top-level field `field` failed to decode, and so was
    /// reported already.
    pub fn failed(&self, field: &str) -> bool {
        self.failed
            .iter()
            .any(|p| matches!(p.first(), Some(Step::Key(k)) if k == field))
    }

    /// The line of the file where a Markdown record's body begins.
    pub fn body_line(&self) -> usize {
        self.line_offset + self.yaml_lines + 2
    }

    /// The same reference, for a record that the model keeps: without the
    /// tree.
    pub fn kept(&self) -> Self {
        SrcRef {
            spans: None,
            ..self.clone()
        }
    }

    /// The place of a field in the file, or the record's first line.
    pub fn pos(&self, path: &[Seg]) -> Pos {
        let found = match &self.spans {
            Some(spans) => spans.pos(path),
            None => Spans::of(&self.yaml).pos(path),
        };
        match found {
            Some(p) => Pos::new(p.line + self.line_offset, p.col),
            None => Pos::new(self.line_offset + 1, 1),
        }
    }
}

/// site.yaml.
#[derive(Debug, Clone)]
pub struct Site {
    pub public: SitePublic,
    /// `internal.protect`: whether the internal site must be encrypted.
    pub protect: bool,
    /// `publish:`: where `rapor publish` uploads to (never part of a page).
    pub publish: Vec<PublishTarget>,
}

#[derive(Debug, Clone)]
pub struct SitePublic {
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: Lang,
    pub facility: Facility,
    /// `hero:`, the home page's photo; only when cleared for publication.
    pub hero: Option<Photo>,
    /// Skill key -> label, in display order.
    pub skills: Vec<(String, String)>,
    pub theme: String,
}

#[derive(Debug, Clone, Default)]
pub struct Facility {
    pub name: String,
    pub short_name: Option<String>,
    pub region: Option<String>,
    /// The facility's own mark: always published.
    pub logo: Option<Photo>,
    pub parent: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// (network, address), in the order written.
    pub social: Vec<(String, String)>,
    pub head: Option<Head>,
    pub signing_place: Option<String>,
}

/// Who signs the facility's reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub name: String,
    pub title: String,
    pub nip: Option<String>,
}

/// A photo named by a record, path resolved relative to `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// `/`-separated path relative to `content/`.
    pub path: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub public: bool,
    /// Where the record names it, for messages about the photo's uses.
    pub named_at: NamedAt,
}

/// The place of a field in a content file: file, line and column, and the
/// field's name as written (`photos[2]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedAt {
    pub file: PathBuf,
    pub pos: Pos,
    pub field: String,
}

impl std::fmt::Display for NamedAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let NamedAt { file, pos, field } = self;
        write!(f, "{}:{}:{} `{field}`", file.display(), pos.line, pos.col)
    }
}

/// Free-form `internal:` data, flattened to labelled text for display.
pub type Notes = Vec<(String, String)>;

#[derive(Debug, Clone)]
pub struct Partner {
    pub public: PartnerPublic,
    pub internal: PartnerInternal,
}

#[derive(Debug, Clone)]
pub struct PartnerPublic {
    pub id: String,
    pub name: String,
    pub kind: PartnerKind,
    pub description_md: Option<String>,
    pub website: Option<String>,
    /// A logo is published: it is the partner's own public mark.
    pub logo: Option<Photo>,
    pub since: Option<Date>,
    pub contributions: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PartnerInternal {
    pub contact: Option<Contact>,
    pub agreement: Option<Agreement>,
    pub notes: Notes,
}

#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Agreement {
    pub number: Option<String>,
    pub signed: Option<Date>,
    pub expires: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Programme {
    pub draft: bool,
    pub public: ProgrammePublic,
    pub internal: Notes,
}

#[derive(Debug, Clone)]
pub struct ProgrammePublic {
    pub id: String,
    pub title: String,
    pub kind: Option<String>,
    pub lead: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub stages: Vec<Stage>,
    pub body_md: Body,
}

#[derive(Debug, Clone)]
pub struct Stage {
    pub name: String,
    pub date: Option<Date>,
    pub status: StageStatus,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cost {
    pub state_budget_idr: u64,
    pub partner_contribution_idr: u64,
}

#[derive(Debug, Clone)]
pub struct Training {
    pub src: SrcRef,
    pub draft: bool,
    pub public: TrainingPublic,
    pub internal: TrainingInternal,
}

impl Training {
    /// Counted for the impact statistics (contract: not a draft, and ongoing or completed).
    pub fn is_counted(&self) -> bool {
        !self.draft && self.public.is_counted()
    }
}

#[derive(Debug, Clone)]
pub struct TrainingPublic {
    pub id: String,
    pub title: String,
    pub skill: String,
    pub cycle: String,
    pub programme: Option<String>,
    pub partners: Vec<String>,
    pub start: Date,
    pub end: Option<Date>,
    pub hours: u32,
    pub location: Option<String>,
    pub status: Status,
    /// The number of participants: the roster's entries when there is a
    /// roster, else `participants`. A count, never an identity.
    pub headcount: u32,
    pub cost: Cost,
    /// Photos cleared for publication (`public: true`) only.
    pub photos: Vec<Photo>,
    pub body_md: Body,
}

impl TrainingPublic {
    pub fn is_counted(&self) -> bool {
        self.status != Status::Planned
    }
}

#[derive(Debug, Clone, Default)]
pub struct TrainingInternal {
    /// Photos without consent for publication.
    pub private_photos: Vec<Photo>,
    pub notes: Notes,
    pub roster: Option<Roster>,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub src: SrcRef,
    pub public: OutcomePublic,
    pub internal: Notes,
}

#[derive(Debug, Clone)]
pub struct OutcomePublic {
    pub id: String,
    pub training: String,
    pub date: Date,
    pub assessed: u32,
    pub certified: u32,
    pub certifier: Option<String>,
    pub products: Vec<Product>,
    pub services: Vec<Service>,
    pub evaluation: Option<Evaluation>,
    pub summary_md: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Product {
    pub name: String,
    pub quantity: u64,
    pub unit_value_idr: u64,
}

impl Product {
    /// quantity × unit value; the model has checked that it fits.
    pub fn value_idr(&self) -> u64 {
        self.quantity.saturating_mul(self.unit_value_idr)
    }
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub quantity: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evaluation {
    pub pre_test_avg: Option<f64>,
    pub post_test_avg: Option<f64>,
    pub satisfaction: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Roster {
    pub src: SrcRef,
    pub participants: Vec<Participant>,
}

#[derive(Debug, Clone)]
pub struct Participant {
    pub id: String,
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_year: Option<u32>,
    pub attendance: Option<u32>,
    pub interest_score: Option<u32>,
    pub pre_test: Option<f64>,
    pub post_test: Option<f64>,
    pub certified: bool,
    pub certificate_no: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Story {
    pub draft: bool,
    pub public: StoryPublic,
    pub internal: StoryInternal,
}

#[derive(Debug, Clone)]
pub struct StoryPublic {
    pub id: String,
    pub title: String,
    pub date: Date,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub programme: Option<String>,
    pub trainings: Vec<String>,
    pub partners: Vec<String>,
    pub tags: Vec<String>,
    /// The cover, only when cleared for publication.
    pub cover: Option<Photo>,
    pub body_md: Body,
}

#[derive(Debug, Clone, Default)]
pub struct StoryInternal {
    /// A cover without consent for publication.
    pub private_cover: Option<Photo>,
    pub notes: Notes,
}

/// The whole validated site. Vectors are sorted by id.
#[derive(Debug, Clone)]
pub struct Model {
    pub site: Site,
    pub partners: Vec<Partner>,
    pub programmes: Vec<Programme>,
    pub trainings: Vec<Training>,
    pub outcomes: Vec<Outcome>,
    pub stories: Vec<Story>,
}
