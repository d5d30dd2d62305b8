//! Loading jobs: a thread (demo, archive, URL or a chosen post) streamed page by page, and
//! a page of a site's posts.

use std::sync::Arc;

use super::Ctx;
use crate::api::auth::whoami;
use crate::api::posts::recent_posts;
use crate::api::{ApiRoot, FetchOptions, stream_comments};
use crate::app::msg::{Msg, Opened, PostTarget, PostsPage, ThreadSource};
use crate::error::{Error, Result};
use crate::model::{Post, Site, ThreadData};
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

pub(super) fn open_post(
    ctx: &Ctx,
    api: Option<ApiRoot>,
    site: Site,
    post: Post,
    focus: Option<u64>,
    source_url: String,
) -> Opened {
    let seen_key = thread_key(&site.api_root, post.id);
    let seen = seen_key
        .as_deref()
        .and_then(|k| ctx.seen.as_ref().and_then(|s| s.load(k)));
    Opened {
        site,
        post,
        api,
        seen,
        seen_key,
        focus,
        source_url,
    }
}

/// Send the post, then stream its comments page by page.
pub(super) async fn comments(
    ctx: &Ctx,
    generation: u64,
    api: &ApiRoot,
    opened: Opened,
) -> Result<()> {
    let post_id = opened.post.id;
    ctx.send(Msg::Opened {
        generation,
        opened: Box::new(opened),
    });
    let opts = fetch_options(ctx, api).await;
    // Streamed: the pages go to the UI, which keeps the thread; nothing is kept here.
    stream_comments(ctx.client()?, api, post_id, &opts, |event| {
        ctx.send(Msg::Page { generation, event });
    })
    .await
    .map(|_| ())
}

/// The fetch options for `api`: with an identity that may moderate, held comments and
/// pingbacks too (in the edit context). Not knowing (the check failed) reads as anyone.
pub(super) async fn fetch_options(ctx: &Ctx, api: &ApiRoot) -> FetchOptions {
    let mut opts = ctx.fetch.clone();
    let Ok(client) = ctx.client() else {
        return opts;
    };
    if !client.has_auth() {
        return opts;
    }
    let root = api.display();
    let known = ctx
        .moderator
        .lock()
        .ok()
        .and_then(|m| m.clone())
        .filter(|(r, _)| *r == root)
        .map(|(_, can)| can);
    let can = match known {
        Some(can) => can,
        None => {
            let can = match whoami(client, api).await {
                Ok(me) => me.can_moderate,
                Err(e) => {
                    ctx.send(Msg::Notice(format!("reading as anyone: {e}")));
                    false
                }
            };
            if let Ok(mut m) = ctx.moderator.lock() {
                *m = Some((root, can));
            }
            can
        }
    };
    opts.edit_context = can;
    opts.include_held_and_pings = can;
    opts
}

pub(super) async fn posts_page(
    ctx: &Ctx,
    api: ApiRoot,
    site: Site,
    page: u32,
    search: Option<String>,
) -> Result<PostsPage> {
    let found = recent_posts(ctx.client()?, &api, page, search.as_deref()).await?;
    Ok(PostsPage {
        site,
        api,
        page,
        total_pages: found.total_pages,
        posts: found.posts,
        search,
    })
}
