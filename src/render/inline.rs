//! Inline content: styled text already cut into words, ready for first-fit wrapping.
//!
//! Parsing does the expensive part once (sanitizing, collapsing whitespace, measuring
//! each word) so that laying out at a new width only has to place pre-measured words.

use super::SpanStyle;
use super::sanitize::{SOFT_HYPHEN, TAB, for_each_safe_char, is_plain_ascii};
use super::width::display_width;

/// A run of text in one style: a byte range of [`Inline::text`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    pub start: u32,
    pub end: u32,
    pub style: SpanStyle,
}

/// One unit of inline flow.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item {
    /// Text between collapsible spaces: pieces `first..last` (all glued together), and
    /// their total display width. Words are separated by exactly one space when placed on
    /// the same line; in `<pre>` a word is a whole line.
    /// `hyphen`: the word ends at a soft hyphen, glued to the next word: no space between
    /// them, and a visible "-" when the line breaks there.
    Word {
        first: u32,
        last: u32,
        width: u32,
        hyphen: bool,
    },
    /// A forced line break (`<br>`, or a newline inside `<pre>`).
    Break,
}

/// A paragraph's (or `<pre>` block's) content.
#[derive(Clone, Debug, Default)]
pub(crate) struct Inline {
    pub text: String,
    pub pieces: Vec<Piece>,
    pub items: Vec<Item>,
}

impl Inline {
    /// The pieces of the word `first..last` as (text, style) pairs.
    pub fn word(&self, first: u32, last: u32) -> impl Iterator<Item = (&str, SpanStyle)> + '_ {
        self.pieces[first as usize..last as usize]
            .iter()
            .map(|p| (&self.text[p.start as usize..p.end as usize], p.style))
    }

    /// Appends the unstyled text to `out`: words joined by spaces, breaks as newlines.
    /// Link reference markers are left out, since they are not part of what was written.
    pub fn write_plain(&self, out: &mut String) {
        let mut at_line_start = true;
        let mut glued = false;
        for item in &self.items {
            match *item {
                Item::Break => {
                    out.push('\n');
                    at_line_start = true;
                }
                Item::Word {
                    first,
                    last,
                    hyphen,
                    ..
                } => {
                    if !at_line_start && !glued {
                        out.push(' ');
                    }
                    at_line_start = false;
                    glued = hyphen;
                    for (text, style) in self.word(first, last) {
                        if !style.link_ref {
                            out.push_str(text);
                        }
                    }
                }
            }
        }
    }
}

/// Accumulates inline content while the HTML tree is walked.
#[derive(Debug)]
pub(crate) struct InlineBuilder {
    inline: Inline,
    /// `Some(first piece)` while a word is being built.
    open_word: Option<u32>,
    /// Inside `<pre>`: spaces are kept and newlines are breaks.
    pre: bool,
}

impl InlineBuilder {
    pub fn new(pre: bool) -> Self {
        InlineBuilder {
            inline: Inline::default(),
            open_word: None,
            pre,
        }
    }

    pub fn is_pre(&self) -> bool {
        self.pre
    }

    /// Adds untrusted text (a text node, alt text): sanitized, then whitespace collapsed
    /// like HTML normal flow, or kept verbatim in `<pre>`.
    pub fn push_text(&mut self, raw: &str, style: SpanStyle) {
        if is_plain_ascii(raw) {
            raw.chars().for_each(|c| self.push_char(c, style));
        } else {
            for_each_safe_char(raw, |c| self.push_char(c, style));
        }
    }

    /// Adds already-safe text that must stick to the word before it, even across a
    /// trailing space in the link text: link reference markers like "[3]".
    pub fn attach(&mut self, text: &str, style: SpanStyle) {
        let mut reopened = false;
        if self.open_word.is_none()
            && let Some(&Item::Word { first, last, .. }) = self.inline.items.last()
            && last as usize == self.inline.pieces.len()
        {
            self.inline.items.pop();
            self.open_word = Some(first);
            reopened = true;
        }
        text.chars().for_each(|c| self.push_glyph(c, style));
        if reopened {
            // The space that had closed the word still separates it from what follows.
            self.close_word();
        }
    }

    /// A forced line break.
    pub fn push_break(&mut self) {
        self.close_word();
        self.unglue();
        self.inline.items.push(Item::Break);
    }

