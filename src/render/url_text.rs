//! URLs as the reader shows them: the host as it will be opened, never hidden.
//!
//! A link's host is shown in the ASCII form the browser connects to (IDNA/punycode, UTS #46
//! via the `url` crate): `раypal.example` written with Cyrillic letters shows as
//! `xn--ypal-43d9g.example`, so look-alike letters cannot pass for a familiar name. User-info
//! is dropped (`https://accounts.bank.example@evil.example/` shows and opens as
//! `https://evil.example/`). When a URL is too long for its place, the path is shortened in
//! the middle and the scheme and host stay whole ([`fit_url`]).

use url::Url;

use super::sanitize_line;
use super::width::{display_width, truncate_to_width};

/// Where a comment's `<a href>` leads, normalized for showing, copying and opening:
/// `http`, `https` and `mailto` only, user-info dropped, the host in punycode, control
/// characters gone. `None` for anything else (`javascript:`, relative links, junk).
pub fn link_target(href: &str) -> Option<String> {
    let mut url = Url::parse(href.trim()).ok()?;
    match url.scheme() {
        "http" | "https" => {
            url.host_str()?;
            let _ = url.set_username("");
            let _ = url.set_password(None);
            Some(sanitize_line(url.as_str()))
        }
        "mailto" => Some(sanitize_line(&mailto_ascii(&url))),
        _ => None,
    }
}

/// `mailto:a@münchen.example` → `mailto:a@xn--mnchen-3ya.example`: the domain as mail goes.
fn mailto_ascii(url: &Url) -> String {
    let text = url.as_str();
    let Some((before, domain)) = text.rsplit_once('@') else {
        return text.to_owned();
    };
    let (host, rest) = domain
        .find(['?', '#'])
        .map_or((domain, ""), |i| domain.split_at(i));
    let decoded = percent_encoding::percent_decode_str(host).decode_utf8_lossy();
    match url::Host::parse(&decoded) {
        Ok(ascii) => format!("{before}@{ascii}{rest}"),
        Err(_) => text.to_owned(),
    }
}

/// A URL from a site or a file (a post's link, a site address) for display: user-info
/// dropped, host in punycode, sanitized; text that is not a URL is only sanitized.
pub fn shown_url(text: &str) -> String {
    match Url::parse(text.trim()) {
        Ok(mut url) if url.host_str().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            sanitize_line(url.as_str())
        }
        _ => sanitize_line(text),
    }
}

/// `url` in at most `width` columns: whole when it fits; else `scheme://host[:port]` kept
/// whole and the rest cut in the middle with `…` (the end of the path, often the file or
/// the page, stays). When even the host does not fit, the result is wider than `width`:
/// callers wrap it rather than hide the host.
pub fn fit_url(url: &str, width: usize) -> String {
    if display_width(url) <= width {
        return url.to_owned();
    }
    let origin_end = url
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| url[start..].find('/').map(|j| start + j))
        .unwrap_or(url.len());
    let (origin, rest) = url.split_at(origin_end);
    let room = width.saturating_sub(display_width(origin) + 1);
    if room < 2 {
        return format!("{origin}{}", if rest.is_empty() { "" } else { "/…" });
    }
    let tail_room = room / 2;
    let head_room = room - tail_room;
    let head = truncate_to_width(rest, head_room)
        .trim_end_matches('…')
        .to_owned();
    let tail = tail_of(rest, tail_room);
    format!("{origin}{head}…{tail}")
}

/// The last characters of `text` filling at most `width` columns.
fn tail_of(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            break;
        }
        used += w;
        start = i;
    }
    text[start..].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_show_as_they_will_be_opened() {
        let cyrillic = link_target("https://\u{440}\u{430}ypal.example/login").expect("link");
        assert_eq!(cyrillic, "https://xn--ypal-43d9g.example/login");
        let hidden = link_target("https://accounts.bank.example@evil.example/x").expect("link");
        assert_eq!(hidden, "https://evil.example/x");
        assert_eq!(
            link_target("mailto:a@m\u{fc}nchen.example").as_deref(),
            Some("mailto:a@xn--mnchen-3ya.example")
        );
        assert_eq!(link_target("javascript:alert(1)"), None);
        assert_eq!(link_target("/relative"), None);
        assert_eq!(
            shown_url("http://bob:pw@h.example/p/"),
            "http://h.example/p/"
        );
    }

    #[test]
    fn a_long_url_loses_path_never_host() {
        let host = "accounts.bank.example.aaaaaaaaaaaaaaaaaaaa.evil.example";
        let url = format!("https://{host}/very/long/path/to/a/page/login.php");
        let fitted = fit_url(&url, 90);
        assert!(fitted.starts_with(&format!("https://{host}/")), "{fitted}");
        assert!(
            fitted.ends_with("login.php") && fitted.contains('…'),
            "{fitted}"
        );
        assert!(display_width(&fitted) <= 90, "{fitted}");
        let narrow = fit_url(&url, 20);
        assert!(narrow.contains(host), "the host stays whole: {narrow}");
        assert_eq!(fit_url("https://a.example/x", 40), "https://a.example/x");
    }
}
