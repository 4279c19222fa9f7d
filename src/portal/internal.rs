//! What the internal portal adds to a facility's page: what the facility's
//! own internal site shows of it (roster figures, what needs attention,
//! internal notes, partners' contacts and agreements), taken from that
//! site's own internal view ([`crate::view::internal`]) so that the portal
//! shows the same things the same way. Built only when `portal.yaml` asks
//! for an internal portal; the public pages have no place for any of it.
//! Pure: no I/O.

use std::collections::BTreeMap;

use serde::Serialize;

use super::facility::Loaded;
use crate::markdown::memo::Memo;
use crate::pipeline::as_of;
use crate::view::Figure;
use crate::view::internal::{self, AgreementView, ContactView, Note};

/// One facility's internal part of its portal page.
#[derive(Debug, Clone, Serialize)]
pub struct FacilityInternal {
    /// The date agreements are judged against, written out.
    pub as_of: String,
    pub roster_figures: Vec<Figure>,
    pub attention: Vec<Titled>,
    /// Trainings, stories and programmes with internal notes, each with them.
    pub notes: Vec<Noted>,
    pub partners: Vec<PartnerInternal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Titled {
    pub title: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Noted {
    pub title: String,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerInternal {
    pub name: String,
    pub contact: Option<ContactView>,
    pub agreement: Option<AgreementView>,
    pub notes: Vec<Note>,
}

/// The internal part of each facility's page, by its id in the portal.
pub fn build(loaded: &[Loaded]) -> BTreeMap<String, FacilityInternal> {
    loaded
        .iter()
        .map(|f| (f.entry.id.clone(), facility(f)))
        .collect()
}

fn facility(f: &Loaded) -> FacilityInternal {
    let model = &f.model;
    let md = Memo::on();
    let site = internal::build(model, &f.photos, as_of(model), &md);
    let title_of = |kind: &str, id: &str| -> String {
        let found = match kind {
            "training" => model
                .trainings
                .iter()
                .find(|t| t.public.id == id)
                .map(|t| t.public.title.clone()),
            "story" => model
                .stories
                .iter()
                .find(|s| s.public.id == id)
                .map(|s| s.public.title.clone()),
            _ => model
                .programmes
                .iter()
                .find(|p| p.public.id == id)
                .map(|p| p.public.title.clone()),
        };
        found.unwrap_or_else(|| id.to_string())
    };
    let mut notes = Vec::new();
    for (id, t) in &site.trainings {
        let all: Vec<Note> = t.notes.iter().chain(&t.outcome_notes).cloned().collect();
        if !all.is_empty() {
            notes.push(Noted {
                title: title_of("training", id),
                notes: all,
            });
        }
    }
    for (kind, extras) in [("story", &site.stories), ("programme", &site.programmes)] {
        for (id, s) in extras.iter().filter(|(_, s)| !s.notes.is_empty()) {
            notes.push(Noted {
                title: title_of(kind, id),
                notes: s.notes.clone(),
            });
        }
    }
    let partners = model
        .partners
        .iter()
        .filter_map(|p| {
            let extra = site.partners.get(&p.public.id)?;
            let shown = extra.contact.is_some() || extra.agreement.is_some();
            (shown || !extra.notes.is_empty()).then(|| PartnerInternal {
                name: p.public.name.clone(),
                contact: extra.contact.clone(),
                agreement: extra.agreement.clone(),
                notes: extra.notes.clone(),
            })
        })
        .collect();
    FacilityInternal {
        as_of: site.home.as_of.clone(),
        roster_figures: site.home.roster_figures.clone(),
        attention: site
            .home
            .attention
            .iter()
            .map(|a| Titled {
                title: a.link.title.clone(),
                note: a.note.clone(),
            })
            .collect(),
        notes,
        partners,
    }
}
