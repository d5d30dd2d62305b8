//! The JSON archive: a versioned, lossless copy of a thread that opens again offline.
//!
//! Format (version 1), keys in this order:
//! - `format`: always `"wpcomments-archive"`; `version`: 1
//! - `fetched_at`: UTC `YYYY-MM-DDTHH:MM:SSZ` (`SOURCE_DATE_EPOCH` overrides, for reproducible files)
//! - `source_url`: the URL the thread was read from
//! - `read_from` (only when something was read from the post's HTML page instead of the REST
//!   API): `{"page": "thread"|"pings", "reason": "…"}`
//! - `site`: `{name, url, api_root}`
//! - `post`: the post object exactly as the API sent it
//! - `total_reported`: the site's comment total (`X-WP-Total`) or null
//! - `comments`: every comment object exactly as the API sent it, oldest first
//! - `tree`: thread order as `{id, depth}` entries (informational; `parent` ids are the truth)

use std::io::Write;

use chrono::NaiveDateTime;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::model::{Comment, PageRead, Post, Site, ThreadData};
use crate::render::{is_unsafe_char, sanitize_line};
use crate::thread::{SortOrder, Thread};

/// The `format` marker.
pub const FORMAT: &str = "wpcomments-archive";
/// The version this build writes and reads.
pub const VERSION: u64 = 1;

/// Serialize a thread as an archive (pretty JSON, trailing newline).
pub fn to_json(data: &ThreadData, thread: &Thread) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and only valid UTF-8 is written.
    let _ = write(data, thread, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write a thread as an archive to `out`, comment by comment: the archive is never whole in
/// memory (a 50,000-comment thread is ~40 MB of JSON). Errors are `out`'s.
pub fn write(data: &ThreadData, thread: &Thread, out: &mut dyn Write) -> std::io::Result<()> {
    // Keys are written in a fixed order so the file reads top-down: identity first, bulk last.
    let mut head: Vec<(&str, Value)> = vec![
        ("format", json!(FORMAT)),
        ("version", json!(VERSION)),
        (
            "fetched_at",
            json!(
                data.fetched_at
                    .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            ),
        ),
        // Never a `user:pw@` a URL may have carried.
        ("source_url", json!(without_userinfo(&data.source_url))),
        ("read_from", Value::Null),
        (
            "site",
            json!({"name": data.site.name, "url": without_userinfo(&data.site.url), "api_root": without_userinfo(&data.site.api_root)}),
        ),
        ("post", data.post.raw.clone()),
        ("total_reported", json!(data.total_reported)),
    ];
    match &data.page_read {
        Some(read) => head[4].1 = page_read_json(read),
        None => {
            head.remove(4);
        }
    }
    out.write_all(b"{\n")?;
    for (key, value) in &head {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
        let field = format!("  {}: {},\n", json!(key), indent(&text, "\n  "));
        out.write_all(escape_invisible(&field).as_bytes())?;
    }
    let comments = thread.comments().iter().map(Comment::raw);
    write_list(out, "comments", comments, ",\n")?;
    let tree = thread
        .preorder(SortOrder::OldestFirst)
        .into_iter()
        .map(|r| json!({"id": thread.comment(r.index).id, "depth": r.depth}));
    write_list(out, "tree", tree, "\n")?;
    out.write_all(b"}\n")
}

/// `  "key": [ ... ]` as `to_string_pretty` lays out a list inside the top-level object, one
/// element at a time.
fn write_list(
    out: &mut dyn Write,
    key: &str,
    items: impl Iterator<Item = Value>,
    after: &str,
) -> std::io::Result<()> {
    out.write_all(format!("  {}: [", json!(key)).as_bytes())?;
    let mut first = true;
    for item in items {
        let text = serde_json::to_string_pretty(&item).unwrap_or_else(|_| "null".into());
        let sep = if first { "\n    " } else { ",\n    " };
        first = false;
        out.write_all(sep.as_bytes())?;
        out.write_all(escape_invisible(&indent(&text, "\n    ")).as_bytes())?;
    }
    out.write_all(if first { b"]" } else { b"\n  ]" })?;
    out.write_all(after.as_bytes())
}

/// serde_json escapes only C0 controls; C1 controls, bidi and invisible format characters
/// are valid in JSON strings too, but must never reach a terminal that `cat`s the archive.
/// Outside strings only ASCII appears, so escaping them everywhere is safe and lossless.
/// Zero-width joiners and non-joiners are escaped too (`\u200d`): the archive cannot tell a
/// joiner that joins from a stray one, and an escaped one reads back the same.
fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        if ch != '\n' && (is_unsafe_char(ch) || matches!(ch, '\u{200c}' | '\u{200d}')) {
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(ch);
        }
    }
    out
}

fn page_read_json(read: &PageRead) -> Value {
    let part = if read.whole_thread { "thread" } else { "pings" };
    json!({"page": part, "reason": read.reason})
}

