//! rapor: a static site generator for programme reporting at detention
//! centres. This file holds the command line and exit codes, nothing else.

mod audit;
mod diag;
mod i18n;
mod load;
mod model;
mod output;
mod parse;
mod photos;
mod pipeline;
mod raw;
mod render;
mod serve;
mod stats;
mod text;
mod theme;
mod view;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Builds a facility's public and internal reporting websites from the
/// records in `content/`.
#[derive(Parser)]
#[command(name = "rapor", version, about, long_about = None)]
struct Cli {
    /// The site folder (the one holding `content/`).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    site: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build output/public and output/internal.
    Build,
    /// Check the content for mistakes without writing anything.
    Check,
    /// Serve the site on this computer and rebuild it at every change.
    Serve {
        /// Serve the internal site (with personal data) instead of the public one.
        #[arg(long)]
        internal: bool,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8787)]
        port: u16,
        /// The address to listen on. The default serves this computer only.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Scan a built public site for internal data (names, registration and
    /// certificate numbers, contacts, agreement numbers) of the content.
    Audit {
        /// The folder to scan (default: the site's output/public).
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (write, verb) = match cli.command {
        Command::Build => (true, "build"),
        Command::Check => (false, "check"),
        Command::Serve {
            internal,
            port,
            bind,
            open,
        } => {
            let opts = serve::Options {
                internal,
                port,
                bind,
                open,
            };
            return match serve::serve(&cli.site, opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("rapor serve: {e}");
                    ExitCode::from(1)
                }
            };
        }
        Command::Audit { dir } => return audit(&cli.site, dir.as_deref()),
    };
    let run = pipeline::run(&cli.site, write);
    for d in run.diags.sorted() {
        eprintln!("{d}");
    }
    match run.summary {
        Some(s) if write => {
            println!(
                "Built {} public and {} internal files ({} photos, {} processed, {} from the cache) in {:.2} s: {}",
                s.public_files,
                s.internal_files,
                s.photos,
                s.photos_decoded,
                s.photos - s.photos_decoded.min(s.photos),
                s.seconds,
                cli.site.join("output").display()
            );
            ExitCode::SUCCESS
        }
        Some(_) => {
            println!("No problems found.");
            ExitCode::SUCCESS
        }
        None => {
            let n = run.diags.error_count();
            let problems = format!("{n} problem{} to fix", if n == 1 { "" } else { "s" });
            if write {
                eprintln!("rapor {verb} failed: {problems}; output/ was not changed");
            } else {
                eprintln!("rapor {verb}: {problems}");
            }
            ExitCode::from(1)
        }
    }
}

fn audit(site: &std::path::Path, dir: Option<&std::path::Path>) -> ExitCode {
    let mut diags = diag::Diagnostics::new();
    let summary = audit::audit_dir(site, dir, &mut diags);
    for d in diags.sorted() {
        eprintln!("{d}");
    }
    match summary {
        Some(s) => {
            println!(
                "No internal data found: {} files ({:.1} MB) scanned for {} identity values in {} forms.",
                s.files,
                s.bytes as f64 / 1e6,
                s.values,
                s.forms
            );
            ExitCode::SUCCESS
        }
        None => {
            let n = diags.error_count();
            eprintln!(
                "rapor audit: {n} problem{} to fix",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}
