//! Before anything else: is the site there, and over which scheme?
//!
//! A link typed without a scheme is tried over https first. It falls back to http once when
//! https cannot work there: a TLS failure, a refused or failed connection, or (for a loopback
//! address or a host with a port, where plain http is common) any transport failure. The
//! fallback is reported so the caller can say so. Credentials are not a concern here: the
//! client never sends them over http except to this machine ([`super::http::credentials`]).

use url::Url;

use super::discover::Target;
use super::http::{Client, display_url};
use crate::error::{Error, Result};

/// A target that answered, and a note when it is not the one typed.
#[derive(Clone, Debug)]
pub struct Reached {
    /// The target to use (http when the fallback was taken).
    pub target: Target,
    /// "https://x/ failed (…); using http://x/" when the fallback was taken.
    pub note: Option<String>,
}

/// One request (HEAD, no retries) to `target` (none for a `*.wordpress.com` blog); on the failures above, the http fallback
/// for a guessed scheme. Transport failures are errors (host not found, refused, TLS,
/// timeout); any HTTP answer, even an error status, means the site is there.
pub async fn reach(client: &Client, target: &Target) -> Result<Reached> {
    // WordPress.com blogs are read through the public API, never the blog's own host.
    if super::discover::is_wpcom_host(target.url.host_str().unwrap_or_default()) {
        return Ok(unchanged(target));
    }
    let first = probe(client, &target.url).await;
    let error = match first {
        Ok(()) => return Ok(unchanged(target)),
        Err(e) => e,
    };
    if !target.scheme_guessed || !falls_back(&target.url, &error) {
        return Err(error);
    }
    let mut http = target.url.clone();
    if http.set_scheme("http").is_err() {
        return Err(error);
    }
    match probe(client, &http).await {
        Ok(()) => Ok(Reached {
            note: Some(format!(
                "{} failed ({}); using {}",
                display_url(&target.url),
                short_reason(&error),
                display_url(&http)
            )),
            target: Target {
                url: http,
                ..target.clone()
            },
        }),
        // The https failure is the one to report: it was what the user asked for.
        Err(_) => Err(error),
    }
}

fn unchanged(target: &Target) -> Reached {
    Reached {
        target: target.clone(),
        note: None,
    }
}

async fn probe(client: &Client, url: &Url) -> Result<()> {
    match client.head(url).await {
        Ok(_) => Ok(()),
        // A server that cannot HEAD still answered something; only transport failures count.
        Err(
            e @ (Error::HostNotFound { .. }
            | Error::Connect { .. }
            | Error::Tls { .. }
            | Error::Timeout { .. }),
        ) => Err(e),
        Err(_) => Ok(()),
    }
}

/// Whether http is worth one try after `error` on `url`.
fn falls_back(url: &Url, error: &Error) -> bool {
    match error {
        Error::Tls { .. } | Error::Connect { .. } => true,
        Error::Timeout { .. } => is_local_or_ported(url),
        _ => false,
    }
}

/// Loopback addresses and hosts with an explicit port: where sites often run plain http.
pub fn is_local_or_ported(url: &Url) -> bool {
    url.port().is_some() || super::http::credentials::is_loopback(url)
}

fn short_reason(error: &Error) -> String {
    match error {
        Error::Tls { detail, .. } => format!("TLS: {detail}"),
        Error::Connect { detail, .. } => detail.clone(),
        Error::Timeout { .. } => "timed out".to_owned(),
        other => other.to_string(),
    }
}
