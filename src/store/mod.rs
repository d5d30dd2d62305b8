//! Small files on disk the reader keeps for the user: seen comments, reply drafts.

pub mod discovery;
pub mod drafts;
pub mod files;
pub mod paths;
pub mod seen;
