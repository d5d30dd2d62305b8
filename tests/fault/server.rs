//! A fake WordPress on wiremock for faults a real server will not produce on demand.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const POST_ID: u64 = 5;
pub const PERMALINK: &str = "/2020/01/01/hello-world/";

/// A comment object as WordPress sends it.
pub fn comment(id: u64, parent: u64, minute: u64, body: &str) -> Value {
    json!({
        "id": id, "post": POST_ID, "parent": parent, "author": 0,
        "author_name": format!("Author {id}"), "author_url": "",
        "date_gmt": format!("2020-01-01T{:02}:{:02}:00", minute / 60, minute % 60),
        "content": {"rendered": format!("<p>{body}</p>\n")},
        "link": format!("http://x{PERMALINK}#comment-{id}"),
        "status": "approved", "type": "comment"
    })
}

pub fn post_json(server: &MockServer) -> Value {
    json!({
        "id": POST_ID, "type": "post", "title": {"rendered": "Hello &amp; welcome"},
        "link": format!("{}{PERMALINK}", server.uri()), "date_gmt": "2020-01-01T00:00:00",
        "author": 1, "comment_status": "open",
        "_embedded": {"author": [{"id": 1, "name": "Admin"}]}
    })
}

/// The post page advertising the API root and the post route, the index, and the post.
pub async fn mount_site(server: &MockServer) {
    mount_site_page_only(server).await;
    mount_index(server, "/wp-json/").await;
    Mock::given(method("GET"))
        .and(path(format!("/wp-json/wp/v2/posts/{POST_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(post_json(server)))
        .mount(server)
        .await;
}

/// Every path under `/wp-json/`.
pub fn path_prefix_wp_json() -> wiremock::matchers::PathRegexMatcher {
    wiremock::matchers::path_regex("^/wp-json/")
}

/// Only the post page, advertising the API root and the post route.
pub async fn mount_site_page_only(server: &MockServer) {
    let uri = server.uri();
    Mock::given(method("GET"))
        .and(path(PERMALINK))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html; charset=UTF-8")
                .append_header("link", format!("<{uri}/wp-json/>; rel=\"https://api.w.org/\"").as_str())
                .append_header(
                    "link",
                    format!("<{uri}/wp-json/wp/v2/posts/{POST_ID}>; rel=\"alternate\"; type=\"application/json\"")
                        .as_str(),
                )
                .set_body_string("<html><body>post</body></html>"),
        )
        .mount(server)
        .await;
}

pub async fn mount_index(server: &MockServer, at: &str) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "name": "Fault blog", "home": server.uri(), "url": server.uri(),
            "namespaces": ["oembed/1.0", "wp/v2"]
        })))
        .mount(server)
        .await;
}

/// Serve `comments` in pages of `per_page`, like `/wp/v2/comments?post=..&page=N`.
pub async fn mount_comment_pages(server: &MockServer, comments: &[Value], per_page: usize) {
    let total = comments.len();
    let pages = total.div_ceil(per_page).max(1);
    for (i, chunk) in comments.chunks(per_page.max(1)).enumerate() {
        mount_page(server, i as u32 + 1, page_response(chunk, total, pages)).await;
    }
    if comments.is_empty() {
        mount_page(server, 1, page_response(&[], 0, 0)).await;
    }
}

pub fn page_response(items: &[Value], total: usize, pages: usize) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("x-wp-total", total.to_string().as_str())
        .insert_header("x-wp-totalpages", pages.to_string().as_str())
        .set_body_json(Value::Array(items.to_vec()))
}

pub async fn mount_page(server: &MockServer, page: u32, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/comments"))
        .and(query_param("page", page.to_string().as_str()))
        .respond_with(response)
        .mount(server)
        .await;
}

pub fn post_url(server: &MockServer) -> String {
    format!("{}{PERMALINK}", server.uri())
}

/// A server that accepts, answers with headers and a few body bytes, then goes silent.
/// Returns its address and a counter of connections.
pub fn stalling_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            seen.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n[{\"id\":";
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.flush();
                std::thread::sleep(Duration::from_secs(30));
            });
        }
    });
    (
        format!("http://{addr}/wp-json/wp/v2/comments?post=5&page=1"),
        count,
    )
}

/// A site whose post has `n` comments saying `body`, on one page.
pub async fn one_page_thread(n: u64, body: &str) -> MockServer {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let comments: Vec<Value> = (1..=n).map(|i| comment(i, 0, i, body)).collect();
    mount_page(
        &server,
        1,
        ResponseTemplate::new(200)
            .insert_header("x-wp-total", n.to_string().as_str())
            .insert_header("x-wp-totalpages", "1")
            .set_body_json(Value::Array(comments)),
    )
    .await;
    server
}
