//! What a key can mean: the commands a user binds in `config.toml`'s `[keys]` table.
//!
//! Only bindable commands live here, so an `Action` is small, `Copy` and hashable (keymaps and
//! the help overlay index by it). Everything else `update` reacts to — keys, mouse, resizes,
//! worker reports — is a [`Msg`](crate::app::msg::Msg) that wraps an `Action` when a key resolved to one.

use serde::Deserialize;

/// A bindable command. Names are the `snake_case` variant names (`move_down = "j"` style
/// tables map key strings to these names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Next comment (or post) down the list.
    MoveDown,
    /// Previous comment (or post).
    MoveUp,
    /// Next reply of the same parent.
    NextSibling,
    /// Previous reply of the same parent.
    PrevSibling,
    /// The comment this one replies to.
    Parent,
    /// Next top-level thread; the next match while a search is active.
    NextThread,
    /// Previous top-level thread; the previous match while a search is active.
    PrevThread,
    /// First comment.
    First,
    /// Last comment.
    Last,
    /// A screen down (post list: next page of posts).
    PageDown,
    /// A screen up (post list: previous page of posts).
    PageUp,
    /// Half a screen down.
    HalfPageDown,
    /// Half a screen up.
    HalfPageUp,
    /// Fold or unfold the replies of the selected comment.
    ToggleCollapse,
    /// Fold every top-level thread.
    CollapseAll,
    /// Unfold everything.
    ExpandAll,
    /// Search the thread (post list: search the site).
    Search,
    /// Jump to a comment by id.
    JumpToId,
    /// Pick one of the selected comment's links.
    Links,
    /// Copy the selected comment's permalink to the clipboard.
    CopyPermalink,
    /// Open the selected comment in the browser.
    OpenInBrowser,
    /// Fetch the thread again (also retries after an error).
    Refresh,
    /// Oldest or newest threads first.
    ToggleSort,
    /// Next colour theme.
    CycleTheme,
    /// Next comment that is new since the last visit.
    NextNew,
    /// Previous new comment.
    PrevNew,
    /// Show the keys.
    Help,
    /// Open the selected post (post list) or fold/unfold (thread).
    Select,
    /// Close a popup, clear a search, go back to the post list, or quit.
    Back,
    /// Quit at once.
    Quit,
    /// Suspend to the shell (like Ctrl-Z in any program).
    Suspend,
    /// Bound to nothing: `"x" = "none"` removes a default binding.
    None,
    /// Reply to the selected comment (opens the composer).
    Reply,
    /// Write a new top-level comment on the post (opens the composer).
    NewComment,
    /// Approve the comment (or the marked ones).
    Approve,
    /// Unapprove: back to awaiting moderation.
    Unapprove,
    /// Mark as spam.
    Spam,
    /// Not spam: back to its status before.
    NotSpam,
    /// Move to the trash.
    Trash,
    /// Restore from the trash.
    Restore,
    /// Delete permanently (asks first).
    DeletePermanently,
    /// Edit the comment's text.
    EditComment,
    /// Undo the last moderation action.
    Undo,
    /// Mark or unmark for a bulk action.
    ToggleMark,
    /// Start or end a range of marks.
    VisualMark,
    /// Mark every comment on this page (again: unmark all).
    MarkAll,
    /// Next queue filter.
    NextFilter,
    /// Previous queue filter.
    PrevFilter,
    /// Queue: all comments.
    FilterAll,
    /// Queue: pending.
    FilterPending,
    /// Queue: approved.
    FilterApproved,
    /// Queue: spam.
    FilterSpam,
    /// Queue: trash.
    FilterTrash,
}

/// Which screen an action is meant for (the help overlay lists one view's actions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The comment tree.
    Thread,
    /// The site's recent posts.
    Posts,
    /// The moderation queue.
    Queue,
}

impl Action {
    /// Every bindable action, in help order.
    pub const ALL: [Action; 53] = [
        Action::MoveDown,
        Action::MoveUp,
        Action::NextSibling,
        Action::PrevSibling,
        Action::Parent,
        Action::NextThread,
        Action::PrevThread,
        Action::First,
        Action::Last,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::ToggleCollapse,
        Action::CollapseAll,
        Action::ExpandAll,
        Action::Search,
        Action::JumpToId,
        Action::Links,
        Action::CopyPermalink,
        Action::OpenInBrowser,
        Action::Refresh,
        Action::ToggleSort,
        Action::CycleTheme,
        Action::NextNew,
        Action::PrevNew,
        Action::Help,
        Action::Select,
        Action::Back,
        Action::Quit,
        Action::Suspend,
        Action::None,
        Action::Reply,
        Action::NewComment,
        Action::Approve,
        Action::Unapprove,
        Action::Spam,
        Action::NotSpam,
        Action::Trash,
        Action::Restore,
        Action::DeletePermanently,
        Action::EditComment,
        Action::Undo,
        Action::ToggleMark,
        Action::VisualMark,
        Action::MarkAll,
        Action::NextFilter,
        Action::PrevFilter,
        Action::FilterAll,
        Action::FilterPending,
        Action::FilterApproved,
        Action::FilterSpam,
        Action::FilterTrash,
    ];

