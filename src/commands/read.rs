//! Reading a thread: what TARGET is, reaching its site, who reads, and `--dump`.
//!
//! The interactive view and `--dump` go through the same steps here, so they read the same
//! comments as the same identity, and a first load that cannot work fails before the
//! terminal is taken over.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use wpcomments::api::{self, Client, ClientConfig, FetchOptions, PageEvent, Target};
use wpcomments::error::{Error, Result};
use wpcomments::identity::{Identities, Identity};
use wpcomments::model::ThreadData;
use wpcomments::render::sanitize_line;
use wpcomments::{archive, demo};

use super::runtime;

/// Where a thread comes from.
pub enum Input {
    /// The built-in demo thread.
    Demo,
    /// A JSON archive file.
    Archive(PathBuf),
    /// A URL (post or site), checked and reached.
    Url(Target),
}

/// What TARGET names: nothing (the demo), an existing file or a `.json` name (an archive,
/// read now so a missing or broken one fails before anything else), else a URL (parsed,
/// not yet reached: see [`reach`]).
pub fn classify(target: Option<&str>) -> Result<Input> {
    let Some(t) = target else {
        return Ok(Input::Demo);
    };
    if Path::new(t).is_file() || (t.ends_with(".json") && !t.contains("://")) {
        let path = PathBuf::from(t);
        archive::read_file(&path)?;
        return Ok(Input::Archive(path));
    }
    Ok(Input::Url(api::parse_target(t)?))
}

/// Whether [`reach`] must ask first. A link typed without a scheme always (https, or http
/// once). With a scheme, `--dump` does not: its load fails with the same error and exit code
/// anyway, so the probe would only cost a round trip. The reader does on a first visit, so a
/// site that is not there fails before the full-screen view, but not for a link whose
/// discovery is remembered (`store::discovery`): that site answered before, and a repeat
/// visit's first screen is one round trip. Should it be down now, the reader says so with
/// `R` to retry.
pub fn needs_probe(target: &Target, dump: bool) -> bool {
    if target.scheme_guessed {
        return true;
    }
    if dump {
        return false;
    }
    wpcomments::store::discovery::DiscoveryCache::default_location()
        .and_then(|cache| cache.load(&target.url))
        .is_none()
}

/// Reach the site of `target` (typed as `typed`) before anything else: one HEAD, and http
/// once when https cannot work for a link typed without a scheme (said on stderr), so a host
/// that does not exist or refuses fails here. A name with no `/` that is neither a file nor
/// a host is "no such file or host".
pub fn reach(target: Target, typed: &str, config: &ClientConfig) -> Result<Target> {
    let t = typed;
    let client = Client::new(ClientConfig {
        auth: None,
        retries: 0,
        ..config.clone()
    })?;
    if !target.scheme_guessed {
        return discover_first(&client, target);
    }
    match runtime()?.block_on(api::reach(&client, &target)) {
        Ok(reached) => {
            if let Some(note) = reached.note {
                super::say::err(&format!("wpcomments: {note}"));
            }
            Ok(reached.target)
        }
        Err(Error::HostNotFound { .. }) if target.scheme_guessed && !t.contains('/') => {
            Err(Error::NoSuchFileOrHost {
                input: sanitize_line(t),
            })
        }
        Err(e) => Err(e),
    }
}

/// For a link with a scheme, the reachability check is discovery itself (its HEAD of the
/// page): what it finds is remembered (`store::discovery`), so the reader starts with the
/// post, the site and the first comments at once instead of asking the page again. A
/// transport failure (exit codes 3 and 4: no such host, refused, TLS, timeout) fails here,
/// before the full-screen view; any other answer is the reader's to explain (a closed API
/// read from the page, not WordPress, …).
fn discover_first(client: &Client, target: Target) -> Result<Target> {
    match runtime()?.block_on(api::discover(client, &target)) {
        Ok(found) => {
            if let Some(cache) = wpcomments::store::discovery::DiscoveryCache::default_location() {
                cache.store(&target.url, &found, found.shortlink_id);
            }
            Ok(target)
        }
        Err(e) if matches!(e.exit_code(), 3 | 4) => Err(e),
        Err(_) => Ok(target),
    }
}

/// Who reads (and replies from the reader) on `target`: the one identity rule
/// ([`Identities::choose`]). An explicit `--as` whose secret cannot be read is an error; a
/// site default whose secret cannot be read is left out (reading anonymously). Its
/// credentials go into the client, so a moderator also reads held comments and pingbacks.
pub fn reader(
    target: &Target,
    as_identity: Option<&str>,
    config: ClientConfig,
) -> Result<(ClientConfig, Option<Identity>)> {
    let identities = match Identities::load() {
        Ok(ids) => ids,
        Err(e) if as_identity.is_some() => return Err(e),
        Err(_) => return Ok((config, None)),
    };
    let Some(identity) = identities.choose(as_identity, &target.url)? else {
        return Ok((config, None));
    };
    match identity.client_config(config.clone()) {
        Ok(with_auth) => Ok((with_auth, Some(identity))),
        Err(e) if as_identity.is_some() => Err(e),
        Err(_) => Ok((config, None)),
    }
}

/// The thread for `--dump`, with progress on stderr when it is a terminal.
/// With `identity`, an API root the page names outside its site is refused (its credentials
/// would not be sent there).
pub fn load(
    input: Input,
    config: ClientConfig,
    identity: Option<&Identity>,
    concurrency: usize,
) -> Result<ThreadData> {
    let target = match input {
        Input::Demo => return demo::thread(),
        Input::Archive(path) => return archive::read_file(&path),
        Input::Url(target) => target,
    };
    let progress = Progress::start(&target);
    let mut opts = FetchOptions {
        concurrency,
        ..FetchOptions::default()
    };
    let loaded = runtime()?.block_on(async {
        let client = Client::new(config)?;
        if client.has_auth() {
            // A moderator also sees held comments and pingbacks.
            let found = api::discover(&client, &target).await?;
            if let Some(identity) = identity {
                identity.ensure_api(&found.api)?;
            }
            let me = api::auth::whoami(&client, &found.api).await?;
            opts.edit_context = me.can_moderate;
            opts.include_held_and_pings = me.can_moderate;
        }
        api::load_thread(&client, &target, &opts, |page| progress.page(page)).await
    });
    progress.clear();
    let loaded = loaded?;
    for warning in &loaded.warnings {
        super::say::err(&format!("wpcomments: warning: {warning}"));
    }
    Ok(loaded.data)
}

/// `page 13/50 · 1,200 comments` on stderr while a dump loads; nothing when stderr is not a
/// terminal (indicatif draws only on a terminal), and cleared at the end.
struct Progress {
    bar: ProgressBar,
    comments: std::cell::Cell<usize>,
}

impl Progress {
    fn start(target: &Target) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {wide_bar} {elapsed}") {
            bar.set_style(style);
        }
        let host = target.url.host_str().unwrap_or_default();
        bar.set_message(format!("reaching {}", sanitize_line(host)));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress {
            bar,
            comments: std::cell::Cell::new(0),
        }
    }

    fn page(&self, page: &PageEvent) {
        self.comments.set(self.comments.get() + page.comments.len());
        self.bar.set_length(u64::from(page.total_pages));
        self.bar.set_position(u64::from(page.page));
        self.bar.set_message(format!(
            "page {}/{} · {} comments",
            page.page,
            page.total_pages,
            self.comments.get()
        ));
    }

    fn clear(&self) {
        self.bar.finish_and_clear();
    }
}
