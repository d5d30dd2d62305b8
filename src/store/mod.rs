//! Small files on disk the reader keeps for the user: seen comments, reply drafts.

pub mod drafts;
pub mod paths;
pub mod seen;
