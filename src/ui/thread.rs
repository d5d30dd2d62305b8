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
use crate::render::display_width;
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
    let used: usize = head.iter().map(|s| display_width(&s.content)).sum();
    head.extend(header_spans(
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

/// Author, dates, the comment id (dimmed) and badges, in `room` columns: when they do not
/// fit, the relative date goes first, then the author's name is shortened with `…`; the
/// absolute date, the id and the badges always stay.
fn header_spans(
    app: &App,
    view: &ThreadView,
    row: usize,
    needle: Option<&str>,
    room: usize,
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
    let relative = present::relative_date(comment.date_gmt, app.now);
    let absolute = present::zoned_date(
        comment.date_gmt,
        comment.site_date(),
        &app.config.date_format,
        app.config.time_zone,
    );
    let mut tail = vec![
        Span::styled(format!(" · {absolute}"), theme.date),
        Span::styled(
            format!(" #{}", comment.id),
            theme.date.add_modifier(ratatui::style::Modifier::DIM),
        ),
    ];
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
        tail.push(Span::raw(" "));
        tail.push(Span::styled(format!(" {} ", badge.label()), style));
    }
    let width = |spans: &[Span]| -> usize { spans.iter().map(|s| display_width(&s.content)).sum() };
    let lead = width(&spans);
    // The relative date is the first to go, then the name shrinks (never below 4 columns).
    if !relative.is_empty() {
        let relative = format!(" · {relative}");
        if lead + display_width(&author) + display_width(&relative) + width(&tail) <= room {
            tail.insert(0, Span::styled(relative, theme.date));
        }
    }
    let author_room = room.saturating_sub(lead + width(&tail)).max(4);
    let author = crate::render::truncate_to_width(&author, author_room);
    push_highlighted(
        &mut spans,
        &author,
        theme.author,
        needle,
        theme.search_match,
    );
    spans.extend(tail);
    spans
}

/// A UTC `date` in the configured strftime format and time zone, labelled with the zone.
pub fn absolute_date(
    date: Option<chrono::NaiveDateTime>,
    config: &crate::app::AppConfig,
) -> String {
    present::zoned_date(date, None, &config.date_format, config.time_zone)
}
