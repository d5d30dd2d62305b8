use reqwest::header::{HeaderMap, HeaderValue, LOCATION};

use super::*;

fn page() -> Url {
    Url::parse("http://blog.example/2012/02/01/sandbox/").unwrap()
}

fn answer(status: u16, location: Option<&str>, body: &str) -> Response {
    let mut headers = HeaderMap::new();
    if let Some(l) = location {
        headers.insert(LOCATION, HeaderValue::from_str(l).unwrap());
    }
    Response {
        url: Url::parse("http://blog.example/wp-comments-post.php").unwrap(),
        status,
        headers,
        body: body.as_bytes().to_vec(),
    }
}

/// `wp_die()`'s page, as `wp-comments-post.php` sends it.
fn wp_die(message: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Comment Submission Failure</title></head>\
         <body id=\"error-page\"><div class=\"wp-die-message\"><p>{message}</p></div>\
         <p><a href='javascript:history.back()'>&laquo; Back</a></p></body></html>"
    )
}

fn refusal_of(resp: &Response) -> String {
    match read_answer(resp, &page(), true) {
        Err(Error::Refused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_redirect_to_the_comment_is_posted_and_unapproved_means_held() {
    let held = answer(
        302,
        Some(
            "http://blog.example/2012/02/01/sandbox/?unapproved=5060&moderation-hash=8efb#comment-5060",
        ),
        "",
    );
    let posted = read_answer(&held, &page(), true).unwrap();
    assert_eq!((posted.id, posted.status.as_str()), (5060, "hold"));
    assert_eq!(posted.status_words(), "awaiting moderation");
    assert_eq!(posted.route, Route::CommentForm);
    assert!(!posted.link.contains("moderation-hash"), "{}", posted.link);
    let approved = answer(302, Some("/2012/02/01/sandbox/#comment-61"), "");
    let posted = read_answer(&approved, &page(), true).unwrap();
    assert_eq!((posted.id, posted.status.as_str()), (61, "approved"));
    assert_eq!(
        posted.link,
        "http://blog.example/2012/02/01/sandbox/#comment-61"
    );
}

#[test]
fn wp_die_pages_read_like_the_rest_refusals() {
    let cases = [
        (
            409,
            "Duplicate comment detected; it looks as though you&#8217;ve already said that!",
            Refusal::Duplicate,
        ),
        (
            429,
            "You are posting comments too quickly. Slow down.",
            Refusal::Flood,
        ),
        (
            403,
            "Sorry, comments are closed for this item.",
            Refusal::Closed,
        ),
        (
            403,
            "Sorry, you must be logged in to comment.",
            Refusal::LoginRequired,
        ),
        (
            200,
            "<strong>Error:</strong> Please fill the required fields.",
            Refusal::NameEmailRequired(true),
        ),
        (
            200,
            "<strong>Error:</strong> Please type your comment text.",
            Refusal::Empty,
        ),
        (
            200,
            "<strong>Error:</strong> Please enter a valid email address.",
            Refusal::InvalidEmail,
        ),
        (
            200,
            "<strong>Error:</strong> Your comment is too long.",
            Refusal::TooLong,
        ),
    ];
    for (status, message, refusal) in cases {
        let why = refusal_of(&answer(status, None, &wp_die(message)));
        assert_eq!(
            why,
            format!("{} (HTTP {status}, comment form)", refusal.words())
        );
    }
    // A message we do not know is passed on, cleaned.
    let odd = refusal_of(&answer(403, None, &wp_die("Blocked by \u{1b}[31mFirewall")));
    assert_eq!(
        odd,
        "the site forbids this comment: Blocked by Firewall (HTTP 403, comment form)"
    );
}

#[test]
fn answers_that_are_not_a_new_comment_are_explained() {
    let login = refusal_of(&answer(302, Some("/wp-login.php?redirect_to=x"), ""));
    assert!(login.starts_with(Refusal::LoginRequired.words()), "{login}");
    let elsewhere = refusal_of(&answer(302, Some("https://other.example/thanks"), ""));
    assert!(
        elsewhere.contains("redirect to https://other.example/thanks, not to a new comment"),
        "{elsewhere}"
    );
    // Another host's #comment-N is not taken for ours.
    let forged = refusal_of(&answer(302, Some("https://other.example/#comment-5"), ""));
    assert!(forged.contains("not to a new comment"), "{forged}");
    let silent = refusal_of(&answer(200, None, ""));
    assert!(
        silent.starts_with(Refusal::PostCannotTake.words()),
        "{silent}"
    );
    let captcha = refusal_of(&answer(
        200,
        None,
        "<html><head><title>Prove you are human</title></head><body>…</body></html>",
    ));
    assert!(
        captcha.contains("a page (\u{201c}Prove you are human\u{201d}) instead of the new comment"),
        "{captcha}"
    );
    assert!(matches!(
        read_answer(&answer(500, None, "oops"), &page(), true),
        Err(Error::Http { status: 500, .. })
    ));
}

#[test]
fn the_form_may_post_only_to_the_pages_own_site() {
    let page = page();
    let at = |u: &str| Url::parse(u).unwrap();
    assert!(same_origin(
        &page,
        &at("http://blog.example/wp-comments-post.php")
    ));
    assert!(same_origin(
        &page,
        &at("https://blog.example/wp-comments-post.php")
    ));
    assert!(!same_origin(
        &page,
        &at("http://evil.example/wp-comments-post.php")
    ));
    assert!(!same_origin(
        &page,
        &at("http://blog.example:8080/wp-comments-post.php")
    ));
    let secure = at("https://blog.example/p/");
    assert!(!same_origin(
        &secure,
        &at("http://blog.example/wp-comments-post.php")
    ));
}
