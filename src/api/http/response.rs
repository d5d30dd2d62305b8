//! A finished HTTP exchange: status, headers and body, with the readers every endpoint uses.

use reqwest::header::HeaderMap;
use serde_json::Value;
use url::Url;

use crate::error::Result;
use crate::render::sanitize_line;

/// A URL for messages: sanitized, without credentials.
pub fn display_url(url: &Url) -> String {
    let mut u = url.clone();
    let _ = u.set_password(None);
    let _ = u.set_username("");
    sanitize_line(u.as_str())
}

/// A finished HTTP exchange.
#[derive(Debug)]
pub struct Response {
    /// Final URL after redirects.
    pub url: Url,
    /// HTTP status code.
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
    /// Body (decompressed).
    pub body: Vec<u8>,
}

impl Response {
    /// True for 2xx.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A header as text, if present and ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// All values of a header.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect()
    }

    /// A numeric header such as `X-WP-Total`.
    pub fn header_u64(&self, name: &str) -> Option<u64> {
        self.header(name)?.trim().parse().ok()
    }

    /// The body's JSON value, classified by [`super::answer::json`]: a BOM, PHP notices
    /// and trailing HTML comments are tolerated, an HTML page or anything else is named.
    pub fn json(&self) -> Result<Value> {
        super::answer::json(self)
    }

    /// The `code` of a WordPress error body (`rest_comment_closed`, ...), if there is one.
    pub fn wp_error_code(&self) -> Option<String> {
        super::answer::wp_error(&self.body).map(|e| e.code)
    }

    /// The `message` of a WordPress error body, sanitized, if there is one.
    pub fn wp_error_message(&self) -> Option<String> {
        super::answer::wp_error(&self.body)
            .map(|e| e.message)
            .filter(|m| !m.is_empty())
    }
}
