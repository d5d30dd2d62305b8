//! The worker: a thread with a tokio runtime that carries out effects needing the network or
//! the disk, and reports back to the UI loop over a channel. The UI never waits for it.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use super::compose_worker;
use super::discovery_cache::DiscoveryCache;
use super::msg::{Effect, Msg, Opened, PostTarget, PostsPage, ThreadSource};
use super::seen::{SeenStore, thread_key};
use crate::api::auth::whoami;
use crate::api::posts::recent_posts;
use crate::api::{ApiRoot, Client, ClientConfig, FetchOptions, stream_comments};
use crate::error::{Error, Result};
use crate::model::{Post, Site, ThreadData};

/// Handle to the worker thread.
pub struct Worker {
    jobs: UnboundedSender<Effect>,
    /// The UI's inbox, for reports made outside the worker thread (the external editor).
    reports: Sender<Msg>,
    thread: Option<std::thread::JoinHandle<()>>,
}

pub(super) struct Ctx {
    client: std::result::Result<Client, String>,
    /// The settings `client` was built from (replies build a client for their identity).
    config: ClientConfig,
    /// Whether the client's identity may moderate (then held comments and pings are read
    /// too); asked once per site.
    moderator: std::sync::Mutex<Option<(String, bool)>>,
    fetch: FetchOptions,
    seen: Option<SeenStore>,
    /// What discovery found on earlier visits.
    pub(super) discovery: Option<DiscoveryCache>,
    tx: Sender<Msg>,
}

impl Ctx {
    pub(super) fn send(&self, msg: Msg) {
        // The UI is gone when this fails; nothing is left to tell.
        let _ = self.tx.send(msg);
    }

    pub(super) fn client(&self) -> Result<&Client> {
        self.client.as_ref().map_err(|e| Error::Io(e.clone()))
    }
}

impl Worker {
    /// Start the worker thread; reports go to `tx`.
    pub fn spawn(
        client: ClientConfig,
        fetch: FetchOptions,
        seen: Option<SeenStore>,
        discovery: Option<DiscoveryCache>,
        tx: Sender<Msg>,
    ) -> Worker {
        let (jobs, rx) = unbounded_channel();
        let spawned = std::thread::Builder::new()
            .name("wpcomments-worker".into())
            .spawn({
                let tx = tx.clone();
                move || run(client, fetch, (seen, discovery), tx, rx)
            });
        let thread = match spawned {
            Ok(handle) => Some(handle),
            Err(e) => {
                let _ = tx.send(Msg::Notice(format!("cannot start the network worker: {e}")));
                None
            }
        };
        Worker {
            jobs,
            reports: tx,
            thread,
        }
    }

    /// Stop taking jobs, finish the queued ones that write files (seen ids), drop loads in
    /// flight, and wait for the thread.
    pub fn shutdown(mut self) {
        let (closed, _) = unbounded_channel();
        drop(std::mem::replace(&mut self.jobs, closed));
        if let Some(handle) = self.thread.take() {
            let _ = handle.join();
        }
    }

    /// Tell the UI something from outside the worker thread (the runner's external editor).
    pub fn report(&self, msg: Msg) {
        let _ = self.reports.send(msg);
    }

    /// Queue an effect (`Load`, `LoadPosts`, `SaveSeen`, `Open`; others are ignored).
    pub fn send(&self, effect: Effect) {
        let _ = self.jobs.send(effect);
    }
}

