//! What moderation holds between keys: who moderates, batches in flight, undo steps, the
//! edit popup and the replies waiting on a check. Data only; the changes live beside it.

use std::collections::HashMap;

use ratatui_textarea::TextArea;

use crate::keys::action::Action;
use crate::model::ApiRoot;
use crate::model::moderation::{ModAction, Status};

/// One comment's part of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The comment.
    pub id: u64,
    /// Its status before the action.
    pub before: Status,
}

/// A batch in flight: one action on one or more comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Running {
    /// The action.
    pub action: ModAction,
    /// True when this batch undoes an earlier one (it is not undoable itself).
    pub undoing: bool,
    /// Steps not answered yet.
    pub waiting: Vec<Step>,
    /// Steps the site confirmed.
    pub done: Vec<Step>,
    /// `(id, reason)` of refused steps.
    pub failed: Vec<(u64, String)>,
    /// Comments already where the action puts them.
    pub skipped: usize,
    /// The reply whose posting asked for this approval (the summary names it).
    pub reply: Option<u64>,
}

/// A finished batch that can be undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    /// The action.
    pub action: ModAction,
    /// The comments it changed.
    pub steps: Vec<Step>,
}

/// A permanent delete waiting for `y`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    /// What will be deleted: `(id, "#12 by Ada: first words")`.
    pub targets: Vec<(u64, String)>,
}

/// Who moderates and what happened this session.
#[derive(Clone, Debug, Default)]
pub struct Moderation {
    /// The identity's name, when there is one.
    pub identity: Option<String>,
    /// Whether it has `moderate_comments`; `None` until the site said.
    pub can_moderate: Option<bool>,
    /// Finished batches, newest last.
    pub undo: Vec<Done>,
    /// Batches in flight by number.
    pub running: HashMap<u64, Running>,
    /// Next batch number.
    pub next_batch: u64,
    /// `e` on a comment whose stored text is being read first.
    pub edit_reading: Option<Reading>,
    /// Comments' stored text (`content.raw`) read or saved this session, by API root and id.
    pub raw_texts: HashMap<(String, u64), String>,
    /// A key pressed in a thread before the site said whether the identity may moderate;
    /// it runs once the answer is yes.
    pub after_check: Option<Action>,
    /// `r` in the queue: the comment whose thread is loading, to reply to when it arrives.
    pub reply_on_arrival: Option<ReplyOnArrival>,
    /// A posted reply's held parent, approved once the site says the identity may moderate.
    pub approve_after_check: Option<ApproveParent>,
}

impl Moderation {
    /// True when moderation keys work.
    pub fn allowed(&self) -> bool {
        self.can_moderate == Some(true)
    }

    /// Why the keys do nothing.
    pub fn refusal(&self) -> String {
        match &self.identity {
            Some(name) => {
                format!("{name} cannot moderate comments on this site (needs moderate_comments)")
            }
            None => {
                "moderating needs an identity that may moderate: wpcomments moderate SITE --as NAME"
                    .into()
            }
        }
    }
}

/// The open edit popup.
#[derive(Clone, Debug)]
pub struct EditBox {
    /// The comment.
    pub id: u64,
    /// Where to send it.
    pub api: ApiRoot,
    /// The text.
    pub editor: TextArea<'static>,
    /// The text as stored, to tell whether Esc would throw changes away.
    pub original: String,
    /// Esc on a changed text: waiting for `y` (discard) or another key (keep editing).
    pub confirm_discard: bool,
    /// Saved and waiting for the site.
    pub sending: bool,
}

/// `e` on a comment whose stored text is being read from the site first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The comment.
    pub id: u64,
    /// The screen's load it belongs to ([`App::generation`]).
    pub generation: u64,
    /// Where to read and later send it.
    pub api: ApiRoot,
}

/// A queue comment whose thread is loading: the composer opens on it when it arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyOnArrival {
    /// The thread load it waits for; a newer load (or leaving the thread) drops it.
    pub generation: u64,
    /// The comment to reply to.
    pub id: u64,
}

/// A posted reply to a held comment, waiting for the site to say whether the identity may
/// moderate before the comment is approved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApproveParent {
    /// The reply.
    pub reply: u64,
    /// The held comment it answers.
    pub parent: u64,
}
