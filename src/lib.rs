//! rapor's stages, as a library; `src/main.rs` is the command line on top.
//!
//! The pipeline reads in the module list: `load` (files) -> `parse` (raw
//! records) -> `model` (validated, typed) -> `stats` -> `view` (public |
//! internal) -> `render` -> `protect` -> `output`. Being a library also lets
//! rustdoc prove what must *not* compile: the doctests on
//! [`model::PublicModel`] show that the public view cannot name an internal
//! field.
//!
//! Modules the command line calls are public; the rest are the crate's own.

mod assets;
pub mod audit;
mod charts;
pub mod diag;
pub mod edit;
mod files;
mod i18n;
pub mod import;
mod load;
mod markdown;
pub mod model;
pub mod msg;
mod output;
mod parse;
mod photos;
pub mod pipeline;
pub mod portal;
mod protect;
pub mod publish;
mod raw;
mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
mod stamp;
mod stats;
#[cfg(test)]
mod testing;
mod text;
mod theme;
pub mod usage;
mod view;
pub mod vocab;
mod watch;
mod yaml;

pub use load::site_language;
