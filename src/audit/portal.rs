//! The leak audit of a national portal: every identity value of every
//! facility's internal data, searched for in every file of the portal by
//! the very [`Gate`] of a facility's build (one gate, holding the values
//! of all), and each one found given back to the facilities that keep it
//! and traced to the public field of theirs that shows it, as a facility's
//! own build does.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::collect::secrets;
use super::gate::{Caught, Gate};
use super::needles::{Needles, forms};
use super::says;
use super::secrets::{Secret, What};
use super::trace::trace;
use crate::diag::{Diagnostics, Pos};
use crate::load;
use crate::model::Model;
use crate::render::File;

/// Scans the portal's `files`, and its photos (`copies`: published path,
/// file in the portal's photo cache), for the identity values of each
/// facility's model (`(its folder as portal.yaml names it, model)`, the
/// folder relative to the portal's `dir`). Each value found is reported at
/// the facility's content file and field that show it (a story's title,
/// say), or, when no public field does, at the portal file. Returns false
/// when one was found.
pub fn check_portal(
    dir: &Path,
    facilities: &[(&Path, &Model)],
    files: &[File],
    copies: &[(String, PathBuf)],
    diags: &mut Diagnostics,
) -> bool {
    let gate = PortalGate::new(facilities);
    files.par_iter().for_each(|f| {
        gate.file(&f.path, &f.bytes);
    });
    copies.par_iter().for_each(|(p, from)| {
        gate.copy(p, from);
    });
    gate.finish(dir, diags)
}

/// The portal's leak audit as its public files are made, one at a time
/// from any thread: [`PortalGate::file`] says whether a file may be
/// written, and [`PortalGate::finish`] reports every value found. One
/// [`Gate`] searches for the values of all facilities; only what it found
/// is given back to the facilities that keep each value.
pub struct PortalGate<'a> {
    facilities: &'a [(&'a Path, &'a Model)],
    /// For each value the gate searches for, every facility that keeps it:
    /// (facility, index among that facility's own secrets). A value two
    /// facilities keep (the contact of a partner they share) is one value
    /// of the gate, and a leak of it is theirs both.
    owners: Vec<Vec<(usize, usize)>>,
    gate: Gate,
}

impl<'a> PortalGate<'a> {
    pub fn new(facilities: &'a [(&'a Path, &'a Model)]) -> Self {
        let mut all = Vec::new();
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        // A value as the audit reads it: its kind (an email and a phone
        // number get forms of their own) and its first form, as `secrets`
        // tells one facility's values apart. A value too short to have a
        // form is kept as it is.
        let mut by_form: HashMap<(What, String), usize> = HashMap::new();
        for (f, (_, model)) in facilities.iter().enumerate() {
            for (i, s) in secrets(model).into_iter().enumerate() {
                let Some(form) = forms(&s.value).into_iter().next() else {
                    owners.push(vec![(f, i)]);
                    all.push(s);
                    continue;
                };
                match by_form.entry((s.what, form)) {
                    Entry::Occupied(e) => owners[*e.get()].push((f, i)),
                    Entry::Vacant(e) => {
                        e.insert(all.len());
                        all.push(s);
                        owners.push(vec![(f, i)]);
                    }
                }
            }
        }
        PortalGate {
            facilities,
            owners,
            gate: Gate::of(all),
        }
    }

    /// Audits a public file: true when it shows no facility's identity
    /// value and may be written.
    pub fn file(&self, path: &str, bytes: &[u8]) -> bool {
        self.gate.file(path, bytes)
    }

    /// Audits a published photo, read from `from`.
    pub fn copy(&self, path: &str, from: &Path) -> bool {
        self.gate.copy(path, from)
    }