fn page_read_from(v: &Value) -> Option<PageRead> {
    let read = v.get("read_from")?;
    Some(PageRead {
        whole_thread: read.get("page")?.as_str()? == "thread",
        reason: read
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    })
}

fn indent(text: &str, newline: &str) -> String {
    text.replace('\n', newline)
}

/// Parse an archive. `path` only names the file in errors.
pub fn from_json(text: &str, path: &str) -> Result<ThreadData> {
    let err = |detail: String| Error::Archive {
        path: sanitize_line(path),
        detail,
    };
    let mut v: Value =
        serde_json::from_str(text).map_err(|e| err(format!("not valid JSON ({e})")))?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(err(
            "not a wpcomments archive (no \"format\": \"wpcomments-archive\")".into(),
        ));
    }
    match v.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        other => {
            let shown = other.map_or("missing".to_owned(), |n| n.to_string());
            return Err(err(format!(
                "unknown archive version {shown}; this wpcomments reads version {VERSION} (upgrade wpcomments)"
            )));
        }
    }
    let post = Post::from_json(v.get("post").cloned().unwrap_or(Value::Null))
        .map_err(|e| err(format!("bad post: {e}")))?;
    let comments = match v.get_mut("comments").map(Value::take) {
        Some(Value::Array(list)) => list,
        _ => return Err(err("no comments list".into())),
    };
    let comments = comments
        .into_iter()
        .map(Comment::from_json)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| err(format!("bad comment: {e}")))?;
    let site_v = v.get("site").cloned().unwrap_or(Value::Null);
    let field = |k: &str| {
        site_v
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Ok(ThreadData {
        site: Site {
            name: field("name"),
            url: field("url"),
            api_root: field("api_root"),
        },
        post,
        comments,
        total_reported: v.get("total_reported").and_then(Value::as_u64),
        fetched_at: v
            .get("fetched_at")
            .and_then(Value::as_str)
            .and_then(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").ok()),
        source_url: without_userinfo(
            v.get("source_url")
                .and_then(Value::as_str)
                .unwrap_or_default(),
        ),
        page_read: page_read_from(&v),
    })
}

/// `text` without the `user:pw@` of a URL (unchanged when it is not a URL).
fn without_userinfo(text: &str) -> String {
    match url::Url::parse(text) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => text.to_owned(),
    }
}

/// Largest archive read. A thread of 50,000 long comments is about 100 MB of JSON.
pub const MAX_ARCHIVE: u64 = 128 << 20;

/// Read an archive file: a regular file of at most [`MAX_ARCHIVE`] bytes (a FIFO, a device
/// or a symlink to one is refused without blocking, see [`crate::store::files::read_regular`]).
pub fn read_file(path: &std::path::Path) -> Result<ThreadData> {
    let shown = path.display().to_string();
    let text =
        crate::store::files::read_regular(path, MAX_ARCHIVE).map_err(|e| Error::Archive {
            path: sanitize_line(&shown),
            detail: e.to_string(),
        })?;
    from_json(&text, &shown)
}

#[cfg(test)]
mod tests {
    use super::{escape_invisible, without_userinfo};

    #[test]
    fn credentials_in_a_url_are_never_stored_or_read_back() {
        assert_eq!(
            without_userinfo("http://bob:pw@h.example/p/"),
            "http://h.example/p/"
        );
        assert_eq!(without_userinfo("not a url"), "not a url");
        let mut data = crate::demo::thread().expect("demo");
        data.source_url = "https://bob:pw@h.example/p/".into();
        let thread = crate::thread::Thread::build(data.comments.clone());
        let written = super::to_json(&data, &thread);
        assert!(!written.contains("bob:pw"), "written");
        // An archive written by an older version still had them: dropped on reading.
        let old = written.replace("https://h.example/p/", "https://bob:pw@h.example/p/");
        let read = super::from_json(&old, "old.json").expect("reads");
        assert_eq!(read.source_url, "https://h.example/p/");
    }

    #[test]
    fn invisible_characters_are_written_as_json_escapes_and_read_back() {
        // Joiners too, a stray one (`\u{9b}…\u{200d}`) and one in an emoji sequence alike.
        let raw = "a\u{9b}b\u{202e}c\u{feff}d\u{e0041}e\u{200d}f\u{200c}g👩\u{200d}💻";
        let json = serde_json::to_string(raw).expect("serializes");
        let escaped = escape_invisible(&json);
        assert!(
            !escaped.contains('\u{200d}') && !escaped.contains('\u{200c}'),
            "{escaped}"
        );
        assert!(escaped.contains("\\u200d"), "{escaped}");
        assert!(
            escaped.contains("\\udb40\\udc41"),
            "surrogate pair: {escaped}"
        );
        let back: String = serde_json::from_str(&escaped).expect("parses");
        assert_eq!(back, raw);
    }
}
