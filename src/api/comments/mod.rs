//! Fetching every comment of a post: the first page tells the page count, the rest come
//! concurrently, and everything is merged by id.

mod page;
mod spawned;

use std::collections::HashSet;

use futures::stream::{FuturesOrdered, StreamExt};
use url::Url;

use crate::api::http::{Client, short_url};
use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::model::Comment;
pub use crate::model::PageEvent;
use page::{Page, page_at};
use spawned::Spawned;

/// Comment fields we use (trimming the payload to about a third).
pub const COMMENT_FIELDS: &str =
    "id,post,parent,author,author_name,author_url,date,date_gmt,content,link,status,type";

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
    /// The last page read.
    pub pages: u32,
    /// Things the user should know that did not stop the fetch (comments of other posts
    /// left out), one sanitized line each.
    pub warnings: Vec<String>,
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

/// Fetch all comments of `post`, showing `on_page` each page as it arrives (before its
/// comments join the result). The result holds each id once (a later copy replaces an
/// earlier one), oldest first.
pub async fn fetch_comments(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    opts: &FetchOptions,
    mut on_page: impl FnMut(&PageEvent),
) -> Result<Fetched> {
    let mut comments: Vec<Comment> = Vec::new();
    let streamed = stream_comments(client, api, post, opts, |event| {
        on_page(&event);
        comments.extend(event.comments);
    })
    .await?;
    crate::model::keep_last_copies(&mut comments);
    comments.sort_by_key(Comment::chrono_key);
    Ok(Fetched {
        comments,
        total_reported: streamed.total_reported,
        pages: streamed.pages,
        warnings: streamed.warnings,
    })
}

/// What [`stream_comments`] reports at the end.
#[derive(Clone, Debug, Default)]
pub struct Streamed {
    /// `X-WP-Total` from the first page.
    pub total_reported: Option<u64>,
    /// The last page read, summed over the passes.
    pub pages: u32,
    /// Things the user should know that did not stop the fetch (comments of other posts
    /// left out), one sanitized line each.
    pub warnings: Vec<String>,
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
        streamed.warnings.extend(extra.warnings);
    }
    Ok(streamed)
}

/// Most pages a thread may have (a million comments at 100 a page); a server claiming more
/// is broken, and believing it would mean requests without end.
pub const MAX_PAGES: u32 = 10_000;

