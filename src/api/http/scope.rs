//! Where an identity's credentials may go: the one rule every flow that sends a secret
//! passes through (the `Authorization` header on each request, the JWT token request, the
//! OAuth code exchange, the browser pages a login opens).
//!
//! A scope is a site: a host, a port and a home path. `https://h.example/~alice/` serves
//! `https://h.example/~alice/wp-json/…` and `…/~alice/?rest_route=…`, never
//! `https://h.example/~mallory/…` (user directories and subdirectory multisites put many
//! sites on one host), another port, or another host. Credentials further go only over
//! https or to this machine, and never in a URL's user-info. The decision is made on the URL
//! before a connection is opened.

use std::net::IpAddr;

use url::Url;

use super::response::display_url;
use crate::error::{Error, Result};

/// A site credentials belong to: scheme-independent host and port, and a home path ending
/// with `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    home: Url,
}

impl Scope {
    /// The scope of the site at `home` (`https://h.example/blog/`); a path not ending in `/`
    /// is taken as the dir it names (`/blog` → `/blog/`). Query and fragment are ignored.
    pub fn new(home: &Url) -> Scope {
        let mut home = home.clone();
        let _ = home.set_username("");
        let _ = home.set_password(None);
        home.set_query(None);
        home.set_fragment(None);
        if !home.path().ends_with('/') {
            let p = format!("{}/", home.path());
            home.set_path(&p);
        }
        Scope { home }
    }

    /// [`Scope::new`] from text; `None` when it is not a URL with a host.
    pub fn parse(home: &str) -> Option<Scope> {
        Url::parse(home)
            .ok()
            .filter(|u| u.host_str().is_some())
            .map(|u| Scope::new(&u))
    }

    /// The home URL, for messages.
    pub fn home(&self) -> &Url {
        &self.home
    }

    /// True when `url` is on this site: same host (ASCII case-insensitive) and port, a path
    /// at or below the home path, and no user-info.
    pub fn contains(&self, url: &Url) -> bool {
        let same_host = self
            .home
            .host_str()
            .zip(url.host_str())
            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b));
        same_host
            && self.home.port_or_known_default() == url.port_or_known_default()
            && url.username().is_empty()
            && url.password().is_none()
            && under(url.path(), self.home.path())
    }

    /// The rule: `url` may receive this site's secrets (inside the scope, over https or to
    /// this machine). Errors: one line saying where the secret was not sent and why.
    pub fn admit(&self, url: &Url) -> Result<()> {
        if !self.contains(url) {
            return Err(Error::Auth(format!(
                "refusing to send credentials for {} to {}: it is outside that site (nothing was sent)",
                display_url(&self.home),
                display_url(url)
            )));
        }
        check_transport(url)
    }

    /// The rule for a page a login opens in the browser: https (or http on this machine),
    /// inside the scope. Errors: one line naming the refused address (sanitized).
    pub fn admit_browser(&self, url: &Url) -> Result<()> {
        let web = matches!(url.scheme(), "https" | "http");
        if web && self.contains(url) && check_transport(url).is_ok() {
            return Ok(());
        }
        Err(Error::Auth(format!(
            "{} asked to open {} in the browser, which is not an https page of that site: not opened",
            display_url(&self.home),
            crate::render::sanitize_line(url.as_str())
        )))
    }
}

/// The redirect policy of a client whose credentials belong to `scope` (`None`: no
/// credentials, every redirect followed, at most 10). reqwest drops the `Authorization`
/// header when a redirect changes host or port but keeps it within one, so a redirect from
/// inside the scope to another site of the same host (`/~alice/` → `/~mallory/`) is not
/// followed: the 3xx comes back and [`stopped_redirect`] words it.
pub fn redirect_policy(scope: Option<Scope>) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        let next = attempt.url();
        let same_origin = attempt.previous().last().is_some_and(|prev| {
            prev.host_str() == next.host_str()
                && prev.port_or_known_default() == next.port_or_known_default()
        });
        let started_inside = |s: &Scope| attempt.previous().first().is_some_and(|f| s.contains(f));
        // reqwest keeps the header on a same host and port redirect, whatever the scheme:
        // https → http on one port would send it in the clear.
        let leaves = same_origin
            && scope.as_ref().is_some_and(|s| {
                started_inside(s) && (!s.contains(next) || check_transport(next).is_err())
            });
        if leaves {
            attempt.stop()
        } else if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

/// The error for a redirect [`redirect_policy`] did not follow with credentials.
pub fn stopped_redirect(from: &Url, headers: &reqwest::header::HeaderMap) -> Error {
    let target = headers
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| from.join(l).ok());
    let (to, why) = match &target {
        Some(u) if check_transport(u).is_err() => (display_url(u), "plain http"),
        Some(u) => (display_url(u), "outside the identity's site"),
        None => (
            "an address it does not name clearly".to_owned(),
            "unchecked",
        ),
    };
    Error::Auth(format!(
        "{} redirects to {to} ({why}): not followed with the identity's credentials",
        display_url(from)
    ))
}

