//! The chrome around every screen: the header and the status bar with its key hints.

pub mod header;
pub mod status;
