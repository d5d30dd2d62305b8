//! Command-line flags as the user typed them (clap). `main` turns them into settings.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Read, write and moderate WordPress comment threads in the terminal.
#[derive(Debug, Parser)]
#[command(name = "wpcomments", version, about, long_about = None)]
#[command(
    after_help = "With no TARGET the built-in demo thread opens (no network needed).\n\
Exit codes: 0 ok, 1 other, 2 usage, 3 network, 4 TLS, 5 not WordPress/API disabled,\n\
6 post not found, 7 rate limited, 8 bad server response, 9 archive unreadable,\n\
10 credentials rejected/ignored/insecure, 11 comment refused by the site, 12 identity problem.\n\
--help lists the files wpcomments uses."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Subcommands: identities, replies, moderation, completions. Without one, TARGET is read.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Read as this identity (a moderator also sees held comments and pingbacks) and reply
    /// as it from the reader; default: the site's default identity (see `identity list`).
    #[arg(long = "as", value_name = "NAME")]
    pub as_identity: Option<String>,

    /// A post URL (any WordPress site or WordPress.com), a site URL (TUI: recent posts), or a JSON archive file.
    pub target: Option<String>,

    /// Print the thread to stdout and exit instead of opening the TUI.
    #[arg(long)]
    pub dump: bool,

    /// Output format for --dump [default: text].
    #[arg(long, short = 'f', value_enum, requires = "dump")]
    pub format: Option<FormatArg>,

    /// Line width for --dump text, at least 10 (default: terminal width, or 80 when not a
    /// terminal).
    #[arg(long, short = 'w', requires = "dump", value_parser = clap::value_parser!(u16).range(10..))]
    pub width: Option<u16>,

    /// Comment pages fetched at once (default 4, or the config's value).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub concurrency: Option<u16>,

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

    /// Flags every command takes.
    #[command(flatten)]
    pub common: Common,
}

/// Flags every command takes (`global`: before or after the subcommand).
#[derive(Debug, Args)]
pub struct Common {
    /// Use this config file instead of config.toml in the config folder.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Seconds before a request is abandoned (it is retried a few times).
    #[arg(long, default_value_t = 30, global = true, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Log requests, retries and timings (secrets redacted) to stderr, or to
    /// wpcomments.log in the cache folder while the interactive view is up.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

/// The clap definition with the files table (this machine's paths) in `--help`; the same
/// definition makes the completions and the man page.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().after_long_help(wpcomments::store::paths::files_table())
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

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, test and remove identities (who reads and posts).
    Identity {
        /// What to do.
        #[command(subcommand)]
        action: IdentityCommand,
    },
    /// Post a reply; prints the new comment's id, status and link.
    Reply(ReplyArgs),
    /// Moderate a site's comments: the queue in the TUI, or act on ids and print a line each.
    Moderate(ModerateArgs),
    /// Print a shell completion script (e.g. `wpcomments completions bash > ~/.local/share/bash-completion/completions/wpcomments`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `wpcomments man > ~/.local/share/man/man1/wpcomments.1`.
    Man,
}

/// `wpcomments identity ...`.
#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Add (or replace) an identity.
    Add(AddArgs),
    /// List identities (never their secrets).
    List,
    /// Check an identity against its site: who it is, its roles, whether it may moderate.
    Test {
        /// Identity name.
        name: String,
    },
    /// Remove an identity and its stored secret.
    Remove {
        /// Identity name.
        name: String,
    },
}

/// `wpcomments identity add NAME ...`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("method").required(true)
    .args(["app_password", "browser", "jwt", "guest", "wordpress_com"])))]
pub struct AddArgs {
    /// The identity's name (`work`, `me`).
    pub name: String,
    /// The site (any URL on it) this identity logs in to.
    #[arg(long, value_name = "URL", required_unless_present_any = ["guest", "wordpress_com"])]
    pub site: Option<String>,
    /// Paste an application password (Users → Profile → Application Passwords); reads the
    /// user and password from the terminal, or from stdin lines when it is not a terminal.
    #[arg(long)]
    pub app_password: bool,
    /// Get an application password by approving wpcomments in the browser.
    #[arg(long)]
    pub browser: bool,
    /// Log in with a user name and password through the site's JWT plugin (jwt-auth/v1).
    #[arg(long)]
    pub jwt: bool,
    /// Post as a guest with a name, email and website (no account, no secret).
    #[arg(long)]
    pub guest: bool,
    /// Log in to WordPress.com with OAuth2.
    #[arg(long = "wordpress-com")]
    pub wordpress_com: bool,
    /// User name (otherwise asked for).
    #[arg(long)]
    pub user: Option<String>,
    /// Guest display name.
    #[arg(long = "name", value_name = "NAME")]
    pub author_name: Option<String>,
    /// Guest email.
    #[arg(long)]
    pub email: Option<String>,
    /// Guest website.
    #[arg(long)]
    pub url: Option<String>,
    /// Get the secret by running this command (first line of its output) instead of storing it.
    #[arg(long, value_name = "CMD")]
    pub password_command: Option<String>,
    /// Make this the default identity for its site.
    #[arg(long)]
    pub default: bool,
    /// Do not open a browser: print the address, and accept the pasted result (SSH sessions).
    #[arg(long)]
    pub no_browser: bool,
    /// Browser flow: have the site send the password back to this machine even when the
    /// site is not on a loopback address (WordPress allows that only on local sites).
    #[arg(long)]
    pub callback: bool,
    /// Browser flow: do not ask the site to send the password back; paste the password the
    /// page shows instead (for sites that refuse the http://127.0.0.1 callback).
    #[arg(long, conflicts_with = "callback")]
    pub paste: bool,
    /// Store the identity without checking the credentials against the site.
    #[arg(long)]
    pub no_check: bool,
}

