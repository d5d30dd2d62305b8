//! Configuration: `config.toml` + flags → settings, and the colour themes.

pub mod settings;
pub mod style;
pub mod theme;
