//! What each action does on the thread screen, and the search and jump prompts' results.

use crate::app::msg::Effect;
use crate::app::popup::prompt::{Prompt, PromptKind};
use crate::app::thread::ThreadView;
use crate::app::thread::loading;
use crate::app::thread::nav;
use crate::app::thread::search::Search;
use crate::app::thread::viewport::{self, Frame};
use crate::app::tree_frame;
use crate::app::{App, Modal, Overlay, Progress, Screen};
use crate::keys::action::Action;

/// Apply `action` to the thread screen.
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => return back(app),
        Action::Refresh => return loading::refresh(app),
        Action::CopyPermalink => return copy_permalink(app),
        Action::OpenInBrowser => return open_in_browser(app),
        _ => {}
    }
    let frame = tree_frame(app);
    let Some(view) = app.thread.as_mut() else {
        return Vec::new();
    };
    let note: Option<String> = match action {
        Action::MoveDown => step(view, 1),
        Action::MoveUp => step(view, -1),
        Action::NextSibling => nav::sibling(view, true).map(str::to_owned),
        Action::PrevSibling => nav::sibling(view, false).map(str::to_owned),
        Action::Parent => nav::parent(view).map(str::to_owned),
        Action::NextThread | Action::PrevThread => {
            let forward = action == Action::NextThread;
            if view.search.is_some() {
                search_step(view, forward)
            } else {
                nav::thread_step(view, forward).map(str::to_owned)
            }
        }
        Action::First => {
            nav::to_end(view, false);
            None
        }
        Action::Last => {
            nav::to_end(view, true);
            None
        }
        Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
            page(view, frame, action);
            None
        }
        Action::ToggleCollapse | Action::Select => nav::toggle_collapse(view).map(str::to_owned),
        Action::CollapseAll => {
            nav::collapse_all(view);
            None
        }
        Action::ExpandAll => {
            nav::expand_all(view);
            None
        }
        Action::ToggleSort => Some(nav::toggle_sort(view).to_owned()),
        Action::NextNew => nav::new_step(view, true).map(str::to_owned),
        Action::PrevNew => nav::new_step(view, false).map(str::to_owned),
        Action::Search => {
            app.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Search)));
            return Vec::new();
        }
        Action::JumpToId => {
            app.modal = Some(Modal::Prompt(Prompt::new(PromptKind::JumpToId)));
            return Vec::new();
        }
        Action::Links => {
            let has_links = selected_links(view).is_some_and(|l| !l.is_empty());
            if has_links {
                app.modal = Some(Modal::Overlay(Overlay::Links { selected: 0 }));
                return Vec::new();
            }
            Some("this comment has no links".into())
        }
        _ => None,
    };
    viewport::ensure_visible(view, frame);
    if note.is_some() {
        app.message = note;
    }
    Vec::new()
}

/// Scroll a page or half a page.
fn page(view: &mut ThreadView, frame: Frame, action: Action) {
    let page = frame.height as isize;
    let lines = match action {
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => page / 2,
        _ => -(page / 2),
    };
    viewport::move_by_lines(view, frame, lines);
}

fn step(view: &mut ThreadView, delta: isize) -> Option<String> {
    nav::move_rows(view, delta);
    None
}

/// Links of the selected comment.
pub fn selected_links(view: &ThreadView) -> Option<Vec<String>> {
    let index = view.selected_index()?;
    Some(crate::render::Doc::parse(&view.thread.comment(index).content_html).into_links())
}

fn search_step(view: &mut ThreadView, forward: bool) -> Option<String> {
    let order = view.preorder_positions();
    let position = |id| {
        let at = *order.get(view.thread.index_of(id)?)?;
        Some(at as usize)
    };
    let mut search = view.search.take()?;
    let id = search.step(position, view.selected, forward);
    let note = format!(
        "match {}/{} for {:?}",
        search.current + 1,
        search.matches.len(),
        search.query
    );
    view.search = Some(search);
    nav::jump_to(view, id?);
    Some(note)
}

/// Run a search typed at the `/` prompt; jump to the first match from the selection on.
pub fn search(app: &mut App, query: String) {
    let frame = tree_frame(app);
    let Some(view) = app.thread.as_mut() else {
        return;
    };
    if query.is_empty() {
        view.search = None;
        return;
    }
    let found = Search::run(view, query, view.selected);
    if found.matches.is_empty() {
        app.message = Some(format!(
            "no match for {:?}",
            crate::render::sanitize_line(&found.query)
        ));
        view.search = None;
        return;
    }
    let on_match = found.current_id() == view.selected;
    let note = format!(
        "match {}/{} for {:?}",
        found.current + 1,
        found.matches.len(),
        found.query
    );
    view.search = Some(found);
    let note = if on_match {
        Some(note)
    } else {
        search_step(view, true)
    };
    viewport::ensure_visible(view, frame);
    app.message = note;
}

/// Jump to the comment whose id was typed at the `#` prompt.
pub fn jump(app: &mut App, text: &str) {
    let frame = tree_frame(app);
    let Some(view) = app.thread.as_mut() else {
        return;
    };
    match text.parse::<u64>() {
        Ok(id) if nav::jump_to(view, id) => viewport::ensure_visible(view, frame),
        Ok(id) => app.message = Some(format!("no comment #{id} in this thread")),
        Err(_) => app.message = Some("type a comment id (digits)".into()),
    }
}

fn back(app: &mut App) -> Vec<Effect> {
    if let Some(view) = app.thread.as_mut()
        && view.search.is_some()
    {
        view.search = None;
        app.message = Some("search cleared".into());
        return Vec::new();
    }
    if app.queue.is_some() {
        return crate::app::queue::back_from_thread(app);
    }
    if app.posts.is_some() {
        // Leave the thread; reports of its load are dropped from now on.
        app.generation += 1;
        app.progress = Progress::default();
        app.error = None;
        app.thread = None;
        app.screen = Screen::Posts;
        return Vec::new();
    }
    crate::app::compose::unsaved::quit(app)
}

fn copy_permalink(app: &mut App) -> Vec<Effect> {
    let link = selected_comment_link(app);
    match link {
        Some(link) => {
            // OSC 52 asks the terminal; whether it reaches a clipboard is the terminal's call.
            app.message = Some("permalink sent to the terminal's clipboard (OSC 52)".into());
            vec![Effect::Copy(link)]
        }
        None => {
            app.message = Some("this comment has no permalink".into());
            Vec::new()
        }
    }
}

fn open_in_browser(app: &mut App) -> Vec<Effect> {
    match selected_comment_link(app).and_then(|l| web_url(&l)) {
        Some(url) => {
            app.message = Some("opening in the browser…".into());
            vec![Effect::Open(url)]
        }
        None => {
            app.message = Some("this comment has no web link".into());
            Vec::new()
        }
    }
}

fn selected_comment_link(app: &App) -> Option<String> {
    let view = app.thread.as_ref()?;
    let link = &view.thread.comment(view.selected_index()?).link;
    (!link.is_empty()).then(|| crate::render::shown_url(link))
}

/// `s` if it is an http(s) URL (nothing else is handed to the browser), as it is shown:
/// host in punycode, no user-info ([`crate::render::link_target`]).
pub fn web_url(s: &str) -> Option<String> {
    crate::render::link_target(s).filter(|u| !u.starts_with("mailto:"))
}
