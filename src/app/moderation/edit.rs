//! `e`: edit a comment's text in a popup, with the composer's editor (`ratatui-textarea`).
//! Ctrl-S saves (sends the new text), Esc cancels (asking first when the text was changed).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

use crate::app::compose::editor;
use crate::app::moderation::state::{EditBox, Reading};
use crate::app::msg::Effect;
use crate::app::msg::moderation::ModEffect;
use crate::app::{App, Modal, Screen};
use crate::model::ApiRoot;
use crate::render::html_to_line;

/// Open the editor on the selected comment, on its text as stored (`content.raw`, with
/// its markup and link targets). A thread read without edit context has only the rendered
/// HTML; its stored text is read from the site first, never rebuilt from what is shown.
pub fn open(app: &mut App) -> Vec<Effect> {
    let found = match app.screen {
        Screen::Queue => app.queue.as_ref().and_then(|q| {
            let row = q.rows.get(q.selected)?;
            let raw = Some(row.raw.clone()).filter(|r| !r.is_empty());
            Some((row.id, raw, q.api.clone()))
        }),
        _ => app.thread.as_ref().and_then(|v| {
            let c = v.thread.comment(v.selected_index()?);
            let raw = c
                .raw()
                .pointer("/content/raw")
                .and_then(Value::as_str)
                .map(str::to_owned);
            Some((c.id, raw, v.api.clone()?))
        }),
    };
    let Some((id, raw, api)) = found else {
        app.message = Some("no comment to edit here".into());
        return Vec::new();
    };
    // A text saved or read this session is newer than the one the page came with.
    let known = app.moderation.raw_texts.get(&(api.display(), id)).cloned();
    match known.or(raw) {
        Some(text) => {
            show(app, id, api, text);
            Vec::new()
        }
        None => {
            app.message = Some(format!("reading #{id}'s text as stored…"));
            app.moderation.edit_reading = Some(Reading {
                id,
                generation: app.generation,
                api: api.clone(),
            });
            vec![Effect::Moderation(ModEffect::ReadRaw { api, id })]
        }
    }
}

fn show(app: &mut App, id: u64, api: ApiRoot, text: String) {
    app.modal = Some(Modal::Edit(Box::new(EditBox {
        id,
        api,
        editor: editor(&text),
        original: text,
        confirm_discard: false,
        sending: false,
    })));
}

/// The site answered the read of a comment's stored text: open the editor on it, or
/// refuse to edit (the shown text has lost the markup and links a save would drop).
pub fn raw_read(app: &mut App, id: u64, result: Result<String, String>) {
    let Some(reading) = app
        .moderation
        .edit_reading
        .take_if(|r| r.id == id && r.generation == app.generation)
    else {
        return;
    };
    match result {
        Ok(text) => {
            app.moderation
                .raw_texts
                .insert((reading.api.display(), id), text.clone());
            if app.editing().is_none() {
                app.message = None;
                show(app, id, reading.api, text);
            }
        }
        Err(why) => {
            app.message = Some(format!(
                "#{id} cannot be edited: its text as stored could not be read ({why})"
            ));
        }
    }
}

/// A key while the edit popup is open.
pub fn key(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Some(edit) = app.editing_mut() else {
        return Vec::new();
    };
    if edit.sending {
        return Vec::new();
    }
    if edit.confirm_discard {
        if matches!(key.code, KeyCode::Char('y' | 'Y')) {
            app.close_edit();
            app.message = Some("edit discarded".into());
        } else {
            edit.confirm_discard = false;
            app.message = None;
        }
        return Vec::new();
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc if edit.editor.lines().join("\n") != edit.original => {
            edit.confirm_discard = true;
            app.message = Some("discard your edit? y/n".into());
        }
        KeyCode::Esc => {
            app.close_edit();
            app.message = Some("edit cancelled".into());
        }
        KeyCode::Char('s' | 'S') if ctrl => {
            let text = edit.editor.lines().join("\n");
            if text.trim().is_empty() {
                app.message = Some("the comment is empty; Esc cancels".into());
                return Vec::new();
            }
            edit.sending = true;
            return vec![Effect::Moderation(ModEffect::Edit {
                api: edit.api.clone(),
                id: edit.id,
                text,
            })];
        }
        _ => {
            edit.editor.input(*key);
        }
    }
    Vec::new()
}

/// The site answered an edit.
pub fn edited(app: &mut App, id: u64, result: Result<String, String>) {
    let sent = app
        .editing()
        .filter(|e| e.id == id)
        .map(|e| (e.api.display(), e.editor.lines().join("\n")));
    match result {
        Ok(html) => {
            app.close_edit();
            // The next `e` starts from what was saved, not from the page as first read.
            let raw = sent.map(|(api, text)| {
                app.moderation.raw_texts.insert((api, id), text.clone());
                text
            });
            app.message = Some(format!("#{id} edited"));
            if let Some(row) = app
                .queue
                .as_mut()
                .and_then(|q| q.rows.iter_mut().find(|r| r.id == id))
            {
                row.excerpt = html_to_line(&html);
                row.raw = raw.unwrap_or_default();
            }
            if let Some(view) = app.thread.as_mut()
                && let Some(i) = view.thread.index_of(id)
            {
                let mut c = view.thread.comment(i).clone();
                c.content_html = html;
                view.merge(vec![c]);
            }
        }
        Err(why) => {
            if let Some(e) = app.editing_mut() {
                e.sending = false;
            }
            app.message = Some(format!("#{id} not edited: {why}"));
        }
    }
}
