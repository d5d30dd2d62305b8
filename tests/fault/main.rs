//! Faults a real WordPress will not produce on demand, served by a local fake.

#[path = "server.rs"]
mod fault;
mod form;

mod answers;
mod pings;
mod revisit;

use std::time::{Duration, Instant};

use fault::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wpcomments::api::{self, Client, ClientConfig, FetchOptions, Loaded};
use wpcomments::dump::{self, DumpOptions, Format};
use wpcomments::error::Error;

fn quick_config() -> ClientConfig {
    ClientConfig {
        timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(2),
        retries: 3,
        backoff: Duration::from_millis(10),
        max_retry_after: Duration::from_secs(5),
        ..ClientConfig::default()
    }
}

async fn load(url: &str, config: ClientConfig) -> Result<Loaded, Error> {
    let client = Client::new(config)?;
    let target = api::parse_target(url)?;
    api::load_thread(&client, &target, &FetchOptions::default(), |_| {}).await
}

fn many(n: u64) -> Vec<Value> {
    (1..=n)
        .map(|i| comment(i, 0, i, &format!("comment {i}")))
        .collect()
}

fn ids(loaded: &Loaded) -> Vec<u64> {
    loaded.data.comments.iter().map(|c| c.id).collect()
}

#[tokio::test]
async fn a_5xx_page_is_retried_and_the_thread_completes() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let comments = many(250);
    // Page 2 fails twice with 503, then succeeds (mounted later = lower priority).
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/comments"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_comment_pages(&server, &comments, 100).await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads after retries");
    assert_eq!(ids(&loaded), (1..=250).collect::<Vec<_>>());
    assert_eq!(loaded.data.total_reported, Some(250));
}

#[tokio::test]
async fn persistent_5xx_ends_as_one_error_naming_the_page() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    mount_page(&server, 1, page_response(&many(100), 150, 2)).await;
    mount_page(&server, 2, ResponseTemplate::new(502)).await;
    let err = load(&post_url(&server), quick_config()).await.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Http { status: 502, .. }), "{msg}");
    assert!(msg.contains("page=2"), "names the page: {msg}");
    assert_eq!(msg.lines().count(), 1);
}

#[tokio::test]
async fn rate_limit_honours_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/comments"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_comment_pages(&server, &many(3), 100).await;
    let start = Instant::now();
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert!(
        start.elapsed() >= Duration::from_millis(950),
        "waited for Retry-After"
    );
    assert_eq!(ids(&loaded), vec![1, 2, 3]);
}

#[tokio::test]
async fn a_long_retry_after_fails_at_once_as_rate_limited() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    mount_page(
        &server,
        1,
        ResponseTemplate::new(429).insert_header("retry-after", "3600"),
    )
    .await;
    let start = Instant::now();
    let err = load(&post_url(&server), quick_config()).await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err}");
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(err.exit_code(), 7);
}

#[tokio::test]
async fn a_slow_server_times_out_instead_of_hanging() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    mount_page(
        &server,
        1,
        page_response(&many(1), 1, 1).set_delay(Duration::from_secs(10)),
    )
    .await;
    let config = ClientConfig {
        timeout: Duration::from_millis(300),
        retries: 1,
        ..quick_config()
    };
    let start = Instant::now();
    let err = load(&post_url(&server), config).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn malformed_and_truncated_json_are_clear_errors() {
    for body in [
        "[{\"id\": 1, \"post\": 5",
        "<html>oops</html>",
        "{\"id\": 1}",
    ] {
        let server = MockServer::start().await;
        mount_site(&server).await;
        mount_page(
            &server,
            1,
            ResponseTemplate::new(200)
                .insert_header("x-wp-totalpages", "1")
                .set_body_string(body),
        )
        .await;
        let err = load(&post_url(&server), quick_config()).await.unwrap_err();
        // An HTML page is named as one (tests/fault_answers.rs has the login page).
        let html = body.starts_with('<');
        assert_eq!(matches!(err, Error::NotJson { .. }), html, "{body}: {err}");
        assert_eq!(
            matches!(err, Error::Malformed { .. }),
            !html,
            "{body}: {err}"
        );
        assert_eq!(err.exit_code(), 8);
    }
}

#[tokio::test]
async fn php_notices_before_the_json_are_tolerated() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let body = format!(
        "<br />\n<b>Notice</b>: Undefined index in x.php<br />\n{}",
        Value::Array(many(2))
    );
    mount_page(
        &server,
        1,
        ResponseTemplate::new(200)
            .insert_header("x-wp-totalpages", "1")
            .set_body_string(body),
    )
    .await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert_eq!(ids(&loaded), vec![1, 2]);
}

