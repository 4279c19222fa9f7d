//! rapor: a static site generator for programme reporting at detention
//! centres. This file holds the command line and exit codes, nothing else;
//! the stages are the library's (src/lib.rs).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use rapor::msg::msg;
use rapor::{audit, diag, import, model, msg, pipeline, scaffold, schema, serve, usage, vocab};

/// mimalloc rather than the system's allocator. With glibc's, a 100,000-record
/// build spent 18% of its CPU in malloc and free (10% at 10,000), searching and
/// merging free lists that grow with the heap, so the time per record grew
/// with the site (README: "The time per record, with mimalloc").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Builds a facility's public and internal reporting websites from the
/// records in `content/`.
#[derive(Parser)]
#[command(name = "rapor", version, about, long_about = None)]
struct Cli {
    /// The site folder (the one holding `content/`).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    site: PathBuf,

    /// The language of rapor's messages, and of the comments `new` writes
    /// (default: `language` in the site's content/site.yaml, else id).
    #[arg(long, global = true, value_name = "id|en")]
    lang: Option<LangArg>,

    /// What to do; with none (rapor opened by a double click), the editor
    /// of the site in this folder, or a new site made first.
    #[command(subcommand)]
    command: Option<Command>,
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
    /// Edit the records in the browser: forms for every kind, with checks
    /// before anything is saved, and a preview beside them.
    Edit {
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8788)]
        port: u16,
        /// Do not open the browser (the address is printed).
        #[arg(long)]
        no_open: bool,
        /// Refused: the editor serves this computer only.
        #[arg(long, value_name = "ADDR", hide = true)]
        bind: Option<String>,
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
    /// Upload the built public site (and a sealed internal one to a target
    /// marked internal) to the targets under `publish:` in site.yaml.
    Publish {
        /// The target's name (default: every target, in order).
        target: Option<String>,
        /// Only list what would be sent and removed; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// After a publish that went through, keep the password from the
        /// environment variable in this computer's keyring.
        #[arg(long, conflicts_with = "dry_run")]
        remember: bool,
        /// Remove the password this computer's keyring keeps for the
        /// target(s), then stop.
        #[arg(long, conflicts_with_all = ["dry_run", "remember"])]
        forget: bool,
    },
    /// A national portal over many facility sites: `rapor portal build`.
    Portal {
        /// What to do (build: write the portal's output/public).
        #[arg(value_enum)]
        action: rapor::portal::Action,
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
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Id,
    En,
}

impl From<LangArg> for vocab::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Id => vocab::Lang::Id,
            LangArg::En => vocab::Lang::En,
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
    // Messages follow --lang, else the site's own language, else Indonesian;
    // known before the command line is read, so that its help and its
    // mistakes are said in that language too.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    msg::set_lang(usage::lang_of_args(&args));
    let mut command = usage::localise(Cli::command(), msg::lang());
    let cli = match command
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return usage::refuse(&e, &command, &args),
    };
    // What `new` and `import` write follows an explicit --lang only.
    let lang = cli.lang.map(vocab::Lang::from);
    let Some(command) = cli.command else {
        // Only a person at a console (a double click opens one) is asked;
        // a script or a pipe gets the usage, as before.
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() && std::env::var_os("RAPOR_START").is_none() {
            let _ = command.print_help();
            return ExitCode::from(2);
        }
        return start(&cli.site, msg::lang());
    };
    match command {
        Command::Build => build(&cli.site, true),
        Command::Check => build(&cli.site, false),
        Command::Serve {
            internal,
            port,
            bind,
            open,
        } => {
            let opts = serve::Options {
                shown: if internal {
                    serve::Shown::Internal
                } else {
                    serve::Shown::Public
                },
                port,
                bind,
                open,
            };
            report("serve", serve::serve(&cli.site, opts).map(|()| Vec::new()))
        }
        Command::Edit {
            port,
            no_open,
            bind,
        } => {
            if bind.is_some() {
                eprintln!("rapor edit: {}", msg!("edit_no_bind"));
                return ExitCode::from(2);
            }
            let opts = rapor::edit::Options {
                port,
                open: !no_open,
                lang: msg::lang(),
            };
            report(
                "edit",
                rapor::edit::edit(&cli.site, opts).map(|()| Vec::new()),
            )
        }
        Command::Init { dir } => {
            let done = scaffold::init(&dir, today()).map(|files| {
                let mut lines: Vec<String> =
                    files.iter().map(|f| f.display().to_string()).collect();
                lines.push(msg!("init_done", dir = dir.display()).to_string());
                lines
            });
            report("init", done)
        }
        Command::New { kind, id, training } => {
            let opts = scaffold::NewOptions {
                training: training.as_deref(),
                lang,
                today: today(),
            };
            let done = scaffold::new_record(&cli.site, kind, &id, &opts)
                .map(|path| vec![path.display().to_string()]);
            report("new", done)
        }
        Command::Audit { dir } => audit(&cli.site, dir.as_deref()),
        Command::Portal { action } => ExitCode::from(rapor::portal::cli(&cli.site, action)),
        Command::Publish {
            target,
            dry_run,
            remember,
            forget,
        } => match forget {
            true => forget_passwords(&cli.site, target.as_deref()),
            false => publish(&cli.site, target.as_deref(), dry_run, remember),
        },
        Command::Import {
            what:
                ImportCommand::Roster {
                    file,
                    training,
                    sheet,
                    force,
                },
        } => {
            let opts = import::Options {
                file: &file,
                training: &training,
                sheet: sheet.as_deref(),
                force,
                lang,
            };
            let done = import::roster(&cli.site, &opts)
                .map(|lines| lines.iter().map(ToString::to_string).collect());
            report("import", done)
        }
        Command::Schema { dir, vscode } => {
            let done = schema::write(&cli.site, dir.as_deref(), vscode)
                .map(|files| files.iter().map(|f| f.display().to_string()).collect());
            report("schema", done)
        }
    }
}

