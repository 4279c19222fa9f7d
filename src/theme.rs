//! Theme: the built-in templates and styles, embedded in the binary, with a
//! site's own `themes/<name>/templates/*` and `themes/<name>/static/*`
//! overriding them file by file. The only reader of `themes/` for a build;
//! the leak audit scans the same files for internal values when it traces
//! a hit (`audit/trace.rs`).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostics, Pos};
use crate::msg::msg;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/templates/", $name)))),*]
    };
}

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = builtin!(
    "base.html",
    "index.html",
    "trainings.html",
    "training.html",
    "partners.html",
    "partner.html",
    "stories.html",
    "story.html",
    "programme.html",
    "impact.html",
    "photos.html",
    "404.html",
    "report_cycle.html",
    "partials/photo.html",
    "partials/img.html",
    "partials/training-card.html",
    "partials/story-card.html",
    "partials/notes.html",
    "partials/budget.html",
    "partials/figures.html",
    "partials/roster-figures.html",
    "partials/letterhead.html",
    "partials/signature.html",
    "partials/report-trainings.html",
    "partials/report-photos.html",
    "partials/lightbox.html",
    "report.html",
    "locked.html",
    "search.html",
    "partials/search-body.html",
    "data.html",
    // The national portal (`rapor portal build`).
    "portal_base.html",
    "portal_index.html",
    "portal_region.html",
    "portal_facility.html",
    "portal_skill.html",
    "portal_partners.html",
    "portal_partner.html",
    "portal_404.html",
    "portal_search.html",
    "portal_report.html",
    "partials/portal-partners.html",
    "partials/portal-rows.html",
    "partials/portal-map.html",
    "partials/portal-training.html",
    "partials/portal-internal.html",
);

/// The built-in static files, by name under `assets/`.
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    // Unlocks the pages of the protected internal site (see protect.rs).
    (
        "protect.js",
        include_bytes!("../themes/default/static/protect.js"),
    ),
    // The search page's stemmer and results (see view/search.rs).
    (
        "search.js",
        include_bytes!("../themes/default/static/search.js"),
    ),
    // Opens a photo large in a dialog (partials/lightbox.html).
    (
        "lightbox.js",
        include_bytes!("../themes/default/static/lightbox.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../themes/default/static/favicon.svg"),
    ),
];

#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// (name, source, where it came from for error messages)
    pub templates: Vec<(String, String, PathBuf)>,
    pub static_files: Vec<(String, Vec<u8>)>,
}

/// The theme `name` of the site at `site`: built-in files, overridden by the
/// site's own where present. The built-in `search.js` is served without its
/// comment lines (a quarter of its bytes, which every search costs a phone;
/// the comments are for whoever reads the source), also when a site's theme
/// folder holds a copy of it; a site's own script is served as written.
pub fn load(site: &Path, name: &str, diags: &mut Diagnostics) -> Theme {
    let mut theme = files(site, name, diags);
    let search = STATIC
        .iter()
        .find(|(n, _)| *n == "search.js")
        .map(|(_, b)| *b);
    for (n, bytes) in &mut theme.static_files {
        if n == "search.js" && Some(bytes.as_slice()) == search {
            *bytes = without_comment_lines(bytes);
        }
    }
    theme
}

/// `script` without the lines that hold only a `//` comment. Only for a
/// script known to have no template literal or string that spans lines,
/// where such a line would be text.
fn without_comment_lines(script: &[u8]) -> Vec<u8> {
    script
        .split_inclusive(|&b| b == b'\n')
        .filter(|line| !line.trim_ascii_start().starts_with(b"//"))
        .flatten()
        .copied()
        .collect()
}

fn files(site: &Path, name: &str, diags: &mut Diagnostics) -> Theme {
    let builtin_path = |n: &str| PathBuf::from(format!("<built-in theme>/templates/{n}"));
    let mut theme = Theme {
        templates: TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string(), builtin_path(n)))
            .collect(),
        static_files: STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect(),
    };
    let dir = site.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            diags.error(
                Path::new("content/site.yaml"),
                Pos::default(),
                msg!("theme_missing", name = name),
            );
        }
        return theme;
    }
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let root = dir.join(sub);
        for entry in WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&root) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.split('/').any(|p| p.starts_with('.')) {
                continue;
            }
            let shown = Path::new("themes").join(name).join(sub).join(&rel);
            let bytes = match std::fs::read(entry.path()) {
                Ok(b) => b,
                Err(e) => {
                    diags.error(&shown, Pos::default(), msg!("theme_unreadable", error = e));
                    continue;
                }
            };
            if is_template {
                match String::from_utf8(bytes) {
                    Ok(text) => replace(&mut theme.templates, rel, (text, shown)),
                    Err(_) => {
                        diags.error(&shown, Pos::default(), msg!("theme_not_utf8"));
                    }
                }
            } else {
                theme.static_files.retain(|(n, _)| *n != rel);
                theme.static_files.push((rel, bytes));
            }
        }
    }
    theme
}

fn replace(
    list: &mut Vec<(String, String, PathBuf)>,
    name: String,
    (text, path): (String, PathBuf),
) {
    match list.iter_mut().find(|(n, _, _)| *n == name) {
        Some(slot) => *slot = (name, text, path),
        None => list.push((name, text, path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served(site: &Path) -> String {
        let theme = load(site, "default", &mut Diagnostics::new());
        let (_, bytes) = theme
            .static_files
            .iter()
            .find(|(n, _)| n == "search.js")
            .expect("search.js");
        String::from_utf8(bytes.clone()).unwrap()
    }

    #[test]
    fn the_built_in_search_script_is_served_without_its_comment_lines() {
        let site = tempfile::tempdir().unwrap();
        let source = include_str!("../themes/default/static/search.js");
        let comment = |l: &&str| l.trim_start().starts_with("//");
        let kept: Vec<&str> = source.lines().filter(|l| !comment(l)).collect();
        // No line of code is in a template literal, where a `//` line is text.
        assert!(
            kept.iter().all(|l| !l.contains('`')),
            "search.js has a template literal"
        );
        let text = served(site.path());
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            kept,
            "every other line, in order"
        );
        assert!(
            text.len() < source.len() * 85 / 100,
            "{} of {} bytes",
            text.len(),
            source.len()
        );
        // A copy of it in the site's theme folder is the built-in script.
        let dir = site.path().join("themes/default/static");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("search.js"), source).unwrap();
        assert_eq!(served(site.path()), text);
        // A site's own script is served as written.
        let own = "// a site's own search\nvar a = 1; // kept\n";
        std::fs::write(dir.join("search.js"), own).unwrap();
        assert_eq!(served(site.path()), own);
    }
}
