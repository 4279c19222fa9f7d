//! Raw records -> validated model: field checks per record (in parallel),
//! then the checks that need every record (references, counts).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::check::{Check, flatten_notes, scalar_text};
use super::*;
use crate::diag::Diagnostics;
use crate::load::{Content, Kind, Source};
use crate::parse::{FrontMatterError, Seg, from_yaml, split_front_matter};
use crate::raw::*;

/// One record after its own checks, before cross-references.
#[derive(Clone)]
enum Parsed {
    Site(Site),
    Partner(Partner),
    Programme(Programme),
    Training(Training, Option<u32>),
    Outcome(Outcome),
    Story(Story),
    Roster(String, Option<String>, Roster),
}

/// The ids references are checked against: every record that exists, even
/// one with problems of its own, so that one mistake is not reported again as
/// a "missing" record everywhere it is named.
struct Refs<'a> {
    partners: BTreeSet<&'a str>,
    programmes: BTreeSet<&'a str>,
    trainings: BTreeSet<&'a str>,
    /// `None` when site.yaml could not be read (skills are then not checked).
    skills: Option<BTreeSet<String>>,
}

/// Per-file results of the previous build, for `rapor serve`: a file whose
/// text and surroundings (the ids that exist, the skills, the files) have not
/// changed is not parsed again.
#[derive(Default)]
pub struct ParseMemo {
    entries: HashMap<std::path::PathBuf, MemoEntry>,
}

/// (fingerprint of the surroundings, the text parsed, the result)
type MemoEntry = (u64, std::sync::Arc<str>, Option<Parsed>, Diagnostics);

/// Builds the model, or `None` when any error was reported. With a `memo`
/// (`rapor serve`), unchanged files are not parsed again.
pub fn build_with(
    content: &Content,
    memo: Option<&mut ParseMemo>,
    diags: &mut Diagnostics,
) -> Option<Model> {
    let existing = |kind: Kind| -> BTreeSet<&str> {
        content
            .sources
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.id.as_str())
            .collect()
    };
    let mut refs = Refs {
        partners: existing(Kind::Partner),
        programmes: existing(Kind::Programme),
        trainings: existing(Kind::Training),
        skills: None,
    };
    // site.yaml first: trainings are checked against its skills.
    let mut site = None;
    for src in content.sources.iter().filter(|s| s.kind == Kind::Site) {
        if let Some(Parsed::Site(s)) = parse_source(src, &content.files, &refs, diags) {
            refs.skills = Some(s.public.skills.iter().map(|(k, _)| k.clone()).collect());
            site = Some(s);
        }
    }
    let surroundings = fingerprint(&(
        &refs.partners,
        &refs.programmes,
        &refs.trainings,
        &refs.skills,
        &content.files,
    ));
    let previous = memo.as_ref().map(|m| &m.entries);
    let results: Vec<(Option<Parsed>, Diagnostics)> = content
        .sources
        .par_iter()
        .filter(|src| src.kind != Kind::Site)
        .map(|src| {
            if let Some((around, text, parsed, d)) = previous.and_then(|p| p.get(&src.path))
                && *around == surroundings
                && (std::sync::Arc::ptr_eq(text, &src.text) || text == &src.text)
            {
                return (parsed.clone(), d.clone());
            }
            let mut d = Diagnostics::new();
            let parsed = parse_source(src, &content.files, &refs, &mut d);
            (parsed, d)
        })
        .collect();
    if let Some(memo) = memo {
        let records = content.sources.iter().filter(|src| src.kind != Kind::Site);
        memo.entries = records
            .zip(&results)
            .map(|(src, (parsed, d))| {
                let entry = (surroundings, src.text.clone(), parsed.clone(), d.clone());
                (src.path.clone(), entry)
            })
            .collect();
    }

    let mut partners = Vec::new();
    let mut programmes = Vec::new();
    let mut trainings = Vec::new();
    let mut declared = BTreeMap::new();
    let mut outcomes = Vec::new();
    let mut stories = Vec::new();
    let mut rosters = Vec::new();
    for (parsed, d) in results {
        diags.extend(d);
        match parsed {
            Some(Parsed::Site(_)) | None => {}
            Some(Parsed::Partner(p)) => partners.push(p),
            Some(Parsed::Programme(p)) => programmes.push(p),
            Some(Parsed::Training(t, participants)) => {
                declared.insert(t.public.id.clone(), participants);
                trainings.push(t);
            }
            Some(Parsed::Outcome(o)) => outcomes.push(o),
            Some(Parsed::Story(s)) => stories.push(s),
            Some(Parsed::Roster(stem, training, r)) => rosters.push((stem, training, r)),
        }
    }
    // Sources come sorted by path, but a file and a bundle interleave: sort by id.
    partners.sort_by(|a, b| a.public.id.cmp(&b.public.id));
    programmes.sort_by(|a, b| a.public.id.cmp(&b.public.id));
    trainings.sort_by(|a, b| a.public.id.cmp(&b.public.id));
    outcomes.sort_by(|a, b| a.public.id.cmp(&b.public.id));
    stories.sort_by(|a, b| a.public.id.cmp(&b.public.id));

    attach_rosters(&mut trainings, rosters, &refs.trainings, diags);
    settle_headcounts(&mut trainings, &declared, diags);
    check_outcomes(&outcomes, &trainings, diags);

    if diags.has_errors() {
        return None;
    }
    Some(Model {
        site: site?,
        partners,
        programmes,
        trainings,
        outcomes,
        stories,
    })
}

