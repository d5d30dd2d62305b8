//! Small request decisions the client takes: following a same-host https upgrade, how long
//! `Retry-After` asks to wait, and why a request is retried (for the `--verbose` log).

use std::time::Duration;

use url::Url;

use super::response::Response;
use crate::error::Result;

/// The https form of `url` when `resp` is a redirect to exactly that.
pub fn https_upgrade(url: &Url, resp: &Response) -> Option<Url> {
    if !(300..400).contains(&resp.status) || url.scheme() != "http" {
        return None;
    }
    let target = url.join(resp.header("location")?).ok()?;
    let same = target.scheme() == "https"
        && target.host_str() == url.host_str()
        && target.path() == url.path()
        && target.query() == url.query();
    same.then_some(target)
}

/// Why a request is retried, for the log.
pub(super) fn retry_reason(outcome: &Result<Response>) -> String {
    match outcome {
        Ok(resp) => format!("HTTP {}", resp.status),
        Err(e) => e.to_string(),
    }
}

/// `Retry-After` as delay-seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let delta = when.signed_duration_since(chrono::Utc::now());
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}
