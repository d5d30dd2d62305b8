//! Sending a reply the safe way, for the CLI and the TUI composer alike: the draft is on
//! disk before the request leaves and is deleted only after the server's 201.

use std::path::PathBuf;

use url::Url;

use super::Identity;
use crate::api::write::{NewComment, Posted, post_comment};
use crate::api::{ApiRoot, Client, auth};
use crate::error::{Error, Result};
use crate::store::drafts::{self, DraftKey};

/// A reply that failed, with where its text was kept.
#[derive(Debug)]
pub struct Failed {
    /// Why (worded for the user; see [`Error::exit_code`]).
    pub error: Error,
    /// The draft file, when the text was saved before the failure.
    pub draft: Option<PathBuf>,
}

/// Save `body` as the draft for (`site_url`, `post`, `parent`), post it as `identity`
/// through `client` (built with `identity.auth()`), and delete the draft once the server
/// has created the comment.
///
/// An account identity is checked with `users/me` first, so a wrong or ignored password
/// is reported as such rather than as a confusing refusal.
pub async fn send(
    client: &Client,
    api: &ApiRoot,
    identity: &Identity,
    site_url: &Url,
    post: u64,
    parent: u64,
    body: &str,
) -> std::result::Result<Posted, Failed> {
    let key = DraftKey::for_post(site_url, post, parent);
    let draft = drafts::save(&key, body).map_err(|error| Failed { error, draft: None })?;
    let kept = |error: Error| Failed {
        error,
        draft: Some(draft.clone()),
    };
    let posted = post_as(client, api, identity, post, parent, body)
        .await
        .map_err(kept)?;
    drafts::delete(&key).map_err(kept)?;
    Ok(posted)
}

async fn post_as(
    client: &Client,
    api: &ApiRoot,
    identity: &Identity,
    post: u64,
    parent: u64,
    body: &str,
) -> Result<Posted> {
    if client.has_auth() {
        auth::whoami(client, api).await?;
    }
    let comment = NewComment {
        post,
        parent,
        content: body.to_owned(),
        guest: identity.guest_author(),
    };
    post_comment(client, api, &comment).await
}

/// Why `identity` cannot post from inside the terminal reader: its secret comes from a
/// `password_command`, which may prompt (pass, gpg) and would fight the reader for the
/// keyboard and the screen. Secrets are read before the terminal is taken, for the identity
/// the reader starts as; `None` when this one may be used.
pub fn command_secret(identity: &Identity) -> Option<String> {
    identity.password_command.as_ref().map(|_| {
        format!(
            "identity {0} reads its secret with a command: choose it with --as {0} when starting",
            identity.name
        )
    })
}
