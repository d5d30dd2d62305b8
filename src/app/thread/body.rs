//! A comment's parsed body, kept in state so HTML is parsed once per comment, and a cache of
//! its laid-out lines per width so scrolling and redrawing never lay out a body twice.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::model::Comment;
use crate::present;
use crate::render::{Doc, Line};

/// What the TUI keeps of one comment besides the [`Comment`] itself.
#[derive(Clone, Debug)]
pub struct Body {
    /// The HTML it was parsed from (a refresh re-parses only when this changed).
    pub html: String,
    /// Parsed body.
    pub doc: Doc,
    /// Display name (sanitized).
    pub author: String,
    /// Lowercased author and text, what search looks in.
    pub haystack: String,
}

impl Body {
    /// Parse a comment.
    pub fn new(comment: &Comment) -> Body {
        let doc = Doc::parse(&comment.content_html);
        let author = present::author(comment);
        let haystack = format!("{}\n{}", author, doc.plain_text()).to_lowercase();
        Body {
            html: comment.content_html.clone(),
            doc,
            author,
            haystack,
        }
    }
}

/// Body lines laid out for one width, shared between the cache and its readers.
pub type Laid = Rc<Vec<Line>>;

/// Laid-out body lines by `(comment id, width)`.
///
/// Interior mutability lets `draw(&state)` fill it: laying out is a pure function of the
/// parsed body and the width, so caching it is not a state change anyone can observe.
#[derive(Debug, Default)]
pub struct LayoutCache {
    lines: RefCell<HashMap<(u64, usize, bool), Laid>>,
}

impl Clone for LayoutCache {
    fn clone(&self) -> Self {
        LayoutCache::default()
    }
}

impl LayoutCache {
    /// The lines of `body` (comment `id`) at `width`, laid out once; `ascii` draws quote
    /// bars, bullets and rules in ASCII.
    pub fn get(&self, id: u64, body: &Body, width: usize, ascii: bool) -> Rc<Vec<Line>> {
        let key = (id, width, ascii);
        if let Some(found) = self.lines.borrow().get(&key) {
            return Rc::clone(found);
        }
        let lines = Rc::new(body.doc.layout_with(width, ascii));
        self.lines.borrow_mut().insert(key, Rc::clone(&lines));
        lines
    }

    /// Forget one comment (its body changed).
    pub fn forget(&self, id: u64) {
        self.lines.borrow_mut().retain(|(i, _, _), _| *i != id);
    }

    /// Forget everything (the width changed).
    pub fn clear(&self) {
        self.lines.borrow_mut().clear();
    }

    /// Entries held (tests, benches).
    pub fn len(&self) -> usize {
        self.lines.borrow().len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
