//! The public part of the model: [`PublicModel`], the only input of the
//! public site, and the shapes in which it hands out records. Its fields are
//! private to this module, so nothing outside can reach past its accessors.

use super::*;

/// The public part of the content: the only input of the public site.
/// Drafts are left out and only `public` parts are reachable from here; a
/// planned training only as a [`PlannedTraining`] (contract rule 3). The
/// fields are private, so the public view sees the content only through the
/// accessors below, none of which returns an internal part.
///
/// A partner is handed out as its public part alone, so the public view
/// cannot name a partner's contact:
///
/// ```compile_fail,E0609
/// fn contact(m: rapor::model::PublicModel<'_>) {
///     let _ = &m.partners().next().unwrap().internal.contact;
/// }
/// ```
///
/// nor reach the whole records behind the accessors:
///
/// ```compile_fail,E0616
/// fn contact(m: rapor::model::PublicModel<'_>) {
///     let _ = &m.partners[0].internal.contact;
/// }
/// ```
///
/// and a planned training has no location, partners, body or photos to give:
///
/// ```compile_fail,E0609
/// fn location(m: rapor::model::PublicModel<'_>) {
///     let _ = &m.planned().next().unwrap().location;
/// }
/// ```
///
/// while what is public is there to use:
///
/// ```
/// fn shown(m: rapor::model::PublicModel<'_>) -> Vec<String> {
///     let partners = m.partners().map(|p| p.name.clone());
///     partners.chain(m.planned().map(|t| t.title.to_string())).collect()
/// }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct PublicModel<'a> {
    site: &'a SitePublic,
    partners: &'a [Partner],
    programmes: &'a [Programme],
    trainings: &'a [Training],
    outcomes: &'a [Outcome],
    stories: &'a [Story],
}

/// What the public site may know of a planned training: its title, skill
/// and dates (contract rule 3). No location, partners, programme, body,
/// hours, costs, headcount or photos: the public view cannot show what this
/// type does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedTraining<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub skill: &'a str,
    pub start: Date,
    pub end: Option<Date>,
}

impl<'a> PlannedTraining<'a> {
    fn of(t: &'a TrainingPublic) -> Self {
        PlannedTraining {
            id: &t.id,
            title: &t.title,
            skill: &t.skill,
            start: t.start,
            end: t.end,
        }
    }
}

/// A training as a view is given it: every public field, or on the public
/// site, for a planned training, the few a planned training shows.
#[derive(Debug, Clone, Copy)]
pub enum TrainingPart<'a> {
    /// The whole public part: a training that is ongoing or completed, or
    /// any training on the internal site.
    Full(&'a TrainingPublic),
    /// A planned training on the public site.
    Planned(PlannedTraining<'a>),
}

impl<'a> TrainingPart<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            TrainingPart::Full(t) => &t.id,
            TrainingPart::Planned(p) => p.id,
        }
    }

    pub fn title(&self) -> &'a str {
        match self {
            TrainingPart::Full(t) => &t.title,
            TrainingPart::Planned(p) => p.title,
        }
    }

    pub fn skill(&self) -> &'a str {
        match self {
            TrainingPart::Full(t) => &t.skill,
            TrainingPart::Planned(p) => p.skill,
        }
    }

    pub fn start(&self) -> Date {
        match self {
            TrainingPart::Full(t) => t.start,
            TrainingPart::Planned(p) => p.start,
        }
    }

    pub fn end(&self) -> Option<Date> {
        match self {
            TrainingPart::Full(t) => t.end,
            TrainingPart::Planned(p) => p.end,
        }
    }

    pub fn status(&self) -> Status {
        match self {
            TrainingPart::Full(t) => t.status,
            TrainingPart::Planned(_) => Status::Planned,
        }
    }

    /// The whole public part, when this view may show it.
    pub fn full(&self) -> Option<&'a TrainingPublic> {
        match self {
            TrainingPart::Full(t) => Some(t),
            TrainingPart::Planned(_) => None,
        }
    }
}

impl Model {
    pub fn public(&self) -> PublicModel<'_> {
        PublicModel {
            site: &self.site.public,
            partners: &self.partners,
            programmes: &self.programmes,
            trainings: &self.trainings,
            outcomes: &self.outcomes,
            stories: &self.stories,
        }
    }
}

/// Binary search in a vector sorted by id.
fn find<'a, T>(items: &'a [T], id: &str, key: impl Fn(&T) -> &String) -> Option<&'a T> {
    items
        .binary_search_by(|x| key(x).as_str().cmp(id))
        .ok()
        .map(|i| &items[i])
}

impl<'a> PublicModel<'a> {
    pub fn site(&self) -> &'a SitePublic {
        self.site
    }

    pub fn partners(&self) -> impl Iterator<Item = &'a PartnerPublic> + use<'a> {
        self.partners.iter().map(|p| &p.public)
    }

    pub fn partner(&self, id: &str) -> Option<&'a PartnerPublic> {
        find(self.partners, id, |p| &p.public.id).map(|p| &p.public)
    }

    pub fn programmes(&self) -> impl Iterator<Item = &'a ProgrammePublic> + use<'a> {
        self.programmes
            .iter()
            .filter(|p| !p.draft)
            .map(|p| &p.public)
    }

    /// Public trainings that are ongoing or completed: the ones that count.
    /// Planned trainings come only from [`PublicModel::planned`].
    pub fn trainings(&self) -> impl Iterator<Item = &'a TrainingPublic> + use<'a> {
        self.trainings
            .iter()
            .filter(|t| t.is_counted())
            .map(|t| &t.public)
    }

    /// Public trainings that are planned, as much as the public may see.
    pub fn planned(&self) -> impl Iterator<Item = PlannedTraining<'a>> + use<'a> {
        self.trainings
            .iter()
            .filter(|t| !t.draft && !t.public.is_counted())
            .map(|t| PlannedTraining::of(&t.public))
    }

    /// Outcomes of public trainings that are not planned.
    pub fn outcomes(&self) -> impl Iterator<Item = &'a OutcomePublic> + use<'a> {
        let trainings = self.trainings;
        self.outcomes.iter().map(|o| &o.public).filter(move |o| {
            find(trainings, &o.training, |t| &t.public.id).is_some_and(Training::is_counted)
        })
    }

    pub fn stories(&self) -> impl Iterator<Item = &'a StoryPublic> + use<'a> {
        self.stories.iter().filter(|s| !s.draft).map(|s| &s.public)
    }

    /// Every photo a public page may show: those cleared for publication of
    /// the trainings that count, of public stories, partners' logos and
    /// the facility's own, and the home page's photo.
    pub fn photos(&self) -> impl Iterator<Item = &'a Photo> + use<'a> {
        let trainings = self.trainings().flat_map(|t| &t.photos);
        let covers = self.stories().filter_map(|s| s.cover.as_ref());
        let logos = self.partners().filter_map(|p| p.logo.as_ref());
        let own = self.site.facility.logo.as_ref();
        let hero = self.site.hero.as_ref();
        trainings.chain(covers).chain(logos).chain(own).chain(hero)
    }
}
