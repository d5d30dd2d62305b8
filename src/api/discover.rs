//! From what a user pasted to the site's REST API root, the way WordPress advertises it:
//! the `Link` header, `<link>` tags, then `/wp-json/`, then `?rest_route=`.

use url::Url;

use super::http::{Client, Response, display_url};
use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::model::api_root::wpcom_api_base;
use crate::render::sanitize_line;

/// What the user asked for, normalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The URL without its fragment.
    pub url: Url,
    /// `#comment-123` → 123: the comment to start on.
    pub focus_comment: Option<u64>,
    /// No scheme was typed: https was assumed, and [`super::reach`] may fall back to http.
    pub scheme_guessed: bool,
}

/// Parse a pasted URL: scheme optional (https assumed), fragment `#comment-N` kept as focus.
pub fn parse_target(input: &str) -> Result<Target> {
    let trimmed = input.trim();
    let invalid = |reason: &str| Error::InvalidUrl {
        input: sanitize_line(trimmed),
        reason: reason.to_owned(),
    };
    if trimmed.is_empty() || trimmed.chars().any(char::is_whitespace) {
        return Err(invalid(
            "expected a link like https://blog.example.com/2020/01/01/post/",
        ));
    }
    let has_scheme = trimmed.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let with_scheme = if has_scheme {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| invalid(&e.to_string()))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(invalid("only http and https links are supported"));
    }
    match url.host_str() {
        Some(h) if h.contains('.') || h == "localhost" || url.port().is_some() => {}
        _ => return Err(invalid("no host name")),
    }
    // reqwest would send `user:pw@` as Basic auth to whatever the link names, outside every
    // identity rule, and it would be stored in archives: credentials belong in an identity.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::InvalidUrl {
            input: crate::api::http::display_url(&url),
            reason: "it has a user name or password in it (user:pw@host); those are not sent: add an identity instead (wpcomments identity add)".into(),
        });
    }
    let focus_comment = url
        .fragment()
        .and_then(|f| f.strip_prefix("comment-"))
        .and_then(|n| n.parse().ok());
    url.set_fragment(None);
    Ok(Target {
        url,
        focus_comment,
        scheme_guessed: !has_scheme,
    })
}

/// A link found in a `Link` header or `<link>` tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebLink {
    /// Target, resolved against the page URL.
    pub href: Url,
    /// `rel` value.
    pub rel: String,
    /// `type` value, if any.
    pub kind: Option<String>,
}

/// Parse RFC 8288 `Link` header values.
pub fn parse_link_header(base: &Url, value: &str) -> Vec<WebLink> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        let target = &rest[open + 1..close];
        let after = &rest[close + 1..];
        let end = after.find('<').unwrap_or(after.len());
        let params = &after[..end];
        rest = &after[end..];
        let (mut rel, mut kind) = (String::new(), None);
        for param in params.split(';') {
            let Some((k, v)) = param.split_once('=') else {
                continue;
            };
            let v = v.trim().trim_end_matches(',').trim().trim_matches('"');
            match k.trim().to_ascii_lowercase().as_str() {
                "rel" => rel = v.to_owned(),
                "type" => kind = Some(v.to_owned()),
                _ => {}
            }
        }
        if let Ok(href) = base.join(target) {
            out.push(WebLink { href, rel, kind });
        }
    }
    out
}

/// The post id in a page's shortlink (`Link: <https://b.example/?p=42>; rel=shortlink`,
/// which WordPress sends with every single post and page), if there is one.
pub fn shortlink_id(resp: &Response) -> Option<u64> {
    let links: Vec<WebLink> = resp
        .header_all("link")
        .into_iter()
        .flat_map(|v| parse_link_header(&resp.url, v))
        .collect();
    shortlink_of(&links)
}

fn shortlink_of(links: &[WebLink]) -> Option<u64> {
    links
        .iter()
        .filter(|l| l.rel.eq_ignore_ascii_case("shortlink"))
        .find_map(|l| id_of(&l.href))
}

