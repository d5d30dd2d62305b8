//! One page of a post's comments (`GET /wp/v2/comments?post=…&page=N`): fetched, checked
//! and parsed into typed comments.

use serde_json::Value;
use url::Url;

use crate::api::http::answer;
use crate::api::http::{Client, Response, http_error, short_url};
use crate::error::{Error, Result};
use crate::model::Comment;

/// One page of a post's comments as the REST route sent it.
pub(super) struct Page {
    pub number: u32,
    pub comments: Vec<Comment>,
    /// `(id, post)` of comments that belong to another post.
    pub foreign: Vec<(u64, u64)>,
    /// `X-WP-Total`.
    pub total: Option<u64>,
    /// `X-WP-TotalPages`.
    pub total_pages: Option<u32>,
    /// Items the page held (comments of other posts included).
    pub len: usize,
}

impl Page {
    /// The page count the headers claim: `X-WP-TotalPages`, else from `X-WP-Total`.
    pub fn claimed_pages(&self, per_page: usize) -> Option<u32> {
        self.total_pages.or_else(|| {
            let per_page = per_page.max(1) as u64;
            self.total
                .map(|t| u32::try_from(t.div_ceil(per_page)).unwrap_or(u32::MAX))
        })
    }
}

/// Page `number` of the comments of `post`, at `url`.
pub(super) async fn page_at(client: &Client, url: Url, post: u64, number: u32) -> Result<Page> {
    let resp = client.get(&url).await?;
    // A page past the end answers 400 `*_invalid_page_number`: the list ends there.
    if answer::is_past_end(&resp) {
        return Ok(empty_page(number, &resp));
    }
    if !resp.ok() {
        return Err(http_error(&resp));
    }
    let Value::Array(items) = resp.json()? else {
        return Err(Error::Malformed {
            url: short_url(&url),
            detail: "expected a list of comments, got another JSON value".into(),
        });
    };
    let len = items.len();
    let mut comments = Vec::with_capacity(len);
    let mut foreign = Vec::new();
    for item in items {
        let c = Comment::from_json(item).map_err(|detail| Error::Malformed {
            url: short_url(&url),
            detail,
        })?;
        if c.post == post {
            comments.push(c);
        } else {
            foreign.push((c.id, c.post));
        }
    }
    Ok(Page {
        number,
        comments,
        foreign,
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
        foreign: Vec::new(),
        total: resp.header_u64("x-wp-total"),
        total_pages: None,
        len: 0,
    }
}
