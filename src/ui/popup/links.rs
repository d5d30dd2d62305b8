//! The link picker: the selected comment's links, numbered like the `[N]` marks in its text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::app::App;
use crate::app::thread::actions::selected_links;
use crate::render::{display_width, sanitize_line, truncate_to_width};
use crate::ui::area::centered;
use crate::ui::glyphs::glyphs;

/// Draw the link picker with link `selected` highlighted.
pub fn draw(app: &App, selected: usize, screen: Rect, buf: &mut Buffer) {
    let Some(links) = app.thread.as_ref().and_then(selected_links) else {
        return;
    };
    let theme = app.theme();
    let shown: Vec<String> = links
        .iter()
        .enumerate()
        .map(|(i, l)| format!(" [{}] {}", i + 1, sanitize_line(l)))
        .collect();
    let footer = " enter open · 1-9 open · y copy · esc close ";
    let want_w = shown
        .iter()
        .map(|s| display_width(s) + 3)
        .chain([display_width(footer) + 2])
        .max()
        .unwrap_or(20) as u16;
    let want_h = shown.len() as u16 + 2;
    let area = centered(screen, want_w, want_h.min(screen.height.saturating_sub(2)));
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(theme.border)
        .title(" links ")
        .title_bottom(footer);
    let inner = block.inner(area);
    block.render(area, buf);
    let first = selected.saturating_sub(inner.height.saturating_sub(1) as usize);
    for (row, (i, text)) in shown
        .iter()
        .enumerate()
        .skip(first)
        .take(inner.height as usize)
        .enumerate()
    {
        let style = if i == selected {
            theme.selected
        } else {
            theme.link_ref
        };
        let y = inner.y + row as u16;
        if i == selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
        }
        let text = truncate_to_width(text, inner.width as usize);
        buf.set_line(
            inner.x,
            y,
            &Line::from(Span::styled(text, style)),
            inner.width,
        );
    }
}
