//! A comment's header line: author, dates, the comment id (dimmed) and badges, made to fit
//! the columns left after the reply guides.
//!
//! When they do not fit, the header gives up, in order: the relative age; the author's
//! name down to a few columns (shortened with `…`); the date's zone label; the time (the
//! day stays); the date. The id and the badges stay; if even they do not fit the line ends
//! with `…`, never cut mid-grapheme.

use ratatui::style::Modifier;
use ratatui::text::Span;

use crate::app::App;
use crate::app::thread::ThreadView;
use crate::present::{self, Badge};
use crate::render::{display_width, truncate_to_width};
use crate::ui::glyphs::glyphs;
use crate::ui::text::push_highlighted;

/// Columns a shortened author name keeps at least (three letters and `…`).
const AUTHOR_MIN: usize = 4;

fn width(spans: &[Span]) -> usize {
    spans.iter().map(|s| display_width(&s.content)).sum()
}

/// The header of the comment on `row`, in `room` columns.
pub fn spans(
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
    let author = present::author(comment);
    let tail = tail(app, view, row);
    let (site, zone, format) = (
        comment.site_date(),
        app.config.time_zone,
        app.config.date_format.as_str(),
    );
    let dates = [
        present::zoned_date(comment.date_gmt, site, format, zone),
        present::zoned_date_unlabelled(comment.date_gmt, site, format, zone),
        present::zoned_date_unlabelled(comment.date_gmt, site, "%Y-%m-%d", zone),
    ];
    let fixed = width(&spans) + width(&tail);
    let author_w = display_width(&author);
    let author_min = author_w.min(AUTHOR_MIN);
    // The first date that fits next to a name shortened to its minimum; none if none does.
    let date = dates
        .iter()
        .map(|d| format!(" · {d}"))
        .find(|d| fixed + author_min + display_width(d) <= room)
        .unwrap_or_default();
    let mut dated = Vec::new();
    let relative = present::relative_date(comment.date_gmt, app.now);
    if !relative.is_empty() && date.contains(&dates[0]) {
        let relative = format!(" · {relative}");
        if fixed + author_w + display_width(&relative) + display_width(&date) <= room {
            dated.push(Span::styled(relative, theme.date));
        }
    }
    if !date.is_empty() {
        dated.push(Span::styled(date, theme.date));
    }
    // Below its minimum only when the id and badges would not fit otherwise.
    let author_room = room
        .saturating_sub(fixed + width(&dated))
        .max(author_w.min(2));
    let author = truncate_to_width(&author, author_room);
    push_highlighted(
        &mut spans,
        &author,
        theme.author,
        needle,
        theme.search_match,
    );
    spans.extend(dated);
    spans.extend(tail);
    fit(spans, room)
}

/// The parts that always stay: the comment id (dimmed) and the badges.
fn tail(app: &App, view: &ThreadView, row: usize) -> Vec<Span<'static>> {
    let theme = app.theme();
    let r = view.rows[row];
    let comment = view.thread.comment(r.index);
    let mut tail = vec![Span::styled(
        format!(" #{}", comment.id),
        theme.date.add_modifier(Modifier::DIM),
    )];
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
    tail
}

/// `spans` cut to `room` columns, ending with `…` when anything was cut.
fn fit(spans: Vec<Span<'static>>, room: usize) -> Vec<Span<'static>> {
    if width(&spans) <= room {
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = display_width(&span.content);
        // The last span that starts to overflow is shortened with `…` (which takes the
        // last column), and nothing after it is drawn.
        if used + w >= room {
            let cut = truncate_to_width(&span.content, room - used);
            let cut = if cut.ends_with('…') || room == used {
                cut
            } else {
                // It fitted exactly but more follows: make room for the ellipsis.
                truncate_to_width(&format!("{cut}…"), room - used)
            };
            out.push(Span::styled(cut, span.style));
            break;
        }
        used += w;
        out.push(span);
    }
    out
}
