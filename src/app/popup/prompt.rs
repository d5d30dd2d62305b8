//! The one-line input shown in the status bar for `/` search and `#` jump.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a prompt is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Search the thread.
    Search,
    /// A comment id to jump to.
    JumpToId,
    /// Search the site's posts.
    PostSearch,
    /// Search the moderation queue (text, author, email, IP).
    QueueSearch,
}

impl PromptKind {
    /// The prompt's label.
    pub fn label(self) -> &'static str {
        match self {
            PromptKind::Search => "/",
            PromptKind::JumpToId => "comment #",
            PromptKind::PostSearch => "search posts: ",
            PromptKind::QueueSearch => "search comments: ",
        }
    }
}

/// An open prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// What it is for.
    pub kind: PromptKind,
    /// Typed so far.
    pub input: String,
}

/// What a key did to a prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Still typing.
    Editing,
    /// Enter: use the input.
    Submit(String),
    /// Esc (or Backspace on an empty line): give up.
    Cancel,
}

impl Prompt {
    /// An empty prompt.
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            input: String::new(),
        }
    }

    /// Apply a key.
    pub fn key(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => Edit::Submit(self.input.trim().to_owned()),
            KeyCode::Esc => Edit::Cancel,
            KeyCode::Char('c') if ctrl => Edit::Cancel,
            KeyCode::Backspace if self.input.is_empty() => Edit::Cancel,
            KeyCode::Backspace => {
                self.input.pop();
                Edit::Editing
            }
            KeyCode::Char('u') if ctrl => {
                self.input.clear();
                Edit::Editing
            }
            KeyCode::Char('w') if ctrl => {
                let kept = self.input.trim_end().rfind(' ').map_or(0, |i| i + 1);
                self.input.truncate(kept);
                Edit::Editing
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                if self.kind != PromptKind::JumpToId || c.is_ascii_digit() {
                    self.input.push(c);
                }
                Edit::Editing
            }
            _ => Edit::Editing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_editing_and_submitting() {
        let mut p = Prompt::new(PromptKind::Search);
        for c in "hi there".chars() {
            assert_eq!(p.key(&k(KeyCode::Char(c))), Edit::Editing);
        }
        p.key(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(p.input, "hi ");
        p.key(&k(KeyCode::Backspace));
        assert_eq!(p.key(&k(KeyCode::Enter)), Edit::Submit("hi".into()));
        assert_eq!(p.key(&k(KeyCode::Esc)), Edit::Cancel);
    }

    #[test]
    fn the_id_prompt_takes_digits_only() {
        let mut p = Prompt::new(PromptKind::JumpToId);
        for c in "1a2#3".chars() {
            p.key(&k(KeyCode::Char(c)));
        }
        assert_eq!(p.input, "123");
    }
}
