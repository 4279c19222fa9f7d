//! Raw records -> validated model: field checks per record (in parallel),
//! then the checks that need every record (references, counts).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::check::{Check, Refs};
use super::records::{Cx, outcome, partner, programme, site, training};
use super::roster::roster;
use super::story::story;
use super::*;
use crate::diag::{Diagnostics, Pos, Reported};
use crate::load::{Content, Kind, Source};
use crate::msg::{Message, msg};
use crate::parse::{FrontMatterError, Seg, from_yaml, split_front_matter};
use crate::raw::*;

/// One record after its own checks, before cross-references.
#[derive(Clone)]
enum Parsed {
    Site(Box<Site>),
    Partner(Partner),
    Programme(Programme),
    Training(Training, Option<u32>),
    Outcome(Outcome),
    Story(Story),
    Roster(String, Option<String>, Roster),
}

/// Per-file results of the previous build, for `rapor serve`: a file whose
/// text and surroundings (the ids that exist, the skills, the files) have not
/// changed is not parsed again.
#[derive(Default)]
pub struct ParseMemo {
    entries: HashMap<std::path::PathBuf, MemoEntry>,
}

/// (fingerprint of the surroundings, the text parsed, the result), shared
/// with the build that made it rather than copied.
type MemoEntry = (u64, Arc<str>, Shared, Arc<Diagnostics>);

/// One record's parse, shared between the memo and the build.
type Shared = Result<Arc<Parsed>, Reported>;

