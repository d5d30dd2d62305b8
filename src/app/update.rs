//! `update(app, msg) -> effects`: the only place state changes. No I/O happens here; what
//! needs the network, the disk or the terminal is returned as an [`Effect`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::app::compose;
use crate::app::moderation;
use crate::app::msg::{Effect, Msg};
use crate::app::popup::overlay;
use crate::app::popup::prompt::{Edit, Prompt, PromptKind};
use crate::app::posts::{self, POST_ROWS};
use crate::app::queue;
use crate::app::thread;
use crate::app::thread::loading;
use crate::app::thread::viewport::{self};
use crate::app::{App, Modal, Overlay, Screen, tree_frame};
use crate::keys::action::Action;
use crate::keys::keymap::{Chord, Resolved};

/// Lines the mouse wheel scrolls.
const WHEEL_LINES: isize = 3;

/// Apply one message to the state; return the work it asks for.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let (message, error) = (app.message.clone(), app.error.clone());
    let effects = route(app, msg);
    // Every new message and error goes to the log too, so a long one can be read whole.
    for (now, before) in [(&app.message, message), (&app.error, error)] {
        if let Some(text) = now
            && Some(text) != before.as_ref()
            && app.log.back() != Some(text)
        {
            app.log.push_back(text.clone());
            if app.log.len() > crate::app::MESSAGE_LOG {
                app.log.pop_front();
            }
        }
    }
    effects
}

fn route(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(app, &key),
        // SIGTERM, SIGHUP: quit without asking; drafts not on disk are rescued at exit.
        Msg::Action(Action::Quit) => {
            app.quit = true;
            vec![Effect::Quit]
        }
        Msg::Action(action) => on_action(app, action),
        Msg::Mouse(mouse) => {
            on_mouse(app, mouse);
            Vec::new()
        }
        Msg::Resize { width, height } => {
            app.width = width;
            app.height = height;
            let frame = tree_frame(app);
            if let Some(view) = app.thread.as_mut() {
                view.cache.clear();
                viewport::ensure_visible(view, frame);
            }
            Vec::new()
        }
        Msg::Tick(now) => {
            app.now = now;
            Vec::new()
        }
        Msg::Opened { .. }
        | Msg::Page { .. }
        | Msg::Pages { .. }
        | Msg::LoadDone { .. }
        | Msg::LoadFailed { .. }
        | Msg::Posts { .. } => load_report(app, msg),
        Msg::Notice(text) => {
            app.message = Some(text);
            Vec::new()
        }
        Msg::Moderation(report) => moderation::on_msg(app, *report),
        Msg::DraftLoaded { key, text } => {
            compose::draft_loaded(app, key, text);
            Vec::new()
        }
        Msg::DraftSaved { key, error } => {
            compose::unsaved::saved(app, key, error);
            Vec::new()
        }
        Msg::Sent { key, outcome } => compose::keys::sent(app, key, outcome),
        Msg::Edited { key, outcome } => compose::keys::edited(app, key, outcome),
        Msg::SendingAs { key, sender } => {
            if let Some(c) = app.composer_mut().filter(|c| c.key == key) {
                c.sending_as = Some(sender);
            }
            Vec::new()
        }
    }
}

/// A report of the load of generation `app.generation` (the thread, or the site's posts);
/// reports of a load that was superseded are dropped.
fn load_report(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Opened { generation, opened } if generation == app.generation => {
            loading::opened(app, *opened);
            Vec::new()
        }
        Msg::Page { generation, event } if generation == app.generation => {
            loading::pages(app, vec![event]);
            moderation::reply::arrived(app, false)
        }
        Msg::Pages { generation, events } if generation == app.generation => {
            loading::pages(app, events);
            moderation::reply::arrived(app, false)
        }
        Msg::LoadDone { generation } if generation == app.generation => {
            let mut effects = loading::done(app);
            effects.extend(moderation::reply::arrived(app, true));
            effects
        }
        Msg::LoadFailed {
            generation,
            message,
        } if generation == app.generation => {
            loading::failed(app, message);
            Vec::new()
        }
        Msg::Posts { generation, list } if generation == app.generation => {
            posts::loaded(app, *list);
            Vec::new()
        }
        // A report of a load that was superseded (`route` sends only load reports here).
        _ => Vec::new(),
    }
}

/// A key while a popup is open goes to it and nowhere else; `None` when none is open.
fn modal_key(app: &mut App, key: &KeyEvent, chord: Chord) -> Option<Vec<Effect>> {
    let effects = match app.modal {
        None => return None,
        Some(Modal::Composer(_)) => compose::keys::key(app, key),
        Some(Modal::Edit(_)) => moderation::edit::key(app, key),
        Some(Modal::Confirm(_)) => {
            let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
            moderation::confirm_key(app, yes)
        }
        Some(Modal::Prompt(ref mut prompt)) => {
            let kind = prompt.kind;
            match prompt.key(key) {
                Edit::Editing => Vec::new(),
                Edit::Cancel => {
                    app.modal = None;
                    Vec::new()
                }
                Edit::Submit(text) => {
                    app.modal = None;
                    submit(app, kind, text)
                }
            }
        }
        Some(Modal::Overlay(_)) => overlay::key(app, chord),
    };
    Some(effects)
}