/// `<link rel=... href=... type=...>` tags of an HTML page.
pub fn html_links(base: &Url, html: &str) -> Vec<WebLink> {
    let doc = scraper::Html::parse_document(html);
    let Ok(sel) = scraper::Selector::parse("link[rel][href]") else {
        return Vec::new();
    };
    doc.select(&sel)
        .filter_map(|el| {
            let v = el.value();
            Some(WebLink {
                href: base.join(v.attr("href")?).ok()?,
                rel: v.attr("rel")?.to_owned(),
                kind: v.attr("type").map(str::to_owned),
            })
        })
        .collect()
}

/// What discovery found.
#[derive(Clone, Debug)]
pub struct Discovered {
    /// The API root.
    pub api: ApiRoot,
    /// The exact REST route of the post, when the page named it.
    pub post_route: Option<Url>,
    /// The page URL after redirects (e.g. `?p=5` → the permalink).
    pub page_url: Url,
    /// The post id from the page's `rel=shortlink` (`?p=42`), when it sent one.
    pub shortlink_id: Option<u64>,
}

pub(crate) fn is_wpcom_host(host: &str) -> bool {
    host.ends_with(".wordpress.com") && host != "public-api.wordpress.com"
}

/// Find the REST API of the site behind `target`.
pub async fn discover(client: &Client, target: &Target) -> Result<Discovered> {
    let host = target.url.host_str().unwrap_or_default().to_owned();
    if is_wpcom_host(&host) {
        let base = Url::parse(&wpcom_api_base()).map_err(|e| Error::Io(e.to_string()))?;
        return Ok(Discovered {
            api: ApiRoot::WpCom { base, site: host },
            post_route: None,
            page_url: target.url.clone(),
            shortlink_id: None,
        });
    }
    // HEAD first: the `Link` headers come without WordPress rendering the page, which for a
    // thread with thousands of comments takes longer than fetching them all.
    let head = client
        .head(&target.url)
        .await
        .ok()
        .filter(Response::ok)
        .map(|h| {
            let links = page_links(&h);
            (h, links)
        })
        .filter(|(_, links)| links.iter().any(|l| l.rel == "https://api.w.org/"));
    let (page, links) = if let Some(found) = head {
        found
    } else {
        let page = client.get(&target.url).await?;
        let links = page_links(&page);
        (page, links)
    };
    let api = links
        .iter()
        .find(|l| l.rel == "https://api.w.org/")
        .map(|l| ApiRoot::from_advertised(l.href.clone()));
    let post_route = links
        .iter()
        .find(|l| l.rel == "alternate" && l.kind.as_deref() == Some("application/json"))
        .map(|l| l.href.clone());
    let api = match api {
        Some(api) => api,
        None => probe_fallbacks(client, &page).await?,
    };
    Ok(Discovered {
        api,
        post_route,
        shortlink_id: shortlink_of(&links),
        page_url: page.url.clone(),
    })
}

fn page_links(page: &Response) -> Vec<WebLink> {
    let mut links: Vec<WebLink> = page
        .header_all("link")
        .into_iter()
        .flat_map(|v| parse_link_header(&page.url, v))
        .collect();
    let is_html = page
        .header("content-type")
        .is_some_and(|t| t.contains("html"));
    if is_html && page.body.len() < 8 << 20 {
        links.extend(html_links(&page.url, &String::from_utf8_lossy(&page.body)));
    }
    links
}

