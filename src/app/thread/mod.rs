//! The state of one open thread: the tree, search text, folds, selection and scroll position.
//!
//! Selection and scroll are kept as comment ids, not row numbers, so they stay on the same
//! comment when pages arrive, a refresh adds comments, or the sort order flips.

pub mod actions;
pub mod body;
pub mod loading;
pub mod nav;
pub mod search;
pub mod search_text;
pub mod viewport;

use std::collections::HashSet;
use std::rc::Rc;

use crate::app::geometry::{Indent, block_height};
use crate::app::msg::{Opened, PostTarget, ThreadSource};
use crate::app::thread::body::LayoutCache;
use crate::app::thread::search::Search;
use crate::app::thread::search_text::SearchText;
use crate::model::ApiRoot;
use crate::model::{Comment, IdSet, Post, Site};
use crate::render::Line;
use crate::thread::{Row, SortOrder, Thread};

/// [`ThreadView`]'s row position of a comment folded away.
const HIDDEN: u32 = u32::MAX;

/// One open thread.
#[derive(Clone, Debug)]
pub struct ThreadView {
    /// The site.
    pub site: Site,
    /// What was read from the post's page instead of the REST API, and why.
    pub page_read: Option<crate::model::PageRead>,
    /// The post.
    pub post: Post,
    /// API root, when loaded over the network.
    pub api: Option<ApiRoot>,
    /// The URL the user gave.
    pub source_url: String,
    /// `X-WP-Total` as last reported.
    pub total_reported: Option<u64>,
    /// The tree.
    pub thread: Thread,
    /// What search looks in.
    pub search_text: SearchText,
    /// Visible rows (folds applied), in display order.
    pub rows: Vec<Row>,
    /// Row position of each comment by tree index ([`HIDDEN`] when folded away): a vector,
    /// rebuilt with `rows` once per batch of pages, not a map keyed by id.
    pos: Vec<u32>,
    /// Folded comment ids.
    pub collapsed: IdSet,
    /// Top-level order.
    pub order: SortOrder,
    /// Selected comment id.
    pub selected: Option<u64>,
    /// First comment on screen.
    pub top: Option<u64>,
    /// Lines of the first comment scrolled off the top.
    pub top_skip: usize,
    /// Active search.
    pub search: Option<Search>,
    /// Ids seen before this visit; `None` on a first visit (nothing is new).
    pub baseline: Option<HashSet<u64>>,
    /// Where seen ids are stored.
    pub seen_key: Option<String>,
    /// Comment to select once it arrives (`#comment-N`, or kept across a reload).
    pub focus: Option<u64>,
    /// Comments loaded when a refresh started (to report how many it added).
    pub refreshing_from: Option<usize>,
    /// Ids the running refresh has received; at its end, comments not among them are gone
    /// from the site (deleted, trashed, unapproved) and leave the view.
    pub refresh_seen: Option<HashSet<u64>>,
    /// Body lines per width.
    pub cache: LayoutCache,
}

impl ThreadView {
    /// An empty thread for a post whose comments are about to stream in.
    pub fn new(opened: Opened) -> ThreadView {
        ThreadView {
            site: opened.site,
            post: opened.post,
            api: opened.api,
            source_url: opened.source_url,
            page_read: opened.page_read,
            total_reported: None,
            thread: Thread::default(),
            search_text: SearchText::default(),
            rows: Vec::new(),
            pos: Vec::new(),
            collapsed: IdSet::default(),
            order: SortOrder::default(),
            selected: None,
            top: None,
            top_skip: 0,
            search: None,
            baseline: opened.seen,
            seen_key: opened.seen_key,
            focus: opened.focus,
            refreshing_from: None,
            refresh_seen: None,
            cache: LayoutCache::default(),
        }
    }

