//! `publish:` in site.yaml: where `rapor publish` uploads the site. A
//! contract addition: a site without it builds as before.
//!
//! Secrets never live here: a password is named by the environment
//! variable that holds it (`password_env`). The keys a person would write a
//! password under are read only to be refused, with a message that never
//! repeats the value; the JSON Schema does not offer them.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_yaml::Value;

use super::shape;
use crate::vocab::PublishKind;

/// One place the site is published to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "PublishTarget")]
pub struct RawPublishTarget {
    /// Required. The target's name, given to `rapor publish NAME` (lowercase letters, digits, dashes).
    #[schemars(required, transform = shape::id)]
    pub name: Option<String>,
    /// Required. folder (a USB stick or shared drive), sftp, ftp, ftps (FTP with TLS) or git.
    #[schemars(required, transform = shape::choice(&PublishKind::ALL))]
    pub kind: Option<String>,
    /// The server's name (sftp, ftp, ftps), e.g. files.example.id.
    pub host: Option<String>,
    /// The server's port (default 22 for sftp, 21 for ftp and ftps).
    pub port: Option<u16>,
    /// The user name on the server (sftp, ftp, ftps).
    pub user: Option<String>,
    /// The remote folder, e.g. public_html; for folder, a folder on this computer.
    pub path: Option<String>,
    /// The environment variable that holds the password, e.g. RAPOR_PUBLISH_PASSWORD (never the password itself).
    pub password_env: Option<String>,
    /// sftp: a private key file on this computer, e.g. ~/.ssh/id_ed25519.
    pub key_file: Option<String>,
    /// sftp: the server's host key fingerprint, SHA256:..., as rapor prints it on the first connection.
    pub host_key: Option<String>,
    /// sftp: a known_hosts file to trust instead of the user's ~/.ssh/known_hosts.
    pub known_hosts: Option<String>,
    /// ftps: a CA certificate (PEM) to trust, for a server with its own certificate.
    pub ca_file: Option<String>,
    /// git: the repository to push to (an address, or a folder with a bare repository).
    pub url: Option<String>,
    /// git: the branch to push to (default gh-pages).
    pub branch: Option<String>,
    /// true: this target receives the sealed internal site, not the public one.
    pub internal: Option<bool>,
    // Refused, whatever they hold: a secret written into the site folder.
    #[schemars(skip)]
    pub password: Option<Value>,
    #[schemars(skip)]
    pub passphrase: Option<Value>,
    #[schemars(skip)]
    pub token: Option<Value>,
    #[schemars(skip)]
    pub secret: Option<Value>,
    #[schemars(skip)]
    pub key: Option<Value>,
}

/// The keys of [`RawPublishTarget`] that would hold a secret.
pub const SECRET_KEYS: [&str; 5] = ["password", "passphrase", "token", "secret", "key"];
