//! The shared vocabulary: the closed sets of values records and the site
//! name (languages, genders, statuses, partner kinds, stage statuses), each
//! with the keys it is written as in YAML.
//!
//! A leaf: it imports nothing of the crate, so that `raw`, `model`, `msg`
//! and the views can all name these values without importing each other.

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    /// The values `language` accepts; the JSON Schemas list the same keys.
    pub const ALL: [(&'static str, Lang); 2] = [("id", Lang::Id), ("en", Lang::En)];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerKind {
    Government,
    Business,
    Ngo,
    Education,
    Community,
    Other,
}

impl PartnerKind {
    pub const ALL: [(&'static str, PartnerKind); 6] = [
        ("government", PartnerKind::Government),
        ("business", PartnerKind::Business),
        ("ngo", PartnerKind::Ngo),
        ("education", PartnerKind::Education),
        ("community", PartnerKind::Community),
        ("other", PartnerKind::Other),
    ];

    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("other", |(s, _)| s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageStatus {
    Done,
    Doing,
    Todo,
}

impl StageStatus {
    pub const ALL: [(&'static str, StageStatus); 3] = [
        ("done", StageStatus::Done),
        ("doing", StageStatus::Doing),
        ("todo", StageStatus::Todo),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Planned,
    Ongoing,
    Completed,
}

impl Status {
    pub const ALL: [(&'static str, Status); 3] = [
        ("planned", Status::Planned),
        ("ongoing", Status::Ongoing),
        ("completed", Status::Completed),
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
            Status::Completed => "completed",
        }
    }
}

/// Where `rapor publish` uploads to (`kind:` of a publish target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishKind {
    Folder,
    Sftp,
    Ftp,
    Ftps,
    Git,
}

impl PublishKind {
    pub const ALL: [(&'static str, PublishKind); 5] = [
        ("folder", PublishKind::Folder),
        ("sftp", PublishKind::Sftp),
        ("ftp", PublishKind::Ftp),
        ("ftps", PublishKind::Ftps),
        ("git", PublishKind::Git),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    M,
    F,
}

impl Gender {
    pub const ALL: [(&'static str, Gender); 2] = [("m", Gender::M), ("f", Gender::F)];
}
