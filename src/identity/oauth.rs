//! WordPress.com OAuth2: the authorization-code flow with a loopback redirect, or a pasted
//! redirect URL where no browser can reach us (SSH).

use std::path::Path;

use serde_json::Value;
use url::Url;

use super::config_dir;
use super::loopback::param;
use crate::api::http::credentials::{Secret, check_transport};
use crate::api::http::display_url;
use crate::api::{Client, http::http_error};
use crate::error::{Error, Result};

/// The OAuth2 server (`$WPCOMMENTS_WPCOM_OAUTH`, for tests), ending with `/`.
pub fn oauth_base() -> String {
    std::env::var("WPCOMMENTS_WPCOM_OAUTH")
        .unwrap_or_else(|_| "https://public-api.wordpress.com/oauth2/".to_owned())
}

/// A registered WordPress.com application (developer.wordpress.com/apps).
#[derive(Clone, Debug)]
pub struct OAuthApp {
    /// Client id.
    pub client_id: String,
    /// Client secret (redacted in `Debug`).
    pub client_secret: Secret,
    /// Fixed redirect port when the app was registered with one (0: any free port).
    pub redirect_port: u16,
}

/// The app from `$WPCOMMENTS_WPCOM_CLIENT_ID` / `$WPCOMMENTS_WPCOM_CLIENT_SECRET`, else
/// from `[wordpress_com] client_id, client_secret, redirect_port` in `config.toml`
/// (`config` or the config dir's).
pub fn app_from_config(config: Option<&Path>) -> Result<OAuthApp> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let table = read_table(config)?;
    let field = |k: &str| {
        table
            .get(k)
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
    };
    let client_id = env("WPCOMMENTS_WPCOM_CLIENT_ID").or_else(|| field("client_id"));
    let secret = env("WPCOMMENTS_WPCOM_CLIENT_SECRET").or_else(|| field("client_secret"));
    let redirect_port = table
        .get("redirect_port")
        .and_then(toml::Value::as_integer)
        .and_then(|p| u16::try_from(p).ok())
        .unwrap_or(0);
    match (client_id, secret) {
        (Some(client_id), Some(secret)) => Ok(OAuthApp {
            client_id,
            client_secret: Secret::new(secret),
            redirect_port,
        }),
        _ => Err(Error::Identity(
            "WordPress.com login needs an app: register one at developer.wordpress.com/apps and put client_id and client_secret under [wordpress_com] in config.toml (or set WPCOMMENTS_WPCOM_CLIENT_ID and WPCOMMENTS_WPCOM_CLIENT_SECRET)".into(),
        )),
    }
}

fn read_table(config: Option<&Path>) -> Result<toml::Table> {
    let path = match config {
        Some(p) => p.to_path_buf(),
        None => config_dir()?.join("config.toml"),
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(toml::Table::new());
    };
    // Only our table matters here; the settings loader reports errors in the rest.
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    Ok(match table.get("wordpress_com") {
        Some(toml::Value::Table(t)) => t.clone(),
        _ => toml::Table::new(),
    })
}

/// A fresh unguessable `state`.
pub fn new_state() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The page where the user approves: `authorize?client_id&redirect_uri&response_type=code&state&scope=global`.
pub fn authorize_url(app: &OAuthApp, redirect_uri: &str, state: &str) -> Result<Url> {
    let base = Url::parse(&oauth_base()).map_err(|e| Error::Identity(e.to_string()))?;
    let mut url = base
        .join("authorize")
        .map_err(|e| Error::Identity(e.to_string()))?;
    url.query_pairs_mut()
        .append_pair("client_id", &app.client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("response_type", "code")
        .append_pair("scope", "global")
        .append_pair("state", state);
    Ok(url)
}

/// The code from the redirect's query, after checking `state`.
pub fn code_from_params(params: &[(String, String)], state: &str) -> Result<String> {
    if let Some(err) = param(params, "error") {
        return Err(Error::Identity(format!(
            "WordPress.com did not authorize wpcomments: {}",
            crate::render::sanitize_line(err)
        )));
    }
    if param(params, "state") != Some(state) {
        return Err(Error::Identity(
            "the redirect's state does not match this login (a stale or forged redirect); start again".into(),
        ));
    }
    param(params, "code")
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| Error::Identity("the redirect carries no code".into()))
}

