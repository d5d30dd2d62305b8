//! The real binary in a real terminal (tmux), against the test WordPress.

#[allow(dead_code)] // each suite uses part of the shared helpers
#[path = "../support/mod.rs"]
mod support;

mod compose;
mod form;
mod moderate;
mod reader;