    /// Reports what was found, each value as its facilities' (their
    /// folders in the names of their files); false when anything was.
    pub fn finish(self, dir: &Path, diags: &mut Diagnostics) -> bool {
        let PortalGate {
            facilities,
            owners,
            gate,
        } = self;
        let Caught {
            mut hits, failed, ..
        } = gate.into_found();
        let public = Path::new("output/public");
        for (file, e) in &failed {
            diags.error(&public.join(file), Pos::default(), says::unreadable(e));
        }
        // Each value once, at the first file that shows it.
        hits.sort_by(|a, b| (a.secret, &a.file).cmp(&(b.secret, &b.file)));
        hits.dedup_by(|a, b| a.secret == b.secret);
        // Rare: read the facilities that keep a value found again, to say
        // which of their public fields shows it.
        let mut wanted: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for h in &hits {
            for &(f, i) in &owners[h.secret] {
                wanted.entry(f).or_default().insert(i);
            }
        }
        let mut own: BTreeMap<usize, Vec<Secret>> = BTreeMap::new();
        let mut traced = BTreeSet::new();
        for (&f, local) in &wanted {
            let (folder, model) = facilities[f];
            let site = dir.join(folder);
            let content = load::load_with(&site, None, &mut Diagnostics::new());
            let secrets = secrets(model);
            let places = trace(&site, &content, model, &Needles::new(&secrets), local);
            for (i, places) in places {
                traced.insert((f, i));
                let s = seen_from(folder, &secrets[i]);
                for p in places {
                    let message = says::in_field(&p.noun, &p.field, &s);
                    diags.error(&folder.join(&p.file), p.pos, message);
                }
            }
            own.insert(f, secrets);
        }
        // A value no public field of any facility that keeps it shows is
        // named at the portal file, as each of theirs.
        for h in &hits {
            let holders = &owners[h.secret];
            if holders.iter().any(|o| traced.contains(o)) {
                continue;
            }
            for &(f, i) in holders {
                let s = seen_from(facilities[f].0, &own[&f][i]);
                diags.error(
                    &public.join(&h.file),
                    h.pos,
                    says::in_output(&s, h.in_name, &[]),
                );
            }
        }
        hits.is_empty() && failed.is_empty()
    }
}

