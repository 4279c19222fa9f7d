//! rapor: a static site generator for programme reporting at detention
//! centres. This file holds the command line and exit codes, nothing else.

mod audit;
mod diag;
mod i18n;
mod import;
mod load;
mod model;
mod output;
mod parse;
mod photos;
mod pipeline;
mod protect;
mod raw;
mod render;
mod scaffold;
mod schema;
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
    /// Start a new site in DIR: a commented site.yaml and one example of each record.
    Init {
        /// The new site's folder (absent or empty).
        dir: PathBuf,
    },
    /// Write a new record with every field, commented, ready to fill in.
    New {
        /// The kind of record.
        #[arg(value_enum)]
        kind: scaffold::Kind,
        /// Its id: lowercase letters, digits and hyphens (e.g. barbershop-2026).
        id: String,
        /// For an outcome or a roster: the training it belongs to.
        #[arg(long, value_name = "ID")]
        training: Option<String>,
        /// The language of the comments (default: the site's language).
        #[arg(long, value_name = "id|en")]
        lang: Option<LangArg>,
    },
    /// Import records from a spreadsheet (CSV or Excel).
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Write JSON Schemas of the records, for completion and checks in editors.
    Schema {
        /// The folder to write them to (default: the site's schemas/).
        dir: Option<PathBuf>,
        /// Also map them to the content files in .vscode/settings.json.
        #[arg(long)]
        vscode: bool,
    },
    /// Scan a built public site for internal data (names, registration and
    /// certificate numbers, contacts, agreement numbers) of the content.
    Audit {
        /// The folder to scan (default: the site's output/public).
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// A training's participant roster, from a .csv, .xlsx, .xls or .ods file
    /// with one row per participant under a header row.
    Roster {
        /// The spreadsheet.
        file: PathBuf,
        /// The training the roster belongs to.
        #[arg(long, value_name = "ID")]
        training: String,
        /// The sheet to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Replace an existing roster.
        #[arg(long)]
        force: bool,
        /// The language of the messages (default: the site's language).
        #[arg(long, value_name = "id|en")]
        lang: Option<LangArg>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Id,
    En,
}

impl From<LangArg> for model::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Id => model::Lang::Id,
            LangArg::En => model::Lang::En,
        }
    }
}

/// Today's date for the dates `new` and `init` fill in. Taken at UTC+8
/// (WITA, central Indonesia, where the example facility is): the middle of
/// Indonesia's three time zones, so the date is right there and at most an
/// hour early or late at night elsewhere.
fn today() -> model::Date {
    jiff::tz::Offset::constant(8)
        .to_datetime(jiff::Timestamp::now())
        .date()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build => build(&cli.site, true),
        Command::Check => build(&cli.site, false),
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
            report("serve", serve::serve(&cli.site, opts).map(|()| Vec::new()))
        }
        Command::Init { dir } => {
            let done = scaffold::init(&dir, today()).map(|files| {
                let mut lines: Vec<String> =
                    files.iter().map(|f| f.display().to_string()).collect();
                lines.push(format!(
                    "Situs baru siap di {0}. Lanjutkan dengan: rapor build --site {0}",
                    dir.display()
                ));
                lines
            });
            report("init", done)
        }
        Command::New {
            kind,
            id,
            training,
            lang,
        } => {
            let opts = scaffold::NewOptions {
                training: training.as_deref(),
                lang: lang.map(Into::into),
                today: today(),
            };
            let done = scaffold::new_record(&cli.site, kind, &id, &opts)
                .map(|path| vec![path.display().to_string()]);
            report("new", done)
        }
        Command::Audit { dir } => audit(&cli.site, dir.as_deref()),
        Command::Import {
            what:
                ImportCommand::Roster {
                    file,
                    training,
                    sheet,
                    force,
                    lang,
                },
        } => {
            let opts = import::Options {
                file: &file,
                training: &training,
                sheet: sheet.as_deref(),
                force,
                lang: lang.map(Into::into),
            };
            report("import", import::roster(&cli.site, &opts))
        }
        Command::Schema { dir, vscode } => {
            let done = schema::write(&cli.site, dir.as_deref(), vscode)
                .map(|files| files.iter().map(|f| f.display().to_string()).collect());
            report("schema", done)
        }
    }
}

/// Prints what a command did, or its error; exit 1 on error.
fn report(verb: &str, result: Result<Vec<String>, impl std::fmt::Display>) -> ExitCode {
    match result {
        Ok(lines) => {
            for l in lines {
                println!("{l}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("rapor {verb}: {e}");
            ExitCode::from(1)
        }
    }
}

/// `rapor build` (write) and `rapor check`.
fn build(site: &std::path::Path, write: bool) -> ExitCode {
    let verb = if write { "build" } else { "check" };
    let run = pipeline::run(site, write);
    for d in run.diags.sorted() {
        eprintln!("{d}");
    }
    match run.summary {
        Some(s) if write => {
            let internal = match (s.internal_written, s.internal_sealed) {
                (false, _) => "no internal files (not written: no passphrase)".to_string(),
                (true, true) => format!("{} internal files (encrypted)", s.internal_files),
                (true, false) => format!("{} internal files (NOT encrypted)", s.internal_files),
            };
            println!(
                "Built {} public and {internal} ({} photos, {} processed, {} from the cache) in {:.2} s: {}",
                s.public_files,
                s.photos,
                s.photos_decoded,
                s.photos - s.photos_decoded.min(s.photos),
                s.seconds,
                site.join("output").display()
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
