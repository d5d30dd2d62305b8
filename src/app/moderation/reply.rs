//! Replying as a moderator, the way WordPress's admin screen does it: `r` in the queue opens
//! the comment's thread and the composer on that comment once it has arrived, and a reply to a
//! held comment approves it once the reply is posted (through the usual moderation path, so
//! the badge and the counts change at once and roll back if the site refuses).

use crate::app::App;
use crate::app::compose;
use crate::app::moderation::state::{ApproveParent, ReplyOnArrival, Running, Step};
use crate::app::moderation::{self, ModEffect};
use crate::app::msg::Effect;
use crate::app::queue;
use crate::app::thread::nav;
use crate::identity::Kind;
use crate::model::moderation::{ModAction, Status};

/// `r` in the queue: the selected comment in its thread, with the composer open on it as soon
/// as it has arrived.
pub fn from_queue(app: &mut App) -> Vec<Effect> {
    let id = app
        .queue
        .as_ref()
        .and_then(|q| q.rows.get(q.selected))
        .map(|r| r.id);
    let effects = queue::open_thread(app);
    if let Some(id) = id.filter(|_| !effects.is_empty()) {
        app.moderation.reply_on_arrival = Some(ReplyOnArrival {
            generation: app.generation,
            id,
        });
        app.message = Some(format!("opening #{id} in its thread to reply…"));
    }
    effects
}

/// Comments of the thread arrived (`done`: all of them): open the composer waited for once
/// its comment is there, or say it never came.
pub fn arrived(app: &mut App, done: bool) -> Vec<Effect> {
    let Some(wait) = app.moderation.reply_on_arrival else {
        return Vec::new();
    };
    if wait.generation != app.generation {
        app.moderation.reply_on_arrival = None;
        return Vec::new();
    }
    let found = app
        .thread
        .as_mut()
        .is_some_and(|view| nav::jump_to(view, wait.id));
    if !found {
        if done {
            app.moderation.reply_on_arrival = None;
            app.message = Some(format!(
                "comment #{} is not in its thread: nothing to reply to",
                wait.id
            ));
        }
        return Vec::new();
    }
    app.moderation.reply_on_arrival = None;
    if app.composer().is_some() {
        return Vec::new();
    }
    compose::open(app, true)
}

/// While a posted reply's composer is still open: the held comment it answers, if approving
/// it is for this identity to try. A reply sent as another identity (or as a guest, or by
/// one the site already said may not moderate) approves nothing.
pub fn held_parent(app: &App) -> Option<u64> {
    let c = app.composer()?;
    let parent = c.parent.as_ref()?.id;
    let me = app.posting.identity.as_ref()?;
    let as_me = c.identity().is_some_and(|i| i.name == me.name);
    if me.kind == Kind::Guest || !as_me || app.moderation.can_moderate == Some(false) {
        return None;
    }
    let view = app.thread.as_ref()?;
    let status = &view.thread.comment(view.thread.index_of(parent)?).status;
    (Status::parse(status) == Some(Status::Hold)).then_some(parent)
}

/// The reply `reply` to the held comment `parent` was posted: approve `parent`, first asking
/// the site whether the identity may moderate when that is not known yet.
pub fn approve_parent(app: &mut App, reply: u64, parent: u64) -> Vec<Effect> {
    match app.moderation.can_moderate {
        Some(true) => approve(app, reply, parent),
        Some(false) => Vec::new(),
        None => {
            let Some(api) = app.thread.as_ref().and_then(|v| v.api.clone()) else {
                return Vec::new();
            };
            let name = app
                .posting
                .identity
                .as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_default();
            app.message = Some(format!(
                "reply #{reply} posted; checking whether {name} may approve #{parent}…"
            ));
            app.moderation.identity = Some(name);
            app.moderation.approve_after_check = Some(ApproveParent { reply, parent });
            vec![Effect::Moderation(ModEffect::Capability { api })]
        }
    }
}

fn approve(app: &mut App, reply: u64, parent: u64) -> Vec<Effect> {
    let batch = app.moderation.next_batch;
    let step = Step {
        id: parent,
        before: Status::Hold,
    };
    let effects = moderation::start(app, ModAction::Approve, vec![step], false);
    if let Some(run) = app.moderation.running.get_mut(&batch) {
        run.reply = Some(reply);
        app.message = Some(format!("reply #{reply} posted; approving #{parent}…"));
    }
    effects
}

/// The site said whether the identity may moderate: approve the comment a reply waits on.
pub fn checked(app: &mut App, result: &Result<bool, String>) -> Vec<Effect> {
    let Some(wait) = app.moderation.approve_after_check.take() else {
        return Vec::new();
    };
    match result {
        Ok(true) => approve(app, wait.reply, wait.parent),
        Ok(false) => {
            app.message = Some(format!("reply #{} posted", wait.reply));
            Vec::new()
        }
        Err(why) => {
            app.message = Some(format!(
                "reply #{} posted; #{} is still held: cannot tell whether moderating is allowed: {why}",
                wait.reply, wait.parent
            ));
            Vec::new()
        }
    }
}

/// `reply #99 posted; #12 approved`, or why the approval failed (the comment is held again).
pub fn summary(run: &Running, reply: u64) -> String {
    match (run.done.first(), run.failed.first()) {
        (_, Some((id, why))) => {
            format!("reply #{reply} posted; approving #{id} failed: {why} (still held)")
        }
        (Some(step), None) => format!("reply #{reply} posted; #{} approved", step.id),
        (None, None) => format!("reply #{reply} posted"),
    }
}
