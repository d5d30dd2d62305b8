//! Opening a URL in as few round trips as the site allows: once the post's id is known (from
//! an earlier visit, the page's `alternate` link, or `?p=`), the post, the site index and
//! the first comment page are asked for together; pages that arrive before the post wait
//! for it. What discovery found is remembered per URL (see [`crate::store::discovery`]), so a
//! repeat visit skips discovery; a load that used a remembered entry and fails before
//! anything was shown forgets it and discovers again.

use std::collections::BTreeSet;
use std::sync::Mutex;

use super::Ctx;
use super::load::{comments, fetch_options, opened, posts_page};
use crate::api::comments::Streamed;
use crate::api::discover::{Discovered, Target};
use crate::api::page_read;
use crate::api::posts::{find_post, site_info};
use crate::api::{FetchOptions, PageEvent, parse_target, stream_comments};
use crate::app::msg::Msg;
use crate::error::{Error, Result};
use crate::model::Post;

/// A URL: a post's thread, or (for a site URL) its recent posts. `Ok(false)`: a post list.
pub(super) async fn from_url(ctx: &Ctx, generation: u64, url: &str) -> Result<bool> {
    let target = parse_target(url)?;
    let cache = ctx.discovery.as_ref();
    if let Some(remembered) = cache.and_then(|c| c.load(&target.url)) {
        let mut shown = false;
        // Without the post's id (discovered just now, before the full-screen view), the page's
        // own naming of it serves.
        let post = (remembered.post).or_else(|| known_post_id(&remembered.found, &target));
        let outcome = open(ctx, generation, &target, remembered.found, post, &mut shown).await;
        match outcome {
            Err(_) if !shown => {
                // Stale (the site moved, the post is gone): forget it and discover afresh.
                if let Some(c) = cache {
                    c.forget(&target.url);
                }
            }
            Err(e) => {
                if let Some(c) = cache {
                    c.forget(&target.url);
                }
                return Err(e);
            }
            ok => return ok,
        }
    }
    // Nothing remembered: discover. When the page names its post's id (shortlink, `?p=`, the
    // post's REST route), the post, the site and the first comments go out together, as on a
    // repeat visit; anything that fails before the thread is shown takes the full path below.
    if let Ok(found) = crate::api::discover::discover(ctx.client()?, &target).await
        && let Some(id) = known_post_id(&found, &target)
    {
        let mut shown = false;
        match open(ctx, generation, &target, found, Some(id), &mut shown).await {
            Err(_) if !shown => {}
            outcome => return outcome,
        }
    }
    // Discovery, with the page reader when REST does not serve this reader.
    super::load::discover_and_open(ctx, generation, &target, |found, id| {
        if let Some(cache) = &ctx.discovery {
            cache.store(&target.url, found, Some(id));
        }
    })
    .await
}

/// Where the first pages go until the post is shown.
#[derive(Default)]
struct Early {
    opened: bool,
    held: Vec<PageEvent>,
    /// Ids of every comment streamed (to merge pingbacks read from the page).
    known: BTreeSet<u64>,
}

