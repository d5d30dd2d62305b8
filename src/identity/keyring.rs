//! The OS keyring through the `keyring` crate: the macOS Keychain, Windows Credential
//! Manager, and on Linux the Secret Service (GNOME Keyring, KWallet) over D-Bus, in pure Rust
//! (zbus). Every call answers `None` when no keyring answers, and the caller falls back to
//! the 0600 file (`secrets.rs`).
//!
//! Entries are service `wpcomments`, user = the identity's name. When
//! `$WPCOMMENTS_CONFIG_DIR` moves the config folder, the service names that folder too
//! (`wpcomments:/path`), so two setups never share or overwrite each other's secrets.

use crate::api::http::Secret;

/// Service name of the default setup's entries in the OS keyring.
pub const KEYRING_SERVICE: &str = "wpcomments";

/// The keyring's name for messages (`identity list`, `identity add`).
#[cfg(target_os = "linux")]
const NAME: &str = "the Secret Service keyring (GNOME Keyring, KWallet)";
#[cfg(target_os = "macos")]
const NAME: &str = "the macOS Keychain";
#[cfg(target_os = "windows")]
const NAME: &str = "Windows Credential Manager";

/// The service name of this setup's entries.
pub fn service() -> String {
    match std::env::var_os(crate::store::paths::CONFIG_ENV).filter(|d| !d.is_empty()) {
        Some(dir) => format!("{}:{}", KEYRING_SERVICE, dir.to_string_lossy()),
        None => KEYRING_SERVICE.to_owned(),
    }
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
fn entry(name: &str) -> Option<keyring::Entry> {
    keyring::Entry::new(&service(), name).ok()
}

/// Store; `Some(where)` when the keyring took it.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
pub fn store(name: &str, secret: &Secret) -> Option<String> {
    entry(name)?.set_password(secret.expose()).ok()?;
    Some(NAME.to_owned())
}

/// The secret of `name`, when the keyring answers and has it.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
pub fn load(name: &str) -> Option<Secret> {
    entry(name)?.get_password().ok().map(Secret::new)
}

/// Remove `name`'s entry, if the keyring answers and has one.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
pub fn delete(name: &str) {
    if let Some(entry) = entry(name) {
        let _ = entry.delete_credential();
    }
}

/// The keyring's name when one answers now (a lookup that finds nothing counts as an
/// answer), else `None`.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
pub fn name_if_answering() -> Option<&'static str> {
    match entry("wpcomments keyring probe")?.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Some(NAME),
        Err(_) => None,
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub fn store(_name: &str, _secret: &Secret) -> Option<String> {
    None
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub fn load(_name: &str) -> Option<Secret> {
    None
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub fn delete(_name: &str) {}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub fn name_if_answering() -> Option<&'static str> {
    None
}
