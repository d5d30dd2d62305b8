//! Placing popups: rectangles inside the frame, cleared under the theme's background.

use ratatui::layout::Rect;

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Empty `area` for a popup and lay the theme's background under it (a light theme's text
/// on the terminal's own dark background would not be read).
pub fn clear(area: Rect, buf: &mut ratatui::buffer::Buffer, background: ratatui::style::Style) {
    use ratatui::widgets::Widget;
    ratatui::widgets::Clear.render(area, buf);
    buf.set_style(area, background);
}
