//! Every failure a user can meet, as one line of text and a documented exit code.
//!
//! Server-provided text (messages, URLs) is sanitized before it is stored here, so printing an
//! error can never put an escape sequence on the terminal.

use thiserror::Error;

/// Exit codes, documented in the README. Clap's own usage errors also exit with 2.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Something unexpected (writing output failed, an internal error).
    pub const OTHER: u8 = 1;
    /// Bad input: not a URL, a site URL where a post is needed, bad flags.
    pub const USAGE: u8 = 2;
    /// Network: host not found, connection refused, timeout.
    pub const NETWORK: u8 = 3;
    /// TLS handshake or certificate failure.
    pub const TLS: u8 = 4;
    /// Not a WordPress site, or its REST API is disabled.
    pub const NOT_WORDPRESS: u8 = 5;
    /// The post (or the comment) was not found.
    pub const NOT_FOUND: u8 = 6;
    /// The server keeps answering 429 Too Many Requests.
    pub const RATE_LIMITED: u8 = 7;
    /// The server answered with something unusable: malformed JSON, 5xx after retries.
    pub const BAD_RESPONSE: u8 = 8;
    /// An archive file could not be read or has an unknown version.
    pub const ARCHIVE: u8 = 9;
    /// Credentials rejected (401/403), ignored by the site, or not sent because the
    /// connection is not https and not to this machine.
    pub const AUTH: u8 = 10;
    /// The site refused the comment: closed, duplicate, flood, guests not allowed, invalid.
    pub const REFUSED: u8 = 11;
    /// An identity problem: unknown name, unreadable identity file or secret, a login
    /// flow that was cancelled.
    pub const IDENTITY: u8 = 12;
}

/// A failure, worded for the user.
#[derive(Debug, Error)]
pub enum Error {
    /// The input is not a usable http(s) URL or archive path.
    #[error("not a URL or archive file: {input} ({reason})")]
    InvalidUrl {
        /// What the user typed (sanitized).
        input: String,
        /// Why it is not usable.
        reason: String,
    },
    /// A site was given where a post is needed.
    #[error("{url} is a site, not a post: give the URL of a post or page")]
    NeedPost {
        /// The site URL.
        url: String,
    },
    /// DNS lookup failed.
    #[error("host not found: {host} (check the URL and your network)")]
    HostNotFound {
        /// The host name.
        host: String,
    },
    /// TCP connect failed.
    #[error("{detail}: could not connect to {url} (is the site up? check the URL)")]
    Connect {
        /// URL requested.
        url: String,
        /// Short reason.
        detail: String,
    },
    /// The request did not finish in time.
    #[error(
        "timed out fetching {url} (the site is slow or unreachable; try again or raise --timeout)"
    )]
    Timeout {
        /// URL requested.
        url: String,
    },
    /// TLS failed.
    #[error("TLS error ({detail}) talking to {url} ({advice})")]
    Tls {
        /// URL requested.
        url: String,
        /// Short reason.
        detail: String,
        /// What to do, which depends on the failure: a certificate problem, or a server
        /// that answered in plain http.
        advice: String,
    },
    /// A name without a scheme that is neither a file here nor a host that resolves.
    #[error(
        "no such file or host: {input} (no file of that name here, and no site of that name; check the spelling)"
    )]
    NoSuchFileOrHost {
        /// What the user typed (sanitized).
        input: String,
    },
    /// No REST API could be found.
    #[error("{url} does not look like a WordPress site: no REST API found (check the URL)")]
    NotWordPress {
        /// Site URL.
        url: String,
    },
    /// The REST API answered with a refusal on its index.
    #[error(
        "the REST API of {url} is disabled or blocked (HTTP {status}); this site cannot be read with wpcomments"
    )]
    RestDisabled {
        /// API URL.
        url: String,
        /// HTTP status.
        status: u16,
    },
    /// No post matches the URL.
    #[error("post not found: {url} (check the link; drafts and private posts need an identity)")]
    PostNotFound {
        /// The post URL.
        url: String,
    },
    /// The server kept answering 429.
    #[error("rate limited by {url} (HTTP 429); wait {wait} and try again, or lower --concurrency")]
    RateLimited {
        /// URL requested.
        url: String,
        /// Human wait hint.
        wait: String,
    },
    /// An HTTP error status after retries.
    #[error("HTTP {status}{message} from {url} (try again later)")]
    Http {
        /// URL requested.
        url: String,
        /// HTTP status.
        status: u16,
        /// `": server message"` or empty.
        message: String,
    },
    /// The body is not the JSON we expected.
    #[error("malformed response from {url}: {detail} (the site sent broken JSON; try again later)")]
    Malformed {
        /// URL requested.
        url: String,
        /// Parser message.
        detail: String,
    },
    /// Archive file problem.
    #[error("cannot read archive {path}: {detail}")]
    Archive {
        /// File path.
        path: String,
        /// What is wrong.
        detail: String,
    },
    /// The site rejected or ignored the credentials, or they would travel unprotected.
    #[error("{0}")]
    Auth(String),
    /// The site refused a comment; the text says why in words.
    #[error("{0}")]
    Refused(String),
    /// Bad input that is not a URL: an empty reply, conflicting flags.
    #[error("{0}")]
    Usage(String),
    /// An identity could not be found, read or set up.
    #[error("{0}")]
    Identity(String),
    /// Writing output failed.
    #[error("{0}")]
    Io(String),
    /// A comment (or other object that is not a post) does not exist, or no longer does.
    #[error("{0}")]
    NotFound(String),
    /// A config or theme file is broken; `where_` is `path:line` or `path`.
    #[error("{where_}: {detail}")]
    Config {
        /// `path:line` or `path`.
        where_: String,
        /// What is wrong.
        detail: String,
    },
}

impl Error {
    /// The documented exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::InvalidUrl { .. }
            | Error::NeedPost { .. }
            | Error::Config { .. }
            | Error::NoSuchFileOrHost { .. } => exit::USAGE,
            Error::HostNotFound { .. } | Error::Connect { .. } | Error::Timeout { .. } => {
                exit::NETWORK
            }
            Error::Tls { .. } => exit::TLS,
            Error::NotWordPress { .. } | Error::RestDisabled { .. } => exit::NOT_WORDPRESS,
            Error::PostNotFound { .. } | Error::NotFound(_) => exit::NOT_FOUND,
            Error::RateLimited { .. } => exit::RATE_LIMITED,
            Error::Http { .. } | Error::Malformed { .. } => exit::BAD_RESPONSE,
            Error::Archive { .. } => exit::ARCHIVE,
            Error::Usage(_) => exit::USAGE,
            Error::Auth(_) => exit::AUTH,
            Error::Refused(_) => exit::REFUSED,
            Error::Identity(_) => exit::IDENTITY,
            Error::Io(_) => exit::OTHER,
        }
    }
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
