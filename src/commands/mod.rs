//! The `identity` and `reply` subcommands: prompts and printing around `wpcomments::identity`
//! and `wpcomments::api`.

pub mod identity;
pub mod login;
pub mod moderate;
pub mod prompt;
pub mod reply;

use url::Url;
use wpcomments::api::auth::{self, Me};
use wpcomments::api::http::Auth;
use wpcomments::api::{self, ApiRoot, Client, ClientConfig};
use wpcomments::error::{Error, Result};
use wpcomments::identity::{Identities, Identity};

/// A small runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Io(format!("cannot start the async runtime: {e}")))
}

/// A client with (or without) credentials, which go only to `scope`'s host.
pub fn client(base: &ClientConfig, auth: Option<Auth>, scope: Option<Url>) -> Result<Client> {
    Client::new(ClientConfig {
        auth,
        auth_scope: scope,
        ..base.clone()
    })
}

/// The identity named `name`, after checking it belongs to the site of `url`: credentials
/// are never sent to another site.
pub fn identity_for(name: &str, url: &Url) -> Result<Identity> {
    Identities::load()?.pick(Some(name), url)
}

/// Find the REST API of a site (no credentials needed for that).
pub async fn discover_site(client: &Client, site: &str) -> Result<ApiRoot> {
    let target = api::parse_target(site)?;
    Ok(api::discover(client, &target).await?.api)
}

/// Who `auth` is on `site`: discovery without credentials, then `users/me` with them.
pub async fn check_account(config: &ClientConfig, site: &str, auth: Auth) -> Result<Me> {
    let api_root = discover_site(&client(config, None, None)?, site).await?;
    let scope = Url::parse(site).ok();
    auth::whoami(&client(config, Some(auth), scope)?, &api_root).await
}

/// "admin (login admin, user 1); roles: administrator; can moderate comments: yes".
pub fn describe_me(me: &Me) -> String {
    let roles = if me.roles.is_empty() {
        "none shown".to_owned()
    } else {
        me.roles.join(", ")
    };
    format!(
        "{} (login {}, user {})\nroles: {roles}\ncan moderate comments: {}",
        me.name,
        if me.login.is_empty() { "?" } else { &me.login },
        me.id,
        if me.can_moderate { "yes" } else { "no" }
    )
}
