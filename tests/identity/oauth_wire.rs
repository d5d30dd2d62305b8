//! Credentials on the wire (wiremock): JWT login, Authorization dropped on a redirect to
//! another server, nothing sent over plain http to a remote host.

use crate::support::identity::Home;
use serde_json::json;
use url::Url;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wpcomments::api::auth;
use wpcomments::api::http::{Auth, Secret};
use wpcomments::api::{ApiRoot, Client, ClientConfig};
use wpcomments::error::Error;

const JWT: &str = "eyJ0eXAiOiJKV1QifQ.jwt-body.sig";
const PASSWORD: &str = "ada-login-password";

/// A client whose credentials belong to the site at `scope`.
fn client_for(auth: Option<Auth>, scope: &str) -> Client {
    Client::new(ClientConfig {
        auth,
        auth_scope: Url::parse(scope).ok(),
        retries: 0,
        ..ClientConfig::default()
    })
    .unwrap()
}

fn client(auth: Option<Auth>) -> Client {
    client_for(auth, "http://127.0.0.1/")
}

fn me_json() -> serde_json::Value {
    json!({"id": 9, "username": "ada", "name": "Ada", "roles": ["editor"],
           "capabilities": {"moderate_comments": true}})
}

/// A site whose home page advertises its API, with the JWT plugin's namespace.
async fn jwt_site() -> MockServer {
    let server = MockServer::start().await;
    let uri = server.uri();
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .insert_header(
                    "link",
                    format!("<{uri}/wp-json/>; rel=\"https://api.w.org/\"").as_str(),
                )
                .set_body_string("<html></html>"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/wp-json/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "name": "JWT blog", "namespaces": ["oembed/1.0", "jwt-auth/v1", "wp/v2"]
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/wp-json/jwt-auth/v1/token"))
        .and(body_json(json!({"username": "ada", "password": PASSWORD})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token": JWT, "user_email": "ada@example.com", "user_display_name": "Ada"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/wp-json/jwt-auth/v1/token"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "code": "[jwt_auth] incorrect_password", "message": "Wrong password.", "data": {"status": 403}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/users/me"))
        .and(header("authorization", format!("Bearer {JWT}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(me_json()))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_jwt_token_is_traded_for_a_password_and_sent_as_bearer() {
    let server = jwt_site().await;
    let api = ApiRoot::Path(Url::parse(&format!("{}/wp-json/", server.uri())).unwrap());
    let token = auth::jwt_token(&client(None), &api, "ada", &Secret::new(PASSWORD))
        .await
        .unwrap();
    assert_eq!(token.expose(), JWT);
    let me = auth::whoami(
        &client_for(Some(Auth::Bearer(token)), api.display().as_str()),
        &api,
    )
    .await
    .unwrap();
    assert_eq!(
        (me.id, me.login.as_str(), me.can_moderate),
        (9, "ada", true)
    );
    let wrong = auth::jwt_token(&client(None), &api, "ada", &Secret::new("nope")).await;
    assert!(matches!(wrong, Err(Error::Auth(_))), "{wrong:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn identity_add_jwt_stores_the_token_and_never_the_password() {
    let server = jwt_site().await;
    let h = Home::new();
    h.secret(JWT);
    h.secret(PASSWORD);
    let site = server.uri();
    let run = tokio::task::spawn_blocking(move || {
        let run = h.run(
            &["identity", "add", "j", "--site", &site, "--jwt"],
            &format!("ada\n{PASSWORD}\n"),
        );
        (h, run)
    })
    .await
    .unwrap();
    let (h, run) = run;
    assert_eq!(run.code, 0, "{run:?}");
    let secrets = std::fs::read_to_string(h.config_dir().join("secrets.toml")).unwrap();
    assert!(secrets.contains(JWT));
    assert!(!secrets.contains(PASSWORD));
    let test = tokio::task::spawn_blocking(move || h.ok(&["identity", "test", "j"], ""))
        .await
        .unwrap();
    assert!(test.out.contains("can moderate comments: yes"), "{test:?}");
}

#[tokio::test]
async fn a_site_without_the_jwt_plugin_says_so() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/wp-json/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"namespaces": ["wp/v2"]})))
        .mount(&server)
        .await;
    let api = ApiRoot::Path(Url::parse(&format!("{}/wp-json/", server.uri())).unwrap());
    let err = auth::jwt_token(&client(None), &api, "ada", &Secret::new("pw"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no JWT plugin"), "{err}");
    assert_eq!(err.exit_code(), 12);
}

#[tokio::test]
async fn a_redirect_to_another_server_drops_the_credentials() {
    let first = MockServer::start().await;
    let second = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/users/me"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "location",
            format!("{}/wp-json/wp/v2/users/me?context=edit", second.uri()).as_str(),
        ))
        .mount(&first)
        .await;
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/users/me"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "code": "rest_not_logged_in", "message": "You are not currently logged in.", "data": {"status": 401}
        })))
        .mount(&second)
        .await;
    let api = ApiRoot::Path(Url::parse(&format!("{}/wp-json/", first.uri())).unwrap());
    let basic = Auth::Basic {
        user: "ada".into(),
        password: Secret::new("app pass word"),
    };
    let err = auth::whoami(&client_for(Some(basic), &first.uri()), &api)
        .await
        .unwrap_err();
    // The second server saw no credentials, so it answered as to a stranger.
    assert!(
        err.to_string().contains("as if no credentials were sent"),
        "{err}"
    );
    let to_first = first.received_requests().await.unwrap();
    assert!(to_first[0].headers.contains_key("authorization"));
    let to_second = second.received_requests().await.unwrap();
    assert_eq!(to_second.len(), 1);
    assert!(
        !to_second[0].headers.contains_key("authorization"),
        "{:?}",
        to_second[0].headers
    );
}

