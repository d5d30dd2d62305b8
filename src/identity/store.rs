//! `identities.toml`: the list of identities, without their secrets.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use url::Url;

use super::{Identity, Kind, config_dir, write_private};
use crate::error::{Error, Result};

/// The identities file, loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identities {
    /// In the order they were added.
    #[serde(default, rename = "identity")]
    pub list: Vec<Identity>,
}

/// What an identity is chosen for (the words of a refusal; moderating needs an account).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Posting a comment or reply.
    Post,
    /// Moderating comments.
    Moderate,
}

impl Purpose {
    fn verb(self) -> &'static str {
        match self {
            Purpose::Post => "post as",
            Purpose::Moderate => "moderate as",
        }
    }
}

/// Where `identities.toml` lives.
pub fn path() -> Result<PathBuf> {
    Ok(config_dir()?.join("identities.toml"))
}

impl Identities {
    /// Load from the config dir; a missing file is an empty list.
    pub fn load() -> Result<Identities> {
        Identities::load_from(&path()?)
    }

    /// Load from a given file; a missing file is an empty list.
    pub fn load_from(path: &Path) -> Result<Identities> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                Error::Identity(format!("cannot read {}: {}", path.display(), e.message()))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Identities::default()),
            Err(e) => Err(Error::Identity(format!(
                "cannot read {}: {e}",
                path.display()
            ))),
        }
    }

    /// Save to the config dir.
    pub fn save(&self) -> Result<()> {
        self.save_to(&path()?)
    }

    /// Save to a given file (atomically).
    pub fn save_to(&self, path: &Path) -> Result<()> {
        let text = toml::to_string(self).map_err(|e| Error::Io(e.to_string()))?;
        let header =
            "# wpcomments identities: edit with `wpcomments identity`. Secrets are not here.\n";
        write_private(path, format!("{header}{text}").as_bytes())
    }

    /// The identity called `name`.
    pub fn get(&self, name: &str) -> Result<&Identity> {
        self.list.iter().find(|i| i.name == name).ok_or_else(|| {
            let known: Vec<&str> = self.list.iter().map(|i| i.name.as_str()).collect();
            Error::Identity(if known.is_empty() {
                format!("no identity called {name}: there are none yet (wpcomments identity add)")
            } else {
                format!(
                    "no identity called {name} (known: {}; see wpcomments identity list)",
                    known.join(", ")
                )
            })
        })
    }

    /// The default identity for the site of `url`, if any.
    pub fn default_for(&self, url: &Url) -> Option<&Identity> {
        self.list.iter().find(|i| i.default && i.serves(url))
    }

    /// The one rule for who acts on the site of `url`, the same for the reader, `--dump`,
    /// `reply` and `moderate`: `name` when given (`--as`; an error when there is no such
    /// identity or it belongs to another site, since credentials are never sent anywhere
    /// else), else the site's default identity (a site-less guest counts when it is marked
    /// default), else none.
    pub fn choose(&self, name: Option<&str>, url: &Url) -> Result<Option<Identity>> {
        let identity = match name {
            Some(name) => self.get(name)?,
            None => match self.default_for(url) {
                Some(identity) => identity,
                None => return Ok(None),
            },
        };
        identity.ensure_serves(url)?;
        Ok(Some(identity.clone()))
    }

    /// [`Identities::choose`] where someone must act: none is a refusal that names the
    /// identities that could (those serving the site; for moderating, not guests).
    pub fn require(&self, name: Option<&str>, url: &Url, purpose: Purpose) -> Result<Identity> {
        if let Some(identity) = self.choose(name, url)? {
            return Ok(identity);
        }
        let could: Vec<String> = self
            .list
            .iter()
            .filter(|i| i.serves(url) && (purpose != Purpose::Moderate || i.kind != Kind::Guest))
            .map(|i| format!("{} ({})", i.name, i.kind.label()))
            .collect();
        let site = crate::api::http::display_url(url);
        let verb = purpose.verb();
        Err(Error::Identity(if could.is_empty() {
            let add = match purpose {
                Purpose::Moderate => "wpcomments identity add NAME --site URL --app-password",
                _ => {
                    "wpcomments identity add NAME --site URL --app-password, or --guest --name N --email E"
                }
            };
            format!("no identity to {verb} on {site}: add one ({add})")
        } else {
            format!(
                "no default identity to {verb} on {site}: pass --as NAME (could: {}), or make one the default (identity add NAME ... --default)",
                could.join(", ")
            )
        }))
    }

    /// Add or replace `identity`. It becomes the default for its site when asked to, or
    /// when it is the first identity for that site; other defaults for the site step down.
    pub fn upsert(&mut self, mut identity: Identity, make_default: bool) {
        self.list.retain(|i| i.name != identity.name);
        let shares_site = |i: &Identity| i.site == identity.site && i.kind != Kind::Guest;
        let first_for_site = identity.site.is_some() && !self.list.iter().any(shares_site);
        identity.default = make_default || first_for_site;
        if identity.default {
            for other in &mut self.list {
                if other.site == identity.site {
                    other.default = false;
                }
            }
        }
        self.list.push(identity);
    }

    /// Remove `name`; false when there was none.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.list.len();
        self.list.retain(|i| i.name != name);
        self.list.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> Identities {
        let mut all = Identities::default();
        let mut guest = Identity::new("me", Kind::Guest, None);
        guest.author_name = Some("Ada".into());
        all.upsert(guest, false);
        let site = Some("https://blog.example.com/".to_owned());
        all.upsert(
            Identity::new("work", Kind::AppPassword, site.clone()),
            false,
        );
        all.upsert(Identity::new("other", Kind::Jwt, site), false);
        all.upsert(
            Identity::new(
                "far",
                Kind::AppPassword,
                Some("https://far.example/".into()),
            ),
            false,
        );
        all
    }

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn as_wins_then_the_site_default_then_nobody() {
        let all = ids();
        let blog = url("https://blog.example.com/2020/p/");
        let chosen = |name| all.choose(name, &blog).map(|i| i.map(|i| i.name));
        assert_eq!(chosen(Some("other")).ok(), Some(Some("other".into())));
        // `work` was the first account for the site: its default.
        assert_eq!(chosen(None).ok(), Some(Some("work".into())));
        assert!(
            chosen(Some("far")).is_err(),
            "credentials stay on their site"
        );
        // A site without a default: nobody, not the site-less guest picked silently.
        let elsewhere = url("https://else.example/p/");
        assert_eq!(all.choose(None, &elsewhere).ok(), Some(None));
    }

    #[test]
    fn a_refusal_names_who_could_serve() {
        let all = ids();
        let elsewhere = url("https://else.example/p/");
        let e = all.require(None, &elsewhere, Purpose::Post).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("no default identity to post as"), "{text}");
        assert!(text.contains("me (guest)"), "{text}");
        assert!(!text.contains("far"), "{text}");
        // Guests cannot moderate, so none could here.
        let e = all
            .require(None, &elsewhere, Purpose::Moderate)
            .unwrap_err();
        let text = e.to_string();
        assert!(text.contains("no identity to moderate as"), "{text}");
        assert!(
            !text.contains("post as") && !text.contains("guest"),
            "{text}"
        );
    }
}
