//! "New since last visit": the comment ids seen per thread, one small JSON file per thread in
//! the data dir (`~/.local/share/wpcomments/seen/`). Only the worker touches these files.

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
    dir: PathBuf,
}

impl SeenStore {
    /// The store in the user's data dir.
    pub fn default_location() -> Option<SeenStore> {
        super::project_dirs().map(|d| SeenStore::new(d.data_dir().join("seen")))
    }

    /// A store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> SeenStore {
        SeenStore { dir: dir.into() }
    }

    fn file(&self, key: &str) -> PathBuf {
        let slug: String = key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let slug: String = slug.trim_matches('-').chars().take(80).collect();
        self.dir.join(format!("{slug}-{:016x}.json", fnv1a(key)))
    }

    /// Ids seen before; `None` when the thread was never opened (or the file is unreadable).
    pub fn load(&self, key: &str) -> Option<HashSet<u64>> {
        let text = std::fs::read_to_string(self.file(key)).ok()?;
        let file: SeenFile = serde_json::from_str(&text).ok()?;
        (file.key == key).then(|| file.seen.into_iter().collect())
    }

    /// Record `ids` as seen (replacing the file atomically).
    pub fn save(&self, key: &str, ids: &[u64]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.file(key);
        let body = serde_json::to_string(&SeenFile {
            key: key.to_owned(),
            seen: ids.to_vec(),
        })
        .map_err(std::io::Error::other)?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, body)?;
        std::fs::rename(&tmp, &path)
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// FNV-1a: a stable hash so file names do not change between builds.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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
}