fn fingerprint<T: std::hash::Hash>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn parse_source(
    src: &Source,
    files: &BTreeSet<String>,
    refs: &Refs,
    diags: &mut Diagnostics,
) -> Option<Parsed> {
    let markdown = matches!(src.kind, Kind::Programme | Kind::Training | Kind::Story);
    let (yaml, offset, body) = if markdown {
        match split_front_matter(&src.text) {
            Ok(fm) => (fm.yaml, fm.yaml_line_offset, fm.body),
            Err(FrontMatterError::Missing) => {
                diags.error(
                    &src.path,
                    Pos::new(1, 1),
                    "the file must start with a line `---`, then the YAML fields, then another `---` line before the text",
                );
                return None;
            }
            Err(FrontMatterError::Unterminated) => {
                diags.error(
                    &src.path,
                    Pos::new(1, 1),
                    "the front matter opened by `---` on line 1 is never closed; add a line `---` after the last field",
                );
                return None;
            }
        }
    } else {
        (
            src.text.strip_prefix('\u{feff}').unwrap_or(&src.text),
            0,
            "",
        )
    };
    let sref = SrcRef::new(src.path.clone(), yaml, offset);
    macro_rules! decode {
        ($t:ty) => {
            match from_yaml::<$t>(yaml) {
                Ok(raw) => raw,
                Err(e) => {
                    let pos = Pos::new(e.pos.line + offset, e.pos.col);
                    diags.error(&src.path, pos, e.message);
                    return None;
                }
            }
        };
    }
    let mut c = Check { src: &sref, diags };
    let cx = Cx {
        id: &src.id,
        dir: &src.dir,
        files,
        refs,
    };
    Some(match src.kind {
        Kind::Site => Parsed::Site(site(decode!(RawSite), &mut c)?),
        Kind::Partner => Parsed::Partner(partner(decode!(RawPartner), &cx, &mut c)?),
        Kind::Programme => Parsed::Programme(programme(decode!(RawProgramme), body, &cx, &mut c)?),
        Kind::Training => {
            let (t, declared) = training(decode!(RawTraining), body, &cx, &mut c)?;
            Parsed::Training(t, declared)
        }
        Kind::Outcome => Parsed::Outcome(outcome(decode!(RawOutcome), &cx, &mut c)?),
        Kind::Story => Parsed::Story(story(decode!(RawStory), body, &cx, &mut c)?),
        Kind::Roster => {
            let (training, roster) = roster(decode!(RawRoster), &mut c)?;
            Parsed::Roster(src.id.clone(), training, roster)
        }
    })
}

/// What a record's checks need to know about its file.
struct Cx<'a> {
    id: &'a str,
    dir: &'a str,
    files: &'a BTreeSet<String>,
    refs: &'a Refs<'a>,
}