    /// Ends the current word without adding anything, e.g. between table cells that the
    /// source wrote without whitespace.
    pub fn boundary(&mut self) {
        if !self.pre {
            self.close_word();
            self.unglue();
        }
    }

    /// The content collected so far, if it has any words; the builder is left empty.
    pub fn take(&mut self) -> Option<Inline> {
        self.close_word();
        self.unglue();
        let inline = std::mem::take(&mut self.inline);
        inline
            .items
            .iter()
            .any(|i| matches!(i, Item::Word { .. }))
            .then_some(inline)
    }

    fn push_char(&mut self, c: char, style: SpanStyle) {
        match c {
            '\n' if self.pre => self.push_break(),
            '\t' if self.pre => TAB.chars().for_each(|c| self.push_glyph(c, style)),
            // HTML collapses only ASCII whitespace; U+00A0 and wide spaces are content.
            ' ' | '\n' | '\t' | '\u{0c}' if !self.pre => {
                self.close_word();
                self.unglue();
            }
            // A soft hyphen ends a syllable: the word goes on, but may break here.
            SOFT_HYPHEN if !self.pre && self.open_word.is_some() => {
                self.close_word();
                if let Some(Item::Word { hyphen, .. }) = self.inline.items.last_mut() {
                    *hyphen = true;
                }
            }
            SOFT_HYPHEN => {}
            // Kept as a plain space so the dump and search see ordinary text, but it
            // stays inside its word, so the line never breaks there.
            '\u{a0}' => self.push_glyph(' ', style),
            c => self.push_glyph(c, style),
        }
    }

    fn push_glyph(&mut self, c: char, style: SpanStyle) {
        let first = *self
            .open_word
            .get_or_insert(self.inline.pieces.len() as u32);
        let end = self.inline.text.len() as u32;
        let in_word = self.inline.pieces.len() as u32 > first;
        // A character that extends the cluster before it (a skin tone, a combining accent,
        // a joiner) takes that cluster's style: a cluster split across two spans is drawn as
        // two cells by ratatui but as one glyph by the terminal.
        let extends = in_word && self.extends_last(c);
        match self.inline.pieces.last_mut() {
            Some(p) if in_word && (p.style == style || extends) => {
                p.end += c.len_utf8() as u32;
            }
            _ => self.inline.pieces.push(Piece {
                start: end,
                end: end + c.len_utf8() as u32,
                style,
            }),
        }
        self.inline.text.push(c);
    }

    /// True when `c` joins the last character into one grapheme cluster.
    fn extends_last(&self, c: char) -> bool {
        let Some(last) = self.inline.text.chars().next_back() else {
            return false;
        };
        // Two ASCII characters form one cluster only as CR LF (UAX #29 GB3); anything else
        // needs the segmenter (an ASCII letter does join a Prepend character before it).
        if last.is_ascii() && c.is_ascii() {
            return last == '\r' && c == '\n';
        }
        let mut pair = [0u8; 8];
        let len = last.encode_utf8(&mut pair).len();
        let both = c.encode_utf8(&mut pair[len..]).len() + len;
        std::str::from_utf8(&pair[..both]).is_ok_and(|s| {
            unicode_segmentation::UnicodeSegmentation::graphemes(s, true).count() == 1
        })
    }

    /// A space or break after a soft hyphen: the word before it really ends there.
    fn unglue(&mut self) {
        if let Some(Item::Word { hyphen, .. }) = self.inline.items.last_mut() {
            *hyphen = false;
        }
    }

    fn close_word(&mut self) {
        let Some(first) = self.open_word.take() else {
            return;
        };
        let inline = &mut self.inline;
        let last = inline.pieces.len() as u32;
        let start = inline.pieces[first as usize].start as usize;
        let text = &inline.text[start..];
        if !self.pre && text.bytes().all(|b| b == b' ') {
            // A word made only of non-breaking spaces (WordPress's `<p>&nbsp;</p>`
            // spacers) would render as an invisible line; drop it.
            inline.text.truncate(start);
            inline.pieces.truncate(first as usize);
            return;
        }
        let width = inline
            .word(first, last)
            .map(|(t, _)| display_width(t))
            .sum::<usize>();
        inline.items.push(Item::Word {
            first,
            last,
            width: width as u32,
            hyphen: false,
        });
    }
}
