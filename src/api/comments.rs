//! Fetching every comment of a post: the first page tells the page count, the rest come
//! concurrently, and everything is merged by id.

use std::collections::{BTreeMap, HashSet};

use futures::stream::{self, StreamExt};
use serde_json::Value;
use url::Url;

use super::http::{Client, Response, display_url, http_error};
use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::model::Comment;
pub use crate::model::PageEvent;

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
    /// With `include_held_and_pings`, spam too (one more pass): the TUI shows it to
    /// moderators, badged; dumps leave it out.
    pub include_spam: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            concurrency: 4,
            per_page: 100,
            edit_context: false,
            include_held_and_pings: false,
            include_spam: false,
        }
    }
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
}

struct Page {
    number: u32,
    comments: Vec<Comment>,
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

/// Fetch all comments of `post`, calling `on_page` as each page arrives (with a copy: the
/// comments are also kept, merged by id, for the result).
pub async fn fetch_comments(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    opts: &FetchOptions,
    mut on_page: impl FnMut(PageEvent),
) -> Result<Fetched> {
    let mut merged: BTreeMap<u64, Comment> = BTreeMap::new();
    let streamed = stream_comments(client, api, post, opts, |event| {
        on_page(event.clone());
        merged.extend(event.comments.into_iter().map(|c| (c.id, c)));
    })
    .await?;
    let mut comments = Vec::with_capacity(merged.len());
    comments.extend(merged.into_values());
    comments.sort_by_key(Comment::chrono_key);
    Ok(Fetched {
        comments,
        total_reported: streamed.total_reported,
        pages: streamed.pages,
    })
}

/// What [`stream_comments`] reports at the end.
#[derive(Clone, Copy, Debug, Default)]
pub struct Streamed {
    /// `X-WP-Total` from the first page.
    pub total_reported: Option<u64>,
    /// Pages requested.
    pub pages: u32,
}

/// Fetch all comments of `post`, handing each page to `on_page` as it arrives and keeping
/// none of them (only their ids): a caller that keeps the thread itself (the TUI) does not
/// hold it twice. A comment can come twice (a page shifted by a new comment, a moderation
/// pass); the caller merges by id.
pub async fn stream_comments(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    opts: &FetchOptions,
    mut on_page: impl FnMut(PageEvent),
) -> Result<Streamed> {
    let mut seen = HashSet::new();
    let mut streamed = fetch_pass(client, api, post, opts, &[], &mut seen, &mut on_page).await?;
    if !opts.include_held_and_pings {
        return Ok(streamed);
    }
    // The extra passes' totals count only held comments or pings: they must not replace
    // the site's count of the thread.
    let mut extra_page = |mut event: PageEvent| {
        event.total_reported = None;
        on_page(event);
    };
    let spam = opts.include_spam.then_some(("status", "spam"));
    for filter in MODERATION_PASSES.into_iter().chain(spam) {
        let mut pass_seen = HashSet::new();
        let extra = fetch_pass(
            client,
            api,
            post,
            opts,
            &[filter],
            &mut pass_seen,
            &mut extra_page,
        )
        .await?;
        streamed.pages += extra.pages;
    }
    Ok(streamed)
}

/// Most pages a thread may have (a million comments at 100 a page); a server claiming more
/// is broken, and believing it would mean requests without end.
pub const MAX_PAGES: u32 = 10_000;

async fn fetch_pass(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    opts: &FetchOptions,
    filter: &[(&str, &str)],
    seen: &mut HashSet<u64>,
    on_page: &mut impl FnMut(PageEvent),
) -> Result<Streamed> {
    let per_page = opts.per_page.max(1);
    let concurrency = opts.concurrency.max(1);
    let first = fetch_page(client, api, post, 1, opts, filter).await?;
    // The page count from the header, else from the total, else unknown: then walk in
    // batches until a short page (or one that adds nothing: a server ignoring `page`).
    let known = pages_known(&first, per_page);
    let mut total_pages = known.unwrap_or(1).clamp(1, MAX_PAGES);
    let mut walking = known.is_none() && first.len >= per_page as usize;
    let total_reported = first.total;
    // The page is handed on whole (its buffer already dropped); only ids stay here.
    let mut emit = |page: Page, total_pages: u32, seen: &mut HashSet<u64>| {
        seen.extend(page.comments.iter().map(|c| c.id));
        on_page(PageEvent {
            page: page.number,
            total_pages,
            comments: page.comments,
            total_reported: page.total.or(total_reported),
        });
    };
    emit(first, total_pages, seen);
    let mut next = 2u32;
    while next <= total_pages || walking {
        if next > MAX_PAGES {
            let url = filtered_page_url(api, post, next, opts, filter);
            return Err(too_many_pages(&url));
        }
        let end = if walking {
            next.saturating_add(concurrency as u32 - 1).min(MAX_PAGES)
        } else {
            total_pages
        };
        // `buffered` keeps page order: each page is shown as soon as it and the pages before
        // it are in, an error stops the fetch at once, and duplicates resolve the same way
        // every run.
        let mut pages = stream::iter(next..=end)
            .map(|n| fetch_page(client, api, post, n, opts, filter))
            .buffered(concurrency);
        let mut repeating = false;
        while let Some(page) = pages.next().await {
            let page = page?;
            // Comments posted during the fetch can add a page at the end.
            if let Some(tp) = page.total_pages {
                total_pages = total_pages.max(tp.min(MAX_PAGES));
            }
            // A non-empty page of nothing but known comments: the server ignores `page`.
            repeating = page.len > 0 && page.comments.iter().all(|c| seen.contains(&c.id));
            if walking && page.len < per_page as usize {
                walking = false;
            }
            emit(page, total_pages, seen);
            if repeating {
                break;
            }
        }
        if repeating {
            break;
        }
        next = end + 1;
    }
    Ok(Streamed {
        total_reported,
        pages: total_pages,
    })
}

/// The page count from `X-WP-TotalPages`, else from `X-WP-Total`; `None` when the site
/// sends neither.
fn pages_known(first: &Page, per_page: u32) -> Option<u32> {
    first.total_pages.or_else(|| {
        first
            .total
            .map(|t| u32::try_from(t.div_ceil(u64::from(per_page))).unwrap_or(u32::MAX))
    })
}

fn too_many_pages(url: &Url) -> Error {
    Error::Malformed {
        url: display_url(url),
        detail: format!("the server keeps sending pages past {MAX_PAGES}"),
    }
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
    let past_end = resp.wp_error_code().as_deref() == Some("rest_comment_invalid_page_number");
    if resp.status == 400 && number > 1 && past_end {
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
    for item in items {
        let c = Comment::from_json(item).map_err(|detail| Error::Malformed {
            url: display_url(&url),
            detail,
        })?;
        // Some server configurations drop query strings and send the site's newest
        // comments instead: then paging and order are lost too, so nothing here is usable.
        if c.post != post {
            return Err(Error::Malformed {
                url: display_url(&url),
                detail: format!(
                    "the server ignored the query and sent comments of other posts (post {}); \
                     its caching or rewrite rules drop query strings",
                    c.post
                ),
            });
        }
        comments.push(c);
    }
    Ok(Page {
        number,
        comments,
        total: resp.header_u64("x-wp-total"),
        total_pages: resp
            .header_u64("x-wp-totalpages")
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        len,
    })
}

fn empty_page(number: u32, resp: &Response) -> Page {
    Page {
        number,
        comments: Vec::new(),
        total: resp.header_u64("x-wp-total"),
        total_pages: None,
        len: 0,
    }
}
