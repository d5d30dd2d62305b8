//! Where wpcomments keeps its files, decided in one place.
//!
//! Three folders, each movable as a whole by one environment variable:
//! - config (`$WPCOMMENTS_CONFIG_DIR`, else the XDG config dir): `config.toml`, `themes/`,
//!   `identities.toml`, `secrets.toml`;
//! - data (`$WPCOMMENTS_DATA_DIR`, else the XDG data dir): `drafts/`, `seen/`;
//! - cache (`$WPCOMMENTS_CACHE_DIR`, else the XDG cache dir): `wpcomments.log`.
//!
//! `--config FILE` replaces only `config.toml`. Nothing here creates a folder.

use std::path::PathBuf;

use directories::ProjectDirs;

/// The environment variable that moves the config folder.
pub const CONFIG_ENV: &str = "WPCOMMENTS_CONFIG_DIR";
/// The environment variable that moves the data folder.
pub const DATA_ENV: &str = "WPCOMMENTS_DATA_DIR";
/// The environment variable that moves the cache folder.
pub const CACHE_ENV: &str = "WPCOMMENTS_CACHE_DIR";

/// Which folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Settings, themes, identities, secrets.
    Config,
    /// Drafts and the seen-comment lists.
    Data,
    /// The log of `--verbose` runs of the interactive view.
    Cache,
}

impl Dir {
    /// The environment variable that moves this folder.
    pub fn env(self) -> &'static str {
        match self {
            Dir::Config => CONFIG_ENV,
            Dir::Data => DATA_ENV,
            Dir::Cache => CACHE_ENV,
        }
    }

    /// The folder: the environment variable when set and non-empty, else the platform's
    /// (XDG on Linux: `~/.config/wpcomments`, `~/.local/share/wpcomments`,
    /// `~/.cache/wpcomments`). `None` when neither is known (no home directory).
    pub fn path(self) -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os(self.env()).filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(dir));
        }
        let dirs = ProjectDirs::from("", "", "wpcomments")?;
        Some(match self {
            Dir::Config => dirs.config_dir().to_path_buf(),
            Dir::Data => dirs.data_dir().to_path_buf(),
            Dir::Cache => dirs.cache_dir().to_path_buf(),
        })
    }
}

/// Every file the program reads or writes for the user: (what, folder, name in it).
pub const FILES: &[(&str, Dir, &str)] = &[
    (
        "settings (--config FILE replaces it)",
        Dir::Config,
        "config.toml",
    ),
    ("your themes (NAME.toml)", Dir::Config, "themes/"),
    ("identities, no secrets", Dir::Config, "identities.toml"),
    (
        "secrets when no Secret Service/keychain answers (0600)",
        Dir::Config,
        "secrets.toml",
    ),
    (
        "reply drafts: SITE/post-ID-parent-ID.txt",
        Dir::Data,
        "drafts/",
    ),
    ("comment ids seen per thread", Dir::Data, "seen/"),
    (
        "log of --verbose in the interactive view",
        Dir::Cache,
        "wpcomments.log",
    ),
    (
        "what discovery found per post URL (a cache)",
        Dir::Cache,
        "discovery.json",
    ),
];

/// The file `name` in `dir` (`None` without a home directory or override).
pub fn file(dir: Dir, name: &str) -> Option<PathBuf> {
    dir.path().map(|d| d.join(name))
}

/// The files table with this machine's concrete paths, for `--help`.
pub fn files_table() -> String {
    let mut out = String::from("Files (override the folders with the variables shown):\n");
    for (what, dir, name) in FILES {
        let path = file(*dir, name).map_or_else(
            || format!("${}/{name}", dir.env()),
            |p| p.display().to_string(),
        );
        out.push_str(&format!("  {path}\n      {what}  [${}]\n", dir.env()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_a_folder_moves_with_its_variable() {
        // Each folder's variable is read on every call; one test owns these variables.
        let root = tempfile::tempdir().expect("tempdir");
        for (i, dir) in [Dir::Config, Dir::Data, Dir::Cache].into_iter().enumerate() {
            let moved = root.path().join(i.to_string());
            // SAFETY: no other test in this binary reads or writes these variables.
            unsafe { std::env::set_var(dir.env(), &moved) };
            for (_, d, name) in FILES.iter().filter(|(_, d, _)| *d == dir) {
                assert_eq!(file(*d, name), Some(moved.join(name)));
            }
            assert!(files_table().contains(&moved.display().to_string()));
            unsafe { std::env::remove_var(dir.env()) };
        }
    }
}
