//! The leak guard of the editor's text boxes: a public text is sent as it
//! is typed and the identity values of the internal data in it come back
//! as byte ranges to underline (see [`crate::audit::Guard`]).

use std::sync::Arc;

use serde_json::{Value, json};

use super::editor::Editor;
use crate::audit::{Guard, What};
use crate::diag::Diagnostics;
use crate::model;

impl Editor {
    /// The ranges of internal values in `text`, as JSON:
    /// `{"found": [{"start": 5, "end": 22, "what": "name"}]}` (UTF-16
    /// offsets, as a browser counts them).
    pub fn guard(&self, text: &str) -> Value {
        let Some(guard) = self.current_guard() else {
            // A site that does not build has no model to take values from;
            // the save will say why.
            return json!({ "found": [] });
        };
        let utf16 = |byte: usize| -> usize {
            text.char_indices()
                .take_while(|(i, _)| *i < byte)
                .map(|(_, c)| c.len_utf16())
                .sum()
        };
        let found: Vec<Value> = guard
            .find(text)
            .into_iter()
            .map(|f| {
                json!({
                    "start": utf16(f.start),
                    "end": utf16(f.end),
                    "what": what(f.what),
                })
            })
            .collect();
        json!({ "found": found })
    }
}

impl Editor {
    /// The guard of the content as it is now: kept until the next build.
    ///
    /// The cache's lock is never held while the content is read: reading
    /// takes the build's lock, and a save holds the build's lock while it
    /// clears this cache, so holding both here would deadlock the two.
    fn current_guard(&self) -> Option<Arc<Guard>> {
        let build = {
            let kept = self.guard.lock().ok()?;
            if let Some(g) = kept.guard.as_ref() {
                return Some(Arc::clone(g));
            }
            kept.build
        };
        let content = self.content();
        let mut diags = Diagnostics::new();
        let model = model::build_with(&content, None, &mut diags).ok()?;
        let g = Arc::new(Guard::new(&model));
        let mut kept = self.guard.lock().ok()?;
        if kept.build == build {
            kept.guard = Some(Arc::clone(&g));
        }
        Some(g)
    }
}

fn what(w: What) -> &'static str {
    match w {
        What::Name | What::ContactName => "name",
        What::Registration => "registration",
        What::Certificate => "certificate",
        What::Phone => "phone",
        What::Email => "email",
        What::Agreement => "agreement",
    }
}
