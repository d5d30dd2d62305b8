//! The data a thread is made of: the site, the post and its comments, as the REST API sends them.
//!
//! A comment keeps what it was built from, so an archive can store every fetched field
//! losslessly while the rest of the program works with typed fields; a post keeps its raw JSON
//! object (one per thread).

pub mod api_root;
pub mod clock;
mod comment;
pub mod moderation;
pub mod queue;

pub use api_root::ApiRoot;

/// A map keyed by comment (or post) id, hashed with foldhash seeded per process: ids come
/// from the site, so a fixed seed would let a hostile one send ids that collide.
pub type IdMap<V> = std::collections::HashMap<u64, V, foldhash::fast::RandomState>;

/// A set of comment ids, hashed like [`IdMap`].
pub type IdSet = std::collections::HashSet<u64, foldhash::fast::RandomState>;
pub use comment::{Comment, keep_last_copies};

use chrono::NaiveDateTime;
use serde_json::Value;

/// The format WordPress uses for `date_gmt` (UTC, no offset).
pub const WP_DATE_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Parse a WordPress `date_gmt` value; `None` when absent or malformed.
pub fn parse_wp_date(value: Option<&Value>) -> Option<NaiveDateTime> {
    let text = value?.as_str()?;
    NaiveDateTime::parse_from_str(text, WP_DATE_FORMAT).ok()
}

fn str_field(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn rendered_field(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(obj) => obj
            .get("rendered")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        None => String::new(),
    }
}

/// The post (or page, or custom post type item) a thread hangs under.
#[derive(Clone, Debug, PartialEq)]
pub struct Post {
    /// Post id.
    pub id: u64,
    /// Post type slug (`post`, `page`, `book`, ...).
    pub kind: String,
    /// `title.rendered`: HTML (untrusted).
    pub title_html: String,
    /// Permalink.
    pub link: String,
    /// Publication time in UTC.
    pub date_gmt: Option<NaiveDateTime>,
    /// Author display name when the site exposes it.
    pub author_name: Option<String>,
    /// `open` or `closed`; empty when not sent.
    pub comment_status: String,
    /// The object exactly as fetched (embedded author included), for lossless archives.
    pub raw: Value,
}

impl Post {
    /// Build from a `/wp/v2/posts/{id}` (or pages, or custom type) response.
    pub fn from_json(raw: Value) -> Result<Post, String> {
        let id = raw
            .get("id")
            .and_then(Value::as_u64)
            .ok_or_else(|| "post without a numeric id".to_owned())?;
        let author_name = raw
            .pointer("/_embedded/author/0/name")
            .and_then(Value::as_str)
            .map(str::to_owned);
        Ok(Post {
            id,
            kind: str_field(&raw, "type"),
            title_html: rendered_field(&raw, "title"),
            link: str_field(&raw, "link"),
            date_gmt: parse_wp_date(raw.get("date_gmt")),
            author_name,
            comment_status: str_field(&raw, "comment_status"),
            raw,
        })
    }
}

/// What we know of the site.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Site {
    /// Site title (untrusted).
    pub name: String,
    /// Home URL.
    pub url: String,
    /// REST API root the thread was fetched from.
    pub api_root: String,
}

impl Site {
    /// Build from the REST index (`/wp-json/`), keeping only what we show.
    pub fn from_index(index: &Value, api_root: &str) -> Site {
        Site {
            name: str_field(index, "name"),
            url: str_field(index, "home"),
            api_root: api_root.to_owned(),
        }
    }
}

/// A whole thread as loaded: what dump writes and the TUI shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadData {
    /// The site.
    pub site: Site,
    /// The post.
    pub post: Post,
    /// Comments in fetch order (oldest first), de-duplicated by id.
    pub comments: Vec<Comment>,
    /// The comment total the site reported (`X-WP-Total`), if it did.
    pub total_reported: Option<u64>,
    /// When the thread was fetched (UTC).
    pub fetched_at: Option<NaiveDateTime>,
    /// The URL the user gave (fragment removed).
    pub source_url: String,
    /// What was read from the post's HTML page instead of the REST API, and why; `None`
    /// when everything came over REST (or from the demo).
    pub page_read: Option<PageRead>,
}

/// A thread (or part of it) read from the post's HTML page rather than the REST API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRead {
    /// The whole thread (`true`: the REST API does not serve this reader), or only its
    /// pingbacks and trackbacks (`/wp/v2/comments` shows those only to moderators).
    pub whole_thread: bool,
    /// Why, in words, e.g. "the REST API answered 401 rest_cannot_access to anonymous readers".
    pub reason: String,
}

impl PageRead {
    /// One line for headers: "read from the post's page: REASON".
    pub fn describe(&self) -> String {
        let what = if self.whole_thread {
            "read from the post's page"
        } else {
            "pingbacks and trackbacks read from the post's page"
        };
        format!("{what}: {}", self.reason)
    }
}

/// One page as it arrives (for progressive display).
#[derive(Clone, Debug)]
pub struct PageEvent {
    /// 1-based page number.
    pub page: u32,
    /// Pages known so far.
    pub total_pages: u32,
    /// Comments of that page that belong to the post.
    pub comments: Vec<Comment>,
    /// `X-WP-Total` as last reported.
    pub total_reported: Option<u64>,
}
