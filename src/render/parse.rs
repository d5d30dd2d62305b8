//! HTML → block tree.
//!
//! html5ever (through scraper) does the real parsing, entity decoding and error recovery;
//! this module only walks its tree and decides what each element means for a terminal.

use scraper::{ElementRef, Html, Node};

use super::SpanStyle;
use super::inline::{Inline, InlineBuilder};
use super::sanitize::sanitize_line;

/// A block of a comment body.
#[derive(Clone, Debug)]
pub(crate) enum Block {
    /// Wrapped inline text (paragraphs, headings, loose text between blocks).
    Para(Inline),
    /// Preformatted text: one word per line, never wrapped.
    Pre(Inline),
    /// `<blockquote>`: its blocks, drawn behind a bar.
    Quote(Vec<Block>),
    /// `<ul>`/`<ol>`.
    List(List),
    /// `<hr>`.
    Rule,
}

/// A list; each item has its number (`None` for bullets) and its blocks.
#[derive(Clone, Debug)]
pub(crate) struct List {
    pub items: Vec<(Option<i64>, Vec<Block>)>,
}

/// Deeper element nesting than this is flattened to its text: the walk is recursive and
/// hostile HTML can nest thousands of levels, which would otherwise exhaust the stack.
const MAX_DEPTH: usize = 128;
/// Quotes and lists deeper than this are drawn as plain blocks; their prefixes would
/// leave no room for text anyway.
const MAX_NESTING: usize = 24;

/// Parses an HTML fragment into blocks, collecting followable link targets into `links`.
pub(crate) fn parse(html: &str, links: &mut Vec<String>) -> Vec<Block> {
    let tree = Html::parse_fragment(html);
    let mut builder = Builder::new(links, 0, 0);
    builder.children(tree.root_element(), SpanStyle::default());
    builder.finish()
}

/// Walks elements, turning inline content into [`Inline`]s and block elements into blocks.
struct Builder<'l> {
    blocks: Vec<Block>,
    inline: InlineBuilder,
    links: &'l mut Vec<String>,
    depth: usize,
    nesting: usize,
}

