//! Command-line flags as the user typed them (clap). `main` turns them into settings.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Read, write and moderate WordPress comment threads in the terminal.
#[derive(Debug, Parser)]
#[command(name = "wpcomments", version, about, long_about = None)]
#[command(
    after_help = "With no TARGET the built-in demo thread opens (no network needed).\n\
Exit codes: 0 ok, 1 other, 2 usage, 3 network, 4 TLS, 5 not WordPress/API disabled,\n\
6 post not found, 7 rate limited, 8 bad server response, 9 archive unreadable."
)]
pub struct Cli {
    /// A post URL (any WordPress site or WordPress.com), a site URL (TUI: recent posts), or a JSON archive file.
    pub target: Option<String>,

    /// Print the thread to stdout and exit instead of opening the TUI.
    #[arg(long)]
    pub dump: bool,

    /// Output format for --dump.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// Line width for --dump text (default: terminal width, or 80 when not a terminal).
    #[arg(long, short = 'w', value_parser = clap::value_parser!(u16).range(24..))]
    pub width: Option<u16>,

    /// Comment pages fetched at once (default 4, or the config's value).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub concurrency: Option<u16>,

    /// Seconds before a request is abandoned (it is retried a few times).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Use ASCII guides instead of box-drawing characters.
    #[arg(long)]
    pub ascii: bool,

    /// Colour theme for the TUI (see --list-themes).
    #[arg(long)]
    pub theme: Option<String>,

    /// List the available themes and exit.
    #[arg(long)]
    pub list_themes: bool,

    /// Print the default config.toml, with comments, and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Use this config file instead of the one in the XDG config dir.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Indented plain text.
    Text,
    /// Nested markdown.
    Markdown,
    /// Lossless JSON archive.
    Json,
}
