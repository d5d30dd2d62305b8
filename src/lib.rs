//! wpcomments: read, write and moderate WordPress comment threads in the terminal.
//!
//! The library holds everything but the terminal entry point so integration tests and
//! benches can drive the same code the binary runs.

pub mod api;
pub mod app;
pub mod archive;
pub mod config;
pub mod demo;
pub mod dump;
pub mod error;
pub mod identity;
pub mod keys;
pub mod model;
pub mod present;
pub mod render;
pub mod store;
pub mod thread;
pub mod tui;
pub mod ui;
pub mod worker;
