//! The steps of loading a thread or a post list: the post's [`Opened`], its comments
//! streamed page by page, discovery for a URL met for the first time, and one page of a
//! site's posts. The jobs that run them are in `jobs.rs`.

use std::collections::BTreeSet;

use super::Ctx;
use crate::api::auth::whoami;
use crate::api::discover::{Discovered, Target};
use crate::api::page_fallback::{self, Opening};
use crate::api::page_read;
use crate::api::posts::recent_posts;
use crate::api::{ApiRoot, FetchOptions, stream_comments};
use crate::app::msg::{Msg, Opened, PostsPage};
use crate::error::{Error, Result};
use crate::model::{Post, Site};
use crate::store::seen::thread_key;

/// The [`Opened`] of a post found over REST through `found`.
pub(super) fn opened(
    ctx: &Ctx,
    found: &Discovered,
    target: &Target,
    post: Post,
    site: Site,
) -> Opened {
    open_post(
        ctx,
        Some(found.api.clone()),
        site,
        post,
        target.focus_comment,
        target.url.to_string(),
    )
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
        page_read: None,
    }
}

/// Send the post, then stream its comments page by page (the UI keeps the thread; only ids are
/// kept here); a reader who cannot see pingbacks over REST gets them from the post's page, as
/// one more page at the end.
pub(super) async fn comments(
    ctx: &Ctx,
    generation: u64,
    api: &ApiRoot,
    opened: Opened,
) -> Result<()> {
    let post = opened.post.clone();
    ctx.send(Msg::Opened {
        generation,
        opened: Box::new(opened),
    });
    let opts = fetch_options(ctx, api).await;
    let client = ctx.client()?;
    let mut known = BTreeSet::new();
    let (streamed, pings) = futures::join!(
        stream_comments(client, api, post.id, &opts, |event| {
            known.extend(event.comments.iter().map(|c| c.id));
            ctx.send(Msg::Page { generation, event });
        }),
        page_read::pings_if(
            !opts.include_held_and_pings,
            client,
            &post,
            opts.concurrency
        )
    );
    let streamed = streamed?;
    for warning in &streamed.warnings {
        ctx.send(Msg::Notice(warning.clone()));
    }
    super::page::send_pings(ctx, generation, &known, &streamed, pings);
    Ok(())
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

/// A URL met for the first time (nothing remembered): discovery, the post, and its comments —
/// over REST, or from the post's page when REST does not serve this reader. `Ok(false)`: a
/// post list. On a thread read over REST, what discovery found is handed to `remember`.
pub(super) async fn discover_and_open(
    ctx: &Ctx,
    generation: u64,
    target: &Target,
    remember: impl FnOnce(&crate::api::discover::Discovered, u64),
) -> Result<bool> {
    let client = ctx.client()?;
    let (found, post, site) = match page_fallback::open(client, target).await? {
        Opening::Page { first, read } => {
            let opened = open_post(
                ctx,
                None,
                first.site.clone(),
                first.post.clone(),
                target.focus_comment,
                target.url.to_string(),
            );
            super::page::thread(ctx, generation, opened, &first, read).await?;
            return Ok(true);
        }
        Opening::Rest(rest) => (rest.found, rest.post, rest.site),
    };
    match post {
        Ok(post) => {
            let id = post.id;
            let opened = opened(ctx, &found, target, post, site);
            // Remembered once the post is known, not after the last page: a reader who
            // quits a long thread early still opens it in one round trip next time.
            remember(&found, id);
            comments(ctx, generation, &found.api, opened).await?;
            Ok(true)
        }
        Err(Error::NeedPost { .. }) => {
            let list = posts_page(ctx, found.api, site, 1, None).await?;
            ctx.send(Msg::Posts {
                generation,
                list: Box::new(list),
            });
            Ok(false)
        }
        Err(e) => Err(e),
    }
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
