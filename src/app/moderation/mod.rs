//! Moderating from the keyboard, in the queue and on the selected comment of a thread: who may,
//! the optimistic change and its rollback, bulk results, and undo for the session.
//!
//! An action changes the shown status at once and asks the worker to tell the site; each
//! answer either confirms (with the status the site reports) or rolls the comment back with
//! a message. A batch (one key on one comment or on all marked ones) becomes one undo step.

pub mod edit;
pub mod reply;
pub mod state;
pub mod thread;
pub mod undo;

use crate::app::msg::Effect;
use crate::app::queue;
use crate::app::{App, Screen};
use crate::keys::action::Action;
use crate::model::ApiRoot;
use crate::model::moderation::{ModAction, Outcome, Status};

pub use crate::app::moderation::state::{
    ApproveParent, Confirm, Done, EditBox, Moderation, Reading, ReplyOnArrival, Running, Step,
};
pub use crate::app::moderation::undo::{ask_delete, confirm_key, current_status, describe, undo};
pub use crate::app::msg::moderation::{ModEffect, ModMsg, QueueOpen};

/// True when the moderation keys are shown greyed: the site said no, or there is no
/// account identity to ask with.
pub fn keys_off(app: &App) -> bool {
    match app.moderation.can_moderate {
        Some(can) => !can,
        None => app
            .posting
            .identity
            .as_ref()
            .is_none_or(|i| i.kind == crate::identity::Kind::Guest),
    }
}

/// Apply a moderation key to the queue's marked or selected comments, or to the selected
/// comment of a thread.
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    if app.moderation.can_moderate.is_none()
        && let Some(check) = check_first(app, action)
    {
        return check;
    }
    if !app.moderation.allowed() {
        app.message = Some(app.moderation.refusal());
        return Vec::new();
    }
    let act = match action {
        Action::Approve => ModAction::Approve,
        Action::Unapprove => ModAction::Hold,
        Action::Spam => ModAction::Spam,
        Action::NotSpam => ModAction::Unspam,
        Action::Trash => ModAction::Trash,
        Action::Restore => ModAction::Untrash,
        Action::DeletePermanently => return ask_delete(app),
        Action::Undo => return undo(app),
        Action::EditComment => return crate::app::moderation::edit::open(app),
        _ => return Vec::new(),
    };
    let targets = targets(app);
    start(app, act, targets, false)
}

/// In a thread read with an account identity, ask the site first whether it may moderate.
fn check_first(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let identity = app.posting.identity.as_ref()?;
    if identity.kind == crate::identity::Kind::Guest || app.screen != Screen::Thread {
        return None;
    }
    let api = app.thread.as_ref()?.api.clone()?;
    let name = identity.name.clone();
    app.message = Some(format!("checking whether {name} may moderate here…"));
    app.moderation.identity = Some(name);
    app.moderation.after_check = Some(action);
    Some(vec![Effect::Moderation(ModEffect::Capability { api })])
}

/// The site said whether the identity may moderate: run the key that asked (or approve the
/// held comment a reply answered), or say why not.
fn capability(app: &mut App, result: Result<bool, String>) -> Vec<Effect> {
    if let Ok(can) = result {
        app.moderation.can_moderate = Some(can);
    }
    let mut effects = crate::app::moderation::reply::checked(app, &result);
    let Some(pending) = app.moderation.after_check.take() else {
        return effects;
    };
    match result {
        Ok(true) => effects.extend(action(app, pending)),
        Ok(false) => app.message = Some(app.moderation.refusal()),
        Err(why) => {
            app.message = Some(format!("cannot tell whether moderating is allowed: {why}"));
        }
    }
    effects
}

/// The comments an action applies to: the marked ones, else the selected one.
pub fn targets(app: &App) -> Vec<Step> {
    match app.screen {
        Screen::Queue => app.queue.as_ref().map(queue::targets).unwrap_or_default(),
        _ => selected_in_thread(app).into_iter().collect(),
    }
}

