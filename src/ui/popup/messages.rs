//! The message log (`L`): the last status messages and errors, newest last, wrapped whole —
//! the status bar cuts a long one with `…`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use crate::app::App;
use crate::render::{sanitize_line, wrap_plain};
use crate::ui::area::centered;
use crate::ui::glyphs::glyphs;

/// Draw the log over `screen`: as wide as the screen allows, the newest messages at the
/// bottom (older ones drop off the top when they do not all fit).
pub fn draw(app: &App, screen: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let width = screen.width.saturating_sub(4).max(10);
    let text_w = usize::from(width.saturating_sub(4)).max(6);
    let mut lines: Vec<String> = Vec::new();
    for message in &app.log {
        for (i, piece) in wrap_plain(&sanitize_line(message), text_w)
            .into_iter()
            .enumerate()
        {
            lines.push(format!("{} {piece}", if i == 0 { "•" } else { " " }));
        }
    }
    if lines.is_empty() {
        lines.push("no messages yet".to_owned());
    }
    let room = usize::from(screen.height.saturating_sub(4)).max(1);
    let start = lines.len().saturating_sub(room);
    let height = (lines.len() - start) as u16 + 2;
    let area = centered(screen, width, height);
    crate::ui::area::clear(area, buf, app.theme().background);
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(theme.border)
        .title(" messages ")
        .title_bottom(" any key closes ");
    let inner = block.inner(area);
    block.render(area, buf);
    for (row, text) in lines[start..].iter().enumerate() {
        let y = inner.y + row as u16;
        if y >= inner.y + inner.height {
            break;
        }
        buf.set_line(
            inner.x + 1,
            y,
            &Line::raw(text.clone()),
            inner.width.saturating_sub(1),
        );
    }
}