fn on_key(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Some(chord) = Chord::from_event(key) else {
        return Vec::new();
    };
    if app.posting.leaving.is_some() {
        return compose::unsaved::answer(app, key);
    }
    // Ctrl-C always quits, whatever the bindings or mode.
    if chord == Chord::new(KeyCode::Char('c'), KeyModifiers::CONTROL) {
        return on_action(app, Action::Quit);
    }
    if let Some(effects) = modal_key(app, key, chord) {
        return effects;
    }
    match app.config.keymap.resolve(&app.pending, chord) {
        Resolved::Pending => {
            app.pending.push(chord);
            Vec::new()
        }
        Resolved::Action(action) => {
            app.pending.clear();
            app.message = None;
            on_action(app, action)
        }
        Resolved::Unbound => {
            app.pending.clear();
            Vec::new()
        }
    }
}

fn submit(app: &mut App, kind: PromptKind, text: String) -> Vec<Effect> {
    match kind {
        PromptKind::Search => {
            thread::actions::search(app, text);
            Vec::new()
        }
        PromptKind::JumpToId => {
            thread::actions::jump(app, &text);
            Vec::new()
        }
        PromptKind::PostSearch => {
            let search = (!text.is_empty()).then_some(text);
            posts::request(app, 1, search)
        }
        PromptKind::QueueSearch => queue::search(app, text),
    }
}

/// Apply a bindable action.
pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => return compose::unsaved::quit(app),
        Action::Suspend => return vec![Effect::Suspend],
        Action::Help => {
            app.modal = Some(Modal::Overlay(Overlay::Help { scroll: 0 }));
            return Vec::new();
        }
        Action::MessageLog => {
            app.modal = Some(Modal::Overlay(Overlay::Messages));
            return Vec::new();
        }
        Action::CycleTheme => {
            app.theme_index = (app.theme_index + 1) % app.config.themes.len().max(1);
            app.message = Some(format!("theme: {}", app.theme().name));
            return Vec::new();
        }
        Action::None => return Vec::new(),
        Action::Back if at_top_view(app) => return on_action(app, Action::Quit),
        Action::Close => return close(app),
        // The queue has no composer: `r` opens the comment's thread, and the composer there.
        Action::Reply if app.screen == Screen::Queue => return moderation::reply::from_queue(app),
        Action::Reply | Action::NewComment => {
            return compose::open(app, action == Action::Reply);
        }
        _ => {}
    }
    if action.is_moderation() && matches!(app.screen, Screen::Thread | Screen::Queue) {
        return moderation::action(app, action);
    }
    screen_action(app, action)
}

/// The first screen opened: a thread opened directly, the post list, the queue. `q` quits
/// there; everywhere else it goes back.
fn at_top_view(app: &App) -> bool {
    match app.screen {
        Screen::Posts | Screen::Queue => true,
        Screen::Thread => app.posts.is_none() && app.queue.is_none(),
    }
}

/// Esc: whatever the screen's back step does short of quitting (clear a search or marks,
/// leave a thread for its list). Where that step would quit, nothing closes: say how to quit.
fn close(app: &mut App) -> Vec<Effect> {
    let mut effects = screen_action(app, Action::Back);
    if effects.iter().any(|e| matches!(e, Effect::Quit)) {
        effects.retain(|e| !matches!(e, Effect::Quit));
        app.quit = false;
        app.message = Some("nothing to close here; q quits".into());
    }
    effects
}

/// An action for the current screen's own update.
fn screen_action(app: &mut App, action: Action) -> Vec<Effect> {
    match app.screen {
        Screen::Posts if action == Action::Search => {
            app.modal = Some(Modal::Prompt(Prompt::new(PromptKind::PostSearch)));
            Vec::new()
        }
        Screen::Posts => posts::action(app, action),
        Screen::Thread => thread::actions::action(app, action),
        Screen::Queue => queue::action(app, action),
    }
}

fn on_mouse(app: &mut App, mouse: MouseEvent) {
    // A popup owns the mouse too: the screen under it does not scroll or select.
    if app.modal.is_some() {
        return;
    }
    let main = app.areas().main;
    let inside = mouse.row >= main.y && mouse.row < main.y + main.height;
    match (app.screen, mouse.kind) {
        (Screen::Thread, MouseEventKind::ScrollDown | MouseEventKind::ScrollUp) => {
            let lines = if mouse.kind == MouseEventKind::ScrollDown {
                WHEEL_LINES
            } else {
                -WHEEL_LINES
            };
            let frame = tree_frame(app);
            if let Some(view) = app.thread.as_mut() {
                viewport::scroll_lines(view, frame, lines);
            }
        }
        (Screen::Thread, MouseEventKind::Down(MouseButton::Left)) if inside => {
            let frame = tree_frame(app);
            if let Some(view) = app.thread.as_mut()
                && let Some(row) = viewport::row_at_line(view, frame, (mouse.row - main.y) as usize)
            {
                view.selected = view.id_at_row(row);
            }
        }
        (Screen::Posts, MouseEventKind::ScrollDown) => {
            posts::action(app, Action::MoveDown);
        }
        (Screen::Posts, MouseEventKind::ScrollUp) => {
            posts::action(app, Action::MoveUp);
        }
        (Screen::Posts, MouseEventKind::Down(MouseButton::Left)) if inside => {
            if let Some(list) = app.posts.as_mut() {
                let i = list.top + (mouse.row - main.y) as usize / POST_ROWS;
                if i < list.posts.len() {
                    list.selected = i;
                }
            }
        }
        _ => {}
    }
}
