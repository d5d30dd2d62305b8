//! Unit tests of `client.rs`: Retry-After, the redirect rule for POSTs, URLs shown.

use super::*;

#[test]
fn retry_after_accepts_seconds_and_dates() {
    assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(Duration::ZERO)
    );
    assert_eq!(parse_retry_after("soon"), None);
}

use reqwest::header::HeaderMap;

#[test]
fn only_a_same_place_http_to_https_redirect_is_followed_by_a_post() {
    let url = Url::parse("http://b.example/wp-json/wp/v2/comments?x=1").unwrap();
    let answer = |status: u16, location: &str| {
        let mut headers = HeaderMap::new();
        headers.insert("location", location.parse().unwrap());
        Response {
            url: url.clone(),
            status,
            headers,
            body: Vec::new(),
        }
    };
    let https = "https://b.example/wp-json/wp/v2/comments?x=1";
    assert_eq!(
        https_upgrade(&url, &answer(301, https)).map(String::from),
        Some(https.to_owned())
    );
    for elsewhere in [
        "https://evil.example/wp-json/wp/v2/comments?x=1",
        "https://b.example/wp-login.php",
        "http://b.example/wp-json/wp/v2/comments?x=1",
    ] {
        assert_eq!(
            https_upgrade(&url, &answer(301, elsewhere)),
            None,
            "{elsewhere}"
        );
    }
    assert_eq!(https_upgrade(&url, &answer(200, https)), None);
}

#[test]
fn display_url_drops_credentials() {
    let u = Url::parse("https://user:secret@example.com/x").unwrap();
    assert_eq!(display_url(&u), "https://example.com/x");
}
