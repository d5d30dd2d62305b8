//! Scrolling the tree: keeping the selection on screen, scrolling by lines, paging, and
//! mapping a mouse row to a comment. Only rows near the screen are ever laid out.

use crate::app::geometry::Indent;
use crate::app::thread::ThreadView;

/// The tree's size on screen and the indentation, everything scrolling needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Indentation.
    pub indent: Indent,
}

impl Frame {
    fn h(&self, view: &ThreadView, row: usize) -> usize {
        view.height(row, self.width, self.indent)
    }
}

/// Scroll so the selected comment is on screen, moving as little as possible.
pub fn ensure_visible(view: &mut ThreadView, frame: Frame) {
    let Some(sel) = view.selected_pos() else {
        return;
    };
    let top = view.top_pos();
    if sel < top || (sel == top && view.top_skip > 0) {
        set_top(view, sel);
        return;
    }
    // The lowest top from which the whole selected block still fits; walking up from the
    // selection touches at most a screenful of rows.
    let mut fit_top = sel;
    let mut used = frame.h(view, sel);
    while fit_top > top {
        let above = frame.h(view, fit_top - 1);
        if used + above > frame.height.max(1) {
            break;
        }
        used += above;
        fit_top -= 1;
    }
    if fit_top > top {
        set_top(view, fit_top);
    }
}

fn set_top(view: &mut ThreadView, row: usize) {
    view.top = view.id_at_row(row);
    view.top_skip = 0;
}

/// Scroll the view by `lines` (negative: up) without moving the selection.
pub fn scroll_lines(view: &mut ThreadView, frame: Frame, lines: isize) {
    let mut top = view.top_pos();
    let mut skip = view.top_skip;
    if lines >= 0 {
        skip += lines.unsigned_abs();
        while top + 1 < view.rows.len() && skip >= frame.h(view, top) {
            skip -= frame.h(view, top);
            top += 1;
        }
        skip = skip.min(frame.h(view, top).saturating_sub(1));
    } else {
        let mut up = lines.unsigned_abs();
        while up > skip && top > 0 {
            up -= skip;
            top -= 1;
            skip = frame.h(view, top);
        }
        skip = skip.saturating_sub(up);
    }
    view.top = view.id_at_row(top);
    view.top_skip = skip;
}

/// Move the selection by about `lines` screen lines (negative: up); at least one comment.
pub fn move_by_lines(view: &mut ThreadView, frame: Frame, lines: isize) {
    let Some(mut sel) = view.selected_pos() else {
        return;
    };
    let mut travelled = 0;
    let goal = lines.unsigned_abs().max(1);
    while travelled < goal {
        if lines >= 0 {
            if sel + 1 >= view.rows.len() {
                break;
            }
            travelled += frame.h(view, sel);
            sel += 1;
        } else {
            if sel == 0 {
                break;
            }
            sel -= 1;
            travelled += frame.h(view, sel);
        }
    }
    view.selected = view.id_at_row(sel);
    ensure_visible(view, frame);
}

/// The row shown at screen line `line` of the tree (0 = its first line).
pub fn row_at_line(view: &ThreadView, frame: Frame, line: usize) -> Option<usize> {
    let mut row = view.top_pos();
    let mut y = 0usize;
    let mut skip = view.top_skip;
    while row < view.rows.len() && y < frame.height {
        let h = frame.h(view, row) - skip.min(frame.h(view, row));
        if line < y + h {
            return Some(row);
        }
        y += h;
        skip = 0;
        row += 1;
    }
    None
}
