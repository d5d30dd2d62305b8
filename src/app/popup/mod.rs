//! The popups over a screen, held in ONE slot ([`App::modal`](crate::app::App::modal)): the reply composer, the
//! comment editor, the delete confirmation, a one-line prompt, help or the link picker.
//! Whatever is in the slot owns the keyboard and the mouse; `update` routes both through it.

pub mod overlay;
pub mod prompt;

use crate::app::compose::state::Composer;
use crate::app::moderation::state::{Confirm, EditBox};
use prompt::Prompt;

/// A popup that is not an editor: key help or the link picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Key help, scrolled by `scroll` rows.
    Help {
        /// Rows scrolled.
        scroll: usize,
    },
    /// The selected comment's links.
    Links {
        /// Highlighted link.
        selected: usize,
    },
}

/// The popup that owns the keyboard and the mouse.
#[derive(Clone, Debug)]
pub enum Modal {
    /// The reply composer (`r`, `c`).
    Composer(Box<Composer>),
    /// The comment editor (`e`).
    Edit(Box<EditBox>),
    /// A permanent delete waiting for `y`.
    Confirm(Confirm),
    /// A one-line prompt (search, jump to an id).
    Prompt(Prompt),
    /// Help or the link picker.
    Overlay(Overlay),
}
