//! Finding the post a URL points to, and listing a site's recent posts.

use serde_json::Value;
use url::Url;

use super::discover::{Discovered, Target, id_of};
use super::http::{Client, display_url, http_error};
use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::model::{Post, Site};

/// Post fields we use; `_links`/`_embedded` carry the author's name.
pub const POST_FIELDS: &str = "id,type,title,link,date_gmt,author,comment_status,_links,_embedded";

fn post_query() -> [(&'static str, &'static str); 2] {
    [("_fields", POST_FIELDS), ("_embed", "author")]
}

/// Path segments that are not the slug: comment pagination, AMP and feed endings.
fn is_noise_segment(seg: &str) -> bool {
    seg.is_empty()
        || seg == "amp"
        || seg == "feed"
        || seg
            .strip_prefix("comment-page-")
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// The slug a permalink ends with.
pub fn slug_of(url: &Url) -> Option<String> {
    // Numeric segments are page numbers of a paginated post (/some-post/2/) or date parts
    // (/2011/05/), never the slug.
    let seg = url
        .path_segments()?
        .rev()
        .find(|s| !is_noise_segment(s) && !s.chars().all(|c| c.is_ascii_digit()))?;
    Some(
        percent_encoding::percent_decode_str(seg)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// Fetch the site's name and home URL from the API index.
pub async fn site_info(client: &Client, api: &ApiRoot) -> Site {
    let url = api.url("", &[("_fields", "name,description,home,url")]);
    let index = match client.get_json(&url).await {
        Ok((v, _)) => v,
        Err(_) => Value::Null,
    };
    let mut site = Site::from_index(&index, &api.display());
    if let (ApiRoot::WpCom { site: host, .. }, true) = (api, site.url.is_empty()) {
        site.url = format!("https://{host}/");
    }
    site
}

/// REST bases of the site's viewable post types other than posts and pages.
async fn custom_type_bases(client: &Client, api: &ApiRoot) -> Vec<String> {
    let url = api.url("wp/v2/types", &[]);
    let Ok((types, _)) = client.get_json(&url).await else {
        return Vec::new();
    };
    let Some(map) = types.as_object() else {
        return Vec::new();
    };
    let mut bases: Vec<String> = map
        .iter()
        .filter(|(slug, _)| {
            !matches!(
                slug.as_str(),
                "post" | "page" | "attachment" | "nav_menu_item"
            ) && !slug.starts_with("wp_")
        })
        .filter_map(|(_, t)| t.get("rest_base")?.as_str().map(str::to_owned))
        .collect();
    bases.sort();
    bases
}

/// Find the post `target` names. A bare site URL is [`Error::NeedPost`].
pub async fn find_post(client: &Client, found: &Discovered, target: &Target) -> Result<Post> {
    if let Some(route) = &found.post_route {
        let mut url = route.clone();
        url.query_pairs_mut().extend_pairs(post_query());
        let resp = client.get(&url).await?;
        if resp.ok() {
            return parse_post(&resp.json()?, &url);
        }
        closed_or_missing(&resp)?;
    }
    // An id in the link, else the page's shortlink, before guessing from the slug.
    let id = id_of(&target.url)
        .or(found.shortlink_id)
        .or_else(|| id_of(&found.page_url));
    let slug = slug_of(&found.page_url).or_else(|| slug_of(&target.url));
    if id.is_none() && slug.is_none() {
        return Err(Error::NeedPost {
            url: display_url(&target.url),
        });
    }
    let not_found = || Error::PostNotFound {
        url: display_url(&target.url),
    };
    // Posts and pages first (one request each); other post types only when those miss.
    let mut fallback = None;
    let mut missing_route = None;
    for pass in 0..2 {
        let bases = if pass == 0 {
            vec!["posts".to_owned(), "pages".to_owned()]
        } else {
            custom_type_bases(client, &found.api).await
        };
        for base in &bases {
            match lookup(client, found, base, id, slug.as_deref()).await {
                Ok(Some((post, true))) => return Ok(post),
                Ok(Some((post, false))) => {
                    fallback.get_or_insert(post);
                }
                Ok(None) => {}
                // One post type's route may be gone (a plugin removed pages); others count.
                Err(e @ Error::NoRoute { .. }) => {
                    missing_route.get_or_insert(e);
                }
                Err(e) => return Err(e),
            }
        }
    }
    // A slug match whose permalink differs is only taken when no type matches exactly.
    match (fallback, missing_route) {
        (Some(post), _) => Ok(post),
        (None, Some(e)) => Err(e),
        (None, None) => Err(not_found()),
    }
}

/// The post of type `base` with `id` (an exact match), else with `slug` (exact when its
/// permalink is the page's).
async fn lookup(
    client: &Client,
    found: &Discovered,
    base: &str,
    id: Option<u64>,
    slug: Option<&str>,
) -> Result<Option<(Post, bool)>> {
    match (id, slug) {
        (Some(id), _) => Ok(by_id(client, &found.api, base, id)
            .await?
            .map(|p| (p, true))),
        (None, Some(slug)) => by_slug(client, &found.api, base, slug, &found.page_url).await,
        (None, None) => Ok(None),
    }
}

async fn by_id(client: &Client, api: &ApiRoot, base: &str, id: u64) -> Result<Option<Post>> {
    let url = api.url(&format!("wp/v2/{base}/{id}"), &post_query());
    let resp = client.get(&url).await?;
    if !resp.ok() {
        closed_or_missing(&resp)?;
    }
    match resp.status {
        s if (200..300).contains(&s) => parse_post(&resp.json()?, &url).map(Some),
        400 | 401 | 403 | 404 | 410 => Ok(None),
        _ => Err(http_error(&resp)),
    }
}

/// The post with `slug` among `base`, and whether its permalink is exactly `page`.
async fn by_slug(
    client: &Client,
    api: &ApiRoot,
    base: &str,
    slug: &str,
    page: &Url,
) -> Result<Option<(Post, bool)>> {
    let mut query = post_query().to_vec();
    query.push(("slug", slug));
    let url = api.url(&format!("wp/v2/{base}"), &query);
    let resp = client.get(&url).await?;
    if !resp.ok() {
        closed_or_missing(&resp)?;
        return match resp.status {
            400 | 401 | 403 | 404 => Ok(None),
            _ => Err(http_error(&resp)),
        };
    }
    let list = resp.json()?;
    let items = list.as_array().cloned().unwrap_or_default();
    // Several posts can share a slug (different dates or parents): prefer the exact permalink.
    let exact = items.iter().find(|p| {
        p.get("link")
            .and_then(Value::as_str)
            .and_then(|l| Url::parse(l).ok())
            .is_some_and(|l| l.path().trim_end_matches('/') == page.path().trim_end_matches('/'))
    });
    match (exact, items.first()) {
        (Some(p), _) => parse_post(p, &url).map(|post| Some((post, true))),
        (None, Some(p)) => parse_post(p, &url).map(|post| Some((post, false))),
        (None, None) => Ok(None),
    }
}

/// A refusal that is not about this post: the whole REST API closed to anonymous readers,
/// or the route missing. Trying other post types or the slug would only end in "post not
/// found", which is not what happened.
fn closed_or_missing(resp: &super::http::Response) -> Result<()> {
    match http_error(resp) {
        e @ (Error::RestClosed { .. } | Error::NoRoute { .. }) => Err(e),
        _ => Ok(()),
    }
}

fn parse_post(v: &Value, url: &Url) -> Result<Post> {
    Post::from_json(v.clone()).map_err(|detail| Error::Malformed {
        url: display_url(url),
        detail,
    })
}

/// One page of a site's recent posts.
#[derive(Clone, Debug)]
pub struct PostPage {
    /// Posts, newest first.
    pub posts: Vec<Post>,
    /// `X-WP-TotalPages`.
    pub total_pages: u32,
}

/// Recent posts (newest first), optionally matching a search.
pub async fn recent_posts(
    client: &Client,
    api: &ApiRoot,
    page: u32,
    search: Option<&str>,
) -> Result<PostPage> {
    let page_s = page.to_string();
    let mut query = post_query().to_vec();
    query.push(("per_page", "20"));
    query.push(("page", &page_s));
    if let Some(s) = search {
        query.push(("search", s));
    }
    let url = api.url("wp/v2/posts", &query);
    let resp = client.get(&url).await?;
    // `rest_post_invalid_page_number`: past the last page, which is the end of the list.
    if super::http::answer::is_past_end(&resp) {
        return Ok(PostPage {
            posts: Vec::new(),
            total_pages: page.saturating_sub(1).max(1),
        });
    }
    if !resp.ok() {
        return Err(http_error(&resp));
    }
    let value = resp.json()?;
    let posts = value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Post::from_json(p.clone()).ok())
                .collect()
        })
        .unwrap_or_default();
    Ok(PostPage {
        posts,
        total_pages: resp.header_u64("x-wp-totalpages").unwrap_or(1) as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_skips_comment_pages_and_dates() {
        let u = Url::parse("https://b.example/2011/05/25/some-post/comment-page-2/").unwrap();
        assert_eq!(slug_of(&u).as_deref(), Some("some-post"));
        let u = Url::parse("https://b.example/2011/05/").unwrap();
        assert_eq!(slug_of(&u), None);
        let u = Url::parse("https://b.example/").unwrap();
        assert_eq!(slug_of(&u), None);
        let u = Url::parse("https://b.example/caf%C3%A9/").unwrap();
        assert_eq!(slug_of(&u).as_deref(), Some("café"));
        let u = Url::parse("https://b.example/2011/05/25/some-post/2/").unwrap();
        assert_eq!(slug_of(&u).as_deref(), Some("some-post"));
        let u = Url::parse("https://b.example/c++-tips/").unwrap();
        assert_eq!(slug_of(&u).as_deref(), Some("c++-tips"));
    }

    #[test]
    fn ids_come_from_p_and_page_id() {
        assert_eq!(
            id_of(&Url::parse("https://b.example/?p=42").unwrap()),
            Some(42)
        );
        assert_eq!(
            id_of(&Url::parse("https://b.example/?page_id=7").unwrap()),
            Some(7)
        );
        assert_eq!(id_of(&Url::parse("https://b.example/?s=x").unwrap()), None);
    }
}
