//! Fetching every comment of a post: the first page tells the page count, the rest come
//! concurrently, and everything is merged by id.

use std::collections::BTreeMap;

use futures::stream::{self, StreamExt};
use serde_json::Value;
use url::Url;

use super::client::{Client, Response, display_url, http_error};
use super::root::ApiRoot;
use crate::error::{Error, Result};
use crate::model::Comment;

/// Comment fields we use (trimming the payload to about a third).
pub const COMMENT_FIELDS: &str =
    "id,post,parent,author,author_name,author_url,date_gmt,content,link,status,type";

/// How to fetch.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// Pages in flight at once (at least 1).
    pub concurrency: usize,
    /// Comments per page (the API allows at most 100).
    pub per_page: u32,
    /// Ask for `context=edit` (an identity that may moderate sees held comments and emails).
    pub edit_context: bool,
    /// Also fetch held comments, pingbacks and trackbacks in extra passes (the REST `status`
    /// and `type` filters take one value each). Needs an identity with edit rights.
    pub include_held_and_pings: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            concurrency: 4,
            per_page: 100,
            edit_context: false,
            include_held_and_pings: false,
        }
    }
}

/// One page as it arrives (for progressive display).
#[derive(Clone, Debug)]
pub struct PageEvent {
    /// 1-based page number.
    pub page: u32,
    /// Pages known so far.
    pub total_pages: u32,
    /// Comments of that page that belong to the post.
    pub comments: Vec<Comment>,
    /// `X-WP-Total` as last reported.
    pub total_reported: Option<u64>,
}

/// Everything fetched.
#[derive(Clone, Debug, Default)]
pub struct Fetched {
    /// Comments, de-duplicated, oldest first.
    pub comments: Vec<Comment>,
    /// `X-WP-Total` from the first page.
    pub total_reported: Option<u64>,
    /// Pages requested.
    pub pages: u32,
    /// Comments the server sent for other posts (it ignored the `post` filter) and we dropped.
    pub foreign_dropped: usize,
}

struct Page {
    number: u32,
    comments: Vec<Comment>,
    foreign: usize,
    total: Option<u64>,
    total_pages: Option<u32>,
    len: usize,
}

/// URL of one page of the post's comments.
pub fn page_url(api: &ApiRoot, post: u64, page: u32, opts: &FetchOptions) -> Url {
    filtered_page_url(api, post, page, opts, &[])
}

/// The extra passes of [`FetchOptions::include_held_and_pings`].
const MODERATION_PASSES: [(&str, &str); 3] = [
    ("status", "hold"),
    ("type", "pingback"),
    ("type", "trackback"),
];

fn filtered_page_url(
    api: &ApiRoot,
    post: u64,
    page: u32,
    opts: &FetchOptions,
    filter: &[(&str, &str)],
) -> Url {
    let post = post.to_string();
    let page = page.to_string();
    let per_page = opts.per_page.to_string();
    let mut query = vec![
        ("post", post.as_str()),
        ("per_page", per_page.as_str()),
        ("page", page.as_str()),
        ("order", "asc"),
        ("orderby", "date_gmt"),
        ("_fields", COMMENT_FIELDS),
    ];
    if opts.edit_context {
        query.push(("context", "edit"));
    }
    query.extend_from_slice(filter);
    api.url("wp/v2/comments", &query)
}

/// Fetch all comments of `post`, calling `on_page` as each page arrives.
pub async fn fetch_comments(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    opts: &FetchOptions,
    mut on_page: impl FnMut(PageEvent),
) -> Result<Fetched> {
    let mut fetched = fetch_pass(client, api, post, opts, &[], &mut on_page).await?;
    if !opts.include_held_and_pings {
        return Ok(fetched);
    }
    let mut merged: BTreeMap<u64, Comment> =
        fetched.comments.drain(..).map(|c| (c.id, c)).collect();
    for filter in MODERATION_PASSES {
        let extra = fetch_pass(client, api, post, opts, &[filter], &mut on_page).await?;
        fetched.foreign_dropped += extra.foreign_dropped;
        fetched.pages += extra.pages;
        merged.extend(extra.comments.into_iter().map(|c| (c.id, c)));
    }
    fetched.comments = merged.into_values().collect();
    fetched.comments.sort_by_key(Comment::chrono_key);
    Ok(fetched)
}

