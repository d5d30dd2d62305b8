//! The queue screen's state: one page of rows, the selection, marks, and what the site has
//! confirmed about comments (so a reloaded page and the counts follow it).

use std::collections::{BTreeSet, HashMap};

use crate::model::ApiRoot;
use crate::model::Site;
use crate::model::moderation::Status;
use crate::model::queue::{Counts, Filter, QueuePage, QueueRow};

/// Screen rows one comment takes: who, where and when, the excerpt.
pub const QUEUE_ROWS: usize = 3;

/// State of the queue screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Queue {
    /// The site.
    pub site: Site,
    /// Its API root.
    pub api: ApiRoot,
    /// The filter shown.
    pub filter: Filter,
    /// Counts per status.
    pub counts: Counts,
    /// 1-based page.
    pub page: u32,
    /// Pages in all.
    pub total_pages: u32,
    /// The comments of the page, newest first.
    pub rows: Vec<QueueRow>,
    /// Comments deleted for good this session (shown struck out until the page reloads).
    pub deleted: BTreeSet<u64>,
    /// Selected row.
    pub selected: usize,
    /// First row on screen.
    pub top: usize,
    /// Marked comment ids.
    pub marked: BTreeSet<u64>,
    /// Where a visual range started (`v`), if one is open.
    pub visual: Option<usize>,
    /// The server-side search, if any.
    pub search: Option<String>,
    /// Statuses set by actions since the page shown (or being loaded) was asked for: a page
    /// that left before an action landed must not bring the old status back.
    pub changed: HashMap<u64, Option<Status>>,
    /// Comments taken off the page once the site confirmed a status the filter does not
    /// show, with that status (undo still needs it).
    pub gone: HashMap<u64, Status>,
}

impl Queue {
    /// A queue from its first page.
    pub fn new(site: Site, api: ApiRoot, counts: Counts, filter: Filter, page: QueuePage) -> Queue {
        let mut q = Queue {
            site,
            api,
            filter,
            counts,
            page: 1,
            total_pages: 1,
            rows: Vec::new(),
            deleted: BTreeSet::new(),
            selected: 0,
            top: 0,
            marked: BTreeSet::new(),
            visual: None,
            search: None,
            changed: HashMap::new(),
            gone: HashMap::new(),
        };
        q.replace_page(page);
        q
    }

    /// Show a newly loaded page.
    pub fn replace_page(&mut self, page: QueuePage) {
        self.page = page.page;
        self.total_pages = page.total_pages.max(1);
        self.rows = page.rows;
        self.deleted.clear();
        for row in &mut self.rows {
            match self.changed.get(&row.id) {
                Some(Some(s)) => row.status = *s,
                Some(None) => {
                    self.deleted.insert(row.id);
                }
                None => {}
            }
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.top = self.top.min(self.selected);
        self.marked.retain(|id| page_has(&self.rows, *id));
        self.visual = None;
    }

    /// The row of comment `id`.
    pub fn row(&self, id: u64) -> Option<&QueueRow> {
        self.rows.iter().find(|r| r.id == id)
    }

    /// Show `id` as `to` (`None`: deleted) and move the counts from `from`.
    pub fn set_status(&mut self, id: u64, from: Option<Status>, to: Option<Status>) {
        self.changed.insert(id, to);
        if let Some(gone) = self.gone.get_mut(&id) {
            // Off the page but still counted: only its status and the counts follow.
            match to {
                Some(s) => *gone = s,
                None => {
                    self.gone.remove(&id);
                }
            }
            if self.row(id).is_none() {
                self.counts.shift(from, to);
                return;
            }
        }
        let Some(row) = self.rows.iter_mut().find(|r| r.id == id) else {
            return;
        };
        match to {
            Some(s) => {
                row.status = s;
                self.deleted.remove(&id);
            }
            None => {
                self.deleted.insert(id);
            }
        }
        self.counts.shift(from, to);
    }

    /// The site confirmed comment `id` as `status` (`None`: deleted): take its row off the page
    /// when the filter does not show that status, as the admin screen does. The selection
    /// stays on the row that takes its place (the next, else the previous). True when a row
    /// went.
    pub fn confirmed(&mut self, id: u64, status: Option<Status>, screen_rows: usize) -> bool {
        if status.is_some_and(|s| self.filter.admits(s)) {
            return false;
        }
        let Some(pos) = self.rows.iter().position(|r| r.id == id) else {
            return false;
        };
        self.rows.remove(pos);
        self.deleted.remove(&id);
        self.marked.remove(&id);
        if let Some(s) = status {
            self.gone.insert(id, s);
        }
        let last = self.rows.len().saturating_sub(1);
        let shift = |i: usize| if i > pos { i - 1 } else { i.min(last) };
        self.selected = shift(self.selected);
        self.visual = self.visual.map(shift);
        self.top = shift(self.top).min(self.selected);
        self.keep_visible(screen_rows);
        true
    }

    /// Unmark everything and close a visual range.
    pub fn clear_marks(&mut self) {
        self.marked.clear();
        self.visual = None;
    }

    /// The rows a visual range covers right now.
    pub fn visual_range(&self) -> Option<std::ops::RangeInclusive<usize>> {
        let a = self.visual?;
        Some(a.min(self.selected)..=a.max(self.selected))
    }

    /// True when row `i` is marked (or inside the open visual range).
    pub fn is_marked(&self, i: usize) -> bool {
        self.rows
            .get(i)
            .is_some_and(|r| self.marked.contains(&r.id))
            || self.visual_range().is_some_and(|r| r.contains(&i))
    }

    /// Scroll so the selected row is on screen.
    pub(super) fn keep_visible(&mut self, screen_rows: usize) {
        let fit = (screen_rows / QUEUE_ROWS).max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + fit {
            self.top = self.selected + 1 - fit;
        }
    }
}

fn page_has(rows: &[QueueRow], id: u64) -> bool {
    rows.iter().any(|r| r.id == id)
}
