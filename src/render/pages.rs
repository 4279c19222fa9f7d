//! The kinds of page every site has, as one table ([`KINDS`]) that
//! `render::render` goes through once: each kind turns the views into the
//! jobs that render its pages. What differs between the audiences comes
//! from [`Audience`], never from the site's name.

use std::collections::BTreeMap;

use serde::Serialize;

use super::audience::Audience;
use super::file::File;
use super::renderer::{Renderer, Social, TemplateError};
use crate::i18n;
use crate::view::{
    ImpactView, PartnerCard, PartnerView, ProgrammeView, SiteViews, StoryCard, StoryView,
    TrainingCard, TrainingView,
};

/// Renders one page: the file, and its fingerprint when pages are cached.
pub(super) type Job<'a> =
    Box<dyn Fn() -> Result<(File, Option<blake3::Hash>), TemplateError> + Sync + Send + 'a>;

/// What every kind of page is made from.
pub(super) struct Cx<'a, A> {
    pub(super) r: &'a Renderer,
    pub(super) a: &'a A,
    pub(super) v: &'a SiteViews,
    /// The site's description, for pages that have none of their own.
    pub(super) description: &'a str,
    /// The card every page but a story's shows when shared.
    pub(super) social: &'a Social<'a>,
}

impl<A> Clone for Cx<'_, A> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<A> Copy for Cx<'_, A> {}

impl<A> Cx<'_, A> {
    fn l(&self, key: &str) -> String {
        i18n::label(self.v.site.lang, key)
    }
}

/// The kinds of page a site has.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Home,
    Trainings,
    Training,
    Partners,
    Partner,
    Stories,
    Story,
    Programme,
    Photos,
    Impact,
    Report,
    Search,
    Data,
    NotFound,
}

/// Every kind of page, in the order their files are listed.
pub(super) const KINDS: [Kind; 14] = [
    Kind::Home,
    Kind::Trainings,
    Kind::Training,
    Kind::Partners,
    Kind::Partner,
    Kind::Stories,
    Kind::Story,
    Kind::Programme,
    Kind::Photos,
    Kind::Impact,
    Kind::Report,
    Kind::Search,
    Kind::Data,
    Kind::NotFound,
];

impl Kind {
    /// Adds the jobs of this kind's pages: none, one, or one per record.
    pub(super) fn jobs<'a, A: Audience>(self, cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
        let add = match self {
            Kind::Home => home,
            Kind::Trainings => trainings,
            Kind::Training => training,
            Kind::Partners => partners,
            Kind::Partner => partner,
            Kind::Stories => stories,
            Kind::Story => story,
            Kind::Programme => programme,
            Kind::Photos => photos,
            Kind::Impact => impact,
            Kind::Report => report,
            Kind::Search => search,
            Kind::Data => data,
            Kind::NotFound => not_found,
        };
        add(cx, jobs);
    }
}

fn home<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx {
        r,
        a,
        v,
        social,
        description,
    } = cx;
    jobs.push(Box::new(move || {
        let latest_stories = v.stories.iter().take(3).map(|s| &s.card).collect();
        let latest_trainings = v.trainings.iter().take(4).map(|t| &t.card).collect();
        let programmes = v
            .programmes
            .iter()
            .map(|p| ProgrammeCard {
                url: &p.url,
                title: &p.title,
                kind: &p.kind,
                period: &p.period,
                draft: p.draft,
            })
            .collect();
        let data = HomeData {
            hero: &v.hero,
            figures: &v.impact.figures,
            budget: &v.impact.budget,
            stories: latest_stories,
            trainings: latest_trainings,
            programmes,
        };
        r.page(
            "index.html",
            "",
            (&v.site.title, description, "home"),
            data,
            a.home(),
            social,
        )
    }));
}

fn trainings<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx { r, v, social, .. } = cx;
    let title = cx.l("nav_trainings");
    let planned_heading = cx.l("status_planned");
    let cycle_word = cx.l("cycle");
    jobs.push(Box::new(move || {
        let mut groups: BTreeMap<&str, Vec<&TrainingCard>> = BTreeMap::new();
        for t in &v.trainings {
            let cycle = t.card.cycle.as_deref().unwrap_or_default();
            groups.entry(cycle).or_default().push(&t.card);
        }
        // Planned trainings without a cycle lie ahead: they come first.
        let planned = groups.remove("").map(|trainings| CycleGroup {
            cycle: "",
            heading: planned_heading.clone(),
            trainings,
        });
        let cycles = groups
            .into_iter()
            .rev()
            .map(|(cycle, trainings)| CycleGroup {
                cycle,
                heading: format!("{cycle_word} {cycle}"),
                trainings,
            });
        let groups: Vec<CycleGroup> = planned.into_iter().chain(cycles).collect();
        #[derive(Serialize)]
        struct D<'a> {
            groups: Vec<CycleGroup<'a>>,
        }
        r.page(
            "trainings.html",
            "trainings/",
            (&title, "", "trainings"),
            D { groups },
            (),
            social,
        )
    }));
}

