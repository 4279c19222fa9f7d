//! The command line's own words in the user's language: `--help` and the
//! mistakes clap finds in a command (an unknown command or option, a value
//! that is not one of the choices, two options that exclude each other).
//!
//! The command line is declared once, in `main.rs`, with English doc
//! comments (clap's derive). In Indonesian, [`localise`] gives every command
//! and option its help from [`HELP`] by path (`serve.port`), and the
//! headings, defaults and choices clap would print in English its own words.
//! [`explain`] says a usage error in the current language (see
//! [`crate::msg`]). The language must be known before the command is read,
//! so [`lang_of_args`] finds `--lang` and `--site` in the raw arguments.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

use crate::msg::{Message, msg};
use crate::vocab::Lang;

/// The Indonesian help, by path: "" is rapor itself, `build` a command,
/// `serve.port` an option of one, `import.roster.sheet` one level deeper.
/// An option every command has (`site`, `lang`, `help`) is found by its
/// name alone.
#[rustfmt::skip]
const HELP: &[(&str, &str)] = &[
    ("", "Membuat situs laporan publik dan internal satuan kerja dari catatan di `content/`."),
    ("site", "Folder situs (yang berisi `content/`)."),
    ("lang", "Bahasa pesan rapor dan catatan yang ditulis `new` (bawaan: `language` di content/site.yaml, atau id)."),
    ("help", "Tampilkan bantuan ini."),
    ("version", "Tampilkan versi rapor."),
    ("build", "Membangun output/public dan output/internal."),
    ("check", "Memeriksa catatan tanpa menulis apa pun."),
    ("serve", "Menampilkan situs di komputer ini dan membangunnya lagi setiap kali ada perubahan."),
    ("serve.internal", "Tampilkan situs internal (berisi data pribadi), bukan situs publik."),
    ("serve.port", "Nomor port (0 memilih port yang bebas)."),
    ("serve.bind", "Alamat yang didengarkan. Bawaannya hanya komputer ini."),
    ("serve.open", "Buka situs di peramban."),
    ("edit", "Menyunting catatan di peramban: formulir untuk setiap jenis, diperiksa sebelum disimpan, dengan pratinjau di sampingnya."),
    ("edit.port", "Nomor port (0 memilih port yang bebas)."),
    ("edit.no_open", "Jangan buka peramban (alamatnya dicetak)."),
    ("edit.bind", "Ditolak: penyunting hanya melayani komputer ini."),
    ("init", "Membuat situs baru di DIR: site.yaml dengan penjelasan dan satu contoh setiap jenis catatan."),
    ("init.dir", "Folder situs baru (belum ada atau kosong)."),
    ("new", "Menulis catatan baru berisi semua kolom beserta penjelasannya, siap diisi."),
    ("new.kind", "Jenis catatan."),
    ("new.id", "Kodenya: huruf kecil, angka dan tanda hubung (misalnya barbershop-2026)."),
    ("new.training", "Untuk hasil atau daftar peserta: pelatihan yang bersangkutan."),
    ("import", "Mengambil catatan dari spreadsheet (CSV atau Excel)."),
    ("import.roster", "Daftar peserta sebuah pelatihan, dari berkas .csv, .xlsx, .xls atau .ods dengan satu baris per peserta di bawah baris judul kolom."),
    ("import.roster.file", "Berkas spreadsheet."),
    ("import.roster.training", "Pelatihan pemilik daftar peserta ini."),
    ("import.roster.sheet", "Lembar yang dibaca (bawaan: yang pertama)."),
    ("import.roster.force", "Timpa daftar peserta yang sudah ada."),
    ("schema", "Menulis JSON Schema catatan, untuk saran dan pemeriksaan di penyunting teks."),
    ("schema.dir", "Folder tujuan (bawaan: schemas/ di folder situs)."),
    ("schema.vscode", "Pasangkan juga dengan berkas catatan di .vscode/settings.json."),
    ("publish", "Mengunggah situs publik yang sudah dibangun (dan situs internal terenkripsi ke tujuan bertanda internal) ke tujuan di bawah `publish:` di site.yaml."),
    ("publish.target", "Nama tujuan (bawaan: semua tujuan, berurutan)."),
    ("publish.dry_run", "Hanya tampilkan apa yang akan dikirim dan dihapus; tidak mengubah apa pun."),
    ("publish.remember", "Setelah berhasil, simpan kata sandi dari variabel lingkungan di penyimpanan kata sandi komputer ini."),
    ("publish.forget", "Hapus kata sandi tujuan yang disimpan komputer ini, lalu berhenti."),
    ("audit", "Memeriksa situs publik yang sudah dibangun: adakah data internal (nama, nomor registrasi dan sertifikat, kontak, nomor perjanjian) yang ikut terbit."),
    ("audit.dir", "Folder yang diperiksa (bawaan: output/public di folder situs)."),
    ("portal", "Portal nasional yang merangkum situs banyak Rutan dan Lapas: `rapor portal build`."),
    ("portal.action", "Yang dikerjakan (build: menulis output/public portal di `--site FOLDER`, folder portal.yaml-nya)."),
    ("help.command", "Tampilkan bantuan ini, atau bantuan perintah yang disebut."),
    ("help.subcommand", "Perintah yang ingin dijelaskan."),
];

