//! HTML → sanitized, styled lines, shared by the TUI and the `--dump` writers.
//!
//! A comment body is parsed once into a [`Doc`] (a small block tree of pre-measured
//! words) and laid out at any width with [`Doc::layout`]; the TUI re-lays out on resize.
//! Every piece of text that reaches a [`Span`] has been through the same control-character
//! filter as [`sanitize_line`], so untrusted comments cannot drive the terminal.
//!
//! Files: `sanitize` (control and escape-sequence stripping), `width` (grapheme-aware
//! measuring), `inline` (words and their styles), `parse` (HTML tree → blocks), `layout`
//! (blocks → lines), `references` (the link list after a body), `url_text` (URLs shown with
//! their real host).

mod fragment;
mod inline;
mod joiners;
mod layout;
mod parse;
mod references;
mod sanitize;
mod spaces;
mod url_text;
mod width;

#[cfg(test)]
mod tests;

pub use joiners::has_lone_joiner;
pub use sanitize::{is_unsafe_char, sanitize_line, sanitize_text};
pub use url_text::{fit_url, link_target, shown_url};
pub use width::{display_width, truncate_to_width};

/// Inline text style of a span; the TUI maps these to theme colours, the dump ignores them
/// (except where noted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SpanStyle {
    /// `<strong>`, `<b>`.
    pub bold: bool,
    /// `<em>`, `<i>`, `<cite>`.
    pub italic: bool,
    /// Inline `<code>`, `<kbd>`, `<samp>`.
    pub code: bool,
    /// Text of a `<pre>` block; such lines are never wrapped.
    pub pre: bool,
    /// Text of a followable link (http, https, mailto).
    pub link: bool,
    /// A reference marker such as "[2]", after link text and in the reference list.
    pub link_ref: bool,
    /// Quoted text and the "│ " bar in front of it.
    pub quote: bool,
    /// An "[image: alt]" placeholder.
    pub image: bool,
    /// `<del>`, `<s>`.
    pub strike: bool,
    /// Text of `<h1>`–`<h6>`.
    pub heading: bool,
    /// A list bullet or number ("• ", "3. ").
    pub list_marker: bool,
}

/// A run of text in one style. The text never contains control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Sanitized text.
    pub text: String,
    /// How it should look.
    pub style: SpanStyle,
}

/// One terminal line of laid-out text. An empty line has no spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The spans, left to right, prefix (quote bars, list markers) first.
    pub spans: Vec<Span>,
}

impl Line {
    /// The line's text without styling.
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Display width in terminal columns.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| display_width(&s.text)).sum()
    }
}

/// A parsed comment body: built once from HTML, laid out at any width (the TUI re-lays
/// out on resize, caches per width).
#[derive(Clone, Debug, Default)]
pub struct Doc {
    blocks: Vec<parse::Block>,
    links: Vec<String>,
}

impl Doc {
    /// Parses an HTML fragment such as WordPress's `content.rendered`. Never fails:
    /// broken markup is recovered the way a browser would.
    pub fn parse(html: &str) -> Doc {
        let mut links = Vec::new();
        let blocks = parse::parse(html, &mut links);
        Doc { blocks, links }
    }

    /// Laid out for `width` display columns (width >= 1; treated as 10 when smaller).
    /// Every line's display width is <= width, except lines inside `<pre>`, which are kept
    /// unwrapped (the TUI clips them). Ends with the link reference list if the body has
    /// links. Blocks are separated by exactly one empty line. `layout(usize::MAX)` gives
    /// each paragraph on one line (for writers that leave wrapping to the reader).
    pub fn layout(&self, width: usize) -> Vec<Line> {
        layout::layout(&self.blocks, &self.links, width, true, false)
    }

    /// [`Doc::layout`] with the glyphs the renderer draws (quote bars `│`, bullets `•`,
    /// rules `─`) in ASCII (`|`, `*`, `-`) when `ascii` is set (`--ascii`).
    pub fn layout_with(&self, width: usize, ascii: bool) -> Vec<Line> {
        layout::layout(&self.blocks, &self.links, width, true, ascii)
    }

    /// Like [`Doc::layout_with`] for printed text: the reference list keeps each URL whole
    /// on its line (wider than `width` when it must), so it can be copied and followed.
    pub fn layout_whole_urls(&self, width: usize, ascii: bool) -> Vec<Line> {
        layout::layout(&self.blocks, &self.links, width, false, ascii)
    }

    /// Like [`Doc::layout`] but without the trailing reference list (the markdown dump
    /// writes its own reference definitions from [`Doc::links`]).
    pub fn layout_body(&self, width: usize) -> Vec<Line> {
        layout::layout(&self.blocks, &[], width, true, false)
    }

    /// Link targets in reference order: `links()[0]` is "[1]".
    pub fn links(&self) -> &[String] {
        &self.links
    }

    /// [`Doc::links`], taken out of the document.
    pub fn into_links(self) -> Vec<String> {
        self.links
    }

    /// All text (without styling) for search: paragraphs joined by '\n'. Link reference
    /// markers and list markers are not included; image placeholders are.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        plain_blocks(&self.blocks, &mut out);
        out
    }

    /// True when the body has no visible content at all.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

fn plain_blocks(blocks: &[parse::Block], out: &mut String) {
    for block in blocks {
        match block {
            parse::Block::Para(inline) | parse::Block::Pre(inline) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                inline.write_plain(out);
            }
            parse::Block::Quote(inner) => plain_blocks(inner, out),
            parse::Block::List(list) => list.items.iter().for_each(|(_, b)| plain_blocks(b, out)),
            parse::Block::Rule => {}
        }
    }
}

/// Wrap untrusted plain text (a title, a name, a URL) to `width` columns with the same
/// grapheme-aware rules as comment bodies: sanitized, measured per grapheme cluster, long
/// words broken.
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let mut builder = inline::InlineBuilder::new(false);
    builder.push_text(text, SpanStyle::default());
    let blocks: Vec<parse::Block> = builder.take().map(parse::Block::Para).into_iter().collect();
    layout::layout(&blocks, &[], width, true, false)
        .iter()
        .map(Line::plain)
        .collect()
}

/// HTML fragment (e.g. `title.rendered`, "Hello &amp; &#8217;bye&#8217; <em>x</em>") →
/// sanitized single-line text: tags dropped, entities decoded, block boundaries and
/// `<br>` become spaces.
pub fn html_to_line(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return sanitize_line(html);
    }
    sanitize_line(&Doc::parse(html).plain_text())
}
