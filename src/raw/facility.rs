//! `facility:` in site.yaml: the facility's name, and (a contract addition,
//! all optional) the identity an official document carries: its logo,
//! address and contacts, the office above it, and who signs its reports.
//! Everything here is public: it is printed on the site and its report.

use schemars::JsonSchema;
use serde::Deserialize;

/// The facility: `facility:` in site.yaml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Facility")]
pub struct RawFacility {
    /// Required. The facility's official name.
    #[schemars(required)]
    pub name: Option<String>,
    /// A short name, e.g. Rutan Ruteng.
    pub short_name: Option<String>,
    /// The province or region.
    pub region: Option<String>,
    /// The facility's logo: an image file in content/ (e.g. media/logo.png),
    /// shown in the header and on the report's letterhead.
    pub logo: Option<String>,
    /// The office above the facility, printed above its name on the report
    /// (e.g. Kantor Wilayah Kementerian Imigrasi dan Pemasyarakatan NTT).
    pub parent: Option<String>,
    /// The postal address, on one line.
    pub address: Option<String>,
    /// The office telephone number.
    pub phone: Option<String>,
    /// The office email address.
    pub email: Option<String>,
    /// The facility's own website, starting with https://.
    pub website: Option<String>,
    /// Social media accounts: a name and an address each.
    pub social: Option<Vec<RawSocial>>,
    /// Who signs the report: the head of the facility.
    pub head: Option<RawHead>,
    /// The place written before the date of signing (default: the region).
    pub signing_place: Option<String>,
}

/// A social media account of the facility.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Social")]
pub struct RawSocial {
    /// Required. The network's name, e.g. Instagram.
    #[schemars(required)]
    pub name: Option<String>,
    /// Required. The account's address, starting with https://.
    #[schemars(required)]
    pub url: Option<String>,
}

/// The head of the facility, as the report's signature block names them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Head")]
pub struct RawHead {
    /// Required. The name, with titles as written on letters.
    #[schemars(required)]
    pub name: Option<String>,
    /// Required. The position, e.g. Kepala Rutan Kelas IIB Ruteng.
    #[schemars(required)]
    pub title: Option<String>,
    /// The civil servant number printed under the name (NIP), if the
    /// facility's letters show it.
    pub nip: Option<String>,
}
