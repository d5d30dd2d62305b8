//! Block tree → lines at a given width.
//!
//! Quote bars and list markers are a stack of prefix segments in front of every line, so
//! any nesting of quotes and lists composes without special cases; block separation is a
//! "blank line wanted" flag that is only honoured when more content follows, which is
//! what keeps the output free of leading, trailing and doubled empty lines.

use super::inline::{Inline, Item};
use super::parse::{Block, List};
use super::spaces::{space_style, trim_trailing_spaces};
use super::width::{display_width, for_each_unit};
use super::{Line, Span, SpanStyle};

/// Narrower widths are laid out as this; the caller clips.
const MIN_WIDTH: usize = 10;
/// Text keeps at least this many columns (or half the width, if less) however deep the
/// quotes and lists nest; the outermost prefix columns are dropped to make room.
const MIN_CONTENT: usize = 20;

/// A rule spans the text width up to this; `layout(usize::MAX)` must stay cheap.
const RULE_MAX: usize = 80;

const QUOTE_BAR: &str = "│ ";
const BULLET: &str = "• ";

/// Lays out `blocks` for `width` columns, followed by the reference list for `links`.
pub(crate) fn layout(blocks: &[Block], links: &[String], width: usize) -> Vec<Line> {
    let mut writer = Writer {
        width: width.max(MIN_WIDTH),
        lines: Vec::new(),
        prefix: Vec::new(),
        blank_at: None,
    };
    writer.blocks(blocks, true);
    let mut lines = writer.lines;
    super::references::append(&mut lines, links, width.max(MIN_WIDTH));
    lines
}

/// One level of quote bar or list marker.
struct Segment {
    /// Shown on the first line under this segment (the list marker).
    first: String,
    /// Shown on every later line (the bar, or the hanging indent).
    rest: String,
    first_style: SpanStyle,
    rest_style: SpanStyle,
    width: usize,
    used: bool,
}

struct Writer {
    width: usize,
    lines: Vec<Line>,
    prefix: Vec<Segment>,
    /// A blank line is wanted before the next content, drawn with this many prefix levels.
    blank_at: Option<usize>,
}

/// A line being filled: its spans (prefix first) and the width of its content part.
#[derive(Default)]
struct Fill {
    spans: Vec<Span>,
    content_from: usize,
    width: usize,
}

impl Fill {
    fn push(&mut self, text: &str, style: SpanStyle, width: usize) {
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

    fn last_style(&self) -> Option<SpanStyle> {
        (self.spans.len() > self.content_from).then(|| self.spans[self.spans.len() - 1].style)
    }
}

/// A unit textwrap places: a whole word, or one grapheme cluster of a word too long for a
/// line. `space` is the width of the gap after it (0 inside a broken word).
#[derive(Debug)]
struct Frag<'a> {
    whole: Option<(u32, u32)>,
    unit: (&'a str, SpanStyle),
    width: usize,
    space: usize,
}

impl<'a> Frag<'a> {
    fn word(first: u32, last: u32, width: usize) -> Frag<'a> {
        Frag {
            whole: Some((first, last)),
            unit: ("", SpanStyle::default()),
            width,
            space: 1,
        }
    }

