//! Reports from the worker about a thread load: the post, pages of comments as they arrive,
//! the end, or a failure. A refresh streams into the open thread instead of replacing it.

use std::collections::HashSet;

use crate::app::msg::{Effect, Opened, ThreadSource};
use crate::app::thread::ThreadView;
use crate::app::thread::viewport::ensure_visible;
use crate::app::{App, Screen};
use crate::model::PageEvent;

/// The post was found.
pub fn opened(app: &mut App, opened: Opened) {
    app.screen = Screen::Thread;
    let same_post = app
        .thread
        .as_ref()
        .is_some_and(|t| t.post.id == opened.post.id && t.site.api_root == opened.site.api_root);
    match app.thread.as_mut() {
        Some(view) if same_post => {
            // A refresh: what was loaded stays; comments not loaded before become new.
            if view.baseline.is_none() {
                view.baseline = Some(view.thread.comments().iter().map(|c| c.id).collect());
            }
            view.refreshing_from = Some(view.thread.len());
            view.refresh_seen = Some(HashSet::new());
            view.post = opened.post;
            view.site = opened.site;
            view.page_read = opened.page_read;
            if opened.api.is_some() {
                view.api = opened.api;
            }
        }
        _ => app.thread = Some(ThreadView::new(opened)),
    }
}

/// Pages of comments arrived: one tree update for all of them.
pub fn pages(app: &mut App, events: Vec<PageEvent>) {
    app.progress.pages_done += events.len() as u32;
    let frame = crate::app::tree_frame(app);
    let mut comments = Vec::new();
    for event in events {
        app.progress.total_pages = app.progress.total_pages.max(event.total_pages);
        let Some(view) = app.thread.as_mut() else {
            return;
        };
        if event.total_reported.is_some() {
            view.total_reported = event.total_reported;
        }
        if let Some(seen) = view.refresh_seen.as_mut() {
            seen.extend(event.comments.iter().map(|c| c.id));
        }
        comments.extend(event.comments);
    }
    let Some(view) = app.thread.as_mut() else {
        return;
    };
    view.merge(comments);
    ensure_visible(view, frame);
}

/// Every page arrived: remember what was seen.
pub fn done(app: &mut App) -> Vec<Effect> {
    app.progress.active = false;
    app.error = None;
    let Some(view) = app.thread.as_mut() else {
        return Vec::new();
    };
    if let Some(before) = view.refreshing_from.take() {
        // Every page arrived: what the site no longer sends is gone from it.
        let removed = match view.refresh_seen.take() {
            Some(seen) => view.retain(&seen),
            None => 0,
        };
        let added = (view.thread.len() + removed).saturating_sub(before);
        let mut message = match added {
            0 => "no new comments".to_owned(),
            1 => "1 new comment".to_owned(),
            n => format!("{n} new comments"),
        };
        if removed > 0 {
            message.push_str(&format!("; {removed} no longer on the site"));
        }
        app.message = Some(message);
    }
    if let Some(focus) = view.focus.take() {
        app.message = Some(format!("comment #{focus} is not in this thread"));
    }
    let Some(key) = view.seen_key.clone() else {
        return Vec::new();
    };
    let mut ids: HashSet<u64> = view.thread.comments().iter().map(|c| c.id).collect();
    if let Some(before) = &view.baseline {
        ids.extend(before);
    }
    let mut ids: Vec<u64> = ids.into_iter().collect();
    ids.sort_unstable();
    vec![Effect::SaveSeen { key, ids }]
}

/// The load failed; what arrived stays, with a banner.
pub fn failed(app: &mut App, message: String) {
    app.progress.active = false;
    app.message = None;
    if let Some(view) = app.thread.as_mut() {
        // A partial refresh removes nothing: missing pages are not missing comments.
        view.refreshing_from = None;
        view.refresh_seen = None;
    }
    let retry = app
        .config
        .keymap
        .hint(crate::keys::action::Action::Refresh)
        .map(|k| format!(" — press {k} to retry"))
        .unwrap_or_default();
    // Errors read "what happened (what to do) — where": the key goes before the place, so
    // a narrow banner cut short still shows it.
    let message = crate::render::sanitize_line(&message);
    app.error = Some(match message.rsplit_once(" — ") {
        Some((what, place)) => format!("{what}{retry} — {place}"),
        None => format!("{message}{retry}"),
    });
}

/// Fetch again: the open thread's post directly, or the original source.
pub fn refresh(app: &mut App) -> Vec<Effect> {
    if matches!(app.source, Some(ThreadSource::Demo)) && app.thread.is_some() {
        app.message = Some("the demo thread is built in: there is nothing to fetch".into());
        return Vec::new();
    }
    let source = app
        .thread
        .as_ref()
        .and_then(ThreadView::source)
        .or_else(|| match &app.source {
            // An archive or the demo: read it again.
            Some(s @ (ThreadSource::Demo | ThreadSource::Archive(_))) => Some(s.clone()),
            other => other.clone(),
        });
    match source {
        Some(source) => {
            app.message = Some("refreshing…".into());
            let effects = app.load(source);
            app.progress.active = true;
            effects
        }
        None => Vec::new(),
    }
}
