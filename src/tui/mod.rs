//! The terminal shell: raw mode and signals, the run loop, the `$EDITOR` hand-off and the
//! clipboard. Crossterm lives here.
//!
//! Elm-style: [`update`](crate::app::update::update) turns a
//! [`Msg`](crate::app::msg::Msg) into state changes and [`Effect`](crate::app::msg::Effect)s
//! without I/O; [`draw`](crate::ui::draw) paints the state; the [`worker`](crate::worker)
//! does the network and disk work on its own thread and reports back over a channel; the
//! [`runner`] loop ties them to the terminal.

pub mod clipboard;
pub mod editor;
pub mod rescue;
pub mod runner;
pub mod terminal;
#[doc(hidden)]
pub mod testing;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::app::msg::ThreadSource;
use crate::app::{App, AppConfig};
use crate::store::seen;
use crate::{app::queue, worker};

use crate::api::{ClientConfig, FetchOptions};
use crate::config::settings::Settings;
use crate::error::{Error, Result};

/// What to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The built-in demo thread.
    Demo,
    /// A JSON archive file.
    Archive(PathBuf),
    /// A post URL, or a site URL (then the site's recent posts are listed).
    Url(String),
    /// The moderation queue of a site (`wpcomments moderate SITE`).
    Queue {
        /// Any URL on the site.
        site: String,
        /// The identity's name (for messages).
        identity: String,
    },
}

/// Everything `run` needs from the command line.
#[derive(Clone, Debug)]
pub struct Launch {
    /// What to open.
    pub source: Source,
    /// `--theme`.
    pub theme: Option<String>,
    /// `--ascii`.
    pub ascii: bool,
    /// `--concurrency`.
    pub concurrency: Option<usize>,
    /// HTTP settings (`--timeout`).
    pub client: ClientConfig,
    /// The settings (config.toml), loaded once by the caller for every command.
    pub settings: Settings,
    /// Who posts replies (`--as`, or the site's default identity); `None` is anonymous.
    /// Its credentials, if any, are already in `client.auth` for reading.
    pub identity: Option<crate::identity::Identity>,
}

/// Run the TUI until the user quits. Config and theme problems are reported before the
/// terminal is touched.
pub fn run(launch: Launch) -> Result<()> {
    let settings = launch.settings;
    let config = AppConfig::from_settings(&settings, launch.theme.as_deref(), launch.ascii)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Io(
            "the reader needs a terminal; use --dump to print the thread instead".into(),
        ));
    }
    let mut queue = None;
    let source = match launch.source {
        Source::Demo => ThreadSource::Demo,
        Source::Archive(path) => ThreadSource::Archive(path),
        Source::Url(url) => ThreadSource::Url(url),
        Source::Queue { site, identity } => {
            queue = Some((site.clone(), identity));
            ThreadSource::Url(site)
        }
    };
    let fetch = FetchOptions {
        // A moderator's threads show spam too, badged (the worker turns on the held and
        // spam passes only for an identity with moderate_comments).
        include_spam: true,
        concurrency: launch
            .concurrency
            .or(settings.concurrency)
            .unwrap_or(4)
            .max(1),
        ..FetchOptions::default()
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = worker::Worker::spawn(
        launch.client,
        fetch,
        seen::SeenStore::default_location(),
        crate::store::discovery::DiscoveryCache::default_location(),
        tx.clone(),
    );
    let term_err = |e: std::io::Error| Error::Io(format!("terminal: {e}"));
    if let Err(e) = terminal::forward_signals(tx.clone()) {
        worker.shutdown();
        return Err(term_err(e));
    }
    let mut term = match terminal::enter() {
        Ok(t) => t,
        Err(e) => {
            terminal::leave();
            worker.shutdown();
            return Err(term_err(e));
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    let outcome = (|| {
        runner::spawn_input(tx, Arc::clone(&stop))?;
        let size = term.size()?;
        let mut app = App::new(
            config,
            crate::model::clock::now_utc(),
            size.width,
            size.height,
        );
        app.posting.identity = launch.identity;
        // For `i` in the send step; a broken identities file only narrows the choice.
        app.posting.known = crate::identity::Identities::load()
            .map(|i| i.list)
            .unwrap_or_default();
        let effects = match queue {
            Some((site, identity)) => queue::start(&mut app, site, identity),
            None => app.start(source),
        };
        let ran = runner::run(&mut term, &mut app, effects, &worker, &rx);
        Ok((ran, crate::app::compose::unsaved::texts(&app)))
    })();
    stop.store(true, Ordering::Relaxed);
    terminal::leave();
    worker.shutdown();
    let (ran, unsaved) = outcome.map_err(term_err)?;
    // The terminal is back: text that never reached the disk goes somewhere that works.
    rescue::drafts(&unsaved);
    ran.map_err(term_err)
}
