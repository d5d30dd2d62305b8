//! Pings read from a long post page on loopback (`api::page_read::pings`, for readers the REST
//! API hides them from): a page without one is scanned as it streams in, never held whole,
//! and fetched once; one showing a ping past its first KEEP_WHOLE bytes is fetched again, whole, and the
//! ping is found (issue 13's memory target).

use std::ops::ControlFlow;

use super::fault::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wpcomments::api::http::{BodyKeeper, Response};
use wpcomments::api::page_pings::{KEEP_WHOLE, PingScan, Scanned};
use wpcomments::api::page_read::pings;
use wpcomments::api::{Client, ClientConfig};
use wpcomments::model::Post;

/// The size of the test WordPress's 5,000-comment post page, which shows no ping.
const BIG_PAGE: usize = 8_700_000;

fn comment_li(id: u64, class: &str, words: usize) -> String {
    format!(
        r#"<li id="comment-{id}" class="{class} even thread-even depth-1"><article id="div-comment-{id}" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Author {id}</b></div><div class="comment-metadata"><a href="/2020/01/01/hello-world/#comment-{id}"><time datetime="2020-01-01T10:00:00+00:00">Jan 1</time></a></div></footer><div class="comment-content"><p>{}</p></div></article></li>
"#,
        "word ".repeat(words)
    )
}

/// A post page like WordPress's: the XML-RPC `rel="pingback"` link in its head, then
/// comments of `words` words up to `bytes`, then `last` (a ping or nothing).
fn post_page(bytes: usize, words: usize, last: &str) -> String {
    let mut html = format!(
        r#"<html><head><title>Hello</title><link rel="pingback" href="/xmlrpc.php"></head><body class="post-template-default single single-post postid-{POST_ID}"><ol class="comment-list">
"#
    );
    let mut id = 1;
    while html.len() < bytes {
        html.push_str(&comment_li(id, "comment", words));
        id += 1;
    }
    html.push_str(last);
    html.push_str("</ol></body></html>\n");
    html
}

fn ping_li(id: u64) -> String {
    format!(
        r#"<li id="comment-{id}" class="pingback odd alt thread-odd depth-1"><div class="comment-body">Pingback: <a href="https://other.example/p/" class="url" rel="ugc external nofollow">Other post</a></div></li>
"#
    )
}

/// A loopback site serving `page` as the post's page, and the post as REST names it.
async fn site_with_page(page: ResponseTemplate) -> (MockServer, Post) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PERMALINK))
        .respond_with(page.insert_header("content-type", "text/html; charset=UTF-8"))
        .mount(&server)
        .await;
    let post = Post::from_json(post_json(&server)).expect("post");
    (server, post)
}

async fn page_gets(server: &MockServer) -> usize {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .filter(|r| r.method.as_str() == "GET" && r.url.path() == PERMALINK)
        .count()
}

fn client() -> Client {
    Client::new(ClientConfig::default()).expect("client")
}

#[tokio::test]
async fn a_multi_megabyte_page_without_a_ping_is_fetched_once_and_shows_none() {
    let html = post_page(BIG_PAGE, 40, "");
    let (server, post) = site_with_page(ResponseTemplate::new(200).set_body_string(html)).await;
    let found = pings(&client(), &post, 4).await.expect("pings");
    assert!(found.comments.is_empty(), "{:?}", found.comments);
    assert_eq!(page_gets(&server).await, 1, "fetched once");
}

#[tokio::test]
async fn a_ping_near_the_end_of_a_page_longer_than_keep_whole_is_found() {
    let html = post_page(KEEP_WHOLE + 200_000, 2_000, &ping_li(90_001));
    assert!(html.len() > KEEP_WHOLE);
    let (server, post) = site_with_page(ResponseTemplate::new(200).set_body_string(html)).await;
    let found = pings(&client(), &post, 4).await.expect("pings");
    let ids: Vec<(u64, bool)> = found.comments.iter().map(|c| (c.id, c.is_ping())).collect();
    assert_eq!(ids, [(90_001, true)]);
    // Scanned, let go, then read again whole to be parsed.
    assert_eq!(page_gets(&server).await, 2);
}

#[tokio::test]
async fn a_short_page_with_a_ping_is_fetched_once() {
    let html = post_page(50_000, 40, &ping_li(90_007));
    let (server, post) = site_with_page(ResponseTemplate::new(200).set_body_string(html)).await;
    let found = pings(&client(), &post, 4).await.expect("pings");
    let ids: Vec<u64> = found.comments.iter().map(|c| c.id).collect();
    assert_eq!(ids, [90_007]);
    assert_eq!(page_gets(&server).await, 1);
}

/// A [`PingScan`] that counts what it was given and the most it kept at once.
#[derive(Default)]
struct Counted {
    scan: PingScan,
    kept_at_most: usize,
    chunk_at_most: usize,
}

impl BodyKeeper for Counted {
    fn restart(&mut self) {
        self.scan.restart();
    }

    fn take(&mut self, chunk: &[u8], kept: &mut Vec<u8>) -> ControlFlow<()> {
        let flow = self.scan.take(chunk, kept);
        self.kept_at_most = self.kept_at_most.max(kept.capacity());
        self.chunk_at_most = self.chunk_at_most.max(chunk.len());
        flow
    }
}

async fn get_counted(page: ResponseTemplate) -> (Response, Counted) {
    let (server, _) = site_with_page(page).await;
    let mut counted = Counted::default();
    let url = url::Url::parse(&post_url(&server)).expect("url");
    let resp = client().get_kept(&url, &mut counted).await.expect("page");
    (resp, counted)
}

/// The page was scanned to its end, no marker found, and nothing of it is left.
fn nothing_kept(resp: &wpcomments::api::http::Response, counted: &Counted, what: &str) {
    assert!(resp.body.is_empty(), "{what}: {} B left", resp.body.len());
    assert_eq!(counted.scan.scanned(), Scanned::NoMarker, "{what}");
    assert!(
        counted.kept_at_most <= KEEP_WHOLE,
        "{what}: kept {} B",
        counted.kept_at_most
    );
    eprintln!(
        "{what}: kept at most {} B, chunks of at most {} B",
        counted.kept_at_most, counted.chunk_at_most
    );
}

#[tokio::test]
async fn of_a_long_page_without_a_ping_at_most_keep_whole_bytes_are_kept_plain_or_gzipped() {
    let html = post_page(BIG_PAGE, 40, "");
    let (resp, counted) = get_counted(ResponseTemplate::new(200).set_body_string(html)).await;
    nothing_kept(&resp, &counted, &format!("plain {BIG_PAGE} B page"));

    let html = post_page(3 * KEEP_WHOLE, 40, "");
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gzip, html.as_bytes()).expect("gzip");
    let gzipped = ResponseTemplate::new(200)
        .insert_header("content-encoding", "gzip")
        .set_body_bytes(gzip.finish().expect("gzip"));
    let (resp, counted) = get_counted(gzipped).await;
    nothing_kept(&resp, &counted, &format!("gzipped {} B page", html.len()));
}
