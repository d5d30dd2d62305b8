//! The worker's load jobs: a thread from any source (the demo, an archive, a URL, a post
//! already found) reported page by page, and a page of a site's posts. Each job ends with one
//! message saying how it went.

use std::sync::Arc;

use super::Ctx;
use super::load::{comments, open_post, posts_page};
use crate::api::ApiRoot;
use crate::app::msg::{Msg, PostTarget, ThreadSource};
use crate::error::Error;
use crate::model::{Site, ThreadData};
use crate::store::seen::thread_key;

/// Load one page of a site's posts (or search results) and report it.
pub(super) async fn posts(
    ctx: Arc<Ctx>,
    generation: u64,
    api: ApiRoot,
    site: Site,
    page: u32,
    search: Option<String>,
) {
    match posts_page(&ctx, api, site, page, search).await {
        Ok(list) => ctx.send(Msg::Posts {
            generation,
            list: Box::new(list),
        }),
        Err(e) => ctx.send(Msg::LoadFailed {
            generation,
            message: e.to_string(),
        }),
    }
}

/// Load a thread from `source` and report it page by page.
pub(super) async fn thread(ctx: Arc<Ctx>, generation: u64, source: ThreadSource) {
    let outcome = match source {
        ThreadSource::Demo => crate::demo::thread().map(|d| from_data(&ctx, generation, d, false)),
        ThreadSource::Archive(path) => {
            let read = tokio::task::spawn_blocking(move || crate::archive::read_file(&path)).await;
            match read {
                Ok(data) => data.map(|d| from_data(&ctx, generation, d, true)),
                Err(e) => Err(Error::Io(e.to_string())),
            }
        }
        ThreadSource::Url(url) => super::url::from_url(&ctx, generation, &url).await,
        ThreadSource::Post(target) => {
            let PostTarget {
                api,
                site,
                post,
                focus,
                source_url,
            } = *target;
            let opened = open_post(&ctx, Some(api.clone()), site, post, focus, source_url);
            comments(&ctx, generation, &api, opened)
                .await
                .map(|()| true)
        }
    };
    match outcome {
        Ok(true) => ctx.send(Msg::LoadDone { generation }),
        Ok(false) => {}
        Err(e) => ctx.send(Msg::LoadFailed {
            generation,
            message: e.to_string(),
        }),
    }
}

/// A thread already in memory (demo, archive): sent as one page.
fn from_data(ctx: &Ctx, generation: u64, data: ThreadData, track_seen: bool) -> bool {
    let seen_key = track_seen
        .then(|| thread_key(&data.site.api_root, data.post.id))
        .flatten();
    let seen = seen_key
        .as_deref()
        .and_then(|k| ctx.seen.as_ref().and_then(|s| s.load(k)));
    for msg in crate::app::msg::in_memory_thread(generation, data, seen, seen_key) {
        ctx.send(msg);
    }
    true
}
