//! `identities.toml`: the list of identities, without their secrets.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use url::Url;

use super::{Identity, config_dir, write_private};
use crate::error::{Error, Result};

/// The identities file, loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identities {
    /// In the order they were added.
    #[serde(default, rename = "identity")]
    pub list: Vec<Identity>,
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

    /// The identity to use on the site of `url`: `name` when given (`--as`), else the site's
    /// default. Fails when there is none, or when it belongs to another site: credentials
    /// are never sent anywhere else.
    pub fn pick(&self, name: Option<&str>, url: &Url) -> Result<Identity> {
        let identity = match name {
            Some(name) => self.get(name)?,
            None => self.default_for(url).ok_or_else(|| {
                Error::Identity(format!(
                    "no identity to post as on {}: pass --as NAME, or add one (wpcomments identity add NAME --site URL --app-password, or --guest --name N --email E)",
                    crate::api::http::display_url(url)
                ))
            })?,
        };
        identity.ensure_serves(url)?;
        Ok(identity.clone())
    }

    /// Add or replace `identity`. It becomes the default for its site when asked to, or
    /// when it is the first identity for that site; other defaults for the site step down.
    pub fn upsert(&mut self, mut identity: Identity, make_default: bool) {
        self.list.retain(|i| i.name != identity.name);
        let shares_site = |i: &Identity| i.site == identity.site && i.kind != super::Kind::Guest;
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
