//! View stage: what templates are given, already formatted for the site's
//! language.
//!
//! [`SiteViews`] is built by [`build`] from a [`Catalog`] of *public parts*
//! only (`TrainingPublic`, `StoryPublic`, ...): no internal field exists in
//! any type of this module. `public.rs` fills the catalog from the public
//! model (drafts left out, planned trainings as title, skill and dates
//! only); `internal.rs` fills it with everything and adds the internal parts
//! beside it, in types of its own.

mod exports;
pub mod internal;
pub mod public;
pub mod report;
pub mod search;
mod training;

use std::collections::BTreeMap;

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::i18n::{self, label};
use crate::markdown::memo::Memo;
use crate::markdown::{IdSet, excerpt};
use crate::model::*;
use crate::photos::PhotoMap;
use crate::stats::Stats;
use crate::vocab::{Lang, StageStatus};
use training::{Full, planned_view};

#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: Option<String>,
    pub facility_name: String,
    pub facility_short: String,
    pub region: Option<String>,
    pub base_url: String,
    pub lang: Lang,
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

#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    #[serde(flatten)]
    pub card: StoryCard,
    pub body_html: Arc<str>,
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

/// Everything a theme renders, for one audience.
#[derive(Debug, Clone, Serialize)]
pub struct SiteViews {
    pub site: SiteInfo,
    /// Newest first.
    pub trainings: Vec<TrainingView>,
    pub partners: Vec<PartnerView>,
    /// Newest first.
    pub stories: Vec<StoryView>,
    pub programmes: Vec<ProgrammeView>,
    pub impact: ImpactView,
    /// Every photo cleared for publication, newest record first.
    pub gallery: Vec<GalleryItem>,
    pub report: report::ReportView,
    /// Data exports: (path, text), e.g. `data/trainings.csv`.
    #[serde(skip)]
    pub exports: Vec<(String, String)>,
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

/// A page's URL without its file name: the "pretty" form used wherever a
/// URL is absolute (canonical links, feeds, the sitemap, JSON-LD).
pub fn pretty(url: &str) -> &str {
    url.strip_suffix("index.html").unwrap_or(url)
}

/// Links between pages name the `index.html` file, so that a site opened
/// from disk (`file://`) works as well as one on a web server.
pub fn training_url(id: &str) -> String {
    format!("trainings/{id}/index.html")
}
pub fn partner_url(id: &str) -> String {
    format!("partners/{id}/index.html")
}
pub fn story_url(id: &str) -> String {
    format!("stories/{id}/index.html")
}
pub fn programme_url(id: &str) -> String {
    format!("programmes/{id}/index.html")
}

/// A photo for a template. The public flag is the photo's own consent flag.
pub fn photo_view(p: &Photo, photos: &PhotoMap) -> Option<PhotoView> {
    let done = photos.get(&p.path)?;
    let largest = done.renditions.last()?;
    // The rendition closest to 960 px serves browsers that ignore srcset.
    let default = done
        .renditions
        .iter()
        .min_by_key(|r| r.width.abs_diff(960))
        .unwrap_or(largest);
    Some(PhotoView {
        src: default.file.clone(),
        width: largest.width,
        height: largest.height,
        srcset: done.renditions.iter().map(source).collect(),
        alt: p.alt.clone().unwrap_or_default(),
        caption: p.caption.clone(),
        public: p.public,
    })
}

/// The social-card crop of a photo, when one was made.
pub fn card_view(p: &Photo, photos: &PhotoMap) -> Option<Source> {
    photos.get(&p.path)?.card.as_ref().map(source)
}

fn source(r: &crate::photos::Rendition) -> Source {
    Source {
        src: r.file.clone(),
        width: r.width,
        height: r.height,
    }
}

/// Builds every view of a catalog. Relations (a partner's trainings, a
/// training's stories) are resolved within the catalog only.
pub fn build(c: &Catalog, stats: &Stats, photos: &PhotoMap) -> SiteViews {
    let lang = c.site.language;
    let l = |k: &str| label(lang, k);
    let partner_names: BTreeMap<&str, &str> = c
        .partners
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let programme_titles: BTreeMap<&str, &str> = c
        .programmes
        .iter()
        .map(|(p, _)| (p.id.as_str(), p.title.as_str()))
        .collect();
    let training_titles: BTreeMap<&str, &str> = c
        .trainings
        .iter()
        .map(|(t, _)| (t.id(), t.title()))
        .collect();
    let skill_labels: BTreeMap<&str, &str> = c
        .site
        .skills
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();

    let partner_link = |id: &String| {
        partner_names.get(id.as_str()).map(|n| Link {
            url: partner_url(id),
            title: n.to_string(),
        })
    };
    let programme_link = |id: &String| {
        programme_titles.get(id.as_str()).map(|t| Link {
            url: programme_url(id),
            title: t.to_string(),
        })
    };
    let training_link = |id: &String| {
        training_titles.get(id.as_str()).map(|t| Link {
            url: training_url(id),
            title: t.to_string(),
        })
    };

    // Reverse relations.
    let mut stories_of_training: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    let mut stories_of_partner: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    let mut stories_sorted: Vec<&(&StoryPublic, bool)> = c.stories.iter().collect();
    stories_sorted.sort_by(|a, b| b.0.date.cmp(&a.0.date).then_with(|| a.0.id.cmp(&b.0.id)));
    for (s, _) in &stories_sorted {
        let link = Link {
            url: story_url(&s.id),
            title: s.title.clone(),
        };
        for t in &s.trainings {
            stories_of_training.entry(t).or_default().push(link.clone());
        }
        for p in &s.partners {
            stories_of_partner.entry(p).or_default().push(link.clone());
        }
    }
    let mut trainings_sorted: Vec<&(TrainingPart, bool)> = c.trainings.iter().collect();
    trainings_sorted
        .sort_by(|a, b| (b.0.start().cmp(&a.0.start())).then_with(|| a.0.id().cmp(b.0.id())));
    let mut trainings_of_partner: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    let mut trainings_of_programme: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    // A planned training on the public site has no partners or programme
    // to be listed under.
    for t in trainings_sorted.iter().filter_map(|(t, _)| t.full()) {
        let link = Link {
            url: training_url(&t.id),
            title: t.title.clone(),
        };
        for p in &t.partners {
            trainings_of_partner
                .entry(p)
                .or_default()
                .push(link.clone());
        }
        if let Some(p) = &t.programme {
            trainings_of_programme
                .entry(p)
                .or_default()
                .push(link.clone());
        }
    }
    let mut outcomes_of: BTreeMap<&str, Vec<&OutcomePublic>> = BTreeMap::new();
    for o in &c.outcomes {
        outcomes_of.entry(o.training.as_str()).or_default().push(o);
    }

    // Pages are independent: build them on every core.
    let trainings: Vec<TrainingView> = trainings_sorted
        .par_iter()
        .map(|&&(t, draft)| {
            let card = TrainingCard {
                id: t.id().to_string(),
                url: training_url(t.id()),
                title: t.title().to_string(),
                skill: t.skill().to_string(),
                skill_label: skill_labels
                    .get(t.skill())
                    .map_or_else(|| t.skill().to_string(), |s| s.to_string()),
                cycle: None,
                status: t.status().key(),
                status_label: l(&format!("status_{}", t.status().key())),
                dates: i18n::date_range(lang, t.start(), t.end()),
                headcount: None,
                draft,
                thumb: None,
            };
            match t {
                TrainingPart::Full(t) => {
                    let stories = stories_of_training.get(t.id.as_str());
                    let outcomes = outcomes_of
                        .get(t.id.as_str())
                        .map_or(&[][..], Vec::as_slice);
                    let full = Full {
                        lang,
                        md: c.md,
                        photos,
                        partner_link: &partner_link,
                        programme_link: &programme_link,
                    };
                    full.training(t, card, outcomes, stories.cloned().unwrap_or_default())
                }
                TrainingPart::Planned(_) => planned_view(card),
            }
        })
        .collect();

    let partners: Vec<PartnerView> = c
        .partners
        .iter()
        .map(|p| {
            let mut ids = IdSet::for_page();
            PartnerView {
                card: PartnerCard {
                    id: p.id.clone(),
                    url: partner_url(&p.id),
                    name: p.name.clone(),
                    kind_label: l(&format!("kind_{}", p.kind.key())),
                    logo: p.logo.as_ref().and_then(|ph| photo_view(ph, photos)),
                    summary: p
                        .description_md
                        .as_deref()
                        .map(|d| excerpt(&c.md.plain(d), 160)),
                },
                description_html: p.description_md.as_deref().map(|d| c.md.html(d, &mut ids)),
                website: p.website.clone(),
                since: p.since.map(|d| i18n::date(lang, d)),
                contributions: p
                    .contributions
                    .iter()
                    .map(|w| contribution_label(lang, w))
                    .collect(),
                trainings: trainings_of_partner
                    .remove(p.id.as_str())
                    .unwrap_or_default(),
                stories: stories_of_partner.remove(p.id.as_str()).unwrap_or_default(),
            }
        })
        .collect();

    let stories: Vec<StoryView> = stories_sorted
        .par_iter()
        .map(|&&(s, draft)| {
            let mut ids = IdSet::for_page();
            let body_html = c.md.html(&s.body_md, &mut ids);
            let summary = s
                .summary
                .clone()
                .unwrap_or_else(|| excerpt(&c.md.plain(&s.body_md), 200));
            StoryView {
                card: StoryCard {
                    id: s.id.clone(),
                    url: story_url(&s.id),
                    title: s.title.clone(),
                    date: i18n::date(lang, s.date),
                    date_iso: s.date.to_string(),
                    summary,
                    author: s.author.clone(),
                    cover: s.cover.as_ref().and_then(|p| photo_view(p, photos)),
                    card: s.cover.as_ref().and_then(|p| card_view(p, photos)),
                    draft,
                },
                body_html,
                trainings: s.trainings.iter().filter_map(training_link).collect(),
                partners: s.partners.iter().filter_map(partner_link).collect(),
                programme: s.programme.as_ref().and_then(programme_link),
                tags: s.tags.clone(),
            }
        })
        .collect();

    let programmes = c
        .programmes
        .iter()
        .map(|&(p, draft)| {
            let mut ids = IdSet::for_page();
            ProgrammeView {
                id: p.id.clone(),
                url: programme_url(&p.id),
                title: p.title.clone(),
                kind: p.kind.clone(),
                lead: p.lead.clone(),
                period: p.start.map(|s| i18n::date_range(lang, s, p.end)),
                stages: p
                    .stages
                    .iter()
                    .map(|s| {
                        let key = match s.status {
                            StageStatus::Done => "done",
                            StageStatus::Doing => "doing",
                            StageStatus::Todo => "todo",
                        };
                        StageView {
                            name: s.name.clone(),
                            date: s.date.map(|d| i18n::date(lang, d)),
                            date_iso: s.date.map(|d| d.to_string()),
                            status: key,
                            status_label: l(&format!("stage_{key}")),
                        }
                    })
                    .collect(),
                body_html: c.md.html(&p.body_md, &mut ids),
                trainings: trainings_of_programme
                    .remove(p.id.as_str())
                    .unwrap_or_default(),
                draft,
            }
        })
        .collect();

    let gallery = gallery(&trainings, &stories);
    let report = report::build(c, &trainings, &partners, lang);
    let exports = vec![
        ("data/stats.csv".to_string(), exports::stats_csv(stats)),
        ("data/trainings.csv".to_string(), exports::trainings_csv(c)),
    ];
    SiteViews {
        site: site_info(c.site),
        gallery,
        report,
        exports,
        trainings,
        partners,
        stories,
        programmes,
        impact: impact_view(stats, lang),
    }
}

/// The photo page: training photos, then story covers, each linked to its record.
fn gallery(trainings: &[TrainingView], stories: &[StoryView]) -> Vec<GalleryItem> {
    let of_trainings = trainings.iter().flat_map(|t| {
        let link = Link {
            url: t.card.url.clone(),
            title: t.card.title.clone(),
        };
        t.photos.iter().map(move |p| GalleryItem {
            photo: p.clone(),
            link: link.clone(),
        })
    });
    let of_stories = stories.iter().filter_map(|s| {
        let link = Link {
            url: s.card.url.clone(),
            title: s.card.title.clone(),
        };
        s.card
            .cover
            .clone()
            .map(|photo| GalleryItem { photo, link })
    });
    of_trainings
        .chain(of_stories)
        .filter(|g| g.photo.public)
        .collect()
}

fn outcome_view(
    o: &OutcomePublic,
    lang: Lang,
    partner_link: &impl Fn(&String) -> Option<Link>,
    md: &Memo,
    ids: &mut IdSet,
) -> OutcomeView {
    let n = |v: u64| i18n::number(lang, v);
    OutcomeView {
        date: i18n::date(lang, o.date),
        assessed: n(u64::from(o.assessed)),
        certified: n(u64::from(o.certified)),
        certifier: o.certifier.as_ref().and_then(partner_link),
        products: o
            .products
            .iter()
            .map(|p| ProductRow {
                name: p.name.clone(),
                quantity: n(p.quantity),
                unit_value: i18n::idr(lang, p.unit_value_idr),
                value: i18n::idr(lang, p.value_idr()),
            })
            .collect(),
        services: o
            .services
            .iter()
            .map(|s| ServiceRow {
                name: s.name.clone(),
                quantity: n(s.quantity),
            })
            .collect(),
        evaluation: o.evaluation.map(|e| EvaluationView {
            pre_test_avg: e.pre_test_avg.map(|v| i18n::decimal(lang, v)),
            post_test_avg: e.post_test_avg.map(|v| i18n::decimal(lang, v)),
            satisfaction: e.satisfaction.map(|v| i18n::decimal(lang, v)),
        }),
        summary_html: o.summary_md.as_deref().map(|s| md.html(s, ids)),
    }
}

fn contribution_label(lang: Lang, word: &str) -> String {
    let key = format!("contrib_{}", word.trim().to_lowercase());
    let l = label(lang, &key);
    if l == key { word.to_string() } else { l }
}

pub fn site_info(s: &SitePublic) -> SiteInfo {
    SiteInfo {
        title: s.title.clone(),
        description: s.description.clone(),
        facility_name: s.facility.name.clone(),
        facility_short: s
            .facility
            .short_name
            .clone()
            .unwrap_or_else(|| s.facility.name.clone()),
        region: s.facility.region.clone(),
        base_url: s.base_url.clone(),
        lang: s.language,
    }
}

fn impact_view(stats: &Stats, lang: Lang) -> ImpactView {
    let n = |v: u64| i18n::number(lang, v);
    let t = &stats.totals;
    let fig = |key: &'static str, value: String| Figure {
        key,
        label: label(lang, key),
        value,
    };
    let figures = vec![
        fig("participants", n(t.participants)),
        fig("certificates", n(t.certificates)),
        fig("trainings", n(t.trainings)),
        fig("training_hours", n(t.training_hours)),
        fig("partners", n(t.partners)),
        fig("products_units", n(t.products_units)),
        fig("products_value", i18n::idr(lang, t.products_value_idr)),
        fig(
            "partner_contribution",
            i18n::idr(lang, t.partner_contribution_idr),
        ),
        fig("state_budget", i18n::idr(lang, t.state_budget_idr)),
    ];
    ImpactView {
        figures,
        charts: charts_view(stats, lang),
        budget: BudgetView {
            partner: i18n::idr(lang, t.partner_contribution_idr),
            state: i18n::idr(lang, t.state_budget_idr),
            chart: budget_chart(stats, lang),
        },
        by_skill: stats
            .by_skill
            .iter()
            .map(|r| Row {
                key: r.skill.clone(),
                label: r.label.clone(),
                url: None,
                cells: vec![
                    n(r.trainings),
                    n(r.participants),
                    n(r.certificates),
                    n(r.training_hours),
                ],
            })
            .collect(),
        by_cycle: stats
            .by_cycle
            .iter()
            .map(|r| Row {
                key: r.cycle.clone(),
                label: r.cycle.clone(),
                url: None,
                cells: vec![n(r.trainings), n(r.participants), n(r.certificates)],
            })
            .collect(),
        by_partner: stats
            .by_partner
            .iter()
            .map(|r| Row {
                key: r.partner.clone(),
                label: r.name.clone(),
                url: Some(partner_url(&r.partner)),
                cells: vec![n(r.trainings), n(r.participants)],
            })
            .collect(),
    }
}