fn site(raw: RawSite, c: &mut Check) -> Option<Site> {
    let RawSite {
        title,
        description,
        base_url,
        language,
        facility,
        skills,
        theme,
        internal,
    } = raw;
    let title = c.text(title, "title");
    let base_url = c.text(base_url, "base_url").and_then(|u| {
        if !(u.starts_with("https://") || u.starts_with("http://")) || u.contains(char::is_whitespace) {
            c.err(
                &[Seg::Key("base_url")],
                format!("`base_url` must be the site's web address starting with https:// (for example https://example.org/), not \"{u}\""),
            );
            return None;
        }
        Some(if u.ends_with('/') { u } else { format!("{u}/") })
    });
    let language = match language {
        None => Some(Lang::Id),
        l => c.choice(
            l,
            &[Seg::Key("language")],
            &[("id", Lang::Id), ("en", Lang::En)],
        ),
    };
    let facility = c
        .required(facility, "facility", " (with at least `name`)")
        .and_then(|f| {
            let RawFacility {
                name,
                short_name,
                region,
            } = f;
            let name = match Check::opt_text(name) {
                Some(n) => Some(n),
                None => {
                    c.err(
                        &[Seg::Key("facility")],
                        "`facility.name` is required but missing",
                    );
                    None
                }
            };
            Some(Facility {
                name: name?,
                short_name: Check::opt_text(short_name),
                region: Check::opt_text(region),
            })
        });
    let skills = match c.required(
        skills,
        "skills",
        " (skill key -> label, e.g. `barbershop: Barbershop`)",
    ) {
        Some(map) => {
            let mut out = Vec::new();
            for (k, v) in &map {
                let key = scalar_text(k).unwrap_or_default();
                let label = scalar_text(v).filter(|l| !l.trim().is_empty());
                if !crate::text::is_valid_id(&key) {
                    c.err(
                        &[Seg::Key("skills"), Seg::Key(&key)],
                        format!(
                            "skill key `{key}` must use only lowercase letters, digits and dashes"
                        ),
                    );
                } else if let Some(label) = label {
                    out.push((key, label.trim().to_string()));
                } else {
                    c.err(
                        &[Seg::Key("skills"), Seg::Key(&key)],
                        format!("skill `{key}` needs a label (for example `{key}: Barbershop`)"),
                    );
                }
            }
            if map.is_empty() {
                c.err(
                    &[Seg::Key("skills")],
                    "`skills` is empty; list at least one skill",
                );
            }
            Some(out)
        }
        None => None,
    };
    let protect = match internal.as_ref() {
        None => true,
        Some(serde_yaml::Value::Mapping(m)) => match m.get("protect") {
            None => true,
            Some(serde_yaml::Value::Bool(b)) => *b,
            Some(_) => {
                c.err(
                    &[Seg::Key("internal"), Seg::Key("protect")],
                    "`internal.protect` must be true or false",
                );
                true
            }
        },
        Some(_) => {
            c.err(
                &[Seg::Key("internal")],
                "`internal` must be a mapping, for example `internal: { protect: true }`",
            );
            true
        }
    };
    let theme = Check::opt_text(theme).unwrap_or_else(|| "default".into());
    if !crate::text::is_valid_id(&theme) {
        c.err(
            &[Seg::Key("theme")],
            "`theme` must be the name of a folder in `themes/` (lowercase letters, digits, dashes)",
        );
    }
    Some(Site {
        public: SitePublic {
            title: title?,
            description: Check::opt_text(description),
            base_url: base_url?,
            language: language?,
            facility: facility?,
            skills: skills?,
            theme,
        },
        protect,
    })
}

fn partner(raw: RawPartner, cx: &Cx, c: &mut Check) -> Option<Partner> {
    let RawPartner {
        name,
        kind,
        description,
        website,
        logo,
        since,
        contributions,
        internal,
    } = raw;
    let name = c.text(name, "name");
    let kind = match kind {
        None => Some(PartnerKind::Other),
        k => c.choice(k, &[Seg::Key("kind")], &PartnerKind::ALL),
    };
    let website = Check::opt_text(website);
    if let Some(w) = &website
        && !(w.starts_with("https://") || w.starts_with("http://"))
    {
        c.err(
            &[Seg::Key("website")],
            format!("`website` must start with https:// or http://, not \"{w}\""),
        );
    }
    let logo = Check::opt_text(logo).and_then(|src| {
        let raw = RawPhoto {
            src: Some(src),
            alt: name.clone(),
            caption: None,
            public: Some(true),
        };
        c.photo(raw, &[Seg::Key("logo")], cx.dir, cx.files, true)
    });
    let since = c.date(since, &[Seg::Key("since")]);
    let internal = partner_internal(internal.as_ref(), c);
    Some(Partner {
        public: PartnerPublic {
            id: cx.id.to_string(),
            name: name?,
            kind: kind?,
            description_md: Check::opt_text(description),
            website,
            logo,
            since,
            contributions: contributions
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| Check::opt_text(Some(s)))
                .collect(),
        },
        internal,
    })
}

