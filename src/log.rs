//! `--verbose`: requests, retries and timings (the `tracing` events of `api::client`) to
//! stderr, or, while the interactive view owns the terminal, to `wpcomments.log` in the
//! cache folder (0600 in a 0700 folder). The events never carry headers or bodies, so
//! credentials and what is posted stay out of the log.

use std::fs::{DirBuilder, File, OpenOptions};
use std::path::PathBuf;
use std::sync::Mutex;

use wpcomments::error::{Error, Result};
use wpcomments::store::paths::{self, Dir};

/// Where the log goes.
pub enum Sink {
    /// Standard error (commands and `--dump`).
    Stderr,
    /// The log file in the cache folder (the interactive view).
    File,
}

/// Start logging when `verbose`; returns the log file when one is written.
pub fn init(verbose: bool, sink: Sink) -> Result<Option<PathBuf>> {
    if !verbose {
        return Ok(None);
    }
    let builder = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_target(false);
    match sink {
        Sink::Stderr => {
            let _ = builder.with_writer(std::io::stderr).try_init();
            Ok(None)
        }
        Sink::File => {
            let path = paths::file(Dir::Cache, "wpcomments.log").ok_or_else(|| {
                Error::Io(format!(
                    "no home directory for the log; set {}",
                    Dir::Cache.env()
                ))
            })?;
            let file = open_private(&path)
                .map_err(|e| Error::Io(format!("cannot write {}: {e}", path.display())))?;
            let _ = builder.with_writer(Mutex::new(file)).try_init();
            Ok(Some(path))
        }
    }
}

/// Open `path` for appending, readable by the owner only, in an owner-only folder.
fn open_private(path: &std::path::Path) -> std::io::Result<File> {
    let mut dir = DirBuilder::new();
    dir.recursive(true);
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        dir.mode(0o700);
        options.mode(0o600);
    }
    if let Some(parent) = path.parent() {
        dir.create(parent)?;
    }
    options.open(path)
}
