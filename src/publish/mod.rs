//! `rapor publish`: uploads `output/public` (and a sealed internal site to a
//! target marked internal) to the targets named in `content/site.yaml`.

pub mod ftp;
pub mod sftp;
pub mod target;
