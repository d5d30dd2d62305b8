//! The edit popup (`e`): the comment's stored text in the composer's editor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use crate::app::App;
use crate::app::moderation::state::EditBox;
use crate::ui::area::centered;
use crate::ui::glyphs::glyphs;

/// Draw the popup.
pub fn draw(app: &App, edit: &EditBox, screen: Rect, buf: &mut Buffer) {
    let area = centered(screen, 72, 14);
    crate::ui::area::clear(area, buf, app.theme().background);
    let title = if edit.sending {
        format!(" edit #{} · saving… ", edit.id)
    } else {
        format!(" edit #{} ", edit.id)
    };
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(app.theme().border)
        .title(title)
        .title_bottom(Line::from(if edit.confirm_discard {
            " discard your edit? y/n "
        } else {
            " ctrl-s save · esc cancel "
        }));
    let inner = block.inner(area);
    block.render(area, buf);
    (&edit.editor).render(inner, buf);
}