/// `internal:` of a partner: contact and agreement are read when present in
/// the contract's shape; everything else is kept as notes.
fn partner_internal(value: Option<&serde_yaml::Value>, c: &mut Check) -> PartnerInternal {
    let mut out = PartnerInternal::default();
    let Some(serde_yaml::Value::Mapping(map)) = value else {
        out.notes = flatten_notes(value);
        return out;
    };
    let text = |m: &serde_yaml::Mapping, k: &str| {
        m.get(k)
            .and_then(scalar_text)
            .filter(|s| !s.trim().is_empty())
    };
    let mut rest = serde_yaml::Mapping::new();
    for (k, v) in map {
        match (k.as_str(), v) {
            (Some("contact"), serde_yaml::Value::Mapping(m)) => {
                out.contact = Some(Contact {
                    name: text(m, "name"),
                    phone: text(m, "phone"),
                    email: text(m, "email"),
                });
                let extra: serde_yaml::Mapping = m
                    .iter()
                    .filter(|(k, _)| !matches!(k.as_str(), Some("name" | "phone" | "email")))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                if !extra.is_empty() {
                    rest.insert(k.clone(), serde_yaml::Value::Mapping(extra));
                }
            }
            (Some("agreement"), serde_yaml::Value::Mapping(m)) => {
                let mut date = |field: &'static str| {
                    let s = text(m, field)?;
                    c.date(
                        Some(s),
                        &[Seg::Key("internal"), Seg::Key("agreement"), Seg::Key(field)],
                    )
                };
                let signed = date("signed");
                let expires = date("expires");
                if let (Some(s), Some(e)) = (signed, expires)
                    && e < s
                {
                    c.err(
                        &[
                            Seg::Key("internal"),
                            Seg::Key("agreement"),
                            Seg::Key("expires"),
                        ],
                        "`internal.agreement.expires` is before `signed`",
                    );
                }
                out.agreement = Some(Agreement {
                    number: text(m, "number"),
                    signed,
                    expires,
                });
            }
            _ => {
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    out.notes = flatten_notes(Some(&serde_yaml::Value::Mapping(rest)));
    out
}

fn programme(raw: RawProgramme, body: &str, cx: &Cx, c: &mut Check) -> Option<Programme> {
    let RawProgramme {
        title,
        kind,
        lead,
        start,
        end,
        stages,
        draft,
        internal,
    } = raw;
    let title = c.text(title, "title");
    let start = c.date(start, &[Seg::Key("start")]);
    let end = c.date(end, &[Seg::Key("end")]);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        c.err(
            &[Seg::Key("end")],
            format!("`end` ({e}) is before `start` ({s})"),
        );
    }
    let mut out_stages = Vec::new();
    for (i, st) in stages.unwrap_or_default().into_iter().enumerate() {
        let RawStage { name, date, status } = st;
        let here = [Seg::Key("stages"), Seg::Index(i)];
        let name = Check::opt_text(name);
        if name.is_none() {
            c.err(&here, format!("stage {} needs a `name`", i + 1));
        }
        let date = c.date(date, &[Seg::Key("stages"), Seg::Index(i), Seg::Key("date")]);
        let status = match status {
            None => Some(StageStatus::Todo),
            s => c.choice(
                s,
                &[Seg::Key("stages"), Seg::Index(i), Seg::Key("status")],
                &[
                    ("done", StageStatus::Done),
                    ("doing", StageStatus::Doing),
                    ("todo", StageStatus::Todo),
                ],
            ),
        };
        if let (Some(name), Some(status)) = (name, status) {
            out_stages.push(Stage { name, date, status });
        }
    }
    Some(Programme {
        draft: draft.unwrap_or(false),
        public: ProgrammePublic {
            id: cx.id.to_string(),
            title: title?,
            kind: Check::opt_text(kind),
            lead: Check::opt_text(lead),
            start,
            end,
            stages: out_stages,
            body_md: body.into(),
        },
        internal: flatten_notes(internal.as_ref()),
    })
}

/// A training, and the `participants` it declares (checked against a roster later).
fn training(
    raw: RawTraining,
    body: &str,
    cx: &Cx,
    c: &mut Check,
) -> Option<(Training, Option<u32>)> {
    let RawTraining {
        title,
        skill,
        cycle,
        programme,
        partners,
        start,
        end,
        hours,
        location,
        status,
        participants,
        cost,
        photos,
        draft,
        internal,
    } = raw;
    let title = c.text(title, "title");
    let skill = c.text(skill, "skill");
    let cycle = c.text(cycle.map(|t| t.0), "cycle");
    let start_raw = c.required(start, "start", " (the first day, YYYY-MM-DD)");
    let start = c.date(start_raw, &[Seg::Key("start")]);
    let end = c.date(end, &[Seg::Key("end")]);
    let status = match status {
        // Silent on status: a training with an end date has happened.
        None => Some(if end.is_some() {
            Status::Completed
        } else {
            Status::Planned
        }),
        s => c.choice(
            s,
            &[Seg::Key("status")],
            &[
                ("planned", Status::Planned),
                ("ongoing", Status::Ongoing),
                ("completed", Status::Completed),
            ],
        ),
    };
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        c.err(
            &[Seg::Key("end")],
            format!("`end` ({e}) is before `start` ({s}); a training cannot end before it starts"),
        );
    }
    if end.is_none() && status.is_some_and(|s| s != Status::Planned) {
        c.err(
            &[],
            "`end` is required unless `status` is planned (write the last day, YYYY-MM-DD)",
        );
    }
    let cost = cost.map(
        |RawCost {
             state_budget_idr,
             partner_contribution_idr,
         }| Cost {
            state_budget_idr: state_budget_idr.unwrap_or(0),
            partner_contribution_idr: partner_contribution_idr.unwrap_or(0),
        },
    );
    let mut public_photos = Vec::new();
    let mut private_photos = Vec::new();
    for (i, p) in photos.unwrap_or_default().into_iter().enumerate() {
        if let Some(photo) = c.photo(
            p,
            &[Seg::Key("photos"), Seg::Index(i)],
            cx.dir,
            cx.files,
            false,
        ) {
            if photo.public {
                public_photos.push(photo);
            } else {
                private_photos.push(photo);
            }
        }
    }
    if let (Some(skill), Some(skills)) = (&skill, &cx.refs.skills) {
        let skills: BTreeSet<&str> = skills.iter().map(String::as_str).collect();
        c.reference(
            skill,
            &[Seg::Key("skill")],
            "skill (a key of `skills` in site.yaml)",
            &skills,
        );
    }
    if let Some(p) = &programme {
        c.reference(
            p,
            &[Seg::Key("programme")],
            "programme",
            &cx.refs.programmes,
        );
    }
    let partners = partners.unwrap_or_default();
    c.references(&partners, "partners", "partner", &cx.refs.partners);
    let mut partner_ids: Vec<String> = Vec::new();
    for (i, p) in partners.into_iter().enumerate() {
        if partner_ids.contains(&p) {
            c.err(
                &[Seg::Key("partners"), Seg::Index(i)],
                format!("partner `{p}` is listed twice"),
            );
        } else {
            partner_ids.push(p);
        }
    }
    let training = Training {
        src: c.src.clone(),
        draft: draft.unwrap_or(false),
        public: TrainingPublic {
            id: cx.id.to_string(),
            title: title?,
            skill: skill?,
            cycle: cycle?,
            programme: Check::opt_text(programme),
            partners: partner_ids,
            start: start?,
            end,
            hours: hours.unwrap_or(0),
            location: Check::opt_text(location),
            status: status?,
            headcount: participants.unwrap_or(0),
            cost: cost.unwrap_or_default(),
            photos: public_photos,
            body_md: body.into(),
        },
        internal: TrainingInternal {
            private_photos,
            notes: flatten_notes(internal.as_ref()),
            roster: None,
        },
    };
    Some((training, participants))
}

