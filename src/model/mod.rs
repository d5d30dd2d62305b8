//! The data a thread is made of: the site, the post and its comments, as the REST API sends them.
//!
//! A comment keeps what it was built from, so an archive can store every fetched field
//! losslessly while the rest of the program works with typed fields; a post keeps its raw JSON
//! object (one per thread).

pub mod api_root;
pub mod clock;
pub mod moderation;
pub mod queue;

pub use api_root::ApiRoot;

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

/// One comment (or pingback/trackback) of a post.
///
/// Compact: the fields the program uses are typed, and of the object as fetched only what
/// they do not hold is kept (as compact JSON text), so [`Comment::raw`] gives the archive the
/// object back exactly while no text is held twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    /// Comment id, unique within the site.
    pub id: u64,
    /// Id of the post the comment belongs to.
    pub post: u64,
    /// Id of the parent comment, 0 for a top-level comment.
    pub parent: u64,
    /// User id of a registered author, 0 for guests and pingbacks.
    pub author: u64,
    /// Display name as sent (untrusted, unsanitized).
    pub author_name: String,
    /// Author's website (untrusted).
    pub author_url: String,
    /// Creation time in UTC.
    pub date_gmt: Option<NaiveDateTime>,
    /// `content.rendered`: HTML (untrusted).
    pub content_html: String,
    /// Permalink of the comment.
    pub link: String,
    /// `approved`, `hold`, `spam`, `trash`.
    pub status: String,
    /// `comment`, `pingback`, `trackback` or a custom type.
    pub kind: String,
    /// What of the fetched object the typed fields do not hold.
    rest: Rest,
}

/// The rest of a fetched comment object: which typed fields came from it (so they go back
/// into [`Comment::raw`]), and every other field as compact JSON (`None`: nothing else).
#[derive(Clone, Debug, Default, PartialEq)]
struct Rest {
    sent: u16,
    other: Option<Box<str>>,
}

// Bits of `Rest::sent`: the typed field was sent with exactly the value it holds.
const POST: u16 = 1;
const PARENT: u16 = 1 << 1;
const AUTHOR: u16 = 1 << 2;
const AUTHOR_NAME: u16 = 1 << 3;
const AUTHOR_URL: u16 = 1 << 4;
const DATE_GMT: u16 = 1 << 5;
const CONTENT: u16 = 1 << 6;
const CONTENT_STRING: u16 = 1 << 7;
const LINK: u16 = 1 << 8;
const STATUS: u16 = 1 << 9;
const KIND: u16 = 1 << 10;

type Map = serde_json::Map<String, Value>;

/// Take `key` out of `obj` when it is a number; `bit` records that it was there.
fn take_u64(obj: &mut Map, key: &str, bit: u16, sent: &mut u16) -> u64 {
    match obj.get(key).and_then(Value::as_u64) {
        Some(n) => {
            obj.remove(key);
            *sent |= bit;
            n
        }
        None => 0,
    }
}

/// Take `key` out of `obj` when it is a string (a non-empty one with `non_empty`).
fn take_str(obj: &mut Map, key: &str, bit: u16, sent: &mut u16, non_empty: bool) -> String {
    match obj.get(key) {
        Some(Value::String(s)) if !(non_empty && s.is_empty()) => {
            *sent |= bit;
            match obj.remove(key) {
                Some(Value::String(s)) => s,
                _ => String::new(),
            }
        }
        _ => String::new(),
    }
}

/// `content.rendered` (or a bare string `content`), taken out of `obj`.
fn take_content(obj: &mut Map, sent: &mut u16) -> String {
    match obj.get_mut("content") {
        Some(Value::String(_)) => {
            *sent |= CONTENT_STRING;
            match obj.remove("content") {
                Some(Value::String(s)) => s,
                _ => String::new(),
            }
        }
        Some(Value::Object(content)) => {
            let html = match content.remove("rendered") {
                Some(Value::String(s)) => {
                    *sent |= CONTENT;
                    s
                }
                Some(other) => {
                    content.insert("rendered".into(), other);
                    String::new()
                }
                None => String::new(),
            };
            if content.is_empty() && *sent & CONTENT != 0 {
                obj.remove("content");
            }
            html
        }
        _ => String::new(),
    }
}

