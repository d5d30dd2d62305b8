//! Fixed key tables: keys that are not rebindable, listed once so the same table serves
//! matching and the help overlay.

use super::action::Action;

/// The composer's keys, for the help overlay: (keys, what they do).
pub const COMPOSER_KEYS: &[(&str, &str)] = &[
    (
        "ctrl-s, alt-enter",
        "composer: send (asks who to post as first)",
    ),
    ("ctrl-p", "composer: preview / back to editing"),
    ("ctrl-q", "composer: quote the comment replied to"),
    ("ctrl-e", "composer: edit in $VISUAL / $EDITOR"),
    ("esc", "composer: close (the draft is kept)"),
    ("y, i, n", "send step: post, switch identity, back"),
];

/// The built-in bindings, in help order.
pub const DEFAULT_BINDINGS: &[(&str, Action)] = &[
    ("j", Action::MoveDown),
    ("down", Action::MoveDown),
    ("k", Action::MoveUp),
    ("up", Action::MoveUp),
    ("J", Action::NextSibling),
    ("K", Action::PrevSibling),
    ("p", Action::Parent),
    ("h", Action::Parent),
    ("n", Action::NextThread),
    ("N", Action::PrevThread),
    ("g g", Action::First),
    ("home", Action::First),
    ("G", Action::Last),
    ("end", Action::Last),
    ("pgdn", Action::PageDown),
    ("pgup", Action::PageUp),
    ("ctrl-d", Action::HalfPageDown),
    ("ctrl-u", Action::HalfPageUp),
    ("space", Action::ToggleCollapse),
    // WordPress admin's moderation hotkeys (a u s S d t T D e r z x) are kept free, so
    // reading keys that would collide with them live elsewhere: fold all on -, unfold on +,
    // refresh on R, sort on ctrl-s, theme on ctrl-t.
    ("-", Action::CollapseAll),
    ("+", Action::ExpandAll),
    ("=", Action::ExpandAll),
    ("/", Action::Search),
    ("#", Action::JumpToId),
    ("o", Action::Links),
    ("y", Action::CopyPermalink),
    ("O", Action::OpenInBrowser),
    ("R", Action::Refresh),
    ("f5", Action::Refresh),
    ("ctrl-s", Action::ToggleSort),
    ("ctrl-t", Action::CycleTheme),
    ("]", Action::NextNew),
    ("[", Action::PrevNew),
    ("?", Action::Help),
    ("enter", Action::Select),
    ("q", Action::Back),
    ("esc", Action::Back),
    ("ctrl-c", Action::Quit),
    ("ctrl-z", Action::Suspend),
    // Composing: `r` is also WordPress admin's reply hotkey.
    ("r", Action::Reply),
    ("c", Action::NewComment),
    // Moderation, WordPress admin's own hotkeys (thread and queue), then the queue's marks
    // and filters.
    ("a", Action::Approve),
    ("u", Action::Unapprove),
    ("s", Action::Spam),
    ("S", Action::NotSpam),
    ("d", Action::Trash),
    ("t", Action::Trash),
    ("T", Action::Restore),
    ("D", Action::DeletePermanently),
    ("e", Action::EditComment),
    ("z", Action::Undo),
    ("x", Action::ToggleMark),
    ("v", Action::VisualMark),
    ("ctrl-a", Action::MarkAll),
    ("tab", Action::NextFilter),
    ("backtab", Action::PrevFilter),
    ("1", Action::FilterAll),
    ("2", Action::FilterPending),
    ("3", Action::FilterApproved),
    ("4", Action::FilterSpam),
    ("5", Action::FilterTrash),
];
