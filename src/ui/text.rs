//! Styled text: the renderer's spans in theme colours, with search matches highlighted.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use crate::app::thread::search::match_ranges;
use crate::config::theme::Theme;
use crate::render::{Line, SpanStyle};

/// The theme style for a renderer span style.
pub fn span_style(theme: &Theme, s: SpanStyle) -> Style {
    let mut style = Style::default();
    if s.bold || s.italic {
        style = style.patch(theme.emphasis);
    }
    if s.bold {
        style = style.add_modifier(Modifier::BOLD);
    }
    if s.italic {
        style = style.add_modifier(Modifier::ITALIC);
    }
    if s.quote {
        style = style.patch(theme.quote);
    }
    if s.code || s.pre {
        style = style.patch(theme.code);
    }
    if s.heading {
        style = style.patch(theme.heading);
    }
    if s.link {
        style = style.patch(theme.link);
    }
    if s.link_ref || s.image {
        style = style.patch(theme.link_ref);
    }
    if s.list_marker {
        style = style.patch(theme.date);
    }
    if s.strike {
        style = style.add_modifier(Modifier::CROSSED_OUT);
    }
    style
}

/// Push `text` in `style`, with parts matching `needle` (lowercase) in `highlight`.
pub fn push_highlighted(
    out: &mut Vec<Span<'static>>,
    text: &str,
    style: Style,
    needle: Option<&str>,
    highlight: Style,
) {
    let ranges = needle.map(|n| match_ranges(text, n)).unwrap_or_default();
    let mut at = 0;
    for (start, end) in ranges {
        if start > at {
            out.push(Span::styled(text[at..start].to_owned(), style));
        }
        out.push(Span::styled(
            text[start..end].to_owned(),
            style.patch(highlight),
        ));
        at = end;
    }
    if at < text.len() {
        out.push(Span::styled(text[at..].to_owned(), style));
    }
}

/// A body line as spans.
pub fn body_spans(theme: &Theme, line: &Line, needle: Option<&str>) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(line.spans.len());
    for span in &line.spans {
        push_highlighted(
            &mut out,
            &span.text,
            span_style(theme, span.style),
            needle,
            theme.search_match,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_split_out_with_the_highlight() {
        let theme = Theme::builtin_default();
        let mut out = Vec::new();
        push_highlighted(
            &mut out,
            "a Cat and a cat",
            Style::default(),
            Some("cat"),
            theme.search_match,
        );
        let texts: Vec<&str> = out.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["a ", "Cat", " and a ", "cat"]);
        assert_eq!(out[1].style, theme.search_match);
        assert_eq!(out[0].style, Style::default());
    }
}
