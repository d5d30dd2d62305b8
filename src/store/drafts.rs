//! Reply drafts on disk: one file per site (its REST API root, as the seen-store keys
//! threads), post and parent comment, in the data dir. Two sites on one host
//! (`h/~alice/`, `h/~bob/`) never see each other's drafts.
//!
//! A draft is written (temp file + rename, mode 0600) before a reply is sent and deleted
//! only once the server has answered 201, so a refusal, a crash or a killed process never
//! loses what was typed.

use std::path::PathBuf;

use url::Url;

use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::store::files::{MAX_SMALL_FILE, write_private};
use crate::store::paths::Dir;

/// Which reply a draft belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DraftKey {
    /// The site, file-name safe: [`crate::store::files::key_file_name`] of its API root, or
    /// `host[_port]` for a draft keyed by its link before the API is known.
    pub site: String,
    /// `post-ID`, or `link-PATH` before the post id is known.
    pub post: String,
    /// Parent comment id, 0 for a top-level comment.
    pub parent: u64,
}

fn safe(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.truncate(100);
    // "." and ".." (a host of dots, from a hostile link) would step out of the drafts dir.
    if out.chars().all(|c| c == '.') {
        out = format!("_{out}");
    }
    out
}

fn site_of(url: &Url) -> String {
    let host = url.host_str().unwrap_or("unknown-site");
    match url.port() {
        Some(port) => safe(&format!("{host}_{port}")),
        None => safe(host),
    }
}

impl DraftKey {
    /// A reply to `parent` on post `post_id` of the site whose REST API is `api`.
    pub fn for_post(api: &ApiRoot, post_id: u64, parent: u64) -> DraftKey {
        DraftKey {
            site: crate::store::files::key_file_name(&api.key()),
            post: format!("post-{post_id}"),
            parent,
        }
    }

    /// A reply to `parent` on post `post_id` sent through the comment form of the page at
    /// `page` (no REST API): keyed by the page itself, query and fragment dropped.
    pub fn for_page(page: &Url, post_id: u64, parent: u64) -> DraftKey {
        let mut page = page.clone();
        page.set_query(None);
        page.set_fragment(None);
        DraftKey {
            site: crate::store::files::key_file_name(&format!("page:{page}")),
            post: format!("post-{post_id}"),
            parent,
        }
    }

    /// A reply to `parent` under the post at `link`, before its id is known.
    pub fn for_link(link: &Url, parent: u64) -> DraftKey {
        let mut place = link.path().trim_matches('/').to_owned();
        if let Some(q) = link.query() {
            place.push('_');
            place.push_str(q);
        }
        DraftKey {
            site: site_of(link),
            post: format!("link-{}", safe(&place)),
            parent,
        }
    }

    /// The draft's file.
    pub fn path(&self) -> Result<PathBuf> {
        Ok(data_dir()?
            .join("drafts")
            .join(&self.site)
            .join(format!("{}-parent-{}.txt", self.post, self.parent)))
    }
}

/// The data dir (`$WPCOMMENTS_DATA_DIR`, else the XDG one), where drafts live.
fn data_dir() -> Result<PathBuf> {
    Dir::Data.path().ok_or_else(|| {
        Error::Io(format!(
            "no home directory to keep drafts in; set {}",
            Dir::Data.env()
        ))
    })
}

/// Save `body` as the draft for `key`; returns the file (0600, every dir from the data dir
/// down 0700).
pub fn save(key: &DraftKey, body: &str) -> Result<PathBuf> {
    let path = key.path()?;
    write_private(&data_dir()?, &path, body.as_bytes()).map_err(|e| Error::Io(e.0))?;
    Ok(path)
}

/// The draft for `key`, if there is one.
pub fn load(key: &DraftKey) -> Result<Option<String>> {
    let path = key.path()?;
    match crate::store::files::read_regular(&path, MAX_SMALL_FILE) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Io(format!("cannot read {}: {e}", path.display()))),
    }
}

/// Delete the draft for `key` (no error when there is none).
pub fn delete(key: &DraftKey) -> Result<()> {
    let path = key.path()?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::Io(format!("cannot delete {}: {e}", path.display()))),
    }
}

/// Move a draft to a new key (once the post id is known); returns the new file.
pub fn rekey(from: &DraftKey, to: &DraftKey, body: &str) -> Result<PathBuf> {
    let path = save(to, body)?;
    if from != to {
        delete(from)?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(root: &str) -> ApiRoot {
        ApiRoot::from_advertised(Url::parse(root).expect("url"))
    }

    #[test]
    fn two_sites_on_one_host_keep_separate_drafts() {
        let a = DraftKey::for_post(&api("http://h.example/a/wp-json/"), 5, 0);
        let b = DraftKey::for_post(&api("http://h.example/b/wp-json/"), 5, 0);
        assert_ne!(a.site, b.site);
        assert_ne!(a.path().ok(), b.path().ok());
        let q = DraftKey::for_post(&api("http://h.example/a/?rest_route=/"), 5, 0);
        assert_ne!(a.site, q.site);
    }

    #[test]
    fn a_host_of_dots_cannot_leave_the_drafts_dir() {
        for host in ["http://../x/", "http://%2e%2e/x/", "http://./x/"] {
            if let Ok(url) = Url::parse(host) {
                let key = DraftKey::for_link(&url, 0);
                assert!(
                    !key.site.chars().all(|c| c == '.'),
                    "{host} -> {}",
                    key.site
                );
            }
        }
        assert_eq!(safe(".."), "_..");
        assert_eq!(safe("a..b"), "a..b");
    }
}
