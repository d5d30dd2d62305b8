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
use crate::present;
use crate::render::display_width;
use crate::ui::glyphs::{Glyphs, glyphs};
use crate::ui::text::body_spans;

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
    let used: usize = head.iter().map(|s| display_width(&s.content)).sum();
    head.extend(crate::ui::comment_header::spans(
        app,
        view,
        row,
        needle,
        tree_width.saturating_sub(used),
    ));
    out.push(BlockLine {
        line: Line::from(head),
        highlight_row: selected,
    });
    for body_line in view.body_lines(row, tree_width, indent).iter() {
        let mut spans = prefix(selected);
        spans.extend(body_spans(theme, body_line, needle));
        // The whole selected comment is highlighted, not only its header line.
        out.push(BlockLine {
            line: Line::from(spans),
            highlight_row: selected,
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

/// A UTC `date` in the configured strftime format and time zone, labelled with the zone.
pub fn absolute_date(
    date: Option<chrono::NaiveDateTime>,
    config: &crate::app::AppConfig,
) -> String {
    present::zoned_date(date, None, &config.date_format, config.time_zone)
}
