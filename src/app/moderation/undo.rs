//! Undo (`z`) and the permanent delete's confirmation (`D`, then `y`).

use crate::app::moderation::{Confirm, Step, in_flight, start, still_changing, targets};
use crate::app::msg::Effect;
use crate::app::{App, Modal, Screen};
use crate::model::moderation::{ModAction, Status};

/// `z`: undo the last finished batch.
pub fn undo(app: &mut App) -> Vec<Effect> {
    let Some(last) = app.moderation.undo.last() else {
        app.message = Some("nothing to undo".into());
        return Vec::new();
    };
    if let Some(step) = last.steps.iter().find(|s| in_flight(app, s.id)) {
        // Keep the step: it can be undone once the site answered.
        app.message = Some(still_changing(step.id));
        return Vec::new();
    }
    let Some(last) = app.moderation.undo.pop() else {
        return Vec::new();
    };
    if last.action == ModAction::Delete {
        app.message = Some("a permanent delete cannot be undone".into());
        return Vec::new();
    }
    // Each comment goes back its own way (approve undone is hold for one, spam for another).
    let mut effects = Vec::new();
    let mut by_action: Vec<(ModAction, Vec<Step>)> = Vec::new();
    for step in last.steps {
        let Some(back) = last.action.undo(step.before) else {
            continue;
        };
        let Some(now) = current_status(app, step.id) else {
            continue;
        };
        let undo_step = Step {
            id: step.id,
            before: now,
        };
        match by_action.iter_mut().find(|(a, _)| *a == back) {
            Some((_, v)) => v.push(undo_step),
            None => by_action.push((back, vec![undo_step])),
        }
    }
    for (back, steps) in by_action {
        effects.extend(start(app, back, steps, true));
    }
    effects
}

/// The status comment `id` is shown with (queue first, then the thread, then comments the
/// queue took off its page).
pub fn current_status(app: &App, id: u64) -> Option<Status> {
    if let Some(row) = app.queue.as_ref().and_then(|q| q.row(id)) {
        return Some(row.status);
    }
    let in_thread = app
        .thread
        .as_ref()
        .and_then(|view| Status::parse(&view.thread.comment(view.thread.index_of(id)?).status));
    // A comment taken off the queue's page keeps the status the site confirmed.
    in_thread.or_else(|| app.queue.as_ref()?.gone.get(&id).copied())
}

/// `D`: name what will be deleted and wait for `y`.
pub fn ask_delete(app: &mut App) -> Vec<Effect> {
    let steps = targets(app);
    if steps.is_empty() {
        app.message = Some("no comment selected".into());
        return Vec::new();
    }
    let targets = steps.iter().map(|s| (s.id, describe(app, s.id))).collect();
    app.modal = Some(Modal::Confirm(Confirm { targets }));
    Vec::new()
}

/// `#12 by Ada: first words` for the confirmation.
pub fn describe(app: &App, id: u64) -> String {
    if let Some(row) = app
        .queue
        .as_ref()
        .and_then(|q| q.rows.iter().find(|r| r.id == id))
        && app.screen == Screen::Queue
    {
        return format!("#{id} by {}: {}", row.author, row.excerpt);
    }
    crate::app::moderation::thread::describe(app, id).unwrap_or_else(|| format!("#{id}"))
}

/// A key while the delete confirmation is up: `y` deletes, anything else cancels.
pub fn confirm_key(app: &mut App, yes: bool) -> Vec<Effect> {
    let Some(confirm) = app.take_confirm() else {
        return Vec::new();
    };
    if !yes {
        app.message = Some("nothing deleted".into());
        return Vec::new();
    }
    let steps: Vec<Step> = targets(app)
        .into_iter()
        .filter(|s| confirm.targets.iter().any(|(id, _)| *id == s.id))
        .collect();
    start(app, ModAction::Delete, steps, false)
}
