//! The link picker: the selected comment's links, numbered like the `[N]` marks in its text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::app::App;
use crate::app::thread::actions::selected_links;
use crate::render::{display_width, fit_url, sanitize_line};
use crate::ui::area::centered;
use crate::ui::glyphs::glyphs;

/// Draw the link picker with link `selected` highlighted.
pub fn draw(app: &App, selected: usize, screen: Rect, buf: &mut Buffer) {
    let Some(links) = app.thread.as_ref().and_then(selected_links) else {
        return;
    };
    let theme = app.theme();
    let labels: Vec<String> = (1..=links.len()).map(|n| format!(" [{n}] ")).collect();
    let footer = " enter open · 1-9 open · y copy · esc close ";
    let want_w = links
        .iter()
        .zip(&labels)
        .map(|(l, label)| display_width(label) + display_width(l) + 3)
        .chain([display_width(footer) + 2])
        .max()
        .unwrap_or(20) as u16;
    let want_h = links.len() as u16 + 2;
    let area = centered(screen, want_w, want_h.min(screen.height.saturating_sub(2)));
    crate::ui::area::clear(area, buf, app.theme().background);
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(theme.border)
        .title(" links ")
        .title_bottom(footer);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = rows(&links, &labels, inner.width as usize);
    let first_row = rows.iter().position(|(i, _)| *i == selected).unwrap_or(0);
    let last_row = rows.iter().rposition(|(i, _)| *i == selected).unwrap_or(0);
    let height = inner.height as usize;
    let top = (last_row + 1).saturating_sub(height).min(first_row);
    for (row, (i, text)) in rows.iter().skip(top).take(height).enumerate() {
        let style = if *i == selected {
            theme.selected
        } else {
            theme.link_ref
        };
        let y = inner.y + row as u16;
        if *i == selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
        }
        buf.set_line(
            inner.x,
            y,
            &Line::from(Span::styled(text.as_str(), style)),
            inner.width,
        );
    }
}

/// The picker's rows: (link index, text). A URL too long for the width loses the middle of
/// its path ([`fit_url`]); a host longer than the whole width is wrapped onto more rows,
/// never cut, so the real destination is always on screen.
fn rows(links: &[String], labels: &[String], width: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, (link, label)) in links.iter().zip(labels).enumerate() {
        let indent = display_width(label);
        let room = width.saturating_sub(indent).max(1);
        let fitted = fit_url(&sanitize_line(link), room);
        let mut pieces = wrap_anywhere(&fitted, room).into_iter();
        let first = pieces.next().unwrap_or_default();
        out.push((i, format!("{label}{first}")));
        out.extend(pieces.map(|p| (i, format!("{}{p}", " ".repeat(indent)))));
    }
    out
}

/// `text` cut into pieces of at most `width` columns, at any character.
fn wrap_anywhere(text: &str, width: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width && used > 0 {
            pieces.push(String::new());
            used = 0;
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
        used += w;
    }
    pieces
}