    /// The config name (what `[keys]` values say).
    pub fn name(self) -> &'static str {
        use Action::*;
        match self {
            MoveDown => "move_down",
            MoveUp => "move_up",
            NextSibling => "next_sibling",
            PrevSibling => "prev_sibling",
            Parent => "parent",
            NextThread => "next_thread",
            PrevThread => "prev_thread",
            First => "first",
            Last => "last",
            PageDown => "page_down",
            PageUp => "page_up",
            HalfPageDown => "half_page_down",
            HalfPageUp => "half_page_up",
            ToggleCollapse => "toggle_collapse",
            CollapseAll => "collapse_all",
            ExpandAll => "expand_all",
            Search => "search",
            JumpToId => "jump_to_id",
            Links => "links",
            CopyPermalink => "copy_permalink",
            OpenInBrowser => "open_in_browser",
            Refresh => "refresh",
            ToggleSort => "toggle_sort",
            CycleTheme => "cycle_theme",
            NextNew => "next_new",
            PrevNew => "prev_new",
            Help => "help",
            Select => "select",
            Back => "back",
            Quit => "quit",
            Suspend => "suspend",
            None => "none",
            Reply => "reply",
            NewComment => "new_comment",
            Approve => "approve",
            Unapprove => "unapprove",
            Spam => "spam",
            NotSpam => "not_spam",
            Trash => "trash",
            Restore => "restore",
            DeletePermanently => "delete_permanently",
            EditComment => "edit_comment",
            Undo => "undo",
            ToggleMark => "toggle_mark",
            VisualMark => "visual_mark",
            MarkAll => "mark_all",
            NextFilter => "next_filter",
            PrevFilter => "prev_filter",
            FilterAll => "filter_all",
            FilterPending => "filter_pending",
            FilterApproved => "filter_approved",
            FilterSpam => "filter_spam",
            FilterTrash => "filter_trash",
        }
    }

    /// One-line description for the help overlay, worded for `view`.
    pub fn describe(self, view: View) -> &'static str {
        use Action::*;
        match (self, view) {
            (MoveDown, View::Posts) => "next post",
            (MoveUp, View::Posts) => "previous post",
            (PageDown, View::Posts) => "next page of posts",
            (PageUp, View::Posts) => "previous page of posts",
            (Search, View::Posts) => "search the site",
            (Select, View::Posts) => "open the post's comments",
            (Back, View::Posts) => "clear the search, or quit",
            (Refresh, View::Posts) => "reload the list",
            (First, View::Posts) => "first post",
            (Last, View::Posts) => "last post",
            (MoveDown, _) => "next comment",
            (MoveUp, _) => "previous comment",
            (NextSibling, _) => "next reply to the same comment",
            (PrevSibling, _) => "previous reply to the same comment",
            (Parent, _) => "parent comment",
            (NextThread, _) => "next thread (next match while searching)",
            (PrevThread, _) => "previous thread (previous match while searching)",
            (First, _) => "first comment",
            (Last, _) => "last comment",
            (PageDown, _) => "a screen down",
            (PageUp, _) => "a screen up",
            (HalfPageDown, _) => "half a screen down",
            (HalfPageUp, _) => "half a screen up",
            (ToggleCollapse, _) => "fold / unfold replies",
            (CollapseAll, _) => "fold all threads",
            (ExpandAll, _) => "unfold everything",
            (Search, _) => "search authors and text (Esc clears)",
            (JumpToId, _) => "jump to a comment by id",
            (Links, _) => "links of the comment",
            (CopyPermalink, _) => "copy the comment's permalink",
            (OpenInBrowser, _) => "open the comment in the browser",
            (Refresh, _) => "fetch again / retry",
            (ToggleSort, _) => "oldest / newest threads first",
            (CycleTheme, _) => "next colour theme",
            (NextNew, _) => "next new comment",
            (PrevNew, _) => "previous new comment",
            (Help, _) => "this help",
            (Select, _) => "fold / unfold replies",
            (Back, _) => "close, clear search, back, or quit",
            (Quit, _) => "quit",
            (Suspend, _) => "suspend to the shell",
            (None, _) => "nothing",
            (Reply, _) => "reply to the selected comment",
            (NewComment, _) => "write a new comment on the post",
            (Approve, _) => "approve",
            (Unapprove, _) => "unapprove (hold)",
            (Spam, _) => "mark as spam",
            (NotSpam, _) => "not spam",
            (Trash, _) => "move to the trash",
            (Restore, _) => "restore from the trash",
            (DeletePermanently, _) => "delete permanently (asks first)",
            (EditComment, _) => "edit the comment's text",
            (Undo, _) => "undo the last moderation action",
            (ToggleMark, _) => "mark / unmark for a bulk action",
            (VisualMark, _) => "start / end a marked range",
            (MarkAll, _) => "mark all on this page (again: none)",
            (NextFilter, _) => "next filter",
            (PrevFilter, _) => "previous filter",
            (FilterAll, _) => "show all",
            (FilterPending, _) => "show pending",
            (FilterApproved, _) => "show approved",
            (FilterSpam, _) => "show spam",
            (FilterTrash, _) => "show trash",
        }
    }

    /// Whether the action does something in `view` (the help overlay hides the rest).
    pub fn applies_to(self, view: View) -> bool {
        use Action::*;
        match view {
            View::Thread => self != None && !self.is_queue_only(),
            View::Queue => self.is_moderation() || self.is_queue_only() || self.is_list_key(),
            View::Posts => self.is_list_key(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct One {
        a: Action,
    }

    #[test]
    fn every_name_deserialises_back_to_its_action() {
        for action in Action::ALL {
            let parsed: One = toml::from_str(&format!("a = \"{}\"", action.name()))
                .unwrap_or_else(|e| panic!("{}: {e}", action.name()));
            assert_eq!(parsed.a, action);
        }
    }

    #[test]
    fn an_unknown_name_is_refused() {
        assert!(toml::from_str::<One>("a = \"fly\"").is_err());
    }
}
