//! Keys inside the composer and the worker's answers about a reply. While the composer is
//! open every key is the composer's (the thread's bindings wait), so its keys are fixed
//! and listed in [`COMPOSER_KEYS`](crate::keys::tables::COMPOSER_KEYS) for the help overlay and its border.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::compose::text::{clean, quote};
use crate::app::compose::{Composer, Stage, draft_loaded};
use crate::app::msg::{Effect, Outgoing};
use crate::app::thread::nav;
use crate::app::thread::viewport;
use crate::app::tree_frame;
use crate::app::{App, Modal};
use crate::model::Comment;
use crate::present::ONLY_YOU_SEE_IT;
use crate::store::drafts::DraftKey;

/// The status bar while the composer is open. While editing, the composer's own border
/// lists the keys, so the bar says something else instead of repeating them.
/// `unsaved`: the draft is not on disk, so the bar does not say it is kept.
pub fn hints(c: &Composer, unsaved: bool) -> &'static str {
    match (c.stage, c.preview) {
        (Stage::Editing, false) if unsaved => {
            "the draft is NOT saved to disk: esc and quit ask before it is lost"
        }
        (Stage::Editing, false) => "the draft is saved as you type and kept when you close",
        (Stage::Editing, true) => "preview: drawn as the site will show it",
        (Stage::Confirm, _) => "y post · i another identity · n back to editing",
        (Stage::Sending, _) => "posting…",
    }
}

fn chord(key: &KeyEvent) -> (KeyCode, bool, bool) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let code = match key.code {
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    (code, ctrl, alt)
}

/// A key while the composer is open.
pub fn key(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Some(stage) = app.composer().map(|c| c.stage) else {
        return Vec::new();
    };
    match stage {
        Stage::Editing => editing(app, key),
        Stage::Confirm => confirming(app, key),
        Stage::Sending => Vec::new(),
    }
}

fn editing(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    // Esc on a draft that is not on disk asks first (compose::unsaved).
    let previewing = app.composer().is_some_and(|c| c.preview);
    if key.code == KeyCode::Esc && !previewing && super::unsaved::ask_close(app) {
        return Vec::new();
    }
    let Some(Modal::Composer(c)) = app.modal.as_mut() else {
        return Vec::new();
    };
    let (code, ctrl, alt) = chord(key);
    match (code, ctrl, alt) {
        (KeyCode::Esc, _, _) if c.preview => c.preview = false,
        (KeyCode::Esc, _, _) => {
            let kept = !c.text().trim().is_empty();
            app.close_composer();
            app.message = Some(if kept {
                "closed the composer; the draft is kept (reply again to go on)".into()
            } else {
                "closed the composer".into()
            });
        }
        (KeyCode::Char('s'), true, _) | (KeyCode::Enter, true, _) | (KeyCode::Enter, _, true) => {
            if c.text().trim().is_empty() {
                c.error = Some("the comment is empty".into());
            } else if c.api.is_none() {
                c.error = Some(
                    "this thread was not read from a site (demo or archive): there is nowhere to post it"
                        .into(),
                );
            } else if c.identity().is_none() {
                let why = super::state::no_identity(&c.site_name());
                c.error = Some(why.clone());
                app.message = Some(why);
            } else {
                c.error = None;
                c.stage = Stage::Confirm;
            }
        }
        (KeyCode::Char('p'), true, _) => c.preview = !c.preview,
        (KeyCode::Char('e'), true, _) => {
            return vec![Effect::EditExternally {
                key: c.key.clone(),
                text: c.text(),
            }];
        }
        (KeyCode::Char('q'), true, _) if !c.preview => {
            // Always an answer: the quote appears, or the composer and the status bar say
            // why there is none.
            let why = match &c.parent {
                Some(parent) if parent.plain.trim().is_empty() => format!(
                    "nothing to quote: {}'s comment has no text",
                    crate::render::sanitize_line(&parent.author)
                ),
                Some(parent) => {
                    let quoted = quote(&parent.plain);
                    c.editor.insert_str(quoted);
                    return changed(app);
                }
                None => "nothing to quote: this is a new comment, not a reply (r on a comment replies to it)".into(),
            };
            c.error = Some(why.clone());
            app.message = Some(why);
        }
        _ if c.preview => {}
        _ => {
            if c.editor.input(*key) {
                return changed(app);
            }
        }
    }
    Vec::new()
}

/// The text changed: keep it (in memory now, on disk through the worker).
fn changed(app: &mut App) -> Vec<Effect> {
    let Some(Modal::Composer(c)) = app.modal.as_mut() else {
        return Vec::new();
    };
    c.touched = true;
    c.error = None;
    // Typing on: the status bar goes back to the composer's key hints.
    app.message = None;
    let text = c.text();
    let key = c.key.clone();
    if text.trim().is_empty() {
        app.posting.drafts.remove(&key);
        app.posting.unsaved.remove(&key);
        vec![Effect::DeleteDraft { key }]
    } else {
        app.posting.drafts.insert(key.clone(), text.clone());
        vec![Effect::SaveDraft { key, body: text }]
    }
}