    /// Drop the comments whose ids are not in `keep`; returns how many left. A selection on
    /// a dropped comment moves to its nearest remaining ancestor (else the first row).
    pub fn retain(&mut self, keep: &HashSet<u64>) -> usize {
        let fallback: Vec<u64> = self
            .selected
            .and_then(|id| self.thread.index_of(id))
            .map(|i| {
                let ancestors = self.thread.ancestors(i);
                ancestors
                    .iter()
                    .map(|&a| self.thread.comment(a).id)
                    .collect()
            })
            .unwrap_or_default();
        let all = std::mem::take(&mut self.thread).into_comments();
        let before = all.len();
        let kept: Vec<Comment> = all.into_iter().filter(|c| keep.contains(&c.id)).collect();
        let removed = before - kept.len();
        self.search_text.retain(|id| keep.contains(&id));
        self.collapsed.retain(|id| keep.contains(id));
        if self.selected.is_some_and(|id| !keep.contains(&id)) {
            self.selected = fallback.into_iter().find(|id| keep.contains(id));
        }
        if self.top.is_some_and(|id| !keep.contains(&id)) {
            self.top = self.selected;
            self.top_skip = 0;
        }
        self.set_thread(Thread::build(kept));
        // Rebuilds rows and search, and picks a selection if none is left.
        self.merge(Vec::new());
        removed
    }

    /// How to load this thread again.
    /// True for the built-in demo and archives: no site behind them, so nothing to post,
    /// moderate or fetch.
    pub fn is_offline(&self) -> bool {
        self.api.is_none()
    }

    /// Where to fetch this thread again; `None` offline.
    pub fn source(&self) -> Option<ThreadSource> {
        Some(ThreadSource::Post(Box::new(PostTarget {
            api: self.api.clone()?,
            site: self.site.clone(),
            post: self.post.clone(),
            focus: self.selected,
            source_url: self.source_url.clone(),
        })))
    }

    /// Add (or replace) comments and rebuild the tree, keeping selection and scroll.
    pub fn merge(&mut self, comments: Vec<Comment>) {
        for c in &comments {
            // A refresh re-parses a body only when its HTML changed.
            let known = self.search_text.contains(c.id);
            let same = known
                && self.thread.index_of(c.id).is_some_and(|i| {
                    let was = self.thread.comment(i);
                    was.content_html == c.content_html && was.author_name == c.author_name
                });
            if !same {
                self.search_text.insert(c);
                if known {
                    self.cache.forget(c.id);
                }
            }
        }
        // A page of a first load grows the tree; anything else rebuilds it.
        // Where the selection is, read before a rebuild changes the tree's indices.
        let before = self.selected_pos();
        if let Err(comments) = self.thread.append(comments) {
            let mut all = std::mem::take(&mut self.thread).into_comments();
            all.extend(comments);
            self.set_thread(Thread::build(all));
        }
        self.refresh_rows_from(before);
        if let Some(focus) = self.focus
            && self.thread.index_of(focus).is_some()
        {
            self.focus = None;
            self.reveal(focus);
            self.selected = Some(focus);
            self.top = Some(focus);
            self.top_skip = 0;
        }
        if self.selected.is_none() {
            self.selected = self.rows.first().map(|r| self.id_at(r.index));
        }
        if self.top.is_none() {
            self.top = self.selected;
        }
        if let Some(search) = self.search.take() {
            let near = search.current_id();
            self.search = Some(Search::run(self, search.query, near));
        }
    }

    /// Put `thread` in place of the tree. Tree indices change, so row positions are
    /// forgotten until the next [`ThreadView::refresh_rows_from`].
    pub fn set_thread(&mut self, thread: Thread) {
        self.thread = thread;
        self.pos.clear();
    }

    /// Recompute visible rows after folds, sort or tree changes; keep selection visible.
    pub fn refresh_rows(&mut self) {
        self.refresh_rows_from(self.selected_pos());
    }

    /// [`ThreadView::refresh_rows`] after a tree change: a selection no longer shown moves
    /// to its nearest shown ancestor, else to the row at `prev_sel_pos` (where it was).
    pub fn refresh_rows_from(&mut self, prev_sel_pos: Option<usize>) {
        self.rows = self.thread.rows(self.order, &self.collapsed);
        self.pos.clear();
        self.pos.resize(self.thread.len(), HIDDEN);
        for (at, r) in self.rows.iter().enumerate() {
            self.pos[r.index] = at as u32;
        }
        // A selection hidden by a fold moves to the nearest visible ancestor.
        if let Some(id) = self.selected
            && self.pos_of(id).is_none()
        {
            self.selected = self.visible_ancestor(id).or_else(|| {
                let i = prev_sel_pos
                    .unwrap_or(0)
                    .min(self.rows.len().saturating_sub(1));
                self.rows.get(i).map(|r| self.id_at(r.index))
            });
        }
        if let Some(id) = self.top
            && self.pos_of(id).is_none()
        {
            self.top = self.visible_ancestor(id).or(self.selected);
            self.top_skip = 0;
        }
    }