fn outcome(raw: RawOutcome, cx: &Cx, c: &mut Check) -> Option<Outcome> {
    let RawOutcome {
        training,
        date,
        assessed,
        certified,
        certifier,
        products,
        services,
        evaluation,
        summary,
        internal,
    } = raw;
    let training = c.text(training, "training");
    if let Some(t) = &training {
        c.reference(t, &[Seg::Key("training")], "training", &cx.refs.trainings);
    }
    let certifier = Check::opt_text(certifier);
    if let Some(p) = &certifier {
        c.reference(p, &[Seg::Key("certifier")], "partner", &cx.refs.partners);
    }
    let date_raw = c.required(date, "date", " (YYYY-MM-DD)");
    let date = c.date(date_raw, &[Seg::Key("date")]);
    let assessed = assessed.unwrap_or(0);
    let certified = certified.unwrap_or(0);
    if certified > assessed {
        c.err(
            &[Seg::Key("certified")],
            format!("`certified` ({certified}) is more than `assessed` ({assessed}); only assessed participants can be certified"),
        );
    }
    let mut out_products = Vec::new();
    for (i, p) in products.unwrap_or_default().into_iter().enumerate() {
        let RawProduct {
            name,
            quantity,
            unit_value_idr,
        } = p;
        let here = [Seg::Key("products"), Seg::Index(i)];
        let Some(name) = Check::opt_text(name) else {
            c.err(&here, format!("product {} needs a `name`", i + 1));
            continue;
        };
        let product = Product {
            name,
            quantity: quantity.unwrap_or(0),
            unit_value_idr: unit_value_idr.unwrap_or(0),
        };
        if product
            .quantity
            .checked_mul(product.unit_value_idr)
            .is_none_or(|v| v > i64::MAX as u64)
        {
            c.err(
                &here,
                "`quantity` × `unit_value_idr` is too large to be a real amount; check the numbers",
            );
        }
        out_products.push(product);
    }
    let mut out_services = Vec::new();
    for (i, s) in services.unwrap_or_default().into_iter().enumerate() {
        let RawService { name, quantity } = s;
        match Check::opt_text(name) {
            Some(name) => out_services.push(Service {
                name,
                quantity: quantity.unwrap_or(0),
            }),
            None => c.err(
                &[Seg::Key("services"), Seg::Index(i)],
                format!("service {} needs a `name`", i + 1),
            ),
        }
    }
    let evaluation = evaluation.map(|e| {
        let RawEvaluation {
            pre_test_avg,
            post_test_avg,
            satisfaction,
        } = e;
        let mut ranged = |v: Option<f64>, field: &'static str, lo: f64, hi: f64| {
            let v = v?;
            if !(lo..=hi).contains(&v) || !v.is_finite() {
                c.err(
                    &[Seg::Key("evaluation"), Seg::Key(field)],
                    format!("`evaluation.{field}` is {v}, but must be between {lo} and {hi}"),
                );
                return None;
            }
            Some(v)
        };
        Evaluation {
            pre_test_avg: ranged(pre_test_avg, "pre_test_avg", 0.0, 100.0),
            post_test_avg: ranged(post_test_avg, "post_test_avg", 0.0, 100.0),
            satisfaction: ranged(satisfaction, "satisfaction", 1.0, 5.0),
        }
    });
    Some(Outcome {
        src: c.src.clone(),
        public: OutcomePublic {
            id: cx.id.to_string(),
            training: training?,
            date: date?,
            assessed,
            certified,
            certifier,
            products: out_products,
            services: out_services,
            evaluation,
            summary_md: Check::opt_text(summary),
        },
        internal: flatten_notes(internal.as_ref()),
    })
}

