//! The shapes templates are given: cards, pages and figures, already
//! formatted for the site's language, and the [`Catalog`] of public parts
//! views are built from. No internal field exists in any of these types.

use std::sync::Arc;

use serde::Serialize;

use crate::markdown::Later;
use crate::markdown::memo::Memo;
use crate::model::{
    OutcomePublic, PartnerPublic, ProgrammePublic, SitePublic, StoryPublic, TrainingPart,
};
use crate::vocab::Lang;

#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: Option<String>,
    pub facility_name: String,
    pub facility_short: String,
    pub region: Option<String>,
    pub base_url: String,
    pub lang: Lang,
    /// The facility's identity (all optional): the header's logo, the
    /// footer's contacts, the report's letterhead and signature.
    pub logo: Option<PhotoView>,
    pub parent: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// Social media accounts: `title` the network, `url` the address.
    pub social: Vec<Link>,
    pub head: Option<HeadView>,
    /// Where the report is signed: `signing_place`, else the region.
    pub signing_place: Option<String>,
}

/// Who signs the report.
#[derive(Debug, Clone, Serialize)]
pub struct HeadView {
    pub name: String,
    pub title: String,
    pub nip: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Relative to the site root, e.g. `trainings/x/`.
    pub url: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhotoView {
    /// The default rendition (for browsers without `srcset`), relative to the
    /// site root, e.g. `media/ab12-960.jpg`.
    pub src: String,
    /// Size of the largest rendition: gives the browser the aspect ratio.
    pub width: u32,
    pub height: u32,
    /// Every rendition, narrowest first, for `srcset`.
    pub srcset: Vec<Source>,
    /// The same renditions as WebP, for `<picture>`'s `<source>`; empty
    /// when WebP is not smaller.
    pub webp: Vec<Source>,
    /// The widest rendition, which a click on the photo opens.
    pub large: Source,
    pub alt: String,
    pub caption: Option<String>,
    pub public: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingCard {
    pub id: String,
    pub url: String,
    pub title: String,
    pub skill: String,
    pub skill_label: String,
    /// Absent for a planned training on the public site.
    pub cycle: Option<String>,
    pub status: &'static str,
    pub status_label: String,
    pub dates: String,
    /// Formatted headcount; absent for a planned training on the public site.
    pub headcount: Option<String>,
    pub draft: bool,
    pub thumb: Option<PhotoView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingView {
    #[serde(flatten)]
    pub card: TrainingCard,
    pub planned: bool,
    pub location: Option<String>,
    pub hours: Option<String>,
    pub state_budget: Option<String>,
    pub partner_contribution: Option<String>,
    pub partners: Vec<Link>,
    pub programme: Option<Link>,
    pub photos: Vec<PhotoView>,
    pub body_html: Arc<str>,
    pub outcomes: Vec<OutcomeView>,
    pub stories: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    pub date: String,
    pub assessed: String,
    pub certified: String,
    pub certifier: Option<Link>,
    pub products: Vec<ProductRow>,
    pub services: Vec<ServiceRow>,
    pub evaluation: Option<EvaluationView>,
    pub summary_html: Option<Arc<str>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductRow {
    pub name: String,
    pub quantity: String,
    pub unit_value: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceRow {
    pub name: String,
    pub quantity: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    pub pre_test_avg: Option<String>,
    pub post_test_avg: Option<String>,
    pub satisfaction: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerCard {
    pub id: String,
    pub url: String,
    pub name: String,
    pub kind_label: String,
    pub logo: Option<PhotoView>,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerView {
    #[serde(flatten)]
    pub card: PartnerCard,
    pub description_html: Option<Arc<str>>,
    pub website: Option<String>,
    pub since: Option<String>,
    pub contributions: Vec<String>,
    pub trainings: Vec<Link>,
    pub stories: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoryCard {
    pub id: String,
    pub url: String,
    pub title: String,
    pub date: String,
    /// ISO date for `<time datetime>`.
    pub date_iso: String,
    pub summary: String,
    pub author: Option<String>,
    pub cover: Option<PhotoView>,
    /// The 1200×630 crop of the cover, for social cards.
    pub card: Option<Source>,
    pub draft: bool,
}

/// The top of the home page: its photo and the way to the news.
#[derive(Debug, Clone, Serialize)]
pub struct HeroView {
    /// `hero:` of site.yaml, else the cover of the newest story that has one.
    pub photo: Option<PhotoView>,
    /// The story the photo is the cover of.
    pub photo_story: Option<Link>,
    /// The newest story.
    pub latest: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    #[serde(flatten)]
    pub card: StoryCard,
    /// Rendered with the page, not before.
    pub body_html: Later,
    pub trainings: Vec<Link>,
    pub partners: Vec<Link>,
    pub programme: Option<Link>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeView {
    pub id: String,
    pub url: String,
    pub title: String,
    pub kind: Option<String>,
    pub lead: Option<String>,
    pub period: Option<String>,
    pub stages: Vec<StageView>,
    pub body_html: Arc<str>,
    pub trainings: Vec<Link>,
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    pub name: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub status: &'static str,
    pub status_label: String,
}

/// One headline figure.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub key: &'static str,
    pub label: String,
    pub value: String,
}

/// Partner contribution beside the state budget: the figures, and a chart of
/// them ("" when both are zero).
#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
    pub partner: String,
    pub state: String,
    pub chart: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub url: Option<String>,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactView {
    pub figures: Vec<Figure>,
    pub budget: BudgetView,
    pub charts: ChartsView,
    pub by_skill: Vec<Row>,
    pub by_cycle: Vec<Row>,
    pub by_partner: Vec<Row>,
}

/// The impact charts as inline SVG ("" when there is nothing to draw).
#[derive(Debug, Clone, Serialize)]
pub struct ChartsView {
    pub by_skill: String,
    pub by_cycle: String,
}

/// One photo of the photo page, with the record it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct GalleryItem {
    pub photo: PhotoView,
    pub link: Link,
}

/// The public parts a view is built from. `draft` flags travel beside the
/// parts: the public catalog simply holds no drafts, and holds its planned
/// trainings as [`TrainingPart::Planned`] (title, skill and dates).
pub struct Catalog<'a> {
    pub site: &'a SitePublic,
    /// Markdown rendering, remembered between `serve` rebuilds.
    pub md: &'a Memo,
    pub partners: Vec<&'a PartnerPublic>,
    pub programmes: Vec<(&'a ProgrammePublic, bool)>,
    pub trainings: Vec<(TrainingPart<'a>, bool)>,
    pub outcomes: Vec<&'a OutcomePublic>,
    pub stories: Vec<(&'a StoryPublic, bool)>,
}
