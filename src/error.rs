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
    /// Not a WordPress site, its REST API is disabled or closed to anonymous readers, or it
    /// has no such route (`rest_no_route`).
    pub const NOT_WORDPRESS: u8 = 5;
    /// The post (or the comment) was not found.
    pub const NOT_FOUND: u8 = 6;
    /// The server keeps answering 429 Too Many Requests.
    pub const RATE_LIMITED: u8 = 7;
    /// The server answered with something unusable: malformed JSON, an HTML page where JSON
    /// was expected, an HTTP error status (5xx after retries), a redirect answering a request
    /// with a body.
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
    #[error("{detail}: could not connect (is the site up? check the URL) — {url}")]
    Connect {
        /// URL requested.
        url: String,
        /// Short reason.
        detail: String,
    },
    /// The request did not finish in time.
    #[error(
        "timed out: the site is slow or unreachable (try again later, or raise --timeout) — {url}"
    )]
    Timeout {
        /// URL requested.
        url: String,
    },
    /// The server stopped sending: no bytes for `idle_secs` seconds while waiting for the
    /// answer's headers or body (a stuck page; retried less often than a refused connection).
    #[error("the site stopped answering: no data for {idle_secs} s (try again later) — {url}")]
    Stalled {
        /// URL requested.
        url: String,
        /// The read-idle timeout that ran out, in seconds.
        idle_secs: u64,
    },
    /// TLS failed.
    #[error("TLS error: {detail} ({advice}) — {url}")]
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
    #[error("not a WordPress site: no REST API found (check the URL) — {url}")]
    NotWordPress {
        /// Site URL.
        url: String,
    },
    /// The REST API answered with a refusal on its index.
    #[error(
        "the site's REST API is disabled or blocked (HTTP {status}); this site cannot be read through its API — {url}"
    )]
    RestDisabled {
        /// API URL.
        url: String,
        /// HTTP status.
        status: u16,
    },
    /// No post matches the URL.
    #[error("post not found (check the link; drafts and private posts need an identity) — {url}")]
    PostNotFound {
        /// The post URL.
        url: String,
    },
    /// The server kept answering 429.
    #[error("rate limited (HTTP 429): wait {wait} and try again, or lower --concurrency — {url}")]
    RateLimited {
        /// URL requested.
        url: String,
        /// Human wait hint.
        wait: String,
    },
    /// An HTTP error status (after retries, for those that are retried). "Try again later"
    /// only for 5xx: a 4xx will answer the same next time.
    #[error("HTTP {status}{message}{advice} — {url}", advice = http_advice(*.status))]
    Http {
        /// URL requested (short form: host, route, page).
        url: String,
        /// HTTP status.
        status: u16,
        /// `" (code): server message"` or empty.
        message: String,
    },
    /// The body is not the JSON we expected (and not an HTML page either).
    #[error("the site sent an unusable answer: {detail} — {url}")]
    Malformed {
        /// URL requested.
        url: String,
        /// What came instead, precisely (parser message with line and column, trailing text).
        detail: String,
    },
    /// An HTML page came where the REST API should have answered JSON: a login page, a
    /// maintenance page, a security plugin's challenge, often with status 200.
    #[error(
        "the site answered with an HTML page{title} where its REST API should send JSON (a login, maintenance or security page?); open {url} in a browser to see why"
    )]
    NotJson {
        /// Final URL after redirects.
        url: String,
        /// HTTP status of the page.
        status: u16,
        /// `" titled \"…\""` from the page's `<title>`, or empty.
        title: String,
    },
    /// The site's REST API is closed to readers without credentials: 401/403 with
    /// `rest_cannot_access` (or `rest_login_required`, …). The page reader can still read
    /// the thread from the post's HTML; an identity can read it through the API.
    #[error(
        "the site's REST API is closed to anonymous readers: read as an identity (--as NAME, see `wpcomments identity add`) — {code}, HTTP {status}{message} — {url}",
        message = if message.is_empty() { String::new() } else { format!(": {message}") }
    )]
    RestClosed {
        /// URL requested.
        url: String,
        /// 401 or 403.
        status: u16,
        /// The WordPress error code, e.g. `rest_cannot_access`.
        code: String,
        /// The site's message (sanitized), possibly empty.
        message: String,
    },
    /// `404 rest_no_route`: the site has no such REST route (a plugin removed it, or the
    /// path is not a self-hosted WordPress API, e.g. a WordPress.com path).
    #[error(
        "the site's REST API has no route {route} (rest_no_route): a plugin removed it, or this is not a self-hosted WordPress API — {url}"
    )]
    NoRoute {
        /// URL requested.
        url: String,
        /// The route asked for, e.g. `/wp/v2/comments`.
        route: String,
    },
    /// A request with a body (a comment, a moderation action) was answered with a redirect:
    /// it was not carried out, and it is not re-sent to where the redirect points.
    #[error(
        "nothing was saved: the site answered {status} redirecting to {target}; use the site's exact address (e.g. https) — {url}"
    )]
    Redirected {
        /// URL requested.
        url: String,
        /// The 3xx status.
        status: u16,
        /// Where the redirect points (short form).
        target: String,
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
            Error::HostNotFound { .. }
            | Error::Connect { .. }
            | Error::Timeout { .. }
            | Error::Stalled { .. } => exit::NETWORK,
            Error::Tls { .. } => exit::TLS,
            Error::NotWordPress { .. }
            | Error::RestDisabled { .. }
            | Error::RestClosed { .. }
            | Error::NoRoute { .. } => exit::NOT_WORDPRESS,
            Error::PostNotFound { .. } | Error::NotFound(_) => exit::NOT_FOUND,
            Error::RateLimited { .. } => exit::RATE_LIMITED,
            Error::Http { .. }
            | Error::Malformed { .. }
            | Error::NotJson { .. }
            | Error::Redirected { .. } => exit::BAD_RESPONSE,
            Error::Archive { .. } => exit::ARCHIVE,
            Error::Usage(_) => exit::USAGE,
            Error::Auth(_) => exit::AUTH,
            Error::Refused(_) => exit::REFUSED,
            Error::Identity(_) => exit::IDENTITY,
            Error::Io(_) => exit::OTHER,
        }
    }
}

/// What to do about an HTTP status, worded after it: only a failure the server may not
/// repeat (5xx) is worth trying again.
fn http_advice(status: u16) -> &'static str {
    match status {
        500..=599 => " (the site failed; try again later)",
        401 => " (the site wants credentials: read as an identity with --as NAME)",
        403 => " (the site refuses this request)",
        404 | 410 => " (not found: check the link)",
        _ => "",
    }
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