/// Builds the model, or `Err` when any error was reported. With a `memo`
/// (`rapor serve`), unchanged files are not parsed again.
pub fn build_with(
    content: &Content,
    memo: Option<&mut ParseMemo>,
    diags: &mut Diagnostics,
) -> Result<Model, Reported> {
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
        if let Ok(Parsed::Site(s)) = parse_source(src, &content.files, &refs, diags) {
            refs.skills = Some(s.public.skills.iter().map(|(k, _)| k.clone()).collect());
            site = Some(*s);
        }
    }
    // Only `serve` remembers parses; a plain build does not hash the
    // surroundings (every file name of the site) for nothing.
    let surroundings = if memo.is_some() {
        fingerprint(&(
            &refs.partners,
            &refs.programmes,
            &refs.trainings,
            &refs.skills,
            &content.files,
        ))
    } else {
        0
    };
    let previous = memo.as_ref().map(|m| &m.entries);
    let results: Vec<(Shared, Arc<Diagnostics>)> = content
        .sources
        .par_iter()
        .filter(|src| src.kind != Kind::Site)
        .map(|src| {
            if let Some((around, text, parsed, d)) = previous.and_then(|p| p.get(&src.path))
                && *around == surroundings
                && (Arc::ptr_eq(text, &src.text) || text == &src.text)
            {
                return (parsed.clone(), d.clone());
            }
            let mut d = Diagnostics::new();
            let parsed = parse_source(src, &content.files, &refs, &mut d);
            (parsed.map(Arc::new), Arc::new(d))
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
        // Owned again: a copy only of what the memo shares.
        diags.extend(Arc::unwrap_or_clone(d));
        match parsed.map(Arc::unwrap_or_clone) {
            Ok(Parsed::Site(_)) | Err(_) => {}
            Ok(Parsed::Partner(p)) => partners.push(p),
            Ok(Parsed::Programme(p)) => programmes.push(p),
            Ok(Parsed::Training(t, participants)) => {
                declared.insert(t.public.id.clone(), participants);
                trainings.push(t);
            }
            Ok(Parsed::Outcome(o)) => outcomes.push(o),
            Ok(Parsed::Story(s)) => stories.push(s),
            Ok(Parsed::Roster(stem, training, r)) => rosters.push((stem, training, r)),
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
    let own = site
        .iter()
        .flat_map(|s| s.public.facility.logo.iter().chain(&s.public.hero));
    check_photo_consent(&trainings, &stories, &partners, own, diags);
    check_totals(&trainings, &outcomes, diags);

    if let Some(reported) = diags.reported() {
        return Err(reported);
    }
    // `load` reports a missing site.yaml; this is for content made otherwise.
    let site = site.ok_or_else(|| {
        diags.error(
            std::path::Path::new("content/site.yaml"),
            Pos::default(),
            msg!("load_no_site_yaml"),
        )
    })?;
    Ok(Model {
        site,
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
) -> Result<Parsed, Reported> {
    // Before anything is decoded: YAML values and Markdown bodies alike.
    if let Some((pos, c)) = crate::parse::control_char(&src.text) {
        let code = format!("U+{:04X}", u32::from(c));
        let message = msg!("control_char", code = code, line = pos.line);
        return Err(diags.error(&src.path, pos, message));
    }
    let markdown = matches!(src.kind, Kind::Programme | Kind::Training | Kind::Story);
    let (yaml, offset, body) = if markdown {
        match split_front_matter(&src.text) {
            Ok(fm) => (fm.yaml, fm.yaml_line_offset, fm.body),
            Err(FrontMatterError::Missing) => {
                return Err(diags.error(&src.path, Pos::new(1, 1), msg!("fm_missing")));
            }
            Err(FrontMatterError::Unterminated) => {
                return Err(diags.error(&src.path, Pos::new(1, 1), msg!("fm_unterminated")));
            }
        }
    } else {
        (
            src.text.strip_prefix('\u{feff}').unwrap_or(&src.text),
            0,
            "",
        )
    };
    let body = &Body::within(&src.text, body);
    let private = super::check::private_file(&src.path);
    let cx = Cx {
        id: &src.id,
        dir: &src.dir,
        files,
        refs,
    };
    // Every problem of the YAML is reported, and the model's checks still
    // run on the fields that decoded, so one run shows them all.
    macro_rules! checked {
        ($t:ty, |$raw:ident, $c:ident| $body:expr) => {{
            let decoded = from_yaml::<$t>(yaml, private);
            let mut reported = None;
            for e in decoded.errors {
                let pos = Pos::new(e.pos.line + offset, e.pos.col);
                reported = Some(diags.error(&src.path, pos, e.message));
            }
            // No value only after a syntax error, which was reported.
            let Some($raw) = decoded.value else {
                return Err(reported.expect("a YAML error without a value is reported"));
            };
            let yaml_text = crate::text::Shared::within(&src.text, yaml);
            let sref = SrcRef::new(src.path.clone(), yaml_text, offset, decoded.spans)
                .with_failed(decoded.failed);
            let $c = &mut Check { src: &sref, diags };
            $body
        }};
    }
    Ok(match src.kind {
        Kind::Site => Parsed::Site(Box::new(checked!(RawSite, |raw, c| site(raw, &cx, c)?))),
        Kind::Partner => Parsed::Partner(checked!(RawPartner, |raw, c| partner(raw, &cx, c)?)),
        Kind::Programme => Parsed::Programme(checked!(RawProgramme, |raw, c| programme(
            raw, body, &cx, c
        )?)),
        Kind::Training => {
            let (t, declared) = checked!(RawTraining, |raw, c| training(raw, body, &cx, c)?);
            Parsed::Training(t, declared)
        }
        Kind::Outcome => Parsed::Outcome(checked!(RawOutcome, |raw, c| outcome(raw, &cx, c)?)),
        Kind::Story => Parsed::Story(checked!(RawStory, |raw, c| story(raw, body, &cx, c)?)),
        Kind::Roster => {
            let (training, roster) = checked!(RawRoster, |raw, c| roster(raw, c)?);
            Parsed::Roster(src.id.clone(), training, roster)
        }
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
            // A roster is internal data: its `training` is not quoted, nor a
            // file name built from it (the file's own name is already shown).
            let message = if super::check::private_file(&src.path) {
                msg!("roster_training_mismatch_private", stem = stem)
            } else {
                msg!("roster_training_mismatch", training = training, stem = stem)
            };
            c.err(&[Seg::Key("training")], message);
            continue;
        }
        let noun = msg!("noun_training");
        if !c.reference(&training, &[Seg::Key("training")], &noun, training_ids) {
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
                    msg!(
                        "headcount_mismatch",
                        n = n,
                        roster = r.src.path.display(),
                        count = r.participants.len()
                    ),
                );
            }
            (Some(r), _) => {
                t.public.headcount = u32::try_from(r.participants.len()).unwrap_or(u32::MAX)
            }
            (None, None) if t.public.status != Status::Planned => {
                c.err(&[], msg!("participants_required"));
            }
            _ => {}
        }
    }
}

fn check_outcomes(outcomes: &[Outcome], trainings: &[Training], diags: &mut Diagnostics) {
    let mut certified_by_training: BTreeMap<&str, (u64, Vec<&Outcome>)> = BTreeMap::new();
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
                msg!("outcome_planned", id = t.public.id),
            );
        }
        let headcount = t.public.headcount;
        if o.public.assessed > headcount && t.public.status != Status::Planned {
            c.err(
                &[Seg::Key("assessed")],
                msg!(
                    "outcome_assessed_gt_headcount",
                    assessed = o.public.assessed,
                    headcount = headcount,
                    id = t.public.id
                ),
            );
        }
        let entry = certified_by_training
            .entry(t.public.id.as_str())
            .or_default();
        entry.0 += u64::from(o.public.certified);
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
        if in_roster as u64 != certified {
            for o in outs {
                let mut c = Check { src: &o.src, diags };
                c.err(
                    &[Seg::Key("certified")],
                    msg!(
                        "outcome_certified_roster",
                        certified = o.public.certified,
                        roster = roster.src.path.display(),
                        count = in_roster
                    ),
                );
            }
        }
    }
}