/// `rapor` with no command, as when double-clicked: opens the editor on the
/// site in `dir` (or in its `situs` folder); where there is none, offers to
/// make one there first. The window stays open on an error until Enter is
/// pressed, so that a person who double-clicked can read it.
fn start(dir: &std::path::Path, lang: vocab::Lang) -> ExitCode {
    let is_site = |d: &std::path::Path| d.join("content/site.yaml").is_file();
    let made = dir.join("situs");
    let site = if is_site(dir) {
        dir.to_path_buf()
    } else if is_site(&made) {
        made
    } else {
        println!(
            "{}",
            msg!("start_no_site", dir = dir.display(), new = made.display())
        );
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !matches!(answer.trim().to_lowercase().as_str(), "y" | "ya" | "yes") {
            return ExitCode::SUCCESS;
        }
        if let Err(e) = scaffold::init(&made, today()) {
            return wait_on_error(&e);
        }
        made
    };
    let opts = rapor::edit::Options {
        port: 8788,
        open: true,
        lang,
    };
    match rapor::edit::edit(&site, opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => wait_on_error(&e),
    }
}

fn wait_on_error(e: &impl std::fmt::Display) -> ExitCode {
    eprintln!("rapor: {e}");
    eprintln!("{}", msg!("start_press_enter"));
    let _ = std::io::stdin().read_line(&mut String::new());
    ExitCode::from(1)
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
        Some(s) if write && s.unchanged => {
            let seconds = format!("{:.2}", s.seconds);
            println!(
                "{}",
                msg!(
                    "build_unchanged",
                    output = site.join("output").display(),
                    seconds = decimal(&seconds)
                )
            );
            ExitCode::SUCCESS
        }
        Some(s) if write => {
            let internal = match (s.internal_written, s.internal_sealed) {
                (false, _) => msg!("build_internal_none"),
                (true, true) => msg!("build_internal_sealed", n = s.internal_files),
                (true, false) => msg!("build_internal_plain", n = s.internal_files),
            };
            let seconds = format!("{:.2}", s.seconds);
            println!(
                "{}",
                msg!(
                    "build_done",
                    public = s.public_files,
                    internal = internal,
                    photos = s.photos,
                    processed = s.photos_decoded,
                    cached = s.photos - s.photos_decoded.min(s.photos),
                    seconds = decimal(&seconds),
                    output = site.join("output").display()
                )
            );
            if s.drafts > 0 {
                println!("{}", msg!("build_drafts", n = s.drafts));
            }
            ExitCode::SUCCESS
        }
        Some(_) => {
            println!("{}", msg!("check_ok"));
            ExitCode::SUCCESS
        }
        None => {
            let problems = msg::problems(run.diags.error_count());
            if write && run.output_incomplete {
                eprintln!("{}", msg!("build_failed_incomplete", problems = problems));
            } else if write {
                eprintln!("{}", msg!("build_failed", problems = problems));
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
            let mb = format!("{:.1}", s.bytes as f64 / 1e6);
            println!(
                "{}",
                msg!(
                    "audit_ok",
                    files = s.files,
                    mb = decimal(&mb),
                    values = s.values,
                    forms = s.forms
                )
            );
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("rapor audit: {}", msg::problems(diags.error_count()));
            ExitCode::from(1)
        }
    }
}

