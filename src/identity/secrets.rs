//! Where secrets live: a `password_command`, else the OS keyring (macOS Keychain, Windows
//! Credential Manager), else `secrets.toml` in the config dir, readable by the owner only
//! (Linux and other systems, where a Secret Service may not be running: CI, SSH, containers).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::{Identity, config_dir, write_private};
use crate::api::http::Secret;
use crate::error::{Error, Result};

/// Service name in the OS keyring.
pub const KEYRING_SERVICE: &str = "wpcomments";

/// The fallback secrets file.
pub fn file_path() -> Result<PathBuf> {
    Ok(config_dir()?.join("secrets.toml"))
}

/// Store the secret of identity `name`; returns where it went, for the user.
pub fn store(name: &str, secret: &Secret) -> Result<String> {
    if let Some(place) = keyring_store(name, secret) {
        return Ok(place);
    }
    let path = file_path()?;
    let mut all = read_file()?;
    all.insert(name.to_owned(), secret.expose().to_owned());
    write_file(&all)?;
    Ok(format!("{} (mode 0600)", path.display()))
}

/// The secret of `identity`: from its `password_command`, the keyring or the file.
pub fn load(identity: &Identity) -> Result<Secret> {
    if let Some(cmd) = &identity.password_command {
        return run_password_command(&identity.name, cmd);
    }
    if let Some(secret) = keyring_load(&identity.name) {
        return Ok(secret);
    }
    read_file()?
        .remove(&identity.name)
        .map(Secret::new)
        .ok_or_else(|| {
            Error::Identity(format!(
                "no secret stored for identity {}: add it again (wpcomments identity add {} ...)",
                identity.name, identity.name
            ))
        })
}

/// Forget the secret of `name` (no error when there was none).
pub fn delete(name: &str) -> Result<()> {
    keyring_delete(name);
    let mut all = read_file()?;
    if all.remove(name).is_some() {
        write_file(&all)?;
    }
    Ok(())
}

fn read_file() -> Result<BTreeMap<String, String>> {
    let path = file_path()?;
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => {
            return Err(Error::Identity(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        secrets: BTreeMap<String, String>,
    }
    // The parser's message could quote a line of the file, secret included: leave it out.
    toml::from_str::<File>(&text)
        .map(|f| f.secrets)
        .map_err(|_| Error::Identity(format!("{} is not valid TOML", path.display())))
}

fn write_file(all: &BTreeMap<String, String>) -> Result<()> {
    #[derive(serde::Serialize)]
    struct File<'a> {
        secrets: &'a BTreeMap<String, String>,
    }
    let text = toml::to_string(&File { secrets: all }).map_err(|e| Error::Io(e.to_string()))?;
    let header = "# wpcomments secrets (application passwords, tokens). Keep this file private.\n";
    write_private(&file_path()?, format!("{header}{text}").as_bytes())
}

fn run_password_command(name: &str, cmd: &str) -> Result<Secret> {
    #[cfg(windows)]
    let mut command = {
        let mut c = Command::new("cmd");
        c.args(["/C", cmd]);
        c
    };
    #[cfg(not(windows))]
    let mut command = {
        let mut c = Command::new("sh");
        c.args(["-c", cmd]);
        c
    };
    let out = command
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| {
            Error::Identity(format!(
                "cannot run the password_command of identity {name}: {e}"
            ))
        })?;
    if !out.status.success() {
        return Err(Error::Identity(format!(
            "the password_command of identity {name} failed ({})",
            out.status
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let secret = Secret::new(text.lines().next().unwrap_or_default());
    if secret.is_empty() {
        return Err(Error::Identity(format!(
            "the password_command of identity {name} printed nothing"
        )));
    }
    Ok(secret)
}

#[cfg(any(target_os = "macos", target_os = "windows"))]
fn keyring_store(name: &str, secret: &Secret) -> Option<String> {
    let entry = keyring::Entry::new(KEYRING_SERVICE, name).ok()?;
    entry.set_password(secret.expose()).ok()?;
    Some("the system keyring".to_owned())
}

#[cfg(any(target_os = "macos", target_os = "windows"))]
fn keyring_load(name: &str) -> Option<Secret> {
    let entry = keyring::Entry::new(KEYRING_SERVICE, name).ok()?;
    entry.get_password().ok().map(Secret::new)
}

#[cfg(any(target_os = "macos", target_os = "windows"))]
fn keyring_delete(name: &str) {
    if let Ok(entry) = keyring::Entry::new(KEYRING_SERVICE, name) {
        let _ = entry.delete_credential();
    }
}

#[cfg(not(any(target_os = "macos", target_os = "windows")))]
fn keyring_store(_name: &str, _secret: &Secret) -> Option<String> {
    None
}

#[cfg(not(any(target_os = "macos", target_os = "windows")))]
fn keyring_load(_name: &str) -> Option<Secret> {
    None
}

#[cfg(not(any(target_os = "macos", target_os = "windows")))]
fn keyring_delete(_name: &str) {}
