//! Each record kind's own checks: raw record -> typed record. Every field is
//! checked and every problem reported at its line; references are checked
//! against the ids that exist. Nothing here needs another record's content.

use std::collections::BTreeSet;

use super::check::{Check, Refs, flatten_notes, scalar_text};
use super::*;
use crate::diag::Reported;
use crate::msg::msg;
use crate::parse::Seg;
use crate::raw::*;

/// What a record's checks need to know about its file.
pub(super) struct Cx<'a> {
    pub(super) id: &'a str,
    pub(super) dir: &'a str,
    pub(super) files: &'a BTreeSet<String>,
    pub(super) refs: &'a Refs<'a>,
}

pub(super) fn site(raw: RawSite, cx: &Cx, c: &mut Check) -> Result<Site, Reported> {
    let RawSite {
        title,
        description,
        base_url,
        language,
        facility,
        hero,
        skills,
        theme,
        internal,
        publish,
    } = raw;
    let title = c.text(title, "title");
    let base_url = c.text(base_url, "base_url").and_then(|u| {
        if !(u.starts_with("https://") || u.starts_with("http://"))
            || u.contains(char::is_whitespace)
        {
            return Err(c.err(&[Seg::Key("base_url")], msg!("site_base_url", value = u)));
        }
        Ok(if u.ends_with('/') { u } else { format!("{u}/") })
    });
    let language = c
        .choice(language, &[Seg::Key("language")], &Lang::ALL)
        .map(|l| l.unwrap_or(Lang::Id));
    let facility = c
        .required(facility, "facility", &msg!("hint_facility"))
        .and_then(|f| super::facility::facility(f, cx.dir, cx.files, c));
    let hero = hero.and_then(|raw| {
        let photo = c
            .photo(raw, &[Seg::Key("hero")], cx.dir, cx.files, false)
            .ok()?;
        if !photo.public {
            c.warn(
                &[Seg::Key("hero")],
                msg!("site_hero_not_public", path = photo.path),
            );
            return None;
        }
        Some(photo)
    });
    let skills = match c.required(skills, "skills", &msg!("hint_skills")) {
        Ok(map) => {
            let mut out = Vec::new();
            for (k, v) in &map {
                let key = scalar_text(k).unwrap_or_default();
                let label = scalar_text(v).filter(|l| !l.trim().is_empty());
                if !crate::text::is_valid_id(&key) {
                    c.err(
                        &[Seg::Key("skills"), Seg::Key(&key)],
                        msg!("site_skill_key", key = key),
                    );
                } else if let Some(label) = label {
                    out.push((key, label.trim().to_string()));
                } else {
                    c.err(
                        &[Seg::Key("skills"), Seg::Key(&key)],
                        msg!("site_skill_label", key = key),
                    );
                }
            }
            if map.is_empty() {
                c.err(&[Seg::Key("skills")], msg!("site_skills_empty"));
            }
            Ok(out)
        }
        Err(r) => Err(r),
    };
    let protect = match internal.as_ref() {
        None => true,
        Some(serde_yaml::Value::Mapping(m)) => match m.get("protect") {
            None => true,
            Some(serde_yaml::Value::Bool(b)) => *b,
            Some(_) => {
                c.err(
                    &[Seg::Key("internal"), Seg::Key("protect")],
                    msg!("site_protect_bool"),
                );
                true
            }
        },
        Some(_) => {
            c.err(&[Seg::Key("internal")], msg!("site_internal_mapping"));
            true
        }
    };
    let publish = super::publish::targets(publish, c);
    let theme = Check::opt_text(theme).unwrap_or_else(|| "default".into());
    if !crate::text::is_valid_id(&theme) {
        c.err(&[Seg::Key("theme")], msg!("site_theme"));
    }
    Ok(Site {
        public: SitePublic {
            title: title?,
            description: Check::opt_text(description),
            base_url: base_url?,
            language: language?,
            facility: facility?,
            hero,
            skills: skills?,
            theme,
        },
        protect,
        publish,
    })
}