#[tokio::test]
async fn short_pages_duplicates_and_a_page_past_the_end_merge_cleanly() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let all = many(7);
    // Page 1 full-ish, page 2 short and repeating id 3, page 3 past the end.
    mount_page(&server, 1, page_response(&all[0..4], 7, 3)).await;
    mount_page(
        &server,
        2,
        page_response(&[all[2].clone(), all[4].clone()], 7, 3),
    )
    .await;
    mount_page(
        &server,
        3,
        page_response(&[all[5].clone(), all[6].clone()], 7, 3),
    )
    .await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert_eq!(ids(&loaded), (1..=7).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_page_past_the_end_may_be_empty() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    mount_page(&server, 1, page_response(&many(2), 2, 2)).await;
    mount_page(&server, 2, page_response(&[], 2, 2)).await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert_eq!(ids(&loaded), vec![1, 2]);
}

#[tokio::test]
async fn comments_of_other_posts_mean_the_server_ignored_the_query() {
    // Mixed with the post's own comments they are dropped with a warning instead
    // (tests/fault_answers.rs).
    for items in [vec![json!({"id": 99, "post": 77, "parent": 0})]] {
        let server = MockServer::start().await;
        mount_site(&server).await;
        mount_comment_pages(&server, &items, 100).await;
        let err = load(&post_url(&server), quick_config()).await.unwrap_err();
        assert!(err.to_string().contains("ignored the query"), "{err}");
        assert_eq!(err.exit_code(), 8);
    }
}

/// Every page request gets `response`: the fetch must end with the 100 comments it has,
/// after a handful of requests, instead of paging without end.
async fn assert_stops_paging(response: ResponseTemplate) {
    let server = MockServer::start().await;
    mount_site(&server).await;
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/comments"))
        .respond_with(response)
        .mount(&server)
        .await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert_eq!(loaded.data.comments.len(), 100);
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.len() < 20, "{} requests", requests.len());
}

#[tokio::test]
async fn a_server_ignoring_the_page_parameter_does_not_loop_forever() {
    // No page headers at all, and every page is the same full first page.
    assert_stops_paging(ResponseTemplate::new(200).set_body_json(Value::Array(many(100)))).await;
}

#[tokio::test]
async fn an_absurd_page_count_is_not_believed() {
    assert_stops_paging(page_response(&many(100), 100, 4_294_967_295)).await;
}

#[tokio::test]
async fn without_page_headers_pages_are_walked_until_a_short_one() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let all = many(250);
    for (i, chunk) in all.chunks(100).enumerate() {
        mount_page(
            &server,
            i as u32 + 1,
            ResponseTemplate::new(200).set_body_json(Value::Array(chunk.to_vec())),
        )
        .await;
    }
    mount_page(
        &server,
        4,
        ResponseTemplate::new(200).set_body_json(json!([])),
    )
    .await;
    mount_page(
        &server,
        5,
        ResponseTemplate::new(200).set_body_json(json!([])),
    )
    .await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert_eq!(ids(&loaded), (1..=250).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_400_that_is_not_past_the_end_is_an_error_not_an_empty_page() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    mount_page(&server, 1, page_response(&many(100), 150, 2)).await;
    mount_page(
        &server,
        2,
        ResponseTemplate::new(400).set_body_json(
            json!({"code": "rest_invalid_param", "message": "Invalid parameter(s): orderby"}),
        ),
    )
    .await;
    let err = load(&post_url(&server), quick_config()).await.unwrap_err();
    assert!(matches!(err, Error::Http { status: 400, .. }), "{err}");
    assert!(err.to_string().contains("Invalid parameter"), "{err}");
}

#[tokio::test]
async fn pages_arrive_in_order_for_progressive_display() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let all = many(300);
    mount_page(&server, 1, page_response(&all[0..100], 300, 3)).await;
    // Page 2 is slow, page 3 fast: page 2 is still reported first.
    mount_page(
        &server,
        2,
        page_response(&all[100..200], 300, 3).set_delay(Duration::from_millis(300)),
    )
    .await;
    mount_page(&server, 3, page_response(&all[200..300], 300, 3)).await;
    let client = Client::new(quick_config()).expect("client");
    let target = api::parse_target(&post_url(&server)).expect("url");
    let mut seen = Vec::new();
    api::load_thread(&client, &target, &FetchOptions::default(), |p| {
        seen.push((p.page, p.total_pages, p.comments.len()))
    })
    .await
    .expect("loads");
    assert_eq!(seen, vec![(1, 3, 100), (2, 3, 100), (3, 3, 100)]);
}

#[tokio::test]
async fn cycles_and_orphans_from_a_hostile_server_all_appear_once() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let items = vec![
        comment(1, 3, 1, "in a loop"),
        comment(2, 1, 2, "in a loop"),
        comment(3, 2, 3, "in a loop"),
        comment(4, 4, 4, "my own parent"),
        comment(5, 404, 5, "parent deleted"),
        comment(6, 5, 6, "child of orphan"),
    ];
    mount_comment_pages(&server, &items, 100).await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    let text = dump::dump(&loaded.data, Format::Text, &DumpOptions::default());
    for id in 1..=6 {
        assert_eq!(
            text.matches(&format!("· #{id}")).count(),
            1,
            "#{id} once in:\n{text}"
        );
    }
    assert!(text.contains("[reply to #404, not shown]"));
    assert!(text.contains("[reply loop cut]"));
}