fn run(
    client: ClientConfig,
    fetch: FetchOptions,
    (seen, discovery): (Option<SeenStore>, Option<DiscoveryCache>),
    tx: Sender<Msg>,
    mut rx: UnboundedReceiver<Effect>,
) {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = tx.send(Msg::Notice(format!(
                "cannot start the network runtime: {e}"
            )));
            return;
        }
    };
    runtime.block_on(async move {
        let ctx = Arc::new(Ctx {
            client: Client::new(client.clone()).map_err(|e| e.to_string()),
            config: client,
            moderator: std::sync::Mutex::new(None),
            fetch,
            seen,
            discovery,
            tx,
        });
        // Only one load runs at a time: a new one (or going back) supersedes the old.
        let mut current: Option<JoinHandle<()>> = None;
        // Jobs taken off the channel early (while merging draft saves), run next.
        let mut backlog = std::collections::VecDeque::new();
        loop {
            let job = match backlog.pop_front() {
                Some(job) => job,
                None => match rx.recv().await {
                    Some(job) => job,
                    None => break,
                },
            };
            match job {
                Effect::Load { generation, source } => {
                    if let Some(h) = current.take() {
                        h.abort();
                    }
                    current = Some(tokio::spawn(load(Arc::clone(&ctx), generation, source)));
                }
                Effect::LoadPosts {
                    generation,
                    api,
                    site,
                    page,
                    search,
                } => {
                    if let Some(h) = current.take() {
                        h.abort();
                    }
                    let ctx = Arc::clone(&ctx);
                    current = Some(tokio::spawn(async move {
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
                    }));
                }
                Effect::SaveSeen { key, ids } => {
                    // A small file, written in line so it is done before shutdown returns.
                    if let Some(store) = &ctx.seen
                        && let Err(e) = store.save(&key, &ids)
                    {
                        ctx.send(Msg::Notice(format!("cannot remember seen comments: {e}")));
                    }
                }
                Effect::Moderation(job) => {
                    // Not `current`: a load that starts must not cancel a status change.
                    let ctx = Arc::clone(&ctx);
                    tokio::spawn(async move {
                        let msg = match ctx.client() {
                            Ok(c) => super::moderation_worker::run(c, job).await,
                            Err(e) => super::moderation_worker::failed(job, e.to_string()),
                        };
                        ctx.send(Msg::Moderation(Box::new(msg)));
                    });
                }
                Effect::Open(url) => {
                    if let Err(e) = open::that_detached(&url) {
                        ctx.send(Msg::Notice(format!("cannot open a browser: {e}")));
                    }
                }
                Effect::SaveDraft { key, body } => {
                    // Fast typing (or a paste) queues a save per key: write only the last.
                    let body = compose_worker::latest_save(&key, body, &mut rx, &mut backlog);
                    // In line, like seen ids, so a draft is on disk before shutdown returns.
                    compose_worker::save_draft(&ctx.tx, &key, &body);
                }
                Effect::DeleteDraft { key } => compose_worker::delete_draft(&ctx.tx, &key),
                Effect::LoadDraft { key } => compose_worker::load_draft(&ctx.tx, key),
                Effect::SendReply(out) => {
                    let (tx, config) = (ctx.tx.clone(), ctx.config.clone());
                    tokio::spawn(compose_worker::send_reply(tx, config, *out));
                }
                Effect::Copy(_)
                | Effect::Suspend
                | Effect::Quit
                | Effect::EditExternally { .. } => {}
            }
        }
        if let Some(h) = current.take() {
            h.abort();
        }
    });
    // Loads still in flight are cancelled when the runtime drops here.
}

async fn load(ctx: Arc<Ctx>, generation: u64, source: ThreadSource) {
    let outcome = match source {
        ThreadSource::Demo => crate::demo::thread().map(|d| from_data(&ctx, generation, d, false)),
        ThreadSource::Archive(path) => {
            let read = tokio::task::spawn_blocking(move || crate::archive::read_file(&path)).await;
            match read {
                Ok(data) => data.map(|d| from_data(&ctx, generation, d, true)),
                Err(e) => Err(Error::Io(e.to_string())),
            }
        }
        ThreadSource::Url(url) => super::url_worker::from_url(&ctx, generation, &url).await,
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
    for msg in super::msg::in_memory_thread(generation, data, seen, seen_key) {
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
