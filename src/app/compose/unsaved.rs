//! Drafts that could not be written to disk (read-only dir, full disk): the app remembers
//! which, never says such a draft "is kept", asks before closing its composer or quitting,
//! and hands their text to the terminal shell at exit, which writes it somewhere that works
//! (`tui::rescue`). State only: no I/O here.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::App;
use crate::app::compose::state::Leaving;
use crate::app::msg::Effect;
use crate::store::drafts::DraftKey;

/// The worker's answer to a draft save: `error` when it could not be written.
pub fn saved(app: &mut App, key: DraftKey, error: Option<String>) {
    match error {
        Some(e) => {
            app.message = Some(format!(
                "the draft is only in memory: cannot save it to disk ({})",
                crate::render::sanitize_line(&e)
            ));
            app.posting.unsaved.insert(key);
        }
        None => {
            app.posting.unsaved.remove(&key);
        }
    }
}

/// True when the draft of `key` is not on disk.
pub fn is_unsaved(app: &App, key: &DraftKey) -> bool {
    app.posting.unsaved.contains(key)
}

/// Esc in the composer with an unsaved draft: ask first. `false` when there is nothing to
/// ask (the caller closes).
pub fn ask_close(app: &mut App) -> bool {
    let Some(c) = app.composer() else {
        return false;
    };
    if !is_unsaved(app, &c.key) || c.text().trim().is_empty() {
        return false;
    }
    app.posting.leaving = Some(Leaving::Close);
    app.message = question(app);
    true
}

/// The y/n question while one is pending (`posting.leaving`), from state alone: the status
/// bar draws it ahead of any later notice (a failed seen-store write, a load note), so an
/// answer is never typed blind.
pub fn question(app: &App) -> Option<String> {
    match app.posting.leaving? {
        Leaving::Close => Some(
            "draft not saved to disk: close anyway? [y/n] (it stays in memory until you quit)"
                .into(),
        ),
        Leaving::Quit => {
            let what = if texts(app).len() == 1 {
                "a draft is"
            } else {
                "drafts are"
            };
            Some(format!(
                "{what} not saved to disk: quit anyway? [y/n] (the text then goes to a temp file)"
            ))
        }
    }
}

/// A quit from the keyboard with unsaved drafts: ask first. `None` when there is nothing
/// to ask (the caller quits).
pub fn ask_quit(app: &mut App) -> Option<Vec<Effect>> {
    let n = texts(app).len();
    if n == 0 {
        return None;
    }
    app.posting.leaving = Some(Leaving::Quit);
    app.message = question(app);
    Some(Vec::new())
}

/// Every quit from the keyboard (`q` on the thread, posts or queue, Ctrl-C) comes here:
/// quits, unless a draft is not on disk, then asks first.
pub fn quit(app: &mut App) -> Vec<Effect> {
    if let Some(asking) = ask_quit(app) {
        return asking;
    }
    app.quit = true;
    vec![Effect::Quit]
}

/// The answer to the question: `y` (or Ctrl-C) goes ahead, anything else stays.
pub fn answer(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Some(leaving) = app.posting.leaving.take() else {
        return Vec::new();
    };
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    let yes = matches!(key.code, KeyCode::Char('y' | 'Y')) || ctrl_c;
    if !yes {
        app.message = Some("not closed: the draft is still open".into());
        return Vec::new();
    }
    match leaving {
        Leaving::Close => {
            app.modal = None;
            app.message = Some(
                "closed the composer; the draft is NOT on disk (it stays in memory until you quit)"
                    .into(),
            );
            Vec::new()
        }
        Leaving::Quit => {
            app.quit = true;
            vec![Effect::Quit]
        }
    }
}

/// The texts of every draft not on disk (the open composer's newest text first), for the
/// shell to write somewhere at exit.
pub fn texts(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    let open = app.composer();
    if let Some(c) = open.filter(|c| is_unsaved(app, &c.key)) {
        out.push(c.text());
    }
    for key in &app.posting.unsaved {
        if open.is_some_and(|c| c.key == *key) {
            continue;
        }
        if let Some(text) = app.posting.drafts.get(key) {
            out.push(text.clone());
        }
    }
    out.retain(|t| !t.trim().is_empty());
    out
}
