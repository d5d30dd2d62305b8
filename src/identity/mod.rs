//! Named identities: who reads and posts, on which site, and how they prove it.
//!
//! An identity's description lives in `identities.toml` in the config dir; its secret
//! (application password or token) lives apart, in the OS keyring or a 0600 file
//! ([`secrets`]), or comes from a `password_command`. Nothing here prints.

pub mod appauth;
pub mod keyring;
pub mod loopback;
pub mod oauth;
pub mod reply;
pub mod secrets;
pub mod store;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::api::http::Auth;
use crate::api::write::GuestAuthor;
use crate::api::{ClientConfig, Scope};
use crate::error::{Error, Result};

pub use store::{Identities, Purpose};

/// How an identity proves who it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// No account: name, email and website go on each comment.
    Guest,
    /// An application password, sent with HTTP Basic auth.
    AppPassword,
    /// A token from the `jwt-auth/v1` plugin, sent as a Bearer token.
    Jwt,
    /// A WordPress.com OAuth2 token, sent as a Bearer token.
    WordpressCom,
}

impl Kind {
    /// Short words for listings.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Guest => "guest",
            Kind::AppPassword => "application password",
            Kind::Jwt => "JWT",
            Kind::WordpressCom => "WordPress.com",
        }
    }
}

/// One identity as stored in `identities.toml` (no secret in it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The name the user gave (`work`, `me`).
    pub name: String,
    /// How it authenticates.
    pub kind: Kind,
    /// The site it belongs to (`https://blog.example.com/`); guests may have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Login name (application passwords, JWT) or WordPress.com user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Guest display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    /// Guest email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_email: Option<String>,
    /// Guest website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_url: Option<String>,
    /// A command whose first line of output is the secret (instead of the keyring or file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_command: Option<String>,
    /// The default identity for its site.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
}

impl Identity {
    /// An identity of `kind` named `name`, with no user, guest details or password command.
    pub fn new(name: impl Into<String>, kind: Kind, site: Option<String>) -> Identity {
        Identity {
            name: name.into(),
            kind,
            site,
            user: None,
            author_name: None,
            author_email: None,
            author_url: None,
            password_command: None,
            default: false,
        }
    }

    /// True when this identity may be used for `url`: inside its site (host, port and home
    /// path: [`Scope`]), so `http://h/~alice/` never serves `http://h/~mallory/`;
    /// WordPress.com identities serve every `*.wordpress.com` blog (or only their own blog
    /// when the token is limited to one); a guest without a site serves every site.
    pub fn serves(&self, url: &Url) -> bool {
        let host = url.host_str().unwrap_or_default();
        let in_site = |s: &str| Scope::parse(s).is_some_and(|scope| scope.contains(url));
        if self.kind == Kind::WordpressCom && host.ends_with(".wordpress.com") {
            return self.site.as_deref().is_none_or(in_site);
        }
        match &self.site {
            Some(site) => in_site(site),
            None => self.kind == Kind::Guest,
        }
    }

    /// [`Identity::serves`] as an error that says why the credentials stay home.
    pub fn ensure_serves(&self, url: &Url) -> Result<()> {
        if self.serves(url) {
            return Ok(());
        }
        Err(Error::Identity(format!(
            "identity {} belongs to {}, not {}: its credentials are not sent there",
            self.name,
            crate::render::sanitize_line(self.site.as_deref().unwrap_or("WordPress.com")),
            crate::api::http::display_url(url)
        )))
    }

    /// `api` (found from a page of the site) lies inside this identity's scope, so its
    /// credentials will go there. Errors: one line naming the root and the identity; the
    /// credentials would not be sent (the client refuses), and the site would answer as to
    /// a stranger.
    pub fn ensure_api(&self, api: &crate::api::ApiRoot) -> Result<()> {
        let root = api.url("", &[]);
        match self.auth_scope() {
            Some(scope) if !scope.contains(&root) => Err(Error::Auth(format!(
                "the page names its REST API at {}, outside the site of identity {}: its credentials are not sent there",
                crate::api::http::display_url(&root),
                self.name
            ))),
            _ => Ok(()),
        }
    }

    /// Guest author fields, for guests.
    pub fn guest_author(&self) -> Option<GuestAuthor> {
        (self.kind == Kind::Guest).then(|| GuestAuthor {
            name: self.author_name.clone().unwrap_or_default(),
            email: self.author_email.clone().unwrap_or_default(),
            url: self.author_url.clone().unwrap_or_default(),
        })
    }

    /// Who a comment is sent as, and how, for the send step: `Robin <robin@example.com>
    /// (guest, through the site's comment form)`, `work (application password, over the
    /// REST API)`. Sanitized.
    pub fn sender_words(&self, route: crate::api::write::Route) -> String {
        let clean = crate::render::sanitize_line;
        let who = match (self.kind, &self.author_name, &self.author_email) {
            (Kind::Guest, Some(name), Some(email)) if !name.is_empty() && !email.is_empty() => {
                format!("{} <{}>", clean(name), clean(email))
            }
            (Kind::Guest, Some(name), _) if !name.is_empty() => clean(name),
            _ => clean(&self.name),
        };
        format!("{who} ({}, {})", self.kind.label(), route.words())
    }

    /// Where the credentials may be sent: the site ([`Scope`]), or for WordPress.com the
    /// public API host.
    pub fn auth_scope(&self) -> Option<Scope> {
        match self.kind {
            Kind::WordpressCom => Scope::parse(&crate::model::api_root::wpcom_api_base()),
            _ => self.site.as_deref().and_then(Scope::parse),
        }
    }

