//! Keys while a popup is open: the help overlay scrolls, the link picker picks.

use crossterm::event::KeyCode;

use crate::app::msg::Effect;
use crate::app::thread::actions::{selected_links, web_url};
use crate::app::{App, Modal, Overlay, Screen};
use crate::keys::action::{Action, View};
use crate::keys::keymap::{Chord, Resolved};

/// The help view for the screen that is up.
pub fn view_of(app: &App) -> View {
    match app.screen {
        Screen::Thread => View::Thread,
        Screen::Posts => View::Posts,
        Screen::Queue => View::Queue,
    }
}

/// Handle a key while help or the link picker is open.
pub fn key(app: &mut App, chord: Chord) -> Vec<Effect> {
    let action = match app.config.keymap.resolve(&[], chord) {
        Resolved::Action(a) => Some(a),
        _ => None,
    };
    match app.overlay().cloned() {
        Some(Overlay::Help { scroll }) => {
            help_key(app, scroll, chord, action);
            Vec::new()
        }
        Some(Overlay::Links { selected }) => links_key(app, selected, chord, action),
        Some(Overlay::Messages) => {
            app.modal = None;
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn help_key(app: &mut App, scroll: usize, chord: Chord, action: Option<Action>) {
    let scroll = match (chord.code, action) {
        (KeyCode::Down, _) | (_, Some(Action::MoveDown)) => scroll + 1,
        (KeyCode::Up, _) | (_, Some(Action::MoveUp)) => scroll.saturating_sub(1),
        (KeyCode::PageDown, _) | (_, Some(Action::PageDown | Action::HalfPageDown)) => scroll + 10,
        (KeyCode::PageUp, _) | (_, Some(Action::PageUp | Action::HalfPageUp)) => {
            scroll.saturating_sub(10)
        }
        _ => {
            app.modal = None;
            return;
        }
    };
    // Scrolled no further than the last row at the popup's bottom (ui/popup/help.rs: the
    // rows, a border above and below, one row of margin, within two rows of the screen).
    let rows = app.config.keymap.help_rows(view_of(app)).len();
    let visible = (rows + 1)
        .min(usize::from(app.height).saturating_sub(4))
        .max(1);
    app.modal = Some(Modal::Overlay(Overlay::Help {
        scroll: scroll.min(rows.saturating_sub(visible)),
    }));
}

fn links_key(app: &mut App, selected: usize, chord: Chord, action: Option<Action>) -> Vec<Effect> {
    let links: Vec<String> = app
        .thread
        .as_ref()
        .and_then(selected_links)
        .unwrap_or_default();
    if links.is_empty() {
        app.modal = None;
        return Vec::new();
    }
    let last = links.len() - 1;
    let pick = |i: usize| links.get(i).cloned();
    match (chord.code, action) {
        (KeyCode::Down, _) | (_, Some(Action::MoveDown)) => {
            app.modal = Some(Modal::Overlay(Overlay::Links {
                selected: (selected + 1).min(last),
            }));
        }
        (KeyCode::Up, _) | (_, Some(Action::MoveUp)) => {
            app.modal = Some(Modal::Overlay(Overlay::Links {
                selected: selected.saturating_sub(1),
            }));
        }
        (KeyCode::Enter, _) => return open(app, pick(selected)),
        (KeyCode::Char(d @ '1'..='9'), _) => {
            let n = d as usize - '1' as usize;
            return open(app, pick(n));
        }
        (KeyCode::Char('y' | 'c'), _) => {
            app.modal = None;
            if let Some(url) = pick(selected) {
                app.message = Some("link sent to the terminal's clipboard (OSC 52)".into());
                return vec![Effect::Copy(url)];
            }
        }
        _ => app.modal = None,
    }
    Vec::new()
}

fn open(app: &mut App, link: Option<String>) -> Vec<Effect> {
    app.modal = None;
    match link.as_deref().and_then(web_url) {
        Some(url) => {
            app.message = Some("opening in the browser…".into());
            vec![Effect::Open(url)]
        }
        None if link.is_some() => {
            app.message = Some("only http and https links are opened".into());
            Vec::new()
        }
        None => Vec::new(),
    }
}
