//! Reading and closing the one popup slot ([`App::modal`]): each popup's state, when it is
//! the one open.

use crate::app::App;
use crate::app::compose::state::Composer;
use crate::app::moderation::state::{Confirm, EditBox};
use crate::app::popup::Modal;
use crate::app::popup::Overlay;
use crate::app::popup::prompt::Prompt;

impl App {
    /// The open composer, if the slot holds it.
    pub fn composer(&self) -> Option<&Composer> {
        match &self.modal {
            Some(Modal::Composer(c)) => Some(c),
            _ => None,
        }
    }

    /// The open composer, to change.
    pub fn composer_mut(&mut self) -> Option<&mut Composer> {
        match &mut self.modal {
            Some(Modal::Composer(c)) => Some(c),
            _ => None,
        }
    }

    /// The open comment editor.
    pub fn editing(&self) -> Option<&EditBox> {
        match &self.modal {
            Some(Modal::Edit(e)) => Some(e),
            _ => None,
        }
    }

    /// The open comment editor, to change.
    pub fn editing_mut(&mut self) -> Option<&mut EditBox> {
        match &mut self.modal {
            Some(Modal::Edit(e)) => Some(e),
            _ => None,
        }
    }

    /// The delete waiting for confirmation.
    pub fn confirm(&self) -> Option<&Confirm> {
        match &self.modal {
            Some(Modal::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    /// The open prompt.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.modal {
            Some(Modal::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    /// The open prompt, to change.
    pub fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        match &mut self.modal {
            Some(Modal::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    /// The open help or link picker.
    pub fn overlay(&self) -> Option<&Overlay> {
        match &self.modal {
            Some(Modal::Overlay(o)) => Some(o),
            _ => None,
        }
    }

    /// Close the popup if `is_it` says it is the one meant (a late report about a closed
    /// composer must not close another popup).
    pub fn close_modal_if(&mut self, is_it: impl FnOnce(&Modal) -> bool) {
        if self.modal.as_ref().is_some_and(is_it) {
            self.modal = None;
        }
    }

    /// Close the composer, if it is open.
    pub fn close_composer(&mut self) {
        self.close_modal_if(|m| matches!(m, Modal::Composer(_)));
    }

    /// Close the comment editor, if it is open.
    pub fn close_edit(&mut self) {
        self.close_modal_if(|m| matches!(m, Modal::Edit(_)));
    }

    /// Take the delete waiting for confirmation out of the slot.
    pub fn take_confirm(&mut self) -> Option<Confirm> {
        match self.modal.take() {
            Some(Modal::Confirm(c)) => Some(c),
            other => {
                self.modal = other;
                None
            }
        }
    }
}