fn training<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx {
        r, a, v, social, ..
    } = cx;
    for t in &v.trainings {
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                training: &'a TrainingView,
            }
            let desc = format!(
                "{} · {} · {}",
                t.card.skill_label, t.card.dates, t.card.status_label
            );
            r.page(
                "training.html",
                &t.card.url,
                (&t.card.title, &desc, "trainings"),
                D { training: t },
                a.training(&t.card.id),
                social,
            )
        }));
    }
}

fn partners<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx { r, v, social, .. } = cx;
    let title = cx.l("nav_partners");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            partners: Vec<&'a PartnerCard>,
        }
        r.page(
            "partners.html",
            "partners/",
            (&title, "", "partners"),
            D {
                partners: v.partners.iter().map(|p| &p.card).collect(),
            },
            (),
            social,
        )
    }));
}

fn partner<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx {
        r, a, v, social, ..
    } = cx;
    for p in &v.partners {
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                partner: &'a PartnerView,
            }
            let desc = p.card.summary.clone().unwrap_or_default();
            r.page(
                "partner.html",
                &p.card.url,
                (&p.card.name, &desc, "partners"),
                D { partner: p },
                a.partner(&p.card.id),
                social,
            )
        }));
    }
}

/// The list of stories comes in pages, so that a phone on a slow line
/// never downloads ten thousand cards at once.
fn stories<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx { r, v, social, .. } = cx;
    let chunks: Vec<&[StoryView]> = if v.stories.is_empty() {
        vec![&[]]
    } else {
        v.stories.chunks(STORIES_PER_PAGE).collect()
    };
    let total = chunks.len();
    for (i, chunk) in chunks.into_iter().enumerate() {
        let n = i + 1;
        let title = if n == 1 {
            cx.l("nav_stories")
        } else {
            format!("{} ({} {n})", cx.l("nav_stories"), cx.l("page_word"))
        };
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                stories: Vec<&'a StoryCard>,
                pager: Pager,
            }
            let pager = Pager {
                current: n,
                total,
                prev: (n > 1).then(|| stories_page_url(n - 1)),
                next: (n < total).then(|| stories_page_url(n + 1)),
            };
            r.page(
                "stories.html",
                &stories_page_path(n),
                (&title, "", "stories"),
                D {
                    stories: chunk.iter().map(|s| &s.card).collect(),
                    pager,
                },
                (),
                social,
            )
        }));
    }
}

fn story<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx { r, a, v, .. } = cx;
    let base = v.site.base_url.as_str();
    for s in &v.stories {
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                story: &'a StoryView,
            }
            let image = s
                .card
                .card
                .as_ref()
                .map(|c| c.src.as_str())
                .or(r.card.as_deref())
                .map(|src| format!("{base}{src}"));
            let logo = v
                .site
                .logo
                .as_ref()
                .and_then(|l| l.srcset.last())
                .map(|l| l.src.as_str())
                .or(r.card.as_deref())
                .map(|src| format!("{base}{src}"));
            let story_social = Social {
                base,
                json_ld: Some(super::article::news_article(
                    &v.site,
                    s,
                    image.as_deref(),
                    logo.as_deref(),
                )),
                image,
                kind: "article",
            };
            r.page(
                "story.html",
                &s.card.url,
                (&s.card.title, &s.card.summary, "stories"),
                D { story: s },
                a.story(&s.card.id),
                &story_social,
            )
        }));
    }
}

fn programme<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx {
        r, a, v, social, ..
    } = cx;
    for p in &v.programmes {
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                programme: &'a ProgrammeView,
            }
            let desc = p.kind.clone().unwrap_or_default();
            r.page(
                "programme.html",
                &p.url,
                (&p.title, &desc, "programmes"),
                D { programme: p },
                a.programme(&p.id),
                social,
            )
        }));
    }
}

fn photos<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx { r, v, social, .. } = cx;
    let title = cx.l("nav_photos");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            gallery: &'a [crate::view::GalleryItem],
        }
        r.page(
            "photos.html",
            "photos/",
            (&title, "", "photos"),
            D {
                gallery: &v.gallery,
            },
            (),
            social,
        )
    }));
}