/// `path` is `home` or below it (`/a/` holds `/a/` and `/a/b`, not `/ab`), and means the same
/// to every server. The URL parser resolves `..` and `%2e%2e`, but servers differ on what
/// they decode before resolving: nginx turns `/a/..%2fb/` into `/b/`, Tomcat drops `;…`
/// path parameters (`/a/..;/b/`), IIS reads `\` and `%5c` as `/`. A path holding any of
/// those (an encoded `/`, `\` or `.`, a `\`, a `;`, or a dot segment) is outside every scope:
/// WordPress never needs one.
fn under(path: &str, home: &str) -> bool {
    !ambiguous(path) && (path.starts_with(home) || format!("{path}/") == home)
}

/// True when servers may resolve `path` to different places (see [`under`]).
fn ambiguous(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ["%2f", "%5c", "%2e", "%25", "\\", ";"]
        .iter()
        .any(|bad| lower.contains(bad))
        || path.split('/').any(|seg| seg == "." || seg == "..")
}

/// True when `url` is on the same host and port as `site` (the scheme may differ). Not a
/// credential rule (that is [`Scope`]): for checks such as "the form answered on its own
/// host".
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

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn a_scope_is_a_site_not_a_host() {
        let alice = Scope::parse("http://127.0.0.1:8080/~alice/").expect("scope");
        for inside in [
            "http://127.0.0.1:8080/~alice/",
            "http://127.0.0.1:8080/~alice",
            "http://127.0.0.1:8080/~alice/wp-json/wp/v2/comments?post=1",
            "http://127.0.0.1:8080/~alice/?rest_route=/wp/v2/users/me",
        ] {
            assert!(alice.contains(&url(inside)), "{inside}");
        }
        for outside in [
            "http://127.0.0.1:8080/~mallory/wp-json/",
            "http://127.0.0.1:8080/~alicex/",
            "http://127.0.0.1:8080/",
            "http://127.0.0.1:8080/~alice/../~mallory/",
            "http://127.0.0.1:8080/~alice/%2e%2e/~mallory/",
            "http://127.0.0.1:8081/~alice/",
            "http://127.0.0.2:8080/~alice/",
            "http://bob:pw@127.0.0.1:8080/~alice/",
        ] {
            assert!(!alice.contains(&url(outside)), "{outside}");
        }
    }

    #[test]
    fn a_path_servers_may_resolve_elsewhere_is_outside_every_scope() {
        // Found by the red team: nginx decodes `%2f` before resolving `..`, so this is
        // mallory's site to the server while the URL parser keeps it under `/~alice/`.
        let alice = Scope::parse("http://127.0.0.1:8080/~alice/").expect("scope");
        for tricky in [
            "http://127.0.0.1:8080/~alice/..%2f~mallory/wp-json/",
            "http://127.0.0.1:8080/~alice/..%2F~mallory/wp-json/",
            "http://127.0.0.1:8080/~alice/%2e%2e%2f~mallory/",
            "http://127.0.0.1:8080/~alice/..;/~mallory/",
            "http://127.0.0.1:8080/~alice/..%5c~mallory/",
            "http://127.0.0.1:8080/~alice/..%5C~mallory/",
            "http://127.0.0.1:8080/~alice/..%252f~mallory/",
            "http://127.0.0.1:8080/~alice/x;y/wp-json/",
        ] {
            assert!(!alice.contains(&url(tricky)), "{tricky}");
            assert!(alice.admit(&url(tricky)).is_err(), "{tricky}");
            assert!(alice.admit_browser(&url(tricky)).is_err(), "{tricky}");
        }
        // Ordinary WordPress addresses, percent-encoded slugs included, stay inside.
        for fine in [
            "http://127.0.0.1:8080/~alice/2024/05/%d0%bf%d1%80%d0%b8/",
            "http://127.0.0.1:8080/~alice/?rest_route=%2Fwp%2Fv2%2Fcomments",
            "http://127.0.0.1:8080/~alice/wp-json/wp/v2/comments?search=a;b",
        ] {
            assert!(alice.contains(&url(fine)), "{fine}");
        }
    }

    #[test]
    fn secrets_travel_only_inside_and_over_https_or_to_this_machine() {
        let site = Scope::parse("http://blog.example/").expect("scope");
        let err = site
            .admit(&url("http://blog.example/wp-json/"))
            .unwrap_err();
        assert!(err.to_string().contains("plain http"), "{err}");
        let site = Scope::parse("https://blog.example/").expect("scope");
        assert!(site.admit(&url("https://BLOG.example/wp-json/")).is_ok());
        let err = site
            .admit(&url("https://other.example/wp-json/"))
            .unwrap_err();
        assert!(err.to_string().contains("outside that site"), "{err}");
    }

    #[test]
    fn the_browser_opens_only_the_sites_own_web_pages() {
        let site = Scope::parse("https://blog.example/").expect("scope");
        assert!(
            site.admit_browser(&url(
                "https://blog.example/wp-admin/authorize-application.php"
            ))
            .is_ok()
        );
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "x-custom://blog.example/",
            "http://blog.example/wp-admin/",
            "https://other.example/wp-admin/",
        ] {
            assert!(site.admit_browser(&url(bad)).is_err(), "{bad}");
        }
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
            assert!(check_transport(&url(ok)).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/",
            "http://10.0.0.1/",
            "http://localhost.example/",
        ] {
            assert!(check_transport(&url(bad)).is_err(), "{bad}");
        }
    }
}
