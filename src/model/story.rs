//! A story's own checks: raw front matter -> typed story, its cover photo
//! public only with consent, its references checked against the ids that exist.

use super::check::{Check, flatten_notes};
use super::records::Cx;
use super::*;
use crate::diag::Reported;
use crate::msg::msg;
use crate::parse::Seg;
use crate::raw::*;

pub(super) fn story(raw: RawStory, body: &Body, cx: &Cx, c: &mut Check) -> Result<Story, Reported> {
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
    let date = c
        .required(date, "date", &msg!("hint_date"))
        .and_then(|d| c.date_of(d, &[Seg::Key("date")]));
    let programme = Check::opt_text(programme);
    c.opt_reference(
        programme.as_ref(),
        "programme",
        &msg!("noun_programme"),
        &cx.refs.programmes,
    );
    let trainings = trainings.unwrap_or_default();
    c.references(
        &trainings,
        "trainings",
        &msg!("noun_training"),
        &cx.refs.trainings,
    );
    let partners = partners.unwrap_or_default();
    c.references(
        &partners,
        "partners",
        &msg!("noun_partner"),
        &cx.refs.partners,
    );
    let cover = cover.and_then(|p| {
        c.photo(p, &[Seg::Key("cover")], cx.dir, cx.files, false)
            .ok()
    });
    let (cover, private_cover) = match cover {
        Some(p) if p.public => (Some(p), None),
        other => (None, other),
    };
    let mut clean_tags = Vec::new();
    for (i, t) in tags.unwrap_or_default().into_iter().enumerate() {
        let t = t.trim().to_string();
        if crate::text::slugify(&t).is_empty() {
            c.err(&[Seg::Key("tags"), Seg::Index(i)], msg!("story_tag"));
        } else if !clean_tags.contains(&t) {
            clean_tags.push(t);
        }
    }
    let draft = draft.unwrap_or(false);
    if !draft {
        c.body_images(body, c.src.body_line(), cx.dir);
    }
    Ok(Story {
        draft,
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
            body_md: body.clone(),
        },
        internal: StoryInternal {
            private_cover,
            notes: flatten_notes(internal.as_ref()),
        },
    })
}
