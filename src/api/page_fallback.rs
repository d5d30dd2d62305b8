//! Choosing where a thread is read from: the REST API when it serves this reader, else the
//! post's HTML page. An anonymous reader falls back to the page when the site has no usable
//! REST API (discovery finds none) or closes it to anonymous requests (401/403
//! `rest_cannot_access` and the like, as security plugins answer); a reader with credentials
//! never does (the API serves them, and its errors are theirs to see).

use url::Url;

use super::discover::{Discovered, Target, discover};
use super::http::{Client, Response};
use super::page_read::{FirstPage, open_page};
use super::posts::{find_post, site_info};
use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::model::{PageRead, Post, Site};
use crate::render::sanitize_line;

/// Error codes with which a site closes its REST API to readers without credentials
/// (WordPress's `rest_authentication_errors` filter as "Disable REST API", "Force Login" and
/// security plugins use it).
const CLOSED_CODES: [&str; 4] = [
    "rest_cannot_access",
    "rest_login_required",
    "rest_not_logged_in",
    "rest_authentication_required",
];

/// A post found over the REST API.
#[derive(Debug)]
pub struct RestPost {
    /// What discovery found.
    pub found: Discovered,
    /// The post, or why there is none ([`Error::NeedPost`] for a site URL).
    pub post: Result<Post>,
    /// The site's name and home.
    pub site: Site,
}

/// How a URL's thread will be read.
#[derive(Debug)]
pub enum Opening {
    /// Over the REST API.
    Rest(Box<RestPost>),
    /// From the post's page, and why.
    Page {
        /// The post's page, fetched and parsed.
        first: Box<FirstPage>,
        /// Why the page and not the API.
        read: PageRead,
    },
}

/// Why an anonymous reader gets nothing from this REST answer, when the API is closed to them.
pub fn closed_reason(resp: &Response) -> Option<String> {
    if !matches!(resp.status, 401 | 403) {
        return None;
    }
    let code = resp.wp_error_code()?;
    CLOSED_CODES
        .contains(&code.as_str())
        .then(|| closed_words(resp.status, &code))
}

/// "the REST API answers 401 rest_cannot_access to anonymous readers".
fn closed_words(status: u16, code: &str) -> String {
    format!("the REST API answers {status} {code} to anonymous readers")
}

/// Ask the comments route whether the API is closed to anonymous readers (only asked after
/// something failed, so an open API costs nothing).
pub async fn probe_closed(client: &Client, api: &ApiRoot) -> Option<String> {
    if client.has_auth() {
        return None;
    }
    let url = api.url("wp/v2/comments", &[("per_page", "1"), ("_fields", "id")]);
    let resp = client.get(&url).await.ok()?;
    closed_reason(&resp)
}

/// The reason to read from the page when discovery failed with `err`, for an anonymous reader.
fn discovery_reason(client: &Client, err: &Error) -> Option<String> {
    if client.has_auth() {
        return None;
    }
    match err {
        Error::RestDisabled {
            status: status @ (401 | 403),
            ..
        } => Some(format!(
            "the REST API refuses anonymous readers (HTTP {status}) and is not advertised"
        )),
        Error::RestDisabled { status, .. } => Some(format!(
            "the site has no REST API (HTTP {status} where it should answer)"
        )),
        Error::RestClosed { status, code, .. } => Some(closed_words(*status, code)),
        // Not advertised and not at /wp-json/: still a WordPress thread if the page is one.
        Error::NotWordPress { .. } => Some("the site has no REST API".into()),
        _ => None,
    }
}

/// The post's page as the thread's source, with `reason`. `api` (the closed API's root, when
/// discovery found one) keys what is remembered per thread, as for a thread read over REST.
pub async fn from_page(
    client: &Client,
    url: &Url,
    reason: String,
    api: Option<&ApiRoot>,
) -> Result<Opening> {
    let mut first = open_page(client, url).await?;
    first.site.api_root = match api {
        Some(api) => api.display(),
        None => first.site.url.clone(),
    };
    Ok(Opening::Page {
        first: Box::new(first),
        read: PageRead {
            whole_thread: true,
            reason: sanitize_line(&reason),
        },
    })
}

/// Discover the site and find the post over REST, or, for an anonymous reader the API does
/// not serve, open the post's page instead.
pub async fn open(client: &Client, target: &Target) -> Result<Opening> {
    let found = match discover(client, target).await {
        Ok(found) => found,
        Err(e) => {
            let Some(reason) = discovery_reason(client, &e) else {
                return Err(e);
            };
            return match from_page(client, &target.url, reason, None).await {
                // A page that names no WordPress post: the discovery error says it best.
                Err(Error::NeedPost { .. }) => Err(e),
                Err(_) if matches!(e, Error::NotWordPress { .. }) => Err(e),
                read => read,
            };
        }
    };
    let (post, site) = futures::join!(
        find_post(client, &found, target),
        site_info(client, &found.api)
    );
    let post = match post {
        Err(e) if !matches!(e, Error::NeedPost { .. }) && !client.has_auth() => {
            let reason = match &e {
                Error::RestClosed { status, code, .. } => Some(closed_words(*status, code)),
                _ => probe_closed(client, &found.api).await,
            };
            let Some(reason) = reason else {
                return Ok(Opening::Rest(Box::new(RestPost {
                    found,
                    post: Err(e),
                    site,
                })));
            };
            return match from_page(client, &found.page_url, reason, Some(&found.api)).await {
                // A page that names no WordPress post: the REST answer says best what is wrong
                // (a closed API, with what to do).
                Err(Error::NeedPost { .. }) => Err(e),
                read => read,
            };
        }
        post => post,
    };
    Ok(Opening::Rest(Box::new(RestPost { found, post, site })))
}
