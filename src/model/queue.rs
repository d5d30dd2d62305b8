//! The moderation queue's data: the filter tabs, the counts on them, one row per comment and
//! a page of rows (WordPress's `edit-comments.php` in the terminal).

use chrono::NaiveDateTime;

use super::moderation::Status;

/// The queue's filters, like the admin screen's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Filter {
    /// Approved and held (not spam, not trash).
    All,
    /// Held.
    #[default]
    Pending,
    /// Approved.
    Approved,
    /// Spam.
    Spam,
    /// Trash.
    Trash,
}

impl Filter {
    /// Every filter, in tab order.
    pub const ALL: [Filter; 5] = [
        Filter::All,
        Filter::Pending,
        Filter::Approved,
        Filter::Spam,
        Filter::Trash,
    ];

    /// Tab label.
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "All",
            Filter::Pending => "Pending",
            Filter::Approved => "Approved",
            Filter::Spam => "Spam",
            Filter::Trash => "Trash",
        }
    }

    /// The REST `status` value.
    pub fn rest_status(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Pending => "hold",
            Filter::Approved => "approve",
            Filter::Spam => "spam",
            Filter::Trash => "trash",
        }
    }

    /// True when a comment of `status` belongs under this filter.
    pub fn admits(self, status: Status) -> bool {
        match self {
            Filter::All => matches!(status, Status::Approved | Status::Hold),
            Filter::Pending => status == Status::Hold,
            Filter::Approved => status == Status::Approved,
            Filter::Spam => status == Status::Spam,
            Filter::Trash => status == Status::Trash,
        }
    }
}

/// How many comments each status has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Held.
    pub pending: u64,
    /// Approved.
    pub approved: u64,
    /// Spam.
    pub spam: u64,
    /// Trash.
    pub trash: u64,
}

impl Counts {
    /// The count shown on a filter's tab.
    pub fn of(&self, filter: Filter) -> u64 {
        match filter {
            Filter::All => self.pending + self.approved,
            Filter::Pending => self.pending,
            Filter::Approved => self.approved,
            Filter::Spam => self.spam,
            Filter::Trash => self.trash,
        }
    }

    /// The counter of `status`.
    pub fn slot(&mut self, status: Status) -> &mut u64 {
        match status {
            Status::Approved => &mut self.approved,
            Status::Hold => &mut self.pending,
            Status::Spam => &mut self.spam,
            Status::Trash => &mut self.trash,
        }
    }

    /// Move one comment from `from` to `to` (`None`: not there, deleted for good).
    pub fn shift(&mut self, from: Option<Status>, to: Option<Status>) {
        if let Some(from) = from {
            let slot = self.slot(from);
            *slot = slot.saturating_sub(1);
        }
        if let Some(to) = to {
            *self.slot(to) += 1;
        }
    }
}

/// One comment in the queue. Text fields are sanitized single lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    /// Comment id.
    pub id: u64,
    /// Post id.
    pub post: u64,
    /// Post title (`post #N` when the site does not say).
    pub post_title: String,
    /// Parent comment id.
    pub parent: u64,
    /// Author name.
    pub author: String,
    /// Author email (edit context).
    pub email: String,
    /// Author website.
    pub url: String,
    /// Author IP (edit context).
    pub ip: String,
    /// Date (UTC).
    pub date: Option<NaiveDateTime>,
    /// The text on one line, shortened.
    pub excerpt: String,
    /// The text as stored (for editing).
    pub raw: String,
    /// Status.
    pub status: Status,
    /// `comment`, `pingback`, `trackback`.
    pub kind: String,
    /// Permalink.
    pub link: String,
}

/// One page of the queue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueuePage {
    /// The comments, newest first.
    pub rows: Vec<QueueRow>,
    /// 1-based page.
    pub page: u32,
    /// Pages in all (at least 1).
    pub total_pages: u32,
    /// Comments in all (`X-WP-Total`).
    pub total: u64,
}