/// No advertised root: try `/wp-json/`, then `?rest_route=/` at the site's origin.
async fn probe_fallbacks(client: &Client, page: &Response) -> Result<ApiRoot> {
    let origin = page.url.join("/").map_err(|e| Error::Io(e.to_string()))?;
    let candidates = [
        ApiRoot::Path(origin.join("wp-json/").unwrap_or_else(|_| origin.clone())),
        ApiRoot::Query(origin.clone()),
    ];
    let mut refused = None;
    for root in candidates {
        let url = root.url("", &[("_fields", "name,namespaces")]);
        let resp = match client.get(&url).await {
            Ok(r) => r,
            Err(Error::Http { .. } | Error::Malformed { .. }) => continue,
            Err(e) => return Err(e),
        };
        if resp.ok() && is_wp_index(&resp) {
            return Ok(root);
        }
        if let e @ Error::RestClosed { .. } = super::http::answer::error(&resp) {
            return Err(e);
        }
        if matches!(resp.status, 401 | 403) {
            refused = Some((url, resp.status));
        }
    }
    let looks_like_wp = String::from_utf8_lossy(&page.body).contains("/wp-content/");
    match refused {
        Some((url, status)) => Err(Error::RestDisabled {
            url: display_url(&url),
            status,
        }),
        None if looks_like_wp => Err(Error::RestDisabled {
            url: display_url(&origin),
            status: 404,
        }),
        None => Err(Error::NotWordPress {
            url: display_url(&origin),
        }),
    }
}

fn is_wp_index(resp: &Response) -> bool {
    resp.json()
        .ok()
        .and_then(|v| v.get("namespaces").cloned())
        .and_then(|n| n.as_array().cloned())
        .is_some_and(|ns| ns.iter().any(|n| n.as_str() == Some("wp/v2")))
}

/// A post's id named in its URL: `?p=ID`, `?page_id=ID`, `?post=ID` (WordPress's plain
/// permalinks and shortlinks).
pub fn id_of(url: &Url) -> Option<u64> {
    url.query_pairs()
        .find(|(k, _)| k == "p" || k == "page_id" || k == "post")
        .and_then(|(_, v)| v.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortlink_gives_the_post_id() {
        let mut headers = reqwest::header::HeaderMap::new();
        for v in [
            "<http://b.example/wp-json/>; rel=\"https://api.w.org/\"",
            "<http://b.example/?p=42>; rel=shortlink",
        ] {
            headers.append("link", v.parse().unwrap());
        }
        let mut resp = Response {
            url: Url::parse("http://b.example/post/").unwrap(),
            status: 200,
            headers,
            body: Vec::new(),
        };
        assert_eq!(shortlink_id(&resp), Some(42));
        resp.headers.clear();
        assert_eq!(shortlink_id(&resp), None);
    }

    #[test]
    fn targets_accept_what_people_paste() {
        let t = parse_target("blog.example.com/2011/05/25/post/#comment-12").unwrap();
        assert_eq!(t.url.as_str(), "https://blog.example.com/2011/05/25/post/");
        assert_eq!(t.focus_comment, Some(12));
        assert!(parse_target("http://127.0.0.1:8080/?p=5").is_ok());
        assert!(parse_target("not a url").is_err());
        assert!(parse_target("ftp://example.com/x").is_err());
        assert!(parse_target("justaword").is_err());
        let err = parse_target("http://bob:pw@127.0.0.1:8/p/")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("user name or password") && !err.contains("bob"),
            "{err}"
        );
        let t = parse_target("example.com/?u=https://x.example/").unwrap();
        assert_eq!(t.url.host_str(), Some("example.com"));
    }

    #[test]
    fn link_header_yields_api_root_and_post_route() {
        let base = Url::parse("https://b.example/p/").unwrap();
        let links = parse_link_header(
            &base,
            r#"<https://b.example/wp-json/>; rel="https://api.w.org/", <https://b.example/wp-json/wp/v2/posts/5>; rel="alternate"; type="application/json""#,
        );
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].rel, "https://api.w.org/");
        assert_eq!(
            links[1].href.as_str(),
            "https://b.example/wp-json/wp/v2/posts/5"
        );
        assert_eq!(links[1].kind.as_deref(), Some("application/json"));
    }

    #[test]
    fn html_link_tags_are_found() {
        let base = Url::parse("https://b.example/p/").unwrap();
        let html = r#"<html><head><link rel="https://api.w.org/" href="/wp-json/"></head></html>"#;
        let links = html_links(&base, html);
        assert_eq!(links[0].href.as_str(), "https://b.example/wp-json/");
    }
}
