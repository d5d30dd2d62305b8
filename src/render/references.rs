//! The link reference list printed after a body: "[N] URL" per link.
//!
//! URLs have no natural break points, so they are broken at any grapheme and continued
//! under the URL's first column, keeping the "[N]" labels easy to scan.

use super::width::for_each_unit;
use super::{Line, Span, SpanStyle};

/// Appends the link reference list: a blank line, then "[N] URL" per link. With
/// `break_urls`, long URLs are broken anywhere and continued under the URL's first column
/// (a pane clips); without, each URL stays whole on its line, wider than `width` if need be
/// (printed text, where a broken URL cannot be copied or followed).
pub(crate) fn append(lines: &mut Vec<Line>, links: &[String], width: usize, break_urls: bool) {
    if links.is_empty() {
        return;
    }
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    let ref_style = SpanStyle {
        link_ref: true,
        ..SpanStyle::default()
    };
    let url_style = SpanStyle {
        link: true,
        ..SpanStyle::default()
    };
    for (i, url) in links.iter().enumerate() {
        let label = format!("[{}]", i + 1);
        let indent = label.len() + 1;
        let room = if break_urls {
            width.saturating_sub(indent).max(1)
        } else {
            usize::MAX
        };
        let mut spans = vec![
            Span {
                text: label,
                style: ref_style,
            },
            Span {
                text: " ".to_string(),
                style: SpanStyle::default(),
            },
        ];
        let mut chunk = String::new();
        let mut used = 0;
        for_each_unit(url, room, |g, w| {
            if used + w > room && used > 0 {
                spans.push(Span {
                    text: std::mem::take(&mut chunk),
                    style: url_style,
                });
                let indent = Span {
                    text: " ".repeat(indent),
                    style: SpanStyle::default(),
                };
                lines.push(Line {
                    spans: std::mem::replace(&mut spans, vec![indent]),
                });
                used = 0;
            }
            chunk.push_str(g);
            used += w;
        });
        spans.push(Span {
            text: chunk,
            style: url_style,
        });
        lines.push(Line { spans });
    }
}