    fn unit(text: &'a str, style: SpanStyle, width: usize) -> Frag<'a> {
        Frag {
            whole: None,
            unit: (text, style),
            width,
            space: 0,
        }
    }

    /// Style of the fragment's first piece (for the space before it).
    fn first_style(&self, inline: &Inline) -> SpanStyle {
        match self.whole {
            Some((first, last)) => inline.word(first, last).next().map(|p| p.1),
            None => Some(self.unit.1),
        }
        .unwrap_or_default()
    }

    /// Append the fragment's styled text to `line`.
    fn push_to(&self, inline: &Inline, line: &mut Fill) {
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
        0.0
    }
}

impl Writer {
    /// Lays out sibling blocks; `separate` puts a blank line between them.
    fn blocks(&mut self, blocks: &[Block], separate: bool) {
        let start = self.lines.len();
        for block in blocks {
            if separate && self.lines.len() > start {
                self.want_blank(self.prefix.len());
            }
            match block {
                Block::Para(inline) => self.paragraph(inline),
                Block::Pre(inline) => self.pre(inline),
                Block::Quote(inner) => {
                    let style = SpanStyle {
                        quote: true,
                        ..SpanStyle::default()
                    };
                    self.prefix.push(Segment {
                        first: QUOTE_BAR.to_string(),
                        rest: QUOTE_BAR.to_string(),
                        first_style: style,
                        rest_style: style,
                        width: display_width(QUOTE_BAR),
                        used: false,
                    });
                    self.blocks(inner, true);
                    self.prefix.pop();
                }
                Block::List(list) => self.list(list),
                Block::Rule => {
                    let mut fill = self.start_line();
                    let width = self.content_width().min(RULE_MAX);
                    fill.push(&"─".repeat(width), SpanStyle::default(), width);
                    self.end_line(fill);
                }
            }
        }
    }

    fn want_blank(&mut self, depth: usize) {
        self.blank_at = Some(self.blank_at.map_or(depth, |d| d.min(depth)));
    }

    /// Columns the prefix may take: all of it unless that would squeeze the text.
    fn prefix_budget(&self) -> usize {
        self.width - MIN_CONTENT.min(self.width / 2)
    }

    fn content_width(&self) -> usize {
        let prefix: usize = self.prefix.iter().map(|s| s.width).sum();
        self.width - prefix.min(self.prefix_budget())
    }

    /// Prefix spans for `depth` levels, dropping the outermost columns over budget.
    fn prefix_spans(&mut self, depth: usize, spans: &mut Vec<Span>) {
        // Measured on the whole stack so blank lines line up with the content lines.
        let total: usize = self.prefix.iter().map(|s| s.width).sum();
        let mut skip = total.saturating_sub(self.prefix_budget());
        for seg in &mut self.prefix[..depth] {
            let (text, style) = if seg.used {
                (&seg.rest, seg.rest_style)
            } else {
                (&seg.first, seg.first_style)
            };
            seg.used = true;
            // Prefix text is single-column characters, so columns == chars here.
            let shown: String = text.chars().skip(skip).collect();
            skip = skip.saturating_sub(seg.width);
            if !shown.is_empty() {
                spans.push(Span { text: shown, style });
            }
        }
    }

    fn start_line(&mut self) -> Fill {
        if let Some(depth) = self.blank_at.take() {
            let mut spans = Vec::new();
            self.prefix_spans(depth.min(self.prefix.len()), &mut spans);
            trim_trailing_spaces(&mut spans, 0);
            self.lines.push(Line { spans });
        }
        let mut spans = Vec::with_capacity(self.prefix.len() + 2);
        self.prefix_spans(self.prefix.len(), &mut spans);
        Fill {
            content_from: spans.len(),
            spans,
            width: 0,
        }
    }

    fn end_line(&mut self, mut fill: Fill) {
        trim_trailing_spaces(&mut fill.spans, fill.content_from);
        self.lines.push(Line { spans: fill.spans });
    }

    /// A paragraph: runs of words between `<br>`s, each wrapped by textwrap's first-fit.
    fn paragraph(&mut self, inline: &Inline) {
        let mut run: Vec<(u32, u32, usize)> = Vec::new();
        let mut emitted = false;
        let mut blank_wanted = false;
        for item in &inline.items {
            match *item {
                Item::Word { first, last, width } => run.push((first, last, width as usize)),
                // <br>: ends the line; a second one in a row leaves one blank line.
                Item::Break if run.is_empty() => blank_wanted |= emitted,
                Item::Break => {
                    self.run(inline, &std::mem::take(&mut run), &mut blank_wanted);
                    emitted = true;
                }
            }
        }
        if !run.is_empty() {
            self.run(inline, &run, &mut blank_wanted);
        }
    }

