//! WordPress.com OAuth2 against a local OAuth server (wiremock): the loopback redirect, the
//! pasted-redirect fallback for SSH sessions, and a forged `state`.

use std::io::Write;
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::support::identity::{Home, Run, mode, stderr_until, wait_output};
use url::Url;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "wpcom-token-7f3a9c";
const CLIENT_SECRET: &str = "client-secret-51d2";

/// `exchanges`: how many times the good code must be traded for a token.
async fn oauth_server(exchanges: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("code=the-code"))
        .and(body_string_contains(format!("client_secret={CLIENT_SECRET}").as_str()))
        .and(body_string_contains("grant_type=authorization_code"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": TOKEN, "token_type": "bearer", "blog_id": "0", "blog_url": "", "scope": "global"
        })))
        .expect(exchanges)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant", "error_description": "The code is invalid."
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/v1.1/me"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "ID": 77, "username": "adawp", "display_name": "Ada on WordPress.com"
        })))
        .mount(&server)
        .await;
    server
}

fn home(server: &MockServer) -> Home {
    let h = Home::new()
        .with_env(
            "WPCOMMENTS_WPCOM_OAUTH",
            &format!("{}/oauth2/", server.uri()),
        )
        .with_env("WPCOMMENTS_WPCOM_API", &format!("{}/", server.uri()))
        .with_env("WPCOMMENTS_WPCOM_CLIENT_ID", "4242")
        .with_env("WPCOMMENTS_WPCOM_CLIENT_SECRET", CLIENT_SECRET);
    h.secret(TOKEN);
    h.secret(CLIENT_SECRET);
    h
}

/// Start `identity add wpcom --wordpress-com`, read the authorize URL it prints.
fn start(h: &Home, extra: &[&str]) -> (Child, Url, std::sync::mpsc::Receiver<String>) {
    let mut args = vec!["identity", "add", "wpcom", "--wordpress-com"];
    args.extend_from_slice(extra);
    let mut child = h
        .command(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (line, rest) = stderr_until(&mut child, "/oauth2/authorize?");
    (child, Url::parse(line.trim()).unwrap(), rest)
}

fn query(url: &Url, key: &str) -> String {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no {key} in {url}"))
}

async fn finish(h: &Home, child: Child, rest: std::sync::mpsc::Receiver<String>) -> Run {
    let mut run = tokio::task::spawn_blocking(move || wait_output(child, Duration::from_secs(60)))
        .await
        .unwrap();
    run.err = rest.iter().collect::<Vec<_>>().join("\n");
    h.check_clean(&run);
    run
}

fn assert_stored(h: &Home) {
    let identities = std::fs::read_to_string(h.config_dir().join("identities.toml")).unwrap();
    assert!(
        identities.contains("kind = \"wordpress-com\""),
        "{identities}"
    );
    assert!(identities.contains("user = \"adawp\""), "{identities}");
    assert!(!identities.contains(TOKEN));
    let secrets = h.config_dir().join("secrets.toml");
    assert_eq!(mode(&secrets), 0o600);
    assert!(std::fs::read_to_string(secrets).unwrap().contains(TOKEN));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_browser_returns_to_the_loopback_listener_with_code_and_state() {
    let server = oauth_server(1).await;
    let h = home(&server);
    let (child, authorize, rest) = start(&h, &["--no-browser"]);
    assert_eq!(query(&authorize, "client_id"), "4242");
    assert_eq!(query(&authorize, "response_type"), "code");
    let redirect = query(&authorize, "redirect_uri");
    assert!(redirect.starts_with("http://127.0.0.1:"), "{redirect}");
    let state = query(&authorize, "state");
    // What the browser does after the user approves.
    let page = reqwest::get(format!("{redirect}?code=the-code&state={state}"))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let run = finish(&h, child, rest).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.out.contains("added identity wpcom"), "{run:?}");
    assert_stored(&h);
    let test = h.ok(&["identity", "test", "wpcom"], "").out;
    assert!(
        test.contains("Ada on WordPress.com (login adawp, user 77)"),
        "{test}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn over_ssh_the_redirect_address_is_pasted() {
    let server = oauth_server(1).await;
    let h = home(&server);
    let (mut child, authorize, rest) = start(&h, &["--no-browser"]);
    let state = query(&authorize, "state");
    let pasted = format!(
        "{}?code=the-code&state={state}\n",
        query(&authorize, "redirect_uri")
    );
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(pasted.as_bytes()).unwrap();
    drop(stdin);
    let run = finish(&h, child, rest).await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_stored(&h);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_with_another_state_is_refused() {
    let server = oauth_server(0).await;
    let h = home(&server);
    let (mut child, authorize, rest) = start(&h, &["--no-browser"]);
    let pasted = format!(
        "{}?code=the-code&state=forged\n",
        query(&authorize, "redirect_uri")
    );
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(pasted.as_bytes()).unwrap();
    drop(stdin);
    let run = finish(&h, child, rest).await;
    assert_eq!(run.code, 12, "{run:?}");
    assert!(run.err.contains("state does not match"), "{run:?}");
    assert!(!h.config_dir().join("identities.toml").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_code_is_an_auth_error() {
    let server = oauth_server(0).await;
    let h = home(&server);
    let (child, authorize, rest) = start(&h, &["--no-browser"]);
    let state = query(&authorize, "state");
    let redirect = query(&authorize, "redirect_uri");
    reqwest::get(format!("{redirect}?code=stale&state={state}"))
        .await
        .unwrap();
    let run = finish(&h, child, rest).await;
    assert_eq!(run.code, 10, "{run:?}");
    assert!(run.err.contains("The code is invalid."), "{run:?}");
}

#[test]
fn without_an_app_the_user_is_told_how_to_register_one() {
    let h = Home::new();
    let run = h.run(&["identity", "add", "wpcom", "--wordpress-com"], "");
    assert_eq!(run.code, 12, "{run:?}");
    assert!(run.err.contains("developer.wordpress.com/apps"), "{run:?}");
}
