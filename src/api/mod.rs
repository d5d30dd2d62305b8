//! The WordPress REST API: discovery, posts, comments; and what a post's own page offers
//! without it (its post id, its comment form). No terminal code lives here.

pub mod auth;
pub mod comments;
pub mod discover;
pub mod form;
pub mod http;
pub mod moderate;
pub mod page;
pub mod posts;
pub mod queue;
pub mod refusal;
pub mod write;

pub use crate::model::ApiRoot;
pub use comments::{FetchOptions, PageEvent, fetch_comments, stream_comments};
pub use discover::{Target, discover, parse_target};
pub use http::{Client, ClientConfig};

use crate::error::Result;
use crate::model::ThreadData;

/// A thread loaded from a URL, with the comment to start on.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The thread.
    pub data: ThreadData,
    /// `#comment-N` from the URL.
    pub focus_comment: Option<u64>,
}

/// Discover, find the post, fetch all comments.
pub async fn load_thread(
    client: &Client,
    target: &Target,
    opts: &FetchOptions,
    on_page: impl FnMut(PageEvent),
) -> Result<Loaded> {
    let found = discover(client, target).await?;
    let (post, site) = futures::join!(
        posts::find_post(client, &found, target),
        posts::site_info(client, &found.api)
    );
    let post = post?;
    let fetched = fetch_comments(client, &found.api, post.id, opts, on_page).await?;
    Ok(Loaded {
        data: ThreadData {
            site,
            post,
            comments: fetched.comments,
            total_reported: fetched.total_reported,
            fetched_at: Some(crate::model::clock::now_utc()),
            source_url: target.url.to_string(),
        },
        focus_comment: target.focus_comment,
    })
}
