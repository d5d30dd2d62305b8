//! The help overlay, generated from the active keymap for the screen that is up.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::app::App;
use crate::keys::action::View;
use crate::render::{display_width, truncate_to_width};
use crate::ui::area::centered;
use crate::ui::glyphs::glyphs;

/// Draw the help popup, scrolled by `scroll` rows.
pub fn draw(app: &App, scroll: usize, screen: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let view = crate::app::popup::overlay::view_of(app);
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
    crate::ui::area::clear(area, buf, app.theme().background);
    let title = match view {
        View::Thread => " keys · thread ",
        View::Posts => " keys · posts ",
        View::Queue => " keys · moderation queue ",
    };
    // Say when rows are hidden above or below, and which keys scroll.
    let visible = area.height.saturating_sub(2) as usize;
    let more_below = scroll + visible < rows.len();
    let footer = match (scroll > 0, more_below) {
        (_, true) => " j/k scroll · more below ↓ · any other key closes ",
        (true, false) => " j/k scroll · more above ↑ · any other key closes ",
        (false, false) => " any other key closes ",
    };
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(theme.border)
        .title(title)
        .title_bottom(footer);
    let inner = block.inner(area);
    block.render(area, buf);
    let text_w = inner.width as usize;
    let greyed = crate::app::moderation::keys_off(app);
    for (i, (keys, desc)) in rows
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let pad = key_w.saturating_sub(display_width(keys));
        // Moderation keys the identity may not use are greyed (pressing one says why).
        let off = greyed
            && crate::keys::action::Action::ALL
                .iter()
                .any(|a| a.is_moderation() && a.describe(view) == *desc);
        let (key_style, desc_style) = if off {
            let dim = theme.date.add_modifier(ratatui::style::Modifier::DIM);
            (dim, dim)
        } else {
            (theme.help_key, ratatui::style::Style::default())
        };
        let line = Line::from(vec![
            Span::styled(format!(" {keys}{}", " ".repeat(pad)), key_style),
            Span::styled(
                format!(
                    "  {}",
                    truncate_to_width(desc, text_w.saturating_sub(key_w + 3))
                ),
                desc_style,
            ),
        ]);
        buf.set_line(inner.x, inner.y + i as u16, &line, inner.width);
    }
}
