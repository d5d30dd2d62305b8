//! Themes under every terminal: a light theme on a dark terminal paints its own background,
//! so its black title is never black on nothing.

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use wpcomments::app::App;
use wpcomments::config::theme::load_from;
use wpcomments::tui::testing::{app, open, render, sample_comments, thread_data, type_keys};

fn themed(name: &str) -> App {
    let mut a = app(80, 30);
    a.config.themes = vec![load_from(name, None).expect("built-in theme")];
    open(&mut a, thread_data("Fixture", sample_comments()), None);
    a
}

/// The first cell on a row whose text contains `needle`.
fn cell_of(buf: &Buffer, needle: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(at) = row.find(needle) {
            // One char per cell on the rows searched (borders, guides and text).
            return (row[..at].chars().count() as u16, y);
        }
    }
    panic!("{needle:?} is not on screen");
}

#[test]
fn a_light_theme_draws_its_title_body_and_popups_on_its_own_background() {
    for name in ["light", "solarized-light"] {
        let mut a = themed(name);
        let background = a.theme().background;
        let term = render(&a);
        let buf = term.backend().buffer();
        for (what, needle) in [("title", "Fixture"), ("body", "another reply")] {
            let (x, y) = cell_of(buf, needle);
            let cell = &buf[(x, y)];
            assert_ne!(cell.bg, Color::Reset, "{name}: the {what} has a background");
            assert_eq!(Some(cell.bg), background.bg, "{name}: {what}");
        }
        // Empty space too: nothing is left on the terminal's own background.
        let corner = &buf[(79, 20)];
        assert_eq!(Some(corner.bg), background.bg, "{name}: empty rows");
        // Body text without a colour of its own takes the theme's text colour.
        let (x, y) = cell_of(buf, "another reply");
        assert_eq!(
            Some(buf[(x, y)].fg),
            background.fg,
            "{name}: body text colour"
        );

        type_keys(&mut a, "?");
        let term = render(&a);
        let buf = term.backend().buffer();
        let (x, y) = cell_of(buf, "keys · thread");
        assert_eq!(
            Some(buf[(x, y + 2)].bg),
            background.bg,
            "{name}: help popup"
        );
    }
}

#[test]
fn the_default_theme_keeps_the_terminals_own_background() {
    let a = themed("default");
    let term = render(&a);
    let buf = term.backend().buffer();
    let (x, y) = cell_of(buf, "another reply");
    assert_eq!(buf[(x, y)].bg, Color::Reset);
}