    /// `base` with this identity's credentials and their scope (reads the secret).
    pub fn client_config(&self, base: ClientConfig) -> Result<ClientConfig> {
        Ok(ClientConfig {
            auth: self.auth()?,
            auth_scope: self.auth_scope(),
            ..base
        })
    }

    /// The credentials to send, reading the secret. `None` for guests.
    pub fn auth(&self) -> Result<Option<Auth>> {
        let secret = match self.kind {
            Kind::Guest => return Ok(None),
            _ => secrets::load(self)?,
        };
        Ok(Some(match self.kind {
            Kind::AppPassword => Auth::Basic {
                user: self.user.clone().unwrap_or_default(),
                password: secret,
            },
            _ => Auth::Bearer(secret),
        }))
    }

    /// One line for `identity list`.
    pub fn describe(&self) -> String {
        let who = match self.kind {
            Kind::Guest => format!(
                "{} <{}>",
                self.author_name.as_deref().unwrap_or_default(),
                self.author_email.as_deref().unwrap_or_default()
            ),
            _ => self.user.clone().unwrap_or_default(),
        };
        let site = self.site.as_deref().unwrap_or(match self.kind {
            Kind::WordpressCom => "*.wordpress.com",
            _ => "any site",
        });
        let default = if self.default { " (default)" } else { "" };
        format!(
            "{}{default}  {}  {who}  {site}",
            self.name,
            self.kind.label()
        )
    }
}

/// `value` when it holds no control character, escape sequence, bidi control or invisible
/// format character ([`crate::render::is_unsafe_char`]); `what` names it in the error.
/// For values a site or a user hands us that are stored and printed later (a user name from
/// a login callback, a guest name): refused rather than cleaned, so what is stored is what
/// the site will see.
pub fn plain_value<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    if value.chars().any(crate::render::is_unsafe_char) {
        return Err(Error::Identity(format!(
            "{what} contains control characters ({}): refused",
            crate::render::sanitize_line(value)
        )));
    }
    Ok(value)
}

/// `https://Blog.Example.com/x/?y` → `https://blog.example.com/x/`: how sites are stored.
pub fn normalize_site(input: &str) -> Result<String> {
    let target = crate::api::parse_target(input)?;
    let mut url = target.url;
    url.set_query(None);
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url.to_string())
}

fn dir_from(dir: crate::store::paths::Dir) -> Result<PathBuf> {
    dir.path().ok_or_else(|| {
        Error::Identity(format!(
            "no home directory to keep identities in; set {}",
            dir.env()
        ))
    })
}

/// The config dir (`$WPCOMMENTS_CONFIG_DIR`, else the XDG one): identities and secrets.
pub fn config_dir() -> Result<PathBuf> {
    dir_from(crate::store::paths::Dir::Config)
}

/// The data dir (`$WPCOMMENTS_DATA_DIR`, else the XDG one): drafts.
pub fn data_dir() -> Result<PathBuf> {
    dir_from(crate::store::paths::Dir::Data)
}

/// Write `bytes` to `path` atomically, readable by the owner only, with every dir from the
/// program's own (config or data) dir down to the file's made 0700 ([`crate::files`]).
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let root = [config_dir(), data_dir()]
        .into_iter()
        .flatten()
        .find(|root| dir.starts_with(root))
        .unwrap_or_else(|| dir.to_path_buf());
    crate::store::files::write_private(&root, path, bytes).map_err(|e| Error::Io(e.0))
}

pub use crate::store::files::MAX_SMALL_FILE;

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn private_files_and_their_dirs_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("tempdir");
        let path = root.path().join("conf/wpcomments/secrets.toml");
        write_private(&path, b"x").expect("writes");
        write_private(&path, b"y").expect("rewrites");
        let mode =
            |p: &std::path::Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode(&path).ok(), Some(0o600));
        assert_eq!(mode(path.parent().expect("dir")).ok(), Some(0o700));
        let leftovers = std::fs::read_dir(path.parent().expect("dir")).map(|d| d.count());
        assert_eq!(leftovers.ok(), Some(1), "no temp files left behind");
    }

    fn ident(kind: Kind, site: Option<&str>) -> Identity {
        Identity::new("x", kind, site.map(str::to_owned))
    }

    #[test]
    fn an_identity_serves_only_its_own_site() {
        let work = ident(Kind::AppPassword, Some("https://blog.example.com/"));
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(work.serves(&url("https://BLOG.example.com/2020/01/x/")));
        assert!(!work.serves(&url("https://evil.example.com/")));
        assert!(!work.serves(&url("https://blog.example.com:8443/")));
        let alice = ident(Kind::AppPassword, Some("http://h.example/~alice/"));
        assert!(alice.serves(&url("http://h.example/~alice/2020/01/x/")));
        assert!(!alice.serves(&url("http://h.example/~mallory/2020/01/x/")));
        assert!(!alice.serves(&url("http://h.example/")));
        assert!(ident(Kind::Guest, None).serves(&url("https://a.example/")));
        assert!(ident(Kind::WordpressCom, None).serves(&url("https://x.wordpress.com/p/")));
        assert!(!ident(Kind::WordpressCom, None).serves(&url("https://x.example/p/")));
    }

    #[test]
    fn sites_are_stored_normalized() {
        assert_eq!(
            normalize_site("Blog.Example.com/sub?x=1").unwrap(),
            "https://blog.example.com/sub/"
        );
    }
}
