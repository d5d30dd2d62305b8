//! The application-password browser flow (`wp-admin/authorize-application.php`, WordPress
//! 5.6+): the user approves wpcomments in the browser and WordPress redirects to our
//! loopback listener with `user_login` and `password`.
//!
//! WordPress accepts an `http://` success URL only on sites whose environment type is
//! `local` (the check was backported to 6.1.x with 6.3.2's fix); elsewhere the page shows
//! the new password instead, and the user pastes it.

use serde_json::Value;
use url::Url;

use super::loopback::param;
use crate::api::http::Secret;
use crate::api::{ApiRoot, Client};
use crate::error::{Error, Result};

/// The name the password gets in the user's profile: WordPress refuses a second password
/// with the same name for a user, so it names the identity and the moment.
pub fn app_name(identity: &str) -> String {
    format!(
        "wpcomments {identity} {}",
        chrono::Utc::now().format("%Y-%m-%d %H:%M:%S")
    )
}

/// A new random application id (a UUID, as WordPress requires).
pub fn new_app_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The authorization page the site advertises in its REST index
/// (`authentication.application-passwords.endpoints.authorization`); `None` when the site
/// does not offer application passwords (disabled, or WordPress before 5.6).
pub async fn authorization_endpoint(client: &Client, api: &ApiRoot) -> Result<Option<Url>> {
    let url = api.url("", &[("_fields", "authentication")]);
    let (index, _) = client.get_json(&url).await?;
    Ok(index
        .pointer("/authentication/application-passwords/endpoints/authorization")
        .and_then(Value::as_str)
        .and_then(|u| Url::parse(u).ok()))
}

/// The page to open: `endpoint?app_name=wpcomments&app_id=...&success_url=...`.
pub fn authorize_url(
    endpoint: &Url,
    app_name: &str,
    app_id: &str,
    success_url: Option<&str>,
) -> Url {
    let mut url = endpoint.clone();
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("app_name", app_name)
            .append_pair("app_id", app_id);
        if let Some(s) = success_url {
            q.append_pair("success_url", s);
        }
    }
    url
}

/// What the browser brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approved {
    /// The login the password belongs to.
    pub user: String,
    /// The new application password.
    pub password: Secret,
}

/// Read the callback's query: `user_login` + `password`, or `success=false` when the user
/// said no.
pub fn from_callback(params: &[(String, String)]) -> Result<Approved> {
    if param(params, "success") == Some("false") {
        return Err(Error::Identity(
            "the connection was not approved in the browser".into(),
        ));
    }
    match (param(params, "user_login"), param(params, "password")) {
        (Some(user), Some(password)) if !user.is_empty() && !password.is_empty() => Ok(Approved {
            user: user.to_owned(),
            password: Secret::new(password),
        }),
        _ => Err(Error::Identity(
            "the browser came back without a user name and password".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorize_url_names_the_app_and_the_callback() {
        let ep = Url::parse("https://b.example/wp-admin/authorize-application.php").unwrap();
        let u = authorize_url(
            &ep,
            "wpcomments",
            "id-1",
            Some("http://127.0.0.1:9/callback"),
        );
        assert_eq!(
            u.as_str(),
            "https://b.example/wp-admin/authorize-application.php?app_name=wpcomments&app_id=id-1&success_url=http%3A%2F%2F127.0.0.1%3A9%2Fcallback"
        );
    }

    #[test]
    fn a_refusal_in_the_browser_is_an_error() {
        let p = vec![("success".to_owned(), "false".to_owned())];
        assert!(from_callback(&p).is_err());
        let p = vec![
            ("user_login".to_owned(), "ada".to_owned()),
            ("password".to_owned(), "abcd efgh".to_owned()),
        ];
        assert_eq!(from_callback(&p).unwrap().user, "ada");
    }
}
