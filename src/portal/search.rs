//! The portal's search: its pages of facilities, provinces, skills and
//! shared partners as
//! documents of the facility site's search index (the same shards, the same
//! `search.js`). Built from the page contexts, which hold public data only.
//! Pure: no I/O.

use super::view::Pages;
use crate::view::search::{Doc, SearchIndex, index_of};

/// Characters of a result's snippet.
const SNIPPET: usize = 160;

/// The index of the portal's pages: facilities first, then provinces, then
/// skills, then shared partners (the order of equally good results).
pub fn index(pages: &Pages) -> SearchIndex {
    let mut docs = Vec::new();
    for (path, f) in &pages.facilities {
        let skills: Vec<&str> = f.skills.iter().map(|r| r.link.title.as_str()).collect();
        let trainings = f.trainings.iter().chain(&f.planned);
        let body: Vec<&str> = trainings
            .map(|t| t.title.as_str())
            .chain(f.stories.iter().map(|s| s.title.as_str()))
            .chain(f.partners.iter().map(|p| p.name.as_str()))
            .collect();
        docs.push(Doc {
            kind: "f",
            id: id_of(path, "facilities/"),
            title: f.name.clone(),
            snippet: cut(&format!("{} · {}", f.region.title, skills.join(", "))),
            products: String::new(),
            summary: [f.region.title.as_str(), &f.title, &skills.join(" ")].join("\n"),
            body: body.join("\n"),
        });
    }
    for (path, r) in &pages.regions {
        let names = r.facilities.iter().map(|f| f.link.title.as_str());
        docs.push(list_doc("r", id_of(path, "regions/"), &r.name, names));
    }
    for (path, s) in &pages.skills {
        let names = s.facilities.iter().map(|f| f.link.title.as_str());
        docs.push(list_doc("k", id_of(path, "skills/"), &s.label, names));
    }
    for (path, p) in &pages.partner_pages {
        let names = p.facilities.iter().map(|f| f.facility.title.as_str());
        docs.push(list_doc("p", id_of(path, "partners/"), &p.name, names));
    }
    index_of(docs)
}

/// A province's, a skill's or a partner's page: found by its name and by the names of
/// the facilities it lists.
fn list_doc<'a>(
    kind: &'static str,
    id: String,
    title: &str,
    names: impl Iterator<Item = &'a str>,
) -> Doc {
    let names: Vec<&str> = names.collect();
    Doc {
        kind,
        id,
        title: title.to_string(),
        snippet: cut(&names.join(", ")),
        products: String::new(),
        summary: names.join("\n"),
        body: String::new(),
    }
}

/// The folder name of a page path (`facilities/x/` -> `x`).
fn id_of(path: &str, section: &str) -> String {
    path.trim_start_matches(section)
        .trim_end_matches('/')
        .to_string()
}

fn cut(text: &str) -> String {
    crate::markdown::excerpt(text, SNIPPET)
}