async fn fetch_pass(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    opts: &FetchOptions,
    filter: &[(&str, &str)],
    on_page: &mut impl FnMut(PageEvent),
) -> Result<Fetched> {
    let first = fetch_page(client, api, post, 1, opts, filter).await?;
    let mut total_pages = first.total_pages.unwrap_or(1).max(1);
    // Without the header (a cache stripped it) walk pages until a short one.
    let mut walking = first.total_pages.is_none() && first.len as u32 >= opts.per_page;
    let total_reported = first.total;
    let mut merged: BTreeMap<u64, Comment> = BTreeMap::new();
    let mut foreign = first.foreign;
    let mut emit = |page: Page, total_pages: u32, merged: &mut BTreeMap<u64, Comment>| {
        on_page(PageEvent {
            page: page.number,
            total_pages,
            comments: page.comments.clone(),
            total_reported: page.total.or(total_reported),
        });
        for c in page.comments {
            merged.insert(c.id, c);
        }
    };
    emit(first, total_pages, &mut merged);
    let mut next = 2u32;
    while next <= total_pages || walking {
        let end = if walking { next } else { total_pages };
        let results: Vec<Result<Page>> = stream::iter(next..=end)
            .map(|n| fetch_page(client, api, post, n, opts, filter))
            .buffer_unordered(opts.concurrency.max(1))
            .collect()
            .await;
        next = end + 1;
        for page in results {
            let page = page?;
            foreign += page.foreign;
            // Comments posted during the fetch can add a page at the end.
            if let Some(tp) = page.total_pages {
                total_pages = total_pages.max(tp);
            }
            if walking && (page.len as u32) < opts.per_page {
                walking = false;
            }
            emit(page, total_pages, &mut merged);
        }
    }
    if merged.is_empty() && foreign > 0 {
        return Err(Error::Malformed {
            url: display_url(&filtered_page_url(api, post, 1, opts, filter)),
            detail: "the server ignored the post filter and sent other posts' comments".into(),
        });
    }
    let mut comments: Vec<Comment> = merged.into_values().collect();
    comments.sort_by_key(Comment::chrono_key);
    Ok(Fetched {
        comments,
        total_reported,
        pages: total_pages,
        foreign_dropped: foreign,
    })
}

async fn fetch_page(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    number: u32,
    opts: &FetchOptions,
    filter: &[(&str, &str)],
) -> Result<Page> {
    let url = filtered_page_url(api, post, number, opts, filter);
    let resp = client.get(&url).await?;
    // A page past the end answers 400 rest_comment_invalid_page_number on some versions.
    if resp.status == 400 && number > 1 {
        return Ok(empty_page(number, &resp));
    }
    if !resp.ok() {
        return Err(http_error(&resp));
    }
    let value = resp.json()?;
    let Value::Array(items) = value else {
        return Err(Error::Malformed {
            url: display_url(&url),
            detail: "expected a list of comments".into(),
        });
    };
    let len = items.len();
    let mut comments = Vec::with_capacity(len);
    let mut foreign = 0;
    for item in items {
        let c = Comment::from_json(item).map_err(|detail| Error::Malformed {
            url: display_url(&url),
            detail,
        })?;
        if c.post == post {
            comments.push(c);
        } else {
            foreign += 1;
        }
    }
    Ok(Page {
        number,
        comments,
        foreign,
        total: resp.header_u64("x-wp-total"),
        total_pages: resp.header_u64("x-wp-totalpages").map(|n| n as u32),
        len,
    })
}

fn empty_page(number: u32, resp: &Response) -> Page {
    Page {
        number,
        comments: Vec::new(),
        foreign: 0,
        total: resp.header_u64("x-wp-total"),
        total_pages: None,
        len: 0,
    }
}
