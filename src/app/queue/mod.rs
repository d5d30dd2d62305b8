//! The moderation queue screen: a site's comments of one status, a page at a time, with
//! marks for bulk actions. Moderating itself lives in [`moderation`](crate::app::moderation).

pub mod state;

use std::collections::BTreeSet;

use serde_json::json;

use crate::app::moderation::state::Step;
use crate::app::msg::moderation::{ModEffect, QueueOpen};
use crate::app::msg::{Effect, PostTarget, ThreadSource};
use crate::app::popup::prompt::{Prompt, PromptKind};
use crate::app::{App, Modal, Screen};
use crate::keys::action::Action;
use crate::model::Post;
use crate::model::moderation::Status;
use crate::model::queue::{Filter, QueuePage, QueueRow};

pub use crate::app::queue::state::{QUEUE_ROWS, Queue};

/// What an action applies to: marked rows (and an open visual range), else the selected row.
pub fn targets(q: &Queue) -> Vec<Step> {
    let step = |r: &QueueRow| Step {
        id: r.id,
        before: r.status,
    };
    let live = |r: &&QueueRow| !q.deleted.contains(&r.id);
    let marked: Vec<Step> = (0..q.rows.len())
        .filter(|i| q.is_marked(*i))
        .filter_map(|i| q.rows.get(i))
        .filter(live)
        .map(step)
        .collect();
    if !marked.is_empty() {
        return marked;
    }
    q.rows
        .get(q.selected)
        .filter(live)
        .map(step)
        .into_iter()
        .collect()
}

/// Open the queue of `site` as `identity`.
pub fn start(app: &mut App, site: String, identity: String) -> Vec<Effect> {
    app.screen = Screen::Queue;
    app.moderation.identity = Some(identity);
    app.generation += 1;
    app.progress.active = true;
    vec![Effect::Moderation(ModEffect::OpenQueue {
        site,
        generation: app.generation,
    })]
}

/// The queue's first answer arrived.
pub fn opened(
    app: &mut App,
    generation: u64,
    result: Result<Box<QueueOpen>, String>,
) -> Vec<Effect> {
    if generation != app.generation {
        return Vec::new();
    }
    app.progress.active = false;
    match result {
        Ok(open) => {
            let open = *open;
            app.moderation.can_moderate = Some(open.can_moderate);
            if !open.can_moderate {
                app.error = Some(app.moderation.refusal());
            }
            app.queue = Some(Queue::new(
                open.site,
                open.api,
                open.counts,
                Filter::Pending,
                open.page,
            ));
        }
        Err(e) => app.error = Some(e),
    }
    Vec::new()
}

/// A page arrived.
pub fn page_loaded(app: &mut App, generation: u64, result: Result<QueuePage, String>) {
    if generation != app.generation {
        return;
    }
    app.progress.active = false;
    match (result, app.queue.as_mut()) {
        (Ok(page), Some(q)) => {
            if page.rows.is_empty() {
                app.message = Some(match &q.search {
                    Some(s) => format!(
                        "no {} comments match {s:?}",
                        q.filter.label().to_lowercase()
                    ),
                    None => format!("no {} comments", q.filter.label().to_lowercase()),
                });
            }
            q.replace_page(page);
        }
        (Err(e), _) => app.error = Some(e),
        (Ok(_), None) => {}
    }
}

/// Ask for `page` of `filter` (with the queue's search).
pub fn request(app: &mut App, filter: Filter, page: u32) -> Vec<Effect> {
    // Actions still in flight may land after the page is read: their statuses stay.
    let in_flight: Vec<u64> = app
        .moderation
        .running
        .values()
        .flat_map(|r| r.waiting.iter().map(|s| s.id))
        .collect();
    let Some(q) = app.queue.as_mut() else {
        return Vec::new();
    };
    if q.filter != filter {
        q.selected = 0;
        q.top = 0;
        q.clear_marks();
    }
    q.filter = filter;
    q.changed.retain(|id, _| in_flight.contains(id));
    app.generation += 1;
    app.progress.active = true;
    app.error = None;
    vec![Effect::Moderation(ModEffect::LoadQueue {
        generation: app.generation,
        api: q.api.clone(),
        filter,
        page,
        search: q.search.clone(),
    })]
}

/// Reload the page shown and the counts (after coming back from a thread, or `R`).
pub fn reload(app: &mut App) -> Vec<Effect> {
    let Some(q) = app.queue.as_ref() else {
        return Vec::new();
    };
    let (filter, page, api) = (q.filter, q.page, q.api.clone());
    let mut effects = request(app, filter, page);
    effects.push(Effect::Moderation(ModEffect::Counts { api }));
    effects
}

/// The site confirmed comment `id` as `status`: take it off the page if the filter no longer
/// shows it, and when that empties the page while others remain, load one.
pub fn confirmed(app: &mut App, id: u64, status: Option<Status>) -> Vec<Effect> {
    let rows = app.areas().main.height as usize;
    let on_screen = app.screen == Screen::Queue;
    let Some(q) = app.queue.as_mut() else {
        return Vec::new();
    };
    if !q.confirmed(id, status, rows) || !q.rows.is_empty() || q.total_pages <= 1 || !on_screen {
        return Vec::new();
    }
    // The pages after this one moved up by what left it: the same number, unless it was last.
    let page = if q.page < q.total_pages {
        q.page
    } else {
        q.page - 1
    };
    let filter = q.filter;
    request(app, filter, page.max(1))
}

