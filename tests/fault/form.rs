//! The comment form on the wire, against a loopback server for what a real WordPress will not
//! do on demand: cookies the page set go back with the form, and a form that posts to another
//! host gets nothing.

use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wpcomments::api::form::post::post_through_form;
use wpcomments::api::page::fetch_post_page;
use wpcomments::api::write::{GuestAuthor, NewComment};
use wpcomments::api::{Client, ClientConfig};
use wpcomments::error::Error;

fn page_with_form(action: &str) -> String {
    format!(
        r#"<html><head><link rel="shortlink" href="/?p=11"></head><body class="single postid-11">
        <div id="respond"><form action="{action}" method="post" id="commentform">
        <textarea name="comment"></textarea><input name="author"><input name="email">
        <input type="hidden" name="comment_post_ID" value="11"><input type="hidden" name="comment_parent" value="0">
        <input type="hidden" name="plugin_nonce" value="n-42"></form></div></body></html>"#
    )
}

fn comment() -> NewComment {
    NewComment {
        post: 11,
        parent: 3,
        content: "Hello & welcome".into(),
        guest: Some(GuestAuthor {
            name: "Robin".into(),
            email: "robin@example.com".into(),
            url: String::new(),
        }),
    }
}

async fn serve_page(server: &MockServer, html: String, cookie: Option<&str>) {
    let mut page = ResponseTemplate::new(200)
        .insert_header("content-type", "text/html; charset=UTF-8")
        .set_body_string(html);
    if let Some(c) = cookie {
        page = page.insert_header("set-cookie", c);
    }
    Mock::given(method("GET"))
        .and(path("/post/"))
        .respond_with(page)
        .mount(server)
        .await;
}

#[tokio::test]
async fn the_form_goes_back_with_the_pages_cookies_and_every_field() {
    let site = MockServer::start().await;
    let html = page_with_form(&format!("{}/wp-comments-post.php", site.uri()));
    serve_page(&site, html, Some("wpc_session=s3ss; Path=/")).await;
    let location = format!(
        "{}/post/?unapproved=77&moderation-hash=abc#comment-77",
        site.uri()
    );
    Mock::given(method("POST"))
        .and(path("/wp-comments-post.php"))
        .and(header("cookie", "wpc_session=s3ss"))
        .and(body_string_contains("comment=Hello+%26+welcome"))
        .and(body_string_contains("comment_parent=3"))
        .and(body_string_contains("plugin_nonce=n-42"))
        .and(body_string_contains("author=Robin"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .expect(1)
        .mount(&site)
        .await;
    let browser = Client::new(ClientConfig::default())
        .unwrap()
        .with_cookies()
        .unwrap();
    let url = url::Url::parse(&format!("{}/post/", site.uri())).unwrap();
    let page = fetch_post_page(&browser, &url).await.unwrap();
    assert_eq!(page.post_id, Some(11));
    let posted = post_through_form(&browser, &page, &comment())
        .await
        .unwrap();
    assert_eq!((posted.id, posted.status.as_str()), (77, "hold"));
    assert_eq!(posted.link, format!("{}/post/#comment-77", site.uri()));
}

#[tokio::test]
async fn a_form_that_posts_to_another_host_is_not_sent() {
    let site = MockServer::start().await;
    let other = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/#comment-1"))
        .expect(0)
        .mount(&other)
        .await;
    let html = page_with_form(&format!("{}/wp-comments-post.php", other.uri()));
    serve_page(&site, html, None).await;
    let browser = Client::new(ClientConfig::default())
        .unwrap()
        .with_cookies()
        .unwrap();
    let url = url::Url::parse(&format!("{}/post/", site.uri())).unwrap();
    let page = fetch_post_page(&browser, &url).await.unwrap();
    let err = post_through_form(&browser, &page, &comment())
        .await
        .unwrap_err();
    match err {
        Error::Refused(why) => assert!(
            why.starts_with("the post's comment form sends comments to another site"),
            "{why}"
        ),
        other => panic!("{other:?}"),
    }
    // A form for another post than the one replied to is not sent either.
    let mut wrong = comment();
    wrong.post = 12;
    let html = page_with_form("/wp-comments-post.php");
    let page = wpcomments::api::page::PostPage::parse(&url, &html, &[]);
    let err = post_through_form(&browser, &page, &wrong)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("is for post 11, not post 12"),
        "{err}"
    );
}