/// Open the thread `found` points at; with `post_id`, ask for everything at once. `shown`
/// becomes true once the UI got the post.
async fn open(
    ctx: &Ctx,
    generation: u64,
    target: &Target,
    found: Discovered,
    post_id: Option<u64>,
    shown: &mut bool,
) -> Result<bool> {
    let client = ctx.client()?;
    let opts = match post_id {
        Some(_) => Some(fetch_options(ctx, &found.api).await),
        None => None,
    };
    let early = Mutex::new(Early::default());
    let send_page = |event: PageEvent| {
        let mut e = early.lock().unwrap_or_else(|p| p.into_inner());
        e.known.extend(event.comments.iter().map(|c| c.id));
        if e.opened {
            ctx.send(Msg::Page { generation, event });
        } else {
            e.held.push(event);
        }
    };
    let first_pages = async {
        let (id, opts) = post_id.zip(opts.as_ref())?;
        Some(stream_comments(client, &found.api, id, opts, send_page).await)
    };
    let post_and_site = async {
        let (post, site) = futures::join!(
            find_post(client, &found, target),
            site_info(client, &found.api)
        );
        let opened = match &post {
            Ok(p) if Some(p.id) == post_id => {
                let opened = opened(ctx, &found, target, p.clone(), site.clone());
                // Remembered now: quitting a long thread early still makes the next visit fast.
                remember(ctx, target, &found, p.id);
                let mut e = early.lock().unwrap_or_else(|p| p.into_inner());
                ctx.send(Msg::Opened {
                    generation,
                    opened: Box::new(opened),
                });
                for event in e.held.drain(..) {
                    ctx.send(Msg::Page { generation, event });
                }
                e.opened = true;
                true
            }
            _ => false,
        };
        (post, site, opened)
    };
    let (streamed, (post, site, shown_now)) = futures::join!(first_pages, post_and_site);
    *shown = shown_now;
    match post {
        Ok(post) if shown_now => {
            let streamed = streamed.unwrap_or(Ok(Default::default()))?;
            let known = early.into_inner().unwrap_or_else(|p| p.into_inner()).known;
            finish(ctx, generation, &post, &streamed, &known, opts.as_ref()).await?;
            Ok(true)
        }
        Ok(post) => {
            // The id was not known (or was wrong): the comments come after the post.
            let id = post.id;
            let opened = opened(ctx, &found, target, post, site);
            *shown = true;
            remember(ctx, target, &found, id);
            comments(ctx, generation, &found.api, opened).await?;
            Ok(true)
        }
        Err(Error::NeedPost { .. }) => {
            *shown = true;
            posts(ctx, generation, found, site).await
        }
        Err(e) => Err(e),
    }
}

/// After the comments of an opened thread streamed in: their warnings as notices, and for a
/// reader REST hides pingbacks from, the pingbacks from the post's page.
async fn finish(
    ctx: &Ctx,
    generation: u64,
    post: &Post,
    streamed: &Streamed,
    known: &BTreeSet<u64>,
    opts: Option<&FetchOptions>,
) -> Result<()> {
    for warning in &streamed.warnings {
        ctx.send(Msg::Notice(warning.clone()));
    }
    if let Some(opts) = opts.filter(|o| !o.include_held_and_pings) {
        let pings = page_read::pings(ctx.client()?, post, opts.concurrency)
            .await
            .ok();
        super::page::send_pings(ctx, generation, known, streamed, pings);
    }
    Ok(())
}

/// A site URL: its recent posts. `Ok(false)`: no thread was opened.
async fn posts(
    ctx: &Ctx,
    generation: u64,
    found: Discovered,
    site: crate::model::Site,
) -> Result<bool> {
    let list = posts_page(ctx, found.api, site, 1, None).await?;
    ctx.send(Msg::Posts {
        generation,
        list: Box::new(list),
    });
    Ok(false)
}

/// The post's id as discovery found it: the page's shortlink, `?p=` in the link, or the last
/// segment of the post's REST route (`…/wp/v2/posts/42`, also inside `?rest_route=`).
fn known_post_id(found: &Discovered, target: &Target) -> Option<u64> {
    let from_route = |route: &url::Url| {
        let rest_route = route
            .query_pairs()
            .find(|(k, _)| k == "rest_route")
            .map(|(_, v)| v.into_owned());
        let path = rest_route.unwrap_or_else(|| route.path().to_owned());
        path.trim_end_matches('/').rsplit('/').next()?.parse().ok()
    };
    found
        .shortlink_id
        .or_else(|| crate::api::discover::id_of(&target.url))
        .or_else(|| found.post_route.as_ref().and_then(from_route))
}

fn remember(ctx: &Ctx, target: &Target, found: &Discovered, post: u64) {
    if let Some(cache) = &ctx.discovery {
        cache.store(&target.url, found, Some(post));
    }
}
