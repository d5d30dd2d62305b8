//! Named identities: who reads and posts, on which site, and how they prove it.
//!
//! An identity's description lives in `identities.toml` in the config dir; its secret
//! (application password or token) lives apart, in the OS keyring or a 0600 file
//! ([`secrets`]), or comes from a `password_command`. Nothing here prints.

pub mod appauth;
pub mod loopback;
pub mod oauth;
pub mod reply;
pub mod secrets;
pub mod store;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::api::ClientConfig;
use crate::api::http::Auth;
use crate::api::write::GuestAuthor;
use crate::error::{Error, Result};

pub use store::Identities;

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

    /// True when this identity may be used for `url`: same host and port as its site;
    /// WordPress.com identities serve every `*.wordpress.com` blog; a guest without a
    /// site serves every site.
    pub fn serves(&self, url: &Url) -> bool {
        let host = url.host_str().unwrap_or_default();
        if self.kind == Kind::WordpressCom && host.ends_with(".wordpress.com") {
            return self.site.as_deref().is_none_or(|s| same_site(s, url));
        }
        match &self.site {
            Some(site) => same_site(site, url),
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
            self.site.as_deref().unwrap_or("WordPress.com"),
            crate::api::http::display_url(url)
        )))
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

    /// Where the credentials may be sent: the site, or for WordPress.com the public API host.
    pub fn auth_scope(&self) -> Option<Url> {
        match self.kind {
            Kind::WordpressCom => Url::parse(&crate::model::api_root::wpcom_api_base()).ok(),
            _ => self.site.as_deref().and_then(|s| Url::parse(s).ok()),
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

fn same_site(site: &str, url: &Url) -> bool {
    Url::parse(site).is_ok_and(|s| crate::api::http::credentials::same_host(&s, url))
}

fn dir_from(env: &str, pick: fn(&directories::ProjectDirs) -> PathBuf) -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(env).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "wpcomments")
        .map(|d| pick(&d))
        .ok_or_else(|| {
            Error::Identity(format!(
                "no home directory to keep identities in; set {env}"
            ))
        })
}

/// The config dir (`$WPCOMMENTS_CONFIG_DIR`, else the XDG one): identities and secrets.
pub fn config_dir() -> Result<PathBuf> {
    dir_from("WPCOMMENTS_CONFIG_DIR", |d| d.config_dir().to_path_buf())
}

/// The data dir (`$WPCOMMENTS_DATA_DIR`, else the XDG one): drafts.
pub fn data_dir() -> Result<PathBuf> {
    dir_from("WPCOMMENTS_DATA_DIR", |d| d.data_dir().to_path_buf())
}

/// Create `dir` (and its parents) readable by the owner only; tighten it if it exists.
fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

/// Write `bytes` to `path` atomically (temp file + rename), readable by the owner only.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let fail = |e: std::io::Error| Error::Io(format!("cannot write {}: {e}", path.display()));
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    create_private_dir(dir).map_err(fail)?;
    // A fresh, unpredictable name opened with create_new: never a stale file with an old
    // mode, never shared by two writers of the same key.
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        uuid::Uuid::new_v4().simple()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp).map_err(fail)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(fail)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(fail)
}

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
