//! One comment as the REST API sends it (`/wp/v2/comments` items), kept compact: typed fields
//! for what the program uses, and of the fetched object only the rest, so an archive gets
//! the object back exactly ([`Comment::raw`]).

use chrono::NaiveDateTime;
use serde_json::Value;

use super::{WP_DATE_FORMAT, parse_wp_date};

/// Drop every copy of a comment but the last (by id), in place and keeping their order: no
/// map of whole comments and no second vector, so a thread is held once.
pub fn keep_last_copies(comments: &mut Vec<Comment>) {
    let last: super::IdMap<usize> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    if last.len() == comments.len() {
        return;
    }
    let mut i = 0;
    comments.retain(|c| {
        i += 1;
        last.get(&c.id) == Some(&(i - 1))
    });
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

    /// The site's local `date` (REST field `date`, the site's time zone, no offset): shown,
    /// marked as site time, when `date_gmt` is missing.
    pub fn site_date(&self) -> Option<NaiveDateTime> {
        // Kept with the fields the typed ones do not hold (`Rest::other`).
        let other: Map = serde_json::from_str(self.rest.other.as_deref()?).ok()?;
        parse_wp_date(other.get("date"))
    }

    /// True for pingbacks and trackbacks.
    pub fn is_ping(&self) -> bool {
        self.kind == "pingback" || self.kind == "trackback"
    }
}
