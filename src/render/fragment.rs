//! The pieces a paragraph is wrapped from: textwrap fragments (whole words, or grapheme
//! clusters of a word too long for a line) and the line they are placed on.

use super::inline::Inline;
use super::{Span, SpanStyle};

/// A line being filled: its spans (prefix first) and the width of its content part.
#[derive(Default)]
pub(super) struct Fill {
    pub(super) spans: Vec<Span>,
    pub(super) content_from: usize,
    pub(super) width: usize,
}

impl Fill {
    pub(super) fn push(&mut self, text: &str, style: SpanStyle, width: usize) {
        self.width += width;
        if self.spans.len() > self.content_from
            && let Some(last) = self.spans.last_mut()
            && last.style == style
        {
            last.text.push_str(text);
            return;
        }
        self.spans.push(Span {
            text: text.to_string(),
            style,
        });
    }

    pub(super) fn last_style(&self) -> Option<SpanStyle> {
        (self.spans.len() > self.content_from).then(|| self.spans[self.spans.len() - 1].style)
    }
}

/// A word of a run: pieces `first..last`, its width, and whether it ends at a soft hyphen.
pub(super) type Word = (u32, u32, usize, bool);

/// A unit textwrap places: a whole word, or one grapheme cluster of a word too long for a
/// line. `space` is the width of the gap after it (0 inside a broken word).
#[derive(Debug)]
pub(super) struct Frag<'a> {
    pub(super) whole: Option<(u32, u32)>,
    pub(super) unit: (&'a str, SpanStyle),
    pub(super) width: usize,
    pub(super) space: usize,
    /// Ends at a soft hyphen: a line broken here shows "-" (one more column).
    pub(super) hyphen: bool,
}

impl<'a> Frag<'a> {
    pub(super) fn word(first: u32, last: u32, width: usize, hyphen: bool) -> Frag<'a> {
        Frag {
            whole: Some((first, last)),
            unit: ("", SpanStyle::default()),
            width,
            space: usize::from(!hyphen),
            hyphen,
        }
    }

    pub(super) fn unit(text: &'a str, style: SpanStyle, width: usize) -> Frag<'a> {
        Frag {
            whole: None,
            unit: (text, style),
            width,
            space: 0,
            hyphen: false,
        }
    }

    /// Style of the fragment's first piece (for the space before it).
    pub(super) fn first_style(&self, inline: &Inline) -> SpanStyle {
        match self.whole {
            Some((first, last)) => inline.word(first, last).next().map(|p| p.1),
            None => Some(self.unit.1),
        }
        .unwrap_or_default()
    }

    /// Append the fragment's styled text to `line`.
    pub(super) fn push_to(&self, inline: &Inline, line: &mut Fill) {
        match self.whole {
            Some((first, last)) => inline
                .word(first, last)
                .for_each(|(text, style)| line.push(text, style, 0)),
            None => line.push(self.unit.0, self.unit.1, 0),
        }
        line.width += self.width;
    }
}

impl textwrap::core::Fragment for Frag<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }

    fn penalty_width(&self) -> f64 {
        if self.hyphen { 1.0 } else { 0.0 }
    }
}