fn confirming(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let launch = app.posting.identity.as_ref().map(|i| i.name.clone());
    let Some(Modal::Composer(c)) = app.modal.as_mut() else {
        return Vec::new();
    };
    match chord(key).0 {
        KeyCode::Char('y' | 'Y') | KeyCode::Enter => {
            // Never anonymous (the send step is not reached without an identity).
            if c.identity().is_none() {
                let why = super::state::no_identity(&c.site_name());
                c.stage = Stage::Editing;
                c.error = Some(why.clone());
                app.message = Some(why);
                return Vec::new();
            }
            let launch_auth = c
                .identity()
                .is_some_and(|i| launch.as_deref() == Some(i.name.as_str()));
            // Only the identity started as had its secret read before the terminal was taken.
            if let Some(why) = c
                .identity()
                .filter(|_| !launch_auth)
                .and_then(crate::identity::reply::command_secret)
            {
                c.error = Some(why.clone());
                app.message = Some(why);
                return Vec::new();
            }
            let Some(api) = c.api.clone() else {
                c.stage = Stage::Editing;
                return Vec::new();
            };
            let Some(site_url) = c.site_url.clone() else {
                c.stage = Stage::Editing;
                return Vec::new();
            };
            c.stage = Stage::Sending;
            let text = c.text();
            app.message = Some(format!(
                "posting as {}…",
                crate::app::compose::text::identity_label(c.identity())
            ));
            vec![Effect::SendReply(Box::new(Outgoing {
                key: c.key.clone(),
                api,
                site_url,
                page: c.page.clone(),
                identity: c.identity().cloned(),
                launch_auth,
                post: c.post,
                parent: c.parent_id(),
                body: text.trim_end().to_owned(),
            }))]
        }
        KeyCode::Char('i' | 'I') | KeyCode::Tab => {
            c.choice = (c.choice + 1) % c.choices.len().max(1);
            c.error = None;
            Vec::new()
        }
        KeyCode::Char('n' | 'N') | KeyCode::Esc => {
            c.stage = Stage::Editing;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The worker's answer to a send. A refusal keeps the composer open with the reason and
/// the draft; a success puts the new comment in the thread, selected, and drops the draft.
pub fn sent(app: &mut App, key: DraftKey, outcome: Result<Box<Comment>, String>) -> Vec<Effect> {
    let matches = app
        .composer()
        .is_some_and(|c| c.key == key && c.stage == Stage::Sending);
    match outcome {
        Err(message) => {
            let message = crate::render::sanitize_line(&message);
            if let Some(c) = app.composer_mut().filter(|_| matches) {
                c.stage = Stage::Editing;
                c.error = Some(message.clone());
            }
            app.message = Some(if super::unsaved::is_unsaved(app, &key) {
                format!(
                    "not posted: {message} — the draft is only in memory (it could not be saved to disk)"
                )
            } else {
                format!("not posted: {message} — the draft is kept")
            });
            Vec::new()
        }
        Ok(comment) => {
            let id = comment.id;
            let held = matches!(comment.status.as_str(), "hold" | "unapproved");
            let only_you = comment.status == ONLY_YOU_SEE_IT;
            // As on the admin screen, a moderator's reply approves the held comment it answers.
            let approve =
                crate::app::moderation::reply::held_parent(app).filter(|_| matches && !held);
            if matches {
                app.close_composer();
            }
            app.posting.drafts.remove(&key);
            app.posting.unsaved.remove(&key);
            let frame = tree_frame(app);
            if let Some(view) = app.thread.as_mut() {
                view.merge(vec![*comment]);
                nav::jump_to(view, id);
                viewport::ensure_visible(view, frame);
            }
            app.message = Some(if only_you {
                format!("comment #{id} posted: awaiting moderation, only you see it")
            } else if held {
                format!("comment #{id} posted: awaiting moderation")
            } else {
                format!("comment #{id} posted")
            });
            let mut effects = vec![Effect::DeleteDraft { key }];
            if let Some(parent) = approve {
                effects.extend(crate::app::moderation::reply::approve_parent(
                    app, id, parent,
                ));
            }
            effects
        }
    }
}

/// `$EDITOR` came back: its text replaces the draft.
pub fn edited(app: &mut App, key: DraftKey, outcome: Result<String, String>) -> Vec<Effect> {
    match outcome {
        Err(message) => {
            app.message = Some(crate::render::sanitize_line(&message));
            Vec::new()
        }
        Ok(text) => {
            let text = clean(&text);
            let Some(c) = app.composer_mut().filter(|c| c.key == key) else {
                draft_loaded(app, key, text);
                return Vec::new();
            };
            c.set_text(&text);
            changed(app)
        }
    }
}
