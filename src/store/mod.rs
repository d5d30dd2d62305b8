//! Small files on disk the reader keeps for the user: seen comments, reply drafts.

pub mod discovery;
pub mod drafts;
pub mod seen;

use directories::ProjectDirs;

/// The app's XDG directories (`None` when no home directory is known).
pub fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "wpcomments")
}
