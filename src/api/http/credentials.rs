//! Credentials on the wire: the `Authorization` header. Where it may be sent is
//! [`super::scope`].
//!
//! Secrets are wrapped in [`Secret`], whose `Debug` prints `[redacted]`, so a secret cannot
//! reach a log line, a panic message or a snapshot by accident.

use std::fmt;

/// A password or token. Only [`Secret::expose`] gives the text out.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wrap a secret (surrounding whitespace, such as a pasted newline, is dropped).
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into().trim().to_owned())
    }

    /// The secret itself, for the one place that puts it on the wire or on disk.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How requests authenticate.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// HTTP Basic with an application password (WordPress 5.6+).
    Basic {
        /// The user's login name.
        user: String,
        /// The application password.
        password: Secret,
    },
    /// `Authorization: Bearer` (WordPress.com OAuth2, JWT plugins).
    Bearer(Secret),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Basic { user, .. } => write!(f, "Basic({user}, [redacted])"),
            Auth::Bearer(_) => f.write_str("Bearer([redacted])"),
        }
    }
}

impl Auth {
    /// Add the `Authorization` header to a request.
    pub fn apply(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Auth::Basic { user, password } => request.basic_auth(user, Some(password.expose())),
            Auth::Bearer(token) => request.bearer_auth(token.expose()),
        }
    }
}

pub use super::scope::{check_transport, is_loopback, same_host};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let auth = Auth::Basic {
            user: "ada".into(),
            password: Secret::new("abcd efgh"),
        };
        let shown = format!("{auth:?} {:?}", Auth::Bearer(Secret::new("tok123")));
        assert!(
            !shown.contains("abcd") && !shown.contains("tok123"),
            "{shown}"
        );
        assert!(shown.contains("ada"));
    }
}