fn roster(raw: RawRoster, c: &mut Check) -> Option<(Option<String>, Roster)> {
    let RawRoster {
        training,
        participants,
    } = raw;
    let training = c.text(training, "training");
    let mut out = Vec::new();
    let mut ids = BTreeSet::new();
    let mut certs = BTreeSet::new();
    let raw_participants =
        c.required(participants, "participants", " (the list of participants)")?;
    for (i, p) in raw_participants.into_iter().enumerate() {
        let RawParticipant {
            id,
            name,
            gender,
            birth_year,
            attendance,
            interest_score,
            pre_test,
            post_test,
            certified,
            certificate_no,
        } = p;
        let here = |f: &'static str| [Seg::Key("participants"), Seg::Index(i), Seg::Key(f)];
        let entry = [Seg::Key("participants"), Seg::Index(i)];
        let n = i + 1;
        let id = Check::opt_text(id.map(|t| t.0));
        let name = Check::opt_text(name);
        if id.is_none() {
            c.err(
                &entry,
                format!("participant {n} needs an `id` (the registration number)"),
            );
        }
        if name.is_none() {
            c.err(&entry, format!("participant {n} needs a `name`"));
        }
        if let Some(id) = &id
            && !ids.insert(id.clone())
        {
            c.err(
                &here("id"),
                format!("participant {n}: registration number `{id}` appears twice in this roster"),
            );
        }
        let gender = c.choice(
            gender,
            &here("gender"),
            &[("m", Gender::M), ("f", Gender::F)],
        );
        if let Some(y) = birth_year
            && !(1900..=2100).contains(&y)
        {
            c.err(
                &here("birth_year"),
                format!("participant {n}: `birth_year` {y} is not a plausible year"),
            );
        }
        if let Some(s) = interest_score
            && !(1..=5).contains(&s)
        {
            c.err(
                &here("interest_score"),
                format!("participant {n}: `interest_score` is {s}, but must be from 1 to 5"),
            );
        }
        for (v, f) in [(pre_test, "pre_test"), (post_test, "post_test")] {
            if let Some(v) = v
                && !(0.0..=100.0).contains(&v)
            {
                c.err(
                    &here(f),
                    format!("participant {n}: `{f}` is {v}, but must be from 0 to 100"),
                );
            }
        }
        let certificate_no = Check::opt_text(certificate_no.map(|t| t.0));
        let certified = certified.unwrap_or(false);
        if let Some(no) = &certificate_no {
            if !certified {
                c.err(
                    &here("certificate_no"),
                    format!("participant {n} has a `certificate_no` but `certified` is not true"),
                );
            }
            if !certs.insert(no.clone()) {
                c.err(
                    &here("certificate_no"),
                    format!(
                        "participant {n}: certificate number `{no}` appears twice in this roster"
                    ),
                );
            }
        }
        if let (Some(id), Some(name)) = (id, name) {
            out.push(Participant {
                id,
                name,
                gender,
                birth_year,
                attendance,
                interest_score,
                pre_test,
                post_test,
                certified,
                certificate_no,
            });
        }
    }
    Some((
        training,
        Roster {
            src: c.src.clone(),
            participants: out,
        },
    ))
}

