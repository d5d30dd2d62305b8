//! One classifier for every server answer, REST and page alike: what a [`Response`] is
//! (JSON, an HTML page, a WordPress error, a redirect, the end of a list) and, when it is not
//! what the caller needs, the [`Error`] that says so in words a user can act on.
//!
//! Everything here is pure (bytes and headers in, a value or an error out), so the fuzz
//! target `answer` and the unit tests drive it without a network.

use serde_json::Value;
use url::Url;

use super::response::{Response, short_url};
use crate::error::Error;
use crate::render::{html_to_line, sanitize_line, truncate_to_width};

/// `code` and `message` of a WordPress REST error body (`{"code": …, "message": …}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WpError {
    /// The machine code (`rest_cannot_access`, `rest_no_route`, …), sanitized.
    pub code: String,
    /// The site's message as one sanitized line, at most 200 columns.
    pub message: String,
}

/// Error codes with which a site closes its REST API to readers without credentials
/// (WordPress's `rest_authentication_errors` filter as used by "Disable REST API", "Force
/// Login" and security plugins).
const CLOSED_CODES: [&str; 4] = [
    "rest_cannot_access",
    "rest_login_required",
    "rest_not_logged_in",
    "rest_authentication_required",
];

/// The WordPress error in `body`, read from its first JSON value (plugins that hook the
/// error twice write the body twice; anything after the first value is ignored).
pub fn wp_error(body: &[u8]) -> Option<WpError> {
    let v = first_value(body)?;
    let code = sanitize_line(v.get("code")?.as_str()?);
    let message = v
        .get("message")
        .and_then(Value::as_str)
        .map(|m| truncate_to_width(&html_to_line(m), 200))
        .unwrap_or_default();
    Some(WpError { code, message })
}

/// The readers of a [`Response`]'s body every endpoint uses.
impl Response {
    /// The body's JSON value, classified by the free function `json` above: a BOM, PHP notices
    /// and trailing HTML comments are tolerated, an HTML page or anything else is named.
    pub fn json(&self) -> Result<Value, Error> {
        json(self)
    }

    /// The `code` of a WordPress error body (`rest_comment_closed`, ...), if there is one.
    pub fn wp_error_code(&self) -> Option<String> {
        wp_error(&self.body).map(|e| e.code)
    }

    /// The `message` of a WordPress error body, sanitized, if there is one.
    pub fn wp_error_message(&self) -> Option<String> {
        wp_error(&self.body)
            .map(|e| e.message)
            .filter(|m| !m.is_empty())
    }
}

fn first_value(body: &[u8]) -> Option<Value> {
    let body = trim_start(body);
    let mut values = serde_json::Deserializer::from_slice(body).into_iter::<Value>();
    values.next()?.ok()
}

/// True when the answer means "past the end of the list": any `*_invalid_page_number`
/// (WordPress answers 400 `rest_post_invalid_page_number`, `rest_comment_invalid_page_number`,
/// … for a page beyond the last).
pub fn is_past_end(resp: &Response) -> bool {
    resp.status == 400
        && wp_error(&resp.body).is_some_and(|e| e.code.ends_with("_invalid_page_number"))
}

/// The JSON value of a 2xx answer. A byte-order mark, whitespace and PHP notices before the
/// value and whitespace and HTML comments after it (cache plugins sign their pages) are
/// ignored; an HTML page, an empty body, broken JSON or other text after the value is an
/// error that names what came instead ([`Error::NotJson`], [`Error::Malformed`]).
pub fn json(resp: &Response) -> Result<Value, Error> {
    parse_json(&resp.body).map_err(|fault| fault.into_error(resp))
}

/// The error a non-2xx answer stands for, named by its status and WordPress error code:
/// [`Error::RestClosed`], [`Error::NoRoute`], [`Error::Redirected`] (a 3xx, which only
/// requests with a body see), [`Error::RateLimited`], else [`Error::Http`] with the site's
/// message.
pub fn error(resp: &Response) -> Error {
    let url = short_url(&resp.url);
    let wp = wp_error(&resp.body);
    let code = wp.as_ref().map_or("", |e| e.code.as_str());
    match resp.status {
        300..=399 => Error::Redirected {
            url,
            status: resp.status,
            target: resp
                .header("location")
                .and_then(|l| resp.url.join(l).ok())
                .map_or_else(
                    || "nowhere (no Location header)".to_owned(),
                    |t| short_url(&t),
                ),
        },
        401 | 403 if CLOSED_CODES.contains(&code) => {
            let wp = wp.unwrap_or_default();
            Error::RestClosed {
                url,
                status: resp.status,
                code: wp.code,
                message: wp.message,
            }
        }
        404 if code == "rest_no_route" => Error::NoRoute {
            url,
            route: route_of(&resp.url),
        },
        429 => Error::RateLimited {
            url,
            wait: "a while".to_owned(),
        },
        status => Error::Http {
            url,
            status,
            message: match wp {
                Some(e) if e.message.is_empty() => format!(" ({})", e.code),
                Some(e) => format!(" ({}): {}", e.code, e.message),
                None => String::new(),
            },
        },
    }
}

/// The HTML of a page answer (a post's permalink): 2xx and not JSON. Other statuses are
/// classified like REST answers, so a page reader and the REST client report the same kinds.
pub fn page_html(resp: &Response) -> Result<String, Error> {
    if !resp.ok() {
        return Err(error(resp));
    }
    if first_value(&resp.body).is_some() && !looks_like_html(trim_start(&resp.body)) {
        return Err(Error::Malformed {
            url: short_url(&resp.url),
            detail: "expected an HTML page but the site sent JSON".into(),
        });
    }
    Ok(String::from_utf8_lossy(&resp.body).into_owned())
}

