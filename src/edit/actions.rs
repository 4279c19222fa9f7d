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
                        crate::import::Line::Problem(d) => {
                            let file = d.file.display().to_string().replace('\\', "/");
                            format!("{file}:{}: {}", d.line, d.message.render(self.lang))
                        }
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