/// The placeholders of values in a usage line, in Indonesian.
#[rustfmt::skip]
const VALUE_NAMES: &[(&str, &str)] = &[
    ("DIR", "FOLDER"), ("KIND", "JENIS"), ("ID", "KODE"), ("TARGET", "TUJUAN"),
    ("FILE", "BERKAS"), ("NAME", "NAMA"), ("ADDR", "ALAMAT"), ("SUBCOMMAND", "PERINTAH"),
    ("ACTION", "TINDAKAN"),
];

/// The template of an Indonesian `--help`: clap's own, with its one fixed
/// English word ("Usage:") said in Indonesian.
const TEMPLATE_ID: &str =
    "{before-help}{about-with-newline}\nCara pakai: {usage}\n\n{all-args}{after-help}";

/// The language of a command line, read before clap reads it: `--lang`
/// (`--lang en`, `--lang=en`), else the site's own `language:` (the folder
/// `--site` names, else this one) or its portal.yaml's, else Indonesian.
pub fn lang_of_args(args: &[OsString]) -> Lang {
    let value = |name: &str| {
        let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(a) = it.next() {
            if a == "--" {
                break;
            }
            if a == name {
                return it.next().map(|v| v.into_owned());
            }
            if let Some(v) = a.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
                return Some(v.to_string());
            }
        }
        None
    };
    match value("--lang").as_deref() {
        Some("en") => Lang::En,
        Some("id") => Lang::Id,
        _ => {
            let site = value("--site").map_or_else(|| PathBuf::from("."), PathBuf::from);
            // A portal's folder has no site.yaml: its portal.yaml speaks.
            crate::load::site_language(Path::new(&site))
                .or_else(|| crate::portal::language(Path::new(&site)))
                .unwrap_or(Lang::Id)
        }
    }
}

/// The command line in `lang`: as declared (English) or with the Indonesian
/// help of [`HELP`]. Built first, so that the options clap adds itself
/// (`--help`, `--version`, the `help` command) are there to be given words.
pub fn localise(mut cmd: Command, lang: Lang) -> Command {
    cmd.build();
    match lang {
        Lang::En => cmd,
        Lang::Id => indonesian(cmd, ""),
    }
}

fn indonesian(mut cmd: Command, path: &str) -> Command {
    let about = match cmd.get_name() {
        "help" => help("help.command"),
        _ => help(&real(path)),
    };
    if let Some(text) = about {
        cmd = cmd.about(text).long_about(None);
    }
    cmd = cmd
        .help_template(TEMPLATE_ID)
        .subcommand_help_heading("Perintah")
        .subcommand_value_name("PERINTAH");
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for (order, id) in ids.iter().enumerate() {
        let key = join(path, id);
        // In the order declared, as in English (a heading of one's own
        // would sort them by name).
        cmd = cmd.mut_arg(id.as_str(), |a| {
            arg_indonesian(a, &key, id).display_order(order)
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let key = join(path, &name);
        cmd = cmd.mut_subcommand(name.as_str(), |s| indonesian(s, &key));
    }
    // clap writes "[OPTIONS]" into every usage line it makes.
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim();
    let usage = usage.replace("[OPTIONS]", "[PILIHAN]");
    cmd.override_usage(usage)
}

fn arg_indonesian(arg: Arg, key: &str, id: &str) -> Arg {
    let mut text = help(key)
        .or_else(|| help(id))
        .unwrap_or_default()
        .to_string();
    // clap would add "[default: …]" and "[possible values: …]" in English.
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() && arg.get_action().takes_values() {
        text.push_str(&format!(" [bawaan: {}]", defaults.join(", ")));
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() && !arg.is_hide_possible_values_set() && arg.get_action().takes_values()
    {
        text.push_str(&format!(" [pilihan: {}]", choices.join(", ")));
    }
    let heading = if arg.is_positional() {
        "Argumen"
    } else {
        "Pilihan"
    };
    let names: Vec<&'static str> = arg
        .get_value_names()
        .unwrap_or_default()
        .iter()
        .map(|n| {
            VALUE_NAMES
                .iter()
                .find(|(en, _)| *en == n.as_str())
                .map_or("", |(_, id)| *id)
        })
        .collect();
    let arg = match names.iter().all(|n| !n.is_empty()) && !names.is_empty() {
        true => arg.value_names(names),
        false => arg,
    };
    arg.help(text)
        .long_help(None)
        .hide_default_value(true)
        .hide_possible_values(true)
        .help_heading(heading)
}

/// The path of the command a path names: `help.import.roster`, the entry
/// of the `help` command for `import roster`, names `import.roster`.
fn real(path: &str) -> String {
    path.split('.')
        .filter(|s| *s != "help")
        .collect::<Vec<_>>()
        .join(".")
}

fn help(path: &str) -> Option<&'static str> {
    HELP.iter().find(|(k, _)| *k == path).map(|(_, t)| *t)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// Every visible command and option of `cmd` (already [`localise`]d or
/// not) that has no Indonesian help, by path: what a test keeps empty.
pub fn untranslated(cmd: &Command) -> Vec<String> {
    let mut cmd = cmd.clone();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out);
    out
}

fn walk(cmd: &Command, path: &str, out: &mut Vec<String>) {
    if cmd.get_name() != "help" && help(&real(path)).is_none() {
        out.push(if path.is_empty() {
            "(rapor)".into()
        } else {
            path.into()
        });
    }
    for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = a.get_id().as_str();
        if help(&join(path, id)).or_else(|| help(id)).is_none() {
            out.push(join(path, id));
        }
    }
    for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        walk(s, &join(path, s.get_name()), out);
    }
}

