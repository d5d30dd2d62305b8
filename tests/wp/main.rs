//! The test WordPress itself: what the other suites rely on is really there.

#[allow(dead_code)] // each suite uses part of the shared helpers
#[path = "../support/mod.rs"]
mod support;

mod form;
mod identity;
mod moderate;
mod read;

use crate::support::wp::wordpress;
use reqwest::header::LINK;
use serde_json::Value;

async fn get(url: &str) -> reqwest::Response {
    let res = reqwest::get(url).await.expect("WordPress answers");
    assert!(res.status().is_success(), "GET {url}: {}", res.status());
    res
}

fn total(res: &reqwest::Response, header: &str) -> u64 {
    res.headers()[header].to_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn every_seeded_post_shows_guests_the_approved_comments_the_manifest_counts() {
    let wp = wordpress();
    for name in ["demo", "hostile", "big", "page", "closed", "book", "empty"] {
        let url = format!(
            "{}wp/v2/comments?post={}&per_page=1",
            wp.api(),
            wp.post_id(name)
        );
        let res = get(&url).await;
        assert_eq!(
            total(&res, "x-wp-total"),
            wp.approved_comments(name),
            "{name}"
        );
    }
}

#[tokio::test]
async fn the_demo_thread_nests_delph_under_howard_under_andy() {
    let wp = wordpress();
    let url = format!(
        "{}wp/v2/comments?post={}&per_page=100",
        wp.api(),
        wp.post_id("demo")
    );
    let comments: Vec<Value> = get(&url).await.json().await.unwrap();
    let by_name = |n: &str| comments.iter().find(|c| c["author_name"] == n).unwrap();
    assert_eq!(by_name("Andy Piper")["parent"], 0);
    assert_eq!(
        by_name("Howard Smith")["parent"],
        by_name("Andy Piper")["id"]
    );
    assert_eq!(by_name("Delph")["parent"], by_name("Howard Smith")["id"]);
    assert_eq!(by_name("Delph")["author"], wp.user("delph")["id"]);
}

#[tokio::test]
async fn terminal_escapes_survive_into_the_rest_output() {
    let wp = wordpress();
    for (name, needle) in [
        ("hostile_sgr", "\x1b[31m"),
        ("hostile_c1", "\u{9b}31m"),
        ("hostile_bidi", "\u{202e}"),
    ] {
        let url = format!("{}wp/v2/comments/{}", wp.api(), wp.comment_id(name));
        let comment: Value = get(&url).await.json().await.unwrap();
        let rendered = comment["content"]["rendered"].as_str().unwrap();
        assert!(rendered.contains(needle), "{name}: {rendered:?}");
    }
    let url = format!(
        "{}wp/v2/comments/{}",
        wp.api(),
        wp.comment_id("hostile_osc_title")
    );
    let comment: Value = get(&url).await.json().await.unwrap();
    assert_eq!(comment["author_name"], "Title\x1b]0;pwned\x07 Setter");
}

#[tokio::test]
async fn the_big_post_pages_through_five_thousand_comments() {
    let wp = wordpress();
    let url = format!(
        "{}wp/v2/comments?post={}&per_page=100",
        wp.api(),
        wp.post_id("big")
    );
    let res = get(&url).await;
    assert_eq!(total(&res, "x-wp-total"), 5000);
    assert_eq!(total(&res, "x-wp-totalpages"), 50);
}

#[tokio::test]
async fn a_permalink_advertises_the_rest_api() {
    let wp = wordpress();
    let res = get(wp.post_link("demo")).await;
    let links: Vec<_> = res
        .headers()
        .get_all(LINK)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let api = format!("<{}>; rel=\"https://api.w.org/\"", wp.api());
    assert!(links.contains(&api.as_str()), "{links:?}");
}

#[tokio::test]
async fn application_passwords_authenticate_over_plain_http() {
    let wp = wordpress();
    for (user, role) in [("admin", "administrator"), ("sub", "subscriber")] {
        let me: Value = reqwest::Client::new()
            .get(format!("{}wp/v2/users/me?context=edit", wp.api()))
            .basic_auth(user, Some(wp.app_password(user)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["roles"][0], role, "{me}");
    }
}

#[tokio::test]
async fn the_modes_serve_the_same_site_stock_closed_and_with_a_block_theme() {
    let wp = wordpress();
    let client = reqwest::Client::new();
    for mode in ["stock", "closed", "stock_block", "closed_block"] {
        let page = client.get(wp.mode_link(mode, "demo")).send().await.unwrap();
        assert_eq!(page.status(), 200, "{mode}: the post's page is public");
        let html = page.text().await.unwrap();
        assert!(
            html.contains(wp.mode_url(mode)),
            "{mode}: links point at the mode's own port"
        );
        assert_eq!(
            html.contains("wp-block-comments"),
            mode.ends_with("_block"),
            "{mode}: block theme"
        );
        let api = client
            .get(format!(
                "{}/wp-json/wp/v2/comments?post={}",
                wp.mode_url(mode),
                wp.post_id("demo")
            ))
            .send()
            .await
            .unwrap();
        let closed = mode.starts_with("closed");
        assert_eq!(api.status(), if closed { 401 } else { 200 }, "{mode}");
        if closed {
            let body: Value = api.json().await.unwrap();
            assert_eq!(body["code"], "rest_cannot_access", "{mode}");
        }
    }
    // Stock: a guest may not comment over REST (rest_allow_anonymous_comments is off by default).
    let res = client
        .post(format!("{}/wp-json/wp/v2/comments", wp.mode_url("stock")))
        .json(
            &serde_json::json!({"post": wp.post_id("sandbox"), "content": "x",
            "author_name": "Robin", "author_email": "robin@example.com"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "rest_comment_login_required");
}