pub(super) fn partner(raw: RawPartner, cx: &Cx, c: &mut Check) -> Result<Partner, Reported> {
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
    let kind = c
        .choice(kind, &[Seg::Key("kind")], &PartnerKind::ALL)
        .map(|k| k.unwrap_or(PartnerKind::Other));
    let website = Check::opt_text(website);
    if let Some(w) = &website
        && !(w.starts_with("https://") || w.starts_with("http://"))
    {
        c.err(&[Seg::Key("website")], msg!("partner_website", value = w));
    }
    let logo = Check::opt_text(logo).and_then(|src| {
        let raw = RawPhoto {
            src: Some(src),
            alt: name.clone().ok(),
            caption: None,
            public: Some(true),
        };
        c.photo(raw, &[Seg::Key("logo")], cx.dir, cx.files, true)
            .ok()
    });
    // A bad logo or date is reported; the partner is still checked further.
    let since = c.date(since, &[Seg::Key("since")]).ok().flatten();
    let internal = partner_internal(internal.as_ref(), c);
    let description = Check::opt_text(description);
    if let Some(d) = &description {
        let line = c.src.pos(&[Seg::Key("description")]).line;
        c.body_images(d, line, cx.dir);
    }
    Ok(Partner {
        public: PartnerPublic {
            id: cx.id.to_string(),
            name: name?,
            kind: kind?,
            description_md: description,
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
                    c.date_of(
                        s,
                        &[Seg::Key("internal"), Seg::Key("agreement"), Seg::Key(field)],
                    )
                    .ok()
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
                        msg!("agreement_expires"),
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

pub(super) fn programme(
    raw: RawProgramme,
    body: &Body,
    cx: &Cx,
    c: &mut Check,
) -> Result<Programme, Reported> {
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
    let start = c.date(start, &[Seg::Key("start")]).ok().flatten();
    let end = c.date(end, &[Seg::Key("end")]).ok().flatten();
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        c.err(
            &[Seg::Key("end")],
            msg!("end_before_start", end = e, start = s),
        );
    }
    let mut out_stages = Vec::new();
    for (i, st) in stages.unwrap_or_default().into_iter().enumerate() {
        let RawStage { name, date, status } = st;
        let here = [Seg::Key("stages"), Seg::Index(i)];
        let name = Check::opt_text(name);
        if name.is_none() {
            c.err(&here, msg!("stage_name", n = i + 1));
        }
        let date = c
            .date(date, &[Seg::Key("stages"), Seg::Index(i), Seg::Key("date")])
            .ok()
            .flatten();
        let status = c
            .choice(
                status,
                &[Seg::Key("stages"), Seg::Index(i), Seg::Key("status")],
                &StageStatus::ALL,
            )
            .map(|s| s.unwrap_or(StageStatus::Todo));
        if let (Some(name), Ok(status)) = (name, status) {
            out_stages.push(Stage { name, date, status });
        }
    }
    let draft = draft.unwrap_or(false);
    if !draft {
        c.body_images(body, c.src.body_line(), cx.dir);
    }
    Ok(Programme {
        draft,
        public: ProgrammePublic {
            id: cx.id.to_string(),
            title: title?,
            kind: Check::opt_text(kind),
            lead: Check::opt_text(lead),
            start,
            end,
            stages: out_stages,
            body_md: body.clone(),
        },
        internal: flatten_notes(internal.as_ref()),
    })
}

/// A training, and the `participants` it declares (checked against a roster later).
pub(super) fn training(
    raw: RawTraining,
    body: &Body,
    cx: &Cx,
    c: &mut Check,
) -> Result<(Training, Option<u32>), Reported> {
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
    let start = c
        .required(start, "start", &msg!("hint_start"))
        .and_then(|s| c.date_of(s, &[Seg::Key("start")]));
    let end = c.date(end, &[Seg::Key("end")]).ok().flatten();
    let status = match status {
        // Silent on status: a training with an end date has happened.
        None => Ok(if end.is_some() {
            Status::Completed
        } else {
            Status::Planned
        }),
        Some(s) => c.choice_of(s, &[Seg::Key("status")], &Status::ALL),
    };
    if let (Ok(s), Some(e)) = (start, end)
        && e < s
    {
        c.err(
            &[Seg::Key("end")],
            msg!("training_end_before_start", end = e, start = s),
        );
    }
    if end.is_none() && status.is_ok_and(|s| s != Status::Planned) {
        c.err(&[], msg!("training_end_required"));
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
        if let Ok(photo) = c.photo(
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
    if let (Ok(skill), Some(skills)) = (&skill, &cx.refs.skills) {
        let skills: BTreeSet<&str> = skills.iter().map(String::as_str).collect();
        c.reference(skill, &[Seg::Key("skill")], &msg!("noun_skill"), &skills);
    }
    c.opt_reference(
        programme.as_ref(),
        "programme",
        &msg!("noun_programme"),
        &cx.refs.programmes,
    );
    let partners = partners.unwrap_or_default();
    c.references(
        &partners,
        "partners",
        &msg!("noun_partner"),
        &cx.refs.partners,
    );
    let mut partner_ids: Vec<String> = Vec::new();
    for (i, p) in partners.into_iter().enumerate() {
        if partner_ids.contains(&p) {
            c.err(
                &[Seg::Key("partners"), Seg::Index(i)],
                msg!("training_partner_twice", id = p),
            );
        } else {
            partner_ids.push(p);
        }
    }
    let draft = draft.unwrap_or(false);
    if !draft && status.is_ok_and(|s| s != Status::Planned) {
        c.body_images(body, c.src.body_line(), cx.dir);
    }
    let training = Training {
        src: c.src.kept(),
        draft,
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
            body_md: body.clone(),
        },
        internal: TrainingInternal {
            private_photos,
            notes: flatten_notes(internal.as_ref()),
            roster: None,
        },
    };
    Ok((training, participants))
}

pub(super) fn outcome(raw: RawOutcome, cx: &Cx, c: &mut Check) -> Result<Outcome, Reported> {
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
    c.opt_reference(
        training.as_ref().ok(),
        "training",
        &msg!("noun_training"),
        &cx.refs.trainings,
    );
    let certifier = Check::opt_text(certifier);
    c.opt_reference(
        certifier.as_ref(),
        "certifier",
        &msg!("noun_partner"),
        &cx.refs.partners,
    );
    let date = c
        .required(date, "date", &msg!("hint_date"))
        .and_then(|d| c.date_of(d, &[Seg::Key("date")]));
    let assessed = assessed.unwrap_or(0);
    let certified = certified.unwrap_or(0);
    if certified > assessed {
        c.err(
            &[Seg::Key("certified")],
            msg!(
                "outcome_certified_gt_assessed",
                certified = certified,
                assessed = assessed
            ),
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
            c.err(&here, msg!("product_name", n = i + 1));
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
            c.err(&here, msg!("product_too_large"));
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
            None => {
                c.err(
                    &[Seg::Key("services"), Seg::Index(i)],
                    msg!("service_name", n = i + 1),
                );
            }
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
                    msg!(
                        "evaluation_range",
                        field = field,
                        value = v,
                        lo = lo,
                        hi = hi
                    ),
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
    let summary = Check::opt_text(summary);
    if let Some(text) = &summary {
        let line = c.src.pos(&[Seg::Key("summary")]).line;
        c.body_images(text, line, cx.dir);
    }
    Ok(Outcome {
        src: c.src.kept(),
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
            summary_md: summary,
        },
        internal: flatten_notes(internal.as_ref()),
    })
}