fn story(raw: RawStory, body: &str, cx: &Cx, c: &mut Check) -> Option<Story> {
    let RawStory {
        title,
        date,
        author,
        summary,
        programme,
        trainings,
        partners,
        tags,
        cover,
        draft,
        internal,
    } = raw;
    let title = c.text(title, "title");
    let date_raw = c.required(date, "date", " (YYYY-MM-DD)");
    let date = c.date(date_raw, &[Seg::Key("date")]);
    let programme = Check::opt_text(programme);
    if let Some(p) = &programme {
        c.reference(
            p,
            &[Seg::Key("programme")],
            "programme",
            &cx.refs.programmes,
        );
    }
    let trainings = trainings.unwrap_or_default();
    c.references(&trainings, "trainings", "training", &cx.refs.trainings);
    let partners = partners.unwrap_or_default();
    c.references(&partners, "partners", "partner", &cx.refs.partners);
    let cover = cover.and_then(|p| c.photo(p, &[Seg::Key("cover")], cx.dir, cx.files, false));
    let (cover, private_cover) = match cover {
        Some(p) if p.public => (Some(p), None),
        other => (None, other),
    };
    let mut clean_tags = Vec::new();
    for (i, t) in tags.unwrap_or_default().into_iter().enumerate() {
        let t = t.trim().to_string();
        if crate::text::slugify(&t).is_empty() {
            c.err(
                &[Seg::Key("tags"), Seg::Index(i)],
                "a tag needs at least one letter or digit",
            );
        } else if !clean_tags.contains(&t) {
            clean_tags.push(t);
        }
    }
    Some(Story {
        draft: draft.unwrap_or(false),
        public: StoryPublic {
            id: cx.id.to_string(),
            title: title?,
            date: date?,
            author: Check::opt_text(author),
            summary: Check::opt_text(summary),
            programme,
            trainings,
            partners,
            tags: clean_tags,
            cover,
            body_md: body.into(),
        },
        internal: StoryInternal {
            private_cover,
            notes: flatten_notes(internal.as_ref()),
        },
    })
}

