//! `draw(&app, frame)`: the screen as a function of the state. Nothing here changes state
//! (the body layout cache aside, which only memoises a pure function).

pub mod area;
pub mod chrome;
pub mod comment_header;
pub mod compose;
pub mod glyphs;
pub mod popup;
pub mod posts;
pub mod queue;
pub mod text;
pub mod thread;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::{App, Overlay, Screen};
use crate::render::truncate_to_width;

/// Draw the whole screen.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let areas = app.areas();
    let buf = frame.buffer_mut();
    // The theme's own background and text colour under everything (empty for themes that
    // use the terminal's).
    buf.set_style(buf.area, app.theme().background);
    match app.screen {
        Screen::Thread => {
            chrome::header::thread_header(app, areas.header, buf);
            thread::draw(app, areas.main, buf);
        }
        Screen::Posts => {
            chrome::header::posts_header(app, areas.header, buf);
            posts::draw(app, areas.main, buf);
        }
        Screen::Queue => {
            crate::ui::queue::header(app, areas.header, buf);
            crate::ui::queue::rows(app, areas.main, buf);
        }
    }
    if let (Some(area), Some(error)) = (areas.banner, &app.error) {
        banner(app, error, area, buf);
    }
    chrome::status::draw(app, areas.status, buf);
    if app.screen == Screen::Thread {
        let screen = frame.area();
        crate::ui::compose::draw(app, areas.main, screen, frame.buffer_mut());
    }
    crate::ui::queue::overlays(app, frame.area(), frame.buffer_mut());
    match app.overlay() {
        Some(Overlay::Help { scroll }) => {
            popup::help::draw(app, *scroll, frame.area(), frame.buffer_mut())
        }
        Some(Overlay::Links { selected }) => {
            popup::links::draw(app, *selected, frame.area(), frame.buffer_mut());
        }
        Some(Overlay::Messages) => popup::messages::draw(app, frame.area(), frame.buffer_mut()),
        None => {}
    }
}

fn banner(app: &App, error: &str, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let style = app.theme().error;
    buf.set_style(area, style);
    let text = truncate_to_width(&format!(" error: {error}"), area.width as usize);
    buf.set_line(area.x, area.y, &Line::styled(text, style), area.width);
}