#[tokio::test]
async fn without_a_link_header_the_api_is_found_at_wp_json() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PERMALINK))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html></html>"))
        .mount(&server)
        .await;
    mount_index(&server, "/wp-json/").await;
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/posts"))
        .and(query_param("slug", "hello-world"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([post_json(&server)])))
        .mount(&server)
        .await;
    mount_comment_pages(&server, &many(2), 100).await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert_eq!(loaded.data.post.id, POST_ID);
    assert_eq!(loaded.data.site.name, "Fault blog");
    assert_eq!(ids(&loaded), vec![1, 2]);
}

#[tokio::test]
async fn with_wp_json_blocked_the_rest_route_fallback_is_used() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PERMALINK))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html></html>"))
        .mount(&server)
        .await;
    let route = |r: &str| query_param("rest_route", r.to_owned());
    Mock::given(method("GET"))
        .and(path("/"))
        .and(route("/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "name": "Plain", "home": server.uri(), "namespaces": ["wp/v2"]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/"))
        .and(route("/wp/v2/posts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([post_json(&server)])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/"))
        .and(route("/wp/v2/comments"))
        .respond_with(page_response(&many(3), 3, 1))
        .mount(&server)
        .await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert_eq!(ids(&loaded), vec![1, 2, 3]);
    assert!(loaded.data.site.api_root.contains("rest_route"));
}

#[tokio::test]
async fn a_refused_api_index_means_the_rest_api_is_disabled() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PERMALINK))
        .respond_with(ResponseTemplate::new(200).set_body_string("<link href='/wp-content/x.css'>"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/wp-json/"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "code": "rest_login_required", "message": "REST API restricted"
        })))
        .mount(&server)
        .await;
    let err = load(&post_url(&server), quick_config()).await.unwrap_err();
    // `rest_login_required` is a REST API closed to anonymous readers (fault_answers.rs).
    assert!(
        matches!(err, Error::RestClosed { status: 401, .. }),
        "{err}"
    );
    assert_eq!(err.exit_code(), 5);
}

#[tokio::test]
async fn a_plain_web_site_is_not_wordpress() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_string("nope"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(PERMALINK))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>hi</html>"))
        .mount(&server)
        .await;
    let err = load(&post_url(&server), quick_config()).await.unwrap_err();
    assert!(matches!(err, Error::NotWordPress { .. }), "{err}");
}

#[tokio::test]
async fn an_unknown_slug_is_post_not_found() {
    let server = MockServer::start().await;
    mount_index(&server, "/wp-json/").await;
    Mock::given(method("GET"))
        .and(path("/2020/01/01/missing/"))
        .respond_with(ResponseTemplate::new(404).append_header(
            "link",
            format!("<{}/wp-json/>; rel=\"https://api.w.org/\"", server.uri()).as_str(),
        ))
        .mount(&server)
        .await;
    for base in ["posts", "pages"] {
        Mock::given(method("GET"))
            .and(path(format!("/wp-json/wp/v2/{base}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/types"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let url = format!("{}/2020/01/01/missing/", server.uri());
    let err = load(&url, quick_config()).await.unwrap_err();
    assert!(matches!(err, Error::PostNotFound { .. }), "{err}");
    assert_eq!(err.exit_code(), 6);
}

#[tokio::test]
async fn pages_are_fetched_concurrently() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let all = many(400);
    mount_page(&server, 1, page_response(&all[0..100], 400, 4)).await;
    for (i, chunk) in all[100..].chunks(100).enumerate() {
        mount_page(
            &server,
            i as u32 + 2,
            page_response(chunk, 400, 4).set_delay(Duration::from_millis(400)),
        )
        .await;
    }
    let start = Instant::now();
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    let took = start.elapsed();
    assert_eq!(loaded.data.comments.len(), 400);
    // Three delayed pages one after another would take 1.2 s.
    assert!(took < Duration::from_millis(1100), "took {took:?}");
}

#[tokio::test]
async fn an_endless_response_body_is_cut_off_with_an_error() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let huge = format!("[\"{}\"]", "x".repeat(wpcomments::api::http::MAX_BODY));
    mount_page(&server, 1, ResponseTemplate::new(200).set_body_string(huge)).await;
    let err = load(&post_url(&server), quick_config()).await.unwrap_err();
    assert!(err.to_string().contains("larger than 32 MB"), "{err}");
}

#[tokio::test]
async fn compressed_pages_are_asked_for_and_read() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let body = serde_json::to_vec(&Value::Array(many(3))).expect("json");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, &body).expect("gzip");
    let mut gz = encoder.finish().expect("gzip");
    // Only a request that accepts gzip gets the (gzip-encoded) page.
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/comments"))
        .and(wiremock::matchers::header_regex("accept-encoding", "gzip"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-encoding", "gzip")
                .insert_header("x-wp-totalpages", "1")
                .set_body_bytes(std::mem::take(&mut gz)),
        )
        .mount(&server)
        .await;
    let loaded = load(&post_url(&server), quick_config())
        .await
        .expect("loads");
    assert_eq!(ids(&loaded), vec![1, 2, 3]);
}
