//! Moving the selection through the tree and folding: pure functions of a [`ThreadView`].
//! Each returns a note for the status bar when it could not do what was asked.

use crate::app::thread::ThreadView;
use crate::thread::SortOrder;

/// Select the row `delta` rows away (clamped).
pub fn move_rows(view: &mut ThreadView, delta: isize) {
    if view.rows.is_empty() {
        return;
    }
    let here = view.selected_pos().unwrap_or(0);
    let last = view.rows.len() - 1;
    let to = here.saturating_add_signed(delta).min(last);
    view.selected = view.id_at_row(to);
}

/// Select the first (`false`) or last (`true`) row.
pub fn to_end(view: &mut ThreadView, last: bool) {
    let row = if last {
        view.rows.len().saturating_sub(1)
    } else {
        0
    };
    view.selected = view.id_at_row(row);
}

/// Top-level comments in the current order.
fn roots_in_order(view: &ThreadView) -> Vec<usize> {
    let mut roots = view.thread.roots().to_vec();
    if view.order == SortOrder::NewestFirst {
        roots.reverse();
    }
    roots
}

/// Select the next (or previous) reply to the same comment; stays at the ends.
pub fn sibling(view: &mut ThreadView, forward: bool) -> Option<&'static str> {
    let index = view.selected_index()?;
    let siblings = match view.thread.node(index).parent {
        Some(p) => view.thread.children(p).collect(),
        None => roots_in_order(view),
    };
    let at = siblings.iter().position(|&s| s == index)?;
    let to = if forward {
        siblings.get(at + 1)
    } else {
        at.checked_sub(1).and_then(|i| siblings.get(i))
    };
    match to {
        Some(&s) => {
            view.selected = Some(view.id_at(s));
            None
        }
        None if forward => Some("no later reply at this level"),
        None => Some("no earlier reply at this level"),
    }
}

/// Select the parent; a top-level comment stays selected.
pub fn parent(view: &mut ThreadView) -> Option<&'static str> {
    let index = view.selected_index()?;
    match view.thread.node(index).parent {
        Some(p) => {
            view.selected = Some(view.id_at(p));
            None
        }
        None => Some("already at top level"),
    }
}

/// Select the next (or previous) top-level thread.
pub fn thread_step(view: &mut ThreadView, forward: bool) -> Option<&'static str> {
    let index = view.selected_index()?;
    let root = view
        .thread
        .ancestors(index)
        .last()
        .copied()
        .unwrap_or(index);
    let roots = roots_in_order(view);
    let at = roots.iter().position(|&r| r == root)?;
    let to = if forward {
        roots.get(at + 1)
    } else if root != index {
        // Inside a thread, "previous" first goes to the start of this thread.
        roots.get(at)
    } else {
        at.checked_sub(1).and_then(|i| roots.get(i))
    };
    match to {
        Some(&r) => {
            view.selected = Some(view.id_at(r));
            None
        }
        None if forward => Some("last thread"),
        None => Some("first thread"),
    }
}

/// Unfold what hides `id` and select it.
pub fn jump_to(view: &mut ThreadView, id: u64) -> bool {
    if view.thread.index_of(id).is_none() {
        return false;
    }
    view.reveal(id);
    view.selected = Some(id);
    true
}

/// Select the next (or previous) comment new since the last visit, in thread order.
pub fn new_step(view: &mut ThreadView, forward: bool) -> Option<&'static str> {
    if view.baseline.is_none() {
        return Some("first visit: nothing is marked new");
    }
    let order = view.all_ids();
    let here = view
        .selected
        .and_then(|id| order.iter().position(|x| *x == id));
    let found = if forward {
        let start = here.map_or(0, |h| h + 1);
        order[start.min(order.len())..]
            .iter()
            .find(|id| view.is_new(**id))
    } else {
        let end = here.unwrap_or(0);
        order[..end].iter().rev().find(|id| view.is_new(**id))
    };
    match found.copied() {
        Some(id) => {
            jump_to(view, id);
            None
        }
        None if order.iter().any(|id| view.is_new(*id)) => Some(if forward {
            "no new comment below"
        } else {
            "no new comment above"
        }),
        None => Some("no new comments"),
    }
}

/// Fold or unfold the selected comment.
pub fn toggle_collapse(view: &mut ThreadView) -> Option<&'static str> {
    let index = view.selected_index()?;
    if !view.thread.node(index).has_children() {
        return Some("no replies to fold");
    }
    let id = view.id_at(index);
    if !view.collapsed.remove(&id) {
        view.collapsed.insert(id);
    }
    view.refresh_rows();
    None
}

/// Fold every top-level thread that has replies; the selection moves to its thread.
pub fn collapse_all(view: &mut ThreadView) {
    let roots: Vec<u64> = view
        .thread
        .roots()
        .iter()
        .filter(|&&r| view.thread.node(r).has_children())
        .map(|&r| view.id_at(r))
        .collect();
    view.collapsed.extend(roots);
    view.refresh_rows();
}

/// Unfold everything.
pub fn expand_all(view: &mut ThreadView) {
    view.collapsed.clear();
    view.refresh_rows();
}

/// Flip the top-level order, keeping the selection.
pub fn toggle_sort(view: &mut ThreadView) -> &'static str {
    view.order = view.order.toggled();
    view.refresh_rows();
    match view.order {
        SortOrder::OldestFirst => "oldest threads first",
        SortOrder::NewestFirst => "newest threads first",
    }
}