/// What went wrong in a command line, in the current language, followed by
/// the usage of the command it was in (`cmd` as [`localise`] gave it, `args`
/// the command line) and where to find its help.
pub fn explain(err: &clap::Error, cmd: &Command, args: &[OsString]) -> String {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let suggested = |m: Message, kind| match text(kind) {
        s if s.is_empty() => m.to_string(),
        s => format!("{m}; {}", msg!("usage_did_you_mean", suggestion = s)),
    };
    let said = match err.kind() {
        ErrorKind::InvalidSubcommand => suggested(
            msg!(
                "usage_unknown_command",
                command = text(ContextKind::InvalidSubcommand)
            ),
            ContextKind::SuggestedSubcommand,
        ),
        ErrorKind::UnknownArgument => suggested(
            msg!("usage_unknown_option", option = arg),
            ContextKind::SuggestedArg,
        ),
        ErrorKind::InvalidValue => match text(ContextKind::ValidValue) {
            valid if valid.is_empty() => msg!("usage_empty_value", option = arg).to_string(),
            valid => msg!(
                "usage_not_a_choice",
                option = arg,
                value = value,
                choices = valid
            )
            .to_string(),
        },
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(err)
                .map(|e| e.to_string())
                .unwrap_or_default();
            msg!(
                "usage_bad_value",
                option = arg,
                value = value,
                reason = reason_of(&reason)
            )
            .to_string()
        }
        ErrorKind::MissingRequiredArgument => msg!("usage_missing", what = arg).to_string(),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            msg!("usage_missing_command").to_string()
        }
        ErrorKind::ArgumentConflict => msg!(
            "usage_conflict",
            option = arg,
            other = text(ContextKind::PriorArg)
        )
        .to_string(),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            msg!("usage_unexpected", value = value, option = arg).to_string()
        }
        _ => msg!("usage_unreadable", detail = first_line(&err.to_string())).to_string(),
    };
    let (names, mut inner) = command_of(cmd, args);
    let usage = inner.render_usage().to_string();
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim();
    format!(
        "rapor: {said}\n\n{}\n{}\n",
        msg!("usage_usage", usage = usage),
        msg!("usage_more", command = names.join(" "))
    )
}

/// The (sub)command a command line was in: its names from `rapor` down,
/// and the command itself.
fn command_of(cmd: &Command, args: &[OsString]) -> (Vec<String>, Command) {
    let mut names = vec![cmd.get_name().to_string()];
    let mut at = cmd.clone();
    for a in args.iter().skip(1).map(|a| a.to_string_lossy()) {
        if a == "--" {
            break;
        }
        let Some(sub) = at.find_subcommand(a.as_ref()).cloned() else {
            continue;
        };
        names.push(sub.get_name().to_string());
        at = sub;
    }
    (names, at)
}

/// A reason a value was refused, in words where rapor knows the parser's
/// (a number, an IP address); else the parser's own.
fn reason_of(reason: &str) -> Message {
    if reason.contains("IP address") {
        msg!("usage_reason_ip")
    } else if reason.contains("digit")
        || reason.contains("is not in")
        || reason.contains("too large")
    {
        msg!("usage_reason_number")
    } else {
        msg!("plain", text = reason)
    }
}

fn first_line(s: &str) -> &str {
    let s = s.trim().strip_prefix("error:").unwrap_or(s).trim();
    s.lines().next().unwrap_or(s)
}

/// A command line clap could not read: its help or version when asked
/// for (exit 0), else what is wrong, in the user's language (exit 2).
pub fn refuse(err: &clap::Error, cmd: &Command, args: &[OsString]) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            ExitCode::SUCCESS
        }
        // `rapor import` alone: the help of import, on stderr.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::from(2)
        }
        _ => {
            eprint!("{}", explain(err, cmd, args));
            ExitCode::from(2)
        }
    }
}