/// `date_gmt`, taken out of `obj` only when it reads back to the very same text.
fn take_date(obj: &mut Map, sent: &mut u16) -> Option<NaiveDateTime> {
    let date = parse_wp_date(obj.get("date_gmt"));
    let exact = date.is_some_and(|d| {
        obj.get("date_gmt").and_then(Value::as_str)
            == Some(d.format(WP_DATE_FORMAT).to_string().as_str())
    });
    if exact {
        obj.remove("date_gmt");
        *sent |= DATE_GMT;
    }
    date
}

impl Comment {
    /// Build from one element of a `/wp/v2/comments` response. Fails only without a numeric `id`.
    pub fn from_json(raw: Value) -> Result<Comment, String> {
        let id = raw
            .get("id")
            .and_then(Value::as_u64)
            .ok_or_else(|| "comment without a numeric id".to_owned())?;
        let Value::Object(mut obj) = raw else {
            return Err("comment without a numeric id".to_owned());
        };
        obj.remove("id");
        let mut sent = 0;
        let status = match take_str(&mut obj, "status", STATUS, &mut sent, true) {
            s if s.is_empty() => "approved".to_owned(),
            s => s,
        };
        let kind = match take_str(&mut obj, "type", KIND, &mut sent, true) {
            s if s.is_empty() => "comment".to_owned(),
            s => s,
        };
        let mut comment = Comment {
            id,
            post: take_u64(&mut obj, "post", POST, &mut sent),
            parent: take_u64(&mut obj, "parent", PARENT, &mut sent),
            author: take_u64(&mut obj, "author", AUTHOR, &mut sent),
            author_name: take_str(&mut obj, "author_name", AUTHOR_NAME, &mut sent, false),
            author_url: take_str(&mut obj, "author_url", AUTHOR_URL, &mut sent, false),
            date_gmt: take_date(&mut obj, &mut sent),
            content_html: take_content(&mut obj, &mut sent),
            link: take_str(&mut obj, "link", LINK, &mut sent, false),
            status,
            kind,
            rest: Rest::default(),
        };
        comment.rest = Rest {
            sent,
            other: (!obj.is_empty()).then(|| Value::Object(obj).to_string().into_boxed_str()),
        };
        Ok(comment)
    }

    /// The object exactly as fetched, for lossless archives (typed fields changed since,
    /// like a moderated status, as they are now). Built on each call.
    pub fn raw(&self) -> Value {
        let mut obj: Map = self
            .rest
            .other
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default();
        let sent = self.rest.sent;
        let mut put = |bit: u16, key: &str, value: Value| {
            if sent & bit != 0 {
                obj.insert(key.to_owned(), value);
            }
        };
        put(POST, "post", self.post.into());
        put(PARENT, "parent", self.parent.into());
        put(AUTHOR, "author", self.author.into());
        put(AUTHOR_NAME, "author_name", self.author_name.as_str().into());
        put(AUTHOR_URL, "author_url", self.author_url.as_str().into());
        put(LINK, "link", self.link.as_str().into());
        put(STATUS, "status", self.status.as_str().into());
        put(KIND, "type", self.kind.as_str().into());
        put(CONTENT_STRING, "content", self.content_html.as_str().into());
        let date = self.date_gmt.map(|d| d.format(WP_DATE_FORMAT).to_string());
        put(DATE_GMT, "date_gmt", date.into());
        obj.insert("id".to_owned(), self.id.into());
        if sent & CONTENT != 0 {
            let content = obj
                .entry("content")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(content) = content {
                content.insert("rendered".to_owned(), self.content_html.as_str().into());
            }
        }
        Value::Object(obj)
    }

    /// Set the moderation status (`approved`, `hold`, `spam`, `trash`); the archive's copy
    /// follows.
    pub fn set_status(&mut self, status: &str) {
        status.clone_into(&mut self.status);
        self.rest.sent |= STATUS;
    }

    /// Set the post the comment belongs to (a comment read from a page names none); the
    /// archive's copy follows.
    pub fn set_post(&mut self, post: u64) {
        self.post = post;
        self.rest.sent |= POST;
    }

    /// Key that orders comments oldest first; id breaks ties so the order is total. Comments
    /// without a date (pingbacks that a theme prints without one, read from its page) come
    /// after the dated ones, in id order.
    pub fn chrono_key(&self) -> (bool, Option<NaiveDateTime>, u64) {
        (self.date_gmt.is_none(), self.date_gmt, self.id)
    }

    /// True for pingbacks and trackbacks.
    pub fn is_ping(&self) -> bool {
        self.kind == "pingback" || self.kind == "trackback"
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
