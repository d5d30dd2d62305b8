//! The binary as users run it: dumps, archives, and one clear line plus an exit code for every failure.

#[path = "../fault/server.rs"]
mod fault;

use assert_cmd::Command;
use fault::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn wpc() -> Command {
    let mut cmd = Command::cargo_bin("wpcomments").expect("binary built");
    cmd.env_remove("NO_COLOR")
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

/// Run and return (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = wpc().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_one_line_error(args: &[&str], code: i32, needle: &str) {
    let (got, stdout, stderr) = run(args);
    assert_eq!(got, code, "exit code for {args:?}; stderr: {stderr}");
    assert!(stdout.is_empty(), "nothing on stdout: {stdout}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("wpcomments: "), "{stderr}");
    assert!(stderr.contains(needle), "{stderr} should mention {needle}");
}

#[test]
fn dump_without_target_prints_the_demo_thread() {
    let (code, out, _) = run(&["--dump"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("demo_text_dump", out);
}

#[test]
fn demo_markdown_is_nested_lists() {
    let (code, out, _) = run(&["--dump", "--format", "markdown"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("demo_markdown_dump", out);
}

#[test]
fn dumps_are_byte_identical_run_to_run() {
    let a = run(&["--dump", "--width", "60"]).1;
    let b = run(&["--dump", "--width", "60"]).1;
    assert_eq!(a, b);
    assert!(a.lines().all(|l| unicode_width_of(l) <= 60), "{a}");
}

fn unicode_width_of(s: &str) -> usize {
    wpcomments::render::display_width(s)
}

#[test]
fn a_json_archive_reads_back_to_the_same_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("thread.json");
    let (code, json_out, _) = run(&["--dump", "--format", "json"]);
    assert_eq!(code, 0);
    std::fs::write(&file, &json_out).expect("write");
    let file_s = file.to_str().expect("utf-8 path");
    let from_archive = run(&["--dump", file_s]).1;
    let from_demo = run(&["--dump"]).1;
    assert_eq!(from_archive, from_demo);
    // And the archive of the archive is the same archive.
    assert_eq!(run(&["--dump", "--format", "json", file_s]).1, json_out);
}

#[test]
fn bad_input_gets_one_line_and_an_exit_code() {
    assert_one_line_error(&["--dump", "not a url"], 2, "not a URL");
    assert_one_line_error(&["--dump", "ftp://example.com/x"], 2, "http");
    assert_one_line_error(
        &["--dump", "http://127.0.0.1:1/post/"],
        3,
        "connection refused",
    );
    assert_one_line_error(
        &["--dump", "http://no-such-host.invalid/post/"],
        3,
        "host not found",
    );
    assert_one_line_error(&["--dump", "missing-file.json"], 9, "missing-file.json");
}

#[test]
fn archives_of_unknown_version_or_format_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let future = dir.path().join("future.json");
    std::fs::write(&future, r#"{"format":"wpcomments-archive","version":99}"#).expect("write");
    assert_one_line_error(
        &["--dump", future.to_str().unwrap()],
        9,
        "unknown archive version 99",
    );
    let other = dir.path().join("other.json");
    std::fs::write(&other, r#"{"hello":1}"#).expect("write");
    assert_one_line_error(
        &["--dump", other.to_str().unwrap()],
        9,
        "not a wpcomments archive",
    );
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, r#"{"format":"wpcomm"#).expect("write");
    assert_one_line_error(&["--dump", broken.to_str().unwrap()], 9, "not valid JSON");
}

#[tokio::test(flavor = "multi_thread")]
async fn tls_failure_is_its_own_exit_code() {
    let server = MockServer::start().await;
    let url = server.uri().replace("http://", "https://") + "/post/";
    assert_one_line_error(&["--dump", &url], 4, "TLS");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_site_url_for_dump_asks_for_a_post() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).append_header(
            "link",
            format!("<{}/wp-json/>; rel=\"https://api.w.org/\"", server.uri()).as_str(),
        ))
        .mount(&server)
        .await;
    mount_index(&server, "/wp-json/").await;
    assert_one_line_error(
        &["--dump", &format!("{}/", server.uri())],
        2,
        "give the URL of a post",
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_bytes_from_the_server_never_reach_stdout_or_stderr() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let evil = "safe\u{1b}[31mred\u{1b}]0;pwned\u{7}\u{1b}]8;;http://evil\u{1b}\\link\u{1b}\\\u{9b}2J\u{202e}gnp.exe\u{2066}x\u{2069}\u{8}\r";
    let mut c = comment(
        1,
        0,
        1,
        &format!("<b>{evil}</b><a href=\"http://a.example/{evil}\">{evil}</a><img alt=\"{evil}\">"),
    );
    c["author_name"] = json!(evil);
    c["author_url"] = json!(format!("http://x.example/{evil}"));
    c["type"] = json!("pingback");
    mount_comment_pages(&server, &[c], 100).await;
    for format in ["text", "markdown", "json"] {
        let (code, out, err) = run(&["--dump", "--format", format, &post_url(&server)]);
        assert_eq!(code, 0, "{err}");
        if format == "json" {
            // The archive is lossless: escapes are kept, but only as JSON \u escapes.
            assert!(out.contains("\\u001b"));
        }
        for ch in out.chars() {
            assert!(
                ch == '\n'
                    || !(ch.is_control()
                        || ('\u{202a}'..='\u{202e}').contains(&ch)
                        || ('\u{2066}'..='\u{2069}').contains(&ch)),
                "{format}: control {:?} in output:\n{out}",
                ch
            );
        }
        if format == "text" {
            assert!(out.contains("safered"), "{out}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn wordpress_com_sites_are_read_through_the_public_api() {
    let server = MockServer::start().await;
    let base = "/wp/v2/sites/demo.wordpress.com";
    Mock::given(method("GET"))
        .and(path(format!("{base}/posts")))
        .and(wiremock::matchers::query_param("slug", "hello-world"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([post_json(&server)])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{base}/")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"name": "Demo on WP.com", "home": "https://demo.wordpress.com"}),
            ),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{base}/comments")))
        .respond_with(page_response(
            &[comment(1, 0, 1, "first"), comment(2, 1, 2, "reply")],
            2,
            1,
        ))
        .mount(&server)
        .await;
    let out = wpc()
        .env("WPCOMMENTS_WPCOM_API", format!("{}/", server.uri()))
        .args([
            "--dump",
            "demo.wordpress.com/2020/01/01/hello-world/#comment-2",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Demo on WP.com"), "{text}");
    assert!(text.contains("│ Author 2 · "), "reply nested:\n{text}");
}
