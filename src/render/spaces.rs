//! Spaces between laid-out words: their style, and trimming them at the end of a line.

use super::{Span, SpanStyle};

/// Style of the space between two words: the shared style when both sides agree (so a
/// link's underline runs across its spaces), else only the block-level flags.
pub(super) fn space_style(before: SpanStyle, after: SpanStyle) -> SpanStyle {
    if before == after {
        return before;
    }
    SpanStyle {
        quote: before.quote && after.quote,
        heading: before.heading && after.heading,
        ..SpanStyle::default()
    }
}

/// Removes trailing spaces from the spans after `from`, dropping spans left empty.
pub(super) fn trim_trailing_spaces(spans: &mut Vec<Span>, from: usize) {
    while spans.len() > from {
        let last = spans.last_mut().expect("len > from");
        let kept = last.text.trim_end_matches(' ').len();
        last.text.truncate(kept);
        if !last.text.is_empty() {
            break;
        }
        spans.pop();
    }
}
