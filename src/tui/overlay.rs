//! Keys while a popup is open: the help overlay scrolls, the link picker picks.

use crossterm::event::KeyCode;

use super::action::Action;
use super::app::{App, Overlay};
use super::msg::Effect;
use super::thread_actions::{selected_links, web_url};
use crate::keymap::{Chord, Resolved};

/// Handle a key while `app.overlay` is open.
pub fn key(app: &mut App, chord: Chord) -> Vec<Effect> {
    let action = match app.config.keymap.resolve(&[], chord) {
        Resolved::Action(a) => Some(a),
        _ => None,
    };
    match app.overlay.clone() {
        Some(Overlay::Help { scroll }) => {
            help_key(app, scroll, chord, action);
            Vec::new()
        }
        Some(Overlay::Links { selected }) => links_key(app, selected, chord, action),
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
            app.overlay = None;
            return;
        }
    };
    let rows = app
        .config
        .keymap
        .help_rows(super::draw::help::view_of(app))
        .len();
    app.overlay = Some(Overlay::Help {
        scroll: scroll.min(rows.saturating_sub(1)),
    });
}

fn links_key(app: &mut App, selected: usize, chord: Chord, action: Option<Action>) -> Vec<Effect> {
    let links: Vec<String> = app
        .thread
        .as_ref()
        .and_then(selected_links)
        .map(<[String]>::to_vec)
        .unwrap_or_default();
    if links.is_empty() {
        app.overlay = None;
        return Vec::new();
    }
    let last = links.len() - 1;
    let pick = |i: usize| links.get(i).cloned();
    match (chord.code, action) {
        (KeyCode::Down, _) | (_, Some(Action::MoveDown)) => {
            app.overlay = Some(Overlay::Links {
                selected: (selected + 1).min(last),
            });
        }
        (KeyCode::Up, _) | (_, Some(Action::MoveUp)) => {
            app.overlay = Some(Overlay::Links {
                selected: selected.saturating_sub(1),
            });
        }
        (KeyCode::Enter, _) => return open(app, pick(selected)),
        (KeyCode::Char(d @ '1'..='9'), _) => {
            let n = d as usize - '1' as usize;
            return open(app, pick(n));
        }
        (KeyCode::Char('y' | 'c'), _) => {
            app.overlay = None;
            if let Some(url) = pick(selected) {
                app.message = Some("copied the link".into());
                return vec![Effect::Copy(url)];
            }
        }
        _ => app.overlay = None,
    }
    Vec::new()
}

fn open(app: &mut App, link: Option<String>) -> Vec<Effect> {
    app.overlay = None;
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