/// `rapor publish`: a progress bar for a person at a terminal, then what
/// changed on each target (in a dry run, each file).
fn publish(
    site: &std::path::Path,
    target: Option<&str>,
    dry_run: bool,
    remember: bool,
) -> ExitCode {
    use rapor::publish;
    use std::io::IsTerminal;
    let bar = if std::io::stderr().is_terminal() {
        let style = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> ");
        indicatif::ProgressBar::new(0).with_style(style)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut progress = |p: &publish::Progress| {
        bar.set_length(p.bytes);
        bar.set_position(p.bytes_done);
        bar.set_message(publish::report::progress(p).to_string());
    };
    let secrets = publish::Secrets::none();
    let result = publish::publish(
        site,
        publish::Options {
            target,
            dry_run,
            secrets: &secrets,
            progress: &mut progress,
        },
    );
    bar.finish_and_clear();
    let print = |done: &[publish::Done]| {
        for d in done {
            for line in publish::report::lines(d, d.dry_run) {
                println!("{line}");
            }
        }
    };
    match result {
        Ok(done) => {
            print(&done);
            if remember {
                remember_passwords(site, &done);
            }
            ExitCode::SUCCESS
        }
        Err(publish::Failure::Target {
            target,
            error,
            done,
        }) => {
            print(&done);
            let failure = publish::Failure::Target {
                target,
                error,
                done: Vec::new(),
            };
            eprintln!("rapor publish: {failure}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("rapor publish: {e}");
            ExitCode::from(1)
        }
    }
}

/// `rapor publish --remember`: each target that went through keeps the
/// password of its environment variable in the keyring.
fn remember_passwords(site: &std::path::Path, done: &[rapor::publish::Done]) {
    use rapor::publish::{self, keyring};
    let Ok(targets) = publish::targets(site) else {
        return;
    };
    for t in targets
        .iter()
        .filter(|t| done.iter().any(|d| d.target == t.name))
    {
        let Some(password) = publish::Secrets::from_env(t) else {
            continue;
        };
        match keyring::remember(t, &password) {
            Ok(()) => println!("{}", msg!("publish_keyring_kept", target = t.name)),
            Err(e) => eprintln!("rapor publish: {e}"),
        }
    }
}

/// `rapor publish --forget [TARGET]`.
fn forget_passwords(site: &std::path::Path, target: Option<&str>) -> ExitCode {
    use rapor::publish::{self, keyring};
    let targets = match publish::targets(site) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("rapor publish: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(name) = target
        && !targets.iter().any(|t| t.name == name)
    {
        eprintln!("rapor publish: {}", publish::no_such_target(name, &targets));
        return ExitCode::from(1);
    }
    let mut code = ExitCode::SUCCESS;
    let chosen = targets
        .iter()
        .filter(|t| target.is_none_or(|n| n == t.name))
        .filter(|t| keyring::account(t).is_some());
    for t in chosen {
        match keyring::forget(t) {
            Ok(true) => println!("{}", msg!("publish_keyring_forgot", target = t.name)),
            Ok(false) => println!("{}", msg!("publish_keyring_nothing", target = t.name)),
            Err(e) => {
                eprintln!("rapor publish: {e}");
                code = ExitCode::from(1);
            }
        }
    }
    code
}

/// A number already formatted with a decimal point, written with the
/// decimal comma in Indonesian ("0,52 detik").
fn decimal(formatted: &str) -> String {
    match msg::lang() {
        vocab::Lang::Id => formatted.replace('.', ","),
        vocab::Lang::En => formatted.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_has_indonesian_help() {
        assert_eq!(usage::untranslated(&Cli::command()), Vec::<String>::new());
    }
}
