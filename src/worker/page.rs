//! Loading jobs for what is read from a post's HTML page: a whole thread the REST API does not
//! serve this reader, and the pingbacks REST hides from it.

use super::Ctx;
use crate::api::PageEvent;
use std::collections::BTreeSet;

use crate::api::comments::Streamed;
use crate::api::page_read::{self, FirstPage, PageComments};
use crate::app::msg::{Msg, Opened};
use crate::error::Result;
use crate::model::PageRead;

/// Send the post read from its page (with why), then its comment pages as they arrive.
pub(super) async fn thread(
    ctx: &Ctx,
    generation: u64,
    mut opened: Opened,
    first: &FirstPage,
    read: PageRead,
) -> Result<()> {
    opened.page_read = Some(read);
    ctx.send(Msg::Opened {
        generation,
        opened: Box::new(opened),
    });
    first
        .read_all(ctx.client()?, ctx.fetch.concurrency, |event| {
            ctx.send(Msg::Page { generation, event });
        })
        .await
        .map(|_| ())
}

/// The pingbacks read from the page that REST did not send (REST sent the comments `known`, in
/// the pages `streamed` counts), as one more page after REST's.
pub(super) fn send_pings(
    ctx: &Ctx,
    generation: u64,
    known: &BTreeSet<u64>,
    streamed: &Streamed,
    pings: Option<PageComments>,
) {
    let merged = page_read::merge_pings(known, streamed.total_reported, pings);
    if merged.comments.is_empty() {
        return;
    }
    let page = streamed.pages + 1;
    let event = PageEvent {
        page,
        total_pages: page,
        comments: merged.comments,
        total_reported: merged.total_reported,
    };
    ctx.send(Msg::Page { generation, event });
}
