//! wpcomments: read, write and moderate WordPress comment threads in the terminal.
//!
//! The library holds everything but the terminal entry point so integration tests and
//! benches can drive the same code the binary runs.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod api;
pub mod archive;
pub mod demo;
pub mod dump;
pub mod error;
pub mod files;
pub mod identity;
pub mod keymap;
pub mod model;
pub mod present;
pub mod render;
pub mod settings;
pub mod theme;
pub mod thread;
pub mod tui;
