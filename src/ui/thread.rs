//! The comment tree. Only the comments from the scroll position down to the bottom of the
//! screen are laid out; each is a header line, its body, a fold note and a separator, with
//! reply guides in front coloured by depth.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::thread::ThreadView;
use crate::config::theme::Theme;
use crate::present::{self, Badge};
use crate::ui::glyphs::{Glyphs, glyphs};
use crate::ui::text::{body_spans, push_highlighted};

/// One screen line of a comment block.
struct BlockLine {
    line: Line<'static>,
    /// Fill the whole row with the selection style (the selected header).
    highlight_row: bool,
}

/// Draw the tree (or a placeholder) into `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(view) = app.thread.as_ref() else {
        let text = if app.progress.active {
            "loading…"
        } else {
            "nothing loaded"
        };
        placeholder(app, text, area, buf);
        return;
    };
    if view.rows.is_empty() {
        let text = if app.progress.active {
            "loading comments…"
        } else {
            "no comments yet"
        };
        placeholder(app, text, area, buf);
        return;
    }
    let mut y = area.y;
    let bottom = area.y + area.height;
    let mut skip = view.top_skip;
    let mut row = view.top_pos();
    while y < bottom && row < view.rows.len() {
        for bl in block(app, view, row, area.width as usize)
            .into_iter()
            .skip(skip)
        {
            if y >= bottom {
                break;
            }
            if bl.highlight_row {
                buf.set_style(Rect::new(area.x, y, area.width, 1), app.theme().selected);
            }
            buf.set_line(area.x, y, &bl.line, area.width);
            y += 1;
        }
        skip = 0;
        row += 1;
    }
}

fn placeholder(app: &App, text: &str, area: Rect, buf: &mut Buffer) {
    if area.height > 1 {
        let line = Line::styled(format!("  {text}"), app.theme().date);
        buf.set_line(area.x, area.y + 1, &line, area.width);
    }
}

/// Guide columns for `levels` reply levels.
fn guides(theme: &Theme, g: &Glyphs, levels: usize, width: usize) -> Vec<Span<'static>> {
    (1..=levels)
        .map(|level| {
            let text = format!("{}{}", g.guide, " ".repeat(width.saturating_sub(1)));
            Span::styled(text, theme.guide(level))
        })
        .collect()
}

fn block(app: &App, view: &ThreadView, row: usize, tree_width: usize) -> Vec<BlockLine> {
    let theme = app.theme();
    let g = glyphs(app.config.ascii);
    let indent = app.config.indent;
    let r = view.rows[row];
    let id = view.id_at(r.index);
    let selected = view.selected == Some(id);
    let levels = indent.levels(r.depth);
    let marker = |on: bool| {
        if on {
            // Not the selection background: the header line is painted with it too.
            let fg = theme.author.fg.or(theme.selected.bg);
            let style = match fg {
                Some(c) => Style::default().fg(c),
                None => theme.selected,
            };
            Span::styled(g.marker, style)
        } else {
            Span::raw(" ")
        }
    };
    let prefix = |on: bool| {
        let mut spans = vec![marker(on)];
        spans.extend(guides(theme, &g, levels, indent.width));
        spans
    };
    let needle = view.search.as_ref().map(|s| s.needle.as_str());

    let mut out = Vec::new();
    let mut head = prefix(selected);
    head.extend(header_spans(app, view, row, needle));
    out.push(BlockLine {
        line: Line::from(head),
        highlight_row: selected,
    });
    for body_line in view.body_lines(row, tree_width, indent).iter() {
        let mut spans = prefix(selected);
        spans.extend(body_spans(theme, body_line, needle));
        out.push(BlockLine {
            line: Line::from(spans),
            highlight_row: false,
        });
    }
    if view.folded(row) {
        let n = view.thread.node(r.index).descendants;
        let mut spans = prefix(selected);
        let noun = if n == 1 { "reply" } else { "replies" };
        spans.push(Span::styled(
            format!("{} {n} {noun} hidden", g.folded),
            theme.date,
        ));
        out.push(BlockLine {
            line: Line::from(spans),
            highlight_row: false,
        });
    }
    let next_levels = view
        .rows
        .get(row + 1)
        .map_or(0, |next| indent.levels(next.depth));
    let mut sep = vec![Span::raw(" ")];
    sep.extend(guides(theme, &g, levels.min(next_levels), indent.width));
    out.push(BlockLine {
        line: Line::from(sep),
        highlight_row: false,
    });
    out
}

fn header_spans(
    app: &App,
    view: &ThreadView,
    row: usize,
    needle: Option<&str>,
) -> Vec<Span<'static>> {
    let theme = app.theme();
    let g = glyphs(app.config.ascii);
    let r = view.rows[row];
    let comment = view.thread.comment(r.index);
    let mut spans = Vec::new();
    if r.depth > app.config.indent.cap {
        spans.push(Span::styled(
            format!("{}{} ", g.deep, r.depth),
            theme.guide(r.depth),
        ));
    }
    let author = view
        .bodies
        .get(&comment.id)
        .map_or_else(|| present::author(comment), |b| b.author.clone());
    push_highlighted(
        &mut spans,
        &author,
        theme.author,
        needle,
        theme.search_match,
    );
    let relative = present::relative_date(comment.date_gmt, app.now);
    let absolute = absolute_date(comment.date_gmt, &app.config.date_format);
    let dates = if relative.is_empty() {
        format!(" · {absolute}")
    } else {
        format!(" · {relative} · {absolute}")
    };
    spans.push(Span::styled(dates, theme.date));
    let mut badges = present::badges(comment, view.thread.node(r.index));
    if view.is_new(comment.id) {
        badges.push(Badge::New);
    }
    for badge in badges {
        let style = match badge {
            Badge::Held | Badge::HeldForYou => theme.badge_held,
            Badge::Spam | Badge::Trash => theme.badge_spam,
            Badge::New => theme.badge_new,
            _ => theme.badge_ping,
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} ", badge.label()), style));
    }
    spans
}

/// `date` in the configured strftime format (UTC); a bad format falls back to the fixed one.
pub fn absolute_date(date: Option<chrono::NaiveDateTime>, format: &str) -> String {
    use std::fmt::Write;
    let Some(d) = date else {
        return present::utc_date(None);
    };
    let mut out = String::new();
    match write!(out, "{}", d.format(format)) {
        Ok(()) => out,
        Err(_) => present::utc_date(Some(d)),
    }
}
