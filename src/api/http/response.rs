//! A finished HTTP exchange: status, headers and body, and how its URL is shown. What its
//! body means (JSON, a WordPress error) is read in [`super::answer`].

use reqwest::header::HeaderMap;
use url::Url;

use crate::render::{sanitize_line, truncate_to_width};

/// A URL for messages: sanitized, without credentials.
pub fn display_url(url: &Url) -> String {
    let mut u = url.clone();
    let _ = u.set_password(None);
    let _ = u.set_username("");
    sanitize_line(u.as_str())
}

/// A URL for error lines, short enough that what happened stays visible: host (and port),
/// path cut to 60 columns, and of the query only `rest_route` and `page`
/// (`blog.example/wp-json/wp/v2/comments?page=2`); `http://` is kept, `https://` dropped.
pub fn short_url(url: &Url) -> String {
    let mut out = String::new();
    if url.scheme() != "https" {
        out.push_str(url.scheme());
        out.push_str("://");
    }
    out.push_str(url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        out.push_str(&format!(":{port}"));
    }
    out.push_str(&truncate_to_width(url.path(), 60));
    let kept: Vec<String> = url
        .query_pairs()
        .filter(|(k, _)| k == "rest_route" || k == "page")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    sanitize_line(&out)
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
}