    fn visible_ancestor(&self, id: u64) -> Option<u64> {
        let index = self.thread.index_of(id)?;
        self.thread
            .ancestors(index)
            .into_iter()
            .map(|i| self.id_at(i))
            .find(|a| self.pos_of(*a).is_some())
    }

    /// Unfold every ancestor of `id` so it is visible.
    pub fn reveal(&mut self, id: u64) {
        let Some(index) = self.thread.index_of(id) else {
            return;
        };
        let mut changed = false;
        for a in self.thread.ancestors(index) {
            changed |= self.collapsed.remove(&self.id_at(a));
        }
        if changed || self.pos_of(id).is_none() {
            self.refresh_rows();
        }
    }

    /// The comment id at tree index `index`.
    pub fn id_at(&self, index: usize) -> u64 {
        self.thread.comment(index).id
    }

    /// The comment id at visible row `row`.
    pub fn id_at_row(&self, row: usize) -> Option<u64> {
        self.rows.get(row).map(|r| self.id_at(r.index))
    }

    /// Row position of comment `id`; `None` when it is folded away or not in the thread.
    pub fn pos_of(&self, id: u64) -> Option<usize> {
        let at = *self.pos.get(self.thread.index_of(id)?)?;
        (at != HIDDEN).then_some(at as usize)
    }

    /// Row position of the selection.
    pub fn selected_pos(&self) -> Option<usize> {
        self.selected.and_then(|id| self.pos_of(id))
    }

    /// Row position of the first comment on screen.
    pub fn top_pos(&self) -> usize {
        self.top.and_then(|id| self.pos_of(id)).unwrap_or(0)
    }

    /// Tree index of the selection.
    pub fn selected_index(&self) -> Option<usize> {
        self.selected.and_then(|id| self.thread.index_of(id))
    }

    /// Whether comment `id` is new since the last visit.
    pub fn is_new(&self, id: u64) -> bool {
        self.baseline.as_ref().is_some_and(|b| !b.contains(&id))
    }

    /// True when the row's comment is folded with replies hidden.
    pub fn folded(&self, row: usize) -> bool {
        self.rows.get(row).is_some_and(|r| {
            self.thread.node(r.index).descendants > 0
                && self.collapsed.contains(&self.id_at(r.index))
        })
    }

    /// Laid-out body of the comment at `row`, for a tree `tree_width` wide.
    pub fn body_lines(&self, row: usize, tree_width: usize, indent: Indent) -> Rc<Vec<Line>> {
        let Some(r) = self.rows.get(row) else {
            return Rc::new(Vec::new());
        };
        let id = self.id_at(r.index);
        self.cache.get(
            id,
            &self.thread.comment(r.index).content_html,
            indent.body_width(tree_width, r.depth),
            indent.ascii,
        )
    }

    /// Screen lines the comment at `row` takes.
    pub fn height(&self, row: usize, tree_width: usize, indent: Indent) -> usize {
        block_height(
            self.body_lines(row, tree_width, indent).len(),
            self.folded(row),
        )
    }

    /// Each comment's position in thread order (folds ignored), by tree index.
    pub fn preorder_positions(&self) -> Vec<u32> {
        let mut at = vec![0; self.thread.len()];
        for (i, r) in self.thread.preorder(self.order).iter().enumerate() {
            at[r.index] = i as u32;
        }
        at
    }

    /// Ids of every comment in thread order, folds ignored (search, new-comment jumps).
    pub fn all_ids(&self) -> Vec<u64> {
        self.thread
            .preorder(self.order)
            .iter()
            .map(|r| self.id_at(r.index))
            .collect()
    }
}
