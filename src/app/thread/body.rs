//! A bounded cache of comments' laid-out body lines per width, so scrolling and redrawing
//! never lay out a body twice while only what is near the screen is laid out.
//!
//! A parsed body ([`Doc`]) is not kept per comment: with its text, a styled piece per word and
//! its blocks, it made about 100 MB of a 50,000-comment thread's 174 MB heap (heaptrack). A
//! body is parsed when it is laid out (a cache miss: tens of microseconds for a comment) and
//! when its links or text are asked for.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::render::{Doc, Line};

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
    /// The lines of comment `id` (its `content.rendered` is `html`) at `width`, parsed and
    /// laid out once while cached; `ascii` draws quote bars, bullets and rules in ASCII.
    pub fn get(&self, id: u64, html: &str, width: usize, ascii: bool) -> Rc<Vec<Line>> {
        let key = (id, width, ascii);
        let mut g = self.lines.borrow_mut();
        if let Some(found) = g.current.get(&key) {
            return Rc::clone(found);
        }
        let lines = match g.previous.remove(&key) {
            Some(found) => found,
            None => Rc::new(Doc::parse(html).layout_with(width, ascii)),
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
