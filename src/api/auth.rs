//! The calls that only make sense with credentials: who am I, does the site have a
//! namespace, and a JWT token; and how a refused request reads.

use serde_json::{Value, json};

use super::http::credentials::check_transport;
use super::http::{Client, Response, Secret, display_url, http_error};
use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::render::sanitize_line;

/// Who the credentials belong to, from `/wp/v2/users/me?context=edit`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Me {
    /// User id.
    pub id: u64,
    /// Login name (empty when the site does not say).
    pub login: String,
    /// Display name.
    pub name: String,
    /// Roles, e.g. `administrator`.
    pub roles: Vec<String>,
    /// `capabilities.moderate_comments`: may see held comments and moderate.
    pub can_moderate: bool,
}

impl Me {
    /// Read a `users/me?context=edit` answer.
    pub fn from_json(v: &Value) -> Me {
        let text = |k: &str| sanitize_line(v.get(k).and_then(Value::as_str).unwrap_or_default());
        Me {
            id: v.get("id").and_then(Value::as_u64).unwrap_or(0),
            login: text("username"),
            name: text("name"),
            roles: v
                .get("roles")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(sanitize_line)
                        .collect()
                })
                .unwrap_or_default(),
            can_moderate: v
                .pointer("/capabilities/moderate_comments")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }
    }
}

/// The `code` of a WordPress error body.
pub fn wp_error_code(resp: &Response) -> String {
    resp.wp_error_code().unwrap_or_default()
}

/// Ask the site who the client's credentials belong to.
///
/// A 401 `rest_not_logged_in` although credentials were sent means the site ignored them:
/// WordPress does that with application passwords over plain http outside local
/// environments, and when a security plugin or the host strips the header.
pub async fn whoami(client: &Client, api: &ApiRoot) -> Result<Me> {
    let url = api.url("wp/v2/users/me", &[("context", "edit")]);
    let resp = client.get(&url).await?;
    if resp.ok() {
        return Ok(Me::from_json(&resp.json()?));
    }
    Err(auth_error(&resp, client.has_auth()))
}

/// The error for a 401/403 (or anything else) on an authenticated request.
pub fn auth_error(resp: &Response, sent_credentials: bool) -> Error {
    let code = wp_error_code(resp);
    let message = resp.wp_error_message().unwrap_or_default();
    let site = display_url(&resp.url);
    match (resp.status, code.as_str()) {
        (401, "rest_not_logged_in") if sent_credentials => Error::Auth(format!(
            "{site} answered as if no credentials were sent: the password is wrong (WordPress 6.1 does not say so), or the site ignores application passwords (plain http outside local sites, or a plugin or the web server drops the Authorization header)"
        )),
        (401, "rest_not_logged_in") => Error::Auth(format!(
            "{site} needs a login: use --as with an account identity (wpcomments identity add)"
        )),
        (401 | 403, _) => Error::Auth(format!(
            "{site} rejected the credentials (HTTP {}{}): check the user name and password, or add the identity again",
            resp.status,
            if code.is_empty() {
                String::new()
            } else {
                format!(", {code}: {message}")
            }
        )),
        _ => http_error(resp),
    }
}

/// True when the site's REST index lists `namespace` (e.g. `jwt-auth/v1`).
pub async fn has_namespace(client: &Client, api: &ApiRoot, namespace: &str) -> Result<bool> {
    let url = api.url("", &[("_fields", "namespaces")]);
    let (index, _) = client.get_json(&url).await?;
    Ok(index
        .get("namespaces")
        .and_then(Value::as_array)
        .is_some_and(|ns| ns.iter().any(|n| n.as_str() == Some(namespace))))
}

/// Trade a user name and password for a token at `jwt-auth/v1/token` (the "JWT
/// Authentication for WP REST API" plugin and compatible ones).
pub async fn jwt_token(
    client: &Client,
    api: &ApiRoot,
    user: &str,
    password: &Secret,
) -> Result<Secret> {
    if !has_namespace(client, api, "jwt-auth/v1").await? {
        return Err(Error::Identity(format!(
            "{} has no JWT plugin (the REST index lists no jwt-auth/v1); use --app-password instead",
            api.display()
        )));
    }
    let url = api.url("jwt-auth/v1/token", &[]);
    check_transport(&url)?;
    let body = json!({"username": user, "password": password.expose()});
    let resp = client.post_json(&url, &body).await?;
    if !resp.ok() {
        return Err(auth_error(&resp, true));
    }
    let value = resp.json()?;
    let token = value
        .get("token")
        .or_else(|| value.pointer("/data/token"))
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Malformed {
            url: display_url(&url),
            detail: "no token in the answer".into(),
        })?;
    Ok(Secret::new(token))
}
