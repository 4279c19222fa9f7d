//! Pieces the portal's pages share: links, rows of figures and trainings
//! as a facility's page and a partner's page list them. Pure: no I/O.

use serde::Serialize;

use super::facility::Loaded;
use crate::i18n::{self, label};
use crate::model::{SitePublic, TrainingPublic};
use crate::text::slugify;
use crate::vocab::{Lang, Status};

/// A link: its text and its address (relative to the portal's root, or
/// absolute to a facility's own site).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// One row of a table of figures: what it names, and the figures written out.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub link: Link,
    /// The region, on rows of facilities.
    pub region: Option<Link>,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingItem {
    pub title: String,
    /// On the facility's own site, when the portal knows its address.
    pub url: Option<String>,
    pub skill: String,
    pub dates: String,
    pub status: &'static str,
    pub status_label: String,
    pub participants: Option<String>,
}

/// A training's status: its key (for the badge's class) and its label.
pub fn status(lang: Lang, s: Status) -> (&'static str, String) {
    match s {
        Status::Planned => ("planned", label(lang, "status_planned")),
        Status::Ongoing => ("ongoing", label(lang, "status_ongoing")),
        Status::Completed => ("completed", label(lang, "status_completed")),
    }
}

/// A training that counts, as a facility's page and a partner's list it.
pub fn training_item(
    t: &TrainingPublic,
    lang: Lang,
    on_own: &dyn Fn(String) -> Option<String>,
    skill_label: &dyn Fn(&str) -> String,
) -> TrainingItem {
    let (key, word) = status(lang, t.status);
    TrainingItem {
        title: t.title.clone(),
        url: on_own(format!("trainings/{}/", t.id)),
        skill: skill_label(&t.skill),
        dates: i18n::date_range(lang, t.start, t.end),
        status: key,
        status_label: word,
        participants: Some(i18n::number(lang, u64::from(t.headcount))),
    }
}

/// The facility's own public site: `url` in `portal.yaml`, else its
/// `base_url`; ends with `/`.
pub fn own_site(f: &Loaded) -> String {
    f.entry
        .url
        .clone()
        .unwrap_or_else(|| f.model.site.public.base_url.clone())
}

/// The label a facility's `site.yaml` gives a skill (the key when none).
pub fn skill_label(site: &SitePublic, key: &str) -> String {
    site.skills
        .iter()
        .find(|(k, _)| k == key)
        .map_or_else(|| key.to_string(), |(_, l)| l.clone())
}

pub fn facility_url(id: &str) -> String {
    format!("facilities/{id}/")
}

pub fn region_url(region: &str) -> String {
    format!("regions/{}/", slugify(region))
}

pub fn skill_url(key: &str) -> String {
    format!("skills/{}/", slugify(key))
}
