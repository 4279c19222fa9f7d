//! View stage: what templates are given, already formatted for the site's
//! language.
//!
//! [`SiteViews`] is built by `site::build` from a [`Catalog`] of *public
//! parts* only (`TrainingPublic`, `StoryPublic`, ...): no internal field
//! exists in any type of `types.rs`. `public.rs` fills the catalog from the public
//! model (drafts left out, planned trainings as title, skill and dates
//! only); `internal.rs` fills it with everything and adds the internal parts
//! beside it, in types of its own. `training.rs` makes a training's page,
//! `impact.rs` the figures and charts, `photo.rs` the photos, `urls.rs` the
//! pages' addresses; `report.rs`, `exports.rs` and `search.rs` the report,
//! the CSV exports and the search index.

mod cycles;
mod exports;
mod impact;
pub use self::exports::portal_files;
pub use self::impact::totals_figures;
pub use self::photo::{add_photo, photo_view};
pub mod internal;
mod photo;
pub mod public;
pub mod report;
pub mod search;
mod site;
mod training;
mod types;
mod urls;

pub use self::site::SiteViews;
pub use self::types::*;
pub use self::urls::*;
