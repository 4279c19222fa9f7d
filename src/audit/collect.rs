//! Collecting the identity values of the internal data from the model.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::needles;
use super::secrets::{Secret, What};
use crate::model::Model;

/// Every identity value of the model that is long enough to search for,
/// each value once (the first place it is kept names it).
pub fn secrets(model: &Model) -> Vec<Secret> {
    let mut out = Vec::new();
    for t in &model.trainings {
        let Some(roster) = &t.internal.roster else {
            continue;
        };
        for (i, p) in roster.participants.iter().enumerate() {
            let n = i + 1;
            let mut add = |value: &str, what, field: &str| {
                out.push(Secret {
                    value: value.trim().to_string(),
                    what,
                    owner: t.public.id.clone(),
                    file: roster.src.path.clone(),
                    field: format!("participants[{n}].{field}"),
                });
            };
            add(&p.name, What::Name, "name");
            add(&p.id, What::Registration, "id");
            if let Some(c) = &p.certificate_no {
                add(c, What::Certificate, "certificate_no");
            }
        }
    }
    for p in &model.partners {
        let file = PathBuf::from(format!("content/partners/{}.yaml", p.public.id));
        let mut add = |value: &Option<String>, what, field: &str| {
            if let Some(v) = value {
                out.push(Secret {
                    value: v.trim().to_string(),
                    what,
                    owner: p.public.id.clone(),
                    file: file.clone(),
                    field: field.to_string(),
                });
            }
        };
        if let Some(c) = &p.internal.contact {
            add(&c.name, What::ContactName, "internal.contact.name");
            add(&c.phone, What::Phone, "internal.contact.phone");
            add(&c.email, What::Email, "internal.contact.email");
        }
        if let Some(a) = &p.internal.agreement {
            add(&a.number, What::Agreement, "internal.agreement.number");
        }
    }
    // Values too short to search are dropped, and a value kept twice (as
    // a reader reads it) is named by its first place.
    let mut seen = BTreeSet::new();
    out.retain(|s| {
        needles::forms(&s.value)
            .into_iter()
            .next()
            .is_some_and(|f| seen.insert(f))
    });
    out
}
