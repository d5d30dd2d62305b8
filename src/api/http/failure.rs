//! What went wrong with a request, in words a user can act on: transport errors classified
//! (host not found, refused, TLS, timeout) and HTTP error answers with WordPress's message.

use url::Url;

use super::response::{Response, display_url};
use crate::error::{Error, Result};
use crate::render::sanitize_line;

pub(super) fn finish_failed(url: &Url, outcome: Result<Response>) -> Result<Response> {
    match outcome {
        Ok(resp) if resp.status == 429 => Err(Error::RateLimited {
            url: display_url(url),
            wait: "a while".to_owned(),
        }),
        Ok(resp) => Err(http_error(&resp)),
        Err(e) => Err(e),
    }
}

/// The error for a non-2xx response.
pub fn http_error(resp: &Response) -> Error {
    if resp.status == 429 {
        return Error::RateLimited {
            url: display_url(&resp.url),
            wait: "a while".to_owned(),
        };
    }
    Error::Http {
        url: display_url(&resp.url),
        status: resp.status,
        message: resp
            .wp_error_message()
            .map(|m| format!(": {m}"))
            .unwrap_or_default(),
    }
}

/// Map a transport error to what the user should hear.
pub(super) fn classify(url: &Url, err: &reqwest::Error) -> Error {
    let shown = display_url(url);
    if err.is_timeout() {
        return Error::Timeout { url: shown };
    }
    // Only the causes: reqwest's own message contains the URL, and a post slug like
    // "how-tls-works" must not make a refused connection look like a TLS failure.
    let chain = cause_chain(err).to_lowercase();
    if chain.contains("dns error")
        || chain.contains("failed to lookup address")
        || chain.contains("name or service not known")
        || chain.contains("no address associated")
    {
        return Error::HostNotFound {
            host: sanitize_line(url.host_str().unwrap_or_default()),
        };
    }
    if [
        "certificate",
        "tls",
        "handshake",
        "corrupt message",
        "invalidcontenttype",
    ]
    .iter()
    .any(|needle| chain.contains(needle))
    {
        return Error::Tls {
            url: shown,
            detail: sanitize_line(&last_cause(err)),
        };
    }
    if err.is_decode() || err.is_body() {
        return Error::Malformed {
            url: shown,
            detail: format!(
                "body cut off or undecodable: {}",
                sanitize_line(&last_cause(err))
            ),
        };
    }
    if err.is_redirect() {
        return Error::Http {
            url: shown,
            status: 310,
            message: ": too many redirects".to_owned(),
        };
    }
    let detail = if chain.contains("connection refused") {
        "connection refused".to_owned()
    } else {
        sanitize_line(&last_cause(err))
    };
    Error::Connect { url: shown, detail }
}

fn cause_chain(err: &dyn std::error::Error) -> String {
    let mut out = String::new();
    let mut cur = err.source();
    while let Some(e) = cur {
        out.push_str(": ");
        out.push_str(&e.to_string());
        cur = e.source();
    }
    out
}

fn last_cause(err: &dyn std::error::Error) -> String {
    let mut cur: &dyn std::error::Error = err;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}
