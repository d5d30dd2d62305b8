//! Moderation in WordPress's terms: where a comment is (approved, hold, spam, trash), what a
//! moderator can do to it, and what happened.

/// Where a comment is, as far as moderation goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Public.
    Approved,
    /// Awaiting moderation.
    Hold,
    /// Marked as spam.
    Spam,
    /// In the trash.
    Trash,
}

impl Status {
    /// Read a REST `status` (`approved`, `hold`, `unapproved`, `spam`, `trash`, `1`, `0`).
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "approved" | "approve" | "1" => Some(Status::Approved),
            "hold" | "unapproved" | "0" => Some(Status::Hold),
            "spam" => Some(Status::Spam),
            "trash" => Some(Status::Trash),
            _ => None,
        }
    }

    /// The REST name (what `Comment::status` holds).
    pub fn wire(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Hold => "hold",
            Status::Spam => "spam",
            Status::Trash => "trash",
        }
    }

    /// The `status` filter of `GET /wp/v2/comments` (which says `approve`, not `approved`).
    pub fn list_filter(self) -> &'static str {
        match self {
            Status::Approved => "approve",
            other => other.wire(),
        }
    }
}

/// A moderation action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModAction {
    /// Approve.
    Approve,
    /// Unapprove: back to awaiting moderation.
    Hold,
    /// Mark as spam.
    Spam,
    /// Not spam: back to the status it had before.
    Unspam,
    /// Move to the trash.
    Trash,
    /// Restore from the trash to the status it had before.
    Untrash,
    /// Delete for good (cannot be undone).
    Delete,
}

impl ModAction {
    /// Every action, in CLI flag order.
    pub const ALL: [ModAction; 7] = [
        ModAction::Approve,
        ModAction::Hold,
        ModAction::Spam,
        ModAction::Unspam,
        ModAction::Trash,
        ModAction::Untrash,
        ModAction::Delete,
    ];

    /// Past tense for results: `#12 approved`.
    pub fn done(self) -> &'static str {
        match self {
            ModAction::Approve => "approved",
            ModAction::Hold => "unapproved (held)",
            ModAction::Spam => "marked as spam",
            ModAction::Unspam => "not spam",
            ModAction::Trash => "trashed",
            ModAction::Untrash => "restored from the trash",
            ModAction::Delete => "deleted permanently",
        }
    }

    /// The verb: `approve`.
    pub fn verb(self) -> &'static str {
        match self {
            ModAction::Approve => "approve",
            ModAction::Hold => "unapprove",
            ModAction::Spam => "spam",
            ModAction::Unspam => "unspam",
            ModAction::Trash => "trash",
            ModAction::Untrash => "restore",
            ModAction::Delete => "delete",
        }
    }

    /// True when the action would not change a comment that is `current`: skipped, not sent
    /// (a status-only change to the current status may fail on some versions).
    pub fn is_noop(self, current: Status) -> bool {
        match self {
            ModAction::Approve => current == Status::Approved,
            ModAction::Hold => current == Status::Hold,
            ModAction::Spam => current == Status::Spam,
            ModAction::Unspam => current != Status::Spam,
            ModAction::Trash => current == Status::Trash,
            ModAction::Untrash => current != Status::Trash,
            ModAction::Delete => false,
        }
    }

    /// The status the comment is expected to have afterwards (for optimistic display);
    /// `before` is what an undo knows it had. `None` for a permanent delete.
    pub fn expected(self, before: Option<Status>) -> Option<Status> {
        match self {
            ModAction::Approve => Some(Status::Approved),
            ModAction::Hold => Some(Status::Hold),
            ModAction::Spam => Some(Status::Spam),
            ModAction::Trash => Some(Status::Trash),
            ModAction::Unspam | ModAction::Untrash => Some(before.unwrap_or(Status::Approved)),
            ModAction::Delete => None,
        }
    }

    /// The action that undoes this one on a comment that was `before`; `None` for a
    /// permanent delete. Spam and trash undo through `unspam`/`untrash`, which also clear
    /// WordPress's bookkeeping for them.
    pub fn undo(self, before: Status) -> Option<ModAction> {
        match self {
            ModAction::Delete => None,
            ModAction::Spam => Some(ModAction::Unspam),
            ModAction::Trash => Some(ModAction::Untrash),
            _ => Some(match before {
                Status::Approved => ModAction::Approve,
                Status::Hold => ModAction::Hold,
                Status::Spam => ModAction::Spam,
                Status::Trash => ModAction::Trash,
            }),
        }
    }
}

/// What happened to one comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The comment.
    pub id: u64,
    /// Its status now; `None` when it was deleted for good.
    pub status: Option<Status>,
    /// True when nothing was sent because the comment already was where the action puts it.
    pub skipped: bool,
}
