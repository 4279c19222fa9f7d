//! `facility:` of site.yaml checked: the name it must have, and the
//! identity it may have (logo, address, contacts, parent office, head).

use std::collections::BTreeSet;

use super::check::Check;
use super::{Facility, Head};
use crate::diag::Reported;
use crate::msg::msg;
use crate::parse::Seg;
use crate::raw::{RawFacility, RawHead, RawPhoto};

/// `dir` and `files`: where site.yaml is, and the files of `content/` (for the logo).
pub(super) fn facility(
    f: RawFacility,
    dir: &str,
    files: &BTreeSet<String>,
    c: &mut Check,
) -> Result<Facility, Reported> {
    let RawFacility {
        name,
        short_name,
        region,
        logo,
        parent,
        address,
        phone,
        email,
        website,
        social,
        head,
        signing_place,
    } = f;
    let at = |k: &'static str| [Seg::Key("facility"), Seg::Key(k)];
    let name = Check::opt_text(name)
        .ok_or_else(|| c.err(&[Seg::Key("facility")], msg!("site_facility_name")));
    let logo = Check::opt_text(logo).and_then(|src| {
        let raw = RawPhoto {
            src: Some(src),
            alt: name.clone().ok(),
            caption: None,
            public: Some(true),
        };
        c.photo(raw, &at("logo"), dir, files, true).ok()
    });
    let website = Check::opt_text(website);
    if let Some(w) = &website
        && !is_web_address(w)
    {
        c.err(&at("website"), msg!("partner_website", value = w));
    }
    let email = Check::opt_text(email);
    if let Some(e) = &email
        && !is_email(e)
    {
        c.err(&at("email"), msg!("facility_email", value = e));
    }
    let mut accounts = Vec::new();
    for (i, s) in social.into_iter().flatten().enumerate() {
        let here = [Seg::Key("facility"), Seg::Key("social"), Seg::Index(i)];
        match (Check::opt_text(s.name), Check::opt_text(s.url)) {
            (Some(n), Some(u)) if is_web_address(&u) => accounts.push((n, u)),
            (Some(_), Some(u)) => {
                let url = [
                    Seg::Key("facility"),
                    Seg::Key("social"),
                    Seg::Index(i),
                    Seg::Key("url"),
                ];
                c.err(&url, msg!("facility_social_url", value = u));
            }
            _ => {
                c.err(&here, msg!("facility_social_missing"));
            }
        }
    }
    let head = head.and_then(|h| {
        let RawHead { name, title, nip } = h;
        match (Check::opt_text(name), Check::opt_text(title)) {
            (Some(name), Some(title)) => Some(Head {
                name,
                title,
                nip: Check::opt_text(nip),
            }),
            _ => {
                c.err(&at("head"), msg!("facility_head_missing"));
                None
            }
        }
    });
    Ok(Facility {
        name: name?,
        short_name: Check::opt_text(short_name),
        region: Check::opt_text(region),
        logo,
        parent: Check::opt_text(parent),
        address: Check::opt_text(address),
        phone: Check::opt_text(phone),
        email,
        website,
        social: accounts,
        head,
        signing_place: Check::opt_text(signing_place),
    })
}

fn is_web_address(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
}

fn is_email(e: &str) -> bool {
    e.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !e.contains(char::is_whitespace)
    })
}
