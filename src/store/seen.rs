//! "New since last visit": the comment ids seen per thread, one small JSON file per thread in
//! the data folder (`~/.local/share/wpcomments/seen/`, moved by `$WPCOMMENTS_DATA_DIR`). Only the worker touches these files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The key of a thread: its site's API root and the post id; `None` without an API root.
pub fn thread_key(api_root: &str, post_id: u64) -> Option<String> {
    (!api_root.is_empty()).then(|| format!("{api_root}#{post_id}"))
}

#[derive(Serialize, Deserialize)]
struct SeenFile {
    key: String,
    seen: Vec<u64>,
}

/// A folder of seen-id files.
#[derive(Clone, Debug)]
pub struct SeenStore {
    /// The program's data dir (or `dir` itself): made 0700 down to `dir` on each save.
    root: PathBuf,
    dir: PathBuf,
}

/// Largest seen file read: a thread of 100,000 comments is about 1 MB of ids.
const MAX_SEEN_FILE: u64 = 8 << 20;

impl SeenStore {
    /// The store in the user's data dir (`$WPCOMMENTS_DATA_DIR`, else the XDG one), like
    /// drafts.
    pub fn default_location() -> Option<SeenStore> {
        let root = super::paths::Dir::Data.path()?;
        Some(SeenStore {
            dir: root.join("seen"),
            root,
        })
    }

    /// A store in `dir` (created 0700 on first save).
    pub fn new(dir: impl Into<PathBuf>) -> SeenStore {
        let dir = dir.into();
        SeenStore {
            root: dir.clone(),
            dir,
        }
    }

    fn file(&self, key: &str) -> PathBuf {
        self.dir
            .join(format!("{}.json", crate::store::files::key_file_name(key)))
    }

    /// Ids seen before; `None` when the thread was never opened (or the file is unreadable).
    pub fn load(&self, key: &str) -> Option<HashSet<u64>> {
        let text = crate::store::files::read_regular(&self.file(key), MAX_SEEN_FILE).ok()?;
        let file: SeenFile = serde_json::from_str(&text).ok()?;
        (file.key == key).then(|| file.seen.into_iter().collect())
    }

    /// Record `ids` as seen (replacing the file atomically; 0600 in 0700 dirs: which
    /// threads someone reads is their business).
    pub fn save(&self, key: &str, ids: &[u64]) -> Result<(), crate::store::files::FileError> {
        let body = serde_json::to_string(&SeenFile {
            key: key.to_owned(),
            seen: ids.to_vec(),
        })
        .map_err(|e| crate::store::files::FileError(e.to_string()))?;
        crate::store::files::write_private(&self.root, &self.file(key), body.as_bytes())
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_visit_is_none_then_ids_round_trip_per_thread() {
        let dir = tempfile::tempdir().unwrap();
        let store = SeenStore::new(dir.path().join("seen"));
        let a = thread_key("https://b.example/wp-json/", 5).unwrap();
        let b = thread_key("https://b.example/wp-json/", 6).unwrap();
        assert_eq!(store.load(&a), None);
        store.save(&a, &[1, 2, 3]).unwrap();
        assert_eq!(store.load(&a), Some([1, 2, 3].into_iter().collect()));
        assert_eq!(store.load(&b), None);
        assert_eq!(thread_key("", 5), None);
    }

    #[cfg(unix)]
    #[test]
    fn reading_history_is_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = SeenStore::new(dir.path().join("seen"));
        let key = thread_key("https://b.example/wp-json/", 5).unwrap();
        store.save(&key, &[1]).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(store.dir()), 0o700);
        for file in std::fs::read_dir(store.dir()).unwrap().flatten() {
            assert_eq!(mode(&file.path()), 0o600, "{}", file.path().display());
        }
    }
}
