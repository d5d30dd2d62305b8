//! `wpcomments`: parse flags, load the settings once, run, map every failure to one line
//! and a documented exit code.
#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::FromArgMatches;

use wpcomments::api::ClientConfig;
use wpcomments::config::settings::Settings;
use wpcomments::dump::{self, DumpOptions, Format};
use wpcomments::error::{Error, Result, exit};
use wpcomments::tui;

mod cli;
mod commands;
mod log;
use cli::{Cli, Command, FormatArg};
use commands::read::{self, Input};

fn main() -> ExitCode {
    let cli = match Cli::from_arg_matches(&cli::command().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) => {
            commands::say::err(&format!("wpcomments: {e}"));
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    // What needs no settings: printing generated text.
    if let Some(text) = generated(&cli) {
        return print(&text?);
    }
    if cli.list_themes {
        return print(&(wpcomments::config::theme::theme_names().join("\n") + "\n"));
    }
    if cli.print_config {
        return print(wpcomments::config::settings::default_config_toml());
    }
    // Every other command runs with the same settings and fails on the same config errors.
    let settings = Settings::load(cli.common.config.as_deref())?;
    let interactive = match &cli.command {
        None => !cli.dump,
        Some(Command::Moderate(args)) => commands::moderate::jobs(args).is_empty(),
        Some(_) => false,
    };
    let sink = if interactive {
        log::Sink::File
    } else {
        log::Sink::Stderr
    };
    if let Some(path) = log::init(cli.common.verbose, sink)? {
        commands::say::err(&format!("wpcomments: logging to {}", path.display()));
    }
    let client_config = ClientConfig {
        timeout: Duration::from_secs(cli.common.timeout),
        ..ClientConfig::default()
    };
    let concurrency = cli
        .concurrency
        .map(usize::from)
        .or(settings.concurrency)
        .unwrap_or(4);
    match cli.command {
        Some(Command::Identity { action }) => {
            commands::identity::run(action, &client_config, cli.common.config.as_deref())
        }
        Some(Command::Reply(args)) => commands::reply::run(args, &client_config),
        Some(Command::Moderate(args)) => {
            if !interactive {
                return commands::moderate::run(&args, &client_config);
            }
            let (identity, auth) = commands::moderate::moderator(&args)?;
            tui::run(tui::Launch {
                source: tui::Source::Queue {
                    site: args.site,
                    identity: identity.name.clone(),
                },
                theme: cli.theme,
                ascii: cli.ascii,
                concurrency: Some(concurrency),
                client: ClientConfig {
                    auth: Some(auth),
                    auth_scope: identity.auth_scope(),
                    ..client_config
                },
                settings,
                // Replies written from a thread opened in the queue go out as the moderator.
                identity: Some(identity),
            })
        }
        Some(Command::Completions { .. } | Command::Man) => Ok(()),
        None => read_target(cli, settings, client_config, concurrency),
    }
}

/// The text of `completions SHELL` (clap_complete) or `man` (clap_mangen, with the exit
/// codes), from the same clap definition as `--help`; `None` for other commands.
fn generated(cli: &Cli) -> Option<Result<String>> {
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut cli::command(), "wpcomments", &mut out);
            Some(Ok(String::from_utf8_lossy(&out).into_owned()))
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            let rendered = clap_mangen::Man::new(cli::command())
                .render(&mut out)
                .map_err(|e| Error::Io(format!("cannot write the man page: {e}")));
            Some(rendered.map(|()| {
                format!(
                    "{}{}",
                    String::from_utf8_lossy(&out),
                    cli::exit_status_roff()
                )
            }))
        }
        _ => None,
    }
}

/// The reader (interactive or `--dump`) on TARGET.
fn read_target(
    cli: Cli,
    settings: Settings,
    client_config: ClientConfig,
    concurrency: usize,
) -> Result<()> {
    let mut input = read::classify(cli.target.as_deref())?;
    let as_identity = cli.as_identity.as_deref();
    let (client, identity) = match input {
        Input::Url(target) => {
            // Who reads is settled without the network: a wrong --as fails first.
            read::reader(&target, as_identity, client_config.clone())?;
            let typed = cli.target.as_deref().unwrap_or_default();
            let target = if read::needs_probe(&target, cli.dump) {
                read::reach(target, typed, &client_config)?
            } else {
                target
            };
            let chosen = read::reader(&target, as_identity, client_config)?;
            input = Input::Url(target);
            chosen
        }
        _ => (client_config, None),
    };
    if !cli.dump {
        let source = match input {
            Input::Demo => tui::Source::Demo,
            Input::Archive(path) => tui::Source::Archive(path),
            Input::Url(target) => tui::Source::Url(target_text(&target)),
        };
        return tui::run(tui::Launch {
            source,
            theme: cli.theme,
            ascii: cli.ascii,
            concurrency: Some(concurrency),
            client,
            settings,
            identity,
        });
    }
    let data = read::load(input, client, identity.as_ref(), concurrency)?;
    let format = match cli.format.unwrap_or(FormatArg::Text) {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Json => Format::Json,
    };
    let opts = DumpOptions {
        width: cli.width.map(usize::from).unwrap_or_else(default_width),
        ascii: cli.ascii,
        indent_cap: settings.indent_cap,
        indent_width: settings.indent_width,
        date_format: settings.date_format,
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

/// The URL with its `#comment-N`, as the reader parses it again.
fn target_text(target: &wpcomments::api::Target) -> String {
    match target.focus_comment {
        Some(id) => format!("{}#comment-{id}", target.url),
        None => target.url.to_string(),
    }
}

/// Write to stdout; a closed pipe (`wpcomments --dump URL | head`) is not an error.
fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io(format!("cannot write to stdout: {e}"))),
    }
}

fn default_width() -> usize {
    let stdout = std::io::stdout();
    if stdout.is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
    {
        return usize::from(cols).max(10);
    }
    80
}
