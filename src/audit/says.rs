//! The audit's messages, from the catalogue (`src/msg/cli.rs`).

use super::secrets::{Secret, What};
use super::trace::Field;
use crate::msg::{Message, msg};

pub(super) fn what(s: &Secret) -> Message {
    let o = &s.owner;
    match s.what {
        What::Name => msg!("audit_what_name", owner = o),
        What::Registration => msg!("audit_what_registration", owner = o),
        What::Certificate => msg!("audit_what_certificate", owner = o),
        What::ContactName => msg!("audit_what_contact_name", owner = o),
        What::Phone => msg!("audit_what_phone", owner = o),
        What::Email => msg!("audit_what_email", owner = o),
        What::Agreement => msg!("audit_what_agreement", owner = o),
    }
}

pub(super) fn origin(s: &Secret) -> String {
    format!("{}, {}", s.file.display(), s.field)
}

/// A public content field shows a value.
pub(super) fn in_field(noun: &Option<Message>, field: &Field, s: &Secret) -> Message {
    let place = match field {
        Field::Body => msg!("audit_place_body", noun = noun.clone()),
        Field::Key(k) => msg!("audit_place_key", noun = noun.clone(), key = k),
        Field::Id => msg!("audit_place_id", noun = noun.clone()),
        Field::Theme => msg!("audit_place_theme"),
    };
    msg!(
        "audit_in_field",
        place = place,
        what = what(s),
        origin = origin(s),
        remove = msg!("audit_remove")
    )
}

/// The build found a value in output that no public content field explains.
/// `record`: the content file of the page that shows it, if any.
pub(super) fn untraced(s: &Secret, others: usize, record: Option<&std::path::Path>) -> Message {
    let more = match others {
        0 => None,
        1 => Some(msg!("audit_and_one_more")),
        n => Some(msg!("audit_and_more", n = n)),
    };
    match record {
        Some(r) => msg!(
            "audit_untraced_record",
            what = what(s),
            origin = origin(s),
            more = more,
            record = r.display(),
            remove = msg!("audit_remove")
        ),
        None => msg!(
            "audit_untraced",
            what = what(s),
            origin = origin(s),
            more = more,
            remove = msg!("audit_remove")
        ),
    }
}

/// `rapor audit`: a value found in a file of an existing output folder.
pub(super) fn in_output(s: &Secret, in_name: bool, from: &[String]) -> Message {
    let source = if from.is_empty() {
        msg!("audit_source_unknown")
    } else {
        msg!("audit_source_from", from = from.join(", "))
    };
    if in_name {
        msg!(
            "audit_in_output_name",
            what = what(s),
            origin = origin(s),
            source = source
        )
    } else {
        msg!(
            "audit_in_output_file",
            what = what(s),
            origin = origin(s),
            source = source
        )
    }
}

/// A record's id makes the address of an internal page.
pub(super) fn internal_id(noun: &Message, s: &Secret) -> Message {
    msg!(
        "audit_internal_id",
        noun = noun,
        what = what(s),
        origin = origin(s),
        rename = msg!("audit_rename")
    )
}

/// The path of an internal file shows a value.
pub(super) fn internal_path(s: &Secret) -> Message {
    msg!(
        "audit_internal_path",
        what = what(s),
        origin = origin(s),
        rename = msg!("audit_rename")
    )
}

pub(super) fn more_files(s: &Secret, n: usize) -> Message {
    msg!(
        "audit_more_files",
        what = what(s),
        origin = origin(s),
        n = n
    )
}

pub(super) fn unreadable(e: &std::io::Error) -> Message {
    msg!("audit_unreadable", error = e)
}

pub(super) fn no_folder(dir: &std::path::Path) -> Message {
    msg!("audit_no_folder", dir = dir.display())
}
