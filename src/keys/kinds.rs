//! Kinds of [`Action`]: the keys every list understands, the moderation keys (greyed without
//! `moderate_comments`), the queue-only keys.

use super::action::Action;

impl Action {
    /// The keys every list view (posts, moderation queue) understands.
    pub(super) fn is_list_key(self) -> bool {
        use Action::*;
        matches!(
            self,
            MoveDown
                | MoveUp
                | First
                | Last
                | PageDown
                | PageUp
                | Search
                | Select
                | Refresh
                | CycleTheme
                | Help
                | Back
                | Quit
                | Suspend
        )
    }

    /// Actions that change a comment and need `moderate_comments` (greyed without it).
    pub fn is_moderation(self) -> bool {
        use Action::*;
        matches!(
            self,
            Approve
                | Unapprove
                | Spam
                | NotSpam
                | Trash
                | Restore
                | DeletePermanently
                | EditComment
                | Undo
        )
    }

    /// Actions of the moderation queue only (marks and filters).
    pub fn is_queue_only(self) -> bool {
        use Action::*;
        matches!(
            self,
            ToggleMark
                | VisualMark
                | MarkAll
                | NextFilter
                | PrevFilter
                | FilterAll
                | FilterPending
                | FilterApproved
                | FilterSpam
                | FilterTrash
        )
    }
}
