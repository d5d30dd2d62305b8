//! Issue 9 against a hostile site on loopback: what each site receives (no secret outside
//! its identity's scope), what reaches the terminal (raw pty bytes via `script`), and which
//! files are written with which modes. Each test fails on the code before the fix.

use std::time::Duration;

use crate::support::hostile::*;
use crate::support::identity::{Home, Run, files_under, mode, wait_output};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ALICE_SECRET: &str = "alice-app-pass-0001";
const LOGIN_PASSWORD: &str = "alice-real-login-password";

/// Run `args` off the async runtime (the fake site answers on it meanwhile).
async fn run(h: Home, args: Vec<String>, stdin: &str) -> (Home, Run) {
    let stdin = stdin.to_owned();
    tokio::task::spawn_blocking(move || {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = h.run(&refs, &stdin);
        (h, run)
    })
    .await
    .expect("joins")
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// A home where `alice` (application password) is the default identity of `site`.
fn home_with_alice(site: &str) -> Home {
    let h = Home::new();
    h.secret(ALICE_SECRET);
    std::fs::create_dir_all(h.config_dir()).expect("config dir");
    let ids = format!(
        "[[identity]]\nname = \"alice\"\nkind = \"app-password\"\nsite = \"{site}\"\nuser = \"alice\"\ndefault = true\n\n[[identity]]\nname = \"g\"\nkind = \"guest\"\nauthor_name = \"Guest\"\nauthor_email = \"g@example.com\"\n"
    );
    std::fs::write(h.config_dir().join("identities.toml"), ids).expect("identities");
    let secrets = format!("[secrets]\nalice = \"{ALICE_SECRET}\"\n");
    std::fs::write(h.config_dir().join("secrets.toml"), secrets).expect("secrets");
    h
}

#[tokio::test(flavor = "multi_thread")]
async fn an_identity_never_serves_another_site_on_its_host() {
    let server = MockServer::start().await;
    mount_site(&server, "/~alice/").await;
    mount_site(&server, "/~mallory/").await;
    let h = home_with_alice(&format!("{}/~alice/", server.uri()));
    let mallory = post_url(&server, "/~mallory/");
    // Alice is the default identity of her site only: moderating mallory's site without
    // --as finds no identity there, and reading it goes out without credentials.
    let (h, r) = run(h, args(&["moderate", &mallory, "--approve", "1"]), "").await;
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.err.contains("no identity"), "{r:?}");
    let (h, r) = run(h, args(&["--dump", &mallory]), "").await;
    assert_eq!(r.code, 0, "{r:?}");
    // `--as alice` on mallory's site is refused in one line before anything is sent.
    let before = received(&server).await.len();
    let (h, r) = run(h, args(&["--as", "alice", "--dump", &mallory]), "").await;
    assert_ne!(r.code, 0, "{r:?}");
    assert_eq!(r.err.lines().count(), 1, "{r:?}");
    assert!(r.err.contains("belongs to"), "{r:?}");
    assert_eq!(
        received(&server).await.len(),
        before,
        "nothing sent after the refusal"
    );
    assert_eq!(with_authorization(&server).await, Vec::<String>::new());
    // On alice's own site her credentials do go (so the check above could fail).
    let alice = post_url(&server, "/~alice/");
    let (_, r) = run(h, args(&["--as", "alice", "--dump", &alice]), "").await;
    assert_eq!(r.code, 0, "{r:?}");
    let authed = with_authorization(&server).await;
    assert!(!authed.is_empty(), "alice's own site gets her credentials");
    assert!(authed.iter().all(|r| r.contains(" /~alice/")), "{authed:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_jwt_password_never_goes_to_an_api_root_the_page_puts_elsewhere() {
    let site = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    // The site's page names another host's API; that API has the JWT plugin.
    mount_page(&site, "/", &format!("{}/wp-json/", elsewhere.uri())).await;
    let jwt = json!({"namespaces": ["wp/v2", "jwt-auth/v1"]});
    mount_index(&elsewhere, "/wp-json/", jwt).await;
    Mock::given(method("POST"))
        .and(path("/wp-json/jwt-auth/v1/token"))
        .respond_with(ResponseTemplate::new(403))
        .mount(&elsewhere)
        .await;
    let h = Home::new();
    h.secret(LOGIN_PASSWORD);
    let add = args(&["identity", "add", "j", "--site", &site.uri(), "--jwt"]);
    let (_, r) = run(h, add, &format!("alice\n{LOGIN_PASSWORD}\n")).await;
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.err.contains("outside that site"), "{r:?}");
    assert!(
        !saw_secret(&elsewhere, LOGIN_PASSWORD).await,
        "the password left"
    );
    assert!(!saw_secret(&site, LOGIN_PASSWORD).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_url_with_credentials_in_it_is_refused_and_nothing_is_sent() {
    let server = MockServer::start().await;
    mount_site(&server, "/").await;
    let with_userinfo = post_url(&server, "/").replace("http://", "http://bob:hunter2@");
    let (_, r) = run(Home::new(), args(&["--dump", &with_userinfo]), "").await;
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.err.contains("user name or password"), "{r:?}");
    assert!(
        !r.err.contains("hunter2") && !r.out.contains("hunter2"),
        "{r:?}"
    );
    assert!(received(&server).await.is_empty(), "nothing was requested");
}

/// A site whose REST index names `endpoint` as its application-password page.
async fn browser_site(endpoint: &str) -> MockServer {
    let server = MockServer::start().await;
    let uri = server.uri();
    mount_page(&server, "/", &format!("{uri}/wp-json/")).await;
    let endpoint = endpoint.replace("SELF", &uri);
    let auth = json!({"authentication": {"application-passwords": {"endpoints": {"authorization": endpoint}}}});
    mount_index(&server, "/wp-json/", auth).await;
    server
}

#[tokio::test(flavor = "multi_thread")]
async fn the_browser_flow_opens_only_the_sites_own_https_pages() {
    for endpoint in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "x-scheme-handler://SELF/",
        "https://login.evil.example/wp-admin/authorize-application.php",
        "http://127.0.0.1:1/wp-admin/authorize-application.php?\u{1b}]0;x\u{7}",
    ] {
        let server = browser_site(endpoint).await;
        let add = args(&["identity", "add", "b", "--site", &server.uri(), "--browser"]);
        let (_, r) = run(Home::new(), [add, args(&["--no-browser"])].concat(), "").await;
        assert_ne!(r.code, 0, "{endpoint}: {r:?}");
        assert!(r.err.contains("not opened"), "{endpoint}: {r:?}");
        assert!(!r.err.contains('\u{1b}'), "{endpoint}: {r:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_user_name_with_control_characters_from_the_callback_is_refused() {
    let server = browser_site("SELF/wp-admin/authorize-application.php").await;
    let h = Home::new();
    let add = [
        "identity",
        "add",
        "b",
        "--site",
        &server.uri(),
        "--browser",
        "--no-browser",
    ];
    let mut child = h
        .command(&add)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let lines = lines_of(child.stderr.take().expect("stderr"));
    let line = tokio::task::spawn_blocking({
        let lines = lines.clone();
        move || wait_line(&lines, "authorize-application.php")
    })
    .await
    .expect("joins");
    let opened = url::Url::parse(line.trim()).expect("the address printed");
    let success = opened
        .query_pairs()
        .find(|(k, _)| k == "success_url")
        .map(|(_, v)| v.into_owned())
        .expect("a success_url");
    let planted = format!("{success}?user_login=ada%1B%5D0%3Bpwned%07&password=abcd%20efgh");
    let _ = reqwest::get(&planted).await;
    drop(child.stdin.take());
    let r = tokio::task::spawn_blocking(move || wait_output(child, Duration::from_secs(30)))
        .await
        .expect("joins");
    let err = lines.lock().expect("lines").join("\n");
    assert_ne!(r.code, 0, "{r:?} {err}");
    assert!(err.contains("control characters"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
    let ids = std::fs::read_to_string(h.config_dir().join("identities.toml")).unwrap_or_default();
    assert!(!ids.contains('\u{1b}') && !ids.contains("pwned"), "{ids}");
}

#[test]
fn identity_commands_never_write_control_characters_to_the_terminal() {
    let h = Home::new();
    std::fs::create_dir_all(h.config_dir()).expect("config dir");
    // What a hostile callback or a tampered file could have left in identities.toml.
    let planted = "[[identity]]\nname = \"x\"\nkind = \"app-password\"\nsite = \"https://b.example/\\u001b]0;site\\u0007\"\nuser = \"ada\\u001b]0;owned\\u0007\\u202e\"\n\n[[identity]]\nname = \"g\"\nkind = \"guest\"\nauthor_name = \"G\\u001b[2J\"\nauthor_email = \"g@x\\u009b31m\"\n";
    std::fs::write(h.config_dir().join("identities.toml"), planted).expect("write");
    for cmd in [
        vec!["identity", "list"],
        vec!["identity", "test", "g"],
        vec!["identity", "test", "x"],
    ] {
        let bytes = pty_bytes(&h.config_dir(), &h.data_dir(), &cmd);
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !bytes.contains(&0x1b),
            "{cmd:?}: ESC reached the terminal: {text:?}"
        );
        assert!(
            !text.contains('\u{9b}') && !text.contains('\u{202e}'),
            "{cmd:?}: {text:?}"
        );
        assert!(
            !bytes.contains(&0x07),
            "{cmd:?}: BEL reached the terminal: {text:?}"
        );
    }
    let listed = String::from_utf8_lossy(&pty_bytes(
        &h.config_dir(),
        &h.data_dir(),
        &["identity", "list"],
    ))
    .into_owned();
    assert!(
        listed.contains("  ada  https://b.example/"),
        "shown, cleaned: {listed:?}"
    );
    assert!(listed.contains("G <g@x>"), "shown, cleaned: {listed:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_for_one_site_never_appears_on_another_site_of_the_host() {
    let server = MockServer::start().await;
    mount_site(&server, "/a/").await;
    mount_site(&server, "/b/").await;
    let h = home_with_alice(&format!("{}/a/", server.uri()));
    // A reply to site a fails (500): its text stays as a draft.
    let reply_a = args(&["reply", "--as", "g", &post_url(&server, "/a/")]);
    let (h, r) = run(h, reply_a, "text meant for site a").await;
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.err.contains("kept as a draft"), "{r:?}");
    // Site b has a post with the same id: `reply --draft` must not find a's draft there.
    let reply_b = args(&["reply", "--as", "g", "--draft", &post_url(&server, "/b/")]);
    let (_, r) = run(h, reply_b, "").await;
    assert_ne!(r.code, 0, "{r:?}");
    assert!(r.err.contains("no saved draft"), "{r:?}");
    let posted_b = received(&server)
        .await
        .iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path().starts_with("/b/"))
        .count();
    assert_eq!(posted_b, 0, "site b was sent site a's draft");
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn every_file_written_under_the_users_dirs_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let server = MockServer::start().await;
    mount_site(&server, "/").await;
    let h = Home::new();
    // Dirs an older version (or a umask of 022) left world-readable.
    for dir in [h.data_dir(), h.config_dir()] {
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let add = args(&[
        "identity",
        "add",
        "g",
        "--guest",
        "--name",
        "G",
        "--email",
        "g@x.example",
    ]);
    let (h, r) = run(h, add, "").await;
    assert_eq!(r.code, 0, "{r:?}");
    let (h, r) = run(
        h,
        args(&["reply", "--as", "g", &post_url(&server, "/")]),
        "hello",
    )
    .await;
    assert!(r.err.contains("kept as a draft"), "{r:?}");
    for root in [h.data_dir(), h.config_dir()] {
        assert_eq!(mode(&root), 0o700, "{}", root.display());
        let files = files_under(&root);
        assert!(!files.is_empty());
        for file in files {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
            let mut dir = file.parent();
            while let Some(d) = dir.filter(|d| d.starts_with(&root)) {
                assert_eq!(mode(d), 0o700, "{}", d.display());
                dir = d.parent();
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn an_archive_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("x.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let h = Home::new();
    for path in [&fifo, &zero] {
        let started = std::time::Instant::now();
        let child = h
            .command(&["--dump", &path.display().to_string()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        let r = wait_output(child, Duration::from_secs(10));
        assert!(started.elapsed() < Duration::from_secs(5), "{path:?} hung");
        assert_eq!(r.code, 9, "{path:?}: {r:?}");
        assert!(r.err.contains("not a regular file"), "{r:?}");
    }
}

#[tokio::test]
async fn a_redirect_to_another_site_of_the_host_is_not_followed_with_credentials() {
    use wpcomments::api::auth;
    use wpcomments::api::http::{Auth, Secret};
    use wpcomments::api::{ApiRoot, Client, ClientConfig, Scope};
    let server = MockServer::start().await;
    mount_site(&server, "/~mallory/").await;
    let uri = server.uri();
    Mock::given(method("GET"))
        .and(path("/~alice/wp-json/wp/v2/users/me"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "location",
            format!("{uri}/~mallory/wp-json/wp/v2/users/me").as_str(),
        ))
        .mount(&server)
        .await;
    let client = Client::new(ClientConfig {
        auth: Some(Auth::Basic {
            user: "alice".into(),
            password: Secret::new(ALICE_SECRET),
        }),
        auth_scope: Scope::parse(&format!("{uri}/~alice/")),
        retries: 0,
        ..ClientConfig::default()
    })
    .expect("client");
    let api = ApiRoot::Path(url::Url::parse(&format!("{uri}/~alice/wp-json/")).expect("url"));
    let err = auth::whoami(&client, &api).await.expect_err("stopped");
    assert!(err.to_string().contains("not followed"), "{err}");
    let authed = with_authorization(&server).await;
    assert!(authed.iter().all(|r| r.contains(" /~alice/")), "{authed:?}");
    assert_eq!(
        authed.len(),
        1,
        "alice's own route got the header: {authed:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_on_alices_site_naming_mallorys_api_gets_no_credentials_there() {
    let server = MockServer::start().await;
    mount_site(&server, "/~mallory/").await;
    let uri = server.uri();
    let page = "/~alice/2020/01/01/bait/";
    mount_page(&server, page, &format!("{uri}/~mallory/wp-json/")).await;
    let h = home_with_alice(&format!("{uri}/~alice/"));
    let bait = format!("{uri}{page}");
    let (h, r) = run(h, args(&["moderate", &bait, "--approve", "1"]), "").await;
    assert_ne!(r.code, 0, "{r:?}");
    assert!(
        r.err.contains("outside the site of identity alice"),
        "{r:?}"
    );
    let (h, r) = run(h, args(&["--as", "alice", "--dump", &bait]), "").await;
    assert!(
        r.err.contains("outside the site of identity alice"),
        "{r:?}"
    );
    // `reply` too: the reply would otherwise go to mallory's API anonymously and be reported
    // as alice's (found by the red team).
    let (_, r) = run(
        h,
        args(&["reply", "--as", "alice", &bait]),
        "for alice only",
    )
    .await;
    assert_ne!(r.code, 0, "{r:?}");
    assert!(
        r.err.contains("outside the site of identity alice"),
        "{r:?}"
    );
    let posted = received(&server)
        .await
        .iter()
        .any(|r| r.method.as_str() == "POST");
    assert!(!posted, "nothing is posted anywhere");
    // The page itself is alice's (it may carry her credentials); nothing of mallory's does.
    let authed = with_authorization(&server).await;
    assert!(authed.iter().all(|r| r.contains(" /~alice/")), "{authed:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_that_climbs_out_of_alices_site_through_an_encoded_slash_gets_no_credentials() {
    // Found by the red team: nginx decodes `%2f` before resolving `..`, so this address is
    // mallory's site to such a server, while a URL parser keeps it under `/~alice/`. Every
    // request the link leads to (the page, its API, a reply) goes without alice's password.
    let server = MockServer::start().await;
    let uri = server.uri();
    let bait = format!("{uri}/~alice/..%2f~mallory/2020/01/01/hello/");
    mount_page(
        &server,
        "/~alice/..%2f~mallory/2020/01/01/hello/",
        &format!("{uri}/~alice/..%2f~mallory/wp-json/"),
    )
    .await;
    let h = home_with_alice(&format!("{uri}/~alice/"));
    // Named, alice is refused there before a byte is sent.
    let (h, r) = run(h, args(&["--as", "alice", "--dump", &bait]), "").await;
    assert_ne!(r.code, 0, "{r:?}");
    let (h, r) = run(
        h,
        args(&["reply", "--as", "alice", &bait]),
        "for alice only",
    )
    .await;
    assert_ne!(r.code, 0, "{r:?}");
    assert!(received(&server).await.is_empty(), "nothing sent for --as");
    // As the default identity of `/~alice/`, she does not serve this address: it is read
    // anonymously.
    let (_, r) = run(h, args(&["--dump", &bait]), "").await;
    assert!(
        !received(&server).await.is_empty(),
        "the link was followed: {r:?}"
    );
    let authed = with_authorization(&server).await;
    assert!(authed.is_empty(), "{authed:?}");
    assert!(!saw_secret(&server, ALICE_SECRET).await);
}
