//! What went wrong with a request, in words a user can act on: transport errors classified
//! (host not found, refused, TLS, timeout) and HTTP error answers with WordPress's message.

use url::Url;

use super::response::{Response, display_url, short_url};
use crate::error::{Error, Result};
use crate::render::sanitize_line;

pub(super) fn finish_failed(outcome: Result<Response>) -> Result<Response> {
    match outcome {
        Ok(resp) => Err(http_error(&resp)),
        Err(e) => Err(e),
    }
}

/// The error for a non-2xx response (see [`super::answer::error`]).
pub fn http_error(resp: &Response) -> Error {
    super::answer::error(resp)
}

/// Map a transport error to what the user should hear.
pub(super) fn classify(url: &Url, err: &reqwest::Error) -> Error {
    let shown = short_url(url);
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
        // rustls reading an http answer as a TLS record: the site is plain http there.
        let plain_http = chain.contains("invalidcontenttype") || chain.contains("corrupt message");
        let advice = if plain_http {
            let mut http = url.clone();
            let _ = http.set_scheme("http");
            format!(
                "the server answered in plain http, not https: use {} if that is the site",
                display_url(&http)
            )
        } else {
            "check the certificate, the clock, or use the site's exact https URL".to_owned()
        };
        return Error::Tls {
            url: shown,
            detail: sanitize_line(&last_cause(err)),
            advice,
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
