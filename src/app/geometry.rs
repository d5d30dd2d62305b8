//! Where things go on screen, computed the same way by `update` (scrolling, mouse hits) and by
//! `draw`, so the two can never disagree about what is visible.

use ratatui::layout::Rect;

/// Header rows of the thread view: title, byline, rule.
pub const HEADER_ROWS: u16 = 3;
/// Narrowest body the tree lays out (deeper text is clipped, not squeezed further).
pub const MIN_BODY_WIDTH: usize = 12;

/// The screen split into its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// Title and byline.
    pub header: Rect,
    /// The comment tree or post list.
    pub main: Rect,
    /// Error banner line, if an error is shown.
    pub banner: Option<Rect>,
    /// Status bar (last row).
    pub status: Rect,
}

/// Split a `width`×`height` screen.
pub fn areas(width: u16, height: u16, banner: bool) -> Areas {
    let full = Rect::new(0, 0, width, height);
    let header_h = HEADER_ROWS.min(height.saturating_sub(1));
    let status = Rect::new(0, height.saturating_sub(1), width, height.min(1));
    let banner_h = u16::from(banner && height > header_h + 2);
    let main_h = height.saturating_sub(header_h + 1 + banner_h);
    let main = Rect::new(0, header_h, width, main_h);
    Areas {
        header: Rect::new(0, 0, full.width, header_h),
        main,
        banner: (banner_h == 1).then(|| Rect::new(0, header_h + main_h, width, 1)),
        status,
    }
}

/// Indentation settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Indent {
    /// Columns per level.
    pub width: usize,
    /// Levels drawn; deeper ones print their depth.
    pub cap: usize,
}

impl Default for Indent {
    fn default() -> Self {
        Indent { width: 2, cap: 8 }
    }
}

impl Indent {
    /// Levels of guides drawn for a comment at `depth`.
    pub fn levels(self, depth: usize) -> usize {
        depth.min(self.cap)
    }

    /// Columns before a comment's text: the selection marker and the guides.
    pub fn prefix_width(self, depth: usize) -> usize {
        1 + self.levels(depth) * self.width
    }

    /// Width the body of a comment at `depth` is laid out to in a tree `tree_width` wide
    /// (one column kept free on the right).
    pub fn body_width(self, tree_width: usize, depth: usize) -> usize {
        tree_width
            .saturating_sub(self.prefix_width(depth) + 1)
            .max(MIN_BODY_WIDTH)
    }
}

/// Lines a comment block takes: header, body, the "N replies hidden" line when folded, and
/// a separator.
pub fn block_height(body_lines: usize, folded_note: bool) -> usize {
    1 + body_lines + usize::from(folded_note) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_stack_header_tree_banner_status() {
        let a = areas(80, 24, true);
        assert_eq!(a.header, Rect::new(0, 0, 80, 3));
        assert_eq!(a.main, Rect::new(0, 3, 80, 19));
        assert_eq!(a.banner, Some(Rect::new(0, 22, 80, 1)));
        assert_eq!(a.status, Rect::new(0, 23, 80, 1));
        let tiny = areas(10, 2, true);
        assert_eq!(tiny.main.height, 0);
        assert_eq!(tiny.banner, None);
    }

    #[test]
    fn indentation_stops_at_the_cap() {
        let i = Indent { width: 2, cap: 8 };
        assert_eq!(i.prefix_width(0), 1);
        assert_eq!(i.prefix_width(3), 7);
        assert_eq!(i.prefix_width(30), 17);
        assert_eq!(i.body_width(40, 30), 22);
        assert_eq!(i.body_width(20, 30), MIN_BODY_WIDTH);
    }
}