/// A photo has one answer about consent: the same file named public in one
/// place and without consent in another is an error at each public use,
/// naming the other place.
fn check_photo_consent<'a>(
    trainings: &'a [Training],
    stories: &'a [Story],
    partners: &'a [Partner],
    own: impl Iterator<Item = &'a Photo>,
    diags: &mut Diagnostics,
) {
    let photos = trainings
        .iter()
        .flat_map(|t| t.public.photos.iter().chain(&t.internal.private_photos))
        .chain(
            stories
                .iter()
                .flat_map(|s| s.public.cover.iter().chain(&s.internal.private_cover)),
        )
        .chain(partners.iter().filter_map(|p| p.public.logo.as_ref()))
        .chain(own);
    let mut private: BTreeMap<&str, &NamedAt> = BTreeMap::new();
    let mut public = Vec::new();
    for p in photos {
        if p.public {
            public.push(p);
        } else {
            private.entry(p.path.as_str()).or_insert(&p.named_at);
        }
    }
    for p in public {
        if let Some(other) = private.get(p.path.as_str()) {
            diags.error(
                &p.named_at.file,
                p.named_at.pos,
                msg!(
                    "photo_public_and_private",
                    field = p.named_at.field,
                    path = p.path,
                    other = other
                ),
            );
        }
    }
}

/// The impact figures are sums over many records. A sum that does not fit
/// is an error at the field that makes it overflow, never a wrapped or
/// capped total. Every training and outcome is summed here, drafts and
/// planned ones too (more than any figure counts), so no figure that
/// `stats` computes from a built model can overflow.
fn check_totals(trainings: &[Training], outcomes: &[Outcome], diags: &mut Diagnostics) {
    /// A running total; `None` once it has overflowed (and was reported).
    struct Total(Option<u64>);
    impl Total {
        /// Adds `value`; on overflow reports `message` at `path`.
        fn add(
            &mut self,
            value: u64,
            src: &SrcRef,
            path: &[Seg],
            message: impl FnOnce() -> Message,
            diags: &mut Diagnostics,
        ) {
            let Some(total) = self.0 else { return };
            self.0 = total.checked_add(value);
            if self.0.is_none() {
                diags.error(&src.path, src.pos(path), message());
            }
        }
    }
    let overflow = |path: &[Seg], value: u64| {
        let field = super::check::path_name(path);
        msg!(
            "total_overflow",
            field = field,
            value = value,
            max = u64::MAX
        )
    };
    let (mut state, mut partner) = (Total(Some(0)), Total(Some(0)));
    for t in trainings {
        let cost = t.public.cost;
        let at = |f| [Seg::Key("cost"), Seg::Key(f)];
        let (s, p) = (cost.state_budget_idr, cost.partner_contribution_idr);
        let (s_at, p_at) = (at("state_budget_idr"), at("partner_contribution_idr"));
        state.add(s, &t.src, &s_at, || overflow(&s_at, s), diags);
        partner.add(p, &t.src, &p_at, || overflow(&p_at, p), diags);
    }
    let (mut units, mut value) = (Total(Some(0)), Total(Some(0)));
    for o in outcomes {
        for (i, p) in o.public.products.iter().enumerate() {
            let q_at = [Seg::Key("products"), Seg::Index(i), Seg::Key("quantity")];
            units.add(
                p.quantity,
                &o.src,
                &q_at,
                || overflow(&q_at, p.quantity),
                diags,
            );
            // A product worth too much on its own was reported by the model.
            let Some(v) = p.quantity.checked_mul(p.unit_value_idr) else {
                continue;
            };
            if v > i64::MAX as u64 {
                continue;
            }
            let here = [Seg::Key("products"), Seg::Index(i)];
            let message = || {
                let field = super::check::path_name(&here);
                msg!(
                    "total_overflow_product",
                    field = field,
                    value = v,
                    max = u64::MAX
                )
            };
            value.add(v, &o.src, &here, message, diags);
        }
    }
}