fn selected_in_thread(app: &App) -> Option<Step> {
    let view = app.thread.as_ref()?;
    let c = view.thread.comment(view.selected_index()?);
    Some(Step {
        id: c.id,
        before: Status::parse(&c.status)?,
    })
}

/// The API root moderation talks to.
fn api(app: &App) -> Option<ApiRoot> {
    match app.screen {
        Screen::Queue => app.queue.as_ref().map(|q| q.api.clone()),
        _ => app.thread.as_ref().and_then(|v| v.api.clone()),
    }
}

/// Start a batch: change what is shown at once, and send one request per comment.
pub fn start(app: &mut App, act: ModAction, steps: Vec<Step>, undoing: bool) -> Vec<Effect> {
    let Some(api) = api(app) else {
        app.message = Some("this thread was not loaded from a site: nothing to moderate".into());
        return Vec::new();
    };
    if steps.is_empty() {
        app.message = Some("no comment selected".into());
        return Vec::new();
    }
    let (todo, skipped): (Vec<Step>, Vec<Step>) =
        steps.into_iter().partition(|s| !act.is_noop(s.before));
    if todo.is_empty() {
        app.message = Some(format!("already {}: nothing to do", act.done()));
        return Vec::new();
    }
    if let Some(id) = todo.iter().map(|s| s.id).find(|id| in_flight(app, *id)) {
        // A second action would be sent with a status the site may never reach, and the
        // first one's rollback would overwrite it: one change per comment at a time.
        app.message = Some(still_changing(id));
        return Vec::new();
    }
    let batch = app.moderation.next_batch;
    app.moderation.next_batch += 1;
    let mut effects = Vec::new();
    for step in &todo {
        show(app, step.id, Some(step.before), act.expected(None));
        effects.push(Effect::Moderation(ModEffect::Apply {
            batch,
            api: api.clone(),
            id: step.id,
            action: act,
            current: step.before,
        }));
    }
    app.moderation.running.insert(
        batch,
        Running {
            action: act,
            undoing,
            waiting: todo,
            done: Vec::new(),
            failed: Vec::new(),
            skipped: skipped.len(),
            reply: None,
        },
    );
    if let Some(q) = app.queue.as_mut() {
        q.clear_marks();
    }
    if app.screen == Screen::Queue {
        queue::after_action(app);
    }
    effects
}

/// True while a batch still waits for the site's answer about comment `id`.
pub fn in_flight(app: &App, id: u64) -> bool {
    app.moderation
        .running
        .values()
        .any(|r| r.waiting.iter().any(|s| s.id == id))
}

/// Why a key on a comment with an action in flight does nothing.
pub fn still_changing(id: u64) -> String {
    format!("#{id} is still being changed; try again in a moment")
}

/// Show comment `id` as `to` (`None`: deleted) where it is on screen, and move the counts
/// from `from` (`None`: was deleted). A thread drops a deleted comment only once the site
/// confirmed it ([`applied`]).
pub fn show(app: &mut App, id: u64, from: Option<Status>, to: Option<Status>) {
    if let Some(q) = app.queue.as_mut() {
        q.set_status(id, from, to);
    }
    if let Some(view) = app.thread.as_mut() {
        crate::app::moderation::thread::set_status(view, id, to);
    }
}