    /// Wrap one run of words to the content width and emit its lines.
    fn run(&mut self, inline: &Inline, words: &[(u32, u32, usize)], blank_wanted: &mut bool) {
        let width = self.content_width();
        let mut frags: Vec<Frag> = Vec::with_capacity(words.len());
        for &(first, last, word_width) in words {
            if word_width <= width {
                frags.push(Frag::word(first, last, word_width));
                continue;
            }
            // Longer than a whole line: one fragment per grapheme cluster, glued without
            // spaces, so the word starts on the current line and fills every line it needs
            // (text without spaces, like CJK or a long URL, then wraps without ragged gaps).
            for (text, style) in inline.word(first, last) {
                for_each_unit(text, width, |g, w| frags.push(Frag::unit(g, style, w)));
            }
            if let Some(end) = frags.last_mut() {
                end.space = 1;
            }
        }
        let lines = textwrap::wrap_algorithms::wrap_first_fit(&frags, &[width as f64]);
        for line_frags in lines {
            if std::mem::take(blank_wanted) {
                self.want_blank(self.prefix.len());
            }
            let mut line = self.start_line();
            let mut before: Option<&Frag> = None;
            for frag in line_frags {
                if let Some(prev) = before.filter(|p| p.space > 0) {
                    let next = frag.first_style(inline);
                    let style = space_style(line.last_style().unwrap_or_default(), next);
                    line.push(" ", style, prev.space);
                }
                frag.push_to(inline, &mut line);
                before = Some(frag);
            }
            self.end_line(line);
        }
    }

    /// Preformatted lines, verbatim and unwrapped; leading and trailing blank lines dropped.
    fn pre(&mut self, inline: &Inline) {
        let mut lines: Vec<Option<(u32, u32)>> = vec![None];
        for item in &inline.items {
            match *item {
                Item::Break => lines.push(None),
                Item::Word { first, last, .. } => *lines.last_mut().unwrap() = Some((first, last)),
            }
        }
        let start = lines
            .iter()
            .position(Option::is_some)
            .unwrap_or(lines.len());
        let end = lines
            .iter()
            .rposition(Option::is_some)
            .map_or(start, |i| i + 1);
        for line in &lines[start..end] {
            let mut fill = self.start_line();
            match *line {
                Some((first, last)) => {
                    inline
                        .word(first, last)
                        .for_each(|(t, s)| fill.push(t, s, 0));
                }
                // Kept as an (empty) pre span so the TUI can paint the block's background.
                None => fill.spans.push(Span {
                    text: String::new(),
                    style: SpanStyle {
                        pre: true,
                        ..SpanStyle::default()
                    },
                }),
            }
            self.lines.push(Line { spans: fill.spans });
        }
    }

    fn list(&mut self, list: &List) {
        let number_width = list
            .items
            .iter()
            .filter_map(|(n, _)| n.map(|n| n.to_string().len()))
            .max()
            .unwrap_or(0);
        let marker_style = SpanStyle {
            list_marker: true,
            ..SpanStyle::default()
        };
        for (number, blocks) in &list.items {
            let marker = match number {
                Some(n) => format!("{n:>number_width$}. "),
                None => BULLET.to_string(),
            };
            let width = display_width(&marker);
            self.prefix.push(Segment {
                first: marker,
                rest: " ".repeat(width),
                first_style: marker_style,
                rest_style: SpanStyle::default(),
                width,
                used: false,
            });
            let before = self.lines.len();
            self.blocks(blocks, false);
            if self.lines.len() == before {
                // An empty item still shows its marker, so numbering stays visible.
                let mut fill = self.start_line();
                trim_trailing_spaces(&mut fill.spans, 0);
                self.lines.push(Line { spans: fill.spans });
            }
            self.prefix.pop();
        }
    }
}
