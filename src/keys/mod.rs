//! Keys: the [`Action`](action::Action)s, the keymap (TOML → Action) and the fixed key tables
//! used both for matching and for help.

pub mod action;
pub mod keymap;
pub mod kinds;
pub mod tables;
