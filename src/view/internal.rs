//! The internal view: everything, for staff. The public-shaped views of all
//! records (drafts included and flagged) plus, in types of their own, the
//! internal parts: rosters, partner contacts and agreements, notes and photos
//! without consent.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::photo::{add_photo, photo_view};
use super::site::{SiteViews, media_of};
use super::types::{Catalog, Figure, Link, PhotoView};
use super::urls::{partner_url, programme_url, story_url, training_url};
use crate::i18n::{self, label};
use crate::markdown::memo::Memo;
use crate::model::{Date, Model, Notes, Participant, Partner, TrainingPart};
use crate::photos::PhotoMap;
use crate::stats::{self, InternalStats, RosterStats};
use crate::vocab::{Gender, Lang, Status};

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParticipantRow {
    pub id: String,
    pub name: String,
    pub gender: Option<String>,
    pub birth_year: Option<String>,
    pub attendance: Option<String>,
    pub interest_score: Option<String>,
    pub pre_test: Option<String>,
    pub post_test: Option<String>,
    pub certified: bool,
    pub certificate_no: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingExtra {
    pub roster: Vec<ParticipantRow>,
    pub roster_figures: Vec<Figure>,
    pub private_photos: Vec<PhotoView>,
    pub notes: Vec<Note>,
    /// Internal notes of the training's outcomes.
    pub outcome_notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementView {
    pub number: Option<String>,
    pub signed: Option<String>,
    pub expires: Option<String>,
    /// `ok`, `expiring` (within 90 days of the as-of date) or `expired`.
    pub state: &'static str,
    pub state_label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerExtra {
    pub contact: Option<ContactView>,
    pub agreement: Option<AgreementView>,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotesExtra {
    pub notes: Vec<Note>,
    pub private_photos: Vec<PhotoView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttentionItem {
    pub link: Link,
    pub note: String,
}

/// The home page's "needs attention" list and roster figures.
#[derive(Debug, Clone, Serialize)]
pub struct HomeExtra {
    pub as_of: String,
    pub attention: Vec<AttentionItem>,
    pub roster_figures: Vec<Figure>,
    /// The report's roster summary: column labels, then one row per training
    /// with a roster.
    pub roster_columns: Vec<String>,
    pub roster_rows: Vec<RosterRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterRow {
    pub link: Link,
    /// One cell per column; "–" where the roster has no such figure.
    pub cells: Vec<String>,
}

/// Everything the internal site shows. Only [`build`] makes one.
pub struct InternalSite {
    views: SiteViews,
    stats: InternalStats,
    pub trainings: BTreeMap<String, TrainingExtra>,
    pub partners: BTreeMap<String, PartnerExtra>,
    pub stories: BTreeMap<String, NotesExtra>,
    pub programmes: BTreeMap<String, NotesExtra>,
    pub home: HomeExtra,
}

impl InternalSite {
    pub fn views(&self) -> &SiteViews {
        &self.views
    }

    pub fn stats(&self) -> &InternalStats {
        &self.stats
    }

    /// Every processed photo the internal pages show.
    pub fn media(&self) -> BTreeSet<String> {
        let mut out = media_of(&self.views);
        let private = self.trainings.values().flat_map(|t| &t.private_photos);
        let private = private.chain(self.stories.values().flat_map(|s| &s.private_photos));
        for p in private {
            add_photo(&mut out, p);
        }
        out
    }
}

/// `as_of` is the date agreements are judged against: it comes from the
/// content or SOURCE_DATE_EPOCH, never from the build clock, so that output
/// stays deterministic.
pub fn build(model: &Model, photos: &PhotoMap, as_of: Date, md: &Memo) -> InternalSite {
    let lang = model.site.public.language;
    let public_stats = stats::compute(&model.public());
    let stats = stats::compute_internal(model, public_stats);
    let catalog = Catalog {
        site: &model.site.public,
        md,
        partners: model.partners.iter().map(|p| &p.public).collect(),
        programmes: model
            .programmes
            .iter()
            .map(|p| (&p.public, p.draft))
            .collect(),
        trainings: model
            .trainings
            .iter()
            .map(|t| (TrainingPart::Full(&t.public), t.draft))
            .collect(),
        outcomes: model.outcomes.iter().map(|o| &o.public).collect(),
        stories: model.stories.iter().map(|s| (&s.public, s.draft)).collect(),
    };
    let views = super::site::build(&catalog, &stats.public, photos);

    let mut outcome_notes: BTreeMap<&str, Vec<Note>> = BTreeMap::new();
    for o in &model.outcomes {
        outcome_notes
            .entry(o.public.training.as_str())
            .or_default()
            .extend(notes(lang, &o.internal));
    }
    let by_training: BTreeMap<&str, &RosterStats> = stats
        .by_training
        .iter()
        .map(|r| (r.training.as_str(), &r.figures))
        .collect();
    let trainings = model
        .trainings
        .iter()
        .map(|t| {
            let roster = t.internal.roster.as_ref().map(|r| {
                r.participants
                    .iter()
                    .map(|p| participant_row(p, lang))
                    .collect()
            });
            let extra = TrainingExtra {
                roster: roster.unwrap_or_default(),
                roster_figures: by_training
                    .get(t.public.id.as_str())
                    .map(|r| roster_figures(r, lang))
                    .unwrap_or_default(),
                private_photos: t
                    .internal
                    .private_photos
                    .iter()
                    .filter_map(|p| photo_view(p, photos))
                    .collect(),
                notes: notes(lang, &t.internal.notes),
                outcome_notes: outcome_notes
                    .remove(t.public.id.as_str())
                    .unwrap_or_default(),
            };
            (t.public.id.clone(), extra)
        })
        .collect();
    let partners = model
        .partners
        .iter()
        .map(|p| (p.public.id.clone(), partner_extra(p, lang, as_of)))
        .collect();
    let stories = model
        .stories
        .iter()
        .map(|s| {
            let extra = NotesExtra {
                notes: notes(lang, &s.internal.notes),
                private_photos: s
                    .internal
                    .private_cover
                    .iter()
                    .filter_map(|p| photo_view(p, photos))
                    .collect(),
            };
            (s.public.id.clone(), extra)
        })
        .collect();
    let programmes = model
        .programmes
        .iter()
        .map(|p| {
            (
                p.public.id.clone(),
                NotesExtra {
                    notes: notes(lang, &p.internal),
                    private_photos: Vec::new(),
                },
            )
        })
        .collect();
    let (roster_columns, roster_rows) = roster_table(model, &stats, lang);
    let home = HomeExtra {
        as_of: i18n::date(lang, as_of),
        attention: attention(model, lang, as_of),
        roster_figures: roster_figures(&stats.rosters, lang),
        roster_columns,
        roster_rows,
    };
    InternalSite {
        views,
        stats,
        trainings,
        partners,
        stories,
        programmes,
        home,
    }
}

/// The latest date of something that has happened (a planned training's
/// dates lie ahead): the default "as of" date.
pub fn latest_content_date(model: &Model) -> Option<Date> {
    let happened = model
        .trainings
        .iter()
        .filter(|t| t.public.status != Status::Planned);
    let trainings = happened.flat_map(|t| [Some(t.public.start), t.public.end]);
    let outcomes = model.outcomes.iter().map(|o| Some(o.public.date));
    let stories = model.stories.iter().map(|s| Some(s.public.date));
    trainings.chain(outcomes).chain(stories).flatten().max()
}

/// Internal notes for display; the contract's own key `notes` gets a label
/// in the site's language, other keys are shown as the officer wrote them.
fn notes(lang: Lang, n: &Notes) -> Vec<Note> {
    n.iter()
        .map(|(key, text)| Note {
            label: if key == "notes" {
                label(lang, "note")
            } else {
                key.clone()
            },
            text: text.clone(),
        })
        .collect()
}

fn participant_row(p: &Participant, lang: Lang) -> ParticipantRow {
    ParticipantRow {
        id: p.id.clone(),
        name: p.name.clone(),
        gender: p.gender.map(|g| {
            label(
                lang,
                if g == Gender::M {
                    "gender_m"
                } else {
                    "gender_f"
                },
            )
        }),
        birth_year: p.birth_year.map(|y| y.to_string()),
        attendance: p.attendance.map(|a| a.to_string()),
        interest_score: p.interest_score.map(|s| s.to_string()),
        pre_test: p.pre_test.map(|v| trim_decimal(lang, v)),
        post_test: p.post_test.map(|v| trim_decimal(lang, v)),
        certified: p.certified,
        certificate_no: p.certificate_no.clone(),
    }
}

/// Whole scores without a decimal part ("82"), others with one ("82,5").
fn trim_decimal(lang: Lang, v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        i18n::decimal(lang, v)
    }
}

fn roster_figures(r: &RosterStats, lang: Lang) -> Vec<Figure> {
    let n = |v: u64| i18n::number(lang, v);
    let fig = |key: &'static str, value: String| Figure {
        key,
        label: label(lang, key),
        value,
    };
    let mut out = vec![
        // Their own keys: a roster counts people on it, not the headcounts
        // or the outcomes' certificates the public figures add up.
        fig("roster_participants", n(r.participants)),
        fig("gender_m", n(r.male)),
        fig("gender_f", n(r.female)),
        fig("roster_certified", n(r.certified)),
    ];
    if let Some(v) = r.pass_rate_pct {
        out.push(fig("pass_rate", format!("{}%", i18n::decimal(lang, v))));
    }
    let optional = [
        ("attendance_avg", r.attendance_avg),
        ("pre_test_avg", r.pre_test_avg),
        ("post_test_avg", r.post_test_avg),
        ("interest_avg", r.interest_avg),
    ];
    for (key, v) in optional {
        if let Some(v) = v {
            out.push(fig(key, i18n::decimal(lang, v)));
        }
    }
    out
}

/// One row of figures per training with a roster, in fixed columns so that
/// they line up in a printed table.
fn roster_table(model: &Model, stats: &InternalStats, lang: Lang) -> (Vec<String>, Vec<RosterRow>) {
    const COLUMNS: [&str; 8] = [
        "roster_participants",
        "gender_m",
        "gender_f",
        "roster_certified",
        "pass_rate",
        "attendance_avg",
        "pre_test_avg",
        "post_test_avg",
    ];
    let titles: BTreeMap<&str, &str> = model
        .trainings
        .iter()
        .map(|t| (t.public.id.as_str(), t.public.title.as_str()))
        .collect();
    let n = |v: u64| i18n::number(lang, v);
    let d = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| i18n::decimal(lang, v));
    let rows = stats
        .by_training
        .iter()
        .map(|r| {
            let f = &r.figures;
            RosterRow {
                link: Link {
                    url: training_url(&r.training),
                    title: titles.get(r.training.as_str()).unwrap_or(&"").to_string(),
                },
                cells: vec![
                    n(f.participants),
                    n(f.male),
                    n(f.female),
                    n(f.certified),
                    f.pass_rate_pct.map_or_else(
                        || "–".to_string(),
                        |v| format!("{}%", i18n::decimal(lang, v)),
                    ),
                    d(f.attendance_avg),
                    d(f.pre_test_avg),
                    d(f.post_test_avg),
                ],
            }
        })
        .collect();
    (COLUMNS.iter().map(|k| label(lang, k)).collect(), rows)
}

/// How an agreement stands on `as_of`.
pub fn agreement_state(expires: Option<Date>, as_of: Date) -> &'static str {
    match expires {
        Some(e) if e < as_of => "expired",
        Some(e) if (e - as_of).get_days() <= 90 => "expiring",
        _ => "ok",
    }
}

fn partner_extra(p: &Partner, lang: Lang, as_of: Date) -> PartnerExtra {
    let i = &p.internal;
    PartnerExtra {
        contact: i.contact.as_ref().map(|c| ContactView {
            name: c.name.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
        }),
        agreement: i.agreement.as_ref().map(|a| {
            let state = agreement_state(a.expires, as_of);
            AgreementView {
                number: a.number.clone(),
                signed: a.signed.map(|d| i18n::date(lang, d)),
                expires: a.expires.map(|d| i18n::date(lang, d)),
                state,
                state_label: (state != "ok").then(|| label(lang, state)),
            }
        }),
        notes: notes(lang, &i.notes),
    }
}

fn attention(model: &Model, lang: Lang, as_of: Date) -> Vec<AttentionItem> {
    let mut out = Vec::new();
    for p in &model.partners {
        if let Some(a) = &p.internal.agreement {
            let state = agreement_state(a.expires, as_of);
            if state != "ok" {
                let when = a.expires.map(|d| i18n::date(lang, d)).unwrap_or_default();
                out.push(AttentionItem {
                    link: Link {
                        url: partner_url(&p.public.id),
                        title: p.public.name.clone(),
                    },
                    note: format!(
                        "{}: {} ({when})",
                        label(lang, "agreement"),
                        label(lang, state)
                    ),
                });
            }
        }
    }
    let drafts = model
        .trainings
        .iter()
        .filter(|t| t.draft)
        .map(|t| (training_url(&t.public.id), &t.public.title));
    let drafts = drafts.chain(
        model
            .stories
            .iter()
            .filter(|s| s.draft)
            .map(|s| (story_url(&s.public.id), &s.public.title)),
    );
    let drafts = drafts.chain(
        model
            .programmes
            .iter()
            .filter(|p| p.draft)
            .map(|p| (programme_url(&p.public.id), &p.public.title)),
    );
    for (url, title) in drafts {
        out.push(AttentionItem {
            link: Link {
                url,
                title: title.clone(),
            },
            note: label(lang, "draft"),
        });
    }
    for t in model
        .trainings
        .iter()
        .filter(|t| !t.draft && t.public.status == Status::Planned)
    {
        out.push(AttentionItem {
            link: Link {
                url: training_url(&t.public.id),
                title: t.public.title.clone(),
            },
            note: label(lang, "status_planned"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreements_are_judged_against_the_as_of_date() {
        let d = |y, m, d| Date::new(y, m, d).unwrap();
        let as_of = d(2026, 7, 1);
        assert_eq!(agreement_state(Some(d(2026, 6, 30)), as_of), "expired");
        assert_eq!(agreement_state(Some(d(2026, 8, 31)), as_of), "expiring");
        assert_eq!(agreement_state(Some(d(2027, 9, 14)), as_of), "ok");
        assert_eq!(agreement_state(None, as_of), "ok");
    }
}
