//! Credentials on the wire: the `Authorization` header and where it may be sent.
//!
//! Secrets are wrapped in [`Secret`], whose `Debug` prints `[redacted]`, so a secret cannot
//! reach a log line, a panic message or a snapshot by accident.

use std::fmt;
use std::net::IpAddr;

use url::Url;

use super::response::display_url;
use crate::error::{Error, Result};

/// A password or token. Only [`Secret::expose`] gives the text out.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wrap a secret (surrounding whitespace, such as a pasted newline, is dropped).
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into().trim().to_owned())
    }

    /// The secret itself, for the one place that puts it on the wire or on disk.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How requests authenticate.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// HTTP Basic with an application password (WordPress 5.6+).
    Basic {
        /// The user's login name.
        user: String,
        /// The application password.
        password: Secret,
    },
    /// `Authorization: Bearer` (WordPress.com OAuth2, JWT plugins).
    Bearer(Secret),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Basic { user, .. } => write!(f, "Basic({user}, [redacted])"),
            Auth::Bearer(_) => f.write_str("Bearer([redacted])"),
        }
    }
}

impl Auth {
    /// Add the `Authorization` header to a request.
    pub fn apply(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Auth::Basic { user, password } => request.basic_auth(user, Some(password.expose())),
            Auth::Bearer(token) => request.bearer_auth(token.expose()),
        }
    }
}

/// True when `url` is on the same host and port as `site` (the scheme may differ: plain http
/// is refused separately by [`check_transport`]).
pub fn same_host(site: &Url, url: &Url) -> bool {
    site.host_str()
        .zip(url.host_str())
        .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
        && site.port_or_known_default() == url.port_or_known_default()
}

/// True for hosts on this machine: `localhost`, 127.0.0.0/8 and `::1`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Credentials go only over https, or to this machine (a local development site).
pub fn check_transport(url: &Url) -> Result<()> {
    if url.scheme() == "https" || is_loopback(url) {
        return Ok(());
    }
    Err(Error::Auth(format!(
        "refusing to send credentials to {} over plain http: anyone on the way could read them (use the site's https address)",
        display_url(url)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let auth = Auth::Basic {
            user: "ada".into(),
            password: Secret::new("abcd efgh"),
        };
        let shown = format!("{auth:?} {:?}", Auth::Bearer(Secret::new("tok123")));
        assert!(
            !shown.contains("abcd") && !shown.contains("tok123"),
            "{shown}"
        );
        assert!(shown.contains("ada"));
    }

    #[test]
    fn credentials_travel_only_over_https_or_to_this_machine() {
        for ok in [
            "https://example.com/wp-json/",
            "http://127.0.0.1:8080/",
            "http://127.9.9.9/",
            "http://localhost/",
            "http://[::1]:81/",
        ] {
            assert!(check_transport(&Url::parse(ok).unwrap()).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/",
            "http://10.0.0.1/",
            "http://localhost.example/",
        ] {
            assert!(check_transport(&Url::parse(bad).unwrap()).is_err(), "{bad}");
        }
    }
}