/// A step of a batch answered: confirm or roll back; report when the batch is complete.
pub fn applied(app: &mut App, batch: u64, id: u64, result: Result<Outcome, String>) -> Vec<Effect> {
    let Some(run) = app.moderation.running.get_mut(&batch) else {
        return Vec::new();
    };
    let Some(pos) = run.waiting.iter().position(|s| s.id == id) else {
        return Vec::new();
    };
    let step = run.waiting.remove(pos);
    let expected = run.action.expected(None);
    let mut effects = Vec::new();
    match result {
        Ok(outcome) => {
            run.done.push(step);
            if outcome.status != expected {
                // The site knows better (unspam restores the status before spam).
                show(app, id, expected, outcome.status);
            }
            if outcome.status.is_none()
                && let Some(view) = app.thread.as_mut()
            {
                crate::app::moderation::thread::remove(view, id);
            }
            effects.extend(queue::confirmed(app, id, outcome.status));
        }
        Err(why) => {
            run.failed.push((id, why));
            show(app, id, expected, Some(step.before));
        }
    }
    let finished = finish_if_done(app, batch);
    if finished.iter().any(is_page_load) {
        // The undo's reload asked for the page again, and only its answer will be taken.
        effects.retain(|e| !is_page_load(e));
    }
    effects.extend(finished);
    effects
}

fn is_page_load(e: &Effect) -> bool {
    matches!(e, Effect::Moderation(ModEffect::LoadQueue { .. }))
}

fn finish_if_done(app: &mut App, batch: u64) -> Vec<Effect> {
    let complete = app
        .moderation
        .running
        .get(&batch)
        .is_some_and(|r| r.waiting.is_empty());
    if !complete {
        return Vec::new();
    }
    let Some(run) = app.moderation.running.remove(&batch) else {
        return Vec::new();
    };
    app.message = Some(match run.reply {
        Some(reply) => crate::app::moderation::reply::summary(&run, reply),
        None => summary(&run),
    });
    if !run.undoing && !run.done.is_empty() {
        app.moderation.undo.push(Done {
            action: run.action,
            steps: run.done.clone(),
        });
    }
    // An undone comment the page no longer shows comes back where it belongs with the page.
    let off_page = |q: &queue::Queue| run.done.iter().any(|s| q.row(s.id).is_none());
    if run.undoing && app.screen == Screen::Queue && app.queue.as_ref().is_some_and(off_page) {
        return queue::reload(app);
    }
    // Counts were moved locally; the site's own numbers replace them.
    match app.queue.as_ref() {
        Some(q) => vec![Effect::Moderation(ModEffect::Counts { api: q.api.clone() })],
        None => Vec::new(),
    }
}

/// `5 approved, 1 failed: #12 not allowed…` (or `#12 approved`).
pub fn summary(run: &Running) -> String {
    let prefix = if run.undoing { "undone: " } else { "" };
    let mut parts = Vec::new();
    match run.done.as_slice() {
        [] => {}
        [one] if run.failed.is_empty() => parts.push(format!("#{} {}", one.id, run.action.done())),
        many => parts.push(format!("{} {}", many.len(), run.action.done())),
    }
    if run.skipped > 0 {
        parts.push(format!("{} already so", run.skipped));
    }
    if let Some((id, why)) = run.failed.first() {
        parts.push(format!("{} failed: #{id} {why}", run.failed.len()));
    }
    format!("{prefix}{}", parts.join(", "))
}

/// Route a worker report.
pub fn on_msg(app: &mut App, msg: ModMsg) -> Vec<Effect> {
    match msg {
        ModMsg::QueueOpened { generation, result } => queue::opened(app, generation, result),
        ModMsg::QueuePage { generation, result } => {
            queue::page_loaded(app, generation, result);
            Vec::new()
        }
        ModMsg::Counts(Ok(counts)) => {
            if let Some(q) = app.queue.as_mut() {
                q.counts = counts;
            }
            Vec::new()
        }
        ModMsg::Counts(Err(_)) => Vec::new(),
        ModMsg::Capability(result) => capability(app, result),
        ModMsg::Applied { batch, id, result } => applied(app, batch, id, result),
        ModMsg::RawRead { id, result } => {
            crate::app::moderation::edit::raw_read(app, id, result);
            Vec::new()
        }
        ModMsg::Edited { id, result } => {
            crate::app::moderation::edit::edited(app, id, result);
            Vec::new()
        }
    }
}
