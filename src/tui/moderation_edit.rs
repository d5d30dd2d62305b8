//! `e`: edit a comment's text in a popup, with the composer's editor (`ratatui-textarea`).
//! Ctrl-S saves (sends the new text), Esc cancels.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};
use ratatui_textarea::TextArea;
use serde_json::Value;

use super::app::{App, Screen};
use super::compose::editor;
use super::draw::centered;
use super::draw::glyphs::glyphs;
use super::moderation::ModEffect;
use super::msg::Effect;
use crate::api::ApiRoot;
use crate::render::html_to_line;

/// The open edit popup.
#[derive(Clone, Debug)]
pub struct EditBox {
    /// The comment.
    pub id: u64,
    /// Where to send it.
    pub api: ApiRoot,
    /// The text.
    pub editor: TextArea<'static>,
    /// Saved and waiting for the site.
    pub sending: bool,
}

/// Open the editor on the selected comment.
pub fn open(app: &mut App) -> Vec<Effect> {
    let found = match app.screen {
        Screen::Queue => app.queue.as_ref().and_then(|q| {
            let row = q.rows.get(q.selected)?;
            Some((row.id, row.raw.clone(), q.api.clone()))
        }),
        _ => app.thread.as_ref().and_then(|v| {
            let c = v.thread.comment(v.selected_index()?);
            let raw = c
                .raw
                .pointer("/content/raw")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .or_else(|| v.bodies.get(&c.id).map(|b| b.doc.plain_text()))
                .unwrap_or_default();
            Some((c.id, raw, v.api.clone()?))
        }),
    };
    match found {
        Some((id, text, api)) => {
            app.moderation.editing = Some(EditBox {
                id,
                api,
                editor: editor(&text),
                sending: false,
            });
        }
        None => app.message = Some("no comment to edit here".into()),
    }
    Vec::new()
}

/// A key while the edit popup is open.
pub fn key(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Some(edit) = app.moderation.editing.as_mut() else {
        return Vec::new();
    };
    if edit.sending {
        return Vec::new();
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => {
            app.moderation.editing = None;
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
    let raw = app
        .moderation
        .editing
        .as_ref()
        .filter(|e| e.id == id)
        .map(|e| e.editor.lines().join("\n"));
    match result {
        Ok(html) => {
            app.moderation.editing = None;
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
            if let Some(e) = app.moderation.editing.as_mut() {
                e.sending = false;
            }
            app.message = Some(format!("#{id} not edited: {why}"));
        }
    }
}

/// Draw the popup.
pub fn draw(app: &App, edit: &EditBox, screen: Rect, buf: &mut Buffer) {
    let area = centered(screen, 72, 14);
    Clear.render(area, buf);
    let title = if edit.sending {
        format!(" edit #{} · saving… ", edit.id)
    } else {
        format!(" edit #{} ", edit.id)
    };
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(app.theme().border)
        .title(title)
        .title_bottom(Line::from(" ctrl-s save · esc cancel "));
    let inner = block.inner(area);
    block.render(area, buf);
    (&edit.editor).render(inner, buf);
}
