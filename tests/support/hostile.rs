//! A hostile WordPress on loopback (wiremock): sites that sit next to each other on one host
//! (`/~alice/`, `/~mallory/`), pages that advertise an API root somewhere else, REST indexes
//! that name a strange authorization page. Every request it receives is recorded, so tests
//! assert on what a site was sent (no secret outside its identity's scope).

use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const POST_ID: u64 = 5;
pub const PERMALINK: &str = "2020/01/01/hello/";

/// The post page of the site at `prefix` (`/~alice/`) on `server`.
pub fn post_url(server: &MockServer, prefix: &str) -> String {
    format!("{}{prefix}{PERMALINK}", server.uri())
}

/// A page at `at` whose `Link` header names `api` as the REST API root.
pub async fn mount_page(server: &MockServer, at: &str, api: &str) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html; charset=UTF-8")
                .insert_header(
                    "link",
                    format!("<{api}>; rel=\"https://api.w.org/\"").as_str(),
                )
                .set_body_string("<html><body>a post</body></html>"),
        )
        .mount(server)
        .await;
}

/// The REST index at `root_path` (`/~alice/wp-json/`) with extra fields merged in.
pub async fn mount_index(server: &MockServer, root_path: &str, extra: Value) {
    let mut index = json!({"name": "Blog", "namespaces": ["oembed/1.0", "wp/v2"]});
    if let (Some(i), Some(e)) = (index.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            i.insert(k.clone(), v.clone());
        }
    }
    Mock::given(method("GET"))
        .and(path(root_path))
        .respond_with(ResponseTemplate::new(200).set_body_json(index))
        .mount(server)
        .await;
}

/// A whole small WordPress at `prefix` on `server`: the post page advertising its own API,
/// the index, post 5 with one comment, `users/me`, and comment POSTs refused with 500 (so a
/// reply leaves its draft behind).
pub async fn mount_site(server: &MockServer, prefix: &str) {
    let uri = server.uri();
    let api = format!("{prefix}wp-json/");
    mount_page(
        server,
        &format!("{prefix}{PERMALINK}"),
        &format!("{uri}{api}"),
    )
    .await;
    mount_index(server, &api, json!({"home": format!("{uri}{prefix}")})).await;
    let post = json!({
        "id": POST_ID, "type": "post", "title": {"rendered": format!("Post of {prefix}")},
        "link": format!("{uri}{prefix}{PERMALINK}"), "date_gmt": "2020-01-01T00:00:00",
        "author": 1, "comment_status": "open", "slug": "hello"
    });
    Mock::given(method("GET"))
        .and(path_regex(format!("^{}wp/v2/posts", regex_escape(&api))))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([post.clone()])))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{api}wp/v2/posts/{POST_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(post))
        .with_priority(1)
        .mount(server)
        .await;
    let comment = json!({
        "id": 1, "post": POST_ID, "parent": 0, "author": 0, "author_name": "Someone",
        "author_url": "", "date_gmt": "2020-01-01T00:01:00",
        "content": {"rendered": "<p>first</p>"}, "link": format!("{uri}{prefix}{PERMALINK}#comment-1"),
        "status": "approved", "type": "comment"
    });
    Mock::given(method("GET"))
        .and(path(format!("{api}wp/v2/comments")))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-wp-total", "1")
                .insert_header("x-wp-totalpages", "1")
                .set_body_json(json!([comment])),
        )
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{api}wp/v2/users/me")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 2, "username": "alice", "name": "Alice", "roles": ["author"],
            "capabilities": {"moderate_comments": false}
        })))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{api}wp/v2/comments")))
        .respond_with(ResponseTemplate::new(500))
        .mount(server)
        .await;
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == '_' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// Every request `server` received.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

/// The requests `server` received that carried an `Authorization` header, as "METHOD path".
pub async fn with_authorization(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .filter(|r| r.headers.contains_key("authorization"))
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

/// True when any request `server` received holds `secret` anywhere (URL, headers, body).
pub async fn saw_secret(server: &MockServer, secret: &str) -> bool {
    received(server).await.iter().any(|r| {
        r.url.as_str().contains(secret)
            || String::from_utf8_lossy(&r.body).contains(secret)
            || r.headers
                .values()
                .any(|v| String::from_utf8_lossy(v.as_bytes()).contains(secret))
    })
}

pub type Lines = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// Collect a child's stderr lines as they come.
pub fn lines_of(stderr: std::process::ChildStderr) -> Lines {
    use std::io::BufRead;
    let lines = Lines::default();
    let sink = lines.clone();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            sink.lock().expect("lines").push(line);
        }
    });
    lines
}

/// The first collected line containing `needle` (waits up to a minute).
pub fn wait_line(lines: &Lines, needle: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        if let Some(l) = lines
            .lock()
            .expect("lines")
            .iter()
            .find(|l| l.contains(needle))
        {
            return l.clone();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "no stderr line with {needle:?}: {:?}",
        lines.lock().expect("lines")
    );
}

/// Run the binary in a pseudo-terminal (`script`) and return the raw bytes the terminal got.
pub fn pty_bytes(config: &std::path::Path, data: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("typescript");
    let mut line = shell_quote(env!("CARGO_BIN_EXE_wpcomments"));
    for a in args {
        line.push(' ');
        line.push_str(&shell_quote(a));
    }
    let status = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &line])
        .arg(&log)
        .env("WPCOMMENTS_CONFIG_DIR", config)
        .env("WPCOMMENTS_DATA_DIR", data)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("script runs (util-linux)");
    assert!(status.code().is_some(), "script ended");
    let bytes = std::fs::read(&log).expect("typescript");
    // `script` frames the session with its own header and footer lines.
    bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.starts_with(b"Script started") && !l.starts_with(b"Script done"))
        .flat_map(|l| l.iter().copied().chain([b'\n']))
        .collect()
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}
