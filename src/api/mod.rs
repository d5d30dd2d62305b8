//! The WordPress REST API: discovery, posts, comments; and what a post's own page offers
//! without it (its post id, its comment form). No terminal code lives here.

pub mod auth;
pub mod comments;
pub mod discover;
pub mod form;
pub mod http;
pub mod moderate;
pub mod page;
pub mod page_fallback;
pub mod page_parse;
pub mod page_pings;
pub mod page_post;
pub mod page_read;
pub mod posts;
pub mod queue;
pub mod reach;
pub mod refusal;
pub mod write;

pub use crate::model::ApiRoot;
pub use comments::{FetchOptions, PageEvent, fetch_comments, stream_comments};
pub use discover::{Target, discover, parse_target};
pub use http::{Client, ClientConfig, Scope};
pub use reach::{Reached, reach};

use crate::error::Result;
use crate::model::ThreadData;

/// A thread loaded from a URL, with the comment to start on.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The thread.
    pub data: ThreadData,
    /// `#comment-N` from the URL.
    pub focus_comment: Option<u64>,
    /// What the user should know that did not stop the load (see [`comments::Fetched`]).
    pub warnings: Vec<String>,
}

/// Discover, find the post, fetch all comments. An anonymous reader whom the REST API does
/// not serve reads the thread from the post's page instead; one who cannot see pingbacks over
/// REST gets them from the page, merged in ([`page_fallback`], [`page_read`]).
pub async fn load_thread(
    client: &Client,
    target: &Target,
    opts: &FetchOptions,
    mut on_page: impl FnMut(&PageEvent),
) -> Result<Loaded> {
    let (found, post, site) = match page_fallback::open(client, target).await? {
        page_fallback::Opening::Page { first, read } => {
            return from_page(client, target, &first, read, opts, |e| on_page(&e)).await;
        }
        page_fallback::Opening::Rest(rest) => (rest.found, rest.post?, rest.site),
    };
    let want_pings = !opts.include_held_and_pings;
    let (fetched, pings) = futures::join!(
        fetch_comments(client, &found.api, post.id, opts, &mut on_page),
        page_read::pings_if(want_pings, client, &post, opts.concurrency)
    );
    let mut fetched = match fetched {
        Ok(fetched) => fetched,
        Err(e) => {
            // Posts readable but comments closed to anonymous readers: the page has them.
            let Some(reason) = page_fallback::probe_closed(client, &found.api).await else {
                return Err(e);
            };
            let opening =
                page_fallback::from_page(client, &found.page_url, reason, Some(&found.api)).await?;
            let page_fallback::Opening::Page { first, read } = opening else {
                return Err(e);
            };
            return from_page(client, target, &first, read, opts, |e| on_page(&e)).await;
        }
    };
    let known = fetched.comments.iter().map(|c| c.id).collect();
    let merged = page_read::merge_pings(&known, fetched.total_reported, pings);
    fetched.comments.extend(merged.comments);
    fetched
        .comments
        .sort_by_key(crate::model::Comment::chrono_key);
    Ok(Loaded {
        data: ThreadData {
            site,
            post,
            comments: fetched.comments,
            total_reported: merged.total_reported,
            fetched_at: Some(crate::model::clock::now_utc()),
            source_url: target.url.to_string(),
            page_read: merged.read,
        },
        focus_comment: target.focus_comment,
        warnings: fetched.warnings,
    })
}

async fn from_page(
    client: &Client,
    target: &Target,
    first: &page_read::FirstPage,
    read: crate::model::PageRead,
    opts: &FetchOptions,
    on_page: impl FnMut(PageEvent),
) -> Result<Loaded> {
    let all = first.read_all(client, opts.concurrency, on_page).await?;
    Ok(Loaded {
        data: ThreadData {
            site: first.site.clone(),
            post: first.post.clone(),
            comments: all.comments,
            total_reported: all.count_shown,
            fetched_at: Some(crate::model::clock::now_utc()),
            source_url: target.url.to_string(),
            page_read: Some(read),
        },
        focus_comment: target.focus_comment,
        warnings: Vec::new(),
    })
}