/// A facility's value as the portal names it: its file under the
/// facility's folder.
fn seen_from(folder: &Path, s: &Secret) -> Secret {
    Secret {
        file: folder.join(&s.file),
        ..s.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    /// Two facilities, `a` and `b`, under `dir`: copies of the basic
    /// fixture site, `b` with `b_name` on its roster in place of
    /// `Peserta Dua` (both keep `Peserta Satu`).
    fn two_facilities(dir: &Path, b_name: &str) -> Vec<(PathBuf, Model)> {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        ["a", "b"]
            .into_iter()
            .map(|id| {
                let site = dir.join(id);
                for e in walkdir::WalkDir::new(&fixture).into_iter().flatten() {
                    let to = site.join(e.path().strip_prefix(&fixture).unwrap());
                    if e.file_type().is_dir() {
                        std::fs::create_dir_all(&to).unwrap();
                    } else {
                        std::fs::copy(e.path(), &to).unwrap();
                    }
                }
                if id == "b" {
                    let roster = site.join("content/internal/rosters/jahit-1.yaml");
                    let text = std::fs::read_to_string(&roster).unwrap();
                    assert!(text.contains("Peserta Dua"));
                    std::fs::write(&roster, text.replace("Peserta Dua", b_name)).unwrap();
                }
                let mut diags = Diagnostics::new();
                let content = load::load_with(&site, None, &mut diags);
                let model = model::build_with(&content, None, &mut diags).unwrap();
                assert!(!diags.has_errors(), "{:?}", diags.sorted());
                (PathBuf::from(id), model)
            })
            .collect()
    }

    /// Each error as `file: message`.
    fn errors(dir: &Path, facilities: &[(PathBuf, Model)], files: &[(&str, &str)]) -> Vec<String> {
        let models: Vec<(&Path, &Model)> =
            facilities.iter().map(|(p, m)| (p.as_path(), m)).collect();
        let gate = PortalGate::new(&models);
        let mut clean = true;
        for (path, text) in files {
            clean &= gate.file(path, text.as_bytes());
        }
        let mut diags = Diagnostics::new();
        let finished = gate.finish(dir, &mut diags);
        assert_eq!(clean, finished, "file and finish agree");
        diags
            .sorted()
            .iter()
            .map(|d| format!("{}: {}", d.file.display(), d.message))
            .collect()
    }

    const ROSTER: &str = "content/internal/rosters/jahit-1.yaml";

    #[test]
    fn a_leak_of_one_facilitys_value_is_reported_as_that_facilitys() {
        let tmp = tempfile::tempdir().unwrap();
        let facilities = two_facilities(tmp.path(), "Bonaventura Lejap");
        // Disguised as a page would carry it: upper case, an entity for a
        // no-break space, a tag and a line break inside.
        let page = "<p>Kabar dari <b>BONAVENTURA</b>&nbsp;\nLejap.</p>";
        let found = errors(
            tmp.path(),
            &facilities,
            &[
                ("index.html", "<p>Nothing here.</p>"),
                ("fasilitas/b/index.html", page),
            ],
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let b = Path::new("b").join(ROSTER).display().to_string();
        assert!(
            found[0].starts_with("output/public/fasilitas/b/index.html: ")
                && found[0].contains(&format!("{b}, participants[2].name")),
            "{found:#?}"
        );
        // Nor is it A's: A keeps `Peserta Dua` there instead.
        assert!(!found[0].contains(&format!("a/{ROSTER}")), "{found:#?}");
        // A's own value in the same place is A's.
        let found = errors(tmp.path(), &facilities, &[("x.html", "Peserta Dua")]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].contains(&format!("a/{ROSTER}, participants[2].name")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_value_two_facilities_keep_is_reported_as_both_of_theirs() {
        let tmp = tempfile::tempdir().unwrap();
        let facilities = two_facilities(tmp.path(), "Bonaventura Lejap");
        let found = errors(
            tmp.path(),
            &facilities,
            &[("x.html", "Salam, Peserta Satu!")],
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        for (line, id) in found.iter().zip(["a", "b"]) {
            assert!(
                line.contains(&format!("{id}/{ROSTER}, participants[1].name")),
                "{found:#?}"
            );
        }
    }

    #[test]
    fn a_leak_shown_by_a_public_field_is_named_at_that_facilitys_file() {
        let tmp = tempfile::tempdir().unwrap();
        let facilities = two_facilities(tmp.path(), "Bonaventura Lejap");
        let story = tmp.path().join("b/content/stories/berita.md");
        let text = std::fs::read_to_string(&story).unwrap();
        let leaked = text.replace("title: Berita Uji", "title: Berita Bonaventura Lejap");
        std::fs::write(&story, leaked).unwrap();
        let found = errors(
            tmp.path(),
            &facilities,
            &[("berita/index.html", "<h1>Berita Bonaventura Lejap</h1>")],
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("b/content/stories/berita.md: ")
                && found[0].contains("`title`")
                && found[0].contains(&format!("b/{ROSTER}")),
            "{found:#?}"
        );
    }

    /// One facility keeps `satu@example.org` as a participant's name and
    /// both keep it as a partner's email: merged as one value, it would be
    /// searched as a name only, and its spelled-out forms missed.
    #[test]
    fn a_value_kept_as_two_kinds_is_searched_as_both() {
        let tmp = tempfile::tempdir().unwrap();
        let facilities = two_facilities(tmp.path(), "satu@example.org");
        for first in [0, 1] {
            let models: Vec<(&Path, &Model)> = [first, 1 - first]
                .iter()
                .map(|&i| (facilities[i].0.as_path(), &facilities[i].1))
                .collect();
            let gate = PortalGate::new(&models);
            let page = "<p>Surel: satu [at] example [dot] org</p>";
            assert!(!gate.file("p.html", page.as_bytes()), "order {first}");
            assert!(!gate.finish(tmp.path(), &mut Diagnostics::new()));
        }
    }

    #[test]
    fn every_facilitys_every_value_is_searched_for() {
        let tmp = tempfile::tempdir().unwrap();
        let facilities = two_facilities(tmp.path(), "Bonaventura Lejap");
        let models: Vec<(&Path, &Model)> =
            facilities.iter().map(|(p, m)| (p.as_path(), m)).collect();
        for (_, model) in &models {
            for s in secrets(model) {
                let gate = PortalGate::new(&models);
                let page = format!("<p>{}</p>", s.value);
                assert!(
                    !gate.file("p.html", page.as_bytes()),
                    "{} is found",
                    s.value
                );
                assert!(!gate.finish(tmp.path(), &mut Diagnostics::new()));
            }
        }
    }
}
