//! `wpcomments`: parse flags, run, map every failure to one line and a documented exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use wpcomments::api::{self, Client, ClientConfig, FetchOptions};
use wpcomments::dump::{self, DumpOptions, Format};
use wpcomments::error::{Error, Result, exit};
use wpcomments::model::ThreadData;
use wpcomments::{archive, demo, tui};

mod cli;
mod commands;
use cli::{Cli, Command, FormatArg};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) => {
            eprintln!("wpcomments: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Where a thread comes from.
enum Input {
    Demo,
    Archive(PathBuf),
    Url(String),
}

fn classify_target(target: Option<&str>) -> Input {
    match target {
        None => Input::Demo,
        Some(t) if Path::new(t).is_file() => Input::Archive(PathBuf::from(t)),
        Some(t) if t.ends_with(".json") && !t.contains("://") => Input::Archive(PathBuf::from(t)),
        Some(t) => Input::Url(t.to_owned()),
    }
}

fn run(cli: Cli) -> Result<()> {
    let client_config = ClientConfig {
        timeout: Duration::from_secs(cli.timeout),
        ..ClientConfig::default()
    };
    match cli.command {
        Some(Command::Identity { action }) => {
            return commands::identity::run(action, &client_config, cli.config.as_deref());
        }
        Some(Command::Reply(args)) => {
            return commands::reply::run(args, cli.as_identity.as_deref(), &client_config);
        }
        Some(Command::Moderate(args)) => {
            let as_identity = cli.as_identity.as_deref();
            if !commands::moderate::jobs(&args).is_empty() {
                return commands::moderate::run(&args, as_identity, &client_config);
            }
            let (identity, auth) = commands::moderate::moderator(as_identity, &args.site)?;
            return tui::run(tui::Launch {
                source: tui::Source::Queue {
                    site: args.site,
                    identity: identity.name.clone(),
                },
                theme: cli.theme,
                ascii: cli.ascii,
                concurrency: cli.concurrency.map(usize::from),
                client: ClientConfig {
                    auth: Some(auth),
                    auth_scope: identity.auth_scope(),
                    ..client_config
                },
                config_path: cli.config,
                // Replies written from a thread opened in the queue go out as the moderator.
                identity: Some(identity),
            });
        }
        None => {}
    }
    if cli.list_themes {
        return print(&(wpcomments::config::theme::theme_names().join("\n") + "\n"));
    }
    if cli.print_config {
        return print(wpcomments::config::settings::default_config_toml());
    }
    let input = classify_target(cli.target.as_deref());
    if !cli.dump {
        let source = match input {
            Input::Demo => tui::Source::Demo,
            Input::Archive(path) => tui::Source::Archive(path),
            Input::Url(url) => tui::Source::Url(url),
        };
        let (client, identity) =
            reader_identity(&source, cli.as_identity.as_deref(), client_config)?;
        return tui::run(tui::Launch {
            source,
            theme: cli.theme,
            ascii: cli.ascii,
            concurrency: cli.concurrency.map(usize::from),
            client,
            config_path: cli.config,
            identity,
        });
    }
    dump_thread(&cli, input, client_config)
}

/// `--dump`: load the thread and print it in the chosen format.
fn dump_thread(cli: &Cli, input: Input, client_config: ClientConfig) -> Result<()> {
    let data = load(
        input,
        client_config,
        cli.concurrency,
        cli.as_identity.as_deref(),
    )?;
    let format = match cli.format {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Json => Format::Json,
    };
    let width = cli.width.map(usize::from).unwrap_or_else(default_width);
    let opts = DumpOptions {
        width,
        ascii: cli.ascii,
        ..DumpOptions::default()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = dump::write(data, format, &opts, &mut out).and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(()),
        // `wpcomments --dump URL | head` is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io(format!("cannot write to stdout: {e}"))),
    }
}

/// Who the reader runs as on a URL: `--as NAME` (an error when it cannot be used there),
/// else the site's default identity, if any and if its secret can be read. Its credentials
/// go into the client, so a moderator also reads held comments and pingbacks.
fn reader_identity(
    source: &tui::Source,
    as_identity: Option<&str>,
    mut config: ClientConfig,
) -> Result<(ClientConfig, Option<wpcomments::identity::Identity>)> {
    let tui::Source::Url(url) = source else {
        return Ok((config, None));
    };
    let target = api::parse_target(url)?;
    let identity = match as_identity {
        Some(name) => {
            let identity = commands::identity_for(name, &target.url)?;
            config = identity.client_config(config)?;
            identity
        }
        None => {
            let Some(identity) = wpcomments::identity::Identities::load()
                .ok()
                .and_then(|ids| ids.default_for(&target.url).cloned())
            else {
                return Ok((config, None));
            };
            match identity.client_config(config.clone()) {
                Ok(with_auth) => config = with_auth,
                Err(_) => return Ok((config, None)),
            }
            identity
        }
    };
    Ok((config, Some(identity)))
}

/// Write to stdout; a closed pipe (`wpcomments --dump URL | head`) is not an error.
fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // `wpcomments --dump URL | head` is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io(format!("cannot write to stdout: {e}"))),
    }
}

fn default_width() -> usize {
    let stdout = std::io::stdout();
    if stdout.is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
    {
        return usize::from(cols).max(24);
    }
    80
}

fn load(
    input: Input,
    mut config: ClientConfig,
    concurrency: Option<u16>,
    as_identity: Option<&str>,
) -> Result<ThreadData> {
    match input {
        Input::Demo => demo::thread(),
        Input::Archive(path) => archive::read_file(&path),
        Input::Url(url) => {
            let target = api::parse_target(&url)?;
            if let Some(name) = as_identity {
                config = commands::identity_for(name, &target.url)?.client_config(config)?;
            }
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .map_err(|e| Error::Io(format!("cannot start the async runtime: {e}")))?;
            let mut opts = FetchOptions {
                concurrency: concurrency.map_or(4, usize::from),
                ..FetchOptions::default()
            };
            let loaded = runtime.block_on(async {
                let client = Client::new(config)?;
                if client.has_auth() {
                    // A moderator also sees held comments and pingbacks.
                    let found = api::discover(&client, &target).await?;
                    let me = api::auth::whoami(&client, &found.api).await?;
                    opts.edit_context = me.can_moderate;
                    opts.include_held_and_pings = me.can_moderate;
                }
                api::load_thread(&client, &target, &opts, |_| {}).await
            })?;
            Ok(loaded.data)
        }
    }
}