/// `wpcomments reply URL ...`.
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// The post (its URL; `#comment-N` replies to that comment).
    pub url: String,
    /// Post as this identity (default: the site's default identity; see `identity list`).
    #[arg(long = "as", value_name = "NAME")]
    pub as_identity: Option<String>,
    /// The comment to reply to (default: `#comment-N` of the URL, else top level).
    #[arg(long, value_name = "ID")]
    pub parent: Option<u64>,
    /// Read the body from this file (default: stdin).
    #[arg(long, value_name = "FILE", conflicts_with = "draft")]
    pub body_file: Option<PathBuf>,
    /// Send the saved draft for this reply instead of a new body.
    #[arg(long)]
    pub draft: bool,
}

/// `wpcomments moderate SITE ...`: without an action flag the queue opens in the TUI.
#[derive(Debug, Args)]
#[command(
    after_help = "Without an action flag the moderation queue opens in the terminal.\n\
Actions run in this order, one line per comment: approve, hold, spam, unspam, trash, untrash, delete.\n\
Exit codes: 0 all done (or already so), 2 --delete not confirmed (type yes, or pass --yes),\n\
6 a comment does not exist, 10 credentials rejected or a guest identity, 11 the identity may not\n\
moderate (or the site refused), 12 no such identity; when several comments fail, the first failure's code."
)]
pub struct ModerateArgs {
    /// The site (any URL on it).
    pub site: String,
    /// Moderate as this identity (default: the site's default identity; see `identity list`).
    #[arg(long = "as", value_name = "NAME")]
    pub as_identity: Option<String>,
    /// Approve these comments.
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub approve: Vec<u64>,
    /// Unapprove (hold) these comments.
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub hold: Vec<u64>,
    /// Mark these comments as spam.
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub spam: Vec<u64>,
    /// Not spam: back to their status before.
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub unspam: Vec<u64>,
    /// Move these comments to the trash.
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub trash: Vec<u64>,
    /// Restore these comments from the trash.
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub untrash: Vec<u64>,
    /// Delete these comments permanently (asks first, unless --yes).
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub delete: Vec<u64>,
    /// Do not ask before deleting permanently.
    #[arg(long)]
    pub yes: bool,
}

/// The man page's EXIT STATUS section (roff), from the codes of [`wpcomments::error::exit`]
/// (README "Exit codes" words each in full).
pub fn exit_status_roff() -> String {
    use wpcomments::error::exit;
    let codes: [(u8, &str); 13] = [
        (exit::OK, "success"),
        (
            exit::OTHER,
            "something else failed (writing output, an internal error)",
        ),
        (
            exit::USAGE,
            "bad input: flags, a URL, a config or theme file, a name that is neither a file nor a host",
        ),
        (
            exit::NETWORK,
            "network: host not found, connection refused, timeout, a page that stopped sending",
        ),
        (exit::TLS, "TLS failure"),
        (
            exit::NOT_WORDPRESS,
            "not a WordPress site, its REST API disabled or closed to anonymous readers, or a route missing",
        ),
        (exit::NOT_FOUND, "post or comment not found"),
        (exit::RATE_LIMITED, "rate limited (429)"),
        (
            exit::BAD_RESPONSE,
            "bad server response (broken JSON, an HTML page, 5xx after retries, a redirect answering a reply)",
        ),
        (
            exit::ARCHIVE,
            "archive file unreadable, not an archive, or of an unknown version",
        ),
        (
            exit::AUTH,
            "credentials rejected, ignored, or not sent over an insecure connection",
        ),
        (exit::REFUSED, "the site refused the comment"),
        (
            exit::IDENTITY,
            "identity problem: unknown name, unreadable identity or secret, login not approved",
        ),
    ];
    let mut roff = String::from(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in codes {
        roff.push_str(&format!(".TP\n{code}\n{meaning}\n"));
    }
    roff
}