fn charts_view(stats: &Stats, lang: Lang) -> ChartsView {
    use crate::charts::{Series, bars};
    let n = |v: u64| (v, i18n::number(lang, v));
    let l = |key: &str| label(lang, key);
    let (participants, certificates) = (l("participants"), l("certificates"));
    let skills: Vec<String> = stats.by_skill.iter().map(|r| r.label.clone()).collect();
    let by_skill = bars(
        &l("chart_by_skill"),
        &skills,
        &[Series {
            name: &participants,
            class: "series-1",
            values: stats.by_skill.iter().map(|r| n(r.participants)).collect(),
        }],
    );
    let cycles: Vec<String> = stats.by_cycle.iter().map(|r| r.cycle.clone()).collect();
    let by_cycle = bars(
        &l("chart_by_cycle"),
        &cycles,
        &[
            Series {
                name: &participants,
                class: "series-1",
                values: stats.by_cycle.iter().map(|r| n(r.participants)).collect(),
            },
            Series {
                name: &certificates,
                class: "series-2",
                values: stats.by_cycle.iter().map(|r| n(r.certificates)).collect(),
            },
        ],
    );
    ChartsView { by_skill, by_cycle }
}

fn budget_chart(stats: &Stats, lang: Lang) -> String {
    use crate::charts::{Series, bars};
    let l = |key: &str| label(lang, key);
    let t = &stats.totals;
    let money = |v: u64| (v, i18n::idr(lang, v));
    if t.partner_contribution_idr == 0 && t.state_budget_idr == 0 {
        String::new()
    } else {
        bars(
            &l("budget_compare"),
            &[l("partner_contribution"), l("state_budget")],
            &[Series {
                name: "",
                class: "series-1",
                values: vec![money(t.partner_contribution_idr), money(t.state_budget_idr)],
            }],
        )
    }
}

/// Every processed photo file that the pages of `views` show. Social-card
/// crops are not among them: only the public site's social cards and feed
/// name those (see `PublicSite::media`).
pub fn media_of(views: &SiteViews) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for t in &views.trainings {
        for p in t.photos.iter().chain(&t.card.thumb) {
            add_photo(&mut out, p);
        }
    }
    for p in &views.partners {
        if let Some(logo) = &p.card.logo {
            add_photo(&mut out, logo);
        }
    }
    for s in &views.stories {
        if let Some(cover) = &s.card.cover {
            add_photo(&mut out, cover);
        }
    }
    out
}

/// Adds every rendition of a photo to a set of media files.
pub fn add_photo(out: &mut std::collections::BTreeSet<String>, p: &PhotoView) {
    out.extend(p.srcset.iter().map(|s| s.src.clone()));
}