/// The REST route a URL asks for: `/wp/v2/comments` from `…/wp-json/wp/v2/comments` or from
/// `?rest_route=/wp/v2/comments`, else the path.
pub fn route_of(url: &Url) -> String {
    if let Some((_, r)) = url.query_pairs().find(|(k, _)| k == "rest_route") {
        return sanitize_line(&r);
    }
    let path = url.path();
    let route = path.find("/wp-json").map_or(path, |at| &path[at + 8..]);
    sanitize_line(&percent_encoding::percent_decode_str(route).decode_utf8_lossy())
}

/// Why a body is not a JSON value.
#[derive(Debug, PartialEq, Eq)]
pub enum JsonFault {
    /// Nothing but whitespace.
    Empty,
    /// An HTML page, with its `<title>` if it has one.
    Html(Option<String>),
    /// Not JSON: the parser's message (line and column).
    Broken(String),
    /// A JSON value followed by something else at byte `at`: a short sample of it.
    Trailing {
        /// Byte offset after the BOM and leading whitespace.
        at: usize,
        /// The first characters of what follows, sanitized.
        sample: String,
    },
}

impl JsonFault {
    fn into_error(self, resp: &Response) -> Error {
        let url = short_url(&resp.url);
        let detail = match self {
            JsonFault::Html(title) => {
                return Error::NotJson {
                    url,
                    status: resp.status,
                    title: title
                        .map(|t| format!(" titled \"{t}\""))
                        .unwrap_or_default(),
                };
            }
            JsonFault::Empty => "an empty body where JSON was expected".to_owned(),
            JsonFault::Broken(e) => format!("broken JSON ({e})"),
            JsonFault::Trailing { at, sample } => {
                format!("JSON followed by other text at byte {at}: \"{sample}\"")
            }
        };
        Error::Malformed { url, detail }
    }
}

/// Read the JSON value of a body (see [`json`] for what is tolerated around it).
pub fn parse_json(body: &[u8]) -> Result<Value, JsonFault> {
    let text = trim_start(body);
    if text.is_empty() {
        return Err(JsonFault::Empty);
    }
    let first = match value_then_rest(text) {
        Ok(v) => return Ok(v),
        Err(fault) => fault,
    };
    if text[0] == b'<' {
        if let Some(v) = after_php_notices(text) {
            return Ok(v);
        }
        if looks_like_html(text) {
            return Err(JsonFault::Html(html_title(text)));
        }
    }
    Err(first)
}

fn value_then_rest(text: &[u8]) -> Result<Value, JsonFault> {
    let mut values = serde_json::Deserializer::from_slice(text).into_iter::<Value>();
    let value = match values.next() {
        Some(Ok(v)) => v,
        Some(Err(e)) => return Err(JsonFault::Broken(sanitize_line(&e.to_string()))),
        None => return Err(JsonFault::Empty),
    };
    let at = values.byte_offset();
    match skip_ignorable(&text[at..]) {
        [] => Ok(value),
        rest => Err(JsonFault::Trailing {
            at: text.len() - rest.len(),
            sample: truncate_to_width(&sanitize_line(&String::from_utf8_lossy(rest)), 40),
        }),
    }
}

/// What may follow the value: whitespace and complete `<!-- … -->` comments.
fn skip_ignorable(mut rest: &[u8]) -> &[u8] {
    loop {
        rest = rest.trim_ascii_start();
        let Some(after) = rest.strip_prefix(b"<!--") else {
            return rest;
        };
        match find(after, b"-->") {
            Some(end) => rest = &after[end + 3..],
            None => return rest,
        }
    }
}

/// PHP notices printed before the JSON (`<br />\n<b>Notice</b>: … on line 3<br />\n[…]`).
fn after_php_notices(text: &[u8]) -> Option<Value> {
    let head = String::from_utf8_lossy(&text[..text.len().min(4096)]).to_ascii_lowercase();
    let notice = ["notice</b>", "warning</b>", "deprecated</b>", "<br />"]
        .iter()
        .any(|n| head.contains(n));
    if !notice {
        return None;
    }
    // The value starts on a line of its own after the last notice.
    let start = text
        .iter()
        .enumerate()
        .position(|(i, &b)| (b == b'[' || b == b'{') && (i == 0 || text[i - 1] == b'\n'))?;
    value_then_rest(&text[start..]).ok()
}

fn looks_like_html(text: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&text[..text.len().min(1024)]).to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<title",
        "<meta",
        "<!--",
        "<div",
        "<p>",
        "<h1",
    ]
    .iter()
    .any(|t| head.contains(t))
}

fn html_title(text: &[u8]) -> Option<String> {
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(text));
    let sel = scraper::Selector::parse("title").ok()?;
    let title = doc.select(&sel).next()?.text().collect::<String>();
    let title = truncate_to_width(&sanitize_line(&title), 80);
    (!title.is_empty()).then_some(title)
}

/// Without a UTF-8 byte-order mark (or several) and leading whitespace.
fn trim_start(mut body: &[u8]) -> &[u8] {
    loop {
        body = body.trim_ascii_start();
        match body.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => body = rest,
            None => return body,
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
#[path = "answer_tests.rs"]
mod tests;
