//! A finished HTTP exchange: status, headers and body, with the readers every endpoint uses.

use reqwest::header::HeaderMap;
use serde_json::Value;
use url::Url;

use crate::error::{Error, Result};
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

    /// Parse the body as JSON. Tolerates PHP notices printed before the JSON, which
    /// misconfigured sites often send.
    pub fn json(&self) -> Result<Value> {
        match serde_json::from_slice(&self.body) {
            Ok(v) => Ok(v),
            Err(first) => {
                let start = self.body.iter().position(|&b| b == b'[' || b == b'{');
                if let Some(v) = start
                    .filter(|&s| s > 0)
                    .and_then(|s| serde_json::from_slice(&self.body[s..]).ok())
                {
                    return Ok(v);
                }
                Err(Error::Malformed {
                    url: display_url(&self.url),
                    detail: sanitize_line(&first.to_string()),
                })
            }
        }
    }

    /// The `code` of a WordPress error body (`rest_comment_closed`, ...), if there is one.
    pub fn wp_error_code(&self) -> Option<String> {
        let v: Value = serde_json::from_slice(&self.body).ok()?;
        Some(sanitize_line(v.get("code")?.as_str()?))
    }

    /// The `message` of a WordPress error body, sanitized, if there is one.
    pub fn wp_error_message(&self) -> Option<String> {
        let v: Value = serde_json::from_slice(&self.body).ok()?;
        let msg = v.get("message")?.as_str()?;
        Some(crate::render::truncate_to_width(
            &crate::render::html_to_line(msg),
            200,
        ))
    }
}