fn attach_rosters(
    trainings: &mut [Training],
    rosters: Vec<(String, Option<String>, Roster)>,
    training_ids: &BTreeSet<&str>,
    diags: &mut Diagnostics,
) {
    for (stem, training, roster) in rosters {
        let src = roster.src.clone();
        let mut c = Check { src: &src, diags };
        let Some(training) = training else { continue };
        if training != stem {
            c.err(
                &[Seg::Key("training")],
                format!("`training` is `{training}` but this file is the roster of `{stem}`; the file must be named after its training (`{training}.yaml`)"),
            );
            continue;
        }
        if !c.reference(&training, &[Seg::Key("training")], "training", training_ids) {
            continue;
        }
        if let Ok(i) = trainings.binary_search_by(|t| t.public.id.cmp(&training)) {
            trainings[i].internal.roster = Some(roster);
        }
    }
}

/// The headcount of each training: its roster's size, checked against
/// `participants` when both are given.
fn settle_headcounts(
    trainings: &mut [Training],
    declared: &BTreeMap<String, Option<u32>>,
    diags: &mut Diagnostics,
) {
    for t in trainings {
        let declared = declared.get(&t.public.id).copied().flatten();
        let mut c = Check { src: &t.src, diags };
        match (&t.internal.roster, declared) {
            (Some(r), Some(n)) if r.participants.len() != n as usize => {
                c.err(
                    &[Seg::Key("participants")],
                    format!(
                        "`participants` is {n} but the roster `{}` lists {} participants; make them agree",
                        r.src.path.display(),
                        r.participants.len()
                    ),
                );
            }
            (Some(r), _) => {
                t.public.headcount = u32::try_from(r.participants.len()).unwrap_or(u32::MAX)
            }
            (None, None) if t.public.status != Status::Planned => {
                c.err(&[], "`participants` is required when the training has no roster (the number of participants)");
            }
            _ => {}
        }
    }
}

fn check_outcomes(outcomes: &[Outcome], trainings: &[Training], diags: &mut Diagnostics) {
    let mut certified_by_training: BTreeMap<&str, (u32, Vec<&Outcome>)> = BTreeMap::new();
    for o in outcomes {
        let mut c = Check { src: &o.src, diags };
        // A missing training was reported when the outcome was read.
        let Ok(i) = trainings.binary_search_by(|t| t.public.id.cmp(&o.public.training)) else {
            continue;
        };
        let t = &trainings[i];
        if t.public.status == Status::Planned {
            c.warn(
                &[Seg::Key("training")],
                format!("training `{}` is still planned; this outcome is not counted or published until its status is ongoing or completed", t.public.id),
            );
        }
        let headcount = t.public.headcount;
        if o.public.assessed > headcount && t.public.status != Status::Planned {
            c.err(
                &[Seg::Key("assessed")],
                format!(
                    "`assessed` ({}) is more than the {headcount} participants of training `{}`",
                    o.public.assessed, t.public.id
                ),
            );
        }
        let entry = certified_by_training
            .entry(t.public.id.as_str())
            .or_default();
        entry.0 += o.public.certified;
        entry.1.push(o);
    }
    for (training, (certified, outs)) in certified_by_training {
        let Ok(i) = trainings.binary_search_by(|t| t.public.id.as_str().cmp(training)) else {
            continue;
        };
        let t = &trainings[i];
        let Some(roster) = &t.internal.roster else {
            continue;
        };
        let in_roster = roster.participants.iter().filter(|p| p.certified).count();
        if in_roster != certified as usize {
            for o in outs {
                let mut c = Check { src: &o.src, diags };
                c.err(
                    &[Seg::Key("certified")],
                    format!(
                        "`certified` is {} but the roster `{}` marks {in_roster} participants `certified: true`; make them agree",
                        o.public.certified,
                        roster.src.path.display()
                    ),
                );
            }
        }
    }
}