#[tokio::test]
async fn credentials_are_not_sent_over_plain_http_to_a_remote_host() {
    let bearer = Auth::Bearer(Secret::new("tok"));
    // Refused before any connection: the host does not even need to exist.
    let url = Url::parse("http://blog.example.invalid/wp-json/").unwrap();
    let err = client_for(Some(bearer), url.as_str())
        .get(&url)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(err.to_string().contains("plain http"), "{err}");
    assert_eq!(err.exit_code(), 10);
}

#[test]
fn adding_an_identity_for_a_plain_http_site_is_refused_before_asking_for_the_password() {
    let h = Home::new();
    let run = h.run(
        &[
            "identity",
            "add",
            "x",
            "--site",
            "http://blog.example.com",
            "--app-password",
        ],
        "",
    );
    assert_eq!(run.code, 10, "{run:?}");
    assert!(run.err.contains("refusing to send credentials"), "{run:?}");
    assert!(!h.config_dir().join("identities.toml").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_browser_flow_falls_back_to_pasting_the_password_the_page_shows() {
    let server = MockServer::start().await;
    let uri = server.uri();
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .insert_header(
                    "link",
                    format!("<{uri}/wp-json/>; rel=\"https://api.w.org/\"").as_str(),
                )
                .set_body_string("<html></html>"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/wp-json/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "namespaces": ["wp/v2"],
            "authentication": {"application-passwords": {"endpoints": {
                "authorization": format!("{uri}/wp-admin/authorize-application.php")
            }}}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/users/me"))
        .and(header(
            "authorization",
            "Basic YWRhOnBhc3RlZCBwYXNzd29yZA==",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(me_json()))
        .mount(&server)
        .await;
    let h = Home::new();
    h.secret("pasted password");
    let (h, run) = tokio::task::spawn_blocking(move || {
        let run = h.run(
            &[
                "identity",
                "add",
                "web",
                "--site",
                &uri,
                "--browser",
                "--paste",
                "--no-browser",
                "--user",
                "ada",
            ],
            "pasted password\n",
        );
        (h, run)
    })
    .await
    .unwrap();
    assert_eq!(run.code, 0, "{run:?}");
    let shown = run
        .err
        .lines()
        .find(|l| l.contains("authorize-application.php"))
        .unwrap();
    assert!(
        shown.contains("app_id=") && !shown.contains("success_url"),
        "{shown}"
    );
    assert!(run.err.contains("paste the password"), "{run:?}");
    let secrets = std::fs::read_to_string(h.config_dir().join("secrets.toml")).unwrap();
    assert!(secrets.contains("pasted password"));
}

#[tokio::test]
async fn credentials_go_only_to_the_site_they_belong_to() {
    // A hostile post list can link to another site; a request there carries no credentials.
    let theirs = MockServer::start().await;
    let other = MockServer::start().await;
    for server in [&theirs, &other] {
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(me_json()))
            .mount(server)
            .await;
    }
    let basic = Auth::Basic {
        user: "ada".into(),
        password: Secret::new("app pass word"),
    };
    let c = client_for(Some(basic), &theirs.uri());
    for server in [&theirs, &other] {
        let url = Url::parse(&format!("{}/wp-json/wp/v2/users/me", server.uri())).unwrap();
        c.get(&url).await.expect("answers");
    }
    let sent = |reqs: Vec<wiremock::Request>| reqs[0].headers.contains_key("authorization");
    assert!(sent(theirs.received_requests().await.unwrap()));
    assert!(!sent(other.received_requests().await.unwrap()));
}

#[tokio::test]
async fn a_post_is_never_replayed_to_where_a_redirect_points() {
    // A 307 would re-send the body (a JWT password, an OAuth client secret) to the new place.
    let first = MockServer::start().await;
    let second = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/steal", second.uri()).as_str()),
        )
        .mount(&first)
        .await;
    let api = ApiRoot::Path(Url::parse(&format!("{}/wp-json/", first.uri())).unwrap());
    let result = auth::jwt_token(&client(None), &api, "ada", &Secret::new(PASSWORD)).await;
    assert!(result.is_err());
    assert!(second.received_requests().await.unwrap().is_empty());
}
