//! The `identity` and `reply` subcommands: prompts and printing around `wpcomments::identity`
//! and `wpcomments::api`.

pub mod identity;
pub mod login;
pub mod moderate;
pub mod prompt;
pub mod read;
pub mod reply;
pub mod say;

use wpcomments::api::auth::{self, Me};
use wpcomments::api::http::Auth;
use wpcomments::api::{self, ApiRoot, Client, ClientConfig, Scope};
use wpcomments::error::{Error, Result};
use wpcomments::identity::Identity;

/// A small runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Io(format!("cannot start the async runtime: {e}")))
}

/// A client with (or without) credentials, which go only inside `scope` ([`Scope`]).
pub fn client(base: &ClientConfig, auth: Option<Auth>, scope: Option<Scope>) -> Result<Client> {
    Client::new(ClientConfig {
        auth,
        auth_scope: scope,
        ..base.clone()
    })
}

/// Find the REST API of a site (no credentials needed for that).
pub async fn discover_site(client: &Client, site: &str) -> Result<ApiRoot> {
    let target = api::parse_target(site)?;
    Ok(api::discover(client, &target).await?.api)
}

/// The scope of a stored or typed site (`https://h/~alice/`).
pub fn site_scope(site: &str) -> Result<Scope> {
    Scope::parse(site).ok_or_else(|| {
        Error::Identity(format!(
            "not a site address: {}",
            wpcomments::render::sanitize_line(site)
        ))
    })
}

/// Find the REST API of `site` (no credentials sent) and check it lies inside the site:
/// an API root the page advertises on another host, port or site of the host is refused
/// before any secret is sent, with the address to use instead when it is the same host.
pub async fn site_api(client: &Client, site: &str) -> Result<ApiRoot> {
    let scope = site_scope(site)?;
    let api_root = discover_site(client, site).await?;
    let root = api_root.url("", &[]);
    if scope.contains(&root) {
        return Ok(api_root);
    }
    let hint = api_root
        .site_url()
        .filter(|home| {
            scope.home().host_str() == home.host_str() && home.port() == scope.home().port()
        })
        .map(|home| {
            format!(
                " (if that is your site, add the identity with --site {})",
                api::http::display_url(&home)
            )
        })
        .unwrap_or_default();
    Err(Error::Auth(format!(
        "{} names its REST API at {}, outside that site: no credentials are sent there{hint}",
        api::http::display_url(scope.home()),
        api::http::display_url(&root)
    )))
}

/// The REST API of `site` for `identity`: discovered without credentials, and refused in one
/// line when it lies outside the identity's scope (its credentials would not go there, and
/// the site would answer as to a stranger).
pub async fn identity_api(client: &Client, identity: &Identity, site: &str) -> Result<ApiRoot> {
    let api_root = discover_site(client, site).await?;
    identity.ensure_api(&api_root)?;
    Ok(api_root)
}

/// Who `auth` is on `site`: discovery without credentials, then `users/me` with them.
pub async fn check_account(config: &ClientConfig, site: &str, auth: Auth) -> Result<Me> {
    let api_root = site_api(&client(config, None, None)?, site).await?;
    let scope = site_scope(site)?;
    auth::whoami(&client(config, Some(auth), Some(scope))?, &api_root).await
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
