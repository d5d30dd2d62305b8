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
            doc,
            author,
            haystack,
        }
    }
}

/// Body lines laid out for one width, shared between the cache and its readers.
pub type Laid = Rc<Vec<Line>>;

/// Laid-out body lines by `(comment id, width)`, bounded: at most `2 × CAPACITY` entries, the
/// ones used least recently dropped first (two generations: entries used since the last
/// turnover survive the next one).
///
/// Interior mutability lets `draw(&state)` fill it: laying out is a pure function of the
/// parsed body and the width, so caching it is not a state change anyone can observe.
#[derive(Debug, Default)]
pub struct LayoutCache {
    lines: RefCell<Generations>,
}

#[derive(Debug, Default)]
struct Generations {
    current: HashMap<(u64, usize, bool), Laid>,
    previous: HashMap<(u64, usize, bool), Laid>,
}

/// Entries per generation: a few screens of comments at a few widths.
const CAPACITY: usize = 2048;

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
        let mut g = self.lines.borrow_mut();
        if let Some(found) = g.current.get(&key) {
            return Rc::clone(found);
        }
        let lines = match g.previous.remove(&key) {
            Some(found) => found,
            None => Rc::new(body.doc.layout_with(width, ascii)),
        };
        if g.current.len() >= CAPACITY {
            g.previous = std::mem::take(&mut g.current);
        }
        g.current.insert(key, Rc::clone(&lines));
        lines
    }

    /// Forget one comment (its body changed).
    pub fn forget(&self, id: u64) {
        let mut g = self.lines.borrow_mut();
        g.current.retain(|(i, _, _), _| *i != id);
        g.previous.retain(|(i, _, _), _| *i != id);
    }

    /// Forget everything (the width changed).
    pub fn clear(&self) {
        let mut g = self.lines.borrow_mut();
        g.current.clear();
        g.previous.clear();
    }

    /// Entries held (tests, benches).
    pub fn len(&self) -> usize {
        let g = self.lines.borrow();
        g.current.len() + g.previous.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