/// The code from a pasted redirect URL (the browser's address bar after approving).
pub fn code_from_redirect(pasted: &str, state: &str) -> Result<String> {
    let url = Url::parse(pasted.trim()).map_err(|_| {
        Error::Identity("that is not the redirect URL (paste the whole address)".into())
    })?;
    let params: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    code_from_params(&params, state)
}

/// A token from the exchange.
#[derive(Clone, Debug)]
pub struct Token {
    /// The bearer token (redacted in `Debug`).
    pub access_token: Secret,
    /// The blog the token is limited to, when not global.
    pub blog_url: Option<String>,
}

/// Exchange the code for a token at `oauth2/token`.
pub async fn exchange(
    client: &Client,
    app: &OAuthApp,
    redirect_uri: &str,
    code: &str,
) -> Result<Token> {
    let url = Url::parse(&oauth_base())
        .and_then(|b| b.join("token"))
        .map_err(|e| Error::Identity(e.to_string()))?;
    check_transport(&url)?;
    let resp = client
        .post_form(
            &url,
            &[
                ("client_id", app.client_id.as_str()),
                ("client_secret", app.client_secret.expose()),
                ("redirect_uri", redirect_uri),
                ("grant_type", "authorization_code"),
                ("code", code),
            ],
        )
        .await?;
    if resp.status == 400 || resp.status == 401 {
        let v: Value = serde_json::from_slice(&resp.body).unwrap_or(Value::Null);
        let what = v
            .get("error_description")
            .or_else(|| v.get("error"))
            .and_then(Value::as_str)
            .unwrap_or("refused");
        return Err(Error::Auth(format!(
            "WordPress.com refused the login code: {}",
            crate::render::sanitize_line(what)
        )));
    }
    if !resp.ok() {
        return Err(http_error(&resp));
    }
    let v = resp.json()?;
    let token = v
        .get("access_token")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Malformed {
            url: display_url(&url),
            detail: "no access_token in the answer".into(),
        })?;
    Ok(Token {
        access_token: Secret::new(token),
        blog_url: v.get("blog_url").and_then(Value::as_str).map(str::to_owned),
    })
}

/// `rest/v1.1/me` on the WordPress.com API: who the token belongs to.
pub async fn wpcom_me(client: &Client) -> Result<crate::api::auth::Me> {
    let base = Url::parse(&crate::model::api_root::wpcom_api_base())
        .map_err(|e| Error::Identity(e.to_string()))?;
    let url = base
        .join("rest/v1.1/me")
        .map_err(|e| Error::Identity(e.to_string()))?;
    let resp = client.get(&url).await?;
    if !resp.ok() {
        return Err(crate::api::auth::auth_error(&resp, true));
    }
    let v = resp.json()?;
    let text = |k: &str| {
        crate::render::sanitize_line(v.get(k).and_then(Value::as_str).unwrap_or_default())
    };
    Ok(crate::api::auth::Me {
        id: v.get("ID").and_then(Value::as_u64).unwrap_or(0),
        login: text("username"),
        name: text("display_name"),
        roles: Vec::new(),
        can_moderate: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_redirect_gives_its_code_only_with_the_right_state() {
        let pasted = "http://127.0.0.1:5555/callback?code=abc&state=s1";
        assert_eq!(code_from_redirect(pasted, "s1").unwrap(), "abc");
        assert!(code_from_redirect(pasted, "s2").is_err());
        assert!(code_from_redirect("not a url", "s1").is_err());
        assert!(
            code_from_redirect("http://x/callback?error=access_denied&state=s1", "s1").is_err()
        );
    }
}
