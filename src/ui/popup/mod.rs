//! Popups drawn over a screen: help, the link picker.

pub mod edit;
pub mod help;
pub mod links;