impl<'l> Builder<'l> {
    fn new(links: &'l mut Vec<String>, depth: usize, nesting: usize) -> Self {
        Builder {
            blocks: Vec::new(),
            inline: InlineBuilder::new(false),
            links,
            depth,
            nesting,
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    /// Ends the paragraph being collected, if any.
    fn flush(&mut self) {
        if !self.inline.is_pre()
            && let Some(inline) = self.inline.take()
        {
            self.blocks.push(Block::Para(inline));
        }
    }

    fn children(&mut self, el: ElementRef<'_>, style: SpanStyle) {
        if self.depth >= MAX_DEPTH {
            // Iterative text extraction: no further recursion.
            el.text().for_each(|t| self.inline.push_text(t, style));
            return;
        }
        self.depth += 1;
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.inline.push_text(t, style),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, style);
                    }
                }
                _ => {}
            }
        }
        self.depth -= 1;
    }

    /// A nested builder for a container's content; it shares the link table.
    fn nested<'a>(&'a mut self) -> Builder<'a> {
        Builder::new(self.links, self.depth, self.nesting + 1)
    }

    fn element(&mut self, el: ElementRef<'_>, style: SpanStyle) {
        let name = el.value().name();
        let pre = self.inline.is_pre();
        match name {
            "script" | "style" | "template" | "noscript" | "iframe" | "svg" | "math" | "head"
            | "title" => {}
            "br" => self.inline.push_break(),
            "img" => self.image(el, style),
            "a" => self.link(el, style),
            "code" | "kbd" | "samp" | "tt" => self.children(
                el,
                SpanStyle {
                    code: true,
                    ..style
                },
            ),
            "em" | "i" | "cite" | "dfn" | "var" => self.children(
                el,
                SpanStyle {
                    italic: true,
                    ..style
                },
            ),
            "strong" | "b" => self.children(
                el,
                SpanStyle {
                    bold: true,
                    ..style
                },
            ),
            "del" | "s" | "strike" => self.children(
                el,
                SpanStyle {
                    strike: true,
                    ..style
                },
            ),
            "q" => {
                self.inline.push_text("\u{201c}", style);
                self.children(el, style);
                self.inline.push_text("\u{201d}", style);
            }
            "td" | "th" => {
                self.inline.boundary();
                self.children(el, style);
                self.inline.boundary();
            }
            _ if pre => self.children(el, style),
            "pre" | "listing" | "xmp" | "plaintext" => self.pre(el, style),
            "hr" => {
                self.flush();
                self.blocks.push(Block::Rule);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.children(
                    el,
                    SpanStyle {
                        heading: true,
                        ..style
                    },
                );
                self.flush();
            }
            _ if self.nesting >= MAX_NESTING && is_container(name) => self.block(el, style),
            "blockquote" => self.quote(el, style),
            "ul" | "ol" | "menu" | "dir" => self.list(el, style, name == "ol"),
            _ if is_block(name) => self.block(el, style),
            _ => self.children(el, style),
        }
    }

    /// A generic block: its content is separated from what comes before and after.
    fn block(&mut self, el: ElementRef<'_>, style: SpanStyle) {
        self.flush();
        self.children(el, style);
        self.flush();
    }

    fn pre(&mut self, el: ElementRef<'_>, style: SpanStyle) {
        self.flush();
        let outer = std::mem::replace(&mut self.inline, InlineBuilder::new(true));
        self.children(el, SpanStyle { pre: true, ..style });
        let mut pre = std::mem::replace(&mut self.inline, outer);
        if let Some(inline) = pre.take() {
            self.blocks.push(Block::Pre(inline));
        }
    }

    fn quote(&mut self, el: ElementRef<'_>, style: SpanStyle) {
        self.flush();
        let mut inner = self.nested();
        inner.children(
            el,
            SpanStyle {
                quote: true,
                ..style
            },
        );
        let blocks = inner.finish();
        if !blocks.is_empty() {
            self.blocks.push(Block::Quote(blocks));
        }
    }

    fn list(&mut self, el: ElementRef<'_>, style: SpanStyle, ordered: bool) {
        self.flush();
        let reversed = ordered && el.attr("reversed").is_some();
        let item_count = el
            .child_elements()
            .filter(|c| c.value().name() == "li")
            .count();
        let default_start = if reversed { item_count as i64 } else { 1 };
        let mut number = el
            .attr("start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or(default_start);
        let mut items: Vec<(Option<i64>, Vec<Block>)> = Vec::new();
        for child in el.children() {
            let child_el = ElementRef::wrap(child);
            if let Some(li) = child_el.filter(|c| c.value().name() == "li") {
                if let Some(v) = li.attr("value").and_then(|v| v.trim().parse::<i64>().ok()) {
                    number = v;
                }
                let mut inner = self.nested();
                inner.children(li, style);
                items.push((ordered.then_some(number), inner.finish()));
                number = if reversed {
                    number.saturating_sub(1)
                } else {
                    number.saturating_add(1)
                };
                continue;
            }
            // Stray content directly in the list (most often a nested <ul> written as a
            // sibling of the <li> it belongs to) joins the previous item.
            if child.value().as_text().is_some_and(|t| t.trim().is_empty()) {
                continue;
            }
            let mut inner = self.nested();
            match (child.value(), child_el) {
                (Node::Text(t), _) => inner.inline.push_text(t, style),
                (_, Some(e)) => inner.element(e, style),
                _ => continue,
            }
            let blocks = inner.finish();
            match items.last_mut() {
                Some((_, prev)) => prev.extend(blocks),
                None if !blocks.is_empty() => items.push((None, blocks)),
                None => {}
            }
        }
        if !items.is_empty() {
            self.blocks.push(Block::List(List { items }));
        }
    }

    fn image(&mut self, el: ElementRef<'_>, style: SpanStyle) {
        let alt = sanitize_line(el.attr("alt").unwrap_or(""));
        let class = el.attr("class").unwrap_or("");
        if !alt.is_empty() && (class.contains("wp-smiley") || class.contains("emoji")) {
            // WordPress swaps emoji for <img class="emoji" alt="🙂">; the alt *is* the text.
            self.inline.push_text(&alt, style);
            return;
        }
        let text = if alt.is_empty() {
            "[image]".to_string()
        } else {
            format!("[image: {alt}]")
        };
        self.inline.push_text(
            &text,
            SpanStyle {
                image: true,
                ..style
            },
        );
    }

    fn link(&mut self, el: ElementRef<'_>, style: SpanStyle) {
        // Normalized once here, so the picker, the dumps, copying and opening all show and
        // use the same target: host in punycode, no user-info (render::url_text).
        let Some(href) = el.attr("href").and_then(super::url_text::link_target) else {
            // javascript:, data:, relative and missing targets: the text, not a link.
            self.children(el, style);
            return;
        };
        let number = match self.links.iter().position(|l| *l == href) {
            Some(i) => i + 1,
            None => {
                self.links.push(href);
                self.links.len()
            }
        };
        self.children(
            el,
            SpanStyle {
                link: true,
                ..style
            },
        );
        let marker = format!("[{number}]");
        let marker_style = SpanStyle {
            link: false,
            link_ref: true,
            ..style
        };
        self.inline.attach(&marker, marker_style);
    }
}

/// Elements that nest blocks and add a prefix (and so depth) when laid out.
fn is_container(name: &str) -> bool {
    matches!(name, "blockquote" | "ul" | "ol" | "menu" | "dir")
}

/// Elements that start and end a paragraph of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "aside"
            | "figure"
            | "figcaption"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "dl"
            | "dt"
            | "dd"
            | "form"
            | "fieldset"
            | "legend"
            | "hgroup"
            | "li"
            | "body"
            | "html"
    )
}