/// Fetches pages 1, 2, … with up to `concurrency` in flight, in order. The data decides
/// where the list ends, never `X-WP-TotalPages` alone: the first short or empty page ends
/// it (and so does `*_invalid_page_number`, or a page of nothing new: a server ignoring
/// `page`), and the header can only stop the walk earlier. Requests already in flight past
/// the end are dropped, so at most `concurrency - 1` are wasted.
async fn fetch_pass(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    opts: &FetchOptions,
    filter: &[(&str, &str)],
    seen: &mut HashSet<u64>,
    on_page: &mut impl FnMut(PageEvent),
) -> Result<Streamed> {
    let per_page = opts.per_page.max(1) as usize;
    let concurrency = opts.concurrency.max(1);
    let first = spawn_page(client, api, post, 1, opts, filter).await?;
    let total_reported = first.total;
    // The header is believed only as an upper bound (and then only up to MAX_PAGES).
    let claimed = first.claimed_pages(per_page);
    let mut limit = claimed.unwrap_or(MAX_PAGES).min(MAX_PAGES);
    let mut foreign = Vec::new();
    let mut last = first.number;
    // A server that honours `per_page` ends its list with a shorter page. One that sends
    // fewer (a cap, or comments it filters out) is read up to the page count it claims, and
    // an empty page or one of nothing new ends it as well.
    let honoured = first.len >= per_page;
    let mut more = honoured || (first.len > 0 && claimed.is_some_and(|c| c > 1));
    // Progress shows the claimed count, or the pages read so far when there is none.
    let shown = |limit: u32, number: u32| {
        if claimed.is_some() {
            limit.max(number)
        } else {
            number
        }
    };
    // The page is handed on whole (its buffer already dropped); only ids stay here.
    let mut emit = |page: Page, limit: u32, seen: &mut HashSet<u64>| {
        seen.extend(page.comments.iter().map(|c| c.id));
        foreign.extend(page.foreign);
        on_page(PageEvent {
            page: page.number,
            total_pages: shown(limit, page.number),
            comments: page.comments,
            total_reported: page.total.or(total_reported),
        });
    };
    emit(first, limit, seen);
    // `FuturesOrdered` keeps page order: each page is handed on as soon as it and the pages
    // before it are in, an error stops the fetch at once, and duplicates resolve the same
    // way every run.
    let mut in_flight = FuturesOrdered::new();
    let mut next = 2u32;
    while more {
        while in_flight.len() < concurrency && next <= limit.min(MAX_PAGES) {
            in_flight.push_back(spawn_page(client, api, post, next, opts, filter));
            next += 1;
        }
        let Some(page) = in_flight.next().await else {
            break;
        };
        let page = page?;
        if let Some(claimed) = page.claimed_pages(per_page) {
            // Comments posted during the fetch can add a page at the end.
            limit = limit.max(claimed).min(MAX_PAGES);
        }
        // A non-empty page of nothing but known comments: the server ignores `page`.
        let nothing_new = page.len > 0 && page.comments.iter().all(|c| seen.contains(&c.id));
        more = page.len > 0 && !nothing_new && (!honoured || page.len >= per_page);
        last = page.number;
        emit(page, limit, seen);
    }
    if more && last >= MAX_PAGES && limit >= MAX_PAGES {
        return Err(endless(&filtered_page_url(api, post, last, opts, filter)));
    }
    let url = filtered_page_url(api, post, 1, opts, filter);
    let warnings = foreign_warning(&url, post, seen.is_empty(), &foreign)?;
    Ok(Streamed {
        total_reported,
        pages: last,
        warnings,
    })
}

/// A server that keeps sending full pages past [`MAX_PAGES`] (the last one at `url`).
fn endless(url: &Url) -> Error {
    Error::Malformed {
        url: short_url(url),
        detail: format!("the server keeps sending full pages past page {MAX_PAGES}"),
    }
}

/// Comments of other posts are left out with a warning; when nothing of the asked post came
/// back, the server ignored the query (caching or rewrite rules that drop query strings)
/// and the thread cannot be read at all.
fn foreign_warning(
    url: &Url,
    post: u64,
    none_ours: bool,
    foreign: &[(u64, u64)],
) -> Result<Vec<String>> {
    let Some(&(_, other)) = foreign.first() else {
        return Ok(Vec::new());
    };
    if none_ours {
        return Err(Error::Malformed {
            url: short_url(url),
            detail: format!(
                "the server ignored the query and sent comments of other posts (post {other}) \
                 instead of post {post}; its caching or rewrite rules drop query strings"
            ),
        });
    }
    let shown: Vec<String> = foreign
        .iter()
        .take(5)
        .map(|(id, p)| format!("#{id} (post {p})"))
        .collect();
    let more = if foreign.len() > 5 { ", …" } else { "" };
    Ok(vec![format!(
        "left out {} comment{} of other posts the site sent with post {post}: {}{more}",
        foreign.len(),
        if foreign.len() == 1 { "" } else { "s" },
        shown.join(", ")
    )])
}

/// Page `number` of the comments of `post`, fetched and parsed as a task of its own: the
/// parse runs beside the loop that sends the next request.
fn spawn_page(
    client: &Client,
    api: &ApiRoot,
    post: u64,
    number: u32,
    opts: &FetchOptions,
    filter: &[(&str, &str)],
) -> Spawned<Page> {
    let url = filtered_page_url(api, post, number, opts, filter);
    let client = client.clone();
    Spawned::new(async move { page_at(&client, url, post, number).await })
}
