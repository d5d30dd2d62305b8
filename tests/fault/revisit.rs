//! The discovery cache (`store::discovery`) on a loopback site: a first visit discovers (and,
//! when the page names its post, then asks for the post, the site index and the first comment
//! page together) and remembers; a repeat visit asks for those three at once, without asking
//! the page where the API is (issue 13's first screen).

use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::fault::*;
use serde_json::Value;
use wiremock::{MockServer, ResponseTemplate};
use wpcomments::api::{ClientConfig, FetchOptions};
use wpcomments::app::msg::{Effect, Msg, ThreadSource};
use wpcomments::store::discovery::DiscoveryCache;
use wpcomments::worker::Worker;

/// A fresh worker with `cache`, loading `url`; its reports come on the receiver.
fn load(url: &str, cache: &DiscoveryCache) -> (Worker, Receiver<Msg>) {
    let (tx, rx) = channel();
    let worker = Worker::spawn(
        ClientConfig::default(),
        FetchOptions::default(),
        None,
        Some(cache.clone()),
        tx,
    );
    worker.send(Effect::Load {
        generation: 1,
        source: ThreadSource::Url(url.to_owned()),
    });
    (worker, rx)
}

/// Run one load of `url` in a fresh worker with `cache`; the comments it showed.
fn visit(url: &str, cache: &DiscoveryCache) -> usize {
    let (worker, rx) = load(url, cache);
    let shown = until_done(&rx);
    worker.shutdown();
    shown
}

fn until_done(rx: &Receiver<Msg>) -> usize {
    let mut shown = 0;
    loop {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(Msg::Page { event, .. }) => shown += event.comments.len(),
            Ok(Msg::Pages { events, .. }) => {
                shown += events.iter().map(|e| e.comments.len()).sum::<usize>()
            }
            Ok(Msg::LoadDone { .. }) => return shown,
            Ok(Msg::LoadFailed { message, .. }) => panic!("load failed: {message}"),
            Ok(_) => {}
            Err(e) => panic!("no LoadDone: {e}"),
        }
    }
}

#[test]
fn a_repeat_visit_asks_for_post_site_and_comments_at_once_without_discovery() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(one_page_thread(3, "hello"));
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = DiscoveryCache::new(dir.path().join("cache").join("discovery.json"));
    let url = post_url(&server);
    let requests = || rt.block_on(server.received_requests()).unwrap_or_default();

    assert_eq!(visit(&url, &cache), 3, "first visit");
    let first = requests().len();
    let seen: Vec<String> = requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        seen.first().map(String::as_str),
        Some(format!("HEAD {PERMALINK}").as_str()),
        "a first visit discovers from the page's headers: {seen:?}"
    );
    // The page's `alternate` link names the post: right after discovery (a HEAD, then a GET
    // here, where the page answers no HEAD), the post, the site and the first comments go out
    // together.
    let api_at = seen
        .iter()
        .position(|r| r.contains("/wp-json/"))
        .expect("an API request");
    let mut group: Vec<&str> = seen[api_at..].iter().take(3).map(String::as_str).collect();
    group.sort_unstable();
    assert_eq!(
        group,
        [
            "GET /wp-json/",
            "GET /wp-json/wp/v2/comments",
            "GET /wp-json/wp/v2/posts/5"
        ],
        "{seen:?}"
    );

    assert_eq!(visit(&url, &cache), 3, "repeat visit");
    let again: Vec<String> = requests()[first..]
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    // No discovery: the page is not asked where the API is (only, later, for its pingbacks).
    assert!(!again.iter().any(|r| r.starts_with("HEAD")), "{again:?}");
    // The first three requests are the post, the site index and the first comment page, in
    // whatever order they went out together.
    let mut opening: Vec<&str> = again.iter().take(3).map(String::as_str).collect();
    opening.sort_unstable();
    assert_eq!(
        opening,
        [
            "GET /wp-json/",
            "GET /wp-json/wp/v2/comments",
            "GET /wp-json/wp/v2/posts/5"
        ],
        "{again:?}"
    );
}

#[test]
fn quitting_a_long_thread_early_still_remembers_its_discovery() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(async {
        let server = MockServer::start().await;
        mount_site(&server).await;
        // The first comment page takes long: the reader quits before it is in.
        mount_page(
            &server,
            1,
            ResponseTemplate::new(200)
                .insert_header("x-wp-totalpages", "1")
                .set_body_json(Value::Array(vec![comment(1, 0, 1, "late")]))
                .set_delay(Duration::from_secs(5)),
        )
        .await;
        server
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = DiscoveryCache::new(dir.path().join("discovery.json"));
    let url = post_url(&server);
    let (worker, rx) = load(&url, &cache);
    loop {
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(Msg::Opened { .. }) => break,
            Ok(Msg::LoadDone { .. }) => panic!("the slow page came in first"),
            Ok(_) => {}
            Err(e) => panic!("the post was never shown: {e}"),
        }
    }
    worker.shutdown();
    let parsed = url::Url::parse(&url).expect("url");
    let remembered = cache
        .load(&parsed)
        .expect("remembered once the post was shown");
    assert_eq!(remembered.post, Some(POST_ID));
}

#[test]
fn a_first_visit_asks_for_the_comments_without_waiting_for_the_post() {
    use std::sync::{Arc, Mutex};
    use std::time::Instant;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, Request};
    // The post answers after a second; the first comment page must be asked for before that
    // (the page's `alternate` link names the post id), not after.
    let asked: Arc<Mutex<Vec<(&'static str, Instant)>>> = Arc::default();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(async {
        let server = MockServer::start().await;
        mount_site_page_only(&server).await;
        mount_index(&server, "/wp-json/").await;
        let post = post_json(&server);
        let log = Arc::clone(&asked);
        Mock::given(method("GET"))
            .and(path(format!("/wp-json/wp/v2/posts/{POST_ID}")))
            .respond_with(move |_: &Request| {
                log.lock().expect("log").push(("post", Instant::now()));
                ResponseTemplate::new(200)
                    .set_body_json(post.clone())
                    .set_delay(Duration::from_secs(1))
            })
            .mount(&server)
            .await;
        let log = Arc::clone(&asked);
        Mock::given(method("GET"))
            .and(path("/wp-json/wp/v2/comments"))
            .respond_with(move |_: &Request| {
                log.lock().expect("log").push(("comments", Instant::now()));
                ResponseTemplate::new(200)
                    .insert_header("x-wp-totalpages", "1")
                    .set_body_json(Value::Array(vec![comment(1, 0, 1, "hi")]))
            })
            .mount(&server)
            .await;
        server
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = DiscoveryCache::new(dir.path().join("discovery.json"));
    assert_eq!(visit(&post_url(&server), &cache), 1);
    let asked = asked.lock().expect("log").clone();
    let at = |what| {
        asked
            .iter()
            .find(|(w, _)| *w == what)
            .map(|(_, t)| *t)
            .unwrap_or_else(|| panic!("no {what} request: {asked:?}"))
    };
    let gap = at("comments").saturating_duration_since(at("post"));
    assert!(
        gap < Duration::from_millis(500),
        "comments asked {gap:?} after the post"
    );
}