fn impact<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx {
        r, a, v, social, ..
    } = cx;
    let title = cx.l("impact_title");
    let intro = cx.l("impact_intro");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            impact: &'a ImpactView,
            cycles: &'a [crate::view::report::CycleLink],
        }
        r.page(
            "impact.html",
            "impact/",
            (&title, &intro, "impact"),
            D {
                impact: &v.impact,
                cycles: &v.report.cycle_links,
            },
            a.home(),
            social,
        )
    }));
}

fn report<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx {
        r, a, v, social, ..
    } = cx;
    let title = cx.l("report_title");
    let intro = cx.l("report_intro");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            report: &'a crate::view::report::ReportView,
            impact: &'a ImpactView,
            programmes: &'a [crate::view::ProgrammeView],
        }
        r.page(
            "report.html",
            "report/",
            (&title, &intro, "report"),
            D {
                report: &v.report,
                impact: &v.impact,
                programmes: &v.programmes,
            },
            a.home(),
            social,
        )
    }));
    let word = cx.l("report_cycle");
    for c in &v.report.cycles {
        let title = format!("{word} {}", c.cycle);
        let intro = match &c.period {
            Some(p) => format!("{title} · {p} · {}", v.site.facility_name),
            None => format!("{title} · {}", v.site.facility_name),
        };
        jobs.push(Box::new(move || {
            #[derive(Serialize)]
            struct D<'a> {
                report: &'a crate::view::report::ReportView,
                cycle: &'a crate::view::report::CycleReport,
            }
            r.page(
                "report_cycle.html",
                &c.url,
                (&title, &intro, "report"),
                D {
                    report: &v.report,
                    cycle: c,
                },
                (),
                social,
            )
        }));
    }
}

/// On a site with a search index, when the theme has a search script.
fn search<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx { r, a, social, .. } = cx;
    let (Some(index), Some(script)) = (a.search(), &r.search_js) else {
        return;
    };
    let title = cx.l("search_title");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D<'a> {
            /// The index script and the search script, from the site root.
            index: &'a str,
            script: &'a str,
        }
        r.page(
            "search.html",
            "search/",
            (&title, "", "search"),
            D {
                index: &index.path,
                script: &script.path,
            },
            (),
            social,
        )
    }));
}

/// The open-data page: every data file of this audience's site.
fn data<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx {
        r, a, v, social, ..
    } = cx;
    let title = cx.l("data_note");
    let intro = cx.l("data_intro");
    jobs.push(Box::new(move || {
        #[derive(Serialize)]
        struct D {
            files: Vec<super::data_page::DataFile>,
        }
        r.page(
            "data.html",
            "data/",
            (&title, &intro, "data"),
            D {
                files: super::data_page::files(a, v),
            },
            (),
            social,
        )
    }));
}

fn not_found<'a, A: Audience>(cx: Cx<'a, A>, jobs: &mut Vec<Job<'a>>) {
    let Cx { r, social, .. } = cx;
    jobs.push(Box::new(move || {
        r.page("404.html", "404.html", ("404", "", "none"), (), (), social)
    }));
}

/// Stories on one page of the list of stories.
pub const STORIES_PER_PAGE: usize = 30;

/// Where a page of a paged list sits among the others; links are relative
/// to the site root, like every view URL.
#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// The page path of the `n`th page of the list of stories (1-based).
fn stories_page_path(n: usize) -> String {
    if n == 1 {
        "stories/".to_string()
    } else {
        format!("stories/page/{n}/")
    }
}

fn stories_page_url(n: usize) -> String {
    format!("{}index.html", stories_page_path(n))
}

#[derive(Serialize)]
struct HomeData<'a> {
    hero: &'a crate::view::HeroView,
    figures: &'a [crate::view::Figure],
    budget: &'a crate::view::BudgetView,
    stories: Vec<&'a StoryCard>,
    trainings: Vec<&'a TrainingCard>,
    programmes: Vec<ProgrammeCard<'a>>,
}

/// What a list shows of a programme. Lists get cards, never whole records,
/// so that editing a record's text re-renders that record's page only.
#[derive(Serialize)]
struct ProgrammeCard<'a> {
    url: &'a str,
    title: &'a str,
    kind: &'a Option<String>,
    period: &'a Option<String>,
    draft: bool,
}

#[derive(Serialize)]
struct CycleGroup<'a> {
    /// The cycle, or "" for the planned trainings of the public site, which
    /// show no cycle.
    cycle: &'a str,
    heading: String,
    trainings: Vec<&'a TrainingCard>,
}
