//! The real binary in a real terminal (tmux), against the test WordPress.

#[allow(dead_code)] // each suite uses part of the shared helpers
#[path = "../support/mod.rs"]
mod support;

#[path = "../fault/server.rs"]
mod fault;

mod cli_tty;
mod compose;
mod form;
mod moderate;
mod page_read;
mod reader;
mod revisit;
mod security;
mod time;
mod widths;
