//! The worker: a thread with a tokio runtime that carries out effects needing the network or
//! the disk, and reports back to the UI loop over a channel. The UI never waits for it.

pub mod compose;
mod jobs;
pub mod load;
pub mod moderation;
mod page;
pub mod url;

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use crate::api::{Client, ClientConfig, FetchOptions};
use crate::app::msg::moderation::ModEffect;
use crate::app::msg::{Effect, Msg};
use crate::error::{Error, Result};
use crate::store::discovery::DiscoveryCache;
use crate::store::seen::SeenStore;

/// Handle to the worker thread.
pub struct Worker {
    jobs: UnboundedSender<Effect>,
    /// The UI's inbox, for reports made outside the worker thread (the external editor).
    reports: Sender<Msg>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// What every job may use: the client, the settings, the seen store and the UI's inbox.
struct Ctx {
    client: std::result::Result<Client, String>,
    /// The settings `client` was built from (replies build a client for their identity).
    config: ClientConfig,
    /// Whether the client's identity may moderate (then held comments and pings are read
    /// too); asked once per site.
    moderator: std::sync::Mutex<Option<(String, bool)>>,
    fetch: FetchOptions,
    seen: Option<SeenStore>,
    /// What discovery found on earlier visits.
    discovery: Option<DiscoveryCache>,
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

/// The worker thread: a small tokio runtime taking jobs until the UI closes the channel.
fn run(
    client: ClientConfig,
    fetch: FetchOptions,
    (seen, discovery): (Option<SeenStore>, Option<DiscoveryCache>),
    tx: Sender<Msg>,
    rx: UnboundedReceiver<Effect>,
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
        let mut jobs = Jobs {
            rx,
            backlog: VecDeque::new(),
            current: None,
        };
        while let Some(job) = jobs.next().await {
            dispatch(&ctx, &mut jobs, job);
        }
        jobs.cancel_load();
    });
    // In-flight loads are cancelled; a blocking read still running never holds up quitting.
    runtime.shutdown_background();
}

/// The worker loop's own state: the job channel, jobs taken early, the load in flight.
struct Jobs {
    rx: UnboundedReceiver<Effect>,
    /// Jobs taken off the channel early (while merging draft saves), run next.
    backlog: VecDeque<Effect>,
    /// Only one load runs at a time: a new one (or going back) supersedes the old.
    current: Option<JoinHandle<()>>,
}

impl Jobs {
    async fn next(&mut self) -> Option<Effect> {
        match self.backlog.pop_front() {
            Some(job) => Some(job),
            None => self.rx.recv().await,
        }
    }

    fn cancel_load(&mut self) {
        if let Some(h) = self.current.take() {
            h.abort();
        }
    }
}

/// One job: each kind of effect goes to its own function.
fn dispatch(ctx: &Arc<Ctx>, jobs: &mut Jobs, job: Effect) {
    match job {
        Effect::Load { generation, source } => {
            jobs.cancel_load();
            let ctx = Arc::clone(ctx);
            jobs.current = Some(tokio::spawn(jobs::thread(ctx, generation, source)));
        }
        Effect::LoadPosts {
            generation,
            api,
            site,
            page,
            search,
        } => {
            jobs.cancel_load();
            let ctx = Arc::clone(ctx);
            let job = jobs::posts(ctx, generation, api, site, page, search);
            jobs.current = Some(tokio::spawn(job));
        }
        Effect::SaveSeen { key, ids } => save_seen(ctx, &key, &ids),
        Effect::Moderation(job) => moderate(ctx, job),
        Effect::Open(url) => open_url(ctx, &url),
        Effect::SaveDraft { key, body } => {
            // Fast typing (or a paste) queues a save per key: write only the last.
            let body = compose::latest_save(&key, body, &mut jobs.rx, &mut jobs.backlog);
            // In line, like seen ids, so a draft is on disk before shutdown returns.
            compose::save_draft(&ctx.tx, &key, &body);
        }
        Effect::DeleteDraft { key } => compose::delete_draft(&ctx.tx, &key),
        Effect::LoadDraft { key } => compose::load_draft(&ctx.tx, key),
        Effect::SendReply(out) => {
            let (tx, config) = (ctx.tx.clone(), ctx.config.clone());
            tokio::spawn(compose::send_reply(tx, config, *out));
        }
        Effect::Copy(_) | Effect::Suspend | Effect::Quit | Effect::EditExternally { .. } => {}
    }
}

/// Remember the comments seen in a thread. A small file, written in line so it is done
/// before shutdown returns.
fn save_seen(ctx: &Ctx, key: &str, ids: &[u64]) {
    if let Some(store) = &ctx.seen
        && let Err(e) = store.save(key, ids)
    {
        ctx.send(Msg::Notice(format!("cannot remember seen comments: {e}")));
    }
}

/// A moderation job. Not the current load: a load that starts must not cancel a status
/// change.
fn moderate(ctx: &Arc<Ctx>, job: ModEffect) {
    let ctx = Arc::clone(ctx);
    tokio::spawn(async move {
        let msg = match ctx.client() {
            Ok(c) => moderation::run(c, job).await,
            Err(e) => moderation::failed(job, e.to_string()),
        };
        ctx.send(Msg::Moderation(Box::new(msg)));
    });
}

/// Open a link in the browser.
fn open_url(ctx: &Ctx, url: &str) {
    // The opener's own error (a launcher's exit status) means nothing to a reader.
    if open::that_detached(url).is_err() {
        ctx.send(Msg::Notice(crate::app::msg::NO_BROWSER.into()));
    }
}