/// After an action on the selection: step to the next row, as the admin screen's flow does.
pub fn after_action(app: &mut App) {
    let rows = app.areas().main.height as usize;
    if let Some(q) = app.queue.as_mut() {
        q.selected = (q.selected + 1).min(q.rows.len().saturating_sub(1));
        q.keep_visible(rows);
    }
}

/// A search typed at the `/` prompt (empty: clear it).
pub fn search(app: &mut App, text: String) -> Vec<Effect> {
    let Some(q) = app.queue.as_mut() else {
        return Vec::new();
    };
    q.search = (!text.is_empty()).then_some(text);
    q.selected = 0;
    q.top = 0;
    let filter = q.filter;
    request(app, filter, 1)
}

/// A bindable action on the queue screen (moderation keys are handled before this).
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let rows = app.areas().main.height as usize;
    let Some(q) = app.queue.as_mut() else {
        return match action {
            Action::Back => quit(app),
            _ => Vec::new(),
        };
    };
    let last = q.rows.len().saturating_sub(1);
    let filter_at = |i: usize| Filter::ALL[i % Filter::ALL.len()];
    let filter_pos = Filter::ALL.iter().position(|f| *f == q.filter).unwrap_or(0);
    let (page, total, filter) = (q.page, q.total_pages, q.filter);
    match action {
        Action::MoveDown => q.selected = (q.selected + 1).min(last),
        Action::MoveUp => q.selected = q.selected.saturating_sub(1),
        Action::First => q.selected = 0,
        Action::Last => q.selected = last,
        Action::HalfPageDown => q.selected = (q.selected + rows / QUEUE_ROWS / 2).min(last),
        Action::HalfPageUp => q.selected = q.selected.saturating_sub(rows / QUEUE_ROWS / 2),
        Action::PageDown if page < total => return request(app, filter, page + 1),
        Action::PageUp if page > 1 => return request(app, filter, page - 1),
        Action::PageDown | Action::PageUp => {
            app.message = Some(format!("page {page} of {total}"));
        }
        Action::NextFilter => return request(app, filter_at(filter_pos + 1), 1),
        Action::PrevFilter => return request(app, filter_at(filter_pos + 4), 1),
        Action::FilterAll => return request(app, Filter::All, 1),
        Action::FilterPending => return request(app, Filter::Pending, 1),
        Action::FilterApproved => return request(app, Filter::Approved, 1),
        Action::FilterSpam => return request(app, Filter::Spam, 1),
        Action::FilterTrash => return request(app, Filter::Trash, 1),
        Action::ToggleMark => {
            if let Some(id) = q.rows.get(q.selected).map(|r| r.id)
                && !q.marked.remove(&id)
            {
                q.marked.insert(id);
            }
            q.selected = (q.selected + 1).min(last);
        }
        Action::VisualMark => match q.visual_range() {
            Some(range) => {
                let ids: Vec<u64> = range.filter_map(|i| q.rows.get(i).map(|r| r.id)).collect();
                q.marked.extend(ids);
                q.visual = None;
            }
            None => q.visual = Some(q.selected),
        },
        Action::MarkAll => {
            let all: BTreeSet<u64> = q.rows.iter().map(|r| r.id).collect();
            q.marked = if q.marked == all {
                BTreeSet::new()
            } else {
                all
            };
            q.visual = None;
        }
        Action::Search => {
            app.modal = Some(Modal::Prompt(Prompt::new(PromptKind::QueueSearch)));
            return Vec::new();
        }
        Action::Refresh => return reload(app),
        Action::Select => return open_thread(app),
        Action::Back if q.visual.is_some() || !q.marked.is_empty() => q.clear_marks(),
        Action::Back if q.search.is_some() => return search(app, String::new()),
        Action::Back => return quit(app),
        _ => {}
    }
    q.keep_visible(rows);
    Vec::new()
}

fn quit(app: &mut App) -> Vec<Effect> {
    app.quit = true;
    vec![Effect::Quit]
}

/// Enter: the selected comment in its thread (Back returns here).
pub fn open_thread(app: &mut App) -> Vec<Effect> {
    let Some(q) = app.queue.as_ref() else {
        return Vec::new();
    };
    let Some(row) = q.rows.get(q.selected) else {
        return Vec::new();
    };
    let post = Post::from_json(json!({
        "id": row.post,
        "title": {"rendered": row.post_title},
        "link": row.link.split('#').next().unwrap_or_default(),
    }));
    let Ok(post) = post else {
        return Vec::new();
    };
    let source = ThreadSource::Post(Box::new(PostTarget {
        api: q.api.clone(),
        site: q.site.clone(),
        focus: Some(row.id),
        source_url: post.link.clone(),
        post,
    }));
    app.screen = Screen::Thread;
    app.thread = None;
    app.load(source)
}

/// Back from a thread opened from the queue: the queue again, fresh from the site.
pub fn back_from_thread(app: &mut App) -> Vec<Effect> {
    app.generation += 1;
    app.progress = crate::app::Progress::default();
    app.error = None;
    app.thread = None;
    app.screen = Screen::Queue;
    reload(app)
}
