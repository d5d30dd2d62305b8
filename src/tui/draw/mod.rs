//! `draw(&app, frame)`: the screen as a function of the state. Nothing here changes state
//! (the body layout cache aside, which only memoises a pure function).

pub mod glyphs;
pub mod header;
pub mod help;
pub mod links;
pub mod post_list;
pub mod status;
pub mod text;
pub mod tree;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::app::{App, Overlay, Screen};
use crate::render::truncate_to_width;

/// Draw the whole screen.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let areas = app.areas();
    let buf = frame.buffer_mut();
    match app.screen {
        Screen::Thread => {
            header::thread_header(app, areas.header, buf);
            tree::draw(app, areas.main, buf);
        }
        Screen::Posts => {
            header::posts_header(app, areas.header, buf);
            post_list::draw(app, areas.main, buf);
        }
        Screen::Queue => {
            super::queue_draw::header(app, areas.header, buf);
            super::queue_draw::rows(app, areas.main, buf);
        }
    }
    if let (Some(area), Some(error)) = (areas.banner, &app.error) {
        banner(app, error, area, buf);
    }
    status::draw(app, areas.status, buf);
    if app.screen == Screen::Thread {
        let screen = frame.area();
        super::compose_draw::draw(app, areas.main, screen, frame.buffer_mut());
    }
    super::queue_draw::overlays(app, frame.area(), frame.buffer_mut());
    match &app.overlay {
        Some(Overlay::Help { scroll }) => {
            help::draw(app, *scroll, frame.area(), frame.buffer_mut())
        }
        Some(Overlay::Links { selected }) => {
            links::draw(app, *selected, frame.area(), frame.buffer_mut());
        }
        None => {}
    }
}

fn banner(app: &App, error: &str, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let style = app.theme().error;
    buf.set_style(area, style);
    let text = truncate_to_width(&format!(" error: {error}"), area.width as usize);
    buf.set_line(area.x, area.y, &Line::styled(text, style), area.width);
}

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
