//! The reader driven in memory: keys, mouse and worker reports into `update`, frames drawn
//! into ratatui's `TestBackend` and compared with insta snapshots.

#[allow(dead_code)] // each suite uses part of the shared helpers
#[path = "../support/mod.rs"]
mod support;

mod compose;
mod esc;
mod feedback;
mod header;
mod keys;
mod loading;
mod moderation;
mod posts;
mod queue_reply;
mod quote;
mod screens;
mod security;
mod themes;
mod tiny;
