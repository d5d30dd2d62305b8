//! The help overlay, generated from the active keymap for the screen that is up.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::centered;
use super::glyphs::glyphs;
use crate::render::{display_width, truncate_to_width};
use crate::tui::action::View;
use crate::tui::app::{App, Screen};

/// The help view for the screen that is up.
pub fn view_of(app: &App) -> View {
    match app.screen {
        Screen::Thread => View::Thread,
        Screen::Posts => View::Posts,
    }
}

/// Draw the help popup, scrolled by `scroll` rows.
pub fn draw(app: &App, scroll: usize, screen: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let view = view_of(app);
    let rows = app.config.keymap.help_rows(view);
    let key_w = rows
        .iter()
        .map(|(k, _)| display_width(k))
        .max()
        .unwrap_or(0);
    let desc_w = rows
        .iter()
        .map(|(_, d)| display_width(d))
        .max()
        .unwrap_or(0);
    let want_w = (key_w + desc_w + 6) as u16;
    let want_h = rows.len() as u16 + 3;
    let area = centered(screen, want_w, want_h.min(screen.height.saturating_sub(2)));
    Clear.render(area, buf);
    let title = match view {
        View::Thread => " keys · thread ",
        View::Posts => " keys · posts ",
    };
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(theme.border)
        .title(title)
        .title_bottom(" any other key closes ");
    let inner = block.inner(area);
    block.render(area, buf);
    let text_w = inner.width as usize;
    for (i, (keys, desc)) in rows
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let pad = key_w.saturating_sub(display_width(keys));
        let line = Line::from(vec![
            Span::styled(format!(" {keys}{}", " ".repeat(pad)), theme.help_key),
            Span::raw(format!(
                "  {}",
                truncate_to_width(desc, text_w.saturating_sub(key_w + 3))
            )),
        ]);
        buf.set_line(inner.x, inner.y + i as u16, &line, inner.width);
    }
}
