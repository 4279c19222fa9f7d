//! Undo, delete and a roster from a spreadsheet: each checked on the whole
//! site before the disk changes, like a save.

use super::editor::Editor;
use super::formpage::Problems;
use super::words::{Word, word};
use super::{history, records};
use crate::load::{Kind, Overlay};

impl Editor {
    /// Puts back the text before the last save of a record.
    pub fn undo(&self, kind: Kind, id: &str) -> Result<(), Problems> {
        let content = self.content();
        let Some(s) = records::find(&content, kind, id) else {
            return Err(self.problem(Word::NotFound));
        };
        let rel = records::rel(s);
        let Some(text) = history::last(&self.site, &rel) else {
            return Err(self.problem(Word::NothingToUndo));
        };
        let overlay = Overlay {
            put: vec![(rel.clone(), text)],
            ..Overlay::default()
        };
        let fields = super::form::fields(kind, self.lang);
        self.check_and_write(&overlay, None, &fields)?;
        history::forget_last(&self.site, &rel).map_err(|e| self.io(e))
    }

    /// Deletes a record, unless another one names it (the check says
    /// which) or the site would not build without it. A bundle's photos
    /// stay in its folder.
    pub fn delete(&self, kind: Kind, id: &str) -> Result<(), Problems> {
        let content = self.content();
        let Some(s) = records::find(&content, kind, id) else {
            return Err(self.problem(Word::NotFound));
        };
        let rel = records::rel(s);
        let overlay = Overlay {
            remove: vec![rel.clone()],
            ..Overlay::default()
        };
        // The text is kept in the history, so that it can be found again.
        self.check_and_write(&overlay, Some((&rel, &s.text)), &[])
    }

    /// Gives a record a new id: its file (or a bundle's folder, with its
    /// photos) is renamed. Refused when another record names it (the check
    /// says which: renaming would break them), when the new id is not a
    /// valid id or is taken, and for the site and rosters (a roster's id is
    /// its training's).
    pub fn rename(&self, kind: Kind, id: &str, new_id: &str) -> Result<(), Problems> {
        if matches!(kind, Kind::Site | Kind::Roster) {
            return Err(self.problem(Word::Refused));
        }
        let content = self.content();
        let Some(s) = records::find(&content, kind, id) else {
            return Err(self.problem(Word::NotFound));
        };
        let taken = records::find(&content, kind, new_id).is_some();
        if !crate::text::is_valid_id(new_id) || taken {
            let mut p = Problems::default();
            let w = if taken { Word::IdTaken } else { Word::BadId };
            p.fields
                .insert("new_id".into(), vec![word(w, self.lang).into()]);
            return Err(p);
        }
        let rel = records::rel(s);
        // A bundle moves as a folder; a single file keeps its extension.
        let (from, to, new_rel) = match rel.strip_suffix("/index.md") {
            Some(dir) => {
                let parent = dir.rsplit_once('/').map_or("", |(p, _)| p);
                let to = format!("{parent}/{new_id}");
                (dir.to_string(), to.clone(), format!("{to}/index.md"))
            }
            None => {
                let (parent, name) = rel.rsplit_once('/').unwrap_or(("", &rel));
                let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
                let to = format!("{parent}/{new_id}.{ext}");
                (rel.clone(), to.clone(), to)
            }
        };
        if self.content_path(&to).exists() {
            let mut p = Problems::default();
            p.fields
                .insert("new_id".into(), vec![word(Word::IdTaken, self.lang).into()]);
            return Err(p);
        }
        let fields = super::form::fields(kind, self.lang);
        if new_rel.ends_with("/index.md") {
            // A bundle's photos are read where they are, so the folder
            // moves first and comes back when the site does not build.
            let (from, to) = (self.content_path(&from), self.content_path(&to));
            std::fs::rename(&from, &to).map_err(|e| self.io(e))?;
            let checked = self.check_then(&Overlay::default(), &fields, || Ok(()));
            if checked.is_err() {
                std::fs::rename(&to, &from).map_err(|e| self.io(e))?;
                self.rebuild();
            }
            return checked;
        }
        let overlay = Overlay {
            put: vec![(new_rel, s.text.to_string())],
            remove: vec![rel],
            files: Vec::new(),
        };
        self.check_then(&overlay, &fields, || {
            std::fs::rename(self.content_path(&from), self.content_path(&to))
        })
    }

    /// Fills the roster of `training` from a spreadsheet, with the checks
    /// and words of `rapor import roster`; its problems by row and column.
    pub fn import_roster(&self, training: &str, name: &str, bytes: &[u8]) -> Result<(), Problems> {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .filter(|e| matches!(e.as_str(), "xlsx" | "xls" | "ods" | "csv"))
            .unwrap_or_else(|| "csv".into());
        // Under its own (safe) name, which the problems mention.
        let dir = self
            .site
            .join(".rapor/upload")
            .join(std::process::id().to_string());
        let tmp = dir.join(format!("{}.{ext}", super::photo::safe_stem(name)));
        crate::files::write_durable(&tmp, bytes).map_err(|e| self.io(e))?;
        let rel = records::new_rel(Kind::Roster, training);
        let old = std::fs::read_to_string(self.content_path(&rel)).ok();
        let opts = crate::import::Options {
            file: &tmp,
            training,
            sheet: None,
            force: true,
            lang: Some(self.lang),
        };
        let result = crate::import::roster(&self.site, &opts);
        let _ = std::fs::remove_dir_all(&dir);
        match result {
            Ok(_) => {
                if let Some(old) = old {
                    history::push(&self.site, &rel, &old).map_err(|e| self.io(e))?;
                }
                self.rebuild();
                Ok(())
            }
            Err(failure) => {
                let others = failure
                    .0
                    .iter()
                    .map(|line| match line {
                        crate::import::Line::Say(m) => m.render(self.lang),
                        crate::import::Line::Problem(d) => self.problem_line(d),
                    })
                    .collect();
                Err(Problems {
                    others,
                    ..Problems::default()
                })
            }
        }
    }

    fn problem(&self, w: Word) -> Problems {
        let mut p = Problems::default();
        p.others.push(word(w, self.lang).into());
        p
    }

    fn io(&self, e: std::io::Error) -> Problems {
        let mut p = Problems::default();
        p.others.push(e.to_string());
        p
    }
}
