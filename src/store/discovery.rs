//! What discovery found, remembered per page URL in the cache dir
//! (`~/.cache/wpcomments/discovery.json`, 0600 in a 0700 dir), so a repeat visit asks for the
//! post, the site index and the first comment page at once instead of discovering first.
//! An entry is dropped as soon as a load that used it fails. Only the worker touches it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::api::ApiRoot;
use crate::api::discover::Discovered;

/// Entries kept; the least recently stored go first.
const MAX_ENTRIES: usize = 256;

/// One remembered discovery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// `path`, `query` or `wpcom`: how routes are built.
    style: String,
    /// The API root (`path`, `query`) or the API host base (`wpcom`).
    root: String,
    /// The WordPress.com site, for `wpcom`.
    #[serde(default)]
    site: String,
    /// The post's REST route, when the page named it.
    post_route: Option<String>,
    /// The page URL after redirects.
    page_url: String,
    /// The post's id, once it was found.
    post: Option<u64>,
    /// Store order, for eviction.
    stamp: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    entries: BTreeMap<String, Entry>,
}

/// The discovery cache file.
#[derive(Clone, Debug)]
pub struct DiscoveryCache {
    /// The program's dir the file lives in (made 0700 with every dir below it).
    root: PathBuf,
    path: PathBuf,
}

/// Largest cache file read (256 entries are a few tens of KB).
const MAX_FILE: u64 = 4 << 20;

/// A remembered discovery: where the API is and, when known, the post's id.
#[derive(Clone, Debug)]
pub struct Remembered {
    /// What discovery found.
    pub found: Discovered,
    /// The post's id (from an earlier visit).
    pub post: Option<u64>,
}

impl DiscoveryCache {
    /// The cache in the user's cache dir.
    /// (`$WPCOMMENTS_CACHE_DIR/discovery.json`, else the XDG cache dir's.)
    pub fn default_location() -> Option<DiscoveryCache> {
        let root = super::paths::Dir::Cache.path()?;
        Some(DiscoveryCache {
            path: root.join("discovery.json"),
            root,
        })
    }

    /// A cache in the file `path` (created on first store, with its dir).
    pub fn new(path: impl Into<PathBuf>) -> DiscoveryCache {
        let path = path.into();
        let root = path.parent().map(PathBuf::from).unwrap_or_default();
        DiscoveryCache { root, path }
    }

    fn read(&self) -> CacheFile {
        // Only a regular file of bounded size: a FIFO or a device planted there is ignored.
        super::files::read_regular(&self.path, MAX_FILE)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    fn write(&self, file: &CacheFile) {
        // A cache: failing to write it only costs the next visit a round trip.
        if let Ok(text) = serde_json::to_vec(file) {
            let _ = super::files::write_private(&self.root, &self.path, &text);
        }
    }

    /// What was found for `url` before, if anything (and if it still parses).
    pub fn load(&self, url: &Url) -> Option<Remembered> {
        let entry = self.read().entries.remove(url.as_str())?;
        let parse = |s: &str| Url::parse(s).ok();
        let api = match entry.style.as_str() {
            "path" => ApiRoot::Path(parse(&entry.root)?),
            "query" => ApiRoot::Query(parse(&entry.root)?),
            "wpcom" => ApiRoot::WpCom {
                base: parse(&entry.root)?,
                site: entry.site,
            },
            _ => return None,
        };
        let post_route = match entry.post_route {
            Some(route) => Some(parse(&route)?),
            None => None,
        };
        Some(Remembered {
            found: Discovered {
                api,
                post_route,
                page_url: parse(&entry.page_url)?,
                shortlink_id: entry.post,
            },
            post: entry.post,
        })
    }

    /// Remember what was found for `url` (and the post's id).
    pub fn store(&self, url: &Url, found: &Discovered, post: Option<u64>) {
        let (style, root, site) = match &found.api {
            ApiRoot::Path(u) => ("path", u.to_string(), String::new()),
            ApiRoot::Query(u) => ("query", u.to_string(), String::new()),
            ApiRoot::WpCom { base, site } => ("wpcom", base.to_string(), site.clone()),
        };
        let mut file = self.read();
        let stamp = file.entries.values().map(|e| e.stamp).max().unwrap_or(0) + 1;
        let entry = Entry {
            style: style.to_owned(),
            root,
            site,
            post_route: found.post_route.as_ref().map(Url::to_string),
            page_url: found.page_url.to_string(),
            post,
            stamp,
        };
        if file
            .entries
            .get(url.as_str())
            .is_some_and(|e| Entry { stamp, ..e.clone() } == entry)
        {
            return;
        }
        file.entries.insert(url.to_string(), entry);
        while file.entries.len() > MAX_ENTRIES {
            let oldest = file
                .entries
                .iter()
                .min_by_key(|(_, e)| e.stamp)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => file.entries.remove(&k),
                None => break,
            };
        }
        self.write(&file);
    }

    /// Forget `url` (a load that used the entry failed).
    pub fn forget(&self, url: &Url) {
        let mut file = self.read();
        if file.entries.remove(url.as_str()).is_some() {
            self.write(&file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(base: &str) -> Discovered {
        Discovered {
            api: ApiRoot::Path(Url::parse(&format!("{base}/wp-json/")).expect("url")),
            post_route: Url::parse(&format!("{base}/wp-json/wp/v2/posts/5")).ok(),
            page_url: Url::parse(&format!("{base}/p/")).expect("url"),
            shortlink_id: None,
        }
    }

    #[test]
    fn a_discovery_comes_back_until_forgotten_and_the_file_is_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = DiscoveryCache::new(dir.path().join("cache").join("discovery.json"));
        let url = Url::parse("https://b.example/p/").expect("url");
        assert!(cache.load(&url).is_none());
        cache.store(&url, &found("https://b.example"), Some(5));
        let back = cache.load(&url).expect("remembered");
        assert_eq!(back.post, Some(5));
        assert_eq!(back.found.api, found("https://b.example").api);
        assert_eq!(back.found.post_route, found("https://b.example").post_route);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &std::path::Path| {
                std::fs::metadata(p)
                    .map(|m| m.permissions().mode() & 0o777)
                    .ok()
            };
            assert_eq!(mode(&dir.path().join("cache/discovery.json")), Some(0o600));
            assert_eq!(mode(&dir.path().join("cache")), Some(0o700));
        }
        cache.forget(&url);
        assert!(cache.load(&url).is_none());
    }

    #[test]
    fn the_oldest_entries_make_room() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = DiscoveryCache::new(dir.path().join("discovery.json"));
        for i in 0..=MAX_ENTRIES {
            let url = Url::parse(&format!("https://b.example/{i}/")).expect("url");
            cache.store(&url, &found("https://b.example"), Some(i as u64));
        }
        let first = Url::parse("https://b.example/0/").expect("url");
        let last = Url::parse(&format!("https://b.example/{MAX_ENTRIES}/")).expect("url");
        assert!(cache.load(&first).is_none());
        assert_eq!(
            cache.load(&last).and_then(|r| r.post),
            Some(MAX_ENTRIES as u64)
        );
    }
}
