//! Display-width measurement and truncation.
//!
//! Widths are summed per grapheme cluster, the same unit ratatui's buffer draws, so a
//! ZWJ family, a flag or a letter with combining accents counts as what the terminal
//! shows rather than as the sum of its code points.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `s` in terminal columns, measured per grapheme cluster.
///
/// `display_width("日本") == 4`, `display_width("👨‍👩‍👧") == 2`, `display_width("e\u{301}") == 1`.
pub fn display_width(s: &str) -> usize {
    if is_printable_ascii(s) {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Width of one grapheme cluster.
pub(crate) fn grapheme_width(g: &str) -> usize {
    g.width()
}

/// Calls `f(unit, width)` for the smallest pieces a line may be broken between: grapheme
/// clusters, except that a cluster wider than `max` columns falls back to its characters.
/// Such clusters exist (Indic conjunct chains join without limit), and a line must never
/// be wider than its width, even at the cost of splitting one.
pub(crate) fn for_each_unit<'a>(s: &'a str, max: usize, mut f: impl FnMut(&'a str, usize)) {
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if w <= max {
            f(g, w);
            continue;
        }
        for (i, c) in g.char_indices() {
            f(&g[i..i + c.len_utf8()], c.width().unwrap_or(0));
        }
    }
}

/// Every byte is a printable ASCII character, so bytes == columns == graphemes.
pub(crate) fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Truncate `s` to at most `width` columns, never splitting a grapheme cluster, ending with
/// '…' when anything was cut. Does not sanitize: pass text through
/// [`sanitize_line`](super::sanitize_line) first if it is untrusted.
pub fn truncate_to_width(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let budget = width - 1; // one column for the ellipsis
    let mut out = String::with_capacity(budget + 3);
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_take_two_columns() {
        assert_eq!(display_width("日本"), 4);
        assert_eq!(display_width("a日b"), 4);
    }

    #[test]
    fn emoji_sequences_take_two_columns() {
        assert_eq!(display_width("👨‍👩‍👧"), 2, "ZWJ family");
        assert_eq!(display_width("🇫🇷"), 2, "flag");
        assert_eq!(display_width("👍🏽"), 2, "skin tone modifier");
        assert_eq!(display_width("❤\u{fe0f}"), 2, "emoji presentation selector");
        assert_eq!(display_width("🇫🇷🇩🇪"), 4, "two flags");
    }

    #[test]
    fn combining_marks_add_no_width() {
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("cafe\u{301}"), 4);
    }

    #[test]
    fn ascii_fast_path_matches_length() {
        assert_eq!(display_width("hello world"), 11);
        assert_eq!(display_width(""), 0);
    }

    #[test]
    fn truncating_short_text_leaves_it_alone() {
        assert_eq!(truncate_to_width("hello", 5), "hello");
        assert_eq!(truncate_to_width("hello", 10), "hello");
    }

    #[test]
    fn truncating_long_text_appends_an_ellipsis_within_the_width() {
        assert_eq!(truncate_to_width("hello world", 8), "hello w…");
        assert_eq!(display_width(&truncate_to_width("hello world", 8)), 8);
        assert_eq!(truncate_to_width("hello", 0), "");
        assert_eq!(truncate_to_width("hello", 1), "…");
    }

    #[test]
    fn truncation_never_splits_a_wide_character_or_cluster() {
        // "日本語" is 6 columns; at 4 only one ideograph fits before the ellipsis.
        assert_eq!(truncate_to_width("日本語", 4), "日…");
        assert_eq!(truncate_to_width("👨‍👩‍👧👨‍👩‍👧", 3), "👨‍👩‍👧…");
        assert_eq!(
            truncate_to_width("e\u{301}e\u{301}e\u{301}", 2),
            "e\u{301}…"
        );
        for w in 0..8 {
            assert!(display_width(&truncate_to_width("🇫🇷日本e\u{301}x", w)) <= w);
        }
    }
}
