//! What moderation asks of the worker ([`ModEffect`]) and what the worker reports back
//! ([`ModMsg`]): one report per effect.

use crate::model::ApiRoot;
use crate::model::Site;
use crate::model::moderation::{ModAction, Outcome, Status};
use crate::model::queue::{Counts, Filter, QueuePage};

/// Work for the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum ModEffect {
    /// Discover the site, check the identity, count and load the first page.
    OpenQueue {
        /// Any URL on the site.
        site: String,
        /// Tag of this load.
        generation: u64,
    },
    /// Load a page of the queue.
    LoadQueue {
        /// Tag of this load.
        generation: u64,
        /// API root.
        api: ApiRoot,
        /// The filter.
        filter: Filter,
        /// 1-based page.
        page: u32,
        /// Server-side search.
        search: Option<String>,
    },
    /// Count comments per status.
    Counts {
        /// API root.
        api: ApiRoot,
    },
    /// Apply an action to one comment.
    Apply {
        /// Batch number.
        batch: u64,
        /// API root.
        api: ApiRoot,
        /// The comment.
        id: u64,
        /// The action.
        action: ModAction,
        /// Its status as shown before the action.
        current: Status,
    },
    /// Ask the site whether the identity may moderate.
    Capability {
        /// API root.
        api: ApiRoot,
    },
    /// Read a comment's text as stored, to edit it.
    ReadRaw {
        /// API root.
        api: ApiRoot,
        /// The comment.
        id: u64,
    },
    /// Replace a comment's text.
    Edit {
        /// API root.
        api: ApiRoot,
        /// The comment.
        id: u64,
        /// The new text.
        text: String,
    },
}

/// The first answer of a queue: who we are and what there is.
#[derive(Clone, Debug)]
pub struct QueueOpen {
    /// The site.
    pub site: Site,
    /// Its API root.
    pub api: ApiRoot,
    /// `moderate_comments`.
    pub can_moderate: bool,
    /// Counts per status (zero when the identity may not moderate).
    pub counts: Counts,
    /// The first page of the Pending filter.
    pub page: QueuePage,
}

/// Reports from the worker.
#[derive(Clone, Debug)]
pub enum ModMsg {
    /// The queue opened (or could not).
    QueueOpened {
        /// Tag of the load.
        generation: u64,
        /// What was found, or the error in one line.
        result: Result<Box<QueueOpen>, String>,
    },
    /// A page of the queue.
    QueuePage {
        /// Tag of the load.
        generation: u64,
        /// The page, or the error in one line.
        result: Result<QueuePage, String>,
    },
    /// Counts from the server.
    Counts(Result<Counts, String>),
    /// One step of a batch answered.
    Applied {
        /// Batch number.
        batch: u64,
        /// The comment.
        id: u64,
        /// What the site did, or why it refused.
        result: Result<Outcome, String>,
    },
    /// Whether the identity has `moderate_comments`, or why that is not known.
    Capability(Result<bool, String>),
    /// A comment's stored text, to edit it, or why it could not be read.
    RawRead {
        /// The comment.
        id: u64,
        /// `content.raw`, or the error in one line.
        result: Result<String, String>,
    },
    /// A text edit answered.
    Edited {
        /// The comment.
        id: u64,
        /// The new rendered HTML, or why it was refused.
        result: Result<String, String>,
    },
}
